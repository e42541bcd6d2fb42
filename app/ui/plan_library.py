"""The plan library, browsable without starting anything: pick a plan as at the start (by
category or by its warning signs), read its phases and steps, print its blank checklist, or
start a drill of it. Reading a plan records nothing and opens no incident."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import language
from app.ui.flow_layout import FlowLayout
from app.ui.plan_picker import PlanPicker
from app.ui.session import Session
from app.ui.texts import CATEGORIES, label, role_label
from app.ui.widgets import html_text

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.loader import PlaybookFile


class PlanLibraryView(QWidget):
    drill = Signal(str)  # the plan's id: open the start screen on it, in drill mode
    printed = Signal(str)  # the blank checklist's path, written: for the window to open
    closed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        heading = QLabel(self.tr("Plan library"))
        heading.setObjectName("heading")
        left.addWidget(heading)
        self.picker = PlanPicker()
        left.addWidget(self.picker, 1)
        outer.addLayout(left, 3)

        right = QVBoxLayout()
        self.text = QTextBrowser()  # read-only: a plan is read here, never changed
        self.text.setObjectName("planText")
        self.text.setOpenExternalLinks(False)
        right.addWidget(self.text, 1)
        # On two lines when large text leaves no room for both (they were cut at both ends).
        buttons = FlowLayout(spacing=8)
        self.print_button = QPushButton(self.tr("Print the blank checklist (PDF)"))
        self.print_button.setToolTip(
            self.tr("The paper checklist with the contact sheet, for work without the laptop.")
        )
        self.print_button.clicked.connect(self.print_checklist)
        buttons.add(self.print_button)
        self.drill_button = QPushButton(self.tr("Start a drill of this plan…"))
        self.drill_button.setObjectName("bigAction")
        self.drill_button.clicked.connect(self._drill)
        buttons.add(self.drill_button)
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.closed)
        buttons.add(back)
        right.addLayout(buttons)
        outer.addLayout(right, 5)
        self.picker.plan_changed.connect(lambda _id: self.show_plan())

    def reset(self) -> None:
        """Each time the screen opens: every plan offered, the search field focused."""
        plans = self.session.read(lambda: self.session.ws.library.all()) or []
        self.picker.offer(sorted(plans, key=lambda p: not p.plan.handover_to))
        self.picker.search.setFocus()

    def show_plan(self) -> None:
        plan = self.picker.chosen_file()
        for button in (self.print_button, self.drill_button):
            button.setEnabled(plan is not None)
        self.text.setHtml(
            self.plan_html(plan, language())
            if plan is not None
            else html_text(self.tr("No plan matches. Clear the search or the category."))
        )

    def _drill(self) -> None:
        if self.picker.chosen():
            self.drill.emit(self.picker.chosen())

    def print_checklist(self) -> None:
        """The plan's blank checklist, made on a worker as ``sonae print`` makes it, into the
        data folder's reports folder; the window then opens it like the other PDFs."""
        plan_id = self.picker.chosen()
        if not plan_id:
            return
        from app.domain.timeutil import jst

        stamp = jst(self.session.now()).strftime("%Y%m%dT%H%M")
        out = self.session.root / "reports" / f"checklist-{plan_id}-{stamp}.pdf"
        root = self.session.root

        def work() -> Path:
            from app.services.reports import write_checklist

            out.parent.mkdir(parents=True, exist_ok=True)  # the app's own reports folder
            return write_checklist(root, plan_id, out)

        def done(path: Any) -> None:
            self.session.info.emit(self.tr("Checklist written: {path}").format(path=path))
            self.printed.emit(str(path))

        self.session.in_background(self.tr("Making the checklist…"), work, done)

    def plan_html(self, plan: PlaybookFile, lang: str) -> str:
        """A plan to read: its summary and warning signs, then each phase with its steps (what to
        do, who, whom to call, the items to check), then its clocks."""
        from app.services.contacts import body_name, load_contacts

        contacts = self.session.read(lambda: load_contacts(self.session.ws.root))
        p = plan.plan
        out = [f"<h2>{html_text(p.title.get(lang))}</h2>"]
        out.append(f"<p><i>{html_text(label(CATEGORIES, p.category))}</i></p>")
        if p.summary:
            out.append(f"<p>{html_text(p.summary.get(lang))}</p>")
        if p.signs:
            signs = self.tr("Warning signs")
            out.append(f"<p><b>{html_text(signs)}</b></p><ul>")
            out += [f"<li>{html_text(s.get(lang))}</li>" for s in p.signs]
            out.append("</ul>")
        number = 0
        for phase in p.phases:
            out.append(f"<h3>{html_text(phase.title.get(lang))}</h3><ol start={number + 1}>")
            for step in phase.steps:
                number += 1
                item = [f"<b>{html_text(step.title.get(lang))}</b>"]
                if step.when:
                    some = self.tr("only in some cases")
                    item.append(f" <i>({html_text(some)})</i>")
                if step.role:
                    who = self.tr("Who: {role}").format(role=role_label(step.role))
                    item.append(f"<br>{html_text(who)}")
                if step.detail:
                    item.append(f"<br>{html_text(step.detail.get(lang))}")
                if step.contacts:
                    names = ("、" if lang == "ja" else ", ").join(
                        body_name(contacts, b, lang) for b in step.contacts
                    )
                    call = self.tr("Call: {bodies}").format(bodies=names)
                    item.append(f"<br>{html_text(call)}")
                if step.checks:
                    # The box is the item's mark: no bullet before it as well (it read "• ☐").
                    item.append('<ul style="list-style-type: none">')
                    item += [f"<li>☐ {html_text(c.text.get(lang))}</li>" for c in step.checks]
                    item.append("</ul>")
                out.append(f"<li>{''.join(item)}</li>")
            out.append("</ol>")
        if p.deadlines:
            clocks = self.tr("Deadlines")
            out.append(f"<h3>{html_text(clocks)}</h3><ul>")
            out += [f"<li>{html_text(d.title.get(lang))}</li>" for d in p.deadlines]
            out.append("</ul>")
        return "".join(out)

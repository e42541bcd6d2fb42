"""Hand the incident over to another plan (初報 → a specific plan, or a plan that turned out not
to fit). The hand-over is one log entry; what was recorded stays, decisions carry over by id, and
the new plan's steps continue the same incident. Which plans are offered is the services' rule
(``rules.hand_over_targets``); this dialog only shows them and suggests one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.visible import for_screen
from app.i18n import language
from app.ui.plan_picker import PlanPicker
from app.ui.widgets import full_width, html_text, plan_description

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.loader import PlaybookFile


def suggested(targets: list[PlaybookFile], written: list[str]) -> str:
    """A plan already named in the steps' records (初報's 'plan handed over to' field)."""
    for text in reversed(written):
        folded = text.strip().casefold()
        for plan in targets:
            names = (plan.id, plan.plan.title.ja, plan.plan.title.en or "")
            if folded and any(folded == n.casefold() for n in names if n):
                return plan.id
    return ""


class HandOverDialog(QDialog):
    """Window-modal but not blocking (opened with ``open``): the clocks keep ticking behind it."""

    chosen = Signal(str)  # the target plan's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handOverDialog")
        self.setWindowTitle(self.tr("Hand over to another plan"))
        self.resize(760, 560)
        column = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        column.addWidget(self.intro)
        body = QHBoxLayout()
        self.picker = PlanPicker()
        body.addWidget(self.picker, 3)
        self.summary, summary_scroll = plan_description()
        body.addWidget(summary_scroll, 2)
        column.addLayout(body, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.hand_over_button = QPushButton(self.tr("Hand over (Ctrl+Enter)"))
        self.hand_over_button.setObjectName("bigAction")
        self.hand_over_button.clicked.connect(self.confirm)
        buttons.addWidget(self.hand_over_button)
        column.addLayout(buttons)
        self.picker.plan_changed.connect(self._show_plan)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        QShortcut(QKeySequence("Ctrl+F"), self, self.picker.search.setFocus)

    def offer(self, current: PlaybookFile, targets: list[PlaybookFile], suggest: str = "") -> None:
        lang = language()
        self.intro.setText(
            self.tr(
                "Now following: {plan}. Choose the plan that fits. What was recorded and decided "
                "stays in this incident, and the new plan's steps continue it."
            ).format(plan=for_screen(current.plan.title.get(lang)))
        )
        self.picker.offer(targets)
        if suggest:
            self.picker.choose(suggest)
        self.picker.search.setFocus()
        self.fit_to_text()

    def fit_to_text(self) -> None:
        """As large as the text size asks, inside the screen: at 20 pt a fixed 760×560 showed
        one plan and cut the description's lines at the side."""
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else self.screen()
        room = screen.availableGeometry() if screen is not None else None
        width = full_width(self, 50)
        height = self.fontMetrics().lineSpacing() * 26
        if room is not None:
            width = min(width, room.width() - 60)
            height = min(height, room.height() - 80)
        self.resize(max(width, 760), max(height, 560))

    def _show_plan(self, _plan_id: str) -> None:
        plan = self.picker.chosen_file()
        self.hand_over_button.setEnabled(plan is not None)
        if plan is None:
            self.summary.setText(self.tr("No plan matches. Clear the search or the category."))
            return
        lang = language()
        summary = plan.plan.summary.get(lang) if plan.plan.summary else ""
        self.summary.setText(
            f"<b>{html_text(plan.plan.title.get(lang))}</b><br>{html_text(summary)}"
        )

    def confirm(self) -> None:
        plan_id = self.picker.chosen()
        if plan_id:
            self.chosen.emit(plan_id)
            self.accept()

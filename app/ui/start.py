"""Start a response: pick the plan (by category, or by searching titles and warning signs), then
say what happened, in one keyboard-friendly screen. Ctrl+Enter starts."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.timeutil import JST, jst
from app.i18n import language
from app.ui.plan_picker import PlanPicker
from app.ui.session import Session
from app.ui.texts import BODY_CHOICES, MODES, label
from app.ui.texts import ZONES as ZONE_NAMES
from app.ui.widgets import html_text, plan_description

ZONES = tuple(ZONE_NAMES)


class StartView(QWidget):
    started = Signal(str)  # the new incident's id
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QHBoxLayout(self)

        # Left: choose the plan.
        left = QVBoxLayout()
        heading = QLabel(self.tr("Start a response"))
        heading.setObjectName("heading")
        left.addWidget(heading)
        self.picker = PlanPicker()
        self.search = self.picker.search
        self.plans = self.picker.plans
        left.addWidget(self.picker, 1)
        outer.addLayout(left, 3)

        # Right: what happened.
        right = QVBoxLayout()
        self.plan_summary, summary_scroll = plan_description()
        right.addWidget(summary_scroll, 1)  # it scrolls; the form below keeps its height
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("What happened, in a few words"))
        form.addRow(self.tr("Title"), self.title)
        modes = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode in MODES:
            button = QRadioButton(label(MODES, mode))
            button.setProperty("mode", mode)
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            modes.addWidget(button)
        self.mode_buttons["real"].setChecked(True)
        form.addRow(self.tr("Mode"), modes)
        self.actor = QLineEdit(session.actor)
        self.actor.setPlaceholderText(self.tr("Your name"))
        form.addRow(self.tr("Responder"), self.actor)
        zones = QVBoxLayout()  # one above the other: a narrow form leaves room for the plans
        self.zone_boxes: dict[str, QCheckBox] = {}
        for zone in ZONES:
            box = QCheckBox(label(ZONE_NAMES, zone))
            self.zone_boxes[zone] = box
            zones.addWidget(box)
        form.addRow(self.tr("Zones"), zones)
        # One of the bodies the plans' conditions read (incident.body), by its id: a name typed
        # in freely would read as unanswered, and a council's clocks would run as the city's.
        self.body = QComboBox()
        self.body.setObjectName("bodyChoice")
        for body in BODY_CHOICES:
            self.body.addItem(label(BODY_CHOICES, body), body)
        self.body.setCurrentIndex(0)  # 内部部局: the city's own departments, most incidents
        self.body.setToolTip(
            self.tr("Some steps and clocks differ for the council (for example the PPC reports).")
        )
        form.addRow(self.tr("Body concerned"), self.body)
        aware = QVBoxLayout()
        self.earlier = QCheckBox(self.tr("We became aware earlier, at:"))
        self.awareness = QDateTimeEdit()
        self.awareness.setDisplayFormat("yyyy-MM-dd HH:mm 'JST'")
        self.awareness.setCalendarPopup(True)
        self.awareness.setEnabled(False)
        self.earlier.toggled.connect(self.awareness.setEnabled)
        aware.addWidget(self.earlier)
        aware.addWidget(self.awareness)
        form.addRow(self.tr("Awareness"), aware)
        right.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Back"))
        cancel.clicked.connect(self.cancelled)
        buttons.addWidget(cancel)
        self.start_button = QPushButton(self.tr("Start (Ctrl+Enter)"))
        self.start_button.setObjectName("bigAction")
        self.start_button.clicked.connect(self.start)
        buttons.addWidget(self.start_button)
        right.addLayout(buttons)
        outer.addLayout(right, 4)

        self.picker.plan_changed.connect(lambda _id: self.plan_chosen())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.start)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)

    def reset(self) -> None:
        """Called each time the screen opens: a fresh form, the search field focused."""
        self.title.clear()
        self.earlier.setChecked(False)
        self.mode_buttons["real"].setChecked(True)
        self.body.setCurrentIndex(0)
        self.actor.setText(self.session.actor)
        local = jst(self.session.now()).replace(tzinfo=None, second=0, microsecond=0)
        self.awareness.setDateTime(QDateTime(local))
        plans = self.session.read(lambda: self.session.ws.library.all()) or []
        # The first-report plan (it hands over to the others) leads: for when it is not yet clear.
        self.picker.offer(sorted(plans, key=lambda p: not p.plan.handover_to))
        self.search.setFocus()

    def preset(self, plan_id: str, mode: str) -> None:
        """Opened on one plan and mode (a drill of a plan read in the library): the title is
        what is left to write."""
        self.picker.choose(plan_id)
        if mode in self.mode_buttons:
            self.mode_buttons[mode].setChecked(True)
        self.title.setFocus()

    def chosen_plan(self) -> str:
        return self.picker.chosen()

    def plan_chosen(self) -> None:
        plan = self.picker.chosen_file()
        self.start_button.setEnabled(plan is not None)
        if plan is None:
            self.plan_summary.setText(self.tr("No plan matches. Clear the search or the category."))
            return
        lang = language()
        summary = plan.plan.summary.get(lang) if plan.plan.summary else ""
        self.plan_summary.setText(
            f"<b>{html_text(plan.plan.title.get(lang))}</b><br>{html_text(summary)}"
        )
        for zone, box in self.zone_boxes.items():
            box.setChecked(zone in plan.plan.zones)

    def mode(self) -> str:
        button = self.mode_group.checkedButton()
        return str(button.property("mode")) if button else "real"

    def start(self) -> None:
        plan_id = self.chosen_plan()
        if not plan_id:
            self.session.error.emit(self.tr("Choose a plan first."))
            return
        actor = self.actor.text().strip()
        for empty, field, why in (
            (not self.title.text().strip(), self.title, self.tr("Write a title first.")),
            (not actor, self.actor, self.tr("Write your name first (it goes in the log).")),
        ):
            if empty:
                self.session.error.emit(why)
                field.setFocus()
                return
        self.session.set_actor(actor)
        body = self.body.currentData()
        awareness = None
        if self.earlier.isChecked():  # the editor shows JST wall-clock time, whatever the OS says
            local: datetime = self.awareness.dateTime().toPython()  # type: ignore[assignment]
            awareness = local.replace(tzinfo=JST).astimezone(UTC)
        zones = [z for z, box in self.zone_boxes.items() if box.isChecked()]
        incidents = self.session.ws.incidents
        new_id = self.session.act(
            "",
            lambda: incidents.start(
                plan_id,
                self.title.text(),
                actor,
                mode=self.mode(),
                zones=zones,
                body=str(body or ""),
                awareness_at=awareness,
            ),
        )
        if new_id:
            self.started.emit(new_id)

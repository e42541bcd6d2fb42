"""The lesson form: what was learned (a lesson, what went well, what did not), and for an
improvement item who sees to it, by when, and which step of which plan it should change.

Opened from the incident view (教訓を記録…, Ctrl+L, with the quick note's text if one is typed)
and from a note in the timeline (教訓として記録…, which marks the lesson on that note). Like the
other forms it is window-modal but not blocking, only collects what was typed, and stays open
with the services' refusal beside the button when it is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QStandardItemModel, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.kinds import LESSON_CATEGORIES
from app.domain.timeutil import jst
from app.domain.visible import for_screen
from app.i18n import language
from app.ui.incident_controller import LessonDraft
from app.ui.record_dialogs import _Form
from app.ui.texts import LESSON_CATEGORIES as CATEGORY_WORDS
from app.ui.texts import label
from app.ui.widgets import PrintWarning, full_width

if TYPE_CHECKING:
    from app.domain.state import IncidentState


def target(plan_id: str, step_id: str) -> str:
    """A step of a plan as the step combo keeps it ("plan/step"; ids have no slash)."""
    return f"{plan_id}/{step_id}"


class DueEdit(QDateEdit):
    """A day, or 未定: its lowest value (the day before today) stands for "no date yet", so a
    date is chosen, never assumed. One step up from 未定 is today, not the same day a year on."""

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt's name)
        if self.date() == self.minimumDate() and steps > 0:
            self.setDate(self.minimumDate().addDays(1))
            return
        super().stepBy(steps)


class LessonDialog(_Form):
    """One lesson; the improvement item's parts appear when it is one."""

    recorded = Signal(object)  # LessonDraft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Record (Ctrl+Enter)"))
        self.setObjectName("lessonDialog")
        self.setWindowTitle(self.tr("Record a lesson"))
        self.setMinimumWidth(560)
        self.note_uuid = ""
        self.text = QPlainTextEdit()
        self.text.setObjectName("lessonText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What was learned, what went well or what did not"))
        self.text.setFixedHeight(self.text.fontMetrics().height() * 4 + 12)
        # The warning right under the box it is about, as high as its text when shown.
        text_box = QWidget()
        text_column = QVBoxLayout(text_box)
        text_column.setContentsMargins(0, 0, 0, 0)
        text_column.setSpacing(2)
        text_column.addWidget(self.text)
        self.warning = PrintWarning(self.text)
        text_column.addWidget(self.warning)
        self.form.addRow(self.tr("Lesson *"), text_box)

        kinds = QWidget()
        kinds_row = QHBoxLayout(kinds)
        kinds_row.setContentsMargins(0, 0, 0, 0)
        # Two characters between the choices: closer, each circle sat against the label before
        # it (「◉教訓◯良かった点」) and could be taken for that one's.
        kinds_row.setSpacing(full_width(self, 2))
        self.categories = QButtonGroup(self)
        self.category_buttons: dict[str, QRadioButton] = {}
        for category in LESSON_CATEGORIES:
            button = QRadioButton(label(CATEGORY_WORDS, category))
            button.setObjectName(f"lesson_{category}")
            self.categories.addButton(button)
            self.category_buttons[category] = button
            kinds_row.addWidget(button)
        kinds_row.addStretch(1)
        self.form.addRow(self.tr("Kind"), kinds)

        self.improvement = QCheckBox(self.tr("Improvement item (who, by when, which step)"))
        self.improvement.setObjectName("lessonImprovement")
        self.improvement.setToolTip(
            self.tr("Listed in the after-action report as something to change, with its owner.")
        )
        self.form.addRow("", self.improvement)
        self.owner = QLineEdit()
        self.owner.setObjectName("lessonOwner")
        self.owner.setPlaceholderText(self.tr("A name or a section"))
        self.form.addRow(self.tr("Owner"), self.owner)
        self.due = DueEdit()
        self.due.setObjectName("lessonDue")
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setCalendarPopup(True)
        self.due.setSpecialValueText(self.tr("Not set"))
        self.form.addRow(self.tr("Due"), self.due)
        self.step = QComboBox()
        self.step.setObjectName("lessonStep")
        self.step.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.step.setMinimumContentsLength(28)  # a long step title never widens the form
        self.form.addRow(self.tr("Step to change"), self.step)
        self.improvement.toggled.connect(self._show_improvement)
        self._show_improvement(False)

    def _show_improvement(self, on: bool) -> None:
        for widget in (self.owner, self.due, self.step):
            self.form.setRowVisible(widget, on)
        self.adjustSize()

    def offer(
        self,
        state: IncidentState,
        now: datetime,
        text: str = "",
        note_uuid: str = "",
        note_seq: int = 0,
        step_id: str = "",
    ) -> None:
        """A fresh form: ``text`` typed in already (a note's or the quick note's); from a note,
        marked on it (``note_uuid``, its number ``note_seq``), its step chosen for a change."""
        self.note_uuid = note_uuid
        if note_uuid:
            self.intro.setText(
                self.tr("From note #{seq}: the lesson is marked on it.").format(seq=note_seq)
            )
        else:
            self.intro.setText(self.tr("For the after-action report and the next plan revision."))
        self.text.setPlainText(text)
        self.category_buttons["lesson"].setChecked(True)
        self.improvement.setChecked(False)
        self.owner.clear()
        today = jst(now).date()
        yesterday = today - timedelta(days=1)
        self.due.setMinimumDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.due.setDate(self.due.minimumDate())  # "Not set"
        self._fill_steps(state)
        if step_id:
            index = self.step.findData(target(state.playbook.id, step_id))
            self.step.setCurrentIndex(max(0, index))
        self.problem.hide()
        self.warning.check()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.text.moveCursor(QTextCursor.MoveOperation.End)

    def _fill_steps(self, state: IncidentState) -> None:
        """The "None" item, then each plan of the incident (the current first): phases, steps."""
        lang = language()
        self.step.clear()
        self.step.addItem(self.tr("None"), "")
        seen: set[str] = set()
        runs = [run.playbook for run in reversed(state.plans)]
        several = len({p.id for p in runs}) > 1
        model = self.step.model()
        widest = 0
        metrics = self.step.view().fontMetrics()
        for playbook in runs:
            if playbook.id in seen:
                continue  # an earlier run of the same plan: the newest version is offered
            seen.add(playbook.id)
            plan = playbook.plan
            for phase in plan.phases:
                heading = for_screen(phase.title.get(lang))
                if several:
                    heading = f"{for_screen(plan.title.get(lang))} › {heading}"
                self.step.addItem(heading, None)  # no data: not a step
                widest = max(widest, metrics.horizontalAdvance(heading))
                if isinstance(model, QStandardItemModel):
                    item = model.item(self.step.count() - 1)
                    item.setEnabled(False)  # a heading, not a choice (greyed, skipped by keys)
                for step in phase.steps:
                    text = for_screen(step.title.get(lang))
                    self.step.addItem(text, target(playbook.id, step.id))
                    widest = max(widest, metrics.horizontalAdvance(text))
        # The list is as wide as its titles (within the screen); the box stays narrow.
        screen = self.screen()
        room = screen.availableGeometry().width() - 80 if screen is not None else 1200
        self.step.view().setMinimumWidth(min(widest + 40, room))
        self.step.setCurrentIndex(0)

    def category(self) -> str:
        return next(
            (c for c, b in self.category_buttons.items() if b.isChecked()), LESSON_CATEGORIES[0]
        )

    def due_date(self) -> date | None:
        if self.due.date() == self.due.minimumDate():
            return None
        day: date = self.due.date().toPython()  # type: ignore[assignment]
        return day

    def step_target(self) -> tuple[str, str]:
        """The plan and step chosen to change (("", "") for none)."""
        chosen = self.step.currentData()
        plan, _, step = chosen.partition("/") if isinstance(chosen, str) else ("", "", "")
        return plan, step

    def lesson(self) -> LessonDraft:
        plan, step = self.step_target()
        return LessonDraft(
            text=self.text.toPlainText().strip(),
            category=self.category(),
            improvement=self.improvement.isChecked(),
            owner=self.owner.text().strip(),
            due=self.due_date(),
            plan=plan,
            step=step,
            note=self.note_uuid,
        )

    def submit(self) -> None:
        self.recorded.emit(self.lesson())

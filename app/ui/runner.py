"""The runner's parts around the current step: the phase strip, the step list and the decisions.

Steps that a decision rules out are hidden from the list the moment the decision is taken, and
come back if it changes; steps still waiting for a decision are listed, marked as waiting.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.progress import phase_complete, plan_status, step_status
from app.domain.timeutil import parse_iso
from app.domain.visible import for_screen
from app.domain.vocabulary import (
    BACK_DUE,
    DEFERRED_UNTIL,
    IN_PROGRESS_BY,
    NEXT_DUE,
    PHASE_COMPLETE,
    PLAN_STATE_LABELS,
)
from app.i18n import language
from app.services.rules import refusal
from app.ui.occurred_at import OccurredAt
from app.ui.texts import (
    REPEAT_STATES,
    STEP_STATES,
    TARGET_STATES,
    choice_label,
    day_and_time,
    label,
)
from app.ui.widgets import full_width, polish

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.state import IncidentState

MARKS = {
    "done": "✓",
    "skipped": "≫",  # in the Japanese font: a fallback glyph's taller line cut the row's words
    "active": "▶",
    "pending": "○",
    "waiting": "？",
    "not_applicable": "–",
    "repeating": "↻",
    "deferred": "‖",
}
# Each state's colour, always with its mark (and for some its word): skipping is an override,
# amber, never read as done's green; a deferred step is still to do, in its own violet.
COLOURS = {
    "done": "#2b8a3e",
    "skipped": "#b35c00",
    "deferred": "#6741d9",
    "active": "#1864ab",
    "waiting": "#868e96",
}
# States said in words on the row too, not only by their mark.
WORDED = ("active", "skipped", "deferred")
DUE = Qt.ItemDataRole.UserRole + 1  # the text of a step's row before its time marks are added
ALERT = ("▲", "■")  # the signs of a time come: bold rows


def state_words(state: IncidentState, step_id: str, step_state: str) -> str:
    """A step's state in words, with who has it in hand (実施中: 佐藤) or when a deferred step is
    to be come back to: the list's rows and the step's pane say it the same way."""
    lang = language()
    record = state.plan.steps.get(step_id)
    if step_state == "active" and record is not None and record.actor:
        return IN_PROGRESS_BY.format(lang, who=for_screen(record.actor))
    if step_state == "deferred" and record is not None and record.deferred_until:
        return DEFERRED_UNTIL.format(lang, until=day_and_time(parse_iso(record.deferred_until)))
    return label(STEP_STATES, step_state)


class PhaseSegment(QPushButton):
    """A phase's title and its count: the title shortened with … when the strip is narrow (large
    text, English), the count always whole; the whole title on hover. Without this the button
    cut its centred text at both ends (「ct and first response」)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("phaseSegment")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title = ""
        self.count = ""

    # As wide as the whole title asks when there is room; as narrow as "…  0/14" when there is
    # not (measured from the parts, not from the shortened text shown, which would feed back).
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = self.fontMetrics().horizontalAdvance(f"{self.title}  {self.count}") + 24
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = self.fontMetrics().horizontalAdvance(f"…  {self.count}") + 24
        return QSize(width, super().minimumSizeHint().height())

    def show_parts(self, title: str, count: str) -> None:
        if (title, count) != (self.title, self.count):
            self.title, self.count = title, count
            self.updateGeometry()
        self.setToolTip(f"{title}  {count}")
        self.setAccessibleName(f"{title} {count}")
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        room = self.width() - 16 - metrics.horizontalAdvance(f"  {self.count}")
        shown = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, max(room, 0))
        self.setText(f"{shown}  {self.count}")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # bold when current, larger text
            self._fit()


class PhaseStrip(QWidget):
    """One segment per phase: its title, done/total, and whether it is finished or current."""

    phase_clicked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("phaseStrip")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
        self.segments: dict[str, PhaseSegment] = {}

    def show_state(self, state: IncidentState, current_step: str | None) -> None:
        lang = language()
        states = state.step_states()
        plan = state.playbook.plan
        current_phase = plan.phase_of(current_step) if current_step else None
        ids = [p.id for p in plan.phases]
        if list(self.segments) != ids:
            for button in self.segments.values():
                # Gone now, not when the event loop gets to deleting it: another plan's phases
                # were drawn beside this one's until then.
                self.row.removeWidget(button)
                button.hide()
                button.deleteLater()
            self.segments = {}
            for phase in plan.phases:
                button = PhaseSegment()
                button.clicked.connect(lambda _=False, pid=phase.id: self.phase_clicked.emit(pid))
                self.row.addWidget(button)
                self.segments[phase.id] = button
        for phase in plan.phases:
            applicable = [s for s in phase.steps if states[s.id] != "not_applicable"]
            finished = [s for s in applicable if states[s.id] in ("done", "skipped")]
            button = self.segments[phase.id]
            title = for_screen(phase.title.get(lang))  # a city's own plan is typed text too
            complete = phase_complete(state, phase)
            mark = "✓ " if complete else ""
            if complete:
                look = "finished"
            elif current_phase is not None and current_phase.id == phase.id:
                look = "current"
            elif finished:
                look = "started"
            else:
                look = ""
            button.setProperty("look", look)
            polish(button)  # first: the current phase is bold, and its words fit in that font
            button.show_parts(f"{mark}{title}", f"{len(finished)}/{len(applicable)}")


class StepList(QListWidget):
    """Every applicable step of the plan, grouped under its phase, with its state in words."""

    step_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("stepList")
        self.setWordWrap(True)
        # Rows laid out again at every width and text: a row's state word at its end must wrap
        # onto the next line, never be cut off with "…".
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # and at one width: a scroll bar that comes and goes would narrow rows laid out without it
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.currentItemChanged.connect(self._chosen)
        self._filling = False
        self.tails: dict[str, str] = {}  # step id -> what its time says now (next due, late)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for about twelve characters a line: squeezed by the step's actions (wider in
        English), the list was 85 px and its step names were cut mid-word."""
        hint = super().minimumSizeHint()
        wanted = full_width(self, 12) + self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), wanted), hint.height())

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and not self._filling:
            step_id = item.data(Qt.ItemDataRole.UserRole)
            if step_id:
                self.step_chosen.emit(str(step_id))

    def show_state(self, state: IncidentState, selected: str | None, next_id: str | None) -> None:
        """The rows as the state has them, with ``selected`` current. When the same rows are
        listed (the usual case: a click, a Done) they are updated in place, so the list keeps
        where it is scrolled to and the clicked row stays under the pointer; when a decision
        hides or brings back steps, the rows are made again at the same scroll position."""
        lang = language()
        states = state.step_states()
        bold = QFont(self.font())
        bold.setBold(True)
        rows: list[tuple[str, str, str, QColor | None, bool]] = []  # id ("" heading), text, tip
        for phase in state.playbook.plan.phases:
            heading = for_screen(phase.title.get(lang))
            if phase_complete(state, phase):
                heading += f"  ✓ {PHASE_COMPLETE.text(lang)}"
            rows.append(("", heading, "", None, True))
            for step in phase.steps:
                step_state = states[step.id]
                if step_state == "not_applicable":
                    continue  # hidden: a decision ruled it out
                text = f"{MARKS[step_state]} {for_screen(step.title.get(lang))}"
                if step_state in WORDED:
                    text += f"  {state_words(state, step.id, step_state)}"
                if step.id == next_id:
                    text = "→ " + text
                hue = COLOURS.get(step_state)
                tip = label(STEP_STATES, step_state)
                rows.append((step.id, text, tip, QColor(hue) if hue else None, step.id == next_id))
        overall = plan_status(state)
        if overall.state != "open":
            # Where the plan ends, as a state: complete, or complete but for what was deferred.
            said = PLAN_STATE_LABELS[overall.state].format(lang, n=len(overall.deferred))
            tip = "\n".join(
                f"{MARKS['deferred']} {for_screen(s.title.get(lang))}" for s in overall.deferred
            )
            rows.append(("", f"✓ {said}", tip, QColor(COLOURS["done"]), True))
        self._filling = True
        try:
            same = self.count() == len(rows) and all(
                (self.item(r).data(Qt.ItemDataRole.UserRole) or "") == row[0]
                for r, row in enumerate(rows)
            )
            bar = self.verticalScrollBar()
            scrolled = bar.value()
            if not same:
                self.clear()
            current = None
            for r, (step_id, text, tip, colour, strong) in enumerate(rows):
                if same:
                    item = self.item(r)
                else:
                    item = QListWidgetItem(text)
                    if not step_id:
                        item.setFlags(Qt.ItemFlag.NoItemFlags)
                    else:
                        item.setData(Qt.ItemDataRole.UserRole, step_id)
                    self.addItem(item)
                item.setData(DUE, text)
                if not step_id and item.text() != text:
                    item.setText(text)  # a heading: a phase or the plan complete now
                if item.toolTip() != tip:
                    item.setToolTip(tip)
                item.setForeground(QBrush(colour) if colour is not None else QBrush())
                font = QFont(bold if strong else self.font())
                if item.font() != font:
                    item.setFont(font)
                if step_id and step_id == selected:
                    current = item
            if not same:
                bar.setValue(scrolled)
            if current is None:
                self.setCurrentRow(-1)
            elif self.currentItem() is not current:
                # Scrolls only when the row is out of sight (a key or Done moved on to it).
                self.setCurrentItem(current)
            if current is not None and not current.isSelected():
                current.setSelected(True)
        finally:
            self._filling = False
        self._mark_due(force=True)

    def show_due(self, state: IncidentState, now: datetime) -> None:
        """What each step's time says now (checked on every tick): a repeating step's next time
        or that it is due, a target past, a deferred step's time to come back to it."""
        lang = language()
        tails: dict[str, str] = {}
        for step in state.playbook.plan.steps():
            if step.every is None and step.target_duration is None:
                if state.step_state(step) != "deferred":
                    continue  # no clock of its own: nothing to say (and nothing to compute)
            status = step_status(state, step, now)
            said = []
            if status.repeat_due:
                said.append(f"▲ {label(REPEAT_STATES, 'due')}")
            elif status.next_due is not None:
                said.append(NEXT_DUE.format(lang, at=day_and_time(status.next_due)))
            if status.late:
                said.append(f"■ {label(TARGET_STATES, 'overdue')}")
            if status.back_due:
                said.append(f"▲ {BACK_DUE.text(lang)}")
            if said:
                tails[step.id] = "  ".join(said)
        if tails != self.tails:
            self.tails = tails
            self._mark_due()

    def _mark_due(self, force: bool = False) -> None:
        changed = False
        for row in range(self.count()):
            item = self.item(row)
            step_id = item.data(Qt.ItemDataRole.UserRole)
            if not step_id:
                continue
            text = str(item.data(DUE))
            tail = self.tails.get(step_id, "")
            if tail:
                text = f"{text}  {tail}"
            if item.text() != text or force:
                if item.text() != text:
                    item.setText(text)
                    changed = True
                font = QFont(item.font())
                font.setBold(any(sign in tail for sign in ALERT) or text.startswith("→ "))
                if item.font() != font:
                    item.setFont(font)
        if changed:
            self.scheduleDelayedItemsLayout()  # a longer row takes the lines it needs

    def step_ids(self) -> list[str]:
        """The steps listed now, in order (hidden ones are not here)."""
        ids = []
        for row in range(self.count()):
            step_id = self.item(row).data(Qt.ItemDataRole.UserRole)
            if step_id:
                ids.append(str(step_id))
        return ids


class ElidedLabel(QLabel):
    """One line, shortened with … to the room it has; the whole text on hover."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.whole = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("1. 個人情報…"))
        super().setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self.whole, Qt.TextElideMode.ElideRight, max(0, self.width() - 2)
        )
        if shown != self.text():
            super().setText(shown)


class AnsweredLine(QFrame):
    """An answered question on one line: "3. question… | answer | Change", and under it, when
    the answer was given with a reason, the reason (shortened; whole on hover)."""

    def __init__(self, asked: str, help_text: str) -> None:
        super().__init__()
        self.setObjectName("decisionAnswered")
        self.asked = asked
        self.help_text = for_screen(help_text)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.ask = ElidedLabel(asked)
        self.ask.setObjectName("decisionAskAnswered")
        self.ask.setToolTip("\n".join(t for t in (asked, self.help_text) if t))
        row.addWidget(self.ask, 1)
        self.answer = QLabel()
        self.answer.setObjectName("decisionAnswer")
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.answer)
        self.change = QPushButton(self.tr("Change"))
        self.change.setObjectName("changeAnswer")
        self.change.setToolTip(self.tr("Show the whole question and its answers again"))
        # Reached by Tab, not by a stray Space: it only opens the answers, records nothing.
        self.change.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.change.setStyleSheet("padding: 0px 10px;")  # a line as high as its text
        row.addWidget(self.change)
        column.addLayout(row)
        self.reason = ElidedLabel("")
        self.reason.setObjectName("decisionReasonShown")
        self.reason.setIndent(self.fontMetrics().horizontalAdvance("1. "))
        self.reason.hide()
        column.addWidget(self.reason)

    def set_answer(self, text: str, reason: str = "") -> None:
        self.answer.setText(f"→ {text}")
        said = self.tr("Reason: {reason}").format(reason=reason) if reason else ""
        self.reason.whole = said
        self.reason.setText(said)
        self.reason._elide()
        self.reason.setToolTip(said)
        self.reason.setVisible(bool(reason))
        tip = [self.asked, said, self.help_text]
        self.ask.setToolTip("\n".join(t for t in tip if t))


class DecisionsPanel(QFrame):
    """Each question of the plan with its answers as buttons; the chosen one stays pressed.

    The answers take no focus from clicks, Tab or a rebuilt panel (a stray Space would record a
    decision that starts legal clocks); the keyboard reaches them on purpose with Alt+1..9, then
    Left/Right choose an answer, Up/Down another question, Enter records, Esc goes back."""

    decided = Signal(str, str, str)  # decision id, choice, reason ("" when none was given)
    left = Signal()  # Esc: back to the step
    reshaped = Signal()  # questions folded or opened: the side panel refits

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("decisions")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Decisions"))
        heading.setObjectName("sectionHeading")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        # An answer given earlier (said on the phone at 14:10, written at 14:40): its time.
        self.occurred = OccurredAt()
        top.addWidget(self.occurred)
        self.column.addLayout(top)
        # After close the answers stand; where to go to change one is said here, once.
        self.closed_hint = QLabel(self.tr("To change an answer, press Reopen (status → Open)."))
        self.closed_hint.setObjectName("decisionsClosed")
        self.closed_hint.setWordWrap(True)
        self.closed_hint.setToolTip(
            self.tr("Reopening and the new answer are both kept in the log; close again after.")
        )
        self.closed_hint.hide()
        self.column.addWidget(self.closed_hint)
        self.body = QWidget()
        self.column.addWidget(self.body)
        self.column.addStretch(1)
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.groups: list[QButtonGroup] = []
        self.rows: list[list[QPushButton]] = []  # the answers of each question, in order
        self.full: dict[str, QWidget] = {}  # per question: the question and its answers
        self.compact: dict[str, AnsweredLine] = {}  # per question: its one line once answered
        self.expanded: set[str] = set()  # answered questions opened again to change them
        self.reasons: dict[str, QLineEdit] = {}  # per question: why the answer is given
        self._came_from: dict[str, QPushButton] = {}  # the answer Tab left for the reason
        self._plan_sha = ""

    def show_state(self, state: IncidentState) -> None:
        if state.playbook.sha256 != self._plan_sha:
            self._build(state)
        chosen = state.choices()
        # An exclusive group refuses to uncheck its last button, which a retracted decision
        # needs; so exclusivity is lifted while the buttons are set from the state.
        for group in self.groups:
            group.setExclusive(False)
        why = refusal(state, "decide")  # the services' rule, and its words on hover
        for (decision_id, choice), button in self.buttons.items():
            button.setChecked(chosen.get(decision_id) == choice)
            button.setEnabled(why is None)
            button.setToolTip(for_screen(str(why)) if why is not None else "")
        for group in self.groups:
            group.setExclusive(True)
        for edit in self.reasons.values():
            edit.setEnabled(why is None)
        self.closed_hint.setVisible(state.status == "closed")
        lang = language()
        for decision in state.playbook.plan.decisions:
            answer = chosen.get(decision.id)
            named = next((c for c in decision.choices if c.id == answer), None)
            if named is None:
                self.expanded.discard(decision.id)
            else:
                text = choice_label(named.id, named.label.get(lang) if named.label else None)
                record = state.decisions.get(decision.id)
                reason = record.reason if record is not None else ""
                self.compact[decision.id].set_answer(for_screen(text), for_screen(reason))
                self.compact[decision.id].change.setEnabled(why is None)
            folded = named is not None and decision.id not in self.expanded
            self.full[decision.id].setVisible(not folded)
            self.compact[decision.id].setVisible(folded)
        self.reshaped.emit()

    def expand(self, decision_id: str) -> None:
        """An answered question opened again, with its answers, to change it."""
        if decision_id not in self.full or self.full[decision_id].isVisible():
            return
        self.expanded.add(decision_id)
        self.compact[decision_id].hide()
        self.full[decision_id].show()
        self.reshaped.emit()
        index = list(self.full).index(decision_id)
        row = self.rows[index]
        target = next((b for b in row if b.isChecked()), row[0])
        self.put_cursor(target, Qt.FocusReason.OtherFocusReason)

    def _build(self, state: IncidentState) -> None:
        self._plan_sha = state.playbook.sha256
        old, self.body = self.body, QWidget()
        self.column.replaceWidget(old, self.body)
        old.deleteLater()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.buttons = {}
        self.groups = []
        self.rows = []
        self.full = {}
        self.compact = {}
        self.expanded = set()
        self.reasons = {}
        self._came_from = {}
        lang = language()
        for number, decision in enumerate(state.playbook.plan.decisions, start=1):
            asked = f"{number}. {for_screen(decision.ask.get(lang))}"
            # Unanswered: the whole question, wrapped, with its answers under it.
            full = QWidget()
            full.setObjectName("decisionOpen")
            full_column = QVBoxLayout(full)
            full_column.setContentsMargins(0, 0, 0, 4)  # the reason box apart from what follows
            full_column.setSpacing(1)
            ask = QLabel(asked)
            ask.setWordWrap(True)
            ask.setObjectName("decisionAsk")
            if decision.help:
                ask.setToolTip(decision.help.get(lang))
            full_column.addWidget(ask)
            # Answered: one line, the question shortened (whole on hover and one click away),
            # the answer in words, and a button that opens the answers again.
            compact = AnsweredLine(asked, decision.help.get(lang) if decision.help else "")
            compact.change.clicked.connect(lambda _=False, d=decision.id: self.expand(d))
            column.addWidget(full)
            column.addWidget(compact)
            self.full[decision.id] = full
            self.compact[decision.id] = compact
            row = QHBoxLayout()
            row.setSpacing(4)
            group = QButtonGroup(self.body)
            group.setExclusive(True)
            self.groups.append(group)
            self.rows.append([])
            for choice in decision.choices:
                named = choice.label.get(lang) if choice.label else None
                text = for_screen(choice_label(choice.id, named))
                button = QPushButton(text)
                button.setObjectName("choice")
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.installEventFilter(self)
                button.clicked.connect(
                    lambda _=False, d=decision.id, c=choice.id: self._answer(d, c)
                )
                group.addButton(button)
                row.addWidget(button)
                self.buttons[(decision.id, choice.id)] = button
                self.rows[-1].append(button)
            row.addStretch(1)  # answers as wide as their words, not the panel: a compact row
            full_column.addLayout(row)
            # Why, typed before the answer is chosen; Tab from an answer comes here, Enter
            # goes back to it (it never records by itself).
            reason = QLineEdit()
            reason.setObjectName("decisionReason")
            reason.setPlaceholderText(self.tr("Reason (optional)"))
            reason.setToolTip(
                self.tr(
                    "Printed beside the answer. Type it, then choose the answer "
                    "(Enter goes back to the answers)."
                )
            )
            reason.returnPressed.connect(lambda d=decision.id: self._back_to_answers(d))
            full_column.addWidget(reason)
            self.reasons[decision.id] = reason

    def _answer(self, decision_id: str, choice: str) -> None:
        self.decided.emit(decision_id, choice, self.reasons[decision_id].text().strip())

    def answered(self, decision_id: str) -> None:
        """The answer was recorded: its reason went with it."""
        if decision_id in self.reasons:
            self.reasons[decision_id].clear()
        self._came_from.pop(decision_id, None)

    def _back_to_answers(self, decision_id: str) -> None:
        index = list(self.full).index(decision_id)
        row = self.rows[index]
        target = self._came_from.get(decision_id) or next((b for b in row if b.isChecked()), row[0])
        self.put_cursor(target, Qt.FocusReason.OtherFocusReason)

    def focus_question(self, index: int) -> None:
        """Alt+N: the cursor on question N's chosen answer (or its first)."""
        if not 0 <= index < len(self.rows):
            return
        decision_id = list(self.full)[index]
        if not self.full[decision_id].isVisible() and self.compact[decision_id].isVisible():
            self.expanded.add(decision_id)  # answered: opened again, its answers in reach
            self.compact[decision_id].hide()
            self.full[decision_id].show()
            self.reshaped.emit()
        row = self.rows[index]
        target = next((b for b in row if b.isChecked()), row[0])
        self.put_cursor(target, Qt.FocusReason.ShortcutFocusReason)

    def ensure_visible(self, button: QPushButton) -> None:
        parent = self.parentWidget()
        scroll = parent.parentWidget() if parent is not None else None
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(button)

    def put_cursor(self, target: QPushButton, reason: Qt.FocusReason) -> None:
        """The cursor (and the focus) on one answer, drawn there and nowhere else."""
        for button in self.buttons.values():
            if button is not target:
                self._show_cursor(button, False)
        self._show_cursor(target, True)
        target.setFocus(reason)
        self.ensure_visible(target)

    def cursor_on(self) -> tuple[str, str] | None:
        """The answer shown selected (the one Enter records): (decision id, choice), or None."""
        return next((key for key, b in self.buttons.items() if b.property("pick")), None)

    def _show_cursor(self, button: QPushButton, on: bool) -> None:
        # Drawn by the style sheet (#choice[pick="true"]) whatever Qt thinks of the focus
        # frame (it hides it after a click or an arrow): the answer Enter records is always seen.
        if bool(button.property("pick")) != on:
            button.setProperty("pick", on)
            polish(button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(watched, QPushButton) and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.FocusOut,
        ):
            self._show_cursor(watched, event.type() == QEvent.Type.FocusIn)
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QPushButton):
            return False
        key = event.key()  # type: ignore[attr-defined]
        where = next(
            ((r, row.index(watched)) for r, row in enumerate(self.rows) if watched in row), None
        )
        if where is None:
            return False
        r, c = where
        if key == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:  # type: ignore[attr-defined]
            decision_id = list(self.full)[r]
            reason = self.reasons[decision_id]
            if reason.isEnabled():
                self._came_from[decision_id] = watched
                reason.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # The answer shown selected, which is the one with the cursor on it.
            if watched.isEnabled() and watched.property("pick"):
                watched.click()
            return True
        if key == Qt.Key.Key_Escape:
            self.left.emit()
            return True
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1)}
        moves.update({Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)})
        if key not in moves:
            return False
        dr, dc = moves[key]
        if dr:
            self.focus_question(max(0, min(len(self.rows) - 1, r + dr)))
        else:
            row = self.rows[r]
            self.put_cursor(row[(c + dc) % len(row)], Qt.FocusReason.OtherFocusReason)
        return True

"""The current step, large: what to do, who does it (and who stands in), what to write down,
its check items, its target time or its repeats, the contacts made for it, references, 要確認
where the city must confirm, and the actions done / skip / note."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.describe import CONTACT, CONTACT_PERSON, OUTCOME, PARTS, RECEIPT
from app.domain.progress import plan_status
from app.domain.step_clocks import repeat_status, target_status
from app.domain.timeutil import JST, format_jst, jst, parse_iso
from app.domain.visible import for_screen
from app.domain.vocabulary import PLAN_STATE_LABELS
from app.i18n import language
from app.services.rules import refusal
from app.ui.drafts import DraftMark
from app.ui.flow_layout import FlowLayout
from app.ui.occurred_at import OccurredAt
from app.ui.runner import state_words
from app.ui.texts import (
    CHANNELS,
    REPEAT_STATES,
    TARGET_STATES,
    ZONES,
    day_and_time,
    label,
    role_label,
    role_typical,
    span_text,
    span_words,
    time_left,
)
from app.ui.widgets import PrintWarning, fit_placeholder, together

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.contacts import Contacts
    from app.domain.entries import LogEntry
    from app.domain.playbook import CheckItem, FieldSpec, Step
    from app.domain.state import IncidentState
    from app.domain.step_clocks import RepeatStatus, TargetStatus

# A step that has just come on screen cannot be marked done until it has been shown this long:
# a second press of Done (or Ctrl+D) meant for the step before never completes one nobody read.
# The one place this time is set.
SETTLE_SECONDS = 0.7
HINT_MS = 2500  # how long the "just appeared" hint beside Done stays

# How a step's soft clock looks: background and sign, always beside its words.
CLOCK_LOOK = {
    "overdue": ("#ffc9c9", "■ "),
    "due": ("#fff1b8", "▲ "),
    "met": ("#d3f9d8", "✓ "),
    "met_late": ("#ffe8cc", "✓ "),
}


def who_holds(contacts: Contacts | None, role_id: str | None) -> list[str]:
    """'name (title) phone' lines for a role, holder first, then the deputies in order."""
    if contacts is None or not role_id:
        return []
    from app.domain.contacts import holders

    try:
        people = holders(contacts, role_id)
    except KeyError:
        return []
    lines = []
    for person in people:
        phone = " / ".join(p for p in (person.phone, person.mobile) if p)
        extra = f" ({person.title})" if person.title else ""
        lines.append(f"{person.name}{extra}  {phone}".rstrip())
    return lines


def bodies_to_call(
    contacts: Contacts | None, body_ids: list[str], lang: str
) -> list[tuple[str, str | None]]:
    """(id, 'name  phone') for each external body a step names; None where contacts lack it."""
    lines: list[tuple[str, str | None]] = []
    for body_id in body_ids:
        body = contacts.body(body_id) if contacts is not None else None
        if body is None:
            lines.append((body_id, None))
            continue
        reach = "  ".join(x for x in (body.phone or body.email or body.url, body.other) if x)
        hours = f" ({body.hours})" if body.hours else ""
        lines.append((body_id, f"{body.name.get(lang)}  {reach}".rstrip() + hours))
    return lines


def contact_names(contacts: Contacts | None, body_ids: list[str], lang: str) -> list[str]:
    """Whom a step's contact form offers first: the names of the bodies it names (the bundled
    name, or the id, where Contacts lacks one)."""
    from app.services.contacts import body_name

    return [body_name(contacts, body_id, lang) for body_id in body_ids]


class CheckRow(QWidget):
    """One check item: a box and its words, which wrap (a QCheckBox's own text cannot) and
    tick the box when clicked, like the box's own label would."""

    def __init__(self, item: CheckItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox()
        self.box.setObjectName(f"check_{item.id}")
        # Reached by Tab, never by a click: a stray Space after clicking it would untick it.
        self.box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.text, 1)
        self.text.mousePressEvent = self._clicked  # type: ignore[method-assign]

    def _clicked(self, _event: object) -> None:
        if self.box.isEnabled():
            self.box.click()

    def show_item(self, ticked_at: str | None, why_not: str) -> None:
        words = for_screen(self.item.text.get(language()))
        self.box.setAccessibleName(words)
        if ticked_at:
            when = format_jst(parse_iso(ticked_at))
            words = self.tr("{text} (checked {when})").format(text=words, when=when)
        self.text.setText(words)
        self.box.blockSignals(True)  # shown as recorded, not a click
        self.box.setChecked(ticked_at is not None)
        self.box.blockSignals(False)
        self.box.setEnabled(not why_not)
        for widget in (self.box, self.text):
            widget.setToolTip(for_screen(why_not))


class FieldInput:
    """One input for a step's field, and how to read its value back."""

    def __init__(self, spec: FieldSpec, now: datetime) -> None:
        self.spec = spec
        self.widget: QWidget
        if spec.type == "multiline":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().height() * 4)
            self.widget = edit
        elif spec.type == "choice":
            combo = QComboBox()
            combo.addItem("", "")
            for choice in spec.choices or []:
                combo.addItem(choice, choice)
            self.widget = combo
        elif spec.type == "checkbox":
            self.widget = QCheckBox()
        elif spec.type == "datetime":
            when = QDateTimeEdit()
            when.setDisplayFormat("yyyy-MM-dd HH:mm 'JST'")
            when.setCalendarPopup(True)
            # JST wall-clock time from the workspace clock, whatever the OS time zone is.
            when.setDateTime(QDateTime(jst(now).replace(tzinfo=None, second=0, microsecond=0)))
            self.widget = when
        else:
            self.widget = QLineEdit()
        self.widget.setObjectName(f"field_{spec.id}")

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        if isinstance(w, QComboBox):
            return w.currentData() or ""
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QDateTimeEdit):
            local: datetime = w.dateTime().toPython()  # type: ignore[assignment]
            return local.replace(tzinfo=JST).isoformat(timespec="minutes")
        if isinstance(w, QLineEdit):
            text = w.text().strip()
            if self.spec.type == "number" and text:
                try:
                    return float(text) if "." in text else int(text)
                except ValueError:
                    return text
            return text
        return ""

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value))
        elif isinstance(w, QLineEdit):
            w.setText(str(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QDateTimeEdit) and isinstance(value, str):
            w.setDateTime(QDateTime(parse_iso(value).astimezone(JST).replace(tzinfo=None)))

    def on_change(self, call: Callable[[], object]) -> None:
        """``call`` whenever the input's value changes (a draft of it is kept)."""
        w = self.widget
        if isinstance(w, QLineEdit | QPlainTextEdit):
            w.textChanged.connect(call)
        elif isinstance(w, QComboBox):
            w.currentIndexChanged.connect(call)
        elif isinstance(w, QCheckBox):
            w.toggled.connect(call)
        elif isinstance(w, QDateTimeEdit):
            w.dateTimeChanged.connect(call)


class NextLine(QLabel):
    """「次: …」: a click goes back to the current step (as Ctrl+G does)."""

    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
            event.accept()
            return
        super().mousePressEvent(event)


class StepPanel(QFrame):
    done = Signal(str, dict, str)  # step id, fields, deputy_for ("" when the holder did it)
    skip = Signal(str, str)  # step id, reason
    defer = Signal(str, str)  # step id, reason: put off to come back to (保留)
    note = Signal(str, str)  # step id, text
    start = Signal(str)
    hand_over = Signal()
    tick = Signal(str, str, bool)  # step id, check item id, ticked (False: unticked)
    contact = Signal(str)  # step id: open the form to record a contact made for it
    to_current = Signal()  # the 「次:」 line clicked: back to the current step
    typed = Signal(str)  # "fields" or "note": the user changed them (drafts keep them)
    step_shown = Signal(str)  # another step (its id, "" for none) came on screen
    add_bodies = Signal(list)  # ids of bodies the step names that Contacts lacks: add them there

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("stepPanel")
        self.step: Step | None = None
        self.inputs: list[FieldInput] = []
        # When Done last pointed out the fields below it instead of recording (monotonic time):
        # a second Done after that completes the step without them.
        self._fields_offered_at: float | None = None
        self.refusals: dict[str, str] = {}  # why each action cannot be taken now ("" if it can)
        self._refocus = False  # the fields were rebuilt while the cursor was in them
        self.shown_at = 0.0  # time.monotonic() when the step on screen appeared
        self._pressed_on: str | None = None  # the step on screen when Done was pressed down
        self._showing = False  # filling the inputs from the log or a draft: nothing typed
        self._pristine: dict[str, Any] = {}  # the inputs' values before anything was typed
        # The step's text and fields scroll; the actions below them stay pinned in view, so done,
        # skip and note are always one click away whatever the length of the step or the text size.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("stepContent")
        layout = QVBoxLayout(content)
        self.content_scroll = QScrollArea()
        self.content_scroll.setWidgetResizable(True)
        self.content_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.content_scroll.setWidget(content)
        outer.addWidget(self.content_scroll, 1)
        # What is next stays at the top, so it is visible whatever the length of the step.
        self.next_label = NextLine()
        self.next_label.setObjectName("nextStep")
        self.next_label.setWordWrap(True)
        self.next_label.setToolTip(self.tr("Back to the current step (Ctrl+G)"))
        self.next_label.clicked.connect(self._to_current)
        layout.addWidget(self.next_label)
        self.state_label = QLabel()
        self.state_label.setObjectName("stepState")
        layout.addWidget(self.state_label)
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        # The step's soft clocks: its target time, or how often it repeats and when next.
        self.target = QLabel()
        self.target.setObjectName("stepTarget")
        self.target.setWordWrap(True)
        self.target.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.target)
        self.repeat = QLabel()
        self.repeat.setObjectName("stepRepeat")
        self.repeat.setWordWrap(True)
        self.repeat.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.repeat)
        # Whom to call, with the numbers, under the title: in view as the step opens, not below
        # its text and fields. A body Contacts lacks is named, with a button to add it there.
        self.bodies = QLabel()
        self.bodies.setObjectName("bodies")
        self.bodies.setWordWrap(True)
        self.bodies.setTextFormat(Qt.TextFormat.PlainText)  # names and values are not HTML
        self.bodies.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.bodies)
        self.missing_bodies: list[str] = []
        self.add_body_button = QPushButton()
        self.add_body_button.setObjectName("addBody")
        self.add_body_button.clicked.connect(lambda: self.add_bodies.emit(self.missing_bodies))
        add_body_row = QHBoxLayout()
        add_body_row.addWidget(self.add_body_button)
        add_body_row.addStretch(1)
        layout.addLayout(add_body_row)
        self.detail = QLabel()
        self.detail.setObjectName("stepDetail")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        self.confirm = QLabel()
        self.confirm.setObjectName("confirm")
        self.confirm.setWordWrap(True)
        layout.addWidget(self.confirm)
        # Put back from a draft (typed before a close or a crash): said, with a way to drop it.
        self.draft_mark = DraftMark(
            self.tr("Draft, not recorded yet: what was typed in this step's inputs and note")
        )
        layout.addWidget(self.draft_mark)
        # What to write down follows the text (it goes with done); who and references come after.
        self.fields_box = QWidget()
        # Each label above its input, across the pane's width: a form's label column did not
        # give a wrapped label the height of its lines (脅迫文のファイル名 was drawn over the next
        # row), and a form's wrapped rows broke a label short of the width (a lone 名).
        self.fields_form = QVBoxLayout(self.fields_box)
        self.fields_form.setContentsMargins(0, 4, 0, 4)
        self.fields_form.setSpacing(2)
        layout.addWidget(self.fields_box)
        # Check items, after the inputs: the cursor starts in the first input, which stays high
        # enough that the step's title is still in view. Each tick is its own entry in the log.
        self.checks_box = QFrame()
        self.checks_box.setObjectName("stepChecks")
        self.checks_layout = QVBoxLayout(self.checks_box)
        self.checks_layout.setContentsMargins(0, 4, 0, 4)
        self.checks_heading = QLabel(self.tr("Check items (each tick is recorded):"))
        self.checks_heading.setObjectName("sectionHeading")
        self.checks_layout.addWidget(self.checks_heading)
        self.check_rows: list[CheckRow] = []
        layout.addWidget(self.checks_box)
        self.record = QLabel()
        self.record.setObjectName("stepRecord")
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.TextFormat.PlainText)  # names and values are not HTML
        layout.addWidget(self.record)
        self.role = QLabel()
        self.role.setObjectName("role")
        self.role.setWordWrap(True)
        self.role.setTextFormat(Qt.TextFormat.PlainText)  # names and values are not HTML
        self.role.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.role)
        # Contacts made for the step (whom, how, when, who answered, 受付番号, outcome).
        self.contacts_box = QFrame()
        self.contacts_box.setObjectName("stepContacts")
        contacts_layout = QVBoxLayout(self.contacts_box)
        contacts_layout.setContentsMargins(0, 4, 0, 4)
        heading = QLabel(self.tr("Contacts made"))
        heading.setObjectName("sectionHeading")
        contacts_layout.addWidget(heading)
        self.contacts_list = QLabel()
        self.contacts_list.setObjectName("contactsList")
        self.contacts_list.setWordWrap(True)
        self.contacts_list.setTextFormat(Qt.TextFormat.PlainText)  # names and numbers typed in
        self.contacts_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        contacts_layout.addWidget(self.contacts_list)
        layout.addWidget(self.contacts_box)
        self.refs = QLabel()
        self.refs.setObjectName("refs")
        self.refs.setWordWrap(True)
        self.refs.setOpenExternalLinks(True)
        layout.addWidget(self.refs)
        layout.addStretch(1)

        layout = outer  # the rows below are the pinned actions
        # Done first and whole; what does not fit beside it (large text, English) goes on the
        # next line rather than squeezing the button's words (「Done (Ctrl+D)」 was cut).
        actions = FlowLayout(spacing=8)
        self.done_button = QPushButton(self.tr("Done (Ctrl+D)"))
        self.done_button.setObjectName("doneButton")
        self.done_button.pressed.connect(self._done_pressed)
        self.done_button.clicked.connect(self._done_clicked)
        actions.add(self.done_button)
        self.start_button = QPushButton(self.tr("Mark as started"))
        self.start_button.clicked.connect(lambda: self.step and self.start.emit(self.step.id))
        actions.add(self.start_button)
        # "As deputy" shares the row with done: one row less, so skip and note stay in view.
        self.as_deputy = QCheckBox(self.tr("Done as deputy for:"))
        self.deputy_for = QLineEdit()
        self.deputy_for.setEnabled(False)
        self.deputy_for.setVisible(False)  # appears when ticked: the row stays narrow
        self.as_deputy.toggled.connect(self.deputy_for.setEnabled)
        self.as_deputy.toggled.connect(self.deputy_for.setVisible)
        actions.add(
            together(self.as_deputy, self.deputy_for, stretch=self.deputy_for), stretch=True
        )
        # A rule before 「発生時刻」: side by side, it was read as the deputy's answer.
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.VLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        self.occurred = OccurredAt()  # for every action on this step done earlier (back-filling)
        actions.add(together(rule, 6, self.occurred))
        # Said for a moment when Done came too soon after the step appeared (nothing recorded):
        # laid over the bottom of the step's text, just above Done, in no layout, so nothing
        # moves under the pointer.
        self.settle_hint = QLabel(self)
        self.settle_hint.setObjectName("settleHint")
        self.settle_hint.setWordWrap(True)
        self.settle_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.settle_hint.hide()
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.timeout.connect(self.hide_hint)
        layout.addLayout(actions)

        # Skip and defer, each a box and its button kept together; side by side when the pane
        # has room, one above the other when it has not (a narrow pane cut the reasons' words).
        skip_row = FlowLayout(spacing=8)
        self.skip_reason = QLineEdit()
        self.skip_reason.setPlaceholderText(self.tr("Reason for skipping (required)"))
        fit_placeholder(self.skip_reason)
        # Enter in the reason never skips by itself: it goes on to the skip button.
        self.skip_reason.returnPressed.connect(self._reason_entered)
        self.skip_button = QPushButton(self.tr("Skip (Ctrl+K)"))
        self.skip_button.clicked.connect(self._skip)
        skip_row.add(
            together(self.skip_reason, self.skip_button, stretch=self.skip_reason), stretch=True
        )
        # Deferring (保留) beside skipping, with its own reason: the step stays listed, to come
        # back to; Enter in the reason goes on to the button, never defers by itself.
        self.defer_reason = QLineEdit()
        self.defer_reason.setObjectName("deferReason")
        self.defer_reason.setPlaceholderText(self.tr("Reason for deferring (required)"))
        fit_placeholder(self.defer_reason)
        self.defer_reason.returnPressed.connect(self._defer_reason_entered)
        self.defer_button = QPushButton(self.tr("Defer"))
        self.defer_button.setObjectName("deferButton")
        self.defer_button.setToolTip(
            self.tr("Come back to it later: it stays in the list, and Next moves on.")
        )
        self.defer_button.clicked.connect(self._defer)
        skip_row.add(
            together(self.defer_reason, self.defer_button, stretch=self.defer_reason), stretch=True
        )
        layout.addLayout(skip_row)

        note_row = QHBoxLayout()
        self.step_note = QLineEdit()
        self.step_note.setPlaceholderText(self.tr("Note on this step"))
        self.step_note.returnPressed.connect(self._note)
        self.step_note.textChanged.connect(lambda: self._typed("note"))
        note_row.addWidget(self.step_note, 1)
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.clicked.connect(self._note)
        note_row.addWidget(self.note_button)
        # Recording a contact is pinned too, beside the note (the row whose field gives way), so
        # a step's text never hides it: calls are made while the step is open, often several.
        self.contact_button = QPushButton(self.tr("Record a contact…"))
        self.contact_button.setObjectName("contactButton")
        self.contact_button.clicked.connect(self._contact)
        note_row.addWidget(self.contact_button)
        layout.addLayout(note_row)
        self.note_warning = PrintWarning(
            self.step_note, one_line=True
        )  # emoji print as their code point
        layout.addWidget(self.note_warning)

        # Offered where the plan is meant to hand over (初報); any plan can from the Incident menu.
        self.handover_box = QFrame()
        self.handover_box.setObjectName("handoverBox")
        handover_row = QHBoxLayout(self.handover_box)
        handover_row.setContentsMargins(4, 4, 4, 4)
        self.handover_button = QPushButton(self.tr("Hand over to another plan… (Ctrl+Shift+H)"))
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setToolTip(
            self.tr("Once you know what this is, continue under the plan that fits.")
        )
        self.handover_button.clicked.connect(self.hand_over)
        handover_row.addWidget(self.handover_button)
        handover_row.addStretch(1)
        layout.addWidget(self.handover_box)

    def show_step(
        self,
        state: IncidentState,
        step: Step | None,
        next_step: Step | None,
        contacts: Contacts | None,
        now: datetime,
    ) -> None:
        changed = step is None or self.step is None or step.id != self.step.id
        self._showing = True  # what the log holds is put in the inputs: not typed
        try:
            self._show_step(state, step, next_step, contacts, now)
        finally:
            self._showing = False
        if changed:
            self.step_shown.emit(step.id if step is not None else "")

    def _show_step(
        self,
        state: IncidentState,
        step: Step | None,
        next_step: Step | None,
        contacts: Contacts | None,
        now: datetime,
    ) -> None:
        lang = language()
        changed = step is None or self.step is None or step.id != self.step.id
        self.step = step
        if changed:
            self.shown_at = time.monotonic()  # Done waits SETTLE_SECONDS from now
            self._pressed_on = None
            self._fields_offered_at = None
            self.hide_hint()
            # A time said for one step is never carried to the next one shown.
            self.occurred.reset()
        # Where the plan is meant to hand over, and the services would let it now.
        self.handover_box.setVisible(
            bool(state.playbook.plan.handover_to) and refusal(state, "hand_over") is None
        )
        overall = plan_status(state)
        if next_step is None and overall.deferred:
            said = PLAN_STATE_LABELS[overall.state].format(lang, n=len(overall.deferred))
            self.next_label.setText(
                self.tr("Next: {state}. The deferred steps are in the list.").format(state=said)
            )
        elif next_step is None:
            self.next_label.setText(self.tr("Next: every step is done or skipped."))
        else:
            self.next_label.setText(
                self.tr("Next: {title}").format(title=for_screen(next_step.title.get(lang)))
            )
        # Only said when the user looks at another step: otherwise it repeats the title below.
        self.next_label.setVisible(next_step is None or step is None or step.id != next_step.id)
        if step is None:
            self.state_label.setText("")
            self.title.setText(self.tr("Choose a step from the list."))
            self._show_bodies(None, contacts, lang)
            for widget in (
                self.detail,
                self.confirm,
                self.role,
                self.bodies,
                self.refs,
                self.record,
                self.target,
                self.repeat,
            ):
                widget.setText("")
                widget.setVisible(False)
            self._build_fields(None, now)
            self._build_checks(None)
            self.contacts_box.setVisible(False)
            self.contact_button.setVisible(False)
            self._offer(None, None)
            return
        step_state = state.step_state(step)
        self.state_label.setText(state_words(state, step.id, step_state))
        self.state_label.setProperty("state", step_state)
        self.title.setText(for_screen(step.title.get(lang)))
        self.detail.setText(
            for_screen(step.detail.get(lang), multiline=True) if step.detail else ""
        )
        self.detail.setVisible(step.detail is not None)
        if step.confirm:
            self.confirm.setText(
                self.tr("Open point: {text}").format(text=for_screen(step.confirm.get(lang)))
            )
        self.confirm.setVisible(step.confirm is not None)
        self._show_role(step, contacts)
        self._show_bodies(step, contacts, lang)
        refs = [
            f'<a href="{r}">{r}</a>' if r.startswith(("http://", "https://")) else r
            for r in step.refs
        ]
        self.refs.setText(self.tr("References: {refs}").format(refs=" · ".join(refs)))
        self.refs.setVisible(bool(step.refs))
        if changed:
            self._build_fields(step, now)
            self._build_checks(step)
            self.skip_reason.clear()
            self.defer_reason.clear()
            self.step_note.clear()
            self.as_deputy.setChecked(False)
            people = who_holds(contacts, step.role)
            self.deputy_for.setText(people[0].split("  ")[0] if people else role_label(step.role))
        self._show_record(state, step)
        self._offer(state, step)
        self._show_checks(state, step)
        self._show_contacts(state, step)
        self.show_clocks(state, now)
        self.start_button.setVisible(step_state == "pending")
        if self._refocus:  # the cursor was in the old step's fields: into the new step's
            self._refocus = False
            first = self.first_input()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
        if changed:
            self.to_top()

    def to_top(self) -> None:
        """Another step is read from its title, not from where the last one was scrolled to:
        at the top now, and again once the new content has been laid out (the cursor going
        into a field lower down must not scroll it away)."""
        bar = self.content_scroll.verticalScrollBar()
        bar.setValue(0)
        QTimer.singleShot(0, self, lambda: bar.setValue(0))

    def show_clocks(self, state: IncidentState, now: datetime) -> None:
        """The step's target and repeats at ``now`` (again on every tick of the window)."""
        step = self.step
        target = target_status(state, step, now) if step is not None else None
        repeat = repeat_status(state, step, now) if step is not None else None
        self._show_target(state, target, now)
        self._show_repeat(state, repeat, now)
        done = self.tr("Done (Ctrl+D)")
        if repeat is not None and repeat.state != "ended":
            done = self.tr("Record occurrence {n} (Ctrl+D)").format(n=repeat.count + 1)
        if self.done_button.text() != done:
            self.done_button.setText(done)

    @staticmethod
    def _look(widget: QLabel, state: str) -> None:
        colour = CLOCK_LOOK.get(state, ("", ""))[0]
        sheet = f"background: {colour}; color: #1a1a1a; padding: 4px;" if colour else ""
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)

    def _show_target(
        self, state: IncidentState, target: TargetStatus | None, now: datetime
    ) -> None:
        """Where the step stands against its target first (with a sign), then the target."""
        self.target.setVisible(target is not None)
        if target is None:
            return
        step = target.step
        length = span_words(step.target_duration)
        words = label(TARGET_STATES, target.state)
        sign = CLOCK_LOOK.get(target.state, ("", ""))[1]
        if target.state in ("running", "overdue") and target.due is not None:
            said = self.tr("{state} ({when})").format(
                state=words, when=time_left((target.due - now).total_seconds())
            )
        elif target.done_at is not None:
            said = self.tr("{state} ({when})").format(
                state=words, when=day_and_time(target.done_at)
            )
        else:
            said = words
        if target.due is None:  # not started: nothing to count from yet
            plan = (
                self.tr("Target: {length} from awareness")
                if step.target_from == "awareness"
                else self.tr("Target: {length} from the declaration")
            ).format(length=length)
        elif step.target_from == "awareness":
            plan = self.tr("Target: {length} from awareness, by {due}").format(
                length=length, due=day_and_time(target.due)
            )
        else:
            plan = self.tr("Target: {length} from the declaration, by {due}").format(
                length=length, due=day_and_time(target.due)
            )
        self.target.setText(f"{sign}{said}\n{plan}")
        self.target.setToolTip(
            self.tr("A target is shown and reported; it never stops you recording the step.")
        )
        self._look(self.target, target.state)

    def _show_repeat(
        self, state: IncidentState, repeat: RepeatStatus | None, now: datetime
    ) -> None:
        """When the next occurrence is due first (with a sign when it is due now), then how
        many were done, then how often and until when it repeats."""
        self.repeat.setVisible(repeat is not None)
        if repeat is None:
            return
        step = repeat.step
        words = label(REPEAT_STATES, repeat.state)
        # The first occurrence is to do like any step; a later one due now stands out.
        late = repeat.state == "due" and repeat.count > 0
        sign = CLOCK_LOOK["due"][1] if late else ""
        if repeat.state == "scheduled" and repeat.next_due is not None:
            first = self.tr("{state}: {due} ({left})").format(
                state=words,
                due=day_and_time(repeat.next_due),
                left=time_left((repeat.next_due - now).total_seconds()),
            )
        elif repeat.state == "due" and repeat.next_due is not None:
            first = self.tr("{state}: since {due} ({late})").format(
                state=words,
                due=day_and_time(repeat.next_due),
                late=self.tr("{span} ago").format(
                    span=span_text((now - repeat.next_due).total_seconds())
                ),
            )
        elif repeat.state == "due":
            first = self.tr("{state}: the first time").format(state=words)
        else:
            first = words
        lines = [sign + first]
        if repeat.count:
            last = day_and_time(repeat.last_at) if repeat.last_at else "—"
            lines.append(
                self.tr("Done {n} times, last at {last}").format(n=repeat.count, last=last)
            )
        else:
            lines.append(self.tr("Not done yet."))
        lines.append(
            self.tr("Repeats every {every}, {until}").format(
                every=span_words(step.repeat), until=self._until_text(state, step)
            )
        )
        self.repeat.setText("\n".join(lines))
        self._look(self.repeat, "due" if late else "")

    def _until_text(self, state: IncidentState, step: Step) -> str:
        """When a repeating step ends, in words: its phase's end, or the questions it reads."""
        condition = step.until_condition
        if condition is None:
            return self.tr("until every other step of this phase is finished")
        lang = language()
        plan = state.playbook.plan
        asks = []
        for ref in dict.fromkeys(d for d, _ in condition.references()):
            decision = plan.decision(ref)
            asks.append(for_screen(decision.ask.get(lang)) if decision else ref)
        return self.tr('until the answer to "{questions}" ends it').format(
            questions=" / ".join(asks)
        )

    def _build_checks(self, step: Step | None) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.checks_box.isAncestorOf(focused):
            self._refocus = True  # as for the fields: the cursor goes to the new step's input
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        for row in self.check_rows:
            self.checks_layout.removeWidget(row)
            row.hide()  # gone now: deleteLater would leave it drawn over the new rows
            row.deleteLater()
        self.check_rows = []
        for item in step.checks if step else []:
            row = CheckRow(item)
            row.box.clicked.connect(lambda ticked, i=item.id: self._ticked(i, ticked))
            self.checks_layout.addWidget(row)
            row.show()  # now, not on the next turn of the event loop
            self.check_rows.append(row)
        self.checks_box.setVisible(bool(self.check_rows))

    def _contact(self) -> None:
        if self.step is not None and self.contact_button.isEnabled():
            self.contact.emit(self.step.id)

    def _ticked(self, check_id: str, ticked: bool) -> None:
        if self.step is not None:
            self.tick.emit(self.step.id, check_id, ticked)

    def _show_checks(self, state: IncidentState, step: Step) -> None:
        if [row.item.id for row in self.check_rows] != [c.id for c in step.checks]:
            self._build_checks(step)  # the same step id in another plan (after a hand-over)
        record = state.plan.steps.get(step.id)
        ticked = record.checks if record else {}
        why = self.refusals.get("tick", "")
        for row in self.check_rows:
            row.show_item(ticked.get(row.item.id), why)

    def contacts_of(self, state: IncidentState, step_id: str) -> list[LogEntry]:
        """The contacts recorded for a step, oldest first, less those retracted."""
        return [e for e in state.contacts if e.step_id == step_id and e.uuid not in state.retracted]

    def _show_contacts(self, state: IncidentState, step: Step) -> None:
        shown = step.contact_records or bool(step.contacts)
        self.contacts_box.setVisible(shown)
        self.contact_button.setVisible(shown)
        if not shown:
            return
        lang = language()
        lines = []
        for entry in self.contacts_of(state, step.id):
            p = entry.payload
            channel = label(CHANNELS, str(p.get("channel", "")))
            said = [CONTACT.format(lang, whom=for_screen(str(p.get("whom", ""))), channel=channel)]
            for key, words in (("person", CONTACT_PERSON), ("receipt", RECEIPT)):
                if p.get(key):
                    said.append(words.format(lang, **{key: for_screen(str(p[key]))}))
            if p.get("outcome"):
                said.append(OUTCOME.format(lang, outcome=for_screen(str(p["outcome"]))))
            when = day_and_time(parse_iso(entry.occurred_at))
            by = self.tr(" (recorded by {who})").format(who=for_screen(entry.actor))
            lines.append(f"• {when}  " + PARTS.text(lang).join(said) + by)
        self.contacts_list.setText(
            "\n".join(lines) if lines else self.tr("None recorded yet for this step.")
        )
        why = self.refusals.get("contact", "")
        self.contact_button.setEnabled(not why)
        self.contact_button.setToolTip(for_screen(why))

    def _show_role(self, step: Step, contacts: Contacts | None) -> None:
        if not step.role:
            self.role.setVisible(False)
            return
        who = self.tr("Who: {role}").format(role=role_label(step.role))
        typical = role_typical(step.role)
        lines = [f"{who} — {typical}" if typical else who]
        people = [for_screen(p) for p in who_holds(contacts, step.role)]  # names from Contacts
        if people:
            lines.append(self.tr("Holder: {person}").format(person=people[0]))
            for number, person in enumerate(people[1:], start=1):
                lines.append(self.tr("Deputy {n}: {person}").format(n=number, person=person))
        else:
            lines.append(self.tr("No one is listed for this role. Add them in Contacts."))
        if step.zones:
            zones = ", ".join(label(ZONES, z) for z in step.zones)
            lines.append(self.tr("Zones: {zones}").format(zones=zones))
        self.role.setText("\n".join(lines))
        self.role.setVisible(True)

    def _show_bodies(self, step: Step | None, contacts: Contacts | None, lang: str) -> None:
        from app.services.contacts import body_name

        lines, missing = [], []
        for body_id, text in bodies_to_call(contacts, step.contacts if step else [], lang):
            if text is None:  # said by its name (bundled with the plans), never by its id
                name = for_screen(body_name(contacts, body_id, lang))
                missing.append((body_id, name))
                shown = self.tr("{body} (no number: not in Contacts yet)").format(body=name)
            else:
                shown = for_screen(text)
            lines.append(self.tr("Call: {body}").format(body=shown))
        self.bodies.setText("\n".join(lines))
        self.bodies.setVisible(bool(lines))
        self.missing_bodies = [body_id for body_id, _name in missing]
        if len(missing) == 1:
            self.add_body_button.setText(
                self.tr("Add {body} to Contacts…").format(body=missing[0][1])
            )
        else:
            self.add_body_button.setText(
                self.tr("Add these {n} to Contacts…").format(n=len(missing))
            )
        self.add_body_button.setVisible(bool(missing))

    def _build_fields(self, step: Step | None, now: datetime) -> None:
        # Removing the focused input would make Qt hand focus to the next widget in the chain,
        # which may be a button that records something on a stray Space: park it on the panel.
        focused = QApplication.focusWidget()
        self._refocus = focused is not None and self.fields_box.isAncestorOf(focused)
        if self._refocus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        while (item := self.fields_form.takeAt(0)) is not None:
            if (gone := item.widget()) is not None:
                gone.hide()  # out of sight at once; deleted on the next turn of the loop
                gone.deleteLater()
        self.inputs = []
        lang = language()
        for spec in step.fields if step else []:
            field = FieldInput(spec, now)
            text = spec.label.get(lang) + (" *" if spec.required else "")
            # The label wraps: a long one must not make the step wider than its pane (the
            # title and the text would be cut at the right).
            name = QLabel(for_screen(text))
            name.setWordWrap(True)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setBuddy(field.widget)
            if self.fields_form.count():
                self.fields_form.addSpacing(4)  # a little air between one field and the next
            self.fields_form.addWidget(name)
            self.fields_form.addWidget(field.widget)
            field.widget.show()  # now, not on the next event loop turn: it takes the focus
            field.on_change(lambda: self._typed("fields"))
            self.inputs.append(field)
        self._pristine = self.values()
        self.fields_box.setVisible(bool(self.inputs))

    def _show_record(self, state: IncidentState, step: Step) -> None:
        record = state.plan.steps.get(step.id)
        lines = []
        # Each recorded value marked on its own line: a newline in a reason cannot forge a line.
        who = for_screen(record.actor or "") if record else ""
        repeats = step.every is not None
        if record and record.done_at and repeats:
            # Each occurrence is its own entry; the inputs stay empty for the next one.
            lines.append(
                self.tr("Last done by {who} at {when}").format(
                    who=who, when=format_jst(parse_iso(record.done_at))
                )
            )
        elif record and record.done_at:
            lines.append(
                self.tr("Done by {who} at {when}").format(
                    who=who, when=format_jst(parse_iso(record.done_at))
                )
            )
            for field in self.inputs:
                if field.spec.id in record.fields:
                    value = record.fields[field.spec.id]
                    if isinstance(value, str):  # shown as recorded; the field is read-only now
                        value = for_screen(value, multiline=field.spec.type == "multiline")
                    field.set_value(value)
        if record and record.deferred_at:
            lines.append(
                self.tr("Deferred by {who} at {when}: {reason}").format(
                    who=who,
                    when=format_jst(parse_iso(record.deferred_at)),
                    reason=for_screen(record.deferred_reason or ""),
                )
            )
        if record and record.skipped_at:
            lines.append(
                self.tr("Skipped by {who} at {when}: {reason}").format(
                    who=who,
                    when=format_jst(parse_iso(record.skipped_at)),
                    reason=for_screen(record.reason or ""),
                )
            )
        if record and record.deputy_for:
            lines.append(self.tr("as deputy for {who}").format(who=for_screen(record.deputy_for)))
        self.record.setText("\n".join(lines))
        self.record.setVisible(bool(lines))

    def _offer(self, state: IncidentState | None, step: Step | None) -> None:
        """Enable what the services allow on this step now (``rules.refusal``); a refused action
        says why when the pointer rests on it, in the words the refusal itself would use."""
        actions = (
            "start_step",
            "complete_step",
            "skip_step",
            "defer_step",
            "note",
            "tick",
            "contact",
        )
        if state is None or step is None:
            self.refusals = dict.fromkeys(actions, self.tr("Choose a step from the list."))
        else:
            self.refusals = {}
            for action in actions:
                reason = refusal(state, action, step, in_view=True)
                self.refusals[action] = str(reason) if reason is not None else ""
        done, skip = self.refusals["complete_step"], self.refusals["skip_step"]
        for widget, why in (
            (self.done_button, done),
            (self.as_deputy, done),
            (self.start_button, self.refusals["start_step"]),
            (self.skip_button, skip),
            (self.skip_reason, skip),
            (self.defer_button, self.refusals["defer_step"]),
            (self.defer_reason, self.refusals["defer_step"]),
        ):
            widget.setEnabled(not why)
            widget.setToolTip(for_screen(why))
        for field in self.inputs:
            field.widget.setEnabled(not done)
        noted = not self.refusals["note"]
        self.note_button.setEnabled(noted)
        self.step_note.setEnabled(noted)

    def first_input(self) -> QWidget | None:
        """The input a responder types into first: the first field of an open step."""
        return next((f.widget for f in self.inputs if f.widget.isEnabled()), None)

    def focus_chain(self) -> list[QWidget]:
        """Tab order within the panel: the fields, then done, skip and note (the quick path from
        what to write down to done), then the check items."""
        contact = [self.contact_button] if self.contact_button.isVisibleTo(self) else []
        return [
            *(f.widget for f in self.inputs),
            self.done_button,
            self.start_button,
            self.as_deputy,
            self.deputy_for,
            self.skip_reason,
            self.skip_button,
            self.defer_reason,
            self.defer_button,
            self.step_note,
            self.note_button,
            *contact,
            self.handover_button,
            *(row.box for row in self.check_rows),
        ]

    def input_for(self, field_id: str | None) -> QWidget | None:
        """The input of a field (where the cursor goes when the field rules refuse it)."""
        return next((f.widget for f in self.inputs if f.spec.id == field_id), None)

    def values(self) -> dict[str, Any]:
        return {f.spec.id: f.value() for f in self.inputs}

    # Drafts (app.ui.drafts keeps them)
    def _typed(self, what: str) -> None:
        if not self._showing:
            self.typed.emit(what)

    def typed_fields(self) -> dict[str, Any]:
        """The inputs changed from what they showed before anything was typed."""
        pristine = self._pristine
        return {k: v for k, v in self.values().items() if k in pristine and v != pristine[k]}

    def put_draft(self, fields: dict[str, Any], note: str) -> None:
        """Put back what was typed and not recorded (it is not typed again)."""
        self._showing = True
        try:
            for field in self.inputs:
                if field.spec.id in fields:
                    field.set_value(fields[field.spec.id])
            if note:
                self.step_note.setText(note)
        finally:
            self._showing = False

    def discard_typed(self) -> None:
        """The draft thrown away: the inputs and the note as before anything was typed."""
        self._showing = True
        try:
            for field in self.inputs:
                if field.spec.id in self._pristine:
                    field.set_value(self._pristine[field.spec.id])
            self.step_note.clear()
        finally:
            self._showing = False
        self.mark_draft(False)

    def mark_draft(self, on: bool) -> None:
        """「未記録の下書き」 over the inputs, and each input holding a draft tinted."""
        self.draft_mark.setVisible(on)
        typed = self.typed_fields() if on else {}
        widgets = [(f.widget, f.spec.id in typed) for f in self.inputs]
        widgets.append((self.step_note, on and bool(self.step_note.text().strip())))
        for widget, drafted in widgets:
            if widget.property("draft") != drafted:
                widget.setProperty("draft", drafted)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def show_hint(self, text: str) -> None:
        """A short hint over the bottom of the step's text, just above Done, for HINT_MS."""
        hint = self.settle_hint
        hint.setText(text)
        width = max(120, self.width() - 16)
        hint.setFixedWidth(width)
        hint.setFixedHeight(hint.heightForWidth(width))
        top = self.done_button.mapTo(self, QPoint(0, 0)).y() - hint.height() - 4
        hint.move(8, max(0, top))
        hint.show()
        hint.raise_()
        self._hint_timer.start(HINT_MS)

    def hide_hint(self) -> None:
        self._hint_timer.stop()
        self.settle_hint.hide()
        self.settle_hint.clear()

    def settle(self) -> None:
        """Done waits SETTLE_SECONDS from now (after a Done, whatever step comes next)."""
        self.shown_at = time.monotonic()

    def settled(self) -> bool:
        """Whether the step on screen has been shown long enough to be marked done."""
        return time.monotonic() - self.shown_at >= SETTLE_SECONDS

    def _done_pressed(self) -> None:
        self._pressed_on = self.step.id if self.step is not None else None

    def _done_clicked(self) -> None:
        # The step the button went down on: if another came on screen before the release,
        # the release does nothing.
        pressed, self._pressed_on = self._pressed_on, None
        if self.step is None or pressed != self.step.id:
            return
        self._done()

    def _done(self) -> None:
        if self.step is None or not self.done_button.isEnabled():
            return
        if not self.settled():
            self.show_hint(
                self.tr(
                    "Not recorded: this step has just appeared. Read it, then press Done again."
                )
            )
            return
        if self._fields_unseen():
            return
        self.hide_hint()
        deputy = self.deputy_for.text().strip() if self.as_deputy.isChecked() else ""
        self.done.emit(self.step.id, self.values(), deputy)

    def _fields_unseen(self) -> bool:
        """True when Done must first show the step's fields: some are empty, nothing was typed
        in any, and none is in view (all scrolled below the step's text, where a responder pressing Done
        may not know they exist). They are brought into view and said; a second Done, once
        settled, completes the step without them (a field the plan requires is still refused
        by the services)."""
        offered = self._fields_offered_at
        if offered is not None:
            # A double click's second press is not the second Done the hint asks for.
            return time.monotonic() - offered < SETTLE_SECONDS
        empty = [f.widget for f in self.inputs if f.value() == ""]
        if not empty or not self.isVisible():  # "in view" is for a pane on the screen
            return False
        if self.typed_fields():
            return False  # something was typed in a field: the responder knows of them
        if any(not f.widget.visibleRegion().isEmpty() for f in self.inputs):
            return False  # a field is in view: the responder sees the step has them
        self._fields_offered_at = time.monotonic()
        # The first of them near the top of the step's pane, with its label above it: the
        # hint is laid over the bottom of the pane.
        content = self.content_scroll.widget()
        assert content is not None  # set once, when the pane is built
        top = empty[0].mapTo(content, QPoint(0, 0)).y()
        bar = self.content_scroll.verticalScrollBar()
        bar.setValue(max(0, top - 2 * self.fontMetrics().height()))
        self.show_hint(
            self.tr(
                "Not recorded: this step has fields to fill in, shown above. Fill them in, or "
                "press Done again to complete it without them."
            )
        )
        return True

    def _to_current(self) -> None:
        self.to_current.emit()

    def _reason_entered(self) -> None:
        if self.skip_button.isEnabled():
            self.skip_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _defer_reason_entered(self) -> None:
        if self.defer_button.isEnabled():
            self.defer_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _defer(self) -> None:
        if self.step is not None and self.defer_button.isEnabled():
            self.defer.emit(self.step.id, self.defer_reason.text())

    def _skip(self) -> None:
        if self.step is not None and self.skip_button.isEnabled():
            self.skip.emit(self.step.id, self.skip_reason.text())

    def _note(self) -> None:
        if self.step is not None and self.step_note.text().strip():
            self.note.emit(self.step.id, self.step_note.text())

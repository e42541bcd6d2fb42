"""Small forms of the incident view: closing it (with its summary), correcting the awareness time
(with why), and recording a contact made for a step (whom, how, when, who answered, the 受付番号,
the outcome).

Each is window-modal but not blocking (opened with ``open``): the clocks keep ticking behind it.
It only collects what was typed; the view writes it through the controller, and the dialog stays
open with the services' refusal beside the button when it is refused, so nothing typed is lost."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.timeutil import JST, format_jst, jst
from app.domain.visible import for_screen
from app.ui.incident_controller import ContactMade
from app.ui.occurred_at import OccurredAt
from app.ui.texts import CHANNELS, label


def time_edit(moment: datetime) -> QDateTimeEdit:
    """A JST wall-clock time editor, whatever the OS time zone is."""
    edit = QDateTimeEdit()
    edit.setDisplayFormat("yyyy-MM-dd HH:mm 'JST'")
    edit.setCalendarPopup(True)
    set_time(edit, moment)
    return edit


def set_time(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(QDateTime(jst(moment).replace(tzinfo=None, second=0, microsecond=0)))


def time_of(edit: QDateTimeEdit) -> datetime:
    local: datetime = edit.dateTime().toPython()  # type: ignore[assignment]
    return local.replace(tzinfo=JST)


class _Form(QDialog):
    """A form with a line for the services' refusal and Cancel / the action at the bottom."""

    def __init__(self, parent: QWidget | None, action: str) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(self.intro)
        self.form = QFormLayout()
        self.column.addLayout(self.form)
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        # Red on pale red with a sign: a refusal is never carried by colour alone.
        self.problem.setStyleSheet(
            "background: #fff5f5; border: 1px solid #e03131; color: #a51111; padding: 4px;"
        )
        self.problem.hide()
        self.column.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)  # Cancel was jammed against the big action at 20 pt
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        # As tall as the action beside it, so it does not read as an afterthought.
        policy = cancel.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
        cancel.setSizePolicy(policy)
        cancel.clicked.connect(self.reject)
        self.cancel = cancel
        buttons.addWidget(cancel)
        self.ok = QPushButton(action)
        self.ok.setObjectName("bigAction")
        self.ok.setAutoDefault(False)
        self.ok.clicked.connect(self.submit)
        buttons.addWidget(self.ok)
        self.column.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)

    def refused(self, reason: str) -> None:
        """The services' words, beside the button (they are in the message bar too)."""
        self.problem.setText("■ " + for_screen(reason, multiline=True))
        self.problem.show()

    def submit(self) -> None:  # pragma: no cover - each form has its own
        raise NotImplementedError


class CloseDialog(_Form):
    """Closing an incident: what happened and how it ended, in a few lines (the record's summary,
    required), and when it ended if that was earlier than now. A form of its own, not a box on
    the status row, so that a close is a deliberate act and the summary has room."""

    requested = Signal(str, object)  # the summary, when it ended (None: now)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Close the incident (Ctrl+Enter)"))
        self.setObjectName("closeDialog")
        self.setWindowTitle(self.tr("Close the incident"))
        self.setMinimumWidth(560)
        self.intro.setText(
            self.tr(
                "Once closed, no step can be recorded until it is reopened. Reopening is always "
                "possible; both are kept in the log."
            )
        )
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("closeSummary")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(
            self.tr("What happened, what was done and how it ended (required)")
        )
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 4)
        self.form.addRow(self.tr("Summary"), self.summary)
        self.occurred = OccurredAt()
        self.form.addRow("", self.occurred)

    def offer(self) -> None:
        self.summary.clear()
        self.occurred.reset()
        self.problem.hide()
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        self.requested.emit(self.summary.toPlainText().strip(), self.occurred.value())


class AwarenessDialog(_Form):
    """The time any section of the city first knew of the incident, set again with why."""

    corrected = Signal(object, str)  # the new awareness time (aware datetime), the reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Correct (Ctrl+Enter)"))
        self.setObjectName("awarenessDialog")
        self.setWindowTitle(self.tr("Correct the awareness time"))
        self.setMinimumWidth(520)
        self.intro.setText(
            self.tr(
                "The awareness time is when any section of the city first knew of this. "
                "Every clock counted from it moves with it. The earlier time stays in the log."
            )
        )
        self.current = QLabel()
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("Now recorded"), self.current)
        self.when = time_edit(datetime.now(JST))
        self.when.setObjectName("awarenessTime")
        self.form.addRow(self.tr("Aware since"), self.when)
        self.reason = QLineEdit()
        self.reason.setObjectName("awarenessReason")
        self.reason.setPlaceholderText(self.tr("Why it changes (required), e.g. who knew first"))
        self.reason.returnPressed.connect(self.submit)
        self.form.addRow(self.tr("Reason"), self.reason)

    def offer(self, awareness: datetime, declared: datetime) -> None:
        self.current.setText(
            self.tr("{aware} (declared {declared})").format(
                aware=format_jst(awareness), declared=format_jst(declared)
            )
        )
        set_time(self.when, awareness)
        self.reason.clear()
        self.problem.hide()
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        self.corrected.emit(time_of(self.when), self.reason.text())


class ContactDialog(_Form):
    """One contact made for a step; several may be recorded for the same step."""

    recorded = Signal(str, object)  # step id, ContactMade

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Record (Ctrl+Enter)"))
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Record a contact"))
        self.setMinimumWidth(560)
        self.step_id = ""
        self.whom = QComboBox()
        self.whom.setObjectName("contactWhom")
        self.whom.setEditable(True)  # a body from Contacts, or any name typed in
        self.whom.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.form.addRow(self.tr("Whom *"), self.whom)
        self.channel = QComboBox()
        self.channel.setObjectName("contactChannel")
        for channel in CHANNELS:
            self.channel.addItem(label(CHANNELS, channel), channel)
        self.form.addRow(self.tr("How *"), self.channel)
        self.when = time_edit(datetime.now(JST))
        self.when.setObjectName("contactTime")
        self.form.addRow(self.tr("When *"), self.when)
        self.person = QLineEdit()
        self.person.setObjectName("contactPerson")
        self.person.setPlaceholderText(self.tr("Name of the person you spoke to"))
        self.form.addRow(self.tr("Spoke to"), self.person)
        self.receipt = QLineEdit()
        self.receipt.setObjectName("contactReceipt")
        self.form.addRow(self.tr("Receipt no. (受付番号)"), self.receipt)
        self.outcome = QLineEdit()
        self.outcome.setObjectName("contactOutcome")
        self.outcome.setPlaceholderText(self.tr("What was agreed or what they said"))
        self.outcome.returnPressed.connect(self.submit)
        self.form.addRow(self.tr("Outcome"), self.outcome)

    def offer(self, step_id: str, step_title: str, whom: list[str], now: datetime) -> None:
        """A fresh form for ``step_id``: whom prefilled with the bodies the step names."""
        self.step_id = step_id
        self.intro.setText(self.tr("For the step: {step}").format(step=for_screen(step_title)))
        self.whom.clear()
        for name in whom:
            self.whom.addItem(for_screen(name), name)
        self.whom.setCurrentIndex(0 if whom else -1)
        if not whom:
            self.whom.setEditText("")
        self.channel.setCurrentIndex(max(0, self.channel.findData("phone")))
        set_time(self.when, now)
        for edit in (self.person, self.receipt, self.outcome):
            edit.clear()
        self.problem.hide()
        self.whom.setFocus(Qt.FocusReason.OtherFocusReason)

    def contact(self) -> ContactMade:
        typed = self.whom.currentText().strip()
        index = self.whom.findText(typed)
        # A name shown from Contacts is recorded as Contacts wrote it (before marking).
        whom = str(self.whom.itemData(index)) if index >= 0 else typed
        return ContactMade(
            whom=whom,
            channel=str(self.channel.currentData()),
            at=time_of(self.when),
            person=self.person.text().strip(),
            receipt=self.receipt.text().strip(),
            outcome=self.outcome.text().strip(),
        )

    def submit(self) -> None:
        self.recorded.emit(self.step_id, self.contact())

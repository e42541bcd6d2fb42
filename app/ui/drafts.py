"""Nothing typed is lost: the open incident's field inputs, step notes and quick note are kept
as drafts (``services.drafts``, outside the log) a moment after the typing stops, put back when
the incident or the step is opened again, marked as not recorded, and quitting with a draft
asks first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from app.errors import SonaeError
from app.services.drafts import Drafts, IncidentDrafts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit

    from app.domain.state import IncidentState
    from app.ui.session import Session
    from app.ui.step_panel import StepPanel

# How long after the last keystroke a draft is written (one write per pause, not per key).
# The one place this time is set.
DRAFT_SAVE_MS = 500


class DraftMark(QFrame):
    """「未記録の下書き」 beside text put back from a draft, and a button to throw it away."""

    discard = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftMark")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 2, 2)
        self.label = QLabel(text)
        self.label.setObjectName("draftMarkText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.label, 1)
        self.button = QPushButton(self.tr("Discard the draft"))
        self.button.setObjectName("discardDraft")
        # Reached by Tab, never by a stray Space after a click: it throws typed text away.
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.button.clicked.connect(self.discard)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()


def ask_to_quit(parent: QWidget) -> bool:
    """「記録していない入力があります」: True to keep it as a draft and quit, False to go back."""
    box = QMessageBox(parent)
    box.setObjectName("draftsOnQuit")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Sonae")
    box.setText(
        QCoreApplication.translate("DraftKeeper", "There is input that has not been recorded")
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "DraftKeeper",
            "It is kept as a draft, not in the record, and comes back when you open the "
            "incident again. To record it, go back and record it.",
        )
    )
    keep = box.addButton(
        QCoreApplication.translate("DraftKeeper", "Keep as a draft and quit"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    back = box.addButton(
        QCoreApplication.translate("DraftKeeper", "Go back"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(back)  # Enter does not quit by itself
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is keep


class DraftKeeper(QObject):
    """The drafts of the incident on screen: kept in memory as they are typed, written
    DRAFT_SAVE_MS after the last change (at once when one is recorded, discarded or emptied)."""

    def __init__(
        self,
        session: Session,
        panel: StepPanel,
        quick: QPlainTextEdit,
        quick_mark: DraftMark,
        state: Callable[[], IncidentState | None],
    ) -> None:
        super().__init__(panel)
        self.session = session
        self.panel = panel
        self.quick = quick
        self.quick_mark = quick_mark
        self.state = state  # the incident on screen, as last read
        self.incident_id = ""
        self.drafts = IncidentDrafts()
        self._dirty = False
        self._restoring = False  # the quick note is being filled from its draft
        self.quick_mark.discard.connect(self.discard_quick)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_SAVE_MS)
        self._timer.timeout.connect(self.flush)
        panel.typed.connect(self._step_typed)
        panel.step_shown.connect(self._step_shown)
        panel.draft_mark.discard.connect(self.discard_step)
        quick.textChanged.connect(self._quick_typed)

    def service(self) -> Drafts:
        return Drafts(self.session.root, read_only=self.session.read_only)

    # The incident and its steps opened
    def open(self, incident_id: str) -> None:
        """Keep what was typed for the incident before; put back this one's quick note."""
        self.flush()
        self.incident_id = incident_id
        self.drafts, problem = self.service().load(incident_id)
        if problem is not None:
            self.session.error.emit(str(problem))
        self._restoring = True
        try:
            self.quick.setPlainText(self.drafts.quick)
        finally:
            self._restoring = False
        self.quick_mark.setVisible(bool(self.drafts.quick.strip()))

    def _step_shown(self, step_id: str) -> None:
        state, drafts = self.state(), self.drafts
        if not step_id or not drafts.of_step(step_id):
            self.panel.mark_draft(False)
            return
        step = state.playbook.plan.step(step_id) if state is not None else None
        record = state.plan.steps.get(step_id) if state is not None else None
        if step is not None and step.every is None and record is not None and record.done_at:
            # Done (its fields recorded) before the draft could be removed: it is no draft.
            drafts.fields.pop(step_id, None)
            self._dirty = True
            self.flush()
        self.panel.put_draft(drafts.fields.get(step_id, {}), drafts.notes.get(step_id, ""))
        self.panel.mark_draft(drafts.of_step(step_id))

    # Typed
    def _step_typed(self, what: str) -> None:
        step = self.panel.step
        if step is None or not self.incident_id:
            return
        had = self.drafts.of_step(step.id)
        if what == "fields":
            self.drafts.put_fields(step.id, self.panel.typed_fields())
        else:
            self.drafts.put_note(step.id, self.panel.step_note.text())
        if not self.drafts.of_step(step.id):
            self.panel.mark_draft(False)
        self._changed(emptied=had and not self.drafts.of_step(step.id))

    def _quick_typed(self) -> None:
        if self._restoring or not self.incident_id:
            return
        had = bool(self.drafts.quick.strip())
        self.drafts.quick = self.quick.toPlainText()
        if not self.drafts.quick.strip():
            self.quick_mark.hide()
        self._changed(emptied=had and not self.drafts.quick.strip())

    def _changed(self, emptied: bool) -> None:
        self._dirty = True
        if emptied:  # recorded or wiped: said at once, so a crash cannot bring it back
            self.flush()
        else:
            self._timer.start()

    # Recorded or thrown away
    def fields_recorded(self, step_id: str) -> None:
        """Done recorded the step's fields: their draft goes (its note stays until recorded)."""
        if self.drafts.fields.pop(step_id, None) is not None:
            self._dirty = True
            self.flush()
        if self.panel.step is not None and self.panel.step.id == step_id:
            self.panel.mark_draft(self.drafts.of_step(step_id))

    def discard_step(self) -> None:
        step = self.panel.step
        if step is None:
            return
        self.drafts.drop_step(step.id)
        self.panel.discard_typed()
        self._dirty = True
        self.flush()

    def discard_quick(self) -> None:
        self.quick.clear()  # heard by _quick_typed: the draft goes and is written at once
        self.quick_mark.hide()

    # Written
    def flush(self) -> None:
        """Write what changed now (before the view changes incident, and before quitting)."""
        self._timer.stop()
        if not self._dirty or not self.incident_id:
            return
        self._dirty = False
        try:
            self.service().save(self.incident_id, self.drafts)
        except SonaeError as exc:
            self.session.error.emit(str(exc))

    def any_kept(self) -> bool:
        """Whether some incident has a draft (written now if it was not yet)."""
        self.flush()
        return not self.session.read_only and bool(self.service().incidents())


def kept_anywhere(session: Session) -> bool:
    """Whether the data folder keeps a draft (before an incident was opened in this window)."""
    if session.read_only:
        return False  # nothing could be kept, nor recorded
    return bool(Drafts(session.root).incidents())

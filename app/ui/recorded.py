"""What was just recorded, said on screen for a few seconds with an undo.

Every entry a responder's action writes (``Session.recorded``) is named in words in the message
bar — which lies over the screen and moves nothing — with 取り消す while UNDO_SECONDS run. Undo
writes the retraction (a ``corrected`` entry) for the responder, with a fixed reason: the log keeps
both the entry and its retraction. Kinds that cannot be corrected get no undo button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.domain.entries import LogEntry
    from app.ui.session import Session
    from app.ui.widgets import MessageBar

UNDO_SECONDS = 8.0  # how long what was recorded stays on screen, with its undo
SHOWN_CHARS = 60  # what an entry says, cut to this many characters in the one-line message


class RecordedNotice(QObject):
    """Says each recorded entry in ``bar``, and retracts it when 取り消す is pressed."""

    undone = Signal(str, object)  # incident id, the entry retracted (its step back on screen)

    def __init__(self, session: Session, bar: MessageBar) -> None:
        super().__init__(bar)
        self.session = session
        self.bar = bar
        self.last: LogEntry | None = None  # the entry on screen now (for the tests)
        session.recorded.connect(self.said)

    def words(self, incident_id: str, entry: LogEntry) -> str:
        """The entry in words: its kind, what it says (cut short), when it happened."""
        from app.domain.describe import describe, kind_label  # read once something is recorded
        from app.domain.timeutil import jst, parse_iso

        state = self.session.read(lambda: self.session.ws.incidents.state(incident_id))
        what = " ".join(describe(entry, state).split())  # one line
        if len(what) > SHOWN_CHARS:
            what = what[: SHOWN_CHARS - 1] + "…"
        at = f"{jst(parse_iso(entry.occurred_at)):%H:%M}"
        return self.tr("{kind} 「{what}」 {time}").format(
            kind=kind_label(entry.kind), what=what, time=at
        )

    def said(self, incident_id: str, entry: LogEntry) -> None:
        from app.domain.kinds import KINDS

        self.last = entry
        text = self.tr("Recorded: {entry}").format(entry=self.words(incident_id, entry))
        kind = KINDS.get(entry.kind)
        undo = None
        if kind is not None and kind.correctable:
            undo = (self.tr("Undo (Ctrl+Z)"), lambda: self.undo(incident_id, entry))
        self.bar.show_message(text, undo, UNDO_SECONDS, tone="recorded")

    def undo(self, incident_id: str, entry: LogEntry) -> None:
        """The retraction, written for the responder; the message then says it was retracted."""
        from app.domain.vocabulary import UNDO_REASON

        actor = self.session.actor
        reason = UNDO_REASON.text()
        written = self.session.act(
            incident_id,
            lambda: self.session.ws.incidents.correct(incident_id, entry.uuid, reason, actor),
        )
        if written is None:
            return  # refused: the message bar says why
        self.last = None
        self.undone.emit(incident_id, entry)
        text = self.tr("Retracted: {entry} (the log keeps both entries)").format(
            entry=self.words(incident_id, entry)
        )
        self.bar.show_message(text, None, UNDO_SECONDS, tone="recorded")

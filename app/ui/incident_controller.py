"""What the incident view does, apart from its widgets: each write action through the session
(so a refusal becomes a message and every view hears the change) to the services, and the
questions the view asks before it offers an action, answered by the services' rules.

The view keeps the widgets, the selection and the focus; nothing here decides a rule itself.
Every ``why_not`` answer is the services' own words (``app.services.rules`` and
``app.services.fields``), the same ones a command on the command line is refused with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.services import fields, rules

if TYPE_CHECKING:  # for types only: the window starts without the plan parser
    from app.domain.entries import LogEntry
    from app.domain.loader import PlaybookFile
    from app.domain.playbook import Step
    from app.domain.state import IncidentState
    from app.i18n import Msg
    from app.services.incidents import Incidents
    from app.ui.session import Session


@dataclass(frozen=True)
class FieldProblem:
    """What the services' field rules refuse in a step's inputs: their words, and the field."""

    text: str
    field: str | None


@dataclass(frozen=True)
class ContactMade:
    """What the contact form holds: whom, the channel's id, when, and what was said."""

    whom: str
    channel: str
    at: datetime | None = None
    person: str = ""
    receipt: str = ""
    outcome: str = ""


@dataclass(frozen=True)
class LessonDraft:
    """What the lesson form holds: the text and its category (app.domain.kinds.LESSON_CATEGORIES);
    for an improvement item its owner, due day and the plan step it should change; and the note
    it is marked on (its uuid), when it came from one."""

    text: str
    category: str = "lesson"
    improvement: bool = False
    owner: str = ""
    due: date | None = None
    plan: str = ""
    step: str = ""
    note: str = ""


def _said(reason: Msg | None) -> str:
    """A refusal as the window shows it ("" when there is none)."""
    return str(reason) if reason is not None else ""


class IncidentController:
    """The write actions of one incident view, and what the services allow there now.

    Each action returns the entry written, or None when it was refused; the refusal has then been
    shown in the message bar (``Session.act``). The questions (``why_not``…) return "" when the
    action is allowed, else the services' reason."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def incidents(self) -> Incidents:
        return self.session.ws.incidents

    # What is allowed now: the services' rules, asked before an action is offered.
    def why_not(self, state: IncidentState, action: str, step: Step | None = None) -> str:
        """Why ``action`` (on the step in view) cannot be taken now ("" when it can)."""
        return _said(rules.refusal(state, action, step, in_view=True))

    def why_not_status(self, state: IncidentState, status: str, summary: str | None) -> str:
        """Why the incident cannot move to ``status`` ("" when it can); with ``summary`` None,
        whatever summary is given (which status buttons to offer)."""
        if summary is None:
            return _said(rules.status_change_refusal(state, status))
        return _said(rules.status_refusal(state, status, summary))

    def field_problem(self, step: Step, values: dict[str, Any]) -> FieldProblem | None:
        """What the field rules refuse in these inputs (the first problem), or None."""
        problem = fields.field_problems(step, values)
        if problem is None:
            return None
        return FieldProblem(str(problem), fields.field_of(problem))

    def hand_over_targets(self, state: IncidentState) -> list[PlaybookFile]:
        """The plans a hand-over may go to, from the library as it is now."""
        library = self.session.read(lambda: self.session.ws.library.all()) or []
        return rules.hand_over_targets(state, library)

    def refuse(self, reason: str) -> None:
        """Say why nothing was done, in the message bar."""
        self.session.error.emit(reason)

    # Writes: each one through the session, which writes through the services.
    def _record(self, incident_id: str, action: Callable[[], LogEntry]) -> LogEntry | None:
        """Write one entry; once written it is said on screen, with an undo (app.ui.recorded)."""
        entry = self.session.act(incident_id, action)
        if entry is not None:
            self.session.recorded.emit(incident_id, entry)
        return entry

    def start_step(
        self, incident_id: str, step_id: str, at: datetime | None = None
    ) -> LogEntry | None:
        actor = self.session.actor
        return self._record(
            incident_id, lambda: self.incidents.start_step(incident_id, step_id, actor, at=at)
        )

    def complete_step(
        self,
        incident_id: str,
        step_id: str,
        values: dict[str, Any],
        deputy_for: str = "",
        at: datetime | None = None,
    ) -> LogEntry | None:
        """A step done; ``at``: when, if earlier than now (back-filling)."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.complete_step(
                incident_id, step_id, actor, fields=values, deputy_for=deputy_for or None, at=at
            ),
        )

    def skip_step(
        self, incident_id: str, step_id: str, reason: str, at: datetime | None = None
    ) -> LogEntry | None:
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.skip_step(incident_id, step_id, reason, actor, at=at),
        )

    def defer_step(
        self, incident_id: str, step_id: str, reason: str, at: datetime | None = None
    ) -> LogEntry | None:
        """A step put off to come back to (保留), with why."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.defer_step(incident_id, step_id, reason, actor, at=at),
        )

    def decide(
        self,
        incident_id: str,
        decision_id: str,
        choice: str,
        reason: str = "",
        at: datetime | None = None,
    ) -> LogEntry | None:
        """A question answered, with why when it was said (printed beside the answer)."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.decide(
                incident_id, decision_id, choice, actor, at=at, reason=reason.strip() or None
            ),
        )

    def note(
        self,
        incident_id: str,
        text: str,
        step_id: str | None = None,
        at: datetime | None = None,
    ) -> LogEntry | None:
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.note(incident_id, text, actor, step_id=step_id, at=at),
        )

    def lesson(self, incident_id: str, lesson: LessonDraft) -> LogEntry | None:
        """A lesson for the after-action report: what went well or badly, or an improvement
        item for the next revision of the plan (owner, due day, the step it should change)."""
        actor = self.session.actor
        item = lesson.improvement
        return self._record(
            incident_id,
            lambda: self.incidents.add_lesson(
                incident_id,
                lesson.text,
                actor,
                improvement=item,
                category=lesson.category,
                owner=(lesson.owner.strip() or None) if item else None,
                due=lesson.due.isoformat() if item and lesson.due is not None else None,
                plan=(lesson.plan or None) if item else None,
                step=(lesson.step or None) if item else None,
                note=lesson.note or None,
            ),
        )

    def set_status(
        self, incident_id: str, status: str, summary: str, at: datetime | None = None
    ) -> LogEntry | None:
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.set_status(
                incident_id, status, actor, summary=summary.strip() or None, at=at
            ),
        )

    def retract(self, incident_id: str, entry_uuid: str, reason: str) -> LogEntry | None:
        actor = self.session.actor
        return self._record(
            incident_id, lambda: self.incidents.correct(incident_id, entry_uuid, reason, actor)
        )

    def hand_over(self, incident_id: str, plan_id: str) -> LogEntry | None:
        actor = self.session.actor
        return self._record(
            incident_id, lambda: self.incidents.hand_over(incident_id, plan_id, actor)
        )

    def correct_awareness(
        self, incident_id: str, awareness_at: datetime, reason: str
    ) -> LogEntry | None:
        """The time the city first knew, set again with why: every clock from it follows."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.correct_awareness(incident_id, awareness_at, reason, actor),
        )

    def tick_check(
        self,
        incident_id: str,
        step_id: str,
        check_id: str,
        ticked: bool,
        at: datetime | None = None,
    ) -> LogEntry | None:
        """One check item of a step ticked (or unticked): one entry each time."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.tick_check(
                incident_id, step_id, check_id, actor, ticked=ticked, at=at
            ),
        )

    def add_evidence(
        self, incident_id: str, path: str, step_id: str | None = None
    ) -> LogEntry | None:
        """A file attached (on the step in view, if any): stored by its sha256, then logged."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.add_evidence(incident_id, path, actor, step=step_id),
        )

    def record_contact(
        self, incident_id: str, step_id: str, contact: ContactMade
    ) -> LogEntry | None:
        """A contact made for a step: whom, how, when, who answered, 受付番号, the outcome."""
        actor = self.session.actor
        return self._record(
            incident_id,
            lambda: self.incidents.record_contact(
                incident_id,
                step_id,
                contact.whom,
                contact.channel,
                actor,
                person=contact.person or None,
                receipt=contact.receipt or None,
                outcome=contact.outcome or None,
                at=contact.at,
            ),
        )

"""The fold: (playbook, log entries) -> incident state.

Nothing here is stored. Every screen, report and command derives the state of an incident by
replaying its entries in order, so the log stays the only source of truth. The fold is incremental
(``apply`` one entry at a time) so the app can keep it current cheaply; a correction that retracts
an earlier entry replays the whole log without it, because any state may have depended on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from app.domain import kinds as k
from app.domain.clock import IncidentClock
from app.domain.entries import LogEntry
from app.domain.kinds import read_payload

if TYPE_CHECKING:
    from app.domain.loader import PlaybookFile
    from app.domain.playbook import Step

# Step states shown to users. "waiting" means the step depends on a decision not yet taken.
STEP_STATES = ("pending", "active", "done", "skipped", "not_applicable", "waiting")

PlanResolver = Callable[[str], "PlaybookFile"]


@dataclass
class StepRecord:
    """What the log says about one step (its state also depends on the decisions)."""

    started_at: str | None = None
    done_at: str | None = None
    skipped_at: str | None = None
    actor: str | None = None
    reason: str | None = None
    note: str | None = None
    deputy_for: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    entry_uuid: str | None = None


@dataclass
class DecisionRecord:
    choice: str
    first_at: str  # when the question was first answered: deadline anchors start here
    at: str
    actor: str
    entry_uuid: str


@dataclass
class PlanRun:
    """One playbook followed in this incident; a hand-over starts the next one."""

    playbook: PlaybookFile
    started_at: str
    steps: dict[str, StepRecord] = field(default_factory=dict)


@dataclass
class Responder:
    name: str
    first_at: str
    last_at: str
    entries: int = 0


@dataclass
class IncidentState:
    id: str
    title: str = ""
    mode: str = "real"
    status: str = "open"
    body: str = ""
    zones: list[str] = field(default_factory=list)
    declared_at: str = ""
    awareness_at: str = ""
    plans: list[PlanRun] = field(default_factory=list)
    decisions: dict[str, DecisionRecord] = field(default_factory=dict)
    # Deadline id -> when it was met. A fact about the incident, not one plan: a report made
    # before a hand-over stays made.
    met: dict[str, str] = field(default_factory=dict)
    responders: dict[str, Responder] = field(default_factory=dict)
    notes: list[LogEntry] = field(default_factory=list)
    lessons: list[LogEntry] = field(default_factory=list)
    injects: list[LogEntry] = field(default_factory=list)
    reports: list[LogEntry] = field(default_factory=list)
    status_changes: list[LogEntry] = field(default_factory=list)
    summary: str = ""
    # The incident's own time: the system clock, or a tabletop exercise's simulated clock.
    clock: IncidentClock = field(default_factory=IncidentClock)
    retracted: dict[str, str] = field(default_factory=dict)  # target uuid -> correction uuid
    clock_flags: list[int] = field(default_factory=list)  # seqs whose recorded_at went back
    entries: int = 0
    head: str = ""
    last_occurred_at: str = ""

    @property
    def plan(self) -> PlanRun:
        return self.plans[-1]

    @property
    def playbook(self) -> PlaybookFile:
        return self.plans[-1].playbook

    def choices(self) -> dict[str, str]:
        return {k: v.choice for k, v in self.decisions.items()}

    def step_state(self, step: Step, run: PlanRun | None = None) -> str:
        record = (run or self.plan).steps.get(step.id)
        if record and record.done_at:
            return "done"
        if record and record.skipped_at:
            return "skipped"
        if step.condition is not None:
            applies = step.condition.evaluate(self.choices())
            if applies is False:
                return "not_applicable"
            if applies is None:
                return "waiting"
        if record and record.started_at:
            return "active"
        return "pending"

    def step_states(self, run: PlanRun | None = None) -> dict[str, str]:
        run = run or self.plan
        return {s.id: self.step_state(s, run) for s in run.playbook.plan.steps()}

    def next_step(self) -> Step | None:
        """The step to show next: an active one first, else the first pending one in plan order."""
        states = self.step_states()
        steps = list(self.playbook.plan.steps())
        for wanted in ("active", "pending"):
            for step in steps:
                if states[step.id] == wanted:
                    return step
        return None

    def progress(self) -> tuple[int, int]:
        """(finished, applicable) steps of the current plan."""
        states = self.step_states().values()
        finished = sum(1 for s in states if s in ("done", "skipped"))
        applicable = sum(1 for s in states if s != "not_applicable")
        return finished, applicable


# A time exactly as the store writes it (``to_iso``: 2026-11-25T00:00:00.000000Z), in the UTC
# years that hold 2000-2099 JST. The views parse these without asking, so a tampered one is
# stopped by the fold; the day itself (no 30 February) is checked once per day. An entry's two
# times are matched in one call: the fold of 100,000 entries pays for every call.
_TIME = (
    r"((?:1999|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2})"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}Z"
)
_TWO = re.compile(_TIME + _TIME).fullmatch
_GOOD_DAYS: set[str] = set()


def _day_ok(day: str) -> bool:
    if day in _GOOD_DAYS:
        return True
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    if len(_GOOD_DAYS) < 100_000:
        _GOOD_DAYS.add(day)
    return True


def entry_times_ok(entry: LogEntry) -> bool:
    """Both times of an entry, as the store writes them."""
    both = entry.occurred_at, entry.recorded_at
    found = _TWO(both[0] + both[1]) if type(both[0]) is type(both[1]) is str else None
    return found is not None and _day_ok(found[1]) and _day_ok(found[2])


class DamagedEntry(ValueError):
    """An entry the fold cannot read (a payload missing what its kind needs): the log was
    changed outside Sonae. Raised instead of a KeyError deep inside a handler."""

    def __init__(self, entry: LogEntry, reason: str) -> None:
        super().__init__(f"{entry.incident_id} #{entry.seq}: {reason}")
        self.seq = entry.seq
        self.reason = reason


class IncidentFold:
    """Folds one incident's entries, in seq order, into an ``IncidentState``."""

    def __init__(self, incident_id: str, resolve: PlanResolver) -> None:
        self._resolve = resolve
        self._entries: list[LogEntry] = []
        self._last_recorded = ""
        self.state = IncidentState(incident_id)

    def apply(self, entry: LogEntry) -> None:
        if not entry_times_ok(entry):
            raise DamagedEntry(
                entry, f"its times {entry.occurred_at!r}, {entry.recorded_at!r} are not times"
            )
        self._entries.append(entry)
        try:
            if entry.kind == "corrected":
                target = read_payload(entry, k.Corrected).target
                if target and any(e.uuid == target for e in self._entries[:-1]):
                    self._rebuild()
                    return
            self._apply(entry)
        except DamagedEntry:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            self._entries.pop()
            why = (
                f"{exc} is missing" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
            )
            raise DamagedEntry(entry, why) from exc

    def apply_all(self, entries: Iterable[LogEntry]) -> IncidentState:
        for entry in entries:
            self.apply(entry)
        return self.state

    def _rebuild(self) -> None:
        entries = self._entries
        self.state = IncidentState(self.state.id)
        self._last_recorded = ""
        for entry in entries:
            if entry.kind == "corrected":
                self.state.retracted[read_payload(entry, k.Corrected).target] = entry.uuid
        for entry in entries:
            self._apply(entry)

    def _apply(self, entry: LogEntry) -> None:
        state = self.state
        state.entries += 1
        state.head = entry.hash
        if self._last_recorded and entry.recorded_at < self._last_recorded:
            state.clock_flags.append(entry.seq)
        self._last_recorded = max(self._last_recorded, entry.recorded_at)
        state.last_occurred_at = max(state.last_occurred_at, entry.occurred_at)
        responder = state.responders.get(entry.actor)
        if responder is None:
            responder = state.responders[entry.actor] = Responder(
                entry.actor, entry.occurred_at, entry.occurred_at
            )
        responder.entries += 1
        responder.first_at = min(responder.first_at, entry.occurred_at)
        responder.last_at = max(responder.last_at, entry.occurred_at)
        if entry.uuid in state.retracted:
            return
        handler = _HANDLERS.get(entry.kind)
        if handler is not None:
            handler(self, entry)

    # One handler per kind of entry.
    def _opened(self, entry: LogEntry) -> None:
        p = read_payload(entry, k.Opened)
        state = self.state
        state.title = p.title
        state.mode = p.mode
        state.body = p.body
        state.zones = list(p.zones)
        state.declared_at = entry.occurred_at
        state.awareness_at = p.awareness_at or entry.occurred_at
        state.plans.append(PlanRun(self._resolve(p.playbook.sha256), entry.occurred_at))

    def _handed_over(self, entry: LogEntry) -> None:
        sha = read_payload(entry, k.HandedOver).playbook.sha256
        run = PlanRun(self._resolve(sha), entry.occurred_at)
        # A step the new plan shares (same id) keeps what was recorded for it, like decisions.
        new_steps = {s.id for s in run.playbook.plan.steps()}
        for earlier in self.state.plans:
            for step_id, record in earlier.steps.items():
                if step_id in new_steps:
                    run.steps[step_id] = replace(record, fields=dict(record.fields))
        self.state.plans.append(run)

    def _record(self, entry: LogEntry) -> StepRecord | None:
        if not self.state.plans or entry.step_id is None:
            return None
        return self.state.plan.steps.setdefault(entry.step_id, StepRecord())

    def _step_started(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            record.started_at = entry.occurred_at
            record.actor = entry.actor

    def _step_done(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            record.done_at = entry.occurred_at
            record.started_at = record.started_at or entry.occurred_at
            record.actor = entry.actor
            p = read_payload(entry, k.StepDone)
            record.fields = dict(p.fields)
            record.note = p.note
            record.deputy_for = p.deputy_for
            record.entry_uuid = entry.uuid

    def _step_skipped(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            record.skipped_at = entry.occurred_at
            record.actor = entry.actor
            p = read_payload(entry, k.StepSkipped)
            record.reason = p.reason
            record.note = p.note
            record.entry_uuid = entry.uuid

    def _decided(self, entry: LogEntry) -> None:
        if entry.decision_id is None:
            return
        previous = self.state.decisions.get(entry.decision_id)
        self.state.decisions[entry.decision_id] = DecisionRecord(
            choice=read_payload(entry, k.Decided).choice,
            first_at=previous.first_at if previous else entry.occurred_at,
            at=entry.occurred_at,
            actor=entry.actor,
            entry_uuid=entry.uuid,
        )

    def _deadline_met(self, entry: LogEntry) -> None:
        self.state.met.setdefault(read_payload(entry, k.DeadlineMet).deadline_id, entry.occurred_at)

    def _status_changed(self, entry: LogEntry) -> None:
        p = read_payload(entry, k.StatusChanged)
        self.state.status = p.status
        if p.summary:
            self.state.summary = p.summary
        self.state.status_changes.append(entry)

    def _clock_changed(self, entry: LogEntry) -> None:
        self.state.clock = IncidentClock.from_change(read_payload(entry, k.ClockChanged))

    def _nothing(self, entry: LogEntry) -> None:
        """Kept in the log and shown; nothing in the state depends on it."""

    def _noted(self, entry: LogEntry) -> None:
        self.state.notes.append(entry)

    def _lesson(self, entry: LogEntry) -> None:
        self.state.lessons.append(entry)

    def _inject(self, entry: LogEntry) -> None:
        self.state.injects.append(entry)

    def _report_issued(self, entry: LogEntry) -> None:
        self.state.reports.append(entry)


_HANDLERS: dict[str, Callable[[IncidentFold, LogEntry], None]] = {
    "opened": IncidentFold._opened,
    "handed_over": IncidentFold._handed_over,
    "step_started": IncidentFold._step_started,
    "step_done": IncidentFold._step_done,
    "step_skipped": IncidentFold._step_skipped,
    "decided": IncidentFold._decided,
    "deadline_met": IncidentFold._deadline_met,
    "status_changed": IncidentFold._status_changed,
    "noted": IncidentFold._noted,
    "lesson": IncidentFold._lesson,
    "inject": IncidentFold._inject,
    "report_issued": IncidentFold._report_issued,
    "clock_changed": IncidentFold._clock_changed,
    "corrected": IncidentFold._nothing,  # applied before any handler: see ``apply``
    "evidence_added": IncidentFold._nothing,
}


def fold(incident_id: str, entries: Iterable[LogEntry], resolve: PlanResolver) -> IncidentState:
    return IncidentFold(incident_id, resolve).apply_all(entries)

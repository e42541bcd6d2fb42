"""The fold: (playbook, log entries) -> incident state.

Every screen, report and command derives the state of an incident by replaying its entries in
order, so the log stays the only source of truth. The fold is incremental (``apply`` one entry at
a time) so the app can keep it current cheaply; a correction that retracts an earlier entry
replays the whole log without it, because any state may have depended on it.

Two things make opening an incident cheap without storing anything the log does not decide:
- a plan is read (its pinned text parsed) only when something asks for it (``PlanRun.playbook``):
  a note, a status change or a title needs no plan;
- the state can be written out as JSON (``snapshot``) and read back (``restore``), keyed by the
  log's head: a derived copy the services keep for large incidents and check before use, never
  trusted over the log. The entries a state only lists (notes, lessons, ...) are not in it: a
  restored state reads them from the log when first asked for.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from app.domain import kinds as k
from app.domain.clock import IncidentClock
from app.domain.entries import BODIES, LogEntry
from app.domain.kinds import login_of, read_payload
from app.domain.timeutil import parse_iso, to_iso

if TYPE_CHECKING:
    from app.domain.evidence import EvidenceFile
    from app.domain.loader import PlaybookFile
    from app.domain.playbook import Step

# Step states shown to users. "waiting" means the step depends on a decision not yet taken;
# "deferred" (保留) that it was put off to come back to: the cursor passes over it, the list
# keeps it until it is started, done or skipped.
STEP_STATES = (
    "pending",
    "active",
    "done",
    "skipped",
    "not_applicable",
    "waiting",
    "repeating",
    "deferred",
)
# The states of a step that is finished with (a repeating step once it has ended is "done").
FINISHED = ("done", "skipped", "not_applicable")

PlanResolver = Callable[[str], "PlaybookFile"]
# The kinds whose entries a state only lists (kind -> the state's attribute).
LISTED_KINDS = {
    "noted": "notes",
    "lesson": "lessons",
    "inject": "injects",
    "exercise_started": "exercises",
    "rated": "ratings",
    "improvement_closed": "closures",
    "conflict_resolved": "resolutions",
    "report_issued": "reports",
    "status_changed": "status_changes",
    "contact_recorded": "contacts",
    "awareness_corrected": "awareness_changes",
    "evidence_added": "evidence_added",
    "evidence_handed": "evidence_handed",
}


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
    checks: dict[str, str] = field(default_factory=dict)  # check id -> when it was ticked
    occurrences: list[str] = field(default_factory=list)  # a repeating step: each time done
    # A deferral that stands (ended by a later start, done or skip): when, why, until when.
    deferred_at: str | None = None
    deferred_reason: str | None = None
    deferred_until: str | None = None


@dataclass
class DecisionRecord:
    choice: str
    first_at: str  # when the question was first answered: deadline anchors start here
    at: str
    actor: str
    entry_uuid: str
    reason: str = ""  # why this answer was given (printed beside it)


class PlanRun:
    """One playbook followed in this incident; a hand-over starts the next one.

    The run knows its plan by the sha256 of the pinned text and reads it on first use
    (``playbook``). After a hand-over, the step records a new plan shares with earlier ones
    (same id) carry over; which ids it has is only known from the plan, so the earlier records
    wait in ``_carried`` and are settled against it when the steps are first looked at (or an
    entry touches a carried step), giving exactly what settling at the hand-over would give.
    """

    __slots__ = ("sha256", "started_at", "plan_id", "_steps", "_carried", "_resolve", "_playbook")

    def __init__(
        self,
        sha256: str,
        started_at: str,
        resolve: PlanResolver | None = None,
        *,
        plan_id: str = "",
        playbook: PlaybookFile | None = None,
        steps: dict[str, StepRecord] | None = None,
        carried: dict[str, StepRecord] | None = None,
    ) -> None:
        self.sha256 = sha256
        self.started_at = started_at
        self.plan_id = plan_id  # as the entry that pins it names it (the plan not read)
        self._resolve = resolve
        self._playbook = playbook
        self._steps: dict[str, StepRecord] = steps if steps is not None else {}
        self._carried = carried

    @property
    def playbook(self) -> PlaybookFile:
        if self._playbook is None:
            if self._resolve is None:
                raise ValueError(f"no way to read the plan {self.sha256[:12]}")
            self._playbook = self._resolve(self.sha256)
        return self._playbook

    @property
    def resolved(self) -> bool:
        """Whether the plan has been read (for tests and for the snapshot's checks)."""
        return self._playbook is not None

    @property
    def steps(self) -> dict[str, StepRecord]:
        if self._carried is not None:
            self._settle()
        return self._steps

    def record(self, step_id: str) -> StepRecord:
        """The record an entry about ``step_id`` changes (made if there is none yet)."""
        if self._carried is not None and step_id in self._carried:
            self._settle()  # a carried record counts only if the new plan has the step
        return self._steps.setdefault(step_id, StepRecord())

    def carry(self) -> Iterator[tuple[str, StepRecord]]:
        """The records a later plan may carry over from this run, settled or not: what is
        still waiting in ``_carried`` are copies of earlier runs' records, which a later plan
        reads from those runs, in the same order."""
        yield from self._steps.items()

    def _settle(self) -> None:
        carried = self._carried
        assert carried is not None
        shared = {s.id for s in self.playbook.plan.steps()}  # may raise: nothing changes then
        own = self._steps  # recorded in this run: never a carried id (``record`` settles first)
        self._steps = {i: r for i, r in carried.items() if i in shared}
        for step_id, record in own.items():
            self._steps.setdefault(step_id, record)
        self._carried = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PlanRun):
            return NotImplemented
        return (self.sha256, self.started_at, self.steps) == (
            other.sha256,
            other.started_at,
            other.steps,
        )

    # Mutable, like the dataclasses around it: no hash.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PlanRun({self.sha256[:12]}, {self.started_at})"


class EntryLists:
    """The entries of the kinds a state only lists (``LISTED_KINDS``), by kind, in log order.

    A fold keeps them as it applies them. A state restored from a snapshot reads each list from
    the log when it is first asked for (``read``: that kind's entries among those folded, less
    the retracted ones: the same entries the handlers would have kept, since an entry is left
    out exactly when its uuid is in ``retracted``, which only a full replay changes)."""

    def __init__(self, read: Callable[[str], list[LogEntry]] | None = None) -> None:
        self._read = read
        self._lists: dict[str, list[LogEntry]] = {} if read else {k: [] for k in LISTED_KINDS}

    def of(self, kind: str) -> list[LogEntry]:
        found = self._lists.get(kind)
        if found is None:
            assert self._read is not None
            found = self._lists[kind] = list(self._read(kind))
        return found

    def add(self, entry: LogEntry) -> None:
        found = self._lists.get(entry.kind)
        if found is not None:  # else not read yet: it is read whole, this entry with it
            found.append(entry)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EntryLists):
            return NotImplemented
        return all(self.of(kind) == other.of(kind) for kind in LISTED_KINDS)

    __hash__ = None  # type: ignore[assignment]


@dataclass
class Responder:
    name: str
    first_at: str
    last_at: str
    entries: int = 0
    # The machine logins the entries were written under (entries.login_of), in first-seen order.
    logins: list[str] = field(default_factory=list)


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
    summary: str = ""
    # The incident's own time: the system clock, or a tabletop exercise's simulated clock.
    clock: IncidentClock = field(default_factory=IncidentClock)
    retracted: dict[str, str] = field(default_factory=dict)  # target uuid -> correction uuid
    clock_flags: list[int] = field(default_factory=list)  # seqs whose recorded_at went back
    entries: int = 0
    # Copies issued (report_issued): logged, but not response: not in the responders, not in
    # last_occurred_at.
    issued: int = 0
    head: str = ""
    last_occurred_at: str = ""
    # Notes, lessons, injects, reports issued and status changes (see the properties below).
    listed: EntryLists = field(default_factory=EntryLists, repr=False)

    @property
    def notes(self) -> list[LogEntry]:
        return self.listed.of("noted")

    @property
    def lessons(self) -> list[LogEntry]:
        return self.listed.of("lesson")

    @property
    def injects(self) -> list[LogEntry]:
        return self.listed.of("inject")

    @property
    def exercises(self) -> list[LogEntry]:
        return self.listed.of("exercise_started")

    @property
    def ratings(self) -> list[LogEntry]:
        return self.listed.of("rated")

    @property
    def closures(self) -> list[LogEntry]:
        return self.listed.of("improvement_closed")

    @property
    def resolutions(self) -> list[LogEntry]:
        return self.listed.of("conflict_resolved")

    @property
    def reports(self) -> list[LogEntry]:
        return self.listed.of("report_issued")

    @property
    def status_changes(self) -> list[LogEntry]:
        return self.listed.of("status_changed")

    @property
    def contacts(self) -> list[LogEntry]:
        return self.listed.of("contact_recorded")

    @property
    def awareness_changes(self) -> list[LogEntry]:
        return self.listed.of("awareness_corrected")

    @property
    def evidence_added(self) -> list[LogEntry]:
        return self.listed.of("evidence_added")

    @property
    def evidence_handed(self) -> list[LogEntry]:
        return self.listed.of("evidence_handed")

    @property
    def evidence(self) -> list[EvidenceFile]:
        """The files attached, each with its custody events (``app.domain.evidence``)."""
        from app.domain.evidence import (
            evidence_files,
        )  # read when evidence is listed, not on a note

        return evidence_files(self.evidence_added, self.evidence_handed)

    @property
    def plan(self) -> PlanRun:
        return self.plans[-1]

    @property
    def playbook(self) -> PlaybookFile:
        return self.plans[-1].playbook

    def choices(self) -> dict[str, str]:
        return {k: v.choice for k, v in self.decisions.items()}

    def facts(self) -> dict[str, str | frozenset[str]]:
        """What a condition reads: the answers, and the incident's body, zones and mode (an
        incident opened without a body reads as unanswered)."""
        facts: dict[str, str | frozenset[str]] = dict(self.choices())
        if self.body in BODIES:
            facts["incident.body"] = self.body
        facts["incident.zones"] = frozenset(self.zones)
        facts["incident.mode"] = self.mode
        return facts

    def step_state(self, step: Step, run: PlanRun | None = None) -> str:
        run = run or self.plan
        record = run.steps.get(step.id)
        if step.every is not None and record and record.occurrences and not record.skipped_at:
            return "done" if self.repeat_ended(step, run) else "repeating"
        if record and record.done_at:
            return "done"
        if record and record.skipped_at:
            return "skipped"
        applies = step.applies(self.facts())
        if applies is False:
            return "not_applicable"
        if applies is None:
            return "waiting"
        if record and record.deferred_at:
            return "deferred"
        if record and record.started_at:
            return "active"
        return "pending"

    def repeat_ended(self, step: Step, run: PlanRun | None = None) -> bool:
        """Whether a repeating step has ended: its ``until`` holds, or (``phase_end``) every
        other step of its phase is finished or does not apply."""
        run = run or self.plan
        if step.until_condition is not None:
            return step.until_condition.evaluate(self.facts()) is True
        phase = run.playbook.plan.phase_of(step.id)
        others = [s for s in phase.steps if s.id != step.id and s.every is None] if phase else []
        return all(self.step_state(s, run) in FINISHED for s in others)

    def step_states(self, run: PlanRun | None = None) -> dict[str, str]:
        run = run or self.plan
        return {s.id: self.step_state(s, run) for s in run.playbook.plan.steps()}

    def next_step(self) -> Step | None:
        """The step to show next: an active one first, else the first pending one in plan order.
        A deferred step is passed over (it is come back to from the list)."""
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
    """Folds one incident's entries, in seq order, into an ``IncidentState``.

    ``lazy_plans`` (the default) reads each plan on first use; False reads it at the entry that
    names it, as the fold always did: the tests hold the two to the same states."""

    def __init__(self, incident_id: str, resolve: PlanResolver, *, lazy_plans: bool = True) -> None:
        self._resolve = resolve
        self._lazy = lazy_plans
        self._entries: list[LogEntry] = []
        # A fold restored from a snapshot has folded entries it has not read: the first
        # ``_unread`` ones, read from the log (``_read_unread``) only if a correction needs them.
        self._unread = 0
        self._unread_head = ""
        self._read_unread: Callable[[int], Sequence[LogEntry]] | None = None
        # Each laptop's latest recorded_at: a clock goes back on one laptop, never between two.
        self._last_recorded: dict[str, str] = {}
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
                if target and any(e.uuid == target for e in self._history()[:-1]):
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

    def _history(self) -> list[LogEntry]:
        """Every entry folded, oldest first (a restored fold reads its unread ones now)."""
        if self._unread:
            assert self._read_unread is not None
            earlier = list(self._read_unread(self._unread))
            if len(earlier) != self._unread or earlier[-1].hash != self._unread_head:
                raise ValueError("the log no longer holds the entries this state was made of")
            self._entries[:0] = earlier
            self._unread = 0
        return self._entries

    def _rebuild(self) -> None:
        entries = self._history()
        self.state = IncidentState(self.state.id)
        self._last_recorded = {}
        for entry in entries:
            if entry.kind == "corrected":
                self.state.retracted[read_payload(entry, k.Corrected).target] = entry.uuid
        for entry in entries:
            self._apply(entry)

    def _apply(self, entry: LogEntry) -> None:
        state = self.state
        state.entries += 1
        state.head = entry.hash
        last = self._last_recorded.get(entry.device, "")
        if last and entry.recorded_at < last:
            state.clock_flags.append(entry.seq)
        self._last_recorded[entry.device] = max(last, entry.recorded_at)
        if entry.kind == "report_issued":
            state.issued += 1
        else:
            self._responded(entry)
        if entry.uuid in state.retracted:
            return
        handler = _HANDLERS.get(entry.kind)
        if handler is not None:
            handler(self, entry)
        if entry.kind in _SETTLED_KINDS:
            self._resettle(entry)

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
        state.plans.append(self._run(p.playbook, entry.occurred_at))

    def _run(self, pin: k.PlanPin, started_at: str) -> PlanRun:
        if self._lazy:
            return PlanRun(pin.sha256, started_at, self._resolve, plan_id=pin.id)
        return PlanRun(pin.sha256, started_at, plan_id=pin.id, playbook=self._resolve(pin.sha256))

    def _handed_over(self, entry: LogEntry) -> None:
        run = self._run(read_payload(entry, k.HandedOver).playbook, entry.occurred_at)
        # A step the new plan shares (same id) keeps what was recorded for it, like decisions:
        # every earlier record is copied now, and the new plan's step ids pick from them when
        # it is read (at once, without ``lazy_plans``).
        carried: dict[str, StepRecord] = {}
        for earlier in self.state.plans:
            for step_id, record in earlier.carry():
                carried[step_id] = replace(
                    record,
                    fields=dict(record.fields),
                    checks=dict(record.checks),
                    occurrences=list(record.occurrences),
                )
        run._carried = carried
        if not self._lazy:
            run._settle()
        self.state.plans.append(run)

    def _record(self, entry: LogEntry) -> StepRecord | None:
        if not self.state.plans or entry.step_id is None:
            return None
        return self.state.plan.record(entry.step_id)

    def _step_started(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            record.started_at = entry.occurred_at
            record.actor = entry.actor
            _end_deferral(record)

    def _step_deferred(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            p = read_payload(entry, k.StepDeferred)
            record.deferred_at = entry.occurred_at
            record.deferred_reason = p.reason
            # A time as the store writes it, else left out (a log changed outside Sonae).
            until = p.until if p.until and re.fullmatch(_TIME, p.until) else None
            record.deferred_until = until
            record.actor = entry.actor

    def _step_done(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            record.occurrences.append(entry.occurred_at)  # more than one only when it repeats
            record.done_at = entry.occurred_at
            record.started_at = record.started_at or entry.occurred_at
            record.actor = entry.actor
            p = read_payload(entry, k.StepDone)
            record.fields = dict(p.fields)
            record.note = p.note
            record.deputy_for = p.deputy_for
            record.entry_uuid = entry.uuid
            _end_deferral(record)

    def _step_skipped(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            record.skipped_at = entry.occurred_at
            record.actor = entry.actor
            p = read_payload(entry, k.StepSkipped)
            record.reason = p.reason
            record.note = p.note
            record.entry_uuid = entry.uuid
            _end_deferral(record)

    def _responded(self, entry: LogEntry) -> None:
        state = self.state
        state.last_occurred_at = max(state.last_occurred_at, entry.occurred_at)
        responder = state.responders.get(entry.actor)
        if responder is None:
            responder = state.responders[entry.actor] = Responder(
                entry.actor, entry.occurred_at, entry.occurred_at
            )
        responder.entries += 1
        responder.first_at = min(responder.first_at, entry.occurred_at)
        responder.last_at = max(responder.last_at, entry.occurred_at)
        login = login_of(entry)
        if login and login not in responder.logins:
            responder.logins.append(login)

    def _decided(self, entry: LogEntry) -> None:
        if entry.decision_id is None:
            return
        previous = self.state.decisions.get(entry.decision_id)
        p = read_payload(entry, k.Decided)
        self.state.decisions[entry.decision_id] = DecisionRecord(
            choice=p.choice,
            first_at=previous.first_at if previous else entry.occurred_at,
            at=entry.occurred_at,
            actor=entry.actor,
            entry_uuid=entry.uuid,
            reason=p.reason or "",
        )

    def _awareness_corrected(self, entry: LogEntry) -> None:
        self.state.awareness_at = read_payload(entry, k.AwarenessCorrected).awareness_at
        self.state.listed.add(entry)

    def _body_changed(self, entry: LogEntry) -> None:
        self.state.body = read_payload(entry, k.BodyChanged).body

    def _check_ticked(self, entry: LogEntry) -> None:
        record = self._record(entry)
        if record is not None:
            p = read_payload(entry, k.CheckTicked)
            if p.ticked:
                record.checks[p.check] = entry.occurred_at
            else:
                record.checks.pop(p.check, None)

    def _contact_recorded(self, entry: LogEntry) -> None:
        read_payload(entry, k.ContactRecorded)  # a damaged one is said, not listed
        self.state.listed.add(entry)

    def _evidence_added(self, entry: LogEntry) -> None:
        read_payload(entry, k.EvidenceAdded)  # a damaged one is said, not listed
        self.state.listed.add(entry)

    def _evidence_handed(self, entry: LogEntry) -> None:
        read_payload(entry, k.EvidenceHanded)
        self.state.listed.add(entry)

    def _deadline_met(self, entry: LogEntry) -> None:
        self.state.met.setdefault(read_payload(entry, k.DeadlineMet).deadline_id, entry.occurred_at)

    def _status_changed(self, entry: LogEntry) -> None:
        p = read_payload(entry, k.StatusChanged)
        self.state.status = p.status
        if p.summary:
            self.state.summary = p.summary
        self.state.listed.add(entry)

    def _clock_changed(self, entry: LogEntry) -> None:
        self.state.clock = IncidentClock.from_change(read_payload(entry, k.ClockChanged))

    def _conflict_resolved(self, entry: LogEntry) -> None:
        """Two laptops disagreed; the answer or outcome chosen stands (app/domain/conflicts.py)."""
        self._settle(entry)
        self.state.listed.add(entry)

    def _settle(self, resolution: LogEntry) -> None:
        p = read_payload(resolution, k.ConflictResolved)
        if p.subject == "decision":
            previous = self.state.decisions.get(p.target)
            if previous is not None:
                self.state.decisions[p.target] = replace(
                    previous, choice=p.chosen, at=resolution.occurred_at, actor=resolution.actor
                )
        elif p.subject == "step" and self.state.plans:
            record = self.state.plan.record(p.target)
            if p.chosen == "done" and record.done_at is not None:
                record.skipped_at = record.reason = None
            elif p.chosen == "skipped" and record.skipped_at is not None:
                record.done_at = None

    def _resettle(self, entry: LogEntry) -> None:
        """An answer or outcome that a resolution settled, placed after it by the merge order
        (another laptop's entry with a later time): the resolution still stands."""
        for resolution in self.state.resolutions:
            over = resolution.payload.get("over")
            if isinstance(over, list) and entry.uuid in over:
                if resolution.uuid not in self.state.retracted:
                    self._settle(resolution)

    def _nothing(self, entry: LogEntry) -> None:
        """Kept in the log and shown; nothing in the state depends on it."""

    def _listed(self, entry: LogEntry) -> None:
        """Only listed (``LISTED_KINDS``): nothing else in the state depends on it."""
        self.state.listed.add(entry)


# The kinds a conflict between laptops is about (app/domain/conflicts.py).
_SETTLED_KINDS = ("decided", "step_done", "step_skipped")


def _end_deferral(record: StepRecord) -> None:
    """Coming back to a deferred step (starting, doing or skipping it) ends its deferral."""
    record.deferred_at = record.deferred_reason = record.deferred_until = None


_HANDLERS: dict[str, Callable[[IncidentFold, LogEntry], None]] = {
    "opened": IncidentFold._opened,
    "handed_over": IncidentFold._handed_over,
    "step_started": IncidentFold._step_started,
    "step_done": IncidentFold._step_done,
    "step_skipped": IncidentFold._step_skipped,
    "step_deferred": IncidentFold._step_deferred,
    "decided": IncidentFold._decided,
    "deadline_met": IncidentFold._deadline_met,
    "status_changed": IncidentFold._status_changed,
    "noted": IncidentFold._listed,
    "lesson": IncidentFold._listed,
    "inject": IncidentFold._listed,
    "exercise_started": IncidentFold._listed,
    "rated": IncidentFold._listed,
    "improvement_closed": IncidentFold._listed,
    "conflict_resolved": IncidentFold._conflict_resolved,
    "report_issued": IncidentFold._listed,
    "clock_changed": IncidentFold._clock_changed,
    "corrected": IncidentFold._nothing,  # applied before any handler: see ``apply``
    "evidence_added": IncidentFold._evidence_added,
    "evidence_handed": IncidentFold._evidence_handed,
    "awareness_corrected": IncidentFold._awareness_corrected,
    "body_changed": IncidentFold._body_changed,
    "check_ticked": IncidentFold._check_ticked,
    "contact_recorded": IncidentFold._contact_recorded,
}


def fold(incident_id: str, entries: Iterable[LogEntry], resolve: PlanResolver) -> IncidentState:
    return IncidentFold(incident_id, resolve).apply_all(entries)


# Snapshots: the state as JSON, to be restored instead of folded (see the module's docstring).
# The services key each by the log's head and keep it only for large incidents; everything read
# back is checked here, field by field, and anything amiss is a ValueError (the caller folds the
# log instead). Only what the code in ``FOLDING_MODULES`` made is restored: a snapshot written by
# other code (another version, a changed handler) names other code and is not used.
SNAPSHOT_FORMAT = 5  # 2: step records keep check items and a repeating step's occurrences
# 3: copies issued apart from the responders; decisions keep their reason; responders their logins
# 4: step records keep a deferral (保留)
# 5: the latest recorded time is kept per laptop (a clock going back is one laptop's)
FOLDING_MODULES = (
    "app.domain.state",
    "app.domain.kinds",
    "app.domain.clock",
    "app.domain.entries",
    "app.domain.timeutil",
)
_fold_code: list[str | None] = []


def fold_code() -> str | None:
    """A digest of the code that turns entries into state (the modules' compiled code, with
    their constants in a stable order), or None if it cannot be read (then no snapshot is kept).
    """
    if not _fold_code:
        try:
            digest = hashlib.sha256(sys.implementation.cache_tag.encode())
            for name in FOLDING_MODULES:
                spec = sys.modules[name].__spec__
                loader = spec.loader if spec is not None else None
                code = loader.get_code(name) if loader is not None else None  # type: ignore[attr-defined]
                if code is None:
                    raise ValueError(name)
                digest.update(_stable(code).encode())
            _fold_code.append(digest.hexdigest())
        except Exception:  # no compiled code to read (an odd loader): never use a snapshot
            _fold_code.append(None)
    return _fold_code[0]


def _stable(value: Any) -> str:
    """A text for a code object or constant that is the same in every process (a frozenset's
    order follows string hashes, which differ from one process to the next)."""
    if hasattr(value, "co_code"):
        parts = [value.co_code.hex(), repr(value.co_names), *map(_stable, value.co_consts)]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()
    if isinstance(value, frozenset | set):
        return "{" + ",".join(sorted(map(_stable, value))) + "}"
    if isinstance(value, tuple):
        return "(" + ",".join(map(_stable, value)) + ")"
    return repr(value)


def _record_json(r: StepRecord) -> dict[str, Any]:
    return {
        "started_at": r.started_at,
        "done_at": r.done_at,
        "skipped_at": r.skipped_at,
        "actor": r.actor,
        "reason": r.reason,
        "note": r.note,
        "deputy_for": r.deputy_for,
        "fields": r.fields,
        "entry_uuid": r.entry_uuid,
        "checks": r.checks,
        "occurrences": r.occurrences,
        "deferred_at": r.deferred_at,
        "deferred_reason": r.deferred_reason,
        "deferred_until": r.deferred_until,
    }


def snapshot(fold: IncidentFold) -> dict[str, Any]:
    """The fold's state as plain JSON data (``restore`` reads it back); the listed entries are
    not in it."""
    s = fold.state
    clock = s.clock
    return {
        "format": SNAPSHOT_FORMAT,
        "code": fold_code(),
        "id": s.id,
        "title": s.title,
        "mode": s.mode,
        "status": s.status,
        "body": s.body,
        "zones": list(s.zones),
        "declared_at": s.declared_at,
        "awareness_at": s.awareness_at,
        "plans": [
            {
                "sha256": run.sha256,
                "started_at": run.started_at,
                "plan_id": run.plan_id,
                "steps": {i: _record_json(r) for i, r in run._steps.items()},
                "carried": None
                if run._carried is None
                else {i: _record_json(r) for i, r in run._carried.items()},
            }
            for run in s.plans
        ],
        "decisions": {
            i: {
                "choice": d.choice,
                "first_at": d.first_at,
                "at": d.at,
                "actor": d.actor,
                "entry_uuid": d.entry_uuid,
                "reason": d.reason,
            }
            for i, d in s.decisions.items()
        },
        "met": dict(s.met),
        "responders": {
            name: {
                "first_at": r.first_at,
                "last_at": r.last_at,
                "entries": r.entries,
                "logins": list(r.logins),
            }
            for name, r in s.responders.items()
        },
        "summary": s.summary,
        "clock": None
        if clock.real_at is None or clock.sim_at is None
        else {
            "real_at": to_iso(clock.real_at),
            "sim_at": to_iso(clock.sim_at),
            "speed": clock.speed,
            "running": clock.running,
        },
        "retracted": dict(s.retracted),
        "clock_flags": list(s.clock_flags),
        "entries": s.entries,
        "issued": s.issued,
        "head": s.head,
        "last_occurred_at": s.last_occurred_at,
        "last_recorded": dict(fold._last_recorded),
    }


def restore(
    incident_id: str,
    data: object,
    resolve: PlanResolver,
    read_entries: Callable[[int], Sequence[LogEntry]],
    read_kind: Callable[[str, int], Sequence[LogEntry]],
) -> IncidentFold:
    """A fold as ``snapshot`` wrote it, checked field by field; ValueError if anything is not
    what a fold makes. ``read_entries(n)`` gives the first n entries (read only if a correction
    needs them), ``read_kind(kind, n)`` a listed kind's entries among the first n."""
    d = _object(data, set(_SNAPSHOT_KEYS))
    if d["format"] != SNAPSHOT_FORMAT or d["code"] is None or d["code"] != fold_code():
        raise ValueError("a snapshot of another format or code")
    if d["id"] != incident_id:
        raise ValueError("a snapshot of another incident")
    entries = _count(d["entries"])
    state = IncidentState(
        incident_id,
        title=_text(d["title"]),
        mode=_text(d["mode"]),
        status=_text(d["status"]),
        body=_text(d["body"]),
        zones=[_text(z) for z in _list(d["zones"])],
        declared_at=_time(d["declared_at"], empty=True),
        awareness_at=_text(d["awareness_at"]),
        plans=[_run(p, resolve) for p in _list(d["plans"])],
        decisions={_text(i): _decision(v) for i, v in _mapping(d["decisions"]).items()},
        met={_text(i): _time(v) for i, v in _mapping(d["met"]).items()},
        responders={_text(n): _responder(n, v) for n, v in _mapping(d["responders"]).items()},
        summary=_text(d["summary"]),
        clock=_clock(d["clock"]),
        retracted={_text(t): _text(c) for t, c in _mapping(d["retracted"]).items()},
        clock_flags=[_count(seq) for seq in _list(d["clock_flags"])],
        entries=entries,
        issued=_count(d["issued"], zero=True),
        head=_sha(d["head"]),
        last_occurred_at=_time(d["last_occurred_at"]),
    )
    if not state.plans or any(seq > entries for seq in state.clock_flags):
        raise ValueError("a snapshot that no log folds to")
    if sum(r.entries for r in state.responders.values()) + state.issued != entries:
        raise ValueError("a snapshot whose responders do not add up")
    state.listed = EntryLists(
        lambda kind: [e for e in read_kind(kind, state.entries) if e.uuid not in state.retracted]
    )
    fold = IncidentFold(incident_id, resolve)
    fold.state = state
    last = d["last_recorded"]
    if not isinstance(last, dict) or not all(isinstance(key, str) for key in last):
        raise ValueError("last_recorded is not a map of devices")
    fold._last_recorded = {key: _time(value) for key, value in last.items()}
    fold._unread, fold._unread_head, fold._read_unread = entries, state.head, read_entries
    return fold


_SNAPSHOT_KEYS = tuple(
    "format code id title mode status body zones declared_at awareness_at plans decisions met "
    "responders summary clock retracted clock_flags entries issued head last_occurred_at "
    "last_recorded".split()
)
_RECORD_KEYS = set(
    "started_at done_at skipped_at actor reason note deputy_for fields entry_uuid checks "
    "occurrences deferred_at deferred_reason deferred_until".split()
)


def _object(value: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != keys:
        raise ValueError("not the fields a snapshot has")
    return value


def _mapping(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _text(value: object) -> str:
    if type(value) is not str:
        raise ValueError("not a text")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _count(value: object, zero: bool = False) -> int:
    if type(value) is not int or value < (0 if zero else 1):
        raise ValueError("not a count")
    return value


def _sha(value: object) -> str:
    if type(value) is not str or not re.fullmatch(r"[0-9a-f]{64}", value):
        raise ValueError("not a sha256")
    return value


def _time(value: object, empty: bool = False) -> str:
    """A time exactly as the store writes it (``entry_times_ok``), or "" where a state may have
    none yet."""
    if empty and value == "":
        return ""
    found = re.fullmatch(_TIME, value) if type(value) is str else None  # compiled on first use
    if found is None or not _day_ok(found[1]):
        raise ValueError("not a stored time")
    return str(value)


def _optional_time(value: object) -> str | None:
    return None if value is None else _time(value)


def _record(value: object) -> StepRecord:
    r = _object(value, _RECORD_KEYS)
    fields = _mapping(r["fields"])
    for key in fields:
        _text(key)
    return StepRecord(
        started_at=_optional_time(r["started_at"]),
        done_at=_optional_time(r["done_at"]),
        skipped_at=_optional_time(r["skipped_at"]),
        actor=_optional(r["actor"]),
        reason=_optional(r["reason"]),
        note=_optional(r["note"]),
        deputy_for=_optional(r["deputy_for"]),
        fields=dict(fields),
        entry_uuid=_optional(r["entry_uuid"]),
        checks={_text(c): _time(at) for c, at in _mapping(r["checks"]).items()},
        occurrences=[_time(at) for at in _list(r["occurrences"])],
        deferred_at=_optional_time(r["deferred_at"]),
        deferred_reason=_optional(r["deferred_reason"]),
        deferred_until=_optional_time(r["deferred_until"]),
    )


def _records(value: object) -> dict[str, StepRecord]:
    return {_text(i): _record(r) for i, r in _mapping(value).items()}


def _run(value: object, resolve: PlanResolver) -> PlanRun:
    p = _object(value, {"sha256", "started_at", "plan_id", "steps", "carried"})
    carried = None if p["carried"] is None else _records(p["carried"])
    return PlanRun(
        _sha(p["sha256"]),
        _time(p["started_at"]),
        resolve,
        plan_id=_text(p["plan_id"]),
        steps=_records(p["steps"]),
        carried=carried,
    )


def _decision(value: object) -> DecisionRecord:
    d = _object(value, {"choice", "first_at", "at", "actor", "entry_uuid", "reason"})
    return DecisionRecord(
        choice=_text(d["choice"]),
        first_at=_time(d["first_at"]),
        at=_time(d["at"]),
        actor=_text(d["actor"]),
        entry_uuid=_text(d["entry_uuid"]),
        reason=_text(d["reason"]),
    )


def _responder(name: str, value: object) -> Responder:
    r = _object(value, {"first_at", "last_at", "entries", "logins"})
    return Responder(
        name,
        _time(r["first_at"]),
        _time(r["last_at"]),
        _count(r["entries"]),
        [_text(login) for login in _list(r["logins"])],
    )


def _clock(value: object) -> IncidentClock:
    if value is None:
        return IncidentClock()
    c = _object(value, {"real_at", "sim_at", "speed", "running"})
    speed, running = c["speed"], c["running"]
    if type(speed) is not float or not 0 < speed < float("inf") or type(running) is not bool:
        raise ValueError("not a clock")
    return IncidentClock(
        parse_iso(_clock_time(c["real_at"])), parse_iso(_clock_time(c["sim_at"])), speed, running
    )


def _clock_time(value: object) -> str:
    # A simulated time is kept within 2000-2100 JST by the commands, but the fold takes any
    # time an entry names: any ISO time that reads back to itself.
    text = _text(value)
    if to_iso(parse_iso(text)) != text:
        raise ValueError("not a clock time")
    return text

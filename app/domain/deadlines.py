"""Deadline states at a given moment: a pure function of the folded state and ``now``."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from app.domain.calendar_days import DayCount, count_days
from app.domain.state import IncidentState, PlanRun
from app.domain.timeutil import parse_iso

if TYPE_CHECKING:  # the plan models (pydantic) load only when a plan is read
    from app.domain.playbook import Deadline, Decision, Step

DEADLINE_STATES = (
    "not_started",
    "running",
    "due_soon",
    "overdue",
    "met",
    "met_late",
    "not_applicable",
    "invalid",  # its due time cannot be computed (a pinned plan's clock beyond any calendar)
)


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: Deadline
    state: str
    anchor_at: datetime | None = None
    due: datetime | None = None
    met_at: datetime | None = None
    days: DayCount | None = None  # a clock counted in days: its last day, and why it moved
    # It runs although a question its condition reads is unanswered (``unanswered: applies``).
    provisional: bool = False

    @property
    def id(self) -> str:
        return self.deadline.id


def _anchor(state: IncidentState, run: PlanRun, deadline: Deadline) -> str | None:
    kind, ref = deadline.anchor
    if kind == "declared":
        return state.declared_at or None
    if kind == "awareness":
        return state.awareness_at or None
    if kind == "step":
        record = run.steps.get(ref or "")
        return record.done_at if record else None
    decision = state.decisions.get(ref or "")
    return decision.first_at if decision else None


def _field_duration(state: IncidentState, run: PlanRun, deadline: Deadline) -> timedelta | None:
    """A clock's length read from a field (``within: field:STEP.FIELD``): None until that step
    is done with a number there."""
    source = deadline.from_field
    assert source is not None
    step_id, field_id = source
    step = run.playbook.plan.step(step_id)
    spec = step.field(field_id) if step else None
    record = run.steps.get(step_id)
    value = record.fields.get(field_id) if record and record.done_at else None
    if spec is None or spec.unit is None or isinstance(value, bool):
        return None
    try:  # a number field is recorded as the text typed (checked to be a number then)
        number = float(value) if isinstance(value, str | int | float) else math.nan
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return spec.duration(number)


def _due(
    state: IncidentState, run: PlanRun, deadline: Deadline, anchor: datetime
) -> tuple[datetime | None, DayCount | None]:
    if deadline.count == "calendar_days":
        days = count_days(anchor, deadline.days, deadline.roll == "next_open_day")
        return days.due, days
    if deadline.from_field is not None:
        length = _field_duration(state, run, deadline)
        return (anchor + length if length is not None else None), None
    return anchor + deadline.duration, None


def deadline_status(
    state: IncidentState, deadline: Deadline, now: datetime, run: PlanRun | None = None
) -> DeadlineStatus:
    run = run or state.plan
    anchor_text = _anchor(state, run, deadline)
    anchor = parse_iso(anchor_text) if anchor_text else None
    try:
        due, days = _due(state, run, deadline, anchor) if anchor else (None, None)
        if due is not None:
            due - deadline.warning  # noqa: B018 - the warning time must be computable too
    except (OverflowError, ValueError):
        # Only a plan pinned before clocks were bounded (or a hostile field value) can get here:
        # the error stays on this clock, and the incident, its other clocks and lists keep working.
        return DeadlineStatus(deadline, "invalid", anchor)
    met_text = state.met.get(deadline.id)
    if met_text is not None:
        # Met is history: it stays met even if a later answer or plan would not start the clock.
        met = parse_iso(met_text)
        late = due is not None and met > due
        return DeadlineStatus(deadline, "met_late" if late else "met", anchor, due, met, days)
    facts = state.facts()
    applies = deadline.applies(facts)
    if applies is False:
        return DeadlineStatus(deadline, "not_applicable")
    if applies is None or anchor is None or due is None:
        return DeadlineStatus(deadline, "not_started", anchor)
    provisional = deadline.condition is not None and deadline.condition.evaluate(facts) is None
    if now >= due:
        kind = "overdue"
    elif now >= due - deadline.warning:
        kind = "due_soon"
    else:
        kind = "running"
    return DeadlineStatus(deadline, kind, anchor, due, None, days, provisional)


def deadline_statuses(state: IncidentState, now: datetime) -> list[DeadlineStatus]:
    """The current plan's deadlines, then those of earlier plans (before a hand-over) that were
    met, or are incident clocks (``scope: incident``), which keep running whatever the new plan
    defines; the current plan governs every other clock still open."""
    statuses = [deadline_status(state, d, now) for d in state.playbook.plan.deadlines]
    kept = _earlier(state, lambda d: d.id in state.met or d.scope == "incident")
    return statuses + [deadline_status(state, d, now, run) for d, run in kept]


def carried_clocks(state: IncidentState) -> list[tuple[Deadline, PlanRun]]:
    """The incident clocks (``scope: incident``) of earlier plans that the current plan does
    not define, with the run that defined each: they keep running after a hand-over, so the
    step that meets them and the questions their condition reads stay usable."""
    return _earlier(state, lambda d: d.scope == "incident")


def _earlier(
    state: IncidentState, keep: Callable[[Deadline], bool]
) -> list[tuple[Deadline, PlanRun]]:
    """Earlier plans' deadlines that ``keep`` takes and the current plan does not define: each
    id once, from the newest plan that has it, with the run that defined it."""
    seen = {d.id for d in state.playbook.plan.deadlines}
    earlier: list[tuple[Deadline, PlanRun]] = []
    for run in reversed(state.plans[:-1]):
        for deadline in run.playbook.plan.deadlines:
            if deadline.id not in seen and keep(deadline):
                seen.add(deadline.id)
                earlier.append((deadline, run))
    return earlier


def carried_step(state: IncidentState, step_id: str) -> Step | None:
    """A step of an earlier plan that meets one of its carried incident clocks."""
    for deadline, run in carried_clocks(state):
        if deadline.met_by == step_id:
            return run.playbook.plan.step(step_id)
    return None


def carried_decision(state: IncidentState, decision_id: str) -> Decision | None:
    """A question of an earlier plan that one of its carried incident clocks reads."""
    for deadline, run in carried_clocks(state):
        read = deadline.condition.references() if deadline.condition else []
        if any(name == decision_id for name, _ in read):
            return run.playbook.plan.decision(decision_id)
    return None


def nearest_open_deadline(statuses: list[DeadlineStatus]) -> DeadlineStatus | None:
    """The running clock that ends first: what the home screen counts down."""
    live = [s for s in statuses if s.state in ("running", "due_soon", "overdue") and s.due]
    return min(live, key=lambda s: s.due or datetime.max) if live else None

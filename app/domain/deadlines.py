"""Deadline states at a given moment: a pure function of the folded state and ``now``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.state import IncidentState, PlanRun
from app.domain.timeutil import parse_iso

if TYPE_CHECKING:  # the plan models (pydantic) load only when a plan is read
    from app.domain.playbook import Deadline

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


def deadline_status(
    state: IncidentState, deadline: Deadline, now: datetime, run: PlanRun | None = None
) -> DeadlineStatus:
    run = run or state.plan
    anchor_text = _anchor(state, run, deadline)
    anchor = parse_iso(anchor_text) if anchor_text else None
    try:
        due = anchor + deadline.duration if anchor else None
        if due is not None:
            due - deadline.warning  # noqa: B018 - the warning time must be computable too
    except (OverflowError, ValueError):
        # Only a plan pinned before clocks were bounded can get here: the error stays on this
        # clock, and the incident, its other clocks and the lists keep working.
        return DeadlineStatus(deadline, "invalid", anchor)
    met_text = state.met.get(deadline.id)
    if met_text is not None:
        # Met is history: it stays met even if a later answer or plan would not start the clock.
        met = parse_iso(met_text)
        late = due is not None and met > due
        return DeadlineStatus(deadline, "met_late" if late else "met", anchor, due, met)
    applies = deadline.condition.evaluate(state.choices()) if deadline.condition else True
    if applies is False:
        return DeadlineStatus(deadline, "not_applicable")
    if applies is None or anchor is None or due is None:
        return DeadlineStatus(deadline, "not_started")
    if now >= due:
        kind = "overdue"
    elif now >= due - deadline.warning:
        kind = "due_soon"
    else:
        kind = "running"
    return DeadlineStatus(deadline, kind, anchor, due)


def deadline_statuses(state: IncidentState, now: datetime) -> list[DeadlineStatus]:
    """The current plan's deadlines, then those of earlier plans (before a hand-over) that were
    met: they are part of the record, while the current plan governs what is still open."""
    statuses = [deadline_status(state, d, now) for d in state.playbook.plan.deadlines]
    shown = {s.id for s in statuses}
    for run in reversed(state.plans[:-1]):
        for deadline in run.playbook.plan.deadlines:
            if deadline.id not in shown and deadline.id in state.met:
                statuses.append(deadline_status(state, deadline, now, run))
                shown.add(deadline.id)
    return statuses


def nearest_open_deadline(statuses: list[DeadlineStatus]) -> DeadlineStatus | None:
    """The running clock that ends first: what the home screen counts down."""
    live = [s for s in statuses if s.state in ("running", "due_soon", "overdue") and s.due]
    return min(live, key=lambda s: s.due or datetime.max) if live else None

"""The whole response at a glance (issue 12): what the bar at the top of an incident screen
shows, and what a home card may show of it.

Computed from the folded state and the deadline statuses already worked out for the moment, so
a tick costs O(steps + responders + clocks), never O(entries): a 100,000-entry incident ticks as
fast as a small one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.deadlines import DeadlineStatus, nearest_open_deadline
from app.domain.state import IncidentState
from app.domain.timeutil import parse_iso, to_iso

# Someone who recorded anything this recently counts as working on the incident now.
WORKING_RECENTLY = timedelta(minutes=30)


@dataclass(frozen=True)
class Worker:
    name: str
    steps: tuple[str, ...] = ()  # the steps this person started and has not finished


@dataclass(frozen=True)
class Situation:
    mode: str
    title: str
    status: str
    aware_for: timedelta | None  # time since the city first knew (None: no time recorded)
    declared_for: timedelta | None  # time since the incident was declared
    nearest: DeadlineStatus | None  # the open clock that ends first
    done: int  # steps finished (done or skipped)
    applicable: int  # steps that apply
    working: tuple[Worker, ...]  # those on an active step first, then the recently active


def _since(moment: str, now: datetime) -> timedelta | None:
    return max(timedelta(0), now - parse_iso(moment)) if moment else None


def working(state: IncidentState, now: datetime) -> tuple[Worker, ...]:
    """Who is working: whoever started a step still in progress (with those steps, in plan
    order), then anyone who recorded something in the last ``WORKING_RECENTLY``, latest first."""
    states = state.step_states()
    on_steps: dict[str, list[str]] = {}
    for step_id, step_state in states.items():
        record = state.plan.steps.get(step_id)
        if step_state == "active" and record is not None and record.actor:
            on_steps.setdefault(record.actor, []).append(step_id)
    since = to_iso(now - WORKING_RECENTLY)
    recent = sorted(
        (r for r in state.responders.values() if r.last_at >= since and r.name not in on_steps),
        key=lambda r: r.last_at,
        reverse=True,
    )
    return tuple(Worker(name, tuple(steps)) for name, steps in on_steps.items()) + tuple(
        Worker(r.name) for r in recent
    )


def situation(state: IncidentState, now: datetime, statuses: list[DeadlineStatus]) -> Situation:
    """The situation at ``now`` (the incident's time), from ``statuses`` (its deadline statuses
    at that moment, as ``deadline_statuses`` gives them)."""
    done, applicable = state.progress()
    return Situation(
        mode=state.mode,
        title=state.title,
        status=state.status,
        aware_for=_since(state.awareness_at or state.declared_at, now),
        declared_for=_since(state.declared_at, now),
        nearest=nearest_open_deadline(statuses),
        done=done,
        applicable=applicable,
        working=working(state, now),
    )

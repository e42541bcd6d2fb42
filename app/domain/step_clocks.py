"""The soft clocks of steps, at a given moment: a step's target (``target``) and a repeating
step's next occurrence (``every``). Pure functions of the folded state and ``now``; neither ever
blocks a step, they are shown and reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.state import IncidentState, PlanRun
from app.domain.timeutil import parse_iso

if TYPE_CHECKING:
    from app.domain.playbook import Step

# A target: "running" until it is due, "overdue" after; "met"/"met_late" once the step is done.
TARGET_STATES = ("not_started", "running", "overdue", "met", "met_late")
# A repeating step: its next occurrence is "due" now, "scheduled" later, or it has "ended".
REPEAT_STATES = ("due", "scheduled", "ended")


@dataclass(frozen=True)
class TargetStatus:
    step: Step
    state: str
    due: datetime | None = None
    done_at: datetime | None = None


@dataclass(frozen=True)
class RepeatStatus:
    step: Step
    state: str
    count: int  # occurrences done
    last_at: datetime | None = None
    next_due: datetime | None = None


def target_status(
    state: IncidentState, step: Step, now: datetime, run: PlanRun | None = None
) -> TargetStatus | None:
    """The step's target, or None if it has none."""
    length = step.target_duration
    if length is None:
        return None
    run = run or state.plan
    anchor_text = state.awareness_at if step.target_from == "awareness" else state.declared_at
    if not anchor_text:
        return TargetStatus(step, "not_started")
    due = parse_iso(anchor_text) + length
    record = run.steps.get(step.id)
    first = record.occurrences[0] if record and record.occurrences else None
    done_text = first or (record.done_at if record else None)
    if done_text:
        done = parse_iso(done_text)
        return TargetStatus(step, "met_late" if done > due else "met", due, done)
    if state.step_state(step, run) in ("skipped", "not_applicable"):
        return TargetStatus(step, "not_started", due)
    return TargetStatus(step, "overdue" if now >= due else "running", due)


def repeat_status(
    state: IncidentState, step: Step, now: datetime, run: PlanRun | None = None
) -> RepeatStatus | None:
    """A repeating step's next occurrence, or None if it does not repeat."""
    every = step.repeat
    if every is None:
        return None
    run = run or state.plan
    record = run.steps.get(step.id)
    times = record.occurrences if record else []
    last = parse_iso(times[-1]) if times else None
    current = state.step_state(step, run)
    if current in ("done", "skipped", "not_applicable"):
        return RepeatStatus(step, "ended", len(times), last)
    if last is None:
        return RepeatStatus(step, "due", 0)  # the first occurrence is to do now, like any step
    next_due = last + every
    return RepeatStatus(step, "due" if now >= next_due else "scheduled", len(times), last, next_due)


def step_clocks(
    state: IncidentState, now: datetime
) -> tuple[list[TargetStatus], list[RepeatStatus]]:
    """The targets and repeats of the current plan's steps, in plan order."""
    steps = list(state.playbook.plan.steps())
    targets = [t for s in steps if (t := target_status(state, s, now)) is not None]
    repeats = [r for s in steps if (r := repeat_status(state, s, now)) is not None]
    return targets, repeats

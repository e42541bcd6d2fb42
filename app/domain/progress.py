"""Where each step, each phase and the plan stand, as the responder is shown them: the step's
state with who has it in hand, when a repeating step is next due, whether its target is past,
when a deferred step was meant to be come back to; a phase complete; the plan complete, or
complete but for its deferred steps. Pure functions of the folded state and ``now``: the screen
and the command line show these, they decide none of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.state import FINISHED, IncidentState, PlanRun
from app.domain.step_clocks import repeat_status, target_status
from app.domain.timeutil import parse_iso

if TYPE_CHECKING:
    from app.domain.playbook import Phase, Step

# The plan as a whole: work remains; only deferred steps remain; every step is finished.
PLAN_STATES = ("open", "complete_except_deferred", "complete")


@dataclass(frozen=True)
class StepStatus:
    step: Step
    state: str  # state.STEP_STATES
    by: str | None = None  # in progress: who started it (step_started's actor)
    next_due: datetime | None = None  # repeating: when its next occurrence is due
    repeat_due: bool = False  # repeating: an occurrence after the first is due now
    late: bool = False  # its target time has passed and it is not done
    deferred_until: datetime | None = None  # deferred: when it was meant to be come back to
    back_due: bool = False  # deferred: that time has come


@dataclass(frozen=True)
class PlanStatus:
    state: str  # PLAN_STATES
    deferred: tuple[Step, ...] = ()  # the deferred steps, in plan order


def step_status(
    state: IncidentState, step: Step, now: datetime, run: PlanRun | None = None
) -> StepStatus:
    run = run or state.plan
    current = state.step_state(step, run)
    record = run.steps.get(step.id)
    target = target_status(state, step, now, run)
    repeat = repeat_status(state, step, now, run)
    until = None
    if current == "deferred" and record is not None and record.deferred_until:
        until = _time(record.deferred_until)
    return StepStatus(
        step,
        current,
        by=record.actor if current == "active" and record is not None else None,
        next_due=repeat.next_due if repeat is not None and repeat.state != "ended" else None,
        repeat_due=repeat is not None and repeat.state == "due" and repeat.count > 0,
        late=target is not None and target.state == "overdue",
        deferred_until=until,
        back_due=until is not None and now >= until,
    )


def phase_complete(state: IncidentState, phase: Phase, run: PlanRun | None = None) -> bool:
    """Every step of the phase that applies is finished (done or skipped; a repeating one has
    ended), and at least one applies."""
    states = [state.step_state(s, run) for s in phase.steps]
    return any(s != "not_applicable" for s in states) and all(s in FINISHED for s in states)


def plan_status(state: IncidentState) -> PlanStatus:
    """The current plan: complete, complete but for its deferred steps (listed), or open."""
    steps = list(state.playbook.plan.steps())
    states = state.step_states()
    deferred = tuple(s for s in steps if states[s.id] == "deferred")
    if any(states[s.id] not in (*FINISHED, "deferred") for s in steps):
        return PlanStatus("open", deferred)
    return PlanStatus("complete_except_deferred" if deferred else "complete", deferred)


def _time(text: str) -> datetime | None:
    try:
        return parse_iso(text)
    except ValueError:  # a log changed outside Sonae: shown as deferred, without a time
        return None

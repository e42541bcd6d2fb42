"""An exercise as it is played: its schedule of injects and its evaluation, derived from the log.

Nothing here is kept apart from the log. The exercise starts at its ``exercise_started`` entry's
time (T0, on the incident's own clock: simulated in a tabletop exercise, real in a drill), and an
inject falls due at T0 plus its offset. Because the offsets are on the incident's clock, pausing
the clock holds every inject (and every deadline), and a jump moves the clock without changing
the spacing of what follows. An inject is released by an ``inject`` entry naming it: at its due
time, or earlier by hand.

The evaluation sets what the players did (steps done, questions answered: the fold's state)
against what each inject expects, line by line: on time, late, missing, answered otherwise. Each
line's points are stated with it, so a score is never more than the sum of lines a reader can
check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from app.domain import kinds as k
from app.domain.durations import parse_duration, span_words
from app.domain.entries import LogEntry
from app.domain.kinds import read_payload
from app.domain.timeutil import parse_iso
from app.domain.visible import pad
from app.domain.vocabulary import OUTCOME_LABELS, Label, label_of

if TYPE_CHECKING:  # the script's models (pydantic) load only when a script is read
    from app.domain.exercise_script import ExerciseScript, Expected, Inject, Move, Objective
    from app.domain.playbook import Playbook
    from app.domain.state import IncidentState

# The outcomes of one expected response, and the points each earns (any other earns none).
OUTCOMES = (
    "on_time",
    "already",  # done before the inject asked for it (another inject had): on time
    "late",
    "pending",
    "missing",
    "out_of_order",  # done before a step it must follow
    "otherwise",
    "skipped",
    "not_released",
)
POINTS = {"on_time": 2, "already": 2, "late": 1}
FULL_POINTS = 2
# The states an exercise is in (OpenAEV's, less "scheduled": an exercise starts when made).
PHASES = ("running", "paused", "finished", "cancelled")


@dataclass(frozen=True)
class Start:
    """How the log says the exercise began: its script's pin, T0 and the speed asked for."""

    script: k.PlanPin
    at: datetime
    speed: float
    entry: LogEntry


@dataclass(frozen=True)
class Played:
    """An exercise as a record prints it: how it began, its script, and its evaluation."""

    start: Start
    script: ExerciseScript
    evaluation: Evaluation


def exercise_start(state: IncidentState) -> Start | None:
    """The exercise this incident plays, or None for an incident that plays no script."""
    for entry in state.exercises:
        p = read_payload(entry, k.ExerciseStarted)
        return Start(p.script, parse_iso(entry.occurred_at), p.speed, entry)
    return None


@dataclass(frozen=True)
class Scheduled:
    move: Move
    inject: Inject
    due_at: datetime
    released: LogEntry | None = None

    @property
    def released_at(self) -> datetime | None:
        return parse_iso(self.released.occurred_at) if self.released is not None else None

    @property
    def by_hand(self) -> bool:
        return self.released is not None and bool(self.released.payload.get("by_hand"))


def schedule(state: IncidentState, script: ExerciseScript, start: datetime) -> list[Scheduled]:
    """Every inject of the script with its due time and the entry that released it, if any."""
    released: dict[str, LogEntry] = {}
    for entry in state.injects:
        name = read_payload(entry, k.Inject).inject
        if name is not None:
            released.setdefault(name, entry)
    return [
        Scheduled(move, inject, start + inject.offset, released.get(inject.id))
        for move, inject in script.injects()
    ]


def due(plan: list[Scheduled], now: datetime) -> list[Scheduled]:
    """The injects whose time has come and that are not yet released, in order."""
    return [s for s in plan if s.released is None and s.due_at <= now]


def current_move(script: ExerciseScript, start: datetime, now: datetime) -> Move:
    """The move the exercise is in: the last one whose situation time has come."""
    begun = [m for m in script.moves if start + m.offset <= now]
    return begun[-1] if begun else script.moves[0]


def next_move(script: ExerciseScript, start: datetime, now: datetime) -> Move | None:
    return next((m for m in script.moves if start + m.offset > now), None)


def ends_at(script: ExerciseScript, start: datetime) -> datetime:
    return start + script.span


def phase(state: IncidentState, script: ExerciseScript, start: datetime, now: datetime) -> str:
    """running, paused, finished (closed, or its window over) or cancelled (closed early)."""
    over = now >= ends_at(script, start)
    if state.status == "closed":
        played = over or all(s.released for s in schedule(state, script, start))
        return "finished" if played else "cancelled"
    if over:
        return "finished"
    if state.clock.simulated and not state.clock.running:
        return "paused"
    return "running"


@dataclass(frozen=True)
class Line:
    """One expected response set against what was done."""

    move: Move
    inject: Inject
    expected: Expected
    outcome: str  # OUTCOMES
    released_at: datetime | None
    responded_at: datetime | None = None
    given: str | None = None  # the answer given, for a decision answered otherwise
    before_done: tuple[str, ...] = ()  # out of order: the steps it was done before

    @property
    def points(self) -> int:
        return POINTS.get(self.outcome, 0)

    @property
    def after(self) -> timedelta | None:
        """How long after its inject the response came (zero when it came before)."""
        if self.released_at is None or self.responded_at is None:
            return None
        return max(self.responded_at - self.released_at, timedelta(0))

    @property
    def target(self) -> timedelta | None:
        return parse_duration(self.inject.within) if self.inject.within else None


class Scored:
    """Lines with their points: an objective's, or the whole exercise's."""

    lines: list[Line]

    @property
    def points(self) -> int:
        return sum(line.points for line in self.lines)

    @property
    def possible(self) -> int:
        return FULL_POINTS * len(self.lines)


@dataclass(frozen=True)
class ObjectiveResult(Scored):
    objective: Objective
    lines: list[Line]
    rating: k.Rated | None
    rated: LogEntry | None  # the entry of the rating in force (who, when)


@dataclass(frozen=True)
class Evaluation(Scored):
    lines: list[Line]
    objectives: list[ObjectiveResult]

    def counts(self) -> dict[str, int]:
        return {o: sum(1 for line in self.lines if line.outcome == o) for o in OUTCOMES}


def evaluate(
    state: IncidentState, script: ExerciseScript, start: datetime, now: datetime | None = None
) -> Evaluation:
    """With ``now`` (an exercise still being played), a response not made yet whose target has
    not passed is ``pending``, not missing."""
    lines = [
        _line(state, s, expected, now)
        for s in schedule(state, script, start)
        for expected in s.inject.expect
    ]
    ratings = current_ratings(state)
    objectives = [
        ObjectiveResult(
            o,
            [line for line in lines if line.inject.objective == o.id],
            *ratings.get(o.id, (None, None)),
        )
        for o in script.objectives
    ]
    return Evaluation(lines, objectives)


def current_ratings(state: IncidentState) -> dict[str, tuple[k.Rated, LogEntry]]:
    """Each objective's rating in force: the last one given (a corrected one is not listed)."""
    out: dict[str, tuple[k.Rated, LogEntry]] = {}
    for entry in state.ratings:
        rated = read_payload(entry, k.Rated)
        out[rated.objective] = (rated, entry)
    return out


def _line(
    state: IncidentState, s: Scheduled, expected: Expected, now: datetime | None = None
) -> Line:
    released_at = s.released_at
    # A response before the inject was released is measured from when it fell due.
    since = released_at or s.due_at

    def line(
        outcome: str, at: str | None = None, given: str | None = None, early: tuple[str, ...] = ()
    ) -> Line:
        responded = parse_iso(at) if at else None
        if outcome == "done":
            target = parse_duration(s.inject.within) if s.inject.within else None
            late = target is not None and responded is not None and responded - since > target
            already = responded is not None and responded <= since
            outcome = "late" if late else ("already" if already else "on_time")
        return Line(s.move, s.inject, expected, outcome, released_at, responded, given, early)

    if expected.step is not None:
        record = next(
            (
                run.steps[expected.step]
                for run in reversed(state.plans)
                if expected.step in run.steps
            ),
            None,
        )
        if record is not None and record.done_at:
            if expected.deputy and not record.deputy_for:
                return line("otherwise", record.done_at)
            early = _done_before(state, expected.after, parse_iso(record.done_at))
            if early:
                return line("out_of_order", record.done_at, early=early)
            return line("done", record.done_at)
        if record is not None and record.skipped_at:
            return line("skipped", record.skipped_at)
    else:
        decision = state.decisions.get(str(expected.decision))
        if decision is not None:
            if decision.choice == expected.answer:
                return line("done", decision.at)
            return line("otherwise", decision.at, decision.choice)
    if released_at is None:
        return line("not_released")
    target = parse_duration(s.inject.within) if s.inject.within else None
    waiting = now is not None and (target is None or now <= released_at + target)
    return line("pending" if waiting else "missing")


def _done_before(state: IncidentState, earlier: list[str], at: datetime) -> tuple[str, ...]:
    """The steps of ``earlier`` not done by ``at`` (not done at all, or done after it)."""
    missing = []
    for step_id in earlier:
        record = next((r.steps[step_id] for r in reversed(state.plans) if step_id in r.steps), None)
        if record is None or not record.done_at or parse_iso(record.done_at) > at:
            missing.append(step_id)
    return tuple(missing)


def expected_text(plan: Playbook, expected: Expected, lang: str) -> str:
    """What an expected response asks, in the plan's words: the step's title (by a deputy), or
    the question and its official answer."""
    from app.domain.describe import choice_text

    if expected.step is not None:
        step = plan.step(expected.step)
        title = step.title.get(lang) if step is not None else expected.step
        return title + (DEPUTY_DOES.text(lang) if expected.deputy else "")
    decision = plan.decision(str(expected.decision))
    if decision is None:
        return f"{expected.decision} → {expected.answer}"
    answer = choice_text(plan, decision.id, str(expected.answer), lang)
    return f"{decision.ask.get(lang)} → {answer}"


DEPUTY_DOES = Label("（代行者が実施）", " (by a deputy)")


# A line's score in words: what was expected, what happened, and the points it earned.
AFTER = Label("付与から {after}", "{after} after the inject")
TARGET = Label("目標 {target}以内", "target {target}")
GIVEN = Label("回答: {given}", "answered: {given}")
POINTS_TEXT = Label("{n}点", "{n} pt")
LIST_SEP = Label("、", ", ")
BEFORE_DONE = Label("先に必要な手順: {steps}", "to be done first: {steps}")


def explain(line: Line, lang: str, points: bool = True, plan: Playbook | None = None) -> str:
    """Why a line earned its points, e.g. 「目標時間内 / 付与から 12分 / 目標 30分以内 → 2点」
    (without ``points``, where the points stand in a column of their own)."""
    parts = [label_of(OUTCOME_LABELS, line.outcome, lang)]
    if line.after is not None and line.outcome in ("on_time", "late"):
        parts.append(AFTER.format(lang, after=span_words(line.after, lang)))
    if line.before_done and plan is not None:
        steps = [(plan.step(i), i) for i in line.before_done]
        names = LIST_SEP.text(lang).join(s.title.get(lang) if s else i for s, i in steps)
        parts.append(BEFORE_DONE.format(lang, steps=names))
    if line.target is not None:
        parts.append(TARGET.format(lang, target=span_words(line.target, lang)))
    if line.given is not None:
        parts.append(GIVEN.format(lang, given=line.given))
    said = " / ".join(parts)
    return said + " → " + points_text(line, lang) if points else said


SCORE = Label(
    "得点 {p} / {n} (目標時間内・付与前に実施済み 2点、目標時間超過 1点、その他 0点)",
    "score {p} of {n} (on time or done before the inject 2, late 1, otherwise 0)",
)


def evaluation_lines(evaluation: Evaluation, plan: Playbook, lang: str) -> list[str]:
    """The evaluation as a terminal prints it: a line per expected response (its inject, what
    was expected, what came of it and its points), then the score with how points are given."""
    lines = []
    for line in evaluation.lines:
        what = line.expected.step or f"{line.expected.decision} = {line.expected.answer}"
        lines.append(
            f"  {pad(line.inject.id, 20)} {pad(what, 32)} {explain(line, lang, plan=plan)}"
        )
    lines.append(SCORE.format(lang, p=evaluation.points, n=evaluation.possible))
    return lines


def points_text(line: Line, lang: str) -> str:
    """A line's points; "—" while its response is still awaited (nothing is lost yet)."""
    return "—" if line.outcome == "pending" else POINTS_TEXT.format(lang, n=line.points)

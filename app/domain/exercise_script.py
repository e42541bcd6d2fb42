"""The exercise script format (``playbooks/exercises/*.yaml``): a scenario played against one plan.

The shape follows HSEEP (the situation manual and its master scenario events list) and IPA's
tabletop kit: a narrative, the objectives, then the exercise in moves. A move is a stretch of the
scenario with its own situation and discussion questions; its injects are the timed events (T+ an
offset from the exercise start, on the exercise's clock), each received by a role, with the
responses expected of the players (a step of the plan done, a question of the plan answered: the
official answer) and a target time.

Read like a plan: YAML through ``yamlsource`` (bounded, every problem at FILE:LINE), typed models
that forbid unknown keys, then the checks that need the whole script (ids unique, the moves in
order, each inject inside its move and the window) and, against the plan it names, the checks that
need the plan (``check_against``: every step, question, answer and role exists there).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, Field, ValidationError, field_validator, model_validator

from app.domain.durations import parse_duration
from app.domain.loader import sha256_text
from app.domain.playbook import Id, Playbook, Text, _Strict
from app.domain.timeutil import JST
from app.domain.yamlsource import Problem, line_of, parse_mapping, plain, pydantic_problems

# Bounds (a script may come from a stick of unknown origin); the bundled ones use a fraction.
MAX_MOVES = 20
MAX_INJECTS = 40  # in one move
MAX_EXPECTED = 20  # responses expected of one inject
MAX_QUESTIONS = 20  # discussion questions of one move
MAX_OBJECTIVES = 20
LONGEST_WINDOW = timedelta(days=30)  # the simulated span of one exercise


def _within_window(value: str) -> str:
    if parse_duration(value) > LONGEST_WINDOW:
        raise ValueError("an exercise spans at most 30 days (P30D)")
    return value


# Every time of a script: an offset from the exercise start, a target or the window itself.
Duration = Annotated[str, Field(max_length=40), AfterValidator(_within_window)]


class Objective(_Strict):
    """What the exercise is to show (HSEEP): rated P/S/M/U by the evaluator afterwards."""

    id: Id
    text: Text
    capability: Text | None = None  # the capability it exercises, in the city's words


class Expected(_Strict):
    """One response expected of the players: a step of the plan done, or a question of the
    plan answered (``answer``: the official answer they are scored against)."""

    step: Id | None = None
    decision: Id | None = None
    answer: Id | None = None
    deputy: bool = False  # done by a deputy: the role's holder is out of reach in the scenario
    # Steps that must be done before this one (safety before inspection, evidence before a
    # wipe): done before any of them, the response is out of order and earns nothing.
    after: list[Id] = Field(default=[], max_length=MAX_EXPECTED)
    why: Text | None = None  # why this is the expected response: read out in the debrief

    @model_validator(mode="after")
    def _one_kind(self) -> Expected:
        if (self.step is None) == (self.decision is None):
            raise ValueError("an expected response names either a step or a decision")
        if self.answer is not None and self.decision is None:
            raise ValueError("an answer is expected of a decision, not of a step")
        if self.decision is not None and self.answer is None:
            raise ValueError("an expected decision gives its official answer ('answer')")
        if self.deputy and self.step is None:
            raise ValueError("'deputy' says who does a step: it goes with a step")
        if self.after and self.step is None:
            raise ValueError("'after' orders steps: it goes with a step")
        return self


class Inject(_Strict):
    id: Id
    at: Duration  # T+ this offset from the exercise start
    to: Id  # the role that receives it (a role of the plan)
    text: Text  # what happens, as the players are told it
    expect: list[Expected] = Field(default=[], max_length=MAX_EXPECTED)
    within: Duration | None = None  # the target: the expected responses this soon after it
    objective: Id | None = None

    @property
    def offset(self) -> timedelta:
        return parse_duration(self.at)


class Question(_Strict):
    """A discussion question of a move, and what a good answer covers (the official answer)."""

    ask: Text
    answer: Text | None = None


class Move(_Strict):
    id: Id
    at: Duration  # the move's situation time: T+ this offset
    title: Text
    situation: Text  # where things stand when the move begins
    injects: list[Inject] = Field(default=[], max_length=MAX_INJECTS)
    questions: list[Question] = Field(default=[], max_length=MAX_QUESTIONS)

    @property
    def offset(self) -> timedelta:
        return parse_duration(self.at)


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)  # in datetime.weekday() order


class Starts(_Strict):
    """When the scenario starts, as the script's narrative tells it: a weekday and a time (JST),
    on a working day of the city (not a national holiday nor 12/29-1/3) unless ``open_day`` is
    false. The start of a tabletop exercise defaults to the next such moment."""

    weekday: Weekday
    time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    open_day: bool = True

    def next_after(self, moment: datetime) -> datetime:
        """The first such start after ``moment``."""
        from app.domain.calendar_days import closed_because

        hour, minute = (int(part) for part in self.time.split(":"))
        day = moment.astimezone(JST).date()
        for _ in range(400):  # a year and more: every weekday comes, and holidays end
            start = datetime.combine(day, dtime(hour, minute), tzinfo=JST)
            fits = day.weekday() == WEEKDAYS.index(self.weekday) and start > moment
            if fits and not (self.open_day and closed_because(day) in ("holiday", "year_end")):
                return start
            day += timedelta(days=1)
        raise ValueError("no such day within a year")  # pragma: no cover (every weekday comes)


class ExerciseScript(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    id: Id
    version: int = Field(ge=1, le=1_000_000)
    title: Text
    plan: Id  # the plan it exercises, as the players will use it for real
    mode: Literal["tabletop", "drill"] = "tabletop"
    window: Duration  # the simulated span: the exercise ends at T+window
    speed: int = Field(default=60, ge=1, le=600)  # simulated seconds a real second, suggested
    starts: Starts | None = None  # the scenario's weekday and time, when its narrative has one
    narrative: Text
    objectives: list[Objective] = Field(min_length=1, max_length=MAX_OBJECTIVES)
    moves: list[Move] = Field(min_length=1, max_length=MAX_MOVES)

    @field_validator("schema_version", mode="before")
    @classmethod
    def _schema_is_a_number(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("schema must be the number 1, not true/false")
        return value

    @property
    def span(self) -> timedelta:
        return parse_duration(self.window)

    def injects(self) -> Iterator[tuple[Move, Inject]]:
        """Every inject with its move, in the order they fire."""
        for move in self.moves:
            for inject in move.injects:
                yield move, inject

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)


@dataclass(frozen=True)
class ScriptFile:
    """A validated script with the text it came from (an exercise pins it, as an incident its
    plan) and where it was read."""

    script: ExerciseScript
    text: str
    path: str
    root: Any  # the parsed YAML, for the line of a problem found later (``check_against``)

    @property
    def id(self) -> str:
        return self.script.id

    @property
    def version(self) -> int:
        return self.script.version

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)  # as a plan's text is pinned

    def problem(self, loc: list[str | int], message: str) -> Problem:
        """A problem at the line of ``loc`` in this script's file."""
        return Problem(self.path, line_of(self.root, loc), message)


def parse_script(text: str, file: str = "<text>") -> tuple[ScriptFile | None, list[Problem]]:
    """Read a script's text: the script, or None and every problem at FILE:LINE."""
    root, problems = parse_mapping(text, file, "an exercise script")
    if root is None:
        return None, problems
    try:
        script = ExerciseScript.model_validate(plain(root))
    except ValidationError as exc:
        return None, pydantic_problems(file, root, exc)
    loaded = ScriptFile(script, text, file, root)
    problems = _cross_check(loaded)
    return (None if problems else loaded), problems


def _cross_check(loaded: ScriptFile) -> list[Problem]:
    """What the models cannot see alone: ids unique, moves in order, injects inside their move
    and the window, objectives that exist."""
    script, problems = loaded.script, []

    def problem(loc: list[str | int], message: str) -> None:
        problems.append(loaded.problem(loc, message))

    seen: set[tuple[str, str]] = set()
    for kind, item_id, where in _ids(script):
        if (kind, item_id) in seen:
            problem(where, f"{kind} id '{item_id}' is used twice")
        seen.add((kind, item_id))
    ends = [m.offset for m in script.moves[1:]] + [script.span]
    for m, (move, end) in enumerate(zip(script.moves, ends, strict=True)):
        if move.offset >= end:
            after = "the window" if m == len(script.moves) - 1 else "the next move"
            problem(["moves", m, "at"], f"move '{move.id}' does not begin before {after}")
        for i, inject in enumerate(move.injects):
            loc: list[str | int] = ["moves", m, "injects", i]
            if not move.offset <= inject.offset < end:
                problem(
                    [*loc, "at"],
                    f"inject '{inject.id}' at {inject.at} is outside its move "
                    f"({move.at} up to the next move or the window)",
                )
            if inject.objective is not None and script.objective(inject.objective) is None:
                problem([*loc, "objective"], f"no objective '{inject.objective}' in this script")
            if inject.expect and inject.within is None:
                problem(
                    [*loc], f"inject '{inject.id}' expects responses: give their target ('within')"
                )
    return problems


def _ids(script: ExerciseScript) -> Iterator[tuple[str, str, list[str | int]]]:
    for o, objective in enumerate(script.objectives):
        yield "objective", objective.id, ["objectives", o, "id"]
    for m, move in enumerate(script.moves):
        yield "move", move.id, ["moves", m, "id"]
        for i, inject in enumerate(move.injects):
            yield "inject", inject.id, ["moves", m, "injects", i, "id"]


def check_against(loaded: ScriptFile, plan: Playbook) -> list[Problem]:
    """Every step, question, official answer and role the script names exists in ``plan`` (the
    plan it exercises, as read with its shared blocks)."""
    script, problems = loaded.script, []

    def problem(loc: list[str | int], message: str) -> None:
        problems.append(loaded.problem(loc, message))

    if plan.id != script.plan:
        problem(["plan"], f"the script is for plan '{script.plan}', not '{plan.id}'")
        return problems
    for m, move in enumerate(script.moves):
        for i, inject in enumerate(move.injects):
            loc: list[str | int] = ["moves", m, "injects", i]
            if inject.to not in plan.roles:
                problem([*loc, "to"], f"plan '{plan.id}' has no role '{inject.to}'")
            for e, expected in enumerate(inject.expect):
                where: list[str | int] = [*loc, "expect", e]
                if expected.step is not None and plan.step(expected.step) is None:
                    problem([*where, "step"], f"plan '{plan.id}' has no step '{expected.step}'")
                for a, earlier in enumerate(expected.after):
                    if plan.step(earlier) is None:
                        problem([*where, "after", a], f"plan '{plan.id}' has no step '{earlier}'")
                if expected.decision is None:
                    continue
                decision = plan.decision(expected.decision)
                if decision is None:
                    problem(
                        [*where, "decision"],
                        f"plan '{plan.id}' has no question '{expected.decision}'",
                    )
                elif expected.answer not in decision.choice_ids():
                    choices = ", ".join(decision.choice_ids())
                    problem(
                        [*where, "answer"],
                        f"'{expected.answer}' is not an answer of '{decision.id}' ({choices})",
                    )
    return problems


# A response set: what the players do, for a headless run (``sonae exercise run``): tests, demos,
# and a facilitator trying a script before the day.
MAX_RESPONSES = 500
Name = Annotated[str, Field(min_length=1, max_length=200)]
Line = Annotated[str, Field(min_length=1, max_length=2000)]


class Response(_Strict):
    """One thing the players do at T+``at``: a step done (``step``, with its fields; a field
    value ``T+PT10M`` is that time of the exercise), a question answered, a step skipped or a
    note."""

    at: Duration
    actor: Name
    step: Id | None = None
    fields: dict[Id, Line] = Field(default={}, max_length=40)
    deputy_for: Name | None = None
    decision: Id | None = None
    answer: Id | None = None
    skip: Id | None = None
    reason: Line | None = None
    note: Line | None = None

    @model_validator(mode="after")
    def _one_action(self) -> Response:
        named = [n for n in ("step", "decision", "skip") if getattr(self, n) is not None]
        if len(named) > 1 or (not named and self.note is None):
            raise ValueError("a response does one thing: a step, a decision, a skip or a note")
        if (self.decision is None) != (self.answer is None):
            raise ValueError("a decision is answered with 'answer'")
        if (self.skip is None) != (self.reason is None):
            raise ValueError("a skip gives its 'reason'")
        return self

    @property
    def offset(self) -> timedelta:
        return parse_duration(self.at)


class Rating(_Strict):
    objective: Id
    rating: Literal["P", "S", "M", "U"]
    reason: Line


class ImprovementItem(_Strict):
    text: Line
    owner: Name
    due: date
    plan: Id | None = None
    step: Id | None = None


class ResponseSet(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    script: Id
    name: Name  # good, late, missing one, ...
    evaluator: Name = "評価者"
    responses: list[Response] = Field(max_length=MAX_RESPONSES)
    ratings: list[Rating] = Field(default=[], max_length=MAX_OBJECTIVES)
    improvements: list[ImprovementItem] = Field(default=[], max_length=MAX_OBJECTIVES)


def parse_responses(text: str, file: str = "<text>") -> tuple[ResponseSet | None, list[Problem]]:
    """Read a response set: the set, or None and every problem at FILE:LINE."""
    root, problems = parse_mapping(text, file, "a response set")
    if root is None:
        return None, problems
    try:
        return ResponseSet.model_validate(plain(root)), []
    except ValidationError as exc:
        return None, pydantic_problems(file, root, exc)


def json_schema() -> dict[str, Any]:
    """The script format as JSON Schema (``playbooks/exercises/schema.json``, kept equal by a test)."""
    schema = ExerciseScript.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sonae exercise script, schema 1"
    return schema

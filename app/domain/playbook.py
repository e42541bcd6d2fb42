"""The playbook format, schemas 1 and 2: typed models validated with pydantic.

Schema 2 (docs/playbook-schema-2.md) adds calendar-day clocks, clocks that run while a question
is unanswered, incident clocks, repeating steps, step targets, check items, contact records,
durations read from a field and shared blocks (``include``, resolved by ``loader``). A schema 1
plan that uses any of these is refused, so an old plan means what it meant.

A playbook is the runnable form of one part of the city's emergency response plan (緊急時対応計画).
The models forbid unknown fields so that a typo is an error with a line number, not a silent no-op.
Every list and text is bounded (a plan may come from a hostile database); the bounds are in the
JSON Schema and leave the bundled plans ample room.
Cross-checks that need the whole plan (unique ids, dangling references) live in ``loader``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from app.domain.conditions import MAX_LENGTH as MAX_CONDITION
from app.domain.conditions import Condition, Facts, parse_condition
from app.domain.durations import LONGEST_CLOCK, parse_duration
from app.domain.entries import ZONES

SCHEMA_VERSION = 2
SCHEMAS = (1, 2)

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=64)]
Category = Literal["cyber", "human_error_or_failure", "disaster", "pandemic", "infrastructure"]
Zone = Literal["mynumber", "lgwan", "internet"]
Stage = Literal["detect", "contain", "recover", "report", "review"]

# Bounds; the bundled plans use at most a third of each (see tests/unit/test_playbook_bounds.py).
MAX_TEXT = 20_000  # characters of one text
MAX_LINE = 1000  # a reference, a legal basis, a field's choice
MAX_PHASES = 30
MAX_STEPS_PER_PHASE = 100
MAX_STEPS = 300  # in the whole plan (checked by the loader)
MAX_DECISIONS = 40
MAX_CHOICES = 12
MAX_DEADLINES = 40
MAX_FIELDS = 30
MAX_FIELD_CHOICES = 30
MAX_NAMES = 40  # refs, contacts, signs, roles, handover_to
MAX_VERSION = 1_000_000
MAX_CHECKS = 40  # check items in one step
MAX_INCLUDES = 10
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # `revised`

Line = Annotated[str, Field(max_length=MAX_LINE)]
# The 報告書 items a field or a decision can supply; their words are vocabulary.REPORT_ITEM_LABELS
# (a test keeps the two the same).
ReportItem = Literal[
    "occurred_at",
    "discoverer",
    "discovery",
    "overview",
    "information",
    "persons",
    "category",
    "cause",
    "secondary_harm",
    "ransom",
    "systems",
    "business_impact",
    "notice",
    "publication",
    "prevention",
]

CATEGORIES: tuple[str, ...] = (
    "cyber",
    "human_error_or_failure",
    "disaster",
    "pandemic",
    "infrastructure",
)
STAGES: tuple[str, ...] = ("detect", "contain", "recover", "report", "review")


class _Strict(BaseModel):
    # strict: YAML gives real ints, bools and dates, so `version: true` or `key: "yes"` (which
    # lax mode would quietly turn into 1 and True) is a typo to report, not a value.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class Text(_Strict):
    """User-facing text in Japanese (required) and English (falls back to Japanese)."""

    ja: str = Field(min_length=1, max_length=MAX_TEXT)
    en: str | None = Field(default=None, max_length=MAX_TEXT)

    def get(self, lang: str = "ja") -> str:
        return self.en if lang == "en" and self.en else self.ja


class Choice(_Strict):
    id: Id
    label: Text | None = None


class Decision(_Strict):
    id: Id
    ask: Text
    help: Text | None = None
    choices: list[Choice] = Field(min_length=2, max_length=MAX_CHOICES)
    # schema 2: the 報告書 item its answer supplies (vocabulary.REPORT_ITEM_LABELS), e.g. category
    report: ReportItem | None = None

    @field_validator("choices", mode="before")
    @classmethod
    def _plain_choices(cls, value: Any) -> Any:
        # `choices: [yes, no, unknown]` is the common form; a mapping adds a label.
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value

    def choice_ids(self) -> list[str]:
        return [c.id for c in self.choices]


class FieldSpec(_Strict):
    """Something the responder writes down while doing a step."""

    id: Id
    label: Text
    type: Literal["text", "multiline", "number", "datetime", "choice", "checkbox"] = "text"
    choices: list[Line] | None = Field(default=None, max_length=MAX_FIELD_CHOICES)
    required: bool = False
    # schema 2: the unit of a number, so a clock can read its duration from it (fuel left)
    unit: Literal["hours", "minutes", "days"] | None = None
    # schema 2: the 報告書 item this field supplies (vocabulary.REPORT_ITEM_LABELS)
    report: ReportItem | None = None

    @model_validator(mode="after")
    def _choices_match_type(self) -> FieldSpec:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError("a field has choices exactly when its type is 'choice'")
        if self.unit is not None and self.type != "number":
            raise ValueError("only a number field has a unit")
        return self

    def duration(self, value: float) -> timedelta:
        assert self.unit is not None
        return timedelta(**{self.unit: value})


class CheckItem(_Strict):
    """One item ticked inside a step (the damage check sheet, the shutdown order)."""

    id: Id
    text: Text


class _Conditional(_Strict):
    """A step or a deadline: it applies only ``when`` its condition on the decisions holds. The
    field stays in each subclass (so the schema keeps its order); the parsed condition is kept."""

    if TYPE_CHECKING:
        when: str | None
        unanswered: str

    _condition: Condition | None = PrivateAttr(default=None)

    @field_validator("when", check_fields=False)
    @classmethod
    def _parse_when(cls, value: str | None) -> str | None:
        if value is not None:
            parse_condition(value)  # reported at the line of the `when`
        return value

    def model_post_init(self, _context: Any) -> None:
        self._condition = parse_condition(self.when) if self.when else None

    @property
    def condition(self) -> Condition | None:
        return self._condition

    def applies(self, facts: Facts) -> bool | None:
        """Whether the ``when`` holds: None while it waits for an answer, unless the plan says
        an unanswered question counts as applying (``unanswered: applies``)."""
        if self._condition is None:
            return True
        value = self._condition.evaluate(facts)
        if value is None and self.unanswered == "applies":
            return True
        return value


Unanswered = Literal["waits", "applies"]
FIELD_PREFIX = "field:"


def _bounded(value: str, info: ValidationInfo) -> str:
    if parse_duration(value) > LONGEST_CLOCK:
        # A plan pinned in an incident before this bound existed must still open.
        if not (info.context or {}).get("pinned"):
            raise ValueError("a clock longer than ten years (P3650D) is certainly a typo")
    return value


REPEAT_UNTIL_PHASE = "phase_end"


class Step(_Conditional):
    id: Id
    title: Text
    detail: Text | None = None
    role: Id | None = None
    zones: list[Zone] = Field(default=[], max_length=len(ZONES))
    when: str | None = Field(default=None, max_length=MAX_CONDITION)
    fields: list[FieldSpec] = Field(default=[], max_length=MAX_FIELDS)
    refs: list[Line] = Field(default=[], max_length=MAX_NAMES)
    # External bodies to call (ids of the contacts file's `external`); their numbers stay local.
    contacts: list[Id] = Field(default=[], max_length=MAX_NAMES)
    confirm: Text | None = None  # shown as 要確認: check against the city's own rules
    key: bool = False  # a key step, timed in the after-action report
    # schema 2
    unanswered: Unanswered = "waits"
    checks: list[CheckItem] = Field(default=[], max_length=MAX_CHECKS)
    contact_records: bool = False
    every: str | None = Field(default=None, max_length=40)  # a repeating step
    until: str | None = Field(default=None, max_length=MAX_CONDITION)
    target: str | None = Field(default=None, max_length=40)  # a soft clock, never blocking
    target_from: Literal["declared", "awareness"] = "declared"

    _until: Condition | None = PrivateAttr(default=None)

    @field_validator("every", "target")
    @classmethod
    def _step_duration(cls, value: str | None) -> str | None:
        if value is not None:
            delta = parse_duration(value)
            if delta > LONGEST_CLOCK:
                raise ValueError("a clock longer than ten years (P3650D) is certainly a typo")
            if delta < timedelta(minutes=1):
                raise ValueError("a repeat or a target of less than a minute is certainly a typo")
        return value

    @field_validator("until")
    @classmethod
    def _parse_until(cls, value: str | None) -> str | None:
        if value is not None and value != REPEAT_UNTIL_PHASE:
            parse_condition(value)
        return value

    @model_validator(mode="after")
    def _repeat_has_an_end(self) -> Step:
        if self.every is not None and self.until is None:
            raise ValueError("a repeating step ('every') needs 'until': a condition or phase_end")
        if self.until is not None and self.every is None:
            raise ValueError("'until' ends a repeating step: give 'every' too")
        return self

    def model_post_init(self, _context: Any) -> None:
        super().model_post_init(_context)
        if self.until and self.until != REPEAT_UNTIL_PHASE:
            self._until = parse_condition(self.until)

    @property
    def until_condition(self) -> Condition | None:
        return self._until

    @property
    def repeat(self) -> timedelta | None:
        return parse_duration(self.every) if self.every else None

    @property
    def target_duration(self) -> timedelta | None:
        return parse_duration(self.target) if self.target else None

    def field(self, field_id: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.id == field_id), None)


class Phase(_Strict):
    id: Id
    title: Text
    stage: Stage | None = None
    steps: list[Step] = Field(min_length=1, max_length=MAX_STEPS_PER_PHASE)


class Deadline(_Conditional):
    id: Id
    title: Text
    from_: str = Field(
        alias="from",
        pattern=r"^(declared|awareness|step:[a-z0-9_\-]+|"
        r"decision:[a-z0-9_\-]+)$",
        max_length=80,
    )
    within: str = Field(max_length=140)
    warn_before: str | None = Field(default=None, max_length=40)
    when: str | None = Field(default=None, max_length=MAX_CONDITION)
    met_by: Id
    basis: str = Field(min_length=1, max_length=MAX_LINE)
    confirm: Text | None = None
    # schema 2
    unanswered: Unanswered = "waits"
    count: Literal["elapsed", "calendar_days"] = "elapsed"
    roll: Literal["none", "next_open_day"] = "none"
    scope: Literal["plan", "incident"] = "plan"

    @field_validator("within")
    @classmethod
    def _within(cls, value: str, info: ValidationInfo) -> str:
        if value.startswith(FIELD_PREFIX):
            if not re.fullmatch(r"field:[a-z0-9][a-z0-9_\-]*\.[a-z0-9][a-z0-9_\-]*", value):
                raise ValueError("write a duration read from a field as field:STEP.FIELD")
            return value
        return _bounded(value, info)

    @model_validator(mode="after")
    def _counting(self) -> Deadline:
        if self.count == "calendar_days":
            if self.from_field is not None or not re.fullmatch(r"P\d{1,4}D", self.within):
                raise ValueError("a deadline counted in calendar days is written in days (P30D)")
            if self.warn_before and not re.fullmatch(r"P\d{1,4}D", self.warn_before):
                raise ValueError("warn_before of a calendar-day deadline is written in days (P7D)")
        elif self.roll != "none":
            raise ValueError("roll: next_open_day needs count: calendar_days")
        return self

    @field_validator("warn_before")
    @classmethod
    def _warning(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else _bounded(value, info)

    @property
    def from_field(self) -> tuple[str, str] | None:
        """(step, field) whose recorded value gives the duration, or None."""
        if not self.within.startswith(FIELD_PREFIX):
            return None
        step, _, field_id = self.within.removeprefix(FIELD_PREFIX).partition(".")
        return step, field_id

    @property
    def duration(self) -> timedelta:
        """The fixed duration (a field-read one is computed from the state: see deadlines)."""
        if self.from_field is not None:
            return timedelta(0)
        return parse_duration(self.within)

    @property
    def days(self) -> int:
        return self.duration.days

    @property
    def warning(self) -> timedelta:
        return parse_duration(self.warn_before) if self.warn_before else timedelta(0)

    @property
    def anchor(self) -> tuple[str, str | None]:
        """("declared"|"awareness"|"step"|"decision", referenced id or None)."""
        kind, _, ref = self.from_.partition(":")
        return kind, ref or None


class Block(_Strict):
    """A shared block (``include``): decisions, steps by phase, and deadlines used by several
    plans, kept in one file so they cannot drift."""

    block: Id
    schema_version: Literal[2] = Field(alias="schema")
    title: Text
    include: list[Id] = Field(default=[], max_length=MAX_INCLUDES)
    decisions: list[Decision] = Field(default=[], max_length=MAX_DECISIONS)
    phases: list[Phase] = Field(default=[], max_length=MAX_PHASES)
    deadlines: list[Deadline] = Field(default=[], max_length=MAX_DEADLINES)


class Playbook(_Strict):
    schema_version: Literal[1, 2] = Field(alias="schema")
    id: Id
    version: int = Field(ge=1, le=MAX_VERSION)
    revised: date | None = Field(
        default=None, ge=EARLIEST, le=LATEST, description=f"a date from {EARLIEST} to {LATEST}"
    )
    category: Category
    zones: list[Zone] = Field(default=[], max_length=len(ZONES))
    title: Text
    summary: Text | None = None
    reference: Text | None = None  # e.g. "a reference plan built from public guidance"
    signs: list[Text] = Field(default=[], max_length=MAX_NAMES)
    roles: list[Id] = Field(default=[], max_length=MAX_NAMES)
    decisions: list[Decision] = Field(default=[], max_length=MAX_DECISIONS)
    phases: list[Phase] = Field(min_length=1, max_length=MAX_PHASES)
    deadlines: list[Deadline] = Field(default=[], max_length=MAX_DEADLINES)
    # Plans this one may hand over to (the first-report plan).
    handover_to: list[Id] = Field(default=[], max_length=MAX_NAMES)
    # schema 2: the shared blocks merged in (the loader has already merged them)
    include: list[Id] = Field(default=[], max_length=MAX_INCLUDES)

    @field_validator("schema_version", mode="before")
    @classmethod
    def _schema_is_a_number(cls, value: Any) -> Any:
        # True == 1 in Python, so the Literal alone would take `schema: true`.
        if isinstance(value, bool):
            raise ValueError("schema must be the number 1 or 2, not true/false")
        return value

    def steps(self) -> Iterator[Step]:
        for phase in self.phases:
            yield from phase.steps

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps() if s.id == step_id), None)

    def phase_of(self, step_id: str) -> Phase | None:
        return next((p for p in self.phases if any(s.id == step_id for s in p.steps)), None)

    def decision(self, decision_id: str) -> Decision | None:
        return next((d for d in self.decisions if d.id == decision_id), None)

    def deadline(self, deadline_id: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.id == deadline_id), None)


# What schema 1 does not have: (model, field) pairs, refused in a schema 1 plan.
SCHEMA_2_FIELDS: tuple[tuple[type[BaseModel], str], ...] = (
    (Playbook, "include"),
    (Step, "unanswered"),
    (Step, "checks"),
    (Step, "contact_records"),
    (Step, "every"),
    (Step, "until"),
    (Step, "target"),
    (Step, "target_from"),
    (Deadline, "unanswered"),
    (Deadline, "count"),
    (Deadline, "roll"),
    (Deadline, "scope"),
    (FieldSpec, "unit"),
    (FieldSpec, "report"),
    (Decision, "report"),
)


def json_schema() -> dict[str, Any]:
    """The plan format as JSON Schema; a shared block file (``include``) is ``$defs/Block``."""
    schema = Playbook.model_json_schema(by_alias=True)
    block = Block.model_json_schema(by_alias=True)
    schema.setdefault("$defs", {}).update(block.pop("$defs", {}))
    schema["$defs"]["Block"] = block
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sonae playbook, schemas 1 and 2 (a block file: #/$defs/Block)"
    return schema

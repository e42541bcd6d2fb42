"""The playbook format, schema 1: typed models validated with pydantic.

A playbook is the runnable form of one part of the city's emergency response plan (緊急時対応計画).
The models forbid unknown fields so that a typo is an error with a line number, not a silent no-op.
Cross-checks that need the whole plan (unique ids, dangling references) live in ``loader``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from app.domain.conditions import Condition, parse_condition
from app.domain.durations import parse_duration

SCHEMA_VERSION = 1

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=64)]
Category = Literal["cyber", "human_error_or_failure", "disaster", "pandemic", "infrastructure"]
Zone = Literal["mynumber", "lgwan", "internet"]
Stage = Literal["detect", "contain", "recover", "report", "review"]

CATEGORIES: tuple[str, ...] = (
    "cyber",
    "human_error_or_failure",
    "disaster",
    "pandemic",
    "infrastructure",
)
ZONES: tuple[str, ...] = ("mynumber", "lgwan", "internet")
STAGES: tuple[str, ...] = ("detect", "contain", "recover", "report", "review")


class _Strict(BaseModel):
    # strict: YAML gives real ints, bools and dates, so `version: true` or `key: "yes"` (which
    # lax mode would quietly turn into 1 and True) is a typo to report, not a value.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class Text(_Strict):
    """User-facing text in Japanese (required) and English (falls back to Japanese)."""

    ja: str = Field(min_length=1)
    en: str | None = None

    def get(self, lang: str = "ja") -> str:
        return self.en if lang == "en" and self.en else self.ja


class Choice(_Strict):
    id: Id
    label: Text | None = None


class Decision(_Strict):
    id: Id
    ask: Text
    help: Text | None = None
    choices: list[Choice] = Field(min_length=2)

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
    choices: list[str] | None = None
    required: bool = False

    @model_validator(mode="after")
    def _choices_match_type(self) -> FieldSpec:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError("a field has choices exactly when its type is 'choice'")
        return self


class _Conditional(_Strict):
    """A step or a deadline: it applies only ``when`` its condition on the decisions holds. The
    field stays in each subclass (so the schema keeps its order); the parsed condition is kept."""

    if TYPE_CHECKING:
        when: str | None

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


class Step(_Conditional):
    id: Id
    title: Text
    detail: Text | None = None
    role: Id | None = None
    zones: list[Zone] = []
    when: str | None = None
    fields: list[FieldSpec] = []
    refs: list[str] = []
    # External bodies to call (ids of the contacts file's `external`); their numbers stay local.
    contacts: list[Id] = []
    confirm: Text | None = None  # shown as 要確認: check against the city's own rules
    key: bool = False  # a key step, timed in the after-action report


class Phase(_Strict):
    id: Id
    title: Text
    stage: Stage | None = None
    steps: list[Step] = Field(min_length=1)


class Deadline(_Conditional):
    id: Id
    title: Text
    from_: str = Field(
        alias="from",
        pattern=r"^(declared|awareness|step:[a-z0-9_\-]+|"
        r"decision:[a-z0-9_\-]+)$",
    )
    within: str
    warn_before: str | None = None
    when: str | None = None
    met_by: Id
    basis: str = Field(min_length=1)
    confirm: Text | None = None

    @field_validator("within", "warn_before")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            parse_duration(value)
        return value

    @property
    def duration(self) -> timedelta:
        return parse_duration(self.within)

    @property
    def warning(self) -> timedelta:
        return parse_duration(self.warn_before) if self.warn_before else timedelta(0)

    @property
    def anchor(self) -> tuple[str, str | None]:
        """("declared"|"awareness"|"step"|"decision", referenced id or None)."""
        kind, _, ref = self.from_.partition(":")
        return kind, ref or None


class Playbook(_Strict):
    schema_version: Literal[1] = Field(alias="schema")
    id: Id
    version: int = Field(ge=1)
    revised: date | None = None
    category: Category
    zones: list[Zone] = []
    title: Text
    summary: Text | None = None
    reference: Text | None = None  # e.g. "a reference plan built from public guidance"
    signs: list[Text] = []
    roles: list[Id] = []
    decisions: list[Decision] = []
    phases: list[Phase] = Field(min_length=1)
    deadlines: list[Deadline] = []
    handover_to: list[Id] = []  # plans this one may hand over to (the first-report plan)

    @field_validator("schema_version", mode="before")
    @classmethod
    def _schema_is_a_number(cls, value: Any) -> Any:
        # True == 1 in Python, so the Literal alone would take `schema: true`.
        if isinstance(value, bool):
            raise ValueError("schema must be the number 1, not true/false")
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


def json_schema() -> dict[str, Any]:
    schema = Playbook.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sonae playbook, schema 1"
    return schema

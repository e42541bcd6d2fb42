"""The registry of entry kinds: for each kind, its typed payload, its version, and whether a
correction may retract it. Its label lives in ``vocabulary.KIND_LABELS`` and its fold handler in
``state.py``; a test checks that every kind has both.

A payload is stored as JSON. ``read_payload`` turns it into the kind's typed model, checking
every key's type, so a renamed or mistyped key is an error, never a silent default. A payload
written before its kind's current version carries no ``v`` (version 1) or an older ``v``; the
kind's ``upgrade`` step brings it to the current shape before it is read.

Adding a kind: a payload class and a ``Kind`` line here, a label in vocabulary.py, a fold
handler in state.py, and the service command that writes it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar, Union

from app.domain.entries import EntryDraft, LogEntry


class PayloadError(ValueError):
    """A payload that does not fit its kind's model (missing key, wrong type, newer version)."""


class Payload:
    """Base of the typed payloads: plain frozen dataclasses, read and written through here."""

    VERSION: ClassVar[int] = 1
    # A stored key that is not a valid field name (``from``) -> the field that holds it.
    ALIASES: ClassVar[dict[str, str]] = {}

    @classmethod
    def upgrade(cls, version: int, data: dict[str, Any]) -> dict[str, Any]:
        """An older payload's keys in the current shape (version 1 is the first)."""
        return data

    def to_payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, default, empty in _defaults_of(type(self)):
            value = getattr(self, name)
            if value is None or value == default or (empty is not None and value == empty):
                continue  # the default is not written: the reader restores it
            data[name] = _plain(value)
        for stored, name in self.ALIASES.items():
            if name in data:
                data[stored] = data.pop(name)
        if self.VERSION > 1:
            data["v"] = self.VERSION
        return data


# Each model's fields with their default and their empty value (a default factory's), once:
# to_payload runs on every append.
_DEFAULTS: dict[type, tuple[tuple[str, Any, Any], ...]] = {}


def _defaults_of(model: type) -> tuple[tuple[str, Any, Any], ...]:
    known = _DEFAULTS.get(model)
    if known is None:
        known = _DEFAULTS[model] = tuple(
            (
                f.name,
                f.default,
                f.default_factory() if f.default_factory is not dataclasses.MISSING else None,
            )
            for f in dataclasses.fields(model)
        )
    return known


def _plain(value: Any) -> Any:
    if isinstance(value, Payload):
        return value.to_payload()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class PlanPin(Payload):
    """How an entry names the exact text it follows: a plan's (``PlaybookFile.pin()``) or an
    exercise script's (``ScriptFile.pin()``), kept by its sha256 in the store."""

    id: str
    version: int
    sha256: str


@dataclass(frozen=True)
class Opened(Payload):
    title: str
    mode: str
    playbook: PlanPin
    zones: tuple[str, ...] = ()
    body: str = ""
    awareness_at: str | None = None


@dataclass(frozen=True)
class StepStarted(Payload):
    note: str | None = None


@dataclass(frozen=True)
class StepDone(Payload):
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    note: str | None = None
    deputy_for: str | None = None


@dataclass(frozen=True)
class StepSkipped(Payload):
    reason: str
    note: str | None = None


@dataclass(frozen=True)
class StepDeferred(Payload):
    """A step put off to come back to (保留): listed until it is done, passed over by the
    cursor. ``until`` is when the responder means to come back to it (optional)."""

    reason: str
    until: str | None = None  # an ISO time, as the store writes times


@dataclass(frozen=True)
class Decided(Payload):
    choice: str
    note: str | None = None
    reason: str | None = None  # why: printed beside the answer


@dataclass(frozen=True)
class Noted(Payload):
    """Version 2: a note on a step names it in the entry's ``step_id`` column; version 1 kept
    it in the payload, where ``legacy_step`` still reads it."""

    VERSION = 2
    text: str
    legacy_step: str | None = None

    @classmethod
    def upgrade(cls, version: int, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        if "step_id" in data:
            data["legacy_step"] = data.pop("step_id")
        return data


@dataclass(frozen=True)
class StatusChanged(Payload):
    status: str
    previous: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class DeadlineMet(Payload):
    """Version 2 names the entry that met it (``cause``); version 1 did not, and a correction
    finds its cause by step and time instead."""

    VERSION = 2
    deadline_id: str
    cause: str | None = None


@dataclass(frozen=True)
class Corrected(Payload):
    """Version 2 names the correction that caused a cascaded one (``cause``)."""

    VERSION = 2
    target: str
    reason: str
    cause: str | None = None


@dataclass(frozen=True)
class HandedOver(Payload):
    ALIASES = {"from": "from_plan"}
    playbook: PlanPin
    from_plan: str | None = None  # the plan it hands over from, stored as "from"


@dataclass(frozen=True)
class Lesson(Payload):
    """What the after-action review keeps: a lesson, something that went well or did not, or an
    improvement item with its owner, due date and the plan step it should change. ``note`` names
    the note (uuid) it was marked on."""

    text: str
    improvement: bool = False
    category: str = "lesson"  # LESSON_CATEGORIES
    owner: str | None = None
    due: str | None = None  # YYYY-MM-DD
    plan: str | None = None  # the plan id the item should change
    step: str | None = None  # a step of that plan
    note: str | None = None


@dataclass(frozen=True)
class Inject(Payload):
    """Something that happens in an exercise, as the players are told it. Version 2 names the
    script's inject it releases (``inject``, of ``move``), the role it goes to, and whether the
    facilitator released it by hand rather than at its time; version 1 held only the text."""

    VERSION = 2
    text: str
    inject: str | None = None
    move: str | None = None
    to: str | None = None
    by_hand: bool = False


@dataclass(frozen=True)
class ExerciseStarted(Payload):
    """The exercise script this incident plays (a drill or a tabletop exercise), pinned by the
    sha256 of its text as a plan is; its injects fall due at the entry's time plus their offset."""

    script: PlanPin
    speed: float = 1.0


# How an objective went (HSEEP): performed without challenges, with some, with major ones,
# or unable to be performed.
RATINGS = ("P", "S", "M", "U")


@dataclass(frozen=True)
class Rated(Payload):
    """The evaluator's rating of an objective of the exercise, with why; a later one replaces it."""

    objective: str
    rating: str
    reason: str


@dataclass(frozen=True)
class ImprovementClosed(Payload):
    """An improvement item (a lesson entry, by uuid) closed, naming what was done about it and,
    where there is one, the plan revision that carries it."""

    item: str
    done: str
    revision: str | None = None


@dataclass(frozen=True)
class ConflictResolved(Payload):
    """Two laptops' bundles gave one question two answers, or one step two outcomes (done on
    one, skipped on the other): a responder chose (``chosen``: the answer, or ``done`` /
    ``skipped``) and why. ``over``: the entries it settles (app/domain/conflicts.py)."""

    subject: str  # "decision" | "step"
    target: str  # the decision's or the step's id
    chosen: str
    over: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class EvidenceAdded(Payload):
    """A file attached to the incident (a photo of the ransom note, a log extract), kept in the
    data folder under the sha256 of its content (``app/store/evidence.py``): the hash is in the
    chain, so a file changed afterwards is caught by verify. ``name`` is the original file's base
    name, ``size`` its bytes; the entry's ``step_id`` names the step it belongs to, if any.

    Version 1 was a line of text that could name a file and a hash, and Sonae kept no file then:
    its text is ``legacy_text``, and such an entry lists no file."""

    VERSION = 2
    sha256: str
    name: str
    size: int
    note: str | None = None
    legacy_text: str | None = None

    @classmethod
    def upgrade(cls, version: int, data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        if "text" not in data:
            raise PayloadError("text is missing")
        return {
            "legacy_text": data.pop("text"),
            "sha256": data.pop("sha256", None) or "",
            "name": data.pop("file", None) or "",
            "size": 0,
            **data,
        }


# How an evidence file left Sonae's keeping (EvidenceHanded.how): written to a file a user named,
# handed to a person or body, or carried in a bundle to another laptop.
CUSTODY = ("exported", "handed_over", "bundle")


@dataclass(frozen=True)
class EvidenceHanded(Payload):
    """A custody event of an evidence file (by its ``sha256``): to whom or where (``to``), how
    (``CUSTODY``), and for an export the file written (``file``)."""

    sha256: str
    to: str
    how: str
    note: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class ReportIssued(Payload):
    text: str
    report: str
    entries: int
    head: str
    sha256: str | None = None
    file: str | None = None
    document: str | None = None  # the 文書番号 printed on it
    as_of: str | None = None  # an --as-of copy: the moment it shows


CLOCK_ACTIONS = ("start", "pause", "resume", "speed", "jump")


@dataclass(frozen=True)
class ClockChanged(Payload):
    """A change to a tabletop exercise's simulated clock. ``real_at`` is the real moment the
    change took effect and ``sim_at`` the simulated time from then on; with ``speed`` and
    ``running`` they define the simulated time at any real moment until the next change."""

    action: str
    real_at: str
    sim_at: str
    speed: float = 1.0
    running: bool = True


@dataclass(frozen=True)
class AwarenessCorrected(Payload):
    """The awareness time (when any section of the city first knew) set again, with why: every
    clock anchored on it follows."""

    awareness_at: str
    reason: str
    previous: str | None = None


@dataclass(frozen=True)
class BodyChanged(Payload):
    """The body (機関) the incident concerns, set or changed after the start: conditions on
    ``incident.body`` (the 議会 is outside §68) read it from then on."""

    body: str
    previous: str | None = None


@dataclass(frozen=True)
class CheckTicked(Payload):
    """One check item of a step (entry's ``step_id``) ticked, or unticked."""

    check: str
    ticked: bool = True


# What a lesson is (Lesson.category): a lesson, what went well, what did not.
LESSON_CATEGORIES = ("lesson", "went_well", "went_badly")

CHANNELS = ("phone", "email", "fax", "web_form", "in_person", "letter", "other")


@dataclass(frozen=True)
class ContactRecorded(Payload):
    """A contact made for a reporting step (entry's ``step_id``): whom, how, when (``at``, the
    entry's occurred time), the person spoken to, the receipt number and the outcome."""

    whom: str
    channel: str
    person: str | None = None
    receipt: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    payload: type[Payload]
    correctable: bool


# Every kind the fold understands, in the order the filter lists them. A stored entry of an
# unknown kind (a newer Sonae's) is kept and shown, never dropped; a draft of one is refused.
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("opened", Opened, correctable=False),
        Kind("step_started", StepStarted, correctable=True),
        Kind("step_done", StepDone, correctable=True),
        Kind("step_skipped", StepSkipped, correctable=True),
        Kind("step_deferred", StepDeferred, correctable=True),
        Kind("decided", Decided, correctable=True),
        Kind("noted", Noted, correctable=True),
        Kind("status_changed", StatusChanged, correctable=True),
        Kind("evidence_added", EvidenceAdded, correctable=True),
        Kind("evidence_handed", EvidenceHanded, correctable=True),
        Kind("deadline_met", DeadlineMet, correctable=False),
        Kind("inject", Inject, correctable=True),
        Kind("exercise_started", ExerciseStarted, correctable=False),
        Kind("rated", Rated, correctable=True),
        Kind("improvement_closed", ImprovementClosed, correctable=True),
        Kind("conflict_resolved", ConflictResolved, correctable=True),
        Kind("corrected", Corrected, correctable=False),
        Kind("report_issued", ReportIssued, correctable=True),
        Kind("handed_over", HandedOver, correctable=False),
        Kind("lesson", Lesson, correctable=True),
        Kind("clock_changed", ClockChanged, correctable=False),
        Kind("awareness_corrected", AwarenessCorrected, correctable=False),
        Kind("body_changed", BodyChanged, correctable=False),
        Kind("check_ticked", CheckTicked, correctable=True),
        Kind("contact_recorded", ContactRecorded, correctable=True),
    )
}
KIND_NAMES = tuple(KINDS)

P = TypeVar("P", bound=Payload)


def read_payload(entry: LogEntry, model: type[P]) -> P:
    """The entry's payload as ``model`` (its kind's), upgraded from an older version."""
    return read_data(entry.payload, model)


def read_data(data: object, model: type[P]) -> P:
    if not isinstance(data, dict):
        raise PayloadError("the payload is not an object")
    version = data.get("v", 1)
    if type(version) is not int or version < 1:
        raise PayloadError(f"its version {version!r} is not a version")
    if version > model.VERSION:
        raise PayloadError(f"its version {version} is newer than this Sonae reads")
    body: dict[str, Any] = {
        model.ALIASES.get(str(key), str(key)): value
        for key, value in data.items()
        if key not in ENVELOPE
    }
    if version < model.VERSION:
        body = model.upgrade(version, body)
    return _build(model, body)


# Keys any payload may carry beside its model's: its version, and the login of the machine
# account it was written under (kept with every entry beside the responder's name, which is typed).
ENVELOPE = frozenset({"v", "login"})


def login_of(entry: LogEntry) -> str:
    """The machine login an entry was written under ("" for entries written before it was kept)."""
    value = entry.payload.get("login")
    return value if isinstance(value, str) else ""


def with_login(draft: EntryDraft, login: str) -> EntryDraft:
    if not login:
        return draft
    # Made directly, not with dataclasses.replace: this runs on every append.
    return EntryDraft(
        draft.incident_id,
        draft.kind,
        draft.actor,
        draft.occurred_at,
        draft.step_id,
        draft.decision_id,
        {**draft.payload, "login": login},
        draft.uuid,
    )


def draft(
    incident_id: str,
    actor: str,
    occurred_at: Any,
    payload: Payload,
    *,
    step_id: str | None = None,
    decision_id: str | None = None,
) -> EntryDraft:
    """The one way a service makes a draft: its kind is the payload's, so no kind is written
    without its model, and the payload is written in its model's current version."""
    return EntryDraft(
        incident_id,
        kind_of(payload),
        actor,
        occurred_at,
        step_id=step_id,
        decision_id=decision_id,
        payload=payload.to_payload(),
    )


_KIND_OF: dict[type[Payload], str] = {k.payload: k.name for k in KINDS.values()}


def kind_of(payload: Payload) -> str:
    name = _KIND_OF.get(type(payload))
    if name is None:
        raise ValueError(f"{type(payload).__name__} is not the payload of a kind")
    return name


def check_draft(draft: EntryDraft) -> None:
    """A draft the store may seal: a known kind whose payload reads as its model."""
    kind = KINDS.get(draft.kind)
    if kind is None:
        raise ValueError(f"unknown entry kind {draft.kind!r}")
    read_data(draft.payload, kind.payload)


# Reading: the type of each field, checked as it is read.


# Each model's fields, once: their names, and (name, type hint, required) of each; read on
# every append's check.
_FIELDS: dict[type, tuple[frozenset[str], tuple[tuple[str, Any, bool], ...]]] = {}


def _fields_of(model: type) -> tuple[frozenset[str], tuple[tuple[str, Any, bool], ...]]:
    known = _FIELDS.get(model)
    if known is None:
        hints = typing.get_type_hints(model)
        fields = tuple(
            (
                f.name,
                hints[f.name],
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
            )
            for f in dataclasses.fields(model)
        )
        known = _FIELDS[model] = (frozenset(name for name, _, _ in fields), fields)
    return known


def _build(model: type[P], body: dict[str, Any]) -> P:
    names, fields = _fields_of(model)
    if not body.keys() <= names:
        raise PayloadError(f"unknown key {sorted(set(body) - names)[0]!r}")
    values: dict[str, Any] = {}
    for name, hint, required in fields:
        if name in body:
            values[name] = _value(name, hint, body[name])
        elif required:
            raise PayloadError(f"{name} is missing")
    return model(**values)


def _value(name: str, hint: Any, value: Any) -> Any:
    if type(value) is hint and hint in (str, int, bool):
        return value  # the usual field, read first
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        (hint,) = [o for o in options if o is not type(None)]
        return _value(name, hint, value)
    if isinstance(hint, type) and issubclass(hint, Payload):
        return read_data(value, hint)
    if origin is tuple:
        (item,) = typing.get_args(hint)[:1]
        if not isinstance(value, list):
            raise PayloadError(f"{name} is not a list")
        return tuple(_value(name, item, v) for v in value)
    if origin is dict or hint is dict:
        if not isinstance(value, dict):
            raise PayloadError(f"{name} is not an object")
        return dict(value)
    if hint is float:
        if type(value) not in (int, float):
            raise PayloadError(f"{name} is not a number")
        return float(value)
    if hint in (str, int, bool):
        if type(value) is not hint:
            raise PayloadError(f"{name} is not {hint.__name__}")
        return value
    raise PayloadError(f"{name}: no reader for {hint!r}")  # pragma: no cover (a model's bug)


ReadPayload = Callable[[LogEntry], Payload]

"""Read a playbook file: YAML 1.2 -> typed model, with every problem tied to a FILE:LINE.

The YAML reading and the line machinery are shared with the contacts file (``yamlsource``).
Reading is bounded there, in the models and in the combination check below, so a hostile plan
is refused with a FILE:LINE in well under a second; ``load_text`` never raises.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.domain.conditions import Condition
from app.domain.playbook import MAX_STEPS, Deadline, Playbook
from app.domain.roles import ROLE_BY_ID
from app.domain.yamlsource import (
    Problem,
    line_of,
    parse_mapping,
    plain,
    pydantic_problems,
    read_utf8,
)

__all__ = [
    "LoadResult",
    "PlaybookFile",
    "Problem",
    "line_of",
    "load_file",
    "load_text",
    "parse_trusted",
    "sha256_text",
]

# Combinations of decisions the deadline checks may try: for one deadline (bundled: at most 27)
# and for the whole plan (bundled: under 200); beyond, the check would take minutes or hours.
MAX_CASES = 4096
MAX_PLAN_CASES = 16384

# Starts the message of an error that no check foresaw (a bug); the tests assert it never shows.
UNEXPECTED = "cannot read this plan: "


@dataclass(frozen=True)
class PlaybookFile:
    """A validated playbook with the exact text it came from and that text's sha256."""

    plan: Playbook
    text: str
    sha256: str
    path: str = ""

    @property
    def id(self) -> str:
        return self.plan.id

    def pin(self) -> dict[str, str | int]:
        """How an incident names this exact plan in its log: id, version and text's sha256."""
        return {"id": self.plan.id, "version": self.plan.version, "sha256": self.sha256}


@dataclass
class LoadResult:
    playbook: PlaybookFile | None
    problems: list[Problem] = field(default_factory=list)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(options: dict[str, list[str]], *conditions: Condition | None) -> list[str]:
    """The decisions in ``options`` that these conditions read, in order of first use."""
    ids: list[str] = []
    for condition in conditions:
        for decision_id, _ in condition.references() if condition else []:
            if decision_id in options and decision_id not in ids:
                ids.append(decision_id)
    return ids


def _cases(
    options: dict[str, list[str]], *conditions: Condition | None
) -> Iterator[dict[str, str]]:
    """Every combination of the choices of the decisions in ``options`` that these conditions
    read (at most MAX_CASES, checked by the caller); the others stay unanswered."""
    ids = _read(options, *conditions)
    for chosen in itertools.product(*(options[i] for i in ids)):
        yield dict(zip(ids, chosen, strict=True))


def _holds(condition: Condition | None, decided: dict[str, str]) -> bool | None:
    return True if condition is None else condition.evaluate(decided)


def _without(options: dict[str, list[str]], deadline: Deadline, step_when: Condition | None) -> str:
    """The first combination in which the deadline applies but the step cannot happen, or ''."""
    for case in _cases(options, deadline.condition, step_when):
        if _holds(deadline.condition, case) and _holds(step_when, case) is False:
            return ", ".join(f"{k}={v}" for k, v in case.items())
    return ""


def _applies_unanswered(options: dict[str, list[str]], deadline: Deadline, decision: str) -> bool:
    """Whether the deadline can apply while ``decision`` is still unanswered."""
    rest = {k: v for k, v in options.items() if k != decision}
    return any(_holds(deadline.condition, case) for case in _cases(rest, deadline.condition))


def _conditions(plan: Playbook, deadline: Deadline) -> list[Condition | None]:
    """The deadline's condition and those of the steps that meet it and start its clock."""
    kind, ref = deadline.anchor
    steps = (plan.step(deadline.met_by), plan.step(ref or "") if kind == "step" else None)
    return [deadline.condition, *(s.condition for s in steps if s)]


def _reach_problems(
    plan: Playbook, options: dict[str, list[str]], deadline: Deadline
) -> list[tuple[str, str]]:
    """(field, message) for a deadline that could apply while the step that meets it, or the
    step that starts its clock, cannot happen; or before the decision that starts it is answered.
    """
    kind, ref = deadline.anchor
    met = plan.step(deadline.met_by)
    anchor = plan.step(ref or "") if kind == "step" else None
    conditions = _conditions(plan, deadline)
    if any(d not in options for c in conditions if c for d, _ in c.references()):
        return []  # a dangling decision name is reported on its own
    found: list[tuple[str, str]] = []
    for key, role, step, outcome in (
        ("met_by", "met_by", met, "it could never be met"),
        ("from", "anchor", anchor, "its clock would never start"),
    ):
        case = _without(options, deadline, step.condition) if step else ""
        if step and case:
            found.append((key, f"deadline '{deadline.id}' applies when {case} but its {role} step "
                          f"'{step.id}' does not (when: {step.when}), so {outcome}"))  # fmt: skip
    if kind == "decision" and ref in options and _applies_unanswered(options, deadline, ref):
        found.append(("from", f"deadline '{deadline.id}' can apply before decision '{ref}' is "
                      "answered (its 'when' does not need it), so its clock might never start; "
                      "anchor on a decision the 'when' reads, or on declared/awareness"))  # fmt: skip
    return found


def _cross_check(file: str, root: Any, plan: Playbook) -> list[Problem]:
    """Checks that need the whole plan: unique ids, references that resolve, and deadlines that
    can be met and started in every combination of decisions where they apply."""
    problems: list[Problem] = []

    def add(loc: list[str | int], message: str, severity: str = "error") -> None:
        problems.append(Problem(file, line_of(root, loc), message, severity))

    seen: dict[str, str] = {}

    def unique(kind: str, ident: str, loc: list[str | int]) -> None:
        key = f"{kind}:{ident}"
        if key in seen:
            add(loc + ["id"], f"duplicate {kind} id '{ident}' (first at {seen[key]})")
        else:
            seen[key] = f"line {line_of(root, loc + ['id'])}"

    choices = {d.id: set(d.choice_ids()) for d in plan.decisions}
    options = {d.id: d.choice_ids() for d in plan.decisions}
    for i, decision in enumerate(plan.decisions):
        unique("decision", decision.id, ["decisions", i])
        if len(set(decision.choice_ids())) != len(decision.choices):
            add(["decisions", i, "choices"], f"decision '{decision.id}' repeats a choice")

    def check_condition(condition: Condition | None, loc: list[str | int]) -> None:
        if condition is None:
            return
        for decision_id, wanted in condition.references():
            if decision_id not in choices:
                add(loc, f"'when' names decision '{decision_id}', which this plan does not have")
                continue
            for choice in sorted(wanted - choices[decision_id]):
                add(loc, f"'when' uses '{choice}', not a choice of decision '{decision_id}'")

    total = sum(len(phase.steps) for phase in plan.phases)
    if total > MAX_STEPS:
        add(["phases"], f"the plan has {total} steps; at most {MAX_STEPS} are allowed")
    step_ids: set[str] = set()
    for p, phase in enumerate(plan.phases):
        unique("phase", phase.id, ["phases", p])
        for s, step in enumerate(phase.steps):
            loc: list[str | int] = ["phases", p, "steps", s]
            unique("step", step.id, loc)
            step_ids.add(step.id)
            check_condition(step.condition, loc + ["when"])
            if step.role is not None:
                if step.role not in ROLE_BY_ID:
                    add(loc + ["role"], f"unknown role '{step.role}'")
                elif plan.roles and step.role not in plan.roles:
                    add(loc + ["role"], f"role '{step.role}' is not listed in the plan's roles")
            field_ids = [f.id for f in step.fields]
            if len(set(field_ids)) != len(field_ids):
                add(loc + ["fields"], f"step '{step.id}' repeats a field id")

    for r, role in enumerate(plan.roles):
        if role not in ROLE_BY_ID:
            add(["roles", r], f"unknown role '{role}'")

    spent = 0  # combinations tried so far, against MAX_PLAN_CASES
    for d, deadline in enumerate(plan.deadlines):
        loc = ["deadlines", d]
        unique("deadline", deadline.id, loc)
        check_condition(deadline.condition, loc + ["when"])
        if deadline.met_by not in step_ids:
            add(loc + ["met_by"], f"met_by names step '{deadline.met_by}', which does not exist")
        kind, ref = deadline.anchor
        if kind == "step" and ref not in step_ids:
            add(loc + ["from"], f"'from' names step '{ref}', which does not exist")
        if kind == "decision" and ref not in choices:
            add(loc + ["from"], f"'from' names decision '{ref}', which does not exist")
        if deadline.warn_before and deadline.warning >= deadline.duration:
            add(loc + ["warn_before"], "warn_before must be shorter than within")
        ids = _read(options, *_conditions(plan, deadline))
        cases = math.prod(len(options[i]) for i in ids)
        if cases > MAX_CASES:
            add(loc + ["when"], f"deadline '{deadline.id}' reads {len(ids)} decisions ({cases} "
                f"combinations, with its steps' 'when'); at most {MAX_CASES} can be checked: "
                "simplify its condition")  # fmt: skip
        elif spent + cases > MAX_PLAN_CASES:
            add(loc + ["when"], f"deadline '{deadline.id}' brings the combinations of decisions "
                f"to check to {spent + cases}; at most {MAX_PLAN_CASES} can be checked in a plan: "
                "simplify the deadlines' conditions")  # fmt: skip
        else:
            spent += cases
            for key, message in _reach_problems(plan, options, deadline):
                add(loc + [key], message)
    return problems


def load_text(text: str, file: str = "<text>", *, pinned: bool = False) -> LoadResult:
    """Read and check a plan; every problem carries FILE:LINE, and nothing is raised.

    ``pinned`` is for a text pinned in an incident's log: it was valid when pinned, so bounds
    added since (a clock of more than ten years) do not apply; every other bound does, because
    the database may have been tampered with.
    """
    try:
        return _load(text, file, pinned)
    except Exception as exc:  # a bug: report it like any problem rather than stop the app
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return LoadResult(None, [Problem(file, 1, UNEXPECTED + reason)])


def _load(text: str, file: str, pinned: bool) -> LoadResult:
    root, problems = parse_mapping(text, file, "a playbook")
    if root is None:
        return LoadResult(None, problems)
    try:
        plan = Playbook.model_validate(plain(root), context={"pinned": pinned})
    except ValidationError as exc:
        return LoadResult(None, pydantic_problems(file, root, exc))
    problems = _cross_check(file, root, plan)
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    return LoadResult(PlaybookFile(plan, text, sha256_text(text), file), problems)


def load_file(path: Path) -> LoadResult:
    text, problems = read_utf8(path)
    if text is None:
        return LoadResult(None, problems)
    cached = _load_text_cached(text, str(path))
    return LoadResult(cached.playbook, list(cached.problems))


@lru_cache(maxsize=128)
def _load_text_cached(text: str, file: str) -> LoadResult:
    # Every command reads the whole library; parsing is the slow part and depends only on the
    # text, so an unchanged file is parsed once per process (callers get their own problem list).
    return load_text(text, file)


def parse_trusted(text: str) -> PlaybookFile:
    """Parse a plan text that was valid when it was pinned (from the log's plan store).

    Cached by text, the refusals too: parsing YAML with line marks is the slowest part of
    opening an incident, a pinned text never changes (the result is frozen, so sharing it is
    safe), and a hostile database's text must cost its parse once, not at every look.
    """
    result = _parse_pinned(text)
    if result.playbook is None:
        raise ValueError("; ".join(str(p) for p in result.problems))
    return result.playbook


@lru_cache(maxsize=64)
def _parse_pinned(text: str) -> LoadResult:
    return load_text(text, "<pinned>", pinned=True)

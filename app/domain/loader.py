"""Read a playbook file: YAML 1.2 -> typed model, with every problem tied to a FILE:LINE.

A schema 2 plan may ``include`` shared blocks (``blocks/ID.yaml`` beside the plan, then the
bundled ones). The plan is pinned with its blocks as one text: the plan, then each block after a
``BLOCK_MARK`` line, so a pinned plan never depends on files that may have changed since.

The YAML reading and the line machinery are shared with the contacts file (``yamlsource``).
Reading is bounded there, in the models and in the combination check below, so a hostile plan
is refused with a FILE:LINE in well under a second; ``load_text`` never raises.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from app.domain.conditions import INCIDENT_FACTS, Condition
from app.domain.entries import BODIES, MODES, ZONES
from app.domain.playbook import (
    MAX_STEPS,
    SCHEMA_2_FIELDS,
    STAGES,
    Block,
    Deadline,
    Playbook,
)
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
MAX_BLOCKS = 20  # blocks one plan may include, directly or through other blocks
MAX_COMPOSED = 4 * 1024 * 1024  # characters of a plan with its blocks (each part: 1 MiB at most)

# Starts the message of an error that no check foresaw (a bug); the tests assert it never shows.
UNEXPECTED = "cannot read this plan: "


# Starts each block in a pinned text (``compose``); a plan file may not contain it.
BLOCK_MARK = "# sonae-block: "
_BLOCK_SPLIT = re.compile(r"^---\n" + re.escape(BLOCK_MARK) + r"([a-z0-9][a-z0-9_\-]*)\n", re.M)

# A location in the merged plan -> (file, parsed YAML, location there): where a problem is shown.
Where = tuple[str, Any, list[str | int]]


@dataclass(frozen=True)
class PlaybookFile:
    """A validated playbook with the exact text it came from (with its blocks) and its sha256."""

    plan: Playbook
    text: str
    sha256: str
    path: str = ""
    # (file, line) of a location in the plan, blocks included: for warnings after loading
    origins: dict[tuple[str | int, ...], Where] = field(default_factory=dict, compare=False)

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def version(self) -> int:
        return self.plan.version

    def where(self, loc: list[str | int]) -> tuple[str, int]:
        """(file, line) of a location in the plan, a step of one of its blocks included."""
        root, _ = _parsed(split(self.text)[0], self.path)
        return _Locator(self.path, root, self.origins)(loc)

    def pin(self) -> dict[str, str | int]:
        """How an incident names this exact plan in its log: id, version and text's sha256."""
        return {"id": self.plan.id, "version": self.plan.version, "sha256": self.sha256}


@dataclass
class LoadResult:
    playbook: PlaybookFile | None
    problems: list[Problem] = field(default_factory=list)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compose(text: str, blocks: list[tuple[str, str]]) -> str:
    """The text an incident pins: the plan, then each (block id, text) it includes."""
    out = text if text.endswith("\n") or not blocks else text + "\n"
    for block_id, block_text in blocks:
        body = block_text if block_text.endswith("\n") else block_text + "\n"
        out += f"---\n{BLOCK_MARK}{block_id}\n{body}"
    return out


def split(text: str) -> tuple[str, dict[str, str]]:
    """A composed text's plan text, and its blocks by id."""
    parts = _BLOCK_SPLIT.split(text)
    blocks = {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    return parts[0], blocks


class _Locator:
    """Turns a location in the merged plan into (file, line), blocks included."""

    def __init__(self, file: str, root: Any, origins: dict[tuple[str | int, ...], Where]) -> None:
        self.file, self.root, self.origins = file, root, origins

    def resolve(self, loc: Sequence[str | int]) -> Where:
        for n in range(len(loc), 0, -1):
            found = self.origins.get(tuple(loc[:n]))
            if found is not None:
                file, root, there = found
                return file, root, there + list(loc[n:])
        return self.file, self.root, list(loc)

    def __call__(self, loc: Sequence[str | int]) -> tuple[str, int]:
        file, root, there = self.resolve(loc)
        return file, line_of(root, there)


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


def _cross_check(locate: _Locator, plan: Playbook) -> list[Problem]:
    """Checks that need the whole plan: unique ids, references that resolve, and deadlines that
    can be met and started in every combination of decisions where they apply."""
    problems: list[Problem] = []

    def add(loc: list[str | int], message: str, severity: str = "error") -> None:
        problems.append(Problem(*locate(loc), message, severity))

    seen: dict[str, str] = {}

    def unique(kind: str, ident: str, loc: list[str | int]) -> None:
        key = f"{kind}:{ident}"
        file, line = locate(loc + ["id"])
        here = f"line {line}" if file == locate.file else f"{file}:{line}"
        if key in seen:
            add(loc + ["id"], f"duplicate {kind} id '{ident}' (first at {seen[key]})")
        else:
            seen[key] = here

    choices: dict[str, set[str]] = {d.id: set(d.choice_ids()) for d in plan.decisions}
    options: dict[str, list[Any]] = {d.id: d.choice_ids() for d in plan.decisions}
    # The incident's own facts are tried like decisions (zones one at a time).
    facts: dict[str, tuple[str, ...]] = {
        "incident.body": BODIES,
        "incident.zones": ZONES,
        "incident.mode": MODES,
    }
    for name, values in facts.items():
        choices[name] = set(values)
        options[name] = (
            [frozenset([v]) for v in values] if name == "incident.zones" else list(values)
        )
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
                if decision_id in INCIDENT_FACTS:
                    known = ", ".join(facts[decision_id])
                    add(loc, f"'when' uses '{choice}', not a value of {decision_id} ({known})")
                else:
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
            check_ids = [c.id for c in step.checks]
            if len(set(check_ids)) != len(check_ids):
                add(loc + ["checks"], f"step '{step.id}' repeats a check item id")
            check_condition(step.until_condition, loc + ["until"])

    for r, role in enumerate(plan.roles):
        if role not in ROLE_BY_ID:
            add(["roles", r], f"unknown role '{role}'")

    def add_field_problems(
        deadline: Deadline, source: tuple[str, str], loc: list[str | int]
    ) -> None:
        step_id, field_id = source
        step = plan.step(step_id)
        spec = step.field(field_id) if step else None
        where = loc + ["within"]
        if step is None:
            add(where, f"'within' reads step '{step_id}', which does not exist")
        elif spec is None:
            add(where, f"'within' reads field '{field_id}', which step '{step_id}' does not have")
        elif spec.unit is None:
            add(where, f"'within' reads field '{step_id}.{field_id}', which is not a number "
                "with a unit (unit: hours, minutes or days)")  # fmt: skip
        if deadline.warn_before is not None:
            add(loc + ["warn_before"], "a clock whose length is read from a field cannot have "
                "warn_before: its length is not known in advance")  # fmt: skip

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
        source = deadline.from_field
        if source is not None:
            add_field_problems(deadline, source, loc)
        elif deadline.warn_before and deadline.warning >= deadline.duration:
            add(loc + ["warn_before"], "warn_before must be shorter than within")
        met = plan.step(deadline.met_by)
        if (
            deadline.unanswered == "applies"
            and met is not None
            and met.unanswered == "waits"
            and deadline.applies({}) is True
            and met.applies({}) is None
        ):
            add(loc + ["met_by"], f"deadline '{deadline.id}' runs while its questions are "
                f"unanswered, but its step '{met.id}' waits for an answer, so it could not be "
                "met in time: give the step 'unanswered: applies'")  # fmt: skip
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


def load_text(
    text: str,
    file: str = "<text>",
    *,
    pinned: bool = False,
    block_files: tuple[tuple[str, str], ...] = (),
) -> LoadResult:
    """Read and check a plan; every problem carries FILE:LINE, and nothing is raised.

    ``text`` may carry the plan's blocks (``compose``); ``block_files`` names the file each came
    from, for the messages. ``pinned`` is for a text pinned in an incident's log: it was valid
    when pinned, so bounds added since (a clock of more than ten years) do not apply; every
    other bound does, because the database may have been tampered with.
    """
    try:
        if not pinned and not split(text)[1]:
            # A plan's own text (not one composed with its blocks): its blocks are the bundled
            # ones, as for a file of the library that has none beside it.
            blocks, files, unreadable = _gather(text, file, [_bundled_blocks()])
            if unreadable:
                return LoadResult(None, unreadable)
            text, block_files = compose(text, blocks), tuple(files.items())
        return _load(text, file, pinned, dict(block_files))
    except Exception as exc:  # a bug: report it like any problem rather than stop the app
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return LoadResult(None, [Problem(file, 1, UNEXPECTED + reason)])


@lru_cache(maxsize=256)
def _parsed(text: str, file: str) -> tuple[Any, tuple[Problem, ...]]:
    # Parsing YAML with line marks is the slow part; a text is parsed once per process (the
    # parsed tree is only read, never changed).
    root, problems = parse_mapping(text, file, "a playbook")
    return root, tuple(problems)


_BLOCK_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{0,63}")


def _includes(data: Any) -> list[str]:
    """The block ids a plan or block includes, if all are ids: a name such as ``../x`` is never
    looked up as a file (the model then reports it at its line)."""
    found = data.get("include") if isinstance(data, dict) else None
    if isinstance(found, list) and all(
        isinstance(i, str) and _BLOCK_ID.fullmatch(i) for i in found
    ):
        return list(found)
    return []


# Step and deadline keys that schema 1 does not have (see SCHEMA_2_FIELDS).
_S2 = {model.__name__: {name} for model, name in SCHEMA_2_FIELDS}
for _model, _name in SCHEMA_2_FIELDS:
    _S2[_model.__name__].add(_name)


def _schema_1_problems(locate: _Locator, data: dict[str, Any]) -> list[Problem]:
    """A schema 1 plan that uses what only schema 2 has: said at the key, not guessed at."""
    found: list[Problem] = []

    def look(item: Any, model: str, loc: list[str | int]) -> None:
        for key in item if isinstance(item, dict) else ():
            if key in _S2[model]:
                found.append(Problem(*locate(loc + [key]), f"'{key}' needs schema: 2"))

    look(data, "Playbook", [])
    for p, phase in enumerate(data.get("phases") or []):
        steps = phase.get("steps") if isinstance(phase, dict) else None
        for s, step in enumerate(steps if isinstance(steps, list) else []):
            look(step, "Step", ["phases", p, "steps", s])
            fields = step.get("fields") if isinstance(step, dict) else None
            for f, spec in enumerate(fields if isinstance(fields, list) else []):
                look(spec, "FieldSpec", ["phases", p, "steps", s, "fields", f])
    for d, deadline in enumerate(data.get("deadlines") or []):
        look(deadline, "Deadline", ["deadlines", d])
    for d, decision in enumerate(data.get("decisions") or []):
        look(decision, "Decision", ["decisions", d])
    return found


@dataclass
class _Merge:
    """A plan's data with its blocks merged in, and where each merged item was written."""

    file: str
    root: Any
    data: dict[str, Any]
    embedded: dict[str, str]
    block_files: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    blocks: list[tuple[str, Any, dict[str, Any]]] = field(default_factory=list)  # in merge order
    _done: set[str] = field(default_factory=set)

    def problem(self, where: Where, message: str) -> None:
        file, root, loc = where
        self.problems.append(Problem(file, line_of(root, loc), message))

    def visit(self, block_id: str, chain: list[str], where: Where) -> None:
        if block_id in chain:
            self.problem(where, "include cycle: " + " -> ".join([*chain, block_id]))
            return
        if block_id in self._done:
            return
        if len(self._done) >= MAX_BLOCKS:
            self.problem(where, f"more than {MAX_BLOCKS} blocks are included: simplify the plan")
            return
        self._done.add(block_id)
        text = self.embedded.get(block_id)
        if text is None:
            self.problem(where, f"include names block '{block_id}', which does not exist "
                         f"(looked for blocks/{block_id}.yaml beside the plan and bundled)")  # fmt: skip
            return
        file = self.block_files.get(block_id, f"{self.file}#block:{block_id}")
        root, problems = _parsed(text, file)
        if root is None:
            self.problems.extend(problems)
            return
        data = plain(root)
        try:
            Block.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(pydantic_problems(file, root, exc))
            return
        if data["block"] != block_id:
            self.problems.append(Problem(file, line_of(root, ["block"]), f"this block is named "
                                 f"'{data['block']}' but is included as '{block_id}'"))  # fmt: skip
            return
        for i, inner in enumerate(_includes(data)):
            self.visit(inner, [*chain, block_id], (file, root, ["include", i]))
        self.blocks.append((file, root, data))

    def merged(self) -> tuple[dict[str, Any], dict[tuple[str | int, ...], Where]]:
        for i, block_id in enumerate(_includes(self.data)):
            self.visit(block_id, [], (self.file, self.root, ["include", i]))
        data = dict(self.data)
        origins: dict[tuple[str | int, ...], Where] = {}
        for key in ("decisions", "deadlines"):
            own = data.get(key, [])
            if not isinstance(own, list):
                continue  # reported by the model
            items: list[tuple[Any, Where]] = [
                (x, (self.file, self.root, [key, i])) for i, x in enumerate(own)
            ]
            for file, root, block in self.blocks:
                items += [(x, (file, root, [key, i])) for i, x in enumerate(block.get(key, []))]
            data[key] = [x for x, _ in items]
            origins.update({(key, n): where for n, (_, where) in enumerate(items)})
        phases = data.get("phases")
        if isinstance(phases, list) and all(isinstance(p, dict) for p in phases):
            data["phases"], phase_origins = self._phases(phases)
            origins.update(phase_origins)
        roles = data.get("roles")
        if isinstance(roles, list) and roles:
            # A plan that lists its roles gets those of its blocks' steps as well.
            extra = [
                step["role"]
                for _, _, block in self.blocks
                for phase in block.get("phases", [])
                for step in phase["steps"]
                if isinstance(step.get("role"), str)
            ]
            data["roles"] = [*roles, *dict.fromkeys(r for r in extra if r not in roles)]
        return data, origins

    def _phases(
        self, own: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], dict[tuple[str | int, ...], Where]]:
        # [phase data, where, [(step, where)]] in the merged order
        merged: list[tuple[dict[str, Any], Where, list[tuple[Any, Where]]]] = []
        for p, phase in enumerate(own):
            steps = phase.get("steps")
            steps = steps if isinstance(steps, list) else []
            merged.append((phase, (self.file, self.root, ["phases", p]),
                           [(x, (self.file, self.root, ["phases", p, "steps", s])) for s, x in enumerate(steps)]))  # fmt: skip
        for file, root, block in self.blocks:
            for p, phase in enumerate(block.get("phases", [])):
                steps = [
                    (x, (file, root, ["phases", p, "steps", s]))
                    for s, x in enumerate(phase["steps"])
                ]
                same = next((m for m in merged if m[0].get("id") == phase["id"]), None)
                if same is not None:
                    same[2].extend(steps)
                    continue
                rank = STAGES.index(phase["stage"]) if phase.get("stage") in STAGES else len(STAGES)
                at = len(merged)
                while at > 0 and _rank(merged[at - 1][0]) > rank:
                    at -= 1
                merged.insert(at, (phase, (file, root, ["phases", p]), steps))
        origins: dict[tuple[str | int, ...], Where] = {}
        out = []
        for p, (phase, where, steps) in enumerate(merged):
            origins[("phases", p)] = where
            origins.update({("phases", p, "steps", s): w for s, (_, w) in enumerate(steps)})
            out.append({**phase, "steps": [x for x, _ in steps]})
        return out, origins


def _rank(phase: dict[str, Any]) -> int:
    stage = phase.get("stage")
    return STAGES.index(stage) if stage in STAGES else -1  # a phase with no stage stays put


def _load(text: str, file: str, pinned: bool, block_files: dict[str, str]) -> LoadResult:
    if len(text) > MAX_COMPOSED:
        return LoadResult(None, [Problem(file, 1, "the plan with its blocks is larger than "
                                         f"{MAX_COMPOSED // 1024 // 1024} MiB, the limit")])  # fmt: skip
    plan_text, embedded = split(text)
    root, parse_problems = _parsed(plan_text, file)
    if root is None:
        return LoadResult(None, list(parse_problems))
    data = plain(root)
    locate = _Locator(file, root, {})
    if data.get("schema") == 1 or "schema" not in data:
        problems = _schema_1_problems(locate, data)
        if problems:
            return LoadResult(None, problems)
    elif _includes(data):
        merge = _Merge(file, root, data, embedded, block_files)
        data, locate.origins = merge.merged()
        if merge.problems:
            return LoadResult(None, merge.problems)
    try:
        plan = Playbook.model_validate(data, context={"pinned": pinned})
    except ValidationError as exc:
        return LoadResult(None, pydantic_problems(file, root, exc, locate.resolve))
    problems = _cross_check(locate, plan)
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    return LoadResult(PlaybookFile(plan, text, sha256_text(text), file, locate.origins), problems)


def _bundled_blocks() -> Path:
    from app.paths import playbooks_dir

    return playbooks_dir() / "blocks"


def block_dirs(path: Path) -> list[Path]:
    """Where a plan's ``include`` is looked for: beside it, then among the bundled blocks."""
    dirs = [path.parent / "blocks"]
    bundled = _bundled_blocks()
    return dirs if bundled in dirs else [*dirs, bundled]


def _gather(
    text: str, file: str, dirs: list[Path]
) -> tuple[list[tuple[str, str]], dict[str, str], list[Problem]]:
    """The blocks a plan text includes, transitively, read from the first folder that has each:
    (id, text) in the order found, their files, and the files that could not be read."""
    found: list[tuple[str, str]] = []
    files: dict[str, str] = {}
    problems: list[Problem] = []
    root, _ = _parsed(text, file)
    todo = _includes(plain(root)) if root is not None else []
    while todo:
        block_id = todo.pop(0)
        if block_id in files or len(files) >= MAX_BLOCKS:
            continue
        path = next(
            (d / f"{block_id}.yaml" for d in dirs if (d / f"{block_id}.yaml").exists()), None
        )
        if path is None:
            files[block_id] = ""  # missing: said by the loader at the include's line
            continue
        block_text, unreadable = read_utf8(path)
        files[block_id] = str(path)
        if block_text is None:
            problems.extend(unreadable)
            continue
        found.append((block_id, block_text))
        block_root, _ = _parsed(block_text, str(path))
        todo += _includes(plain(block_root)) if block_root is not None else []
    return found, {k: v for k, v in files.items() if v}, problems


def load_file(path: Path, dirs: list[Path] | None = None) -> LoadResult:
    text, problems = read_utf8(path)
    if text is None:
        return LoadResult(None, problems)
    mark = _BLOCK_SPLIT.search(text)
    if mark:
        line = text.count("\n", 0, mark.start()) + 2
        return LoadResult(None, [Problem(str(path), line, f"a plan may not contain the line "
                          f"'{BLOCK_MARK}...': it separates the blocks of a pinned plan")])  # fmt: skip
    blocks, files, unreadable = _gather(
        text, str(path), dirs if dirs is not None else block_dirs(path)
    )
    if unreadable:
        return LoadResult(None, unreadable)
    cached = _load_text_cached(compose(text, blocks), str(path), tuple(files.items()))
    return LoadResult(cached.playbook, list(cached.problems))


@lru_cache(maxsize=128)
def _load_text_cached(text: str, file: str, block_files: tuple[tuple[str, str], ...]) -> LoadResult:
    # Every command reads the whole library; parsing is the slow part and depends only on the
    # texts, so an unchanged file is parsed once per process (callers get their own problem list).
    return load_text(text, file, block_files=block_files)


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

"""Every bundled plan, through the branches of its decisions, run to the end.

A branch is an answer (or no answer yet) to each of the plan's questions, the shared PPC
block's among them, and the body of the city the incident concerns (内部部局, 行政委員会, 議会,
議会事務局, or none given). Two tests:

- ``test_no_unreachable_step_in_any_branch`` is exhaustive and static: over every combination of
  the facts a condition reads, every step applies somewhere, and wherever a clock applies the
  step that meets it (and the step it counts from) applies too, answered or not.
- ``test_every_branch_runs_to_the_end`` runs branches through the services: a deterministic
  sample that holds every pair of values of any two questions (the body included) at least once,
  plus a branch for each step, clock and "does not apply" that the pairs miss. For each it starts
  a drill, takes the answers, does every step that applies (check items left unticked), and
  asserts that each step is done (or waits, or does not apply, as the answers say), that every
  clock that applies ends met, that a step that does not apply or waits is refused, and that the
  incident closes and its after-action facts and timeline are made without an error.
- ``test_a_branch_of_each_plan_runs_on_the_command_line`` runs one full branch per plan through
  ``sonae`` itself, to the same expectations.

The sample keeps the run short (a few hundred incidents, some seconds) where running every
combination would take tens of thousands of incidents (ransomware alone has 2 x 3^6 answered
combinations, times four bodies, before counting the unanswered ones).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain.clock import ManualClock
from app.domain.entries import BODIES
from app.domain.loader import PlaybookFile
from app.domain.playbook import Deadline, Phase, Playbook, Step
from app.domain.timeutil import JST
from app.errors import SonaeError
from app.paths import playbooks_dir
from app.reports.facts import review, timeline_rows
from app.services.library import Library
from app.services.reports import load_record_data
from app.services.views import incident_view
from app.services.workspace import Workspace

PLANS = Library([playbooks_dir()]).all()
BY_ID = {p.id: p for p in PLANS}
ids = pytest.mark.parametrize("playbook", PLANS, ids=[p.id for p in PLANS])

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=JST)  # each branch's incident opens at 09:00 JST
ACTOR = "tester"
BODY = "incident.body"
ZONES = "incident.zones"
MODE = "incident.mode"
# A branch: decision id (or incident fact) -> the answer, None while unanswered. A body of ""
# is an incident opened without one.
Value = str | tuple[str, ...] | None
Branch = dict[str, Value]
Facts = dict[str, str | frozenset[str]]

PPC_DECISIONS = ("personal_data", "ppc_reportable", "malicious", "mynumber_data")


# What a plan's conditions read, and the values each can take.
def reads(plan: Playbook) -> set[str]:
    items: list[Step | Deadline] = [*plan.steps(), *plan.deadlines]
    names = {n for i in items if i.condition for n, _ in i.condition.references()}
    names |= {
        n for s in plan.steps() if s.until_condition for n, _ in s.until_condition.references()
    }
    return names


def zone_sets(plan: Playbook) -> list[tuple[str, ...]]:
    zones = tuple(plan.zones)
    return [tuple(c) for n in range(len(zones), -1, -1) for c in itertools.combinations(zones, n)]


def dimensions(plan: Playbook, unanswered: bool) -> list[tuple[str, list[Value]]]:
    """The questions and incident facts of a branch, with their values; ``unanswered`` adds
    None (a question left open, an incident without a body)."""
    extra: list[Value] = [None] if unanswered else []
    dims: list[tuple[str, list[Value]]] = [
        (d.id, [*d.choice_ids(), *extra]) for d in plan.decisions
    ]
    names = reads(plan)
    dims.append((BODY, [*BODIES, *([""] if unanswered else [])]))
    if ZONES in names:
        dims.append((ZONES, list(zone_sets(plan))))
    if MODE in names:
        dims.append((MODE, ["real", "drill", "tabletop"]))
    return dims


def facts_of(plan: Playbook, branch: Branch) -> Facts:
    """What a condition reads in this branch, as ``IncidentState.facts`` gives it."""
    facts: Facts = {k: v for k, v in branch.items() if isinstance(v, str) and "." not in k}
    body = branch.get(BODY)
    if isinstance(body, str) and body in BODIES:
        facts[BODY] = body
    zones = branch.get(ZONES, tuple(plan.zones))
    facts[ZONES] = frozenset(zones if isinstance(zones, tuple) else ())
    mode = branch.get(MODE, "drill")
    facts[MODE] = mode if isinstance(mode, str) else "drill"
    return facts


def applies(item: Step | Deadline, facts: Facts) -> bool | None:
    """The documented rule: a ``when`` that reads an unanswered question is undecided (None)
    unless the item says an unanswered question counts as applying (``unanswered: applies``)."""
    if item.condition is None:
        return True
    value = item.condition.evaluate(facts)
    if value is None and item.unanswered == "applies":
        return True
    return value


# Static: every branch, over the facts each item reads.
def branches_over(
    plan: Playbook, items: Sequence[Step | Deadline], unanswered: bool
) -> Iterator[Facts]:
    names = sorted({n for i in items if i.condition for n, _ in i.condition.references()})
    dims = dict(dimensions(plan, unanswered))
    dims.setdefault(ZONES, list(zone_sets(plan)))
    dims.setdefault(MODE, ["real", "drill", "tabletop"])
    for values in itertools.product(*(dims[n] for n in names)):
        yield facts_of(plan, dict(zip(names, values, strict=True)))


def test_every_plan_is_enumerated() -> None:
    assert len(PLANS) >= 13
    for playbook in PLANS:
        plan = playbook.plan
        decisions = {d.id for d in plan.decisions}
        if "ppc_reports" in plan.include:  # the block's questions are branches of the plan
            assert set(PPC_DECISIONS) <= decisions, plan.id
        # Everything a condition reads is a question of the plan or a fact of the incident.
        assert reads(plan) <= decisions | {BODY, ZONES, MODE}, plan.id


@ids
def test_no_unreachable_step_in_any_branch(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    unreachable = [
        s.id
        for s in plan.steps()
        if not any(applies(s, f) is True for f in branches_over(plan, [s], unanswered=False))
    ]
    assert unreachable == [], f"{plan.id}: steps no branch reaches: {unreachable}"
    for deadline in plan.deadlines:
        met_by = plan.step(deadline.met_by)
        assert met_by is not None, deadline.id
        linked = [met_by]
        kind, ref = deadline.anchor
        if kind == "step":
            anchor = plan.step(ref or "")
            assert anchor is not None, deadline.id
            linked.append(anchor)
        if deadline.from_field is not None:
            source = plan.step(deadline.from_field[0])
            assert source is not None, deadline.id
            linked.append(source)
        reached = False
        # Answered or not: a clock that runs can always be met, and has its anchor.
        for facts in branches_over(plan, [deadline, *linked], unanswered=True):
            if applies(deadline, facts) is not True:
                continue
            reached = True
            for step in linked:
                assert applies(step, facts) is True, (
                    f"{plan.id}: deadline {deadline.id} runs for {facts} but step {step.id} "
                    f"does not apply there, so it could never be met or started"
                )
        assert reached, f"{plan.id}: deadline {deadline.id} applies in no branch"


# The sample of branches that are run.
def pairwise(dims: list[tuple[str, list[Value]]]) -> list[Branch]:
    """A deterministic covering array of strength 2: every pair of values of any two dimensions
    is in some row. Greedy: each row starts from the first pair not yet covered and takes, for
    each other dimension, the value that covers most new pairs (the first such on a tie)."""
    sizes = [len(values) for _, values in dims]
    n = len(dims)
    todo = {
        (i, a, j, b)
        for i, j in itertools.combinations(range(n), 2)
        for a in range(sizes[i])
        for b in range(sizes[j])
    }
    rows: list[list[int]] = []
    while todo:
        i0, a0, j0, b0 = min(todo)
        row: list[int | None] = [None] * n
        row[i0], row[j0] = a0, b0
        for k in range(n):
            if row[k] is not None:
                continue
            gains = [
                sum(
                    1
                    for m in range(n)
                    if (value := row[m]) is not None
                    and ((m, value, k, v) if m < k else (k, v, m, value)) in todo
                )
                for v in range(sizes[k])
            ]
            row[k] = gains.index(max(gains))
        full = [v for v in row if v is not None]
        for i, j in itertools.combinations(range(n), 2):
            todo.discard((i, full[i], j, full[j]))
        rows.append(full)
    return [{dims[k][0]: dims[k][1][v] for k, v in enumerate(row)} for row in rows]


def expected_steps(plan: Playbook, facts: Facts) -> dict[str, str]:
    """What each step ends as once every step that applies is done."""
    states: dict[str, str] = {}
    for step in plan.steps():
        ok = applies(step, facts)
        states[step.id] = {True: "done", False: "not_applicable", None: "waiting"}[ok]
    for phase in plan.phases:
        for step in phase.steps:
            if step.every is not None and states[step.id] == "done":
                states[step.id] = "done" if repeat_ends(phase, step, facts, states) else "repeating"
    return states


def repeat_ends(phase: Phase, step: Step, facts: Facts, states: dict[str, str]) -> bool:
    if step.until_condition is not None:
        return step.until_condition.evaluate(facts) is True
    others = [s for s in phase.steps if s.id != step.id and s.every is None]
    return all(states[s.id] in ("done", "not_applicable") for s in others)


def expected_deadlines(plan: Playbook, facts: Facts) -> dict[str, str]:
    return {
        d.id: {True: "met", False: "not_applicable", None: "not_started"}[applies(d, facts)]
        for d in plan.deadlines
    }


def base_branch(plan: Playbook) -> Branch:
    return {name: values[0] for name, values in dimensions(plan, unanswered=False)}


def sample(plan: Playbook) -> list[Branch]:
    """Pairs of every two values (unanswered and no body included), then a branch for each
    step done, each clock met and each one not applying that the pairs did not give."""
    rows = pairwise(dimensions(plan, unanswered=True))
    seen: set[tuple[str, str]] = set()

    def note(branch: Branch) -> None:
        facts = facts_of(plan, branch)
        seen.update(("step", f"{k}={v}") for k, v in expected_steps(plan, facts).items())
        seen.update(("clock", f"{k}={v}") for k, v in expected_deadlines(plan, facts).items())

    for row in rows:
        note(row)
    wanted: list[tuple[str, str, Step | Deadline]] = [
        *(("step", f"{s.id}=done", s) for s in plan.steps() if s.every is None),
        *(("step", f"{s.id}=not_applicable", s) for s in plan.steps() if s.condition),
        *(("clock", f"{d.id}=met", d) for d in plan.deadlines),
        *(("clock", f"{d.id}=not_applicable", d) for d in plan.deadlines if d.condition),
    ]
    for kind, key, item in wanted:
        if (kind, key) in seen:
            continue
        goal = key.rsplit("=", 1)[1]
        names = sorted({n for n, _ in item.condition.references()}) if item.condition else []
        dims = dict(dimensions(plan, unanswered=False))
        for values in itertools.product(*(dims[n] for n in names)):
            branch = {**base_branch(plan), **dict(zip(names, values, strict=True))}
            facts = facts_of(plan, branch)
            table = (
                expected_steps(plan, facts) if kind == "step" else expected_deadlines(plan, facts)
            )
            if table[item.id] == goal:
                rows.append(branch)
                note(branch)
                break
    return rows


def field_value(step: Step, field_id: str) -> str:
    spec = step.field(field_id)
    assert spec is not None
    if spec.type == "choice":
        return (spec.choices or ["x"])[0]
    # 600 hours of fuel or minutes of UPS: a runway read from a field outlasts the drill.
    return {"number": "600", "datetime": "2026-12-01T09:00", "checkbox": "yes"}.get(
        spec.type, "記録"
    )


def required_fields(step: Step) -> dict[str, str]:
    return {f.id: field_value(step, f.id) for f in step.fields if f.required}


class Minutes:
    """One minute later at each action of a branch."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> datetime:
        self.n += 1
        return T0 + timedelta(minutes=self.n)


@pytest.fixture
def fast_dir(tmp_path: Path) -> Iterator[Path]:
    """A data folder in memory where there is one: the log's durability is not under test here,
    and an fsync per recorded step on disk would make hundreds of branches slow."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path / "data"
        return
    folder = Path(tempfile.mkdtemp(prefix="sonae-branches-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def zones_of(plan: Playbook, branch: Branch) -> list[str]:
    zones = branch.get(ZONES, tuple(plan.zones))
    return list(zones) if isinstance(zones, tuple) else list(plan.zones)


def describe(branch: Branch) -> str:
    return ", ".join(f"{k}={'-' if v is None else v}" for k, v in branch.items())


@ids
def test_every_branch_runs_to_the_end(playbook: PlaybookFile, fast_dir: Path) -> None:
    plan = playbook.plan
    rows = sample(plan)
    assert len(rows) <= 80, f"{plan.id}: {len(rows)} branches; keep the run bounded"
    done_somewhere: set[str] = set()
    met_somewhere: set[str] = set()
    ws = Workspace(fast_dir, clock=ManualClock(T0 + timedelta(days=400)))
    try:
        for index, branch in enumerate(rows):
            where = f"{plan.id} branch {index} ({describe(branch)})"
            at = Minutes()
            facts = facts_of(plan, branch)
            body = branch.get(BODY)
            incident = ws.incidents.start(
                plan.id, f"branch {index}", ACTOR, mode="drill", at=T0,
                body=body if isinstance(body, str) else "", zones=zones_of(plan, branch),
            )  # fmt: skip
            for decision in plan.decisions:
                choice = branch.get(decision.id)
                if isinstance(choice, str):
                    ws.incidents.decide(incident, decision.id, choice, ACTOR, at=at())
            steps = expected_steps(plan, facts)
            for step in plan.steps():
                if steps[step.id] in ("done", "repeating"):
                    ws.incidents.complete_step(
                        incident, step.id, ACTOR, fields=required_fields(step), at=at()
                    )
            for refused in ("not_applicable", "waiting"):
                other = next((s for s in plan.steps() if steps[s.id] == refused), None)
                if other is not None:
                    with pytest.raises(SonaeError):
                        ws.incidents.complete_step(incident, other.id, ACTOR, at=at())
            view = incident_view(ws.incidents.state(incident), at())
            got_steps = {s["id"]: s["state"] for s in view["steps"]}
            assert got_steps == steps, f"{where}: steps"
            clocks = expected_deadlines(plan, facts)
            got_clocks = {d["id"]: d["state"] for d in view["deadlines"]}
            assert got_clocks == clocks, f"{where}: deadlines"
            done_somewhere |= {s for s, state in steps.items() if state in ("done", "repeating")}
            met_somewhere |= {d for d, state in clocks.items() if state == "met"}
            # To the end: the incident closes, and its record can be made.
            ws.incidents.set_status(incident, "closed", ACTOR, summary="訓練終了", at=at())
            data = load_record_data(ws, incident)
            assert review(data).phases and timeline_rows(data.state, data.entries)
            closed = {d.id: d.state for d in data.deadlines}
            assert closed == clocks, f"{where}: deadlines once closed"
    finally:
        ws.close()
    assert done_somewhere == {s.id for s in plan.steps()}, f"{plan.id}: steps never done"
    assert met_somewhere == {d.id for d in plan.deadlines}, f"{plan.id}: clocks never met"


def test_the_sample_holds_every_pair_and_the_council() -> None:
    for playbook in PLANS:
        plan = playbook.plan
        rows = sample(plan)
        dims = dimensions(plan, unanswered=True)
        for (a, av), (b, bv) in itertools.combinations(dims, 2):
            pairs = {(r[a], r[b]) for r in rows}
            missing = [(x, y) for x in av for y in bv if (x, y) not in pairs]
            assert missing == [], f"{plan.id}: {a} x {b} misses {missing[:3]}"
        bodies = {r[BODY] for r in rows}
        assert bodies == {*BODIES, ""}, plan.id


class Cli:
    """Runs ``sonae`` in-process against one data folder."""

    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data = str(data)
        self.capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", self.data, *args])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, f"sonae {' '.join(args)} -> {code}: {err}"
        return out


@ids
def test_a_branch_of_each_plan_runs_on_the_command_line(
    playbook: PlaybookFile, fast_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first branch that answers everything, with the body of the city, via ``sonae``."""
    plan = playbook.plan
    cli = Cli(fast_dir, capsys)
    at = Minutes()
    branch = {**base_branch(plan), BODY: "executive"}
    facts = facts_of(plan, branch)
    incident = cli.ok(
        "incident", "start", plan.id, "--title", "branch", "--mode", "drill", "--actor", ACTOR,
        "--body", "executive", "--at", T0.isoformat(),
    ).strip()  # fmt: skip
    for decision in plan.decisions:
        choice = branch[decision.id]
        assert isinstance(choice, str)
        cli.ok("incident", "decide", incident, decision.id, choice, "--at", at().isoformat())
    steps = expected_steps(plan, facts)
    for step in plan.steps():
        if steps[step.id] in ("done", "repeating"):
            fields = [a for k, v in required_fields(step).items() for a in ("--field", f"{k}={v}")]
            cli.ok("incident", "step", incident, step.id, "--done", "--actor", ACTOR,
                   "--at", at().isoformat(), *fields)  # fmt: skip
    dead = next((s for s in plan.steps() if steps[s.id] == "not_applicable"), None)
    if dead is not None:
        code, _, err = cli.run("incident", "step", incident, dead.id, "--done")
        assert code == 1 and err.count("\n") == 1, f"{plan.id}: {dead.id} was not refused"
    view = json.loads(cli.ok("incident", "show", incident, "--json", "--now", at().isoformat()))
    assert {s["id"]: s["state"] for s in view["steps"]} == steps, plan.id
    assert {d["id"]: d["state"] for d in view["deadlines"]} == expected_deadlines(plan, facts)

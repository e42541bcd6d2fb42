"""Every bundled plan, through every combination of its decisions, on the command line.

For each combination the test starts a drill, takes the decisions, completes the steps that apply
and reads the incident back with ``incident show --json``. It asserts that:
- no step is unreachable: across all combinations every step applies at least once;
- every step that applies can be done, and no step is left waiting once all is decided;
- a step that does not apply is refused;
- every deadline that applies in a combination is met by a step that applies in it.

Steps without a condition apply in every combination and do not depend on the decisions, so they
are all completed in the first combination of each plan; later combinations complete the
conditional steps, the steps that meet a deadline and the steps that anchor one. That keeps the
run short while every combination still goes through the command line.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain.loader import PlaybookFile
from app.domain.playbook import Playbook, Step
from app.paths import playbooks_dir
from app.services.library import Library

T0 = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
PLANS = Library([playbooks_dir()]).all()


def required_fields(step: Step) -> list[str]:
    """--field arguments for the step's required fields, one sample value of each type."""
    samples = {"number": "1", "datetime": "2026-11-25T09:00", "checkbox": "yes"}
    args: list[str] = []
    for spec in step.fields:
        if spec.required:
            value = (
                (spec.choices or ["x"])[0]
                if spec.type == "choice"
                else samples.get(spec.type, "記録")
            )
            args += ["--field", f"{spec.id}={value}"]
    return args


def combinations(plan: Playbook) -> list[dict[str, str]]:
    ids = [d.id for d in plan.decisions]
    return [
        dict(zip(ids, chosen, strict=True))
        for chosen in itertools.product(*(d.choice_ids() for d in plan.decisions))
    ]


def applies(condition: object, decided: dict[str, str]) -> bool:
    if condition is None:
        return True
    result = condition.evaluate(decided)  # type: ignore[attr-defined]
    assert result is not None, "every decision is taken, so no condition can be undecided"
    return bool(result)


class Cli:
    """Runs ``sonae`` in-process against one data folder, one minute later each time."""

    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data = str(data)
        self.capsys = capsys
        self.minute = 0

    def at(self) -> str:
        self.minute += 1
        return (T0 + timedelta(minutes=self.minute)).isoformat()

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", self.data, *args])
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, f"sonae {' '.join(args)} -> {code}: {err}"
        return out


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


def test_every_plan_is_enumerated() -> None:
    assert len(PLANS) >= 13
    assert all(len(combinations(p.plan)) >= 1 for p in PLANS)


@pytest.mark.parametrize("playbook", PLANS, ids=[p.id for p in PLANS])
def test_no_unreachable_step_in_any_branch(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    reached: set[str] = set()
    for decided in combinations(plan):
        live = {s.id for s in plan.steps() if applies(s.condition, decided)}
        reached |= live
        for deadline in plan.deadlines:
            if not applies(deadline.condition, decided):
                continue
            assert deadline.met_by in live, (
                f"{plan.id}: deadline {deadline.id} applies for {decided} but its step "
                f"{deadline.met_by} does not, so it could never be met"
            )
            kind, ref = deadline.anchor
            if kind == "step":
                assert ref in live, f"{plan.id}: deadline {deadline.id} anchors on a dead step"
    unreachable = [s.id for s in plan.steps() if s.id not in reached]
    assert unreachable == [], f"{plan.id}: steps no branch reaches: {unreachable}"


@pytest.mark.parametrize("playbook", PLANS, ids=[p.id for p in PLANS])
def test_every_branch_runs_end_to_end_on_the_command_line(
    playbook: PlaybookFile, fast_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = playbook.plan
    cli = Cli(fast_dir, capsys)
    needed = {d.met_by for d in plan.deadlines}
    needed |= {d.anchor[1] or "" for d in plan.deadlines if d.anchor[0] == "step"}
    for index, decided in enumerate(combinations(plan)):
        incident = cli.ok(
            "incident", "start", plan.id, "--title", f"branch {decided}", "--mode", "drill",
            "--actor", "tester", "--at", cli.at(),
        ).strip()  # fmt: skip
        for decision_id, choice in decided.items():
            cli.ok("incident", "decide", incident, decision_id, choice, "--at", cli.at())
        live = [s for s in plan.steps() if applies(s.condition, decided)]
        dead = [s for s in plan.steps() if not applies(s.condition, decided)]
        todo = [s for s in live if index == 0 or s.condition is not None or s.id in needed]
        for step in todo:
            cli.ok("incident", "step", incident, step.id, "--done", "--actor", "tester",
                   "--at", cli.at(), *required_fields(step))  # fmt: skip
        if dead:
            code, _, err = cli.run("incident", "step", incident, dead[0].id, "--done")
            assert code == 1 and err.count("\n") == 1, f"{plan.id}: {dead[0].id} was not refused"

        view = json.loads(cli.ok("incident", "show", incident, "--json", "--now", cli.at()))
        states = {s["id"]: s["state"] for s in view["steps"]}
        done = {s.id for s in todo}
        for step in plan.steps():
            if step.id in done:
                expected = "done"
            else:
                expected = "pending" if step in live else "not_applicable"
            assert states[step.id] == expected, f"{plan.id} {decided}: step {step.id}"
        wanted = {
            d.id: "met" if applies(d.condition, decided) else "not_applicable"
            for d in plan.deadlines
        }
        got = {d["id"]: d["state"] for d in view["deadlines"]}
        assert got == wanted, f"{plan.id} {decided}: deadlines"

"""The fold's two shortcuts against the plain fold: plans read on first use, and a state restored
from its snapshot. Each must give exactly the state the plain fold gives, for every log: logs
made at random over three plans (hand-overs back and forth, steps of other plans, corrections,
notes and every other kind), and the log of the demo drill."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.domain import kinds as k
from app.domain.entries import GENESIS, LogEntry
from app.domain.loader import load_text
from app.domain.state import (
    _HANDLERS,
    IncidentFold,
    IncidentState,
    PlanRun,
    fold,
    restore,
    snapshot,
)
from app.domain.timeutil import to_iso
from tests.unit.test_fold import OTHER, PLAN, T0

THIRD = PLAN.replace("id: plan", "id: third").replace("photo", "rebuild").replace("police", "pr")
PLANS = {p.sha256: p for p in (load_text(t).playbook for t in (PLAN, OTHER, THIRD)) if p}
SHAS = list(PLANS)
STEPS = ["isolate", "photo", "ppc", "police", "rebuild", "pr", "not_in_any_plan"]
INCIDENT = "2026-0001"


def entry(seq: int, kind: str, minute: int, back: bool, **fields: Any) -> LogEntry:
    at = to_iso(T0 + timedelta(minutes=minute))
    recorded = to_iso(T0 + timedelta(minutes=minute - 90 if back else minute))
    return LogEntry(
        seq,
        f"00000000-0000-4000-8000-{seq:012d}",
        INCIDENT,
        kind,
        fields.pop("step", None),
        fields.pop("decision", None),
        fields.pop("actor", "田中"),
        "pc",
        recorded,
        at,
        fields,
        "",
        GENESIS,
        f"{seq:064x}",
    )


def pin(index: int) -> dict[str, Any]:
    sha = SHAS[index]
    return {"id": PLANS[sha].id, "version": 1, "sha256": sha}


# One entry's worth of choices: a kind and its arguments, drawn at random; steps and hand-overs
# (what the plans decide) more often than the rest.
STEP_ACTION = st.tuples(
    st.sampled_from(["step_started", "step_done", "step_skipped", "step_deferred"]),
    st.sampled_from(STEPS),
)
HAND_OVER = st.tuples(st.just("handed_over"), st.integers(0, 2))
ACTION = st.one_of(
    STEP_ACTION,
    STEP_ACTION,
    STEP_ACTION,
    HAND_OVER,
    HAND_OVER,
    st.tuples(st.just("decided"), st.sampled_from(["yes", "no", "unknown"])),
    st.tuples(st.just("noted"), st.sampled_from(STEPS + [None])),
    st.tuples(st.just("lesson"), st.booleans()),
    st.tuples(st.just("inject"), st.none()),
    st.tuples(st.just("report_issued"), st.none()),
    st.tuples(st.just("status_changed"), st.sampled_from(["open", "contained", "closed"])),
    st.tuples(st.just("deadline_met"), st.sampled_from(["ppc", "bcp"])),
    st.tuples(st.just("corrected"), st.integers(-3, 60)),
    st.tuples(st.just("clock_changed"), st.booleans()),
    st.tuples(st.just("evidence_added"), st.none()),
    st.tuples(st.just("future_kind"), st.none()),
)


def make_log(actions: list[tuple[str, Any]], backs: list[bool]) -> list[LogEntry]:
    log = [entry(1, "opened", 0, False, title="件名", mode="drill", playbook=pin(0))]
    for i, (kind, arg) in enumerate(actions):
        seq, minute, back = len(log) + 1, 5 * (i + 1), backs[i % len(backs)] if backs else False
        actor = ["田中", "佐藤", "鈴木"][i % 3]
        made: dict[str, Any] = {"actor": actor}
        if kind in ("step_started", "step_done", "step_skipped", "step_deferred"):
            made["step"] = arg
            if kind == "step_done":
                made.update(fields={"host": f"pc{i}"}, note="済")
            if kind == "step_skipped":
                made["reason"] = "不要"
            if kind == "step_deferred":
                made.update(reason="後で", until=to_iso(T0 + timedelta(hours=i)))
        elif kind == "decided":
            made.update(decision="pd", choice=arg)
        elif kind == "noted":
            made.update(text=f"メモ {i}", step=arg)
        elif kind == "lesson":
            made.update(text=f"教訓 {i}", improvement=arg)
        elif kind == "inject":
            made["text"] = f"付与 {i}"
        elif kind == "report_issued":
            made.update(text="記録", report="record", entries=seq - 1, head="0" * 64)
        elif kind == "status_changed":
            made.update(status=arg, summary="要約" if arg == "closed" else None)
        elif kind == "deadline_met":
            made["deadline_id"] = arg
        elif kind == "handed_over":
            made.update(playbook=pin(arg), **{"from": "plan"})
        elif kind == "corrected":
            # An earlier entry, or one that is not there (never written by Sonae, but a log may
            # hold it): both fold as the plain fold folds them.
            # Not the opening: it cannot be corrected, and a log without it opens nothing.
            target = log[1 + arg % (len(log) - 1)].uuid if arg >= 0 and len(log) > 1 else "gone"
            made.update(target=target, reason="誤り")
        elif kind == "clock_changed":
            real = to_iso(T0 + timedelta(minutes=minute))
            made.update(action="start", real_at=real, sim_at=real, speed=2.0, running=arg)
        elif kind in ("evidence_added", "future_kind"):
            made["text"] = "証拠"
        made = {k: v for k, v in made.items() if v is not None}
        log.append(entry(seq, kind, minute, back, **made))
    return log


def _handed_over_as_it_was(self: IncidentFold, entry: LogEntry) -> None:
    """The hand-over as the fold did it before plans were read on first use: the new plan read
    at once, and the records of the steps it shares copied then."""
    sha = k.read_payload(entry, k.HandedOver).playbook.sha256
    run = PlanRun(sha, entry.occurred_at, playbook=PLANS[sha])
    new_steps = {s.id for s in run.playbook.plan.steps()}
    for earlier in self.state.plans:
        for step_id, record in earlier.steps.items():
            if step_id in new_steps:
                run.steps[step_id] = replace(record, fields=dict(record.fields))
    self.state.plans.append(run)


def plain(entries: list[LogEntry]) -> IncidentState:
    """The reference: every plan read at the entry that names it, as the fold always did."""
    handlers = dict(_HANDLERS)
    _HANDLERS["handed_over"] = _handed_over_as_it_was
    try:
        return IncidentFold(INCIDENT, PLANS.__getitem__, lazy_plans=False).apply_all(entries)
    finally:
        _HANDLERS.update(handlers)


def restored(entries: list[LogEntry], upto: int) -> IncidentFold:
    """A fold of the first ``upto`` entries, through JSON and back, reading the log only when
    it must (as the services give it the log)."""
    first = IncidentFold(INCIDENT, PLANS.__getitem__)
    first.apply_all(entries[:upto])
    text = json.dumps(snapshot(first), ensure_ascii=False, allow_nan=False)
    return restore(
        INCIDENT,
        json.loads(text),
        PLANS.__getitem__,
        lambda n: entries[:n],
        lambda kind, n: [e for e in entries[:n] if e.kind == kind],
    )


LOGS = st.builds(
    make_log, st.lists(ACTION, min_size=0, max_size=40), st.lists(st.booleans(), max_size=3)
)


# A step recorded, handed over to a plan that has it, then to one without it and back, with
# step entries between: where a carried record must (and must not) count.
CARRIED = [
    ("step_done", "photo"),
    ("handed_over", 1),
    ("step_started", "photo"),
    ("handed_over", 2),
    ("step_skipped", "police"),
    ("handed_over", 1),
    ("step_started", "police"),
    ("handed_over", 0),
]


@settings(max_examples=300)
@example(make_log(CARRIED, []))
@example(make_log(CARRIED[:3] + [("step_done", "isolate"), ("handed_over", 0)], []))
@given(LOGS)
def test_plans_read_on_first_use_give_the_plain_fold(entries: list[LogEntry]) -> None:
    lazy = fold(INCIDENT, entries, PLANS.__getitem__)
    assert lazy == plain(entries)
    assert lazy.step_states() == plain(entries).step_states()


@settings(max_examples=300)
@example(make_log(CARRIED, []), 4)
@given(LOGS, st.integers(1, 41))
def test_a_restored_snapshot_gives_the_plain_fold(entries: list[LogEntry], cut: int) -> None:
    upto = min(cut, len(entries))
    again = restored(entries, upto)
    assert again.state == plain(entries[:upto])
    # And it goes on as the plain fold does (a correction then replays the log it reads).
    again.apply_all(entries[upto:])
    assert again.state == plain(entries)


def test_a_note_reads_no_plan_even_after_a_hand_over() -> None:
    asked: list[str] = []

    def resolve(sha: str) -> Any:
        asked.append(sha)
        return PLANS[sha]

    entries = make_log(
        [("step_done", "photo"), ("handed_over", 1), ("noted", None), ("decided", "yes")], []
    )
    state = fold(INCIDENT, entries, resolve)
    assert asked == [] and state.notes and state.decisions["pd"].choice == "yes"
    assert state.step_states()["photo"] == "done"  # carried over: now the plans are read
    assert asked == [SHAS[1]]
    assert state == plain(entries)


def test_the_demo_drill_folds_the_same_every_way(workspace: Any) -> None:
    from app.services.demo import run_demo_incident

    incident = run_demo_incident(workspace)
    entries = workspace.incidents.entries(incident)
    resolve = workspace.incidents.resolve_plan
    reference = IncidentFold(incident, resolve, lazy_plans=False).apply_all(entries)
    assert fold(incident, entries, resolve) == reference
    for upto in (1, len(entries) // 2, len(entries)):
        first = IncidentFold(incident, resolve)
        first.apply_all(entries[:upto])
        again = restore(
            incident,
            json.loads(json.dumps(snapshot(first))),
            resolve,
            lambda n: entries[:n],
            lambda kind, n: [e for e in entries[:n] if e.kind == kind],
        )
        again.apply_all(entries[upto:])
        assert again.state == reference


def _changed(data: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return copy


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["format"], 1),  # the format before step records kept checks and occurrences
        (["code"], "0" * 64),
        (["id"], "2026-0002"),
        (["entries"], "9"),
        (["entries"], 0),
        (["entries"], 99),  # the responders no longer add up
        (["head"], "not a hash"),
        (["declared_at"], "yesterday"),
        (["plans"], []),
        (["plans", 0, "sha256"], "x"),
        (["plans", 0, "steps", "isolate", "done_at"], "2026-02-30T00:00:00.000000Z"),
        (["plans", 0, "steps", "isolate", "surprise"], 1),
        (["decisions", "pd", "choice"], ["yes"]),
        (["responders", "田中", "entries"], True),
        (["clock_flags"], [0]),
        (["clock"], {"real_at": "x", "sim_at": "x", "speed": 1.0, "running": True}),
        (["title"], KeyError),
        (["last_recorded"], None),
    ],
)
def test_a_snapshot_that_no_fold_makes_is_refused(path: list[Any], value: Any) -> None:
    entries = make_log([("step_done", "isolate"), ("decided", "yes"), ("noted", None)], [])
    first = IncidentFold(INCIDENT, PLANS.__getitem__)
    first.apply_all(entries)
    data = snapshot(first)
    restore(INCIDENT, data, PLANS.__getitem__, lambda n: entries, lambda k, n: [])  # as made
    with pytest.raises(ValueError):
        restore(
            INCIDENT, _changed(data, path, value), PLANS.__getitem__, lambda n: [], lambda k, n: []
        )


def test_a_restored_fold_refuses_a_log_that_is_not_the_one_it_was_made_of() -> None:
    """A correction after the restore reads the folded entries: other entries there are a
    damaged log, never silently replayed."""
    entries = make_log([("step_done", "isolate"), ("noted", None)], [])
    first = IncidentFold(INCIDENT, PLANS.__getitem__)
    first.apply_all(entries)
    other = entries[:2] + [replace(entry(3, "noted", 9, False, text="別物"), hash="f" * 64)]
    again = restore(INCIDENT, snapshot(first), PLANS.__getitem__, lambda n: other, lambda k, n: [])
    correction = entry(4, "corrected", 20, False, target=entries[1].uuid, reason="誤り")
    with pytest.raises(ValueError):
        again.apply(correction)


def test_the_code_digest_is_the_same_in_every_process() -> None:
    """It keys the snapshots: a process with other string hashes must name the same code."""
    code = "from app.domain.state import fold_code; print(fold_code())"
    found = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(found) == 1 and len(found.pop()) == 64

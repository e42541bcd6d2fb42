"""The fold from (playbook, entries) to state, and deadline states at a given now. No I/O."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.domain.deadlines import deadline_statuses
from app.domain.entries import GENESIS, LogEntry
from app.domain.loader import PlaybookFile, load_text
from app.domain.state import fold
from app.domain.timeutil import to_iso

PLAN = """\
schema: 1
id: plan
version: 1
category: cyber
title: {ja: 計画}
decisions:
  - id: pd
    ask: {ja: 個人情報か}
    choices: [yes, no, unknown]
phases:
  - id: first
    title: {ja: 初動}
    steps:
      - {id: isolate, title: {ja: 切り離す}}
      - {id: photo, title: {ja: 撮影する}}
  - id: report
    title: {ja: 報告}
    steps:
      - {id: ppc, title: {ja: 速報する}, when: "pd in [yes, unknown]"}
      - {id: police, title: {ja: 通報する}}
deadlines:
  - id: ppc
    title: {ja: 速報期限}
    from: decision:pd
    within: P5D
    warn_before: P1D
    when: pd != no
    met_by: ppc
    basis: 個人情報保護法 第68条
  - id: bcp
    title: {ja: 初動72時間}
    from: declared
    within: PT72H
    met_by: police
    basis: ICT-BCP
"""
OTHER = (
    PLAN.replace("id: plan", "id: other").replace("初動}", "二次}").replace("isolate", "rebuild")
)

T0 = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)


def _plans() -> dict[str, PlaybookFile]:
    out = {}
    for text in (PLAN, OTHER):
        loaded = load_text(text).playbook
        assert loaded is not None
        out[loaded.sha256] = loaded
    return out


PLANS = _plans()
SHA = next(iter(PLANS))
OTHER_SHA = list(PLANS)[1]


class Log:
    """Builds entries as the store would, without a database."""

    def __init__(self) -> None:
        self.entries: list[LogEntry] = []

    def add(
        self,
        kind: str,
        minutes: int,
        step: str | None = None,
        decision: str | None = None,
        actor: str = "田中",
        recorded_minutes: int | None = None,
        **payload: Any,
    ) -> LogEntry:
        seq = len(self.entries) + 1
        entry = LogEntry(
            seq,
            f"u{seq}",
            "2026-0001",
            kind,
            step,
            decision,
            actor,
            "pc",
            to_iso(
                T0
                + timedelta(minutes=recorded_minutes if recorded_minutes is not None else minutes)
            ),
            to_iso(T0 + timedelta(minutes=minutes)),
            payload,
            "",
            GENESIS,
            f"h{seq}",
        )
        self.entries.append(entry)
        return entry

    def open(self) -> Log:
        self.add(
            "opened",
            0,
            title="件名",
            mode="drill",
            playbook={"id": "plan", "version": 1, "sha256": SHA},
        )
        return self

    def state(self) -> Any:
        return fold("2026-0001", self.entries, PLANS.__getitem__)


def test_opened_incident_has_everything_pending_and_conditional_steps_waiting() -> None:
    state = Log().open().state()
    assert state.title == "件名" and state.mode == "drill" and state.status == "open"
    assert state.step_states() == {
        "isolate": "pending",
        "photo": "pending",
        "ppc": "waiting",
        "police": "pending",
    }
    assert state.next_step().id == "isolate"


def test_steps_move_through_active_done_and_skipped() -> None:
    log = Log().open()
    log.add("step_started", 1, step="isolate")
    assert log.state().step_states()["isolate"] == "active"
    log.add("step_done", 2, step="isolate", fields={"host": "PC-1"})
    log.add("step_skipped", 3, step="photo", reason="カメラなし")
    state = log.state()
    assert state.step_states()["isolate"] == "done"
    assert state.plan.steps["isolate"].fields == {"host": "PC-1"}
    assert state.step_states()["photo"] == "skipped"
    assert state.plan.steps["photo"].reason == "カメラなし"
    assert state.next_step().id == "police"  # ppc still waits for the decision


def test_decision_shows_and_hides_conditional_steps() -> None:
    log = Log().open()
    log.add("decided", 5, decision="pd", choice="no")
    assert log.state().step_states()["ppc"] == "not_applicable"
    log.add("decided", 6, decision="pd", choice="unknown")
    state = log.state()
    assert state.step_states()["ppc"] == "pending"
    # The first answer starts the clock, even if the answer changes later.
    assert state.decisions["pd"].first_at == to_iso(T0 + timedelta(minutes=5))
    assert state.progress() == (0, 4)


def test_deadline_states_over_time() -> None:
    log = Log().open()
    log.add("decided", 60, decision="pd", choice="yes")
    state = log.state()
    at = {s.id: s for s in deadline_statuses(state, T0 + timedelta(days=1))}
    assert at["ppc"].state == "running"
    assert at["ppc"].due == T0 + timedelta(minutes=60, days=5)
    assert at["bcp"].state == "running" and at["bcp"].due == T0 + timedelta(hours=72)
    soon = {s.id: s.state for s in deadline_statuses(state, T0 + timedelta(days=4, hours=2))}
    assert soon == {"ppc": "due_soon", "bcp": "overdue"}
    late = {s.id: s.state for s in deadline_statuses(state, T0 + timedelta(days=6))}
    assert late["ppc"] == "overdue"


def test_deadline_not_started_not_applicable_met_and_met_late() -> None:
    log = Log().open()
    assert {s.id: s.state for s in deadline_statuses(log.state(), T0)}["ppc"] == "not_started"
    log.add("decided", 1, decision="pd", choice="no")
    assert {s.id: s.state for s in deadline_statuses(log.state(), T0)}["ppc"] == "not_applicable"
    log.add("decided", 2, decision="pd", choice="yes")
    log.add("step_done", 100, step="ppc")
    log.add("deadline_met", 100, step="ppc", deadline_id="ppc")
    log.add("step_done", 5000, step="police")
    log.add("deadline_met", 5000, step="police", deadline_id="bcp")
    statuses = {s.id: s for s in deadline_statuses(log.state(), T0 + timedelta(days=30))}
    assert statuses["ppc"].state == "met"
    assert statuses["ppc"].met_at == T0 + timedelta(minutes=100)
    assert statuses["bcp"].state == "met_late"  # 5000 minutes > 72 hours


def test_a_correction_retracts_the_entry_it_points_at() -> None:
    log = Log().open()
    wrong = log.add("step_done", 3, step="isolate")
    log.add("decided", 4, decision="pd", choice="yes")
    assert log.state().step_states()["isolate"] == "done"
    log.add("corrected", 5, step="isolate", target=wrong.uuid, reason="別の端末だった")
    state = log.state()
    assert state.step_states()["isolate"] == "pending"
    assert state.retracted == {wrong.uuid: "u4"}
    assert state.decisions["pd"].choice == "yes"  # later entries still count
    assert state.entries == 4


def test_incremental_fold_equals_full_fold_with_a_correction() -> None:
    from app.domain.state import IncidentFold

    log = Log().open()
    target = log.add("decided", 1, decision="pd", choice="yes")
    log.add("step_done", 2, step="isolate")
    log.add("corrected", 3, decision="pd", target=target.uuid, reason="誤入力")
    incremental = IncidentFold("2026-0001", PLANS.__getitem__)
    for entry in log.entries:
        incremental.apply(entry)
    full = log.state()
    assert incremental.state.step_states() == full.step_states()
    assert "pd" not in incremental.state.decisions
    assert incremental.state.entries == full.entries == 4


def test_responders_and_status() -> None:
    log = Log().open()
    log.add("step_done", 3, step="isolate", actor="佐藤")
    log.add("status_changed", 10, status="contained", previous="open")
    log.add("status_changed", 20, status="closed", previous="contained", summary="完了")
    state = log.state()
    assert state.status == "closed" and state.summary == "完了"
    assert set(state.responders) == {"田中", "佐藤"}
    assert state.responders["田中"].entries == 3
    assert state.head == "h4"


def test_clock_going_backwards_is_flagged_not_hidden() -> None:
    log = Log().open()
    log.add("noted", 10, text="a")
    log.add("noted", 11, recorded_minutes=-30, text="b")  # the system clock jumped back
    state = log.state()
    assert state.clock_flags == [3]
    assert len(state.notes) == 2


def test_hand_over_continues_with_the_new_plan_and_keeps_decisions() -> None:
    log = Log().open()
    log.add("decided", 1, decision="pd", choice="yes")
    log.add("step_done", 2, step="isolate")
    log.add("handed_over", 3, playbook={"id": "other", "version": 1, "sha256": OTHER_SHA})
    state = log.state()
    assert [r.playbook.id for r in state.plans] == ["plan", "other"]
    assert state.plans[0].steps["isolate"].done_at is not None
    assert "rebuild" in state.step_states() and state.step_states()["ppc"] == "pending"


@pytest.mark.parametrize("n", [1000])
def test_unknown_kinds_are_counted_not_dropped(n: int) -> None:
    log = Log().open()
    for i in range(n):
        log.add("future_kind", i)
    assert log.state().entries == n + 1


def test_hand_over_keeps_shared_steps_done_and_met_deadlines_met() -> None:
    log = Log().open()
    log.add("decided", 1, decision="pd", choice="yes")
    log.add("step_done", 30, step="ppc", fields={"to": "PPC"})
    log.add("deadline_met", 30, step="ppc", deadline_id="ppc")
    log.add("handed_over", 40, playbook={"id": "other", "version": 1, "sha256": OTHER_SHA})
    state = log.state()
    assert state.playbook.id == "other"
    assert state.step_states()["ppc"] == "done"  # same step id in the new plan: not done twice
    assert state.plan.steps["ppc"].fields == {"to": "PPC"}
    assert state.step_states()["rebuild"] == "pending"
    statuses = {s.id: s for s in deadline_statuses(state, T0 + timedelta(days=30))}
    assert statuses["ppc"].state == "met" and statuses["ppc"].met_at == T0 + timedelta(minutes=30)


def test_a_met_deadline_of_an_earlier_plan_stays_in_the_record() -> None:
    third = load_text(
        PLAN.replace("id: plan", "id: third")
        .replace("deadlines:", "x_unused:")
        .split("x_unused:")[0]
    ).playbook
    assert third is not None and not third.plan.deadlines
    PLANS[third.sha256] = third
    log = Log().open()
    log.add("step_done", 30, step="police")
    log.add("deadline_met", 30, step="police", deadline_id="bcp")
    log.add("handed_over", 40, playbook={"id": "third", "version": 1, "sha256": third.sha256})
    statuses = deadline_statuses(log.state(), T0 + timedelta(days=10))
    assert [(s.id, s.state) for s in statuses] == [("bcp", "met")]  # ppc was open: not carried

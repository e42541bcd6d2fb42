"""The states a responder is shown: a deferred step (保留) and what ends it, who has a step in
hand, a repeating step's next time, a target running late, a phase complete, the plan complete
or complete but for its deferred steps. No I/O: entries folded as the store would write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain.describe import Context, describe
from app.domain.entries import GENESIS, LogEntry
from app.domain.loader import PlaybookFile, load_text
from app.domain.progress import phase_complete, plan_status, step_status
from app.domain.state import IncidentFold, fold, restore, snapshot
from app.domain.timeutil import to_iso

PLAN = """\
schema: 2
id: states
version: 1
category: cyber
title: {ja: 状態の計画}
decisions:
  - id: pd
    ask: {ja: 個人情報か}
    choices: [yes, no]
phases:
  - id: first
    title: {ja: 初動}
    steps:
      - {id: isolate, title: {ja: 切り離す}, target: PT30M}
      - {id: photo, title: {ja: 撮影する}}
  - id: report
    title: {ja: 報告}
    steps:
      - {id: sitrep, title: {ja: 状況を報告する}, every: PT1H, until: phase_end}
      - {id: ppc, title: {ja: 速報する}, when: "pd == yes"}
      - {id: police, title: {ja: 通報する}}
"""
LOADED = load_text(PLAN)
assert LOADED.playbook is not None, LOADED
PLANS: dict[str, PlaybookFile] = {LOADED.playbook.sha256: LOADED.playbook}
SHA = LOADED.playbook.sha256
T0 = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


class Log:
    def __init__(self) -> None:
        self.entries: list[LogEntry] = []
        self.add(
            "opened",
            0,
            title="件名",
            mode="drill",
            playbook={"id": "states", "version": 1, "sha256": SHA},
        )

    def add(
        self, kind: str, minutes: int, step: str | None = None, actor: str = "田中", **payload: Any
    ) -> LogEntry:
        seq = len(self.entries) + 1
        at = to_iso(T0 + timedelta(minutes=minutes))
        decision = payload.pop("decision", None)
        entry = LogEntry(
            seq, f"u{seq}", "2026-0001", kind, step, decision, actor, "pc", at, at, payload,
            "", GENESIS, f"{seq:064x}",
        )  # fmt: skip
        self.entries.append(entry)
        return entry

    def state(self) -> Any:
        return fold("2026-0001", self.entries, PLANS.__getitem__)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_deferred_step_is_passed_over_and_listed_until_it_is_done() -> None:
    log = Log()
    log.add("step_deferred", 1, step="isolate", reason="担当者不在", until=to_iso(at(60)))
    state = log.state()
    assert state.step_states()["isolate"] == "deferred"
    assert state.next_step().id == "photo"  # the cursor moves on
    record = state.plan.steps["isolate"]
    assert (record.deferred_reason, record.deferred_until) == ("担当者不在", to_iso(at(60)))
    assert plan_status(state).state == "open"
    assert [s.id for s in plan_status(state).deferred] == ["isolate"]
    log.add("step_done", 5, step="isolate")
    state = log.state()
    assert state.step_states()["isolate"] == "done"
    assert state.plan.steps["isolate"].deferred_at is None
    assert plan_status(state).deferred == ()


def test_starting_a_deferred_step_ends_the_deferral_and_a_correction_undoes_it() -> None:
    log = Log()
    deferred = log.add("step_deferred", 1, step="photo", reason="後で")
    log.add("step_started", 2, step="photo", actor="佐藤")
    state = log.state()
    assert state.step_states()["photo"] == "active"
    assert step_status(state, state.playbook.plan.step("photo"), at(3)).by == "佐藤"
    log2 = Log()
    deferred = log2.add("step_deferred", 1, step="photo", reason="後で")
    assert log2.state().step_states()["photo"] == "deferred"
    log2.add("corrected", 2, target=deferred.uuid, reason="誤操作")
    assert log2.state().step_states()["photo"] == "pending"


def test_a_step_in_progress_is_named_by_who_started_it_and_others_are_not() -> None:
    log = Log()
    log.add("step_started", 1, step="isolate", actor="佐藤 花子")
    state = log.state()
    plan = state.playbook.plan
    assert step_status(state, plan.step("isolate"), at(2)).by == "佐藤 花子"
    assert step_status(state, plan.step("photo"), at(2)).by is None
    log.add("step_done", 3, step="isolate", actor="鈴木")
    state = log.state()
    assert step_status(state, state.playbook.plan.step("isolate"), at(4)).by is None


def test_target_late_and_a_repeating_steps_next_time() -> None:
    log = Log()
    state = log.state()
    isolate = state.playbook.plan.step("isolate")
    assert not step_status(state, isolate, at(29)).late
    assert step_status(state, isolate, at(31)).late
    log.add("step_done", 10, step="sitrep")
    state = log.state()
    sitrep = state.playbook.plan.step("sitrep")
    status = step_status(state, sitrep, at(20))
    assert status.next_due == at(70) and not status.repeat_due
    assert step_status(state, sitrep, at(71)).repeat_due


def test_a_deferred_steps_time_to_come_back_is_told() -> None:
    log = Log()
    log.add("step_deferred", 1, step="photo", reason="機材待ち", until=to_iso(at(30)))
    state = log.state()
    photo = state.playbook.plan.step("photo")
    assert step_status(state, photo, at(10)).deferred_until == at(30)
    assert not step_status(state, photo, at(10)).back_due
    assert step_status(state, photo, at(30)).back_due


def test_phase_complete_and_plan_complete_except_deferred() -> None:
    log = Log()
    log.add("decided", 1, decision="pd", choice="no")  # ppc does not apply
    log.add("step_done", 2, step="isolate")
    state = log.state()
    first, report = state.playbook.plan.phases
    assert not phase_complete(state, first)
    log.add("step_skipped", 3, step="photo", reason="カメラなし")
    state = log.state()
    assert phase_complete(state, first) and not phase_complete(state, report)
    log.add("step_deferred", 4, step="police", reason="窓口が閉まっている")
    log.add("step_done", 5, step="sitrep")
    state = log.state()
    # The repeating step ends once every other step of its phase is finished: police is not.
    assert plan_status(state).state == "open"
    log.add("step_skipped", 6, step="sitrep", reason="不要")
    state = log.state()
    overall = plan_status(state)
    assert overall.state == "complete_except_deferred"
    assert [s.id for s in overall.deferred] == ["police"]
    assert state.next_step() is None
    log.add("step_done", 7, step="police")
    state = log.state()
    assert plan_status(state).state == "complete" and phase_complete(state, report)


def test_a_deferral_survives_a_snapshot_and_is_described() -> None:
    log = Log()
    log.add("step_deferred", 1, step="photo", reason="機材待ち", until=to_iso(at(90)))
    folded = IncidentFold("2026-0001", PLANS.__getitem__)
    folded.apply_all(log.entries)
    back = restore(
        "2026-0001",
        snapshot(folded),
        PLANS.__getitem__,
        lambda n: log.entries[:n],
        lambda kind, n: [e for e in log.entries[:n] if e.kind == kind],
    )
    assert back.state.plan.steps == folded.state.plan.steps
    assert back.state.step_states()["photo"] == "deferred"
    entry = log.entries[-1]
    context = Context.of(log.entries)
    said = describe(entry, folded.state, "ja", context)
    assert said == "撮影する / 保留理由: 機材待ち / 再開予定: 令和8年12月2日（水）11:30"
    assert "reason for deferring: 機材待ち" in describe(entry, folded.state, "en", context)


def test_a_time_no_sonae_wrote_is_left_out_of_the_deferral() -> None:
    log = Log()
    log.add("step_deferred", 1, step="photo", reason="機材待ち", until="tomorrow")
    state = log.state()
    assert state.step_states()["photo"] == "deferred"
    assert state.plan.steps["photo"].deferred_until is None

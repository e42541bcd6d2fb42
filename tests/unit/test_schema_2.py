"""Schema 2 of the plan format: each construct read, refused where it is used wrongly (with
FILE:LINE), and run: calendar-day clocks, clocks that run while unanswered, awareness
corrections, shared blocks, incident clocks across a hand-over, repeats, targets, check items,
contact records, incident facts in conditions, and a duration read from a field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.calendar_days import closed_because, count_days
from app.domain.clock import ManualClock
from app.domain.deadlines import deadline_statuses
from app.domain.loader import compose, load_file, load_text, parse_trusted
from app.domain.step_clocks import repeat_status, target_status
from app.domain.timeutil import JST
from app.errors import SonaeError
from app.services.views import incident_view
from app.services.workspace import Workspace

ACTOR = "山田"


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)


# The law's day count: the day of knowing is day 1, the end is 24:00 JST of day N, and a last
# day on 土日祝 or 12/29-1/3 moves to the next working day.
@pytest.mark.parametrize(
    ("anchor", "days", "roll", "last", "due_day", "why"),
    [
        (jst(2027, 2, 1, 10), 30, True, date(2027, 3, 2), date(2027, 3, 2), None),  # a Tuesday
        (jst(2027, 1, 31, 23, 59), 30, True, date(2027, 3, 1), date(2027, 3, 1), None),  # Feb
        (jst(2028, 1, 31, 8), 30, True, date(2028, 2, 29), date(2028, 2, 29), None),  # leap
        (jst(2026, 12, 2, 9), 30, True, date(2026, 12, 31), date(2027, 1, 4), "year_end"),
        (jst(2026, 12, 2, 9), 30, False, date(2026, 12, 31), date(2026, 12, 31), None),
        (jst(2026, 12, 13, 9), 30, True, date(2027, 1, 11), date(2027, 1, 12), "holiday"),
        (jst(2027, 4, 4, 9), 30, True, date(2027, 5, 3), date(2027, 5, 6), "holiday"),  # GW
        (jst(2026, 11, 22, 9), 60, True, date(2027, 1, 20), date(2027, 1, 20), None),
        (jst(2027, 1, 1, 9), 30, True, date(2027, 1, 30), date(2027, 2, 1), "weekend"),
        (jst(2026, 12, 1, 9), 1, False, date(2026, 12, 1), date(2026, 12, 1), None),  # 当日中
    ],
)
def test_calendar_days_count_as_the_law_counts(
    anchor: datetime, days: int, roll: bool, last: date, due_day: date, why: str | None
) -> None:
    counted = count_days(anchor, days, roll)
    assert (counted.last_day, counted.due_day, counted.moved_because) == (last, due_day, why)
    assert counted.due == datetime.combine(due_day + timedelta(days=1), datetime.min.time(), JST)


def test_the_day_is_the_day_in_japan_not_in_utc() -> None:
    # 08:30 JST on 2 Feb is still 1 Feb in UTC: day 1 is 2 Feb all the same.
    counted = count_days(datetime(2027, 2, 1, 23, 30, tzinfo=UTC), 30, False)
    assert counted.last_day == date(2027, 3, 3)


def test_closed_days_come_from_the_holiday_library() -> None:
    assert closed_because(date(2026, 11, 23)) == "holiday"  # 勤労感謝の日
    assert closed_because(date(2027, 1, 2)) == "year_end"
    assert closed_because(date(2026, 12, 5)) == "weekend"
    assert closed_because(date(2026, 12, 28)) is None  # the last working day of the year
    assert closed_because(date(2027, 1, 4)) is None


PLAN = """\
schema: 2
id: s2_drill
version: 1
category: cyber
title: {ja: 形式2の確認, en: Schema 2 check}
include: [shared]
decisions:
  - id: leaked
    ask: {ja: 漏えいのおそれがあるか, en: Leak?}
    choices: [yes, no, unknown]
phases:
  - id: first
    stage: detect
    title: {ja: 初動, en: First}
    steps:
      - id: isolate
        title: {ja: 切り離す, en: Isolate}
        target: PT15M
        target_from: awareness
        checks:
          - {id: lan, text: {ja: LANケーブルを抜いた, en: LAN unplugged}}
          - {id: wifi, text: {ja: 無線LANを無効にした, en: Wi-Fi off}}
      - id: sitrep
        title: {ja: 状況を報告する, en: Situation report}
        every: PT4H
        until: phase_end
      - id: fuel
        title: {ja: 燃料の残量を記録する, en: Fuel left}
        fields:
          - {id: hours_left, label: {ja: 残り時間, en: Hours left}, type: number, unit: hours}
      - id: refuel
        title: {ja: 給油する, en: Refuel}
      - id: council_rule
        title: {ja: 議会の条例に従う, en: Council ordinance}
        when: incident.body in [council, council_office]
deadlines:
  - id: runway
    title: {ja: 燃料切れ, en: Fuel runs out}
    from: step:fuel
    within: field:fuel.hours_left
    met_by: refuel
    basis: 記録した残量
"""

BLOCK = """\
block: shared
schema: 2
title: {ja: 共通の報告, en: Shared reports}
decisions:
  - id: reportable
    ask: {ja: 報告対象か, en: Reportable?}
    choices: [yes, no, unknown]
phases:
  - id: report
    stage: report
    title: {ja: 報告, en: Report}
    steps:
      - id: report_final
        title: {ja: 確報を提出する, en: Final report}
        when: leaked in [yes, unknown] and reportable != no and not (incident.body in [council])
        unanswered: applies
        contact_records: true
        contacts: [ppc]
deadlines:
  - id: final
    title: {ja: 確報, en: Final report}
    from: awareness
    within: P30D
    count: calendar_days
    roll: next_open_day
    when: leaked in [yes, unknown] and reportable != no and not (incident.body in [council])
    unanswered: applies
    scope: incident
    met_by: report_final
    basis: 規則3条2項
"""

OTHER = """\
schema: 2
id: s2_other
version: 1
category: cyber
title: {ja: 引継ぎ先, en: Hand-over target}
phases:
  - id: only
    title: {ja: 対応, en: Respond}
    steps:
      - {id: something, title: {ja: 何かする, en: Do something}}
"""


def write_shared(folder: Path, block: str = BLOCK) -> None:
    """The block the test plans include, and the plan they hand over to."""
    (folder / "blocks").mkdir(parents=True, exist_ok=True)
    (folder / "s2_other.yaml").write_text(OTHER, encoding="utf-8")
    (folder / "blocks" / "shared.yaml").write_text(block, encoding="utf-8")


def write_library(folder: Path, plan: str = PLAN, block: str = BLOCK) -> Path:
    write_shared(folder, block)
    (folder / "s2_drill.yaml").write_text(plan, encoding="utf-8")
    return folder / "s2_drill.yaml"


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in load_file(path, [path.parent / "blocks"]).problems]


def test_a_block_is_merged_and_pinned_with_the_plan(tmp_path: Path) -> None:
    path = write_library(tmp_path)
    result = load_file(path, [tmp_path / "blocks"])
    assert result.problems == [] and result.playbook is not None
    plan = result.playbook.plan
    assert [p.id for p in plan.phases] == ["first", "report"]
    assert plan.step("report_final") is not None and plan.decision("reportable") is not None
    assert [d.id for d in plan.deadlines] == ["runway", "final"]
    # The pinned text carries the block, so the plan reads the same when the file changes.
    (tmp_path / "blocks" / "shared.yaml").write_text("broken: [", encoding="utf-8")
    pinned = parse_trusted(result.playbook.text)
    assert pinned.plan == plan and pinned.sha256 == result.playbook.sha256


def test_a_block_problem_is_said_at_the_block_s_line(tmp_path: Path) -> None:
    broken = BLOCK.replace("met_by: report_final", "met_by: nowhere")
    path = write_library(tmp_path, block=broken)
    line = broken.splitlines().index("    met_by: nowhere") + 1
    assert problems_of(path) == [
        f"{tmp_path / 'blocks' / 'shared.yaml'}:{line}: met_by names step 'nowhere', "
        "which does not exist"
    ]


def test_an_id_the_plan_and_its_block_both_define_names_both_files(tmp_path: Path) -> None:
    plan = PLAN.replace("  - id: leaked\n", "  - id: reportable\n").replace("leaked", "reportable")
    path = write_library(tmp_path, plan=plan, block=BLOCK.replace("leaked", "reportable"))
    found = problems_of(path)
    assert len(found) == 1, found
    assert found[0].startswith(str(tmp_path / "blocks" / "shared.yaml") + ":5: duplicate decision")
    assert f"first at line {plan.splitlines().index('  - id: reportable') + 1}" in found[0]


def test_a_missing_block_and_a_cycle_are_said_at_the_include(tmp_path: Path) -> None:
    path = write_library(
        tmp_path, plan=PLAN.replace("include: [shared]", "include: [shared, nope]")
    )
    assert problems_of(path) == [
        f"{path}:6: include names block 'nope', which does not exist "
        "(looked for blocks/nope.yaml beside the plan and bundled)"
    ]
    cyclic = BLOCK.replace("title: {ja: 共通の報告", "include: [inner]\ntitle: {ja: 共通の報告")
    path = write_library(tmp_path, block=cyclic)
    inner = "block: inner\nschema: 2\ninclude: [shared]\ntitle: {ja: 内側}\n"
    (tmp_path / "blocks" / "inner.yaml").write_text(inner, encoding="utf-8")
    assert problems_of(path) == [
        f"{tmp_path / 'blocks' / 'inner.yaml'}:3: include cycle: shared -> inner -> shared"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("        until: phase_end\n", "", "a repeating step ('every') needs 'until'"),
        (
            "text: {ja: LANケーブルを抜いた, en: LAN unplugged}",
            "text: {en: LAN}",
            "text.ja: required",
        ),
        (
            "{id: wifi, text: {ja: 無線LANを無効にした, en: Wi-Fi off}}",
            "{id: wifi}",
            "checks[1].text: required",
        ),
        ("field:fuel.hours_left", "field:fuel.nothing", "'within' reads field 'nothing'"),
        ("unit: hours", "unit: litres", "unit: Input should be 'hours', 'minutes' or 'days'"),
        ("in [council, council_office]", "in [parliament]", "not a value of incident.body"),
        ("target: PT15M", "target: PT0S", "less than a minute"),
    ],
)
def test_a_construct_used_wrongly_is_said_at_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in PLAN
    path = write_library(tmp_path, plan=PLAN.replace(old, new))
    found = problems_of(path)
    assert found and all(str(path) in p for p in found), found
    assert any(message in p for p in found), found


def test_calendar_days_need_whole_days_and_roll_needs_calendar_days(tmp_path: Path) -> None:
    path = write_library(tmp_path, block=BLOCK.replace("within: P30D", "within: PT720H"))
    assert any("written in days (P30D)" in p for p in problems_of(path))
    path = write_library(tmp_path, block=BLOCK.replace("    count: calendar_days\n", ""))
    assert any("roll: next_open_day needs count: calendar_days" in p for p in problems_of(path))


def test_a_schema_1_plan_may_not_use_schema_2(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "schema: 1",
            "id: old",
            "version: 1",
            "category: cyber",
            "title: {ja: 旧形式}",
            "phases:",
            "  - id: p",
            "    title: {ja: 段階}",
            "    steps:",
            "      - {id: s, title: {ja: 手順}, every: PT1H, until: phase_end}",
        ]
    )
    assert [str(p) for p in load_text(text, "old.yaml").problems] == [
        "old.yaml:10: 'every' needs schema: 2",
        "old.yaml:10: 'until' needs schema: 2",
    ]


def test_a_met_by_step_that_waits_while_its_clock_runs_is_refused(tmp_path: Path) -> None:
    block = BLOCK.replace(
        "        unanswered: applies\n        contact_records", "        contact_records"
    )
    path = write_library(tmp_path, block=block)
    assert any("give the step 'unanswered: applies'" in p for p in problems_of(path))


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Workspace]:
    write_library(data_dir / "playbooks")
    # The system clock after every time these tests record (none may be in the future).
    workspace = Workspace(data_dir, clock=ManualClock(jst(2027, 3, 1, 9)))
    yield workspace
    workspace.close()


def deadline(ws: Workspace, incident_id: str, deadline_id: str, now: datetime) -> dict:
    state = ws.incidents.state(incident_id)
    view = incident_view(state, now)
    return next(d for d in view["deadlines"] if d["id"] == deadline_id)


def test_a_clock_runs_while_unanswered_and_stops_only_on_an_answer(ws: Workspace) -> None:
    aware = jst(2026, 12, 2, 9)
    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10),
                                  awareness_at=aware)  # fmt: skip
    now = jst(2026, 12, 3, 9)
    final = deadline(ws, incident, "final", now)
    assert final["state"] == "running" and final["provisional"] is True
    assert final["due"] == "2027-01-04T15:00:00.000000Z"  # 24:00 JST on Monday 4 January
    assert final["last_day"] == "2026-12-31" and final["moved_because"] == "year_end"
    assert final["why"]["ja"] == (
        "起算日を1日目として30日目の24時まで / 30日目が年末年始（12月29日〜1月3日）のため翌開庁日"
    )
    ws.incidents.decide(incident, "leaked", "unknown", ACTOR, at=jst(2026, 12, 2, 11))
    assert deadline(ws, incident, "final", now)["provisional"] is True  # reportable still open
    ws.incidents.decide(incident, "reportable", "no", ACTOR, at=jst(2026, 12, 2, 12))
    assert deadline(ws, incident, "final", now)["state"] == "not_applicable"


def test_correcting_the_awareness_time_moves_the_clocks(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 14, 10))
    now = jst(2026, 12, 15, 9)
    assert deadline(ws, incident, "final", now)["due_day"] == "2027-01-12"  # 1/12: 30日目 1/12
    with pytest.raises(SonaeError, match="宣言時刻より前"):
        ws.incidents.correct_awareness(incident, jst(2026, 12, 14, 11), "誤り", ACTOR)
    ws.incidents.correct_awareness(incident, jst(2026, 12, 13, 17), "前日に課で把握", ACTOR)
    moved = deadline(ws, incident, "final", now)
    assert (moved["last_day"], moved["due_day"], moved["moved_because"]) == (
        "2027-01-11", "2027-01-12", "holiday",
    )  # fmt: skip
    state = ws.incidents.state(incident)
    assert state.awareness_at == "2026-12-13T08:00:00.000000Z"
    assert [json.loads(json.dumps(e.payload))["reason"] for e in state.awareness_changes] == [
        "前日に課で把握"
    ]


def test_an_incident_clock_survives_a_hand_over_to_a_plan_without_it(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    ws.incidents.hand_over(incident, "s2_other", ACTOR, at=jst(2026, 12, 2, 11))
    state = ws.incidents.state(incident)
    ids = {s.id: s.state for s in deadline_statuses(state, jst(2026, 12, 3))}
    assert ids == {"final": "running"}  # the plan clock (runway) stayed with its plan
    # Its questions and the step that meets it stay usable, though the new plan lacks them.
    ws.incidents.decide(incident, "leaked", "yes", ACTOR, at=jst(2026, 12, 2, 12))
    with pytest.raises(SonaeError, match="something_else"):
        ws.incidents.decide(incident, "something_else", "yes", ACTOR)
    ws.incidents.complete_step(incident, "report_final", ACTOR, at=jst(2026, 12, 3, 9))
    state = ws.incidents.state(incident)
    met = {s.id: s.state for s in deadline_statuses(state, jst(2026, 12, 4))}
    assert met == {"final": "met"} and state.plan.steps["report_final"].done_at


def test_a_repeating_step_is_due_in_turn_until_its_phase_ends(ws: Workspace) -> None:
    # Of the executive: the council's step does not apply (unanswered, it would keep the phase).
    incident = ws.incidents.start(
        "s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10), body="executive"
    )
    step = ws.incidents.state(incident).playbook.plan.step("sitrep")
    assert step is not None
    for hour in (10, 14, 18):
        ws.incidents.complete_step(incident, "sitrep", ACTOR, at=jst(2026, 12, 2, hour, 5))
    state = ws.incidents.state(incident)
    assert state.step_state(step) == "repeating"
    status = repeat_status(state, step, jst(2026, 12, 2, 21))
    assert status is not None
    assert (status.state, status.count, status.next_due) == (
        "scheduled",
        3,
        jst(2026, 12, 2, 22, 5),
    )
    late = repeat_status(state, step, jst(2026, 12, 2, 22, 6))
    assert late is not None and late.state == "due"
    for other in ("isolate", "fuel", "refuel"):
        fields = {"hours_left": "1"} if other == "fuel" else None
        ws.incidents.complete_step(incident, other, ACTOR, fields=fields, at=jst(2026, 12, 2, 19))
    state = ws.incidents.state(incident)
    assert state.step_state(step) == "done"  # council_rule does not apply: the phase has ended
    ended = repeat_status(state, step, jst(2026, 12, 3))
    assert ended is not None and ended.state == "ended"


def test_a_target_is_shown_and_reported_but_never_blocks(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10),
                                  awareness_at=jst(2026, 12, 2, 9, 50))  # fmt: skip
    step = ws.incidents.state(incident).playbook.plan.step("isolate")
    assert step is not None
    running = target_status(ws.incidents.state(incident), step, jst(2026, 12, 2, 10))
    assert running is not None and (running.state, running.due) == (
        "running",
        jst(2026, 12, 2, 10, 5),
    )
    ws.incidents.complete_step(incident, "isolate", ACTOR, at=jst(2026, 12, 2, 10, 20))
    done = target_status(ws.incidents.state(incident), step, jst(2026, 12, 2, 11))
    assert done is not None and done.state == "met_late"


def test_check_items_are_ticked_one_by_one(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    ws.incidents.tick_check(incident, "isolate", "lan", ACTOR, at=jst(2026, 12, 2, 10, 1))
    with pytest.raises(SonaeError, match="既に確認済み"):
        ws.incidents.tick_check(incident, "isolate", "lan", ACTOR)
    with pytest.raises(SonaeError, match="確認項目 'power' はありません"):
        ws.incidents.tick_check(incident, "isolate", "power", ACTOR)
    ws.incidents.tick_check(incident, "isolate", "wifi", ACTOR, at=jst(2026, 12, 2, 10, 2))
    ws.incidents.tick_check(incident, "isolate", "lan", ACTOR, ticked=False)
    view = incident_view(ws.incidents.state(incident), jst(2026, 12, 2, 11))
    isolate = next(s for s in view["steps"] if s["id"] == "isolate")
    assert isolate["checks"] == [
        {"id": "lan", "ticked_at": None},
        {"id": "wifi", "ticked_at": "2026-12-02T01:02:00.000000Z"},
    ]


def test_contacts_are_recorded_several_per_step(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    for receipt in ("R-1", "R-2"):
        ws.incidents.record_contact(incident, "report_final", "ppc", "phone", ACTOR,
                                    person="担当 佐藤", receipt=receipt, outcome="受理",
                                    at=jst(2026, 12, 2, 11))  # fmt: skip
    with pytest.raises(SonaeError, match="連絡手段 'pigeon'"):
        ws.incidents.record_contact(incident, "report_final", "ppc", "pigeon", ACTOR)
    with pytest.raises(SonaeError, match="外部への連絡の手順ではありません"):
        ws.incidents.record_contact(incident, "isolate", "ppc", "phone", ACTOR)
    view = incident_view(ws.incidents.state(incident), jst(2026, 12, 2, 12))
    step = next(s for s in view["steps"] if s["id"] == "report_final")
    assert [(c["receipt"], c["person"], c["at"]) for c in step["contacts"]] == [
        ("R-1", "担当 佐藤", "2026-12-02T02:00:00.000000Z"),
        ("R-2", "担当 佐藤", "2026-12-02T02:00:00.000000Z"),
    ]


def test_the_incident_s_body_is_read_by_conditions(ws: Workspace) -> None:
    council = ws.incidents.start("s2_drill", "議会", ACTOR, mode="drill", body="council",
                                 at=jst(2026, 12, 2, 10))  # fmt: skip
    state = ws.incidents.state(council)
    assert deadline(ws, council, "final", jst(2026, 12, 3))["state"] == "not_applicable"
    assert state.step_state(state.playbook.plan.step("council_rule")) == "pending"
    city = ws.incidents.start("s2_drill", "市", ACTOR, mode="drill", body="executive",
                              at=jst(2026, 12, 2, 10))  # fmt: skip
    state = ws.incidents.state(city)
    assert state.step_state(state.playbook.plan.step("council_rule")) == "not_applicable"
    unknown = ws.incidents.start("s2_drill", "不明", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    assert deadline(ws, unknown, "final", jst(2026, 12, 3))["state"] == "running"


def test_a_duration_read_from_a_field_starts_when_the_field_is_recorded(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "停電", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    assert deadline(ws, incident, "runway", jst(2026, 12, 2, 11))["state"] == "not_started"
    ws.incidents.complete_step(incident, "fuel", ACTOR, fields={"hours_left": "30.5"},
                               at=jst(2026, 12, 2, 12))  # fmt: skip
    runway = deadline(ws, incident, "runway", jst(2026, 12, 2, 13))
    assert runway["state"] == "running"
    assert runway["due"] == "2026-12-03T09:30:00.000000Z"  # 12:00 JST + 30.5 h


def test_the_readme_s_schema_2_example_is_a_valid_plan(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    section = readme.split("### Schema 2", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "fuel_watch.yaml"
    path.write_text(example, encoding="utf-8")
    result = load_file(path)  # its include is found among the bundled blocks
    assert result.problems == [] and result.playbook is not None
    assert result.playbook.plan.step("ppc_preliminary") is not None


def test_an_include_that_is_not_an_id_is_never_read_as_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("block: secret\nschema: 2\ntitle: {ja: 秘密}\n", encoding="utf-8")
    plan = PLAN.replace("include: [shared]", "include: [../secret]")
    path = write_library(tmp_path / "lib", plan=plan)
    found = problems_of(path)
    assert len(found) == 1 and f"{path}:6:" in found[0] and "include[0]" in found[0], found


def test_a_hostile_pinned_text_with_a_deep_chain_of_blocks_is_refused_in_one_line() -> None:
    blocks = [
        (f"b{i}", f"block: b{i}\nschema: 2\ninclude: [b{i + 1}]\ntitle: {{ja: 連鎖}}\n")
        for i in range(2000)
    ]
    text = compose(PLAN.replace("include: [shared]", "include: [b0]"), blocks)
    found = [str(p) for p in load_text(text, "<pinned>", pinned=True).problems]
    assert found and all("more than 20 blocks are included" in p for p in found), found[:3]
    huge = compose(PLAN, [("shared", BLOCK + "#" * (5 * 1024 * 1024))])
    assert [p.message for p in load_text(huge, "<pinned>", pinned=True).problems] == [
        "the plan with its blocks is larger than 4 MiB, the limit"
    ]


def test_a_warning_about_a_block_s_step_points_at_the_block(tmp_path: Path) -> None:
    from app.domain.contacts import Contacts
    from app.services.library import unknown_bodies

    path = write_library(tmp_path)
    plan = load_file(path, [tmp_path / "blocks"]).playbook
    assert plan is not None
    line = BLOCK.splitlines().index("        contacts: [ppc]") + 1
    assert [str(p) for p in unknown_bodies(plan, Contacts())] == [
        f"{tmp_path / 'blocks' / 'shared.yaml'}:{line}: warning: step 'report_final' names "
        "external body 'ppc', which is not in the contacts file"
    ]


def test_the_body_can_be_named_after_the_start_and_conditions_follow(ws: Workspace) -> None:
    incident = ws.incidents.start("s2_drill", "議会", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    assert deadline(ws, incident, "final", jst(2026, 12, 3))["state"] == "running"
    with pytest.raises(SonaeError, match="機関 'parliament' は使えません"):
        ws.incidents.set_body(incident, "parliament", ACTOR)
    ws.incidents.set_body(incident, "council", ACTOR)
    with pytest.raises(SonaeError, match="既に council"):
        ws.incidents.set_body(incident, "council", ACTOR)
    assert deadline(ws, incident, "final", jst(2026, 12, 3))["state"] == "not_applicable"
    state = ws.incidents.state(incident)
    assert state.body == "council"
    assert state.step_state(state.playbook.plan.step("council_rule")) == "pending"


def test_incident_show_names_a_clock_kept_from_the_earlier_plan(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill", at=jst(2026, 12, 2, 10))
    ws.incidents.hand_over(incident, "s2_other", ACTOR, at=jst(2026, 12, 2, 11))
    ws.close()
    assert main(["incident", "show", incident, "--now", "2026-12-03T09:00"]) == 0
    out = capsys.readouterr().out
    assert "期限 final: 進行中  2027-01-04 24:00 JST  確報" in out

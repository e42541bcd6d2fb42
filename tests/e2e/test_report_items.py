"""The 報告書 items the bundled plans supply (``report:`` on a field or a decision).

The record's first page prints each item from what the log holds, so a responder types a fact
once, in the step where it is learnt. Each plan must supply the items that make sense for it:
the first facts (発見契機, 事案の概要) and the effect on work everywhere; every item a Japanese
report form always asks for wherever personal data may be involved (the plans with the PPC
block); none of the personal-data items where it cannot be. The values come back from the log
with where they came from (``report_values``), and a schema 1 plan may not use the key.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain import playbook as pb
from app.domain.clock import ManualClock
from app.domain.loader import PlaybookFile, load_text
from app.domain.report_items import report_values
from app.domain.timeutil import JST, to_iso
from app.domain.vocabulary import REPORT_ITEM_LABELS, REPORT_ITEMS_ALWAYS
from app.paths import playbooks_dir
from app.services.library import Library
from app.services.workspace import Workspace

PLANS = Library([playbooks_dir()]).all()
BY_ID = {p.id: p for p in PLANS}
ids = pytest.mark.parametrize("playbook", PLANS, ids=[p.id for p in PLANS])
PPC_BLOCK = "ppc_reports"
FIRST_REPORT = "initial_report"

# What a 報告書 asks that only personal data makes sense of: a plan without the PPC block (an
# outage of power or network, a staff shortage) supplies none of them.
PERSONAL_DATA_ITEMS = {
    "information",
    "persons",
    "category",
    "secondary_harm",
    "notice",
    "publication",
}
EVERY_PLAN = {"overview", "discovery", "business_impact"}
# Beyond those, by what the plan is. A plan with the PPC block supplies REPORT_ITEMS_ALWAYS too.
EXPECTED: dict[str, set[str]] = {
    FIRST_REPORT: {"occurred_at", "discoverer", "systems"},
    "ransomware": {"ransom", "systems", "cause", "prevention"},
    "intrusion": {"systems", "cause", "prevention"},
    "malware_terminal": {"systems", "cause", "prevention"},
    "ddos_defacement": {"systems", "secondary_harm", "cause", "prevention"},
    "insider_misuse": {"systems", "cause", "prevention"},
    "personal_data_leak": {"information", "persons", "cause", "prevention"},
    "lost_device": {"systems", "information", "persons", "prevention"},
    "vendor_incident": {"systems", "cause", "prevention"},
    "earthquake_server_room": {"occurred_at", "systems", "cause", "prevention"},
    "power_outage": {"occurred_at", "systems", "cause", "prevention"},
    "network_outage": {"occurred_at", "systems", "cause", "prevention"},
    "epidemic_staffing": {"systems", "prevention"},
}
# A demand for ransom is asked where files are held to ransom, nowhere else.
RANSOM_PLANS = {"ransomware"}
# Required fields that supply an item in a plan's first phase: each was required before it was
# marked (the step cannot be done without it). A new item field there is optional, so that a
# responder under stress is never held up at the start for something the report can show as
# 未記入.
REQUIRED_AT_FIRST = {
    ("initial_report", "record_first", "reporter"),
    ("initial_report", "record_first", "what"),
    ("ransomware", "isolate", "host"),
    ("intrusion", "isolate_server", "host"),
    ("malware_terminal", "disconnect", "host"),
    ("ddos_defacement", "confirm_symptom", "symptom"),
    ("lost_device", "report_supervisor", "device"),
    ("lost_device", "list_contents", "contents"),
    ("vendor_incident", "record_notice", "occurred_at"),
    ("vendor_incident", "record_notice", "what"),
    ("power_outage", "confirm_outage", "began_at"),
    ("network_outage", "confirm_scope", "began_at"),
    ("network_outage", "confirm_scope", "scope"),
}
# The cyber plans ask the first facts in the step they share with the first report, so after a
# hand-over from it that step is done already and nothing is asked twice.
FIRST_FACTS = ("discoverer", "discovery", "occurred_at")
SHARED_FIRST_STEP = {
    "ransomware": "report_manager",
    "intrusion": "report_manager",
    "malware_terminal": "report_manager",
    "ddos_defacement": "report_manager",
}


def supplied(plan: pb.Playbook) -> dict[str, list[str]]:
    """item -> where it comes from: 'step.field' or '?decision'."""
    out: dict[str, list[str]] = {}
    for step in plan.steps():
        for spec in step.fields:
            if spec.report is not None:
                out.setdefault(spec.report, []).append(f"{step.id}.{spec.id}")
    for decision in plan.decisions:
        if decision.report is not None:
            out.setdefault(decision.report, []).append(f"?{decision.id}")
    return out


def test_the_items_are_the_same_in_the_format_and_in_the_words() -> None:
    items = typing.get_args(pb.ReportItem)
    assert len(set(items)) == len(items)
    assert set(REPORT_ITEM_LABELS) == set(items)
    assert set(REPORT_ITEMS_ALWAYS) <= set(items)
    for item in items:
        label = REPORT_ITEM_LABELS[item]
        assert label.ja and label.en, item


def test_the_schema_2_reference_lists_every_item() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "playbook-schema-2.md").read_text("utf-8")
    section = doc.split("## 報告書 items (`report:`)", 1)[1].split("\n## ", 1)[0]
    for item in typing.get_args(pb.ReportItem):
        assert f"`{item}`" in section, item
        assert REPORT_ITEM_LABELS[item].ja.split("（")[0] in section, item


def test_every_bundled_plan_has_its_expected_set() -> None:
    assert set(EXPECTED) == set(BY_ID)


@ids
def test_each_plan_supplies_what_makes_sense_for_it(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    got = set(supplied(plan))
    want = EVERY_PLAN | EXPECTED[plan.id]
    if PPC_BLOCK in plan.include:
        want |= set(REPORT_ITEMS_ALWAYS)
    else:
        assert not got & PERSONAL_DATA_ITEMS, f"{plan.id}: {sorted(got & PERSONAL_DATA_ITEMS)}"
    assert want <= got, f"{plan.id} lacks {sorted(want - got)}"
    assert ("ransom" in got) == (plan.id in RANSOM_PLANS), plan.id


def test_the_ppc_block_gives_the_category_the_notice_and_the_publication() -> None:
    for playbook in PLANS:
        plan = playbook.plan
        if PPC_BLOCK not in plan.include:
            continue
        where = supplied(plan)
        for decision in ("personal_data", "ppc_reportable", "malicious", "mynumber_data"):
            assert f"?{decision}" in where["category"], (plan.id, decision)
        assert "ppc_preliminary.category" in where["category"], plan.id
        notify = {w for w in where["notice"] if w.startswith("notify_persons.")}
        assert notify == {
            "notify_persons.method",
            "notify_persons.notified",
            "notify_persons.not_notified",
        }, plan.id
        assert "notify_persons.secondary_harm" in where["secondary_harm"], plan.id
        assert {"publish.decision", "publish.published_at"} <= set(where["publication"]), plan.id


@ids
def test_an_item_field_reads_on_its_own_and_does_not_hold_up_the_start(
    playbook: PlaybookFile,
) -> None:
    """The record prints a value beside its step's title, not its label: a tick would read as
    a bare はい. And a field of the first phase that supplies an item is optional, unless the
    step needed it before it was marked."""
    plan = playbook.plan
    first = {s.id for s in plan.phases[0].steps}
    for step in plan.steps():
        for spec in step.fields:
            if spec.report is None:
                continue
            assert spec.type != "checkbox", f"{plan.id}: {step.id}.{spec.id}"
            if spec.report == "occurred_at":
                assert spec.type == "datetime", f"{plan.id}: {step.id}.{spec.id}"
            if spec.report == "persons":
                assert spec.type in ("number", "text"), f"{plan.id}: {step.id}.{spec.id}"
            if step.id in first and spec.required:
                assert (plan.id, step.id, spec.id) in REQUIRED_AT_FIRST, (
                    f"{plan.id}: {step.id}.{spec.id} is required at the start"
                )


def test_a_question_shared_by_id_supplies_the_same_item_everywhere() -> None:
    """Decisions carry over on a hand-over by id; their answer is one answer in the record."""
    seen: dict[str, tuple[str, str | None]] = {}
    for playbook in PLANS:
        for decision in playbook.plan.decisions:
            first = seen.setdefault(decision.id, (playbook.id, decision.report))
            assert decision.report == first[1], f"{decision.id}: {first[0]} vs {playbook.id}"
    assert seen["operations_stopped"][1] == "business_impact"


@pytest.mark.parametrize("plan_id", sorted(SHARED_FIRST_STEP))
def test_the_first_facts_live_in_the_step_the_first_report_shares(plan_id: str) -> None:
    plan = BY_ID[plan_id].plan
    step_id = SHARED_FIRST_STEP[plan_id]
    assert BY_ID[FIRST_REPORT].plan.step(step_id) is not None
    where = supplied(plan)
    for item in FIRST_FACTS:
        assert any(w.startswith(f"{step_id}.") for w in where[item]), (plan_id, item)
    assert plan.phase_of(step_id) == plan.phases[0], "asked at the start"


# Through the services: a ransomware drill, each item typed once where the plan asks it.
ACTOR = "山田"
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=JST)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def ws(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir, clock=ManualClock(T0 + timedelta(days=5)))
    yield workspace
    workspace.close()


def texts(values: dict, item: str) -> list[tuple[str, str]]:
    return [(v.text, v.source) for v in values.get(item, [])]


def test_the_log_gives_back_each_item_with_where_it_came_from(ws: Workspace) -> None:
    inc = ws.incidents
    incident = inc.start("ransomware", "訓練", ACTOR, mode="drill", at=T0, body="executive")
    plan = inc.state(incident).playbook.plan

    def title(step_id: str, lang: str = "ja") -> str:
        step = plan.step(step_id)
        assert step is not None
        return step.title.get(lang)

    def ask(decision_id: str) -> str:
        decision = plan.decision(decision_id)
        assert decision is not None
        return decision.ask.ja

    def done(step_id: str, minutes: int, **fields: str) -> None:
        inc.complete_step(incident, step_id, ACTOR, fields=fields, at=at(minutes))

    done("isolate", 5, host="ZAIMU-PC01")
    done("record_note", 10, extension=".lockbit", ransom="要求あり（72時間以内。支払わない）")
    done(
        "report_manager",
        20,
        reported_to="情報政策課長",
        discoverer="財務課 佐藤",
        discovery="共有フォルダのファイルが開けない",
        occurred_at="2026-12-01T08:40",
        overview="財務課の端末でファイルが暗号化され、脅迫文が表示された",
    )
    done("confirm_isolation", 40, other_hosts="ZAIMU-PC02")
    answers = {
        "operations_stopped": "yes",
        "personal_data": "yes",
        "ppc_reportable": "yes",
        "malicious": "yes",
        "mynumber_data": "no",
    }
    for decision, choice in answers.items():
        inc.decide(incident, decision, choice, ACTOR, at=at(60))
    done("response_hq", 70, stopped="税の窓口（紙で受付）")
    done("assess_data", 120, data_found="氏名、住所、税額", persons="1200")
    done("ppc_preliminary", 24 * 60, category="不正の目的によるおそれ、100人超")
    done(
        "notify_persons",
        48 * 60,
        method="郵送",
        notified="1195",
        secondary_harm="なし（監視を続ける）",
    )
    done("publish", 49 * 60, decision="公表する（CISO 判断）", published_at="12月3日 記者発表")
    done("close_entry", 50 * 60, entry="未修正の VPN 装置")
    done(
        "lessons",
        60 * 60,
        cause="VPN の修正が委託先任せだった",
        prevention="月次で VPN の版を確認する",
    )

    values = report_values(inc.state(incident))
    assert texts(values, "discoverer") == [("財務課 佐藤", title("report_manager"))]
    assert texts(values, "discovery") == [
        ("共有フォルダのファイルが開けない", title("report_manager"))
    ]
    (occurred,) = values["occurred_at"]
    assert occurred.moment == datetime(2026, 12, 1, 8, 40, tzinfo=JST)  # a time, not only words
    assert occurred.at == to_iso(at(20))  # when it was recorded: the step done
    assert texts(values, "ransom") == [("要求あり（72時間以内。支払わない）", title("record_note"))]
    # In plan order, each from its own step: the first machine, the others, ...
    assert texts(values, "systems") == [
        ("ZAIMU-PC01", title("isolate")),
        ("ZAIMU-PC02", title("confirm_isolation")),
    ]
    assert texts(values, "information") == [("氏名、住所、税額", title("assess_data"))]
    assert texts(values, "persons") == [("1200", title("assess_data"))]
    assert texts(values, "cause") == [
        ("未修正の VPN 装置", title("close_entry")),
        ("VPN の修正が委託先任せだった", title("lessons")),
    ]
    assert texts(values, "prevention") == [("月次で VPN の版を確認する", title("lessons"))]
    assert texts(values, "notice") == [
        ("郵送", title("notify_persons")),
        ("1195", title("notify_persons")),
    ]
    assert texts(values, "secondary_harm") == [("なし（監視を続ける）", title("notify_persons"))]
    assert texts(values, "publication") == [
        ("公表する（CISO 判断）", title("publish")),
        ("12月3日 記者発表", title("publish")),
    ]
    # A question's answer in words, with the question as its source.
    assert texts(values, "business_impact") == [
        ("税の窓口（紙で受付）", title("response_hq")),
        (f"{ask('operations_stopped')}: はい", ask("operations_stopped")),
    ]
    category = texts(values, "category")
    assert ("不正の目的によるおそれ、100人超", title("ppc_preliminary")) in category
    assert {source for _, source in category} >= {ask("malicious"), ask("mynumber_data")}
    # An answer is printed with its question: 「いいえ」 alone would say nothing on the form.
    assert (f"{ask('mynumber_data')}: いいえ", ask("mynumber_data")) in category
    assert (f"{ask('malicious')}: はい", ask("malicious")) in category
    # Nothing typed twice: each value appears once.
    for item, found in values.items():
        pairs = [(v.text, v.source) for v in found]
        assert len(pairs) == len(set(pairs)), item
    # In English, the sources are the plan's English words.
    english = report_values(inc.state(incident), "en")
    assert [v.source for v in english["discoverer"]] == [title("report_manager", "en")]
    assert [v.text for v in english["business_impact"]][-1].endswith("?: Yes")


def test_after_a_hand_over_the_first_facts_are_not_asked_again(ws: Workspace) -> None:
    """The first report records who noticed it, how and what was seen; the ransomware plan
    asks the same in report_manager, a step both plans have, so once the first report's
    report_manager is done the new plan shows it done and the record has each fact once."""
    inc = ws.incidents
    incident = inc.start(FIRST_REPORT, "初報", ACTOR, mode="drill", at=T0, body="executive")
    first_facts = {
        "reporter": "財務課 佐藤",
        "noticed_at": "2026-12-01T08:55",
        "discovery": "ファイルが開けない",
        "what": "画面に脅迫文",
    }
    inc.complete_step(incident, "record_first", ACTOR, fields=first_facts, at=at(5))
    inc.complete_step(incident, "report_manager", ACTOR, at=at(10))
    inc.decide(incident, "route", "handover", ACTOR, at=at(15))
    inc.complete_step(incident, "choose_plan", ACTOR, at=at(16), fields={"plan": "ransomware"})
    inc.hand_over(incident, "ransomware", ACTOR, at=at(20))
    state = inc.state(incident)
    assert state.playbook.id == "ransomware"
    ransomware = state.playbook.plan
    step = ransomware.step("report_manager")
    assert step is not None and state.step_state(step) == "done"
    values = report_values(state)
    first = BY_ID[FIRST_REPORT].plan.step("record_first")
    assert first is not None
    assert texts(values, "discoverer") == [("財務課 佐藤", first.title.ja)]
    assert texts(values, "discovery") == [("ファイルが開けない", first.title.ja)]
    assert texts(values, "overview") == [("画面に脅迫文", first.title.ja)]


def test_a_step_done_before_a_hand_over_is_reported_once(ws: Workspace) -> None:
    inc = ws.incidents
    incident = inc.start(FIRST_REPORT, "初報", ACTOR, mode="drill", at=T0, body="executive")
    inc.complete_step(incident, "ppc_preliminary", ACTOR, fields={"category": "100人超"}, at=at(30))
    inc.hand_over(incident, "ransomware", ACTOR, at=at(40))
    values = report_values(inc.state(incident))
    # The field once; the category questions, still open, are said as such.
    texts = [v.text for v in values["category"]]
    assert texts.count("100人超") == 1
    assert all(t.endswith(": 未判断") for t in texts if t != "100人超")


SCHEMA_1 = """\
schema: 1
id: old
version: 1
category: cyber
title: {ja: 旧形式}
decisions:
  - id: leaked
    ask: {ja: 漏えいのおそれがあるか}
    choices: [yes, no]
    report: category
phases:
  - id: p
    title: {ja: 段階}
    steps:
      - id: s
        title: {ja: 手順}
        fields:
          - {id: who, label: {ja: 発見者}, report: discoverer}
"""


def test_a_schema_1_plan_may_not_name_a_report_item_on_a_field() -> None:
    problems = [str(p) for p in load_text(SCHEMA_1, "old.yaml").problems]
    assert "old.yaml:18: 'report' needs schema: 2" in problems
    again = SCHEMA_1.replace("schema: 1", "schema: 2")
    assert load_text(again, "new.yaml").problems == []


def test_a_schema_1_plan_may_not_name_a_report_item_on_a_decision() -> None:
    problems = [str(p) for p in load_text(SCHEMA_1, "old.yaml").problems]
    assert "old.yaml:10: 'report' needs schema: 2" in problems


def test_an_unknown_item_is_refused_at_its_line() -> None:
    text = SCHEMA_1.replace("schema: 1", "schema: 2").replace(
        "report: discoverer", "report: finder"
    )
    problems = [str(p) for p in load_text(text, "new.yaml").problems]
    assert len(problems) == 1 and problems[0].startswith("new.yaml:18: "), problems
    assert "'discoverer'" in problems[0]

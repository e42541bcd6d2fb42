"""Quality gate for the bundled plan library: coverage, honesty about sources, bilingual text,
hand-over from the first report, and `playbooks check` against the contacts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel

from app.cli import main
from app.domain.clock import ManualClock
from app.domain.contacts import holders
from app.domain.loader import PlaybookFile
from app.domain.playbook import CATEGORIES, STAGES, ZONES, Playbook, Step, Text
from app.domain.roles import ROLE_BY_ID
from app.domain.timeutil import JST, to_iso
from app.errors import SonaeError
from app.paths import playbooks_dir
from app.services.contacts import example_file, read_contacts
from app.services.library import Library, check_paths
from app.services.views import incident_view
from app.services.workspace import Workspace

PLANS = Library([playbooks_dir()]).all()
BY_ID = {p.id: p for p in PLANS}
FIRST_REPORT = "initial_report"
SCENARIOS = {
    "ransomware",
    "intrusion",
    "malware_terminal",
    "ddos_defacement",
    "insider_misuse",
    "personal_data_leak",
    "lost_device",
    "vendor_incident",
    "earthquake_server_room",
    "power_outage",
    "network_outage",
    "epidemic_staffing",
}
ids = pytest.mark.parametrize("playbook", PLANS, ids=[p.id for p in PLANS])


def texts(node: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every bilingual text anywhere in a plan, with where it is."""
    if isinstance(node, Text):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from texts(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from texts(item, f"{path}[{i}]")


def test_bundled_set_loads_without_any_problem() -> None:
    assert check_paths([playbooks_dir()]) == []
    assert SCENARIOS | {FIRST_REPORT} <= set(BY_ID)


def test_every_category_and_zone_is_covered() -> None:
    assert {p.plan.category for p in PLANS} == set(CATEGORIES)
    assert {z for p in PLANS for z in p.plan.zones} == set(ZONES)
    step_zones = {z for p in PLANS for s in p.plan.steps() for z in s.zones}
    assert step_zones == set(ZONES), "each zone has zone-specific steps somewhere"


def test_list_json_shows_the_whole_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playbooks", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) >= 13
    assert {p["category"] for p in listed} == set(CATEGORIES)
    assert {z for p in listed for z in p["zones"]} == set(ZONES)


@ids
def test_no_english_text_is_missing(playbook: PlaybookFile) -> None:
    missing = [where for where, text in texts(playbook.plan) if not (text.en or "").strip()]
    assert missing == [], f"{playbook.id}: no English at {missing}"


@ids
def test_header_says_reference_plan_with_version_and_date(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    assert plan.reference is not None
    assert "参考プラン" in plan.reference.ja and "reference plan" in (plan.reference.en or "")
    assert "公開" in plan.reference.ja and "public guidance" in (plan.reference.en or "")
    assert plan.version >= 1 and plan.revised is not None
    assert plan.summary is not None and plan.signs, "a responder picks a plan by its signs"


@ids
def test_phases_run_detect_contain_recover_report_review(playbook: PlaybookFile) -> None:
    stages = [p.stage for p in playbook.plan.phases]
    assert None not in stages
    order = [STAGES.index(s) for s in stages if s is not None]
    assert order == sorted(order), f"{playbook.id}: stages out of order {stages}"
    assert set(stages) == set(STAGES)


@ids
def test_roles_come_from_the_catalogue_and_are_all_used(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    used = {s.role for s in plan.steps()}
    assert None not in used, "every step names who does it"
    assert used <= set(ROLE_BY_ID)
    assert set(plan.roles) == used, f"{plan.id}: listed roles differ from the roles used"


@ids
def test_steps_say_what_to_write_down(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    with_fields = [s for s in plan.steps() if s.fields]
    assert len(with_fields) >= 3, f"{plan.id}: too few steps record anything"
    assert any(s.fields for s in plan.phases[0].steps), "the first phase records what was seen"
    assert any(s.key for s in plan.steps()), "key steps are timed in the after-action report"


@ids
def test_every_deadline_has_a_basis_that_names_its_source(playbook: PlaybookFile) -> None:
    for deadline in playbook.plan.deadlines:
        assert re.search(r"法|ガイドライン|手引き|目安", deadline.basis), deadline.id
        step = playbook.plan.step(deadline.met_by)
        assert step is not None
        assert step.refs or deadline.confirm, f"{deadline.id}: cite the source or flag 要確認"


@ids
def test_every_confirm_item_of_the_domain_brief_is_flagged(playbook: PlaybookFile) -> None:
    """What DOMAIN.md marks (confirm) is shown as 要確認; what the December 2026 review verified
    (the 30/60 days, how they count, the My Number report) is not presented as open."""
    plan = playbook.plan
    # The reporting chain is "(confirm)": each plan shows it as 要確認 where it reports upward.
    assert any(s.confirm and "報告経路" in s.confirm.ja for s in plan.steps()), plan.id
    for step in plan.steps():
        if any("第68条第2項" in r for r in step.refs):  # the exceptions to the notice (confirm)
            assert step.confirm is not None, f"{plan.id}: {step.id}"
        if step.id == "ppc_final":  # the article of the 施行規則 for public bodies (confirm)
            assert step.confirm is not None and "条番号" in step.confirm.ja, plan.id
            assert any("要確認" in r for r in step.refs), f"{plan.id}: cite 第44条 as 要確認"
            assert "確認済み" in step.confirm.ja, f"{plan.id}: the 30/60 days are verified"
        if step.id == "council_ordinance":  # how the council's own ordinance applies (confirm)
            assert step.confirm is not None, plan.id
        if step.id in ("mynumber_preliminary", "mynumber_final") and step.confirm is not None:
            # Only the form is open; the deadlines and what must be reported are verified.
            assert "確認済み" in step.confirm.ja, f"{plan.id}: {step.id}"
        if step.confirm is not None:
            assert step.confirm.en, f"{plan.id}: {step.id}"
    for deadline in plan.deadlines:
        if deadline.id.startswith("ppc_final"):
            assert deadline.confirm is not None, f"{plan.id}: {deadline.id}"
            assert "条番号" in deadline.confirm.ja and "確認済み" in deadline.confirm.ja
            assert "要確認" in deadline.basis, f"{plan.id}: {deadline.id}"
        if deadline.id.startswith("mynumber_"):
            # 規則3条 and 別添2 were read at the source: no 要確認 on the My Number clocks.
            assert deadline.confirm is None, f"{plan.id}: {deadline.id} is verified"
            assert "規則" in deadline.basis and "番号法" in deadline.basis, deadline.id
    reportable = plan.decision("ppc_reportable")
    if reportable is not None:  # 条例要配慮個人情報 is a threshold; its article is (confirm)
        assert "条例要配慮個人情報" in reportable.ask.ja
        assert reportable.help is not None and "要確認" in reportable.help.ja
        assert "本人の数が100人を超える" in reportable.ask.ja


PPC_BLOCK = "ppc_reports"
# The shared block's clocks: (within, roll, met by). All run from the awareness time, in calendar
# days with that day as day 1, while their questions are unanswered, and stay with the incident.
PPC_CLOCKS = {
    "ppc_preliminary": ("P5D", "none", "ppc_preliminary"),
    "ppc_final": ("P30D", "next_open_day", "ppc_final"),
    "ppc_final_malicious": ("P60D", "next_open_day", "ppc_final"),
    "mynumber_preliminary": ("P5D", "none", "mynumber_preliminary"),
    "mynumber_final": ("P30D", "next_open_day", "mynumber_final"),
    "mynumber_final_malicious": ("P60D", "next_open_day", "mynumber_final"),
}
# Plans that cannot involve personal data: outages of power or network, and staffing.
WITHOUT_PPC = {"network_outage", "power_outage", "epidemic_staffing"}
WITH_PPC = [p for p in PLANS if PPC_BLOCK in p.plan.include]
# Whether the personal-data clocks apply to an incident of each body (the council and its
# secretariat are outside the 行政機関等 of the Act and follow the council's ordinance).
BODY_APPLIES = {"executive": True, "committee": True, "council": False, "council_office": False}
ppc_ids = pytest.mark.parametrize("playbook", WITH_PPC, ids=[p.id for p in WITH_PPC])


def applies(deadline_or_step: object, **facts: str) -> bool | None:
    return deadline_or_step.applies(facts)  # type: ignore[attr-defined]


def test_every_plan_that_may_involve_personal_data_includes_the_ppc_block() -> None:
    assert {p.id for p in WITH_PPC} == set(BY_ID) - WITHOUT_PPC
    for playbook in PLANS:
        plan = playbook.plan
        ppc = [d.id for d in plan.deadlines if d.id in PPC_CLOCKS]
        assert ppc == (list(PPC_CLOCKS) if playbook in WITH_PPC else []), plan.id


@ppc_ids
def test_ppc_clocks_follow_the_domain_brief(playbook: PlaybookFile) -> None:
    plan = playbook.plan
    for clock_id, (within, roll, met_by) in PPC_CLOCKS.items():
        d = plan.deadline(clock_id)
        assert d is not None, f"{plan.id}: {clock_id}"
        got = (d.from_, d.within, d.count, d.roll, d.unanswered, d.scope, d.met_by)
        want = ("awareness", within, "calendar_days", roll, "applies", "incident", met_by)
        assert got == want, f"{plan.id}: {clock_id}"
        # Nothing answered yet: every clock runs (none waits for a decision).
        assert applies(d) is True and d.condition is not None
        assert d.condition.evaluate({}) is None, f"{clock_id} runs provisionally"
        step = plan.step(met_by)
        assert step is not None and step.unanswered == "applies" and applies(step) is True
    get = plan.deadline
    pre, final, final60 = get("ppc_preliminary"), get("ppc_final"), get("ppc_final_malicious")
    my_pre, my_final, my60 = (
        get("mynumber_preliminary"),
        get("mynumber_final"),
        get("mynumber_final_malicious"),
    )
    # The personal-data clocks: 漏えい、滅失又は毀損 (or its risk) above the thresholds of the
    # 行政機関等, and not for the council, which is outside them (§2(11)(ii)).
    for choice, expected in (("yes", True), ("unknown", True), ("no", False)):
        assert applies(pre, personal_data=choice, ppc_reportable="yes") is expected, choice
        assert applies(pre, personal_data="yes", ppc_reportable=choice) is expected, choice
    for body, expected in BODY_APPLIES.items():
        for clock in (pre, final, final60):
            assert applies(clock, personal_data="yes", **{"incident.body": body}) is expected, body
    # 30 days, or 60 where malice is suspected; while malice is unknown both show.
    yes = {"personal_data": "yes", "ppc_reportable": "yes"}
    assert (applies(final, **yes, malicious="no"), applies(final60, **yes, malicious="no")) == (
        True,
        False,
    )
    assert (applies(final, **yes, malicious="yes"), applies(final60, **yes, malicious="yes")) == (
        False,
        True,
    )
    unknown = {**yes, "malicious": "unknown"}
    assert (applies(final, **unknown), applies(final60, **unknown)) == (True, True)
    # My Number: keyed on the data (payroll included, whatever the zone), reportable whatever
    # the number of people, for the council too; not on the My Number zone.
    none = {"personal_data": "no", "ppc_reportable": "no"}
    for choice, expected in (("yes", True), ("unknown", True), ("no", False)):
        assert applies(my_pre, mynumber_data=choice, **none) is expected, choice
    for body in BODY_APPLIES:
        assert applies(my_pre, mynumber_data="yes", **{"incident.body": body}) is True, body
    for malicious, both in (("no", (True, False)), ("yes", (False, True))):
        facts = {"mynumber_data": "yes", "malicious": malicious}
        assert (applies(my_final, **facts), applies(my60, **facts)) == both, malicious
    assert (applies(my_final, mynumber_data="yes"), applies(my60, mynumber_data="yes")) == (
        True,
        True,
    )
    for clock_id in PPC_CLOCKS:
        deadline = get(clock_id)
        condition = deadline.condition if deadline else None
        assert condition is not None
        read = {name for name, _ in condition.references()}
        assert not read & {"mynumber_zone", "incident.zones"}, f"{clock_id} reads the zone"
        if clock_id.startswith("mynumber_"):
            assert read <= {"mynumber_data", "malicious"}, clock_id


# Malicious by nature: the plan tells the responder to answer 不正の目的 yes (the 60-day report).
MALICIOUS_BY_NATURE = {
    "intrusion": "assess_data",
    "ransomware": "assess_data",
    "insider_misuse": "report_questions",
}


@pytest.mark.parametrize("plan_id", sorted(MALICIOUS_BY_NATURE))
def test_malicious_plans_say_to_answer_malicious_yes(plan_id: str) -> None:
    plan = BY_ID[plan_id].plan
    step = plan.step(MALICIOUS_BY_NATURE[plan_id])
    assert step is not None and step.detail is not None
    assert "不正の目的" in step.detail.ja and "「はい」" in step.detail.ja, plan_id
    assert step.when is None, f"{plan_id}: the question is always put"
    yes = {"personal_data": "yes", "ppc_reportable": "yes", "malicious": "yes"}
    live = [d.id for d in plan.deadlines if d.id.startswith("ppc_final") and d.applies(yes)]
    assert live == ["ppc_final_malicious"], plan_id


def test_disaster_and_power_clocks() -> None:
    # DOMAIN clocks: ICT-BCP 72 h from the disaster, fuel 72 h from the power loss, the police
    # from detection. The app knows those moments as the awareness time entered at the start.
    quake = BY_ID["earthquake_server_room"].plan.deadline("ict_bcp_first_response")
    assert quake is not None and quake.within == "PT72H" and quake.from_ == "awareness"
    fuel = BY_ID["power_outage"].plan.deadline("generator_fuel")
    assert fuel is not None and fuel.within == "PT72H" and fuel.from_ == "awareness"
    police = BY_ID["ddos_defacement"].plan.deadline("police_same_day")
    assert police is not None and police.from_ == "awareness"


@ids
def test_the_plan_says_where_each_clock_starts(playbook: PlaybookFile) -> None:
    """A responder must not be misled about the moment a clock counts from."""
    plan = playbook.plan
    for deadline in plan.deadlines:
        kind, ref = deadline.anchor
        if kind == "awareness":  # the start screen shows the summary beside the awareness time
            assert plan.summary is not None, deadline.id
            assert "認知時刻" in plan.summary.ja and "これより前に認知した" in plan.summary.ja
            assert "awareness time" in (plan.summary.en or "")
            assert "We became aware earlier" in (plan.summary.en or "")
        if kind == "decision":
            decision = plan.decision(ref or "")
            assert decision is not None and decision.help is not None, deadline.id
            assert "最初に答えた時刻" in decision.help.ja or "判断の時刻" in decision.help.ja
            assert "clock counts from" in (decision.help.en or ""), deadline.id
        if kind == "step":  # counted from when the step is marked done, and it must say so
            step = plan.step(ref or "")
            assert step is not None and step.detail is not None, deadline.id
            assert "完了" in step.detail.ja, deadline.id
    # Nothing still claims a clock counts from a step it does not anchor on.
    for step in plan.steps():
        text = step.detail.ja if step.detail else ""
        assert "ここから数える" not in text, f"{plan.id}: {step.id}"


def test_shared_decisions_mean_the_same_everywhere() -> None:
    """Decisions carry over on hand-over by id, so a shared id must offer the same choices."""
    seen: dict[str, tuple[str, list[str]]] = {}
    for playbook in PLANS:
        for decision in playbook.plan.decisions:
            if decision.id in seen:
                first, choices = seen[decision.id]
                assert decision.choice_ids() == choices, f"{decision.id}: {first} vs {playbook.id}"
            else:
                seen[decision.id] = (playbook.id, decision.choice_ids())
    for shared in ("personal_data", "mynumber_zone", "operations_stopped", "malicious"):
        assert sum(1 for p in PLANS if p.plan.decision(shared)) >= 2, shared


# Plans that hand over onward: when an outage may be an attack, to the first report or a cyber
# plan (the other scenario plans offer every plan: `handover_to` empty).
ONWARD = {
    "network_outage": [
        "initial_report",
        "ddos_defacement",
        "intrusion",
        "ransomware",
        "malware_terminal",
    ],  # fmt: skip
}


SWITCH_TARGETS = {
    "intrusion": {"intrusion"},
    "cyber": {"ransomware", "intrusion", "malware_terminal", "ddos_defacement"},
}


def test_first_report_hands_over_to_every_plan() -> None:
    first = BY_ID[FIRST_REPORT].plan
    assert set(first.handover_to) == SCENARIOS and len(first.handover_to) == len(SCENARIOS)
    for plan_id in SCENARIOS:
        assert BY_ID[plan_id].plan.handover_to == ONWARD.get(plan_id, []), plan_id
    # The step that hands over says so, and waits for the route only.
    choose = first.step("choose_plan")
    assert choose is not None and choose.condition is not None
    assert choose.condition.evaluate({"route": "handover"}) is True
    assert choose.condition.evaluate({"route": "minor"}) is False
    # A step that tells the responder to switch plans names plans the hand-over offers (an
    # empty `handover_to` offers every plan).
    for playbook in PLANS:
        offered = set(playbook.plan.handover_to or BY_ID) - {playbook.id}
        for step in playbook.plan.steps():
            if step.id.startswith("switch_to_"):
                named = SWITCH_TARGETS[step.id.removeprefix("switch_to_")]
                assert named <= offered, f"{playbook.id}: {step.id} -> {named - offered}"


def test_hand_over_keeps_the_record_and_the_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "d")]

    def run(*args: str) -> str:
        capsys.readouterr()
        assert main([*data, *args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    at = "2026-11-02T0{}:00:00+09:00".format
    # A section knew the evening before the first report was opened.
    aware = "2026-11-01T22:00:00+09:00"
    incident = run(
        "incident", "start", FIRST_REPORT, "--title", "不審", "--at", at(1), "--awareness", aware
    ).strip()
    first = json.loads(run("incident", "show", incident, "--json", "--now", at(1)))
    clocks = {d["id"]: d for d in first["deadlines"]}
    assert set(clocks) == set(PPC_CLOCKS)  # shown from the first report on, nothing answered
    assert all(d["state"] == "running" and d["provisional"] for d in clocks.values())
    run("incident", "step", incident, "record_first", "--done", "--at", at(2),
        "--field", "reporter=架空 一郎", "--field", "what=ファイルが開けない",
        "--field", "noticed_at=2026-11-01T22:00:00+09:00")  # fmt: skip
    run("incident", "decide", incident, "personal_data", "unknown", "--at", at(3))
    run("incident", "handover", incident, "ransomware", "--at", at(4))
    run("incident", "step", incident, "isolate", "--done", "--at", at(5), "--field", "host=PC-01")
    view = json.loads(run("incident", "show", incident, "--json", "--now", at(6)))
    assert view["playbook"]["id"] == "ransomware"
    assert view["awareness_at"] == "2026-11-01T13:00:00.000000Z"
    assert {"id": "personal_data", "choice": "unknown"}.items() <= view["decisions"][0].items()
    preliminary = next(d for d in view["deadlines"] if d["id"] == "ppc_preliminary")
    assert preliminary["state"] == "running" and preliminary["scope"] == "incident"
    # Day 1 is the day a section knew (1 November), not the 初報 nor the decision: day 5 ends at
    # 24:00 JST on 5 November.
    assert preliminary["anchor_at"] == "2026-11-01T13:00:00.000000Z"
    assert (preliminary["last_day"], preliminary["due"]) == (
        "2026-11-05",
        "2026-11-05T15:00:00.000000Z",
    )
    after = {d["id"]: d for d in view["deadlines"]}
    for clock_id in PPC_CLOCKS:
        assert after[clock_id]["due"] == clocks[clock_id]["due"], clock_id
    assert view["entries"] >= 5


def test_refs_cite_sources_where_the_law_applies() -> None:
    for playbook in PLANS:
        for step in playbook.plan.steps():
            if step.id.startswith("ppc_"):
                assert step.refs, f"{playbook.id}: {step.id}"
        assert sum(len(s.refs) for s in playbook.plan.steps()) >= 2, playbook.id


# playbooks check against the contacts
def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["playbooks", "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_with_example_contacts_has_no_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _check(capsys, "--contacts", str(example_file()))
    assert (code, out) == (0, "")
    assert "warning" not in err.lower() and "警告" not in err


def test_example_contacts_hold_every_role_the_plans_use() -> None:
    contacts, _ = read_contacts(example_file())
    assert contacts is not None
    used = {s.role for p in PLANS for s in p.plan.steps() if s.role}
    for role in used:
        assert len(holders(contacts, role)) >= 2, f"{role}: a holder and a deputy"


def test_example_contacts_list_every_body_the_plans_name() -> None:
    contacts, _ = read_contacts(example_file())
    assert contacts is not None
    names = " ".join(e.name.ja + " " + (e.name.en or "") for e in contacts.external)
    plan_text = " ".join(p.text for p in PLANS)
    bodies = ("総務省", "福岡県", "警察", "IPA", "JPCERT", "個人情報保護委員会", "J-LIS", "NISC")
    for word in bodies:
        assert word in plan_text and word in names, word
    assert "セキュリティクラウド" in plan_text and "セキュリティクラウド" in names
    assert "保守事業者" in plan_text and "保守事業者" in names
    assert "燃料供給協定" in plan_text and "燃料供給協定" in names


def test_check_warns_about_roles_without_holders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(
        "schema: 1\npeople:\n  - {id: a, name: 架空 一郎}\nroles:\n  csirt: [a]\n", "utf-8"
    )
    plan = playbooks_dir() / "power_outage.yaml"
    code, out, err = _check(capsys, "--contacts", str(contacts), str(plan))
    assert code == 0
    lines = out.splitlines()
    roles_line = next(
        i + 1 for i, t in enumerate(plan.read_text("utf-8").splitlines()) if t.startswith("roles:")
    )
    expected = set(BY_ID["power_outage"].plan.roles) - {"csirt"}
    assert len([line for line in lines if "warning: role" in line]) == len(expected)
    for role in expected:
        assert f"{plan}:{roles_line}: warning: role '{role}' has no holder" in out
    assert "csirt'" not in out
    assert f" {len(lines)} " in err  # the summary counts the body warnings too


def test_check_warns_at_the_step_about_bodies_missing_from_contacts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = example_file().read_text("utf-8")
    contacts = tmp_path / "contacts.yaml"
    # The example without the police: every other body a plan names is still there.
    contacts.write_text(example.replace("id: police_cyber", "id: police_hq"), "utf-8")
    plan = playbooks_dir() / "ransomware.yaml"
    code, out, _ = _check(capsys, "--contacts", str(contacts), str(plan))
    assert code == 0
    lines = plan.read_text("utf-8").splitlines()
    step = lines.index("      - id: report_police")
    line = next(i + 1 for i in range(step, len(lines)) if "contacts: [police_cyber" in lines[i])
    assert out.splitlines() == [
        f"{plan}:{line}: warning: step 'report_police' names external body 'police_cyber', "
        "which is not in the contacts file"
    ]


def test_every_body_a_step_names_is_in_the_example_contacts() -> None:
    contacts, _ = read_contacts(example_file())
    assert contacts is not None
    named = {body for p in PLANS for s in p.plan.steps() for body in s.contacts}
    assert {"police_cyber", "ppc", "mic", "fukuoka_pref", "jlis", "fuel_supplier"} <= named
    assert all(contacts.body(body) is not None for body in named)


def test_check_without_a_contacts_file_says_so_once(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _check(capsys)
    assert (code, out) == (0, "")
    assert err.count("\n") == 2  # one line about the contacts, one summary
    assert str(data_dir / "contacts.yaml") in err


def test_check_uses_the_data_folder_contacts(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "contacts.yaml").write_text("schema: 1\n", "utf-8")
    code, out, _ = _check(capsys)
    assert code == 0
    assert out.count("warning: role") >= len(PLANS)


def test_check_refuses_a_broken_contacts_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text("schema: 1\nroles:\n  csirt: [nobody]\n", "utf-8")
    code, out, _ = _check(capsys, "--contacts", str(contacts))
    assert code == 1
    assert f"{contacts}:3: roles.csirt[0]" in out or f"{contacts}:3:" in out
    assert "nobody" in out


def test_playbook_type_is_the_frozen_model() -> None:
    assert all(isinstance(p.plan, Playbook) for p in PLANS)


# The PPC clocks of every plan, run: from the awareness time, while nothing is answered, and
# across a hand-over (services, with a manual clock).
ACTOR = "山田"
AWARE = datetime(2026, 12, 24, 17, 0, tzinfo=JST)  # a section knew on a Thursday evening
DECLARED = datetime(2026, 12, 25, 9, 30, tzinfo=JST)  # the incident was opened the next morning
NOW = datetime(2026, 12, 25, 10, 0, tzinfo=JST)
# (last day, due day, why it moved): day 1 is 24 December, the day a section knew.
PPC_DUE = {
    "preliminary": ("2026-12-28", "2026-12-28", None),  # day 5, a Monday (速報: no roll)
    "final": ("2027-01-22", "2027-01-22", None),  # day 30, a Friday
    "final_malicious": ("2027-02-21", "2027-02-22", "weekend"),  # day 60, a Sunday
}


def expected_due(clock_id: str) -> tuple[str, str, str | None]:
    return PPC_DUE[clock_id.removeprefix("ppc_").removeprefix("mynumber_")]


def due_at(due_day: str) -> str:
    """24:00 JST of the day, as the views write it (15:00 UTC)."""
    return f"{due_day}T15:00:00.000000Z"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2027, 6, 1, 9, 0, tzinfo=JST))


@pytest.fixture
def ws(data_dir: Path, clock: ManualClock) -> Iterator[Workspace]:
    workspace = Workspace(data_dir, clock=clock)
    yield workspace
    workspace.close()


def clocks(ws: Workspace, incident: str, now: datetime) -> dict[str, dict]:
    return {d["id"]: d for d in incident_view(ws.incidents.state(incident), now)["deadlines"]}


def steps(ws: Workspace, incident: str, now: datetime) -> dict[str, dict]:
    return {s["id"]: s for s in incident_view(ws.incidents.state(incident), now)["steps"]}


@ppc_ids
def test_ppc_clocks_run_from_the_awareness_day_while_unanswered(
    playbook: PlaybookFile, ws: Workspace
) -> None:
    incident = ws.incidents.start(playbook.id, "訓練", ACTOR, mode="drill", at=DECLARED,
                                  awareness_at=AWARE, body="executive")  # fmt: skip
    shown = clocks(ws, incident, NOW)
    for clock_id in PPC_CLOCKS:
        d = shown[clock_id]
        last, due_day, why = expected_due(clock_id)
        assert (d["state"], d["provisional"], d["scope"], d["count"]) == (
            "running", True, "incident", "calendar_days",
        ), f"{playbook.id}: {clock_id}"  # fmt: skip
        assert d["anchor_at"] == to_iso(AWARE), f"{clock_id} counts from the awareness time"
        assert (d["last_day"], d["due_day"], d["moved_because"]) == (last, due_day, why), clock_id
        assert d["due"] == due_at(due_day), clock_id
    # The report steps are to do now, not waiting for the questions.
    to_do = steps(ws, incident, NOW)
    for step_id in ("ppc_preliminary", "mynumber_preliminary", "ppc_final", "mynumber_final"):
        assert to_do[step_id]["state"] == "pending", f"{playbook.id}: {step_id}"
    # No personal data: the personal-data clocks stop; the My Number ones run on.
    ws.incidents.decide(incident, "personal_data", "no", ACTOR, at=NOW)
    shown = clocks(ws, incident, NOW)
    for clock_id in PPC_CLOCKS:
        expected = "not_applicable" if clock_id.startswith("ppc_") else "running"
        assert shown[clock_id]["state"] == expected, f"{playbook.id}: {clock_id}"
    assert steps(ws, incident, NOW)["ppc_preliminary"]["state"] == "not_applicable"
    ws.incidents.decide(incident, "mynumber_data", "no", ACTOR, at=NOW)
    shown = clocks(ws, incident, NOW)
    assert {shown[c]["state"] for c in PPC_CLOCKS} == {"not_applicable"}, playbook.id


@ppc_ids
def test_ppc_clocks_follow_the_body_of_the_city(playbook: PlaybookFile, ws: Workspace) -> None:
    for body in ("council", "council_office", "committee", ""):
        incident = ws.incidents.start(playbook.id, "訓練", ACTOR, mode="drill", at=DECLARED,
                                      awareness_at=AWARE, body=body)  # fmt: skip
        shown = clocks(ws, incident, NOW)
        to_do = steps(ws, incident, NOW)
        council = body in ("council", "council_office")
        for clock_id in PPC_CLOCKS:
            expected = "not_applicable" if council and clock_id.startswith("ppc_") else "running"
            assert shown[clock_id]["state"] == expected, f"{playbook.id} {body}: {clock_id}"
        ordinance = {
            "council": "pending",
            "council_office": "pending",
            "committee": "not_applicable",
        }
        # Opened without a body, the council's step waits for it; the clocks do not.
        assert to_do["council_ordinance"]["state"] == ordinance.get(body, "waiting"), body


def test_ppc_clocks_keep_their_due_time_across_hand_overs(ws: Workspace) -> None:
    incident = ws.incidents.start(FIRST_REPORT, "初報", ACTOR, mode="drill", at=DECLARED,
                                  awareness_at=AWARE, body="executive")  # fmt: skip
    before = clocks(ws, incident, NOW)
    ws.incidents.decide(incident, "personal_data", "unknown", ACTOR, at=NOW)
    # The preliminary report is made under the first report, before the hand-over.
    ws.incidents.complete_step(incident, "ppc_preliminary", ACTOR, at=NOW + timedelta(minutes=5))
    ws.incidents.hand_over(incident, "ransomware", ACTOR, at=NOW + timedelta(minutes=10))
    later = NOW + timedelta(days=1)
    after = clocks(ws, incident, later)
    assert ws.incidents.state(incident).playbook.id == "ransomware"
    for clock_id in PPC_CLOCKS:
        assert after[clock_id]["due"] == before[clock_id]["due"], clock_id
        assert after[clock_id]["anchor_at"] == to_iso(AWARE), clock_id
    assert after["ppc_preliminary"]["state"] == "met"
    assert after["ppc_preliminary"]["met_at"] == to_iso(NOW + timedelta(minutes=5))
    assert after["ppc_final"]["state"] == "running" and after["ppc_final"]["provisional"]
    # On to a plan without the block (the outage turned out to be power): the incident's clocks
    # stay, with the same due times.
    ws.incidents.hand_over(incident, "power_outage", ACTOR, at=NOW + timedelta(minutes=20))
    assert "ppc_final" not in {d.id for d in ws.incidents.state(incident).playbook.plan.deadlines}
    kept = clocks(ws, incident, later)
    for clock_id in PPC_CLOCKS:
        assert kept[clock_id]["due"] == before[clock_id]["due"], clock_id
    assert kept["ppc_preliminary"]["state"] == "met" and kept["ppc_final"]["state"] == "running"
    # Correcting the awareness time afterwards still moves every clock anchored on it: a section
    # had known since the 23rd, so day 30 is 21 January.
    ws.incidents.correct_awareness(incident, AWARE - timedelta(days=1), "前日に把握", ACTOR)
    moved = clocks(ws, incident, later)
    assert moved["ppc_final"]["last_day"] == "2027-01-21"
    assert moved["mynumber_final"]["last_day"] == "2027-01-21"


def sample_fields(step: Step) -> dict[str, str]:
    """A value for each required field of a step."""
    samples = {"number": "600", "datetime": "2026-12-01T09:00", "checkbox": "yes"}
    return {
        f.id: (f.choices or ["x"])[0] if f.type == "choice" else samples.get(f.type, "記録")
        for f in step.fields
        if f.required
    }


def test_a_sitrep_repeats_every_four_hours_over_three_days(
    ws: Workspace, clock: ManualClock
) -> None:
    """Ransomware's report to the CISO (every PT4H until the contain phase ends) over a long
    incident: each occurrence is an entry, the next is due in turn, and it ends with its phase."""
    start = datetime(2026, 12, 1, 8, 0, tzinfo=JST)
    clock.set(start)
    incident = ws.incidents.start("ransomware", "長期", ACTOR, mode="drill", body="executive")
    plan = ws.incidents.state(incident).playbook.plan
    contain = plan.phases[[p.id for p in plan.phases].index("contain")]
    # No to the questions the contain steps read (services kept, My Number zone untouched ...).
    read = {n for s in contain.steps if s.condition for n, _ in s.condition.references()}
    for decision in plan.decisions:
        if decision.id in read:
            ws.incidents.decide(incident, decision.id, "no", ACTOR)
    sitrep = plan.step("sitrep")
    assert sitrep is not None and sitrep.every == "PT4H" and sitrep.until == "phase_end"
    done_at = []
    for n in range(18):  # 3 days, every 4 hours, each a few minutes late or early
        moment = start + timedelta(hours=4 * n, minutes=(n % 3) * 7)
        clock.set(moment)
        ws.incidents.complete_step(incident, "sitrep", ACTOR)  # at the clock's time
        done_at.append(moment)
        repeat = steps(ws, incident, moment + timedelta(minutes=1))["sitrep"]
        assert repeat["state"] == "repeating", n
        assert repeat["repeat"] == {
            "state": "scheduled",
            "count": n + 1,
            "every": "PT4H",
            "last_at": to_iso(moment),
            "next_due": to_iso(moment + timedelta(hours=4)),
        }, n
        overdue = steps(ws, incident, moment + timedelta(hours=4, minutes=1))["sitrep"]
        assert overdue["repeat"]["state"] == "due", n
    logged = [
        e.occurred_at
        for e in ws.incidents.entries(incident)
        if e.kind == "step_done" and e.step_id == "sitrep"
    ]
    assert logged == [to_iso(t) for t in done_at]
    assert done_at[-1] - done_at[0] > timedelta(days=2, hours=20)
    # The phase ends when its other steps are done or do not apply: the repeat ends with it.
    clock.set(done_at[-1] + timedelta(hours=1))
    for step in contain.steps:
        if step.id != "sitrep" and ws.incidents.state(incident).step_state(step) == "pending":
            assert steps(ws, incident, clock.now())["sitrep"]["state"] == "repeating"
            ws.incidents.complete_step(incident, step.id, ACTOR, fields=sample_fields(step))
    ended = steps(ws, incident, clock.now() + timedelta(hours=8))["sitrep"]
    assert ended["state"] == "done" and ended["repeat"]["state"] == "ended"
    assert ended["repeat"]["count"] == 18 and ended["repeat"]["next_due"] is None
    with pytest.raises(SonaeError):
        ws.incidents.complete_step(incident, "sitrep", ACTOR)


def test_outage_updates_repeat_until_the_service_is_restored(
    ws: Workspace, clock: ManualClock
) -> None:
    """network_outage: the outside outlook every hour and the residents every two hours, for
    three days, until `restored == yes`: then both end whatever else is left."""
    start = datetime(2026, 12, 1, 8, 0, tzinfo=JST)
    clock.set(start)
    incident = ws.incidents.start("network_outage", "LGWAN", ACTOR, mode="drill")
    for decision, choice in (("outside_cause", "yes"), ("operations_stopped", "yes"),
                             ("attack_signs", "no"), ("restored", "no")):  # fmt: skip
        ws.incidents.decide(incident, decision, choice, ACTOR)
    counts = {"follow_outside": 0, "tell_residents": 0}
    for hour in range(72):
        moment = start + timedelta(hours=hour, minutes=2)
        clock.set(moment)
        due = {"follow_outside": True, "tell_residents": hour % 2 == 0}
        for step_id, now_due in due.items():
            shown = steps(ws, incident, moment)[step_id]["repeat"]
            assert shown["state"] == ("due" if now_due else "scheduled"), (step_id, hour)
            if now_due:
                ws.incidents.complete_step(incident, step_id, ACTOR)
                counts[step_id] += 1
                after = steps(ws, incident, moment)[step_id]["repeat"]
                every = timedelta(hours=1 if step_id == "follow_outside" else 2)
                assert after["count"] == counts[step_id]
                assert after["next_due"] == to_iso(moment + every), (step_id, hour)
    assert counts == {"follow_outside": 72, "tell_residents": 36}
    entries = ws.incidents.entries(incident)
    for step_id, count in counts.items():
        assert sum(1 for e in entries if e.kind == "step_done" and e.step_id == step_id) == count
    clock.set(start + timedelta(hours=72, minutes=30))
    ws.incidents.decide(incident, "restored", "yes", ACTOR)
    shown = steps(ws, incident, clock.now() + timedelta(hours=3))
    for step_id, count in counts.items():
        assert shown[step_id]["state"] == "done", step_id
        assert (
            shown[step_id]["repeat"]["state"] == "ended"
            and shown[step_id]["repeat"]["count"] == count
        )
        with pytest.raises(SonaeError):
            ws.incidents.complete_step(incident, step_id, ACTOR)
    assert shown["confirm_restored"]["state"] == "pending"  # the rest of the plan goes on

"""Quality gate for the bundled plan library: coverage, honesty about sources, bilingual text,
hand-over from the first report, and `playbooks check` against the contacts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from app.cli import main
from app.domain.contacts import holders
from app.domain.loader import PlaybookFile
from app.domain.playbook import CATEGORIES, STAGES, ZONES, Playbook, Text
from app.domain.roles import ROLE_BY_ID
from app.paths import playbooks_dir
from app.services.contacts import example_file, read_contacts
from app.services.library import Library, check_paths

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
    plan = playbook.plan
    # The reporting chain is "(confirm)": each plan shows it as 要確認 where it reports upward.
    assert any(s.confirm and "報告経路" in s.confirm.ja for s in plan.steps()), plan.id
    for step in plan.steps():
        if any("第68条第2項" in r for r in step.refs):  # notice to persons (confirm)
            assert step.confirm is not None, f"{plan.id}: {step.id}"
        if any("番号法" in r for r in step.refs):  # My Number report structure (confirm)
            assert step.confirm is not None, f"{plan.id}: {step.id}"
        if step.id == "ppc_final":  # final report rule for public bodies (confirm)
            assert step.confirm is not None, f"{plan.id}: {step.id}"
    for deadline in plan.deadlines:
        if deadline.id.startswith("ppc_final") or "番号法" in deadline.basis:
            assert deadline.confirm is not None, f"{plan.id}: {deadline.id}"
    for step in plan.steps():
        if step.confirm is not None:
            assert step.confirm.en, f"{plan.id}: {step.id}"


def test_ppc_clocks_follow_the_domain_brief() -> None:
    for playbook in PLANS:
        plan = playbook.plan
        for deadline in plan.deadlines:
            if deadline.id == "ppc_preliminary":
                assert deadline.within == "P5D" and deadline.from_ == "decision:personal_data"
            if deadline.id.startswith("ppc_final"):
                assert deadline.within in ("P30D", "P60D")
        mynumber = plan.decision("mynumber_zone") is not None
        if plan.step("ppc_preliminary") is not None and mynumber:
            assert plan.step("ppc_mynumber") is not None, plan.id
        # My Number reports have "the same structure": a final report follows the preliminary.
        if plan.deadline("ppc_mynumber") is not None:
            finals = [d for d in plan.deadlines if d.id.startswith("ppc_mynumber_final")]
            assert finals and all(d.within in ("P30D", "P60D") for d in finals), plan.id
    # Intrusion and insider misuse are malicious by nature: only the 60-day final report.
    for plan_id in ("intrusion", "insider_misuse", "ransomware"):
        finals = [d for d in BY_ID[plan_id].plan.deadlines if d.id.startswith("ppc_final")]
        assert [d.within for d in finals] == ["P60D"], plan_id


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


def test_first_report_hands_over_to_every_plan() -> None:
    first = BY_ID[FIRST_REPORT].plan
    assert set(first.handover_to) == SCENARIOS
    assert all(BY_ID[p].plan.handover_to == [] for p in SCENARIOS)


def test_hand_over_keeps_the_record_and_the_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path / "d")]

    def run(*args: str) -> str:
        capsys.readouterr()
        assert main([*data, *args]) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    at = "2026-11-02T0{}:00:00+09:00".format
    incident = run("incident", "start", FIRST_REPORT, "--title", "不審", "--at", at(1)).strip()
    run("incident", "step", incident, "record_first", "--done", "--at", at(2),
        "--field", "reporter=架空 一郎", "--field", "what=ファイルが開けない",
        "--field", "noticed_at=2026-11-02T00:30:00+09:00")  # fmt: skip
    run("incident", "decide", incident, "personal_data", "unknown", "--at", at(3))
    run("incident", "handover", incident, "ransomware", "--at", at(4))
    run("incident", "step", incident, "isolate", "--done", "--at", at(5), "--field", "host=PC-01")
    view = json.loads(run("incident", "show", incident, "--json", "--now", at(6)))
    assert view["playbook"]["id"] == "ransomware"
    assert {"id": "personal_data", "choice": "unknown"}.items() <= view["decisions"][0].items()
    preliminary = next(d for d in view["deadlines"] if d["id"] == "ppc_preliminary")
    assert preliminary["state"] == "running"
    assert preliminary["due"].startswith("2026-11-06T18:00")  # 5 days from the 初報 decision
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

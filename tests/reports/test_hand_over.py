"""A record after a hand-over names everything in words from the plan that asked it, and tells
the plans' phases apart."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app.domain.clock import ManualClock
from app.reports.facts import condition_label, timeline_rows
from app.reports.record import render_after_action, render_record
from app.services.reports import load_record_data, write_checklist
from app.services.workspace import Workspace
from tests.reports.conftest import pdf_text


def _handed_over(ws: Workspace, clock: ManualClock) -> str:
    inc = ws.incidents
    incident = inc.start("initial_report", "共有フォルダが開けない", "山田 一郎", mode="drill")
    clock.advance(timedelta(minutes=5))
    inc.decide(incident, "route", "handover", "山田 一郎")
    inc.decide(incident, "personal_data", "no", "山田 一郎")
    clock.advance(timedelta(minutes=5))
    inc.complete_step(incident, "choose_plan", "山田 一郎", fields={"plan": "ransomware"})
    clock.advance(timedelta(minutes=5))
    inc.hand_over(incident, "ransomware", "山田 一郎")
    clock.advance(timedelta(minutes=5))
    inc.complete_step(incident, "isolate", "山田 一郎", fields={"host": "FIN-PC-023"})
    return incident


def test_decisions_of_an_earlier_plan_are_in_words(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = _handed_over(workspace, clock)
    first = workspace.library.get("initial_report").plan
    route = first.decision("route")
    assert route is not None and workspace.library.get("ransomware").plan.decision("route") is None
    data = load_record_data(workspace, incident)
    decided = [r.what for r in timeline_rows(data.state, data.entries) if r.entry.kind == "decided"]
    assert decided[0] == f"{route.ask.ja} → 専用のプランに引き継ぐ"
    assert all("handover" not in what and "route" not in what for what in decided)
    handed = next(r.what for r in timeline_rows(data.state, data.entries) if r.kind == "計画引継ぎ")
    second = workspace.library.get("ransomware").plan
    assert handed == f"{first.title.ja} → {second.title.ja} 第{second.version}版"

    out = tmp_path / "record.pdf"
    render_record(data, out)
    flat = "".join(pdf_text(out).split())
    table = flat[flat.index("判断事項結果") :]
    table = table[: table.index("期限")]
    assert route.ask.ja in table and "専用のプランに引き継ぐ" in table  # in the decisions table
    assert f"引継ぎ前の計画「{first.title.ja}」の判断" in table
    assert "→handover" not in flat


def test_phases_of_the_same_title_are_told_apart(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = _handed_over(workspace, clock)
    first = workspace.library.get("initial_report").plan
    second = workspace.library.get("ransomware").plan
    shared = {p.title.ja for p in first.phases} & {p.title.ja for p in second.phases}
    assert "振り返り" in shared
    out = tmp_path / "after.pdf"
    render_after_action(load_record_data(workspace, incident), out)
    flat = "".join(pdf_text(out).split())
    for plan in (first, second):
        label = f"振り返り（{plan.title.ja}）"
        assert flat.count(label) >= 1, label  # the timing table
    assert "振り返り（初報" in flat[flat.index("タイムラインチャート") :]  # a chart lane too
    only_first = next(p.title.ja for p in first.phases if p.title.ja not in shared)
    assert f"{only_first}（" not in flat  # a title only one plan has needs no plan name


def test_checklist_deadline_conditions_are_in_words(workspace: Workspace, tmp_path: Path) -> None:
    plan = workspace.library.get("ransomware").plan
    conditional = [d for d in plan.deadlines if d.when]
    assert conditional
    out = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", out)
    flat = "".join(pdf_text(out).split())
    for deadline in conditional:
        assert "適用:" + "".join(condition_label(plan, deadline).split()) in flat
    assert "personal_datain" not in flat and "[yes" not in flat


def test_timeline_text_keeps_clear_of_the_column_rules(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    import pdfplumber

    incident = _handed_over(workspace, clock)
    out = tmp_path / "record.pdf"
    render_record(load_record_data(workspace, incident), out)
    with pdfplumber.open(str(out)) as pdf:
        page = next(p for p in pdf.pages if p.search("計画引継ぎ"))
        rules = [x["x0"] for x in page.lines if abs(x["x0"] - x["x1"]) < 0.1]
        for word in page.search("計画引継ぎ"):
            right = min(x for x in rules if x >= word["x0"])
            left = max(x for x in rules if x <= word["x0"])
            assert right - word["x1"] >= 3 and word["x0"] - left >= 3, (left, word, right)

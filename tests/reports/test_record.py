"""The incident record and the after-action report, read back from the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from app.domain.clock import ManualClock
from app.reports.layout import group_hex
from app.reports.record import render_after_action, render_record
from app.services.reports import load_record_data, write_report
from app.services.workspace import Workspace
from tests.reports.conftest import (
    assert_fonts_embedded,
    big_text_per_page,
    make_incident,
    pdf_pages,
    pdf_text,
    ransomware,
    title,
)

# The drill fixture is an exercise: signed off by its evaluator, not the real approval chain.
STAMPS = ("訓練評価欄", "評価者", "訓練統括", "作成者")


def test_record_carries_every_section(workspace: Workspace, drill: str, tmp_path: Path) -> None:
    data = load_record_data(workspace, drill)
    out = tmp_path / "record.pdf"
    issued = write_report(workspace, drill, out, "record", actor="記録 係")
    text = pdf_text(out)
    flat = text.replace("\n", "")
    assert "インシデント対応記録" in text
    assert "財務課ファイルサーバの暗号化" in text
    # steps, with who, recorded fields, the skip reason, the deputy and the 要確認 mark
    plan = ransomware(workspace)
    for step in ("isolate", "report_manager", "ppc_preliminary"):
        assert title(plan, step) in flat
    assert "FIN-PC-023" in text and "既知の復号ツールなし" in flat
    assert "情報セキュリティ管理者 の代行" in flat
    manager = plan.step("report_manager")
    assert manager is not None and manager.confirm is not None
    assert f"【要確認】{manager.confirm.ja}" in flat
    # decisions and deadline states
    asked = plan.decision("personal_data")
    assert asked is not None and asked.ask.ja in flat and "不明" in text
    assert "期限内に完了" in flat and "進行中" in flat
    assert "令和8年11月25日" in text
    for label in STAMPS:
        assert label in flat
    # the correction is marked against the entry it retracts
    corrected = next(e for e in data.entries if e.kind == "corrected")
    target = next(e for e in data.entries if e.uuid == corrected.payload["target"])
    assert f"取消済(#{corrected.seq})" in flat
    assert f"#{target.seq} を取り消す" in flat
    # the back-filled entry shows when it was recorded as well as when it happened
    assert "記録 " in text
    # every page: entry count, chain head, page X / Y
    pages = pdf_pages(out)
    assert issued.entries == data.state.entries and issued.head == data.state.head
    for number, page in enumerate(pages, start=1):
        assert f"記録 #1〜#{data.state.entries}" in page
        assert "チェーン先頭\u3000" + group_hex(data.state.head) in page  # in groups of four
        assert re.search(rf"ページ {number} /\s*{len(pages)}", page), page[-200:]
    assert_fonts_embedded(out)


def test_issuing_a_report_is_logged_with_what_it_covered(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    before = workspace.incidents.state(drill)
    count, head = before.entries, before.head
    issued = write_report(workspace, drill, tmp_path / "r.pdf", "after-action", actor="記録 係")
    entries = workspace.incidents.entries(drill)
    assert len(entries) == count + 1
    last = entries[-1]
    assert last.kind == "report_issued" and last.actor == "記録 係"
    assert last.payload["entries"] == count and last.payload["head"] == head
    assert last.payload["sha256"] == issued.sha256 and last.payload["report"] == "after-action"


def test_drill_pages_are_watermarked_and_real_ones_are_not(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    drill = make_incident(workspace, clock, "drill")
    tabletop = make_incident(workspace, clock, "tabletop")
    real = make_incident(workspace, clock, "real")
    for incident, mark in ((drill, "訓練"), (tabletop, "机上訓練")):
        out = tmp_path / f"{incident}.pdf"
        render_record(load_record_data(workspace, incident), out)
        marks = big_text_per_page(out)
        assert len(marks) >= 2 and all(m == mark for m in marks), marks
    out = tmp_path / "real.pdf"
    render_record(load_record_data(workspace, real), out)
    assert big_text_per_page(out) == [""] * len(PdfReader(str(out)).pages)
    assert "訓練" not in pdf_text(out)


def test_rendering_twice_gives_the_same_text_and_bytes(workspace: Workspace, drill: str) -> None:
    data = load_record_data(workspace, drill)
    for render in (render_record, render_after_action):
        first, second = io.BytesIO(), io.BytesIO()
        render(data, first)
        render(data, second)
        assert first.getvalue() == second.getvalue()
        texts = [
            [p.extract_text() for p in PdfReader(io.BytesIO(b.getvalue())).pages]
            for b in (first, second)
        ]
        assert texts[0] == texts[1] and texts[0]


def test_after_action_report(workspace: Workspace, drill: str, tmp_path: Path) -> None:
    out = tmp_path / "aar.pdf"
    write_report(workspace, drill, out, "after-action", actor="記録 係")
    flat = pdf_text(out).replace("\n", "")
    plan = ransomware(workspace)
    deadline = plan.deadline("ppc_preliminary")
    assert deadline is not None
    assert "事後検証報告書" in flat
    for heading in ("フェーズごとの所要時間", "重要手順の時刻と期限", "タイムラインチャート"):
        assert heading in flat
    assert all(phase.title.ja in flat for phase in plan.phases)  # in the table and the chart
    # A deadline lane of the chart, its label fitted to the lane's width.
    assert f"期限: {deadline.title.ja[:12]}" in flat
    assert f"{deadline.title.ja}: 期限内に完了" in flat  # the key step against its deadline
    assert title(plan, "decryptor") in flat and "既知の復号ツールなし" in flat
    assert "VPN 装置の更新状況を月次で確認する" in flat and "改善項目" in flat
    assert "連絡網の電話番号が古かった" in flat
    for label in STAMPS:
        assert label in flat
    assert_fonts_embedded(out)


def test_clock_going_backwards_is_flagged_in_the_timeline(tmp_path: Path) -> None:
    from dataclasses import replace

    from app.domain.state import fold
    from app.reports.facts import record_data
    from bench.reports import make_entries, ransomware

    plan = ransomware()
    entries = make_entries(12, plan)
    entries[7] = replace(
        entries[7], recorded_at="2026-11-24T00:00:00.000000Z", flags="clock_backwards"
    )
    data = record_data(fold("2026-0001", entries, lambda _sha: plan), entries)
    out = tmp_path / "clock.pdf"
    render_record(data, out)
    flat = pdf_text(out).replace("\n", "")
    assert "時計逆行" in flat and "記録 R8.11.24（火）09:00" in flat


def test_unknown_kind_and_incident_are_refused(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    import pytest

    from app.errors import SonaeError

    with pytest.raises(SonaeError):
        write_report(workspace, drill, tmp_path / "x.pdf", "summary")
    with pytest.raises(SonaeError):
        write_report(workspace, "2026-9999", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_write_report_runs_on_a_worker_thread(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    stages: list[str] = []
    before = workspace.incidents.state(drill).entries
    with ThreadPoolExecutor(1) as pool:
        issued = pool.submit(
            write_report,
            workspace,
            drill,
            tmp_path / "t.pdf",
            "record",
            "記録 係",
            None,
            stages.append,
        ).result(timeout=60)
    assert stages == ["reading", "rendering", "recording", "done"]
    assert issued.entries == before and "インシデント対応記録" in pdf_text(issued.path)
    # the window's own workspace sees the entry the worker wrote through its own connection
    assert workspace.incidents.state(drill).entries == before + 1


def test_as_of_fixes_the_deadline_states(workspace: Workspace, drill: str) -> None:
    from datetime import timedelta

    from app.domain.timeutil import parse_iso

    data = load_record_data(workspace, drill)
    late = load_record_data(workspace, drill, as_of=data.as_of + timedelta(days=90))
    final = {d.id: d.state for d in data.deadlines}["ppc_final"]
    assert final == "running"
    assert {d.id: d.state for d in late.deadlines}["ppc_final"] == "overdue"
    assert data.as_of >= parse_iso(data.entries[-1].occurred_at)


def test_a_just_opened_incident_prints(workspace: Workspace, tmp_path: Path) -> None:
    incident = workspace.incidents.start("power_outage", "本庁舎の停電", "山田 一郎")
    for kind in ("record", "after-action"):
        out = tmp_path / f"{kind}.pdf"
        write_report(workspace, incident, out, kind, actor="山田 一郎")
        flat = pdf_text(out).replace("\n", "")
        assert "本庁舎の停電" in flat and "未着手" in flat


def test_a_corrected_step_is_marked_and_hours_stay_hours(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    from app.domain.playbook import Deadline
    from app.reports.facts import period_label

    out = tmp_path / "record.pdf"
    write_report(workspace, drill, out)
    flat = "".join(pdf_text(out).split())
    entries = workspace.incidents.entries(drill)
    correction = next(e for e in entries if e.kind == "corrected")
    # The re-entered record_note says it is the record after a correction, and which one.
    steps = flat[flat.index("手順の実施状況") : flat.index("経過記録（タイムライン）")]
    assert f"（訂正後の記録、訂正#{correction.seq}）" in steps
    assert steps.count("訂正後の記録") == 1  # only the step that was corrected
    # A clock the plan writes in hours is printed in hours, as the law counts it.
    base = {
        "id": "x",
        "title": {"ja": "x", "en": "x"},
        "from": "awareness",
        "met_by": "s",
        "basis": "b",
    }
    assert period_label(Deadline.model_validate({**base, "within": "PT72H"})) == "72時間"
    assert period_label(Deadline.model_validate({**base, "within": "P3D"})) == "3日"
    assert period_label(Deadline.model_validate({**base, "within": "P1DT12H"})) == "36時間"

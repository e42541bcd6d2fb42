"""Schema 2 on paper: a clock counted in days prints its due day and why it moved, and the blank
checklist prints check items, repeats, targets and the contact-record line."""

from __future__ import annotations

from pathlib import Path

from app.domain.clock import ManualClock
from app.services.reports import write_checklist, write_report
from app.services.workspace import Workspace
from tests.reports.conftest import assert_fonts_embedded, pdf_text
from tests.unit.test_schema_2 import ACTOR, jst, write_library


def test_a_calendar_day_clock_prints_its_due_day_and_why(data_dir: Path, tmp_path: Path) -> None:
    write_library(data_dir / "playbooks")
    ws = Workspace(data_dir, clock=ManualClock(jst(2026, 12, 3, 9)))
    try:
        incident = ws.incidents.start("s2_drill", "訓練", ACTOR, mode="drill",
                                      at=jst(2026, 12, 2, 10), awareness_at=jst(2026, 12, 2, 9))  # fmt: skip
        out = tmp_path / "record.pdf"
        write_report(ws, incident, out, "record", actor=ACTOR)
    finally:
        ws.close()
    flat = pdf_text(out).replace("\n", "")
    assert "30日（暦日）" in flat
    assert "令和9年1月4日（月）24:00" in flat  # the end of 4 January, the next working day
    assert "30日目が年末年始（12月29日〜1月3日）のため翌開庁日" in flat
    assert "判断が未回答のため、対象として計時中" in flat
    assert "記録値（fuel.hours_left）" in flat
    assert_fonts_embedded(out)


def test_the_checklist_prints_checks_repeats_targets_and_contacts(
    data_dir: Path, tmp_path: Path
) -> None:
    write_library(data_dir / "playbooks")
    ws = Workspace(data_dir)
    try:
        out = tmp_path / "paper.pdf"
        write_checklist(ws, "s2_drill", out)
    finally:
        ws.close()
    flat = pdf_text(out).replace("\n", "")
    assert "LANケーブルを抜いた" in flat and "無線LANを無効にした" in flat  # boxes are drawn
    assert "目標: 認知から15分以内" in flat
    assert "4時間ごとに繰り返す（各回を記録）" in flat
    assert "連絡記録: 相手・手段・日時・応対者・受付番号・結果" in flat

"""The record's commands: lessons, reasons, who issues, the copy to send and the exercise checklist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain import kinds as k
from app.paths import data_dir
from app.services.workspace import Workspace
from tests.e2e.test_cli import run, start
from tests.reports.conftest import pdf_pages, pdf_text


def entries(incident: str) -> list:  # type: ignore[type-arg]
    ws = Workspace(data_dir())
    try:
        return ws.incidents.entries(incident)
    finally:
        ws.close()


def test_a_lesson_and_an_improvement_item_from_the_command_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    incident = start(capsys)
    code, _, err = run(
        capsys, "incident", "lesson", incident, "初動は早かった", "--category", "went_well"
    )
    assert code == 0, err
    code, _, err = run(
        capsys,
        "incident",
        "lesson",
        incident,
        "VPN 装置の更新を月次で確かめる",
        "--owner",
        "情報管理課長",
        "--due",
        "2027-03-31",
        "--step",
        "isolate",
    )
    assert code == 0, err
    lessons = [k.read_payload(e, k.Lesson) for e in entries(incident) if e.kind == "lesson"]
    assert lessons[0].category == "went_well" and not lessons[0].improvement
    item = lessons[1]
    assert (item.improvement, item.owner, item.due, item.plan, item.step) == (
        True,
        "情報管理課長",
        "2027-03-31",
        "ransomware",
        "isolate",
    )
    # Refused in one line, nothing written: a bad date, a step the plan lacks, a bad category.
    before = len(entries(incident))
    for bad in (["--due", "31/03/2027"], ["--step", "no_such_step"]):
        code, _, err = run(capsys, "incident", "lesson", incident, "x", *bad)
        assert code == 1 and len(err.strip().splitlines()) == 1, err
    with pytest.raises(SystemExit):
        run(capsys, "incident", "lesson", incident, "x", "--category", "bad")
    assert len(entries(incident)) == before


def test_a_decision_keeps_its_reason(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    incident = start(capsys)
    reason = "暗号化されたサーバに給与データがある"
    code, _, err = run(
        capsys, "incident", "decide", incident, "personal_data", "yes", "--reason", reason
    )
    assert code == 0, err
    decided = next(e for e in entries(incident) if e.kind == "decided")
    assert k.read_payload(decided, k.Decided).reason == reason
    code, out, _ = run(capsys, "timeline", incident)
    assert f"reason: {reason}" in out


def test_who_issues_is_a_setting_and_a_bad_one_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    code, out, _ = run(capsys, "settings")
    assert code == 0 and "organisation: 小郡市" in out
    assert run(capsys, "settings", "department", "総務部 情報管理課")[0] == 0
    code, _, err = run(capsys, "settings", "organisation", "")
    assert code == 1 and "empty" in err
    out_pdf = tmp_path / "r.pdf"
    assert run(capsys, "report", incident, "--out", str(out_pdf), "--actor", "記録 係")[0] == 0
    first = "".join(pdf_pages(out_pdf)[0].split())
    assert "団体名小郡市" in first and "報告者総務部情報管理課記録係" in first
    shown = json.loads((data_dir / "organisation.json").read_text("utf-8"))
    assert shown["department"] == "総務部 情報管理課"
    # Read-only changes nothing, and says so in one line.
    code, _, err = run(capsys, "--read-only", "settings", "department", "別の課")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "read-only" in err
    assert json.loads((data_dir / "organisation.json").read_text("utf-8")) == shown


def test_the_copy_to_send_and_the_exercise_checklist(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    run(capsys, "incident", "note", incident, "内部メモ: 委託先の担当者と電話")
    send = tmp_path / "send.pdf"
    code, _, err = run(capsys, "report", incident, "--kind", "submission", "--out", str(send))
    assert code == 0, err
    flat = "".join(pdf_text(send).split())
    assert "インシデント報告書（写し）" in flat and "内部メモ" not in flat
    issued = entries(incident)[-1]
    assert issued.kind == "report_issued" and issued.payload["report"] == "submission"
    paper = tmp_path / "drill.pdf"
    code, _, err = run(capsys, "print", "ransomware", "--mode", "drill", "--out", str(paper))
    assert code == 0, err
    text = "".join(pdf_text(paper).split())
    assert "決裁欄評価者訓練統括作成者" in text or "訓練評価欄評価者訓練統括作成者" in text

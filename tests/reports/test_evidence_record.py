"""The record's 証拠ファイル section, read back from the PDF: each file with its whole sha256 in
groups, its size, who attached it and when, its step, and every custody event."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pdfplumber

from app.domain.clock import ManualClock
from app.reports.layout import group_hex
from app.reports.report_page import era_iso
from app.services.evidence import export_evidence
from app.services.reports import write_report
from app.services.workspace import Workspace
from tests.reports.conftest import make_incident, pdf_text, ransomware, title


def attach(ws: Workspace, clock: ManualClock, incident: str, tmp_path: Path) -> tuple[str, str]:
    inc = ws.incidents
    photo = tmp_path / "脅迫文_FIN-PC-023.jpg"
    photo.write_bytes(b"\xff\xd8 ransom note " * 150_000)
    log = tmp_path / "firewall.log"
    log.write_bytes(b"deny tcp 203.0.113.9 -> 10.0.0.23:445\n" * 40)
    clock.advance(timedelta(minutes=3))
    first = inc.add_evidence(incident, photo, "山田 一郎", step="isolate", note="画面を撮影")
    clock.advance(timedelta(minutes=3))
    second = inc.add_evidence(incident, log, "佐藤 花子")
    clock.advance(timedelta(minutes=3))
    sha = first.payload["sha256"]
    export_evidence(ws, incident, sha, tmp_path / "copy.jpg", "山田 一郎", to="福岡県警察本部")
    clock.advance(timedelta(minutes=3))
    inc.hand_over_evidence(
        incident, sha[:8], "山田 一郎", "警部補 田中", "handed_over", note="受領書あり"
    )
    return sha, second.payload["sha256"]


def test_the_record_lists_each_file_with_its_hash_who_when_and_custody(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = make_incident(workspace, clock)
    photo_sha, log_sha = attach(workspace, clock, incident, tmp_path)
    state = workspace.incidents.state(incident)
    photo, log = state.evidence
    out = tmp_path / "record.pdf"
    write_report(workspace, incident, out, "record", actor="記録 係")
    text = pdf_text(out)
    section = text[text.index("証拠ファイル\n") : text.index("経過記録（タイムライン）")]
    flat = "".join(section.split())
    for sha in (photo_sha, log_sha):
        assert sha in flat  # whole
        groups = group_hex(sha).split(" ")
        for line in range(4):  # four readable lines of four groups
            assert " ".join(groups[4 * line : 4 * line + 4]) in section, (sha, line)
    for said in (
        "脅迫文_FIN-PC-023.jpg",
        "2.1MB（2,250,000バイト）",
        "firewall.log",
        "1.5KB（1,520バイト）",
        "山田一郎",
        "佐藤花子",
        "".join(era_iso(photo.at).split()),
        "".join(era_iso(log.at).split()),
        "手順:" + "".join(title(ransomware(workspace), "isolate").split()),
        "メモ:画面を撮影",
        "ファイルへ書き出し:福岡県警察本部（山田一郎）",
        "ファイル:" + str(tmp_path / "copy.jpg"),
        "引渡し:警部補田中（山田一郎）",
        "メモ:受領書あり",
        "".join(era_iso(photo.custody[1].at).split()),
    ):
        assert said in flat, said
    assert photo.sha256 == photo_sha and log.custody == ()
    assert flat.index("firewall.log") > flat.index("警部補田中")  # in the order attached


def test_the_sha_column_holds_its_groups_without_touching_the_next_column(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = make_incident(workspace, clock)
    photo_sha, _ = attach(workspace, clock, incident, tmp_path)
    out = tmp_path / "record.pdf"
    write_report(workspace, incident, out, "record", actor="記録 係")
    first_line = " ".join(group_hex(photo_sha).split(" ")[:4])
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(keep_blank_chars=True)
            header = next((w for w in words if w["text"].strip() == "添付"), None)
            line = next((w for w in words if first_line in w["text"]), None)
            if header is None or line is None:
                continue
            assert line["x1"] < header["x0"] - 2, (line, header)
            return
    raise AssertionError("the evidence table was not found")


def test_a_record_without_evidence_says_so(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = make_incident(workspace, clock)
    out = tmp_path / "record.pdf"
    write_report(workspace, incident, out, "record", actor="記録 係")
    assert "添付された証拠ファイルはありません。" in pdf_text(out)

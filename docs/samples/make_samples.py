"""Re-make the sample pages in this folder from the demo drill: ``python docs/samples/make_samples.py``.

Needs poppler's ``pdftoppm``. The demo runs on a fixed clock (the recording times are the real ones).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

from app.domain.clock import ManualClock
from app.domain.timeutil import parse_iso
from app.services.contacts import install_example
from app.services.demo import run_demo_incident
from app.services.reports import write_checklist, write_report, write_timeline_png
from app.services.workspace import Workspace

HERE = Path(__file__).resolve().parent
DPI = 60


def _page_with(pdf: Path, text: str) -> int:
    pages = [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]
    return next(n for n, page in enumerate(pages, start=1) if text in page)


def _png(pdf: Path, page: int, name: str) -> None:
    stem = HERE / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile"]
        + [str(pdf), str(stem)],
        check=True,
    )
    print(stem.with_suffix(".png"))


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ws = Workspace(root / "data", clock=ManualClock(parse_iso("2026-11-26T06:05:00Z")))
        try:
            install_example(ws.root)
            incident = run_demo_incident(ws)
            record, after, paper = root / "record.pdf", root / "after.pdf", root / "paper.pdf"
            send = root / "send.pdf"
            write_report(ws, incident, record, "record", actor="sample")
            write_report(ws, incident, send, "submission", actor="sample")
            write_report(ws, incident, after, "after-action", actor="sample")
            write_checklist(ws, "ransomware", paper)
            write_timeline_png(ws, incident, HERE / "timeline-chart.png", actor="sample")
        finally:
            ws.close()
        _png(record, 1, "record-page1")
        _png(record, _page_with(record, "経過記録（タイムライン）"), "record-timeline")
        _png(send, 1, "submission-page1")
        _png(after, 1, "after-action-page1")
        _png(after, 2, "after-action-page2")
        _png(paper, 1, "checklist-page1")
        _png(paper, _page_with(paper, "期限（記入用）"), "checklist-deadlines")
        _png(paper, _page_with(paper, "連絡先一覧"), "checklist-contacts")
        _png(paper, _page_with(paper, "連絡記録（"), "checklist-call-log")
        _png(paper, _page_with(paper, "経過記録（1/"), "checklist-log")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

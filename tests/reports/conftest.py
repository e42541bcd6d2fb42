"""Incidents with something in every section of a record, and PDF reading helpers."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.domain.clock import ManualClock
from app.domain.playbook import Playbook
from app.services.workspace import Workspace


def ransomware(ws: Workspace) -> Playbook:
    """The bundled plan the tests follow; its wording is read from it, not copied here."""
    return ws.library.get("ransomware").plan


def title(plan: Playbook, step_id: str) -> str:
    step = plan.step(step_id)
    assert step is not None, step_id
    return step.title.ja


def make_incident(ws: Workspace, clock: ManualClock, mode: str = "drill") -> str:
    """A ransomware incident with steps done and skipped, decisions, a met deadline, a
    correction, a back-filled entry, notes and lessons."""
    inc = ws.incidents
    title = (
        "財務課ファイルサーバの暗号化"
        if mode != "real"
        else "財務課ファイルサーバの暗号化（実案件）"
    )
    incident_id = inc.start(
        "ransomware", title, "山田 一郎", mode=mode, body="市長部局 (新)", zones=["lgwan"]
    )

    def tick(minutes: int = 5) -> None:
        clock.advance(timedelta(minutes=minutes))

    tick()
    inc.complete_step(
        incident_id, "isolate", "山田 一郎", fields={"host": "FIN-PC-023", "location": "本庁舎2階"}
    )
    tick()
    wrong = inc.complete_step(
        incident_id, "record_note", "佐藤 花子", fields={"extension": ".lock"}
    )
    tick()
    inc.correct(incident_id, wrong.uuid, "拡張子の記録誤り", "佐藤 花子")
    tick()
    inc.complete_step(incident_id, "record_note", "佐藤 花子", fields={"extension": ".lockbit"})
    tick()
    inc.decide(incident_id, "personal_data", "unknown", "山田 一郎")
    inc.decide(incident_id, "operations_stopped", "no", "山田 一郎")
    tick()
    # Back-filled: it happened 20 minutes ago and is typed in now.
    inc.complete_step(
        incident_id,
        "report_manager",
        "佐藤 花子",
        fields={"reported_to": "財務課長"},
        at=clock.now() - timedelta(minutes=20),
        deputy_for="情報セキュリティ管理者",
    )
    tick()
    inc.skip_step(incident_id, "decryptor", "既知の復号ツールなし", "山田 一郎")
    tick()
    inc.complete_step(incident_id, "ppc_preliminary", "山田 一郎")
    tick()
    inc.note(incident_id, "委託先SEが到着、ログの保全を開始", "山田 一郎")
    inc.add_lesson(incident_id, "VPN 装置の更新状況を月次で確認する", "山田 一郎", improvement=True)
    inc.add_lesson(incident_id, "連絡網の電話番号が古かった", "佐藤 花子")
    return incident_id


@pytest.fixture
def drill(workspace: Workspace, clock: ManualClock) -> str:
    return make_incident(workspace, clock, "drill")


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def big_text_per_page(path: Path, min_size: float = 60) -> list[str]:
    """The characters set in a very large size on each page: the watermark and nothing else."""
    with pdfplumber.open(str(path)) as pdf:
        return [
            "".join(c["text"] for c in page.chars if c["size"] >= min_size) for page in pdf.pages
        ]


def assert_fonts_embedded(path: Path) -> list[str]:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed, so embedding cannot be checked")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "the PDF has no fonts at all"
    for row in rows:
        # name type encoding emb sub uni object ID: "emb" is the fourth column from the end.
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    return rows

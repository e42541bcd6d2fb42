"""A data folder written by the previous release (schema 3, payloads of version 1) opens,
verifies after its migration, and prints the same records.

``tests/fixtures/release_2026_12`` was made by the release before the entry-kind registry: the
demo drill, a step note naming its step in the payload, a tabletop exercise with a deadline met by
a step, that step retracted (the cascade found by step and time), and a hand-over. Beside it,
the text of each incident's record as that release printed it (``*.then.txt``) and as this one
prints it (``*.txt``): the same entries, times, people and facts, in the one vocabulary of the
screen (本番, 封じ込め済み, the plan's title instead of its id, a step note naming its step).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import __version__
from app.domain import kinds as k
from app.domain.clock import ManualClock
from app.domain.timeutil import JST
from app.services.reports import write_report
from app.services.workspace import Workspace

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "release_2026_12"


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    root = tmp_path / "old"
    root.mkdir()
    shutil.copy(FIXTURE / "sonae.db", root / "sonae.db")
    # A fixed device and signing key, so the checkpoint a printed record is signed with is the
    # same on every run (Ed25519 signatures are deterministic).
    (root / "device.json").write_text(json.dumps({"device": "old-laptop"}), "utf-8")
    key = base64.b64encode(bytes(range(32))).decode("ascii")
    (root / "signing-key.json").write_text(
        json.dumps({"name": "old-laptop", "private_key": key}), "utf-8"
    )
    return root


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_the_old_database_opens_and_verifies(old_folder: Path) -> None:
    ws = Workspace(old_folder)
    try:
        result = ws.verify()
        assert result.ok, result.describe()
        assert result.checked == sum(ws.incidents.count(i) for i in ws.incidents.ids())
        assert ws.incidents.ids() == ["2026-0001", "2026-0002"]
    finally:
        ws.close()


def test_old_payloads_read_through_their_upgrade(old_folder: Path) -> None:
    ws = Workspace(old_folder)
    try:
        notes = [e for e in ws.incidents.entries("2026-0001") if e.kind == "noted"]
        assert any(k.read_payload(e, k.Noted).legacy_step == "isolate" for e in notes)
        tabletop = ws.incidents.state("2026-0002")
        # The cascade of the old release retracted the deadline with its step.
        assert "ppc_preliminary" not in tabletop.met
        assert tabletop.playbook.id == "personal_data_leak"
    finally:
        ws.close()


@pytest.mark.parametrize("incident", ["2026-0001", "2026-0002"])
def test_the_old_records_print_the_same_content(
    old_folder: Path, tmp_path: Path, incident: str
) -> None:
    out = tmp_path / f"{incident}.pdf"
    # 作成日 is the day of printing: fixed, so the text is the same on any day.
    ws = Workspace(old_folder, clock=ManualClock(datetime(2026, 12, 3, 9, 0, tzinfo=JST)))
    try:
        write_report(ws, incident, out, actor="検証")
    finally:
        ws.close()
    printed = _text(out)
    # Each page's footer names the Sonae that printed it: the fixture says VERSION there.
    assert f"Sonae {__version__}" in printed
    same = printed.replace(f"Sonae {__version__}", "Sonae VERSION")
    assert same.rstrip() == (FIXTURE / f"{incident}.txt").read_text("utf-8").rstrip()
    # Against what the previous release printed: every moment and every hash it printed is
    # printed still (now in 和暦, the head in groups of four).
    then = (FIXTURE / f"{incident}.then.txt").read_text("utf-8")
    assert _moments(then) <= _moments(printed)
    joined = re.sub(r"(?<=\b[0-9a-f]{4}) (?=[0-9a-f]{4}\b)", "", printed)
    assert set(re.findall(r"[0-9a-f]{64}", then)) <= set(re.findall(r"[0-9a-f]{64}", joined))


def _moments(text: str) -> set[tuple[int, ...]]:
    """Every date and time a record prints, however it is written: 2026-11-25 09:04,
    令和8年11月25日（水）09:04 or R8.11.25（水）09:04 (令和 year + 2018)."""
    found = {
        tuple(int(v) for v in m)
        for m in re.findall(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})", text)
    }
    for y, mo, d, h, mi in re.findall(
        r"(?:令和|R)(\d+)[年.](\d+)[月.](\d+)日?\s*（.）\s*(\d{2}):(\d{2})", text
    ):
        found.add((int(y) + 2018, int(mo), int(d), int(h), int(mi)))
    return found

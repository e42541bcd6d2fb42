"""Faults while a bundle is merged: the process killed with SIGKILL at random moments of the
import, the disk full at the write, a read-only folder. Every time the receiving database opens
cleanly and verifies, holds all it held (acknowledged entries are never lost), and holds the
bundle either whole or not at all: a merge is one transaction."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.clock import ManualClock
from app.domain.entries import EntryDraft
from app.errors import SonaeError
from app.services.bundle_import import import_bundle
from app.services.bundles import export_incident
from app.services.workspace import Workspace
from tests.conftest import START

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
from pathlib import Path
from app.services.bundle_import import import_bundle
from app.services.workspace import Workspace
ws = Workspace(Path(sys.argv[1]))
print("importing", flush=True)
import_bundle(ws, Path(sys.argv[2]))
print("done", flush=True)
ws.close()
"""


def big_bundle(tmp_path: Path, entries: int) -> tuple[Path, str, int]:
    source = Workspace(tmp_path / "sender", clock=ManualClock(START))
    try:
        incident = source.incidents.start("ransomware", "暗号化", "田中")
        source.store.append(
            [
                EntryDraft(
                    incident,
                    "noted",
                    "田中",
                    START + timedelta(seconds=n),
                    payload={"text": "経過"},
                )
                for n in range(1, entries)
            ]
        )
        bundle = tmp_path / "big.sonae"
        export_incident(source, incident, bundle, "田中")
        total = len(source.incidents.entries(incident))
    finally:
        source.close()
    return bundle, incident, total


def receiver_with_own_incident(root: Path) -> tuple[str, int]:
    """A receiving laptop that already holds an incident of its own (what must never be lost)."""
    ws = Workspace(root, clock=ManualClock(START))
    try:
        ws.incidents.start("ransomware", "この端末の対応", "鈴木")
        own = ws.incidents.ids()[0]
        for n in range(5):
            ws.incidents.note(own, f"メモ {n}", "鈴木")
        return own, len(ws.incidents.entries(own))
    finally:
        ws.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")
def test_sigkill_during_an_import_leaves_the_bundle_whole_or_absent(tmp_path: Path) -> None:
    bundle, incident, total = big_bundle(tmp_path, 4000)
    rng = random.Random(20261203)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = set()
    for round_ in range(6):
        root = tmp_path / f"receiver{round_}"
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(root), str(bundle)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "importing"
        time.sleep(rng.uniform(0.0, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        ws = Workspace(root, clock=ManualClock(START))
        try:
            conn = sqlite3.connect(ws.store.path)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
            held = len(ws.incidents.entries(incident)) if incident in ws.store.incident_ids() else 0
            assert held in (0, total)  # one transaction: all of it or none
            outcomes.add(held)
            result = ws.verify()
            assert result.ok, result.describe()
            # Whatever the kill left, importing again completes the merge.
            import_bundle(ws, bundle)
            assert len(ws.incidents.entries(incident)) == total
            assert ws.verify().ok
        finally:
            ws.close()
    assert outcomes  # at least one round was looked at


def test_a_full_disk_at_the_write_refuses_the_import_and_loses_nothing(tmp_path: Path) -> None:
    bundle, incident, _ = big_bundle(tmp_path, 50)
    root = tmp_path / "receiver"
    own, held = receiver_with_own_incident(root)
    ws = Workspace(root, clock=ManualClock(START))
    try:
        assert own == incident  # both laptops numbered their own incident 2026-0001
        # The bundle's incident has the same number as this laptop's own: refused as another
        # incident under that number, nothing written.
        with pytest.raises(SonaeError):
            import_bundle(ws, bundle)
        assert len(ws.incidents.entries(own)) == held
    finally:
        ws.close()
    fresh = tmp_path / "fresh"
    ws = Workspace(fresh, clock=ManualClock(START))
    try:
        # The disk fills up: SQLite may grow the file by a page or two, no more (SQLITE_FULL,
        # "database or disk is full", as a full disk gives it).
        conn = ws.store.db.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(SonaeError) as refused:
            import_bundle(ws, bundle)
        assert "\n" not in str(refused.value)
        assert "内部エラー" not in str(refused.value) and "Internal" not in str(refused.value)
        conn.execute("PRAGMA max_page_count = 1073741823")
        assert incident not in ws.store.incident_ids()
        assert ws.verify().ok
        assert ws.store.checkpoints() == []
        import_bundle(ws, bundle)  # with room again, it goes through
        assert ws.verify(incident).ok
    finally:
        ws.close()


def test_a_read_only_folder_refuses_the_import_in_one_line(tmp_path: Path) -> None:
    bundle, incident, _ = big_bundle(tmp_path, 10)
    root = tmp_path / "receiver"
    Workspace(root, clock=ManualClock(START)).close()
    ws = Workspace(root, clock=ManualClock(START), read_only=True)
    try:
        with pytest.raises(SonaeError) as refused:
            import_bundle(ws, bundle)
        assert "\n" not in str(refused.value)
    finally:
        ws.close()

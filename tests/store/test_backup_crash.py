"""Kill a process with SIGKILL in the middle of a backup, many times, while it also writes: every
acknowledged entry is in the live database, which opens cleanly and verifies; every file that
carries a backup's name is a complete, verified copy of the log as it was; what a killed backup
left is a temporary file, which the next backup removes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.entries import EntryDraft
from app.errors import SonaeError
from app.store.backup import TEMP, backup_into, check_backup, listed
from app.store.log import LogStore
from app.store.verify import verify
from tests.store.helpers import T0, fill, raw

ROUNDS = 10
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")
def test_sigkill_mid_backup_loses_nothing_and_leaves_no_half_backup(tmp_path: Path) -> None:
    path = tmp_path / "sonae.db"
    folder = tmp_path / "backups"
    store = LogStore(path)
    incident = fill(store, notes=0)
    # Enough log that a backup takes a while (its verify, above all).
    store.append(
        [
            EntryDraft(
                incident, "noted", "a", T0 + timedelta(seconds=n), payload={"text": "x" * 200}
            )
            for n in range(3000)
        ]
    )
    store.close()
    acknowledged: dict[int, str] = {}
    last_phases: list[str] = []
    rng = random.Random(20261125)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(ROUNDS):
        slow = round_ % 3 == 0
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store.backup_child", str(path), str(folder), incident]
            + (["--slow"] if slow else []),
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert child.stdout is not None
        lines = []
        while True:  # until its first backup is under way
            line = child.stdout.readline()
            assert line, "the child died before backing up"
            lines.append(line)
            if line.startswith("phase copy"):
                break
        time.sleep(rng.uniform(0.05, 0.3) if slow else rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        lines += rest.splitlines()
        for line in lines:
            if line.startswith("ack "):
                _, seq, digest = line.split()
                acknowledged[int(seq)] = digest
        said = [line.split()[-1] for line in lines if line.startswith(("phase", "made"))]
        last_phases.append("made" if said[-1].endswith(".db") else said[-1])
        if slow:
            assert said[-1] == "copy"  # killed mid-copy: a half-written temporary is there
            halves = [folder / n for n in os.listdir(folder) if n.startswith(TEMP)]
            assert any(h.suffix == ".db" for h in halves)
            for half in halves:  # which would not pass as a backup, were it named as one
                if half.suffix == ".db":
                    with pytest.raises(SonaeError, match="は復元できません: "):
                        check_backup(half)

        # The live database opens cleanly, whole, and holds every acknowledged entry.
        conn = raw(path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
        live = LogStore(path)
        try:
            assert verify(live).ok
            present = {e.seq: e.hash for e in live.entries(incident)}
            missing = [s for s, h in acknowledged.items() if present.get(s) != h]
            assert not missing, f"acknowledged entries lost: {missing[:5]}"
            # Whatever has a backup's name is complete: it verifies, and it is the live chain
            # as it was at some moment.
            for made in listed(folder):
                checked = check_backup(made.path)
                copy = LogStore(made.path, read_only=True)
                try:
                    held = copy.count(incident)
                    assert copy.hash_at(incident, held) == live.hash_at(incident, held)
                    assert checked.entries == held
                finally:
                    copy.close()
        finally:
            live.close()

    assert len(acknowledged) > ROUNDS  # the writer really wrote during the backups
    assert "copy" in last_phases  # kills landed mid-copy ...
    assert listed(folder), "no backup ever completed: the kills tested only the start"
    # The next backup sweeps away whatever the killed ones left.
    store = LogStore(path)
    try:
        made = backup_into(store, folder, "manual", T0 + timedelta(days=1))
    finally:
        store.close()
    assert made.entries >= max(acknowledged)
    left = [name for name in os.listdir(folder) if name.startswith(TEMP)]
    assert left == []

"""Kill a writing process with SIGKILL many times: every acknowledged entry survives, intact."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.store.log import LogStore
from app.store.verify import verify
from tests.store.helpers import fill

ROUNDS = 25


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")
def test_sigkill_mid_stream_loses_no_acknowledged_entry(tmp_path: Path) -> None:
    path = tmp_path / "sonae.db"
    store = LogStore(path)
    incident = fill(store, notes=0)
    store.close()
    acknowledged: dict[int, str] = {}
    rng = random.Random(20261125)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    for _ in range(ROUNDS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.store.crash_writer", str(path), incident],
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
            env=env,
        )
        assert writer.stdout is not None
        first = writer.stdout.readline()  # wait until it is really writing
        assert first, "the writer died before writing"
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        for line in [first, *rest.splitlines()]:
            if line.strip():
                seq, digest = line.split()
                acknowledged[int(seq)] = digest
        store = LogStore(path)
        try:
            result = verify(store)
            assert result.ok, result.describe()
            present = {e.seq: e.hash for e in store.entries(incident)}
        finally:
            store.close()
        missing = {s: h for s, h in acknowledged.items() if present.get(s) != h}
        assert not missing, f"acknowledged entries lost: {sorted(missing)[:5]}"
    assert len(acknowledged) > ROUNDS  # the kills really did land mid-stream, many entries in

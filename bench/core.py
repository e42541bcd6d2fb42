"""Core figures: the latency of recording an action, and the fold of a large incident.

Floors, measured in the same run on the same disk:
- append: a raw sqlite3 INSERT + COMMIT of a row of the same size, WAL and synchronous=FULL.
- a recording command: ``sonae incident note ID TEXT`` as a whole process (start, read the
  incident, write the note, exit) on a small incident, against a process that only imports
  sqlite3; the two interleaved, each the median of its runs.
- fold: a plain Python loop that only reads each entry's kind (the least any replay must do).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.clock import ManualClock
from app.domain.entries import EntryDraft, LogEntry
from app.domain.state import fold
from app.services.workspace import Workspace
from bench.processes import process_env, run_seconds
from bench.table import Row

START = datetime(2026, 11, 25, tzinfo=UTC)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def append_samples(folder: Path, count: int) -> tuple[list[float], list[float]]:
    """(floor, ours): interleaved one by one, so both see the same disk and the same load."""
    conn = sqlite3.connect(str(folder / "floor.db"))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    text = "委託先SEが到着、ログの保全を開始" * 2
    body = json.dumps({"text": text}, ensure_ascii=False) + "x" * 400  # about one entry's size

    def insert() -> None:
        conn.execute("INSERT INTO t (body) VALUES (?)", (body,))
        conn.commit()

    ws = Workspace(folder / "ws", clock=ManualClock(START))
    incident = ws.incidents.start("ransomware", "bench", "bench", mode="drill")

    def record() -> None:
        ws.incidents.note(incident, text, "bench")

    floor, ours = [], []
    for _ in range(count):
        floor.append(_timed(insert))
        ours.append(_timed(record))
    conn.close()
    ws.close()
    return floor, ours


def note_command_seconds(folder: Path, runs: int) -> tuple[float, float]:
    """Median seconds (floor, ours): ``python -c "import sqlite3"`` and a whole ``sonae incident
    note`` process on a small incident, interleaved."""
    data = folder / "cli"
    ws = Workspace(data)
    incident = ws.incidents.start("ransomware", "bench", "bench", mode="drill")
    ws.close()
    env = process_env(folder)
    floor = [sys.executable, "-c", "import sqlite3"]
    note = [sys.executable, "-m", "app", "--data-dir", str(data), "incident", "note", incident]
    note += ["委託先SEが到着、ログの保全を開始", "--actor", "bench"]
    run_seconds(floor, env)  # fill the byte-code cache
    run_seconds(note, env)
    floors, ours = [], []
    for _ in range(runs):
        floors.append(run_seconds(floor, env))
        ours.append(run_seconds(note, env))
    return statistics.median(floors), statistics.median(ours)


def big_incident(folder: Path, size: int) -> tuple[Workspace, str]:
    """An incident of ``size`` entries, written through the store in batches."""
    ws = Workspace(folder / "big", clock=ManualClock(START))
    incident = ws.incidents.start("ransomware", "bench", "bench", mode="drill", at=START)
    plan = ws.incidents.state(incident).playbook.plan
    steps = [s.id for s in plan.steps()]
    batch: list[EntryDraft] = []
    for n in range(1, size):
        at = START + timedelta(seconds=n)
        if n % 50 == 0:
            batch.append(
                EntryDraft(
                    incident, "step_started", "bench", at, step_id=steps[n // 50 % len(steps)]
                )
            )
        elif n % 97 == 0:
            batch.append(
                EntryDraft(
                    incident,
                    "decided",
                    "bench",
                    at,
                    decision_id="personal_data",
                    payload={"choice": ["yes", "no", "unknown"][n % 3]},
                )
            )
        else:
            batch.append(
                EntryDraft(
                    incident, "noted", f"responder{n % 7}", at, payload={"text": f"経過メモ {n}"}
                )
            )
        if len(batch) == 2000:
            ws.store.append(batch)
            batch = []
    if batch:
        ws.store.append(batch)
    return ws, incident


def fold_figures(folder: Path, size: int) -> list[Row]:
    ws, incident = big_incident(folder, size)
    begin = time.perf_counter()
    entries = ws.store.entries(incident)
    load_ms = (time.perf_counter() - begin) * 1000
    resolve = ws.incidents.resolve_plan
    best_fold = min(_timed(lambda: fold(incident, entries, resolve)) for _ in range(3))
    best_floor = min(_timed(lambda: _floor_loop(entries)) for _ in range(3))
    label = f"{size // 1000}k" if size >= 1000 else str(size)
    imported = import_figures(folder, ws, incident, label)
    ws.close()
    return imported + [
        Row(
            f"fold of a {label}-entry incident",
            best_fold,
            "ms",
            best_floor,
            "loop reading each kind",
            "< 1000 ms",
            best_fold < 1000,
        ),
        Row(f"load {label} entries from SQLite", load_ms, "ms"),
    ]


IMPORT_CHILD = """
import sys
from pathlib import Path
from bench.core import ManualClock, START, Workspace, _timed
from app.services.bundle_import import import_bundle
folder, incident = Path(sys.argv[1]), sys.argv[2]
source = Workspace(folder / "big", clock=ManualClock(START))
reads, merges = [], []
for n in range(3):
    reads.append(_timed(lambda: source.store.entries(incident)))
    target = Workspace(folder / f"receiver{n}", clock=ManualClock(START))
    merges.append(_timed(lambda: import_bundle(target, folder / "big.sonae")))
    target.close()
source.close()
print(min(reads), min(merges))
"""


def import_figures(folder: Path, ws: Workspace, incident: str, label: str) -> list[Row]:
    """A bundle of the incident, verified and merged into a new data folder, beside reading the
    same entries from SQLite (interleaved, best of three each), in a process of their own: this
    one holds the large incident, and what the import leaves would weigh on later figures."""
    from app.services.bundles import export_incident

    export_incident(ws, incident, folder / "big.sonae", "bench")
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHILD, str(folder), incident],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    read, merge = (float(v) for v in done.stdout.split())
    return [
        Row(
            f"import of a {label}-entry bundle (verified, merged)",
            merge,
            "ms",
            read,
            "read the entries from SQLite",
            "<= 3.0x floor",
            merge <= 3.0 * read,
        )
    ]


def _floor_loop(entries: list[LogEntry]) -> int:
    return sum(1 for e in entries if e.kind)


def _timed(action: Callable[[], object]) -> float:
    begin = time.perf_counter()
    action()
    return (time.perf_counter() - begin) * 1000


def run(smoke: bool) -> list[Row]:
    appends = 200 if smoke else 2000
    fold_size = 5_000 if smoke else 100_000
    commands = 3 if smoke else 21
    with tempfile.TemporaryDirectory(prefix="sonae-bench-") as scratch:
        folder = Path(scratch)
        floor, ours = append_samples(folder, appends)
        p50, p99 = _percentiles(ours)
        f50, f99 = _percentiles(floor)
        bare, note = note_command_seconds(folder, commands)
        rows = [
            Row(
                f"append p50 ({appends} recorded notes)",
                p50,
                "ms",
                f50,
                "raw sqlite3 insert+commit",
                "<= 1.5x floor",
                p50 <= 1.5 * f50,
            ),
            Row(
                f"append p99 ({appends} recorded notes)",
                p99,
                "ms",
                f99,
                "raw sqlite3 insert+commit",
            ),
            Row(
                "recording CLI command (note), whole process",
                note * 1000,
                "ms",
                bare * 1000,
                'python -c "import sqlite3"',
                "<= 4.0x floor",
                note <= 4.0 * bare,
            ),
        ]
        rows += fold_figures(folder, fold_size)
    return rows

"""Desktop-app figures, each beside a floor measured in the same run.

- start-up: ``sonae gui`` until its home window handles events, against a bare PySide6 window
  doing the same (both started as fresh processes, so both pay for Python and Qt start-up; both
  with the run's byte-code cache, see ``bench/processes.py``). Targets: within 1.5x the floor
  for the window, 2.5x until home lists the incidents.
- frozen start-up: the one-folder build (``dist/sonae/sonae``, made by ``make package``, which
  ``make bench`` runs first) until its home window handles events, against ``sonae gui`` from
  the checkout in the same run. Target: within 1.5x.
- opening an incident: from ``open_incident`` until the situation bar says where the response
  is, the runner shows the current step and the timeline its first rows, in a fresh workspace
  (nothing in memory), at 300 entries (a real incident's size) and at 100,000. The floor is the
  same window opening an incident of 3 entries. Target: within 5x the floor for both.
  The incident was opened once before, in an earlier workspace, as an incident a responder
  works on was (so its snapshot is kept); the first open of a log that was never folded here (a
  copy brought from elsewhere) is the next row, without a target.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.processes import process_env
from bench.table import Row

START = datetime(2026, 11, 25, tzinfo=UTC)
BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("bare")
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""


def _env(data: Path, ready: str = "window") -> dict[str, str]:
    env = process_env(data.parent, SONAE_DATA_DIR=str(data), SONAE_EXIT_WHEN_READY=ready)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _time_process(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process until it prints "ready" (its exit is not counted)."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - began
    _, err = process.communicate(timeout=120)
    if process.returncode != 0 or "ready" not in line:
        raise RuntimeError(f"{command} failed: {err[-2000:]}")
    return elapsed


FROZEN = Path(__file__).resolve().parents[1] / "dist" / "sonae" / "sonae"


def startup(runs: int, folder: Path) -> tuple[float, float, float, float | None]:
    """Median seconds: (bare PySide6 window, sonae's interactive home window, sonae's home
    with its incidents listed, the frozen build's interactive home window or None when there
    is no build), interleaved so they share the machine's load."""
    from app.services.demo import run_demo_incident
    from app.services.workspace import Workspace

    data = folder / "startup"
    ws = Workspace(data)
    run_demo_incident(ws)  # a home screen with something on it, as users have
    ws.close()
    bare, ours, listed, frozen = [], [], [], []
    gui = [sys.executable, "-m", "app", "gui"]
    _time_process([sys.executable, "-c", BARE_WINDOW], _env(data))  # fill the byte-code cache
    _time_process(gui, _env(data, "data"))
    if FROZEN.is_file():
        _time_process([str(FROZEN), "gui"], _env(data))  # its files in the page cache too
    for _ in range(runs):
        bare.append(_time_process([sys.executable, "-c", BARE_WINDOW], _env(data)))
        ours.append(_time_process(gui, _env(data)))
        listed.append(_time_process(gui, _env(data, "data")))
        if FROZEN.is_file():
            frozen.append(_time_process([str(FROZEN), "gui"], _env(data)))
    median = statistics.median
    return median(bare), median(ours), median(listed), median(frozen) if frozen else None


def make_incident(root: Path, entries: int) -> str:
    from app.domain.clock import ManualClock
    from app.domain.entries import EntryDraft
    from app.services.workspace import Workspace

    ws = Workspace(root, clock=ManualClock(START + timedelta(days=1)))
    incident = ws.incidents.start("ransomware", "大量の記録", "bench", mode="drill", at=START)
    ws.incidents.decide(incident, "personal_data", "unknown", "bench", at=START)
    chunk = 10_000
    for first in range(0, entries - 2, chunk):
        ws.store.append(
            [
                EntryDraft(
                    incident,
                    "noted",
                    f"係{i % 7}",
                    START + timedelta(seconds=i),
                    payload={"text": f"経過メモ {i}: 委託先SEがログを保全中"},
                )
                for i in range(first, min(first + chunk, entries - 2))
            ]
        )
    ws.close()
    return incident


def opened_before(root: Path, incident: str) -> None:
    """Open the incident in a workspace of its own, then close it: an earlier session."""
    from app.domain.clock import ManualClock
    from app.services.workspace import Workspace

    ws = Workspace(root, clock=ManualClock(START + timedelta(days=1)))
    ws.incidents.state(incident)
    ws.close()


def open_incident_seconds(root: Path, incident: str) -> float:
    """Seconds from asking to open until the situation bar, the current step and the timeline
    all show it."""
    from PySide6.QtWidgets import QApplication

    from app.domain.clock import ManualClock
    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow
    from app.ui.session import Session
    from app.ui.settings import UiSettings

    app = QApplication.instance() or QApplication([])
    ws = Workspace(root, clock=ManualClock(START + timedelta(days=1)))  # fresh: no cached fold
    window = MainWindow(Session(ws, UiSettings(actor="bench")))
    window.resize(1280, 800)
    window.show()  # not the home screen: it would fold the incident before the clock starts
    app.processEvents()
    view = window.incident
    began = time.perf_counter()
    window.open_incident(incident)
    while (
        view.step_panel.step is None
        or view.timeline.model.rowCount() == 0
        or view.situation_bar.situation is None
    ):
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()  # the frame that paints them
    elapsed = time.perf_counter() - began
    window.close()
    window.deleteLater()
    app.processEvents()
    ws.close()
    return elapsed


def filter_seconds(root: Path, incident: str) -> float:
    """Seconds the GUI thread is busy when the timeline is filtered to a rare kind or actor
    (the slower of the two): the rows found at the far, oldest end of the log."""
    from PySide6.QtWidgets import QApplication

    from app.domain.clock import ManualClock
    from app.services.workspace import Workspace
    from app.ui.main_window import MainWindow
    from app.ui.session import Session
    from app.ui.settings import UiSettings

    app = QApplication.instance() or QApplication([])
    ws = Workspace(root, clock=ManualClock(START + timedelta(days=1)))
    window = MainWindow(Session(ws, UiSettings(actor="bench")))
    window.resize(1280, 800)
    window.show()
    window.open_incident(incident)
    timeline = window.incident.timeline
    while window.incident.state is None:
        app.processEvents()
        time.sleep(0.001)
    times = []
    for combo, value in ((timeline.kind, "decided"), (timeline.actor, "bench")):
        began = time.perf_counter()
        combo.setCurrentIndex(combo.findData(value))
        app.processEvents()
        times.append(time.perf_counter() - began)
        if timeline.model.rowCount() == 0:
            raise RuntimeError(f"the filter {value!r} found nothing")
        combo.setCurrentIndex(0)
        app.processEvents()
    window.close()
    window.deleteLater()
    app.processEvents()
    ws.close()
    return max(times)


def run(smoke: bool) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = 5_000 if smoke else 100_000
    with tempfile.TemporaryDirectory(prefix="sonae-bench-ui-") as scratch:
        folder = Path(scratch)
        bare, ours, listed, frozen = startup(1 if smoke else 5, folder)
        small = make_incident(folder / "small", 3)
        mid = make_incident(folder / "mid", 300)  # a real incident's size
        big = make_incident(folder / "big", size)
        open_incident_seconds(folder / "small", small)  # the window's modules, imported once
        first = open_incident_seconds(folder / "big", big)  # never folded here: no snapshot
        opened_before(folder / "small", small)
        opened_before(folder / "big", big)
        opened_before(folder / "mid", mid)
        floor = min(open_incident_seconds(folder / "small", small) for _ in range(3))
        opened_mid = min(open_incident_seconds(folder / "mid", mid) for _ in range(3))
        opened = min(open_incident_seconds(folder / "big", big) for _ in range(3))
        filter_floor = filter_seconds(folder / "small", small)
        filtered = filter_seconds(folder / "big", big)
    if frozen is None:
        print(f"(no frozen build at {FROZEN}: run make package for its start-up figure)")
    frozen_rows = (
        [
            Row(
                "frozen build: start-up to an interactive home window",
                frozen * 1000,
                "ms",
                ours * 1000,
                "sonae gui from the checkout",
                "<= 1.5x floor",
                frozen <= 1.5 * ours,
            )
        ]
        if frozen is not None
        else []
    )
    return [
        Row(
            "start-up to an interactive home window",
            ours * 1000,
            "ms",
            bare * 1000,
            "bare PySide6 window",
            "<= 1.5x floor",
            ours <= 1.5 * bare,
        ),
        Row(
            "start-up until home lists the incidents",
            listed * 1000,
            "ms",
            bare * 1000,
            "bare PySide6 window",
            "<= 2.5x floor",
            listed <= 2.5 * bare,
        ),
        Row(
            "open an incident of 300 entries (situation bar, step, timeline)",
            opened_mid * 1000,
            "ms",
            floor * 1000,
            "same, 3 entries",
            "<= 5.0x floor",
            opened_mid <= 5 * floor,
        ),
        Row(
            f"open an incident of {size:,} entries (situation bar, step, timeline)",
            opened * 1000,
            "ms",
            floor * 1000,
            "same, 3 entries",
            "<= 5.0x floor",
            opened <= 5 * floor,
        ),
        Row(
            f"open it the first time, never folded here ({size:,} entries)",
            first * 1000,
            "ms",
            floor * 1000,
            "same, 3 entries",
        ),
        Row(
            f"filter the timeline of {size:,} entries to a rare kind or actor",
            filtered * 1000,
            "ms",
            filter_floor * 1000,
            "same, 3 entries",
            "< 200 ms",
            filtered < 0.2,
        ),
        *frozen_rows,
    ]

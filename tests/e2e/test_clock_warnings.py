"""A laptop's clock that went back, or was far ahead when entries were written: said as a warning
by verify (which still says the log is intact: the entries are as they were sealed), never
refused and never corrected."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from app.domain.clock import ManualClock
from app.i18n import set_language
from app.services.workspace import Workspace
from tests.conftest import START

ROOT = Path(__file__).resolve().parents[2]


def test_a_clock_that_went_back_and_one_that_was_ahead_are_warned_of(tmp_path: Path) -> None:
    set_language("en")
    clock = ManualClock(START)
    ws = Workspace(tmp_path / "data", clock=clock)
    try:
        incident = ws.incidents.start("ransomware", "暗号化", "田中")
        clock.advance(timedelta(minutes=10))
        ws.incidents.note(incident, "10分後", "田中")
        clock.set(START + timedelta(minutes=2))  # someone set the laptop's clock back
        ws.incidents.note(incident, "時計が戻った後", "田中")
        ws.incidents.note(incident, "その次", "田中")  # not back again since the one before
        warnings = [str(w) for w in ws.clock_warnings()]
        assert len(warnings) == 1
        assert "1 entries that laptop's clock had gone back" in warnings[0]
        assert "from #3" in warnings[0]
        assert ws.verify(incident).ok
        # Seen from a clock a day earlier, every entry was recorded far ahead of now.
        ws.real_clock.set(START - timedelta(days=1))  # type: ignore[attr-defined]
        ahead = [str(w) for w in ws.clock_warnings(incident)]
        assert any("4 entries were recorded more than 1 hours ahead of now" in w for w in ahead)
        ws.real_clock.set(START + timedelta(hours=1))  # type: ignore[attr-defined]
        assert not any("ahead" in str(w) for w in ws.clock_warnings(incident))
    finally:
        ws.close()


def test_verify_says_it_on_stderr_and_still_exits_0(tmp_path: Path) -> None:
    # Entries written with a clock in 2099: today's verify sees them recorded far ahead.
    ws = Workspace(tmp_path / "data", clock=ManualClock(START.replace(year=2099)))
    try:
        ws.incidents.start("ransomware", "暗号化", "田中")
    finally:
        ws.close()
    done = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "--data-dir", str(tmp_path / "data")]
        + ["verify"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "intact" in done.stdout
    assert "WARNING:" in done.stderr and "ahead of now" in done.stderr

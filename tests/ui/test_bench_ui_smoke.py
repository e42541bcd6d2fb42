"""The UI benchmark runs in its smoke size and prints its figures beside their floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_ui_smoke() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--only", "ui"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = next(line for line in lines if line.startswith("| start-up to an interactive"))
    assert "bare PySide6 window" in start and start.split("|")[4].strip().endswith("x")
    assert any(line.startswith("| open an incident of 5,000 entries") for line in lines)
    assert any(line.startswith("| filter the timeline of 5,000 entries") for line in lines)

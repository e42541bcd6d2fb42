"""Benchmarks are not tests, but CI proves the harness runs, in its small smoke size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_smoke_prints_each_figure_beside_its_floor() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--only", "core"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| append p50")]
    assert rows, result.stdout
    cells = [c.strip() for c in rows[-1].split("|")]
    assert cells[2].endswith("ms") and "raw sqlite3" in cells[3] and cells[4].endswith("x")
    assert any(line.startswith("| fold of a") for line in result.stdout.splitlines())

"""A second window on the same data folder is refused in one line, and the first keeps working."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.services.instance import lock_data_folder

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_gui_on_the_same_data_folder_is_refused(data_dir: Path) -> None:
    lock = lock_data_folder(data_dir)  # stands in for the first, running window
    try:
        second = subprocess.run(
            [sys.executable, "-m", "app", "--lang", "en", "--data-dir", str(data_dir), "gui"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        lock.release()
    assert second.returncode == 1
    assert second.stderr.strip().count("\n") == 0 and "already running" in second.stderr

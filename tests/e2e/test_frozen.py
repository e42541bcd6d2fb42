"""The frozen (PyInstaller) build is smoke-tested: it finds its plans and runs the demo."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller is not installed (pip install -e '.[build]')",
)
def test_frozen_build_runs_the_demo(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(tmp_path / "dist"),
            "--workpath",
            str(tmp_path / "work"),
            str(ROOT / "packaging" / "sonae.spec"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    executable = tmp_path / "dist" / "sonae" / ("sonae.exe" if sys.platform == "win32" else "sonae")
    smoke = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "smoke_frozen.py"), str(executable)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "frozen build OK" in smoke.stdout

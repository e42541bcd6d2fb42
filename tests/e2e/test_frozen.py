"""`make package-test` inside `make test`: the one-folder build and its Linux archive are made
(packaging/package.py) and run as a responder's laptop would (packaging/package_test.py: version,
plans, the demo PDF read back, export/import, install.sh, the window under Xvfb closed through
the window manager)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.xdist_group("xvfb")  # one X server at a time (see tests/ui/test_real_window.py)
@pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None,
    reason="PyInstaller is not installed (pip install -e '.[build]')",
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux archive and Xvfb")
def test_package_builds_and_its_program_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "package.py"), "--dist", str(dist)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    assert "unpacked in all" in build.stdout
    size = json.loads((dist / "sonae-size.json").read_text("utf-8"))
    assert size["version"] == __version__
    assert size["unpacked"] == sum(size["parts"].values())
    archive = dist / size["archive_name"]
    assert archive.stat().st_size == size["archive"] < size["unpacked"]
    # No GTK theme, no Wayland, no TLS, no test tools: what the spec leaves out stays out.
    internal = dist / "sonae" / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for left_out in ("libqgtk3.so", "libqwayland.so", "libqopensslbackend.so", "libgtk-3.so.0"):
        assert left_out not in names
    for folder in ("hypothesis", "mypy", "_pytest", "pygments"):
        assert not (internal / folder).exists()
    assert (dist / "sonae-version.iss").read_text(
        "utf-8"
    ) == f'#define AppVersion "{__version__}"\n'
    test = [
        sys.executable,
        str(ROOT / "packaging" / "package_test.py"),
        str(dist / "sonae" / "sonae"),
    ]
    test += ["--archive", str(archive)]
    if shutil.which("xvfb-run") is None:
        test.append("--no-window")
    smoke = subprocess.run(test, capture_output=True, text=True, timeout=600)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "package-test OK" in smoke.stdout

"""`sonae gui` without a window system says so in one line instead of aborting inside Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.app import no_display

ROOT = Path(__file__).resolve().parents[2]
DISPLAY_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
@pytest.mark.parametrize(("lang", "words"), [("ja", "画面"), ("en", "no display")])
def test_gui_without_a_display_prints_one_line_and_exits_1(
    tmp_path: Path, lang: str, words: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in DISPLAY_VARS}
    env["SONAE_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "app", "--lang", lang, "gui"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0] and "sonae demo" in lines[0]
    assert result.stdout == ""


def test_which_environments_count_as_no_display() -> None:
    assert no_display({}, "linux")
    assert no_display({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert no_display({"QT_QPA_PLATFORM": "wayland"}, "linux")
    assert not no_display({"DISPLAY": ":0"}, "linux")
    assert not no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not no_display({}, "win32")
    assert not no_display({}, "darwin")

"""`sonae gui` started as a user would, on a real X server (Xvfb, xcb) with a window manager
(openbox, which draws a title bar), on the common laptop screens, in both languages.

The app saves grabs of home, the runner and the timeline (SONAE_SCREENSHOT_DIR) and quits. The
grabs are kept in ``screenshots/<lang>/`` (and ``screenshots/<lang>-<screen>-<size>pt/`` for the
other screens and text sizes) of the checkout for people to look at.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from app.paths import SETTINGS_FILE
from app.services.contacts import install_example

ROOT = Path(__file__).resolve().parents[2]
SONAE = [sys.executable, "-m", "app"]

pytestmark = [
    pytest.mark.xvfb,
    # One worker runs them all, one after another: two X servers started at once by
    # `xvfb-run -a` can pick the same display number.
    pytest.mark.xdist_group("xvfb"),
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb (xvfb-run) is not installed"),
]
# Starts openbox (if installed) and waits until it manages the screen, then runs the command.
# openbox is given up to 30 s to take the screen (on a loaded machine it once took more than 5 s,
# and a window mapped before it came had no frame): the app starts only once the manager runs,
# and half a second later (openbox announces itself a moment before it manages new windows).
WITH_WM = (
    "if command -v openbox >/dev/null; then openbox >/dev/null 2>&1 & "
    "for i in $(seq 300); do xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null "
    '| grep -q window && break; sleep 0.1; done; sleep 0.5; fi; exec "$@"'
)


def unmanaged(window_json: Path) -> bool:
    """Whether the window went unmanaged: its frame is no taller than the window (no title bar).
    Only the heights are compared: an unmanaged window's frame can still sit at another place
    than its inner rectangle (once in CI: frame at 43,32 and the same 732-pixel height)."""
    try:
        seen = json.loads(window_json.read_text("utf-8"))
    except (OSError, ValueError):
        return False  # no grab at all: the assertions below say so
    return bool(seen["frame"][3] <= seen["inner"][3])


def sonae(data_dir: Path, *args: str) -> str:
    result = subprocess.run(
        [*SONAE, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def split(command: str) -> list[str]:
    return shlex.split(command + " --actor 係" if "--actor" not in command else command)


def distinct_colours(path: Path) -> int:
    image = QImage(str(path))
    assert not image.isNull(), path
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


@pytest.mark.parametrize(
    ("lang", "screen", "text_size"),
    [
        ("ja", (1366, 768), 12),
        ("en", (1366, 768), 12),
        ("ja", (1366, 768), 20),
        ("en", (1366, 768), 20),
        ("ja", (1280, 800), 12),
        ("en", (1280, 800), 12),
        ("ja", (1280, 800), 20),
        ("en", (1280, 800), 20),
    ],
)
def test_gui_starts_on_a_real_display_and_shows_its_screens(
    tmp_path: Path, lang: str, screen: tuple[int, int], text_size: int
) -> None:
    data = tmp_path / "data"
    now = datetime.now(UTC)
    days_ago = lambda days: (now - timedelta(days=days)).isoformat()  # noqa: E731
    # A real incident whose PPC clock is overdue, then a drill whose clock is due soon.
    real = sonae(
        data, *split("incident start personal_data_leak --title メール誤送信"), "--at", days_ago(7)
    )
    for decision in ("personal_data", "ppc_reportable"):
        sonae(data, *split(f"incident decide {real} {decision} yes"), "--at", days_ago(6))
    # A tabletop exercise from its script, its first move jumped past: the facilitator's window.
    exercise = sonae(
        data, *split("exercise start misdelivered_mail --actor 統制一郎"), "--at", days_ago(0.1)
    ).splitlines()[0]
    sonae(data, *split(f"exercise jump {exercise} --actor 統制一郎"))
    drill = sonae(
        data,
        *split("incident start ransomware --mode drill --actor 訓練太郎 --body 市長部局(新)"),
        *("--title", "訓練: 財務課ファイルサーバ", "--awareness", days_ago(4.2)),
    )  # known since before its answer: nothing is recorded before an incident began
    sonae(data, *split(f"incident step {drill} isolate --done --field host=FIN-PC-023"))
    sonae(data, *split(f"incident decide {drill} personal_data unknown"), "--at", days_ago(4.1))
    sonae(data, *split(f"incident note {drill} 委託先SEが到着 --actor 訓練花子"))
    install_example(data)  # holders and deputies in the runner, people in the contacts screen
    shots = tmp_path / "shots"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "SONAE_SCREENSHOT_DIR": str(shots),
        "SONAE_DATA_DIR": str(data),
    }

    def first_start() -> subprocess.CompletedProcess[str]:
        # A first start each time: only the text size is set (no remembered geometry).
        (data / SETTINGS_FILE).write_text(json.dumps({"text_size": text_size}), "utf-8")
        shutil.rmtree(shots, ignore_errors=True)
        return subprocess.run(
            [
                *("xvfb-run", "-a", "-s", f"-screen 0 {screen[0]}x{screen[1]}x24"),
                *("sh", "-c", WITH_WM, "sh", *SONAE, "--lang", lang, "gui"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=ROOT,
        )

    result = first_start()
    for _ in range(2):
        if result.returncode != 0 or not unmanaged(shots / "window.json"):
            break
        # On a loaded machine openbox has announced itself before managing windows: the window
        # was mapped with no frame and not maximised (three times in CI). That is the test's
        # window manager, not the app: up to two more starts, and the checks below hold for it.
        result = first_start()
    assert result.returncode == 0, result.stderr
    # Qt prints its warnings on stderr: a clean run prints nothing but the X server's own notes.
    unexpected = [
        line for line in result.stderr.splitlines() if line.strip() and not line.startswith("xauth")
    ]
    assert unexpected == []
    screens = ("home", "library", "start", "runner", "timeline", "timeline_main", "handover")
    exercise_screens = ("exercise_runner", "facilitator", "exercise_start")
    bundle_screens = ("bundle_export", "bundle_import")
    for name in (
        *screens,
        "close",
        "contacts",
        "contacts_bodies",
        "help",
        *exercise_screens,
        *bundle_screens,
    ):
        path = shots / f"{name}.png"
        assert path.exists(), f"{name}.png was not saved: {result.stderr}"
        assert distinct_colours(path) > 8, f"{name}.png looks blank"
    default = screen == (1366, 768) and text_size == 12
    name = lang if default else f"{lang}-{screen[0]}x{screen[1]}-{text_size}pt"
    keep = ROOT / "screenshots" / name
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(shots, keep)
    # The whole window, its title bar and borders too, is on the screen (the status bar, where
    # "report written" shows, used to be 52 px below a 768-pixel screen's edge).
    seen = json.loads((shots / "window.json").read_text("utf-8"))
    available, frame = QRect(*seen["available"]), QRect(*seen["frame"])
    assert available.width() <= screen[0] and available.height() <= screen[1]
    assert available.contains(frame), seen
    assert frame.height() > seen["inner"][3], "no title bar: the window manager did not run"
    # A first start on these laptop screens (the default 1280×800 does not fit with its frame)
    # opens maximised: the whole width for the step, not 1280 of 1366 pixels.
    assert frame.width() >= available.width() - 2, seen
    runner = QImage(str(shots / "runner.png"))
    assert runner.height() <= screen[1] and runner.width() <= screen[0]

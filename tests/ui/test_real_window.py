"""`sonae gui` started as a user would, on a real X server (Xvfb, xcb), in both languages.

The app saves grabs of home, the runner and the timeline (SONAE_SCREENSHOT_DIR) and quits. The
grabs are kept in ``screenshots/<lang>/`` of the checkout for people to look at.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.services.contacts import install_example

ROOT = Path(__file__).resolve().parents[2]
SONAE = [sys.executable, "-m", "app"]

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="Xvfb (xvfb-run) is not installed"),
]


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


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gui_starts_on_a_real_display_and_shows_its_screens(tmp_path: Path, lang: str) -> None:
    data = tmp_path / "data"
    now = datetime.now(UTC)
    days_ago = lambda days: (now - timedelta(days=days)).isoformat()  # noqa: E731
    # A real incident whose PPC clock is overdue, then a drill whose clock is due soon.
    real = sonae(
        data, *split("incident start personal_data_leak --title メール誤送信"), "--at", days_ago(7)
    )
    for decision in ("personal_data", "ppc_reportable"):
        sonae(data, *split(f"incident decide {real} {decision} yes"), "--at", days_ago(6))
    drill = sonae(
        data,
        *split("incident start ransomware --mode drill --actor 訓練太郎 --body 市長部局(新)"),
        *("--title", "訓練: 財務課ファイルサーバ"),
    )
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
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", *SONAE, "--lang", lang, "gui"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    # Qt prints its warnings on stderr: a clean run prints nothing but the X server's own notes.
    unexpected = [
        line for line in result.stderr.splitlines() if line.strip() and not line.startswith("xauth")
    ]
    assert unexpected == []
    for name in ("home", "start", "runner", "timeline", "handover", "contacts", "help"):
        path = shots / f"{name}.png"
        assert path.exists(), f"{name}.png was not saved: {result.stderr}"
        assert distinct_colours(path) > 8, f"{name}.png looks blank"
    runner = QImage(str(shots / "runner.png"))
    assert (runner.width(), runner.height()) == (1280, 800)
    keep = ROOT / "screenshots" / lang
    shutil.rmtree(keep, ignore_errors=True)
    shutil.copytree(shots, keep)

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


def test_a_second_gui_brings_the_open_window_to_the_front(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The running window listens on the folder's socket; a second start asks it to come to
    the front and stops with one line and exit 0. The lock stays the guard."""
    from PySide6.QtCore import QObject

    from app.ui.instance_link import listen

    lock = lock_data_folder(data_dir)  # the first, running window
    parent = QObject()
    asked: list[int] = []
    server = listen(data_dir, lambda: asked.append(1), parent)
    assert server is not None
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "app", "--lang", "en", "--data-dir", str(data_dir), "gui"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
        out, err = second.communicate()
    finally:
        parent.deleteLater()
        lock.release()
    assert second.returncode == 0, err
    assert asked == [1]
    assert out.strip().count("\n") == 0 and "brought to the front" in out
    assert err.strip() == ""


def test_a_socket_left_by_a_crash_does_not_stop_the_next_window(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject

    from app.ui.instance_link import listen

    first, second = QObject(), QObject()
    assert listen(data_dir, lambda: None, first) is not None
    # The first never closed its socket (as after kill -9): the next window still listens.
    assert listen(data_dir, lambda: None, second) is not None
    first.deleteLater()
    second.deleteLater()


def test_bring_to_front_shows_a_minimised_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.showMinimized()
    window.bring_to_front()
    assert window.isVisible() and not window.isMinimized()

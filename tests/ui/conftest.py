"""UI fixtures: the real main window on a workspace with a settable clock, in Japanese."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.domain.clock import ManualClock
from app.paths import resources_dir
from app.services.workspace import Workspace
from app.ui.app import Translations, apply_look
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings

# Headless unless the caller chose a platform (make test sets offscreen; Xvfb runs set xcb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTOR = "試験 太郎"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The .qm files are build output (make bootstrap); build them here too if they are stale."""
    folder = resources_dir() / "i18n"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in folder.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(autouse=True)
def settle_time(monkeypatch: pytest.MonkeyPatch) -> float:
    """Done waits SETTLE_SECONDS after a step appears; tests that walk a plan press it at
    once, so here it is 0. tests/ui/test_no_accident.py puts the real time back."""
    from app.ui import step_panel

    monkeypatch.setattr(step_panel, "SETTLE_SECONDS", 0.0)
    return 0.0


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    tr = Translations(qapp)
    assert tr.use("ja"), "sonae_ja.qm did not load"
    apply_look(qapp, 12)
    yield tr
    tr.use("ja")
    for translator in tr.installed:
        qapp.removeTranslator(translator)


@pytest.fixture
def session(workspace: Workspace, translations: Translations) -> Session:
    return Session(workspace, UiSettings(actor=ACTOR))


@pytest.fixture
def window(qtbot, session: Session) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(session)
    win.timer.stop()  # the tests tick by hand, after moving the ManualClock
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.show_home()
    qtbot.waitExposed(win)
    yield win
    if win.help_dialog is not None:
        win.help_dialog.close()


@pytest.fixture
def manual_clock(clock: ManualClock) -> ManualClock:
    return clock


@contextmanager
def text_size(points: int) -> Iterator[None]:
    """The look at ``points`` for the body of a test, and the default (12 pt) again after it,
    failed or not: the next test starts from the default."""
    apply_look(QApplication.instance(), points)
    try:
        yield
    finally:
        apply_look(QApplication.instance(), 12)

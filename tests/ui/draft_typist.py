"""Run by test_draft_survives_kill: the real app (``app.ui.app.run``) on a data folder, back on
its incident, types into the current step's first input as a user would, says "typed", and
goes on running until it is killed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.ui.app import run
from app.ui.main_window import MainWindow


def type_once(text: str) -> None:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    view = windows[0]._incident if windows else None
    field = view.step_panel.first_input() if view is not None and view.state else None
    if field is None:
        QTimer.singleShot(50, lambda: type_once(text))
        return
    QTest.keyClicks(field, text)
    print("typed", flush=True)


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(0, lambda: type_once(sys.argv[2]))
    sys.exit(run(sys.argv[1], "ja"))

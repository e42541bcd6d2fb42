"""Save grabs of the main screens (home, the plan library, start, runner, timeline, the timeline
as the main view, hand-over, the lesson form, contacts and its outside bodies, help) and quit.

Used by the real-window test and by anyone checking a translation: run ``sonae gui`` with
``SONAE_SCREENSHOT_DIR`` set. On a real display the grab comes from the screen itself, so it
shows exactly what the window system drew (fonts, clipping) rather than Qt's idea of it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from app.i18n import language


def settle(seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def grab(widget: QWidget, path: Path) -> None:
    """A whole window is taken from the screen itself on a real display (what X drew: fonts,
    clipping); a part of a window, or any grab off-screen, is rendered by the widget."""
    pixmap = None
    screen = widget.screen()
    if QApplication.platformName() == "xcb" and widget.isWindow() and screen is not None:
        pixmap = screen.grabWindow(widget.winId())
    if pixmap is None or pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(path))


def write_geometry(window: QWidget, path: Path) -> None:
    """Where the window and its frame are, and the screen's room for windows: the real-window
    test checks that the frame lies inside."""
    screen = window.screen()
    rects = {
        "frame": window.frameGeometry(),
        "inner": window.geometry(),
        "available": screen.availableGeometry() if screen is not None else window.geometry(),
    }
    path.write_text(
        json.dumps({k: [r.x(), r.y(), r.width(), r.height()] for k, r in rects.items()}),
        "utf-8",
    )


def _played(gui: Any, incident_id: str) -> bool:
    return gui.session.read(lambda: gui.session.ws.incidents.exercise(incident_id)) is not None


def capture_all(gui: Any, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    window = gui.window
    window.show_home()
    settle()
    # The window manager tells the frame's size a moment after it draws it (later on a busy
    # machine): wait for it, or the frame reads as the bare window's.
    deadline = time.monotonic() + 15
    while (
        QApplication.platformName() == "xcb"
        and window.frameGeometry() == window.geometry()
        and time.monotonic() < deadline
    ):
        settle(0.1)
    grab(window, folder / "home.png")
    write_geometry(window, folder / "window.json")
    window.show_library()
    settle()
    grab(window, folder / "library.png")
    window.show_start()
    settle()
    grab(window, folder / "start.png")
    summaries = gui.session.ws.incidents.summaries()
    open_ones = [s for s in summaries if s.status != "closed"] or summaries
    if open_ones:
        window.open_incident(open_ones[-1].id)
        deadline = time.monotonic() + 10
        while window.incident.state is None and time.monotonic() < deadline:
            settle(0.1)
        settle()
        grab(window, folder / "runner.png")
        grab(window.incident.timeline, folder / "timeline.png")
        window.incident.timeline_as_main(True)
        settle()
        grab(window, folder / "timeline_main.png")
        window.incident.timeline_as_main(False)
        settle()
        window.incident.open_handover()
        dialog = window.incident.handover_dialog
        settle()
        if dialog is not None:
            grab(dialog, folder / "handover.png")
            dialog.reject()
        # The lesson form as an improvement item: its owner, due day and step in view.
        window.incident.open_lesson()
        lesson = window.incident.lesson_dialog
        if lesson is not None:
            lesson.improvement.setChecked(True)
            settle()
            grab(lesson, folder / "lesson.png")
            lesson.reject()
        # The closing form, its summary typed in part.
        window.incident.open_close()
        closing = window.incident.close_dialog
        if closing is not None:
            closing.summary.setPlainText("訓練終了。" if language() == "ja" else "Drill over.")
            settle()
            grab(closing, folder / "close.png")
            closing.reject()
    # An exercise played from its script: the players' runner with its injects, the
    # facilitator's window, and the form that starts one.
    exercise = next((s for s in open_ones if s.mode != "real" and _played(gui, s.id)), None)
    if exercise is not None:
        window.open_incident(exercise.id)
        settle()
        grab(window, folder / "exercise_runner.png")
        window.open_facilitator()
        facilitator = window.facilitators.get(exercise.id)
        settle()
        if facilitator is not None:
            grab(facilitator, folder / "facilitator.png")
            facilitator.close()
    window.open_exercise_start()
    settle()
    if window.exercise_dialog is not None:
        grab(window.exercise_dialog, folder / "exercise_start.png")
        window.exercise_dialog.reject()
    # The forms that write a bundle for another laptop and merge one from it.
    for open_form, name in (
        (window.open_export_bundle, "bundle_export"),
        (window.open_import_bundle, "bundle_import"),
    ):
        open_form()
        settle()
        if window.bundle_dialog is not None:
            grab(window.bundle_dialog, folder / f"{name}.png")
            window.bundle_dialog.reject()
    window.show_contacts()
    view = window.contacts_view
    if view is not None:  # a role the city must confirm, to show how 要確認 looks
        view.role.setCurrentIndex(view.role.findData("section_manager"))
    settle()
    grab(window, folder / "contacts.png")
    if view is not None:  # the outside bodies: police, PPC, prefecture, vendors
        view.tabs.setCurrentIndex(1)
        settle()
        grab(window, folder / "contacts_bodies.png")
    window.show_help()
    settle()
    if window.help_dialog is not None:
        grab(window.help_dialog, folder / "help.png")
        window.help_dialog.close()
    window.close()
    QApplication.quit()

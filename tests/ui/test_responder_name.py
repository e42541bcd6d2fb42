"""The responder's name is typed once (start form or menu bar), shown in both, and never lost:
an emptied field, a language switch or a restart keep it, since every action needs it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings
from tests.ui.test_keyboard import focused, press, type_keys

CTRL = Qt.KeyboardModifier.ControlModifier


def open_window(qtbot, workspace: Workspace, actor: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(workspace, UiSettings(actor=actor)))
    window.timer.stop()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_home()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_name_from_the_start_form_is_shown_and_survives_a_restart(
    qtbot, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, workspace, "")
    press(qtbot, Qt.Key.Key_N, CTRL)
    start = window.start_view
    type_keys(qtbot, "ransom")
    qtbot.mouseClick(start.title, Qt.MouseButton.LeftButton)
    type_keys(qtbot, "Drill B")
    qtbot.mouseClick(start.actor, Qt.MouseButton.LeftButton)
    type_keys(qtbot, "Sato")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert window.stack.currentWidget() is window.incident
    assert window.actor.text() == "Sato"  # the menu bar shows who writes the log
    window.close()
    assert UiSettings.load(workspace.root).actor == "Sato"

    again = open_window(qtbot, workspace, UiSettings.load(workspace.root).actor)
    assert again.actor.text() == "Sato"
    # Emptying the field and leaving it does not wipe the name.
    qtbot.mouseClick(again.actor, Qt.MouseButton.LeftButton)
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Tab)
    assert again.actor.text() == "Sato" and again.session.actor == "Sato"
    again.close()
    assert UiSettings.load(workspace.root).actor == "Sato"


def test_an_action_refused_for_want_of_a_name_puts_the_cursor_on_the_name(
    qtbot, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "no name", "係", mode="drill")
    window = open_window(qtbot, workspace, "")
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    assert focused() is panel.inputs[0].widget
    type_keys(qtbot, "FIN-PC-023")
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert window.message_bar.isVisible()
    assert focused() is window.actor
    type_keys(qtbot, "Sato")
    press(qtbot, Qt.Key.Key_Tab)
    assert window.session.actor == "Sato"
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert [e.kind for e in workspace.incidents.entries(incident_id)] == ["opened", "step_done"]

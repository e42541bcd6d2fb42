"""Keyboard-only work, driven by key presses sent to whatever has the focus, as a user's keys
are: nothing may land on a button where a stray Space would write to the permanent log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(), key, modifier)


def type_keys(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(focused(), text)


def kinds(workspace: Workspace, incident_id: str) -> list[str]:
    return [e.kind for e in workspace.incidents.entries(incident_id)]


def decisions(workspace: Workspace, incident_id: str) -> dict[str, str]:
    return workspace.incidents.state(incident_id).choices()


def test_opening_an_incident_puts_the_cursor_in_the_steps_first_field(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "focus", "係", mode="drill")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    assert focused() is panel.inputs[0].widget
    press(qtbot, Key.Key_Space)  # a stray Space types a space; nothing is recorded
    assert kinds(workspace, incident_id) == ["opened"]


def test_done_and_skip_leave_the_cursor_on_the_next_step_not_on_a_decision(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "focus", "係", mode="drill")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    qtbot.mouseClick(panel.inputs[0].widget, Qt.MouseButton.LeftButton)
    type_keys(qtbot, "FIN-PC-023")
    press(qtbot, Key.Key_D, CTRL)
    assert panel.step is not None and panel.step.id == "record_note"
    assert focused() is panel.inputs[0].widget  # the new step's first field
    press(qtbot, Key.Key_Space)
    panel.skip_reason.setText("not needed")
    press(qtbot, Key.Key_K, CTRL)
    assert panel.step is not None and panel.step.id == "report_manager"
    assert focused() is panel.inputs[0].widget
    press(qtbot, Key.Key_Space)
    assert decisions(workspace, incident_id) == {}
    assert kinds(workspace, incident_id) == ["opened", "step_done", "step_skipped"]


def test_record_buttons_take_no_focus_from_a_click(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "focus", "係", mode="drill")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id)
    view = window.incident
    button = view.decisions.buttons[("personal_data", "unknown")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert focused() is not button
    press(qtbot, Key.Key_Space)
    assert decisions(workspace, incident_id) == {"personal_data": "unknown"}
    contained = view.status_bar.buttons["contained"]
    qtbot.mouseClick(contained, Qt.MouseButton.LeftButton)
    assert focused() is not contained
    press(qtbot, Key.Key_Space)
    assert kinds(workspace, incident_id).count("status_changed") == 1


def test_a_whole_response_with_the_keyboard_only(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Key.Key_N, CTRL)
    start = window.start_view
    assert focused() is start.search
    type_keys(qtbot, "ransom")
    assert start.chosen_plan() == "ransomware"
    press(qtbot, Key.Key_Return, CTRL)  # no title yet: refused, and the cursor goes there
    assert window.stack.currentWidget() is start
    assert focused() is start.title
    type_keys(qtbot, "Drill A")
    press(qtbot, Key.Key_Tab)  # mode
    press(qtbot, Key.Key_Tab)  # responder
    assert focused() is start.actor
    press(qtbot, Key.Key_A, CTRL)
    press(qtbot, Key.Key_Delete)
    press(qtbot, Key.Key_Return, CTRL)  # no name: refused, the cursor on the name
    assert focused() is start.actor
    type_keys(qtbot, "Sato")
    press(qtbot, Key.Key_Return, CTRL)

    view = window.incident
    assert window.stack.currentWidget() is view
    incident_id = view.incident_id
    panel = view.step_panel
    assert focused() is panel.inputs[0].widget
    press(qtbot, Key.Key_Tab, SHIFT)  # back to the step list
    assert focused() is view.steps
    press(qtbot, Key.Key_D, CTRL)  # the host is required: refused, the cursor goes to it
    assert focused() is panel.inputs[0].widget
    type_keys(qtbot, "FIN-PC-023")
    press(qtbot, Key.Key_Tab)
    assert focused() is panel.inputs[1].widget
    press(qtbot, Key.Key_Tab)
    assert focused() is panel.done_button
    press(qtbot, Key.Key_Space)
    assert panel.step is not None and panel.step.id == "record_note"

    # Decision 2 (operations stopped): Alt+2, then an arrow to "no", then Enter.
    press(qtbot, Key.Key_2, ALT)
    assert focused() is view.decisions.buttons[("operations_stopped", "yes")]
    press(qtbot, Key.Key_Right)
    assert focused() is view.decisions.buttons[("operations_stopped", "no")]
    press(qtbot, Key.Key_Return)
    assert decisions(workspace, incident_id) == {"operations_stopped": "no"}
    assert "response_hq" not in view.steps.step_ids()
    press(qtbot, Key.Key_Escape)  # back to the step
    assert focused() is panel.inputs[0].widget

    press(qtbot, Key.Key_K, CTRL)  # no reason yet: the cursor goes to the reason
    assert focused() is panel.skip_reason
    type_keys(qtbot, "photo taken by the vendor")
    press(qtbot, Key.Key_Return)  # Enter never skips by itself: on to the skip button
    assert panel.step is not None and panel.step.id == "record_note"
    assert focused() is panel.skip_button
    press(qtbot, Key.Key_K, CTRL)  # the reason is there: Ctrl+K skips
    assert panel.step is not None and panel.step.id == "report_manager"

    press(qtbot, Key.Key_E, CTRL)
    assert focused() is view.timeline.note
    type_keys(qtbot, "server room locked")
    press(qtbot, Key.Key_Return, CTRL)

    # Close: Shift+Tab from the step list reaches the close button; Space opens its form,
    # the cursor in the summary; Ctrl+Enter closes.
    view.focus_current()
    for _ in range(8):
        if focused() is view.status_bar.buttons["closed"]:
            break
        press(qtbot, Key.Key_Tab, SHIFT)
    assert focused() is view.status_bar.buttons["closed"]
    press(qtbot, Key.Key_Space)
    dialog = view.close_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: focused() is dialog.summary)
    type_keys(qtbot, "drill over")
    press(qtbot, Key.Key_Return, CTRL)

    state = workspace.incidents.state(incident_id)
    assert state.status == "closed"
    # The close button is gone; the cursor is not handed to "reopen" beside it.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.steps)
    press(qtbot, Key.Key_Space)
    assert workspace.incidents.state(incident_id).status == "closed"
    entries = workspace.incidents.entries(incident_id)
    assert [e.kind for e in entries] == [
        "opened",
        "step_done",
        "decided",
        "step_skipped",
        "noted",
        "status_changed",
    ]
    assert {e.actor for e in entries} == {"Sato"}
    assert entries[1].payload["fields"]["host"] == "FIN-PC-023"
    assert entries[3].payload["reason"] == "photo taken by the vendor"


def test_after_a_hand_over_the_cursor_is_in_the_new_plans_first_field(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("initial_report", "不審な画面", "係", mode="drill")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id)
    view = window.incident
    press(qtbot, Key.Key_H, CTRL | SHIFT)
    dialog = view.handover_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.picker.choose("ransomware")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(qtbot, Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = view.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    assert focused() is panel.inputs[0].widget
    press(qtbot, Key.Key_Space)
    assert kinds(workspace, incident_id) == ["opened", "handed_over"]


def test_a_refused_key_says_why_and_a_later_action_clears_it(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incidents = workspace.incidents
    incident_id = incidents.start("ransomware", "closed", "係", mode="drill")
    incidents.complete_step(incident_id, "isolate", "係", fields={"host": "PC-1"})
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id, "isolate")
    bar = window.message_bar
    press(qtbot, Key.Key_D, CTRL)
    assert bar.isVisible() and bar.text.text() == "この手順は完了または省略済みです。"
    press(qtbot, Key.Key_K, CTRL)
    assert bar.text.text() == "この手順は完了または省略済みです。"
    press(qtbot, Key.Key_E, CTRL)
    type_keys(qtbot, "seen")
    press(qtbot, Key.Key_Return, CTRL)
    # The note went through: the old refusal is gone, the bar says what was recorded.
    assert bar.property("tone") == "recorded" and "seen" in bar.text.text()
    incidents.set_status(incident_id, "closed", "係", summary="done")
    window.incident.refresh()
    window.incident.select_step("record_note")
    press(qtbot, Key.Key_D, CTRL)
    assert bar.isVisible() and "終了しています" in bar.text.text()
    assert kinds(workspace, incident_id) == ["opened", "step_done", "noted", "status_changed"]


def test_moving_to_another_step_keeps_the_cursor_in_the_fields(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "move", "係", mode="drill")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    assert focused() is panel.inputs[0].widget
    press(qtbot, Key.Key_Down, CTRL)  # next step, from inside a field
    assert panel.step is not None and panel.step.id == "record_note"
    assert focused() is panel.inputs[0].widget
    press(qtbot, Key.Key_Space)
    assert kinds(workspace, incident_id) == ["opened"]

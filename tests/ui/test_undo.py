"""Every recording action says what it recorded, with an undo that writes the retraction (issue
12, point 3; review points 12 and 13): the real window, real clicks, the log read back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.workspace import Workspace
from app.ui import recorded
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def opened(qtbot, window: MainWindow, workspace: Workspace) -> str:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "取り消しの確認", "係", mode="drill")
    window.open_incident(incident_id)
    qtbot.wait(20)
    return incident_id


def kinds(workspace: Workspace, incident_id: str) -> list[str]:
    return [e.kind for e in workspace.incidents.entries(incident_id)]


def test_the_undo_time_is_one_constant() -> None:
    assert recorded.UNDO_SECONDS == 8.0


def test_done_says_what_it_recorded_and_undo_retracts_it(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    panel, bar = window.incident.step_panel, window.message_bar
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert workspace.incidents.state(incident_id).step_states()["isolate"] == "done"
    assert bar.isVisible() and bar.property("tone") == "recorded"
    said = bar.text.text()
    assert said.startswith("記録しました") and "手順完了" in said and "FIN-PC-023" in said
    assert "09:00" in said  # when it happened
    assert bar.action.isVisible() and bar.action.text() == "取り消す (Ctrl+Z)"
    # The bar lies over the screen: the step pane did not move.
    qtbot.mouseClick(bar.action, Qt.MouseButton.LeftButton)
    entries = workspace.incidents.entries(incident_id)
    assert [e.kind for e in entries] == ["opened", "step_done", "corrected"]  # both kept
    assert entries[2].payload["target"] == entries[1].uuid
    assert "直後に取り消し" in entries[2].payload["reason"]
    state = workspace.incidents.state(incident_id)
    assert state.step_states()["isolate"] != "done"  # back to not done
    assert panel.step is not None and panel.step.id == "isolate"  # the pane is on it again
    assert bar.isVisible() and bar.text.text().startswith("取り消しました")
    assert not bar.action.isVisible()  # a retraction is not undone again from here


def test_the_message_goes_after_the_time(
    qtbot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(recorded, "UNDO_SECONDS", 0.3)
    incident_id = opened(qtbot, window, workspace)
    timeline, bar = window.incident.timeline, window.message_bar
    timeline.note.setPlainText("電話あり")  # typed (keyClicks is ASCII only)
    qtbot.mouseClick(timeline.save_note, Qt.MouseButton.LeftButton)
    assert kinds(workspace, incident_id) == ["opened", "noted"]
    assert bar.isVisible() and "電話あり" in bar.text.text()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)
    assert kinds(workspace, incident_id) == ["opened", "noted"]  # going away undoes nothing


def test_every_recording_action_says_what_it_recorded(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    view, bar = window.incident, window.message_bar
    said: list[str] = []

    def last() -> str:
        said.append(bar.text.text())
        return said[-1]

    # A skip with its reason
    view.select_step("cut_remote")
    view.step_panel.skip_reason.setText("業者が対応済み")
    qtbot.mouseClick(view.step_panel.skip_button, Qt.MouseButton.LeftButton)
    assert "手順省略" in last() and bar.action.isVisible()
    # A decision answered
    view.decisions.buttons[("operations_stopped", "yes")].click()
    assert "判断" in last() and bar.action.isVisible()
    # A note on a step
    view.select_step("isolate")
    view.step_panel.step_note.setText("端末は3台")
    qtbot.keyClick(view.step_panel.step_note, Key.Key_Return)
    assert "端末は3台" in last()
    # A status change
    view.status_bar.buttons["contained"].click()
    assert "状態変更" in last() and bar.action.isVisible()
    assert kinds(workspace, incident_id)[1:] == [
        "step_skipped",
        "decided",
        "noted",
        "status_changed",
    ]
    assert all(s.startswith("記録しました") for s in said)
    # Undo on the last one retracts that one only.
    bar.action.click()
    state = workspace.incidents.state(incident_id)
    assert kinds(workspace, incident_id)[-1] == "corrected"
    assert state.status == "open" and state.step_states()["cut_remote"] == "skipped"


def test_a_kind_that_cannot_be_corrected_has_no_undo(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    timeline, bar = window.incident.timeline, window.message_bar
    timeline.note.setPlainText("間違い")
    qtbot.mouseClick(timeline.save_note, Qt.MouseButton.LeftButton)
    timeline.table.selectRow(0)
    timeline.ask_retract()
    timeline.retract_reason.setText("別の件")
    qtbot.keyClick(timeline.retract_reason, Key.Key_Return)
    assert kinds(workspace, incident_id) == ["opened", "noted", "corrected"]
    assert bar.isVisible() and bar.text.text().startswith("記録しました")
    assert not bar.action.isVisible()  # a retraction (corrected) cannot itself be corrected


def test_skip_with_no_reason_and_done_with_no_name_say_why(
    qtbot, workspace: Workspace, session: Session
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(workspace, UiSettings(actor="")))
    window.timer.stop()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_home()
    incident_id = opened(qtbot, window, workspace)
    view, bar = window.incident, window.message_bar
    # Ctrl+K with no reason: said, and the cursor in the reason box.
    view.select_step("cut_remote")
    view.step_panel.skip_reason.setFocus()
    qtbot.keyClick(view.step_panel.skip_reason, Key.Key_K, CTRL)
    assert bar.isVisible() and bar.property("tone") == "error" and bar.text.text()
    assert kinds(workspace, incident_id) == ["opened"]
    bar.hide()
    # Done with no name: said, not only a cursor moved.
    qtbot.mouseClick(view.step_panel.done_button, Qt.MouseButton.LeftButton)
    assert bar.isVisible() and bar.property("tone") == "error" and bar.text.text()
    assert kinds(workspace, incident_id) == ["opened"]


def test_ctrl_z_takes_back_what_was_just_recorded_but_not_in_a_text_box(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    incident_id = opened(qtbot, window, workspace)
    view = window.incident
    panel, bar = view.step_panel, window.message_bar
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert bar.action.text() == "取り消す (Ctrl+Z)"
    # In a text box Ctrl+Z undoes the typing there and records nothing.
    panel.step_note.setFocus()
    qtbot.keyClicks(panel.step_note, "memo")
    qtbot.keyClick(panel.step_note, Key.Key_Z, CTRL)
    assert kinds(workspace, incident_id) == ["opened", "step_done"]
    assert bar.isVisible() and bar.action.isVisible()
    # Elsewhere it takes the step back: the retraction is written, both entries kept.
    view.steps.setFocus()
    qtbot.keyClick(view.steps, Key.Key_Z, CTRL)
    assert kinds(workspace, incident_id) == ["opened", "step_done", "corrected"]
    assert bar.text.text().startswith("取り消しました")
    # Once said, nothing more to take back: a second Ctrl+Z writes nothing.
    qtbot.keyClick(window.focusWidget() or view.steps, Key.Key_Z, CTRL)
    assert kinds(workspace, incident_id) == ["opened", "step_done", "corrected"]

"""The window asks the services what is allowed and shows their answer: every refused action says
the reason ``app.services.rules`` / ``app.services.fields`` give (the one the command line is
refused with), and nothing is written; what is offered is what the services would accept."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.clock import ManualClock
from app.services import fields, rules
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.ui.test_walkthrough import type_in

CTRL = Qt.KeyboardModifier.ControlModifier


def kinds(workspace: Workspace, incident_id: str) -> list[str]:
    return [e.kind for e in workspace.incidents.entries(incident_id)]


def test_a_waiting_step_cannot_be_done_and_the_window_says_the_services_reason(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "判断待ち", "係", mode="drill")
    window.open_incident(incident_id, "response_hq")
    view, panel = window.incident, window.incident.step_panel
    assert panel.step is not None and panel.step.id == "response_hq"
    state = workspace.incidents.state(incident_id)
    reason = str(rules.refusal(state, "complete_step", panel.step, in_view=True))
    assert reason == "この手順は判断待ちです。"
    # Done is not offered, and says why on hover; the key says it in the message bar.
    assert not panel.done_button.isEnabled()
    assert panel.done_button.toolTip() == reason
    assert all(not f.widget.isEnabled() for f in panel.inputs)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    assert window.message_bar.isVisible() and window.message_bar.text.text() == reason
    # Skipping a step that waits is allowed by the services, so the window offers it.
    assert rules.refusal(state, "skip_step", panel.step) is None
    assert panel.skip_button.isEnabled() and panel.skip_button.toolTip() == ""
    assert kinds(workspace, incident_id) == ["opened"]
    # Once the decision is taken, the same step is offered.
    view.decisions.buttons[("operations_stopped", "yes")].click()
    view.select_step("response_hq")
    assert panel.done_button.isEnabled() and panel.done_button.toolTip() == ""


def test_a_required_field_is_refused_in_the_field_rules_words(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "必須項目", "係", mode="drill")
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    expected = fields.field_problems(panel.step, panel.values())
    assert expected is not None and fields.field_of(expected) == "host"
    panel.step_note.setFocus()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert window.message_bar.text.text() == str(expected)
    assert "端末名" in window.message_bar.text.text()
    assert QApplication.focusWidget() is panel.input_for("host")  # the cursor where it is needed
    assert kinds(workspace, incident_id) == ["opened"]
    type_in(panel.input_for("host"), "FIN-PC-023")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert kinds(workspace, incident_id) == ["opened", "step_done"]


def test_closing_without_a_summary_says_the_services_reason(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "要約なし", "係", mode="drill")
    window.open_incident(incident_id)
    bar = window.incident.status_bar
    state = workspace.incidents.state(incident_id)
    qtbot.mouseClick(bar.buttons["closed"], Qt.MouseButton.LeftButton)
    dialog = window.incident.close_dialog
    assert dialog is not None and dialog.isVisible()
    assert kinds(workspace, incident_id) == ["opened"]  # opening the form records nothing
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.summary)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # no summary: the services refuse
    said = str(rules.status_refusal(state, "closed", ""))
    assert window.message_bar.text.text() == said
    assert dialog.isVisible() and dialog.problem.text() == "■ " + said  # said in the form too
    assert kinds(workspace, incident_id) == ["opened"]
    dialog.summary.setPlainText("訓練終了\n改善点は教訓に記録した")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    closed = workspace.incidents.state(incident_id)
    assert closed.status == "closed" and not dialog.isVisible()
    assert closed.summary == "訓練終了\n改善点は教訓に記録した"


def test_the_status_buttons_are_the_ones_the_services_allow(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "状態", "係", mode="drill")
    workspace.incidents.set_status(incident_id, "contained", "係")
    window.open_incident(incident_id)
    bar = window.incident.status_bar
    state = workspace.incidents.state(incident_id)
    for status, button in bar.buttons.items():
        why = rules.status_change_refusal(state, status)
        assert button.isEnabled() == (why is None), status
        assert button.toolTip() == (str(why) if why else ""), status
    assert not bar.buttons["contained"].isEnabled()
    assert bar.buttons["closed"].isEnabled()  # the summary is asked for when it is pressed


def test_a_closed_incident_offers_no_decision_and_no_hand_over(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("initial_report", "終了済み", "係", mode="drill")
    workspace.incidents.set_status(incident_id, "closed", "係", summary="誤報")
    window.open_incident(incident_id)
    view = window.incident
    state = workspace.incidents.state(incident_id)
    closed = str(rules.refusal(state, "decide"))
    assert "終了しています" in closed
    assert all(not b.isEnabled() for b in view.decisions.buttons.values())
    assert {b.toolTip() for b in view.decisions.buttons.values()} == {closed}
    assert not view.step_panel.handover_box.isVisible()
    view.open_handover()  # what Ctrl+Shift+H and the Incident menu do
    assert view.handover_dialog is None or not view.handover_dialog.isVisible()
    assert window.message_bar.text.text() == str(rules.refusal(state, "hand_over"))
    assert kinds(workspace, incident_id) == ["opened", "status_changed"]


def test_the_plans_offered_for_a_hand_over_are_the_services_targets(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    for plan in ("initial_report", "malware_terminal"):
        incident_id = workspace.incidents.start(plan, "引継ぎ先", "係", mode="drill")
        window.open_incident(incident_id)
        view = window.incident
        view.open_handover()
        dialog = view.handover_dialog
        assert dialog is not None and dialog.isVisible()
        offered = [
            dialog.picker.plans.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(dialog.picker.plans.count())
        ]
        state = workspace.incidents.state(incident_id)
        targets = rules.hand_over_targets(state, workspace.library.all())
        assert sorted(offered) == sorted(p.id for p in targets) and plan not in offered
        dialog.reject()


def test_a_done_step_refuses_done_and_skip_with_the_services_reason(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "完了済み", "係", mode="drill")
    workspace.incidents.complete_step(incident_id, "isolate", "係", fields={"host": "PC-1"})
    window.open_incident(incident_id, "isolate")
    panel = window.incident.step_panel
    state = workspace.incidents.state(incident_id)
    assert panel.step is not None
    done = str(rules.refusal(state, "complete_step", panel.step, in_view=True))
    skip = str(rules.refusal(state, "skip_step", panel.step, in_view=True))
    assert not panel.done_button.isEnabled() and panel.done_button.toolTip() == done
    assert not panel.skip_button.isEnabled() and panel.skip_button.toolTip() == skip
    assert panel.note_button.isEnabled()  # a note is still allowed
    # The command line is refused by the same rule, naming the step it was given.
    named = str(rules.refusal(state, "complete_step", panel.step))
    assert "isolate" in named and "訂正" in named


def test_a_tabletop_shows_its_simulated_time_in_the_header(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    drill = workspace.incidents.start("ransomware", "実時間", "係", mode="drill")
    window.open_incident(drill)
    view = window.incident
    assert not view.sim_clock.isVisible()

    exercise = workspace.incidents.start("ransomware", "机上", "係", mode="tabletop")
    window.open_incident(exercise)
    assert view.sim_clock.isVisible()
    assert view.sim_clock.text() == "訓練の時刻: 2026-11-25 09:00:00 JST"
    workspace.incidents.change_clock(exercise, "jump", "係", by=timedelta(hours=2))
    clock.advance(timedelta(seconds=30))
    window.tick()
    assert view.sim_clock.text() == "訓練の時刻: 2026-11-25 11:00:30 JST"
    workspace.incidents.change_clock(exercise, "speed", "係", speed=4.0)
    clock.advance(timedelta(seconds=30))
    window.tick()
    assert view.sim_clock.text() == "訓練の時刻: 2026-11-25 11:02:30 JST（4倍速）"
    workspace.incidents.change_clock(exercise, "pause", "係")
    clock.advance(timedelta(minutes=10))
    window.tick()
    assert view.sim_clock.text() == "訓練の時刻: 2026-11-25 11:02:30 JST（停止中）"
    assert kinds(workspace, exercise)[-1] == "clock_changed"  # read-only: the label writes nothing
    window.open_incident(drill)
    assert not view.sim_clock.isVisible()

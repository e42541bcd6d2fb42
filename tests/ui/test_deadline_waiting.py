"""A clock that cannot start yet says which question it waits for, not a misleading anchor."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow


def test_a_clock_waiting_for_a_decision_names_the_question(
    qtbot,
    window: MainWindow,
    workspace: Workspace,  # type: ignore[no-untyped-def]
) -> None:
    inc = workspace.incidents
    # The generator's 72-hour stockpile target applies only once the generator is known to run.
    incident_id = inc.start("power_outage", "訓練", "係", mode="drill")
    window.open_incident(incident_id)
    panel = window.incident.deadlines
    qtbot.waitUntil(lambda: panel.state_of("generator_fuel") == "not_started")
    running = workspace.incidents.state(incident_id).playbook.plan.decision("generator_running")
    assert running is not None
    text = panel.shown_text("generator_fuel")
    assert "判断待ち" in text and running.ask.ja in text
    inc.decide(incident_id, "generator_running", "yes", "係")
    window.open_incident(incident_id)
    qtbot.waitUntil(lambda: panel.state_of("generator_fuel") == "running")
    assert "判断待ち" not in panel.shown_text("generator_fuel")


def test_a_click_on_a_clock_s_unanswered_mark_goes_to_that_question(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """「※ 未回答: 判断5」 names a question the side panel may have scrolled out of view: a click
    on the row puts the cursor on its answers, in view."""
    window.resize(1366, 768)
    incident_id = workspace.incidents.start("ransomware", "判断へ", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    panel = view.deadlines
    qtbot.waitUntil(lambda: panel.rowCount() > 0 and not view._fit_pending)
    row = next(r for r in range(panel.rowCount()) if "未回答: 判断" in panel.item(r, 1).text())
    number = int(panel.item(row, 1).text().split("未回答: 判断")[1].split(",")[0])
    assert f"クリック: 判断{number}へ" in panel.item(row, 0).toolTip()
    rect = panel.visualRect(panel.model().index(row, 0))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    decision = workspace.incidents.state(incident_id).playbook.plan.decisions[number - 1]
    answers = [b for (d, _), b in view.decisions.buttons.items() if d == decision.id]
    qtbot.waitUntil(lambda: window.focusWidget() in answers)
    focused = window.focusWidget()
    assert focused.visibleRegion().boundingRect() == focused.rect()  # wholly in view
    assert workspace.incidents.count(incident_id) == 1  # a click to look records nothing

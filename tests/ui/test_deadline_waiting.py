"""A clock that cannot start yet says which question it waits for, not a misleading anchor."""

from __future__ import annotations

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

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
    incident_id = inc.start("ransomware", "訓練", "係", mode="drill")
    inc.decide(incident_id, "personal_data", "unknown", "係")
    window.open_incident(incident_id)
    panel = window.incident.deadlines
    qtbot.waitUntil(lambda: panel.state_of("ppc_mynumber") == "not_started")
    my_number = workspace.incidents.state(incident_id).playbook.plan.decision("mynumber_zone")
    assert my_number is not None
    text = panel.shown_text("ppc_mynumber")
    assert "判断待ち" in text and my_number.ask.ja in text
    inc.decide(incident_id, "mynumber_zone", "yes", "係")
    window.open_incident(incident_id)
    qtbot.waitUntil(lambda: panel.state_of("ppc_mynumber") == "running")
    assert "判断待ち" not in panel.shown_text("ppc_mynumber")

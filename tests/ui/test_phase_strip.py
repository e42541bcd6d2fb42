"""The phase strip shows the phases of the incident on screen only: opening an incident of
another plan replaces them at once (the old segments were drawn beside the new ones until the
event loop got round to deleting them)."""

from __future__ import annotations

from typing import Any

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.runner import PhaseSegment
from app.ui.session import Session

WHO = "訓練 太郎"


def stale_segments(window: MainWindow) -> list[PhaseSegment]:
    """Segments of the strip that are not the current plan's and are still drawn (not hidden):
    another plan's phases, waiting for the event loop to delete them."""
    strip = window.incident.phases
    current = {id(w) for w in strip.segments.values()}
    return [
        w for w in strip.findChildren(PhaseSegment) if id(w) not in current and not w.isHidden()
    ]


def test_another_plans_incident_replaces_the_phases_at_once(
    qtbot: Any, window: MainWindow, session: Session, workspace: Workspace
) -> None:
    session.set_actor(WHO)
    ransomware = workspace.incidents.start("ransomware", "暗号化", WHO, mode="drill")
    leak = workspace.incidents.start("personal_data_leak", "誤送信", WHO, mode="drill")
    window.open_incident(ransomware)
    qtbot.wait(50)  # the first plan's segments drawn
    first = workspace.library.get("ransomware").plan.phases
    assert window.incident.phases.row.count() == len(first)
    window.open_incident(leak)  # then no turn of the event loop before the look
    phases = workspace.library.get("personal_data_leak").plan.phases
    assert window.incident.state is not None and window.incident.state.id == leak
    assert window.incident.phases.row.count() == len(phases)
    assert stale_segments(window) == []

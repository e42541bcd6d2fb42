"""The incident view's controller: every write action through the session to the services (by
the responder named in the window), a refusal as a message and None, and no ``Any`` between it
and the services."""

from __future__ import annotations

from pathlib import Path

from app.services.workspace import Workspace
from app.ui.incident_controller import IncidentController, LessonDraft
from app.ui.session import Session
from tests.ui.conftest import ACTOR


def test_every_action_writes_through_the_services_as_the_responder(
    session: Session, workspace: Workspace
) -> None:
    controller = IncidentController(session)
    assert controller.incidents is workspace.incidents
    changed: list[str] = []
    session.changed.connect(changed.append)
    incidents = workspace.incidents
    first = incidents.start("initial_report", "制御", "係", mode="drill")
    incident = incidents.start("ransomware", "制御", "係", mode="drill")
    assert controller.start_step(incident, "isolate") is not None
    assert controller.complete_step(incident, "isolate", {"host": "PC-1"}, "課長") is not None
    assert controller.skip_step(incident, "record_note", "撮影済み") is not None
    assert controller.decide(incident, "personal_data", "no") is not None
    noted = controller.note(incident, "メモ")
    assert noted is not None
    assert controller.note(incident, "手順のメモ", step_id="isolate") is not None
    assert controller.lesson(incident, LessonDraft("教訓", improvement=True)) is not None
    assert controller.retract(incident, noted.uuid, "誤記") is not None
    assert controller.set_status(incident, "contained", "") is not None
    assert controller.set_status(incident, "closed", "  訓練終了 ") is not None
    assert controller.hand_over(first, "ransomware") is not None
    entries = incidents.entries(incident)
    assert [e.kind for e in entries] == [
        "opened",
        "step_started",
        "step_done",
        "step_skipped",
        "decided",
        "noted",
        "noted",
        "lesson",
        "corrected",
        "status_changed",
        "status_changed",
    ]
    assert {e.actor for e in entries[1:]} == {ACTOR}
    assert entries[2].payload["deputy_for"] == "課長"
    assert entries[7].payload["improvement"] is True
    assert incidents.state(incident).summary == "訓練終了"
    assert incidents.state(first).playbook.id == "ransomware"
    assert set(changed) == {incident, first}


def test_a_refused_action_is_a_message_and_none(session: Session, workspace: Workspace) -> None:
    controller = IncidentController(session)
    errors: list[str] = []
    session.error.connect(errors.append)
    incident = workspace.incidents.start("ransomware", "拒否", "係", mode="drill")
    assert controller.set_status(incident, "closed", "") is None
    assert controller.decide(incident, "personal_data", "perhaps") is None
    assert controller.skip_step(incident, "isolate", "") is None
    assert len(errors) == 3 and "概要" in errors[0] and "perhaps" in errors[1]
    assert [e.kind for e in workspace.incidents.entries(incident)] == ["opened"]


def test_the_link_to_the_services_is_typed() -> None:
    """Named for the type checker (imported only for it, so the window starts as fast)."""
    assert IncidentController.incidents.fget.__annotations__["return"] == "Incidents"  # type: ignore[attr-defined]
    assert IncidentController.__init__.__annotations__["session"] == "Session"
    from app.ui import incident_controller

    assert incident_controller.TYPE_CHECKING is False
    source = Path(incident_controller.__file__).read_text("utf-8")
    assert "from app.services.incidents import Incidents" in source
    assert "-> Any" not in source and ": Any)" not in source

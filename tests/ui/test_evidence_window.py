"""Attaching evidence in the window: the Incident menu's action, the chooser (a file dialog, here
a stand-in), the file stored and logged on the step in view, and the files listed on screen."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtGui import QAction

from app.paths import EVIDENCE_FOLDER
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.ui.conftest import ACTOR
from tests.ui.test_i18n import untranslated

PHOTO = b"\xff\xd8 ransom note " * 64


def menu_action(window: MainWindow, text: str) -> QAction:
    found = [a for a in window.incident_actions if a.text() == text]
    assert len(found) == 1, [a.text() for a in window.incident_actions]
    return found[0]


def test_the_menu_action_attaches_a_file_to_the_step_in_view(
    qtbot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "脅迫文.jpg"
    photo.write_bytes(PHOTO)
    incident_id = workspace.incidents.start("ransomware", "証拠の添付", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    assert not view.evidence_line.isVisible()  # nothing attached yet
    asked: list[str] = []
    view.choose_evidence_file = lambda title: asked.append(title) or str(photo)
    action = menu_action(window, "証拠を添付…")
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+E"
    action.trigger()
    step = workspace.library.get("ransomware").plan.step("isolate")
    assert step is not None and asked == [f"証拠を添付（手順: {step.title.ja}）"]
    digest = hashlib.sha256(PHOTO).hexdigest()
    [added] = [e for e in workspace.incidents.entries(incident_id) if e.kind == "evidence_added"]
    assert (added.payload["sha256"], added.step_id, added.actor) == (digest, "isolate", ACTOR)
    assert (workspace.root / EVIDENCE_FOLDER / digest).read_bytes() == PHOTO
    # Said as recorded, with the describer's words, and listed where the responder sees it.
    bar = window.message_bar
    assert bar.property("tone") == "recorded" and "脅迫文.jpg" in bar.text.text()
    assert view.evidence_line.isVisible()
    assert view.evidence_line.text() == f"証拠ファイル: 脅迫文.jpg ({digest[:8]})"
    assert digest in view.evidence_line.toolTip() and ACTOR in view.evidence_line.toolTip()
    assert untranslated([view.evidence_line.text(), action.text()]) == []


def test_nothing_is_asked_or_written_when_it_is_refused_or_cancelled(
    qtbot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    inc = workspace.incidents
    incident_id = inc.start("ransomware", "証拠の添付", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    asked: list[str] = []
    view.choose_evidence_file = lambda title: asked.append(title) or ""  # cancelled
    view.attach_evidence()
    assert len(asked) == 1
    inc.set_status(incident_id, "closed", "係", summary="終了")
    view.refresh()
    view.attach_evidence()  # a closed incident: refused before any dialog opens
    assert len(asked) == 1
    assert "終了しています" in window.message_bar.text.text()
    assert [e for e in inc.entries(incident_id) if e.kind == "evidence_added"] == []
    assert not (workspace.root / EVIDENCE_FOLDER).exists()

"""Bundles in the window, driven through its widgets: the incident on screen written as an
encrypted bundle (two passphrases that differ refused in the form), merged on a second laptop
whose window then shows the conflict, and the conflict settled with a choice and a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton

from app.domain.clock import ManualClock
from app.services.bundle_import import import_bundle
from app.services.bundles import export_incident
from app.services.workspace import Workspace
from app.ui.bundle_dialogs import ConflictsDialog, ExportBundleDialog, ImportBundleDialog
from app.ui.main_window import MainWindow
from tests.conftest import START

SECRET = "対策本部の合言葉 2026"


def test_the_incident_on_screen_is_written_encrypted_and_merged_back_with_its_conflict(
    qtbot: Any, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    incident = workspace.incidents.start("ransomware", "庁内サーバの暗号化", "田中")
    window.session.set_actor("田中")
    window.open_incident(incident)
    window.open_export_bundle()
    dialog = window.bundle_dialog
    assert isinstance(dialog, ExportBundleDialog)
    assert dialog.encrypt.isChecked()  # encrypted unless the responder says otherwise
    out = tmp_path / "to-b.sonae"
    dialog.path.setText(str(out))
    dialog.passphrase.setText(SECRET)
    dialog.again.setText(SECRET + "x")
    dialog.buttons.accepted.emit()
    assert "differ" in dialog.problem.text() or "一致" in dialog.problem.text()
    assert not out.exists()
    dialog.again.setText(SECRET)
    dialog.buttons.accepted.emit()
    assert out.is_file() and not dialog.isVisible()

    # The second laptop merges it, both answer one question differently, and it comes back.
    other = Workspace(tmp_path / "laptop-b", clock=ManualClock(START))
    try:
        import_bundle(other, out, SECRET)
        other.incidents.decide(incident, "mynumber_zone", "no", "鈴木")
        workspace.incidents.decide(incident, "mynumber_zone", "yes", "田中")
        back = tmp_path / "to-a.sonae"
        export_incident(other, incident, back, "鈴木")
    finally:
        other.close()

    window.open_import_bundle()
    importing = window.bundle_dialog
    assert isinstance(importing, ImportBundleDialog)
    importing.path.setText(str(tmp_path / "missing.sonae"))
    importing.buttons.accepted.emit()
    qtbot.waitUntil(importing.problem.isVisible, timeout=30000)  # merged on a worker thread
    assert importing.isVisible() and importing.buttons.isEnabled()
    importing.path.setText(str(back))
    importing.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not importing.isVisible(), timeout=30000)
    settle = window.conflicts_dialog
    assert isinstance(settle, ConflictsDialog)
    choice = settle.findChild(QComboBox, "choice_mynumber_zone")
    assert choice is not None
    assert sorted(choice.itemData(i) for i in range(choice.count())) == ["no", "yes"]
    choice.setCurrentIndex(choice.findData("no"))
    reason = settle.findChild(QLineEdit, "reason_mynumber_zone")
    assert reason is not None
    reason.setText("住基端末は別系統と確認")
    button = settle.findChild(QPushButton, "resolve_mynumber_zone")
    assert button is not None
    button.click()
    assert workspace.incidents.conflicts(incident) == []
    assert workspace.incidents.state(incident).decisions["mynumber_zone"].choice == "no"
    assert settle.findChild(QPushButton, "resolve_mynumber_zone") is None
    shown = [label.text() for label in settle.findChildren(QLabel)]
    assert any("食い違いはありません" in t or "No conflicts" in t for t in shown)

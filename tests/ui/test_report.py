"""The report action: made on a worker thread through the reports service, then opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow


def test_report_is_made_off_the_gui_thread_and_opened(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "報告書の確認", "係", mode="drill")
    window.open_incident(incident_id)
    opened: list[Path] = []
    window.open_file = opened.append  # type: ignore[method-assign]
    busy_texts: list[str] = []
    window.session.busy.connect(busy_texts.append)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.busy.isVisible()  # the window shows progress and stays usable meanwhile
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    pdf = opened[0]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.parent == workspace.root / "reports"
    assert busy_texts[-1] == "" and any("報告書" in t for t in busy_texts)
    last = workspace.incidents.entries(incident_id)[-1]
    assert last.kind == "report_issued" and last.payload["file"] == pdf.name
    model = window.incident.timeline.model
    assert model.data(model.index(0, 4)) == "帳票出力"

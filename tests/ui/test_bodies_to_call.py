"""Who to call: a step that names external bodies shows their names and numbers in the runner."""

from __future__ import annotations

from app.services.contacts import contacts_file, example_file, install_example
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow


def test_the_step_panel_shows_the_bodies_a_step_names(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    install_example(workspace.root)
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    window.open_incident(incident_id, "report_ipa")
    panel = window.incident.step_panel
    assert panel.step is not None and panel.step.id == "report_ipa"
    text = panel.bodies.text()
    assert panel.bodies.isVisible()
    assert "連絡先: 情報処理推進機構（IPA）  000-1000-0006" in text
    assert "JPCERT コーディネーションセンター  000-1000-0007" in text
    # Below the role holders, not inside them: the role label is unchanged.
    assert "000-1000" not in panel.role.text()

    window.incident.select_step("isolate")  # a step that names no body hides the line
    assert not panel.bodies.isVisible()


def test_a_body_missing_from_contacts_says_so(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    example = example_file().read_text("utf-8")
    path = contacts_file(workspace.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example.replace("id: police_cyber", "id: police_hq"), "utf-8")
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    window.open_incident(incident_id, "report_police")
    text = window.incident.step_panel.bodies.text()
    # Named as the plans' bundled list names it, never by its id, and without a number.
    assert "福岡県警察 サイバー犯罪相談窓口（電話番号は連絡先に未登録）" in text
    assert "police_cyber" not in text
    assert "000-1000-0003" not in text

"""Words a responder reads, not codes: an old log's body and the plan's 要確認 box, in each language."""

from __future__ import annotations

import re

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.texts import body_label

from .conftest import ACTOR


def test_an_old_logs_body_reads_in_words_without_its_code(qtbot, translations) -> None:  # type: ignore[no-untyped-def]
    assert body_label("市長部局 (新)") == "市長部局"
    assert body_label("教育委員会（教）") == "教育委員会"
    assert body_label("どこかの課") == "どこかの課"  # free text is shown as written
    assert translations.use("en")
    assert body_label("市長部局 (新)") == "Mayor's departments"
    assert body_label("議会 (議)") == "City council and its secretariat"


def test_the_incident_header_shows_the_old_body_in_words(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = workspace.incidents.start(
        "network_outage", "旧い記録", ACTOR, mode="drill", body="市長部局 (新)"
    )
    window.open_incident(incident)
    meta = window.incident.meta.text()
    assert "市長部局" in meta and "(新)" not in meta, meta


def confirm_box(window: MainWindow, workspace: Workspace) -> str:
    incident = workspace.incidents.start("network_outage", "確認の表示", ACTOR, mode="drill")
    window.open_incident(incident)
    window.incident.select_step("report_admin")
    box = window.incident.step_panel.confirm
    assert box.isVisible()
    return box.text()


def test_the_confirm_box_in_japanese(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    assert confirm_box(window, workspace) == "要確認: 報告経路は市の対策基準で確認する"


def test_the_confirm_box_in_english_has_no_japanese_and_says_it_once(
    qtbot, window: MainWindow, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    assert translations.use("en")
    text = confirm_box(window, workspace)
    assert text == "Open point: Confirm the reporting chain against the city's rules", text
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)

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


def test_the_lesson_kinds_stand_apart_and_help_fits_the_screen(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """Each lesson kind's circle is nearer its own label than the one before; the key list is
    never taller than the screen (its Close button was cut at 1366x768)."""
    incident = workspace.incidents.start("network_outage", "教訓の表示", ACTOR, mode="drill")
    window.open_incident(incident)
    window.incident.open_lesson()
    dialog = window.incident.lesson_dialog
    assert dialog is not None
    buttons = list(dialog.category_buttons.values())
    qtbot.waitUntil(lambda: all(b.isVisible() for b in buttons))
    gap = dialog.fontMetrics().horizontalAdvance("国")
    for before, after in zip(buttons, buttons[1:], strict=False):
        assert after.geometry().left() - before.geometry().right() >= gap
    dialog.reject()
    window.show_help()
    help_dialog = window.help_dialog
    assert help_dialog is not None
    available = help_dialog.screen().availableGeometry()
    assert help_dialog.frameGeometry().height() <= available.height()


def test_the_hand_over_description_can_be_read_whole_at_the_largest_text(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """Laid out at its full height in a scroll area: at 20pt it was cut mid-line, no scroll bar."""
    from PySide6.QtWidgets import QApplication

    from app.ui.app import apply_look

    window.resize(1366, 768)
    incident = workspace.incidents.start("initial_report", "引継ぎの表示", ACTOR, mode="drill")
    window.open_incident(incident)
    apply_look(QApplication.instance(), 20)  # type: ignore[arg-type]
    try:
        window.incident.open_handover()
        dialog = window.incident.handover_dialog
        assert dialog is not None
        summary = dialog.summary
        qtbot.waitUntil(lambda: summary.isVisible() and bool(summary.text()))
        qtbot.waitUntil(lambda: summary.height() >= summary.heightForWidth(summary.width()))
        dialog.reject()
    finally:
        apply_look(QApplication.instance(), 12)  # type: ignore[arg-type]


def test_the_keys_in_help_have_room_beside_the_cell_lines(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    table = dialog.table
    metrics = table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(table.item(r, 0).text()) for r in range(table.rowCount())
    )
    assert table.columnWidth(0) >= widest + 2 * metrics.horizontalAdvance("M")

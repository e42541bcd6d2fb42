"""Outside bodies in Contacts (issue 12, point 8): police, PPC, prefecture, vendors are edited
like the people; a step names each body it calls with its number in view under its title, and a
body Contacts lacks is said by its name, with a button that opens Contacts on a new entry for it.
The printed checklist reads the same file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QTableWidget

from app.services.contacts import contacts_file, install_example, load_contacts
from app.services.reports import write_checklist
from app.services.workspace import Workspace
from app.ui.contacts import BODY_COLUMNS, ContactsView
from app.ui.main_window import MainWindow
from tests.reports.conftest import pdf_text
from tests.ui.conftest import text_size


def editor_of(window: MainWindow) -> ContactsView:
    editor = window.contacts_view
    assert isinstance(editor, ContactsView)
    return editor


def put(table: QTableWidget, row: int, column: str, value: str) -> None:
    item = table.item(row, BODY_COLUMNS.index(column))
    assert item is not None
    item.setText(value)


def cell(table: QTableWidget, row: int, column: str) -> str:
    item = table.item(row, BODY_COLUMNS.index(column))
    return item.text() if item is not None else ""


def test_a_police_entry_added_and_edited_in_contacts_shows_on_the_police_step(
    qtbot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    window.show_contacts()
    editor = editor_of(window)
    assert editor.bodies.rowCount() == 0  # a fresh install: no file, no bodies
    editor.add_bodies([])  # the generic "Add body" button
    assert editor.tabs.currentIndex() == 1 and editor.bodies.rowCount() == 1
    put(editor.bodies, 0, "id", "police_cyber")
    put(editor.bodies, 0, "name_ja", "県警 サイバー窓口")
    put(editor.bodies, 0, "phone", "092-000-1111")
    put(editor.bodies, 0, "other", "夜間 092-000-2222")
    put(editor.bodies, 0, "hours", "24時間")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = load_contacts(workspace.root).body("police_cyber")
    assert saved is not None and saved.phone == "092-000-1111" and saved.hours == "24時間"

    window.open_incident(incident_id, "report_police")
    panel = window.incident.step_panel
    assert (
        panel.bodies.text() == "連絡先: 県警 サイバー窓口  092-000-1111  夜間 092-000-2222 (24時間)"
    )
    assert not panel.add_body_button.isVisible()

    # Edited like a person: the new number shows on the step once Contacts is left.
    window.show_contacts()
    assert cell(editor.bodies, 0, "phone") == "092-000-1111"  # read back from the file
    put(editor.bodies, 0, "phone", "092-000-3333")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    editor.closed.emit()
    assert window.stack.currentWidget() is window.incident
    assert "092-000-3333" in panel.bodies.text()
    assert "092-000-1111" not in panel.bodies.text()

    # One definition: the printed checklist (sonae print) reads the same contacts file.
    pdf = write_checklist(workspace, "ransomware", tmp_path / "checklist.pdf")
    printed = pdf_text(pdf)
    assert "092-000-3333" in printed and "夜間 092-000-2222" in printed


def test_a_body_contacts_lack_is_named_and_the_button_opens_the_editor_on_it(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    window.open_incident(incident_id, "report_police")
    panel = window.incident.step_panel
    text = panel.bodies.text()
    assert text == "連絡先: 福岡県警察 サイバー犯罪相談窓口（電話番号は連絡先に未登録）"
    assert "police_cyber" not in text  # never the raw id
    assert panel.add_body_button.isVisible()
    assert "福岡県警察 サイバー犯罪相談窓口" in panel.add_body_button.text()

    qtbot.mouseClick(panel.add_body_button, Qt.MouseButton.LeftButton)
    editor = editor_of(window)
    assert window.stack.currentWidget() is editor
    assert editor.tabs.currentIndex() == 1
    row = editor.bodies.currentRow()
    assert cell(editor.bodies, row, "id") == "police_cyber"
    assert cell(editor.bodies, row, "name_ja") == "福岡県警察 サイバー犯罪相談窓口"
    assert cell(editor.bodies, row, "phone") == ""  # never the example's invented number
    assert editor.bodies.currentColumn() == BODY_COLUMNS.index("phone")  # ready to type it
    put(editor.bodies, row, "phone", "092-641-4141")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    editor.closed.emit()
    assert panel.bodies.text() == "連絡先: 福岡県警察 サイバー犯罪相談窓口  092-641-4141"
    assert not panel.add_body_button.isVisible()


def test_several_missing_bodies_are_added_by_one_button(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    window.open_incident(incident_id, "report_ipa")  # names IPA and JPCERT/CC
    panel = window.incident.step_panel
    assert panel.add_body_button.text() == "この 2 件を連絡先に追加…"
    qtbot.mouseClick(panel.add_body_button, Qt.MouseButton.LeftButton)
    editor = editor_of(window)
    assert [cell(editor.bodies, r, "id") for r in range(editor.bodies.rowCount())] == [
        "ipa",
        "jpcert",
    ]


def test_a_body_id_used_twice_is_refused_in_words(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window.show_contacts()
    editor = editor_of(window)
    editor.add_bodies(["ppc"])
    editor.add_bodies([])
    put(editor.bodies, 1, "id", "ppc")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert (
        window.message_bar.text.text()
        == "保存できません: 外部機関の 1 行目と 2 行目の ID が同じです。"
    )
    assert not contacts_file(workspace.root).exists()  # nothing half-saved


def test_the_numbers_to_call_are_in_view_when_the_step_opens(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    install_example(workspace.root)
    window.resize(1366, 768)
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    window.open_incident(incident_id, "report_police")
    panel = window.incident.step_panel
    qtbot.waitUntil(lambda: panel.bodies.height() > 0)
    viewport = panel.content_scroll.viewport()
    bottom = panel.bodies.mapTo(viewport, QPoint(0, panel.bodies.height())).y()
    assert "000-1000-0003" in panel.bodies.text()
    assert 0 < bottom <= viewport.height()
    # Under the title, before the step's text and fields.
    assert panel.bodies.y() < panel.detail.y()


@pytest.mark.parametrize("size", [12, 20])
def test_a_body_s_name_comes_first_and_wraps_whole(
    qtbot, window: MainWindow, workspace: Workspace, size: int
) -> None:  # type: ignore[no-untyped-def]
    """The name and the numbers first, the ID after; a long name on two lines, never cut with
    … (総務省（自治行… at 20 pt)."""
    install_example(workspace.root)
    window.resize(1366, 768)
    with text_size(size):
        window.show_contacts()
        table = editor_of(window).bodies
        header = table.horizontalHeader()
        order = [BODY_COLUMNS[header.logicalIndex(v)] for v in range(len(BODY_COLUMNS))]
        assert order[:4] == ["name_ja", "phone", "other", "hours"]
        assert order.index("id") > order.index("hours")
        name = BODY_COLUMNS.index("name_ja")
        width = table.columnWidth(name) - 8  # the cell's own margins
        assert table.rowCount() >= 5
        for row in range(table.rowCount()):
            text = table.item(row, name).text()
            needed = table.fontMetrics().boundingRect(
                QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text
            )
            assert needed.height() <= table.rowHeight(row), text

"""A contacts save that cannot be made says why in the user's language, naming the row and the
column, and puts the cursor on that cell: no validator's English, no dotted paths."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.contacts import load_contacts
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow


def test_an_empty_name_is_named_by_row_and_column(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window.show_contacts()
    editor = window.contacts_view
    assert editor is not None
    editor.install_example()
    editor.people.item(1, 0).setText("  ")  # the second person's name rubbed out
    editor.people.setCurrentCell(0, 3)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    shown = window.message_bar.text.text()
    assert shown == "保存できません: 2 行目の氏名が空です。"
    assert (editor.people.currentRow(), editor.people.currentColumn()) == (1, 0)
    assert load_contacts(workspace.root).people[1].name.strip()  # nothing half-saved

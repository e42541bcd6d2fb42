"""Keys, text size, language, resuming after a restart, long work off the GUI thread, contacts."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from app.domain.entries import EntryDraft
from app.i18n import language
from app.services.contacts import load_contacts
from app.services.workspace import Workspace
from app.ui.app import Gui, apply_look
from app.ui.help import shortcut_rows
from app.ui.incident_view import SYNC_FOLD_LIMIT
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import SETTINGS_FILE, UiSettings


def test_help_lists_a_key_for_every_frequent_action(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rows = dict(shortcut_rows(window.shortcut_actions))
    for keys, action in (
        ("Ctrl+N", "対応を開始する"),
        ("Ctrl+D", "手順を完了にする"),
        ("Ctrl+K", "手順を省略する（理由付き）"),
        ("Ctrl+E", "メモを書く"),
        ("Ctrl+H", "ホーム"),
        ("Ctrl+L", "教訓を記録…"),
        ("F1", "キーボード操作"),
    ):
        assert rows.get(keys) == action, (keys, rows)
    window.show_help()
    assert window.help_dialog is not None and not window.help_dialog.isModal()
    table = window.help_dialog.table
    # + Ctrl+G (back to the current step), Ctrl+Z (take back what was just recorded),
    # Ctrl+Enter, Ctrl+F, Ctrl+S, the decision keys (Alt+N, arrows, Enter, Tab to the reason,
    # Esc), Tab, and Shift+F10 on a note in the timeline
    assert table.rowCount() == len(rows) + 12
    keys = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Alt+1 … Alt+9" in keys and "Ctrl+Z" in keys


def test_keyboard_only_step_done(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "キー操作", "係", mode="drill")
    window.open_incident(incident_id)
    window.incident.step_panel.inputs[0].widget.setFocus()
    qtbot.keyClicks(window.incident.step_panel.inputs[0].widget, "PC-9")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert workspace.incidents.state(incident_id).step_states()["isolate"] == "done"
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.incident.selected == "report_manager"


def test_larger_text_applies_and_is_kept(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    sizes: list[int] = []
    window.text_size_changed.connect(sizes.append)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert sizes == [14]
    saved = json.loads((workspace.root / SETTINGS_FILE).read_text("utf-8"))
    assert saved["text_size"] == 14


def test_reopens_on_the_current_step(qtbot, workspace: Workspace, translations) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "再開の確認", "係", mode="drill")
    first = MainWindow(Session(workspace, UiSettings.load(workspace.root)))
    qtbot.addWidget(first)
    first.show()
    first.open_incident(incident_id)
    first.incident.select_step("cut_remote")
    first.close()
    # A new start (as after a crash): settings come from the data folder only.
    again = MainWindow(Session(workspace, UiSettings.load(workspace.root)))
    qtbot.addWidget(again)
    again.show()
    again.restore()
    assert again.stack.currentWidget() is again.incident
    assert again.incident.incident_id == incident_id
    # On the current step (the first applicable one not done), not on the step last clicked.
    current = workspace.incidents.state(incident_id).next_step()
    assert current is not None and current.id != "cut_remote"
    assert again.incident.step_panel.step is not None
    assert again.incident.step_panel.step.id == current.id


def test_language_switches_in_the_app(qtbot, workspace: Workspace, translations) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    gui = Gui(app, Session(workspace, UiSettings(actor="係")))  # type: ignore[arg-type]
    qtbot.addWidget(gui.window)
    gui.window.show()
    gui.window.restore()
    assert gui.window.home.start_button.text() == "対応を開始する"
    gui.switch_language("en")
    qtbot.addWidget(gui.window)
    assert gui.window.home.start_button.text() == "Start a response"
    assert gui.window.windowTitle() == "Sonae — incident response"
    assert language() == "en"  # service messages follow the window
    assert UiSettings.load(workspace.root).language == "en"
    gui.switch_language("ja")
    qtbot.addWidget(gui.window)
    assert gui.window.home.start_button.text() == "対応を開始する"


def test_a_long_log_is_read_off_the_gui_thread(
    qtbot, window: MainWindow, workspace: Workspace, clock
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "長い記録", "係", mode="drill")
    workspace.store.append(
        [
            EntryDraft(incident_id, "noted", "係", clock.now(), payload={"text": str(i)})
            for i in range(SYNC_FOLD_LIMIT + 10)
        ]
    )
    window.open_incident(incident_id)
    view = window.incident
    assert view.loading and window.busy.isVisible()  # progress shown, window responsive
    assert view.timeline.model.rowCount() > 0  # the timeline does not wait for the fold
    qtbot.waitUntil(lambda: view.state is not None, timeout=10000)
    assert not window.busy.isVisible()
    assert view.step_panel.step is not None and view.step_panel.step.id == "isolate"


def test_contacts_editor_sets_succession_and_the_runner_shows_it(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window.show_contacts()
    editor = window.contacts_view
    assert editor is not None
    editor.install_example()
    editor.role.setCurrentIndex(editor.role.findData("system_admin"))
    assert editor.holders.count() == 2
    editor.holders.setCurrentRow(1)
    editor.move_holder(-1)  # the deputy becomes the holder
    editor.save()
    assert load_contacts(workspace.root).roles["system_admin"] == ["rei_hanako", "tameshi_shiro"]

    incident_id = workspace.incidents.start("ransomware", "連絡先の確認", "係", mode="drill")
    window.open_incident(incident_id)
    window.incident.select_step("confirm_isolation")  # the system administrator's step
    role_text = window.incident.step_panel.role.text()
    assert "担当者: 例 花子" in role_text and "代行 1: 試 四郎" in role_text
    assert "000-0000-0005" in role_text


def test_the_clock_tick_moves_the_countdown_on_its_own(
    qtbot, window: MainWindow, workspace: Workspace, clock
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    incident_id = workspace.incidents.start("ransomware", "時計の確認", "係", mode="drill")
    workspace.incidents.decide(incident_id, "personal_data", "yes", "係")
    window.open_incident(incident_id)
    deadlines = window.incident.deadlines
    assert deadlines.state_of("ppc_preliminary") == "running"
    window.timer.start(20)  # the real 1 s timer, faster
    clock.advance(timedelta(days=6))
    qtbot.waitUntil(lambda: deadlines.state_of("ppc_preliminary") == "overdue", timeout=2000)
    window.show_home()
    card = window.home.cards[incident_id]
    qtbot.waitUntil(lambda: "期限超過" in card.countdown.text(), timeout=2000)
    assert "過ぎ" in card.countdown.text()


def test_home_is_usable_from_the_keyboard(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    first = workspace.incidents.start("ransomware", "一件目", "係", mode="drill")
    second = workspace.incidents.start("ransomware", "二件目", "係", mode="tabletop")
    window.show_home()
    cards = window.home.cards
    assert window.focusWidget() is cards[second]  # the newest first
    qtbot.keyClick(cards[second], Qt.Key.Key_Down)
    assert window.focusWidget() is cards[first]
    qtbot.keyClick(cards[first], Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.incident
    assert window.incident.incident_id == first


def test_after_a_language_switch_the_cursor_stays_where_work_is(
    qtbot, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    """Not in the name field (the review saw it land there): on home's first card, or on the
    current step's first input, as before the switch."""
    incident_id = workspace.incidents.start("ransomware", "言語の確認", "係", mode="drill")
    app = QApplication.instance()
    gui = Gui(app, Session(workspace, UiSettings(actor="係")))  # type: ignore[arg-type]
    qtbot.addWidget(gui.window)
    gui.window.show()
    gui.window.restore()
    gui.switch_language("en")
    qtbot.addWidget(gui.window)
    focused = gui.window.focusWidget()
    assert focused is not gui.window.actor
    assert focused is gui.window.home.first_card()
    gui.window.open_incident(incident_id)
    gui.switch_language("ja")
    qtbot.addWidget(gui.window)
    assert gui.window.incident.incident_id == incident_id
    assert gui.window.focusWidget() is gui.window.incident.step_panel.first_input()
    assert gui.window.focusWidget() is not gui.window.actor


def indicator_side(box: QCheckBox) -> int:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box).height()


def test_check_boxes_grow_with_the_text(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """A tick at the largest text is as easy to see and hit as the words beside it."""
    window.open_incident(workspace.incidents.start("ransomware", "大きさ", "係", mode="drill"))
    box = window.incident.step_panel.check_rows[0].box
    app = QApplication.instance()
    try:
        apply_look(app, 12)  # type: ignore[arg-type]
        small = indicator_side(box)
        apply_look(app, 20)  # type: ignore[arg-type]
        large = indicator_side(box)
        assert small >= 16 and large >= 27, (small, large)
        assert large >= box.fontMetrics().height() * 0.8
    finally:
        apply_look(app, 12)  # type: ignore[arg-type]

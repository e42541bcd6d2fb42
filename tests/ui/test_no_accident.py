"""No action by accident, and one current step (issue 12, points 2 and 3): with the real window,
real widgets and real key presses and clicks, the log read back through the services."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QListWidgetItem, QWidget

from app.services.workspace import Workspace
from app.ui import step_panel
from app.ui.main_window import MainWindow

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SETTLE_MS = int(step_panel.SETTLE_SECONDS * 1000)


@pytest.fixture(autouse=True)
def settle_time() -> float:
    """The real settle time here (the other UI tests set it to 0)."""
    return step_panel.SETTLE_SECONDS


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def kinds(workspace: Workspace, incident_id: str) -> list[str]:
    return [e.kind for e in workspace.incidents.entries(incident_id)]


def done_steps(workspace: Workspace, incident_id: str) -> list[str]:
    states = workspace.incidents.state(incident_id).step_states()
    return [step for step, state in states.items() if state == "done"]


def opened(qtbot, window: MainWindow, workspace: Workspace) -> str:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "誤操作の確認", "係", mode="drill")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_incident(incident_id)
    qtbot.wait(50)  # laid out, as it is before anyone can press a key
    return incident_id


def test_the_settle_time_is_one_constant() -> None:
    assert step_panel.SETTLE_SECONDS == 0.7


def test_done_twice_within_200_ms_completes_one_step(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    panel = window.incident.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    qtbot.wait(SETTLE_MS + 100)  # read
    started = time.monotonic()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert panel.step is not None and panel.step.id == "record_note"
    qtbot.keyClick(focused(), Key.Key_D, CTRL)  # the second press, meant for the step before
    assert time.monotonic() - started < 0.2
    assert done_steps(workspace, incident_id) == ["isolate"]
    assert panel.step is not None and panel.step.id == "record_note"
    assert panel.settle_hint.isVisible() and panel.settle_hint.text()  # a hint; nothing recorded
    # Nothing else moves: the bar (over the screen) says what the first press recorded, and
    # no refusal follows the second.
    bar = window.message_bar
    assert bar.property("tone") == "recorded" and "FIN-PC-023" in bar.text.text()
    # Read for the moment, it is done by the next press.
    qtbot.wait(SETTLE_MS + 100)
    qtbot.keyClick(focused(), Key.Key_D, CTRL)
    assert done_steps(workspace, incident_id) == ["isolate", "record_note"]


def test_ctrl_d_twice_completes_one_step(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    panel = window.incident.step_panel
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    qtbot.wait(SETTLE_MS + 100)
    qtbot.keyClick(focused(), Key.Key_D, CTRL)
    qtbot.keyClick(focused(), Key.Key_D, CTRL)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert done_steps(workspace, incident_id) == ["isolate"]
    assert kinds(workspace, incident_id) == ["opened", "step_done"]


def test_a_double_click_on_done_completes_one_step(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    panel = window.incident.step_panel
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    qtbot.wait(SETTLE_MS + 100)
    # As the window system delivers one: press, release, double-click (a press), release.
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(panel.done_button, Qt.MouseButton.LeftButton)
    assert done_steps(workspace, incident_id) == ["isolate"]
    assert panel.step is not None and panel.step.id == "record_note"


def test_a_step_just_opened_is_not_completed(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    view, panel = window.incident, window.incident.step_panel
    qtbot.wait(SETTLE_MS + 100)
    view.select_step("cut_remote")  # no required field: only the settle time holds it
    qtbot.keyClicks(panel.inputs[0].widget, "VPN")  # typed: its fields are known (see below)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert done_steps(workspace, incident_id) == []
    qtbot.wait(SETTLE_MS + 100)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert done_steps(workspace, incident_id) == ["cut_remote"]


def test_done_acts_on_the_step_on_screen_when_it_was_pressed(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    view, panel = window.incident, window.incident.step_panel
    view.select_step("cut_remote")
    qtbot.wait(SETTLE_MS + 100)
    qtbot.mousePress(panel.done_button, Qt.MouseButton.LeftButton)
    view.select_step("csirt_setup")  # another step came on screen before the release
    qtbot.wait(SETTLE_MS + 100)
    qtbot.mouseRelease(panel.done_button, Qt.MouseButton.LeftButton)
    assert done_steps(workspace, incident_id) == []


def frame_drawn(button: QWidget) -> bool:
    """Whether the cursor's frame colour (#fab005) is drawn on the button."""
    image = button.grab().toImage()
    frame = QColor("#fab005")
    for x in range(0, image.width()):
        for y in (1, 2, image.height() // 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - frame.red()) < 24
                and abs(pixel.green() - frame.green()) < 24
                and abs(pixel.blue() - frame.blue()) < 24
            ):
                return True
    return False


def test_an_arrow_then_enter_records_the_answer_shown_selected(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    decisions = window.incident.decisions
    qtbot.keyClick(focused(), Key.Key_2, ALT)
    yes = decisions.buttons[("operations_stopped", "yes")]
    no = decisions.buttons[("operations_stopped", "no")]
    assert decisions.cursor_on() == ("operations_stopped", "yes")
    assert frame_drawn(yes) and not frame_drawn(no)
    qtbot.keyClick(focused(), Key.Key_Right)
    shown = decisions.cursor_on()
    assert shown == ("operations_stopped", "no")
    assert frame_drawn(no) and not frame_drawn(yes)  # the frame moved with the arrow
    assert workspace.incidents.state(incident_id).choices() == {}  # nothing recorded yet
    qtbot.keyClick(focused(), Key.Key_Return)
    assert workspace.incidents.state(incident_id).choices() == {shown[0]: shown[1]}


def test_enter_in_the_skip_reason_does_not_skip(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    panel = window.incident.step_panel
    qtbot.keyClicks(panel.skip_reason, "photo taken by the vendor")
    qtbot.keyClick(panel.skip_reason, Key.Key_Return)
    assert kinds(workspace, incident_id) == ["opened"]
    assert panel.step is not None and panel.step.id == "isolate"
    assert focused() is panel.skip_button  # on to the button: skipping is its own act


def list_row(window: MainWindow, step_id: str) -> QListWidgetItem:
    steps = window.incident.steps
    for row in range(steps.count()):
        if steps.item(row).data(Qt.ItemDataRole.UserRole) == step_id:
            return steps.item(row)
    raise AssertionError(step_id)


def rows_in_view(window: MainWindow) -> list[str]:
    steps = window.incident.steps
    return [
        s
        for s in steps.step_ids()
        if steps.viewport().rect().contains(steps.visualItemRect(list_row(window, s)).center())
    ]


def click_row(qtbot, window: MainWindow, step_id: str) -> None:  # type: ignore[no-untyped-def]
    steps = window.incident.steps
    rect = steps.visualItemRect(list_row(window, step_id))
    assert steps.viewport().rect().contains(rect.center()), f"{step_id} is not in view"
    qtbot.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_list_and_the_pane_agree_and_the_list_never_jumps(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(qtbot, window, workspace)
    view = window.incident
    steps, panel = view.steps, view.step_panel
    bar = steps.verticalScrollBar()
    assert bar.maximum() > 0, "the list is long enough to scroll"
    bar.setValue(bar.maximum())  # far down the list
    qtbot.wait(50)
    far = rows_in_view(window)
    assert len(far) >= 4
    for step_id in [far[-1], far[0], far[len(far) // 2], far[-2]]:
        before = bar.value()
        click_row(qtbot, window, step_id)
        qtbot.wait(30)
        current = steps.currentItem()
        assert current is not None and current.data(Qt.ItemDataRole.UserRole) == step_id
        assert panel.step is not None and panel.step.id == step_id
        assert current.isSelected()
        assert bar.value() == before != 0  # not back to the top


def test_a_decision_that_hides_steps_keeps_the_list_where_it_was(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(qtbot, window, workspace)
    view = window.incident
    steps = view.steps
    bar = steps.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    click_row(qtbot, window, steps.step_ids()[steps.indexAt(QPoint(5, 5)).row() + 2])
    chosen = view.step_panel.step
    assert chosen is not None
    qtbot.mouseClick(
        view.decisions.buttons[("operations_stopped", "no")], Qt.MouseButton.LeftButton
    )
    current = steps.currentItem()
    assert current is not None and current.data(Qt.ItemDataRole.UserRole) == chosen.id
    assert bar.value() != 0


def test_a_new_step_opens_scrolled_to_its_title(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(qtbot, window, workspace)
    window.resize(1280, 640)  # a short pane: the step's content scrolls
    view, panel = window.incident, window.incident.step_panel
    view.select_step("preserve_evidence")
    qtbot.wait(50)
    scroll = panel.content_scroll.verticalScrollBar()
    assert scroll.maximum() > 0, "the step is longer than its pane"
    scroll.setValue(scroll.maximum())
    for step_id in ("notify_persons", "assess_data"):
        view.select_step(step_id)
        qtbot.wait(50)
        assert scroll.value() == 0
        top = panel.title.mapTo(panel.content_scroll.viewport(), QPoint(0, 0)).y()
        assert 0 <= top < panel.content_scroll.viewport().height() // 2
        scroll.setValue(scroll.maximum())
    # After Done, the next step's title too.
    view.select_step("cut_remote")
    scroll.setValue(scroll.maximum())
    qtbot.wait(SETTLE_MS + 100)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert panel.step is not None and panel.step.id == "isolate"
    assert scroll.value() == 0


def current_step(workspace: Workspace, incident_id: str) -> str:
    step = workspace.incidents.state(incident_id).next_step()
    assert step is not None
    return step.id


def test_ctrl_g_returns_to_the_current_step_from_anywhere(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    view = window.incident
    for somewhere in (view.timeline.note, view.steps, view.step_panel.step_note):
        view.select_step("press")
        somewhere.setFocus()
        qtbot.keyClick(focused(), Key.Key_G, CTRL)
        assert view.step_panel.step is not None
        assert view.step_panel.step.id == current_step(workspace, incident_id) == "isolate"
        current = view.steps.currentItem()
        assert current is not None and current.data(Qt.ItemDataRole.UserRole) == "isolate"
    assert focused() is view.step_panel.inputs[0].widget  # ready to type in
    keys = [k for k, _ in window_help_rows(window)]
    assert "Ctrl+G" in keys


def window_help_rows(window: MainWindow) -> list[tuple[str, str]]:
    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget)
    assert table is not None
    rows = [
        (table.item(r, 0).text(), table.item(r, 1).text())
        for r in range(table.rowCount())
        if table.item(r, 0) is not None and table.item(r, 1) is not None
    ]
    dialog.close()
    return rows


def test_a_click_on_the_next_line_returns_to_the_current_step(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    view, panel = window.incident, window.incident.step_panel
    view.select_step("lessons")
    assert panel.next_label.isVisible()
    qtbot.mouseClick(panel.next_label, Qt.MouseButton.LeftButton)
    assert panel.step is not None and panel.step.id == current_step(workspace, incident_id)
    assert not panel.next_label.isVisible()  # on the current step: no 「次:」 line


def test_a_restart_reopens_on_the_current_step(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.session import Session
    from app.ui.settings import UiSettings

    incident_id = opened(qtbot, window, workspace)
    view = window.incident
    view.select_step("publish")
    click_row(qtbot, window, rows_in_view(window)[-1])  # a click, then another step chosen
    view.select_step("press")
    window.close()
    again = MainWindow(Session(workspace, UiSettings.load(workspace.root)))
    qtbot.addWidget(again)
    again.show()
    again.restore()
    assert again.incident.incident_id == incident_id
    assert again.incident.step_panel.step is not None
    assert again.incident.step_panel.step.id == current_step(workspace, incident_id)


def test_a_step_is_never_wider_than_its_pane(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """A long field label wraps: the title and the text are never cut at the right."""
    opened(qtbot, window, workspace)
    window.resize(1366, 768)
    view, panel = window.incident, window.incident.step_panel
    for step_id in ("record_note", "report_manager", "preserve_evidence", "notify_persons"):
        view.select_step(step_id)
        qtbot.wait(50)
        assert panel.content_scroll.horizontalScrollBar().maximum() == 0, step_id
        title = panel.title
        right = title.mapTo(panel.content_scroll.viewport(), QPoint(title.width(), 0)).x()
        assert right <= panel.content_scroll.viewport().width(), step_id


def test_done_first_shows_the_fields_left_below_it(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """A step whose empty fields are scrolled below its text: the first Done records nothing and
    brings them into view; a second Done, once settled, completes the step without them."""
    window.resize(1280, 460)  # the fields below the text, as on a laptop at a large text size
    incident_id = opened(qtbot, window, workspace)
    panel = window.incident.step_panel
    window.incident.select_step("record_note")
    qtbot.wait(SETTLE_MS + 100)  # read, and laid out
    fields = [f.widget for f in panel.inputs]
    assert fields and all(w.visibleRegion().isEmpty() for w in fields)  # below the text
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert "record_note" not in done_steps(workspace, incident_id)  # nothing recorded
    assert not panel.settle_hint.isHidden() and "完了" in panel.settle_hint.text()
    first = fields[0]
    assert first.visibleRegion().boundingRect() == first.rect()  # now wholly in view
    hint_top = panel.settle_hint.mapTo(panel, QPoint(0, 0)).y()
    assert first.mapTo(panel, QPoint(0, first.height())).y() <= hint_top  # not under the hint
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)  # a double click's second
    assert "record_note" not in done_steps(workspace, incident_id)
    qtbot.wait(SETTLE_MS + 100)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert "record_note" in done_steps(workspace, incident_id)


def test_done_records_at_once_when_the_fields_are_filled_or_in_view(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 520)
    incident_id = opened(qtbot, window, workspace)
    panel = window.incident.step_panel
    window.incident.select_step("record_note")
    for field in panel.inputs:
        field.set_value("FILE.lockbit")
    qtbot.wait(SETTLE_MS + 100)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert "record_note" in done_steps(workspace, incident_id)

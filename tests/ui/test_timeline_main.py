"""The timeline as a main view (issue 12, point 7; review point 12): room for many rows, a free-text
search with a notice while entries are hidden, and back-filling with 発生時刻, the lag shown.
The real window at 1366x768, real widgets and keys, the log read back through the services."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDateTime, Qt

from app.domain.clock import ManualClock
from app.domain.lag import LATE_AFTER
from app.domain.timeutil import JST, parse_iso
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.step_panel import CheckRow
from app.ui.timeline import TimelineModel

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def opened(qtbot, window: MainWindow, workspace: Workspace, notes: int = 0) -> str:  # type: ignore[no-untyped-def]
    incidents = workspace.incidents
    incident_id = incidents.start("ransomware", "タイムラインの確認", "係", mode="drill")
    for n in range(notes):
        incidents.note(incident_id, f"経過メモ {n}: ログを保全中", "記録 係")
    incidents.note(incident_id, "財務課から電話: 画面に脅迫文", "佐藤 花子")
    incidents.note(incident_id, "委託先SEが到着", "記録 係")
    window.resize(1366, 768)
    window.activateWindow()
    window.open_incident(incident_id)
    qtbot.wait(50)
    return incident_id


def rows_in_view(window: MainWindow) -> int:
    table = window.incident.timeline.table
    return table.viewport().height() // max(1, table.rowHeight(0))


def search(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    timeline = window.incident.timeline
    timeline.search.setText(text)  # as typed (keyClicks is ASCII only)
    qtbot.waitUntil(lambda: not timeline._search_timer.isActive(), timeout=2000)


def shown_what(window: MainWindow) -> list[str]:
    model = window.incident.timeline.model
    return [model.data(model.index(r, 5)) for r in range(model.rowCount())]


def test_the_timeline_takes_the_main_area_and_gives_it_back(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace, notes=60)
    view = window.incident
    before = rows_in_view(window)
    qtbot.keyClick(window, Key.Key_T, CTRL)  # Ctrl+T
    qtbot.wait(20)
    assert view.timeline_main and not view.step_panel.isVisible()
    many = rows_in_view(window)
    assert many >= 15 and many >= 3 * before, (before, many)
    assert view.timeline.main_button.isChecked()
    # Ctrl+D here records nothing: the step is not on screen; it comes back instead.
    qtbot.keyClick(window, Key.Key_D, CTRL)
    assert [e.kind for e in workspace.incidents.entries(incident_id)].count("step_done") == 0
    assert not view.timeline_main and view.step_panel.isVisible()
    # The button and Ctrl+G do the same.
    qtbot.mouseClick(view.timeline.main_button, Qt.MouseButton.LeftButton)
    assert view.timeline_main
    qtbot.keyClick(window, Key.Key_G, CTRL)
    assert not view.timeline_main and view.step_panel.isVisible()
    qtbot.waitUntil(lambda: rows_in_view(window) == before)  # laid out as it was


def test_search_filters_the_rows_and_says_so_until_cleared(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace, notes=10)
    timeline = window.incident.timeline
    total = workspace.incidents.count(incident_id)
    assert not timeline.filter_notice.isVisible()
    search(qtbot, window, "脅迫文")  # Japanese, in a note's text
    assert shown_what(window) == ["財務課から電話: 画面に脅迫文"]
    assert timeline.filter_notice.isVisible()
    assert timeline.filter_text.text() == f"▲ 絞り込み中: {total}件中 1件を表示"
    search(qtbot, window, "佐藤")  # who wrote it
    assert shown_what(window) == ["財務課から電話: 画面に脅迫文"]
    search(qtbot, window, "se")  # letters without case: 委託先SE
    assert shown_what(window) == ["委託先SEが到着"]
    search(qtbot, window, "reason")  # a payload's key is not its text
    assert shown_what(window) == []
    assert timeline.filter_text.text() == f"▲ 絞り込み中: {total}件中 0件を表示"
    # A step's title finds what was recorded on it; the kind's word finds its entries.
    workspace.incidents.complete_step(incident_id, "isolate", "係", fields={"host": "FIN-PC-023"})
    window.incident.refresh()
    search(qtbot, window, "切り離す")
    assert len(shown_what(window)) == 1 and "FIN-PC-023" in shown_what(window)[0]
    search(qtbot, window, "手順完了")
    assert len(shown_what(window)) == 1
    # A person filter hides entries too, and says so.
    qtbot.mouseClick(timeline.clear_filter, Qt.MouseButton.LeftButton)
    assert not timeline.filter_notice.isVisible() and timeline.search.text() == ""
    assert timeline.model.rowCount() == total + 1
    timeline.actor.setCurrentIndex(timeline.actor.findData("佐藤 花子"))
    assert timeline.filter_notice.isVisible()
    assert timeline.filter_text.text() == f"▲ 絞り込み中: {total + 1}件中 1件を表示"
    qtbot.mouseClick(timeline.clear_filter, Qt.MouseButton.LeftButton)
    assert timeline.actor.currentIndex() == 0 and timeline.model.rowCount() == total + 1


def test_ctrl_f_opens_the_search_in_the_main_view(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(qtbot, window, workspace)
    view = window.incident
    view.focus_current()
    qtbot.keyClick(window.focusWidget(), Key.Key_F, CTRL)
    assert view.timeline_main and window.focusWidget() is view.timeline.search


def set_time(box, moment) -> None:  # type: ignore[no-untyped-def]
    """Tick 発生時刻 and give the time, as a responder does."""
    box.earlier.setChecked(True)
    local = moment.astimezone(JST)
    shown = QDateTime.fromString(local.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm")
    box.edit.setDateTime(shown)


def test_a_back_dated_note_keeps_both_times_and_shows_the_lag(
    qtbot, window: MainWindow, workspace: Workspace, manual_clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    manual_clock.advance(timedelta(hours=1))  # 10:00 JST; the incident began at 09:00
    timeline = window.incident.timeline
    now = manual_clock.now()
    set_time(timeline.occurred, now - timedelta(minutes=45))
    assert timeline.occurred.edit.isVisible()
    timeline.note.setPlainText("09:15 に財務課から第一報")
    qtbot.mouseClick(timeline.save_note, Qt.MouseButton.LeftButton)
    entry = workspace.incidents.entries(incident_id)[-1]
    assert entry.kind == "noted"
    assert parse_iso(entry.occurred_at) == now - timedelta(minutes=45)
    assert parse_iso(entry.recorded_at) == now
    assert not timeline.occurred.earlier.isChecked()  # the next note happens now again
    model = timeline.model
    assert model.rows[0].uuid == entry.uuid
    assert model.data(model.index(0, 1)).endswith("09:15 JST")  # when it happened
    assert model.data(model.index(0, 2)) == "11-25 10:00（45分後）"  # written, and the lag
    assert LATE_AFTER <= timedelta(minutes=45)  # late: said on hover, as on paper (後日記録)
    assert "後日記録" in model.data(model.index(0, 2), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 2)) == ""  # written as it happened: no second time
    # The message says when it happened.
    assert "09:15" in window.message_bar.text.text()


def test_a_back_dated_done(
    qtbot, window: MainWindow, workspace: Workspace, manual_clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    manual_clock.advance(timedelta(minutes=30))
    panel = window.incident.step_panel
    panel.inputs[0].widget.setText("FIN-PC-023")
    set_time(panel.occurred, manual_clock.now() - timedelta(minutes=20))
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    done = [e for e in workspace.incidents.entries(incident_id) if e.kind == "step_done"]
    assert len(done) == 1
    assert parse_iso(done[0].recorded_at) - parse_iso(done[0].occurred_at) == timedelta(minutes=20)


def test_a_future_time_or_one_before_the_start_is_refused_in_one_line(
    qtbot, window: MainWindow, workspace: Workspace, manual_clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    count = workspace.incidents.count(incident_id)
    timeline, bar = window.incident.timeline, window.message_bar
    for moment, words in (
        (manual_clock.now() + timedelta(hours=2), "未来の時刻"),
        (manual_clock.now() - timedelta(days=1), "始まり"),
    ):
        set_time(timeline.occurred, moment)
        timeline.note.setPlainText("時刻の誤り")
        qtbot.mouseClick(timeline.save_note, Qt.MouseButton.LeftButton)
        assert workspace.incidents.count(incident_id) == count  # nothing written
        said = bar.text.text()
        assert bar.isVisible() and bar.property("tone") == "error" and words in said
        assert "\n" not in said and "Error" not in said
        assert timeline.note.toPlainText() == "時刻の誤り"  # kept, to put right
        assert timeline.occurred.earlier.isChecked()


def lag(entry) -> timedelta:  # type: ignore[no-untyped-def]
    return parse_iso(entry.recorded_at) - parse_iso(entry.occurred_at)


def test_every_recording_action_can_say_it_happened_earlier(
    qtbot, window: MainWindow, workspace: Workspace, manual_clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    """「発生時刻」 is beside the step's actions (done, started, skipped, deferred, a note, a
    tick), the answers and the status: each writes the time given, and then happens now again."""
    incident_id = opened(qtbot, window, workspace)
    manual_clock.advance(timedelta(hours=1))
    view = window.incident
    panel = view.step_panel
    entries = workspace.incidents.entries

    def last(kind: str):  # type: ignore[no-untyped-def]
        return [e for e in entries(incident_id) if e.kind == kind][-1]

    earlier = manual_clock.now() - timedelta(minutes=40)
    # A tick and a start on the first step: the time stays for its Done.
    set_time(panel.occurred, earlier)
    row = panel.findChildren(CheckRow)[0]
    qtbot.mouseClick(row.box, Qt.MouseButton.LeftButton)
    assert lag(last("check_ticked")) == timedelta(minutes=40)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert lag(last("step_started")) == timedelta(minutes=40)
    panel.step_note.setText("現地で確認")
    qtbot.mouseClick(panel.note_button, Qt.MouseButton.LeftButton)
    assert lag(last("noted")) == timedelta(minutes=40)
    assert panel.occurred.earlier.isChecked()
    # Skipping moves on: the time given is not carried to the next step.
    panel.skip_reason.setText("委託先が実施済み")
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    skipped = last("step_skipped")
    assert lag(skipped) == timedelta(minutes=40)
    assert not panel.occurred.earlier.isChecked()
    assert panel.step is not None and panel.step.id != skipped.step_id
    # Deferring the step now shown, 10 minutes back.
    set_time(panel.occurred, manual_clock.now() - timedelta(minutes=10))
    panel.defer_reason.setText("担当者の到着待ち")
    qtbot.mouseClick(panel.defer_button, Qt.MouseButton.LeftButton)
    assert lag(last("step_deferred")) == timedelta(minutes=10)
    # A time ticked and then another step opened: that step's actions happen now.
    set_time(panel.occurred, earlier)
    assert panel.step is not None and panel.step.id == "report_manager"
    view.select_step("confirm_isolation")
    qtbot.waitUntil(lambda: panel.step is not None and panel.step.id == "confirm_isolation")
    assert not panel.occurred.earlier.isChecked()
    # An answer given on the phone half an hour ago.
    set_time(view.decisions.occurred, manual_clock.now() - timedelta(minutes=30))
    button = view.decisions.buttons[("personal_data", "unknown")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert lag(last("decided")) == timedelta(minutes=30)
    assert not view.decisions.occurred.earlier.isChecked()
    # Contained twenty minutes ago.
    bar = view.status_bar
    set_time(bar.occurred, manual_clock.now() - timedelta(minutes=20))
    qtbot.mouseClick(bar.buttons["contained"], Qt.MouseButton.LeftButton)
    assert lag(last("status_changed")) == timedelta(minutes=20)
    assert not bar.occurred.earlier.isChecked()


def test_in_the_runner_who_and_which_kind_are_in_view_beside_what(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """On a 1366×768 laptop the runner's timeline is narrow: who and which kind are in view
    beside what was done; when it was written (blank for most entries) is the column that
    scrolls, last."""
    window.resize(1366, 768)
    incident_id = workspace.incidents.start("ransomware", "列の確認", "係", mode="drill")
    workspace.incidents.note(incident_id, "委託先SEが到着", "係")
    window.open_incident(incident_id)
    qtbot.wait(50)
    table = window.incident.timeline.table
    header, columns = table.horizontalHeader(), TimelineModel.COLUMNS
    right = table.viewport().width()
    for name in ("#", "occurred", "what", "actor", "kind"):
        column = columns.index(name)
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= right, name
    recorded = columns.index("recorded")
    assert header.visualIndex(recorded) == len(columns) - 1

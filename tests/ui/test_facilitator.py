"""The facilitator's window, driven through its widgets: the exercise started from its script,
paused and resumed, its speed changed, an inject released by hand, one released on time by the
window itself, an objective rated, and the next move jumped to."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from app.domain import kinds as k
from app.domain.clock import ManualClock
from app.domain.timeutil import JST, parse_iso
from app.services.workspace import Workspace
from app.ui.facilitator import FacilitatorWindow
from app.ui.main_window import MainWindow
from app.ui.record_dialogs import time_of
from app.ui.session import Session

FACILITATOR = "統制 一郎"
START = datetime(2026, 12, 8, 14, 0, tzinfo=JST)


def started(workspace: Workspace) -> str:
    script = workspace.exercises.get("misdelivered_mail")
    return workspace.incidents.start_exercise(script, FACILITATOR, at=START)


def facilitator(qtbot: Any, session: Session, incident: str) -> FacilitatorWindow:
    session.set_actor(FACILITATOR)
    window = FacilitatorWindow(session, incident)
    qtbot.addWidget(window)
    window.timer.stop()  # the test ticks it, so nothing happens between two looks
    window.show()
    return window


def row_of(window: FacilitatorWindow, inject_id: str) -> int:
    table = window.injects
    return next(r for r in range(table.rowCount()) if table.item(r, 1).text() == inject_id)


def test_pause_speed_and_the_next_move_from_the_window(
    qtbot: Any, session: Session, workspace: Workspace, clock: ManualClock
) -> None:
    incident = started(workspace)
    window = facilitator(qtbot, session, incident)
    incidents = workspace.incidents
    assert window.pause.text() == "一時停止" and window.pause.isEnabled()

    qtbot.mouseClick(window.pause, Qt.MouseButton.LeftButton)
    state = incidents.state(incident)
    assert not state.clock.running
    held = incidents.now(incident)
    clock.advance(timedelta(minutes=30))
    assert incidents.now(incident) == held  # paused: the exercise's time does not move
    window.tick()
    assert window.pause.text() == "再開"
    assert "一時停止中" in window.heading.text()

    qtbot.mouseClick(window.pause, Qt.MouseButton.LeftButton)
    assert incidents.state(incident).clock.running

    window.speed.setCurrentIndex(window.speed.findData(600))
    window.speed.activated.emit(window.speed.currentIndex())
    assert incidents.state(incident).clock.speed == 600.0
    before = incidents.now(incident)
    clock.advance(timedelta(seconds=6))
    assert incidents.now(incident) - before == timedelta(hours=1)  # 600x: a minute a tenth

    script = workspace.exercises.get("misdelivered_mail").script
    following = next(m for m in script.moves if START + m.offset > incidents.now(incident))
    qtbot.mouseClick(window.next_move, Qt.MouseButton.LeftButton)
    assert incidents.now(incident) == START + following.offset
    assert following.title.get("ja") in window.situation.text()
    changes = [e for e in workspace.store.entries(incident) if e.kind == "clock_changed"]
    assert [e.payload["action"] for e in changes] == ["start", "pause", "resume", "speed", "jump"]
    assert {e.actor for e in changes[1:]} == {FACILITATOR}


def test_release_by_hand_and_on_time(
    qtbot: Any, session: Session, workspace: Workspace, clock: ManualClock
) -> None:
    incident = started(workspace)
    window = facilitator(qtbot, session, incident)
    window.auto.setChecked(False)
    window.tick()  # the first inject is due at T+0, but release on time is off
    assert workspace.incidents.state(incident).injects == []

    window.injects.selectRow(row_of(window, "scheduled_mail"))  # due at T+2h: early, by hand
    qtbot.mouseClick(window.release, Qt.MouseButton.LeftButton)
    (early,) = workspace.incidents.state(incident).injects
    payload = k.read_payload(early, k.Inject)
    assert payload.inject == "scheduled_mail" and payload.by_hand
    assert window.injects.item(row_of(window, "scheduled_mail"), 4).text() == "付与済み（手動）"

    window.auto.setChecked(True)
    clock.advance(timedelta(minutes=1))  # 120x: T+2h, so the first three are due
    window.tick()
    released = {
        k.read_payload(e, k.Inject).inject: e for e in workspace.incidents.state(incident).injects
    }
    assert set(released) == {"wrong_address", "recipient_call", "scheduled_mail"}
    # Each at its own time, not at the moment the window looked.
    assert parse_iso(released["recipient_call"].occurred_at) == START + timedelta(minutes=30)
    assert parse_iso(released["wrong_address"].occurred_at) == START
    assert window.injects.item(row_of(window, "wrong_address"), 4).text() == "付与済み"
    assert window.injects.item(row_of(window, "opened"), 4).text() == "未付与"


def test_a_rating_from_the_window_is_in_the_evaluation(
    qtbot: Any, session: Session, workspace: Workspace
) -> None:
    incident = started(workspace)
    window = facilitator(qtbot, session, incident)
    window.objective.setCurrentIndex(window.objective.findData("ppc_on_time"))
    assert window.rating.currentIndex() == -1  # no rating is chosen for the evaluator
    window.reason.setText("速報が遅れた")
    qtbot.mouseClick(window.rate, Qt.MouseButton.LeftButton)  # no rating chosen: nothing
    assert workspace.incidents.state(incident).ratings == []
    window.reason.clear()
    window.rating.setCurrentIndex(window.rating.findData("S"))
    qtbot.mouseClick(window.rate, Qt.MouseButton.LeftButton)  # no reason: refused
    assert workspace.incidents.state(incident).ratings == []
    window.reason.setText("速報の様式の記入に手間取った")  # QTest types ASCII only
    qtbot.mouseClick(window.rate, Qt.MouseButton.LeftButton)
    result = next(
        o
        for o in workspace.incidents.evaluation(incident).objectives
        if o.objective.id == "ppc_on_time"
    )
    assert result.rating is not None and result.rating.rating == "S"
    assert result.rating.reason == "速報の様式の記入に手間取った"
    assert window.reason.text() == ""  # recorded: the box is ready for the next one
    shown = window.objective.itemText(window.objective.findData("ppc_on_time"))
    assert "（記録済み: S）" in shown and "（得点 0 / 12）" in shown  # six responses, none yet
    assert window.rating.currentIndex() == -1  # the next rating is chosen afresh


def test_the_menu_opens_the_facilitator_only_for_an_exercise(
    qtbot: Any, window: MainWindow, session: Session, workspace: Workspace
) -> None:
    session.set_actor(FACILITATOR)
    plain = workspace.incidents.start("ransomware", "通常の訓練", FACILITATOR, mode="drill")
    window.open_incident(plain)
    errors: list[str] = []
    session.error.connect(errors.append)
    window.open_facilitator()
    assert window.facilitators == {} and errors and "訓練シナリオ" in errors[0]

    exercise = started(workspace)
    window.open_incident(exercise)
    window.open_facilitator()
    opened = window.facilitators[exercise]
    qtbot.waitUntil(opened.isVisible)
    assert "健康診断" in opened.heading.text()
    window.open_facilitator()  # the same window again, not a second one
    assert list(window.facilitators) == [exercise]
    opened.close()


def test_the_players_see_the_newest_inject_in_the_runner(
    qtbot: Any,
    window: MainWindow,
    session: Session,
    workspace: Workspace,
    clock: ManualClock,
    translations: Any,
) -> None:
    session.set_actor(FACILITATOR)
    incident = started(workspace)
    window.open_incident(incident)
    banner = window.incident.inject_banner
    assert banner.isHidden()  # nothing released yet
    workspace.incidents.release_injects(incident, FACILITATOR)
    session.changed.emit(incident)
    assert banner.isVisible()
    assert "送信済みフォルダを見ると" in banner.text() and "（1 / 7 件目）" in banner.text()
    assert banner.text().count("状況付与 ") == 1  # one released so far, one shown
    assert "宛先: 職員等" in banner.text()

    clock.advance(timedelta(seconds=20))  # 120x: T+40min, the recipient's call
    workspace.incidents.release_injects(incident, FACILITATOR)
    assert translations.use("en")
    session.changed.emit(incident)
    text = banner.text()
    assert "The recipient's contact says" in text and "(2 of 7)" in text  # the script's English
    # The one before stays in view too, under the newest.
    assert text.index("(2 of 7)") < text.index("(1 of 7)") and "sent folder" in text
    assert "送信済み" not in text


def test_a_real_incident_shows_no_inject_banner(
    qtbot: Any, window: MainWindow, session: Session, workspace: Workspace
) -> None:
    session.set_actor(FACILITATOR)
    real = workspace.incidents.start("ransomware", "本番", FACILITATOR)
    window.open_incident(real)
    assert window.incident.inject_banner.isHidden()


def test_an_exercise_is_started_from_the_window_and_the_facilitator_opens_on_it(
    qtbot: Any, window: MainWindow, session: Session, workspace: Workspace
) -> None:
    session.set_actor(FACILITATOR)
    window.open_exercise_start()
    dialog = window.exercise_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.script.setCurrentIndex(dialog.script.findData("ransomware_72h"))
    assert dialog.mode.currentData() == "tabletop" and dialog.speed.currentData() == 60
    # The start its narrative tells: the next Monday 08:30 that is a working day.
    proposed = time_of(dialog.start)
    assert proposed.weekday() == 0 and (proposed.hour, proposed.minute) == (8, 30)
    assert proposed > session.now() and proposed - session.now() <= timedelta(days=8)
    dialog.mode.setCurrentIndex(dialog.mode.findData("drill"))
    assert not dialog.speed.isEnabled()  # a drill runs on the real clock, from now
    assert abs(time_of(dialog.start) - session.now()) < timedelta(minutes=1)
    dialog.mode.setCurrentIndex(dialog.mode.findData("tabletop"))
    dialog.speed.setCurrentIndex(dialog.speed.findData(300))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    (incident,) = workspace.store.incident_ids()
    state = workspace.incidents.state(incident)
    assert state.mode == "tabletop" and state.clock.speed == 300.0
    assert parse_iso(state.declared_at or "") == proposed  # the scenario starts as proposed
    played = workspace.incidents.exercise(incident)
    assert played is not None and played[1].id == "ransomware_72h"
    assert not dialog.isVisible()
    assert window.incident.incident_id == incident  # the players' runner
    facilitator_window = window.facilitators[incident]
    qtbot.waitUntil(facilitator_window.isVisible)

    # A note as it happens, from the facilitator's window, kept in the log.
    facilitator_window.note.setText("CSIRT の招集が早かった")  # QTest types ASCII only
    qtbot.mouseClick(facilitator_window.record_note, Qt.MouseButton.LeftButton)
    (note,) = workspace.incidents.state(incident).notes
    assert note.payload["text"] == "CSIRT の招集が早かった" and note.actor == FACILITATOR
    assert facilitator_window.note.text() == ""
    facilitator_window.close()


def test_a_look_that_finds_nothing_new_rewrites_nothing(
    qtbot: Any, session: Session, workspace: Workspace
) -> None:
    """The window looks every second: the schedule, the expected responses and the objectives
    stay as they are (scroll, selection, an open drop-down) unless something changed."""
    incident = started(workspace)
    window = facilitator(qtbot, session, incident)
    window.auto.setChecked(False)
    window.injects.selectRow(2)
    window.objective.setCurrentIndex(1)
    items = (window.injects.item(0, 0), window.lines.item(0, 2))
    objective_text = window.objective.itemText(1)
    window.tick()
    assert (window.injects.item(0, 0), window.lines.item(0, 2)) == items  # the same items
    assert window.chosen_inject() == window.injects.item(2, 1).text()
    assert window.objective.currentIndex() == 1 and window.objective.itemText(1) == objective_text
    # Something changed: the row says so, and the chosen row stays chosen.
    workspace.incidents.release_injects(incident, FACILITATOR, "scheduled_mail")
    window.tick()
    assert window.injects.item(row_of(window, "scheduled_mail"), 4).text() == "付与済み（手動）"
    assert window.chosen_inject() == "scheduled_mail"

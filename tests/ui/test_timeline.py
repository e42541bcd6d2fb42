"""The timeline model: lazy pages, filters, corrections against their target, both clocks."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyle

from app.domain.entries import EntryDraft
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.timeline import BATCH


def big_incident(workspace: Workspace, clock, notes: int) -> str:  # type: ignore[no-untyped-def]
    incidents = workspace.incidents
    incident_id = incidents.start("ransomware", "大量の記録", "記録 係", mode="drill")
    incidents.decide(incident_id, "personal_data", "no", "記録 係")  # seq 2: rare kind
    at = clock.now()
    drafts = [
        EntryDraft(incident_id, "noted", f"係{i % 3}", at, payload={"text": f"メモ {i}"})
        for i in range(notes)
    ]
    workspace.store.append(drafts)
    return incident_id


def test_opens_lazily_newest_first_and_fetches_more_on_demand(
    qtbot, window: MainWindow, workspace, clock
):  # type: ignore[no-untyped-def]
    incident_id = big_incident(workspace, clock, 3000)
    window.open_incident(incident_id)
    model = window.incident.timeline.model
    assert model.rowCount() == BATCH  # not 3002: only what the view needs
    assert model.data(model.index(0, 0)) == "3002"
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * BATCH
    assert model.data(model.index(2 * BATCH - 1, 0)) == str(3002 - 2 * BATCH + 1)


def test_filters_by_kind_and_actor(qtbot, window: MainWindow, workspace, clock):  # type: ignore[no-untyped-def]
    incident_id = big_incident(workspace, clock, 3000)
    window.open_incident(incident_id)
    timeline = window.incident.timeline
    timeline.kind.setCurrentIndex(timeline.kind.findData("decided"))
    model = timeline.model
    assert model.rowCount() == 1  # found at the far (oldest) end without loading rows first
    assert model.data(model.index(0, 4)) == "判断"
    assert "いいえ" in model.data(model.index(0, 5))
    timeline.kind.setCurrentIndex(0)
    timeline.actor.setCurrentIndex(timeline.actor.findData("係1"))
    assert BATCH <= model.rowCount() < 1000  # 1,000 notes are by 係1; one batch is shown
    assert {model.rows[i].actor for i in range(model.rowCount())} == {"係1"}


def test_a_filter_is_one_query_not_a_scan(qtbot, window: MainWindow, workspace, clock, monkeypatch):  # type: ignore[no-untyped-def]
    """A rare kind at the far end of a long log is found by the database, not by reading every
    page into Python on the GUI thread."""
    incident_id = big_incident(workspace, clock, 5000)
    window.open_incident(incident_id)
    incidents = workspace.incidents
    calls: list[int] = []
    real = incidents.entries_page

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        page = real(*args, **kwargs)
        calls.append(len(page))
        return page

    monkeypatch.setattr(incidents, "entries_page", counted)
    timeline = window.incident.timeline
    timeline.kind.setCurrentIndex(timeline.kind.findData("decided"))
    assert timeline.model.rowCount() == 1
    assert calls == [1]  # one query that returned only the match
    assert not timeline.model.canFetchMore(QModelIndex())


def test_corrections_show_against_what_they_correct(qtbot, window: MainWindow, workspace, clock):  # type: ignore[no-untyped-def]
    incidents = workspace.incidents
    incident_id = incidents.start("ransomware", "訂正の確認", "記録 係", mode="drill")
    wrong = incidents.note(incident_id, "誤った記録", "記録 係")
    window.open_incident(incident_id)
    incidents.correct(incident_id, wrong.uuid, "別の事案の記録だった", "記録 係")
    window.session.changed.emit(incident_id)
    model = window.incident.timeline.model
    assert model.data(model.index(0, 4)) == "訂正"
    assert model.data(model.index(0, 5)) == "#2 を取り消す。理由: 別の事案の記録だった"
    retracted = model.index(1, 5)
    assert model.data(retracted) == "［取消済(#3)］誤った記録"  # the paper's mark, by number
    assert model.data(retracted, Qt.ItemDataRole.FontRole).strikeOut()
    assert model.data(model.index(1, 4)) == "メモ"


def test_recorded_time_shows_only_when_it_differs(qtbot, window: MainWindow, workspace, clock):  # type: ignore[no-untyped-def]
    incidents = workspace.incidents
    # The ManualClock sets occurred_at; recorded_at always comes from the system clock.
    incident_id = incidents.start("ransomware", "時刻の確認", "記録 係", mode="tabletop")
    window.open_incident(incident_id)
    model = window.incident.timeline.model
    entry = model.rows[0]
    occurred, recorded = model.data(model.index(0, 1)), model.data(model.index(0, 2))
    assert occurred.endswith("JST") and occurred.startswith("2026-11-25 09:00")
    if entry.recorded_at[:16] == entry.occurred_at[:16]:
        assert recorded == ""
    else:
        assert recorded and recorded != occurred  # in JST, as the column's neighbour
    clock.set(clock.now() - timedelta(days=30))  # back-filled far in the past
    incidents.note(incident_id, "後から記入", "記録 係")
    window.session.changed.emit(incident_id)
    assert model.data(model.index(0, 2)) != ""


def test_retracting_a_wrong_entry_from_the_timeline(qtbot, window: MainWindow, workspace, clock):  # type: ignore[no-untyped-def]
    incidents = workspace.incidents
    incident_id = incidents.start("ransomware", "取消の確認", "記録 係", mode="drill")
    incidents.decide(incident_id, "operations_stopped", "yes", "記録 係")
    window.open_incident(incident_id)
    view = window.incident
    assert "response_hq" in view.steps.step_ids()
    timeline = view.timeline
    timeline.table.selectRow(0)  # the decision, newest first
    timeline.retract_button.click()
    assert timeline.retract_bar.isVisible()
    timeline.retract_reason.insert("別の課の状況と取り違えた")
    timeline.retract_reason.returnPressed.emit()
    assert not timeline.retract_bar.isVisible()
    state = incidents.state(incident_id)
    assert state.choices() == {}  # the decision no longer counts
    assert state.step_states()["response_hq"] == "waiting"
    model = timeline.model
    assert model.data(model.index(0, 4)) == "訂正"
    assert model.data(model.index(1, 5), Qt.ItemDataRole.FontRole).strikeOut()
    assert not view.decisions.buttons[("operations_stopped", "yes")].isChecked()


def test_the_number_column_shows_six_digits_whole(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    table = window.incident.timeline.table
    window.incident.timeline.model.high = 100_000  # a log that long
    window.incident.timeline.fit_columns()
    metrics = table.fontMetrics()
    # The text area of a cell is the column less the style's margins on both sides.
    room = table.columnWidth(0) - 2 * (
        table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    )
    assert metrics.horizontalAdvance("100000") <= room

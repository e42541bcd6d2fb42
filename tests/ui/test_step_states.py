"""The states a responder can see in the step list and the step's pane (issue 12, point 4), with
the real window: a step deferred with the 保留 button is listed as deferred and passed over, and
completing it later clears it; a skip has its own mark, word and colour; a step in progress
names who started it; a repeating step's next time and a target running late are in the list; a
phase says 完了 and the plan says 計画完了 (保留 N件を除く) when only deferred steps remain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.domain.clock import ManualClock
from app.domain.timeutil import JST
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.runner import COLOURS
from tests.ui.conftest import ACTOR

PLAN = """\
schema: 2
id: states_screen
version: 1
category: cyber
title: {ja: 状態の画面, en: States screen}
phases:
  - id: first
    title: {ja: 初動, en: First}
    steps:
      - {id: isolate, title: {ja: 切り離す, en: Isolate}, target: PT30M}
      - {id: photo, title: {ja: 撮影する, en: Photograph}}
  - id: report
    title: {ja: 報告, en: Report}
    steps:
      - {id: sitrep, title: {ja: 状況を報告する, en: Situation report}, every: PT1H, until: phase_end}
      - {id: police, title: {ja: 通報する, en: Tell the police}}
"""
DECLARED = datetime(2026, 12, 2, 10, 0, tzinfo=JST)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(DECLARED + timedelta(minutes=1))


@pytest.fixture
def workspace(data_dir: Path, clock: ManualClock) -> Iterator[Workspace]:
    folder = data_dir / "playbooks"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "states_screen.yaml").write_text(PLAN, encoding="utf-8")
    ws = Workspace(data_dir, clock=clock)
    yield ws
    ws.close()


def opened(window: MainWindow, workspace: Workspace) -> str:
    incident = workspace.incidents.start(
        "states_screen", "状態の画面", ACTOR, mode="drill", at=DECLARED
    )
    window.open_incident(incident)
    return incident


def rows(window: MainWindow) -> list[str]:
    steps = window.incident.steps
    return [steps.item(r).text() for r in range(steps.count())]


def row_of(window: MainWindow, step_id: str) -> str:
    steps = window.incident.steps
    found = [steps.item(r) for r in range(steps.count())]
    return next(i.text() for i in found if i.data(Qt.ItemDataRole.UserRole) == step_id)


def colour_of(window: MainWindow, step_id: str) -> QColor:
    steps = window.incident.steps
    found = [steps.item(r) for r in range(steps.count())]
    item = next(i for i in found if i.data(Qt.ItemDataRole.UserRole) == step_id)
    return item.foreground().color()


def state(workspace: Workspace, incident: str, step_id: str) -> str:
    return workspace.incidents.state(incident).step_states()[step_id]


def test_defer_with_the_button_lists_it_as_deferred_and_the_next_step_moves_on(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    view, panel = window.incident, window.incident.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    before = len(workspace.incidents.entries(incident))
    qtbot.mouseClick(panel.defer_button, LEFT)  # no reason yet: refused, nothing written
    assert len(workspace.incidents.entries(incident)) == before
    assert panel.defer_reason.hasFocus()
    panel.defer_reason.insert("担当者が席を外している")  # typed (keyClicks takes ASCII only)
    qtbot.keyClick(panel.defer_reason, Qt.Key.Key_Return)  # Enter goes on to the button only
    assert len(workspace.incidents.entries(incident)) == before
    assert panel.defer_button.hasFocus()
    qtbot.mouseClick(panel.defer_button, LEFT)
    entry = workspace.incidents.entries(incident)[-1]
    assert (entry.kind, entry.step_id, entry.actor) == ("step_deferred", "isolate", ACTOR)
    assert entry.payload["reason"] == "担当者が席を外している"
    assert state(workspace, incident, "isolate") == "deferred"
    # Listed, marked and worded as deferred, in its own colour; the cursor moved on.
    assert row_of(window, "isolate").startswith("‖ 切り離す  保留"), rows(window)
    assert colour_of(window, "isolate") == QColor(COLOURS["deferred"])
    assert panel.step is not None and panel.step.id == "photo"
    assert row_of(window, "photo").startswith("→ ○ 撮影する")
    # Back to it from the list: the pane says who deferred it and why; Done clears it.
    view.select_step("isolate")
    assert panel.state_label.text() == "保留"
    assert "担当者が席を外している" in panel.record.text()
    assert not panel.defer_button.isEnabled()  # already deferred
    qtbot.mouseClick(panel.done_button, LEFT)
    assert state(workspace, incident, "isolate") == "done"
    assert row_of(window, "isolate") == "✓ 切り離す"
    assert colour_of(window, "isolate") == QColor(COLOURS["done"])


def test_a_skip_has_its_own_mark_word_and_colour_apart_from_done(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(window, workspace)
    panel = window.incident.step_panel
    qtbot.mouseClick(panel.done_button, LEFT)  # isolate done
    panel.skip_reason.insert("カメラがない")  # typed (keyClicks takes ASCII only)
    qtbot.mouseClick(panel.skip_button, LEFT)  # photo skipped
    assert row_of(window, "isolate") == "✓ 切り離す"
    assert row_of(window, "photo") == "≫ 撮影する  省略"
    skipped, done = colour_of(window, "photo"), colour_of(window, "isolate")
    assert skipped == QColor(COLOURS["skipped"]) and skipped != done
    # Both finished: the phase says so, on its heading and its segment.
    assert "初動  ✓ 完了" in rows(window)
    assert window.incident.phases.segments["first"].text().startswith("✓ 初動")
    assert not window.incident.phases.segments["report"].text().startswith("✓")


def test_a_step_in_progress_names_who_started_it(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    view, panel = window.incident, window.incident.step_panel
    qtbot.mouseClick(panel.start_button, LEFT)
    assert row_of(window, "isolate") == f"→ ▶ 切り離す  実施中: {ACTOR}"
    assert panel.state_label.text() == f"実施中: {ACTOR}"
    # Started by someone else on another laptop: their name, once the window hears of it.
    workspace.incidents.start_step(incident, "police", "佐藤 花子")
    view.refresh()
    assert row_of(window, "police") == "▶ 通報する  実施中: 佐藤 花子"


def test_a_repeating_steps_next_time_and_a_late_target_are_in_the_list(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    opened(window, workspace)
    view, panel = window.incident, window.incident.step_panel
    view.tick()
    assert row_of(window, "isolate") == "→ ○ 切り離す"  # within its 30 minutes
    view.select_step("sitrep")
    qtbot.mouseClick(panel.done_button, LEFT)  # 10:01, next at 11:01
    view.tick()
    assert row_of(window, "sitrep") == "↻ 状況を報告する  次回 12/2（水）11:01"
    clock.advance(timedelta(minutes=31))
    view.tick()
    assert row_of(window, "isolate") == "→ ○ 切り離す  ■ 目標時間超過"
    assert view.steps.item(1).font().bold()
    clock.advance(timedelta(hours=1))
    view.tick()
    assert row_of(window, "sitrep") == "↻ 状況を報告する  ▲ 実施時期"


def test_the_plan_is_complete_except_its_deferred_steps_then_complete(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    view, panel = window.incident, window.incident.step_panel
    qtbot.mouseClick(panel.done_button, LEFT)  # isolate
    panel.defer_reason.insert("業者の回答待ち")  # typed (keyClicks takes ASCII only)
    qtbot.mouseClick(panel.defer_button, LEFT)  # photo deferred
    assert panel.step is not None and panel.step.id == "sitrep"
    qtbot.mouseClick(panel.done_button, LEFT)  # sitrep, once
    assert panel.step is not None and panel.step.id == "police"
    qtbot.mouseClick(panel.done_button, LEFT)  # police: sitrep ends with its phase
    assert state(workspace, incident, "sitrep") == "done"
    listed = rows(window)
    assert listed[-1] == "✓ 計画完了（保留 1件を除く）", listed
    assert "報告  ✓ 完了" in listed and "初動" in listed  # the first phase waits for photo
    assert "計画完了（保留 1件を除く）" in panel.next_label.text()
    assert panel.next_label.isVisible()
    view.select_step("photo")
    qtbot.mouseClick(panel.done_button, LEFT)
    listed = rows(window)
    assert listed[-1] == "✓ 計画完了" and "初動  ✓ 完了" in listed, listed
    assert not any("保留" in row for row in listed)


def test_a_deferral_is_said_with_an_undo_that_writes_its_retraction(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    panel = window.incident.step_panel
    panel.defer_reason.insert("後で")
    qtbot.mouseClick(panel.defer_button, LEFT)
    assert state(workspace, incident, "isolate") == "deferred"
    deferred = workspace.incidents.entries(incident)[-1]
    window.incident.controller.retract(incident, deferred.uuid, "取り消し")
    assert state(workspace, incident, "isolate") == "pending"  # the log keeps both entries
    assert [e.kind for e in workspace.incidents.entries(incident)][-2:] == [
        "step_deferred",
        "corrected",
    ]

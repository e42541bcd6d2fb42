"""Schema 2 on the screen, driven through the real widgets: clocks counted in days with their due
day and why, clocks that run while a question is open, an incident clock kept across a hand-over,
check items ticked one entry at a time, a step's target, a repeating step, contacts recorded for
a step, the awareness time corrected with a reason, and the body chosen at the start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt

from app.domain.clock import ManualClock
from app.domain.timeutil import JST
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.ui.conftest import ACTOR
from tests.unit.test_schema_2 import write_shared

PLAN = """\
schema: 2
id: s2_screen
version: 1
category: cyber
title: {ja: 形式2の画面, en: Schema 2 screen}
include: [shared]
decisions:
  - id: leaked
    ask: {ja: 漏えいのおそれがあるか, en: Leak?}
    choices: [yes, no, unknown]
phases:
  - id: first
    stage: detect
    title: {ja: 初動, en: First}
    steps:
      - id: isolate
        title: {ja: 切り離す, en: Isolate}
        target: PT15M
        target_from: awareness
        checks:
          - {id: lan, text: {ja: LANケーブルを抜いた, en: LAN unplugged}}
          - {id: wifi, text: {ja: 無線LANを無効にした, en: Wi-Fi off}}
      - id: sitrep
        title: {ja: 状況を報告する, en: Situation report}
        every: PT4H
        until: phase_end
      - id: council_rule
        title: {ja: 議会の条例に従う, en: Council ordinance}
        when: incident.body in [council, council_office]
      - id: gated
        title: {ja: 漏えい時の確認, en: Leak check}
        when: leaked == yes
        checks:
          - {id: listed, text: {ja: 対象者を一覧にした, en: Listed the people}}
"""

# Declared on Wednesday 2 December 2026: day 30 is 31 December, in the year-end closure, so the
# final report is due at 24:00 on Monday 4 January.
DECLARED = datetime(2026, 12, 2, 10, 0, tzinfo=JST)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(DECLARED + timedelta(minutes=1))


@pytest.fixture
def workspace(data_dir: Path, clock: ManualClock) -> Iterator[Workspace]:
    # The unit tests' block and hand-over target, beside this screen's own plan.
    folder = data_dir / "playbooks"
    write_shared(folder)
    (folder / "s2_screen.yaml").write_text(PLAN, encoding="utf-8")
    ws = Workspace(data_dir, clock=clock)
    yield ws
    ws.close()


def opened(window: MainWindow, workspace: Workspace, **start: object) -> str:
    incident = workspace.incidents.start(
        "s2_screen", "形式2の画面", ACTOR, mode="drill", at=DECLARED, **start
    )
    window.open_incident(incident)
    return incident


def kinds(workspace: Workspace, incident: str) -> list[str]:
    return [e.kind for e in workspace.incidents.entries(incident)]


def row_texts(window: MainWindow, deadline_id: str) -> tuple[str, str]:
    table = window.incident.deadlines
    shown = [s for s in table.statuses if s.state != "not_applicable"]
    row = next(i for i, s in enumerate(shown) if s.id == deadline_id)
    return table.item(row, 0).text(), table.item(row, 1).text()


def test_a_clock_in_days_shows_its_due_day_why_and_that_it_runs_unanswered(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(window, workspace, body="executive")
    window.incident.tick()
    title, state = row_texts(window, "final")
    # 24:00 of the day it ends on, with its weekday: not 00:00 of the day after.
    assert "1/4（月）24:00" in state, state
    assert "1/5" not in state
    assert "起算日を1日目として30日目の24時まで" in title
    assert "30日目が年末年始（12月29日〜1月3日）のため翌開庁日" in title
    # Running while both questions are open, and which numbers in the panel would stop it: under
    # the countdown, which says it runs.
    assert state.splitlines()[0].startswith("● 残り 33日")
    assert state.endswith("\n※ 未回答: 判断1, 2"), state
    footnote = window.incident.deadlines.footnote
    assert footnote.isVisible() and footnote.text() == "※ 判断が未回答のため、対象として計時中"
    window.incident.decisions.buttons[("leaked", "unknown")].click()
    window.incident.tick()
    assert row_texts(window, "final")[1].endswith("\n※ 未回答: 判断2")
    window.incident.decisions.buttons[("reportable", "yes")].click()
    window.incident.tick()
    title, state = row_texts(window, "final")
    assert "※" not in state and "起算日を1日目として" in title
    assert not footnote.isVisible()


def test_in_english_the_same_clock_reads_in_english(
    qtbot, window: MainWindow, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    assert translations.use("en")
    opened(window, workspace, body="executive")
    window.incident.tick()
    title, state = row_texts(window, "final")
    assert "1/4 (Mon) 24:00" in state, state
    assert "until 24:00 of day 30" in title and "year-end closure" in title
    assert state.endswith("\n* unanswered: decision 1, 2"), (
        state
    )  # ※ means nothing to an English reader
    footnote = window.incident.deadlines.footnote.text()
    assert footnote == "* running until a pending answer says it does not apply"


def test_an_incident_clock_kept_across_a_hand_over_is_still_shown(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace, body="executive")
    workspace.incidents.hand_over(incident, "s2_other", ACTOR)
    window.incident.refresh()
    title, state = row_texts(window, "final")
    assert "確報" in title and "確報を提出する" in title  # met by a step of the earlier plan
    assert "引継ぎ前の計画「形式2の画面」の期限" in title, title
    assert "1/4（月）24:00" in state


def test_each_click_on_a_check_item_writes_one_entry(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    panel = window.incident.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    rows = {row.item.id: row for row in panel.check_rows}
    assert [r.text.text() for r in rows.values()] == ["LANケーブルを抜いた", "無線LANを無効にした"]
    assert panel.checks_box.isVisible() and not rows["lan"].box.isChecked()
    clock.advance(timedelta(minutes=1))
    qtbot.mouseClick(rows["lan"].box, Qt.MouseButton.LeftButton)
    rows = {row.item.id: row for row in panel.check_rows}
    assert rows["lan"].box.isChecked()
    assert "2026-12-02 10:02 JST" in rows["lan"].text.text()
    qtbot.mouseClick(rows["wifi"].text, Qt.MouseButton.LeftButton)  # its words tick it too
    qtbot.mouseClick(rows["lan"].box, Qt.MouseButton.LeftButton)  # and a second click unticks
    ticks = [e for e in workspace.incidents.entries(incident) if e.kind == "check_ticked"]
    assert [(e.payload["check"], e.payload.get("ticked", True)) for e in ticks] == [
        ("lan", True),
        ("wifi", True),
        ("lan", False),
    ]
    assert {e.actor for e in ticks} == {ACTOR}
    rows = {row.item.id: row for row in panel.check_rows}
    assert not rows["lan"].box.isChecked() and rows["wifi"].box.isChecked()
    # The step list and the timeline say what happened, in words.
    model = window.incident.timeline.model
    assert model.data(model.index(0, 5)) == "切り離す: LANケーブルを抜いた の確認を取り消し"


def test_a_step_waiting_for_a_decision_cannot_be_ticked_and_says_why(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    window.incident.select_step("gated")
    panel = window.incident.step_panel
    (row,) = panel.check_rows
    assert not row.box.isEnabled() and row.box.toolTip() == "この手順は判断待ちです。"
    qtbot.mouseClick(row.text, Qt.MouseButton.LeftButton)
    assert "check_ticked" not in kinds(workspace, incident)


def test_a_target_shows_its_time_and_state_and_goes_overdue_on_the_tick(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    opened(window, workspace, awareness_at=DECLARED - timedelta(minutes=5))
    panel = window.incident.step_panel
    window.incident.tick()
    # Where the step stands first, then the target itself.
    assert panel.target.text().splitlines() == [
        "目標時間内（残り 00:09）",
        "目標: 認知から15分（12/2（水）10:10 まで）",
    ]
    clock.advance(timedelta(minutes=10))
    window.incident.tick()
    assert panel.target.text().splitlines()[0] == "■ 目標時間超過（00:01 過ぎ）"
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)  # a target never blocks
    window.incident.select_step("isolate")
    assert panel.target.text().splitlines()[0] == "✓ 目標時間後に完了（12/2（水）10:11）"


def test_a_repeating_step_counts_its_occurrences_and_says_when_the_next_is_due(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace, body="executive")
    view = window.incident
    view.select_step("sitrep")
    panel = view.step_panel
    assert panel.done_button.text() == "1回目を記録 (Ctrl+D)"
    assert panel.repeat.text().splitlines() == [
        "実施時期: 初回",
        "まだ実施していません。",
        "4時間ごとに繰り返す（この段階の他の手順が全て終わるまで）",
    ]
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    view.select_step("sitrep")
    view.tick()
    assert panel.state_label.text() == "繰り返し実施中"
    assert panel.done_button.text() == "2回目を記録 (Ctrl+D)"
    assert panel.repeat.text().splitlines()[:2] == [
        "次回予定: 12/2（水）14:01（残り 04:00）",
        "実施 1 回（最終 12/2（水）10:01）",
    ]
    listed = [view.steps.item(r).text() for r in range(view.steps.count())]
    assert "↻ 状況を報告する  次回 12/2（水）14:01" in listed, listed  # its next time, in the list
    clock.advance(timedelta(hours=4, minutes=5))
    view.tick()
    assert panel.repeat.text().splitlines()[0] == "▲ 実施時期: 12/2（水）14:01 から（00:05 経過）"
    listed = [view.steps.item(r).text() for r in range(view.steps.count())]
    assert "↻ 状況を報告する  ▲ 実施時期" in listed, listed
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    done = [e for e in workspace.incidents.entries(incident) if e.kind == "step_done"]
    assert [e.step_id for e in done] == ["sitrep", "sitrep"]


def test_contacts_are_recorded_from_the_step_and_listed_under_it(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    clock.advance(timedelta(minutes=5))
    view = window.incident
    view.select_step("report_final")
    panel = view.step_panel
    assert panel.contacts_box.isVisible()
    assert panel.contacts_list.text() == "この手順の連絡の記録はまだありません。"
    qtbot.mouseClick(panel.contact_button, Qt.MouseButton.LeftButton)
    dialog = view.contact_dialog
    assert dialog is not None and dialog.isVisible()
    # The step's contact, by the name the bundled list gives it (not in Contacts here), never
    # by its id.
    assert dialog.whom.currentText() == "個人情報保護委員会"
    channels = [dialog.channel.itemText(i) for i in range(dialog.channel.count())]
    assert channels == [
        "電話",
        "電子メール",
        "ファクス",
        "ウェブフォーム",
        "対面",
        "文書",
        "その他",
    ]
    assert dialog.channel.currentData() == "phone"
    # An empty "whom" is refused by the services: said in the form, which stays open.
    dialog.whom.setEditText("")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "連絡先" in dialog.problem.text()
    dialog.whom.setEditText("個人情報保護委員会")
    dialog.channel.setCurrentIndex(dialog.channel.findData("web_form"))
    dialog.when.setDateTime(QDateTime(2026, 12, 2, 10, 3, 0))  # 10:03 JST: before it was recorded
    dialog.person.setText("担当 佐藤")
    dialog.receipt.setText("R-0042")
    dialog.outcome.setText("受理")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (entry,) = [e for e in workspace.incidents.entries(incident) if e.kind == "contact_recorded"]
    assert entry.step_id == "report_final" and entry.actor == ACTOR
    assert {k: v for k, v in entry.payload.items() if k != "login"} == {
        "whom": "個人情報保護委員会",
        "channel": "web_form",
        "person": "担当 佐藤",
        "receipt": "R-0042",
        "outcome": "受理",
    }
    assert entry.occurred_at == "2026-12-02T01:03:00.000000Z"
    assert panel.contacts_list.text() == (
        "• 12/2（水）10:03  個人情報保護委員会（ウェブフォーム） / 応対者: 担当 佐藤 / "
        f"受付番号: R-0042 / 結果: 受理（記録: {ACTOR}）"
    )
    # A second contact for the same step is its own entry, listed after the first.
    qtbot.mouseClick(panel.contact_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert kinds(workspace, incident).count("contact_recorded") == 2
    assert len(panel.contacts_list.text().splitlines()) == 2


def test_the_awareness_time_is_corrected_with_a_reason_and_the_clocks_follow(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace, body="executive")
    view = window.incident
    # The bar says the time since; the moment itself is on hover.
    assert (
        view.awareness.text().startswith("経過 ") and "（認知・宣言から）" in view.awareness.text()
    )
    assert view.awareness.toolTip().startswith("認知: 12/2（水）10:00（宣言と同時）")
    qtbot.mouseClick(view.awareness_button, Qt.MouseButton.LeftButton)
    dialog = view.awareness_dialog
    assert dialog is not None and dialog.isVisible()
    # After the declaration: the services refuse, in the form and the message bar.
    dialog.when.setDateTime(QDateTime(2026, 12, 2, 10, 30, 0))
    dialog.reason.setText("誤入力")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "宣言時刻より前" in dialog.problem.text()
    assert "宣言時刻より前" in window.message_bar.text.text()
    # The evening of 28 November: day 30 is 27 December, a Sunday.
    dialog.when.setDateTime(QDateTime(2026, 11, 28, 17, 0, 0))
    dialog.reason.setText("前日に課で把握していた")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (entry,) = [e for e in workspace.incidents.entries(incident) if e.kind == "awareness_corrected"]
    assert entry.payload["reason"] == "前日に課で把握していた" and entry.actor == ACTOR
    assert view.awareness.text().startswith("経過 認知から3日17時間1分・宣言から1分")
    assert view.awareness.text().endswith("（認知時刻は訂正済み）")
    tip = view.awareness.toolTip()
    assert tip.startswith("認知: 11/28（土）17:00（宣言 12/2（水）10:00）※訂正あり")
    assert "前日に課で把握していた" in tip
    view.tick()
    title, state = row_texts(window, "final")
    assert "12/28（月）24:00" in state and "30日目が土日のため翌開庁日" in title


def test_a_closed_incident_s_awareness_time_cannot_be_corrected(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = opened(window, workspace)
    workspace.incidents.set_status(incident, "closed", ACTOR, summary="訓練終了")
    window.incident.refresh()
    button = window.incident.awareness_button
    assert not button.isEnabled() and "終了しています" in button.toolTip()


@pytest.mark.parametrize(
    ("body", "council_step"), [("council", True), ("executive", False), ("committee", False)]
)
def test_the_body_is_chosen_from_the_bodies_the_plans_read(
    qtbot, window: MainWindow, workspace: Workspace, body: str, council_step: bool
) -> None:  # type: ignore[no-untyped-def]
    window.show_start()
    start = window.start_view
    shown = [start.body.itemText(i) for i in range(start.body.count())]
    assert shown == ["内部部局", "行政委員会", "議会", "議会事務局"]
    assert not start.body.isEditable() and start.body.currentData() == "executive"
    start.picker.search.setText("形式2")
    assert start.chosen_plan() == "s2_screen"
    start.title.setText("機関の確認")
    start.body.setCurrentIndex(start.body.findData(body))
    qtbot.mouseClick(start.start_button, Qt.MouseButton.LeftButton)
    view = window.incident
    assert view.state is not None and view.state.body == body
    assert ("council_rule" in view.steps.step_ids()) is council_step
    shown_body = {"council": "議会", "executive": "内部部局", "committee": "行政委員会"}[body]
    assert view.meta.text().endswith("  " + shown_body)


def test_recording_a_contact_stays_in_view_and_another_step_s_checks_are_gone(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    opened(window, workspace)
    view = window.incident
    panel = view.step_panel
    old_rows = list(panel.check_rows)
    view.select_step("report_final")
    button = panel.contact_button
    # Pinned with done, skip and note: not scrolled away with the step's text.
    assert button.isVisible() and button.visibleRegion().boundingRect() == button.rect()
    assert not panel.checks_box.isVisible() and not any(r.isVisible() for r in old_rows)
    view.select_step("gated")
    assert not button.isVisible()
    assert [r.item.id for r in panel.check_rows] == ["listed"]
    assert [r for r in panel.findChildren(type(old_rows[0])) if r.isVisible()] == panel.check_rows
    # A click never leaves the cursor on a box, where a stray Space would untick it.
    assert all(r.box.focusPolicy() == Qt.FocusPolicy.TabFocus for r in panel.check_rows)

"""Issue 11 in the window: lessons with their category and improvement item (and marked on a
note), decisions with a reason, the copy to send outside, and the warning for characters the
printed font cannot draw. Each test drives the real widgets and reads the log back through the
services."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from app.domain.timeutil import jst
from app.domain.vocabulary import REPORT_LABELS
from app.services.workspace import Workspace
from app.ui.lesson_dialog import LessonDialog
from app.ui.main_window import MainWindow
from tests.conftest import START
from tests.ui.conftest import ACTOR


def type_in(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Japanese arrives through the input method as committed text, not as key presses."""
    widget.setFocus()
    if hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def opened(qtbot, window: MainWindow, workspace: Workspace, plan: str = "ransomware") -> str:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start(plan, "教訓と理由", ACTOR, mode="drill")
    window.open_incident(incident_id)
    decisions = window.incident.decisions
    qtbot.waitUntil(lambda: any(r.isVisible() for r in decisions.reasons.values()))
    return incident_id


def form(qtbot, window: MainWindow) -> LessonDialog:  # type: ignore[no-untyped-def]
    dialog = window.incident.lesson_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # the keys go to the form
    return dialog


def test_the_lesson_form_writes_category_owner_due_and_step(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    timeline = window.incident.timeline
    qtbot.mouseClick(timeline.lesson_button, Qt.MouseButton.LeftButton)
    dialog = form(qtbot, window)
    assert dialog.windowTitle() == "教訓を記録"
    # The three categories in the vocabulary's words; an improvement item's parts are hidden
    # until the box is ticked.
    assert [b.text() for b in dialog.category_buttons.values()] == ["教訓", "良かった点", "課題"]
    assert dialog.category_buttons["lesson"].isChecked()
    assert not dialog.owner.isVisible() and not dialog.step.isVisible()
    type_in(dialog.text, "委託先の連絡先が古かった")
    qtbot.mouseClick(dialog.category_buttons["went_badly"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.improvement, Qt.MouseButton.LeftButton)
    assert dialog.owner.isVisible() and dialog.due.isVisible() and dialog.step.isVisible()
    assert dialog.due.text() == "未定"  # no date until one is chosen
    type_in(dialog.owner, "情報政策課 山田")
    dialog.due.setFocus()
    due = jst(START).date() + timedelta(days=30)
    dialog.due.setDate(QDate(due.year, due.month, due.day))
    # The step combo: "none", then the plan's phases (not choosable) and their steps.
    assert dialog.step.itemText(0) == "なし"
    index = dialog.step.findData("ransomware/isolate")
    assert index > 1 and dialog.step.itemData(index - 1) is None  # under its phase
    dialog.step.setFocus()
    dialog.step.setCurrentIndex(index)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    lesson = workspace.incidents.state(incident_id).lessons[-1]
    assert lesson.actor == ACTOR
    payload = {k: v for k, v in lesson.payload.items() if k != "login"}
    assert payload == {
        "text": "委託先の連絡先が古かった",
        "improvement": True,
        "category": "went_badly",
        "owner": "情報政策課 山田",
        "due": due.isoformat(),
        "plan": "ransomware",
        "step": "isolate",
    }


def test_a_plain_lesson_keeps_no_improvement_parts(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """Owner and date typed, then the box unticked: what is hidden is not recorded."""
    incident_id = opened(qtbot, window, workspace)
    note = window.incident.timeline.note
    type_in(note, "初動の連絡が早かった")
    qtbot.keyClick(note, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = form(qtbot, window)
    assert dialog.text.toPlainText() == "初動の連絡が早かった"  # the quick note's text
    dialog.category_buttons["went_well"].click()
    dialog.improvement.click()
    type_in(dialog.owner, "誰か")
    dialog.improvement.click()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    payload = workspace.incidents.state(incident_id).lessons[-1].payload
    # Only what is said is stored (the defaults are left out of the entry).
    assert {k: v for k, v in payload.items() if k != "login"} == {
        "text": "初動の連絡が早かった",
        "category": "went_well",
    }
    assert note.toPlainText() == ""  # the note became the lesson


def test_an_empty_lesson_is_refused_in_the_form(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    window.incident.open_lesson()
    dialog = form(qtbot, window)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "教訓" in dialog.problem.text()
    assert workspace.incidents.state(incident_id).lessons == []


def test_a_note_marked_as_a_lesson_passes_its_uuid(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    view = window.incident
    # A note on a step, written in the window, then the step done (a row that is no note).
    type_in(view.step_panel.step_note, "端末の隔離に20分かかった")
    qtbot.keyClick(view.step_panel.step_note, Qt.Key.Key_Return)
    note = workspace.incidents.state(incident_id).notes[-1]
    workspace.incidents.start_step(incident_id, "record_note", ACTOR)
    view.refresh()
    table = view.timeline.table
    model = view.timeline.model
    # The newest row is no note: its menu offers only the retraction.
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = view.timeline.row_menu
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["取り消す…"]
    menu.close()
    row = next(r for r, e in enumerate(model.rows) if e.uuid == note.uuid)
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = view.timeline.row_menu
    assert [a.text() for a in menu.actions()] == ["教訓として記録…", "取り消す…"]
    menu.actions()[0].trigger()
    menu.close()
    dialog = form(qtbot, window)
    assert dialog.text.toPlainText() == "端末の隔離に20分かかった"
    assert f"#{note.seq}" in dialog.intro.text()
    # The note's step is offered as the one to change (when it is made an improvement item).
    assert dialog.step_target() == ("ransomware", note.step_id)
    dialog.text.selectAll()
    type_in(dialog.text, "隔離の手順書を端末の横に置く")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    lesson = workspace.incidents.state(incident_id).lessons[-1]
    assert lesson.payload["note"] == note.uuid
    assert lesson.payload["text"] == "隔離の手順書を端末の横に置く"
    assert "step" not in lesson.payload  # not an improvement item: no step recorded


def test_a_reason_goes_with_the_answer_and_is_shown(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    decisions = window.incident.decisions
    reason = decisions.reasons["personal_data"]
    assert reason.isVisible() and reason.placeholderText() == "理由（任意）"
    type_in(reason, "住民基本台帳の端末が暗号化された")
    qtbot.mouseClick(decisions.buttons[("personal_data", "yes")], Qt.MouseButton.LeftButton)
    state = workspace.incidents.state(incident_id)
    assert state.decisions["personal_data"].reason == "住民基本台帳の端末が暗号化された"
    decided = [e for e in workspace.incidents.entries(incident_id) if e.kind == "decided"]
    assert decided[-1].payload["reason"] == "住民基本台帳の端末が暗号化された"
    # Folded to one line with the answer, the reason under it.
    line = decisions.compact["personal_data"]
    qtbot.waitUntil(line.isVisible)
    assert line.answer.text() == "→ はい"
    assert line.reason.isVisible()
    assert line.reason.whole == "理由: 住民基本台帳の端末が暗号化された"
    assert "住民基本台帳の端末が暗号化された" in line.ask.toolTip()
    assert reason.text() == ""  # the box is empty for the next answer
    # Without a reason nothing is shown under the answer.
    qtbot.mouseClick(decisions.buttons[("operations_stopped", "no")], Qt.MouseButton.LeftButton)
    assert decisions.compact["operations_stopped"].isVisible()
    assert not decisions.compact["operations_stopped"].reason.isVisible()
    assert workspace.incidents.state(incident_id).decisions["operations_stopped"].reason == ""


def test_the_reason_is_reached_by_keyboard_and_enter_never_records(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    decisions = window.incident.decisions
    qtbot.keyClick(window.incident, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    first = decisions.rows[0][0]
    assert first.hasFocus()
    qtbot.keyClick(first, Qt.Key.Key_Right)
    chosen = decisions.rows[0][1]
    assert chosen.hasFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Tab)
    decision_id = list(decisions.full)[0]
    reason = decisions.reasons[decision_id]
    assert reason.hasFocus()
    type_in(reason, "委託先の報告による")
    qtbot.keyClick(reason, Qt.Key.Key_Return)
    assert chosen.hasFocus()  # back to the answer it came from, nothing recorded yet
    assert decision_id not in workspace.incidents.state(incident_id).decisions
    qtbot.keyClick(chosen, Qt.Key.Key_Return)
    record = workspace.incidents.state(incident_id).decisions[decision_id]
    assert record.reason == "委託先の報告による"


def test_after_close_the_answers_stand_and_reopening_is_said(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    incidents = workspace.incidents
    incidents.decide(incident_id, "personal_data", "no", ACTOR, reason="台帳は無事")
    incidents.set_status(incident_id, "closed", ACTOR, summary="訓練終了")
    view = window.incident
    view.refresh()
    decisions = view.decisions
    assert not decisions.closed_hint.isHidden()
    assert "再開" in decisions.closed_hint.text() and "対応中" in decisions.closed_hint.text()
    assert not decisions.compact["personal_data"].change.isEnabled()
    assert not decisions.reasons["operations_stopped"].isEnabled()
    assert not decisions.buttons[("operations_stopped", "yes")].isEnabled()
    qtbot.mouseClick(view.status_bar.buttons["open"], Qt.MouseButton.LeftButton)
    assert decisions.closed_hint.isHidden()
    qtbot.mouseClick(decisions.compact["personal_data"].change, Qt.MouseButton.LeftButton)
    type_in(decisions.reasons["personal_data"], "後日、台帳の写しの流出が判明")
    qtbot.mouseClick(decisions.buttons[("personal_data", "yes")], Qt.MouseButton.LeftButton)
    record = incidents.state(incident_id).decisions["personal_data"]
    assert (record.choice, record.reason) == ("yes", "後日、台帳の写しの流出が判明")


def test_the_copy_to_send_is_offered_and_logged_as_submission(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    kinds = [REPORT_LABELS[k].ja for k in ("record", "after-action", "submission")]
    for kind in kinds:
        assert any(t.startswith(kind) for t in texts), (kind, texts)
    action = next(a for a in file_menu.actions() if a.text().startswith(kinds[2]))
    assert file_menu.toolTipsVisible()
    for words in ("内部メモ", "ハッシュ", "要確認", "写し"):
        assert words in action.toolTip()
    assert action.isEnabled()
    opened_files: list[Path] = []
    window.open_file = opened_files.append  # type: ignore[method-assign]
    action.trigger()
    qtbot.waitUntil(lambda: bool(opened_files), timeout=60000)
    pdf = opened_files[0]
    assert pdf.read_bytes().startswith(b"%PDF") and "submission" in pdf.name
    last = workspace.incidents.entries(incident_id)[-1]
    assert last.kind == "report_issued"
    assert last.payload["report"] == "submission" and last.payload["file"] == pdf.name


def test_characters_the_paper_cannot_draw_are_warned_about(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = opened(qtbot, window, workspace)
    timeline = window.incident.timeline
    warning = timeline.note_warning
    type_in(timeline.note, "委託先SEが到着")
    qtbot.wait(400)
    assert warning.isHidden()  # Japanese prints whole: nothing to say
    type_in(timeline.note, " 😀")
    qtbot.waitUntil(warning.isVisible)
    assert warning.whole == "▲ 印刷では 😀 は〘U+1F600〙と表示されます"
    assert warning.text() == warning.whole  # one line, whole at this width
    assert "印刷の字体にない文字" in warning.toolTip()
    # Non-blocking: the note is recorded as typed, and the warning goes with the text.
    qtbot.keyClick(timeline.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert workspace.incidents.state(incident_id).notes[-1].payload["text"] == "委託先SEが到着 😀"
    qtbot.waitUntil(warning.isHidden)
    # The same in the lesson form, for each such character once.
    window.incident.open_lesson("連絡 📞 と 📞 と 🎉")
    dialog = form(qtbot, window)
    assert dialog.warning.isVisible()
    assert dialog.warning.chars == ["📞", "🎉"]
    assert dialog.warning.text() == "▲ 印刷では 📞 は〘U+1F4DE〙、🎉 は〘U+1F389〙と表示されます"
    dialog.reject()
    # And under the step's note.
    step_note = window.incident.step_panel.step_note
    type_in(step_note, "✅ 済み")
    qtbot.waitUntil(window.incident.step_panel.note_warning.isVisible)


def test_the_due_date_is_never_assumed(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """The date box starts at 未定 (the day before today), which records no date."""
    opened(qtbot, window, workspace)
    window.incident.open_lesson("期限なし")
    dialog = form(qtbot, window)
    dialog.improvement.click()
    assert dialog.due_date() is None
    dialog.due.setFocus()
    qtbot.keyClick(dialog.due, Qt.Key.Key_Up)  # one step up from 未定: today (JST)
    assert dialog.due_date() == jst(START).date()
    dialog.due.setCurrentSection(QDateTimeEdit.Section.DaySection)
    qtbot.keyClick(dialog.due, Qt.Key.Key_Up)
    assert dialog.due_date() == jst(START).date() + timedelta(days=1)
    dialog.reject()

"""A whole drill driven through the real widgets, then checked in the log through the services."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.kinds import Lesson, read_payload
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.ui.conftest import ACTOR


def type_in(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Japanese arrives through the input method as committed text, not as key presses
    (QTest cannot press keys for characters outside Latin-1)."""
    widget.setFocus()
    if hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def listed(window: MainWindow) -> list[str]:
    return window.incident.steps.step_ids()


def top_row(window: MainWindow) -> tuple[str, str]:
    model = window.incident.timeline.model
    return model.data(model.index(0, 4)), model.data(model.index(0, 5))


def test_a_whole_drill_from_home_to_close(qtbot, window: MainWindow, workspace: Workspace, clock):  # type: ignore[no-untyped-def]
    home = window.home
    assert home.cards == {}
    qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)
    start = window.start_view
    assert window.stack.currentWidget() is start

    # Search over warning signs finds the ransomware plan.
    type_in(start.search, "身代金")
    assert start.chosen_plan() == "ransomware"
    type_in(start.title, "訓練: 財務課ファイルサーバの暗号化")
    start.mode_buttons["drill"].click()
    start.body.setCurrentIndex(start.body.findData("committee"))  # 教育委員会
    qtbot.keyClick(start.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    view = window.incident
    assert window.stack.currentWidget() is view
    incident_id = view.incident_id
    assert view.badge.text() == "訓練"
    assert workspace.incidents.state(incident_id).body == "committee"

    # The first step is current; its field is an input; done moves on and shows in the timeline.
    panel = view.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert top_row(window) == (
        "手順完了",
        "感染した端末をネットワークから切り離す / 端末名: FIN-PC-023",
    )
    assert panel.step.id == "record_note"
    assert "次: 脅迫文を撮影し" in panel.next_label.text()

    # A decision shows its dependent step at once, and hides it again when it changes.
    assert "response_hq" in listed(window)  # waiting for the decision: listed, marked
    view.decisions.buttons[("operations_stopped", "no")].click()
    assert "response_hq" not in listed(window)
    view.decisions.buttons[("operations_stopped", "yes")].click()
    assert "response_hq" in listed(window)
    assert view.decisions.buttons[("operations_stopped", "yes")].isChecked()
    view.decisions.buttons[("mynumber_zone", "no")].click()
    assert "mynumber_isolate" not in listed(window)

    # The PPC clock starts with the decision, goes due-soon, then overdue, in colour and words.
    view.decisions.buttons[("personal_data", "unknown")].click()
    assert view.deadlines.state_of("ppc_preliminary") == "running"
    clock.advance(timedelta(days=4, minutes=1))
    window.tick()
    assert view.deadlines.state_of("ppc_preliminary") == "due_soon"
    assert "期限間近" in view.deadlines.shown_text("ppc_preliminary")
    clock.advance(timedelta(days=1))
    window.tick()
    assert view.deadlines.state_of("ppc_preliminary") == "overdue"
    assert "期限超過" in view.deadlines.shown_text("ppc_preliminary")

    # A quick note with Ctrl+Enter.
    note = window.incident.timeline.note
    note.setFocus()
    type_in(note, "委託先SEが到着")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert top_row(window) == ("メモ", "委託先SEが到着")
    assert note.toPlainText() == ""
    # A lesson: the quick note's text goes into the lesson form (Ctrl+L), made an improvement
    # item there, and is marked as the paper marks it; the box is empty once it is recorded.
    type_in(note, "委託先との連絡手段を平時に決めておく")
    qtbot.keyClick(note, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lesson = window.incident.lesson_dialog
    assert lesson is not None and lesson.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is lesson)  # the keys go to the form
    assert lesson.text.toPlainText() == "委託先との連絡手段を平時に決めておく"
    lesson.improvement.setChecked(True)
    qtbot.keyClick(lesson.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not lesson.isVisible()
    kind, said = top_row(window)
    assert kind == "教訓" and said.endswith("委託先との連絡手段を平時に決めておく［改善項目］")
    assert note.toPlainText() == ""

    # Skipping needs a reason: without one the refusal is a message, not a dialog.
    view.select_step("decryptor")
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    assert window.message_bar.isVisible()
    assert "理由" in window.message_bar.text.text()
    type_in(panel.skip_reason, "訓練のため省略")
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    assert workspace.incidents.state(incident_id).step_states()["decryptor"] == "skipped"

    # Out of order: a report step before the containment steps.
    view.select_step("ppc_preliminary")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert view.deadlines.state_of("ppc_preliminary") == "met_late"

    # Contained, then closed with a summary; closing without one is refused in words.
    qtbot.mouseClick(view.status_bar.buttons["contained"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.status_bar.buttons["closed"], Qt.MouseButton.LeftButton)
    close = view.close_dialog
    assert close is not None
    qtbot.mouseClick(close.ok, Qt.MouseButton.LeftButton)
    assert "概要" in window.message_bar.text.text()
    close.summary.setPlainText("訓練終了。手順の改善点を記録した")
    qtbot.mouseClick(close.ok, Qt.MouseButton.LeftButton)
    assert view.status_bar.buttons["open"].isVisible()
    assert not panel.done_button.isEnabled()

    # The log, read through the services, holds exactly what was done, by whom.
    state = workspace.incidents.state(incident_id)
    entries = workspace.incidents.entries(incident_id)
    assert [e.kind for e in entries] == [
        "opened",
        "step_done",
        "decided",
        "decided",
        "decided",
        "decided",
        "noted",
        "lesson",
        "step_skipped",
        "step_done",
        "deadline_met",
        "status_changed",
        "status_changed",
    ]
    assert {e.actor for e in entries} == {ACTOR}
    assert {k: v for k, v in entries[1].payload.items() if k != "login"} == {
        "fields": {"host": "FIN-PC-023"}
    }
    assert state.mode == "drill" and state.status == "closed"
    assert state.summary == "訓練終了。手順の改善点を記録した"
    assert state.choices() == {
        "operations_stopped": "yes",
        "mynumber_zone": "no",
        "personal_data": "unknown",
    }
    assert state.plan.steps["decryptor"].reason == "訓練のため省略"
    assert [read_payload(e, Lesson) for e in state.lessons] == [
        Lesson(text="委託先との連絡手段を平時に決めておく", improvement=True)
    ]

    # Home lists it under closed, marked as a drill.
    window.show_home()
    card = window.home.cards[incident_id]
    assert card.property("mode") == "drill"


def test_field_inputs_record_typed_values(qtbot, window: MainWindow, workspace: Workspace, clock):  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("personal_data_leak", "誤送信", ACTOR, mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    view.select_step("report_supervisor")
    panel = view.step_panel
    fields = {f.spec.id: f for f in panel.inputs}
    # A datetime field starts at the workspace clock, shown and stored as JST.
    assert fields["reported_at"].value() == "2026-11-25T09:00+09:00"
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    record = workspace.incidents.state(incident_id).plan.steps["report_supervisor"]
    assert record.fields["reported_at"] == "2026-11-25T09:00+09:00"

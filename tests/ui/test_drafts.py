"""Nothing typed is lost (issue 12, point 6): field inputs, step notes and the quick note are
kept as drafts outside the log, come back marked 「未記録の下書き」 after a close, go when they
are recorded or discarded, and quitting with a draft asks. Real widgets, real keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.paths import DRAFTS_FOLDER
from app.services.drafts import Drafts
from app.services.workspace import Workspace
from app.ui import drafts as ui_drafts
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings
from tests.ui.conftest import ACTOR

SAVED_MS = ui_drafts.DRAFT_SAVE_MS + 300  # the pause after typing, and a little more


def type_in(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Japanese as it is typed: committed by the input method (QTest types ASCII only)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def start(workspace: Workspace) -> str:
    return workspace.incidents.start("ransomware", "下書きの確認", "係", mode="drill")


def new_window(qtbot, workspace: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    """Another window on the same folder, as after closing the app and starting it again."""
    win = MainWindow(Session(workspace, UiSettings(actor=ACTOR)))
    win.timer.stop()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def kept(workspace: Workspace, incident_id: str):  # type: ignore[no-untyped-def]
    drafts, problem = Drafts(workspace.root).load(incident_id)
    assert problem is None
    return drafts


def entries(workspace: Workspace, incident_id: str) -> list[str]:
    return [e.uuid for e in workspace.incidents.entries(incident_id)]


def type_a_draft(qtbot, window: MainWindow, workspace: Workspace) -> str:  # type: ignore[no-untyped-def]
    incident_id = start(workspace)
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    type_in(panel.step_note, "LANケーブルを抜いた")
    type_in(window.incident.timeline.note, "財務課から電話あり")
    return incident_id


def test_typed_text_is_kept_outside_the_log_and_comes_back_marked(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    before = None
    incident_id = start(workspace)
    before = entries(workspace, incident_id)
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    qtbot.keyClicks(panel.inputs[0].widget, "FIN-PC-023")
    type_in(panel.step_note, "LANケーブルを抜いた")
    type_in(window.incident.timeline.note, "財務課から電話あり")
    # Written a moment after the typing stops, not at every key.
    assert not (workspace.root / DRAFTS_FOLDER / f"{incident_id}.json").exists()
    qtbot.waitUntil(lambda: kept(workspace, incident_id).quick == "財務課から電話あり")
    drafts = kept(workspace, incident_id)
    assert drafts.fields == {"isolate": {"host": "FIN-PC-023"}}
    assert drafts.notes == {"isolate": "LANケーブルを抜いた"}
    # Never recorded, never in the timeline.
    assert entries(workspace, incident_id) == before
    shown = window.incident.timeline.model.rows
    assert not any("FIN-PC-023" in str(e.payload) for e in shown)
    # Typed now, not put back: no mark.
    assert not panel.draft_mark.isVisible()

    window.close()
    again = new_window(qtbot, workspace)
    again.open_incident(incident_id)
    panel = again.incident.step_panel
    assert panel.inputs[0].widget.text() == "FIN-PC-023"
    assert panel.step_note.text() == "LANケーブルを抜いた"
    assert panel.draft_mark.isVisible()
    assert panel.draft_mark.label.text().startswith("未記録の下書き")
    assert panel.inputs[0].widget.property("draft") is True
    assert panel.inputs[1].widget.property("draft") is not True  # nothing typed there
    assert panel.step_note.property("draft") is True
    timeline = again.incident.timeline
    assert timeline.note.toPlainText() == "財務課から電話あり"
    assert timeline.note_draft.isVisible()
    assert "未記録の下書き" in timeline.note_draft.label.text()
    assert entries(workspace, incident_id) == before  # putting it back records nothing


def test_done_records_the_fields_and_their_draft_goes(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = type_a_draft(qtbot, window, workspace)
    window.close()
    again = new_window(qtbot, workspace)
    again.open_incident(incident_id)
    panel = again.incident.step_panel
    assert panel.draft_mark.isVisible()
    type_in(panel.inputs[1].widget, "財務課")
    panel._done()
    state = workspace.incidents.state(incident_id)
    assert state.plan.steps["isolate"].fields == {"host": "FIN-PC-023", "location": "財務課"}
    drafts = kept(workspace, incident_id)  # written at once, not after the pause
    assert "isolate" not in drafts.fields
    # The step's note was not recorded by Done: it stays a draft until it is.
    assert drafts.notes == {"isolate": "LANケーブルを抜いた"}
    assert panel.step is not None and panel.step.id != "isolate"
    assert not panel.draft_mark.isVisible()  # the next step has none
    # Back on the done step: the note is put back, the recorded fields shown as recorded.
    again.incident.select_step("isolate")
    assert panel.step_note.text() == "LANケーブルを抜いた"
    assert panel.draft_mark.isVisible()
    assert panel.inputs[1].widget.text() == "財務課"
    panel._note()
    notes = [e.payload.get("text") for e in workspace.incidents.state(incident_id).notes]
    assert "LANケーブルを抜いた" in notes
    assert kept(workspace, incident_id).notes == {}
    assert not panel.draft_mark.isVisible()


def test_the_quick_note_draft_goes_when_it_is_recorded(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = type_a_draft(qtbot, window, workspace)
    timeline = window.incident.timeline
    timeline.save_note.click()
    assert timeline.note.toPlainText() == ""
    assert kept(workspace, incident_id).quick == ""
    notes = [e.payload.get("text") for e in workspace.incidents.state(incident_id).notes]
    assert notes == ["財務課から電話あり"]


def test_a_draft_is_discarded_only_when_asked(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = type_a_draft(qtbot, window, workspace)
    window.close()
    again = new_window(qtbot, workspace)
    again.open_incident(incident_id)
    panel, timeline = again.incident.step_panel, again.incident.timeline
    qtbot.mouseClick(panel.draft_mark.button, Qt.MouseButton.LeftButton)
    assert panel.inputs[0].widget.text() == "" and panel.step_note.text() == ""
    assert not panel.draft_mark.isVisible()
    assert panel.inputs[0].widget.property("draft") is not True
    drafts = kept(workspace, incident_id)
    assert drafts.fields == {} and drafts.notes == {}
    assert drafts.quick == "財務課から電話あり"  # only the step's was thrown away
    timeline.note_draft.button.click()
    assert timeline.note.toPlainText() == ""
    assert not (workspace.root / DRAFTS_FOLDER / f"{incident_id}.json").exists()


def test_each_incident_keeps_its_own_quick_note(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    first = type_a_draft(qtbot, window, workspace)
    second = workspace.incidents.start("ransomware", "二件目", "係", mode="drill")
    window.open_incident(second)  # at once, before the pause: written before it switches
    assert kept(workspace, first).quick == "財務課から電話あり"
    assert window.incident.timeline.note.toPlainText() == ""
    panel = window.incident.step_panel
    assert panel.step is not None and panel.step.id == "isolate"
    assert panel.inputs[0].widget.text() == ""  # the same step of another incident
    window.open_incident(first)
    assert window.incident.timeline.note.toPlainText() == "財務課から電話あり"
    assert panel.inputs[0].widget.text() == "FIN-PC-023"


def click_in_dialog(qtbot, text: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Once the question is up, note its words and press the button that says ``text``."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.extend([box.text(), *(b.text() for b in box.findChildren(QPushButton))])
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    QTimer.singleShot(0, press)


def test_ctrl_q_with_a_draft_asks_and_go_back_keeps_the_window(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = type_a_draft(qtbot, window, workspace)
    seen: list[str] = []
    click_in_dialog(qtbot, "戻る", seen)
    window.quit()
    assert seen[0] == "記録していない入力があります"
    assert "下書きとして残して終了" in seen and "戻る" in seen
    assert window.isVisible()
    # Asked at once: what was typed a moment ago is written before the question.
    assert kept(workspace, incident_id).quick == "財務課から電話あり"
    seen.clear()
    click_in_dialog(qtbot, "下書きとして残して終了", seen)
    window.quit()
    assert seen and not window.isVisible()
    drafts = kept(workspace, incident_id)  # kept either way
    assert drafts.fields == {"isolate": {"host": "FIN-PC-023"}}


def test_the_window_close_button_asks_too(
    qtbot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    type_a_draft(qtbot, window, workspace)
    asked: list[bool] = []

    def answer(_parent: object) -> bool:
        asked.append(True)
        return False  # go back

    monkeypatch.setattr(ui_drafts, "ask_to_quit", answer)

    class FromTheWindowManager(QCloseEvent):
        def spontaneous(self) -> bool:  # as the title bar's close button sends it
            return True

    event = FromTheWindowManager()
    window.closeEvent(event)
    assert asked == [True] and not event.isAccepted()
    # Closed by the program (a language switch rebuilds the window): no question.
    window.close()
    assert asked == [True] and not window.isVisible()


def test_quitting_without_a_draft_does_not_ask(
    qtbot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[bool] = []
    monkeypatch.setattr(ui_drafts, "ask_to_quit", lambda _p: asked.append(True) or False)
    incident_id = start(workspace)
    window.open_incident(incident_id)
    panel = window.incident.step_panel
    qtbot.keyClicks(panel.inputs[0].widget, "X")
    panel.inputs[0].widget.clear()  # typed, then wiped: nothing is left to keep
    window.quit()
    assert asked == [] and not window.isVisible()


def test_a_broken_draft_file_is_said_and_the_incident_opens(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = start(workspace)
    folder = workspace.root / DRAFTS_FOLDER
    folder.mkdir()
    (folder / f"{incident_id}.json").write_text('{"schema": 1, "quick": "途中', "utf-8")
    window.open_incident(incident_id)
    assert window.message_bar.isVisible()
    said = window.message_bar.text.text()
    assert "下書き" in said and "\n" not in said
    assert window.incident.step_panel.step is not None
    assert window.incident.timeline.note.toPlainText() == ""


def test_read_only_keeps_no_draft(qtbot, data_dir: Path, translations) -> None:  # type: ignore[no-untyped-def]
    Workspace(data_dir).close()
    setup = Workspace(data_dir)
    incident_id = start(setup)
    setup.close()
    ws = Workspace(data_dir, read_only=True)
    session = Session(ws, UiSettings(actor=ACTOR))
    session.read_only_asked = True
    win = MainWindow(session)
    win.timer.stop()
    qtbot.addWidget(win)
    win.show()
    win.open_incident(incident_id)
    win.incident.timeline.note.setFocus()
    type_in(win.incident.timeline.note, "読むだけ")
    qtbot.wait(SAVED_MS)
    win.incident.drafts.flush()
    assert not (data_dir / DRAFTS_FOLDER).exists()
    win.quit()  # nothing could be kept: no question
    assert not win.isVisible()
    ws.close()


@pytest.mark.slow
def test_a_draft_survives_kill_9(qtbot, data_dir: Path, translations) -> None:  # type: ignore[no-untyped-def]
    """The acceptance test: a real process types into a field, is killed with SIGKILL once the
    draft is written, and the next start puts the text back, marked as not recorded."""
    import os
    import signal
    import subprocess
    import sys
    import time

    setup = Workspace(data_dir)
    incident_id = start(setup)
    before = entries(setup, incident_id)
    setup.close()
    UiSettings(actor=ACTOR, incident=incident_id).save(data_dir)
    root = Path(__file__).resolve().parents[2]
    typist = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.draft_typist", str(data_dir), "FIN-PC-023"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert typist.stdout is not None
        assert typist.stdout.readline().strip() == "typed"
        draft = data_dir / DRAFTS_FOLDER / f"{incident_id}.json"
        deadline = time.monotonic() + 20
        while not (draft.exists() and "FIN-PC-023" in draft.read_text("utf-8")):
            assert typist.poll() is None, typist.communicate()
            assert time.monotonic() < deadline, "the draft was never written"
            time.sleep(0.05)
        typist.send_signal(signal.SIGKILL)
        typist.wait(10)
    finally:
        if typist.poll() is None:
            typist.kill()
            typist.wait(10)
        typist.communicate()  # the pipes closed
    assert typist.returncode == -signal.SIGKILL

    ws = Workspace(data_dir)
    try:
        assert entries(ws, incident_id) == before  # a draft is never a record
        again = new_window(qtbot, ws)
        again.open_incident(incident_id)
        panel = again.incident.step_panel
        assert panel.step is not None and panel.step.id == "isolate"
        assert panel.inputs[0].widget.text() == "FIN-PC-023"
        assert panel.draft_mark.isVisible()
        assert panel.draft_mark.label.text().startswith("未記録の下書き")
    finally:
        ws.close()

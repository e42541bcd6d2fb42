"""Control and bidi characters in what responders typed are shown as marks, never obeyed, while
the log keeps exactly what was typed (app/domain/visible.py)."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.ui.conftest import ACTOR

TITLE = "\x1b[31mRED\x1b[0m サーバ\u202egpj.exe"
NOTE = "メモ \x1b[31mRED\x1b[0m \u202eabc\n二行目"
SHOWN_TITLE = "〘ESC〙[31mRED〘ESC〙[0m サーバ〘U+202E〙gpj.exe"


def raw_controls(text: str) -> list[str]:
    """The control, bidi and format characters in ``text`` (a tooltip's own newlines aside)."""
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


def test_typed_controls_show_as_marks_and_the_log_keeps_them(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    incidents = workspace.incidents
    incident_id = incidents.start("ransomware", TITLE, ACTOR, mode="drill", body="本庁\u202e舎")
    incidents.note(incident_id, NOTE, ACTOR)
    incidents.complete_step(incident_id, "isolate", ACTOR, fields={"host": "FIN\u202e-PC\x07"})

    # Home: the card's title.
    window.show_home()
    card = window.home.cards[incident_id]
    card_title = card.findChild(QLabel, "cardTitle")
    assert card_title.text() == SHOWN_TITLE
    assert card_title.textFormat() == Qt.TextFormat.PlainText

    # The incident screen: its header, the timeline's cells and tooltips.
    window.open_incident(incident_id)
    view = window.incident
    assert view.title.text() == SHOWN_TITLE
    assert "本庁〘U+202E〙舎" in view.meta.text()
    model = view.timeline.model
    cells = {model.rows[r].kind: model.data(model.index(r, 5)) for r in range(model.rowCount())}
    assert SHOWN_TITLE in cells["opened"]
    assert cells["noted"] == "メモ 〘ESC〙[31mRED〘ESC〙[0m 〘U+202E〙abc〘LF〙二行目"
    assert "FIN〘U+202E〙-PC〘BEL〙" in cells["step_done"]
    row = next(r for r in range(model.rowCount()) if model.rows[r].kind == "noted")
    tooltip = model.data(model.index(row, 5), Qt.ItemDataRole.ToolTipRole)
    assert "〘ESC〙[31mRED" in tooltip and "二行目" in tooltip
    shown = [view.title.text(), view.meta.text(), window.windowTitle(), tooltip]
    shown += [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(6)]
    assert all(not raw_controls(t.replace("\n", "")) for t in shown)

    # The step panel: a done step's recorded value, read-only, is marked as well.
    view.select_step("isolate")
    host = view.step_panel.inputs[0].widget
    assert host.text() == "FIN〘U+202E〙-PC〘BEL〙" and not host.isEnabled()

    # A skip reason typed into the real field: the field keeps it raw, the record line marks it.
    view.select_step("decryptor")
    panel = view.step_panel
    panel.skip_reason.setFocus()
    panel.skip_reason.insert("復号\u202eツール\x1bなし")
    assert panel.skip_reason.text() == "復号\u202eツール\x1bなし"
    qtbot.mouseClick(panel.skip_button, Qt.MouseButton.LeftButton)
    view.select_step("decryptor")
    assert "復号〘U+202E〙ツール〘ESC〙なし" in panel.record.text()
    assert raw_controls(panel.record.text().replace("\n", "")) == []

    # Stored exactly as given.
    entries = {e.kind: e for e in incidents.entries(incident_id)}
    assert entries["opened"].payload["title"] == TITLE
    assert entries["opened"].payload["body"] == "本庁\u202e舎"
    assert entries["noted"].payload["text"] == NOTE
    assert entries["step_done"].payload["fields"]["host"] == "FIN\u202e-PC\x07"
    assert entries["step_skipped"].payload["reason"] == "復号\u202eツール\x1bなし"
    assert incidents.state(incident_id).title == TITLE


def test_markup_in_a_title_is_shown_as_typed(qtbot, window: MainWindow, workspace: Workspace):  # type: ignore[no-untyped-def]
    """A label would read "<s>..</s>" as HTML and strike the words through."""
    incident_id = workspace.incidents.start("ransomware", "<s>承認済み</s>", ACTOR, mode="drill")
    window.show_home()
    assert window.home.cards[incident_id].findChild(QLabel, "cardTitle").textFormat() == (
        Qt.TextFormat.PlainText
    )
    window.open_incident(incident_id)
    model = window.incident.timeline.model
    tooltip = model.data(model.index(0, 5), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;s&gt;承認済み&lt;/s&gt;" in tooltip


def test_a_refusal_quoting_typed_text_is_marked(window: MainWindow) -> None:
    window.session.error.emit("拒否: \u202eabc\x1b")
    assert window.message_bar.text.text() == "拒否: 〘U+202E〙abc〘ESC〙"

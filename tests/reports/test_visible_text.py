"""Control and bidi characters in what was recorded print as marks: the signed paper shows what
the log holds, not what it would display as (app/domain/visible.py, app/reports/layout.py)."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from pathlib import Path

import pdfplumber
from reportlab.pdfbase.pdfmetrics import getFont

from app.domain.clock import ManualClock
from app.domain.contacts import Contacts
from app.reports.checklist import render_checklist
from app.reports.fonts import REGULAR, register_fonts
from app.reports.record import render_after_action, render_record
from app.services.reports import load_record_data
from app.services.workspace import Workspace
from tests.reports.conftest import assert_fonts_embedded

TITLE = "\x1b[31mRED\x1b[0m サーバ\u202egpj.exe"
SHOWN_TITLE = "〘ESC〙[31mRED〘ESC〙[0m サーバ〘U+202E〙gpj.exe"


def printed(path: Path) -> str:
    """Every character set on the pages, in order (no line breaks added by an extractor)."""
    with pdfplumber.open(str(path)) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars)


def assert_nothing_hidden(text: str) -> None:
    hidden = sorted({c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")})
    assert hidden == [], f"raw control or format characters printed: {hidden}"
    # and no tofu: the embedded font has a glyph for everything printed
    register_fonts()
    glyphs = getFont(REGULAR).face.charToGlyph
    assert sorted({c for c in text if ord(c) not in glyphs}) == []


def tricky_incident(ws: Workspace, clock: ManualClock) -> str:
    inc = ws.incidents
    incident_id = inc.start("ransomware", TITLE, "山田\u202e一郎", mode="drill")
    clock.advance(timedelta(minutes=5))
    inc.complete_step(incident_id, "isolate", "山田 一郎", fields={"host": "FIN\u2066-PC\x07"})
    inc.skip_step(incident_id, "decryptor", "なし\x1b[2J\tタブ", "山田 一郎")
    inc.note(incident_id, "メモ\u200bです\r\n二行目", "山田 一郎")
    inc.add_lesson(incident_id, "教訓\u202eです", "山田 一郎", improvement=True)
    inc.set_status(incident_id, "closed", "山田 一郎", summary="概要\x1b[0mです")
    return incident_id


def test_the_record_prints_marks_not_controls(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident_id = tricky_incident(workspace, clock)
    data = load_record_data(workspace, incident_id)
    out = tmp_path / "record.pdf"
    render_record(data, out)
    text = printed(out)
    assert_nothing_hidden(text)
    assert SHOWN_TITLE in text  # the cover
    assert f"インシデント対応記録{incident_id}{SHOWN_TITLE[:20]}" in text.replace(
        "　", ""
    )  # header
    assert "山田〘U+202E〙一郎" in text  # the responders
    assert "FIN〘U+2066〙-PC〘BEL〙" in text  # a recorded field, in the steps and the timeline
    assert "なし〘ESC〙[2J" in text and "〘HT〙タブ" in text  # a tab in a plain timeline cell
    assert "メモ〘U+200B〙です〘CR〙二行目" in text  # CR marked, the line break kept
    assert "概要〘ESC〙[0mです" in text
    assert_fonts_embedded(out)
    # the log itself is untouched
    entries = workspace.incidents.entries(incident_id)
    assert entries[0].payload["title"] == TITLE
    assert entries[1].payload["fields"] == {"host": "FIN\u2066-PC\x07"}


def test_the_after_action_report_prints_marks_not_controls(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    data = load_record_data(workspace, tricky_incident(workspace, clock))
    out = tmp_path / "review.pdf"
    render_after_action(data, out)
    text = printed(out)
    assert_nothing_hidden(text)
    assert SHOWN_TITLE in text and "教訓〘U+202E〙です" in text and "なし〘ESC〙[2J" in text
    assert_fonts_embedded(out)


def test_the_checklist_prints_marked_contacts(workspace: Workspace, tmp_path: Path) -> None:
    contacts = Contacts.model_validate(
        {
            "schema": 1,
            "people": [
                {"id": "p1", "name": "架空\u202e一郎", "phone": "000\t0000", "title": "課長"}
            ],
            "roles": {"ciso": ["p1"]},
            "external": [{"id": "police_cyber", "name": {"ja": "警察\u200d"}, "phone": "000-1"}],
        }
    )
    out = tmp_path / "paper.pdf"
    render_checklist(workspace.library.get("ransomware"), contacts, out)
    text = printed(out)
    assert_nothing_hidden(text)
    assert "架空〘U+202E〙一郎" in text and "000〘HT〙0000" in text and "警察〘U+200D〙" in text
    assert_fonts_embedded(out)

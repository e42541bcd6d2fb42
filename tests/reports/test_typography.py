"""Typography that survives scrutiny (issue 11, point 5): nothing overruns a cell, 禁則 everywhere,
identifiers, dates, numbers and hashes never break inside, characters the font cannot draw print
as a visible substitute with their code point, and dates for people carry 和暦 and 曜日.

The PDF tests read the pages back with pdfplumber: where each character is set, against the
rules of its table, and what lines it makes.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Paragraph

from app.domain.clock import ManualClock
from app.domain.timeutil import format_era_datetime, format_era_day_weekday
from app.reports import layout
from app.reports.fonts import REGULAR, mark, register_fonts, substitute, undrawable
from app.reports.layout import CANNOT_END, CANNOT_START, cell, wrap_lines
from app.reports.record import render_record
from app.services.reports import load_record_data
from app.services.workspace import Workspace

HASH = "3f2a9c01" * 8
IDENTIFIERS = ("CVE-2026-12345", "2026-11-28T12:55", "192.168.0.10", "FIN-SV-01", HASH)
# Japanese that reportlab's own splitter let hang past the cell edge: long vowel marks, small
# kana and punctuation wherever a line may end, brackets at both ends, identifiers among them.
JAPANESE = (
    "セキュリティーベンダーのサーバーでファイアウォールのポリシーをチェック、"
    "「ログ」（イベントビューアー）を確認。ショートカット、ウィンドウ、キャッシュ。"
    "脆弱性CVE-2026-12345は2026-11-28T12:55に192.168.0.10（FIN-SV-01）で検知。"
    f"ハッシュ {HASH} を記録した。チェックシート「ウィーン」（ジョッキー）。"
)


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()


def _token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[A-Za-z0-9\-_.:/+@#%=?&~,]+", text)]


def _allowed(text: str, at: int) -> bool:
    """Whether the rules allow a break before ``text[at]`` (written out again, not imported)."""
    before, after = text[at - 1], text[at]
    token = re.compile(r"[A-Za-z0-9\-_.:/+@#%=?&~,]")
    both_token = bool(token.match(before) and token.match(after))
    return not (before in CANNOT_END or after in CANNOT_START or both_token)


def _unit_width(text: str, at: int, size: float = 7) -> float:
    """The width of the run around ``at`` that the rules allow no break in."""
    first, last = at - 1, at + 1
    while first > 0 and not _allowed(text, first):
        first -= 1
    while last < len(text) and not _allowed(text, last):
        last += 1
    return stringWidth(text[first:last], REGULAR, size)


def _kinsoku_kept(lines: list[str], width: float, size: float = 7) -> None:
    """No line starts with a character that cannot start one, nor ends with one that cannot
    end one, unless the run that holds the break is wider than the whole line (a bracketed
    identifier in a very narrow cell: the bracket yields, the identifier stays whole)."""
    text, at = "".join(lines), 0
    for before, line in zip(lines, lines[1:], strict=False):
        at += len(before)
        if line[0] in CANNOT_START or before[-1] in CANNOT_END:
            assert _unit_width(text, at, size) > width, (width, before, line)


@pytest.mark.parametrize("width", [30, 41, 52, 67, 80, 95, 113, 140, 171, 230, 300])
def test_plain_cells_keep_width_kinsoku_and_tokens(width: int) -> None:
    lines = wrap_lines(JAPANESE, width, 7).split("\n")
    assert "".join(lines) == JAPANESE  # nothing lost, nothing added
    for line in lines:
        assert stringWidth(line, REGULAR, 7) <= width + 1e-6, (width, line)
    _kinsoku_kept(lines, width)
    # A token that fits a line is never broken; one wider than the line breaks at a joiner or
    # at a group of four characters from its start.
    ends, at = set(), 0
    for line in lines[:-1]:
        at += len(line)
        ends.add(at)
    for start, end in _token_spans(JAPANESE):
        token = JAPANESE[start:end]
        inside = sorted(e for e in ends if start < e < end)
        if stringWidth(token, REGULAR, 7) <= width:
            assert not inside, (width, token)
        for e in inside:
            assert JAPANESE[e - 1] in "-_.:/+@=?&~," or (e - start) % 4 == 0, (width, token, e)


def test_a_run_that_cannot_be_broken_by_the_rules_still_keeps_to_the_width() -> None:
    text = "あ" + "ッィーャュョ。、。」）ー" * 5
    for width in range(8, 80, 5):
        lines = wrap_lines(text, width, 7).split("\n")
        assert "".join(lines) == text
        assert all(stringWidth(line, REGULAR, 7) <= width for line in lines), width


def test_a_date_with_its_time_and_a_japanese_date_stay_whole() -> None:
    text = "認知は 2026-11-28 12:55 JST、報告は令和8年12月2日（水）14:03、期限は12月7日。"
    for width in range(60, 200, 4):
        lines = wrap_lines(text, width, 7).split("\n")
        for whole in ("2026-11-28 12:55", "令和8年12月2日（水）", "12月7日"):
            if stringWidth(whole, REGULAR, 7) <= width:
                assert any(whole in line for line in lines), (width, whole, lines)


def test_a_paragraph_breaks_by_the_same_rules_and_keeps_its_text_when_split() -> None:
    st = layout.styles()
    text = f"<b>見出し</b><br/>{layout.escape(JAPANESE)}<br/><font size=7>{layout.escape(JAPANESE)}</font>"
    for width in (60, 97, 150, 233):
        para = Paragraph(text, st.cell)
        para.wrap(width, 10_000)
        lines = ["".join(w.text for w in line.words) for line in para.blPara.lines]
        for line in para.blPara.lines:
            assert line.currentWidth <= width + 1e-6
        _kinsoku_kept([t for t in lines if t], width, size=8)
        flat = "".join(lines)
        for ident in IDENTIFIERS:
            assert flat.count(ident) == 2
            if stringWidth(ident, REGULAR, 8) <= width:
                assert sum(line.count(ident) for line in lines) == 2, (width, ident)
        # Split across two frames: the second part is broken again, and no space appears where
        # a line had ended (reportlab's split adds one after every line).
        first, rest = para.split(width, 3 * st.cell.leading)
        rest.wrap(width, 10_000)
        again = "".join(w.text for line in rest.blPara.lines for w in line.words)
        shown = "".join(w.text for line in first.blPara.lines for w in line.words) + again
        assert shown.replace(" ", "") == flat.replace(" ", "")
        assert shown.count(" ") == flat.count(" ")


def _vertical_rules(page: pdfplumber.page.Page) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of each vertical table rule on the page."""
    return [
        (line["x0"], line["top"], line["bottom"])
        for line in page.lines
        if abs(line["x0"] - line["x1"]) < 0.1
    ]


def _cell_lines(page: pdfplumber.page.Page) -> list[list[str]]:
    """The printed lines of each table column on the page, top to bottom: characters grouped by
    the column rules either side of them, then by their baseline."""
    rules = _vertical_rules(page)
    cells: dict[tuple[float, float, float], dict[float, list[dict[str, object]]]] = {}
    for char in page.chars:
        if char["text"] == " ":
            continue
        beside = [r for r in rules if r[1] <= char["top"] and char["bottom"] <= r[2]]
        left = [r for r in beside if r[0] <= char["x0"]]
        right = [r for r in beside if r[0] >= char["x1"]]
        if not left or not right:
            continue
        a, b = max(left), min(right)
        key = (round(a[0], 1), round(b[0], 1), round(max(a[1], b[1]), 1))
        cells.setdefault(key, {}).setdefault(round(char["top"], 1), []).append(char)
    out = []
    for rows in cells.values():
        out.append(
            [
                "".join(str(c["text"]) for c in sorted(chars, key=lambda c: c["x0"]))
                for _, chars in sorted(rows.items())
            ]
        )
    return out


def assert_no_glyph_outside_its_cell(path: Path, clear: float = 2.0) -> int:
    """No character of a table crosses or touches a column rule: each keeps ``clear`` points
    from every rule beside it. Returns how many characters were checked inside tables."""
    checked = 0
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rules = _vertical_rules(page)
            for char in page.chars:
                if char["size"] >= 60 or char["text"] == " ":
                    continue  # the watermark; a space is not a glyph
                beside = [
                    x for x, top, bottom in rules if top <= char["top"] and char["bottom"] <= bottom
                ]
                if not beside:
                    continue
                checked += 1
                for x in beside:
                    gap = min(abs(char["x0"] - x), abs(char["x1"] - x))
                    inside = char["x0"] < x < char["x1"]
                    assert not inside and gap >= clear, (number, char["text"], char["x0"], x)
    return checked


def _breaks_inside(text: str, ident: str) -> list[list[int]]:
    """For each occurrence of ``ident`` in ``text`` read across line ends, the offsets inside
    it where a line ends."""
    flat, where = [], []
    for index, char in enumerate(text):
        if char != "\n":
            flat.append(char)
            where.append(index)
    joined = "".join(flat)
    found = []
    for match in re.finditer(re.escape(ident), joined):
        start = where[match.start()]
        found.append(
            [
                k - match.start()
                for k in range(match.start() + 1, match.end())
                if where[k] != where[k - 1] + 1
            ]
        )
        assert text[start] == ident[0]
    return found


def _note_incident(workspace: Workspace, text: str) -> str:
    inc = workspace.incidents
    incident = inc.start("ransomware", "組版の確認", "山田 一郎", mode="drill")
    inc.complete_step(incident, "isolate", "山田 一郎", fields={"host": text}, note=text)
    inc.skip_step(incident, "report_manager", text, "山田 一郎")
    for _ in range(3):
        inc.note(incident, text, "山田 一郎")
    return incident


def test_a_record_full_of_long_japanese_keeps_every_glyph_in_its_cell(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = _note_incident(workspace, JAPANESE * 3)
    out = tmp_path / "record.pdf"
    render_record(load_record_data(workspace, incident), out)
    assert assert_no_glyph_outside_its_cell(out) > 3000
    with pdfplumber.open(str(out)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for ident in IDENTIFIERS:
        # The note: in the step table's cells and the timeline, each several times. Every
        # occurrence is whole on one line; the hash, wider than the timeline's column, breaks
        # only between groups of four.
        breaks = _breaks_inside(text, ident)
        assert len(breaks) >= 6, ident
        if ident == HASH:
            assert all(offset % 4 == 0 for found in breaks for offset in found), breaks
            assert any(found == [] for found in breaks)  # whole in the wider cells
        else:
            assert all(found == [] for found in breaks), (ident, breaks)


def test_cells_of_many_widths_keep_kinsoku_in_print(tmp_path: Path) -> None:
    """Paragraph cells and plain cells of many widths, read back line by line."""
    st = layout.styles()
    story = []
    widths = list(range(70, 240, 17))
    for width in widths:
        plain = wrap_lines(JAPANESE, width - 6, 8)
        story.append(layout.grid([[cell(JAPANESE, st), plain]], [width, width], header=False))
    out = tmp_path / "cells.pdf"
    furniture = layout.PageFurniture("組版", "", "試験")
    layout.build(out, story, furniture, title="cells")
    assert_no_glyph_outside_its_cell(out)
    lines_seen = 0
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            for lines in _cell_lines(page):
                lines_seen += len(lines)
                for line in lines:
                    assert line[-1] not in CANNOT_END or line.endswith(JAPANESE[-1]), line
                    assert line[0] not in CANNOT_START or line.startswith(JAPANESE[0]), line
    assert lines_seen > 100


def test_undrawable_characters_print_as_their_code_point(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    assert undrawable("メモ😀🔥😀\x1b本文") == ["😀", "🔥"]
    assert undrawable("本文だけ（ー）") == []
    assert substitute("火事🔥") == "火事〘U+1F525〙" and mark("😀") == "〘U+1F600〙"
    plain_text = "ログ確認"
    assert substitute(plain_text) is plain_text  # the usual case costs nothing
    assert layout.escape("a😀<b>") == "a〘U+1F600〙&lt;b&gt;"
    assert layout.fit("🔥" * 3, 500, 8) == "〘U+1F525〙" * 3

    inc = workspace.incidents
    incident = inc.start("ransomware", "絵文字の件名🔥", "山田 一郎", mode="drill")
    inc.complete_step(
        incident, "isolate", "山田 一郎", fields={"host": "PC-01"}, note="端末😀を隔離🔥"
    )
    inc.note(incident, "笑顔😀と炎🔥のメモ", "山田 一郎")
    out = tmp_path / "record.pdf"
    render_record(load_record_data(workspace, incident), out)
    glyphs = getFont(REGULAR).face.charToGlyph
    with pdfplumber.open(str(out)) as pdf:
        chars = [c["text"] for page in pdf.pages for c in page.chars]
        flat = "".join("".join(page.extract_text().split()) for page in pdf.pages)
        pages = len(pdf.pages)
        cells = ["".join(lines) for page in pdf.pages for lines in _cell_lines(page)]
    assert "😀" not in flat and "🔥" not in flat
    # No .notdef: every character set on the pages is in the embedded font.
    assert sorted({c for c in chars if c.strip() and not glyphs.get(ord(c))}) == []
    assert any("笑顔〘U+1F600〙と炎〘U+1F525〙のメモ" in c for c in cells)  # the timeline (plain)
    # the step table (a Paragraph) and the timeline
    assert sum("端末〘U+1F600〙を隔離〘U+1F525〙" in c for c in cells) >= 2
    assert "絵文字の件名〘U+1F525〙" in flat  # the cover, and each page header (fit)
    assert flat.count("絵文字の件名〘U+1F525〙") >= pages


def test_dates_for_people_carry_the_era_and_the_weekday() -> None:
    moment = datetime(2026, 12, 2, 5, 3, tzinfo=UTC)  # 14:03 JST, a Wednesday
    assert format_era_datetime(moment) == "令和8年12月2日（水）14:03"
    assert format_era_day_weekday(moment) == "令和8年12月2日（水）"
    # The day is the JST day: 23:30 UTC is already the next morning in Japan.
    assert format_era_datetime(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == (
        "令和8年12月2日（水）08:30"
    )
    assert format_era_day_weekday(date(2019, 5, 1)) == "令和元年5月1日（水）"
    assert format_era_day_weekday(date(2019, 4, 30)) == "平成31年4月30日（火）"
    assert format_era_day_weekday(date(2027, 1, 3)) == "令和9年1月3日（日）"
    with pytest.raises(ValueError):
        format_era_datetime(datetime(2026, 12, 2, 14, 3))  # naive: its zone is unknown

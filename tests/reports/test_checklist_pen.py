"""The blank checklist filled in with a pen: read back with pdfplumber, by what is drawn where.

Writing lines 8 mm apart, several where a sentence is expected; date blanks with the year and 12 mm
for each pair of digits; the incident number; a 経過記録 sheet and a call log of ruled rows 8 mm
high; a 対象外 box beside each condition; a tick box for each check item; the real sign-off, or the
exercise's on a drill copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from app.reports.checklist import DRILL_STAMP_ROLES, WRITE, render_checklist
from app.reports.facts import STAMP_ROLES
from app.reports.layout import MARGIN_LEFT
from app.services.contacts import install_example, load_contacts
from app.services.reports import write_checklist
from app.services.workspace import Workspace
from tests.reports.conftest import big_text_per_page, ransomware

MM = 72 / 25.4
# 8 mm, less what two coordinates written with two decimals can lose between them.
EIGHT_MM = 8 * MM - 0.02
TWO_DIGITS = 12 * MM - 0.02  # 6 mm a handwritten digit
UNITS = "年月日時分"

Obj = dict[str, Any]


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Workspace]]:
    """The ransomware checklist with the example contacts, printed once for the module."""
    root = tmp_path_factory.mktemp("pen")
    ws = Workspace(root / "data")
    try:
        install_example(ws.root)
        out = root / "paper.pdf"
        write_checklist(ws, "ransomware", out)
        yield out, ws
    finally:
        ws.close()


def _colour(obj: Obj) -> tuple[float, ...]:
    value = obj.get("stroking_color") or ()
    return tuple(round(float(x), 2) for x in value)


def writing_lines(page: Any) -> list[Obj]:
    want = tuple(round(x, 2) for x in (WRITE.red, WRITE.green, WRITE.blue))
    return [
        line
        for line in page.lines
        if abs(line["top"] - line["bottom"]) < 0.01 and _colour(line) == want
    ]


def grid_rules(page: Any) -> list[Obj]:
    """The table rules (drawn lines that are not writing lines)."""
    writing = {id(x) for x in writing_lines(page)}
    return [x for x in page.lines if id(x) not in writing]


def room_above(page: Any, line: Obj) -> float:
    """The free height above a writing line, over its length: up to the nearest character, rule,
    box or other line."""
    x0, x1 = line["x0"] + 0.5, line["x1"] - 0.5
    above = [
        obj["bottom"]
        for obj in [*page.chars, *page.lines, *page.rects]
        if obj["x1"] > x0 and obj["x0"] < x1 and obj["bottom"] < line["top"] - 0.01
    ]
    return float(line["top"] - max(above, default=0.0))


def find(page: Any, value: str) -> list[Obj]:
    return list(page.search(value, regex=False))


def key(value: str, others: Sequence[str], least: int = 12) -> str:
    """The shortest start of ``value``, of at least ``least`` characters, that starts none of
    ``others``: short enough to stay on the first line of its cell."""
    for end in range(least, len(value) + 1):
        if not any(o.startswith(value[:end]) for o in others if o != value):
            return value[:end]
    return value


def in_cell(page: Any, value: str) -> Obj:
    """The first ``value`` set at the top of a table cell (a header or a label, not the same
    words in a paragraph): a rule runs just above it."""
    rules = [x for x in grid_rules(page) if abs(x["top"] - x["bottom"]) < 0.01]
    return next(
        hit
        for hit in find(page, value)
        if any(0 < hit["top"] - r["top"] < 8 and r["x0"] <= hit["x0"] <= r["x1"] for r in rules)
    )


def band(objs: Sequence[Obj], top: float, bottom: float, x0: float, x1: float) -> list[Obj]:
    return [
        o for o in objs if top <= o["top"] < bottom and o["x0"] >= x0 - 0.5 and o["x1"] <= x1 + 0.5
    ]


def blanks_before_units(chars: Sequence[Obj], lines: Sequence[Obj]) -> list[tuple[str, float]]:
    """Each 年月日時分 in ``chars`` with the width of the writing line that ends at it (0 if
    none), in reading order."""
    out = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"]), c["x0"])):
        if char["text"] not in UNITS:
            continue
        ending = [
            x
            for x in lines
            if char["x0"] - 4 <= x["x1"] <= char["x0"] + 0.5 and 0 <= x["top"] - char["bottom"] <= 4
        ]
        out.append((char["text"], max((x["x1"] - x["x0"] for x in ending), default=0.0)))
    return out


def columns_at(page: Any, y: float) -> list[float]:
    """The x of the vertical rules crossing height ``y``: the cell borders of the row there."""
    xs = {
        round(x["x0"], 1)
        for x in grid_rules(page)
        if abs(x["x0"] - x["x1"]) < 0.01 and x["top"] - 0.5 <= y <= x["bottom"] + 0.5
    }
    return sorted(xs)


def squares(page: Any) -> list[Obj]:
    """The drawn tick boxes: stroked squares of 3.5 to 5 mm."""
    return [
        r
        for r in page.rects
        if r["stroke"] and 3.5 * MM <= r["width"] <= 5 * MM and abs(r["width"] - r["height"]) < 0.5
    ]


def text_of(page: Any) -> str:
    return "".join((page.extract_text() or "").split())


def test_every_writing_line_has_8_mm_free_above_it(paper: tuple[Path, Workspace]) -> None:
    out, _ = paper
    with pdfplumber.open(str(out)) as pdf:
        counted = 0
        for page in pdf.pages:
            for line in writing_lines(page):
                counted += 1
                room = room_above(page, line)
                assert room >= EIGHT_MM, (page.page_number, line["x0"], line["top"], room / MM)
        assert counted > 300  # every field, memo, date and step time is a drawn line


def _area(page: Any, word: Obj) -> list[Obj]:
    """The writing lines of the area whose label ends with ``word``: the line after it on its
    row (or under it, a label too long to share its row), then each one 8 mm under the last."""
    lines = writing_lines(page)
    after = [x for x in lines if x["x0"] >= word["x1"] - 1 and 0 <= x["top"] - word["bottom"] <= 4]
    under = [x for x in lines if 0 < x["top"] - word["bottom"] <= 8 * MM + 4]
    first = min(after or under, key=lambda x: (x["top"], x["x0"]))
    area = [first]
    while True:
        below = [
            x
            for x in lines
            if EIGHT_MM <= x["top"] - area[-1]["top"] <= 8 * MM + 1
            and abs(x["x1"] - first["x1"]) < 1
        ]
        if not below:
            return area
        area.append(min(below, key=lambda x: x["top"]))


def test_a_sentence_gets_several_lines(paper: tuple[Path, Workspace]) -> None:
    out, ws = paper
    plan = ransomware(ws)
    multiline = {f.label.ja for s in plan.steps() for f in s.fields if f.type == "multiline"}
    assert {"参集者", "影響のある範囲"} <= multiline
    seen: set[str] = set()
    memos = 0
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            for label in multiline:
                for word in find(page, f"{label[-8:]}:"):  # a long label wraps: its end
                    seen.add(label)
                    assert len(_area(page, word)) >= 3, label
            for word in find(page, "省略・メモ:"):
                memos += 1
                lines = writing_lines(page)
                first = [x for x in lines if 0 <= x["top"] - word["bottom"] <= 4]
                below = [x for x in lines if EIGHT_MM <= x["top"] - word["bottom"] <= 8 * MM + 5]
                assert first and below, (page.page_number, word["top"])  # two lines
        assert seen == multiline
        assert memos == len(list(plan.steps()))
        first_page = pdf.pages[0]
        subject, kind = in_cell(first_page, "件名"), in_cell(first_page, "種別")
        rows = band(writing_lines(first_page), subject["top"], kind["top"], subject["x1"], 1e4)
        assert len(rows) >= 2  # 件名 is a sentence too


def test_date_blanks_have_the_year_and_room_for_two_digits(paper: tuple[Path, Workspace]) -> None:
    out, _ = paper
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        for label, following in (("認知時刻", "宣言時刻"), ("宣言時刻", "記入者")):
            start, end = in_cell(page, label), in_cell(page, following)
            # Right of the label column (28 mm), whatever the label's own lines are.
            chars = band(page.chars, start["top"], end["top"], MARGIN_LEFT + 28 * MM + 1, 1e4)
            assert "".join(c["text"] for c in chars) == "令和年月日時分", label
            guide = blanks_before_units(chars, writing_lines(page))
            assert [u for u, _ in guide] == list(UNITS)
            assert all(w >= TWO_DIGITS for _, w in guide), (label, [w / MM for _, w in guide])


def _cell_guides(page: Any, top: float, cells: Sequence[int]) -> list[list[tuple[str, float]]]:
    """The date guides in ``cells`` (0 the leftmost) of the row whose text starts at ``top``."""
    xs = columns_at(page, top + 5)
    rules = [x for x in grid_rules(page) if abs(x["top"] - x["bottom"]) < 0.01]
    out = []
    for left, right in (xs[n : n + 2] for n in cells):
        under = [r["top"] for r in rules if r["top"] > top + 2 and r["x0"] <= left + 0.5 <= r["x1"]]
        foot = min(under, default=page.height)  # the cell's bottom rule
        lines = band(writing_lines(page), top - 4, foot, left, right)
        chars = [  # on a writing row: not a caption over the guide
            c
            for c in band(page.chars, top - 4, foot, left, right)
            if any(0 <= x["top"] - c["bottom"] <= 4 for x in lines)
        ]
        if "令" in "".join(c["text"] for c in chars):
            out.append(blanks_before_units(chars, lines))
    return out


def test_each_step_s_time_cell_is_a_dated_guide(paper: tuple[Path, Workspace]) -> None:
    out, ws = paper
    plan = ransomware(ws)
    with pdfplumber.open(str(out)) as pdf:
        for number, step in enumerate(plan.steps(), start=1):
            key = f"{number}. {step.title.ja[:6]}"
            page, head = next((p, hit) for p in pdf.pages for hit in find(p, key))
            guides = _cell_guides(page, head["top"], [2])  # ✓, 手順, 時刻, 氏名
            assert len(guides) == 1, (number, guides)
            assert [u for u, _ in guides[0]] == list(UNITS), number
            assert all(w >= TWO_DIGITS for _, w in guides[0]), number


def test_deadlines_and_decisions_have_dated_time_cells(paper: tuple[Path, Workspace]) -> None:
    out, ws = paper
    plan = ransomware(ws)
    with pdfplumber.open(str(out)) as pdf:
        titles = [d.title.ja for d in plan.deadlines]
        for deadline in plan.deadlines:
            title = key(deadline.title.ja, titles)
            page = next(p for p in pdf.pages if find(p, title) and find(p, "起点時刻"))
            guides = _cell_guides(page, find(page, title)[0]["top"], [1, 2, 3])
            assert len(guides) == 3, deadline.id  # 起点時刻, 期日, 完了時刻
            for guide in guides:
                assert [u for u, _ in guide] == list(UNITS) and min(
                    w for _, w in guide
                ) >= TWO_DIGITS
        for decision in plan.decisions:
            ask = key(decision.ask.ja, [d.ask.ja for d in plan.decisions], 14)
            page = next(p for p in pdf.pages if find(p, ask))  # the decisions come first
            guides = _cell_guides(page, find(page, ask)[0]["top"], [2])
            assert len(guides) == 1 and [u for u, _ in guides[0]] == list(UNITS), decision.id


def _ruled_rows(page: Any, header: Obj) -> list[tuple[float, float]]:
    """The (top, bottom) of each ruled row under a table header."""
    rules = grid_rules(page)
    left = max(x["x0"] for x in rules if abs(x["x0"] - x["x1"]) < 0.01 and x["x0"] < header["x0"])
    frame = [x for x in rules if abs(x["x0"] - left) < 0.1 and abs(x["x0"] - x["x1"]) < 0.01]
    bottom = max(x["bottom"] for x in frame)  # the table's left rule ends at its foot
    full = sorted(
        {
            round(x["top"], 2)
            for x in rules
            if abs(x["top"] - x["bottom"]) < 0.01
            and header["bottom"] < x["top"] <= bottom + 0.1
            and x["x0"] <= left + 0.1
        }
    )
    return list(zip(full, full[1:], strict=False))


def _heights(rows: Sequence[tuple[float, float]]) -> list[float]:
    return [b - a for a, b in rows]


def _number_row(page: Any) -> tuple[list[float], list[tuple[str, float]]]:
    """On the row of インシデント番号: the widths of the number's two blanks, and any date
    units with their blanks (the year of a log sheet)."""
    word = find(page, "インシデント番号")[0]
    near = [
        x
        for x in writing_lines(page)
        if x["x0"] >= word["x1"] - 1 and 0 <= x["top"] - word["bottom"] <= 8 * MM + 4
    ]
    row = min(x["top"] for x in near)  # beside the label, or under it in a labelled cell
    lines = [x for x in near if abs(x["top"] - row) < 0.5]
    chars = [c for c in page.chars if 0 <= row - c["bottom"] <= 4 and c["x0"] >= word["x1"] - 1]
    widths = [x["x1"] - x["x0"] for x in sorted(lines, key=lambda x: x["x0"])][:2]
    return widths, blanks_before_units(chars, lines)


def test_the_log_sheet_has_a_day_of_dated_rows(paper: tuple[Path, Workspace]) -> None:
    out, _ = paper
    with pdfplumber.open(str(out)) as pdf:
        sheets = [p for p in pdf.pages if find(p, "経過記録（")]
        assert len(sheets) >= 2
        rows = 0
        for page in sheets:
            heads = [in_cell(page, w) for w in ("時刻", "内容", "記入者")]
            assert len({round(h["top"]) for h in heads}) == 1  # one header row
            assert heads[0]["x0"] < heads[1]["x0"] < heads[2]["x0"]
            table = _ruled_rows(page, heads[0])
            heights = _heights(table)
            assert len(heights) >= 25 and min(heights) >= EIGHT_MM, (len(heights), min(heights))
            rows += len(heights)
            # The time column: 月日時分 with 12 mm before each, in every row.
            content = heads[1]["x0"] - 3
            xs = columns_at(page, heads[0]["bottom"] + 10 * MM)
            left = max(x for x in xs if x < content - 10)
            for top, bottom in table:
                chars = sorted(band(page.chars, top, bottom, left, content), key=lambda c: c["x0"])
                assert "".join(c["text"] for c in chars) == "月日時分"
                edges = [left, *(c["x1"] for c in chars)]
                assert all(c["x0"] - e >= TWO_DIGITS for c, e in zip(chars, edges, strict=False))
            # The number and the year, on each page of the sheet.
            number, year = _number_row(page)
            assert len(number) == 2 and min(number) >= 24 * MM - 0.02  # 2026-0001
            assert [u for u, _ in year] == ["年"] and year[0][1] >= TWO_DIGITS
        assert rows >= 50  # two pages of rows: a day


def test_the_contact_sheet_has_a_call_log(paper: tuple[Path, Workspace]) -> None:
    out, _ = paper
    with pdfplumber.open(str(out)) as pdf:
        pages = [p.page_number for p in pdf.pages if find(p, "連絡先一覧")]
        logs = [p for p in pdf.pages if find(p, "連絡記録（")]
        assert pages and logs and logs[0].page_number > pages[0]
        page = logs[0]
        heads = [in_cell(page, w) for w in ("連絡時刻", "相手", "結果")]
        assert len({round(h["top"]) for h in heads}) == 1
        assert heads[0]["x0"] < heads[1]["x0"] < heads[2]["x0"]
        heights = _heights(_ruled_rows(page, heads[0]))
        assert len(heights) >= 20 and min(heights) >= EIGHT_MM
        number, year = _number_row(page)
        assert len(number) == 2 and min(number) >= 24 * MM - 0.02
        assert [u for u, _ in year] == ["年"] and year[0][1] >= TWO_DIGITS


def test_the_first_page_has_the_incident_number_and_the_stamp_block(
    paper: tuple[Path, Workspace],
) -> None:
    out, _ = paper
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        number, _ = _number_row(page)
        assert len(number) == 2 and min(number) >= 24 * MM - 0.02  # 2026-0001: 4 digits a side
        assert _stamp_row(page) == "".join(STAMP_ROLES)


def _stamp_row(page: Any) -> str:
    """The labels of the 決裁欄, left to right."""
    head = (find(page, "決裁欄") or find(page, "訓練評価欄"))[0]
    below = [c for c in page.chars if c["top"] > head["bottom"]]
    first = min(below, key=lambda c: c["top"])
    row = [c for c in below if abs(c["top"] - first["top"]) < 1]
    return "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))


@pytest.mark.parametrize(("mode", "mark"), [("drill", "訓練"), ("tabletop", "机上訓練")])
def test_an_exercise_copy_has_the_exercise_s_sign_off_and_mark(
    paper: tuple[Path, Workspace], tmp_path: Path, mode: str, mark: str
) -> None:
    real, ws = paper
    out = tmp_path / f"{mode}.pdf"
    render_checklist(ws.library.get("ransomware"), load_contacts(ws.root), out, mode)
    with pdfplumber.open(str(out)) as pdf:
        assert _stamp_row(pdf.pages[0]) == "".join(DRILL_STAMP_ROLES) == "評価者訓練統括作成者"
        assert f"対応チェックリスト（{mark}用）" in text_of(pdf.pages[0])
    assert set(big_text_per_page(out)) == {mark}  # on every page
    assert set(big_text_per_page(real)) == {""}
    with pdfplumber.open(str(real)) as pdf:
        assert "評価者" not in text_of(pdf.pages[0])


def test_an_unknown_mode_is_refused(paper: tuple[Path, Workspace], tmp_path: Path) -> None:
    _, ws = paper
    with pytest.raises(ValueError, match="mode"):
        render_checklist(ws.library.get("ransomware"), load_contacts(ws.root), tmp_path / "x", "x")


def test_a_conditional_step_has_a_not_applicable_box_beside_its_condition(
    paper: tuple[Path, Workspace],
) -> None:
    out, ws = paper
    plan = ransomware(ws)
    steps = list(plan.steps())
    assert len([s for s in steps if s.when]) >= 3
    # In the order of reading: each step's title, and each 対象外 box with a condition beside it.
    marks: list[tuple[int, float, str]] = []
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            n = page.page_number
            for number, step in enumerate(steps, start=1):
                marks += [
                    (n, h["top"], f"step {number}")
                    for h in find(page, f"{number}. {step.title.ja[:6]}")
                ]
            marks += [(n, h["top"], "deadlines") for h in find(page, "期限（記入用）")]
            for word in find(page, "対象外"):
                condition = [
                    w
                    for w in find(page, "実施条件:") + find(page, "適用:")
                    if abs(w["top"] - word["top"]) < 2 and 0 < w["x0"] - word["x1"] < 10 * MM
                ]
                if not condition:
                    continue  # the word in the instructions
                box = [
                    r
                    for r in squares(page)
                    if 0 <= word["x0"] - r["x1"] <= 3 * MM
                    and r["top"] <= word["bottom"]
                    and r["bottom"] >= word["top"]
                ]
                assert len(box) == 1, (n, word["top"])  # a box to tick, just left of the word
                marks.append((n, word["top"], "box"))
    marks.sort()
    owner = ""
    boxes: dict[str, int] = {}
    for _, _, what in marks:
        if what == "box":
            boxes[owner] = boxes.get(owner, 0) + 1
        else:
            owner = what
    conditional = {f"step {n}": 1 for n, s in enumerate(steps, start=1) if s.when}
    assert {k: v for k, v in boxes.items() if k != "deadlines"} == conditional
    assert boxes.get("deadlines") == len([d for d in plan.deadlines if d.when])


def test_each_check_item_has_a_tick_box(paper: tuple[Path, Workspace]) -> None:
    out, ws = paper
    plan = ransomware(ws)
    items = [c.text.ja for s in plan.steps() for c in s.checks]
    assert len(items) >= 20
    with pdfplumber.open(str(out)) as pdf:
        flat = "".join(text_of(p) for p in pdf.pages)
        ticked = 0
        for item in items:
            start = item[:8]
            hits = [(p, h) for p in pdf.pages for h in find(p, start)]
            assert hits, item
            for page, hit in hits:
                box = [
                    r
                    for r in squares(page)
                    if 0 <= hit["x0"] - r["x1"] <= 4 * MM
                    and r["top"] <= hit["bottom"]
                    and r["bottom"] >= hit["top"]
                ]
                if box:
                    ticked += 1
                    break
            assert f"□{''.join(item.split())}" not in flat  # a drawn box, not a glyph
        assert ticked == len(items)


def test_without_contacts_the_rows_to_fill_in_are_8_mm_high(
    paper: tuple[Path, Workspace], tmp_path: Path
) -> None:
    from app.domain.contacts import Contacts

    _, ws = paper
    out = tmp_path / "blank.pdf"
    render_checklist(ws.library.get("ransomware"), Contacts(), out)
    with pdfplumber.open(str(out)) as pdf:
        people = next(p for p in pdf.pages if find(p, "連絡先一覧"))
        # The holders and deputies: rows to write a name and numbers in.
        heights = _heights(_ruled_rows(people, in_cell(people, "氏名")))
        assert len(heights) >= 2 * 11 and min(heights) >= EIGHT_MM  # 正 and 代行1, each role
        bodies = next(p for p in pdf.pages if find(p, "外部機関"))
        heading = find(bodies, "外部機関")[0]
        head = next(h for h in find(bodies, "電話") if h["top"] > heading["bottom"])
        heights = _heights(_ruled_rows(bodies, head))
        assert len(heights) >= 6 and min(heights) >= EIGHT_MM

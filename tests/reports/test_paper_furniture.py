"""Paper that binds and verifies (issue 11, point 6): a binding margin of at least 20 mm on the
left, the footer at least 10 mm from the bottom edge, and the chain head on every page both in
groups of four and as a QR code that decodes to it. Also the stamp block for a drill's few roles.

Read back from the PDF: pdfplumber for where every mark is set, pypdfium2 and zxing-cpp for the
QR code as a scanner would see the printed page.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
import zxingcpp
from reportlab.lib.units import mm

from app.domain.contacts import Contacts
from app.reports import layout
from app.reports.checklist import render_checklist
from app.reports.layout import MARGIN_LEFT, MARGIN_RIGHT, PAGE_W, QR_SIZE, group_hex
from app.reports.record import render_record
from app.services.reports import load_record_data
from app.services.workspace import Workspace

TOLERANCE = 0.05  # points


def _record(workspace: Workspace, incident: str, tmp_path: Path) -> tuple[Path, str]:
    data = load_record_data(workspace, incident)
    out = tmp_path / "record.pdf"
    render_record(data, out)
    return out, data.state.head


def _marks(page: pdfplumber.page.Page) -> list[tuple[str, dict[str, float]]]:
    """Everything set on the page but the watermark: characters, rules, boxes, QR modules."""
    marks: list[tuple[str, dict[str, float]]] = [
        (c["text"], c) for c in page.chars if c["size"] < 60 and c["text"] != " "
    ]
    marks += [("line", x) for x in page.lines]
    marks += [("rect", x) for x in page.rects]
    marks += [("curve", x) for x in page.curves]
    return marks


def assert_binding_margins(path: Path) -> int:
    with pdfplumber.open(str(path)) as pdf:
        count = 0
        for number, page in enumerate(pdf.pages, start=1):
            for what, mark in _marks(page):
                count += 1
                assert mark["x0"] >= MARGIN_LEFT - TOLERANCE, (number, what, mark["x0"] / mm)
                assert mark["x0"] >= 20 * mm - TOLERANCE, (number, what)
                assert mark["x1"] <= PAGE_W - MARGIN_RIGHT + TOLERANCE, (number, what)
                from_bottom = page.height - mark["bottom"]
                assert from_bottom >= 10 * mm - TOLERANCE, (number, what, from_bottom / mm)
        return count


def test_the_record_binds_on_the_left_and_keeps_the_footer_off_the_edge(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    out, _ = _record(workspace, drill, tmp_path)
    assert assert_binding_margins(out) > 1000
    # The content starts right at the binding margin: the tables' left rules are there.
    with pdfplumber.open(str(out)) as pdf:
        lefts = [x["x0"] for page in pdf.pages for x in page.lines]
        assert min(lefts) == pytest.approx(MARGIN_LEFT, abs=0.5)
        # The lowest mark on each page is the footer's, 10 mm (and no more than 11 mm) up.
        for page in pdf.pages:
            lowest = max(mark["bottom"] for _, mark in _marks(page))
            assert 10 * mm - TOLERANCE <= page.height - lowest <= 11 * mm


def test_the_blank_checklist_binds_too(workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "paper.pdf"
    render_checklist(workspace.library.get("ransomware"), Contacts(), out)
    assert assert_binding_margins(out) > 1000


def test_the_head_is_in_groups_of_four_on_every_page(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    out, head = _record(workspace, drill, tmp_path)
    grouped = group_hex(head)
    heads = grouped.split()
    assert len(grouped) == 79 and heads == [head[i : i + 4] for i in range(0, 64, 4)]
    with pdfplumber.open(str(out)) as pdf:
        assert len(pdf.pages) >= 3
        for number, page in enumerate(pdf.pages, start=1):
            lines = page.extract_text_lines()
            grouped_lines = [x for x in lines if x["text"].split() == ["チェーン先頭", *heads]]
            # one line of its own at the foot of the page, large enough to type from
            found = [x for x in grouped_lines if page.height - x["bottom"] < 12 * mm]
            assert len(found) == 1, (number, [x["text"] for x in lines[-3:]])
            assert min(c["size"] for c in found[0]["chars"]) >= 7.9


def _qr_codes(path: Path, dpi: int = 200) -> list[list[tuple[str, tuple[float, float]]]]:
    """Per page, the QR codes a scanner reads on it: (text, centre as a fraction of the page)."""
    pages = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            image = page.render(scale=dpi / 72).to_pil()
            found = []
            for code in zxingcpp.read_barcodes(image):
                if code.format != zxingcpp.BarcodeFormat.QRCode:
                    continue
                corners = (code.position.top_left, code.position.bottom_right)
                x = sum(p.x for p in corners) / 2 / image.width
                y = sum(p.y for p in corners) / 2 / image.height
                found.append((code.text, (x, y)))
            pages.append(found)
    finally:
        pdf.close()
    return pages


def test_every_page_carries_a_qr_code_of_the_head(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    out, head = _record(workspace, drill, tmp_path)
    pages = _qr_codes(out)
    assert len(pages) >= 3
    for number, found in enumerate(pages, start=1):
        assert [text for text, _ in found] == [head], number  # exactly the head, nothing more
        x, y = found[0][1]
        assert x > 0.85 and y > 0.9, (number, x, y)  # the bottom right corner
    # Drawn as vector rectangles, 12 mm square, clear of all text by its quiet zone.
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            modules = [r for r in page.rects if r["height"] < 1 * mm and r["fill"]]
            x0 = min(r["x0"] for r in modules)
            x1 = max(r["x1"] for r in modules)
            top = min(r["top"] for r in modules)
            bottom = max(r["bottom"] for r in modules)
            assert x1 - x0 == pytest.approx(QR_SIZE, abs=0.5)
            assert bottom - top == pytest.approx(QR_SIZE, abs=0.5)
            assert x1 == pytest.approx(PAGE_W - MARGIN_RIGHT, abs=0.5)
            quiet = 4 * QR_SIZE / 37
            for char in page.chars:
                if char["size"] >= 60:
                    continue
                apart = (
                    char["x1"] <= x0 - quiet
                    or char["bottom"] <= top - quiet
                    or char["top"] >= bottom + quiet
                )
                assert apart, char["text"]


def test_a_page_without_a_head_has_no_qr_code_and_keeps_the_old_footer(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    st = layout.styles()
    story = [layout.cell("本文" * 400, st)]
    layout.build(out, story, layout.PageFurniture("見出し", "右", "計画 x 第1版"), title="t")
    assert all(found == [] for found in _qr_codes(out))
    with pdfplumber.open(str(out)) as pdf:
        assert "チェーン先頭" not in pdf.pages[0].extract_text()


@pytest.mark.parametrize(
    "roles",
    [("評価者", "訓練統括"), ("評価者", "訓練統括", "作成者"), ("統括情報セキュリティ責任者",)],
)
def test_a_stamp_block_of_two_or_three_boxes(roles: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "stamps.pdf"
    st = layout.styles()
    story = [layout.stamp_boxes(st, roles, title="訓練評価欄")]
    layout.build(out, story, layout.PageFurniture("", "", ""), title="t")
    with pdfplumber.open(str(out)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        assert "訓練評価欄" in text and "決裁欄" not in text
        rules = sorted({round(x["x0"], 1) for x in page.lines if abs(x["x0"] - x["x1"]) < 0.1})
        assert len(rules) == len(roles) + 1  # one box per role
        assert rules[-1] == pytest.approx(PAGE_W - MARGIN_RIGHT, abs=0.5)  # against the margin
        for role, left, right in zip(roles, rules, rules[1:], strict=False):
            words = page.search(role)
            assert len(words) == 1, role
            word = words[0]
            assert left < word["x0"] and word["x1"] < right, role  # the label within its box
            middle = (word["x0"] + word["x1"]) / 2
            assert middle == pytest.approx((left + right) / 2, abs=1.5), role
            assert right - left >= 30 * mm  # room for a seal
        assert text.count("令和") == len(roles)  # a date line under each

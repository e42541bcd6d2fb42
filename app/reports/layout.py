"""The page furniture every printed record shares: A4, styles, header and footer, watermark,
"page X / Y", stamp boxes, tick boxes and tables set in the embedded Japanese font.

"Page X / Y" without a second layout pass: each page draws a reference to a PDF form that the
canvas fills with the page count just before saving. A second pass would double the time of a
20,000-entry record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import KeepTogether

from app.domain.visible import CLOSE, OPEN, for_screen
from app.errors import SonaeError
from app.i18n import msg
from app.reports.facts import STAMP_ROLES
from app.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 16 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
FOOTER_SIZE = 6.5
_TOTAL_FORM = "sonaePageTotal"

GRID = colors.Color(0.55, 0.55, 0.55)
HEAD_BG = colors.Color(0.90, 0.92, 0.95)
WATERMARK_GRAY = colors.Color(0.86, 0.86, 0.86)
CONFIRM_RED = colors.Color(0.75, 0.1, 0.1)
# Japanese line-breaking rules (禁則処理), as reportlab applies them to CJK paragraphs, and the
# brackets of a control character's mark (〘ESC〙) like any other bracket.
CANNOT_START = frozenset(ALL_CANNOT_START) | {CLOSE}
CANNOT_END = frozenset(ALL_CANNOT_END) | {OPEN}


def escape(text: object) -> str:
    """Text for a Paragraph: control and bidi characters marked (the record shows what was
    written, not what it would display as), markup characters escaped, line breaks kept."""
    value = for_screen(str(text), multiline=True)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\n", "<br/>")


def plain(text: str) -> str:
    """Text set without a Paragraph (table cells, canvas strings), marked line by line: a tab is
    marked too, as the font has no glyph for it."""
    return "\n".join(for_screen(line) for line in text.split("\n"))


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    center: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=14, wordWrap="CJK")
    return Styles(
        title=ParagraphStyle("title", body, fontName=BOLD, fontSize=17, leading=23, spaceAfter=4),
        h1=ParagraphStyle(
            "h1",
            body,
            fontName=BOLD,
            fontSize=12.5,
            leading=17,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h2=ParagraphStyle(
            "h2",
            body,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        body=body,
        small=ParagraphStyle("small", body, fontSize=7.5, leading=10),
        cell=ParagraphStyle("cell", body, fontSize=8, leading=10.5),
        cell_bold=ParagraphStyle("cell_bold", body, fontName=BOLD, fontSize=8, leading=10.5),
        center=ParagraphStyle("center", body, fontSize=7.5, leading=9.5, alignment=TA_CENTER),
    )


def grid_style(header: bool = True, size: float = 8, padding: float = 2.5) -> list[Any]:
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, size),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("FONT", (0, 0), (-1, 0), BOLD, size),
        ]
    return style


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    header: bool = True,
    extra: Sequence[Any] = (),
) -> Table:
    """A ruled table whose header repeats when it runs onto the next page."""
    table = Table(
        [[plain(c) if isinstance(c, str) else c for c in r] for r in rows],
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(TableStyle([*grid_style(header), *extra]))
    return table


def label_table(pairs: Sequence[tuple[str, Any]], st: Styles, label_w: float = 34 * mm) -> Table:
    """Label / value rows (the cover block)."""
    rows = [
        [Paragraph(escape(k), st.cell_bold), v if isinstance(v, Flowable) else cell(v, st)]
        for k, v in pairs
    ]
    return grid(
        rows,
        [label_w, CONTENT_W - label_w],
        header=False,
        extra=[("BACKGROUND", (0, 0), (0, -1), HEAD_BG)],
    )


def cell(text: object, st: Styles) -> Paragraph:
    return Paragraph(escape(text), st.cell)


def confirm_mark(text: str) -> str:
    """Paragraph markup for an item the city must check against its own rules (要確認)."""
    return f'<font color="#bf1a1a"><b>【要確認】</b>{escape(text)}</font>'


def wrap_lines(text: str, width: float, size: float) -> str:
    """Break ``text`` into lines no wider than ``width`` for a plain (non-Paragraph) table cell.

    Plain strings keep a 20,000-row timeline as cheap as a bare table; Japanese breaks between any
    two characters, so a character-level break is the right rule here, with the usual line-break
    rules (禁則): a line never starts with 、。）」 and the like, nor ends with 「（ and the like.
    """
    out = []
    for line in plain(text).split("\n"):
        if stringWidth(line, REGULAR, size) <= width:
            out.append(line)
            continue
        current: list[str] = []
        used = 0.0
        for char in line:
            w = stringWidth(char, REGULAR, size)
            if current and used + w > width:
                keep = _break_point(current, char)
                out.append("".join(current[:keep]))
                current = current[keep:]
                used = sum(stringWidth(c, REGULAR, size) for c in current)
            current.append(char)
            used += w
        out.append("".join(current))
    return "\n".join(out)


def fit(text: str, width: float, size: float) -> str:
    """``text`` on one line of ``width``, cut short with … if it is longer (headers, chart labels)."""
    text = for_screen(text)
    if stringWidth(text, REGULAR, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", REGULAR, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def _break_point(current: list[str], following: str) -> int:
    """How many characters of ``current`` stay on the line so that the break obeys 禁則.

    Pushes at most a few characters down; a run of punctuation longer than that breaks anyway.
    """
    for keep in range(len(current), max(0, len(current) - 4), -1):
        starts = current[keep] if keep < len(current) else following
        if starts not in CANNOT_START and current[keep - 1] not in CANNOT_END:
            return keep
    return len(current)


class TickBox(Flowable):
    """An empty square to tick by hand (drawn, not a glyph, so it can never print as tofu)."""

    def __init__(self, size: float = 4 * mm) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


# One printed line of choices: (x, whether a tick box starts here, text).
_ChoiceLine = list[tuple[float, bool, str]]


class ChoiceBoxes(Flowable):
    """☐ はい  ☐ いいえ  ☐ 不明: one tick box per choice, on as many lines as the width needs
    (a plan's own choice labels can be of any length), split across pages like text."""

    def __init__(
        self, labels: Sequence[str], size: float = 9, lines: list[_ChoiceLine] | None = None
    ) -> None:
        super().__init__()
        self.labels = list(labels)
        self.size = size
        self.box = size * 0.95
        self.gap = 12
        self.line_h = size * 1.4
        self.natural_w = sum(
            self.box + 4 + stringWidth(plain(t), REGULAR, size) + self.gap for t in labels
        )
        self._fixed = lines is not None  # a part of a split keeps its lines
        self._lines: list[_ChoiceLine] = lines or []
        self.width, self.height = self.natural_w, self.line_h * max(1, len(self._lines))

    def _layout(self, avail: float) -> list[_ChoiceLine]:
        lines: list[_ChoiceLine] = [[]]
        x = 0.0
        room = max(avail - self.box - 4, self.size)
        for label in self.labels:
            parts = wrap_lines(label, room, self.size).split("\n")
            need = self.box + 4 + max(stringWidth(t, REGULAR, self.size) for t in parts)
            if x and x + need > avail:
                lines.append([])
                x = 0.0
            lines[-1].append((x, True, parts[0]))
            lines.extend([(x, False, more)] for more in parts[1:])
            if len(parts) > 1:
                lines.append([])
                x = 0.0
            else:
                x += need + self.gap
        return [line for line in lines if line]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if not self._fixed:
            self._lines = self._layout(availWidth)
        self.width = min(self.natural_w, availWidth)
        self.height = len(self._lines) * self.line_h
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        keep = int(availHeight // self.line_h)
        if keep < 1 or keep >= len(self._lines):
            return []
        return [
            ChoiceBoxes(self.labels, self.size, self._lines[:keep]),
            ChoiceBoxes(self.labels, self.size, self._lines[keep:]),
        ]

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.setFont(REGULAR, self.size)
        for number, line in enumerate(self._lines):
            base = self.height - (number + 1) * self.line_h
            for x, box, text in line:
                if box:
                    self.canv.rect(x, base + 1, self.box, self.box)
                self.canv.drawString(x + self.box + 4, base + 2, text)


def stamp_boxes(st: Styles, roles: Sequence[str] = STAMP_ROLES) -> Flowable:
    """The approval block (決裁欄): one box per role, label above and a date line below."""
    box_w = 37 * mm  # the longest label, 統括情報セキュリティ責任者, on one line
    labels = [Paragraph(escape(r), st.center) for r in roles]
    stamps = ["" for _ in roles]
    dates = ["令和　 年　 月　 日" for _ in roles]
    table = Table(
        [labels, stamps, dates],
        colWidths=[box_w] * len(roles),
        rowHeights=[6 * mm, 24 * mm, 6 * mm],
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 7),
                ("GRID", (0, 0), (-1, -1), 0.7, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("ALIGN", (0, 2), (-1, 2), "CENTER"),
                ("VALIGN", (0, 2), (-1, 2), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return KeepTogether([Paragraph("決裁欄", st.h2), table])


def fill_line(width: float = 40 * mm) -> str:
    """A blank to write on, as a Paragraph fragment."""
    return "＿" * max(1, int(width / 8))


@dataclass(frozen=True)
class PageFurniture:
    """What is printed on every page besides the flow of content."""

    header_left: str
    header_right: str
    footer_left: str  # e.g. entry count and chain head hash
    watermark: str = ""


class _CountingCanvas(Canvas):
    """A canvas that writes the page total into a form that every page already refers to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = REGULAR  # no unembedded Helvetica resource
        super().__init__(*args, **kwargs)

    def save(self) -> None:
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.drawString(0, 0, str(self._pageNumber - 1))
        self.endForm()
        super().save()


def _draw_page(canvas: Canvas, doc: BaseDocTemplate, furniture: PageFurniture) -> None:
    canvas.saveState()
    if furniture.watermark:
        canvas.setFillColor(WATERMARK_GRAY)
        size = 150 if len(furniture.watermark) <= 2 else 110
        canvas.setFont(BOLD, size)
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, -size / 3, furniture.watermark)
        canvas.rotate(-35)
        canvas.translate(-PAGE_W / 2, -PAGE_H / 2)
    canvas.setFillColor(colors.black)
    canvas.setFont(REGULAR, 7.5)
    top = PAGE_H - MARGIN_TOP + 5 * mm
    right_w = stringWidth(furniture.header_right, REGULAR, 7.5)
    canvas.drawString(MARGIN_X, top, fit(furniture.header_left, CONTENT_W - right_w - 12, 7.5))
    canvas.drawRightString(PAGE_W - MARGIN_X, top, furniture.header_right)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_X, top - 2, PAGE_W - MARGIN_X, top - 2)
    bottom = MARGIN_BOTTOM - 8 * mm
    canvas.line(MARGIN_X, bottom + 8, PAGE_W - MARGIN_X, bottom + 8)
    canvas.setFont(REGULAR, FOOTER_SIZE)
    canvas.drawString(MARGIN_X, bottom, furniture.footer_left)
    page = f"ページ {doc.page} / "
    # Room for a five-digit total after the slash; the form holds the number itself.
    x = PAGE_W - MARGIN_X - stringWidth(page + "00000", REGULAR, FOOTER_SIZE)
    canvas.drawString(x, bottom, page)
    canvas.translate(x + stringWidth(page, REGULAR, FOOTER_SIZE), bottom)
    canvas.doForm(_TOTAL_FORM)
    canvas.restoreState()


def build(
    out: str | Path | IO[bytes],
    story: list[Flowable],
    furniture: PageFurniture,
    title: str,
    subject: str = "",
) -> None:
    """Lay out ``story`` on A4 with the shared furniture. ``invariant`` fixes the creation date and
    document id, so the same input gives the same bytes."""
    register_fonts()
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=for_screen(title),  # shown in the viewer's title bar
        subject=for_screen(subject),
        author="Sonae",
        creator="Sonae",
        invariant=1,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_W,
        FRAME_H,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def on_page(canvas: Canvas, document: BaseDocTemplate) -> None:
        _draw_page(canvas, document, furniture)

    doc.addPageTemplates([PageTemplate("page", [frame], onPage=on_page)])
    doc.build(story, canvasmaker=_CountingCanvas)


def gap(height: float = 3 * mm) -> Spacer:
    return Spacer(1, height)


def laid_out(render: Callable[..., None], *args: Any) -> None:
    """Run a renderer; a page it cannot lay out becomes a one-line error, not reportlab's
    several-line message and a traceback."""
    try:
        render(*args)
    except LayoutError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SonaeError(
            msg("帳票を組版できません: {e}", "cannot lay out the document: {e}", e=first)
        ) from exc

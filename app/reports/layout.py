"""The page furniture every printed record shares: A4, styles, header and footer, watermark,
"page X / Y", stamp boxes, tick boxes and tables set in the embedded Japanese font.

"Page X / Y" without a second layout pass: each page draws a reference to a PDF form that the
canvas fills with the page count just before saving. A second pass would double the time of a
20,000-entry record.

Paper that binds: a binding margin of 20 mm on the left (a two-hole punch's holes reach 15 mm
from the edge), 14 mm on the right; the footer's lowest mark is 10 mm above the bottom edge,
clear of what printers cannot reach. A record's footer carries the chain head twice: in groups
of four hex characters (``3f2a 9c01 …``), to read aloud or type into ``sonae verify --head``,
and as a QR code in the bottom right corner (app/reports/qr.py says what it holds).

Line breaking (``line_ends``) is one breaker for the plain table cells (``wrap_lines``) and for
every Paragraph set with ``wordWrap='CJK'`` (reportlab's own CJK splitter is replaced, see
``_break_lines_cjk``). Its rules, in order:
- no line is wider than its cell: a character that cannot start a line pushes the character
  before it down (追い出し); reportlab let it hang past the right edge (ぶら下げ);
- 禁則 (JIS X 4051): no line starts with 、。）」ー, small kana and the like (``CANNOT_START``),
  none ends with 「（［ and the like (``CANNOT_END``), and ……/—— are never split;
- a run of ASCII (or full-width) letters and digits with the joiners - _ . : / + @ # % = ? & ~ ,
  is one token: identifiers, dates, times, numbers, addresses, hashes and URLs move to the next
  line whole (``CVE-2026-12345``, ``2026-11-28T12:55``, ``192.168.0.10``); so do a date and a
  time joined by one space (``2026-11-28 12:55``) and Japanese dates (``令和8年12月2日（水）``,
  ``12月2日``, ``14時03分``). Only a token wider than the whole line breaks: after a joiner in the
  second half of the line, else at a boundary of four characters counted from its start (a hash
  reads in the same groups as the footer prints it), else where the line is full.
The breaker is greedy and linear; a plain cell that fits costs one width measurement.
"""

from __future__ import annotations

import re
import string
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
from reportlab.platypus.paragraph import (
    ParaLines,
    _handleBulletWidth,
    _processed_frags,
    cjkU,
    makeCJKParaLine,
)

from app import __version__
from app.domain.visible import CLOSE, OPEN, for_screen
from app.errors import SonaeError
from app.i18n import msg
from app.reports.facts import STAMP_ROLES
from app.reports.fonts import BOLD, REGULAR, register_fonts, substitute
from app.reports.qr import head_runs

PAGE_W, PAGE_H = A4
MARGIN_LEFT = 20 * mm  # the binding margin
MARGIN_RIGHT = 14 * mm
MARGIN_TOP = 16 * mm
# The footer band: its lowest mark at FOOTER_EDGE, the QR code QR_SIZE tall above it, a rule,
# then the content.
FOOTER_EDGE = 10 * mm
QR_SIZE = 12 * mm
FOOTER_RULE = FOOTER_EDGE + QR_SIZE + 1.5 * mm
MARGIN_BOTTOM = FOOTER_RULE + 1.5 * mm
CONTENT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
FOOTER_SIZE = 6.5
HEAD_SIZE = 8.0  # the grouped chain head in the footer: large enough to type from
_TOTAL_FORM = "sonaePageTotal"
_FURNITURE_FORM = "sonaeFurniture"

GRID = colors.Color(0.55, 0.55, 0.55)
HEAD_BG = colors.Color(0.90, 0.92, 0.95)
WATERMARK_GRAY = colors.Color(0.86, 0.86, 0.86)
CONFIRM_RED = colors.Color(0.75, 0.1, 0.1)
# Japanese line-breaking rules (禁則処理): reportlab's lists, completed from JIS X 4051 (small
# kana ゕゖ and ㇰ-ㇿ, the half-width forms, full-width punctuation, 〜 and the closing
# brackets reportlab lacks), and the brackets of a mark (〘ESC〙, 〘U+1F600〙) like any other.
CANNOT_START = (
    frozenset(ALL_CANNOT_START)
    | frozenset("ゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ〻゠〜～‼⁇⁈⁉")
    | frozenset("，．：；！？｝〉》〙〗〟’”｠»）］」』】〕")
    | frozenset("｡｣､･ｧｨｩｪｫｬｭｮｯｰﾞﾟ")
    | {CLOSE}
)
CANNOT_END = frozenset(ALL_CANNOT_END) | frozenset("(〖〝«｟｢〘（［「『【〔｛〈《") | {OPEN}
# Never split between two of these (……, ——).
INSEPARABLE = frozenset("…‥—―")
# A token: identifiers, dates, times, numbers, hashes, addresses, URLs never break inside.
_JOINERS = "-_.:/+@#%=?&~,"
TOKEN = frozenset(
    string.ascii_letters
    + string.digits
    + _JOINERS
    + "".join(chr(c) for c in range(0xFF10, 0xFF1A))  # ０-９
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))  # Ａ-Ｚ
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))  # ａ-ｚ
)
# Where a token wider than a whole line may break: after one of these.
_SOFT_AFTER = frozenset(_JOINERS) - {"#", "%"}
# Runs that are one unit although they hold a space or Japanese characters: a date with its
# time, Japanese dates with their weekday, times in words, a code point mark.
_GLUED = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(?::\d{2})?(?: JST)?"
    r"|(?:令和|平成|昭和|西暦)?(?:\d+|元)年\d{1,2}月(?:\d{1,2}日(?:（[月火水木金土日]）)?)?"
    r"(?:\d{1,2}:\d{2})?"
    r"|\d{1,2}月\d{1,2}日(?:（[月火水木金土日]）)?"
    r"|\d{1,2}時\d{1,2}分(?:\d{1,2}秒)?"
    r"|" + re.escape(OPEN) + r"[A-Z0-9+]{2,8}" + re.escape(CLOSE)
)
_FUZZ = 1e-6


def escape(text: object) -> str:
    """Text for a Paragraph: control and bidi characters marked (the record shows what was
    written, not what it would display as), characters the font cannot draw marked with their
    code point (never tofu), markup characters escaped, line breaks kept."""
    value = substitute(for_screen(str(text), multiline=True))
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\n", "<br/>")


def plain(text: str) -> str:
    """Text set without a Paragraph (table cells, canvas strings), marked line by line: a tab is
    marked too, as the font has no glyph for it, and so is a character the font cannot draw."""
    return substitute("\n".join(for_screen(line) for line in text.split("\n")))


def group_hex(value: str, size: int = 4) -> str:
    """A hash in groups of four, to read aloud and type back: ``3f2a 9c01 …``."""
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


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


def line_ends(chars: str, widths: Sequence[float], limits: Sequence[float]) -> list[int]:
    """Where the lines of ``chars`` end (exclusive indices; the last is ``len(chars)``), each
    line no wider than its limit (``limits[n]`` for line n, the last limit for the rest), by
    the rules in the module docstring. ``widths[i]`` is the width of ``chars[i]``.

    One forward pass: at the character that does not fit, the line ends at the last place a
    break is allowed; a line with no such place is one token (or one 禁則 run) wider than the
    line and is broken by ``_forced_end``. The only line wider than its limit is a single
    character wider than the limit on its own.
    """
    n = len(chars)
    ends: list[int] = []
    glued: set[int] | None = None
    start = 0
    cannot_start, cannot_end, token = CANNOT_START, CANNOT_END, TOKEN
    while start < n:
        limit = limits[min(len(ends), len(limits) - 1)] + _FUZZ
        used = widths[start]
        last = loose = -1  # the last allowed break in (start, i]; the same inside a glued run
        i = start + 1
        while i < n:
            before, char = chars[i - 1], chars[i]
            if (
                char not in cannot_start
                and before not in cannot_end
                and not (before in token and char in token)
                and not (before == char and char in INSEPARABLE)
            ):
                loose = i
                if glued is None:
                    glued = _glued(chars)
                if i not in glued:
                    last = i
            used += widths[i]
            if used > limit:
                break
            i += 1
        else:
            ends.append(n)
            break
        if last > start:
            end = last
        elif loose > start:  # a glued run wider than the line breaks where its parts meet
            end = loose
        else:
            end = _forced_end(chars, widths, start, i, limit)
        ends.append(end)
        start = end
    return ends


def _glued(chars: str) -> set[int]:
    """Break positions inside a date with its time, a Japanese date and the like."""
    inside: set[int] = set()
    for match in _GLUED.finditer(chars):
        inside.update(range(match.start() + 1, match.end()))
    return inside


def _forced_end(chars: str, widths: Sequence[float], start: int, over: int, limit: float) -> int:
    """The end of a line that has no allowed break: ``chars[start:over]`` fits and the
    character at ``over`` does not.
    - Full inside a token wider than a whole line: after a joiner in the second half of the
      line, else at a group of four characters counted from the token's start, else where the
      line is full.
    - Otherwise the run is a token with its brackets, or punctuation, wider than the line:
      禁則 bends rather than the identifier being cut (the bracket goes to a line of its own),
      an opening bracket left at the end of a line last of all.
    - At least one character per line."""
    if chars[over - 1] in TOKEN and chars[over] in TOKEN:
        first, last = over - 1, over + 1
        while first > 0 and chars[first - 1] in TOKEN:
            first -= 1
        while last < len(chars) and chars[last] in TOKEN:
            last += 1
        if sum(widths[first:last]) > limit:
            half = start + (over - start) // 2
            for end in range(over, half, -1):
                if chars[end - 1] in _SOFT_AFTER:
                    return end
            end = over - (over - first) % 4
            return end if end > half else over
    fallback = -1
    for end in range(over, start, -1):
        before, after = chars[end - 1], chars[end]
        if (before in TOKEN and after in TOKEN) or (before == after and after in INSEPARABLE):
            continue
        if before not in CANNOT_END:
            return end
        if fallback < 0:
            fallback = end
    return fallback if fallback > 0 else max(over, start + 1)


_width_tables: dict[tuple[str, float], dict[str, float]] = {}


def char_widths(text: str, size: float, font: str = REGULAR) -> list[float]:
    """The width of each character of ``text`` (a table per font and size: a plain cell's
    characters cost a dictionary look-up each)."""
    table = _width_tables.setdefault((font, size), {})
    try:
        return [table[c] for c in text]
    except KeyError:
        for c in set(text) - table.keys():
            table[c] = stringWidth(c, font, size)
        return [table[c] for c in text]


def wrap_lines(text: str, width: float, size: float) -> str:
    """Break ``text`` into lines no wider than ``width`` for a plain (non-Paragraph) table cell.

    Plain strings keep a 20,000-row timeline as cheap as a bare table: a cell that fits costs
    one width measurement, one that does not goes through ``line_ends``. Nothing is dropped, so
    the lines joined are the text (marked as ``plain`` marks it).
    """
    out = []
    for line in plain(text).split("\n"):
        if stringWidth(line, REGULAR, size) <= width:
            out.append(line)
            continue
        start = 0
        for end in line_ends(line, char_widths(line, size), (width,)):
            out.append(line[start:end])
            start = end
    return "\n".join(out)


def fit(text: str, width: float, size: float) -> str:
    """``text`` on one line of ``width``, cut short with … if it is longer (headers, chart labels)."""
    text = substitute(for_screen(text))
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


def _break_lines_cjk(self: Paragraph, maxWidths: Any) -> Any:  # noqa: N803
    """Paragraph.breakLinesCJK by ``line_ends``: the same rules as the plain cells, in place of
    reportlab's splitter (which lets a character that cannot start a line hang past the edge
    and breaks identifiers anywhere). Each ``<br/>`` ends a line; a space where a line was
    broken is not printed at the start of the next line."""
    if not isinstance(maxWidths, list | tuple):
        maxWidths = [maxWidths]  # noqa: N806
    style = self.style
    self.height = 0
    _handleBulletWidth(self.bulletText, style, maxWidths)
    frags = self.frags
    if not frags:
        size = style.fontSize
        return ParaLines(
            kind=0,
            fontSize=size,
            fontName=style.fontName,
            textColor=style.textColor,
            lines=[],
            ascent=size,
            descent=-0.2 * size,
        )
    if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
        return self.blPara
    auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
    bounds = auto not in ("", "off")
    units: list[Any] = []
    for frag in frags:
        text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if text:
            units.extend(cjkU(t, frag, "utf8") for t in text)
        else:
            units.append(cjkU(text, frag, "utf8"))  # a <br/>, an image, an anchor
    lines: list[Any] = []

    def add(part: list[Any], line_break: bool, took_space: bool = False) -> None:
        limit = maxWidths[min(len(lines), len(maxWidths) - 1)]
        used = sum(u.width for u in part)
        line = makeCJKParaLine(part, limit, used, limit - used, line_break, bounds)
        line.took_space = took_space  # for _split_cjk: the break ate a space before this line
        lines.append(line)

    first = 0
    for index in range(len(units) + 1):
        at_break = index < len(units) and hasattr(units[index].frag, "lineBreak")
        if index < len(units) and not at_break:
            continue
        run = units[first:index]
        if run:
            chars = "".join(u if u else "\ufffc" for u in run)
            limits = [maxWidths[min(len(lines) + k, len(maxWidths) - 1)] for k in range(2)]
            start = 0
            ends = line_ends(chars, [u.width for u in run], limits)
            for number, end in enumerate(ends):
                part = run[start:end]
                took = bool(number and part and part[0] == " ")
                if took:
                    part = part[1:]
                last = number == len(ends) - 1
                if last and at_break:
                    part = [*part, units[index]]
                add(part, last and at_break, took)
                start = end
        elif at_break:
            add([units[index]], True)
        first = index + 1
    return ParaLines(kind=1, lines=lines)


def _split_cjk(para_lines: Any, start: int, stop: int) -> list[Any]:
    """The fragments of lines ``start:stop`` of a CJK paragraph split across pages (or rows),
    to be broken again in the next frame. reportlab's version puts a space after every line,
    as if each had ended at a space: in Japanese that prints a gap in mid-word (「要配慮個 人情
    報」). Here a space comes back only where the break took one."""
    frags: list[Any] = []
    lines = para_lines.lines[start:stop]
    for number, line in enumerate(lines):
        words = list(line.words)
        following = lines[number + 1] if number + 1 < len(lines) else None
        if following is not None and getattr(following, "took_space", False):
            for k in range(len(words) - 1, -1, -1):
                if not hasattr(words[k], "cbDefn"):  # a copy: the line itself is drawn as is
                    words[k] = words[k].clone(text=words[k].text + " ")
                    break
        frags.extend(words)
    return frags


_reportlab_split_func = Paragraph._get_split_blParaFunc


def _split_func(self: Paragraph) -> Any:
    if self.style.wordWrap == "CJK" and self.blPara.kind == 1 and not _processed_frags(self.frags):
        return _split_cjk
    return _reportlab_split_func(self)


# Every CJK paragraph of the reports breaks by the same rules as the plain cells, and keeps its
# text when split across pages.
Paragraph.breakLinesCJK = _break_lines_cjk
Paragraph._get_split_blParaFunc = _split_func


class QrCode(Flowable):
    """A QR code of ``text`` as a block in the text (the signed checkpoint), ``size`` wide."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.modules, self.runs = head_runs(text)
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        module = self.size / self.modules
        path = self.canv.beginPath()
        for x, y, w, h in self.runs:
            path.rect(x * module, y * module, w * module, h * module)
        self.canv.drawPath(path, stroke=0, fill=1)


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
        self._wrapped = float("inf")  # the width the lines were laid out for
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
            self._wrapped = availWidth
        self.width = min(self.natural_w, availWidth)
        self.height = len(self._lines) * self.line_h
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        # A table splitting a row offers its cells the column's whole width, padding included:
        # the parts keep the lines laid out for the cell's inner width, so none overruns it.
        self.wrap(min(availWidth, self._wrapped), availHeight)
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


def stamp_boxes(st: Styles, roles: Sequence[str] = STAMP_ROLES, title: str = "決裁欄") -> Flowable:
    """The approval block (決裁欄): one box per role, label above and a date line below, set
    against the right margin. Any number of roles from one up to four (a drill's 評価者・
    訓練統括・作成者 is three); ``title`` names the block (a drill's is not a 決裁欄)."""
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
    return KeepTogether([Paragraph(escape(title), st.h2), table])


def fill_line(width: float = 40 * mm) -> str:
    """A blank to write on, as a Paragraph fragment."""
    return "＿" * max(1, int(width / 8))


@dataclass(frozen=True)
class PageFurniture:
    """What is printed on every page besides the flow of content."""

    header_left: str
    header_right: str
    footer_left: str  # e.g. the incident and the entry count
    watermark: str = ""
    # The chain head (64 hex characters): printed in groups of four under footer_left and as a
    # QR code in the bottom right corner of every page. Empty: neither (a blank checklist).
    head: str = ""


class _CountingCanvas(Canvas):
    """A canvas that writes two forms just before saving, which every page already refers to:
    the page total, and the furniture that is the same on every page (watermark, header, footer,
    the head and its QR code), drawn once however many pages show it. Only "ページ N /" is
    drawn page by page: a 20,000-entry record's 450 pages cost one furniture, not 450."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = REGULAR  # no unembedded Helvetica resource
        super().__init__(*args, **kwargs)
        self.furniture: PageFurniture | None = None  # set by the first page

    def save(self) -> None:
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.drawString(0, 0, str(self._pageNumber - 1))
        self.endForm()
        if self.furniture is not None:
            self.beginForm(_FURNITURE_FORM)
            _draw_furniture(self, self.furniture)
            self.endForm()
        super().save()


def _text_right(furniture: PageFurniture) -> float:
    """Where the footer's text stops: short of the QR code's quiet zone (4 modules, about
    1.3 mm) and more, or at the margin when there is no code."""
    right = PAGE_W - MARGIN_RIGHT
    return right - QR_SIZE - 3 * mm if furniture.head else right


# Every page names the Sonae that printed it, at the right end of the footer's upper line.
PRINTED_BY = f"Sonae {__version__}"


def _page_x(furniture: PageFurniture, page: str) -> float:
    # Room for a five-digit total after the slash (the form holds the number itself), then a
    # gap and the version.
    after = stringWidth("00000　" + PRINTED_BY, REGULAR, FOOTER_SIZE)
    return _text_right(furniture) - stringWidth(page, REGULAR, FOOTER_SIZE) - after


_FOOTER_UPPER = FOOTER_EDGE + 6.5 * mm  # the baseline of the footer's upper line


def _draw_furniture(canvas: Canvas, furniture: PageFurniture) -> None:
    canvas.saveState()
    if furniture.watermark:
        canvas.setFillColor(WATERMARK_GRAY)
        size = 150 if len(furniture.watermark) <= 2 else 110
        canvas.setFont(BOLD, size)
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, -size / 3, plain(furniture.watermark))
        canvas.rotate(-35)
        canvas.translate(-PAGE_W / 2, -PAGE_H / 2)
    canvas.setFillColor(colors.black)
    canvas.setFont(REGULAR, 7.5)
    left, right = MARGIN_LEFT, PAGE_W - MARGIN_RIGHT
    top = PAGE_H - MARGIN_TOP + 5 * mm
    header_right = fit(furniture.header_right, CONTENT_W / 2, 7.5)
    right_w = stringWidth(header_right, REGULAR, 7.5)
    canvas.drawString(left, top, fit(furniture.header_left, CONTENT_W - right_w - 12, 7.5))
    canvas.drawRightString(right, top, header_right)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(left, top - 2, right, top - 2)
    canvas.line(left, FOOTER_RULE, right, FOOTER_RULE)
    # Upper footer line: what the page belongs to (the page number follows, page by page).
    room = _page_x(furniture, "ページ 00000 / ") - left - 6
    canvas.setFont(REGULAR, FOOTER_SIZE)
    canvas.drawString(left, _FOOTER_UPPER, fit(furniture.footer_left, room, FOOTER_SIZE))
    canvas.drawRightString(_text_right(furniture), _FOOTER_UPPER, PRINTED_BY)
    if furniture.head:
        # Lower footer line: the head in groups of four, its baseline clear of the edge limit
        # by the font's descent; the QR code in the corner.
        canvas.setFont(REGULAR, HEAD_SIZE)
        line = "チェーン先頭　" + group_hex(furniture.head)
        canvas.drawString(
            left,
            FOOTER_EDGE + 0.25 * HEAD_SIZE,
            fit(line, _text_right(furniture) - left, HEAD_SIZE),
        )
        size, runs = head_runs(furniture.head)
        module = QR_SIZE / size
        x0, y0 = right - QR_SIZE, FOOTER_EDGE
        path = canvas.beginPath()
        for x, y, w, h in runs:
            path.rect(x0 + x * module, y0 + y * module, w * module, h * module)
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _draw_page(canvas: Canvas, doc: BaseDocTemplate, furniture: PageFurniture) -> None:
    canvas.furniture = furniture
    canvas.doForm(_FURNITURE_FORM)
    canvas.saveState()
    page = f"ページ {doc.page} / "
    x = _page_x(furniture, page)
    canvas.setFillColor(colors.black)
    canvas.setFont(REGULAR, FOOTER_SIZE)
    canvas.drawString(x, _FOOTER_UPPER, page)
    canvas.translate(x + stringWidth(page, REGULAR, FOOTER_SIZE), _FOOTER_UPPER)
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
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=for_screen(title),  # shown in the viewer's title bar
        subject=for_screen(subject),
        author="Sonae",
        creator=PRINTED_BY,
        invariant=1,
    )
    frame = Frame(
        MARGIN_LEFT,
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

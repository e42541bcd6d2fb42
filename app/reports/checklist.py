"""The paper fallback: a plan's blank checklist, the contact sheet with its call log and a 経過記録
sheet, for when the laptop or the power is gone. A pure function of (playbook version, contacts,
mode): it carries no date and no incident.

It is filled in with a pen, so everything written on it has room: writing lines 8 mm apart,
several where a sentence is expected, date and time blanks with the year (a 60-day clock runs into
the next year) and 12 mm for each pair of digits. Everything written on it by hand can be entered
in the app afterwards with ``--at`` (the time it happened), which is why every step has a cell for
the time and the name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from app.domain.contacts import Contacts, holders
from app.domain.loader import PlaybookFile
from app.domain.playbook import FieldSpec, Step
from app.domain.roles import ROLES, Role
from app.reports import layout
from app.reports.facts import (
    MODE_JA,
    STAMP_ROLES,
    WATERMARK,
    ZONE_JA,
    anchor_label,
    choice_label,
    condition_label,
    duration_label,
    period_label,
    role_label,
)
from app.reports.fonts import REGULAR
from app.reports.layout import (
    CONTENT_W,
    ChoiceBoxes,
    Styles,
    TickBox,
    cell,
    confirm_mark,
    escape,
    plain,
    wrap_lines,
)

CATEGORY_JA = {
    "cyber": "サイバー攻撃等（意図的な要因）",
    "human_error_or_failure": "人為的ミス・障害（非意図的な要因）",
    "disaster": "災害",
    "pandemic": "感染症の大流行",
    "infrastructure": "インフラの停止",
}
BLANK = "　"
MODES = ("real", "drill", "tabletop")
# An exercise is signed off by whoever ran and judged it, not by the real approval chain.
DRILL_STAMP_ROLES = ("評価者", "訓練統括", "作成者")

PITCH = 8 * mm  # between two writing lines, and the height of a ruled row to write in
TWO_DIGITS = 12 * mm  # a blank for two handwritten digits (6 mm a digit)
FOUR_DIGITS = 24 * mm
WRITE = colors.Color(0.35, 0.35, 0.35)  # the writing lines (the table rules are lighter)
GUIDE = colors.Color(0.3, 0.3, 0.3)
TICK = 4 * mm
TICK_W = 8 * mm  # the ✓ column
TIME_W = 35 * mm  # a time cell: 令和＿年 / ＿月＿日 / ＿時＿分 on three lines
NAME_W = 24 * mm
MEMO_LINES = 2
MULTILINE_LINES = 3
REPEAT_ROWS = 6
SHEET_PAGES = 2  # the 経過記録 sheet: a day of entries
UNIT_JA = {"hours": "時間", "minutes": "分", "days": "日"}

# A piece of a writing area: ("t", text), ("b", width) a blank of that width, ("f", min width) a
# line to the end of the row, or ("br", 0) the end of a row. A group is kept on one row.
Seg = tuple[str, Any]
Group = list[Seg]
BREAK: Group = [("br", 0)]
_TPAD = 1.2  # either side of a text piece
_GAP = 2.5 * mm  # between two groups on a row
_ROW_BASE = 2.5  # a text's baseline above the writing line of its row
# A table asks a cell's flowable to split at the column's width, padding included (reportlab's
# Table._splitCell), then draws it inside the padding: a split is laid out this much narrower.
_CELL_PADDING = 6


def text(value: str) -> Group:
    return [("t", value)]


def blank(width: float = TWO_DIGITS) -> Group:
    return [("b", width)]


def fill(min_width: float = 25 * mm) -> Group:
    return [("f", min_width)]


def lines(count: int, label: str = "") -> list[Group]:
    """``count`` writing lines, the first one after ``label``."""
    out: list[Group] = [text(label)] if label else []
    for number in range(count):
        if number:
            out.append(BREAK)
        out.append(fill())
    return out


YEAR: Group = [("t", "令和"), ("b", TWO_DIGITS), ("t", "年")]


def when(year: bool = True, minutes: bool = True) -> list[Group]:
    """令和＿＿年＿＿月＿＿日 ＿＿時＿＿分, each blank wide enough for two digits."""
    out: list[Group] = [YEAR] if year else []
    out.append([("b", TWO_DIGITS), ("t", "月"), ("b", TWO_DIGITS), ("t", "日")])
    if minutes:
        out.append([("b", TWO_DIGITS), ("t", "時"), ("b", TWO_DIGITS), ("t", "分")])
    return out


def incident_number() -> list[Group]:
    """The incident's number as the app gives it (2026-0001)."""
    return [
        [("b", FOUR_DIGITS), ("t", "－"), ("b", FOUR_DIGITS)],
        [("t", "（例: 2026-0001）")],
    ]


# One laid-out row of a writing area: (a writing row, height, [(x, kind, value)]).
_Row = tuple[bool, float, list[tuple[float, str, Any]]]


class WriteArea(Flowable):
    """Text and blanks to fill in by hand, on rows ``pitch`` apart, each blank drawn as a line at
    the foot of its row (or, in a ruled table row, only the words between the blanks)."""

    def __init__(
        self,
        groups: Sequence[Group],
        size: float = 8.5,
        pitch: float = PITCH,
        rule: bool = True,
        rows: list[_Row] | None = None,
        splits: bool = False,
    ) -> None:
        super().__init__()
        self.groups = list(groups)
        self.size = size
        self.pitch = pitch
        self.rule = rule
        self.splits = splits  # a list of rows (the occurrences of a repeat) may run on a page
        self._fixed = rows is not None  # a part of a split keeps its rows
        self._rows: list[_Row] = rows or []
        self.width = 0.0
        self.height = sum(r[1] for r in self._rows)
        self.spaceAfter = 2.0  # text under the last line does not touch it

    def natural_width(self) -> float:
        """The width of the groups side by side on one row."""
        widths = [sum(self._seg_w(s) for s in g) for g in self.groups if g[0][0] != "br"]
        return sum(widths) + _GAP * (len(widths) - 1)

    def _seg_w(self, seg: Seg) -> float:
        kind, value = seg
        if kind == "t":
            return float(stringWidth(plain(value), REGULAR, self.size)) + 2 * _TPAD
        return float(value)

    def _layout(self, avail: float) -> list[_Row]:
        rows: list[_Row] = []
        items: list[tuple[float, str, Any]] = []
        x = 0.0

        def close() -> None:
            nonlocal items, x
            if items:
                writing = any(kind != "t" for _, kind, _ in items)
                rows.append((writing, self.pitch if writing else self.size * 1.6, items))
            items, x = [], 0.0

        for group in self.groups:
            if group[0][0] == "br":
                close()
                continue
            width = sum(self._seg_w(s) for s in group)
            start = x + _GAP if items else 0.0
            if items and start + width > avail:
                close()
                start = 0.0
            if group[0][0] == "t" and len(group) == 1 and width > avail:
                parts = wrap_lines(group[0][1], avail - 2 * _TPAD, self.size).split("\n")
                for part in parts[:-1]:
                    items.append((0.0, "t", part))
                    close()
                group = [("t", parts[-1])]
            for kind, value in group:
                if kind == "f":
                    items.append((start, "b", max(avail - start, 1.0)))
                    start = avail
                    continue
                items.append((start, kind, value))
                start += self._seg_w((kind, value))
            x = start
        close()
        return rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if not self._fixed:
            self._rows = self._layout(availWidth)
        self.width = availWidth
        self.height = sum(r[1] for r in self._rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self._fixed:
            return []
        self._rows = self._layout(availWidth - _CELL_PADDING)
        # A date, a field or a memo stays whole, unless it is longer than half a page.
        if not self.splits and sum(r[1] for r in self._rows) < layout.FRAME_H / 2:
            return []
        used, keep = 0.0, 0
        for row in self._rows:
            if used + row[1] > availHeight:
                break
            used += row[1]
            keep += 1
        if keep < 1 or keep >= len(self._rows):
            return []
        return [
            WriteArea(self.groups, self.size, self.pitch, self.rule, self._rows[:keep]),
            WriteArea(self.groups, self.size, self.pitch, self.rule, self._rows[keep:]),
        ]

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(REGULAR, self.size)
        canv.setLineWidth(0.5)
        canv.setStrokeColor(WRITE)
        top = self.height
        for writing, height, items in self._rows:
            bottom = top - height
            base = bottom + (_ROW_BASE if writing else self.size * 0.3)
            canv.setFillColor(GUIDE)  # the words of a label, on its lines or over them
            for x, kind, value in items:
                if kind == "t":
                    canv.drawString(x + _TPAD, base, plain(value))
                elif self.rule:
                    canv.line(x, bottom, x + value, bottom)
            top = bottom
        canv.setFillColor(colors.black)


class CheckItems(Flowable):
    """A step's check items, each with a drawn tick box of its own."""

    def __init__(self, items: Sequence[str], size: float = 8.5) -> None:
        super().__init__()
        self.items = list(items)
        self.size = size
        self.leading = size * 1.35
        self._lines: list[list[str]] = []
        self.width = self.height = 0.0

    def _item_h(self, item_lines: list[str]) -> float:
        return max(TICK + 2, len(item_lines) * self.leading) + 2.5

    def _layout(self, avail: float) -> list[list[str]]:
        room = avail - TICK - 2 * mm
        return [wrap_lines(t, room, self.size).split("\n") for t in self.items]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._lines = self._layout(availWidth)
        self.width = availWidth
        self.height = sum(self._item_h(x) for x in self._lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._lines = self._layout(availWidth - _CELL_PADDING)  # each part is laid out again
        used, keep = 0.0, 0
        for item in self._lines:
            if used + self._item_h(item) > availHeight:
                break
            used += self._item_h(item)
            keep += 1
        if keep < 1 or keep >= len(self._lines):
            return []
        return [CheckItems(self.items[:keep], self.size), CheckItems(self.items[keep:], self.size)]

    def draw(self) -> None:
        canv = self.canv
        canv.setLineWidth(0.8)
        canv.setFont(REGULAR, self.size)
        top = self.height
        for item in self._lines:
            canv.rect(0, top - 1 - TICK, TICK, TICK)
            base = top - 1 - TICK / 2 - self.size * 0.35
            for line in item:
                canv.drawString(TICK + 2 * mm, base, line)
                base -= self.leading
            top -= self._item_h(item)


class NotApplicable(Flowable):
    """□ 対象外 and, beside it, the condition in words (実施条件: …): a conditional step is ticked
    off as not applying rather than left blank. Splits like the paragraph it holds."""

    LABEL = "対象外"

    def __init__(self, markup: str, style: ParagraphStyle, para: Paragraph | None = None) -> None:
        super().__init__()
        self.size = 8.0
        self.indent = TICK + 1.5 * mm + stringWidth(self.LABEL, REGULAR, self.size) + 3 * mm
        # Every line keeps clear of the box (it is taller than a line); the first line also of
        # the word 対象外 beside it.
        margin = TICK + 1.5
        self.style = ParagraphStyle(
            "condition", style, leftIndent=margin, firstLineIndent=self.indent - margin
        )
        self.markup = markup
        self.para = para or Paragraph(markup, self.style)
        self.width = self.height = 0.0

    def _top(self) -> float:
        """The room above the first line, so that the line is centred on the box."""
        return max(0.0, (TICK - self.style.leading) / 2) + 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        _, height = self.para.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, max(height + self._top(), TICK + 2)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if availHeight < TICK + 2:
            return []
        parts = self.para.split(availWidth, availHeight - self._top())
        if len(parts) != 2:
            return []
        return [NotApplicable(self.markup, self.style, parts[0]), parts[1]]

    def draw(self) -> None:
        canv = self.canv
        _, para_h = self.para.wrap(self.width, self.height)
        top = self._top()
        self.para.drawOn(canv, 0, self.height - top - para_h)
        middle = self.height - top - self.style.leading / 2
        canv.setLineWidth(0.8)
        canv.rect(0, middle - TICK / 2, TICK, TICK)
        canv.setFont(REGULAR, self.size)
        canv.drawString(TICK + 1.5 * mm, middle - self.size * 0.35, self.LABEL)


def _ruled(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    min_h: Sequence[float] | None = None,
    heights: Sequence[float] | None = None,
    header: bool = True,
    extra: Sequence[Any] = (),
) -> Table:
    """layout.grid with row heights: a row someone writes in is at least one PITCH high."""
    table = Table(
        [[plain(c) if isinstance(c, str) else c for c in r] for r in rows],
        colWidths=list(widths),
        rowHeights=list(heights) if heights else None,
        minRowHeights=list(min_h) if min_h else None,
        repeatRows=1 if header else 0,
        hAlign="LEFT",
        splitInRow=1,
    )
    table.setStyle(TableStyle([*layout.grid_style(header), *extra]))
    return table


def _row_tables(
    head: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    whole: bool,
    extra: Sequence[Any] = (),
) -> list[Flowable]:
    """A header, then a table for each row: a row too long for the rest of the page splits inside
    itself, or with ``whole`` moves to the next page unless it is longer than a page. (In one
    table reportlab first splits between two rows, then splits the next row on the same page
    under a repeated header.) Each cell is a list, so that a row split across pages keeps a lone
    flowable in its first part (reportlab drops a bare one from both parts)."""
    out: list[Flowable] = [_ruled([list(head)], widths, extra=extra)]
    for row in rows:
        cells = [[c] if isinstance(c, Flowable) else c for c in row]
        table = _ruled([cells], widths, header=False, extra=extra)
        out.append(KeepTogether([table]) if whole else table)
    return out


def _heading(value: str, style: ParagraphStyle, room: float = 55 * mm) -> list[Flowable]:
    """A heading that starts a new page when less than ``room`` is left under it. Not tied to
    the table under it with keepWithNext, which would move a whole long table to the next page."""
    loose = ParagraphStyle(f"{style.name}_loose", style, keepWithNext=0)
    return [CondPageBreak(room), Paragraph(escape(value), loose)]


def _field(spec: FieldSpec) -> Flowable:
    label = f"{spec.label.ja}:"
    if spec.type == "multiline":
        return WriteArea(lines(MULTILINE_LINES, label))
    if spec.type == "datetime":
        return WriteArea([text(label), *when()])
    if spec.type == "number":
        unit = UNIT_JA.get(spec.unit or "", "")
        return WriteArea([text(label), blank(30 * mm), *([text(unit)] if unit else [])])
    if spec.type == "choice":
        return _Stack([WriteArea([text(label)]), ChoiceBoxes(list(spec.choices or []))])
    if spec.type == "checkbox":
        return CheckItems([spec.label.ja])
    return WriteArea(lines(1, label))


class _Stack(Flowable):
    """Two flowables one under the other (a choice field's label and its boxes)."""

    def __init__(self, parts: Sequence[Flowable]) -> None:
        super().__init__()
        self.parts = list(parts)
        self.width = self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.height = sum(p.wrap(availWidth, availHeight)[1] for p in self.parts)
        self.width = availWidth
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for part in self.parts:
            top -= part.height
            part.drawOn(self.canv, 0, top)


def _head(plan: PlaybookFile, st: Styles, mode: str) -> list[Flowable]:
    p = plan.plan
    exercise = f"（{MODE_JA[mode]}用）" if mode != "real" else ""
    out: list[Flowable] = [
        Paragraph(escape(f"{p.title.ja}　対応チェックリスト{exercise}"), st.title),
        Paragraph(
            escape(
                f"紙による対応用（ノートPC・電源が使えないとき）　計画 {p.id} 第{p.version}版"
                + (f"（{p.revised:%Y-%m-%d} 改訂）" if p.revised else "")
                + f"　分類: {CATEGORY_JA.get(p.category, p.category)}"
            ),
            st.small,
        ),
        Paragraph(escape(f"計画の sha256: {plan.sha256}"), st.small),
    ]
    if p.reference:
        out.append(Paragraph(confirm_mark(p.reference.ja), st.small))
    if p.summary:
        out.append(Paragraph(escape(p.summary.ja), st.body))
    kind: Any = ChoiceBoxes([MODE_JA[m] for m in MODES])
    if mode != "real":
        kind = Paragraph(f"<b>{escape(MODE_JA[mode])}</b>（訓練用の用紙）", st.cell)
    pairs: list[tuple[str, Any]] = [
        ("インシデント番号", WriteArea(incident_number())),
        ("件名", WriteArea(lines(2))),
        ("種別", kind),
        ("対象機関", WriteArea(lines(1))),
        ("ネットワーク", ChoiceBoxes([ZONE_JA[z] for z in ("mynumber", "lgwan", "internet")])),
        # 認知 first: it happens first, and the legal clocks count from it.
        ("認知時刻\n（期限の起点）", WriteArea(when())),
        ("宣言時刻", WriteArea(when())),
        ("記入者", WriteArea(lines(1))),
    ]
    out += [layout.gap(2), layout.label_table(pairs, st, 28 * mm), layout.gap(2)]
    out.append(
        Paragraph(
            "使い方: 手順を終えたら □ に✓を入れ、時刻と氏名を書く。条件に当たらない手順は"
            "「対象外」に✓を入れる。省略したときは理由を書く。途中の出来事・連絡は巻末の"
            "経過記録と連絡記録に書く。【要確認】は市の対策基準・実施手順で確かめる項目。"
            "後でアプリに入力するときは、書いた時刻を発生時刻として入力する。",
            st.small,
        )
    )
    if mode == "real":
        out += [layout.gap(3), layout.stamp_boxes(st, STAMP_ROLES)]
    else:  # an exercise is signed off by who evaluated and who ran it
        out += [layout.gap(3), layout.stamp_boxes(st, DRILL_STAMP_ROLES, title="訓練評価欄")]
    return out


def _bodies(step: Step, contacts: Contacts, st: Styles) -> list[Flowable]:
    """'連絡先: name phone' for each external body the step names; a line to fill in where the
    contacts file lacks it, so the paper still says whom to call."""
    out: list[Flowable] = []
    for body_id in step.contacts:
        body = contacts.body(body_id)
        if body is None or not (body.phone or body.email):
            name = body.name.ja if body is not None else body_id
            out.append(
                # A line of its own: a phone number written by hand is some 5 cm long.
                WriteArea(
                    [text(f"連絡先: {name}（電話番号は連絡先ファイルに未登録）"), BREAK, fill()],
                    size=8,
                )
            )
        else:
            reach = " ".join(x for x in (body.phone, body.other, body.email) if x)
            hours = f"（{body.hours}）" if body.hours else ""
            line = f"連絡先: {escape(body.name.ja)}　{escape(reach)}{escape(hours)}"
            out.append(Paragraph(f"<font size=7.5>{line}</font>", st.cell))
    return out


def _repeats(step: Step) -> Flowable:
    """A row per occurrence of a repeating step: when, and who."""
    groups: list[Group] = [[("t", "各回の実施（令和"), ("b", TWO_DIGITS), ("t", "年）")]]
    groups.append(text("日時と氏名を書く"))
    for number in range(1, REPEAT_ROWS + 1):
        groups += [BREAK, text(f"{number}回目"), *when(year=False), fill(18 * mm)]
    return WriteArea(groups, splits=True)


def _step_cell(
    plan: PlaybookFile, step: Step, number: int, contacts: Contacts, st: Styles
) -> list[Flowable]:
    p = plan.plan
    out: list[Flowable] = [Paragraph(f"<b>{number}. {escape(step.title.ja)}</b>", st.cell)]
    if step.when:  # first: whether the step applies at all is the first thing to decide
        condition = f"<font size=7>実施条件: {escape(condition_label(p, step))}</font>"
        out.append(NotApplicable(condition, st.cell))
    about = [f"<font size=7>{escape(step.detail.ja)}</font>"] if step.detail else []
    meta = []
    if step.role:
        meta.append(f"担当: {role_label(step.role)}")
    if step.zones:
        meta.append("ゾーン: " + "・".join(ZONE_JA.get(z, z) for z in step.zones))
    if meta:
        about.append(f"<font size=7>{escape('　'.join(meta))}</font>")
    if about:
        out.append(Paragraph("<br/>".join(about), st.cell))
    out += _bodies(step, contacts, st)
    clocks = []
    if step.target_duration is not None:
        since = "認知" if step.target_from == "awareness" else "宣言"
        clocks.append(f"目標: {since}から{duration_label(step.target_duration)}以内")
    if step.repeat is not None:
        clocks.append(f"{duration_label(step.repeat)}ごとに繰り返す（各回を記録）")
    if clocks:
        out.append(Paragraph(f"<font size=7>{escape('　'.join(clocks))}</font>", st.cell))
    if step.checks:
        out.append(CheckItems([item.text.ja for item in step.checks]))
    out += [_field(spec) for spec in step.fields]
    if step.contact_records:
        out.append(
            WriteArea(lines(2, "連絡記録: 相手・手段・日時・応対者・受付番号・結果"), size=7.5)
        )
    if step.repeat is not None:
        out.append(_repeats(step))
    if step.confirm:
        out.append(Paragraph(confirm_mark(step.confirm.ja), st.cell))
    if step.refs:
        refs = f"<font size=6.5>参照: {escape('、'.join(step.refs))}</font>"
        out.append(Paragraph(refs, st.cell))
    out.append(WriteArea(lines(MEMO_LINES, "省略・メモ:"), size=7.5))
    return out


def _time_cell(caption: str = "") -> Flowable:
    """令和＿＿年 / ＿＿月＿＿日 / ＿＿時＿＿分 on three lines, under ``caption``."""
    return WriteArea([*([text(caption), BREAK] if caption else []), *when()], size=8)


def _steps(plan: PlaybookFile, contacts: Contacts, st: Styles) -> list[Flowable]:
    p = plan.plan
    out: list[Flowable] = _heading("手順", st.h1, 70 * mm)
    number = 0
    step_w = CONTENT_W - TICK_W - TIME_W - NAME_W
    widths = [TICK_W, step_w, TIME_W, NAME_W]
    for phase in p.phases:
        rows = []
        for step in phase.steps:
            number += 1
            cells = _step_cell(plan, step, number, contacts, st)
            rows.append([TickBox(TICK), cells, _time_cell(), BLANK])
        out += _heading(phase.title.ja, st.h2)
        out += _row_tables(
            ["✓", "手順", "時刻", "氏名"],
            rows,
            widths,
            whole=False,
            extra=[("ALIGN", (0, 0), (0, -1), "CENTER")],
        )
    return out


def _decisions(plan: PlaybookFile, st: Styles) -> list[Flowable]:
    p = plan.plan
    if not p.decisions:
        return []
    rows: list[list[Any]] = []
    for decision in p.decisions:
        ask = f"<b>{escape(decision.ask.ja)}</b>"
        if decision.help:
            ask += f"<br/><font size=7>{escape(decision.help.ja)}</font>"
        labels = [choice_label(p, decision.id, c) for c in decision.choice_ids()]
        question = [Paragraph(ask, st.cell), WriteArea(lines(1, "理由:"), size=7.5)]
        rows.append([question, ChoiceBoxes(labels), _time_cell(), BLANK])
    answer_w = 46 * mm
    return [
        *_heading("判断", st.h1),
        *_row_tables(
            ["判断事項", "結果（□ に✓）", "時刻", "判断者"],
            rows,
            [CONTENT_W - answer_w - TIME_W - NAME_W, answer_w, TIME_W, NAME_W],
            whole=True,
        ),
    ]


def _deadlines(plan: PlaybookFile, st: Styles) -> list[Flowable]:
    p = plan.plan
    if not p.deadlines:
        return []
    times = ["起点時刻", "期日", "完了時刻"]
    rows: list[list[Any]] = []
    for deadline in p.deadlines:
        title = (
            f"<b>{escape(deadline.title.ja)}</b><br/><font size=6.5>{escape(deadline.basis)}</font>"
        )
        if deadline.confirm:
            title += "<br/>" + confirm_mark(deadline.confirm.ja)
        span = f"起点: {anchor_label(p, deadline.from_)}　期間: {period_label(deadline)}"
        title += f"<br/><font size=7.5>{escape(span)}</font>"
        described: list[Flowable] = [Paragraph(title, st.cell)]
        if deadline.when:
            condition = f"<font size=7>適用: {escape(condition_label(p, deadline))}</font>"
            described.append(NotApplicable(condition, st.cell))
        # Each time cell says which it is: the header is not repeated on the next page.
        rows.append([described, *(_time_cell(t) for t in times)])
    return [
        *_heading("期限（記入用）", st.h1),
        *_row_tables(
            ["期限", *times], rows, [CONTENT_W - 3 * TIME_W, TIME_W, TIME_W, TIME_W], whole=True
        ),
    ]


def _contact_sheet(plan: PlaybookFile, contacts: Contacts, st: Styles) -> list[Flowable]:
    used = set(plan.plan.roles) | {s.role for s in plan.plan.steps() if s.role}
    out: list[Flowable] = [PageBreak(), Paragraph("連絡先一覧（役割と代行順位）", st.h1)]
    if not contacts.people:
        out.append(
            Paragraph(
                confirm_mark(
                    "連絡先ファイルが未設定です。空欄に手書きで記入するか、アプリで連絡先を登録して"
                    "印刷し直してください。"
                ),
                st.small,
            )
        )
    rows: list[list[Any]] = [["役割", "順位", "氏名", "役職・所属", "電話", "携帯"]]
    spans: list[Any] = []
    for role in ROLES:
        people = holders(contacts, role.id)
        label = _role_label(role, role.id in used)
        first = len(rows)
        if not people:
            rows.append([Paragraph(label, st.cell), "正", BLANK, BLANK, BLANK, BLANK])
            rows.append(["", "代行1", BLANK, BLANK, BLANK, BLANK])
        for order, person in enumerate(people):
            rank = "正" if order == 0 else f"代行{order}"
            where = "　".join(x for x in (person.title, person.section) if x)
            rows.append(
                [
                    Paragraph(label, st.cell) if order == 0 else "",
                    rank,
                    cell(person.name, st),
                    cell(where, st),
                    person.phone,
                    person.mobile,
                ]
            )
        spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    # A row left blank to write a holder in is a row to write in.
    min_h = [0.0] + [PITCH if r[2] == BLANK else 0.0 for r in rows[1:]]
    widths = [120, 34, 80, CONTENT_W - 120 - 34 - 80 - 150, 75, 75]
    out.append(_ruled(rows, widths, min_h=min_h, extra=spans))
    out += _heading("外部機関", st.h2)
    ext_rows: list[list[Any]] = [["機関", "電話", "メール・URL", "備考"]]
    for body in contacts.external:
        numbers = " / ".join(x for x in (body.phone, body.other) if x)
        hours = f"受付 {body.hours}" if body.hours else ""
        ext_rows.append(
            [
                cell(body.name.ja, st),
                cell(numbers, st) if numbers else BLANK,
                cell(" ".join(x for x in (body.email, body.url) if x), st),
                cell("　".join(x for x in (hours, body.note) if x), st),
            ]
        )
    if not contacts.external:
        for _ in range(6):
            ext_rows.append([BLANK, BLANK, BLANK, BLANK])
    out.append(
        _ruled(ext_rows, [170, 75, 130, CONTENT_W - 375], min_h=[0.0] + [PITCH] * len(ext_rows))
    )
    return out


def _role_label(role: Role, used: bool) -> str:
    """The role, who usually holds it, and 要確認 where the city must check that against its own
    対策基準 (the lower tiers come from the national guideline, not from the city's rules)."""
    label = f"<b>{escape(role.ja)}</b>"
    if role.confirm:
        mark = confirm_mark(f"通常は {role.typical_ja}（市の対策基準で確認）")
        label += f"<br/><font size=7>{mark}</font>"
    else:
        label += f"<br/><font size=6.5>通常は {escape(role.typical_ja)}</font>"
    if used:
        label += "<br/><font size=6.5>この計画で使用</font>"
    return label


def _day_guide() -> Flowable:
    """＿月＿日 ＿時＿分 in a ruled row: the words only, 12 mm before each."""
    return WriteArea(when(year=False), size=7.5, pitch=PITCH - 2, rule=False)


def _log_page(
    title: str, note: str, head: Sequence[str], widths: Sequence[float], st: Styles
) -> list[Flowable]:
    """One page of a ruled log to write in: its title, the incident number and the year, and as
    many rows one PITCH high as the page holds."""
    lead: list[Flowable] = [
        Paragraph(escape(title), st.h1),
        WriteArea([text("インシデント番号"), *incident_number(), YEAR]),
        Paragraph(escape(note), st.small),
        layout.gap(2),
    ]
    used = 0.0
    for flowable in lead:
        _, height = flowable.wrap(CONTENT_W, layout.FRAME_H)
        used += height + flowable.getSpaceAfter()  # the space before is dropped at a page top
    header_h = 7 * mm
    count = int((layout.FRAME_H - used - header_h - 3 * mm) // PITCH)
    rows: list[list[Any]] = [list(head)]
    rows += [[_day_guide()] + [BLANK] * (len(head) - 1) for _ in range(count)]
    table = _ruled(
        rows,
        widths,
        heights=[header_h] + [PITCH] * count,
        extra=[("VALIGN", (0, 0), (-1, 0), "MIDDLE"), ("VALIGN", (0, 1), (0, -1), "BOTTOM")],
    )
    return [PageBreak(), *lead, table]


def _log_sheets(st: Styles) -> list[Flowable]:
    """The call log of the contact sheet, then the 経過記録 sheet (a day of entries)."""
    time_w = _day_guide().natural_width() + 6 + 1 * mm  # the cell's padding, and some air
    out = _log_page(
        "連絡記録（電話・メール・FAX・来庁）",
        "連絡するたびに1行。相手には機関名と応対者の氏名、結果には受付番号・伝えた内容・"
        "折り返しの有無を書く。",
        ["連絡時刻", "相手（機関・応対者）", "結果（受付番号・内容）", "記入者"],
        [time_w, 44 * mm, CONTENT_W - time_w - 44 * mm - NAME_W, NAME_W],
        st,
    )
    for page in range(1, SHEET_PAGES + 1):
        out += _log_page(
            f"経過記録（{page}/{SHEET_PAGES}）",
            "起きた順に、起きた時刻・内容・記入者を書く。アプリに入力するときは、この時刻を"
            "発生時刻として入力する。",
            ["時刻", "内容", "記入者"],
            [time_w, CONTENT_W - time_w - NAME_W, NAME_W],
            st,
        )
    return out


def render_checklist(
    plan: PlaybookFile, contacts: Contacts, out: str | Path | IO[bytes], mode: str = "real"
) -> None:
    """The checklist of ``plan``. ``mode`` "drill" or "tabletop" prints an exercise copy: the
    mode's mark on every page and the exercise's sign-off (評価者, 訓練統括, 作成者) in place of
    the real approval chain."""
    if mode not in MODES:
        raise ValueError(f"mode is one of {', '.join(MODES)}, not {mode!r}")
    st = layout.styles()
    story: list[Flowable] = []
    story += _head(plan, st, mode)
    story += _decisions(plan, st)
    story += _steps(plan, contacts, st)
    story += _deadlines(plan, st)
    story += _contact_sheet(plan, contacts, st)
    story += _log_sheets(st)
    p = plan.plan
    exercise = f"（{MODE_JA[mode]}用）" if mode != "real" else ""
    furniture = layout.PageFurniture(
        header_left=f"対応チェックリスト{exercise}　{p.title.ja}",
        header_right=f"{p.id} 第{p.version}版",
        footer_left=f"計画 {p.id} 第{p.version}版　sha256 {plan.sha256}",
        watermark=WATERMARK.get(mode, ""),
    )
    layout.build(out, story, furniture, title=f"対応チェックリスト {p.title.ja}", subject=p.id)

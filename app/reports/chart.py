"""The timeline chart: phases and deadlines on one time axis (reportlab graphics).

The same ``Drawing`` goes into the after-action PDF and, rasterised, into the PNG export.

What a reader needs from it, and how it is drawn:
- The axis runs from awareness (or the earliest thing shown) to the close (or ``as_of`` while
  the incident is open), never to the day it is printed. The start is labelled with its date
  and year, the end with its date and time, and a date is printed wherever the day changes.
- 認知, 宣言, 封じ込め済み, 復旧済み and 終了 (``facts.milestones``) are vertical lines through
  every lane, labelled under the lanes with their times; a hand-over is one too. A label sits
  beside its line, on the right unless it would pass the drawing's edge, on rows chosen so that
  no two labels meet and no line runs through a label (a line crossing a label's extent stops
  on a row nearer the lanes). Lines a few points apart (``CLUSTER_GAP``) share one label that
  names them in order: 「封じ込め済み 10:10・復旧済み 11:10・終了 12:10（11/24(火)）」.
- After a hand-over the earlier plans' phases are grey and hatched under a 「引継ぎ前」 heading, and
  end at the hand-over: the plan stopped being followed there.
- The scale. A 5-hour drill is drawn to one linear scale. An incident of more than three days
  (a leak whose reports run 30 or 60 days) would leave the first day, where detection and
  containment happen, a few points wide; so its first day gets a fixed share of the width
  (``ZOOM_SHARE``) and the rest is linear again, a broken axis: the zoomed part is shaded, the
  break is marked on the axis and said in the heading. Two linear pieces keep every tick honest
  (a log scale has no even ticks to read off). Even so a short phase can be thin, so every bar
  has a minimum width (never past the axis end) and its duration printed whole: beside it, or
  inside it where there is no room to its right, never cut at the bar's end.
- Deadline labels are wrapped on as many lines as they need, measured with ``stringWidth``,
  never cut: 「個人情報保護委員会への速報（…）」 and 「…確報（…）」 differ at their end.
- A deadline's outcome is told by shape and colour, and said in words beside it: ● met,
  ✕ met late, ▲ past due and still open, ○ open. The shapes are drawn, not font glyphs. The
  outcome and the due time are measured and kept apart, each by its own mark: on two rows
  where one row has no room for both (a report a day late, near the axis end).
- Nothing is drawn past the drawing's width: the headings wrap to it, labels near the right
  edge turn to the left of what they name.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.deadlines import DeadlineStatus
from app.domain.state import PlanRun
from app.domain.timeutil import JST, era_year, jst, parse_iso
from app.reports.facts import (
    DEADLINE_STATE_JA,
    STATUS_JA,
    STEP_STATE_JA,
    Milestones,
    PhaseTiming,
    RecordData,
    Review,
    milestones,
    phase_plans,
    review,
    span_ja,
)
from app.reports.fonts import BOLD, REGULAR, register_fonts

LABEL_W = 132.0  # the lane labels' column
RIGHT_PAD = 10.0
FONT_SIZE = 7.0
SMALL = 6.3  # tick labels, times beside marks
LINE_H = 8.6  # one line of a lane label
ROW_H = 9.0  # a row of tick or marker labels
LANE_PAD = 5.0
MIN_LANE_H = 16.0
MIN_BAR_W = 3.0
WORDS_ROW = 7.5  # a deadline's second row of words, above the first
TWO_ROW_LANE_H = MIN_LANE_H + WORDS_ROW + 1.5
ZOOM_SHARE = 0.4  # of the plot's width, for the first day of a long incident
ZOOM_OVER = timedelta(days=3)  # incidents longer than this get the broken axis
ZOOM_MIN = timedelta(hours=12)  # the zoomed first day: to a midnight at least this far on
MIN_SPAN = timedelta(minutes=30)
CLUSTER_GAP = 4.0  # marker lines nearer than this (points) share one label
WEEKDAYS = "月火水木金土日"

# Tick steps, from which each piece of the axis takes the smallest that leaves room for labels.
_STEPS = tuple(
    timedelta(minutes=m)
    for m in (5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 7 * 1440, 14 * 1440, 28 * 1440)
)
_STAGE_COLORS = {
    "detect": colors.Color(0.30, 0.50, 0.80),
    "contain": colors.Color(0.85, 0.50, 0.15),
    "recover": colors.Color(0.25, 0.65, 0.35),
    "report": colors.Color(0.55, 0.35, 0.70),
    "review": colors.Color(0.45, 0.45, 0.45),
}
MET = colors.Color(0.15, 0.55, 0.25)
LATE = colors.Color(0.80, 0.15, 0.15)
OPEN = colors.Color(0.15, 0.25, 0.55)
SUPERSEDED = colors.Color(0.55, 0.55, 0.55)
SUPERSEDED_FILL = colors.Color(0.88, 0.88, 0.88)
MARKER = colors.Color(0.10, 0.20, 0.45)
GRIDLINE = colors.Color(0.87, 0.87, 0.87)
ZOOM_SHADE = colors.Color(0.95, 0.96, 0.99)
DUE = colors.Color(0.35, 0.35, 0.35)

# The words of the chart: the vocabulary's, where it has them.
MARKER_WORDS = {
    "awareness": "認知",
    "declared": "宣言",
    "contained": STATUS_JA["contained"],
    "recovered": STATUS_JA["recovered"],
    "closed": STATUS_JA["closed"],
}
HANDED_OVER = "引継ぎ"
BEFORE = "引継ぎ前"
AFTER = "引継ぎ後"
# A deadline's state -> the mark drawn for it (see ``_mark``).
MARKS = {"met": "dot", "met_late": "cross", "overdue": "triangle"}


# Text ---------------------------------------------------------------------------------------
def _width(text: str, size: float = FONT_SIZE, font: str = REGULAR) -> float:
    return float(stringWidth(text, font, size))


def _tokens(text: str) -> list[str]:
    """Characters, except that a run of ASCII letters, digits and ``.:/-`` stays whole (a date,
    a number, an identifier never breaks inside)."""
    out: list[str] = []
    for char in text:
        word = char.isascii() and (char.isalnum() or char in ".:/-_")
        if (
            word
            and out
            and out[-1][-1:].isascii()
            and (out[-1][-1].isalnum() or out[-1][-1] in ".:/-_")
        ):
            out[-1] += char
        else:
            out.append(char)
    return out


def wrap(text: str, width: float, size: float = FONT_SIZE, font: str = REGULAR) -> list[str]:
    """``text`` on as many lines of ``width`` as it needs (never cut), with 禁則: no line starts
    with 、。）」 and the like, none ends with 「（ and the like."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for token in _tokens(text):
        w = _width(token, size, font)
        line = lines[-1]
        if line and used + w > width:
            keep = len(line)
            # Pull back what may not end a line, and what may not start the next one.
            while keep > 1 and (
                line[keep - 1] in ALL_CANNOT_END
                or (keep < len(line) and line[keep] in ALL_CANNOT_START)
                or (keep == len(line) and token in ALL_CANNOT_START)
            ):
                keep -= 1
                if len(line) - keep > 3:  # a long run of punctuation breaks anyway
                    keep = len(line)
                    break
            carried = line[keep:]
            del line[keep:]
            lines.append(carried)
            used = sum(_width(t, size, font) for t in carried)
        lines[-1].append(token)
        used += w
    return ["".join(line) for line in lines if line]


def _era_year(day: date) -> str:
    """The year as the record's tables write it, in 和暦: R8. (令和8年)."""
    _, name_en, year = era_year(day)
    return f"{name_en[0]}{year}."


def _day(moment: datetime, year: bool = False) -> str:
    """11/25(水); with the year, as the record's timeline writes it: R8.11.25(水)."""
    local = jst(moment)
    weekday = WEEKDAYS[local.weekday()]
    if year:
        return f"{_era_year(local.date())}{local.month}.{local.day}({weekday})"
    return f"{local.month}/{local.day}({weekday})"


def _clock(moment: datetime) -> str:
    return f"{jst(moment):%H:%M}"


def _when(moment: datetime, multi_day: bool) -> str:
    return f"{_day(moment)} {_clock(moment)}" if multi_day else _clock(moment)


def _due_text(status: DeadlineStatus) -> str:
    """When a clock falls due; one counted in days ends at 24:00 of its last day, as the law
    says it (and as the screen and the record say it)."""
    assert status.due is not None
    if status.days is not None:
        day = status.days.due_day
        return f"{day.month}/{day.day}({WEEKDAYS[day.weekday()]}) 24:00"
    return f"{_day(status.due)} {_clock(status.due)}"


# The axis -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """One linear piece of the axis: ``start``..``end`` drawn over ``x0``..``x1``."""

    start: datetime
    end: datetime
    x0: float
    x1: float

    def x(self, moment: datetime) -> float:
        return self.x0 + (moment - self.start) / (self.end - self.start) * (self.x1 - self.x0)


@dataclass(frozen=True)
class Axis:
    pieces: tuple[Piece, ...]

    @property
    def start(self) -> datetime:
        return self.pieces[0].start

    @property
    def end(self) -> datetime:
        return self.pieces[-1].end

    @property
    def zoomed(self) -> Piece | None:
        return self.pieces[0] if len(self.pieces) > 1 else None

    def x(self, moment: datetime) -> float:
        if moment <= self.start:
            return self.pieces[0].x0
        if moment >= self.end:
            return self.pieces[-1].x1
        piece = next(p for p in self.pieces if moment <= p.end)
        return piece.x(moment)


def axis_for(start: datetime, end: datetime, x0: float, x1: float) -> Axis:
    """A linear axis, or for an incident longer than ``ZOOM_OVER`` two linear pieces with the
    first day given ``ZOOM_SHARE`` of the width: to the first midnight (JST) at least 12 hours
    after the start, so the break falls on a day change and both pieces tick whole days."""
    end = max(end, start + MIN_SPAN)
    if end - start <= ZOOM_OVER:
        return Axis((Piece(start, end, x0, x1),))
    split = jst(start + ZOOM_MIN).replace(hour=0, minute=0, second=0, microsecond=0)
    split += timedelta(days=1)
    cut = x0 + (x1 - x0) * ZOOM_SHARE
    return Axis((Piece(start, split, x0, cut), Piece(split, end, cut, x1)))


def _step(piece: Piece, min_gap: float) -> timedelta:
    per_second = (piece.x1 - piece.x0) / max((piece.end - piece.start).total_seconds(), 1)
    for step in _STEPS:
        if step.total_seconds() * per_second >= min_gap:
            return step
    return _STEPS[-1]


def ticks(piece: Piece, step: timedelta, origin: datetime) -> list[datetime]:
    """Round JST times within the piece: multiples of the step from the midnight of the axis's
    first day (``origin``; a weekly step counts weeks from that day, so its ticks fall on the
    days 8, 15, 22... of a clock counted from it)."""
    midnight = jst(origin).replace(hour=0, minute=0, second=0, microsecond=0)
    skip = max(0, math.floor((piece.start - midnight) / step))
    tick = midnight + skip * step
    out = []
    while tick <= piece.end:
        if tick >= piece.start:
            out.append(tick.astimezone(JST))
        tick += step
    return out


# Lanes --------------------------------------------------------------------------------------
@dataclass
class Lane:
    label: list[str]
    height: float
    kind: str  # "group", "phase" or "deadline"
    timing: PhaseTiming | None = None
    status: DeadlineStatus | None = None
    superseded_at: datetime | None = None  # a phase of a plan handed over at this time
    bold: bool = False
    note: str = ""  # a phase with no bar: why (未着手, 対象外), at the end of its label
    words: list[_Words] = field(default_factory=list)  # a deadline's, over its line


def _runs_of(state_plans: Sequence[PlanRun], phases: Sequence[PhaseTiming]) -> list[int]:
    """For each phase row, the index of the plan run it belongs to (``review`` lists them run
    by run, each run's phases in order)."""
    order = [i for i, run in enumerate(state_plans) for _ in run.playbook.plan.phases]
    if len(order) == len(phases) and all(
        phases[n].plan is state_plans[i].playbook.plan for n, i in enumerate(order)
    ):
        return order
    found = []
    for timing in phases:
        found.append(
            next(
                (i for i, run in enumerate(state_plans) if run.playbook.plan is timing.plan),
                len(state_plans) - 1,
            )
        )
    return found


def _lane_h(lines: int) -> float:
    return max(MIN_LANE_H, lines * LINE_H + LANE_PAD)


def _lanes(
    data: RecordData, facts: Review, deadlines: list[DeadlineStatus], width: float
) -> list[Lane]:
    state = data.state
    text_w = LABEL_W - 8
    runs = _runs_of(state.plans, facts.phases)
    handed = [parse_iso(run.started_at) for run in state.plans[1:]]
    lanes: list[Lane] = []
    current_run = -1
    for timing, plan, run in zip(facts.phases, phase_plans(facts.phases), runs, strict=True):
        if len(state.plans) > 1 and run != current_run:
            current_run = run
            title = state.plans[run].playbook.plan.title.ja
            if run < len(state.plans) - 1:
                heading = f"{BEFORE}の計画: {title}（{_when(handed[run], True)} {HANDED_OVER}）"
            else:
                heading = f"{AFTER}の計画: {title}"
            # A heading may run over the plot, not past the drawing's edge.
            lines = wrap(heading, min(LABEL_W + 200, width - 8), font=BOLD)
            lanes.append(Lane(lines, len(lines) * LINE_H + 3, "group", bold=True))
        name = timing.phase.title.ja
        lines = wrap(f"{name}（{plan}）" if plan else name, text_w)
        superseded = handed[run] if run < len(state.plans) - 1 else None
        note = ""
        if timing.start is None:
            if timing.applicable == 0:
                note = STEP_STATE_JA["not_applicable"]
            elif superseded is None:
                note = STEP_STATE_JA["pending"]
        if note and _width(lines[-1]) + 6 + _width(note, SMALL) > text_w:
            lines.append("")  # the note on a line of its own
        lane = Lane(lines, _lane_h(len(lines)), "phase", timing, None, superseded, note=note)
        lanes.append(lane)
    for status in deadlines:
        lines = wrap("期限: " + status.deadline.title.ja, text_w)
        # The deadline's line and the words of its outcome need two rows of the plot.
        lanes.append(
            Lane(lines, max(_lane_h(len(lines)), 2 * LINE_H + LANE_PAD), "deadline", status=status)
        )
    return lanes


# Drawing ------------------------------------------------------------------------------------
class _Canvas:
    def __init__(self, drawing: Drawing) -> None:
        self.d = drawing

    def text(
        self,
        x: float,
        y: float,
        value: str,
        anchor: str = "start",
        color: object = None,
        size: float = FONT_SIZE,
        font: str = REGULAR,
        halo: bool | colors.Color = False,
    ) -> None:
        """A line of text; ``halo``: on white (or on the colour given), so the grid and the
        marker lines drawn before it break around it instead of running through it."""
        if halo is not False:
            w = _width(value, size, font)
            x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
            self.d.add(
                Rect(
                    x0 - 1,
                    y - 0.22 * size,
                    w + 2,
                    1.08 * size,
                    fillColor=colors.white if halo is True else halo,
                    strokeColor=None,
                )
            )
        self.d.add(
            String(
                x,
                y,
                value,
                fontName=font,
                fontSize=size,
                textAnchor=anchor,
                fillColor=color or colors.black,
            )
        )

    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        color: object,
        width: float = 0.5,
        dash: Sequence[float] | None = None,
    ) -> None:
        self.d.add(Line(x0, y0, x1, y1, strokeColor=color, strokeWidth=width, strokeDashArray=dash))

    def hatch(
        self, x: float, y: float, w: float, h: float, color: object, gap: float = 3.0
    ) -> None:
        """Diagonal lines (/) filling the rectangle, each cut at its sides."""
        offset = -h
        while offset < w:
            ax, ay, bx, by = x + offset, y, x + offset + h, y + h
            if ax < x:
                ay += x - ax
                ax = x
            if bx > x + w:
                by -= bx - (x + w)
                bx = x + w
            if bx > ax:
                self.line(ax, ay, bx, by, color, 0.5)
            offset += gap

    def mark(self, kind: str, x: float, y: float, color: object, r: float = 3.2) -> None:
        """● met, ✕ late, ▲ past due, ○ open: drawn, so no font can turn them into tofu."""
        if kind == "dot":
            self.d.add(Circle(x, y, r, fillColor=color, strokeColor=color, strokeWidth=0.5))
        elif kind == "cross":
            self.line(x - r, y - r, x + r, y + r, color, 1.6)
            self.line(x - r, y + r, x + r, y - r, color, 1.6)
        elif kind == "triangle":
            self.d.add(
                Polygon(
                    [x - r - 0.4, y - r + 0.4, x + r + 0.4, y - r + 0.4, x, y + r + 0.6],
                    fillColor=color,
                    strokeColor=color,
                    strokeWidth=0.5,
                )
            )
        else:  # open
            self.d.add(Circle(x, y, r, fillColor=colors.white, strokeColor=color, strokeWidth=1.1))


@dataclass
class _Flag:
    """A marker label under the lanes, naming one marker line or a cluster of lines a few points
    apart; ``row`` 0 is the row nearest the lanes. Every line runs down to its flag's row."""

    lines: list[tuple[float, object]]  # x, colour
    text: str
    color: object
    x0: float = 0.0
    row: int = 0
    under: bool = False  # no room beside its lines: centred under them, the lines stop above it

    @property
    def w(self) -> float:
        return _width(self.text, SMALL, BOLD)

    @property
    def x1(self) -> float:
        return self.x0 + self.w


def _flags(
    markers: list[tuple[datetime, str]], axis: Axis, multi_day: bool, lo: float, hi: float
) -> list[_Flag]:
    """The markers' labels, one per cluster of lines less than ``CLUSTER_GAP`` apart: three
    labels stacked beside three lines 2 points apart cannot say which line is whose, one label
    naming the three in order can (「封じ込め済み 10:10・復旧済み 11:10・終了 12:10（11/24(火)）」).
    A cluster whose label would fit on neither side of it (within ``lo``..``hi``) is labelled
    line by line instead."""
    clusters: list[list[tuple[datetime, str, float]]] = []
    for moment, words in markers:
        x = axis.x(moment)
        if clusters and x - clusters[-1][-1][2] < CLUSTER_GAP:
            clusters[-1].append((moment, words, x))
        else:
            clusters.append([(moment, words, x)])
    flags = []
    for cluster in clusters:
        flag = _cluster_flag(cluster, multi_day)
        first, last = cluster[0][2], cluster[-1][2]
        fits = last + 1.5 + flag.w <= hi or lo <= first - 1.5 - flag.w
        if len(cluster) == 1 or fits:
            flags.append(flag)
        else:
            flags.extend(_cluster_flag([one], multi_day) for one in cluster)
    return flags


def _cluster_flag(cluster: list[tuple[datetime, str, float]], multi_day: bool) -> _Flag:
    moments = [moment for moment, _, _ in cluster]
    if len(cluster) == 1:
        text = f"{cluster[0][1]} {_when(moments[0], multi_day)}"
    elif multi_day and len({jst(m).date() for m in moments}) == 1:
        text = "・".join(f"{w} {_clock(m)}" for m, w, _ in cluster) + f"（{_day(moments[0])}）"
    else:
        text = "・".join(f"{w} {_when(m, multi_day)}" for m, w, _ in cluster)
    lines: list[tuple[float, object]] = [
        (x, SUPERSEDED if w == HANDED_OVER else MARKER) for _, w, x in cluster
    ]
    handed_only = all(w == HANDED_OVER for _, w, _ in cluster)
    return _Flag(lines, text, SUPERSEDED if handed_only else MARKER)


def _place_flags(flags: list[_Flag], lo: float, hi: float) -> int:
    """Put each flag beside its lines (right of them where it fits, else left), or centred under
    them where neither side has room, and on a row, so that no two flags of a row meet and no
    marker line runs through a flag: a line crossing a flag's extent must stop on a row
    nearer the lanes. Of all the choices of sides, the one with the fewest rows and flags on
    the left counted together (a flag on the left costs as much as a row: the right is where a
    reader looks first), then the fewest on the left. Returns the number of rows."""
    options: list[list[tuple[float, str]]] = []  # (left end, "right", "left" or "under")
    for flag in flags:
        first = min(x for x, _ in flag.lines)
        last = max(x for x, _ in flag.lines)
        sides = [
            (x0, side)
            for x0, side in ((last + 1.5, "right"), (first - 1.5 - flag.w, "left"))
            if lo <= x0 and x0 + flag.w <= hi
        ]
        if not sides:
            centre = (first + last) / 2 - flag.w / 2
            sides = [(max(lo, min(centre, hi - flag.w)), "under")]
        options.append(sides)
    if math.prod(len(o) for o in options) > 4096:  # many hand-overs: the first side of each
        options = [o[:1] for o in options]
    best: tuple[tuple[int, int], list[tuple[float, str]], list[int]] | None = None
    for placed in itertools.product(*options):
        rows = _flag_rows(flags, [x0 for x0, _ in placed])
        if rows is None:
            continue
        lefts = sum(side == "left" for _, side in placed)
        score = (1 + max(rows, default=-1) + lefts, lefts)
        if best is None or score < best[0]:
            best = (score, list(placed), rows)
    if best is None:  # no choice keeps every line off the flags: one flag to a row
        best = ((0, 0), [o[0] for o in options], list(range(len(flags))))
    for flag, (x0, side), row in zip(flags, best[1], best[2], strict=True):
        flag.x0, flag.under, flag.row = x0, side == "under", row
    return 1 + max((flag.row for flag in flags), default=-1)


def _flag_rows(flags: list[_Flag], lefts: list[float]) -> list[int] | None:
    """The rows for flags drawn from ``lefts``, or None where two flags each cross the other's
    line (each would have to be nearer the lanes than the other)."""
    spans = [(x0 - 1.0, x0 + flag.w + 1.0) for x0, flag in zip(lefts, flags, strict=True)]
    n = len(flags)
    # nearer[j]: the flags with a line crossing flag j's extent; they take rows nearer the lanes
    # (a line runs down from the lanes to its own flag's row, through every nearer row).
    nearer = [
        [
            i
            for i in range(n)
            if i != j and any(spans[j][0] <= x <= spans[j][1] for x, _ in flags[i].lines)
        ]
        for j in range(n)
    ]
    rows: dict[int, int] = {}
    while len(rows) < n:
        ready = [j for j in range(n) if j not in rows and all(i in rows for i in nearer[j])]
        if not ready:
            return None  # a cycle
        j = ready[0]
        row = max((rows[i] + 1 for i in nearer[j]), default=0)
        while any(
            r == row and not (spans[j][1] + 2 <= spans[k][0] or spans[j][0] >= spans[k][1] + 2)
            for k, r in rows.items()
        ):
            row += 1
        rows[j] = row
    return [rows[j] for j in range(n)]


def _markers(m: Milestones, handed: list[datetime]) -> list[tuple[datetime, str]]:
    """(time, words) of the marker lines, those at the same time said together (認知・宣言)."""
    found: dict[datetime, list[str]] = {}
    for key, word in MARKER_WORDS.items():
        moment = getattr(m, key)
        if moment is not None:
            found.setdefault(moment, []).append(word)
    for moment in handed:
        found.setdefault(moment, []).append(HANDED_OVER)
    return sorted((moment, "・".join(words)) for moment, words in found.items())


def timeline_chart(data: RecordData, width: float, facts: Review | None = None) -> Drawing:
    register_fonts()
    facts = facts or review(data)
    state = data.state
    marks = milestones(data)
    handed = [parse_iso(run.started_at) for run in state.plans[1:]]
    deadlines = [d for d in data.deadlines if d.anchor_at and d.due]

    # The axis: from awareness, or anything shown earlier, to the close, or as_of while open.
    # Anything that happened after the close (a report sent later) stretches it to be shown.
    shown = [m for m in (marks.awareness, marks.declared) if m is not None]
    shown += [t.start for t in facts.phases if t.start is not None]
    shown += [d.anchor_at for d in deadlines if d.anchor_at is not None]
    start = min(shown) if shown else data.as_of
    end = marks.closed or data.as_of
    later = [t.end for t in facts.phases if t.end is not None]
    later += [d.met_at for d in deadlines if d.met_at is not None]
    later += [d.anchor_at for d in deadlines if d.anchor_at is not None]
    end = max([end, *(t for t in later if t <= data.as_of)])
    plot_x0, plot_x1 = LABEL_W, width - RIGHT_PAD
    axis = axis_for(start, end, plot_x0, plot_x1)
    multi_day = jst(axis.start).date() != jst(axis.end).date()

    lanes = _lanes(data, facts, deadlines, width)
    for lane in lanes:
        if lane.status is not None:
            lane.words = _deadline_words(axis, lane.status, multi_day)
            if any(words.row for words in lane.words):
                lane.height = max(lane.height, TWO_ROW_LANE_H)
    markers = _markers(marks, handed)
    # Marker labels, under the lanes, each beside its line (or lines) on a row of its own choosing.
    flags = _flags(markers, axis, multi_day, 2.0, width - 2.0)
    rows_used = _place_flags(flags, 2.0, width - 2.0)
    legend = _legend_items(data, deadlines, bool(handed), axis)
    legend_rows = _legend_layout(legend, width - 8)

    # The heading: where the axis starts and ends, and the broken scale if there is one.
    if marks.closed is not None:
        closing = f"（{MARKER_WORDS['closed']}）" if end == marks.closed else ""
    else:
        closing = "（記録の時点、未終了）"
    heading = wrap(
        f"時刻 (JST)　{_day(axis.start, True)} {_clock(axis.start)} から "
        f"{_day(axis.end, True)} {_clock(axis.end)}{closing} まで",
        width - 8,
        font=BOLD,
    )
    scale = (
        wrap(
            "縮尺: 網掛けの部分（最初の1日）は拡大して表示。軸の // の位置で縮尺が変わる",
            width - 8,
            SMALL,
        )
        if axis.zoomed is not None
        else []
    )
    head_h = max(2, len(heading) + len(scale)) * ROW_H + 2
    markers_h = rows_used * ROW_H
    ticks_h = 2 * ROW_H + 2
    lanes_h = sum(lane.height for lane in lanes)
    legend_h = len(legend_rows) * 11.0 + 4
    height = head_h + markers_h + ticks_h + lanes_h + legend_h
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=FONT_SIZE)
    c = _Canvas(drawing)

    top = height - head_h - ticks_h  # the axis line
    bottom = legend_h + markers_h + 3  # the lanes' bottom; the marker labels below it
    for n, line in enumerate(heading):
        c.text(4, height - (n + 1) * ROW_H, line, font=BOLD)
    for n, line in enumerate(scale):
        c.text(4, height - (len(heading) + n + 1) * ROW_H, line, size=SMALL, color=DUE)
    if axis.zoomed is not None:
        zoom = axis.zoomed
        drawing.add(
            Rect(
                zoom.x0,
                bottom,
                zoom.x1 - zoom.x0,
                top - bottom,
                fillColor=ZOOM_SHADE,
                strokeColor=None,
            )
        )

    # Ticks: gridlines, times on the row above the axis, dates above them on day changes.
    time_y, date_y = top + 3, top + 3 + ROW_H
    taken: dict[float, list[tuple[float, float]]] = {time_y: [], date_y: []}

    def label(
        x: float,
        y: float,
        text: str,
        anchor: str = "middle",
        force: bool = False,
        font: str = REGULAR,
    ) -> bool:
        """Draw a tick label unless it would run into one drawn before (the ends come first)."""
        w = _width(text, SMALL, font)
        x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        if not force and any(not (x0 + w + 4 <= a or x0 >= b + 4) for a, b in taken[y]):
            return False
        taken[y].append((x0, x0 + w))
        c.text(x, y, text, anchor, size=SMALL, font=font)
        return True

    # The ends first: they are what the reader looks for.
    label(plot_x0, time_y, _clock(axis.start), "start", True, BOLD)
    label(plot_x0, date_y, _day(axis.start, True), "start", True, BOLD)
    label(plot_x1, time_y, _clock(axis.end), "end", True, BOLD)
    if multi_day:
        late_year = jst(axis.end).year != jst(axis.start).year
        label(plot_x1, date_y, _day(axis.end, late_year), "end", True, BOLD)
    last_day = jst(axis.start).date()
    year = last_day.year  # the year of the last date label drawn: a new one is said once
    for piece in axis.pieces:
        step = _step(piece, _width("00:00", SMALL) + 12)
        if step >= timedelta(days=1):
            step = _step(piece, _width("12/31(水)", SMALL) + 8)
        if step >= timedelta(days=7):  # each tick the same weekday: the date says enough
            step = _step(piece, _width("12/31", SMALL) + 5)
        for tick in ticks(piece, step, axis.start):
            x = axis.x(tick)
            c.line(x, top, x, bottom, GRIDLINE, 0.5)
            c.line(x, top, x, top - 2, colors.black, 0.5)
            if step < timedelta(days=1):
                label(x, time_y, _clock(tick))
            if multi_day and tick.date() == jst(axis.end).date():
                last_day = tick.date()  # the end's label says this day
            elif tick.date() != last_day or step >= timedelta(days=1):
                last_day = tick.date()
                plain = f"{tick.month}/{tick.day}" if step >= timedelta(days=7) else _day(tick)
                if tick.year == year:
                    label(x, date_y, plain)
                elif label(x, date_y, f"{_era_year(tick.date())}{plain.replace('/', '.')}"):
                    year = tick.year
                else:  # no room for the year: the date alone, the year said at the next
                    label(x, date_y, plain)
    c.line(plot_x0, top, plot_x1, top, colors.black, 0.8)
    c.line(plot_x0, top, plot_x0, top - 3, colors.black, 0.8)
    c.line(plot_x1, top, plot_x1, top - 3, colors.black, 0.8)
    if axis.zoomed is not None:  # the break: ≈ drawn across the axis line
        bx = axis.zoomed.x1
        for dx in (-1.6, 1.6):
            c.line(bx + dx - 1.8, top - 3, bx + dx + 1.8, top + 3, colors.black, 0.8)

    # Markers: a dashed line through the lanes (under the bars and the words, not through the
    # plans' headings), the label below them.
    for flag in flags:
        label_y = bottom - 3 - (flag.row + 1) * ROW_H + 2
        stop = label_y + 0.9 * SMALL + 1 if flag.under else label_y - 1
        for x, color in flag.lines:
            c.line(x, top, x, stop, color, 0.7, (2, 1.5))
        c.text(flag.x0, label_y, flag.text, "start", flag.color, SMALL, BOLD)

    # Lanes; the plans' headings last, over the marker lines.
    headings: list[tuple[Lane, float]] = []
    y = top
    for lane in lanes:
        y -= lane.height
        if lane.kind == "group":
            headings.append((lane, y))
            continue
        first = y + lane.height / 2 + (len(lane.label) - 1) * LINE_H / 2 - 2.4
        for n, line in enumerate(lane.label):
            c.text(
                8 if lane.superseded_at else 4,
                first - n * LINE_H,
                line,
                color=SUPERSEDED if lane.superseded_at else None,
            )
        if lane.note:
            last = first - (len(lane.label) - 1) * LINE_H
            c.text(LABEL_W - 6, last, lane.note, "end", SUPERSEDED, SMALL)
        if lane.timing is not None:
            _phase_bar(c, axis, lane, y, data.as_of)
        elif lane.status is not None:
            _deadline_line(c, axis, lane, y)

    for lane, y in headings:
        drawing.add(
            Rect(2, y + 1, width - 4, lane.height - 1, fillColor=colors.white, strokeColor=None)
        )
        for n, line in enumerate(lane.label):
            c.text(
                4,
                y + lane.height - (n + 1) * LINE_H + 1.5,
                line,
                font=BOLD,
                color=SUPERSEDED if BEFORE in lane.label[0] else None,
            )
        c.line(4, y + 0.5, plot_x1, y + 0.5, GRIDLINE, 0.5)

    _draw_legend(c, legend_rows)
    return drawing


def _opaque(color: colors.Color, alpha: float) -> colors.Color:
    """``color`` at ``alpha`` over white, as an opaque colour."""
    return colors.Color(
        *(1 - alpha + alpha * part for part in (color.red, color.green, color.blue))
    )


def _phase_bar(c: _Canvas, axis: Axis, lane: Lane, y: float, as_of: datetime) -> None:
    timing = lane.timing
    assert timing is not None
    mid = y + lane.height / 2
    if timing.start is None:  # said in its label (Lane.note)
        return
    color = _STAGE_COLORS.get(timing.phase.stage or "", colors.Color(0.4, 0.5, 0.7))
    end = timing.end or min(as_of, axis.end)
    cut = lane.superseded_at is not None and end > lane.superseded_at
    if lane.superseded_at is not None:
        end = min(end, lane.superseded_at)
    plot_x0, plot_x1 = axis.pieces[0].x0, axis.pieces[-1].x1
    # At least MIN_BAR_W wide, and within the plot: a phase ending at the axis end grows left.
    x0 = axis.x(timing.start)
    x1 = min(max(axis.x(end), x0 + MIN_BAR_W), plot_x1)
    x0 = min(x0, x1 - MIN_BAR_W)
    h = min(lane.height - 6, 9.0)
    by = mid - h / 2
    if lane.superseded_at is not None:
        c.d.add(
            Rect(
                x0,
                by,
                x1 - x0,
                h,
                fillColor=SUPERSEDED_FILL,
                strokeColor=SUPERSEDED,
                strokeWidth=0.5,
            )
        )
        c.hatch(x0, by, x1 - x0, h, SUPERSEDED)
        words = f"{BEFORE} {span_ja(end - timing.start)}"
        if cut:
            words += f"（{HANDED_OVER}で終了）"
    elif timing.end is not None:
        c.d.add(Rect(x0, by, x1 - x0, h, fillColor=color, strokeColor=color, strokeWidth=0.5))
        words = span_ja(timing.end - timing.start)
    else:  # still open: pale, with an open end
        pale = colors.Color(color.red, color.green, color.blue, 0.3)
        c.d.add(
            Rect(
                x0,
                by,
                x1 - x0,
                h,
                fillColor=pale,
                strokeColor=color,
                strokeWidth=0.5,
                strokeDashArray=(2, 1),
            )
        )
        words = f"{span_ja(end - timing.start)}（未完了）"
    # The exact length, whole: right of the bar if there is room, else inside it (white on a
    # full bar), else left of it, else on the side with more room, over what lies there.
    w = _width(words, SMALL)
    text_y = mid - 2.2
    if x1 + 3 + w <= plot_x1:
        c.text(x1 + 3, text_y, words, size=SMALL, halo=True)
    elif w + 4 <= x1 - x0:
        if lane.superseded_at is not None:
            ink, ground = None, True  # on white, readable over the hatching
        elif timing.end is not None:
            ink, ground = colors.white, False  # the full bar hides the lines under it
        else:  # the pale bar's own colour, opaque, over the marker lines seen through it
            ink, ground = None, _opaque(color, 0.3)
        c.text(x1 - 2, text_y, words, "end", ink, SMALL, halo=ground)
    elif x0 - 3 - w >= plot_x0:
        c.text(x0 - 3, text_y, words, "end", size=SMALL, halo=True)
    elif plot_x1 - x1 >= x0 - plot_x0:
        c.text(min(x1 + 3, plot_x1 - w), text_y, words, size=SMALL, halo=True)
    else:
        c.text(max(x0 - 3 - w, plot_x0), text_y, words, size=SMALL, halo=True)


@dataclass(frozen=True)
class _Words:
    """Words on a deadline lane: ``row`` 0 just above its line, 1 above that."""

    x: float
    row: int
    text: str
    color: object
    font: str = REGULAR


def _outcome(
    status: DeadlineStatus, axis: Axis, multi_day: bool
) -> tuple[datetime, str, str, object]:
    """Where the outcome's mark goes, its kind and colour, and the outcome in words."""
    if status.met_at is not None:
        kind = MARKS.get(status.state, "dot")
        color = MET if status.state == "met" else LATE
        said = (
            f"{DEADLINE_STATE_JA.get(status.state, status.state)} {_when(status.met_at, multi_day)}"
        )
        return status.met_at, kind, said, color
    # Still open when the axis ends.
    kind = MARKS.get(status.state, "open")
    color = LATE if status.state == "overdue" else OPEN
    return axis.end, kind, DEADLINE_STATE_JA.get(status.state, status.state), color


def _deadline_words(axis: Axis, status: DeadlineStatus, multi_day: bool) -> list[_Words]:
    """The due time over its mark or beside it, the outcome beside its mark, on one row where
    they fit apart (measured, 6 points between them); else, for a clock due after the axis ends,
    the outcome then the due time as one line at the end; else on two rows, each by its mark."""
    assert status.due is not None
    plot_x0, plot_x1 = axis.pieces[0].x0, axis.pieces[-1].x1
    beyond = status.due > axis.end
    xd = axis.x(status.due)
    at, _, outcome, color = _outcome(status, axis, multi_day)
    xm = axis.x(at)
    due = f"期日 {_due_text(status)}" + (" →" if beyond else "")
    w_due, w_out = _width(due, SMALL), _width(outcome, SMALL, BOLD)

    def inside(x: float, w: float) -> bool:
        return plot_x0 <= x and x + w <= plot_x1

    due_xs = [plot_x1 - w_due] if beyond else [xd - w_due / 2, xd - 4 - w_due, xd + 4]
    out_xs = [xm + 5, xm - 5 - w_out]
    for d in due_xs:
        for o in out_xs:
            if inside(d, w_due) and inside(o, w_out) and (o + w_out + 6 <= d or o >= d + w_due + 6):
                return [_Words(o, 0, outcome, color, BOLD), _Words(d, 0, due, DUE)]
    both = w_out + 8 + w_due
    if beyond and both <= plot_x1 - plot_x0:
        o = xm + 5 if xm + 5 + both <= plot_x1 else plot_x1 - both
        return [_Words(o, 0, outcome, color, BOLD), _Words(o + w_out + 8, 0, due, DUE)]
    o = next((o for o in out_xs if inside(o, w_out)), xm - w_out / 2)
    d = next((d for d in due_xs if inside(d, w_due)), xd - w_due / 2)
    return [
        _Words(max(plot_x0, min(o, plot_x1 - w_out)), 0, outcome, color, BOLD),
        _Words(max(plot_x0, min(d, plot_x1 - w_due)), 1, due, DUE),
    ]


def _deadline_line(c: _Canvas, axis: Axis, lane: Lane, y: float) -> None:
    """The clock's line from its anchor to its due time, the mark of its outcome, and above the
    line the due time and the outcome in words (placed by ``_deadline_words``)."""
    status = lane.status
    assert status is not None and status.anchor_at is not None and status.due is not None
    line_y = y + 5.5
    plot_x1 = axis.pieces[-1].x1
    xa = axis.x(status.anchor_at)
    beyond = status.due > axis.end
    xd = axis.x(status.due)
    c.line(xa, line_y, xd + (5 if beyond else 0), line_y, DUE, 1.0)
    c.line(xa, line_y - 3.5, xa, line_y + 3.5, colors.black, 0.8)  # the anchor
    if beyond:  # due after the axis ends: an arrow past its end
        tip = plot_x1 + 9.5  # clear of the mark at the axis end
        c.d.add(
            Polygon(
                [tip, line_y, tip - 5, line_y + 3, tip - 5, line_y - 3],
                fillColor=DUE,
                strokeColor=DUE,
            )
        )
    else:
        c.line(xd, line_y - 4.5, xd, line_y + 4.5, LATE, 1.6)
    at, kind, _, color = _outcome(status, axis, False)
    c.mark(kind, axis.x(at), line_y, color)
    for words in lane.words:
        c.text(
            words.x,
            line_y + 5.0 + words.row * WORDS_ROW,
            words.text,
            size=SMALL,
            color=words.color,
            font=words.font,
            halo=True,
        )


# Legend -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Item:
    kind: str  # how its sample is drawn
    words: str
    color: object = None


def _legend_items(
    data: RecordData, deadlines: list[DeadlineStatus], handed: bool, axis: Axis
) -> list[_Item]:
    items = [
        _Item("bar", "フェーズ（完了）", _STAGE_COLORS["detect"]),
        _Item("pale", "フェーズ（未完了）", _STAGE_COLORS["detect"]),
    ]
    if handed:
        items.append(_Item("hatch", f"{BEFORE}の計画のフェーズ（{HANDED_OVER}の時刻まで）"))
    items.append(_Item("marker", "・".join(MARKER_WORDS.values()) + "の時刻"))
    if deadlines:
        items.append(_Item("clock", "期限: 起点 ― 期日"))
        for state in ("met", "met_late", "overdue", "running"):
            kind = MARKS.get(state, "open")
            color = MET if state == "met" else LATE if kind != "open" else OPEN
            items.append(
                _Item(
                    kind,
                    DEADLINE_STATE_JA[state]
                    + ("（未完了）" if state in ("overdue", "running") else ""),
                    color,
                )
            )
    return items


def _legend_layout(items: list[_Item], width: float) -> list[list[tuple[float, _Item]]]:
    rows: list[list[tuple[float, _Item]]] = [[]]
    x = 0.0
    for item in items:
        w = 16 + _width(item.words, SMALL) + 12
        if rows[-1] and x + w > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, item))
        x += w
    return rows


def _draw_legend(c: _Canvas, rows: list[list[tuple[float, _Item]]]) -> None:
    for n, row in enumerate(rows):
        y = 4 + (len(rows) - 1 - n) * 11.0
        for dx, item in row:
            x = 4 + dx
            mid = y + 2.5
            if item.kind in ("bar", "pale"):
                fill = item.color if item.kind == "bar" else colors.Color(0.30, 0.50, 0.80, 0.3)
                c.d.add(
                    Rect(x, y - 0.5, 12, 6, fillColor=fill, strokeColor=item.color, strokeWidth=0.5)
                )
            elif item.kind == "hatch":
                c.d.add(
                    Rect(
                        x,
                        y - 0.5,
                        12,
                        6,
                        fillColor=SUPERSEDED_FILL,
                        strokeColor=SUPERSEDED,
                        strokeWidth=0.5,
                    )
                )
                c.hatch(x, y - 0.5, 12, 6, SUPERSEDED, 2.5)
            elif item.kind == "marker":
                c.line(x + 6, y - 1.5, x + 6, y + 7, MARKER, 0.7, (2, 1.5))
            elif item.kind == "clock":
                c.line(x, mid, x + 12, mid, DUE, 1.0)
                c.line(x, mid - 3, x, mid + 3, colors.black, 0.8)
                c.line(x + 12, mid - 3.5, x + 12, mid + 3.5, LATE, 1.6)
            else:
                c.mark(item.kind, x + 6, mid, item.color, 2.8)
            c.text(x + 16, y, item.words, size=SMALL)

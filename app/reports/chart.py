"""The timeline chart: phases and deadlines on one time axis (reportlab graphics).

The same ``Drawing`` goes into the after-action PDF and, rasterised, into the PNG export.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.timeutil import jst, parse_iso
from app.reports.facts import RecordData, Review, phase_plans, review
from app.reports.fonts import REGULAR, register_fonts
from app.reports.layout import fit

LABEL_W = 150.0
LANE_H = 17.0
AXIS_H = 26.0
LEGEND_H = 16.0
FONT_SIZE = 7.0
_TICK_MINUTES = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160)
_STAGE_COLORS = {
    "detect": colors.Color(0.30, 0.50, 0.80),
    "contain": colors.Color(0.85, 0.50, 0.15),
    "recover": colors.Color(0.25, 0.65, 0.35),
    "report": colors.Color(0.55, 0.35, 0.70),
    "review": colors.Color(0.45, 0.45, 0.45),
}
MET = colors.Color(0.15, 0.55, 0.25)
LATE = colors.Color(0.80, 0.15, 0.15)


def _fit(text: str, width: float) -> str:
    return fit(text, width, FONT_SIZE)


def _lane_label(phase: str, plan: str) -> str:
    """The phase title, and the plan's in brackets where two plans share the phase title; the
    plan part keeps at least half the room so the two lanes stay told apart."""
    if not plan:
        return _fit(phase, LABEL_W - 8)
    suffix = _fit(f"（{plan}", (LABEL_W - 8) / 2) + "）"
    return _fit(phase, LABEL_W - 8 - stringWidth(suffix, REGULAR, FONT_SIZE)) + suffix


def _tick_step(span: timedelta) -> timedelta:
    minutes = max(span.total_seconds() / 60, 1)
    for step in _TICK_MINUTES:
        if minutes / step <= 8:
            return timedelta(minutes=step)
    return timedelta(minutes=_TICK_MINUTES[-1])


def _tick_label(moment: datetime, multi_day: bool) -> str:
    local = jst(moment)
    return f"{local:%m/%d %H:%M}" if multi_day else f"{local:%H:%M}"


def timeline_chart(data: RecordData, width: float, facts: Review | None = None) -> Drawing:
    register_fonts()
    facts = facts or review(data)
    state = data.state
    t0 = parse_iso(state.declared_at)
    # The axis ends at the last thing that happened (not when it was typed in), plus a margin.
    last = parse_iso(state.last_occurred_at or state.declared_at)
    t1 = max(last, t0 + timedelta(minutes=10))
    t1 += (t1 - t0) * 0.04
    deadlines = [d for d in data.deadlines if d.anchor_at and d.due]
    lanes = len(facts.phases) + len(deadlines)
    height = AXIS_H + lanes * LANE_H + LEGEND_H + 6
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=FONT_SIZE)
    plot_x0 = LABEL_W
    plot_w = width - LABEL_W - 8

    def x_of(moment: datetime) -> float:
        ratio = (moment - t0) / (t1 - t0)
        return plot_x0 + max(0.0, min(1.0, ratio)) * plot_w

    def text(x: float, y: float, value: str, anchor: str = "start", color: object = None) -> None:
        drawing.add(
            String(
                x,
                y,
                value,
                fontName=REGULAR,
                fontSize=FONT_SIZE,
                textAnchor=anchor,
                fillColor=color or colors.black,
            )
        )

    top = height - AXIS_H
    # Time axis with ticks aligned to round JST times.
    step = _tick_step(t1 - t0)
    multi_day = jst(t0).date() != jst(t1).date()
    local0 = jst(t0)
    first = local0.replace(minute=0, second=0, microsecond=0)
    if step >= timedelta(days=1):
        first = first.replace(hour=0)
    tick = first
    while tick <= t1:
        if tick >= t0:
            x = x_of(tick)
            drawing.add(Line(x, top, x, LEGEND_H, strokeColor=colors.Color(0.85, 0.85, 0.85)))
            text(x, top + 4, _tick_label(tick, multi_day), "middle")
        tick += step
    text(plot_x0, top + 14, "時刻 (JST)")
    drawing.add(Line(plot_x0, top, plot_x0 + plot_w, top, strokeColor=colors.black))

    y = top
    for timing, plan in zip(facts.phases, phase_plans(facts.phases), strict=True):
        y -= LANE_H
        text(4, y + 5, _lane_label(timing.phase.title.ja, plan))
        if timing.start is None:
            continue
        color = _STAGE_COLORS.get(timing.phase.stage or "", colors.Color(0.4, 0.5, 0.7))
        end = timing.end or data.as_of
        x0, x1 = x_of(timing.start), x_of(end)
        drawing.add(
            Rect(
                x0,
                y + 3,
                max(x1 - x0, 2.0),
                LANE_H - 6,
                fillColor=color
                if timing.end
                else colors.Color(color.red, color.green, color.blue, 0.35),
                strokeColor=color,
                strokeWidth=0.5,
            )
        )
    for status in deadlines:
        y -= LANE_H
        assert status.anchor_at is not None and status.due is not None
        text(4, y + 5, _fit("期限: " + status.deadline.title.ja, LABEL_W - 8))
        xa, xd = x_of(status.anchor_at), x_of(status.due)
        mid = y + LANE_H / 2
        drawing.add(Line(xa, mid, xd, mid, strokeColor=colors.Color(0.4, 0.4, 0.4), strokeWidth=1))
        drawing.add(Line(xa, mid - 4, xa, mid + 4, strokeColor=colors.black))
        if status.due <= t1:
            drawing.add(Line(xd, mid - 5, xd, mid + 5, strokeColor=LATE, strokeWidth=1.5))
        else:  # due after the end of the axis: an arrow and the date
            drawing.add(
                Polygon([xd, mid, xd - 5, mid + 3, xd - 5, mid - 3], fillColor=colors.black)
            )
            label = "期日 " + _tick_label(status.due, True)
            text(xd - 7, mid + 3, label, "end")
        if status.met_at is not None:
            color = MET if status.state == "met" else LATE
            drawing.add(Circle(x_of(status.met_at), mid, 3.2, fillColor=color, strokeColor=color))
    # Legend
    text(plot_x0, 4, "■ フェーズ（薄色は未完了）　｜ 起点 ― 期日　● 完了（緑: 期限内、赤: 期限後）")
    return drawing

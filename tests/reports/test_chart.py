"""The timeline chart of the after-action report, read back from the PDF: an axis from awareness
to the close, the milestones marked, a superseded plan drawn as such, a scale that keeps the
first day readable, deadline labels whole, met and late told apart by shape, and a legend.

Two incidents built through the services: a drill of about five hours, and a leak of 60 days
that started under 初報 and was handed over after an hour, one report three days late."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.graphics import renderPDF

from app.domain.clock import ManualClock
from app.domain.timeutil import JST
from app.reports import chart
from app.reports.chart import LABEL_W, axis_for, timeline_chart, wrap
from app.reports.facts import (
    DEADLINE_STATE_JA,
    STATUS_JA,
    Milestones,
    RecordData,
    milestones,
    record_data,
    review,
    span_ja,
)
from app.reports.record import render_after_action
from app.services.reports import load_record_data
from app.services.workspace import Workspace
from tests.conftest import START

WIDTH = 515.0  # about the after-action report's text width


# Two incidents -----------------------------------------------------------------------------
def drill_incident(ws: Workspace, clock: ManualClock) -> str:
    """A ransomware drill: aware at 08:50, declared 09:00, contained 10:30, recovered 13:00,
    closed 14:20 JST; the PPC preliminary report made at 11:00 (in time), the others open."""
    inc = ws.incidents

    def at(minutes: int) -> datetime:
        clock.set(START + timedelta(minutes=minutes))
        return clock.now()

    incident = inc.start(
        "ransomware",
        "訓練: 庁内ファイルサーバの暗号化",
        "訓練 太郎",
        mode="drill",
        body="executive",
        awareness_at=START - timedelta(minutes=10),
    )
    at(5)
    inc.complete_step(incident, "isolate", "訓練 太郎", fields={"host": "FIN-PC-023"})
    at(12)
    inc.complete_step(incident, "record_note", "訓練 花子")
    at(20)
    inc.decide(incident, "personal_data", "unknown", "訓練 太郎")
    inc.decide(incident, "mynumber_data", "unknown", "訓練 太郎")
    inc.decide(incident, "operations_stopped", "no", "訓練 太郎")
    at(40)
    inc.complete_step(incident, "isolate_backups", "訓練 花子", fields={"backups": "NAS"})
    at(90)
    inc.set_status(incident, "contained", "訓練 太郎")
    at(120)
    inc.complete_step(incident, "ppc_preliminary", "訓練 太郎")
    at(150)
    inc.decide(incident, "clean_backup", "yes", "訓練 太郎")
    inc.complete_step(incident, "restore", "訓練 花子")
    at(240)
    inc.set_status(incident, "recovered", "訓練 太郎")
    at(320)
    inc.set_status(incident, "closed", "訓練 太郎", summary="訓練終了")
    return incident


def leak_incident(ws: Workspace, clock: ManualClock) -> str:
    """A leak over 60 days: aware 08:30, declared 09:00 under 初報 and handed over at 10:00 to the
    personal-data plan; contained the same day, the PPC preliminary report on day 8 (late: due
    day 5 at 24:00), the final one on day 25, recovered on day 10, closed on day 60."""
    inc = ws.incidents

    def at(delta: timedelta) -> None:
        clock.set(START + delta)

    h, d = timedelta(hours=1), timedelta(days=1)
    incident = inc.start(
        "initial_report",
        "住民情報の誤送付",
        "山田 一郎",
        mode="real",
        body="executive",
        awareness_at=START - timedelta(minutes=30),
    )
    at(0.1 * h)
    inc.complete_step(incident, "leave_as_is", "山田 一郎")
    at(0.3 * h)
    inc.complete_step(
        incident,
        "record_first",
        "山田 一郎",
        fields={"reporter": "窓口", "noticed_at": "2026-11-25T08:30+09:00", "what": "誤送付"},
    )
    at(0.5 * h)
    inc.complete_step(incident, "report_manager", "山田 一郎")
    inc.decide(incident, "route", "handover", "山田 一郎")
    inc.decide(incident, "personal_data", "yes", "山田 一郎")
    inc.decide(incident, "ppc_reportable", "yes", "山田 一郎")
    inc.decide(incident, "malicious", "no", "山田 一郎")
    inc.decide(incident, "mynumber_data", "no", "山田 一郎")
    at(0.8 * h)
    inc.complete_step(incident, "triage", "山田 一郎")
    at(0.9 * h)
    inc.complete_step(incident, "choose_plan", "山田 一郎", fields={"plan": "personal_data_leak"})
    at(1 * h)
    inc.hand_over(incident, "personal_data_leak", "山田 一郎")
    at(1.5 * h)
    inc.decide(incident, "leak_cause", "misdelivery", "山田 一郎")
    inc.complete_step(
        incident, "report_supervisor", "山田 一郎", fields={"reported_at": "2026-11-25T09:20+09:00"}
    )
    at(2 * h)
    inc.complete_step(incident, "record_what", "山田 一郎", fields={"recipient": "市民A"})
    inc.complete_step(incident, "escalate", "山田 一郎")
    at(3 * h)
    inc.complete_step(incident, "ask_delete", "山田 一郎")
    inc.complete_step(incident, "recall_mail", "山田 一郎")
    at(4 * h)
    inc.set_status(incident, "contained", "山田 一郎")
    at(5 * h)
    inc.complete_step(incident, "report_ciso", "山田 一郎")
    at(1 * d + 2 * h)
    inc.complete_step(incident, "enquiry_desk", "山田 一郎")
    at(2 * d + 2 * h)
    inc.complete_step(incident, "notify_persons", "山田 一郎")
    inc.complete_step(incident, "publish", "山田 一郎", fields={"decision": "公表しない"})
    at(7 * d + 2 * h)
    inc.complete_step(incident, "ppc_preliminary", "山田 一郎")
    at(9 * d + 3 * h)
    inc.set_status(incident, "recovered", "山田 一郎")
    at(24 * d + 5 * h)
    inc.complete_step(incident, "ppc_final", "山田 一郎")
    at(58 * d + 6 * h)
    inc.complete_step(incident, "lessons", "山田 一郎")
    at(59 * d + 6 * h)
    inc.set_status(incident, "closed", "山田 一郎", summary="誤送付への対応を終えた")
    return incident


@pytest.fixture
def drill_data(workspace: Workspace, clock: ManualClock) -> RecordData:
    return load_record_data(workspace, drill_incident(workspace, clock))


@pytest.fixture
def leak_data(workspace: Workspace, clock: ManualClock) -> RecordData:
    return load_record_data(workspace, leak_incident(workspace, clock))


# Reading the chart back ---------------------------------------------------------------------
class Read:
    """The chart drawn alone on a PDF page, read back with pdfplumber."""

    def __init__(self, data: RecordData, width: float = WIDTH) -> None:
        drawing = timeline_chart(data, width)
        pdf = pdfplumber.open(io.BytesIO(renderPDF.drawToString(drawing)))
        self.page = pdf.pages[0]
        self.words = self.page.extract_words(keep_blank_chars=True, use_text_flow=True)
        self.text = self.page.extract_text() or ""
        self.flat = "".join(self.text.split())
        self.width = width
        self.plot_x1 = width - chart.RIGHT_PAD
        self.rects = self.page.rects
        self.lines = self.page.lines
        pdf.close()

    def label_column(self) -> str:
        """The lane labels, top to bottom, run together (a wrapped label reads whole)."""
        column = self.page.crop((0, 0, LABEL_W - 2, self.page.height))
        return "".join((column.extract_text() or "").split())

    def above_legend(self) -> str:
        """The text of the axis, the lanes and the markers' labels (not the legend's words)."""
        legend = self.find("フェーズ（完了）")[0]["top"]
        return self.page.crop((0, 0, self.page.width, legend - 1)).extract_text() or ""

    def find(self, text: str) -> list[dict[str, Any]]:
        return [w for w in self.words if text in w["text"]]

    def axis_labels(self) -> list[dict[str, Any]]:
        """The tick labels: the words on the two rows just above the axis line."""
        axis = min(
            (ln for ln in self.lines if abs(ln["top"] - ln["bottom"]) < 0.1 and ln["width"] > 200),
            key=lambda ln: ln["top"],
        )
        return [w for w in self.words if axis["top"] - 22 < w["bottom"] <= axis["top"]]


def _jst(moment: datetime | None) -> datetime:
    assert moment is not None
    return moment.astimezone(JST)


def _day(moment: datetime) -> str:
    return f"{moment.month}/{moment.day}({'月火水木金土日'[moment.weekday()]})"


def _dated(moment: datetime) -> str:
    """The axis's date with its year, in 和暦 as the record's tables write it: R8.11.25(水)."""
    era = moment.year - 2018  # 令和 (these tests run in 2026–2027)
    return f"R{era}.{moment.month}.{moment.day}({'月火水木金土日'[moment.weekday()]})"


# milestones() ---------------------------------------------------------------------------------
def test_milestones_of_the_drill(drill_data: RecordData) -> None:
    m = milestones(drill_data)
    assert m == Milestones(
        awareness=START - timedelta(minutes=10),
        declared=START,
        contained=START + timedelta(minutes=90),
        recovered=START + timedelta(minutes=240),
        closed=START + timedelta(minutes=320),
    )


def test_milestones_as_of_an_earlier_moment(drill_data: RecordData) -> None:
    earlier = record_data(
        drill_data.state, drill_data.entries, as_of=START + timedelta(minutes=200)
    )
    m = milestones(earlier)
    assert m.contained == START + timedelta(minutes=90)
    assert m.recovered is None and m.closed is None


def test_milestones_leave_out_a_retracted_change_and_a_reopened_close(
    workspace: Workspace, clock: ManualClock
) -> None:
    inc = workspace.incidents
    incident = inc.start("ransomware", "誤操作の確認", "山田 一郎", mode="drill")
    clock.advance(timedelta(minutes=30))
    wrong = inc.set_status(incident, "contained", "山田 一郎")
    clock.advance(timedelta(minutes=5))
    inc.correct(incident, wrong.uuid, "まだ封じ込めていなかった", "山田 一郎")
    clock.advance(timedelta(minutes=25))
    inc.set_status(incident, "contained", "山田 一郎")
    clock.advance(timedelta(minutes=60))
    inc.set_status(incident, "closed", "山田 一郎", summary="終えた")
    m = milestones(load_record_data(workspace, incident))
    assert m.contained == START + timedelta(minutes=60)  # not the retracted 30
    assert m.closed == START + timedelta(minutes=120)
    clock.advance(timedelta(minutes=10))
    inc.set_status(incident, "open", "山田 一郎")  # reopened: it has left both
    m = milestones(load_record_data(workspace, incident))
    assert m.closed is None and m.contained is None and m.declared == START
    clock.advance(timedelta(minutes=10))
    inc.set_status(incident, "contained", "山田 一郎")  # reached again: the later time
    m = milestones(load_record_data(workspace, incident))
    assert m.contained == START + timedelta(minutes=140) and m.closed is None


def test_milestones_of_the_leak(leak_data: RecordData) -> None:
    m = milestones(leak_data)
    assert m.awareness == START - timedelta(minutes=30)
    assert m.declared == START
    assert m.contained == START + timedelta(hours=4)
    assert m.recovered == START + timedelta(days=9, hours=3)
    assert m.closed == START + timedelta(days=59, hours=6)


# The axis -----------------------------------------------------------------------------------
def test_the_drill_axis_runs_from_awareness_to_the_close(drill_data: RecordData) -> None:
    read = Read(drill_data)
    m = milestones(drill_data)
    labels = read.axis_labels()
    texts = [w["text"] for w in labels]
    # The start: the awareness time, with its date and year; the end: the close time.
    start, end = _jst(m.awareness), _jst(m.closed)
    assert f"{start:%H:%M}" in texts and _dated(start) in texts
    last = max(labels, key=lambda w: w["x1"])
    assert last["text"] == f"{end:%H:%M}" and abs(last["x1"] - read.plot_x1) < 1
    first = min(labels, key=lambda w: w["x0"])
    assert abs(first["x0"] - LABEL_W) < 1
    # Ticks every 30 minutes on a 5.5-hour axis: readable, and more than two.
    ticks = [t for t in texts if t.endswith(":00") or t.endswith(":30")]
    # (09:00 and 14:00 give way to the ends' labels, 08:50 and 14:20, too close to them.)
    assert {"09:30", "10:00", "10:30", "11:00", "12:00", "13:00", "13:30"} <= set(ticks)
    # Not a five-day axis: no other date on it.
    assert not [t for t in texts if "/" in t and t != _dated(start)]


def test_the_leak_axis_ends_at_the_close_with_dates_on_it(leak_data: RecordData) -> None:
    read = Read(leak_data)
    m = milestones(leak_data)
    end = _jst(m.closed)
    labels = read.axis_labels()
    right = sorted((w for w in labels if abs(w["x1"] - read.plot_x1) < 1), key=lambda w: w["top"])
    assert [w["text"] for w in right] == [_dated(end), f"{end:%H:%M}"]  # a new year
    texts = [w["text"] for w in labels]
    dates = [t for t in texts if "(" in t]
    weekly = [
        t
        for t in texts
        if (t.count("/") == 1 and "(" not in t) or re.fullmatch(r"R\d+\.\d+\.\d+", t)
    ]
    # Weekly ticks over 60 days, counted from the day of awareness (days 15, 22...); those
    # too near the break or the end give way to the labels there. The new year is said once,
    # in 和暦, at its first tick.
    assert len(weekly) >= 5 and {"12/9", "12/16", "R9.1.6"} <= set(weekly)
    assert "R8.11.25(水)" in dates
    assert "縮尺" in read.flat  # the broken scale is said


def test_the_first_day_is_not_a_sliver(leak_data: RecordData) -> None:
    axis = axis_for(START, START + timedelta(days=60), 100, 500)
    day = axis.x(START + timedelta(days=1)) - axis.x(START)
    assert day >= 0.35 * 400  # linear, it would be 400 / 60 = 6.7 points
    later = axis.x(START + timedelta(days=31)) - axis.x(START + timedelta(days=30))
    assert later < day / 10  # the rest stays to one linear scale
    assert axis.x(START + timedelta(days=60)) == 500
    # In the drawn chart: the first plan's first phase (54 minutes) is a bar, not a hairline,
    # and its length is printed beside it.
    read = Read(leak_data)
    detect = read.find("気付いたことの記録と報告")[0]
    bars = [
        r
        for r in read.rects
        if abs((r["top"] + r["bottom"]) / 2 - (detect["top"] + detect["bottom"]) / 2) < 6
        and r["x0"] >= LABEL_W
    ]
    assert bars and max(r["width"] for r in bars) >= 8
    assert "引継ぎ前 54分" in read.text


def test_a_short_drill_is_one_linear_scale() -> None:
    axis = axis_for(START, START + timedelta(hours=5), 100, 500)
    assert axis.zoomed is None
    assert axis.x(START + timedelta(hours=1)) == pytest.approx(180)


# Markers, the superseded plan, deadline labels and the legend -----------------------------
def test_markers_for_the_milestones(drill_data: RecordData, leak_data: RecordData) -> None:
    for data in (drill_data, leak_data):
        read = Read(data)
        m = milestones(data)
        multi = data is leak_data
        for word, moment in (
            ("認知", m.awareness),
            ("宣言", m.declared),
            (STATUS_JA["contained"], m.contained),
            (STATUS_JA["recovered"], m.recovered),
            (STATUS_JA["closed"], m.closed),
        ):
            local = _jst(moment)
            when = f"{_day(local)} {local:%H:%M}" if multi else f"{local:%H:%M}"
            assert read.find(f"{word} {when}"), (word, when)
    assert Read(leak_data).find("引継ぎ 11/25(水) 10:00")


def test_the_superseded_plan_is_marked_and_cut_at_the_hand_over(
    workspace: Workspace, leak_data: RecordData
) -> None:
    read = Read(leak_data)
    first = workspace.library.get("initial_report").plan.title.ja
    assert "".join(f"引継ぎ前の計画:{first}".split()) in read.flat
    assert "引継ぎ後の計画:" in read.flat
    # The first plan's 'report' phase never ended (its steps moved to the new plan): its bar
    # ends at the hand-over, an hour in, not at the close 59 days later.
    handed = leak_data.state.plans[1].started_at
    assert handed.startswith("2026-11-25T01:00")
    axis_x = axis_for(
        START - timedelta(minutes=30),
        START + timedelta(days=59, hours=6),
        LABEL_W,
        read.plot_x1,
    ).x(START + timedelta(hours=1))
    legend = read.find("フェーズ（完了）")[0]["top"]
    grey = [
        r
        for r in read.rects
        if r["x0"] >= LABEL_W
        and r["bottom"] < legend
        and tuple(r.get("non_stroking_color") or ()) == (0.88, 0.88, 0.88)
    ]
    assert grey, "the superseded phases are drawn grey"
    assert max(r["x1"] for r in grey) <= axis_x + chart.MIN_BAR_W + 0.5
    assert "引継ぎ前" in read.text and "引継ぎで終了" in read.text


def test_deadline_labels_are_whole(drill_data: RecordData, leak_data: RecordData) -> None:
    for data in (drill_data, leak_data):
        read = Read(data)
        column = read.label_column()
        shown = [d for d in data.deadlines if d.anchor_at and d.due]
        assert shown
        for status in shown:
            assert "期限:" + "".join(status.deadline.title.ja.split()) in column
        assert "…" not in read.text


def test_met_and_late_are_told_apart_in_words_and_a_legend(
    drill_data: RecordData, leak_data: RecordData
) -> None:
    late = Read(leak_data)
    assert DEADLINE_STATE_JA["met_late"] + " 12/2(水) 11:00" in late.text  # due 11/29 24:00
    assert DEADLINE_STATE_JA["met"] + " 12/19(土) 14:00" in late.text
    ontime = Read(drill_data)
    assert DEADLINE_STATE_JA["met"] + " 11:00" in ontime.text
    assert DEADLINE_STATE_JA["running"] in ontime.text
    for read in (late, ontime):
        for state in ("met", "met_late", "overdue", "running"):
            assert DEADLINE_STATE_JA[state] in read.text  # the legend names every mark
        assert "フェーズ（完了）" in read.text and "起点" in read.text
    assert "引継ぎ前の計画のフェーズ" in late.text


def test_the_marks_are_drawn_shapes(leak_data: RecordData) -> None:
    """✕ is two crossing lines, ▲ a filled path: nothing a font could draw as tofu."""
    read = Read(leak_data)
    assert not any(ch in read.text for ch in "●✕▲○")
    thick = [ln for ln in read.lines if ln.get("linewidth", 0) >= 1.5 and ln["x0"] != ln["x1"]]
    assert len(thick) >= 2  # the ✕ of the late report (and the legend's)


def test_wrap_never_cuts_and_keeps_numbers_whole() -> None:
    title = "期限: 特定個人情報の漏えい等の確報（不正の目的のおそれ・60日）"
    lines = wrap(title, 60)
    assert "".join(lines) == title and len(lines) > 1
    assert all(chart._width(line) <= 60 for line in lines)
    assert not any(line.endswith("（") or line.startswith("）") for line in lines)
    assert any("60日" in line for line in lines)


def test_in_the_after_action_report(
    drill_data: RecordData, leak_data: RecordData, tmp_path: Path
) -> None:
    for name, data in (("drill", drill_data), ("leak", leak_data)):
        out = tmp_path / f"{name}.pdf"
        render_after_action(data, out)
        with pdfplumber.open(str(out)) as pdf:
            page = next(p for p in pdf.pages if "タイムラインチャート" in (p.extract_text() or ""))
            text = page.extract_text() or ""
        end = _jst(milestones(data).closed)
        assert f"{end:%H:%M}" in text and "認知" in text and "…" not in text


def test_the_png_export_draws_the_same_chart(drill_data: RecordData, tmp_path: Path) -> None:
    from app.reports.export import chart_png

    out = tmp_path / "chart.png"
    width, height = chart_png(drill_data, out)
    assert width == 1600 and 300 < height < 2000
    # The file is the chart pdfium drew, pixel for pixel: the same drawing rendered again here.
    import pypdfium2
    from PIL import Image
    from reportlab.graphics import renderPDF

    from app.reports.chart import timeline_chart

    pdf = pypdfium2.PdfDocument(renderPDF.drawToString(timeline_chart(drill_data, 760.0)))
    page = pdf[0]
    drawn = page.render(scale=1600 / page.get_width(), fill_color=(255, 255, 255, 255)).to_pil()
    pdf.close()
    with Image.open(out) as written:
        assert written.size == (width, height) == drawn.size
        pixels = written.convert("RGB").tobytes()
        assert pixels == drawn.convert("RGB").tobytes()
        # Not blank: the lanes, the axis and the labels are there.
        assert len({pixels[i : i + 3] for i in range(0, len(pixels), 3)}) > 20


def test_as_of_a_moment_before_the_close(workspace: Workspace, clock: ManualClock) -> None:
    """Printed as of day 7, the leak is open: the axis ends then, and the preliminary report,
    due at the end of day 5 and not yet made, is past due (▲ 期限超過), not late."""
    incident = leak_incident(workspace, clock)
    as_of = START + timedelta(days=6, hours=3)
    data = load_record_data(workspace, incident, as_of=as_of)
    read = Read(data)
    local = as_of.astimezone(JST)
    right = sorted(
        (w for w in read.axis_labels() if abs(w["x1"] - read.plot_x1) < 1), key=lambda w: w["top"]
    )
    assert [w["text"] for w in right] == [_day(local), f"{local:%H:%M}"]
    assert "記録の時点、未終了" in read.flat
    lanes = read.above_legend()
    assert DEADLINE_STATE_JA["overdue"] in lanes  # the preliminary report, past due
    assert STATUS_JA["recovered"] not in lanes  # recovered on day 10: not yet
    assert DEADLINE_STATE_JA["met_late"] not in lanes and DEADLINE_STATE_JA["met"] not in lanes


# Nothing cut, nothing on top of anything -------------------------------------------------------
# The after-action report's width, the PNG export's and a narrow one. A four-day leak (the
# scenario of test_report_page: aware 11/20 09:00, the 72-hour report a day late at 11/24 09:10,
# contained 10:10, recovered 11:10, closed 12:10) puts three markers and a late deadline at the
# axis end, a few points apart.
WIDTHS = (320.0, 400.0, WIDTH, 760.0)


@pytest.fixture
def four_day_data(tmp_path: Path) -> Iterator[RecordData]:
    from tests.reports.test_report_page import PLAN, run_leak

    root = tmp_path / "four-day"
    (root / "playbooks").mkdir(parents=True)
    (root / "playbooks" / "leak_check.yaml").write_text(PLAN, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 20, 9, 0, tzinfo=JST))
    ws = Workspace(root, clock=clock)
    try:
        yield load_record_data(ws, run_leak(ws, clock))
    finally:
        ws.close()


@pytest.fixture
def charts(
    drill_data: RecordData, leak_data: RecordData, four_day_data: RecordData
) -> list[tuple[str, RecordData, Read]]:
    return [
        (f"{name} at {width:g}", data, Read(data, width))
        for name, data in (("drill", drill_data), ("leak", leak_data), ("four days", four_day_data))
        for width in WIDTHS
    ]


def _rgb(color: Any) -> tuple[float, ...]:
    return tuple(round(float(part), 2) for part in (color.red, color.green, color.blue))


def _color(obj: dict[str, Any], key: str = "non_stroking_color") -> tuple[float, ...]:
    return tuple(round(float(part), 2) for part in (obj.get(key) or ()))


class Run:
    """One string as drawn: consecutive characters on one baseline, each starting where the one
    before it ends (pdfplumber gives characters; a ``String`` is a run of them)."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars
        self.text = "".join(ch["text"] for ch in chars)
        self.x0 = min(ch["x0"] for ch in chars)
        self.x1 = max(ch["x1"] for ch in chars)
        self.top = min(ch["top"] for ch in chars)
        self.bottom = max(ch["bottom"] for ch in chars)
        self.color = _color(chars[0])

    def meets(self, other: Run, gap: float = 0.0) -> bool:
        return not (
            self.x1 + gap <= other.x0
            or other.x1 + gap <= self.x0
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def __repr__(self) -> str:
        return f"{self.text!r} {self.x0:.1f}..{self.x1:.1f} @ {self.top:.1f}"


def runs(read: Read) -> list[Run]:
    out: list[list[dict[str, Any]]] = []
    for ch in read.page.chars:
        last = out[-1][-1] if out else None
        if (
            last is not None
            and abs(ch["top"] - last["top"]) < 0.01
            and abs(ch["x0"] - last["x1"]) < 0.01
            and _color(ch) == _color(last)
        ):
            out[-1].append(ch)
        else:
            out.append([ch])
    return [Run(chars) for chars in out if "".join(c["text"] for c in chars).strip()]


def marker_labels(read: Read) -> list[Run]:
    """The markers' labels: the strings between the lanes' bottom and the legend."""
    gridlines = [
        ln
        for ln in read.lines
        if ln["x0"] == ln["x1"] and _color(ln, "stroking_color") == _rgb(chart.GRIDLINE)
    ]
    lanes_bottom = max(ln["bottom"] for ln in gridlines)
    legend = read.find("フェーズ（完了）")[0]["top"]
    return [r for r in runs(read) if lanes_bottom < r.top and r.bottom < legend]


def marker_lines(read: Read) -> list[dict[str, Any]]:
    return [
        ln
        for ln in read.lines
        if ln["x0"] == ln["x1"]
        and _color(ln, "stroking_color") in (_rgb(chart.MARKER), _rgb(chart.SUPERSEDED))
        and (ln.get("dash") or ([], 0))[0]
    ]


def test_nothing_leaves_the_drawing(charts: list[tuple[str, RecordData, Read]]) -> None:
    """Every character, line and box of the chart within its width (and height): no label cut
    at the edge of the page or of the PNG."""
    for name, _, read in charts:
        box = (0.0, 0.0, read.width, read.page.height)
        outside = [
            ch["text"]
            for ch in read.page.chars
            if ch["x0"] < box[0] or ch["x1"] > box[2] or ch["top"] < box[1] or ch["bottom"] > box[3]
        ]
        assert not outside, (name, "".join(outside))
        for shape in (*read.rects, *read.lines, *read.page.curves):
            assert -0.5 <= shape["x0"] and shape["x1"] <= read.width + 0.5, (name, shape)


def test_bars_stay_on_the_axis(charts: list[tuple[str, RecordData, Read]]) -> None:
    """A bar of the minimum width at the axis end grows leftwards, not past the end."""
    for name, _, read in charts:
        bars = [
            r
            for r in read.rects
            if r["x0"] >= LABEL_W - 0.5
            and _color(r) not in ((1.0, 1.0, 1.0), _rgb(chart.ZOOM_SHADE), ())
            and r["height"] > 5
        ]
        assert bars, name
        assert all(r["x1"] <= read.plot_x1 + 0.5 for r in bars), (name, bars)


def test_no_two_strings_meet(charts: list[tuple[str, RecordData, Read]]) -> None:
    """No string drawn over another, with a point between (a string's white ground is a point
    wider than it): tick labels, lane labels, bar lengths, deadline words, marker labels."""
    for name, _, read in charts:
        found = sorted(runs(read), key=lambda r: r.x0)
        for n, one in enumerate(found):
            for other in found[n + 1 :]:
                if other.x0 > one.x1 + 1:
                    break
                assert not one.meets(other, 1.0), (name, one, other)


def test_marker_labels_are_clear_of_the_marker_lines(
    charts: list[tuple[str, RecordData, Read]],
) -> None:
    """No marker line runs through a marker label: a line stops above a label across its way."""
    for name, _, read in charts:
        labels = marker_labels(read)
        assert labels, name
        for label in labels:
            for ln in marker_lines(read):
                crosses = label.x0 - 0.5 <= ln["x0"] <= label.x1 + 0.5
                through = ln["top"] < label.bottom - 0.5 and ln["bottom"] > label.top + 0.5
                assert not (crosses and through), (name, label, ln["x0"])


def test_every_milestone_is_named_in_a_marker_label(
    charts: list[tuple[str, RecordData, Read]],
) -> None:
    """Each milestone with its time, alone (「終了 11/24(火) 12:10」) or in a label shared by
    lines a few points apart (「…・終了 12:10（11/24(火)）」), and never cut."""
    for name, data, read in charts:
        texts = [label.text for label in marker_labels(read)]
        m = milestones(data)
        multi = not name.startswith("drill")
        for word, moment in (
            (STATUS_JA["contained"], m.contained),
            (STATUS_JA["recovered"], m.recovered),
            (STATUS_JA["closed"], m.closed),
        ):
            local = _jst(moment)
            alone = f"{word} {_day(local)} {local:%H:%M}" if multi else f"{word} {local:%H:%M}"
            shared = f"{word} {local:%H:%M}"
            assert any(
                alone in t or (shared in t and (not multi or f"（{_day(local)}）" in t))
                for t in texts
            ), (name, word, texts)


def test_markers_a_few_points_apart_share_one_label(four_day_data: RecordData) -> None:
    read = Read(four_day_data)
    texts = [label.text for label in marker_labels(read)]
    assert "封じ込め済み 10:10・復旧済み 11:10・終了 12:10（11/24(火)）" in texts
    assert "認知・宣言 11/20(金) 09:00" in texts
    assert len(texts) == 2


def test_a_bar_length_is_whole(charts: list[tuple[str, RecordData, Read]]) -> None:
    """Each finished phase's length is printed whole; white words lie on their bar, not past its
    end on the white ground (「4日 0時間00」 with 「分」 lost)."""
    for name, data, read in charts:
        flat = "".join(read.text.split())
        for timing in review(data).phases:
            if timing.start is not None and timing.end is not None:
                assert "".join(span_ja(timing.end - timing.start).split()) in flat, name
        dark = [r for r in read.rects if _color(r) and sum(_color(r)) / 3 < 0.8]
        for ch in read.page.chars:
            if _color(ch) == (1.0, 1.0, 1.0):
                assert any(
                    r["x0"] + 0.5 <= ch["x0"]
                    and ch["x1"] <= r["x1"] - 0.5
                    and r["top"] <= ch["top"] + 1
                    and ch["bottom"] <= r["bottom"] + 1
                    for r in dark
                ), (name, ch["text"], ch["x0"])


def test_the_four_day_bar_length_inside_its_bar(four_day_data: RecordData) -> None:
    for width in WIDTHS:
        read = Read(four_day_data, width)
        length = next(r for r in runs(read) if r.text == "4日 0時間00分")
        bar = next(
            r
            for r in read.rects
            if _color(r) == _rgb(chart._STAGE_COLORS["detect"])
            and r["top"] <= length.top + 1
            and length.bottom <= r["bottom"] + 1
        )
        assert length.color == (1.0, 1.0, 1.0)
        assert bar["x0"] < length.x0 and length.x1 < bar["x1"], (width, length, bar["x1"])


def _deadline_words(read: Read) -> tuple[list[Run], list[Run]]:
    found = runs(read)
    due = [r for r in found if r.text.startswith("期日 ")]
    said = tuple(DEADLINE_STATE_JA.values())
    legend = read.find("フェーズ（完了）")[0]["top"]
    outcome = [
        r for r in found if r.text.startswith(said) and r.x0 >= LABEL_W and r.bottom < legend
    ]
    return due, outcome


def test_deadline_words_apart_at_every_width(four_day_data: RecordData) -> None:
    """The outcome (「期限後に完了 11/24(火) 09:10」, red) and the due time (「期日 11/23(月)
    09:00」) fall near each other at the axis end: apart at every width, whole, each within
    the plot."""
    for width in range(360, 801, 40):
        read = Read(four_day_data, float(width))
        due, outcome = _deadline_words(read)
        assert [r.text for r in due] == ["期日 11/23(月) 09:00"], width
        assert [r.text for r in outcome] == [DEADLINE_STATE_JA["met_late"] + " 11/24(火) 09:10"]
        assert not due[0].meets(outcome[0], 3.0), (width, due, outcome)
        # Each beside its own mark: the due time over the red tick at 11/23 09:00, the outcome
        # next to the ✕ at 11/24 09:10 (not pushed along to where the two fit on one line).
        legend = read.find("フェーズ（完了）")[0]["top"]
        red = [
            ln
            for ln in read.lines
            if _color(ln, "stroking_color") == _rgb(chart.LATE) and ln["bottom"] < legend
        ]
        tick = next(ln["x0"] for ln in red if ln["x0"] == ln["x1"])
        cross = next((ln["x0"] + ln["x1"]) / 2 for ln in red if ln["x0"] != ln["x1"])
        assert due[0].x0 - 5 <= tick <= due[0].x1 + 5, (width, due, tick)
        assert min(abs(outcome[0].x0 - cross), abs(outcome[0].x1 - cross)) <= 9, (width, cross)
        for r in (*due, *outcome):
            assert LABEL_W <= r.x0 and r.x1 <= read.plot_x1 + 0.5, (width, r)


def test_deadline_words_apart_in_both_incidents(
    charts: list[tuple[str, RecordData, Read]],
) -> None:
    for name, data, read in charts:
        due, outcome = _deadline_words(read)
        assert len(due) == len(outcome) == len([d for d in data.deadlines if d.due]), name
        for d in due:
            for o in outcome:
                assert not d.meets(o, 3.0), (name, d, o)

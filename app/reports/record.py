"""The incident record (インシデント対応記録) and the after-action report (事後検証報告書).

Both are pure functions of ``RecordData`` (the folded state, its entries and a fixed ``as_of``):
the same log prints the same text, and every page carries the entry count and the chain head hash
so that a printed copy can be checked against the laptop (``sonae verify``).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from reportlab.platypus import Flowable, PageBreak, Paragraph, Table, TableStyle

from app.domain.deadlines import DeadlineStatus
from app.domain.describe import due_reason, due_text
from app.domain.kinds import Lesson, read_payload
from app.domain.state import IncidentState, PlanRun
from app.domain.timeutil import format_jst, format_jst_with_era, parse_iso
from app.domain.vocabulary import PROVISIONAL, body_text
from app.reports import layout
from app.reports.chart import timeline_chart
from app.reports.facts import (
    DEADLINE_STATE_JA,
    MODE_JA,
    STATUS_JA,
    STEP_STATE_JA,
    WATERMARK,
    ZONE_JA,
    RecordData,
    TimelineRow,
    anchor_label,
    choice_label,
    condition_label,
    deadline_result,
    incident_decisions,
    jst_text,
    period_label,
    phase_plans,
    review,
    role_label,
    span_ja,
    timeline_rows,
)
from app.reports.layout import CONTENT_W, FRAME_H, Styles, cell, confirm_mark, escape, grid

# The timeline is set in plain table cells at this size: see layout.wrap_lines.
TL_SIZE = 7.0
TL_LEADING = 8.6
TL_PAD = 1.3
# 内容 takes the rest. Each column holds its longest usual text with a clear gap to the rule:
# a five-digit number, 計画引継ぎ, 取消済(#12345).
TL_WIDTHS = (30.0, 70.0, 44.0, 62.0, 0.0, 60.0)
TL_TEXT_INSET = 7.0  # cell padding (3 + 3) and 1 pt more, so no text touches a column rule
# Wide enough for "2026-11-25 09:04" in the 8 pt cell font.
TIME_W = 76.0
TL_HEADER = ("#", "発生時刻 (JST)", "種別", "対応者", "内容", "注記")


def _era(iso: str) -> str:
    return format_jst_with_era(parse_iso(iso)) if iso else "—"


def _furniture(data: RecordData, kind_label: str) -> layout.PageFurniture:
    state = data.state
    title = state.title if len(state.title) <= 40 else state.title[:39] + "…"
    return layout.PageFurniture(
        header_left=f"{kind_label}　{state.id}　{title}",
        header_right=f"{MODE_JA.get(state.mode, state.mode)}　{STATUS_JA.get(state.status, state.status)}",
        footer_left=f"インシデント {state.id}　記録数 {state.entries}　チェーン先頭 {state.head}"
        + ("　（発行未記録）" if data.unlogged else ""),
        watermark=WATERMARK.get(state.mode, ""),
    )


def _plan_line(run: PlanRun) -> str:
    plan = run.playbook
    return f"{plan.plan.title.ja}（{plan.id} 第{plan.plan.version}版）\nsha256 {plan.sha256}"


def _cover(data: RecordData, st: Styles, heading: str) -> list[Flowable]:
    state = data.state
    mode = MODE_JA.get(state.mode, state.mode)
    responders = "、".join(
        f"{r.name}（{r.entries}件）"
        for r in sorted(state.responders.values(), key=lambda r: r.first_at)
    )
    pairs: list[tuple[str, Any]] = [
        ("インシデント番号", state.id),
        ("件名", state.title),
        ("種別", f"{mode}（{state.mode}）"),
        ("状態", f"{STATUS_JA.get(state.status, state.status)}（{state.status}）"),
        ("対象機関", body_text(state.body, "ja")),
        ("ネットワーク", "、".join(ZONE_JA.get(z, z) for z in state.zones) or "—"),
        ("対応計画", "\n".join(_plan_line(run) for run in state.plans)),
        ("宣言時刻", _era(state.declared_at)),
        ("認知時刻", _era(state.awareness_at)),
        ("最終記録", _era(state.last_occurred_at)),
        ("記録時点", format_jst_with_era(data.as_of) + "（期限の状態はこの時点のもの）"),
        ("対応者", responders or "—"),
        ("記録数", str(state.entries)),
        ("チェーン先頭", state.head),
    ]
    if data.unlogged:
        pairs.append(
            (
                "発行の記録",
                "なし — 読み取り専用のデータフォルダから作成したため、"
                "この控えの発行は記録（ログ）に残っていません",
            )
        )
    title = f"{heading}（{mode}）" if state.mode != "real" else heading
    return [
        Paragraph(escape(title), st.title),
        Paragraph(escape(state.title), st.h2),
        layout.label_table(pairs, st),
        layout.gap(),
        layout.stamp_boxes(st),
    ]


def _summary(data: RecordData, st: Styles) -> list[Flowable]:
    state = data.state
    counts: dict[str, int] = {}
    for run in state.plans:
        for value in state.step_states(run).values():
            counts[value] = counts.get(value, 0) + 1
    step_line = "、".join(f"{STEP_STATE_JA[k]} {counts[k]}" for k in STEP_STATE_JA if counts.get(k))
    deadline_counts: dict[str, int] = {}
    for status in data.deadlines:
        deadline_counts[status.state] = deadline_counts.get(status.state, 0) + 1
    deadline_line = "、".join(
        f"{DEADLINE_STATE_JA[k]} {deadline_counts[k]}"
        for k in DEADLINE_STATE_JA
        if deadline_counts.get(k)
    )
    corrections = sum(1 for e in data.entries if e.kind == "corrected")
    lines = [
        f"手順: {step_line or 'なし'}",
        f"判断: {len(state.decisions)} 件　期限: {deadline_line or 'なし'}",
        f"メモ {len(state.notes)} 件、教訓 {len(state.lessons)} 件、訂正 {corrections} 件、"
        f"時計の逆行 {len(state.clock_flags)} 件",
    ]
    out: list[Flowable] = [Paragraph("概要", st.h1)]
    if state.summary:
        out.append(Paragraph(escape(state.summary), st.body))
    out += [Paragraph(escape(line), st.body) for line in lines]
    return out


def _step_rows(state: IncidentState, run: PlanRun, st: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    states = state.step_states(run)
    plan = run.playbook.plan
    if len(state.plans) > 1:
        out.append(Paragraph(escape(f"計画: {plan.title.ja}（{plan.id}）"), st.h2))
    for phase in plan.phases:
        rows: list[list[Any]] = [["手順", "状態", "実施者", "時刻 (JST)", "記録内容"]]
        for step in phase.steps:
            record = run.steps.get(step.id)
            title = f"<b>{escape(step.title.ja)}</b>"
            if step.role:
                title += f"<br/><font size=7>担当: {escape(role_label(step.role))}</font>"
            if step.when:
                title += f"<br/><font size=7>実施条件: {escape(condition_label(plan, step))}</font>"
            if step.confirm:
                title += "<br/>" + confirm_mark(step.confirm.ja)
            details = []
            when = ""
            actor = ""
            if record is not None:
                for spec in step.fields:
                    if spec.id in record.fields:
                        details.append(f"{spec.label.ja}: {record.fields[spec.id]}")
                if record.reason:
                    details.append(f"省略理由: {record.reason}")
                if record.note:
                    details.append(f"メモ: {record.note}")
                when = jst_text(record.done_at or record.skipped_at or record.started_at)
                actor = record.actor or ""
                if record.deputy_for:
                    actor += f"\n（{record.deputy_for} の代行）"
            rows.append(
                [
                    Paragraph(title, st.cell),
                    STEP_STATE_JA[states[step.id]],
                    cell(actor, st),
                    when.removesuffix(" JST"),
                    cell("\n".join(details), st),
                ]
            )
        out.append(Paragraph(escape(phase.title.ja), st.h2))
        out.append(grid(rows, [160, 42, 68, TIME_W, CONTENT_W - 270 - TIME_W]))
    return out


def _decisions(state: IncidentState, st: Styles) -> list[Flowable]:
    current = state.playbook.plan
    rows: list[list[Any]] = [["判断事項", "結果", "時刻 (JST)", "判断者"]]
    for plan, decision in incident_decisions(state):
        ask = escape(decision.ask.ja)
        if plan.id != current.id and current.decision(decision.id) is None:
            ask += f"<br/><font size=7>引継ぎ前の計画「{escape(plan.title.ja)}」の判断</font>"
        record = state.decisions.get(decision.id)
        if record is None:
            rows.append([Paragraph(ask, st.cell), "未判断", "", ""])
            continue
        rows.append(
            [
                Paragraph(ask, st.cell),
                cell(choice_label(plan, decision.id, record.choice), st),
                jst_text(record.at).removesuffix(" JST"),
                cell(record.actor, st),
            ]
        )
    return [Paragraph("判断", st.h1), grid(rows, [CONTENT_W - 150 - TIME_W, 70, TIME_W, 80])]


def _deadline_rows(data: RecordData, st: Styles) -> list[Flowable]:
    plan = data.state.playbook.plan
    rows: list[list[Any]] = [["期限", "起点", "期間", "期日 (JST)", "結果", "根拠"]]
    for status in data.deadlines:
        deadline = status.deadline
        title = f"<b>{escape(deadline.title.ja)}</b>"
        if deadline.confirm:
            title += "<br/>" + confirm_mark(deadline.confirm.ja)
        result = deadline_result(status, data.as_of)
        if status.met_at:
            result += f"\n完了 {format_jst(status.met_at)}"
        if status.provisional:
            result += "\n" + PROVISIONAL.text("ja")
        due = due_text(status).removesuffix(" JST")
        if status.days is not None:
            due += "\n" + due_reason(status, "ja")  # the day count, and why the day moved
        rows.append(
            [
                Paragraph(title, st.cell),
                cell(anchor_label(plan, deadline.from_), st),
                cell(period_label(deadline), st),
                cell(due, st) if status.days is not None else due,
                cell(result, st),
                cell(deadline.basis, st),
            ]
        )
    if len(rows) == 1:
        return [Paragraph("期限", st.h1), Paragraph("この計画に期限はありません。", st.body)]
    return [
        Paragraph("期限", st.h1),
        grid(rows, [96, 58, 52, TIME_W, 116, CONTENT_W - 322 - TIME_W]),
    ]


def _timeline_cells(row: TimelineRow, content_w: float) -> list[str]:
    widths = list(TL_WIDTHS)
    widths[4] = content_w
    time = row.occurred.removesuffix(" JST")
    if row.recorded:
        recorded = row.recorded.removesuffix(" JST")
        # The year only when it differs, so the line fits the column.
        time += "\n記録 " + (recorded[5:] if recorded[:4] == time[:4] else recorded)
    values = [str(row.seq), time, row.kind, row.actor, row.what, "\n".join(row.marks)]
    return [
        layout.wrap_lines(v, w - TL_TEXT_INSET, TL_SIZE)
        for v, w in zip(values, widths, strict=True)
    ]


def timeline_widths() -> list[float]:
    widths = list(TL_WIDTHS)
    widths[4] = CONTENT_W - sum(TL_WIDTHS)
    return widths


def timeline_style() -> list[Any]:
    return [
        *layout.grid_style(True, TL_SIZE, TL_PAD),
        ("LEADING", (0, 0), (-1, -1), TL_LEADING),
    ]


def chunked_tables(rows: list[list[str]], first_budget: float) -> list[Flowable]:
    """The timeline as one table per page. A single huge Table is re-split on every page, which
    is quadratic; tables filled to the page height keep the whole layout linear. A row too tall
    for the rest of the page (a long note) goes on in continuation rows, so any length prints."""
    widths = timeline_widths()
    style = TableStyle(timeline_style())
    header_h = TL_LEADING + 2 * TL_PAD
    out: list[Flowable] = []
    chunk: list[list[str]] = []
    used = header_h
    budget = first_budget
    pending = list(reversed(rows))
    while pending:
        row = pending.pop()
        lines = [v.split("\n") for v in row]
        height = max(len(v) for v in lines) * TL_LEADING + 2 * TL_PAD
        if used + height > budget:
            room = int((budget - used - 2 * TL_PAD) // TL_LEADING)
            # Split only what cannot fit on a fresh page, or when a good part of the page is left.
            if room >= 1 and (height > FRAME_H - 2 - header_h or room >= 8):
                head, rest = _split_row(row, lines, room)
                chunk.append(head)
                pending.append(rest)
                used = budget
                continue
            if chunk:
                out.append(_chunk_table(chunk, widths, style))
                chunk, used, budget = [], header_h, FRAME_H - 2
                pending.append(row)
                continue
        chunk.append(row)
        used += height
    if chunk:
        out.append(_chunk_table(chunk, widths, style))
    return out


def _split_row(row: list[str], lines: list[list[str]], room: int) -> tuple[list[str], list[str]]:
    """The first ``room`` lines of a row, and the rest marked as its continuation (続き)."""
    head = ["\n".join(v[:room]) for v in lines]
    rest = ["\n".join(v[room:]) for v in lines]
    rest[0] = row[0].split("\n")[0]  # the entry number again
    rest[2] = "（続き）"
    return head, rest


def _chunk_table(chunk: list[list[str]], widths: list[float], style: TableStyle) -> Table:
    table = Table([list(TL_HEADER), *chunk], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(style)
    return table


def _timeline(data: RecordData, st: Styles) -> list[Flowable]:
    content_w = CONTENT_W - sum(TL_WIDTHS)
    rows = [_timeline_cells(r, content_w) for r in timeline_rows(data.state, data.entries)]
    note = (
        "全記録を記録順に示す。発生時刻と記録時刻が異なる場合は両方を示す。"
        "「取消済」は後の訂正記録で取り消された記録、「時計逆行」は記録時刻が前の記録より戻ったもの。"
    )
    heading = [Paragraph("経過記録（タイムライン）", st.h1), Paragraph(escape(note), st.small)]
    heading_h = sum(f.wrap(CONTENT_W, FRAME_H)[1] for f in heading) + 8
    return [PageBreak(), *heading, *chunked_tables(rows, FRAME_H - heading_h)]


def render_record(data: RecordData, out: str | Path | IO[bytes]) -> None:
    """Write the incident record (A4 PDF)."""
    st = layout.styles()
    story: list[Flowable] = []
    story += _cover(data, st, "インシデント対応記録")
    story += _summary(data, st)
    story.append(Paragraph("手順の実施状況", st.h1))
    for run in data.state.plans:
        story += _step_rows(data.state, run, st)
    story += _decisions(data.state, st)
    story += _deadline_rows(data, st)
    story += _timeline(data, st)
    layout.build(
        out,
        story,
        _furniture(data, "インシデント対応記録"),
        title=f"インシデント対応記録 {data.state.id} {data.state.title}",
        subject=f"entries {data.state.entries} head {data.state.head}",
    )


# After-action report
def _span(delta: Any) -> str:
    return span_ja(delta) if delta is not None else "—"


def _deadline_against(status: DeadlineStatus | None, data: RecordData) -> str:
    if status is None:
        return "—"
    return f"{status.deadline.title.ja}: {deadline_result(status, data.as_of)}"


def render_after_action(data: RecordData, out: str | Path | IO[bytes]) -> None:
    """Write the after-action report: timings, the chart, what was skipped, lessons."""
    st = layout.styles()
    facts = review(data)
    state = data.state
    story: list[Flowable] = _cover(data, st, "事後検証報告書")

    story.append(Paragraph("フェーズごとの所要時間", st.h1))
    rows: list[list[Any]] = [
        ["フェーズ", "開始 (JST)", "終了 (JST)", "所要時間", "完了 / 省略 / 対象"]
    ]
    for timing, plan in zip(facts.phases, phase_plans(facts.phases), strict=True):
        name = timing.phase.title.ja
        rows.append(
            [
                cell(f"{name}（{plan}）" if plan else name, st),
                format_jst(timing.start).removesuffix(" JST") if timing.start else "—",
                format_jst(timing.end).removesuffix(" JST") if timing.end else "未完了",
                _span(timing.duration),
                f"{timing.done} / {timing.skipped} / {timing.applicable}",
            ]
        )
    story.append(grid(rows, [CONTENT_W - 230 - 2 * TIME_W, TIME_W, TIME_W, 70, 80]))

    story.append(Paragraph("重要手順の時刻と期限", st.h1))
    rows = [["重要手順", "状態", "完了 (JST)", "宣言から", "期限との比較"]]
    for key in facts.key_steps:
        rows.append(
            [
                cell(key.step.title.ja, st),
                STEP_STATE_JA.get(key.state, key.state),
                format_jst(key.at).removesuffix(" JST") if key.at else "—",
                _span(key.since_declared),
                cell(_deadline_against(key.deadline, data), st),
            ]
        )
    if len(rows) == 1:
        story.append(Paragraph("重要手順（key）の指定はありません。", st.body))
    else:
        story.append(grid(rows, [150, 40, TIME_W, 70, CONTENT_W - 260 - TIME_W]))
    story += _deadline_rows(data, st)

    story.append(Paragraph("タイムラインチャート", st.h1))
    story.append(timeline_chart(data, CONTENT_W, facts))

    story.append(Paragraph("省略した手順と理由", st.h1))
    if facts.skipped:
        rows = [["手順", "省略時刻 (JST)", "判断者", "理由"]]
        for skipped in facts.skipped:
            rows.append(
                [
                    cell(skipped.step.title.ja, st),
                    jst_text(skipped.at).removesuffix(" JST"),
                    cell(skipped.actor, st),
                    cell(skipped.reason, st),
                ]
            )
        story.append(grid(rows, [170, TIME_W, 70, CONTENT_W - 240 - TIME_W]))
    else:
        story.append(Paragraph("省略した手順はありません。", st.body))

    story.append(Paragraph("教訓と改善項目", st.h1))
    if state.lessons:
        rows = [["#", "内容", "改善項目", "記録者", "時刻 (JST)"]]
        lessons = [(entry, read_payload(entry, Lesson)) for entry in state.lessons]
        for entry, lesson in lessons:
            improvement = "○ 改善項目" if lesson.improvement else ""
            rows.append(
                [
                    str(entry.seq),
                    cell(lesson.text, st),
                    improvement,
                    cell(entry.actor, st),
                    jst_text(entry.occurred_at).removesuffix(" JST"),
                ]
            )
        story.append(grid(rows, [26, CONTENT_W - 226 - TIME_W, 60, 80, TIME_W]))
        count = sum(1 for _, lesson in lessons if lesson.improvement)
        story.append(
            Paragraph(
                escape(f"改善項目 {count} 件は、計画（プレイブック）の改訂で対応を検討する。"),
                st.small,
            )
        )
    else:
        story.append(Paragraph("教訓は記録されていません。", st.body))
    layout.build(
        out,
        story,
        _furniture(data, "事後検証報告書"),
        title=f"事後検証報告書 {state.id} {state.title}",
        subject=f"entries {state.entries} head {state.head}",
    )


def render_submission(data: RecordData, out: str | Path | IO[bytes]) -> None:
    """The copy to send outside (PPC, police): for now the record itself; see below."""
    render_record(data, out)


RENDERERS = {
    "record": render_record,
    "after-action": render_after_action,
    "submission": render_submission,
}

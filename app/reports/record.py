"""The incident record (インシデント対応記録) and the after-action report (事後検証報告書).

Both are pure functions of ``RecordData`` (the folded state, its entries and a fixed ``as_of``):
the same log prints the same text, and every page carries the entry count and the chain head hash
so that a printed copy can be checked against the laptop (``sonae verify``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.domain.deadlines import DeadlineStatus
from app.domain.describe import DEFER_REASON, DEFER_UNTIL, due_reason, due_text, field_text
from app.domain.exercise_run import expected_text, explain, points_text
from app.domain.kinds import ImprovementClosed, Lesson, read_payload
from app.domain.lag import LATE_AFTER
from app.domain.state import IncidentState, PlanRun
from app.domain.timeutil import format_era_day_weekday, format_era_short, parse_iso
from app.domain.vocabulary import (
    CUSTODY_LABELS,
    LESSON_CATEGORY_LABELS,
    OUTCOME_LABELS,
    PROVISIONAL,
    RATING_LABELS,
    SUPERSEDED,
    UNANSWERED,
    label_of,
)
from app.reports import layout
from app.reports.chart import timeline_chart
from app.reports.facts import (
    DEADLINE_STATE_JA,
    INTERNAL_KINDS,
    MODE_JA,
    STATUS_JA,
    STEP_STATE_JA,
    WATERMARK,
    RecordData,
    Review,
    TimelineRow,
    anchor_label,
    choice_label,
    condition_label,
    deadline_result,
    evidence_rows,
    incident_decisions,
    milestones,
    missed,
    period_label,
    phase_plans,
    recording_lag,
    review,
    role_label,
    span_ja,
    timeline_rows,
)
from app.reports.layout import CONTENT_W, FRAME_H, Styles, cell, confirm_mark, escape, grid
from app.reports.report_page import (
    MISSED_MARK,
    NOT_FILLED_MARK,
    document_block,
    due_era,
    era,
    era_iso,
    incident_pairs,
    missed_block,
    open_block,
    report_page,
    stamps,
)

LATE_WORDS = span_ja(LATE_AFTER)  # 30分: when an entry counts as written late (facts)

# The timeline is set in plain table cells at this size: see layout.wrap_lines.
TL_SIZE = 7.0
TL_LEADING = 8.6
TL_PAD = 1.3
# 内容 takes the rest. Each column holds its longest usual text with a clear gap to the rule:
# a five-digit number, 記録 R8.11.28（土）, 計画引継ぎ, 取消済(#12345).
TL_WIDTHS = (30.0, 80.0, 44.0, 60.0, 0.0, 58.0)
TL_TEXT_INSET = 7.0  # cell padding (3 + 3) and 1 pt more, so no text touches a column rule
# Wide enough for "2026-11-25 09:04" in the 8 pt cell font.
TIME_W = 76.0
TL_HEADER = ("#", "発生時刻 (JST)", "種別", "対応者", "内容", "注記")


def _furniture(data: RecordData, kind_label: str, shown: int | None = None) -> layout.PageFurniture:
    """``shown``: how many entries this document prints, when not all of them (the copy sent
    outside, an --as-of copy): the footer says both, so no one reads two counts as a mismatch."""
    state = data.state
    title = state.title if len(state.title) <= 40 else state.title[:39] + "…"
    shown = len(data.entries) if shown is None else shown
    printed = f"（本書に掲載 {shown}件）" if shown != data.count else ""
    return layout.PageFurniture(
        header_left=f"{kind_label}　{state.id}　{title}",
        header_right=f"文書番号 {data.document_number}　{MODE_JA.get(state.mode, state.mode)}"
        f"　{STATUS_JA.get(state.status, state.status)}",
        footer_left=f"インシデント {state.id}　記録 #1〜#{data.count}{printed}"
        + ("　（発行未記録）" if data.unlogged else ""),
        watermark=WATERMARK.get(state.mode, ""),
        head=data.head,  # the head of entry #count, in groups of four and as a QR code
    )


def _plan_line(run: PlanRun, hashes: bool = True) -> str:
    plan = run.playbook
    line = f"{plan.plan.title.ja}（{plan.id} 第{plan.plan.version}版）"
    return line + f"\nsha256 {plan.sha256}" if hashes else line


def _responders(state: IncidentState) -> str:
    """Each responder with their entries and the machine logins they wrote under."""
    out = []
    for r in sorted(state.responders.values(), key=lambda r: r.first_at):
        logins = f"、ログイン {'・'.join(r.logins)}" if r.logins and r.logins != [r.name] else ""
        out.append(f"{r.name}（{r.entries}件{logins}）")
    return "、".join(out) or "—"


def _lag_line(data: RecordData) -> str:
    lag = recording_lag(data.entries)
    if not lag.late or lag.largest is None:
        return f"なし（すべて発生から{LATE_WORDS}以内に記録）"
    return f"{lag.late}件（発生から{LATE_WORDS}以上後に記録）、最大 {span_ja(lag.largest)}（#{lag.seq}）"


def _count_line(data: RecordData) -> str:
    state = data.state
    line = f"{state.entries - state.issued}件（#1〜#{data.count}のうち対応の記録）"
    if data.later_entries:
        line += f"。{era(data.as_of)}より後の {data.later_entries}件は含まない"
    return line


def _recorded_ahead(data: RecordData) -> int:
    """Entries recorded more than an hour after this copy was made: a clock that was ahead."""
    if data.created_at is None:
        return 0
    from app.domain.lag import CLOCK_AHEAD
    from app.domain.timeutil import to_iso

    limit = to_iso(data.created_at + CLOCK_AHEAD)
    return sum(1 for e in data.entries if e.recorded_at > limit)


def _overview(data: RecordData, st: Styles) -> list[Flowable]:
    """記録の概要: what the record is made of, for the auditor: plans and their hashes, who wrote
    it (with their logins), how much was written late, and the head to check it by."""
    state = data.state
    copies = (
        f"（このほか帳票の出力 {state.issued} 件: 対応の記録には数えない）" if state.issued else ""
    )
    pairs: list[tuple[str, Any]] = [
        ("対応計画", "\n".join(_plan_line(run) for run in state.plans)),
        ("記録時点", era(data.as_of) + "（期限の状態はこの時点のもの）"),
        ("最終記録", era_iso(state.last_occurred_at)),
        ("対応者", _responders(state)),
        ("記録数", _count_line(data) + copies),
        ("後日記録", _lag_line(data)),
        ("時計の逆行", f"{len(state.clock_flags)}件" if state.clock_flags else "なし"),
        ("チェーン先頭", layout.group_hex(data.head)),
    ]
    ahead = _recorded_ahead(data)
    if ahead:
        pairs.insert(
            -1,
            (
                "時計の先行",
                f"{ahead}件（記録時刻がこの控えの作成より1時間以上先。記録した端末の時計が"
                "進んでいたおそれ）",
            ),
        )
    if data.unlogged:
        pairs.append(
            (
                "発行の記録",
                "なし — 読み取り専用のデータフォルダから作成したため、"
                "この控えの発行は記録（ログ）に残っていません",
            )
        )
    return [Paragraph("記録の概要", st.h1), layout.label_table(pairs, st)]


def _cover(data: RecordData, st: Styles, heading: str) -> list[Flowable]:
    """The after-action report's first page: what it is about, what was missed, the stamps."""
    state = data.state
    mode = MODE_JA.get(state.mode, state.mode)
    pairs: list[tuple[str, Any]] = [
        *incident_pairs(data),
        ("対応計画", "\n".join(_plan_line(run, hashes=False) for run in state.plans)),
        ("対応者", _responders(state)),
        ("後日記録", _lag_line(data)),
    ]
    title = f"{heading}（{mode}）" if state.mode != "real" else heading
    return [
        Paragraph(escape(title), st.title),
        document_block(data, st),
        layout.gap(2 * mm),
        *missed_block(data, st),
        *open_block(data, st),
        layout.label_table(pairs, st),
        layout.gap(),
        *stamps(data, st),
    ]


def _step_counts(state: IncidentState) -> tuple[dict[str, int], int]:
    """Step states over every plan followed (a superseded plan's unfinished steps ended with the
    hand-over, and are counted so), and how many were left 未着手 when the incident closed."""
    counts: dict[str, int] = {}
    for run in state.plans:
        for value in _states(state, run).values():
            counts[value] = counts.get(value, 0) + 1
    left = 0
    if state.status == "closed":
        left = sum(1 for v in _states(state, state.plan).values() if v in UNFINISHED)
    return counts, left


UNFINISHED = ("pending", "active", "waiting", "repeating", "deferred")


def _states(state: IncidentState, run: PlanRun) -> dict[str, str]:
    states = state.step_states(run)
    if run is state.plan:
        return states
    return {k: ("superseded" if v in UNFINISHED else v) for k, v in states.items()}


def _state_word(value: str) -> str:
    return SUPERSEDED.ja if value == "superseded" else STEP_STATE_JA.get(value, value)


def _summary(data: RecordData, st: Styles) -> list[Flowable]:
    state = data.state
    counts, left = _step_counts(state)
    order = [*STEP_STATE_JA, "superseded"]
    step_line = "、".join(f"{_state_word(k)} {counts[k]}" for k in order if counts.get(k))
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
    late = missed(data.deadlines)
    if late:
        out.append(Paragraph(f"<b>{MISSED_MARK} 期限超過 {len(late)}件</b>", st.body))
    if left:
        out.append(
            Paragraph(
                f"<b>{MISSED_MARK} 未着手のまま終了した手順 {left}件</b>"
                "（「手順の実施状況」で確認すること）",
                st.body,
            )
        )
    return out


def corrected_steps(data: RecordData) -> dict[str, int]:
    """Steps whose entry was retracted by a correction (step id -> that correction's seq), so
    the re-entered time is never read as the first."""
    seq_of = {e.uuid: e.seq for e in data.entries}
    out: dict[str, int] = {}
    for entry in data.entries:
        correction = data.state.retracted.get(entry.uuid)
        if entry.step_id and correction and entry.kind in ("step_done", "step_skipped"):
            out[entry.step_id] = seq_of.get(correction, 0)
    return out


def _step_rows(
    state: IncidentState,
    run: PlanRun,
    st: Styles,
    public: bool = False,
    corrected: dict[str, int] | None = None,
) -> list[Flowable]:
    out: list[Flowable] = []
    states = _states(state, run)
    plan = run.playbook.plan
    if len(state.plans) > 1:
        superseded = "（引継ぎ前の計画）" if run is not state.plan else ""
        out.append(Paragraph(escape(f"計画: {plan.title.ja}{superseded}"), st.h2))
    for phase in plan.phases:
        rows: list[list[Any]] = [["手順", "状態", "実施者", "時刻", "記録内容"]]
        for step in phase.steps:
            record = run.steps.get(step.id)
            title = f"<b>{escape(step.title.ja)}</b>"
            if step.role:
                title += f"<br/><font size=7>担当: {escape(role_label(step.role))}</font>"
            if step.when:
                title += f"<br/><font size=7>実施条件: {escape(condition_label(plan, step))}</font>"
            if step.confirm and not public:
                title += "<br/>" + confirm_mark(step.confirm.ja)
            details = []
            when = ""
            actor = ""
            if record is not None:
                for spec in step.fields:
                    if spec.id in record.fields:
                        details.append(
                            f"{spec.label.ja}: {field_text(spec, record.fields[spec.id], 'ja')}"
                        )
                if record.reason:
                    details.append(f"省略理由: {record.reason}")
                if record.deferred_at:
                    details.append(DEFER_REASON.format("ja", reason=record.deferred_reason or ""))
                    if record.deferred_until:
                        until = era_iso(record.deferred_until)
                        details.append(DEFER_UNTIL.format("ja", until=until))
                if record.note and not public:
                    details.append(f"メモ: {record.note}")
                # A deferral stands only until the step is started, done or skipped again.
                when = era_iso(
                    record.done_at or record.skipped_at or record.deferred_at or record.started_at,
                    "",
                )
                if corrected and step.id in corrected:
                    when += f"\n（訂正後の記録、訂正 #{corrected[step.id]}）"
                actor = record.actor or ""
                if record.deputy_for:
                    actor += f"\n（{record.deputy_for} の代行）"
            rows.append(
                [
                    Paragraph(title, st.cell),
                    cell(_state_word(states[step.id]), st),
                    cell(actor, st),
                    cell(when, st),
                    cell("\n".join(details), st),
                ]
            )
        out.append(Paragraph(escape(phase.title.ja), st.h2))
        out.append(grid(rows, [150, 46, 64, TIME_W, CONTENT_W - 260 - TIME_W]))
    return out


def _decisions(state: IncidentState, st: Styles) -> list[Flowable]:
    current = state.playbook.plan
    rows: list[list[Any]] = [["判断事項", "結果", "理由", "時刻", "判断者"]]
    for plan, decision in incident_decisions(state):
        ask = escape(decision.ask.ja)
        if plan.id != current.id and current.decision(decision.id) is None:
            ask += f"<br/><font size=7>引継ぎ前の計画「{escape(plan.title.ja)}」の判断</font>"
        record = state.decisions.get(decision.id)
        if record is None:
            rows.append([Paragraph(ask, st.cell), UNANSWERED.ja, "", "", ""])
            continue
        rows.append(
            [
                Paragraph(ask, st.cell),
                cell(choice_label(plan, decision.id, record.choice), st),
                cell(record.reason or "—", st),
                cell(era_iso(record.at), st),
                cell(record.actor, st),
            ]
        )
    widths = [150, 60, 0.0, TIME_W, 64]
    widths[2] = CONTENT_W - sum(widths)
    return [Paragraph("判断", st.h1), grid(rows, widths)]


def without_confirm(text: str) -> str:
    """A basis without the city's own 要確認 remarks (〔条番号は要確認〕), for the copy sent out."""
    return re.sub(r"[〔（(][^〔〕（）()]*要確認[^〔〕（）()]*[〕）)]", "", text)


def _deadline_rows(data: RecordData, st: Styles, public: bool = False) -> list[Flowable]:
    plan = data.state.playbook.plan
    rows: list[list[Any]] = [["期限", "起点（時刻）", "期間", "期日", "結果", "根拠"]]
    for status in data.deadlines:
        deadline = status.deadline
        title = f"<b>{escape(deadline.title.ja)}</b>"
        if deadline.confirm and not public:
            title += "<br/>" + confirm_mark(deadline.confirm.ja)
        result = deadline_result(status, data.as_of)
        if status.met_at:
            result += f"\n完了 {era(status.met_at)}"
        if status.provisional:
            result += "\n" + PROVISIONAL.text("ja")
        late = status.state in ("overdue", "met_late")
        result_cell = (
            Paragraph(f"<b>{MISSED_MARK} {escape(result)}</b>", st.cell)
            if late
            else cell(result, st)
        )
        due = due_era(status) if status.due is not None else due_text(status)
        if status.days is not None:
            due += "\n" + due_reason(status, "ja")  # the day count, and why the day moved
        anchor = anchor_label(plan, deadline.from_)
        if status.anchor_at is not None:
            anchor += "\n" + era(status.anchor_at)
        rows.append(
            [
                Paragraph(title, st.cell),
                cell(anchor, st),
                cell(period_label(deadline), st),
                cell(due, st),
                result_cell,
                cell(without_confirm(deadline.basis) if public else deadline.basis, st),
            ]
        )
    if len(rows) == 1:
        return [Paragraph("期限", st.h1), Paragraph("この計画に期限はありません。", st.body)]
    return [
        Paragraph("期限", st.h1),
        grid(rows, [92, 76, 56, TIME_W, 100, CONTENT_W - 324 - TIME_W]),
    ]


# The full sha256 in groups of four, four groups a line: 64 digits on four lines, read aloud and
# compared with ``sonae evidence list`` group by group.
SHA_W = 96.0


def _evidence(data: RecordData, st: Styles) -> list[Flowable]:
    """証拠ファイル: each file attached, its full sha256 (which the chain holds), size, who
    attached it and when, the step, and every time it was exported or handed over."""
    heading = Paragraph("証拠ファイル", st.h1)
    rows_of = evidence_rows(data.state)
    if not rows_of:
        return [heading, Paragraph("添付された証拠ファイルはありません。", st.body)]
    rows: list[list[Any]] = [["#", "ファイル", "sha256", "添付", "受渡し（持出し・引渡し）"]]
    for row in rows_of:
        about = [row.name, row.size]
        if row.step:
            about.append(f"手順: {row.step}")
        if row.note:
            about.append(f"メモ: {row.note}")
        groups = layout.group_hex(row.sha256).split(" ")
        sha = "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))
        custody = []
        for event in row.custody:
            line = f"{era_iso(event.at)} {label_of(CUSTODY_LABELS, event.how, 'ja')}: {event.to}"
            line += f"（{event.actor}）"
            if event.file and event.file != event.to:
                line += f"\nファイル: {event.file}"
            if event.note:
                line += f"\nメモ: {event.note}"
            custody.append(line)
        rows.append(
            [
                str(row.seq),
                cell("\n".join(about), st),
                cell(sha, st),
                cell(f"{row.actor}\n{era_iso(row.at)}", st),
                cell("\n".join(custody) or "なし", st),
            ]
        )
    widths = [26, 118, SHA_W, TIME_W + 8, 0.0]
    widths[-1] = CONTENT_W - sum(widths)
    table = grid(rows, widths)
    # A file's row stays whole on one page, its custody read in one place; only a row taller
    # than a page (a file handed on very many times) is split.
    tallest = max(
        max(c.wrap(w - 6, FRAME_H)[1] for c, w in zip(r, widths, strict=True) if hasattr(c, "wrap"))
        for r in rows[1:]
    )
    if tallest < FRAME_H - 60:
        table.splitInRow = 0
    note = (
        "ファイルはデータフォルダに sha256 を名前として保管し、その sha256 は記録のハッシュチェーンに含まれる。"
        "保管中のファイルの照合は sonae verify、一覧は sonae evidence list で行う。"
    )
    kept_with = ParagraphStyle("evidence_note", parent=st.small, keepWithNext=1)
    return [heading, Paragraph(escape(note), kept_with), table]


def _timeline_cells(row: TimelineRow, content_w: float) -> list[str]:
    widths = list(TL_WIDTHS)
    widths[4] = content_w
    # 和暦 with 曜日 in the short form (R8.11.28（土）12:55); the recorded time in full when it
    # differs, with its year, so a back-filled entry is seen as one.
    time = format_era_short(parse_iso(row.entry.occurred_at))
    if row.recorded:
        time += "\n記録 " + format_era_short(parse_iso(row.entry.recorded_at))
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


class RetractedRow(list[str]):
    """The cells of an entry a later correction retracted: set in grey (its 取消済 mark says by
    which entry), so it is never read as what stands."""


RETRACTED_GREY = colors.Color(0.45, 0.45, 0.45)


def _split_row(row: list[str], lines: list[list[str]], room: int) -> tuple[list[str], list[str]]:
    """The first ``room`` lines of a row, and the rest marked as its continuation (続き)."""
    kind = type(row)
    head = kind("\n".join(v[:room]) for v in lines)
    rest = kind("\n".join(v[room:]) for v in lines)
    rest[0] = row[0].split("\n")[0]  # the entry number again
    rest[2] = row[2].split("\n")[0] + "\n（続き）"  # and its kind, so the page reads alone
    return head, rest


def _chunk_table(chunk: list[list[str]], widths: list[float], style: TableStyle) -> Table:
    table = Table([list(TL_HEADER), *chunk], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(style)
    grey = [
        ("TEXTCOLOR", (0, n), (-1, n), RETRACTED_GREY)
        for n, row in enumerate(chunk, start=1)
        if isinstance(row, RetractedRow)
    ]
    if grey:
        table.setStyle(TableStyle(grey))
    return table


def _timeline(data: RecordData, st: Styles, public: bool = False) -> list[Flowable]:
    content_w = CONTENT_W - sum(TL_WIDTHS)
    retracted = data.state.retracted
    rows = [
        RetractedRow(cells) if r.entry.uuid in retracted else cells
        for r in timeline_rows(data.state, data.entries, public=public)
        for cells in [_timeline_cells(r, content_w)]
    ]
    note = (
        "全記録を記録順に示す。発生時刻と記録時刻が異なる場合は両方を示す（R8.11.28 は令和8年11月28日）。"
        "「取消済」（灰色）は後の訂正記録で取り消された記録、「時計逆行」は記録時刻が前の記録より戻ったもの、"
        f"「後日記録」は発生から{LATE_WORDS}以上後に記録したもの。対応者の下の［ ］は記録した端末のログイン名。"
    )
    if public:
        note = (
            "対応の経過を記録順に示す（R8.11.28 は令和8年11月28日）。内部のメモ、教訓、帳票出力、"
            "訓練の進行の記録は含まない。発生時刻と記録時刻が異なる場合は両方を示す。"
        )
    heading = [Paragraph("経過記録（タイムライン）", st.h1), Paragraph(escape(note), st.small)]
    heading_h = sum(f.wrap(CONTENT_W, FRAME_H)[1] for f in heading) + 8
    return [PageBreak(), *heading, *chunked_tables(rows, FRAME_H - heading_h)]


def render_record(data: RecordData, out: str | Path | IO[bytes]) -> None:
    """Write the incident record (A4 PDF): the 報告書 page, the overview, every step, decision
    and deadline, and the whole timeline."""
    st = layout.styles()
    story: list[Flowable] = report_page(data, st, "インシデント対応記録")
    story += [PageBreak(), *_overview(data, st)]
    story += _summary(data, st)
    story.append(Paragraph("手順の実施状況", st.h1))
    corrected = corrected_steps(data)
    for run in data.state.plans:
        story += _step_rows(data.state, run, st, corrected=corrected)
    story += _decisions(data.state, st)
    story += _deadline_rows(data, st)
    story += _evidence(data, st)
    story += _timeline(data, st)
    story += _checkpoint(data, st)
    layout.build(
        out,
        story,
        _furniture(data, "インシデント対応記録"),
        title=f"インシデント対応記録 {data.state.id} {data.state.title}",
        subject=f"entries {data.count} head {data.head}",
    )


def _checkpoint(data: RecordData, st: Styles) -> list[Flowable]:
    """署名付きチェックポイント: what the log held as this copy was issued, signed by this
    laptop's key, as text and as a QR code (``sonae verify --checkpoint`` checks it)."""
    if not data.checkpoint:
        return []
    lines = data.checkpoint.rstrip("\n").split("\n")
    text = "<br/>".join(escape(line) for line in lines)
    about = Paragraph(
        escape(
            "この控えを出力した時点の記録（各端末のチェーンの件数と先頭ハッシュ）に、この端末の鍵で"
            "署名したものです。QR コードを読み取ったテキストを sonae verify --checkpoint に渡すと、"
            "ノートパソコンや受け取った束の記録と照合できます。"
        )
        + (f"<br/>署名鍵の指紋: {escape(data.fingerprint)}" if data.fingerprint else ""),
        st.body,
    )
    size = 42 * mm
    table = Table(
        [[Paragraph(text, st.small), layout.QrCode(data.checkpoint, size)]],
        colWidths=[None, size + 4 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), layout.REGULAR, 7),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.5, colors.grey),
                ("LEFTPADDING", (1, 0), (1, 0), 4 * mm),
            ]
        )
    )
    return [
        KeepTogether(
            [Paragraph("署名付きチェックポイント", st.h1), about, Spacer(1, 2 * mm), table]
        )
    ]


def render_submission(data: RecordData, out: str | Path | IO[bytes]) -> None:
    """Write the copy to send outside (PPC, police): the 報告書 page, the deadlines and the
    timeline, without internal notes, plan hashes or 要確認 remarks, marked as a copy of the
    signed record with its head."""
    st = layout.styles()
    story: list[Flowable] = report_page(data, st, "インシデント報告書（写し）", submission=True)
    story += _deadline_rows(data, st, public=True)
    story += _timeline(data, st, public=True)
    shown = sum(1 for e in data.entries if e.kind not in INTERNAL_KINDS)
    layout.build(
        out,
        story,
        _furniture(data, "インシデント報告書（写し）", shown),
        title=f"インシデント報告書（写し） {data.state.id} {data.state.title}",
        subject=f"entries {data.count} head {data.head}",
    )


# After-action report
def _span(delta: Any) -> str:
    return span_ja(delta) if delta is not None else "—"


def _deadline_against(status: DeadlineStatus | None, data: RecordData) -> str:
    if status is None:
        return "—"
    mark = f"{MISSED_MARK} " if status.state in ("overdue", "met_late") else ""
    return f"{mark}{status.deadline.title.ja}: {deadline_result(status, data.as_of)}"


def _phase_table(data: RecordData, facts: Review, st: Styles) -> list[Flowable]:
    awareness = milestones(data).awareness
    rows: list[list[Any]] = [
        ["フェーズ", "開始", "終了", "所要時間", "認知から", "完了／省略／対象手順数"]
    ]
    for timing, plan in zip(facts.phases, phase_plans(facts.phases), strict=True):
        name = timing.phase.title.ja
        superseded = timing.plan is not data.state.playbook.plan
        if plan:
            name += f"（{plan}）"
        if timing.applicable == 0:
            end, counts = "対象なし", "—"
        else:
            end = era(timing.end) if timing.end else ("引継ぎで終了" if superseded else "未完了")
            counts = f"{timing.done} / {timing.skipped} / {timing.applicable}"
        since = timing.end - awareness if timing.end and awareness else None
        rows.append(
            [
                cell(name, st),
                cell(era(timing.start), st),
                cell(end, st),
                cell(_span(timing.duration), st),
                cell(_span(since), st),
                cell(counts, st),
            ]
        )
    widths = [0.0, TIME_W, TIME_W, 62, 62, 90]
    widths[0] = CONTENT_W - sum(widths)
    return [Paragraph("フェーズごとの所要時間", st.h1), grid(rows, widths)]


def _key_steps(data: RecordData, facts: Review, st: Styles) -> list[Flowable]:
    awareness = milestones(data).awareness
    rows: list[list[Any]] = [["重要手順", "状態", "完了", "認知から", "宣言から", "期限との比較"]]
    for key in facts.key_steps:
        since = key.at - awareness if key.at and awareness else None
        against = _deadline_against(key.deadline, data)
        late = key.deadline is not None and key.deadline.state in ("overdue", "met_late")
        rows.append(
            [
                cell(key.step.title.ja, st),
                cell(_state_word(key.state), st),
                cell(era(key.at), st),
                cell(_span(since), st),
                cell(_span(key.since_declared), st),
                Paragraph(f"<b>{escape(against)}</b>", st.cell) if late else cell(against, st),
            ]
        )
    out: list[Flowable] = [Paragraph("重要手順の時刻と期限", st.h1)]
    if len(rows) == 1:
        return [*out, Paragraph("重要手順（key）の指定はありません。", st.body)]
    widths = [116, 40, TIME_W, 62, 62, 0.0]
    widths[-1] = CONTENT_W - sum(widths)
    return [*out, grid(rows, widths)]


def _lessons(data: RecordData, st: Styles) -> list[Flowable]:
    """概要 (the closing summary), what went well, what did not, the lessons, and the
    improvement items with their owner, due date and the plan step they should change."""
    state = data.state
    lessons = [(entry, read_payload(entry, Lesson)) for entry in state.lessons]
    out: list[Flowable] = [Paragraph("振り返り", st.h1), Paragraph("対応の概要", st.h2)]
    out.append(
        Paragraph(escape(state.summary), st.body)
        if state.summary
        else Paragraph(f"<b>{escape(NOT_FILLED_MARK)}</b>（終了時の概要がありません）", st.body)
    )
    for category in ("went_well", "went_badly", "lesson"):  # how a review is read
        label = LESSON_CATEGORY_LABELS[category]
        chosen = [(e, lesson) for e, lesson in lessons if lesson.category == category]
        out.append(Paragraph(escape(label.ja), st.h2))
        if not chosen:
            out.append(Paragraph(f"記録されていません（{escape(label.ja)}）。", st.body))
            continue
        rows: list[list[Any]] = [["#", "内容", "記録者", "時刻"]]
        for entry, lesson in chosen:
            rows.append(
                [
                    str(entry.seq),
                    cell(lesson.text, st),
                    cell(entry.actor, st),
                    cell(era_iso(entry.occurred_at), st),
                ]
            )
        out.append(grid(rows, [30, CONTENT_W - 110 - TIME_W, 80, TIME_W]))
    items = [(e, lesson) for e, lesson in lessons if lesson.improvement]
    # The improvement plan (HSEEP): each item with its owner, due date, the step it should
    # change and whether it is closed yet, with what was done.
    closed = {read_payload(e, ImprovementClosed).item: e for e in state.closures}
    out.append(Paragraph("改善計画（改善項目）", st.h2))
    if not items:
        out.append(Paragraph("改善項目は記録されていません。", st.body))
        return out
    rows = [["#", "改善の内容", "担当", "期日", "見直す計画・手順", "状況"]]
    for entry, lesson in items:
        closing = closed.get(entry.uuid)
        if closing is None:
            status = "未完了"
        else:
            done = read_payload(closing, ImprovementClosed)
            status = f"完了 {era_iso(closing.occurred_at)}\n{done.done}"
            status += f"\n改訂: {done.revision}" if done.revision else ""
        rows.append(
            [
                str(entry.seq),
                cell(lesson.text, st),
                cell(lesson.owner or "未定", st),
                cell(
                    format_era_day_weekday(date.fromisoformat(lesson.due))
                    if lesson.due
                    else "未定",
                    st,
                ),
                cell(_target(state, lesson), st),
                cell(status, st),
            ]
        )
    out.append(grid(rows, [26, CONTENT_W - 372, 62, 80, 110, 94]))
    out.append(layout.gap(1.5 * mm))
    still = sum(1 for e, _ in items if e.uuid not in closed)
    out.append(
        Paragraph(
            escape(
                f"改善項目 {len(items)} 件（未完了 {still} 件）は、計画（プレイブック）の改訂で"
                "対応し、完了の記録でその内容を示す（sonae improvements list）。"
            ),
            st.small,
        )
    )
    return out


def _target(state: IncidentState, lesson: Lesson) -> str:
    if lesson.plan is None:
        return "—"
    run = next((r for r in state.plans if r.playbook.id == lesson.plan), None)
    plan = run.playbook.plan if run is not None else None
    title = plan.title.ja if plan is not None else lesson.plan
    if lesson.step is None:
        return title
    step = plan.step(lesson.step) if plan is not None else None
    return f"{title}\n手順「{step.title.ja if step else lesson.step}」"


def _exercise(data: RecordData, st: Styles) -> list[Flowable]:
    """An exercise's evaluation (HSEEP-shaped): the script and when it was played, how ratings
    and points are given, each objective with its points and the evaluator's rating, then, by
    objective, every expected response against what was done, with its points and why."""
    played = data.exercise
    if played is None:
        if not data.exercise_problem:
            return []
        said = f"{MISSED_MARK} 訓練の評価を表示できません: {data.exercise_problem}"
        return [Paragraph("訓練の評価", st.h1), Paragraph(f"<b>{escape(said)}</b>", st.body)]
    script, start, ev = played.script, played.start, played.evaluation
    pin = start.script
    recorded = sorted(e.recorded_at for e in data.entries)
    held = f"{era_iso(recorded[0])}〜{era_iso(recorded[-1])}" if recorded else "—"
    out: list[Flowable] = [
        Paragraph("訓練の評価", st.h1),
        Paragraph(
            escape(
                f"訓練シナリオ「{script.title.ja}」（{pin.id} 第{pin.version}版）。"
                f"実施（実際の時刻）: {held}。想定の時刻: {era(start.at)} から "
                f"{span_ja(script.span)}。以下の時刻は想定の時刻。"
            ),
            st.body,
        ),
        Paragraph(
            escape(f"{script.narrative.ja}（シナリオの sha256 {pin.sha256[:16]}）"), st.small
        ),
        Paragraph(
            escape(
                "評価の基準: "
                + "、".join(RATING_LABELS[r].ja for r in RATING_LABELS)
                + "。得点: 目標時間内・付与前に実施済みは2点、目標時間超過は1点、未実施・順序違反・"
                "期待と異なる・省略・未付与は0点。経過時間は状況付与の時刻から数える"
                "（フェーズごとの所要時間は認知から）。"
            ),
            st.small,
        ),
        Paragraph("目標ごとの評価", st.h2),
    ]
    rows: list[list[Any]] = [["目標", "得点", "評価", "理由・評価者"]]
    for result in ev.objectives:
        o = result.objective
        name = o.text.ja + (f"（{o.capability.ja}）" if o.capability else "")
        if result.rating is not None and result.rated is not None:
            rating = RATING_LABELS[result.rating.rating].ja
            why = f"{result.rating.reason}（{result.rated.actor}）"
        else:
            rating, why = NOT_FILLED_MARK, "評価されていません"
        score = f"{result.points} / {result.possible}" if result.possible else "—"
        rows.append([cell(name, st), cell(score, st), cell(rating, st), cell(why, st)])
    out.append(grid(rows, [CONTENT_W - 290, 50, 90, 150]))
    out.append(Paragraph("期待される対応と実際", st.h2))
    plan = data.state.playbook.plan
    groups = [(r.objective.text.ja, r.lines) for r in ev.objectives]
    unassigned = [line for line in ev.lines if line.inject.objective is None]
    if unassigned:
        groups.append(("目標の指定のない状況付与", unassigned))
    for title, lines in groups:
        if not lines:
            continue
        # Kept with its table: a heading is never left alone at the foot of a page.
        heading = ParagraphStyle("objective", parent=st.body, keepWithNext=1)
        out.append(Paragraph(f"<b>{escape(f'目標: {title}')}</b>", heading))
        rows = [["状況付与", "期待される対応", "結果", "得点"]]
        for line in lines:
            when = era(line.released_at) if line.released_at else "未付与"
            outcome = explain(line, "ja", points=False, plan=plan)
            shown = cell(outcome, st)
            if line.outcome not in ("on_time", "already"):  # what went otherwise, marked
                shown = Paragraph(f"<b>{escape(f'{MISSED_MARK} {outcome}')}</b>", st.cell)
            rows.append(
                [
                    cell(f"{when}\n{line.inject.text.ja}", st),
                    cell(expected_text(plan, line.expected, "ja"), st),
                    shown,
                    cell(points_text(line, "ja"), st),
                ]
            )
        out.append(grid(rows, [150, CONTENT_W - 370, 180, 40]))
    counts = ev.counts()
    said = "、".join(f"{OUTCOME_LABELS[o].ja} {n}件" for o, n in counts.items() if n)
    out.append(layout.gap(1.5 * mm))
    out.append(Paragraph(escape(f"得点 {ev.points} / {ev.possible}（{said}）。"), st.body))
    return out


def render_after_action(data: RecordData, out: str | Path | IO[bytes]) -> None:
    """Write the after-action report: what was missed, timings from 認知 and 宣言, the chart,
    what was skipped, and the review: summary, went well, did not, lessons, improvement items."""
    st = layout.styles()
    facts = review(data)
    state = data.state
    story: list[Flowable] = _cover(data, st, "事後検証報告書")
    story += _exercise(data, st)
    story += _lessons(data, st)
    story += _phase_table(data, facts, st)
    story += _key_steps(data, facts, st)
    story += _deadline_rows(data, st)

    story.append(Paragraph("タイムラインチャート", st.h1))
    story.append(timeline_chart(data, CONTENT_W, facts))

    story.append(Paragraph("省略した手順と理由", st.h1))
    if facts.skipped:
        rows: list[list[Any]] = [["手順", "省略時刻", "判断者", "理由"]]
        for skipped in facts.skipped:
            rows.append(
                [
                    cell(skipped.step.title.ja, st),
                    cell(era_iso(skipped.at), st),
                    cell(skipped.actor, st),
                    cell(skipped.reason, st),
                ]
            )
        story.append(grid(rows, [170, TIME_W, 70, CONTENT_W - 240 - TIME_W]))
    else:
        story.append(Paragraph("省略した手順はありません。", st.body))
    layout.build(
        out,
        story,
        _furniture(data, "事後検証報告書"),
        title=f"事後検証報告書 {state.id} {state.title}",
        subject=f"entries {data.count} head {data.head}",
    )


RENDERERS = {
    "record": render_record,
    "after-action": render_after_action,
    "submission": render_submission,
}

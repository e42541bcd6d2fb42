"""The first page of a record: the incident told as a Japanese 報告書 is.

Every field comes from the log, a step's fields or the plan (``report:`` items), never typed
twice; an item the log does not hold prints as 【未記入】, visibly, so a blank is never read as
"none". The same page opens the signed record and the copy sent outside (``submission``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from app.domain.deadlines import DeadlineStatus
from app.domain.report_items import ReportValue, report_values
from app.domain.timeutil import format_era_datetime, format_era_day_weekday, parse_iso
from app.domain.vocabulary import (
    NOT_FILLED,
    REPORT_ITEM_LABELS,
    REPORT_ITEMS_ALWAYS,
    body_text,
)
from app.reports import layout
from app.reports.facts import (
    DRILL_STAMP_ROLES,
    MODE_JA,
    STAMP_ROLES,
    STATUS_JA,
    RecordData,
    anchor_label,
    contact_rows,
    deadline_result,
    milestones,
    missed,
)
from app.reports.layout import CONTENT_W, Styles, cell, escape, grid

# The mark of a deadline not kept: a shape and a word, never colour alone.
MISSED_MARK = "▲"
NOT_FILLED_MARK = f"【{NOT_FILLED.ja}】"


def era(moment: datetime | None, empty: str = "—") -> str:
    return format_era_datetime(moment) if moment is not None else empty


def era_iso(iso: str | None, empty: str = "—") -> str:
    return era(parse_iso(iso), empty) if iso else empty


def due_era(status: DeadlineStatus) -> str:
    """When a clock falls due, in 和暦 with 曜日: a clock counted in days ends at 24:00 of its
    day (令和8年12月6日（日）24:00), never 00:00 of the next."""
    if status.days is not None:
        return f"{format_era_day_weekday(status.days.due_day)}24:00"
    return era(status.due)


def _not_filled(st: Styles) -> Paragraph:
    return Paragraph(f"<b>{escape(NOT_FILLED_MARK)}</b>", st.cell)


def _values(values: Sequence[ReportValue], st: Styles, sources: bool) -> Paragraph:
    lines = []
    for value in values:
        line = escape(value.text)
        if sources and len(values) > 1 and value.label:  # several: say which field each is
            line = f"<font size=6.5>{escape(value.label)}:</font> " + line
        lines.append(line)
    return Paragraph("<br/>".join(lines), st.cell)


def document_block(data: RecordData, st: Styles) -> Flowable:
    """文書番号, 作成日, 団体名 and 報告者 (部署・担当・連絡先), as a form's top right block."""
    issuer = data.issuer
    reporter = "　".join(p for p in (issuer.department, issuer.person, issuer.contact) if p)
    created = format_era_day_weekday(data.created_at) if data.created_at else "—"
    rows = [
        ["文書番号", data.document_number, "作成日", created],
        ["団体名", issuer.organisation, "報告者", reporter or NOT_FILLED_MARK],
    ]
    widths = [20 * mm, CONTENT_W / 2 - 20 * mm, 18 * mm]
    widths.append(CONTENT_W - sum(widths))
    return grid(
        [
            [Paragraph(escape(c), st.cell_bold if i % 2 == 0 else st.cell) for i, c in enumerate(r)]
            for r in rows
        ],
        widths,
        header=False,
        extra=[
            ("BACKGROUND", (0, 0), (0, -1), layout.HEAD_BG),
            ("BACKGROUND", (2, 0), (2, -1), layout.HEAD_BG),
        ],
    )


def missed_block(data: RecordData, st: Styles) -> list[Flowable]:
    """▲ 期限超過 N件, each with its anchor's time, so anyone can redo the arithmetic."""
    late = missed(data.deadlines)
    if not late:
        return []
    plan = data.state.playbook.plan
    rows: list[list[Any]] = [["", "期限超過の期限", "起点（時刻）", "期日", "結果"]]
    for status in late:
        anchor = anchor_label(plan, status.deadline.from_)
        if status.anchor_at is not None:
            anchor += "\n" + era(status.anchor_at)
        rows.append(
            [
                MISSED_MARK,
                Paragraph(f"<b>{escape(status.deadline.title.ja)}</b>", st.cell),
                cell(anchor, st),
                cell(due_era(status), st),
                Paragraph(f"<b>{escape(deadline_result(status, data.as_of))}</b>", st.cell),
            ]
        )
    heading = Paragraph(
        f"<b>{MISSED_MARK} 期限超過 {len(late)}件</b>"
        "（法令・規程の期限を守れなかったもの。経過は「期限」の表を参照）",
        st.body,
    )
    return [
        heading,
        grid(
            rows, [12, 150, 120, 90, CONTENT_W - 372], extra=[("ALIGN", (0, 1), (0, -1), "CENTER")]
        ),
        layout.gap(2 * mm),
    ]


OPEN_MARK = "△"


def open_block(data: RecordData, st: Styles) -> list[Flowable]:
    """△ 未了の期限 N件: clocks still running at this moment, each with its due time, so an
    incident marked 終了 is never taken for one with nothing left to report."""
    running = [d for d in data.deadlines if d.state in ("running", "due_soon") and d.due]
    if not running:
        return []
    rows: list[list[Any]] = [["", "未了の期限", "期日", "状態"]]
    for status in running:
        rows.append(
            [
                OPEN_MARK,
                Paragraph(f"<b>{escape(status.deadline.title.ja)}</b>", st.cell),
                cell(due_era(status), st),
                cell(deadline_result(status, data.as_of), st),
            ]
        )
    if data.state.mode != "real":  # an exercise's clocks run in its scenario, not in law
        closed = "（訓練の想定上の期限。実際の報告の義務ではない）"
    elif data.state.status == "closed":
        closed = "（インシデントは終了しているが、期日まで報告の義務は続く）"
    else:
        closed = ""
    return [
        Paragraph(f"<b>{OPEN_MARK} 未了の期限 {len(running)}件</b>{escape(closed)}", st.body),
        grid(rows, [12, 210, 140, CONTENT_W - 362], extra=[("ALIGN", (0, 1), (0, -1), "CENTER")]),
        layout.gap(2 * mm),
    ]


def incident_pairs(data: RecordData, occurred: Any = None) -> list[tuple[str, Any]]:
    """What the incident is and when it moved: number, title, mode and status, body, then
    (``occurred``: the 発生日時 cell, on the 報告書 page) 認知, 宣言, 封じ込め, 復旧 and 終了."""
    state = data.state
    marks = milestones(data)
    mode = MODE_JA.get(state.mode, state.mode)
    pairs: list[tuple[str, Any]] = [
        ("インシデント番号", state.id),
        ("件名", state.title),
        ("種別・状態", f"{mode}　{STATUS_JA.get(state.status, state.status)}"),
        ("対象機関", body_text(state.body, "ja")),
    ]
    if occurred is not None:
        pairs.append(("発生日時", occurred))
    return pairs + [
        ("認知日時", era(marks.awareness)),
        ("宣言日時", era(marks.declared)),
        ("封じ込め", era(marks.contained, "未了")),
        ("復旧", era(marks.recovered, "未了")),
        ("終了", era(marks.closed, "未了")),
    ]


def report_items(given: dict[str, list[ReportValue]], st: Styles) -> list[tuple[str, Any]]:
    """The 報告書 items in form order: those always asked, and those a plan supplied."""
    pairs: list[tuple[str, Any]] = []
    for item, label in REPORT_ITEM_LABELS.items():
        if item == "occurred_at":
            continue  # with the times
        values = given.get(item)
        if values:
            pairs.append((label.ja, _values(values, st, True)))
        elif item in REPORT_ITEMS_ALWAYS:
            pairs.append((label.ja, _not_filled(st)))
    return pairs


def unrecorded_reports(data: RecordData) -> list[str]:
    """Reporting steps (``contact_records``) done with no contact recorded: the report was made,
    the log does not say to whom, when or under which 受付番号."""
    state = data.state
    contacted = {e.step_id for e in state.contacts}
    out = []
    for run in state.plans:
        for step in run.playbook.plan.steps():
            record = run.steps.get(step.id)
            if step.contact_records and record and record.done_at and step.id not in contacted:
                if step.title.ja not in out:
                    out.append(step.title.ja)
    return out


def contacts_table(data: RecordData, st: Styles) -> list[Flowable]:
    """報告先: each body, when, by what, to whom, and its 受付番号, from the contact records."""
    rows: list[list[Any]] = [["報告先", "日時", "方法", "相手", "受付番号", "結果"]]
    for row in contact_rows(data.state):
        rows.append(
            [
                cell(row.whom, st),
                cell(era(row.at), st),
                cell(row.channel, st),
                cell(row.person or "—", st),
                cell(row.receipt or "—", st),
                cell(row.outcome or "—", st),
            ]
        )
    for title in unrecorded_reports(data):
        rows.append(
            [
                cell(title, st),
                Paragraph(f"<b>{escape(NOT_FILLED_MARK)}</b>", st.cell),
                "",
                "",
                "",
                Paragraph(f"<b>{MISSED_MARK} 連絡記録なし</b>（手順は完了）", st.cell),
            ]
        )
    out: list[Flowable] = [Paragraph("報告先", st.h2)]
    if len(rows) == 1:
        out.append(Paragraph("報告・連絡の記録はありません。", st.body))
        return out
    # 受付番号 wide enough for PPC-2026-000123 whole; 方法 for ウェブフォーム.
    out.append(grid(rows, [96, 100, 58, 64, 96, CONTENT_W - 414]))
    return out


def report_page(
    data: RecordData, st: Styles, title: str, submission: bool = False
) -> list[Flowable]:
    """The 報告書 page: document block, 期限超過, the items, 報告先, and the stamps."""
    state = data.state
    mode = MODE_JA.get(state.mode, state.mode)
    heading = f"{title}（{mode}）" if state.mode != "real" else title
    given = report_values(state)
    occurred = given.get("occurred_at")
    pairs = [
        *incident_pairs(data, _values(occurred, st, True) if occurred else _not_filled(st)),
        *report_items(given, st),
    ]
    out: list[Flowable] = [Paragraph(escape(heading), st.title), document_block(data, st)]
    if submission:
        out.append(
            Paragraph(
                escape(
                    f"本書は、インシデント {state.id} の記録（記録数 {data.count}、チェーン先頭 "
                    f"{layout.group_hex(data.head)}）の写しです。署名済みの記録と同じ記録から作成"
                    "し、内部のメモ、計画のハッシュ値、市の確認待ちの注記は含みません。"
                ),
                st.small,
            )
        )
    if data.later_entries:
        out.append(
            Paragraph(
                escape(
                    f"{era(data.as_of)} 時点の状況。この後の記録 {data.later_entries} 件は含まない。"
                ),
                st.small,
            )
        )
    out += [layout.gap(2 * mm), *missed_block(data, st), *open_block(data, st)]
    out.append(layout.label_table(pairs, st))
    out += contacts_table(data, st)
    out.append(layout.gap())
    if not submission:
        out += stamps(data, st)
    return out


# 合議欄: the sections consulted (財政課, 人事課 …) write their name above their stamp.
CONSULTED_BOXES = ("（課名）", "（課名）", "（課名）")


def stamps(data: RecordData, st: Styles) -> list[Flowable]:
    """決裁欄 and 合議欄 for a real incident; an exercise's own block (評価者, 訓練統括)."""
    if data.state.mode == "real":
        return [
            layout.stamp_boxes(st, STAMP_ROLES),
            layout.gap(2 * mm),
            layout.stamp_boxes(st, CONSULTED_BOXES, title="合議欄"),
        ]
    return [layout.stamp_boxes(st, DRILL_STAMP_ROLES, title="訓練評価欄")]

"""The paper fallback: a plan's blank checklist and the contact sheet, for when the laptop or the
power is gone. A pure function of (playbook version, contacts): it carries no date and no incident.

Everything written on it by hand can be entered in the app afterwards with ``--at`` (the time it
happened), which is why every step has a line for the time and the name.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph
from reportlab.platypus.flowables import KeepTogether

from app.domain.contacts import Contacts, holders
from app.domain.loader import PlaybookFile
from app.domain.playbook import Step
from app.domain.roles import ROLES, Role
from app.reports import layout
from app.reports.facts import (
    ZONE_JA,
    anchor_label,
    choice_label,
    condition_label,
    duration_label,
    period_label,
    role_label,
)
from app.reports.layout import (
    CONTENT_W,
    ChoiceBoxes,
    Styles,
    TickBox,
    cell,
    confirm_mark,
    escape,
    grid,
)

CATEGORY_JA = {
    "cyber": "サイバー攻撃等（意図的な要因）",
    "human_error_or_failure": "人為的ミス・障害（非意図的な要因）",
    "disaster": "災害",
    "pandemic": "感染症の大流行",
    "infrastructure": "インフラの停止",
}
BLANK = "　"
_WHEN = "令和＿＿年＿＿月＿＿日＿＿時＿＿分"
_DAY = "＿月＿日\n＿＿時＿＿分"


def _head(plan: PlaybookFile, st: Styles) -> list[Flowable]:
    p = plan.plan
    out: list[Flowable] = [
        Paragraph(escape(f"{p.title.ja}　対応チェックリスト"), st.title),
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
    blank = layout.fill_line(60 * mm)
    fill = [
        ("件名", blank * 2),
        ("種別", None),
        ("対象機関", blank),
        ("ネットワーク", None),
        ("宣言時刻", _WHEN),
        ("認知時刻", _WHEN),
        ("記入者", blank),
    ]
    pairs: list[tuple[str, Any]] = []
    for label, value in fill:
        if label == "種別":
            pairs.append((label, ChoiceBoxes(["本番", "訓練", "机上訓練"])))
        elif label == "ネットワーク":
            pairs.append(
                (label, ChoiceBoxes([ZONE_JA[z] for z in ("mynumber", "lgwan", "internet")]))
            )
        else:
            pairs.append((label, value or ""))
    out += [layout.gap(2), layout.label_table(pairs, st, 28 * mm), layout.gap(2)]
    out.append(
        Paragraph(
            "使い方: 手順を終えたら □ に✓を入れ、時刻と氏名を書く。省略したときは理由を書く。"
            "【要確認】は市の対策基準・実施手順で確かめる項目。後でアプリに入力するときは、"
            "書いた時刻を発生時刻として入力する。",
            st.small,
        )
    )
    return out


def _bodies(step: Step, contacts: Contacts) -> list[str]:
    """'連絡先: name phone' for each external body the step names; a line to fill in where the
    contacts file lacks it, so the paper still says whom to call."""
    lines = []
    for body_id in step.contacts:
        body = contacts.body(body_id)
        if body is None:
            lines.append(
                f"連絡先: {escape(body_id)}（連絡先ファイルに未登録） {layout.fill_line(120)}"
            )
        else:
            reach = " ".join(x for x in (body.phone, body.email) if x)
            lines.append(f"連絡先: {escape(body.name.ja)}　{escape(reach)}")
    return lines


def _steps(plan: PlaybookFile, contacts: Contacts, st: Styles) -> list[Flowable]:
    p = plan.plan
    out: list[Flowable] = [Paragraph("手順", st.h1)]
    number = 0
    for phase in p.phases:
        rows: list[list[Any]] = [["✓", "手順", "時刻", "氏名"]]
        for step in phase.steps:
            number += 1
            parts = [f"<b>{number}. {escape(step.title.ja)}</b>"]
            if step.detail:
                parts.append(f"<font size=7>{escape(step.detail.ja)}</font>")
            meta = []
            if step.role:
                meta.append(f"担当: {role_label(step.role)}")
            if step.zones:
                meta.append("ゾーン: " + "・".join(ZONE_JA.get(z, z) for z in step.zones))
            if meta:
                parts.append(f"<font size=7>{escape('　'.join(meta))}</font>")
            parts += [f"<font size=7.5>{line}</font>" for line in _bodies(step, contacts)]
            if step.when:
                parts.append(f"<font size=7>実施条件: {escape(condition_label(p, step))}</font>")
            clocks = []
            if step.target_duration is not None:
                since = "認知" if step.target_from == "awareness" else "宣言"
                clocks.append(f"目標: {since}から{duration_label(step.target_duration)}以内")
            if step.repeat is not None:
                clocks.append(f"{duration_label(step.repeat)}ごとに繰り返す（各回を記録）")
            if clocks:
                parts.append(f"<font size=7>{escape('　'.join(clocks))}</font>")
            parts += [f"□ {escape(item.text.ja)}" for item in step.checks]
            for spec in step.fields:
                parts.append(f"{escape(spec.label.ja)}: {layout.fill_line(150)}")
            if step.contact_records:
                parts.append(
                    "<font size=7>連絡記録: 相手・手段・日時・応対者・受付番号・結果 "
                    f"{layout.fill_line(120)}</font>"
                )
            if step.confirm:
                parts.append(confirm_mark(step.confirm.ja))
            if step.refs:
                parts.append(f"<font size=6.5>参照: {escape('、'.join(step.refs))}</font>")
            parts.append(f"<font size=7>省略・メモ: {layout.fill_line(180)}</font>")
            rows.append([TickBox(), Paragraph("<br/>".join(parts), st.cell), BLANK, BLANK])
        table = grid(
            rows,
            [22, CONTENT_W - 22 - 70 - 80, 70, 80],
            extra=[("ALIGN", (0, 0), (0, -1), "CENTER"), ("VALIGN", (0, 1), (0, -1), "TOP")],
        )
        out += [Paragraph(escape(phase.title.ja), st.h2), table]
    return out


def _decisions(plan: PlaybookFile, st: Styles) -> list[Flowable]:
    p = plan.plan
    if not p.decisions:
        return []
    rows: list[list[Any]] = [["判断事項", "結果（□ に✓）", "時刻", "判断者"]]
    for decision in p.decisions:
        ask = f"<b>{escape(decision.ask.ja)}</b>"
        if decision.help:
            ask += f"<br/><font size=7>{escape(decision.help.ja)}</font>"
        labels = [choice_label(p, decision.id, c) for c in decision.choice_ids()]
        rows.append([Paragraph(ask, st.cell), ChoiceBoxes(labels), BLANK, BLANK])
    return [
        Paragraph("判断", st.h1),
        grid(rows, [CONTENT_W - 160 - 130, 160, 60, 70]),
    ]


def _deadlines(plan: PlaybookFile, st: Styles) -> list[Flowable]:
    p = plan.plan
    if not p.deadlines:
        return []
    rows: list[list[Any]] = [["期限", "起点", "期間", "起点時刻", "期日", "完了時刻"]]
    for deadline in p.deadlines:
        title = (
            f"<b>{escape(deadline.title.ja)}</b><br/><font size=6.5>{escape(deadline.basis)}</font>"
        )
        if deadline.confirm:
            title += "<br/>" + confirm_mark(deadline.confirm.ja)
        if deadline.when:
            title += f"<br/><font size=7>適用: {escape(condition_label(p, deadline))}</font>"
        rows.append(
            [
                Paragraph(title, st.cell),
                cell(anchor_label(p, deadline.from_), st),
                period_label(deadline),
                _DAY,
                _DAY,
                _DAY,
            ]
        )
    return [
        Paragraph("期限（記入用）", st.h1),
        grid(rows, [CONTENT_W - 300, 90, 36, 58, 58, 58]),
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
    out.append(grid(rows, [120, 34, 80, CONTENT_W - 120 - 34 - 80 - 150, 75, 75], extra=spans))
    out.append(Paragraph("外部機関", st.h2))
    ext_rows: list[list[Any]] = [["機関", "電話", "メール・URL", "備考"]]
    for body in contacts.external:
        ext_rows.append(
            [
                cell(body.name.ja, st),
                body.phone,
                cell(" ".join(x for x in (body.email, body.url) if x), st),
                cell(body.note, st),
            ]
        )
    if not contacts.external:
        for _ in range(6):
            ext_rows.append([BLANK, BLANK, BLANK, BLANK])
    out.append(grid(ext_rows, [170, 75, 130, CONTENT_W - 375]))
    out.append(
        KeepTogether([Paragraph("メモ", st.h2), grid([[BLANK]] * 6, [CONTENT_W], header=False)])
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


def render_checklist(plan: PlaybookFile, contacts: Contacts, out: str | Path | IO[bytes]) -> None:
    st = layout.styles()
    story: list[Flowable] = []
    story += _head(plan, st)
    story += _decisions(plan, st)
    story += _steps(plan, contacts, st)
    story += _deadlines(plan, st)
    story += _contact_sheet(plan, contacts, st)
    p = plan.plan
    furniture = layout.PageFurniture(
        header_left=f"対応チェックリスト　{p.title.ja}",
        header_right=f"{p.id} 第{p.version}版",
        footer_left=f"計画 {p.id} 第{p.version}版　sha256 {plan.sha256}",
    )
    layout.build(out, story, furniture, title=f"対応チェックリスト {p.title.ja}", subject=p.id)

"""``sonae demo``: a built-in drill run end to end, headless, to show (and smoke-test) the chain.

It writes into the chosen data folder only when one was given explicitly; otherwise into a
temporary folder, so a demo never mixes with the city's real records.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.domain.describe import Context, describe, kind_label
from app.domain.timeutil import JST, format_jst, parse_iso
from app.domain.visible import pad
from app.i18n import language, msg
from app.paths import DATA_DIR_ENV
from app.services.outputs import output_target
from app.services.workspace import Workspace

DEMO_PLAYBOOK = "ransomware"
DEMO_ACTOR = "訓練 太郎"


def run_demo_incident(ws: Workspace) -> str:
    """Drive the ransomware plan through every phase as a drill, in the plan's safe order
    (isolate, cut the backups off, preserve, report to the police, then restore); return the
    incident id."""
    inc = ws.incidents
    t0 = ws.real_clock.now() - timedelta(hours=3)
    hanako = "訓練 花子"

    def at(minutes: int) -> Any:
        return t0 + timedelta(minutes=minutes)

    incident_id = inc.start(
        DEMO_PLAYBOOK,
        "訓練: 財務課ファイルサーバの暗号化",
        DEMO_ACTOR,
        mode="drill",
        at=at(0),
        body="executive",
        awareness_at=at(-10),
    )
    for minute, check in enumerate(("lan", "wifi"), start=2):
        inc.tick_check(incident_id, "isolate", check, DEMO_ACTOR, at=at(minute))
    inc.complete_step(
        incident_id,
        "isolate",
        DEMO_ACTOR,
        at=at(4),
        fields={"host": "FIN-PC-023", "location": "本庁舎2階 財務課"},
    )
    inc.complete_step(
        incident_id,
        "record_note",
        hanako,
        at=at(9),
        fields={
            "extension": ".lockbit",
            "note_file": "README.txt",
            "ransom": "暗号資産での支払いを求める脅迫文（金額の記載なし）。市は支払わない",
        },
    )
    inc.complete_step(
        incident_id,
        "report_manager",
        hanako,
        at=at(12),
        fields={
            "reported_to": "財務課長",
            "discoverer": "財務課 職員",
            "discovery": "共有フォルダのファイルが開けず、脅迫文が表示された",
            "occurred_at": at(-40).astimezone(JST).strftime("%Y-%m-%dT%H:%M"),
            "overview": "財務課の端末 1 台と共有フォルダのファイルが暗号化された（訓練）",
        },
    )
    inc.decide(
        incident_id,
        "personal_data",
        "unknown",
        DEMO_ACTOR,
        at=at(20),
        reason="共有フォルダに給与の資料があるが、暗号化の範囲はまだ分からない",
    )
    inc.decide(
        incident_id,
        "operations_stopped",
        "no",
        DEMO_ACTOR,
        at=at(22),
        reason="財務会計システムは別のサーバで動いている",
    )
    inc.decide(
        incident_id,
        "mynumber_zone",
        "no",
        DEMO_ACTOR,
        at=at(25),
        reason="財務課の端末はマイナンバー利用事務系に接続していない",
    )
    inc.complete_step(
        incident_id,
        "isolate_backups",
        "システム係長",
        at=at(28),
        fields={"backups": "NAS-BK01 をネットワークから切り離し、夜間ジョブを停止"},
    )
    inc.complete_step(
        incident_id,
        "csirt_setup",
        "情報政策課長",
        at=at(30),
        fields={"members": "情報政策課長、システム係長、委託先SE"},
    )
    inc.complete_step(incident_id, "cut_remote", DEMO_ACTOR, at=at(41))
    inc.record_contact(
        incident_id,
        "report_police",
        "福岡県警察本部 サイバー犯罪対策課",
        "phone",
        DEMO_ACTOR,
        person="サイバー犯罪対策課 担当者",
        receipt="訓練-0001",
        outcome="ログとネットワーク構成図を持参して相談することになった",
        at=at(45),
    )
    inc.complete_step(incident_id, "report_police", DEMO_ACTOR, at=at(46))
    inc.complete_step(
        incident_id,
        "preserve_evidence",
        "委託先SE",
        at=at(60),
        fields={
            "custody_by": "委託先SE",
            "custody_at": at(60).astimezone(JST).strftime("%Y-%m-%dT%H:%M"),
            "custody_items": "FIN-PC-023 のディスクイメージ、メモリダンプ、ファイルサーバのログ",
            "custody_place": "情報政策課 施錠保管庫",
        },
    )
    inc.complete_step(
        incident_id,
        "check_zones",
        DEMO_ACTOR,
        at=at(62),
        fields={"affected": "財務課共有フォルダのみ"},
    )
    inc.set_status(incident_id, "contained", DEMO_ACTOR, at=at(64))
    inc.skip_step(incident_id, "decryptor", "訓練のため省略", DEMO_ACTOR, at=at(70))
    inc.complete_step(
        incident_id,
        "close_entry",
        "委託先SE",
        at=at(90),
        fields={"entry": "VPN 装置（ファームウェア未更新）の脆弱性"},
    )
    inc.decide(
        incident_id,
        "clean_backup",
        "yes",
        DEMO_ACTOR,
        at=at(100),
        reason="11/24 の世代は切り離し済みの NAS にあり、検査で感染なし",
    )
    inc.complete_step(
        incident_id, "restore", DEMO_ACTOR, at=at(120), fields={"backup_date": "2026-11-24"}
    )
    inc.complete_step(incident_id, "ppc_preliminary", DEMO_ACTOR, at=at(150))
    inc.set_status(incident_id, "recovered", DEMO_ACTOR, at=at(160))
    inc.add_lesson(
        incident_id,
        "端末の切り離しが宣言から4分で済んだ",
        DEMO_ACTOR,
        category="went_well",
        at=at(165),
    )
    inc.add_lesson(
        incident_id, "連絡網の電話番号が古かった", hanako, category="went_badly", at=at(166)
    )
    inc.add_lesson(
        incident_id,
        "VPN 装置の更新状況を月次で確認する",
        DEMO_ACTOR,
        owner="情報政策課長",
        due=(at(0) + timedelta(days=30)).astimezone(JST).date().isoformat(),
        step="close_entry",
        at=at(170),
    )
    inc.complete_step(
        incident_id,
        "lessons",
        DEMO_ACTOR,
        at=at(172),
        fields={
            "cause": "VPN 装置のファームウェアが未更新のままだった",
            "prevention": "VPN 装置の更新状況を月次で確認する（情報政策課長、次の定例まで）",
        },
    )
    inc.set_status(
        incident_id,
        "closed",
        DEMO_ACTOR,
        at=at(175),
        summary="端末を切り離し、切り離し済みのバックアップから復元した（訓練）",
    )
    return incident_id


DEMO_SCRIPT = "misdelivered_mail"
DEMO_RESPONSES = "misdelivered_mail.missing.yaml"  # one expected response left out: it shows


def run_demo_tabletop(ws: Workspace, out: Callable[[str], Any], pdf: Path | None) -> str:
    """A short tabletop exercise played headless (the misdelivered mail, with one response
    missing), its evaluation printed line by line and, with ``pdf``, its after-action report
    written beside the record."""
    from app.domain.exercise_run import evaluation_lines
    from app.paths import playbooks_dir
    from app.services.exercise_runner import read_responses, run_exercise

    script = ws.exercises.get(DEMO_SCRIPT)
    responses = read_responses(playbooks_dir() / "exercises" / "responses" / DEMO_RESPONSES)
    start = ws.real_clock.now() - timedelta(days=3, hours=1)  # three simulated days, just ended
    incident = run_exercise(ws, script, responses, at=start, wait_at_most=0.0)
    lang = language()
    out(
        str(
            msg(
                "机上訓練 {id}: {title}",
                "tabletop exercise {id}: {title}",
                id=incident,
                title=script.script.title.get(lang),
            )
        )
    )
    evaluation = ws.incidents.evaluation(incident)
    for line in evaluation_lines(evaluation, ws.incidents.state(incident).playbook.plan, lang):
        out(line)
    if pdf is not None:
        from app.services.reports import write_report

        beside = pdf.with_name(f"{pdf.stem}-after-action{pdf.suffix or '.pdf'}")
        issued = write_report(ws, incident, beside, "after-action", actor=DEMO_ACTOR)
        out(str(msg("事後検証報告書 PDF: {p}", "after-action PDF: {p}", p=issued.path)))
    return incident


def run_demo(
    data_dir: str | None, out: Callable[[str], Any], pdf: Path | None = None, scratch: bool = False
) -> int:
    """``scratch``: a temporary folder whatever else was named (``--read-only``)."""
    explicit = None if scratch else data_dir or os.environ.get(DATA_DIR_ENV)
    with tempfile.TemporaryDirectory(prefix="sonae-demo-") as temporary:
        root = Path(explicit).expanduser() if explicit else Path(temporary)
        if pdf is not None:
            output_target(pdf, root)  # a bad --out is refused before the drill is written
        ws = Workspace(root)
        try:
            incident_id = run_demo_incident(ws)
            lang = language()
            state = ws.incidents.state(incident_id)
            out(
                str(
                    msg(
                        "訓練インシデント {id}: {title}",
                        "drill incident {id}: {title}",
                        id=incident_id,
                        title=state.title,
                    )
                )
            )
            entries = ws.incidents.entries(incident_id)
            context = Context.of(entries)
            for entry in entries:
                # The same words as the timeline, the record and the CSV.
                what = describe(entry, state, lang, context)
                out(
                    f"  {entry.seq:>3}  {format_jst(parse_iso(entry.occurred_at))}  "
                    f"{pad(kind_label(entry.kind, lang), 16)} {pad(entry.actor, 14)} {what}"
                )
            if pdf is not None:
                from app.services.reports import write_report

                issued = write_report(ws, incident_id, pdf, "record", actor=DEMO_ACTOR)
                out(str(msg("記録 PDF: {p}", "PDF record: {p}", p=issued.path)))
            tabletop = run_demo_tabletop(ws, out, pdf)
            ok = True
            for shown in (incident_id, tabletop):
                result = ws.verify(shown)
                out(result.describe())
                out(f"head {ws.incidents.state(shown).head}")
                ok = ok and result.ok
            return 0 if ok else 1
        finally:
            ws.close()

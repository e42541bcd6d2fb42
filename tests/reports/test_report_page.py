"""The record as a 報告書: the fields Japanese forms ask for, from the log; the truth on the cover
(期限超過, late entries, logins); printing that is logged but never counts as response; --as-of;
the copy sent outside; the after-action review. Every document is read back from the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.clock import ManualClock
from app.domain.timeutil import JST
from app.services.login import machine_login
from app.services.organisation import set_organisation
from app.services.reports import write_report
from app.services.workspace import Workspace
from tests.reports.conftest import pdf_pages, pdf_text

PLAN = """\
schema: 2
id: leak_check
version: 1
category: cyber
title: {ja: 誤送信への対応, en: Misdirected mail}
decisions:
  - id: reportable
    ask: {ja: 個人情報保護委員会への報告対象か, en: Reportable to the PPC?}
    choices:
      - {id: yes, label: {ja: 報告対象（要配慮個人情報を含む）, en: Reportable}}
      - no
      - unknown
    report: category
phases:
  - id: first
    stage: detect
    title: {ja: 初動, en: First}
    steps:
      - id: intake
        title: {ja: 受け付ける, en: Intake}
        fields:
          - {id: occurred, label: {ja: 発生日時（推定）, en: Occurred}, type: datetime, report: occurred_at}
          - {id: finder, label: {ja: 発見者, en: Found by}, report: discoverer}
          - {id: how, label: {ja: 発見契機, en: How found}, report: discovery}
          - {id: what, label: {ja: 事案の概要, en: Overview}, type: multiline, report: overview}
          - {id: persons, label: {ja: 本人の数, en: Persons}, type: number, report: persons}
      - id: report_ppc
        title: {ja: 委員会へ速報する, en: Report to the PPC}
        key: true
        contact_records: true
        confirm: {ja: 速報の様式を確かめる, en: Check the form}
  - id: close
    stage: review
    title: {ja: 振り返り, en: Review}
    steps:
      - id: review
        title: {ja: 振り返る, en: Review}
deadlines:
  - id: prelim
    title: {ja: 委員会への速報, en: Preliminary report}
    from: awareness
    within: PT72H
    met_by: report_ppc
    basis: 施行規則7条
"""


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)  # type: ignore[misc]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(jst(2026, 11, 20, 9, 0))


@pytest.fixture
def ws(data_dir: Path, clock: ManualClock) -> Iterator[Workspace]:
    (data_dir / "playbooks").mkdir(parents=True)
    (data_dir / "playbooks" / "leak_check.yaml").write_text(PLAN, encoding="utf-8")
    workspace = Workspace(data_dir, clock=clock)
    yield workspace
    workspace.close()


def run_leak(ws: Workspace, clock: ManualClock) -> str:
    """A leak reported to the PPC a day late, with a back-filled note, then closed."""
    inc = ws.incidents
    incident = inc.start("leak_check", "住民情報の誤送信", "山田 一郎", mode="real")
    clock.advance(timedelta(minutes=10))
    inc.complete_step(
        incident,
        "intake",
        "山田 一郎",
        fields={
            "occurred": "2026-11-19T17:30",
            "finder": "窓口係 佐藤",
            "how": "住民からの電話",
            "what": "納税通知書12通を別の住所へ送付した",
            "persons": "12",
        },
    )
    inc.decide(
        incident, "reportable", "yes", "山田 一郎", reason="病歴を含む通知書が含まれていたため"
    )
    inc.note(incident, "内部メモ: 課長へ口頭で報告済み", "山田 一郎")
    clock.advance(timedelta(days=4))  # 96 hours after awareness: a day late
    inc.complete_step(incident, "report_ppc", "佐藤 花子")
    inc.record_contact(
        incident,
        "report_ppc",
        "個人情報保護委員会",
        "web_form",
        "佐藤 花子",
        person="受付担当",
        receipt="PPC-2026-000123",
        outcome="受理",
    )
    # Typed in today, it happened three days ago.
    inc.note(incident, "委託先へ回収を依頼", "佐藤 花子", at=clock.now() - timedelta(days=3))
    clock.advance(timedelta(hours=1))
    inc.set_status(incident, "contained", "山田 一郎")
    clock.advance(timedelta(hours=1))
    inc.set_status(incident, "recovered", "山田 一郎")
    clock.advance(timedelta(hours=1))
    inc.add_lesson(
        incident, "誤送信防止の二重確認が形骸化していた", "山田 一郎", category="went_badly"
    )
    inc.add_lesson(incident, "窓口の初動は早かった", "山田 一郎", category="went_well")
    inc.add_lesson(
        incident,
        "封入前の宛名照合を手順に加える",
        "山田 一郎",
        owner="税務課長",
        due="2027-03-31",
        step="intake",
    )
    inc.complete_step(incident, "review", "山田 一郎")
    inc.set_status(incident, "closed", "山田 一郎", summary="12通を回収し、本人へ謝罪した")
    return incident


def first_page(path: Path) -> str:
    return "".join(pdf_pages(path)[0].split())


def test_the_first_page_carries_every_report_field_from_the_log(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    set_organisation(ws.root, "department", "総務部 情報管理課")
    set_organisation(ws.root, "contact", "0942-72-2111")
    out = tmp_path / "record.pdf"
    write_report(ws, incident, out, "record", actor="記録 係")
    page = first_page(out)
    for expected in (
        f"文書番号{incident}-001",
        "作成日令和8年11月24日（火）",
        "団体名小郡市",
        "報告者総務部情報管理課記録係0942-72-2111",
        "発生日時令和8年11月19日（木）17:30",
        "認知日時令和8年11月20日（金）09:00",
        "封じ込め令和8年11月24日（火）10:10",
        "終了令和8年11月24日（火）",
        "発見者窓口係佐藤",
        "発見契機住民からの電話",
        "事案の概要納税通知書12通を別の住所へ送付した",
        "本人の数12",
        "報告対象事態の類型個人情報保護委員会への報告対象か:報告対象（要配慮個人情報を含む）",
        # The 報告先 table, from the contact record.
        "個人情報保護委員会",
        "PPC-2026-000123",
        "ウェブフォーム",
    ):
        assert expected in page, expected
    # What no step supplied prints as 未記入, visibly.
    assert "原因・侵入経路【未記入】" in page and "二次被害【未記入】" in page
    # The real approval chain on a real incident, and room for the sections consulted.
    assert "決裁欄" in page and "統括情報セキュリティ責任者" in page
    assert "合議欄" in "".join(pdf_text(out).split())


def test_a_missed_deadline_is_flagged_in_words_and_a_mark_with_its_anchor_time(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    for kind in ("record", "after-action"):
        out = tmp_path / f"{kind}.pdf"
        write_report(ws, incident, out, kind)
        page = first_page(out)
        assert "▲期限超過1件" in page, kind
        # The anchor and its time, so the arithmetic can be redone: 72 hours from 認知.
        assert "認知令和8年11月20日（金）09:00" in page, kind
        assert "期限後に完了（1日0時間10分超過）" in page, kind
    # The after-action's key-step and deadline tables say it too.
    flat = "".join(pdf_text(tmp_path / "after-action.pdf").split())
    assert flat.count("▲") >= 3


def test_late_entries_and_logins_are_on_the_overview(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    entries = ws.incidents.entries(incident)
    login = machine_login()
    assert login and all(e.payload.get("login") == login for e in entries)
    out = tmp_path / "record.pdf"
    write_report(ws, incident, out)
    flat = "".join(pdf_text(out).split())
    late = next(e for e in entries if e.payload.get("text") == "委託先へ回収を依頼")
    assert f"後日記録1件（発生から30分以上後に記録）、最大3日0時間00分（#{late.seq}）" in flat
    assert "後日記録（3日0時間00分後）" in flat  # the row's own mark in the timeline
    # Each responder with the machine login beside the typed name.
    assert "山田一郎（" in flat and f"ログイン{login}" in flat
    assert f"［{login}］" in flat


def test_printing_is_logged_but_never_counts_as_response(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    closed_at = ws.incidents.state(incident).last_occurred_at
    for n in range(2):
        clock.advance(timedelta(days=10))
        write_report(ws, incident, tmp_path / f"copy{n}.pdf", actor="印刷 担当")
    state = ws.incidents.state(incident)
    assert state.issued == 2 and "印刷 担当" not in state.responders
    assert state.last_occurred_at == closed_at
    clock.advance(timedelta(days=10))
    out = tmp_path / "third.pdf"
    write_report(ws, incident, out, actor="印刷 担当")
    flat = "".join(pdf_text(out).split())
    assert f"文書番号{incident}-003" in flat
    assert "最終記録令和8年11月24日（火）" in flat  # the close, not a print a month later
    overview = flat[flat.index("記録の概要") : flat.index("手順:")]
    assert "印刷担当" not in overview  # not a responder
    assert "帳票の出力2件" in overview
    # A copy printed a month after the close does not move its deadlines to 期限超過 of more.
    assert "期限後に完了（1日0時間10分超過）" in flat


def test_as_of_shows_the_incident_as_it_stood_then(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    out = tmp_path / "then.pdf"
    write_report(ws, incident, out, as_of=jst(2026, 11, 21, 12, 0))
    page = first_page(out)
    assert "この後の記録" in page
    assert "封じ込め未了" in page and "終了未了" in page  # later milestones are not shown
    flat = "".join(pdf_text(out).split())
    assert "委員会へ速報する" in flat and "進行中" in flat  # the report was not yet made
    assert "受理" not in page  # nor the contact made later
    issued = ws.incidents.entries(incident)[-1]
    assert issued.kind == "report_issued" and issued.payload["as_of"].startswith("2026-11-21")


def test_the_submission_copy_leaves_internal_notes_out(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    write_report(ws, incident, tmp_path / "record.pdf")
    out = tmp_path / "send.pdf"
    write_report(ws, incident, out, "submission")
    flat = "".join(pdf_text(out).split())
    assert "インシデント報告書（写し）" in flat and "の写しです" in flat
    head = ws.incidents.entries(incident)[-2].hash  # the head the copy was made at
    assert "".join(head[i : i + 4] for i in range(0, 64, 4)) in flat
    assert "PPC-2026-000123" in flat and "委員会へ速報する" in flat  # what was done
    for internal in ("内部メモ", "sha256", "要確認", "誤送信防止の二重確認", "を出力（記録"):
        assert internal not in flat, internal
    assert "決裁欄" not in flat and "合議欄" not in flat


def test_decisions_print_their_reason_and_can_be_changed_by_reopening(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    inc = ws.incidents
    with pytest.raises(Exception, match="再開"):
        inc.decide(incident, "reportable", "no", "山田 一郎", reason="誤り")
    inc.set_status(incident, "open", "山田 一郎")
    inc.decide(incident, "reportable", "unknown", "山田 一郎", reason="病歴の記載は別紙と判明")
    inc.set_status(incident, "closed", "山田 一郎", summary="判断を訂正して終了")
    out = tmp_path / "record.pdf"
    write_report(ws, incident, out)
    flat = "".join(pdf_text(out).split())
    decisions = flat[flat.index("判断判断事項") :]
    assert "病歴の記載は別紙と判明" in decisions[: decisions.index("期限")]
    # The timeline keeps both answers and their reasons.
    assert "理由:病歴を含む通知書が含まれていたため" in flat
    assert "理由:病歴の記載は別紙と判明" in flat


def test_the_after_action_report_keeps_the_review(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = run_leak(ws, clock)
    out = tmp_path / "aar.pdf"
    write_report(ws, incident, out, "after-action")
    flat = "".join(pdf_text(out).split())
    assert "対応の概要12通を回収し、本人へ謝罪した" in flat
    review = flat[flat.index("振り返り") :]
    assert review.index("良かった点") < review.index("窓口の初動は早かった")
    assert review.index("課題") < review.index("誤送信防止の二重確認が形骸化していた")
    # The improvement item: owner, due date with 曜日, and the step it should change.
    items = review[review.index("改善計画（改善項目）#") :]
    for expected in (
        "封入前の宛名照合を手順に加える",
        "税務課長",
        "令和9年3月31日（水）",
        "未完了",
    ):
        assert expected in items, expected
    assert "手順「受け付ける」" in items
    assert "認知から" in flat and "宣言から" in flat


def test_the_organisation_is_a_setting(ws: Workspace, clock: ManualClock, tmp_path: Path) -> None:
    incident = run_leak(ws, clock)
    set_organisation(ws.root, "organisation", "小郡市教育委員会")
    out = tmp_path / "record.pdf"
    write_report(ws, incident, out)
    assert "団体名小郡市教育委員会" in first_page(out)
    (ws.root / "organisation.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(Exception, match="organisation.json"):
        write_report(ws, incident, tmp_path / "again.pdf")
    assert not (tmp_path / "again.pdf").exists()


def test_a_retracted_entry_is_grey_in_the_timeline(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    import pdfplumber

    incident = run_leak(ws, clock)
    wrong = next(e for e in ws.incidents.entries(incident) if e.kind == "noted")
    ws.incidents.set_status(incident, "open", "山田 一郎")
    ws.incidents.correct(incident, wrong.uuid, "別の事案のメモだった", "山田 一郎")
    out = tmp_path / "record.pdf"
    write_report(ws, incident, out)
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    start = text.index("内部メモ: 課長へ口頭で報告済み", text.index("経過記録（タイムライン）"))
    greys = {c["non_stroking_color"] for c in chars[start : start + 10]}
    assert greys and all(isinstance(g, tuple) and g[0] < 0.6 and g[0] > 0.3 for g in greys)
    later = text.index("委託先へ回収を依頼", start)  # an entry that stands: black
    assert all(g[0] == 0 for g in {c["non_stroking_color"] for c in chars[later : later + 5]})


def test_open_clocks_and_reports_made_without_a_record_are_said_on_page_one(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    inc = ws.incidents
    incident = inc.start("leak_check", "住民情報の誤送信", "山田 一郎", mode="real")
    clock.advance(timedelta(hours=2))
    out = tmp_path / "open.pdf"
    write_report(ws, incident, out, actor="記録 係")
    page = first_page(out)
    # A clock still running is on the first page with its due time.
    assert "△未了の期限1件" in page and "令和8年11月23日（月）09:00" in page
    # A reporting step done with no contact recorded: the 報告先 table says so.
    inc.complete_step(incident, "report_ppc", "佐藤 花子")
    write_report(ws, incident, out, actor="記録 係")
    page = first_page(out)
    assert "委員会へ速報する【未記入】" in page and "▲連絡記録なし" in page
    assert "△未了の期限" not in page  # met now


def test_the_copy_sent_outside_carries_no_logins_nor_the_city_s_remarks(
    ws: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    plan = ws.root / "playbooks" / "leak_check.yaml"
    plan.write_text(
        PLAN.replace("basis: 施行規則7条", "basis: 施行規則7条〔条番号は要確認〕"), encoding="utf-8"
    )
    incident = run_leak(ws, clock)
    out = tmp_path / "send.pdf"
    write_report(ws, incident, out, "submission")  # no --actor: the login is not a name
    flat = "".join(pdf_text(out).split())
    assert "施行規則7条" in flat and "条番号は要確認" not in flat
    assert f"［{machine_login()}］" not in flat
    assert "報告者【未記入】" in first_page(out)
    record = tmp_path / "record.pdf"
    write_report(ws, incident, record)
    assert "条番号は要確認" in "".join(pdf_text(record).split())  # the city's record keeps it

"""The paper fallback: the blank checklist of a plan and the contact sheet."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from app.services.contacts import install_example
from app.services.reports import write_checklist
from app.services.workspace import Workspace
from tests.reports.conftest import (
    assert_fonts_embedded,
    big_text_per_page,
    pdf_text,
    ransomware,
)
from tests.reports.test_checklist_pen import writing_lines


def test_checklist_has_steps_decisions_deadlines_and_contacts(
    workspace: Workspace, tmp_path: Path
) -> None:
    install_example(workspace.root)
    out = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", out)
    flat = pdf_text(out).replace("\n", "")
    assert "ランサムウェア感染 対応チェックリスト" in flat
    plan = ransomware(workspace)
    for number, step in enumerate(plan.steps(), start=1):
        assert f"{number}. {step.title.ja}" in flat
        for spec in step.fields:
            assert f"{spec.label.ja}:" in flat  # its lines: test_checklist_pen
        if step.confirm:
            assert f"【要確認】{step.confirm.ja}" in flat
    hq = plan.step("response_hq")
    stopped = plan.decision("operations_stopped")
    assert hq is not None and stopped is not None and hq.when == "operations_stopped == yes"
    assert f"実施条件: 「{stopped.ask.ja}」が はい の場合" in flat
    for decision in plan.decisions:
        assert decision.ask.ja in flat
    assert "いいえ" in flat and "期限（記入用）" in flat
    unbroken = "".join(flat.split())  # a title wrapped in its cell may gain a space
    assert all("".join(d.title.ja.split()) in unbroken for d in plan.deadlines)
    # the contact sheet: holders then deputies in succession order, with numbers
    assert "連絡先一覧（役割と代行順位）" in flat
    assert "架空 一郎" in flat and "000-0000-0001" in flat
    assert flat.index("架空 一郎") < flat.index("仮名 次郎")  # CISO holder before the deputy
    assert "代行1" in flat and "代行3" in flat  # csirt has a third deputy in the example
    assert "総務省" in flat and "000-1000-0001" in flat
    assert "連絡先ファイルが未設定" not in flat
    assert big_text_per_page(out) == [""] * len(big_text_per_page(out))  # no watermark
    assert_fonts_embedded(out)


def test_checklist_without_contacts_leaves_rows_to_fill_in(
    workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", out)
    flat = pdf_text(out).replace("\n", "")
    assert "連絡先ファイルが未設定" in flat
    assert "最高情報セキュリティ責任者 (CISO)" in flat and "代行1" in flat


def test_contact_sheet_marks_roles_the_city_must_confirm(
    workspace: Workspace, tmp_path: Path
) -> None:
    from app.domain.roles import ROLES

    out = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", out)
    flat = "".join(pdf_text(out).split())
    sheet = flat[flat.index("連絡先一覧") :]
    confirm = {r.id for r in ROLES if r.confirm}
    assert confirm == {
        "dept_officer", "section_manager", "system_admin", "system_staff", "pr", "hr", "facilities",
    }  # fmt: skip
    for role in ROLES:
        name, typical = ("".join(t.split()) for t in (role.ja, role.typical_ja))
        marked = f"{name}【要確認】通常は{typical}（市の対策基準で確認）"
        assert (marked in sheet) == role.confirm, role.id
        assert f"{name}通常は{typical}" in sheet or role.confirm, role.id


def test_checklist_prints_the_numbers_of_the_bodies_under_the_step(
    workspace: Workspace, tmp_path: Path
) -> None:
    install_example(workspace.root)
    out = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", out)
    flat = pdf_text(out).replace("\n", "")
    police = flat.index("警察（サイバー犯罪相談窓口）へ通報する")
    under_police = flat[police : flat.index("ディスク・メモリ・ログを保全し")]  # before the next
    assert "連絡先: 福岡県警察 サイバー犯罪相談窓口" in under_police
    assert "000-1000-0003" in under_police and "000-1000-0006" not in under_police
    ipa = flat.index("IPA と JPCERT/CC へ届け出る")
    under_ipa = flat[ipa : flat.index("議会の事案は、議会の条例に従って")]
    assert "連絡先: 情報処理推進機構（IPA）" in under_ipa and "000-1000-0006" in under_ipa
    assert "JPCERT コーディネーションセンター" in under_ipa and "000-1000-0007" in under_ipa


def test_checklist_leaves_a_line_for_a_body_missing_from_contacts(
    workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", out)  # no contacts file at all
    flat = pdf_text(out).replace("\n", "")
    # The body by its name (from the bundled list), never its id; the number left to write in.
    assert "連絡先: 福岡県警察 サイバー犯罪相談窓口（電話番号は連絡先ファイルに未登録）" in flat
    assert "police_cyber" not in flat and "000-1000-0003" not in flat
    with pdfplumber.open(str(out)) as pdf:
        page = next(p for p in pdf.pages if p.search("サイバー犯罪相談窓口（電話番号"))
        said = page.search("未登録）", regex=False)[0]
        under = [  # a line of its own to write the number on, under the words
            x for x in writing_lines(page) if 0 < x["top"] - said["bottom"] <= 8 * 72 / 25.4 + 4
        ]
        assert under and under[0]["x1"] - under[0]["x0"] >= 60 * 72 / 25.4

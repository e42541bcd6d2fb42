"""Any length of text prints: a record that cannot be printed could never be filed again, since
the log it comes from cannot be edited."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from app.domain.clock import ManualClock
from app.domain.contacts import Contacts
from app.domain.loader import compose, load_text
from app.paths import playbooks_dir
from app.reports.checklist import render_checklist
from app.reports.record import render_after_action, render_record
from app.services.reports import load_record_data
from app.services.workspace import Workspace
from tests.reports.conftest import pdf_pages, pdf_text

# 200 lines of firewall log, each with its own token at the start.
LOG = "\n".join(
    f"L{i:03d} 2026-11-25 09:{i % 60:02d}:00 DENY tcp 192.0.2.{i}:4431 -> 10.0.0.5:445"
    for i in range(200)
)
NO_SPACES = "Q" * 6000  # no break opportunity at all
FIELD = "ゑ" * 10_000
TITLE = "ゐ" * 500  # the longest title an incident may have (services.incidents.MAX_LINE)
STEP_TITLE = "ゐ" * 12_000  # a plan's texts may run to 20,000 characters


def _inside_the_page(path: Path) -> None:
    """Every character is set on the paper: long text wraps, nothing runs off the edge."""
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for char in page.chars:
                assert 0 <= char["x0"] and char["x1"] <= page.width, (number, char["text"])
                assert 0 <= char["top"] and char["bottom"] <= page.height, (number, char["text"])


def test_long_notes_fields_and_title_print_in_full(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    inc = workspace.incidents
    incident = inc.start("ransomware", TITLE, "山田 一郎", mode="real")
    inc.complete_step(incident, "isolate", "山田 一郎", fields={"host": FIELD}, note=LOG)
    inc.complete_step(incident, "record_note", "山田 一郎", fields={"extension": NO_SPACES})
    inc.skip_step(incident, "report_manager", LOG, "山田 一郎")
    inc.note(incident, NO_SPACES, "山田 一郎")
    inc.add_lesson(incident, LOG, "山田 一郎", improvement=True)
    data = load_record_data(workspace, incident)

    record = tmp_path / "record.pdf"
    render_record(data, record)
    flat = "".join(pdf_text(record).split())
    # The note: in the step table and in the timeline; the skip reason: the same.
    for i in range(200):
        assert flat.count(f"L{i:03d}2026-11-25") >= 4, i
    # Step table and timeline (the field twice, the unbroken note three times), and the 報告書
    # page where the plan marks the field as one of its items.
    isolate = workspace.library.get("ransomware").plan.step("isolate")
    assert isolate is not None
    on_report = any(f.id == "host" and f.report for f in isolate.fields)
    assert flat.count("ゑ") == (3 if on_report else 2) * len(FIELD)
    assert flat.count("Q") == 3 * len(NO_SPACES)
    # The 報告書 page's 件名 and the timeline in full; each page header a shortened title.
    pages = pdf_pages(record)
    header = "".join(pages[-1].split()).count("ゐ")
    assert 20 <= header < 100
    assert flat.count("ゐ") == 2 * len(TITLE) + header * len(pages)
    assert "（続き）" in flat  # a timeline row longer than a page goes on in continuation rows
    # and each continuation names its kind, so a page read alone says what it continues
    assert flat.count("（続き）") == len(re.findall(r"(メモ|手順省略|手順完了|教訓)（続き）", flat))
    _inside_the_page(record)

    after = tmp_path / "after.pdf"
    render_after_action(data, after)
    flat = "".join(pdf_text(after).split())
    for i in range(200):  # the skip reason and the lesson
        assert flat.count(f"L{i:03d}2026-11-25") >= 2, i
    pages = pdf_pages(after)
    header = "".join(pages[-1].split()).count("ゐ")
    assert flat.count("ゐ") == len(TITLE) + header * len(pages)  # the cover's 件名 in full
    _inside_the_page(after)


def test_a_user_edited_plan_with_long_steps_prints_its_checklist(tmp_path: Path) -> None:
    text = (playbooks_dir() / "ransomware.yaml").read_text(encoding="utf-8")
    text = text.replace("感染した端末をネットワークから切り離す", STEP_TITLE)
    text = text.replace("LANケーブルを抜き、無線LANを無効にする。", NO_SPACES)
    text = text.replace("title: {ja: ランサムウェア感染,", "title: {ja: " + "ヰ" * 3000 + ",")
    # The personal-data question and the PPC clocks come from the shared block, edited with it.
    block = (playbooks_dir() / "blocks" / "ppc_reports.yaml").read_text(encoding="utf-8")
    block = block.replace(
        "個人情報の漏えい、滅失若しくは毀損（暗号化による利用不能を含む）又はそのおそれがあるか",
        "ゑ" * 3000,
    )
    block = block.replace("個人情報保護委員会への速報（概ね3日〜5日）", "ヱ" * 4000)
    text = compose(text, [("ppc_reports", block)])
    labelled = (
        "    choices:\n"
        f'      - {{id: "yes", label: {{ja: {"ヴ" * 3000}, en: Y}}}}\n'
        '      - {id: "no", label: {ja: いいえ, en: N}}\n'
    )
    text = text.replace("    choices: [yes, no]\n", labelled, 1)
    loaded = load_text(text)
    assert loaded.playbook is not None, loaded.problems
    out = tmp_path / "paper.pdf"
    render_checklist(loaded.playbook, Contacts(), out)
    flat = "".join(pdf_text(out).split())
    assert "1.ゐゐゐ" in flat and flat.count("ゐ") == len(STEP_TITLE)
    assert flat.count("Q") == len(NO_SPACES)
    assert flat.count("ゑ") >= 3000  # the decision, and the conditions that name it
    assert flat.count("ヰ") >= 3000  # the plan's title (and shortened in every page header)
    assert flat.count("ヱ") == 4000  # a deadline
    assert flat.count("ヴ") >= 3000  # a choice label, wrapped beside its tick box
    _inside_the_page(out)
    # Even where its row goes on over a page, the label stays inside its column.
    with pdfplumber.open(str(out)) as pdf:
        for page in pdf.pages:
            rules = sorted(  # the table's column rules (a tick box's sides are short)
                {
                    round(e["x0"], 1)
                    for e in page.edges
                    if e["orientation"] == "v" and e["height"] > 20
                }
            )
            for char in (c for c in page.chars if c["text"] == "ヴ"):
                right = [x for x in rules if x >= char["x0"] + 0.5]
                assert not right or char["x1"] <= right[0] + 0.1, (page.page_number, char["x1"])


def test_plain_cells_follow_japanese_line_breaking() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.reports.fonts import REGULAR, register_fonts
    from app.reports.layout import CANNOT_END, CANNOT_START, wrap_lines

    register_fonts()
    text = "委託先SEが到着、ログの保全を開始。「財務課」のサーバ（FIN-SV-01）を確認、隔離した。" * 6
    for width in range(40, 200, 3):
        lines = wrap_lines(text, width, 7).split("\n")
        assert "".join(lines) == text
        # Where even the bracketed identifier is wider than the line, the bracket yields to a
        # line of its own rather than the identifier being cut (see layout.line_ends).
        bends = stringWidth("（FIN-SV-01）", REGULAR, 7) > width
        for before, line in zip(lines, lines[1:], strict=False):
            if bends and (before == "（" or line.startswith("）")):
                continue
            assert line[0] not in CANNOT_START, (width, before, line)
            assert before[-1] not in CANNOT_END, (width, before, line)
        assert all(stringWidth(line, REGULAR, 7) <= width for line in lines)

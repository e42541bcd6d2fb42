"""The after-action report of an exercise, read back from the PDF: the script it played, each
objective with its points and rating, every expected response with what was done and its points,
the score, and the improvement plan with each item's state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.domain.clock import ManualClock
from app.paths import database_path
from app.services.improvements import all_items
from app.services.reports import write_report
from app.services.workspace import Workspace
from tests.exercises import played
from tests.reports.conftest import pdf_text


def flat(path: Path) -> str:
    return "".join(pdf_text(path).split())


def test_the_evaluation_and_the_improvement_plan_are_on_paper(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = played(workspace, clock, name="missing")
    script = workspace.exercises.get("misdelivered_mail")
    out = tmp_path / "aar.pdf"
    write_report(workspace, incident, out, "after-action")
    text = flat(out)
    section = text[text.index("訓練の評価") :]
    assert "（misdelivered_mail第1版）" in section and f"sha256{script.sha256[:16]}" in section
    assert "P:支障なく実施" in section and "U:実施できず" in section  # the ratings defined
    # Each objective with its points and the evaluator's rating and reason.
    objectives = section[section.index("目標ごとの評価") : section.index("期待される対応と実際")]
    assert "10/12" in objectives and "8/8" in objectives  # the PPC objective lost its 2 points
    assert objectives.count("M:重大な課題あり") >= 1
    assert "「個人情報保護委員会へ速報する」が行われなかった（評価八郎）" in objectives
    # The missing response, marked, with 0 points; an on-time one with its minutes and 2.
    lines = section[section.index("期待される対応と実際") :]
    missing = lines[lines.index("個人情報保護委員会へ速報する") :]
    assert missing.startswith("個人情報保護委員会へ速報する▲未実施/目標3時間00分以内0点")
    assert "目標時間内/付与から5分/目標30分以内2点" in lines
    assert "得点28/30（目標時間内14件、未実施1件）" in lines
    # The improvement plan: both items open, the one on the step it should change named.
    plan = text[text.index("改善計画（改善項目）") :]
    assert "委員会への速報を手順の冒頭に移し、担当を明記する" in plan
    assert plan.count("未完了") >= 2 and "改善項目2件（未完了2件）" in plan

    item = next(i for i in all_items(workspace.incidents) if i.item.step == "ppc_preliminary")
    workspace.incidents.close_improvement(
        incident, item.id, "速報の手順を第7版で冒頭に移した", "情報政策課長", revision="v7"
    )
    again = tmp_path / "again.pdf"
    write_report(workspace, incident, again, "after-action")
    plan = flat(again)[flat(again).index("改善計画（改善項目）") :]
    assert "速報の手順を第7版で冒頭に移した" in plan and "改訂:v7" in plan
    assert "改善項目2件（未完了1件）" in plan


def test_a_record_whose_script_text_is_gone_still_prints_and_says_why(
    workspace: Workspace, clock: ManualClock, data_dir: Path, tmp_path: Path
) -> None:
    incident = played(workspace, clock)
    script = workspace.exercises.get("misdelivered_mail")
    workspace.close()
    conn = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    conn.execute("DROP TRIGGER plans_no_delete")  # damage no command can do
    conn.execute("DELETE FROM plans WHERE sha256 = ?", (script.sha256,))
    conn.close()
    damaged = Workspace(data_dir, clock=clock)
    try:
        out = tmp_path / "aar.pdf"
        write_report(damaged, incident, out, "after-action")
        text = flat(out)
        assert "訓練の評価を表示できません" in text and script.sha256[:12] in text
        assert "振り返り" in text  # the rest of the report is there
    finally:
        damaged.close()

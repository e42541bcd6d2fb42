"""A plan started from a Markdown checklist, and every bundled plan written out as one and read
back with its phases, steps and check items unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.loader import load_text
from app.domain.markdown_plan import MarkdownProblem, markdown_from_plan, plan_from_markdown
from app.paths import playbooks_dir
from app.services.library import Library
from app.services.plan_markdown import _yaml_text, plan_id_from

RUNBOOK = """\
# ランサムウェア初動手順（情報政策課）

業務端末の画面に身代金の要求が出たときに使う。

## 検知と初動

- 端末をネットワークから切り離す

  LANケーブルを抜き、無線を切る。電源は**切らない**。

  - [ ] LANケーブルを抜いた
  - [x] 無線を切った
- 情報セキュリティ管理者に報告する

## 復旧

1. バックアップから復元する
   - 復元前にバックアップが感染していないか確かめた
"""


def test_a_checklist_becomes_a_plan_that_passes_the_plan_rules() -> None:
    plan = plan_from_markdown(RUNBOOK, "ransomware-local", "cyber")
    assert plan["title"] == {"ja": "ランサムウェア初動手順（情報政策課）"}
    assert plan["summary"] == {"ja": "業務端末の画面に身代金の要求が出たときに使う。"}
    first, second = plan["phases"]
    assert first["id"] == "p1" and first["title"] == {"ja": "検知と初動"}
    isolate, report = first["steps"]
    assert isolate["id"] == "p1_s1" and isolate["title"] == {"ja": "端末をネットワークから切り離す"}
    assert isolate["detail"] == {"ja": "LANケーブルを抜き、無線を切る。電源は切らない。"}
    assert [c["text"]["ja"] for c in isolate["checks"]] == ["LANケーブルを抜いた", "無線を切った"]
    assert "checks" not in report and "detail" not in report
    assert second["steps"][0]["checks"][0]["id"] == "c1"
    checked = load_text(_yaml_text(plan, __import__("pathlib").Path("runbook.md")), "x.yaml")
    assert [p for p in checked.problems if p.severity == "error"] == []
    assert checked.playbook is not None and checked.playbook.plan.id == "ransomware-local"


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("## 段階\n\n- 手順\n", 1, "the title is the first"),
        ("# 題\n\n文章だけ\n", 1, "## phase"),
        ("# 題\n\n## 段階\n\n本文\n", 5, "indented under a step"),
        ("# 題\n\n## 段階A\n\n## 段階B\n\n- 手順\n", 3, "no steps"),
        ("# 題\n\n- 手順\n\n## 段階\n", 3, "'## phase' heading above"),
        ("# 題\n\n## 段階\n\n### 小見出し\n", 5, "heading"),
        ("# 題\n\n## 段階\n\n- 手順\n  - 確認\n    - 三段目\n", 6, "third level"),
        ("# 題\n\n## 段階\n\n> 引用\n", 5, "blockquote"),
        ("# 題\n\n## 段階\n\n- 手順\n\n  ```\n  code\n  ```\n", 7, "fence"),
    ],
)
def test_what_does_not_make_a_plan_is_named_with_its_line(text: str, line: int, says: str) -> None:
    with pytest.raises(MarkdownProblem) as raised:
        plan_from_markdown(text, "x", "cyber")
    assert raised.value.line == line
    why = raised.value.why
    assert says in why.en.format(**dict(why.args))


PLANS = Library([playbooks_dir()]).all()


def _shape(plan: object) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    return [
        (ph.title.ja, [(s.title.ja, [c.text.ja for c in s.checks]) for s in ph.steps])
        for ph in plan.phases  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("plan", PLANS, ids=[p.plan.id for p in PLANS])
def test_every_bundled_plan_goes_to_markdown_and_back(plan) -> None:  # type: ignore[no-untyped-def]
    text = markdown_from_plan(plan.plan, "ja")
    back = plan_from_markdown(text, plan.plan.id, plan.plan.category)
    checked = load_text(_yaml_text(back, __import__("pathlib").Path("x.md")), "x.yaml")
    assert checked.playbook is not None, checked.problems
    assert _shape(checked.playbook.plan) == _shape(plan.plan)
    assert checked.playbook.plan.title.ja == plan.plan.title.ja


_LINE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() and " ".join(t.split()) == t)


@given(title=_LINE, step=_LINE, check=_LINE)
def test_any_text_reads_back_as_written(title: str, step: str, check: str) -> None:
    """Marks that Markdown would read (emphasis, code, links, entities, list and heading
    markers) are escaped on the way out, so the words come back as they were."""
    from app.domain.markdown_plan import _escaped

    text = f"# {_escaped(title)}\n\n## 段階\n\n- {_escaped(step)}\n\n  - {_escaped(check)}\n"
    plan = plan_from_markdown(text, "x", "cyber")
    assert plan["title"]["ja"] == title
    got = plan["phases"][0]["steps"][0]
    assert got["title"]["ja"] == step
    assert got["checks"][0]["text"]["ja"] == check


def test_an_id_from_a_file_name() -> None:
    from pathlib import Path

    assert plan_id_from(Path("Ransomware Runbook (v2).md")) == "ransomware-runbook-v2"
    assert plan_id_from(Path("初動手順.md")) == "imported-plan"

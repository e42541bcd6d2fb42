"""The playbook loader: every malformed file names the right FILE:LINE and field."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.domain import loader
from app.domain.loader import load_file, load_text
from app.domain.playbook import json_schema
from app.paths import playbooks_dir

BAD = sorted((Path(__file__).parent.parent / "fixtures" / "bad_playbooks").glob("*.yaml"))


def _expectation(path: Path) -> tuple[int, str]:
    match = re.match(r"# expect: (\d+): (.+)", path.read_text("utf-8").splitlines()[0])
    assert match, f"{path.name} lacks an '# expect: LINE: text' first line"
    return int(match.group(1)), match.group(2)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_malformed_playbook_names_file_line_and_field(path: Path) -> None:
    line, text = _expectation(path)
    result = load_file(path)
    assert result.playbook is None
    rendered = [str(p) for p in result.problems]
    wanted = f"{path}:{line}: "
    assert any(r.startswith(wanted) and text in r for r in rendered), rendered


def test_the_malformed_set_covers_every_kind_the_issue_names() -> None:
    names = {p.stem for p in BAD}
    assert {
        "bad_yaml",
        "missing_ja",
        "unknown_field",
        "duplicate_id",
        "dangling_when",
        "bad_duration",
        "wrong_type",
    } <= names


MINIMAL = """\
schema: 1
id: minimal
version: 2
category: disaster
title: {ja: 最小}
decisions:
  - id: pd
    ask: {ja: 個人情報か, en: Personal data?}
    choices: [yes, no, unknown]
phases:
  - id: p
    title: {ja: 段階}
    steps:
      - id: s
        title: {ja: 手順}
      - id: t
        title: {ja: 条件付き}
        when: pd in [yes, unknown]
deadlines:
  - id: d
    title: {ja: 期限}
    from: decision:pd
    within: P5D
    warn_before: P1D
    when: pd != no
    met_by: t
    basis: 個人情報保護法 第68条
"""


def test_yaml_12_keeps_yes_and_no_as_strings() -> None:
    result = load_text(MINIMAL)
    assert result.problems == []
    assert result.playbook is not None
    decision = result.playbook.plan.decision("pd")
    assert decision is not None
    assert decision.choice_ids() == ["yes", "no", "unknown"]


def test_english_falls_back_to_japanese() -> None:
    result = load_text(MINIMAL)
    assert result.playbook is not None
    plan = result.playbook.plan
    assert plan.title.get("en") == "最小"
    decision = plan.decision("pd")
    assert decision is not None and decision.ask.get("en") == "Personal data?"


def test_sha256_pins_the_exact_text() -> None:
    first = load_text(MINIMAL).playbook
    second = load_text(MINIMAL + "# a comment changes the file\n").playbook
    assert first is not None and second is not None
    assert first.sha256 != second.sha256
    assert len(first.sha256) == 64


def test_warn_before_longer_than_within_is_refused() -> None:
    text = MINIMAL.replace("warn_before: P1D", "warn_before: P6D")
    problems = [str(p) for p in load_text(text, "x.yaml").problems]
    assert any(p.startswith("x.yaml:24: ") and "warn_before" in p for p in problems), problems


def test_a_non_mapping_file_is_refused_on_line_one() -> None:
    problems = load_text("- just\n- a list\n", "x.yaml").problems
    assert [str(p) for p in problems] == ["x.yaml:1: a playbook must be a YAML mapping"]


def test_bundled_schema_json_equals_the_models_schema() -> None:
    on_disk = json.loads((playbooks_dir() / "schema.json").read_text("utf-8"))
    assert on_disk == json_schema(), "run: sonae playbooks schema > playbooks/schema.json"


def test_every_bundled_playbook_loads_without_errors() -> None:
    paths = sorted(playbooks_dir().glob("*.yaml"))
    plans = [p for p in paths if not p.name.startswith("contacts")]
    assert plans
    for path in plans:
        result = load_file(path)
        assert result.playbook is not None, [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("version: 2", "version: true", 3, "version: Input should be a valid integer"),
        ("version: 2", "version: 2.0", 3, "version: Input should be a valid integer"),
        ("version: 2", 'version: "2"', 3, "version: Input should be a valid integer"),
        ("schema: 1", "schema: true", 1, "schema must be the number 1"),
        ("category: disaster", "category: disaster\nrevised: 0", 5, "revised: Input should be"),
        ("title: {ja: 手順}", "title: {ja: 手順}\n        key: 1", 16, "valid boolean"),
    ],
)
def test_no_silent_coercion_of_numbers_bools_and_dates(
    old: str, new: str, line: int, message: str
) -> None:
    """Python treats True as 1 and lax validation turns 1 into True; the format does neither."""
    result = load_text(MINIMAL.replace(old, new, 1), "x.yaml")
    assert result.playbook is None
    rendered = [str(p) for p in result.problems]
    assert any(r.startswith(f"x.yaml:{line}: ") and message in r for r in rendered), rendered


# Deadlines that can never be met or never start (cross-checks over the decision combinations)
def _problems(text: str) -> list[str]:
    return [str(p) for p in load_text(text, "x.yaml").problems]


def test_a_met_by_step_that_applies_wherever_the_deadline_does_passes() -> None:
    # Written differently from the deadline's condition, but true in the same combinations.
    assert _problems(MINIMAL.replace("when: pd in [yes, unknown]", "when: not (pd == no)")) == []


def test_a_met_by_step_missing_in_one_combination_is_refused_at_met_by() -> None:
    problems = _problems(MINIMAL.replace("when: pd != no", "when: pd != yes"))
    assert problems == [
        "x.yaml:26: deadline 'd' applies when pd=no but its met_by step 't' does not "
        "(when: pd in [yes, unknown]), so it could never be met"
    ]


def test_a_clock_anchored_on_a_conditional_step_must_apply_only_where_the_step_does() -> None:
    anchored = MINIMAL.replace("from: decision:pd", "from: step:t").replace(
        "met_by: t", "met_by: s"
    )
    assert _problems(anchored) == []  # deadline pd != no, step pd in [yes, unknown]: same cases
    unconditional = anchored.replace("    when: pd != no\n", "")
    assert _problems(unconditional) == [
        "x.yaml:22: deadline 'd' applies when pd=no but its anchor step 't' does not "
        "(when: pd in [yes, unknown]), so its clock would never start"
    ]


def test_a_clock_anchored_on_a_decision_needs_that_decision_to_apply() -> None:
    unconditional = MINIMAL.replace("    when: pd != no\n", "")
    problems = _problems(unconditional.replace("met_by: t", "met_by: s"))
    assert len(problems) == 1 and problems[0].startswith("x.yaml:22: deadline 'd' can apply before")
    # An 'or' lets the deadline apply without pd being answered.
    either = MINIMAL.replace(
        "    choices: [yes, no, unknown]\n",
        "    choices: [yes, no, unknown]\n  - id: other\n    ask: {ja: 他}\n    choices: [yes, no]\n",
    ).replace("when: pd != no", "when: pd != no or other == yes")
    problems = _problems(either.replace("met_by: t", "met_by: s"))
    assert len(problems) == 1 and "before decision 'pd' is answered" in problems[0], problems


def test_a_step_names_the_external_bodies_to_call() -> None:
    text = MINIMAL.replace(
        "        title: {ja: 手順}\n",
        "        title: {ja: 手順}\n        contacts: [police_cyber, ppc]\n",
    )
    result = load_text(text)
    assert result.problems == [] and result.playbook is not None
    assert result.playbook.plan.step("s").contacts == ["police_cyber", "ppc"]
    assert result.playbook.plan.step("t").contacts == []


@pytest.mark.parametrize("value", ["[Police]", "police_cyber", "[1]"])
def test_step_contacts_must_be_a_list_of_ids(value: str) -> None:
    text = MINIMAL.replace(
        "        title: {ja: 手順}\n", f"        title: {{ja: 手順}}\n        contacts: {value}\n"
    )
    result = load_text(text, "plan.yaml")
    assert result.playbook is None
    assert any(
        str(p).startswith("plan.yaml:16: ") and "contacts" in str(p) for p in result.problems
    )


def test_load_text_never_raises_even_on_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> list[object]:
        raise RuntimeError("a bug in a cross-check")

    monkeypatch.setattr(loader, "_cross_check", broken)
    result = load_text(MINIMAL, "x.yaml")
    assert result.playbook is None
    assert [str(p) for p in result.problems] == [
        f"x.yaml:1: {loader.UNEXPECTED}RuntimeError: a bug in a cross-check"
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("id: minimal", "id: minimal\nfoo-bar: 1", 3, "foo-bar: unknown field 'foo-bar'"),
        (
            "title: {ja: 段階}",
            "title: {ja: 段階, e-n: x}",
            12,
            "phases[0].title.e-n: unknown field",
        ),
        (
            "choices: [yes, no, unknown]",
            "choices: [yes, {id: no, x-y: 1}]",
            9,
            "unknown field 'x-y'",
        ),
    ],
)
def test_unknown_keys_with_dashes_are_named_at_their_line(
    old: str, new: str, line: int, message: str
) -> None:
    rendered = [str(p) for p in load_text(MINIMAL.replace(old, new, 1), "x.yaml").problems]
    assert any(r.startswith(f"x.yaml:{line}: ") and message in r for r in rendered), rendered

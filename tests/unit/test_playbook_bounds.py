"""The plan format's bounds: in the schema, roomy for the bundled plans, refused one past them;
the ten-year clock bound, which pinned texts skip; and the budget of the combination check."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain import playbook as pb
from app.domain.conditions import MAX_LENGTH as MAX_CONDITION
from app.domain.contacts import parse_contacts
from app.domain.loader import (
    MAX_CASES,
    MAX_PLAN_CASES,
    UNEXPECTED,
    load_file,
    load_text,
    parse_trusted,
)
from app.domain.yamlsource import MAX_BYTES, MAX_DEPTH, MAX_NODES, parse_mapping
from app.paths import playbooks_dir

BUNDLED = [p for p in sorted(playbooks_dir().glob("*.yaml")) if not p.name.startswith("contacts")]

PLAN = """\
schema: 1
id: bounded
version: 1
revised: 2026-11-25
category: cyber
title: {ja: 境界}
decisions:
  - id: pd
    ask: {ja: 個人情報か}
    choices: [yes, no]
phases:
  - id: p
    title: {ja: 段階}
    steps:
      - id: s
        title: {ja: 手順}
        refs: [基本方針]
deadlines:
  - id: d
    title: {ja: 期限}
    from: declared
    within: P5D
    met_by: s
    basis: 条例
"""


def _errors(text: str, *, pinned: bool = False) -> list[str]:
    result = load_text(text, "x.yaml", pinned=pinned)
    errors = [str(p) for p in result.problems if p.severity == "error"]
    assert (result.playbook is None) == bool(errors)
    assert not any(UNEXPECTED in e for e in errors), errors
    return errors


def _refused_at(text: str, line: int, fragment: str) -> None:
    errors = _errors(text)
    assert any(e.startswith(f"x.yaml:{line}: ") and fragment in e for e in errors), errors


def test_the_template_plan_is_valid() -> None:
    assert _errors(PLAN) == []


# The ten-year bound, and pinned texts that predate it
def test_a_clock_longer_than_ten_years_is_a_typo_unless_the_text_was_pinned() -> None:
    long = PLAN.replace("within: P5D", "within: P9999999D")
    _refused_at(long, 22, "a clock longer than ten years (P3650D) is certainly a typo")
    assert _errors(PLAN.replace("within: P5D", "within: P3650D")) == []
    assert _errors(long, pinned=True) == []
    pinned = parse_trusted(long)
    deadline = pinned.plan.deadline("d")
    assert deadline is not None and deadline.duration.days == 9_999_999


def test_warn_before_has_the_same_ten_year_bound() -> None:
    text = PLAN.replace("within: P5D", "within: P3650D\n    warn_before: P3651D")
    _refused_at(text, 23, "longer than ten years")
    # Pinned, it is still refused, but by the rule that warn_before be shorter than within.
    assert any("warn_before must be shorter" in e for e in _errors(text, pinned=True))


def test_pinned_texts_keep_every_other_bound() -> None:
    for text in (
        PLAN.replace("within: P5D", "within: P" + "9" * 16 + "D"),
        PLAN.replace("version: 1", "version: " + "9" * 30),
        PLAN + "x: &a [1]\ny: *a\n",
        PLAN.replace("category: cyber", "category: cyber\nfoo-bar: 1"),
    ):
        assert _errors(text, pinned=True)
        with pytest.raises(ValueError):
            parse_trusted(text)


# Model bounds: one past each is refused at its line
def _with_steps(*counts: int) -> str:
    """The plan with phases of these many steps; the first step is `s`, which meets `d`."""
    phases = ""
    for p, count in enumerate(counts):
        ids = ["s" if p == i == 0 else f"p{p}s{i}" for i in range(count)]
        steps = "".join(f"      - {{id: {i}, title: {{ja: 手順}}}}\n" for i in ids)
        phases += f"  - id: p{p}\n    title: {{ja: 段階}}\n    steps:\n{steps}"
    return PLAN[: PLAN.index("phases:\n")] + "phases:\n" + phases + PLAN[PLAN.index("deadlines:") :]


def test_steps_are_bounded_per_phase_and_in_the_plan() -> None:
    most = pb.MAX_STEPS_PER_PHASE
    assert _errors(_with_steps(most)) == []
    _refused_at(_with_steps(most + 1), 14, f"List should have at most {most} items")
    full = [most] * (pb.MAX_STEPS // most)
    assert _errors(_with_steps(*full)) == []
    _refused_at(_with_steps(*full, 1), 11, f"the plan has 301 steps; at most {pb.MAX_STEPS}")


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("version: 1", f"version: {pb.MAX_VERSION + 1}", 3, "less than or equal to 1000000"),
        ("version: 1", "version: 0", 3, "greater than or equal to 1"),
        ("revised: 2026-11-25", "revised: 2101-01-01", 4, "less than or equal to 2100-12-31"),
        ("revised: 2026-11-25", "revised: 1999-12-31", 4, "greater than or equal to 2000-01-01"),
        ("title: {ja: 境界}", f"title: {{ja: {'x' * (pb.MAX_TEXT + 1)}}}", 6, "at most 20000"),
        ("refs: [基本方針]", f"refs: [{'x' * (pb.MAX_LINE + 1)}]", 17, "at most 1000"),
        ("refs: [基本方針]", f"refs: [{', '.join(['r'] * (pb.MAX_NAMES + 1))}]", 17, "at most 40"),
        ("choices: [yes, no]", f"choices: [{', '.join(f'c{i}' for i in range(13))}]", 10, "12"),
        ("basis: 条例", f"basis: {'x' * (pb.MAX_LINE + 1)}", 24, "at most 1000 characters"),
        ("within: P5D", f"within: PT{'0' * 145}1H", 22, "at most 140 characters"),
    ],
)
def test_one_past_a_bound_is_refused_at_its_line(
    old: str, new: str, line: int, fragment: str
) -> None:
    assert old in PLAN
    _refused_at(PLAN.replace(old, new), line, fragment)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("version: 1", f"version: {pb.MAX_VERSION}"),
        ("revised: 2026-11-25", "revised: 2100-12-31"),
        ("revised: 2026-11-25", "revised: 2000-01-01"),
        ("title: {ja: 境界}", f"title: {{ja: {'x' * pb.MAX_TEXT}}}"),
        ("refs: [基本方針]", f"refs: [{', '.join(['r'] * pb.MAX_NAMES)}]"),
    ],
)
def test_a_value_at_a_bound_is_accepted(old: str, new: str) -> None:
    assert _errors(PLAN.replace(old, new)) == []


def test_the_json_schema_shows_the_bounds() -> None:
    defs = pb.json_schema()["$defs"]
    top = pb.json_schema()["properties"]
    assert top["phases"]["maxItems"] == pb.MAX_PHASES
    assert top["decisions"]["maxItems"] == pb.MAX_DECISIONS
    assert top["deadlines"]["maxItems"] == pb.MAX_DEADLINES
    assert top["version"]["maximum"] == pb.MAX_VERSION
    assert "2100-12-31" in top["revised"]["description"]
    assert defs["Phase"]["properties"]["steps"]["maxItems"] == pb.MAX_STEPS_PER_PHASE
    assert defs["Decision"]["properties"]["choices"]["maxItems"] == pb.MAX_CHOICES
    assert defs["Step"]["properties"]["fields"]["maxItems"] == pb.MAX_FIELDS
    assert defs["Text"]["properties"]["ja"]["maxLength"] == pb.MAX_TEXT


# The bundled plans and the example contacts are far from every bound
def _tree(node: Any, depth: int = 1) -> Iterator[tuple[Any, int]]:
    yield node, depth
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from _tree(child, depth + 1)


def _texts(node: Any) -> Iterator[str]:
    for item, _ in _tree(node):
        if isinstance(item, dict) and "ja" in item:
            yield from (v for v in item.values() if isinstance(v, str))


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_plans_use_at_most_a_third_of_each_bound(path: Path) -> None:
    text = path.read_text("utf-8")
    plan = load_file(path).playbook
    assert plan is not None
    p = plan.plan
    steps = list(p.steps())
    root, _ = parse_mapping(text, str(path), "a playbook")
    nodes = list(_tree(root))
    used = {
        "bytes": (len(text.encode()), MAX_BYTES),
        "nodes": (len(nodes) + sum(len(n) for n, _ in nodes if isinstance(n, dict)), MAX_NODES),
        "depth": (max(d for _, d in nodes), MAX_DEPTH),
        "phases": (len(p.phases), pb.MAX_PHASES),
        "steps per phase": (max(len(ph.steps) for ph in p.phases), pb.MAX_STEPS_PER_PHASE),
        "steps": (len(steps), pb.MAX_STEPS),
        "decisions": (len(p.decisions), pb.MAX_DECISIONS),
        "choices": (max((len(d.choices) for d in p.decisions), default=0), pb.MAX_CHOICES),
        "deadlines": (len(p.deadlines), pb.MAX_DEADLINES),
        "fields": (max(len(s.fields) for s in steps), pb.MAX_FIELDS),
        "names": (
            max(len(x) for x in [p.signs, p.roles, p.handover_to, *(s.refs for s in steps)]),
            pb.MAX_NAMES,
        ),
        "text": (max(len(t) for t in _texts(p.model_dump())), pb.MAX_TEXT),
        "line": (max(len(x) for x in [d.basis for d in p.deadlines] + [""]), pb.MAX_LINE),
        "condition": (max(len(x.when or "") for x in [*steps, *p.deadlines]), MAX_CONDITION),
        "version": (p.version, pb.MAX_VERSION),
    }
    crowded = {k: v for k, v in used.items() if v[0] * 3 > v[1]}
    assert crowded == {}


def test_the_example_contacts_are_far_from_the_reader_bounds() -> None:
    text = (playbooks_dir() / "contacts.example.yaml").read_text("utf-8")
    contacts, problems = parse_contacts(text)
    assert contacts is not None and problems == []
    root, _ = parse_mapping(text, "c", "contacts")
    assert len(text.encode()) * 10 < MAX_BYTES and len(list(_tree(root))) * 10 < MAX_NODES


# The combination check is budgeted
def _deciding(count: int, deadlines: int = 1, choices: int = 2) -> str:
    names = ", ".join(f"c{i}" for i in range(choices))
    decisions = "".join(
        f"  - {{id: d{i}, ask: {{ja: 質問}}, choices: [{names}]}}\n" for i in range(count)
    )
    when = " or ".join(f"d{i} == c0" for i in range(count))
    head = PLAN[: PLAN.index("decisions:\n")]
    body = PLAN[PLAN.index("phases:\n") : PLAN.index("deadlines:\n")]
    items = "".join(
        f"  - id: x{n}\n    title: {{ja: 期限}}\n    from: declared\n    within: P5D\n"
        f"    when: {when}\n    met_by: s\n    basis: 条例\n"
        for n in range(deadlines)
    )
    return head + "decisions:\n" + decisions + body + "deadlines:\n" + items


def test_a_deadline_reading_too_many_decisions_is_refused_at_its_when() -> None:
    assert 2**12 == MAX_CASES
    assert _errors(_deciding(12)) == []
    text = _deciding(25)
    start = time.perf_counter()
    when_line = 1 + text.splitlines().index(
        "    when: " + " or ".join(f"d{i} == c0" for i in range(25))
    )
    _refused_at(text, when_line, "deadline 'x0' reads 25 decisions (33554432 combinations")
    assert time.perf_counter() - start < 5


def test_the_whole_plan_has_a_budget_of_combinations() -> None:
    per_deadline = MAX_PLAN_CASES // MAX_CASES
    start = time.perf_counter()
    assert _errors(_deciding(12, per_deadline)) == []  # the worst accepted plan
    assert time.perf_counter() - start < 5
    errors = _errors(_deciding(12, per_deadline + 1))
    assert len(errors) == 1 and "deadline 'x4' brings the combinations" in errors[0], errors

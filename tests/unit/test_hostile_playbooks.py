"""Hostile plans are refused quickly with a FILE:LINE, by the loader and by `sonae playbooks check`.

Each small file in tests/fixtures/hostile_playbooks starts with `# expect: LINE: text`; the large
cases (thousands of steps, megabyte lines) are generated here rather than committed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.loader import UNEXPECTED, load_file, load_text
from app.domain.playbook import MAX_TEXT
from app.domain.yamlsource import MAX_BYTES, MAX_NODES

HOSTILE = sorted((Path(__file__).parent.parent / "fixtures" / "hostile_playbooks").glob("*.yaml"))
LIMIT = 5.0  # seconds for one file, including a process start for the CLI

STEP = "      - id: s{i}\n        title: {{ja: 手順{i}}}\n"
HEAD = "schema: 1\nid: big\nversion: 1\ncategory: cyber\ntitle: {ja: 大きい}\n"


def _steps(count: int) -> str:
    steps = "".join(STEP.format(i=i) for i in range(count))
    return HEAD + f"phases:\n  - id: p\n    title: {{ja: 段階}}\n    steps:\n{steps}"


# name -> (text, the lines where the problem may be, expected fragment)
GENERATED: dict[str, Callable[[], tuple[str, range, str]]] = {
    "five_thousand_steps": lambda: (
        _steps(5000),
        range(10, 10 + 2 * 5000),  # at the step where the count runs out
        f"more than {MAX_NODES} keys and values",
    ),
    "two_hundred_steps_in_a_phase": lambda: (_steps(200), range(9, 10), "at most 100 items"),
    "long_title_line": lambda: (
        HEAD.replace("{ja: 大きい}", "{ja: " + "長" * (MAX_TEXT * 2) + "}")
        + _steps(1)[len(HEAD) :],
        range(5, 6),
        "title.ja: String should have at most 20000 characters",
    ),
    "line_over_the_size_limit": lambda: (
        "title: " + "x" * MAX_BYTES + "\n",
        range(1, 2),
        "larger than 1 MiB",
    ),
    "deep_block_nesting": lambda: (
        HEAD + "".join(f"{'  ' * i}k{i}:\n" for i in range(200)),
        range(6 + 31, 6 + 32),  # k31: below the top mapping and 31 nested ones, one too deep
        "nested more than 32 levels deep",
    ),
}


def _expectation(path: Path) -> tuple[int, str]:
    match = re.match(r"# expect: (\d+): (.+)", path.read_text("utf-8").splitlines()[0])
    assert match, f"{path.name} lacks an '# expect: LINE: text' first line"
    return int(match.group(1)), match.group(2)


def _cases(tmp_path: Path, name: str) -> tuple[Path, range, str]:
    """(file, the lines it may be refused at, expected text), committed or generated."""
    if name in GENERATED:
        text, lines, fragment = GENERATED[name]()
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, "utf-8")
        return path, lines, fragment
    path = next(p for p in HOSTILE if p.stem == name)
    line, fragment = _expectation(path)
    return path, range(line, line + 1), fragment


def _found(rendered: list[str], path: Path, lines: range, fragment: str) -> bool:
    prefix = re.compile(rf"^{re.escape(str(path))}:(\d+): ")
    for text in rendered:
        match = prefix.match(text)
        if match and int(match.group(1)) in lines and fragment in text:
            return True
    return False


NAMES = [p.stem for p in HOSTILE] + list(GENERATED)


def test_the_hostile_set_covers_every_case_named() -> None:
    assert {
        "billion_laughs",
        "seven_alias_levels",
        "merge_key",
        "deadline_reads_25_decisions",
        "nested_flow_1000",
        "condition_500_parentheses",
        "not_1000_times",
        "within_sixteen_digits",
        "within_ten_years",
        "version_30_digits",
        "integer_5000_digits",
        "invalid_date",
        "key_with_dash",
        "tabs",
        "garbage",
    } <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_hostile_plan_is_refused_at_its_line_quickly(tmp_path: Path, name: str) -> None:
    path, where, fragment = _cases(tmp_path, name)
    lines = path.read_text("utf-8").count("\n") + 1
    start = time.perf_counter()
    result = load_file(path)
    elapsed = time.perf_counter() - start
    assert elapsed < LIMIT, f"{elapsed:.1f} s"
    assert result.playbook is None
    rendered = [str(p) for p in result.problems if p.severity == "error"]
    assert rendered and all(UNEXPECTED not in r for r in rendered), rendered
    for problem in result.problems:
        assert re.match(rf"^{re.escape(str(path))}:\d+: ", str(problem))
        assert 1 <= problem.line <= lines
    assert _found(rendered, path, where, fragment), rendered


@pytest.mark.parametrize("name", NAMES)
def test_playbooks_check_refuses_a_hostile_plan_with_file_and_line(
    tmp_path: Path, name: str
) -> None:
    path, where, fragment = _cases(tmp_path, name)
    env = {**os.environ, "SONAE_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "app", "--lang", "en", "playbooks", "check", str(path)]
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    elapsed = time.perf_counter() - start
    assert elapsed < LIMIT, f"{elapsed:.1f} s"
    assert run.returncode == 1, run.stdout + run.stderr
    assert _found(run.stdout.splitlines(), path, where, fragment), run.stdout
    assert "internal error" not in run.stdout + run.stderr
    assert UNEXPECTED not in run.stdout


def test_a_valid_plan_next_to_the_hostile_ones_is_still_accepted(tmp_path: Path) -> None:
    text = _steps(3)
    result = load_text(text, "ok.yaml")
    assert result.playbook is not None and result.problems == []

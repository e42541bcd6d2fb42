"""Exercise scripts (issue 13, point 1): read like plans, every problem at FILE:LINE, checked
against the plan they exercise; the three bundled ones read and fit their plans."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from app.domain.exercise_script import Starts, json_schema, parse_script
from app.domain.timeutil import JST
from app.paths import playbooks_dir, user_playbooks_dir
from app.services.exercises import read_script
from app.services.workspace import Workspace

BUNDLED = playbooks_dir() / "exercises"

# A small valid script; each case below breaks one line of it.
VALID = """\
schema: 1
id: small
version: 1
title: {ja: 小さな訓練}
plan: ransomware
window: PT4H
narrative: {ja: 端末が暗号化された。}
objectives:
  - id: first
    text: {ja: 切り離す}
moves:
  - id: start
    at: PT0S
    title: {ja: 発見}
    situation: {ja: 一台が暗号化された。}
    injects:
      - id: note
        at: PT5M
        to: staff
        text: {ja: 脅迫文が出た。}
        expect:
          - step: isolate
          - decision: personal_data
            answer: unknown
        within: PT15M
        objective: first
  - id: later
    at: PT2H
    title: {ja: 封じ込め}
    situation: {ja: 広がっている。}
"""


def problems_of(workspace: Workspace, tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "script.yaml"
    path.write_text(text, "utf-8")
    script, problems = read_script(path, workspace.library)
    assert (script is None) == bool(problems)
    return [str(p) for p in problems]


def test_the_three_bundled_scripts_read_and_fit_their_plans(workspace: Workspace) -> None:
    scripts = {s.script.id: s.script for s in workspace.exercises.all()}
    assert workspace.exercises.problems == []
    assert {s.plan for s in scripts.values()} == {
        "ransomware",
        "personal_data_leak",
        "earthquake_server_room",
    }
    ransomware = next(s for s in scripts.values() if s.plan == "ransomware")
    assert ransomware.window == "PT72H" and ransomware.mode == "tabletop"  # IPA's 72 hours
    for script in scripts.values():
        fired = [inject.offset for _move, inject in script.injects()]
        assert fired == sorted(fired) and len(fired) >= 7, script.id  # in the order they fire
        assert all(inject.expect for _move, inject in script.injects()), script.id
        assert all(m.questions for m in script.moves[:1]), script.id  # discussion from move 1
    quake = next(s for s in scripts.values() if s.plan == "earthquake_server_room")
    deputised = [e.step for _m, i in quake.injects() for e in i.expect if e.deputy]
    assert "first_report" in deputised  # the administrator is away: a deputy reports


def test_the_schema_file_is_the_models_schema() -> None:
    on_disk = json.loads((BUNDLED / "schema.json").read_text("utf-8"))
    assert on_disk == json_schema(), "run: sonae exercise schema > playbooks/exercises/schema.json"


def test_the_small_script_is_valid(workspace: Workspace, tmp_path: Path) -> None:
    assert problems_of(workspace, tmp_path, VALID) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("version: 1", "version: 1\nspeed2: 3", 4, "unknown field 'speed2'"),
        ("        at: PT5M", "        at: PT3H", 18, "outside its move"),
        ("          - step: isolate", "          - step: isolat", 22, "no step 'isolat'"),
        ("            answer: unknown", "            answer: maybe", 24, "not an answer"),
        ("        to: staff", "        to: mayor", 19, "no role 'mayor'"),
        ("        objective: first", "        objective: second", 26, "no objective 'second'"),
        ("window: PT4H", "window: P31D", 6, "at most 30 days"),
        ("window: PT4H", "window: PT1H", 28, "does not begin before the window"),
        ("plan: ransomware", "plan: nothing", 5, "no plan 'nothing'"),
        ("        within: PT15M\n", "", 17, "give their target"),
        ("  - id: later", "  - id: start", 27, "move id 'start' is used twice"),
        ("            answer: unknown\n", "", 23, "official answer"),
        # A step that must follow another names a step of the plan; a question has no order.
        (
            "          - step: isolate",
            "          - step: isolate\n            after: [isolat]",
            23,
            "no step 'isolat'",
        ),
        (
            "            answer: unknown",
            "            answer: unknown\n            after: [isolate]",
            23,
            "goes with a step",
        ),
    ],
)
def test_a_broken_script_is_refused_at_its_line(
    workspace: Workspace, tmp_path: Path, old: str, new: str, line: int, says: str
) -> None:
    assert old in VALID
    found = problems_of(workspace, tmp_path, VALID.replace(old, new, 1))
    assert any(p.startswith(f"{tmp_path / 'script.yaml'}:{line}: ") and says in p for p in found), (
        found
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- a list\n",
        "schema: true\n",
        "a: &a [*a]\n",  # a recursive alias
        "x: " + "[" * 5000 + "]" * 5000 + "\n",  # deep nesting
        "\ufeffschema: 1\nid: Bad Id\n",
    ],
)
def test_a_hostile_script_is_refused_quickly_with_a_line(
    workspace: Workspace, tmp_path: Path, text: str
) -> None:
    began = time.monotonic()
    found = problems_of(workspace, tmp_path, text)
    assert found and all(":" in p.split(" ", 1)[0] for p in found)
    assert time.monotonic() - began < 3


def test_a_city_script_replaces_a_bundled_one_and_a_bad_one_is_said(
    workspace: Workspace,
) -> None:
    own = user_playbooks_dir(workspace.root) / "exercises"
    own.mkdir(parents=True)
    bundled = (BUNDLED / "ransomware_72h.yaml").read_text("utf-8")
    (own / "ransomware_72h.yaml").write_text(bundled.replace("version: 1", "version: 2", 1))
    (own / "broken.yaml").write_text("schema: 1\nid: broken\n", "utf-8")
    workspace.exercises._scripts = None  # read again
    assert workspace.exercises.get("ransomware_72h").script.version == 2
    assert {p.file for p in workspace.exercises.problems} == {str(own / "broken.yaml")}
    assert len(workspace.exercises.all()) == 3  # the broken one is skipped, not the others


def test_parse_script_alone_needs_no_plan() -> None:
    script, problems = parse_script(VALID, "small.yaml")
    assert problems == [] and script is not None
    assert [i.id for _m, i in script.script.injects()] == ["note"]


@pytest.mark.parametrize(
    ("weekday", "at", "after", "expected"),
    [
        # The next Tuesday 14:00 after Friday 2026-12-04.
        ("tuesday", "14:00", datetime(2026, 12, 4, 9, 0), datetime(2026, 12, 8, 14, 0)),
        # On the day itself, once its time has passed: a week later.
        ("tuesday", "14:00", datetime(2026, 12, 8, 14, 30), datetime(2026, 12, 15, 14, 0)),
        # Tuesday 12/29 is in the year-end closure (12/29-1/3): the Tuesday after.
        ("tuesday", "14:00", datetime(2026, 12, 23, 9, 0), datetime(2027, 1, 5, 14, 0)),
        # Monday 2027-01-11 is 成人の日, a national holiday: the Monday after.
        ("monday", "08:30", datetime(2027, 1, 8, 9, 0), datetime(2027, 1, 18, 8, 30)),
    ],
)
def test_a_script_starts_on_its_next_working_weekday(
    weekday: str, at: str, after: datetime, expected: datetime
) -> None:
    starts = Starts.model_validate({"weekday": weekday, "time": at})
    assert starts.next_after(after.replace(tzinfo=JST)) == expected.replace(tzinfo=JST)
    # Not only working days, when the script says so: Tuesday 12/29 itself.
    anyday = Starts.model_validate({"weekday": weekday, "time": at, "open_day": False})
    if expected == datetime(2027, 1, 5, 14, 0):
        assert anyday.next_after(after.replace(tzinfo=JST)) == datetime(
            2026, 12, 29, 14, 0, tzinfo=JST
        )


def test_the_bundled_scripts_say_when_they_start() -> None:
    """Each narrative's weekday and time, as a field the start form and command fill in."""
    for path in sorted(BUNDLED.glob("*.yaml")):
        loaded, problems = parse_script(path.read_text("utf-8"), str(path))
        assert loaded is not None and loaded.script.starts is not None, problems

"""A command that only records (a note, a status) starts without the plan parser: a note does
not look at the plan, so neither pydantic nor the YAML reader is imported, nor sqlite_utils (the
store is plain SQL), nor the record's reportlab. Each probe is a fresh interpreter
(``tests/e2e/test_imports.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_imports import PLAN_PARSING, command, folder, loaded, probe

__all__ = ["folder"]  # the shared data folder fixture

SLOW = PLAN_PARSING + ("ruamel", "sqlite_utils", "reportlab", "PySide6")


@pytest.mark.parametrize(
    "args",
    [
        ("incident", "note", "{id}", "速さの確認", "--actor", "係"),
        ("incident", "note", "{id}", "名前なし"),  # the login name as the actor
        ("incident", "status", "{id}", "contained", "--actor", "係"),
    ],
    ids=" ".join,
)
def test_a_recording_command_loads_no_plan_parser(
    folder: tuple[Path, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules, _out = probe(tmp_path, *command(folder, tmp_path, args))
    assert code == 0
    assert "app.services.incident_commands" in modules  # it did record
    assert loaded(modules, SLOW) == []


def test_a_command_that_reads_a_plan_still_reads_it(
    folder: tuple[Path, str], tmp_path: Path
) -> None:
    """The probe can fail: a step is checked against its plan, which is read for it."""
    args = ("incident", "step", "{id}", "isolate", "--start", "--actor", "係")
    code, modules, _out = probe(tmp_path, *command(folder, tmp_path, args))
    assert code == 0
    assert {"pydantic", "ruamel"} <= set(loaded(modules, SLOW))


# What a note needs neither: the holiday calendar (a note counts no day) and the copying of a
# read-only folder. Kept out of its start-up, which the bench holds to 4x a bare interpreter.
# An exercise's schedule and evaluation, and a removal's record, are not a note's either.
NOT_FOR_A_NOTE = (
    "jpholiday",
    "tempfile",
    "secrets",
    "app.domain.exercise_run",
    "app.store.removal",
    "app.store.archive",
)


def test_a_note_loads_no_holiday_calendar(folder: tuple[Path, str], tmp_path: Path) -> None:
    args = ("incident", "note", "{id}", "速さの確認", "--actor", "係")
    code, modules, _out = probe(tmp_path, *command(folder, tmp_path, args))
    assert code == 0
    assert loaded(modules, NOT_FOR_A_NOTE) == []


def test_a_command_that_counts_days_loads_the_holidays(
    folder: tuple[Path, str], tmp_path: Path
) -> None:
    """The probe can fail: the deadlines are counted in days, holidays included."""
    code, modules, _out = probe(tmp_path, *command(folder, tmp_path, ("incident", "show", "{id}")))
    assert code == 0
    assert "jpholiday" in loaded(modules, NOT_FOR_A_NOTE)

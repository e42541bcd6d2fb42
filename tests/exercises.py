"""A bundled exercise played headless with one of its response sets, for the tests that need a
played exercise (its record, its removal): on the test's manual clock, jumping to each event."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.clock import ManualClock
from app.domain.timeutil import JST
from app.paths import playbooks_dir
from app.services.exercise_runner import read_responses, run_exercise
from app.services.workspace import Workspace

START = datetime(2026, 12, 8, 14, 0, tzinfo=JST)  # a Tuesday, not a holiday
RESPONSES = playbooks_dir() / "exercises" / "responses"


def played(
    ws: Workspace, clock: ManualClock, script_id: str = "misdelivered_mail", name: str = "good"
) -> str:
    """The incident of the script played with its ``name`` set (good, late, missing), closed."""
    found = read_responses(RESPONSES / f"{script_id}.{name}.yaml")
    return run_exercise(
        ws,
        ws.exercises.get(script_id),
        found,
        at=START,
        wait_at_most=0,
        sleep=lambda s: clock.advance(timedelta(seconds=s)),
    )

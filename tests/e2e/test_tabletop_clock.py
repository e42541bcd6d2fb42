"""A tabletop exercise's own clock: kept in its log (so it survives a restart), its own (another
incident's clock is not touched), changed only as asked (start, pause, resume, speed, jump), and
the one its deadlines count on. What cannot be done is refused in one line, writing nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.clock import ManualClock
from app.errors import SonaeError
from app.services.workspace import Workspace
from tests.conftest import START

ACTOR = "訓練 係"
SCENARIO = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)  # 10:00 JST on the exercise's first day


def tabletop(ws: Workspace, title: str = "机上訓練", at: datetime = SCENARIO) -> str:
    return ws.incidents.start("ransomware", title, ACTOR, mode="tabletop", at=at)


def entries(ws: Workspace, incident_id: str) -> tuple[int, str]:
    state = ws.incidents.state(incident_id)
    return state.entries, state.head


def test_the_exercise_starts_at_its_scenario_time_and_runs_with_real_time(
    workspace: Workspace, clock: ManualClock
) -> None:
    incident = tabletop(workspace)
    assert workspace.incidents.now(incident) == SCENARIO
    clock.advance(timedelta(minutes=7))
    assert workspace.incidents.now(incident) == SCENARIO + timedelta(minutes=7)
    kinds = [e.kind for e in workspace.incidents.entries(incident)]
    assert kinds == ["opened", "clock_changed"]


def test_the_clock_survives_a_restart(data_dir: Path) -> None:
    clock = ManualClock(START)
    ws = Workspace(data_dir, clock=clock)
    incident = tabletop(ws)
    clock.advance(timedelta(minutes=10))
    ws.incidents.change_clock(incident, "speed", ACTOR, speed=4.0)
    clock.advance(timedelta(minutes=5))
    before = ws.incidents.now(incident)
    assert before == SCENARIO + timedelta(minutes=10 + 5 * 4)
    ws.close()

    again = Workspace(data_dir, clock=ManualClock(clock.now()))  # the same real time
    assert again.incidents.now(incident) == before
    assert again.incidents.state(incident).clock.speed == 4.0
    again.close()


def test_a_paused_clock_stays_paused_across_a_restart(data_dir: Path) -> None:
    clock = ManualClock(START)
    ws = Workspace(data_dir, clock=clock)
    incident = tabletop(ws)
    clock.advance(timedelta(minutes=3))
    ws.incidents.change_clock(incident, "pause", ACTOR)
    ws.close()
    later = ManualClock(START + timedelta(hours=5))
    again = Workspace(data_dir, clock=later)
    assert again.incidents.now(incident) == SCENARIO + timedelta(minutes=3)
    again.close()


def test_two_incidents_keep_their_own_clocks(workspace: Workspace, clock: ManualClock) -> None:
    first = tabletop(workspace, "一つ目")
    second = tabletop(workspace, "二つ目", at=SCENARIO + timedelta(days=30))
    real = workspace.incidents.start("ransomware", "実対応", ACTOR, mode="drill")
    workspace.incidents.change_clock(first, "jump", ACTOR, by=timedelta(hours=2))
    workspace.incidents.change_clock(second, "pause", ACTOR)
    clock.advance(timedelta(minutes=30))
    assert workspace.incidents.now(first) == SCENARIO + timedelta(hours=2, minutes=30)
    assert workspace.incidents.now(second) == SCENARIO + timedelta(days=30)
    assert workspace.incidents.now(real) == clock.now()  # a drill runs on real time


def test_pause_resume_speed_and_jump_change_the_time_as_said(
    workspace: Workspace, clock: ManualClock
) -> None:
    incident = tabletop(workspace)
    now = lambda: workspace.incidents.now(incident)  # noqa: E731
    clock.advance(timedelta(minutes=10))
    assert now() == SCENARIO + timedelta(minutes=10)

    workspace.incidents.change_clock(incident, "pause", ACTOR)
    clock.advance(timedelta(hours=1))
    assert now() == SCENARIO + timedelta(minutes=10)  # paused: real time passes, it does not

    workspace.incidents.change_clock(incident, "resume", ACTOR)
    clock.advance(timedelta(minutes=5))
    assert now() == SCENARIO + timedelta(minutes=15)  # from where it stopped, not with a leap

    workspace.incidents.change_clock(incident, "speed", ACTOR, speed=60.0)
    clock.advance(timedelta(minutes=2))
    assert now() == SCENARIO + timedelta(minutes=15 + 120)  # a minute is an hour

    workspace.incidents.change_clock(incident, "speed", ACTOR, speed=0.25)
    clock.advance(timedelta(minutes=4))
    assert now() == SCENARIO + timedelta(minutes=136)

    workspace.incidents.change_clock(incident, "jump", ACTOR, by=timedelta(hours=1))
    assert now() == SCENARIO + timedelta(minutes=196)
    target = SCENARIO + timedelta(days=1)
    workspace.incidents.change_clock(incident, "jump", ACTOR, to=target)
    assert now() == target
    clock.advance(timedelta(minutes=4))
    assert now() == target + timedelta(minutes=1)  # the speed stays after a jump

    state = workspace.incidents.state(incident)
    assert state.clock.speed == 0.25 and state.clock.running
    changes = [e for e in workspace.incidents.entries(incident) if e.kind == "clock_changed"]
    assert [e.payload["action"] for e in changes] == [
        "start",
        "pause",
        "resume",
        "speed",
        "speed",
        "jump",
        "jump",
    ]
    assert {e.actor for e in changes} == {ACTOR}


def test_entries_of_an_exercise_are_dated_on_its_clock(
    workspace: Workspace, clock: ManualClock
) -> None:
    incident = tabletop(workspace)
    workspace.incidents.change_clock(incident, "jump", ACTOR, by=timedelta(hours=3))
    note = workspace.incidents.note(incident, "三時間後の状況", ACTOR)
    assert note.occurred_at.startswith("2026-04-01T04:00")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"action": "jump", "by": timedelta(minutes=-5)}, "forward"),
        ({"action": "jump", "to": SCENARIO - timedelta(hours=1)}, "forward"),
        ({"action": "jump", "to": SCENARIO}, "forward"),
        ({"action": "speed", "speed": 601.0}, "speed"),
        ({"action": "speed", "speed": 0.1}, "speed"),
        ({"action": "speed", "speed": float("nan")}, "speed"),
        ({"action": "speed"}, "speed"),
        ({"action": "resume"}, "already running"),
        ({"action": "rewind"}, "unknown clock action"),
        ({"action": "jump", "to": datetime(2100, 6, 1, tzinfo=UTC)}, "out of range"),
    ],
)
def test_a_clock_change_that_cannot_be_is_refused_and_writes_nothing(
    workspace: Workspace, change: dict[str, object], reason: str
) -> None:
    from app.i18n import set_language

    incident = tabletop(workspace)
    before = entries(workspace, incident)
    set_language("en")
    action = str(change.pop("action"))
    with pytest.raises(SonaeError) as info:
        workspace.incidents.change_clock(incident, action, ACTOR, **change)  # type: ignore[arg-type]
    text = str(info.value)
    assert reason in text and "\n" not in text
    assert entries(workspace, incident) == before


@pytest.mark.parametrize("mode", ["real", "drill"])
def test_only_a_tabletop_has_a_clock_to_change(workspace: Workspace, mode: str) -> None:
    incident = workspace.incidents.start("ransomware", "実時間", ACTOR, mode=mode)
    before = entries(workspace, incident)
    with pytest.raises(SonaeError, match="机上訓練だけ"):
        workspace.incidents.change_clock(incident, "pause", ACTOR)
    assert entries(workspace, incident) == before


def test_a_closed_exercise_keeps_its_clock(workspace: Workspace) -> None:
    incident = tabletop(workspace)
    workspace.incidents.set_status(incident, "closed", ACTOR, summary="訓練終了")
    with pytest.raises(SonaeError, match="終了しています"):
        workspace.incidents.change_clock(incident, "jump", ACTOR, by=timedelta(hours=1))


def test_deadlines_of_an_exercise_count_on_its_simulated_time(
    workspace: Workspace, clock: ManualClock
) -> None:
    exercise = tabletop(workspace)
    drill = workspace.incidents.start("ransomware", "同時刻の訓練", ACTOR, mode="drill")
    for incident in (exercise, drill):
        workspace.incidents.decide(incident, "personal_data", "yes", ACTOR)

    def state_of(incident: str) -> str:
        found = {d.id: d for d in workspace.incidents.deadlines(incident)}
        return found["ppc_preliminary"].state

    # The report to the PPC is due at 24:00 JST of the fifth day counted from the awareness
    # time (the exercise's start, 10:00 JST on 1 April: day 5 is 5 April), warned a day before.
    due = {d.id: d for d in workspace.incidents.deadlines(exercise)}["ppc_preliminary"].due
    assert due == SCENARIO + timedelta(days=4, hours=14)  # counted on the exercise's clock
    workspace.incidents.change_clock(
        exercise, "jump", ACTOR, by=timedelta(days=3, hours=14, minutes=1)
    )
    assert (state_of(exercise), state_of(drill)) == ("due_soon", "running")
    workspace.incidents.change_clock(exercise, "jump", ACTOR, by=timedelta(days=1))
    assert (state_of(exercise), state_of(drill)) == ("overdue", "running")
    # Paused, the exercise's clock waits; the real one runs on for the drill.
    workspace.incidents.change_clock(exercise, "pause", ACTOR)
    clock.advance(timedelta(days=3, hours=14, minutes=1))
    assert (state_of(exercise), state_of(drill)) == ("overdue", "due_soon")
    # The summaries on the home screen count each incident on its own clock too.
    nearest = {s.id: s.now for s in workspace.incidents.summaries()}
    assert nearest[exercise] == workspace.incidents.now(exercise)
    assert nearest[drill] == clock.now()

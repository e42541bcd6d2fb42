"""A headless exercise (``sonae exercise run``): the script played with the players' responses
read from a file, for tests, demos, and a facilitator trying a script before the day.

It does what a facilitator and the players would do in the window, through the same commands:
it starts the exercise, lets the clock run to each next event (an inject falling due, a response),
releases the injects as they fall due, records each response at its time, and at the end gives the
evaluator's ratings and improvement items and closes the exercise. A wait longer than
``wait_at_most`` real seconds is not sat through: the tabletop clock jumps to the event instead,
and the jump is recorded as every clock change is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.exercise_run import ends_at, exercise_start
from app.domain.timeutil import to_iso
from app.errors import SonaeError
from app.i18n import msg

if TYPE_CHECKING:
    from app.domain.exercise_script import Response, ResponseSet, ScriptFile
    from app.services.workspace import Workspace

RUNNER = "統制者（自動実行）"  # who releases injects and moves the clock in a headless run


def read_responses(path: Path) -> ResponseSet:
    from app.domain.exercise_script import parse_responses
    from app.domain.yamlsource import read_utf8

    text, problems = read_utf8(path)
    if text is not None:
        found, problems = parse_responses(text, str(path))
        if found is not None:
            return found
    raise SonaeError(msg("{p}", "{p}", p=problems[0] if problems else path))


def run_exercise(
    ws: Workspace,
    script: ScriptFile,
    responses: ResponseSet,
    *,
    at: datetime | None = None,
    speed: float | None = None,
    wait_at_most: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Play the script with ``responses`` from ``at`` (default now); return the incident id."""
    if responses.script != script.script.id:
        raise SonaeError(
            msg(
                "応答ファイルはシナリオ '{r}' 用です ('{s}' ではありません)",
                "the responses are for script '{r}', not '{s}'",
                r=responses.script,
                s=script.script.id,
            )
        )
    inc = ws.incidents
    incident = inc.start_exercise(script, RUNNER, at=at, speed=speed)
    start = exercise_start(inc.state(incident))
    assert start is not None  # just written
    t0 = start.at

    def reach(moment: datetime) -> None:
        _run_clock_to(ws, incident, moment, wait_at_most, sleep)
        inc.release_injects(incident, RUNNER)

    for response in sorted(responses.responses, key=lambda r: r.offset):
        moment = t0 + response.offset
        reach(moment)
        _respond(ws, incident, response, moment, t0)
    reach(ends_at(script.script, t0))
    end = inc.now(incident)
    evaluator = responses.evaluator
    for rating in responses.ratings:
        inc.rate(incident, rating.objective, rating.rating, rating.reason, evaluator)
    for item in responses.improvements:
        inc.add_lesson(
            incident,
            item.text,
            evaluator,
            improvement=True,
            owner=item.owner,
            due=item.due.isoformat(),
            plan=item.plan,
            step=item.step,
            at=end,
        )
    summary = msg(
        "訓練シナリオ {s} を応答「{n}」で実行し終了",
        "script {s} played with the responses “{n}”, then ended",
        s=script.script.id,
        n=responses.name,
    )
    inc.set_status(incident, "closed", RUNNER, summary=summary.render(), at=end)
    return incident


def _run_clock_to(
    ws: Workspace,
    incident: str,
    moment: datetime,
    wait_at_most: float,
    sleep: Callable[[float], None],
) -> None:
    inc = ws.incidents
    state = inc.state(incident)
    now = inc.now(state)
    if moment <= now:
        return
    simulated = state.clock.simulated
    rate = state.clock.speed if simulated else 1.0
    wait = (moment - now).total_seconds() / rate
    if simulated and wait > wait_at_most:
        inc.change_clock(incident, "jump", RUNNER, to=moment)
        return
    while inc.now(incident) < moment:
        sleep(max((moment - inc.now(incident)).total_seconds() / rate, 0.001))


def _respond(ws: Workspace, incident: str, r: Response, moment: datetime, t0: datetime) -> None:
    inc = ws.incidents
    if r.step is not None:
        fields = {name: _value(value, t0) for name, value in r.fields.items()}
        inc.complete_step(
            incident,
            r.step,
            r.actor,
            at=moment,
            fields=fields,
            note=r.note,
            deputy_for=r.deputy_for,
        )
    elif r.decision is not None and r.answer is not None:
        inc.decide(incident, r.decision, r.answer, r.actor, at=moment, note=r.note)
    elif r.skip is not None and r.reason is not None:
        inc.skip_step(incident, r.skip, r.reason, r.actor, at=moment)
    elif r.note is not None:
        inc.note(incident, r.note, r.actor, at=moment)


def _value(value: str, t0: datetime) -> str:
    """A field value as typed, with ``T+PT10M`` read as that time of the exercise."""
    if value.startswith("T+"):
        from app.domain.durations import parse_duration

        try:
            return to_iso(t0 + parse_duration(value[2:]))
        except ValueError:
            pass
    return value

"""Playing an exercise from its script (issue 13): its injects fall due at T0 plus their offset
on the incident's own clock (a pause holds them, a jump keeps their spacing, a restart resumes
them), are released once each, at their time or by hand; the players' responses are scored line
by line against what each inject expects; the evaluator's ratings and the improvement items are
entries of their own; and `sonae exercise run | pause | ...` and `sonae improvements` say what
cannot be done in one line, writing nothing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain import kinds as k
from app.domain.clock import ManualClock
from app.domain.deadlines import nearest_open_deadline
from app.domain.durations import parse_duration
from app.domain.entries import LogEntry
from app.domain.exercise_run import Scheduled, phase
from app.domain.exercise_script import ResponseSet
from app.domain.timeutil import JST, parse_iso
from app.errors import SonaeError
from app.paths import playbooks_dir
from app.services.exercise_runner import read_responses, run_exercise
from app.services.improvements import all_items
from app.services.workspace import Workspace

ACTOR = "統制者 太郎"
T0 = datetime(2026, 12, 8, 14, 0, tzinfo=JST)  # a Tuesday, 14:00: the misdelivered mail's start
SCRIPTS = ("misdelivered_mail", "ransomware_72h", "earthquake_office_hours")
SETS = ("good", "late", "missing")
RESPONSES = playbooks_dir() / "exercises" / "responses"
# The one response each "missing" set leaves out of its good set, as its header comment says
# (委員会への速報, バックアップの切り離し, 建物の安全確認).
LEFT_OUT = {
    "misdelivered_mail": "ppc_preliminary",
    "ransomware_72h": "isolate_backups",
    "earthquake_office_hours": "building_safety",
}


def play(
    ws: Workspace, clock: ManualClock, script_id: str, set_name: str
) -> tuple[str, ResponseSet]:
    responses = read_responses(RESPONSES / f"{script_id}.{set_name}.yaml")
    incident = run_exercise(
        ws,
        ws.exercises.get(script_id),
        responses,
        at=T0,
        wait_at_most=0,
        sleep=lambda s: clock.advance(timedelta(seconds=s)),
    )
    return incident, responses


def start(ws: Workspace, script_id: str = "misdelivered_mail") -> str:
    return ws.incidents.start_exercise(ws.exercises.get(script_id), ACTOR, at=T0)


def offsets(ws: Workspace, script_id: str = "misdelivered_mail") -> dict[str, timedelta]:
    return {i.id: i.offset for _, i in ws.exercises.get(script_id).script.injects()}


def injects(ws: Workspace, incident: str) -> list[LogEntry]:
    return [e for e in ws.incidents.entries(incident) if e.kind == "inject"]


def released(entries: list[LogEntry]) -> list[tuple[str | None, datetime, bool]]:
    """What release entries say: which inject, when, and whether by hand."""
    out = []
    for e in entries:
        p = k.read_payload(e, k.Inject)
        out.append((p.inject, parse_iso(e.occurred_at), p.by_hand))
    return out


def nearest(ws: Workspace, incident: str) -> tuple[str, timedelta]:
    """The nearest running deadline, and how long it has left on the incident's clock."""
    found = nearest_open_deadline(ws.incidents.deadlines(incident))
    assert found is not None and found.due is not None
    return found.id, found.due - ws.incidents.now(incident)


# 1. A headless run: the injects at their times, the responses scored against the script.


@pytest.mark.parametrize("set_name", SETS)
@pytest.mark.parametrize("script_id", SCRIPTS)
def test_a_headless_run_releases_every_inject_at_its_time_and_scores_each_line(
    workspace: Workspace, clock: ManualClock, script_id: str, set_name: str
) -> None:
    script = workspace.exercises.get(script_id).script
    incident, responses = play(workspace, clock, script_id, set_name)
    inc = workspace.incidents

    # Every inject of the script released once, by the runner at its time, none other.
    at = offsets(workspace, script_id)
    said = released(injects(workspace, incident))
    assert Counter(name for name, _, _ in said) == Counter(list(at))
    assert all(when == T0 + at[str(name)] and not by_hand for name, when, by_hand in said)

    # What the response file says was done, and when: the oracle for every line.
    keys = [r.step or r.decision for r in responses.responses if r.step or r.decision]
    assert len(keys) == len(set(keys))  # each done once, so "when it was done" is one time
    done = {r.step or r.decision: r for r in responses.responses}
    evaluation = inc.evaluation(incident)
    assert len(evaluation.lines) == sum(len(i.expect) for _, i in script.injects())
    for line in evaluation.lines:
        key = line.expected.step or line.expected.decision
        response = done.get(key)
        assert line.released_at == T0 + line.inject.offset
        first = [done.get(a) for a in line.expected.after]  # steps this one must follow
        if response is None:
            expected = "missing"
        elif response.decision is not None and response.answer != line.expected.answer:
            expected = "otherwise"
        elif any(f is None or f.offset > response.offset for f in first):
            expected = "out_of_order"
        elif response.offset - line.inject.offset > parse_duration(str(line.inject.within)):
            expected = "late"
        elif response.offset <= line.inject.offset:
            expected = "already"  # done before this inject came, for an earlier one
        else:
            expected = "on_time"
        assert line.outcome == expected, (line.inject.id, key)
        if response is not None:
            assert line.responded_at == T0 + response.offset

    lines = evaluation.lines
    if set_name == "good":
        assert {line.outcome for line in lines} <= {"on_time", "already"}
        assert "on_time" in {line.outcome for line in lines}
        assert evaluation.points == evaluation.possible == 2 * len(lines)
    elif set_name == "late":
        assert not [line for line in lines if line.outcome == "missing"]
        seen: set[str] = set()
        for line in lines:
            key = str(line.expected.step or line.expected.decision)
            assert line.responded_at is not None and line.released_at is not None
            if line.responded_at > line.released_at:
                assert line.outcome == "late", (line.inject.id, key)
            else:  # done before this inject came: only for a step an earlier inject asked for
                assert line.outcome == "already" and key in seen, (line.inject.id, key)
            seen.add(key)
        late = sum(1 for line in lines if line.outcome == "late")
        assert evaluation.points == late + 2 * (len(lines) - late)
    else:
        good = read_responses(RESPONSES / f"{script_id}.good.yaml")
        assert {r.step or r.decision for r in good.responses} - set(done) == {LEFT_OUT[script_id]}
        missing = [line for line in lines if line.outcome == "missing"]
        assert [line.expected.step for line in missing] == [LEFT_OUT[script_id]]
        # A step that must follow the one left out is out of order, and earns nothing either.
        disordered = [line for line in lines if line.outcome == "out_of_order"]
        assert disordered == [line for line in lines if LEFT_OUT[script_id] in line.expected.after]
        assert evaluation.points == evaluation.possible - 2 * (1 + len(disordered))

    # The evaluator's ratings from the file are those in force; the exercise is over.
    given = {r.objective: (r.rating, r.reason) for r in responses.ratings}
    assert given  # every bundled set rates its objectives
    for result in evaluation.objectives:
        rating = result.rating
        in_force = (rating.rating, rating.reason) if rating is not None else None
        assert in_force == given.get(result.objective.id)
        if rating is not None:
            assert result.rated is not None and result.rated.actor == responses.evaluator
    state = inc.state(incident)
    assert state.status == "closed"
    assert phase(state, script, T0, inc.now(state)) == "finished"


def test_a_run_with_no_responses_still_releases_every_inject_and_misses_every_line(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    path = tmp_path / "silent.yaml"
    path.write_text("schema: 1\nscript: misdelivered_mail\nname: silent\nresponses: []\n", "utf-8")
    incident = run_exercise(
        workspace,
        workspace.exercises.get("misdelivered_mail"),
        read_responses(path),
        at=T0,
        wait_at_most=0,
        sleep=lambda s: clock.advance(timedelta(seconds=s)),
    )
    at = offsets(workspace)
    # Nothing to wait for but the injects and the window's end: each still comes at its time.
    assert sorted(released(injects(workspace, incident)), key=lambda r: r[1]) == sorted(
        ((n, T0 + o, False) for n, o in at.items()), key=lambda r: r[1]
    )
    evaluation = workspace.incidents.evaluation(incident)
    assert evaluation.lines and {line.outcome for line in evaluation.lines} == {"missing"}
    assert evaluation.points == 0
    assert all(o.rating is None for o in evaluation.objectives)
    assert workspace.incidents.state(incident).status == "closed"


# 2. A pause holds the exercise's time, its injects and its deadlines.


def test_a_pause_holds_the_time_the_injects_and_the_deadlines(
    workspace: Workspace, clock: ManualClock
) -> None:
    inc = workspace.incidents
    incident = start(workspace)
    assert inc.state(incident).clock.speed == 120.0  # the script's speed
    clock.advance(timedelta(seconds=20))  # 40 simulated minutes at 120x
    assert inc.now(incident) == T0 + timedelta(minutes=40)
    first = released(inc.release_injects(incident, ACTOR))
    assert [(n, w) for n, w, _ in first] == [
        ("wrong_address", T0),
        ("recipient_call", T0 + timedelta(minutes=30)),
    ]

    inc.change_clock(incident, "pause", ACTOR)
    held = inc.now(incident)
    deadline, remaining = nearest(workspace, incident)
    count = workspace.store.count(incident)
    clock.advance(timedelta(hours=1))  # 120 simulated hours, had it run: every inject due
    assert inc.now(incident) == held
    assert inc.release_injects(incident, ACTOR) == []
    assert workspace.store.count(incident) == count
    assert nearest(workspace, incident) == (deadline, remaining)
    script = workspace.exercises.get("misdelivered_mail").script
    state = inc.state(incident)
    assert phase(state, script, T0, inc.now(state)) == "paused"

    inc.change_clock(incident, "resume", ACTOR)
    clock.advance(timedelta(seconds=45))  # from where it stopped, at the same 120x
    assert inc.now(incident) == held + timedelta(minutes=90)
    assert inc.state(incident).clock.speed == 120.0
    assert nearest(workspace, incident) == (deadline, remaining - timedelta(minutes=90))
    assert [(n, w) for n, w, _ in released(inc.release_injects(incident, ACTOR))] == [
        ("scheduled_mail", T0 + timedelta(hours=2))
    ]


# 3. A jump to the next move keeps the spacing of what follows.


def test_a_jump_lands_on_the_next_move_and_the_later_injects_keep_their_spacing(
    workspace: Workspace, clock: ManualClock
) -> None:
    inc = workspace.incidents
    incident = start(workspace)
    script = workspace.exercises.get("misdelivered_mail").script
    at = offsets(workspace)
    assert [n for n, _, _ in released(inc.release_injects(incident, ACTOR))] == ["wrong_address"]
    done = {"wrong_address"}
    before_the_jump_time = []
    for move in script.moves[1:]:
        inc.jump_to_next_move(incident, ACTOR)
        assert inc.now(incident) == T0 + move.offset
        plan = inc.schedule(incident)
        assert [s.due_at for s in plan] == [T0 + at[s.inject.id] for s in plan]
        gaps = [b.due_at - a.due_at for a, b in zip(plan, plan[1:], strict=False)]
        assert gaps == [
            at[b.inject.id] - at[a.inject.id] for a, b in zip(plan, plan[1:], strict=False)
        ]
        now_due = [n for n, o in at.items() if o <= move.offset and n not in done]
        got = released(inc.release_injects(incident, ACTOR))
        assert [(n, w, h) for n, w, h in got] == [(n, T0 + at[n], False) for n in now_due]
        before_the_jump_time += [n for n, w, _ in got if w < T0 + move.offset]
        done.update(now_due)
    # Every inject up to the last move's time released; the one after it still waits for its own.
    assert set(at) - done == {"notices"}
    assert at["notices"] > script.moves[-1].offset
    # The scheduled mail (T+2h) fell due on the jump to the 4h move: dated 2h, not 4h.
    assert "scheduled_mail" in before_the_jump_time
    # The speed stays: the clock runs on at 120x from the last move.
    clock.advance(timedelta(seconds=10))
    assert inc.now(incident) == T0 + script.moves[-1].offset + timedelta(minutes=20)

    count, now = workspace.store.count(incident), inc.now(incident)
    with pytest.raises(SonaeError):
        inc.jump_to_next_move(incident, ACTOR)
    assert workspace.store.count(incident) == count
    assert inc.now(incident) == now
    clock.advance(timedelta(seconds=50))  # T+2d 2h: the notices fall due, on the clock alone
    assert released(inc.release_injects(incident, ACTOR)) == [
        ("notices", T0 + at["notices"], False)
    ]


# 4. A restart resumes the exercise where its log says it was.


def test_a_restart_resumes_a_paused_and_a_running_exercise_at_their_times(data_dir: Path) -> None:
    clock = ManualClock(datetime(2026, 11, 25, 9, 0, tzinfo=JST))
    ws = Workspace(data_dir, clock=clock)
    paused, running = start(ws), start(ws, "ransomware_72h")  # 120x and 60x
    clock.advance(timedelta(seconds=30))  # an hour at 120x, half an hour at 60x
    ws.incidents.release_injects(paused, ACTOR)
    ws.incidents.release_injects(running, ACTOR)
    ws.incidents.change_clock(paused, "pause", ACTOR)
    held = ws.incidents.now(paused)
    assert held == T0 + timedelta(hours=1)
    flags = [
        (s.inject.id, s.released.uuid if s.released else None)
        for s in ws.incidents.schedule(paused)
    ]
    assert [n for n, uuid in flags if uuid] == ["wrong_address", "recipient_call"]
    running_at = ws.incidents.now(running)
    assert running_at == T0 + timedelta(minutes=30)
    ws.close()

    clock.advance(timedelta(minutes=10))  # real time passes while the app is closed
    again = Workspace(data_dir, clock=clock)
    try:
        inc = again.incidents
        state = inc.state(paused)
        assert inc.now(paused) == held
        assert not state.clock.running
        script = again.exercises.get("misdelivered_mail").script
        assert phase(state, script, T0, inc.now(state)) == "paused"
        assert [
            (s.inject.id, s.released.uuid if s.released else None) for s in inc.schedule(paused)
        ] == flags
        assert inc.release_injects(paused, ACTOR) == []
        # The running one went on with real time, at its speed: ten minutes are ten hours.
        assert inc.now(running) == running_at + timedelta(hours=10)
        got = released(inc.release_injects(running, ACTOR))
        at = offsets(again, "ransomware_72h")
        expected = [
            n for n, o in at.items() if timedelta(minutes=30) < o <= timedelta(hours=10, minutes=30)
        ]
        assert expected and [(n, w) for n, w, _ in got] == [(n, T0 + at[n]) for n in expected]
        inc.change_clock(paused, "resume", ACTOR)
        clock.advance(timedelta(seconds=30))
        assert inc.now(paused) == held + timedelta(hours=1)
    finally:
        again.close()


# 5. An inject released by hand, before its time, once.


def test_an_inject_released_by_hand_is_dated_now_and_never_released_again(
    workspace: Workspace, clock: ManualClock
) -> None:
    inc = workspace.incidents
    incident = start(workspace)
    clock.advance(timedelta(seconds=5))  # T+10 min; the scheduled mail is due at T+2h
    now = inc.now(incident)
    assert now == T0 + timedelta(minutes=10)
    [entry] = inc.release_injects(incident, ACTOR, inject_id="scheduled_mail")
    assert released([entry]) == [("scheduled_mail", now, True)]
    assert entry.actor == ACTOR

    def scheduled_mail() -> Scheduled:
        return next(s for s in inc.schedule(incident) if s.inject.id == "scheduled_mail")

    assert scheduled_mail().by_hand and scheduled_mail().due_at == T0 + timedelta(hours=2)

    for name in ("scheduled_mail", "no_such_inject"):
        count = workspace.store.count(incident)
        with pytest.raises(SonaeError):
            inc.release_injects(incident, ACTOR, inject_id=name)
        assert workspace.store.count(incident) == count

    # A response to it is measured from its release, not from the time it would have come.
    clock.advance(timedelta(seconds=35))  # T+1h20m: 70 min after the release, 40 before T+2h
    inc.complete_step(incident, "recall_mail", "管理者 次郎")
    [line] = [x for x in inc.evaluation(incident).lines if x.inject.id == "scheduled_mail"]
    assert (line.released_at, line.after) == (now, timedelta(minutes=70))
    assert line.outcome == "late"  # its target is an hour

    clock.advance(timedelta(minutes=1, seconds=20))  # T+4h: four injects due by now
    auto = released(inc.release_injects(incident, ACTOR))
    assert [(n, h) for n, _, h in auto] == [
        ("wrong_address", False),
        ("recipient_call", False),
        ("opened", False),
    ]
    names = [n for n, _, _ in released(injects(workspace, incident))]
    assert names.count("scheduled_mail") == 1
    kept = scheduled_mail().released
    assert kept is not None and kept.uuid == entry.uuid


# 6. The evaluator's ratings.


def test_a_rating_that_cannot_be_is_refused_and_writes_nothing(workspace: Workspace) -> None:
    inc = workspace.incidents
    incident = start(workspace)
    real = inc.start("ransomware", "実対応", ACTOR)  # an incident that plays no script
    for where, objective, rating, reason in [
        (incident, "report_at_once", "X", "理由"),  # not P, S, M or U
        (incident, "report_at_once", "p", "理由"),
        (incident, "no_such_objective", "P", "理由"),  # not an objective of the script
        (incident, "report_at_once", "P", "   "),  # no reason given
        (real, "report_at_once", "P", "理由"),
    ]:
        count = workspace.store.count(where)
        with pytest.raises(SonaeError):
            inc.rate(where, objective, rating, reason, ACTOR)
        assert workspace.store.count(where) == count, (objective, rating, reason)
    assert all(o.rating is None for o in inc.evaluation(incident).objectives)


def test_a_later_rating_replaces_the_earlier_and_a_corrected_one_is_not_in_force(
    workspace: Workspace,
) -> None:
    inc = workspace.incidents
    incident = start(workspace)

    def ratings() -> dict[str, str | None]:
        return {
            o.objective.id: o.rating.rating if o.rating else None
            for o in inc.evaluation(incident).objectives
        }

    first = inc.rate(incident, "report_at_once", "P", "すぐに報告した", "評価 八郎")
    second = inc.rate(incident, "report_at_once", "S", "報告に20分かかった", "評価 九郎")
    inc.rate(incident, "stop_spread", "M", "削除の依頼が遅れた", "評価 八郎")
    assert ratings() == {
        "report_at_once": "S",
        "stop_spread": "M",
        "ppc_on_time": None,
        "residents": None,
    }
    result = inc.evaluation(incident).objectives[0]
    assert result.rated is not None and result.rated.uuid == second.uuid
    assert result.rating is not None and result.rating.reason == "報告に20分かかった"

    inc.correct(incident, second.uuid, "別の目標の評価だった", ACTOR)
    assert ratings()["report_at_once"] == "P"  # the one given before is the last in force
    inc.correct(incident, first.uuid, "評価をやり直す", ACTOR)
    assert ratings() == {
        "report_at_once": None,
        "stop_spread": "M",
        "ppc_on_time": None,
        "residents": None,
    }


# 7. The improvement plan.


def test_improvement_items_are_listed_open_until_closed_once(
    workspace: Workspace, clock: ManualClock
) -> None:
    incident, responses = play(workspace, clock, "misdelivered_mail", "missing")
    items = all_items(workspace.incidents)
    assert sorted(i.item.text for i in items) == sorted(i.text for i in responses.improvements)
    assert all(i.incident == incident and i.closed is None and i.mode == "tabletop" for i in items)
    assert [str(i.item.due) for i in items] == sorted(str(i.due) for i in responses.improvements)
    item = next(i for i in items if i.item.step == "ppc_preliminary")
    other = next(i for i in items if i is not item)
    assert len(item.id) == 8 and item.lesson.uuid.startswith(item.id)
    for name in (other.id[:7], "ffffffff"):  # fewer than 8 characters, or no such item
        count = workspace.store.count(incident)
        with pytest.raises(SonaeError):
            workspace.incidents.close_improvement(incident, name, "閉じない", ACTOR)
        assert workspace.store.count(incident) == count
    assert len(all_items(workspace.incidents)) == len(items)

    closed = workspace.incidents.close_improvement(
        incident, item.id, "手順を改訂した", ACTOR, revision="personal_data_leak v2"
    )
    assert k.read_payload(closed, k.ImprovementClosed).item == item.lesson.uuid
    assert [i.id for i in all_items(workspace.incidents)] == [
        i.id for i in items if i.id != item.id
    ]
    every = {i.id: i for i in all_items(workspace.incidents, open_only=False)}
    assert set(every) == {i.id for i in items}
    closure = every[item.id].closed
    assert closure is not None and closure.uuid == closed.uuid
    assert every[item.id].done == "手順を改訂した"

    count = workspace.store.count(incident)
    with pytest.raises(SonaeError):
        workspace.incidents.close_improvement(incident, item.id, "もう一度", ACTOR)
    assert workspace.store.count(incident) == count


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def counted(data_dir: Path) -> dict[str, int]:
    """Every incident with its number of entries, read in a workspace of its own."""
    ws = Workspace(data_dir)
    try:
        return {i: ws.store.count(i) for i in ws.store.incident_ids()}
    finally:
        ws.close()


def test_improvements_list_and_close_on_the_command_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _err = run(
        capsys,
        "exercise",
        "run",
        "misdelivered_mail",
        "--responses",
        str(RESPONSES / "misdelivered_mail.missing.yaml"),
        "--at",
        "2026-12-08T14:00+09:00",
        "--wait-at-most",
        "0",
    )
    assert code == 0
    incident = out.splitlines()[0]
    code, out, _err = run(capsys, "improvements", "list", "--json")
    assert code == 0
    listed = json.loads(out)
    assert len(listed) == 2 and {i["incident"] for i in listed} == {incident}
    assert not any(i["closed"] for i in listed)
    item = next(i for i in listed if i["step"] == "ppc_preliminary")

    code, out, _err = run(capsys, "improvements", "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert set(rows) == {i["id"] for i in listed}
    assert "open" in rows[item["id"]] and incident in rows[item["id"]]

    code, _out, err = run(
        capsys, "improvements", "close", incident, item["id"], "--done", "手順を改訂した"
    )
    assert (code, err) == (0, "")
    code, out, _err = run(capsys, "improvements", "list", "--json")
    assert [i["id"] for i in json.loads(out)] == [i["id"] for i in listed if i != item]
    code, out, _err = run(capsys, "improvements", "list", "--all", "--json")
    closed = {i["id"]: i for i in json.loads(out)}[item["id"]]
    assert closed["closed"] is True and closed["done"] == "手順を改訂した"

    before = counted(data_dir)
    code, out, err = run(
        capsys, "improvements", "close", incident, item["id"], "--done", "もう一度"
    )
    assert code == 1 and out == "" and len(err.splitlines()) == 1 and "closed already" in err
    assert counted(data_dir) == before


# 8. `sonae exercise` on the command line.


def test_exercise_run_prints_the_incident_and_its_score_and_writes_the_pdf(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "X.pdf"
    code, out, _err = run(
        capsys,
        "exercise",
        "run",
        "misdelivered_mail",
        "--responses",
        str(RESPONSES / "misdelivered_mail.late.yaml"),
        "--at",
        "2026-12-08T14:00+09:00",
        "--wait-at-most",
        "0",
        "--out",
        str(pdf),
    )
    assert code == 0
    lines = out.splitlines()
    ws = Workspace(data_dir)
    try:
        assert ws.store.incident_ids() == [lines[0]]
        evaluation = ws.incidents.evaluation(lines[0])
        # The late set: every line late (its responses all after their targets), none missing.
        assert evaluation.counts()["late"] == len(evaluation.lines)
        score = f"score {evaluation.points} of {evaluation.possible} "
        assert evaluation.points == len(evaluation.lines) < evaluation.possible
    finally:
        ws.close()
    scores = [line for line in lines if line.startswith("score ")]
    assert len(scores) == 1 and scores[0].startswith(score)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_exercise_clock_commands_are_refused_for_a_drill_exercise_and_a_real_incident(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    own = data_dir / "playbooks" / "exercises"
    own.mkdir(parents=True)
    bundled = (playbooks_dir() / "exercises" / "misdelivered_mail.yaml").read_text("utf-8")
    drill = bundled.replace("id: misdelivered_mail\n", "id: misdelivered_drill\n", 1)
    (own / "misdelivered_drill.yaml").write_text(
        drill.replace("mode: tabletop\n", "mode: drill\n", 1), "utf-8"
    )
    code, out, _err = run(capsys, "exercise", "start", "misdelivered_drill")
    assert code == 0
    exercise = out.splitlines()[0]
    code, out, _err = run(capsys, "incident", "start", "ransomware", "--title", "実対応")
    assert code == 0
    real = out.strip()
    before = counted(data_dir)
    assert set(before) == {exercise, real}
    for incident in (exercise, real):
        for action in (["pause"], ["resume"], ["jump"], ["speed", "2"]):
            code, out, err = run(capsys, "exercise", action[0], incident, *action[1:])
            assert code == 1 and out == "", (incident, action)
            assert len(err.splitlines()) == 1 and err.startswith("sonae: "), (incident, action)
    assert counted(data_dir) == before


def test_exercise_pause_on_a_tabletop_not_started_from_a_script_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _err = run(
        capsys,
        "incident",
        "start",
        "ransomware",
        "--title",
        "台本なしの机上訓練",
        "--mode",
        "tabletop",
        "--at",
        "2026-04-01T10:00+09:00",
    )
    assert code == 0
    incident = out.strip()
    before = counted(data_dir)
    for action in (["pause"], ["speed", "2"], ["jump"]):  # each one a tabletop clock could take
        code, out, err = run(capsys, "exercise", action[0], incident, *action[1:])
        assert code == 1 and out == "", action
        assert len(err.splitlines()) == 1 and "exercise script" in err, action
    assert counted(data_dir) == before


def _wrong_script(tmp_path: Path) -> tuple[Path, int | None]:
    path = tmp_path / "wrong.yaml"
    path.write_text((RESPONSES / "ransomware_72h.good.yaml").read_text("utf-8"), "utf-8")
    return path, None  # a readable set, for another script: no line is at fault


def _tab(tmp_path: Path) -> tuple[Path, int | None]:
    lines = (RESPONSES / "misdelivered_mail.good.yaml").read_text("utf-8").splitlines()
    at = lines.index("    actor: 職員 花子")
    lines[at] = "\tactor: 職員 花子"  # YAML allows no tab for indentation
    path = tmp_path / "tab.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path, at + 1


def _unknown_key(tmp_path: Path) -> tuple[Path, int | None]:
    lines = (RESPONSES / "misdelivered_mail.good.yaml").read_text("utf-8").splitlines()
    at = lines.index("    step: escalate") + 1
    lines.insert(at, "    colour: red")
    path = tmp_path / "unknown.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path, at + 1


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_wrong_script, "the responses are for script 'ransomware_72h', not 'misdelivered_mail'"),
        (_tab, "invalid YAML"),
        (_unknown_key, "unknown field 'colour'"),
    ],
)
def test_a_hostile_responses_file_is_refused_in_one_line_and_starts_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    make: Callable[[Path], tuple[Path, int | None]],
    said: str,
) -> None:
    path, line = make(tmp_path)
    code, out, err = run(
        capsys,
        "exercise",
        "run",
        "misdelivered_mail",
        "--responses",
        str(path),
        "--at",
        "2026-12-08T14:00+09:00",
        "--wait-at-most",
        "0",
    )
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and said in err
    if line is not None:
        assert err.startswith(f"sonae: {path}:{line}: ")
    assert counted(data_dir) == {}

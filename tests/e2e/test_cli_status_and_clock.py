"""The command line's status and clock commands: what the services refuse is one line, exit 1,
and nothing written; a tabletop's own time is what `incident clock` and `incident show` print."""

from __future__ import annotations

import json

import pytest

from tests.e2e.test_cli import run, start


def head(capsys: pytest.CaptureFixture[str], incident: str) -> tuple[int, str]:
    view = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    return view["entries"], view["head"]


def tabletop(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(
        capsys,
        "incident",
        "start",
        "ransomware",
        "--title",
        "机上訓練",
        "--mode",
        "tabletop",
        "--actor",
        "田中",
        "--at",
        "2026-04-01T10:00+09:00",
    )
    assert code == 0, err
    return out.strip()


@pytest.mark.parametrize("summary", [[], ["--summary", ""], ["--summary", "   "]])
def test_closing_without_a_summary_is_one_line_exit_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], summary: list[str]
) -> None:
    incident = start(capsys)
    before = head(capsys, incident)
    code, out, err = run(
        capsys, "incident", "status", incident, "closed", "--actor", "田中", *summary
    )
    assert code == 1 and out == ""
    assert err.strip().splitlines() == ["sonae: closing needs a summary of the response"]
    assert head(capsys, incident) == before
    # With a summary it closes.
    code, _out, err = run(
        capsys, "incident", "status", incident, "closed", "--summary", "訓練終了", "--actor", "田中"
    )
    assert code == 0, err
    assert json.loads(run(capsys, "incident", "show", incident, "--json")[1])["status"] == "closed"


def test_the_clock_is_changed_and_its_time_printed(capsys: pytest.CaptureFixture[str]) -> None:
    incident = tabletop(capsys)
    code, out, err = run(
        capsys, "incident", "clock", incident, "jump", "--to", "2026-04-01T12:00+09:00"
    )
    assert code == 0, err
    assert len(out.splitlines()) == 1
    assert out.startswith("exercise time 2026-04-01 12:00:") and out.strip().endswith("(simulated)")
    code, out, err = run(capsys, "incident", "clock", incident, "pause", "--actor", "田中")
    assert code == 0, err
    assert out.startswith("exercise time 2026-04-01 12:00:")
    assert out.strip().endswith("JST (simulated, paused)")
    for by in ("PT30M", "30m"):  # ISO 8601 or short; a paused clock can still be moved on
        code, out, err = run(capsys, "incident", "clock", incident, "jump", "--by", by)
        assert code == 0, err
    code, out, err = run(capsys, "incident", "clock", incident, "speed", "--speed", "2")
    assert code == 0 and out.strip().endswith("(simulated, paused)"), err  # still paused
    code, out, err = run(capsys, "incident", "clock", incident, "resume")
    assert code == 0, err
    assert out.startswith("exercise time 2026-04-01 13:00") and out.strip().endswith(
        "(simulated, ×2)"
    )
    # `incident show` says the exercise's own time.
    shown = run(capsys, "incident", "show", incident)[1].splitlines()
    assert shown[-1].startswith("  exercise time 2026-04-01 13:00")
    assert shown[-1].endswith("(simulated, ×2)")
    view = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    assert view["now"].startswith("2026-04-01T04:00")  # the same time, in UTC
    actions = [e["payload"]["action"] for e in _entries(incident) if e["kind"] == "clock_changed"]
    assert actions == ["start", "jump", "pause", "jump", "jump", "speed", "resume"]


def _entries(incident: str) -> list[dict[str, object]]:
    from app.paths import data_dir
    from app.services.workspace import Workspace

    ws = Workspace(data_dir(None))
    try:
        return [{"kind": e.kind, "payload": e.payload} for e in ws.incidents.entries(incident)]
    finally:
        ws.close()


def test_show_says_the_time_of_a_real_incident_too(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    shown = run(capsys, "incident", "show", incident, "--now", "2026-11-25T10:00+09:00")[1]
    assert shown.splitlines()[-1] == "  time 2026-11-25 10:00:00 JST"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["jump", "--by=-5m"], "cannot read the length of time"),
        (["jump", "--by", "soon"], "cannot read the length of time"),
        (["jump", "--to", "2026-04-01T09:00+09:00"], "only jump forward"),
        (["jump", "--to", "yesterday"], "cannot read time"),
        (["jump"], "needs --to TIME or --by DURATION"),
        (["speed", "--speed", "601"], "between 0.25x and 600x"),
        (["speed", "--speed", "0"], "between 0.25x and 600x"),
        (["speed"], "give the speed"),
        (["resume"], "already running"),
        (["pause", "--by", "5m"], "--by does not apply to clock pause"),
        (["resume", "--speed", "2"], "--speed does not apply to clock resume"),
    ],
)
def test_a_bad_clock_change_is_one_line_exit_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    incident = tabletop(capsys)
    before = head(capsys, incident)
    code, out, err = run(capsys, "incident", "clock", incident, *args, "--actor", "田中")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and reason in err, err
    assert "Traceback" not in err
    assert head(capsys, incident) == before


def test_a_real_incident_has_no_clock_to_change(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)  # a drill: real time
    before = head(capsys, incident)
    code, _out, err = run(capsys, "incident", "clock", incident, "pause")
    assert code == 1
    assert err.strip() == "sonae: only a tabletop exercise has a clock that can be changed"
    assert head(capsys, incident) == before


def test_clock_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    incident = tabletop(capsys)
    for args in (
        ["rewind"],
        ["jump", "--to", "2026-04-02T00:00", "--by", "5m"],
        ["speed", "--speed", "fast"],
    ):
        with pytest.raises(SystemExit) as info:
            run(capsys, "incident", "clock", incident, *args)
        assert info.value.code == 2

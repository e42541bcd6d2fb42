"""sonae incident step ID STEP --defer REASON [--until ISO]: a step put off to come back to (保留),
refused in one line where it cannot be, shown as deferred and passed over by the next step."""

from __future__ import annotations

import json

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def start(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(
        capsys, "incident", "start", "ransomware", "--title", "訓練", "--mode", "drill",
        "--actor", "田中", "--at", "2026-11-25T09:00+09:00",
    )  # fmt: skip
    assert code == 0, err
    return out.strip()


def view(capsys: pytest.CaptureFixture[str], incident: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, "incident", "show", incident, "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def step_of(shown: dict, step_id: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in shown["steps"] if s["id"] == step_id)


def test_defer_passes_the_step_over_until_it_is_done(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    code, out, err = run(
        capsys, "incident", "step", incident, "isolate", "--defer", "担当者が不在",
        "--until", "2026-11-25T10:00+09:00", "--actor", "佐藤", "--at", "2026-11-25T09:05+09:00",
    )  # fmt: skip
    assert (code, out, err) == (0, "", "")
    shown = view(capsys, incident)
    isolate = step_of(shown, "isolate")
    assert isolate["state"] == "deferred" and isolate["actor"] == "佐藤"
    assert isolate["deferred"]["reason"] == "担当者が不在"
    assert isolate["deferred"]["until"] == "2026-11-25T01:00:00.000000Z"
    assert shown["next_step"] == "record_note" and shown["deferred_steps"] == ["isolate"]
    code, out, _ = run(capsys, "incident", "show", incident)
    assert any(line.split()[:2] == ["Deferred", "isolate"] for line in out.splitlines()), out
    code, out, _ = run(capsys, "timeline", incident)
    assert "Step deferred" in out and "reason for deferring: 担当者が不在" in out
    code, _, err = run(
        capsys, "incident", "step", incident, "isolate", "--done", "--field", "host=PC-1",
        "--at", "2026-11-25T09:20+09:00",
    )  # fmt: skip
    assert code == 0, err
    shown = view(capsys, incident)
    assert step_of(shown, "isolate")["state"] == "done"
    assert "deferred" not in step_of(shown, "isolate") and shown["deferred_steps"] == []


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--defer", "  "], "a reason for deferring is required"),
        (["--defer", "後で", "--until", "2026-11-25T08:00+09:00"], "later than now"),
        (["--defer", "後で", "--until", "tomorrow"], "cannot read time"),
        (["--until", "2026-11-25T10:00+09:00", "--start"], "--until goes with --defer"),
    ],
)
def test_a_refused_deferral_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], extra: list[str], said: str
) -> None:
    incident = start(capsys)
    before = view(capsys, incident)["entries"]
    code, out, err = run(
        capsys, "incident", "step", incident, "isolate", *extra, "--at", "2026-11-25T09:05+09:00"
    )
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and said in err, err
    assert view(capsys, incident)["entries"] == before


def test_deferring_twice_or_a_finished_step_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    defer = ["incident", "step", incident, "isolate", "--defer", "後で"]
    assert run(capsys, *defer)[0] == 0
    code, _, err = run(capsys, *defer)
    assert code == 1 and "already deferred" in err
    assert run(capsys, "incident", "step", incident, "record_note", "--skip", "不要")[0] == 0
    code, _, err = run(capsys, "incident", "step", incident, "record_note", "--defer", "後で")
    assert code == 1 and "already skipped" in err and len(err.strip().splitlines()) == 1


def test_defer_is_one_of_the_step_actions_only(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["incident", "step", "2026-0001", "isolate", "--skip", "a", "--defer", "b"])
    assert info.value.code == 2

"""The command-line contract of DESIGN.md: outputs, JSON keys and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def start(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run(
        capsys,
        "incident",
        "start",
        "ransomware",
        "--title",
        "訓練 A",
        "--mode",
        "drill",
        "--actor",
        "田中",
        "--at",
        "2026-11-25T09:00+09:00",
        *extra,
    )
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 1  # the id alone on its line, so scripts can capture it
    return lines[0]


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stdout.startswith("sonae ")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["incident", "step", "2026-0001", "isolate"])  # no --start/--done/--skip
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2


def test_a_whole_incident_through_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    assert incident.startswith("2026-") and len(incident) == 9
    steps = [("isolate", ["--field", "host=FIN-PC-023"]), ("record_note", [])]
    for step, extra in steps:
        assert (
            run(
                capsys,
                "incident",
                "step",
                incident,
                step,
                "--done",
                "--actor",
                "田中",
                "--at",
                "2026-11-25T09:10+09:00",
                *extra,
            )[0]
            == 0
        )
    assert (
        run(
            capsys,
            "incident",
            "step",
            incident,
            "decryptor",
            "--skip",
            "ツールなし",
            "--at",
            "2026-11-25T09:20+09:00",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "incident",
            "decide",
            incident,
            "personal_data",
            "yes",
            "--at",
            "2026-11-25T10:00+09:00",
        )[0]
        == 0
    )
    assert run(capsys, "incident", "note", incident, "委託先に連絡")[0] == 0
    assert run(capsys, "incident", "status", incident, "contained")[0] == 0
    code, out, _ = run(
        capsys, "incident", "show", incident, "--json", "--now", "2026-11-29T12:00+09:00"
    )
    assert code == 0
    view = json.loads(out)
    for key in ("id", "playbook", "mode", "status", "steps", "deadlines", "entries", "head"):
        assert key in view
    assert view["id"] == incident and view["mode"] == "drill" and view["status"] == "contained"
    assert set(view["playbook"]) >= {"id", "version", "sha256"}
    states = {s["id"]: s["state"] for s in view["steps"]}
    assert states["isolate"] == "done" and states["decryptor"] == "skipped"
    assert states["ppc_preliminary"] == "pending" and states["notify_persons"] == "pending"
    deadlines = {d["id"]: d for d in view["deadlines"]}
    # Known on 2026-11-25 (day 1): due at 24:00 JST of day 5, 11-29; at 11-29 12:00 that is
    # within the 1-day warning. Counted in calendar days, it says so.
    ppc = deadlines["ppc_preliminary"]
    assert ppc["state"] == "due_soon" and ppc["due"] == "2026-11-29T15:00:00.000000Z"
    assert (ppc["count"], ppc["last_day"], ppc["due_day"]) == (
        "calendar_days",
        "2026-11-29",
        "2026-11-29",
    )
    assert ppc["why"]["ja"] == "起算日を1日目として5日目の24時まで" and ppc["scope"] == "incident"
    assert view["entries"] == 7 and len(view["head"]) == 64
    code, out, _ = run(capsys, "incident", "list", "--json")
    listed = json.loads(out)
    assert [i["id"] for i in listed] == [incident]
    assert run(capsys, "verify", incident)[0] == 0


def test_meeting_a_deadline_is_written_to_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    assert (
        run(
            capsys,
            "incident",
            "decide",
            incident,
            "personal_data",
            "unknown",
            "--at",
            "2026-11-25T10:00+09:00",
        )[0]
        == 0
    )
    assert (
        run(
            capsys,
            "incident",
            "step",
            incident,
            "ppc_preliminary",
            "--done",
            "--at",
            "2026-11-25T13:00+09:00",
        )[0]
        == 0
    )
    view = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    deadline = {d["id"]: d for d in view["deadlines"]}["ppc_preliminary"]
    assert deadline["state"] == "met" and deadline["met_at"] == "2026-11-25T04:00:00.000000Z"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["incident", "step", "{id}", "no_such_step", "--done"], "no step"),
        (["incident", "decide", "{id}", "personal_data", "perhaps"], "not a choice"),
        (["incident", "decide", "{id}", "no_decision", "yes"], "no decision"),
        (["incident", "step", "{id}", "restore", "--done"], "waits for a decision"),
        (["incident", "step", "{id}", "isolate", "--done", "--field", "colour=red"], "no field"),
        (
            ["incident", "step", "{id}", "isolate", "--done", "--at", "yesterday"],
            "cannot read time",
        ),
        (["incident", "step", "{id}", "isolate", "--done", "--at", "2099-01-01T00:00"], "future"),
        (["incident", "status", "{id}", "open"], "already open"),
        (["incident", "note", "{id}", "  "], "empty"),
        (["incident", "show", "2026-9999"], "no incident"),
        (["incident", "start", "no_such_plan", "--title", "x"], "no playbook"),
        (["incident", "start", "ransomware", "--title", "x", "--zones", "moon"], "unknown zone"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    incident = start(capsys)
    before = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    code, out, err = run(capsys, *[a.replace("{id}", incident) for a in args])
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and reason in err
    assert "Traceback" not in err
    after = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    assert (after["entries"], after["head"]) == (before["entries"], before["head"])


def test_a_step_cannot_be_done_twice_but_a_correction_reopens_it(
    capsys: pytest.CaptureFixture[str], workspace
) -> None:  # type: ignore[no-untyped-def]
    incident = start(capsys)
    assert (
        run(capsys, "incident", "step", incident, "isolate", "--done", "--field", "host=PC-1")[0]
        == 0
    )
    code, _, err = run(
        capsys, "incident", "step", incident, "isolate", "--done", "--field", "host=PC-1"
    )
    assert code == 1 and "already done" in err
    done = [e for e in workspace.incidents.entries(incident) if e.kind == "step_done"][0]
    assert run(capsys, "incident", "correct", incident, done.uuid, "--reason", "別端末")[0] == 0
    view = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    assert {s["id"]: s["state"] for s in view["steps"]}["isolate"] == "pending"
    assert (
        run(capsys, "incident", "step", incident, "isolate", "--done", "--field", "host=PC-1")[0]
        == 0
    )


def test_closed_incidents_refuse_steps_until_reopened(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    assert run(capsys, "incident", "status", incident, "closed", "--summary", "終了")[0] == 0
    code, _, err = run(
        capsys, "incident", "step", incident, "isolate", "--done", "--field", "host=PC-1"
    )
    assert code == 1 and "closed" in err
    assert run(capsys, "incident", "status", incident, "open")[0] == 0
    assert (
        run(capsys, "incident", "step", incident, "isolate", "--done", "--field", "host=PC-1")[0]
        == 0
    )


def test_playbook_is_pinned_even_if_the_file_changes(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    incident = start(capsys)
    pinned = json.loads(run(capsys, "incident", "show", incident, "--json")[1])["playbook"]
    # The city edits its copy of the plan: a new version in the user's playbook folder.
    source = (ROOT / "playbooks" / "ransomware.yaml").read_text("utf-8")
    (data_dir / "playbooks").mkdir(parents=True)
    (data_dir / "playbooks" / "ransomware.yaml").write_text(
        source.replace("version: ", "version: 9", 1).replace("isolate", "isolate_v9"), "utf-8"
    )
    view = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    assert view["playbook"] == pinned
    assert "isolate" in {s["id"] for s in view["steps"]}
    listed = json.loads(run(capsys, "playbooks", "list", "--json")[1])
    assert {p["id"]: p["version"] for p in listed}["ransomware"] != pinned["version"]


def test_playbooks_list_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "playbooks", "list", "--json")
    plans = json.loads(out)
    assert code == 0 and plans
    for plan in plans:
        assert set(plan) >= {"id", "version", "category", "zones", "title", "sha256", "path"}
        assert set(plan["title"]) == {"ja", "en"}


def test_playbooks_check_prints_file_line_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    bad = ROOT / "tests" / "fixtures" / "bad_playbooks"
    code, out, _ = run(
        capsys,
        "playbooks",
        "check",
        str(bad / "dangling_when.yaml"),
        str(bad / "bad_duration.yaml"),
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad / 'dangling_when.yaml'}:17: ")
    assert any(line.startswith(f"{bad / 'bad_duration.yaml'}:17: ") for line in lines)
    code, _, _ = run(capsys, "playbooks", "check")
    assert code == 0


def test_playbooks_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "playbooks", "schema")
    schema = json.loads(out)
    assert code == 0 and "phases" in schema["properties"]


def test_verify_names_the_first_bad_entry(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from tests.store.helpers import unprotected

    incident = start(capsys)
    run(capsys, "incident", "note", incident, "one")
    run(capsys, "incident", "note", incident, "two")
    unprotected(data_dir / "sonae.db", "UPDATE entries SET actor = 'x' WHERE seq = 2")
    code, _, err = run(capsys, "verify")
    assert code == 1 and f"{incident} #2" in err and len(err.strip().splitlines()) == 1


def test_a_corrupt_database_is_one_line_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = data_dir / "sonae.db"
    db.write_bytes(b"\x00garbage" * 500)
    result = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "incident", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SONAE_DATA_DIR": str(data_dir)},
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "damaged" in result.stderr
    assert db.read_bytes() == b"\x00garbage" * 500


def test_demo_runs_a_drill_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "drill incident 2026-0001" in out and "intact" in out


def test_an_argument_that_is_not_utf8_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    incident = start(capsys)
    code, _, err = run(capsys, "incident", "note", incident, "bad \udcff")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "UTF-8" in err


def test_an_unexpected_error_is_still_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.incidents as incidents

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.delenv("SONAE_DEBUG", raising=False)
    monkeypatch.setattr(incidents.Incidents, "summaries", broken)
    code, _, err = run(capsys, "incident", "list")
    assert code == 1 and err.count("\n") == 1 and "internal error (RuntimeError: boom" in err


def test_verify_checks_a_printed_head(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    incident = start(capsys)
    run(capsys, "report", incident, "--out", str(tmp_path / "r.pdf"))
    shown = json.loads(run(capsys, "incident", "show", incident, "--json")[1])
    # Entry #2 records the copy; its own hash was never printed on a copy.
    assert shown["entries"] == 2
    unprinted = shown["head"]
    run(capsys, "incident", "note", incident, "after the print")
    # The copy carries the head of entry #1; it was issued there.
    first = _head_of_entry(capsys, incident, 1)
    code, out, err = run(capsys, "verify", incident, "--head", first)
    assert code == 0 and "as of entry #1" in out and "no copy issued" not in err
    # A prefix of 12 characters, typed in the printed groups of four, is enough.
    grouped = " ".join(first[i : i + 4] for i in range(0, 12, 4))
    code, out, _ = run(capsys, "verify", incident, "--head", grouped)
    assert code == 0 and "as of entry #1" in out
    # Shorter than 12: refused in one line.
    code, _, err = run(capsys, "verify", incident, "--head", first[:8])
    assert code == 1 and "12" in err and len(err.strip().splitlines()) == 1
    # A head that is in the log but no copy was issued there: said.
    code, out, err = run(capsys, "verify", incident, "--head", unprinted)
    assert code == 0 and "as of entry #2" in out and "no copy issued" in err
    # One character wrong: a typo, with the nearest head named.
    typo = first[:5] + ("0" if first[5] != "0" else "1") + first[6:]
    code, _, err = run(capsys, "verify", incident, "--head", typo)
    assert code == 1 and "a typo?" in err and first in err
    # Nothing like any head: never in this log.
    code, _, err = run(capsys, "verify", incident, "--head", "0" * 64)
    assert code == 1 and "never in this log" in err


def _head_of_entry(capsys: pytest.CaptureFixture[str], incident: str, seq: int) -> str:
    from app.paths import data_dir
    from app.services.workspace import Workspace

    ws = Workspace(data_dir())
    try:
        return ws.incidents.entries(incident)[seq - 1].hash
    finally:
        ws.close()


def test_a_broken_city_plan_is_reported_not_silently_replaced(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    own = data_dir / "playbooks"
    own.mkdir(parents=True)
    (own / "ransomware.yaml").write_text("schema: 1\nid: ransomware\nversion: x\n", "utf-8")
    code, out, err = run(capsys, "playbooks", "list", "--json")
    assert code == 0 and json.loads(out)
    assert f"{own / 'ransomware.yaml'}:3:" in err and "not loaded" in err
    code, out, _ = run(capsys, "playbooks", "check")
    assert code == 1 and f"{own / 'ransomware.yaml'}:3:" in out

"""Hostile and clumsy input found by trying to break the promises: each gets one clear line (or
works), nothing hangs, and nothing recorded is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import main
from app.domain.entries import EntryDraft
from app.services.workspace import Workspace
from app.store.log import LogStore
from tests.e2e.test_read_only import snapshot
from tests.store.helpers import unprotected

ROOT = Path(__file__).resolve().parents[2]
posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")


def started(capsys: pytest.CaptureFixture[str], title: str = "t") -> str:
    assert main(["incident", "start", "ransomware", "--title", title, "--actor", "a"]) == 0
    return capsys.readouterr().out.strip()


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=20,  # a hang fails the test instead of stopping the run
    )


@posix
@pytest.mark.parametrize("name", ["sonae-seen.json", "device.json", "contacts.yaml"])
def test_a_fifo_in_place_of_a_file_is_refused_not_waited_on(
    name: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    incident = started(capsys)
    (data_dir / name).unlink(missing_ok=True)
    os.mkfifo(data_dir / name)
    for args in (["incident", "list"], ["verify"], ["playbooks", "check"]):
        result = run(*args, data=data_dir)
        assert "internal error" not in result.stderr, (args, result.stderr)
    listed = run("incident", "list", data=data_dir)
    assert listed.returncode == 0 and incident in listed.stdout
    if name == "contacts.yaml":
        checked = run("playbooks", "check", data=data_dir)
        assert checked.returncode == 1 and "not a regular file" in checked.stdout + checked.stderr


@posix
def test_plan_files_that_are_not_files_are_said_not_skipped(data_dir: Path) -> None:
    own = data_dir / "playbooks"
    own.mkdir(parents=True)
    (own / "folder.yaml").mkdir()
    os.mkfifo(own / "fifo.yaml")
    (own / "link.yaml").symlink_to(own / "nowhere")
    checked = run("playbooks", "check", data=data_dir)
    assert checked.returncode == 1
    for name in ("folder.yaml", "fifo.yaml", "link.yaml"):
        assert f"{name}:1:" in checked.stdout
    listed = run("playbooks", "list", data=data_dir)
    assert listed.returncode == 0 and "ransomware" in listed.stdout
    assert listed.stderr.count("not loaded") == 3


def test_an_empty_data_dir_is_refused_not_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--data-dir", "", "incident", "list"]) == 1
    assert "--data-dir is empty" in capsys.readouterr().err


def test_demo_with_read_only_leaves_the_named_folder_alone(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started(capsys)
    before = snapshot(data_dir)
    assert main(["--read-only", "--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert snapshot(data_dir) == before


def test_timeline_checks_both_outputs_before_writing_either(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    incident = started(capsys)
    csv = tmp_path / "ok.csv"
    code = main(["timeline", incident, "--csv", str(csv), "--png", str(tmp_path / "no" / "x.png")])
    assert code == 1 and not csv.exists()
    ws = Workspace(data_dir)
    assert ws.incidents.count(incident) == 1  # nothing issued, nothing logged
    ws.close()


def test_entry_numbers_beyond_any_log_and_other_digits_are_no_entry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    incident = started(capsys)
    for reference in ("#99999999999999999999", "#" + "9" * 5000, "#１", "#٢"):
        code = main(["--lang", "en", "incident", "correct", incident, reference, "--reason", "r"])
        err = capsys.readouterr().err
        assert code == 1 and "no entry" in err and "internal error" not in err, reference


def test_a_note_beyond_ten_pages_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    incident = started(capsys)
    assert main(["--lang", "en", "incident", "note", incident, "x" * 20_001]) == 1
    err = capsys.readouterr().err
    assert "too long" in err and "20000" in err and err.count("\n") == 1
    assert main(["--lang", "en", "incident", "start", "ransomware", "--title", "t" * 501]) == 1
    assert "too long" in capsys.readouterr().err


def test_a_head_with_no_entries_and_a_bad_time_stay_on_their_incident(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fine = started(capsys, "無事")
    timed = started(capsys, "時刻が壊れる")
    db = data_dir / "sonae.db"
    unprotected(db, "INSERT INTO heads VALUES ('2026-0099', '', 3, ?)", "f" * 64)
    unprotected(db, "UPDATE entries SET occurred_at = 'not a time' WHERE incident_id = ?", timed)
    assert main(["--lang", "en", "incident", "list"]) == 0
    out, err = capsys.readouterr()
    assert fine in out and "2026-0099  incident 2026-0099 cannot be read" in out
    assert f"{timed}  incident {timed} cannot be read" in out and "not a time" in out
    code = main(["--lang", "en", "report", timed, "--out", str(tmp_path / "r.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and "cannot be read" in err and "internal error" not in err
    assert main(["--lang", "en", "verify"]) == 1  # and verify names it
    assert "internal error" not in capsys.readouterr().err
    seen = Workspace(data_dir).seen_record()
    assert "2026-0099" not in seen.heads  # a head pointing nowhere is never taken as seen


def test_ids_go_on_past_9999_and_never_open_an_incident_twice(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db")
    when = datetime(2026, 11, 25, tzinfo=UTC)
    unprotected(
        tmp_path / "sonae.db",
        "INSERT INTO heads VALUES ('2026-9999', '', 1, 'x'), ('2026-10000', '', 1, 'y')",
    )
    pin = {"id": "p", "version": 1, "sha256": "0" * 64}
    payload = {"title": "t", "mode": "drill", "playbook": pin}
    opened = store.open_incident(
        2026, lambda i: [EntryDraft(i, "opened", "a", when, payload=payload)], []
    )
    assert opened[0].incident_id == "2026-10001"
    store.close()


def test_the_first_moment_of_2000_in_jst_is_a_time_the_log_keeps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2000-01-01 00:00 JST is 1999-12-31 15:00 UTC, as stored: still a time every view shows."""
    # Known since then: a time before the incident began is refused (test_undo's back-filling).
    start = ["incident", "start", "ransomware", "--title", "t", "--actor", "a"]
    assert main([*start, "--awareness", "2000-01-01"]) == 0
    incident = capsys.readouterr().out.strip()
    assert main(["incident", "note", incident, "n", "--at", "2000-01-01", "--actor", "a"]) == 0
    assert main(["incident", "show", incident]) == 0
    assert "internal error" not in capsys.readouterr().err

"""Removing an exercise as a whole: the one removal Sonae allows, and an accountable one. The
exercise goes to an archive that is a Sonae database of its own (the same entries and hashes,
verifiable); the log keeps who removed it, when and why; the seen record takes it as accounted
for, not as a loss; a real incident, an open exercise or a second removal is refused and writes
nothing; and the database's own guards refuse any other deletion, whoever runs the SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.domain.clock import ManualClock
from app.errors import SonaeError
from app.files import file_sha256
from app.paths import SEEN_FILE, database_path
from app.services.removal import remove_exercise
from app.services.workspace import Workspace
from app.store import db
from app.store.log import LogStore
from app.store.seen import SeenRecord
from app.store.verify import verify
from tests.exercises import START, played

WHO = "統制 一郎"


def test_a_removed_exercise_is_in_its_archive_whole_and_the_log_says_who_and_why(
    workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:
    exercise = played(workspace, clock)
    real = workspace.incidents.start("ransomware", "本番の対応", WHO)
    before = workspace.store.entries(exercise)
    removal = remove_exercise(workspace, exercise, WHO, "訓練の記録を整理する")

    assert workspace.store.incident_ids() == [real]
    assert workspace.store.count(exercise) == 0
    archive = data_dir / removal.archive
    assert archive.is_file() and file_sha256(archive) == removal.archive_sha256
    assert removal.entries == len(before) and removal.actor == WHO
    assert removal.reason == "訓練の記録を整理する" and removal.mode == "tabletop"
    kept = LogStore(archive, read_only=True)
    try:
        assert [(e.uuid, e.hash) for e in kept.entries(exercise)] == [
            (e.uuid, e.hash) for e in before
        ]
        assert verify(kept, exercise).ok
        # The script and the plan it pins travel with it: the archive reads on its own.
        for entry in kept.entries(exercise)[:3]:
            for key in ("playbook", "script"):
                pin = entry.payload.get(key)
                if isinstance(pin, dict):
                    assert kept.plan_text(pin["sha256"]) is not None
    finally:
        kept.close()
    assert workspace.verify().ok
    # The removal is kept in the log's own table, read back as written.
    assert workspace.store.removals() == [removal]


def test_the_removal_is_no_loss_for_this_process_or_the_next(
    workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:
    exercise, other = played(workspace, clock), played(workspace, clock)
    stale = (data_dir / SEEN_FILE).read_text("utf-8")  # what another process last wrote
    remove_exercise(workspace, exercise, WHO, "整理")
    workspace.close()
    (data_dir / SEEN_FILE).write_text(stale, "utf-8")  # the removed exercise still in it
    again = Workspace(data_dir, clock=clock)
    try:
        assert again.store.losses == []
        assert again.verify().ok
    finally:
        again.close()
    # An exercise gone without a removal (its rows deleted behind the guards' back) is a loss,
    # said as loudly as ever: only the removal row accounts for a disappearance.
    conn = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    conn.execute("DROP TRIGGER entries_no_delete")
    conn.execute("DROP TRIGGER heads_no_delete")
    conn.execute("DELETE FROM entries WHERE incident_id = ?", (other,))
    conn.execute("DELETE FROM heads WHERE incident_id = ?", (other,))
    conn.close()
    last = Workspace(data_dir, clock=clock)
    try:
        assert [(loss.incident_id, loss.found) for loss in last.store.losses] == [(other, None)]
    finally:
        last.close()


def test_what_cannot_be_removed_is_refused_and_nothing_is_written(
    workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:
    real = workspace.incidents.start("ransomware", "本番の対応", WHO)
    script = workspace.exercises.get("misdelivered_mail")
    running = workspace.incidents.start_exercise(script, WHO, at=START)
    closed = played(workspace, clock)
    counts = {i: workspace.store.count(i) for i in workspace.store.incident_ids()}
    cases = [
        (real, "整理", "real incident"),
        (running, "整理", "not closed"),
        (closed, "  ", "reason"),
    ]
    for incident, reason, said in cases:
        with pytest.raises(SonaeError) as refused:
            remove_exercise(workspace, incident, WHO, reason)
        assert said in refused.value.msg.render("en"), said
    assert {i: workspace.store.count(i) for i in workspace.store.incident_ids()} == counts
    assert not (data_dir / "archive").exists()  # no archive made for a refused removal

    remove_exercise(workspace, closed, WHO, "整理")
    with pytest.raises(SonaeError, match="archive/"):  # once: the second names the first
        remove_exercise(workspace, closed, WHO, "整理")
    # The removed exercise's number is never given to the next incident.
    following = workspace.incidents.start("ransomware", "次の本番", WHO)
    assert following not in (real, running, closed)
    assert int(following.split("-")[1]) > int(closed.split("-")[1])


def test_the_database_refuses_any_other_deletion_whoever_runs_the_sql(
    workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:
    real = workspace.incidents.start("ransomware", "本番の対応", WHO)
    exercise = played(workspace, clock)
    removal = remove_exercise(workspace, exercise, WHO, "整理")
    workspace.close()
    conn = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    attacks = [
        f"DELETE FROM entries WHERE incident_id = '{real}'",
        f"DELETE FROM heads WHERE incident_id = '{real}'",
        # A removal row for a real incident, to make its deletion look accounted for.
        f"INSERT INTO removals VALUES ('{real}', 'drill', 1, '{{}}', 'x', 'y', 'a', 'b', 'c', 'd')",
        "DELETE FROM removals",
        "UPDATE removals SET reason = 'なし'",
        # A second removal row for the removed exercise's number (then a new incident of it).
        f"INSERT INTO removals VALUES ('{exercise}', 'drill', 1, '{{}}', 'x', 'y', 'a', 'b', 'c', 'd')",
    ]
    for attack in attacks:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(attack)
    rows = conn.execute("SELECT incident_id, reason FROM removals").fetchall()
    conn.close()
    assert rows == [(exercise, removal.reason)]
    again = Workspace(data_dir, clock=clock)
    try:
        assert again.verify().ok and again.store.count(real) == 1
    finally:
        again.close()


def test_verify_says_what_became_of_each_archive(
    workspace: Workspace, clock: ManualClock, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exercise = played(workspace, clock)
    removal = remove_exercise(workspace, exercise, WHO, "整理")
    workspace.close()
    assert main(["--lang", "en", "verify"]) == 0
    out, _ = capsys.readouterr()
    assert f"removed exercise: {exercise} (Tabletop exercise, {removal.entries} entries)" in out
    assert "as it was removed" in out and "Reason: 整理" in out
    assert main(["--lang", "en", "verify", exercise]) == 0  # the removed one by its number
    capsys.readouterr()

    archive = data_dir / removal.archive
    archive.write_bytes(archive.read_bytes()[:-1] + b"\x00")  # one byte of it changed
    assert main(["--lang", "en", "verify"]) == 1
    _, err = capsys.readouterr()
    assert "was changed" in err
    archive.unlink()
    assert main(["--lang", "en", "verify"]) == 0  # a missing archive is said, not a failure
    _, err = capsys.readouterr()
    assert "archive" in err and "missing" in err


def test_a_version_5_database_is_migrated_and_its_exercises_can_be_removed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sonae.db"
    conn = sqlite3.connect(str(path))
    conn.executescript("".join(db.MIGRATIONS[:5]))
    conn.execute("PRAGMA user_version = 5")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.close()
    store = LogStore(path, device="pc-a", seen=SeenRecord(tmp_path / SEEN_FILE))
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
        triggers = dict(
            store.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
        assert triggers == db.TRIGGERS
        assert verify(store).ok
    finally:
        store.close()


def test_an_archive_that_cannot_be_written_is_one_line_and_removes_nothing(
    workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:
    exercise = played(workspace, clock)
    (data_dir / "archive").write_text("a file where the archive folder goes", "utf-8")
    before = workspace.store.count(exercise)
    with pytest.raises(SonaeError) as refused:
        remove_exercise(workspace, exercise, WHO, "整理")
    said = refused.value.msg.render("en")
    assert "nothing is removed" in said and "\n" not in said
    assert workspace.store.count(exercise) == before and workspace.store.removals() == []

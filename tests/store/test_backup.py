"""Backups of the database (app/store/backup.py): an online copy that is one self-contained,
verified Sonae database before it takes its name, made while others write; kept in rotation; and
the checks a restore makes of a file before it touches anything."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.i18n import set_language
from app.store import backup
from app.store.backup import (
    TEMP,
    backup_into,
    backup_mark,
    check_backup,
    listed,
    log_mark,
    rotate,
    write_backup,
)
from app.store.log import LogStore
from app.store.verify import verify
from tests.store.helpers import T0, bad_databases, fill, note, unprotected

ROOT = Path(__file__).resolve().parents[2]


def heads(path: Path) -> dict[tuple[str, str], tuple[int, str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT incident_id, chain, seq, hash FROM heads").fetchall()
    finally:
        conn.close()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def test_a_backup_is_one_verified_self_contained_file_of_the_log(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db")
    incident = fill(store, notes=6)
    fill(store, notes=2)
    folder = tmp_path / "backups"
    made = backup_into(store, folder, "manual", T0)

    assert made.path == folder / "sonae-20261125-090000-manual.db"  # 00:00 UTC is 09:00 JST
    assert made.entries == 7 + 3 and made.incidents == 2
    assert made.size == made.path.stat().st_size
    # One file: no -wal or -journal beside it, and its header says a rollback journal (1, 1), not
    # the live database's WAL (2, 2), which would want a -wal to read it.
    assert sorted(os.listdir(folder)) == ["sonae-20261125-090000-manual.db", "sonae.lock"]
    assert made.path.read_bytes()[18:20] == b"\x01\x01"
    assert (tmp_path / "sonae.db").read_bytes()[18:20] == b"\x02\x02"
    assert made.path.stat().st_mode & 0o077 == 0  # the whole log: its owner's only
    assert heads(made.path) == heads(tmp_path / "sonae.db")
    assert backup_mark(made.path) == log_mark(store)
    copy = LogStore(made.path, read_only=True)
    try:
        assert verify(copy).ok
        assert [e.hash for e in copy.entries(incident)] == [e.hash for e in store.entries(incident)]
    finally:
        copy.close()
    note(store, incident, "after the backup")
    assert backup_mark(made.path) != log_mark(store)  # a write is a change to back up
    store.close()


def test_a_backup_of_a_log_that_does_not_verify_is_refused_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sonae.db"
    store = LogStore(path)
    incident = fill(store, notes=3)
    store.close()
    unprotected(path, "UPDATE entries SET actor = 'x' WHERE incident_id = ? AND seq = 2", incident)
    store = LogStore(path)
    folder = tmp_path / "backups"
    with pytest.raises(SonaeError, match="検証を通りません"):
        backup_into(store, folder, "schedule", T0)
    store.close()
    assert listed(folder) == []
    assert [n for n in os.listdir(folder) if n != "sonae.lock"] == []  # no temporary left


def test_a_backup_never_takes_an_existing_name(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db")
    fill(store, notes=1)
    folder = tmp_path / "backups"
    first = backup_into(store, folder, "close", T0)
    second = backup_into(store, folder, "schedule", T0)  # the same second
    third = backup_into(store, folder, "close", T0)
    assert [b.path for b in listed(folder)] == [first.path, second.path, third.path]
    assert second.path.name == "sonae-20261125-090000-schedule-2.db"
    assert third.path.name == "sonae-20261125-090000-close-3.db"
    target = tmp_path / "taken.db"
    target.write_bytes(b"mine")
    with pytest.raises(SonaeError, match="taken.db"):
        write_backup(store, target)  # without overwrite: never over a file
    assert target.read_bytes() == b"mine"
    assert [n for n in os.listdir(tmp_path) if n.startswith(TEMP)] == []
    store.close()


def test_rotation_keeps_the_newest_automatic_ones_and_every_manual_one(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db")
    incident = fill(store, notes=0)
    folder = tmp_path / "backups"
    manual = backup_into(store, folder, "manual", T0, keep=3)
    made = []
    for n, reason in enumerate(["schedule", "close", "import", "schedule", "close"]):
        note(store, incident, f"n{n}")
        made.append(backup_into(store, folder, reason, T0 + timedelta(minutes=n + 1), keep=3))
    aside = folder / "replaced-20261125-090000.db"
    aside.write_bytes(b"a database a restore put aside")
    note(store, incident, "last")
    made.append(backup_into(store, folder, "schedule", T0 + timedelta(hours=1), keep=3))
    kept = [b.path for b in listed(folder)]
    assert kept == [manual.path] + [m.path for m in made[-3:]]
    assert aside.read_bytes() == b"a database a restore put aside"
    # Each one kept is the log as it was then: later backups hold more.
    counts = [check_backup(path).entries for path in kept[1:]]
    assert counts == sorted(counts) and len(set(counts)) == 3
    # A clock set back: the backup just made is kept, though its name is the oldest.
    back = backup_into(store, folder, "schedule", T0 - timedelta(days=1), keep=3)
    assert back.path.exists() and len([b for b in listed(folder) if b.reason != "manual"]) == 3
    assert rotate(folder, keep=3) == []
    backup_into(store, folder, "manual", T0 + timedelta(hours=1, minutes=1), keep=3)
    assert len([b for b in listed(folder) if b.reason != "manual"]) == 3  # manual: not counted
    note(store, incident, "later")
    backup_into(store, folder, "schedule", T0 + timedelta(hours=2), keep=3)
    assert not back.path.exists()  # the next one takes it first, as the oldest by its name
    older = [b.path for b in listed(folder) if b.reason != "manual"][:-1]
    assert len(older) == 2 and rotate(folder, keep=1) == older
    assert [b.reason for b in listed(folder)] == ["manual", "manual", "schedule"]
    store.close()


def test_what_a_killed_backup_left_is_no_backup_and_the_next_one_sweeps_it(
    tmp_path: Path,
) -> None:
    store = LogStore(tmp_path / "sonae.db")
    fill(store, notes=2)
    folder = tmp_path / "backups"
    folder.mkdir()
    half = folder / f"{TEMP}0123456789ab.db"
    half.write_bytes((tmp_path / "sonae.db").read_bytes()[:4096])
    (folder / f"{TEMP}0123456789ab.db-journal").write_bytes(b"x" * 512)
    (folder / "notes.txt").write_text("not ours to remove", "utf-8")
    assert listed(folder) == []
    made = backup_into(store, folder, "schedule", T0)
    assert sorted(os.listdir(folder)) == sorted([made.path.name, "notes.txt", "sonae.lock"])
    store.close()


def test_a_backup_is_made_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "sonae.db"
    store = LogStore(path)
    incident = fill(store, notes=0)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", str(path), incident],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline()
        folder = tmp_path / "backups"
        copies = []
        for n in range(4):
            before = store.count(incident)
            made = backup_into(store, folder, "schedule", T0 + timedelta(minutes=n))
            after = store.count(incident)
            copies.append((made, before, after))
    finally:
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
    acknowledged = dict(line.split() for line in rest.splitlines() if line.strip())
    for made, before, after in copies:
        copy = LogStore(made.path, read_only=True)
        try:
            assert verify(copy).ok
            held = copy.count(incident)
            # One moment of the log: no fewer than when it began, no more than when it ended,
            # and the live chain's own entries up to that point.
            assert before <= held <= after
            assert copy.hash_at(incident, held) == store.hash_at(incident, held)
        finally:
            copy.close()
    assert copies[-1][2] > copies[0][1]  # the writer really wrote during the backups
    assert verify(store).ok
    present = {str(e.seq): e.hash for e in store.entries(incident)}
    assert all(present.get(seq) == digest for seq, digest in acknowledged.items())
    store.close()


def test_a_backup_waits_for_another_one_and_then_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LogStore(tmp_path / "sonae.db")
    fill(store, notes=1)
    folder = tmp_path / "backups"
    folder.mkdir()
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from app.store.lock import InstanceLock;"
            "lock = InstanceLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True);"
            "time.sleep(30)",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        monkeypatch.setattr(backup, "LOCK_WAIT", 0.3)
        started = time.monotonic()
        with pytest.raises(SonaeError, match="別のバックアップか復元が実行中です"):
            backup_into(store, folder, "schedule", T0)
        assert time.monotonic() - started >= 0.3
    finally:
        other.kill()
        other.communicate()
    assert listed(folder) == []
    assert backup_into(store, folder, "schedule", T0).path.exists()  # the lock went with it
    store.close()


# What a restore accepts
def refusal(path: Path, lang: str = "en") -> str:
    set_language(lang)
    try:
        with pytest.raises(SonaeError) as caught:
            check_backup(path)
        return str(caught.value)
    finally:
        set_language("ja")


def a_backup(tmp_path: Path) -> tuple[Path, str]:
    store = LogStore(tmp_path / "live" / "sonae.db")
    incident = fill(store, notes=4)
    made = backup_into(store, tmp_path / "live" / "backups", "manual", T0)
    store.close()
    return made.path, incident


def test_a_good_backup_passes_the_restore_check_with_what_it_holds(tmp_path: Path) -> None:
    path, incident = a_backup(tmp_path)
    before = path.read_bytes()
    checked = check_backup(path)
    assert (checked.entries, checked.incidents, len(checked.uuids)) == (5, 1, 5)
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == [path.name, "sonae.lock"]  # nothing made beside it


def test_each_bad_file_is_refused_with_its_own_reason(tmp_path: Path) -> None:
    good, incident = a_backup(tmp_path)
    cases = bad_databases(tmp_path, good)
    text = cases["not an SQLite file"]
    empty = tmp_path / "empty.db"  # an SQLite file with nothing in it
    conn = sqlite3.connect(empty)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.close()

    pending = tmp_path / "pending" / "sonae.db"
    live = LogStore(pending)  # open: its last writes are in the WAL, not yet in the file
    fill(live, notes=1)
    cases["-wal holds writes"] = pending
    try:
        for why, path in cases.items():
            said = refusal(path)
            assert said.startswith(f"cannot restore {path}: ") and why in said, (why, said)
            assert "\n" not in said
        assert "SQLite のファイルではありません" in refusal(text, "ja")
        assert "no such file" in refusal(tmp_path / "missing.db")
        assert "holds no Sonae log" in refusal(empty)
    finally:
        live.close()

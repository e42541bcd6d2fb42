"""`sonae backup` and `sonae restore FILE`: a backup is a checked copy of the log; a restore
checks the file first, refuses a bad one in one line changing nothing, refuses while a window
has the folder, and keeps the current database aside (never overwritten), saying what it held
that the backup does not."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.clock import ManualClock
from app.paths import BACKUPS_FOLDER, DATABASE
from app.services.backups import (
    backup_if_changed,
    before_import,
    contents,
    make_backup,
    restore,
)
from app.services.instance import lock_data_folder
from app.services.workspace import Workspace
from app.store.backup import listed
from tests.e2e.test_cli import run, start
from tests.e2e.test_imports import PDF, QT, loaded, probe
from tests.store.helpers import bad_databases, raw


def note(capsys: pytest.CaptureFixture[str], incident: str, text: str) -> None:
    code, _, err = run(capsys, "incident", "note", incident, text, "--actor", "田中")
    assert code == 0, err


def state(folder: Path) -> dict[str, str]:
    """Every file under the folder with its sha256: what a refused restore must leave as is."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "sonae.lock"
    }


def notes(capsys: pytest.CaptureFixture[str], incident: str) -> list[str]:
    code, out, err = run(capsys, "timeline", incident)
    assert code == 0, err
    return [line for line in out.splitlines() if "Note" in line or "メモ" in line]


def test_backup_then_restore_round_trip(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    incident = start(capsys)
    note(capsys, incident, "一つ目")
    code, out, err = run(capsys, "backup")
    assert code == 0, err
    path, said = out.splitlines()
    backup = Path(path)
    assert backup.parent == data_dir / BACKUPS_FOLDER and backup.name.endswith("-manual.db")
    assert said.startswith("2 entries (1 incidents), ") and said.endswith(" KB")
    note(capsys, incident, "二つ目 (after the backup)")
    note(capsys, incident, "三つ目 (after the backup)")

    code, out, err = run(capsys, "restore", str(backup))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"restored {backup} (2 entries, 1 incidents) as {data_dir / DATABASE}"
    asides = sorted((data_dir / BACKUPS_FOLDER).glob("replaced-*.db"))
    assert len(asides) == 1
    assert "held 2 entries the restored one does not" in lines[1] and str(asides[0]) in lines[1]
    assert backup.exists()  # the backup is copied, not moved: it can be restored again
    assert len(notes(capsys, incident)) == 1
    # Honest about it: the seen record says the two entries are missing from the log.
    code, _, err = run(capsys, "verify")
    assert code == 1 and "lost entries: 2 now, 4 seen" in err

    # The kept-aside database is whole: restoring it brings every entry back, and verify holds.
    code, out, err = run(capsys, "restore", str(asides[0]))
    assert code == 0, err
    assert "every entry of the database it replaced is in the restored one" in out
    assert len(notes(capsys, incident)) == 3
    code, out, err = run(capsys, "verify")
    assert code == 0, err
    assert len(list((data_dir / BACKUPS_FOLDER).glob("replaced-*.db"))) == 2  # none overwritten


def test_restore_refuses_each_bad_file_in_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    note(capsys, incident, "記録")
    code, out, _ = run(capsys, "backup")
    good = Path(out.splitlines()[0])
    note(capsys, incident, "後の記録")
    before = state(data_dir)
    for why, path in bad_databases(tmp_path, good).items():
        code, out, err = run(capsys, "restore", str(path))
        assert code == 1 and out == "", why
        assert err.startswith(f"sonae: cannot restore {path}: ") and why in err, (why, err)
        assert err.count("\n") == 1 and "internal error" not in err
        assert state(data_dir) == before, why
    code, _, err = run(capsys, "restore", str(data_dir / DATABASE))
    assert code == 1 and "is the database in use" in err
    code, _, err = run(capsys, "restore", str(tmp_path / "missing.db"))
    assert code == 1 and "there is no such file" in err
    assert state(data_dir) == before
    assert len(notes(capsys, incident)) == 2


def test_restore_is_refused_while_a_window_has_the_folder(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    incident = start(capsys)
    code, out, _ = run(capsys, "backup")
    good = Path(out.splitlines()[0])
    note(capsys, incident, "後の記録")
    before = state(data_dir)
    lock = lock_data_folder(data_dir)  # as the window holds it
    try:
        code, _, err = run(capsys, "restore", str(good))
    finally:
        lock.release()
    assert code == 1 and "close its window, then restore" in err
    assert state(data_dir) == before
    code, _, err = run(capsys, "restore", str(good))
    assert code == 0, err


def test_a_lost_or_damaged_database_is_restored_and_the_damaged_one_kept(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    incident = start(capsys)
    code, out, _ = run(capsys, "backup")
    good = Path(out.splitlines()[0])
    database = data_dir / DATABASE
    database.unlink()
    code, _, err = run(capsys, "incident", "list")
    assert code == 1 and "missing" in err  # the seen record will not let a new log stand in
    code, out, err = run(capsys, "restore", str(good))
    assert code == 0, err
    assert "there was no database to replace" in out
    code, out, err = run(capsys, "incident", "list")
    assert code == 0 and incident in out

    damaged = database.read_bytes()
    damaged = damaged[:100] + b"\xff" * (len(damaged) - 100)
    database.write_bytes(damaged)
    code, out, err = run(capsys, "restore", str(good))
    assert code == 0, err
    assert "could not be read" in out
    aside = sorted((data_dir / BACKUPS_FOLDER).glob("replaced-*.db"))
    assert [p.read_bytes() for p in aside] == [damaged]  # kept exactly as it was
    code, _, err = run(capsys, "verify")
    assert code == 0, err


def test_backup_out_follows_the_output_rules(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    out_file = tmp_path / "copy.db"
    out_file.write_bytes(b"an older copy")
    code, out, err = run(capsys, "backup", "--out", str(out_file))
    assert code == 0, err
    assert out.splitlines()[0] == str(out_file) and out_file.read_bytes()[:6] == b"SQLite"
    assert contents(out_file).entries == 1
    assert not (data_dir / BACKUPS_FOLDER).exists()  # not in the rotation
    before = state(data_dir)
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    for refused, why in (
        (data_dir / DATABASE, "a file Sonae keeps"),
        (data_dir / BACKUPS_FOLDER / "mine.db", "a file Sonae keeps"),
        (link, "symbolic link"),
        (tmp_path / "no-such-folder" / "x.db", "does not exist"),
    ):
        if refused.parent == data_dir / BACKUPS_FOLDER:
            refused.parent.mkdir(exist_ok=True)
        code, out, err = run(capsys, "backup", "--out", str(refused))
        assert code == 1 and why in err and err.count("\n") == 1, (refused, err)
        assert state(data_dir) == before
    assert not (tmp_path / "elsewhere.db").exists()
    assert incident


def test_a_read_only_folder_backs_up_only_elsewhere(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    start(capsys)
    code, _, err = run(capsys, "--read-only", "backup")
    assert code == 1 and "read-only" in err
    code, out, err = run(capsys, "--read-only", "backup", "--out", str(tmp_path / "c.db"))
    assert code == 0, err
    assert contents(tmp_path / "c.db").entries == 1
    code, _, err = run(capsys, "--read-only", "restore", str(tmp_path / "c.db"))
    assert code == 1 and "read-only" in err


def test_the_import_backup_and_a_backup_only_when_the_log_changed(
    workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:
    incident = workspace.incidents.start("ransomware", "訓練", "田中", mode="drill")
    first = before_import(workspace)()
    assert first.name == "sonae-20261125-090000-import.db"
    assert backup_if_changed(workspace, "schedule") is None  # nothing new since
    workspace.incidents.note(incident, "新しい記録", "田中")
    clock.advance(timedelta(minutes=30))
    second = backup_if_changed(workspace, "schedule")
    assert second is not None and second.name == "sonae-20261125-093000-schedule.db"
    assert backup_if_changed(workspace, "close") is None
    assert [b.path for b in listed(data_dir / BACKUPS_FOLDER)] == [first, second]
    with pytest.raises(ValueError):
        make_backup(workspace, "whenever")


def test_restore_says_when_the_current_database_is_in_use(
    workspace: Workspace, data_dir: Path
) -> None:
    workspace.incidents.start("ransomware", "訓練", "田中", mode="drill")
    good = make_backup(workspace, "manual")
    workspace.close()
    other = raw(data_dir / DATABASE)  # another process reading, mid-transaction
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM entries").fetchone()
    before = state(data_dir)
    try:
        from app.errors import SonaeError

        with pytest.raises(SonaeError, match="他のプロセスで使用中"):
            restore(workspace, good)
    finally:
        other.rollback()
        other.close()
    # (The reader's own -wal and -shm went with it.)
    assert {k: v for k, v in state(data_dir).items() if not k.endswith(("-wal", "-shm"))} == {
        k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))
    }
    assert not [n for n in os.listdir(data_dir) if n.startswith(".partial-")]


def test_backup_and_restore_load_neither_qt_nor_reportlab(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    start(capsys)
    copy = tmp_path / "copy.db"
    for args in (["backup", "--out", str(copy)], ["restore", str(copy)]):
        code, modules, _out = probe(tmp_path, "--data-dir", str(data_dir), *args)
        assert code == 0, args
        assert "app.services.backups" in modules  # it ran
        assert loaded(modules, QT + PDF) == [], args

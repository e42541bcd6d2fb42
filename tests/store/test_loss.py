"""Loss is noticed: a database that lost entries, an incident, or itself is said loudly, with
what was known, at open and in verify; a new empty log never quietly stands in for a lost one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.domain.entries import EntryDraft
from app.errors import SonaeError
from app.paths import SEEN_FILE
from app.store.log import LogStore
from app.store.seen import SeenRecord
from app.store.verify import verify
from tests.store.helpers import T0, fill, unprotected

ROOT = Path(__file__).resolve().parents[2]


def _store(folder: Path) -> LogStore:
    return LogStore(folder / "sonae.db", seen=SeenRecord(folder / SEEN_FILE))


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, str]:
    store = _store(tmp_path)
    incident = fill(store, notes=5)
    store.close()
    return tmp_path, incident


def test_an_intact_log_has_no_loss_and_is_what_was_seen(folder: tuple[Path, str]) -> None:
    path, incident = folder
    store = _store(path)
    assert store.losses == [] and verify(store).ok
    assert store.seen is not None and store.seen.heads[incident].seq == 6
    assert store.seen.heads[incident].hash == store.head(incident)[1]  # type: ignore[index]
    store.close()


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_missing_or_emptied_database_is_refused_not_recreated(
    folder: tuple[Path, str], how: str
) -> None:
    path, incident = folder
    db = path / "sonae.db"
    if how == "deleted":
        db.unlink()
    else:
        db.write_bytes(b"")
    with pytest.raises(SonaeError) as caught:
        _store(path)
    text = caught.value.msg.render("en")
    assert "missing or empty" in text and incident in text and "6 件/entries" in text
    assert "\n" not in text
    assert not db.exists() or db.stat().st_size == 0  # nothing was created in its place


def test_a_replaced_database_loses_the_incident_loudly(folder: tuple[Path, str]) -> None:
    path, incident = folder
    (path / "sonae.db").unlink()
    LogStore(path / "sonae.db").close()  # a fresh, valid, empty Sonae database put in its place
    store = _store(path)
    assert [(loss.incident_id, loss.found) for loss in store.losses] == [(incident, None)]
    result = verify(store)
    assert not result.ok and "gone" in result.reason.render("en")  # type: ignore[union-attr]
    store.close()


def test_a_cut_tail_with_the_head_moved_back_is_a_loss(folder: tuple[Path, str]) -> None:
    """The chain walk alone cannot see it: the tail and the head went together."""
    path, incident = folder
    db = path / "sonae.db"
    unprotected(db, "DELETE FROM entries WHERE incident_id = ? AND seq > 3", incident)
    head = LogStore(db).hash_at(incident, 3)
    unprotected(db, "UPDATE heads SET seq = 3, hash = ? WHERE incident_id = ?", head, incident)
    assert verify(LogStore(db)).ok  # the chain itself holds together
    store = _store(path)
    assert [(loss.found, loss.known.seq) for loss in store.losses] == [(3, 6)]
    result = verify(store)
    assert not result.ok and "lost entries" in result.reason.render("en")  # type: ignore[union-attr]
    assert "6 seen" in result.reason.render("en")  # type: ignore[union-attr]
    store.close()


def test_a_rewritten_chain_of_the_same_length_is_a_loss(folder: tuple[Path, str]) -> None:
    path, incident = folder
    (path / "sonae.db").unlink()
    forged = LogStore(path / "sonae.db")  # the same incident id, other entries
    assert fill(forged, notes=5) == incident
    forged.close()
    store = _store(path)
    assert len(store.losses) == 1 and store.losses[0].rewritten
    assert "rewritten" in store.losses[0].describe().render("en")
    store.close()


def test_a_deleted_wal_after_a_killed_writer_is_noticed(folder: tuple[Path, str]) -> None:
    """A writer at a person's pace (the window), killed; then its WAL is deleted: the entries
    since the last checkpoint are gone, and the seen record says so."""
    path, incident = folder
    db = path / "sonae.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", str(db), incident, "--seen"]
        + ["--pace", "0.25"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    assert writer.stdout is not None
    acknowledged = [writer.stdout.readline()]
    while len(acknowledged) < 6:
        acknowledged.append(writer.stdout.readline())
    writer.send_signal(signal.SIGKILL)
    writer.communicate()
    last_seq = int(acknowledged[-1].split()[0])
    for companion in ("sonae.db-wal", "sonae.db-shm"):
        (path / companion).unlink(missing_ok=True)
    store = _store(path)
    assert len(store.losses) == 1, "acknowledged entries gone, and nothing said"
    loss = store.losses[0]
    assert loss.found == 6 and loss.known.seq >= last_seq - 1  # all but the entry at the kill
    assert not verify(store).ok
    store.close()


def test_the_cli_says_the_loss_at_every_start_until_it_is_acknowledged(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["incident", "start", "ransomware", "--title", "t", "--actor", "a"]) == 0
    incident = capsys.readouterr().out.strip()
    assert main(["incident", "note", incident, "one", "--actor", "a"]) == 0
    db = data_dir / "sonae.db"
    saved = db.with_name("saved.db")
    shutil.copy(db, saved)
    assert main(["incident", "note", incident, "two", "--actor", "a"]) == 0
    os.replace(saved, db)  # an older copy put back: entry #3 is gone
    for name in ("sonae.db-wal", "sonae.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    capsys.readouterr()
    assert main(["--lang", "en", "incident", "list"]) == 0
    err = capsys.readouterr().err
    assert "WARNING" in err and incident in err and "3 seen" in err
    assert main(["--lang", "en", "verify"]) == 1
    err = capsys.readouterr().err
    assert "LOSS DETECTED" in err and "acknowledge-loss" in err
    assert main(["--lang", "en", "verify", "--acknowledge-loss", "--actor", "情報政策課 田中"]) == 0
    assert "loss recorded" in capsys.readouterr().out
    assert main(["--lang", "en", "verify"]) == 0
    out, err = capsys.readouterr()
    assert "intact" in out and "known loss" in err and "情報政策課 田中" in err
    assert main(["--lang", "en", "incident", "list"]) == 0
    assert "WARNING" not in capsys.readouterr().err


def test_a_deleted_database_can_be_started_anew_only_by_acknowledging(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["incident", "start", "ransomware", "--title", "t", "--actor", "a"]) == 0
    capsys.readouterr()
    (data_dir / "sonae.db").unlink()
    assert main(["--lang", "en", "incident", "start", "ransomware", "--title", "u"]) == 1
    err = capsys.readouterr().err
    assert "missing or empty" in err and err.count("\n") == 1
    assert not (data_dir / "sonae.db").exists()
    assert main(["--lang", "en", "verify", "--acknowledge-loss", "--actor", "b"]) == 0
    capsys.readouterr()
    assert main(["incident", "start", "ransomware", "--title", "u", "--actor", "b"]) == 0


def test_a_damaged_seen_record_is_kept_and_said_until_acknowledged(
    folder: tuple[Path, str],
) -> None:
    """A read must not quietly replace it: the next start would then have nothing to say."""
    path, incident = folder
    (path / SEEN_FILE).write_text("{half", "utf-8")
    for _ in range(2):
        store = _store(path)
        assert store.losses == []
        assert store.seen is not None and store.seen.problem is not None
        assert "cannot be read" in store.seen.problem.render("en")
        store.close()
        assert (path / SEEN_FILE).read_text("utf-8") == "{half"
    (path / "sonae.db").unlink()  # and with it gone, no new empty database either
    with pytest.raises(SonaeError) as caught:
        _store(path)
    assert "cannot be read" in caught.value.msg.render("en")


@pytest.mark.parametrize(
    "record",
    [
        '{"format": 1, "incidents": {"2026-0001": {"seq": 3, "hash": "%s", "at": "garbage"}}}',
        '{"format": 1, "incidents": {"2026-0001": {"seq": 3, "hash": "%s", '
        '"at": "9999-12-31T23:59:00Z"}}}',
        '{"format": 1, "incidents": {"2026-0001": {"seq": Infinity, "hash": "%s", "at": "x"}}}',
        '{"format": 1, "incidents": {}, "acknowledged": [{"known": 5}]}',
        '{"format": 1, "incidents": ' + "[" * 100_000 + "]" * 100_000 + "}",
    ],
    ids=["bad time", "time past any calendar", "infinite seq", "bad history", "deep"],
)
def test_a_hostile_seen_record_is_damaged_not_an_internal_error(
    folder: tuple[Path, str], record: str
) -> None:
    path, _ = folder
    text = record % ("a" * 64) if "%s" in record else record
    (path / SEEN_FILE).write_text(text, "utf-8")
    store = _store(path)
    assert store.seen is not None and store.seen.damaged and store.losses == []
    assert verify(store).ok
    store.close()


def test_a_loss_is_not_forgotten_when_the_log_grows_past_it(folder: tuple[Path, str]) -> None:
    """An old copy put back, then more written than was lost: the loss is still said."""
    path, incident = folder
    db = path / "sonae.db"
    shutil.copy(db, path / "old.db")
    store = _store(path)
    for n in range(4):
        store.append([EntryDraft(incident, "noted", "a", T0, payload={"text": f"{n}"})])
    store.close()
    os.replace(path / "old.db", db)
    for name in ("sonae.db-wal", "sonae.db-shm"):
        (path / name).unlink(missing_ok=True)
    store = _store(path)
    assert len(store.losses) == 1
    for n in range(6):  # past the ten entries seen
        store.append([EntryDraft(incident, "noted", "a", T0, payload={"text": f"again {n}"})])
    store.close()
    store = _store(path)
    assert len(store.losses) == 1 and store.losses[0].rewritten  # entry #10 is another one now
    assert not verify(store).ok
    store.close()


def test_acknowledging_is_not_undone_by_a_process_that_saw_the_old_chain(
    folder: tuple[Path, str],
) -> None:
    """The window, open since before the loss, writes to another incident after the loss was
    accepted: its older, longer view of the first chain must not bring the accepted loss back."""
    path, incident = folder
    db = path / "sonae.db"
    window = _store(path)  # sees 6 entries of the incident, keeps running
    unprotected(db, "DELETE FROM entries WHERE incident_id = ? AND seq > 3", incident)
    digest = LogStore(db).hash_at(incident, 3)
    unprotected(db, "UPDATE heads SET seq = 3, hash = ? WHERE incident_id = ?", digest, incident)
    from app.services.workspace import Workspace

    ws = Workspace(path)
    assert len(ws.losses()) == 1
    assert [loss.incident_id for loss in ws.acknowledge_loss("田中")] == [incident]
    other = fill(window, notes=1)  # the window writes on, to another incident
    window.close()
    store = _store(path)
    assert store.losses == [], [loss.describe().render("en") for loss in store.losses]
    assert store.seen is not None and store.seen.heads[other].seq == 2
    assert store.seen.acknowledged[0]["by"] == "田中"
    store.close()

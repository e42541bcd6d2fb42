"""The log database: pragmas, schema version, append-only triggers, ids, clock flags."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.entries import GENESIS, EntryDraft, compute_hash
from app.errors import SonaeError
from app.store.db import SCHEMA_VERSION, open_database
from app.store.log import LogStore
from tests.store.helpers import T0, fill, raw


@pytest.fixture
def store(tmp_path: Path) -> LogStore:
    s = LogStore(tmp_path / "sonae.db", device="test-pc")
    yield s
    s.close()


def test_every_connection_runs_wal_with_synchronous_full(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.conn.close()
    again = open_database(tmp_path / "x.db")
    assert again.execute("PRAGMA synchronous").fetchone()[0] == 2
    again.conn.close()


def test_entries_chain_from_genesis(store: LogStore) -> None:
    incident = fill(store, notes=3)
    entries = store.entries(incident)
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    assert all(compute_hash(e) == e.hash for e in entries)
    assert store.head(incident) == (4, entries[-1].hash)
    assert all(e.device == "test-pc" for e in entries)


def test_entry_finds_one_entry_by_uuid_within_its_incident(store: LogStore) -> None:
    first = fill(store, notes=3)
    second = fill(store, notes=1)
    wanted = store.entries(first)[2]
    assert store.entry(first, wanted.uuid) == wanted
    assert store.entry(second, wanted.uuid) is None  # another incident's entry is not found
    assert store.entry(first, "no-such-uuid") is None


def test_update_and_delete_are_refused_by_triggers(store: LogStore) -> None:
    fill(store)
    conn = raw(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE entries SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM entries")
    with pytest.raises(sqlite3.IntegrityError, match="pinned"):
        conn.execute("UPDATE plans SET text = 'x'")
    conn.close()


def test_incident_ids_are_readable_and_sequential_per_year(store: LogStore) -> None:
    ids = [fill(store, notes=0) for _ in range(3)]
    assert ids == ["2026-0001", "2026-0002", "2026-0003"]
    assert store.incident_ids() == ids


def test_recorded_at_comes_from_the_system_clock_and_backwards_is_flagged(tmp_path: Path) -> None:
    times = iter([T0, T0 + timedelta(minutes=5), T0 - timedelta(hours=1), T0 + timedelta(hours=1)])
    store = LogStore(tmp_path / "c.db", clock=lambda: next(times))
    incident = fill(store, notes=3)
    entries = store.entries(incident)
    assert [e.flags for e in entries] == ["", "", "clock_backwards", ""]
    # Kept as it was: the backwards time is stored, not corrected.
    assert entries[2].recorded_at == "2026-11-24T23:00:00.000000Z"
    store.close()


def test_a_database_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    LogStore(path).close()
    conn = raw(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SonaeError, match="newer|新しい"):
        LogStore(path)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    with pytest.raises(SonaeError) as info:
        LogStore(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == before


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = raw(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    with pytest.raises(SonaeError, match="Sonae"):
        LogStore(path)


def test_a_failed_transaction_writes_nothing(store: LogStore) -> None:
    incident = fill(store, notes=1)
    # The second draft is refused after the first was inserted: the transaction takes neither.
    bad = EntryDraft(incident, "noted", "a", T0, payload={"text": {1, 2}})  # type: ignore[dict-item]
    good = EntryDraft(incident, "noted", "a", T0, payload={"text": "x"})
    with pytest.raises(SonaeError, match="text is not str"):
        store.append([good, bad])
    assert store.count(incident) == 2
    assert len(store.entries(incident)) == 2


def test_a_draft_of_an_unknown_kind_is_refused_by_the_store(store: LogStore) -> None:
    incident = fill(store, notes=1)
    with pytest.raises(SonaeError, match="unknown entry kind 'erased'"):
        store.append([EntryDraft(incident, "erased", "a", T0, payload={})])
    assert store.count(incident) == 2


def test_a_full_disk_is_a_clear_error_and_records_nothing(store: LogStore) -> None:
    incident = fill(store, notes=1)
    # Cap the file at its current size: the next page SQLite needs does not fit.
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    big = "x" * 200_000
    with pytest.raises(SonaeError, match="full|空き"):
        store.append([EntryDraft(incident, "noted", "a", T0, payload={"text": big})])
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert store.count(incident) == 2
    store.append([EntryDraft(incident, "noted", "a", T0, payload={"text": "after"})])
    assert store.count(incident) == 3


def test_entries_page_filters_and_reads_downward(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.domain.clock import ManualClock
    from app.services.workspace import Workspace

    ws = Workspace(tmp_path / "ws", clock=ManualClock(T0))
    try:
        incidents = ws.incidents
        incident_id = incidents.start("ransomware", "page", "A", mode="drill")
        for n in range(6):
            incidents.note(incident_id, f"note {n}", "A" if n % 2 else "B")
        store = ws.store
        # Backward compatible: positional offset and limit, seq order.
        assert [e.seq for e in store.entries_page(incident_id, 2, 3)] == [3, 4, 5]
        notes_by_b = store.entries_page(incident_id, 0, 10, kinds=["noted"], actor="B")
        assert [e.seq for e in notes_by_b] == [2, 4, 6]
        # Downward: the last two below seq 7, still in seq order.
        assert [e.seq for e in store.entries_page(incident_id, 0, 2, before=7)] == [5, 6]
        opened = store.entries_page(incident_id, 0, 5, kinds=["opened", "lesson"], before=99)
        assert [e.kind for e in opened] == ["opened"]
    finally:
        ws.close()

"""The append path reads each head once per write, and nothing it read outlives its transaction:
another writer's entries, a refused write, and another thread all see the database as it is."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.domain.chain import incident_head
from app.domain.entries import EntryDraft
from app.errors import SonaeError
from app.paths import SEEN_FILE
from app.store.log import LogStore
from app.store.seen import Seen, SeenRecord
from app.store.verify import verify
from tests.store.helpers import T0, fill


def _note(incident: str, text: str = "x") -> EntryDraft:
    return EntryDraft(incident, "noted", "a", T0, payload={"text": text})


def test_a_checked_append_reads_the_heads_once_and_runs_seven_statements(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db", device="pc-a")
    incident = fill(store, notes=2)
    statements: list[str] = []

    def checked() -> list[EntryDraft]:
        # What a command's check reads at the head (IncidentQueries.state): head and hash_at.
        head = store.head(incident)
        assert head is not None and store.hash_at(incident, head[0]) == head[1]
        return [_note(incident)]

    store._conn.set_trace_callback(statements.append)
    written = store.append_with(checked)
    store._conn.set_trace_callback(None)
    # A statement whose trigger runs is traced once more, as itself: counted once.
    ran = [s for n, s in enumerate(statements) if n == 0 or s != statements[n - 1]]
    # BEGIN, the heads (read once: the check's head and hash_at and the seal share it), the
    # hash at the head, the last time this laptop recorded, the entry, its head moved, COMMIT.
    assert [" ".join(s.split()[:4]) for s in ran] == [
        "BEGIN IMMEDIATE",
        "SELECT chain, seq, hash",
        "SELECT hash FROM entries",
        "SELECT e.recorded_at FROM heads",
        "INSERT INTO entries (seq,",
        "UPDATE heads SET seq",
        "COMMIT",
    ], ran
    assert written[0].seq == 4 and store.head(incident) == (4, written[0].hash)
    assert verify(store).ok
    store.close()


def test_another_writer_between_two_writes_is_seen(tmp_path: Path) -> None:
    # Two processes of one data folder (the same device): each continues the other's chain.
    first = LogStore(tmp_path / "sonae.db", device="pc-a")
    incident = fill(first, notes=1)
    second = LogStore(tmp_path / "sonae.db", device="pc-a")
    for store in (first, second, first, second, first):

        def checked(store: LogStore = store) -> list[EntryDraft]:
            store.head(incident)  # read inside the write, as a command's check does
            return [_note(incident)]

        store.append_with(checked)
    assert first.count(incident) == second.count(incident) == 7
    assert first.head(incident) == second.head(incident)
    assert verify(first).ok
    first.close()
    second.close()


def test_a_refused_write_leaves_nothing_of_what_it_read(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db", device="pc-a")
    incident = fill(store, notes=1)
    bad = EntryDraft(incident, "erased", "a", T0, payload={})
    with pytest.raises(SonaeError, match="unknown entry kind"):
        store.append([_note(incident), bad])  # the first sealed and its head read, then refused
    other = LogStore(tmp_path / "sonae.db", device="pc-a")
    other.append([_note(incident)])
    other.close()
    written = store.append([_note(incident)])
    assert written[0].seq == 4 and store.count(incident) == 4
    assert store._write_heads is None
    assert verify(store).ok
    store.close()


def test_another_thread_reads_the_heads_from_the_database_during_a_write(
    tmp_path: Path,
) -> None:
    store = LogStore(tmp_path / "sonae.db", device="pc-a")
    incident = fill(store, notes=1)
    seen: list[object] = []

    def build() -> list[EntryDraft]:
        store.head(incident)  # read (and kept) by the writing thread
        store._write_heads[incident]["pc-a"] = (99, "f" * 64)  # type: ignore[index]
        reader = threading.Thread(target=lambda: seen.append(store.head(incident)))
        reader.start()
        reader.join()
        raise SonaeError("refused")  # nothing is written

    with pytest.raises(SonaeError):
        store.append_with(build)
    assert seen == [store.head(incident)] and store.count(incident) == 2
    store.close()


def test_the_seen_record_of_one_chain_is_what_seen_of_makes(tmp_path: Path) -> None:
    store = LogStore(tmp_path / "sonae.db", device="pc-a", seen=SeenRecord(tmp_path / SEEN_FILE))
    incident = fill(store, notes=3)
    assert store.seen is not None
    known = store.seen.heads[incident]
    heads = store.chain_heads(incident)
    assert known == Seen.of(heads, known.at)
    assert (known.seq, known.hash) == incident_head(heads)
    store.close()
    again = SeenRecord(tmp_path / SEEN_FILE)
    assert again.heads[incident].chain_heads() == heads

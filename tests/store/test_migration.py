"""Schema 3 -> 4: a real schema-3 database, written the way Sonae wrote it then, comes through
the migration with every entry, hash and head, verifies, and reads the same."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.entries import GENESIS, EntryDraft, LogEntry, compute_hash, payload_text
from app.domain.loader import parse_trusted
from app.domain.state import fold
from app.domain.timeutil import to_iso
from app.errors import SonaeError
from app.paths import SEEN_FILE
from app.store import db
from app.store.log import LogStore
from app.store.seen import SeenRecord
from app.store.verify import verify
from tests.store.helpers import T0, ransomware, raw

V3_COLUMNS = (
    "seq, uuid, incident_id, kind, step_id, decision_id, actor, device, recorded_at, "
    "occurred_at, payload, flags, prev_hash, hash"
)


def v3_database(path: Path) -> sqlite3.Connection:
    conn = raw(path)
    conn.executescript(db.MIGRATIONS[0] + db.MIGRATIONS[1] + db.MIGRATIONS[2])
    conn.execute("PRAGMA user_version = 3")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    return conn


def v3_append(conn: sqlite3.Connection, device: str, drafts: list[EntryDraft], minute: int) -> None:
    """What log.py's _append_locked did at schema 3: one chain per incident, the head in heads."""
    conn.execute("BEGIN IMMEDIATE")
    last = conn.execute("SELECT recorded_at FROM entries ORDER BY rowid DESC LIMIT 1").fetchone()
    last_recorded = last[0] if last else ""
    heads: dict[str, tuple[int, str]] = {}
    for n, draft in enumerate(drafts):
        if draft.incident_id not in heads:
            head = conn.execute(
                "SELECT seq, hash FROM heads WHERE incident_id = ?", (draft.incident_id,)
            ).fetchone()
            heads[draft.incident_id] = (head[0], head[1]) if head else (0, GENESIS)
        seq, prev = heads[draft.incident_id]
        recorded = to_iso(T0 + timedelta(minutes=minute, seconds=n))
        unsealed = LogEntry(
            seq + 1,
            draft.uuid,
            draft.incident_id,
            draft.kind,
            draft.step_id,
            draft.decision_id,
            draft.actor,
            device,
            recorded,
            to_iso(draft.occurred_at),
            draft.payload,
            "clock_backwards" if recorded < last_recorded else "",
            prev,
            "",
        )
        entry = replace(unsealed, hash=compute_hash(unsealed))
        conn.execute(
            f"INSERT INTO entries ({V3_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                *(getattr(entry, f.strip()) for f in V3_COLUMNS.split(",")[:10]),
                payload_text(entry.payload),
                entry.flags,
                entry.prev_hash,
                entry.hash,
            ),
        )
        heads[draft.incident_id] = (entry.seq, entry.hash)
        last_recorded = max(last_recorded, recorded)
    for incident_id, (seq, digest) in heads.items():
        moved = conn.execute(
            "UPDATE heads SET seq = ?, hash = ? WHERE incident_id = ?", (seq, digest, incident_id)
        )
        if moved.rowcount == 0:
            conn.execute("INSERT INTO heads VALUES (?, ?, ?)", (incident_id, seq, digest))
    conn.execute("COMMIT")


@pytest.fixture
def v3(tmp_path: Path) -> Path:
    """A schema-3 data folder: two incidents of ransomware.yaml, one of which changed device name
    half-way (its device.json was made anew), a clock that went back, and a seen record of
    format 1."""
    path = tmp_path / "sonae.db"
    conn = v3_database(path)
    plan = ransomware()
    conn.execute(
        "INSERT INTO plans VALUES (?, ?, ?, ?)",
        (plan.sha256, plan.plan.id, plan.plan.version, plan.text),
    )
    for number, title in ((1, "first"), (2, "renamed")):
        incident = f"2026-{number:04d}"
        payload = {"title": title, "mode": "drill", "playbook": plan.pin()}
        v3_append(conn, "old-pc", [EntryDraft(incident, "opened", "a", T0, payload=payload)], 0)
    for n in range(5):
        incident = "2026-0001" if n % 2 else "2026-0002"
        device = "new-pc" if incident == "2026-0002" and n > 2 else "old-pc"
        drafts = [
            EntryDraft(incident, "noted", "a", T0 + timedelta(minutes=n), payload={"text": f"{n}"})
        ]
        if n == 3:  # two entries in one transaction, as a step done with its deadline met
            drafts.append(EntryDraft(incident, "noted", "b", T0, payload={"text": "pair"}))
        v3_append(conn, device, drafts, -1 if n == 4 else n)  # the last one's clock went back
    conn.close()
    seen = {
        "format": 1,
        "incidents": {
            i: {"seq": s, "hash": h, "at": "2026-11-25T00:00:00.000000Z"}
            for i, s, h in raw(path).execute("SELECT incident_id, seq, hash FROM heads")
        },
    }
    (tmp_path / SEEN_FILE).write_text(json.dumps(seen), "utf-8")
    return path


def rows(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = raw(path)
    entries = conn.execute(f"SELECT rowid, {V3_COLUMNS} FROM entries ORDER BY rowid").fetchall()
    heads = conn.execute("SELECT incident_id, seq, hash FROM heads ORDER BY incident_id").fetchall()
    conn.close()
    return entries, heads


def test_every_entry_hash_and_head_survives_the_migration(v3: Path) -> None:
    entries, heads = rows(v3)
    assert raw(v3).execute("PRAGMA user_version").fetchone()[0] == 3
    store = LogStore(v3, device="old-pc", seen=SeenRecord(v3.with_name(SEEN_FILE)))
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION == 7
    after = store.db.execute(f"SELECT rowid, {V3_COLUMNS}, chain FROM entries ORDER BY rowid")
    after = after.fetchall()
    assert [row[:-1] for row in after] == entries  # every field and rowid, as it was
    assert {row[-1] for row in after} == {"old-pc"}  # each chain keyed by its first device
    moved = store.db.execute("SELECT incident_id, chain, seq, hash FROM heads ORDER BY 1")
    assert [(i, s, h) for i, _, s, h in moved.fetchall()] == heads
    assert store.losses == []
    result = verify(store)
    assert result.ok and result.checked == len(entries)
    store.close()


def test_records_read_the_same_entries_after_the_migration(v3: Path) -> None:
    entries, heads = rows(v3)
    store = LogStore(v3, device="old-pc")
    resolve = lambda sha: parse_trusted(store.plan_text(sha) or "")  # noqa: E731
    for incident, seq, digest in heads:
        before = [LogEntry(*row[1:]) for row in entries if row[3] == incident]
        before.sort(key=lambda e: e.seq)
        assert store.entries(incident) == before
        assert store.head(incident) == (seq, digest) and store.count(incident) == seq
        assert [store.hash_at(incident, n) for n in range(1, seq + 1)] == [e.hash for e in before]
        assert store.entries_page(incident, 1, 2) == before[1:3]
        old, new = fold(incident, before, resolve), fold(incident, store.entries(incident), resolve)
        assert (new.title, new.entries, new.head, new.clock_flags) == (
            old.title,
            old.entries,
            old.head,
            old.clock_flags,
        )
    store.close()


def test_the_chain_goes_on_where_it_stopped(v3: Path) -> None:
    _, heads = rows(v3)
    incident, seq, digest = heads[0]
    store = LogStore(v3, device="old-pc")
    written = store.append([EntryDraft(incident, "noted", "a", T0, payload={"text": "after"})])
    assert (written[0].seq, written[0].prev_hash) == (seq + 1, digest)
    assert store.chain_heads(incident) == {"old-pc": (seq + 1, written[0].hash)}
    assert store.head(incident) == (seq + 1, written[0].hash)
    assert verify(store).ok
    store.close()


def test_a_device_renamed_before_the_migration_starts_its_own_chain(v3: Path) -> None:
    """2026-0002's chain is keyed by its first entry's device, old-pc, though its last entries
    were written as new-pc: new-pc's next entry starts new-pc's chain of the incident."""
    store = LogStore(v3, device="new-pc")
    assert store.chain_heads("2026-0002").keys() == {"old-pc"}
    store.append([EntryDraft("2026-0002", "noted", "a", T0, payload={"text": "x"})])
    assert store.chain_heads("2026-0002").keys() == {"old-pc", "new-pc"}
    assert store.chain_entries("2026-0002", "new-pc")[0].seq == 1
    assert verify(store).ok
    store.close()


def test_the_seen_record_of_format_1_comes_through(v3: Path) -> None:
    store = LogStore(v3, device="old-pc", seen=SeenRecord(v3.with_name(SEEN_FILE)))
    store.close()
    record = json.loads(v3.with_name(SEEN_FILE).read_text("utf-8"))
    assert record["format"] == 2
    assert set(record["incidents"]["2026-0001"]["chains"]) == {"old-pc"}


def test_a_head_pointing_nowhere_is_kept_and_still_named(v3: Path) -> None:
    conn = raw(v3)
    conn.execute("INSERT INTO heads VALUES ('2026-0099', 3, ?)", ("f" * 64,))
    conn.close()
    store = LogStore(v3, device="old-pc")
    assert store.chain_heads("2026-0099") == {"": (3, "f" * 64)}
    result = verify(store)
    assert not result.ok and result.incident_id == "2026-0099"
    assert "ends early" in result.reason.render("en")  # type: ignore[union-attr]
    store.close()


def test_a_schema_3_log_with_a_deleted_first_entry_migrates_and_verify_names_it(v3: Path) -> None:
    conn = raw(v3)
    conn.execute("DROP TRIGGER entries_no_delete")
    conn.execute("DELETE FROM entries WHERE incident_id = '2026-0001' AND seq = 1")
    conn.execute(db.TRIGGERS["entries_no_delete"])
    conn.close()
    store = LogStore(v3, device="old-pc")
    result = verify(store)
    assert not result.ok and result.incident_id == "2026-0001" and result.seq == 2
    assert "#1 is missing" in result.reason.render("en")  # type: ignore[union-attr]
    store.close()


def test_a_migration_that_fails_leaves_the_schema_3_database_as_it_was(v3: Path) -> None:
    conn = raw(v3)
    conn.execute("CREATE TABLE entries_v3 (x)")  # in the way of the migration's rename
    conn.close()
    entries, heads = rows(v3)
    with pytest.raises(SonaeError):
        LogStore(v3, device="old-pc")
    assert raw(v3).execute("PRAGMA user_version").fetchone()[0] == 3
    assert rows(v3) == (entries, heads)
    triggers = {
        r[0] for r in raw(v3).execute("SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    assert triggers == {name for name, since in db.TRIGGER_SINCE.items() if since <= 3}


def test_a_schema_3_database_opened_read_only_is_read_and_checked_as_it_is(v3: Path) -> None:
    before = v3.read_bytes()
    entries, heads = rows(v3)
    store = LogStore(v3, device="old-pc", read_only=True)
    assert store.db.execute("PRAGMA main.user_version").fetchone()[0] == 3
    incident, seq, digest = heads[0]
    assert store.head(incident) == (seq, digest)
    assert [e.seq for e in store.entries(incident)] == list(range(1, seq + 1))
    assert store.chain_heads(incident) == {"old-pc": (seq, digest)}
    result = verify(store)
    assert result.ok and result.checked == len(entries)
    store.close()
    assert v3.read_bytes() == before
    conn = raw(v3)  # unprotected() would put back version 4's triggers
    conn.execute("DROP TRIGGER entries_no_update")
    conn.execute("UPDATE entries SET actor = 'x' WHERE seq = 2 AND incident_id = ?", (incident,))
    conn.execute(db.TRIGGERS["entries_no_update"])
    conn.close()
    store = LogStore(v3, read_only=True)
    result = verify(store)
    assert not result.ok and (result.incident_id, result.seq) == (incident, 2)
    store.close()


def test_a_new_database_has_the_schema_a_migrated_one_has(tmp_path: Path) -> None:
    def schema(path: Path) -> set[tuple[str, str, str]]:
        conn = raw(path)
        found = {
            (kind, name, " ".join((sql or "").split()))
            for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master")
        }
        conn.close()
        return found

    fresh = tmp_path / "fresh.db"
    LogStore(fresh).close()
    old = tmp_path / "old.db"
    conn = raw(old)
    conn.executescript(db.MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.close()
    LogStore(old).close()
    assert schema(fresh) == schema(old)
    assert raw(fresh).execute("PRAGMA freelist_count").fetchone()[0] == 0

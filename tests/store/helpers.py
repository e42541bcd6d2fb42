"""Small helpers for store tests: a filled log and raw SQL access, as an attacker would have."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.chain import SealedChain
from app.domain.entries import EntryDraft
from app.domain.loader import PlaybookFile, load_file
from app.paths import playbooks_dir
from app.store.db import SCHEMA_VERSION
from app.store.log import LogStore
from app.store.verify import VerifyResult, verify

T0 = datetime(2026, 11, 25, tzinfo=UTC)


def ransomware():  # type: ignore[no-untyped-def]
    loaded = load_file(playbooks_dir() / "ransomware.yaml").playbook
    assert loaded is not None
    return loaded


def fill(store: LogStore, notes: int = 5) -> str:
    plan = ransomware()
    payload = {
        "title": "t",
        "mode": "drill",
        "playbook": {"id": plan.id, "version": plan.plan.version, "sha256": plan.sha256},
    }
    opened = store.open_incident(
        2026, lambda i: [EntryDraft(i, "opened", "a", T0, payload=payload)], [plan]
    )
    incident = opened[0].incident_id
    for n in range(notes):
        store.append(
            [
                EntryDraft(
                    incident,
                    "noted",
                    "a",
                    T0 + timedelta(minutes=n + 1),
                    payload={"text": f"note {n}"},
                )
            ]
        )
    return incident


def raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    return conn


def unprotected(path: Path, sql: str, *params: object) -> None:
    """Run SQL with the protecting triggers dropped and then put back, hiding the trace."""
    from app.store.db import TRIGGERS

    conn = raw(path)
    for name in TRIGGERS:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute(sql, params)
    for statement in TRIGGERS.values():
        conn.execute(statement)
    conn.close()


def verify_path(path: Path, incident: str | None = None) -> VerifyResult:
    """verify() on a database file, opened and closed around it."""
    store = LogStore(path)
    try:
        return verify(store, incident)
    finally:
        store.close()


def note(store: LogStore, incident: str, text: str, minutes: int = 0) -> None:
    """One note, written by ``store``'s device on its own chain of the incident."""
    store.append(
        [
            EntryDraft(
                incident, "noted", "a", T0 + timedelta(minutes=minutes), payload={"text": text}
            )
        ]
    )


def sealed(store: LogStore, incident: str, key: str, after_seq: int = 0) -> SealedChain:
    """One chain of ``store`` as a bundle would carry it to another laptop."""
    return SealedChain(
        incident,
        key,
        tuple(store.chain_entries(incident, key, after_seq)),
        store.chain_heads(incident)[key],
    )


def pinned(store: LogStore) -> list[PlaybookFile]:
    """Every plan text ``store`` pins, as a bundle would carry them."""
    from app.domain.loader import parse_trusted

    return [parse_trusted(r[0]) for r in store.db.execute("SELECT text FROM plans")]


def bad_databases(folder: Path, good: Path) -> dict[str, Path]:
    """Files a restore must refuse, made from ``good`` (a backup): each under the words its
    refusal says (not an SQLite file, damaged, another application's database, a chain that does
    not verify, a newer Sonae's schema)."""
    files: dict[str, Path] = {}
    text = folder / "notes.txt"
    text.write_text("not a database", "utf-8")
    files["not an SQLite file"] = text
    damaged = folder / "damaged.db"
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 2 + 300] = b"\xff" * 300  # a page of a table torn
    damaged.write_bytes(bytes(data))
    files["is damaged"] = damaged
    other = folder / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    files["not a Sonae database"] = other
    tampered = folder / "tampered.db"
    tampered.write_bytes(good.read_bytes())
    unprotected(tampered, "UPDATE entries SET actor = 'someone else' WHERE seq = 2")
    files["does not verify"] = tampered
    newer = folder / "newer.db"
    newer.write_bytes(good.read_bytes())
    conn = raw(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    files["written by a newer Sonae"] = newer
    return files

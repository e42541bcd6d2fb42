"""Small helpers for store tests: a filled log and raw SQL access, as an attacker would have."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.chain import SealedChain
from app.domain.entries import EntryDraft
from app.domain.loader import PlaybookFile, load_file
from app.paths import playbooks_dir
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

"""Snapshots of the fold: a derived copy of an incident's state, kept so that a large incident
opens without replaying its whole log.

Nothing here is part of the record. A snapshot is the JSON text of a state (see
``app.domain.state.snapshot``), kept in its own table beside the log with the head (entry count
and hash) of the log it was folded from and a digest of both. It is given back only for exactly
that head and only if the digest holds; the reader then checks every field, and anything else
(another head, a damaged row, no table, a locked or read-only database) means "fold the log".
Dropping the table loses nothing.

The table is made on the first save, here and not in the migrations (``CREATE TABLE IF NOT
EXISTS``): the log's schema does not depend on it. A save uses its own short connection with
``synchronous = NORMAL``: a snapshot lost in a power cut is only folded again, so it is not worth
waiting for the disk, and it never shares a transaction with an entry being written.
"""

from __future__ import annotations

import hashlib
import sqlite3

from app.store.log import LogStore

TABLE = "fold_snapshots"
FORMAT = 1
MAX_CHARS = 8 * 2**20  # a state is small (its long lists stay in the log); beyond: not kept
_CREATE = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    incident_id TEXT PRIMARY KEY,
    entries INTEGER NOT NULL,
    head TEXT NOT NULL,
    digest TEXT NOT NULL,
    data TEXT NOT NULL
)"""

Head = tuple[int, str]


def _digest(incident_id: str, head: Head, data: str) -> str:
    text = f"sonae-fold-snapshot {FORMAT}\0{incident_id}\0{head[0]}\0{head[1]}\0{data}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Snapshots:
    """The snapshots kept in one store's database."""

    def __init__(self, store: LogStore) -> None:
        self.store = store

    def load(self, incident_id: str, head: Head) -> str | None:
        """The text kept for the incident at exactly ``head``, or None."""
        try:
            row = self.store.db.conn.execute(
                f"SELECT entries, head, digest, CASE WHEN length(data) <= ? THEN data END "
                f"FROM {TABLE} WHERE incident_id = ?",
                (MAX_CHARS, incident_id),
            ).fetchone()
        except sqlite3.Error:
            return None  # no table yet (or a database that cannot be read: the fold will say)
        if row is None:
            return None
        entries, digest_head, digest, data = row
        if (entries, digest_head) != (head[0], head[1]) or not isinstance(data, str):
            return None
        if digest != _digest(incident_id, head, data):
            return None  # changed since it was written: not trusted
        return data

    def drop(self, incident_id: str) -> None:
        """Forget the incident's snapshot (one that did not match its log); if it cannot be
        now, verify says so again next time."""
        if not self.store.read_only:
            self._write("DELETE FROM {t} WHERE incident_id = ?", (incident_id,))

    def save(self, incident_id: str, head: Head, data: str) -> bool:
        """Keep ``data`` as the incident's snapshot at ``head``; False if it could not be (read
        only, too large, the database busy): nothing depends on it."""
        store = self.store
        if store.read_only or len(data) > MAX_CHARS or store.db.conn.in_transaction:
            return False  # in a transaction: an entry is being written on this connection
        return self._write(
            "INSERT OR REPLACE INTO {t} (incident_id, entries, head, digest, data) "
            "VALUES (?, ?, ?, ?, ?)",
            (incident_id, head[0], head[1], _digest(incident_id, head, data), data),
        )

    def _write(self, sql: str, params: tuple[object, ...]) -> bool:
        """One statement on the snapshot table, on a short connection of its own: never in a
        transaction of the log's, and not worth a full sync. False if it could not be done."""
        try:
            conn = sqlite3.connect(str(self.store.path), timeout=1.0)
        except sqlite3.Error:
            return False
        try:
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(_CREATE)
            conn.execute(sql.format(t=TABLE), params)
            conn.commit()
            return True
        except sqlite3.Error:
            return False
        finally:
            conn.close()

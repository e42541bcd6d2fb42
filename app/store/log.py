"""The append-only log: one writer, the hash chain computed inside the writing transaction.

An entry is acknowledged (returned) only after its transaction has committed with
``synchronous=FULL``, so whatever the caller shows the user as recorded survives a crash or a
power cut.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.entries import GENESIS, EntryDraft, LogEntry, compute_hash, payload_text
from app.domain.loader import PlaybookFile
from app.domain.timeutil import to_iso, utc_now
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.store.db import (
    describe_sqlite_error,
    open_database,
    read_only_snapshot,
    wal_holds_writes,
)
from app.store.seen import Loss, SeenRecord

_COLUMNS = (
    "seq, uuid, incident_id, kind, step_id, decision_id, actor, device, recorded_at, "
    "occurred_at, payload, flags, prev_hash, hash"
)


def _row_to_entry(row: Sequence[Any]) -> LogEntry:
    return LogEntry(*row)  # the payload stays JSON text until someone reads it


class LogStore:
    """The only way into the database. Methods either complete or change nothing."""

    def __init__(
        self,
        path: Path,
        device: str = "",
        clock: Callable[[], datetime] = utc_now,
        *,
        read_only: bool = False,
        seen: SeenRecord | None = None,
    ) -> None:
        self.path = path
        self.device = device
        self.read_only = read_only
        self._clock = clock  # the system clock: recorded_at is never taken from the user
        self.seen = seen
        if seen is not None and (seen.knows_incidents() or seen.damaged) and database_absent(path):
            # Creating a new, empty log here would quietly stand in for the one that is gone.
            raise SonaeError(database_gone(path, seen))
        # Read-only with writes in the WAL: read a private copy, never the folder itself.
        self._snapshot = read_only_snapshot(path) if read_only else None
        opened = Path(self._snapshot.name) / path.name if self._snapshot else path
        try:
            self.db = open_database(opened, read_only=read_only)
        except SonaeError:
            if self._snapshot is not None:
                self._snapshot.cleanup()
            raise
        self._conn = self.db.conn
        self._lock = threading.RLock()  # one writer per process; SQLite serialises processes
        self.losses: list[Loss] = []
        if seen is not None:
            self.losses = seen.compare(self.head, self.hash_at)
            # What the database holds now becomes what was last seen: each head that is the
            # hash of its last entry (a head pointing nowhere is for verify to name, not to
            # adopt), and none of an incident with a loss.
            for incident_id, seq, digest in self._read("SELECT incident_id, seq, hash FROM heads"):
                if self.hash_at(incident_id, seq) == digest:
                    seen.saw(incident_id, seq, digest, throttle=False)
            seen.flush()

    def close(self) -> None:
        if self.seen is not None:
            self.seen.flush()
        self._conn.close()
        if self._snapshot is not None:
            self._snapshot.cleanup()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise SonaeError(read_only_refusal(self.path.parent))
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise SonaeError(describe_sqlite_error(exc, self.path)) from exc
            try:
                yield self._conn
                self._conn.commit()
            except sqlite3.Error as exc:
                self._rollback()
                raise SonaeError(describe_sqlite_error(exc, self.path)) from exc
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            self._conn.rollback()
        except sqlite3.Error:
            pass  # the failed commit may already have ended the transaction

    def append(
        self, drafts: Sequence[EntryDraft], plans: Sequence[PlaybookFile] = ()
    ) -> list[LogEntry]:
        """Append entries (and pin the plan texts they refer to) in one transaction."""
        with self._write() as conn:
            written = self._append_locked(conn, drafts, plans)
        self._saw(written)
        return written

    def _saw(self, written: Sequence[LogEntry]) -> None:
        """After the commit: note the new heads in the seen record."""
        if self.seen is not None:
            for entry in written:
                self.seen.saw(entry.incident_id, entry.seq, entry.hash)

    def append_with(
        self, build: Callable[[], Sequence[EntryDraft]], plans: Sequence[PlaybookFile] = ()
    ) -> list[LogEntry]:
        """Append what ``build`` returns, calling it after the write lock is taken.

        ``build`` may read the log (on this connection) and raise to refuse: the checks it makes
        then hold for exactly the log it writes to, however many writers there are.
        """
        with self._write() as conn:
            written = self._append_locked(conn, build(), plans)
        self._saw(written)
        return written

    def open_incident(
        self, year: int, build: Callable[[str], Sequence[EntryDraft]], plans: Sequence[PlaybookFile]
    ) -> list[LogEntry]:
        """Allocate the next id of ``year`` (2026-0001, ...) and write its first entries.

        The id is chosen inside the writing transaction, so two writers never get the same one.
        """
        with self._write() as conn:
            # The largest number, not the largest text: after 2026-9999 comes 2026-10000.
            row = conn.execute(
                "SELECT max(CAST(substr(incident_id, 6) AS INTEGER)) FROM heads "
                "WHERE incident_id GLOB ?",
                (f"{year:04d}-[0-9][0-9][0-9][0-9]*",),
            ).fetchone()
            incident_id = f"{year:04d}-{(row[0] or 0) + 1:04d}"
            if self.head(incident_id) is not None:  # never a second opening of one incident
                raise SonaeError(
                    msg(
                        "インシデント番号 {id} は既に使われています",
                        "incident id {id} is taken",
                        id=incident_id,
                    )
                )
            written = self._append_locked(conn, build(incident_id), plans)
        self._saw(written)
        return written

    def _append_locked(
        self, conn: sqlite3.Connection, drafts: Sequence[EntryDraft], plans: Sequence[PlaybookFile]
    ) -> list[LogEntry]:
        for plan in plans:
            conn.execute(
                "INSERT INTO plans (sha256, playbook_id, version, text) VALUES (?, ?, ?, ?)",
                (plan.sha256, plan.plan.id, plan.plan.version, plan.text),
            )
        last = conn.execute(
            "SELECT recorded_at FROM entries ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        last_recorded = last[0] if last else ""
        written: list[LogEntry] = []
        heads: dict[str, tuple[int, str]] = {}
        for draft in drafts:
            if draft.incident_id not in heads:
                head = conn.execute(
                    "SELECT seq, hash FROM heads WHERE incident_id = ?", (draft.incident_id,)
                ).fetchone()
                heads[draft.incident_id] = (head[0], head[1]) if head else (0, GENESIS)
            seq, prev_hash = heads[draft.incident_id]
            recorded_at = to_iso(self._clock())
            entry = self._seal(
                draft,
                seq + 1,
                prev_hash,
                recorded_at,
                "clock_backwards" if recorded_at < last_recorded else "",
            )
            conn.execute(
                f"INSERT INTO entries ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    entry.seq,
                    entry.uuid,
                    entry.incident_id,
                    entry.kind,
                    entry.step_id,
                    entry.decision_id,
                    entry.actor,
                    entry.device,
                    entry.recorded_at,
                    entry.occurred_at,
                    payload_text(entry.payload),
                    entry.flags,
                    entry.prev_hash,
                    entry.hash,
                ),
            )
            heads[draft.incident_id] = (entry.seq, entry.hash)
            last_recorded = max(last_recorded, recorded_at)
            written.append(entry)
        for incident_id, (seq, digest) in heads.items():
            # Update, else insert: an upsert would fire the trigger that refuses an insert over
            # an existing head (the guard against INSERT OR REPLACE).
            moved = conn.execute(
                "UPDATE heads SET seq = ?, hash = ? WHERE incident_id = ?",
                (seq, digest, incident_id),
            )
            if moved.rowcount == 0:
                conn.execute(
                    "INSERT INTO heads (incident_id, seq, hash) VALUES (?, ?, ?)",
                    (incident_id, seq, digest),
                )
        return written

    def _seal(
        self, draft: EntryDraft, seq: int, prev_hash: str, recorded_at: str, flags: str
    ) -> LogEntry:
        unsealed = LogEntry(
            seq,
            draft.uuid,
            draft.incident_id,
            draft.kind,
            draft.step_id,
            draft.decision_id,
            draft.actor,
            self.device,
            recorded_at,
            to_iso(draft.occurred_at),
            draft.payload,
            flags,
            prev_hash,
            "",
        )
        # The very hash verify recomputes: one list of hashed fields (LogEntry.hashed_fields).
        return replace(unsealed, hash=compute_hash(unsealed))

    # Reading
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise SonaeError(describe_sqlite_error(exc, self.path)) from exc

    def entries(self, incident_id: str, after_seq: int = 0) -> list[LogEntry]:
        rows = self._read(
            f"SELECT {_COLUMNS} FROM entries WHERE incident_id = ? AND seq > ? ORDER BY seq",
            (incident_id, after_seq),
        )
        return [_row_to_entry(r) for r in rows]

    def entries_page(
        self,
        incident_id: str,
        offset: int,
        limit: int,
        *,
        kinds: Sequence[str] | None = None,
        actor: str | None = None,
        before: int | None = None,
    ) -> list[LogEntry]:
        """A window of entries in seq order, for views that load lazily: the first ``limit``
        after seq ``offset``; with ``before``, the last ``limit`` below that seq (a view that
        reads newest first). ``kinds`` and ``actor`` filter in the query, so a rare kind is
        found without reading every entry into Python."""
        where, params = ["incident_id = ?", "seq > ?"], [incident_id, offset]
        if before is not None:
            where.append("seq < ?")
            params.append(before)
        if kinds:
            where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
            params.extend(kinds)
        if actor:
            where.append("actor = ?")
            params.append(actor)
        order = "DESC" if before is not None else "ASC"
        rows = self._read(
            f"SELECT {_COLUMNS} FROM entries WHERE {' AND '.join(where)} "
            f"ORDER BY seq {order} LIMIT ?",
            (*params, limit),
        )
        entries = [_row_to_entry(r) for r in rows]
        return entries[::-1] if before is not None else entries

    def entry(self, incident_id: str, uuid: str) -> LogEntry | None:
        """One entry of the incident by its uuid (an indexed lookup, not a read of the log)."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM entries WHERE uuid = ? AND incident_id = ?",
            (uuid, incident_id),
        )
        return _row_to_entry(rows[0]) if rows else None

    def count(self, incident_id: str) -> int:
        row = self._read("SELECT seq FROM heads WHERE incident_id = ?", (incident_id,))
        return int(row[0][0]) if row else 0

    def head(self, incident_id: str) -> tuple[int, str] | None:
        rows = self._read("SELECT seq, hash FROM heads WHERE incident_id = ?", (incident_id,))
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def hash_at(self, incident_id: str, seq: int) -> str | None:
        rows = self._read(
            "SELECT hash FROM entries WHERE incident_id = ? AND seq = ?", (incident_id, seq)
        )
        return str(rows[0][0]) if rows else None

    def incident_ids(self) -> list[str]:
        return [r[0] for r in self._read("SELECT incident_id FROM heads ORDER BY incident_id")]

    def plan_text(self, sha256: str) -> str | None:
        rows = self._read("SELECT text FROM plans WHERE sha256 = ?", (sha256,))
        return str(rows[0][0]) if rows else None


def database_absent(path: Path) -> bool:
    """No database file, or one with nothing in it and nothing waiting in its WAL."""
    if not path.exists():
        return True
    return path.stat().st_size == 0 and not wal_holds_writes(path)


def database_gone(path: Path, seen: SeenRecord) -> Msg:
    known = ", ".join(f"{i} ({s.seq} 件/entries)" for i, s in sorted(seen.heads.items()))
    if seen.damaged:
        return msg(
            "データベース {p} がなく、前回確認した記録 ({s}) も読めないため、新しく作りません。"
            "バックアップから復元するか、確認のうえ sonae verify --acknowledge-loss で新しく始めてください",
            "database {p} is missing or empty and what was last seen ({s}) cannot be read, so no "
            "new one is made; restore from a backup, or start anew with "
            "sonae verify --acknowledge-loss",
            p=path,
            s=seen.path.name,
        )
    return msg(
        "データベース {p} が失われています。このフォルダには記録がありました: {known}。"
        "バックアップから復元するか、消失を確認のうえ sonae verify --acknowledge-loss で新しく始めてください",
        "database {p} is missing or empty, but this folder held: {known}; restore it from a "
        "backup, or accept the loss with sonae verify --acknowledge-loss to start anew",
        p=path,
        known=known,
    )


def read_only_refusal(folder: Path) -> Msg:
    return msg(
        "データフォルダ {p} は読み取り専用で開いているため、記録できません",
        "the data folder {p} is open read-only, so nothing can be recorded",
        p=folder,
    )

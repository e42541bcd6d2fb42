"""The append-only log: one writer, the hash chain computed inside the writing transaction.

An entry is acknowledged (returned) only after its transaction has committed with
``synchronous=FULL``, so whatever the caller shows the user as recorded survives a crash or a
power cut.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from app.domain.chain import (
    ChainFault,
    Head,
    SealedChain,
    incident_head,
    is_opening,
    merge,
    plan_pins,
)
from app.domain.entries import (
    GENESIS,
    EntryDraft,
    LogEntry,
    compute_hash,
    stored_fields,
)
from app.domain.kinds import check_draft
from app.domain.search import TextSearch, matches
from app.domain.state import entry_times_ok
from app.domain.timeutil import to_iso, utc_now
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.store.db import (
    ENTRY_COLUMNS,
    describe_sqlite_error,
    open_database,
    read_only_snapshot,
    wal_holds_writes,
)
from app.store.seen import Loss, SeenRecord

if TYPE_CHECKING:  # read only when an exercise's removal is (a note loads none of it)
    from app.store.removal import Removal


@dataclass(frozen=True)
class StoredText:
    """A pinned text as the plans table holds it."""

    id: str
    version: int
    sha256: str
    text: str


class PinnedText(Protocol):
    """A text an incident follows, kept whole by its sha256: a plan, or an exercise script."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def sha256(self) -> str: ...
    @property
    def text(self) -> str: ...


_COLUMNS = ENTRY_COLUMNS  # the fields of a LogEntry, in its order; the table adds ``chain``
_INSERT = f"INSERT INTO entries ({_COLUMNS}, chain) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"


def _row_to_entry(row: Sequence[Any]) -> LogEntry:
    return LogEntry(*row)  # the payload stays JSON text until someone reads it


def _entry_row(entry: LogEntry, chain: str) -> tuple[Any, ...]:
    return (*stored_fields(entry), chain)


class LogStore:
    """The only way into the database. Methods either complete or change nothing.

    An incident has one chain per device that wrote it (see ``app/domain/chain.py``). This
    store writes to ``device``'s chain; ``insert_sealed`` takes other devices' chains as they
    were sealed. Readers see an incident as one sequence: its chains merged in the domain's order
    (``chain.merge``); a *position* is a place in that sequence, 1..count. With one chain, a
    position is the seq, and everything reads exactly as it did with one chain per incident.
    """

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
        # The merged entries of the last incident read with several chains, and its head.
        self._merged_cache: tuple[tuple[str, Head | None], list[LogEntry]] | None = None
        # Inside a write (BEGIN IMMEDIATE: no other connection can commit), the chain heads read
        # so far, by incident, and the writing thread: a command's check and its append read the
        # heads once. Kept only for that transaction, so a rollback leaves nothing behind.
        self._write_heads: dict[str, dict[str, Head]] | None = None
        self._writer: int | None = None
        self.losses: list[Loss] = []
        if seen is not None:
            self.losses = seen.compare(self)
            # What the database holds now becomes what was last seen: each head that is the
            # hash of its chain's last entry (a head pointing nowhere is for verify to name, not
            # to adopt), and none of an incident with a loss.
            for incident_id, chain, seq, digest in self._read(
                "SELECT incident_id, chain, seq, hash FROM heads"
            ):
                if self.chain_hash_at(incident_id, chain, seq) == digest:
                    seen.saw(incident_id, chain, seq, digest, throttle=False)
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
            self._write_heads, self._writer = {}, threading.get_ident()
            try:
                yield self._conn
                self._conn.commit()
            except sqlite3.Error as exc:
                self._rollback()
                raise SonaeError(describe_sqlite_error(exc, self.path)) from exc
            except BaseException:
                self._rollback()
                raise
            finally:
                self._write_heads, self._writer = None, None

    def _rollback(self) -> None:
        try:
            self._conn.rollback()
        except sqlite3.Error:
            pass  # the failed commit may already have ended the transaction

    def append(
        self, drafts: Sequence[EntryDraft], plans: Sequence[PinnedText] = ()
    ) -> list[LogEntry]:
        """Append entries (and pin the plan texts they refer to) in one transaction."""
        with self._write() as conn:
            written = self._append_locked(conn, drafts, plans)
        self._saw([(self.device, entry) for entry in written])
        return written

    def _saw(self, written: Sequence[tuple[str, LogEntry]]) -> None:
        """After the commit: note the new heads (chain, entry) in the seen record."""
        if self.seen is not None:
            for chain, entry in written:
                self.seen.saw(entry.incident_id, chain, entry.seq, entry.hash)

    def append_with(
        self, build: Callable[[], Sequence[EntryDraft]], plans: Sequence[PinnedText] = ()
    ) -> list[LogEntry]:
        """Append what ``build`` returns, calling it after the write lock is taken.

        ``build`` may read the log (on this connection) and raise to refuse: the checks it makes
        then hold for exactly the log it writes to, however many writers there are.
        """
        with self._write() as conn:
            written = self._append_locked(conn, build(), plans)
        self._saw([(self.device, entry) for entry in written])
        return written

    def open_incident(
        self, year: int, build: Callable[[str], Sequence[EntryDraft]], plans: Sequence[PinnedText]
    ) -> list[LogEntry]:
        """Allocate the next id of ``year`` (2026-0001, ...) and write its first entries.

        The id is chosen inside the writing transaction, so two writers never get the same one.
        """
        with self._write() as conn:
            # The largest number, not the largest text: after 2026-9999 comes 2026-10000. A
            # removed exercise's number is never given again: paper may name it.
            pattern = f"{year:04d}-[0-9][0-9][0-9][0-9]*"
            row = conn.execute(
                "SELECT max(n) FROM (SELECT CAST(substr(incident_id, 6) AS INTEGER) AS n "
                "FROM heads WHERE incident_id GLOB ? UNION ALL "
                "SELECT CAST(substr(incident_id, 6) AS INTEGER) FROM removals "
                "WHERE incident_id GLOB ?)",
                (pattern, pattern),
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
        self._saw([(self.device, entry) for entry in written])
        return written

    def _append_locked(
        self, conn: sqlite3.Connection, drafts: Sequence[EntryDraft], plans: Sequence[PinnedText]
    ) -> list[LogEntry]:
        """Seal each draft at the end of this device's chain of its incident."""
        chain = self.device
        self._pin(conn, plans)
        # This laptop's clock going back: compared with the last entry this laptop sealed (an
        # entry from another laptop carries that laptop's clock).
        # That entry is the head of one of this laptop's own chains (a chain is keyed by its
        # first entry's device, and this laptop writes only to its own): read through the heads,
        # so no index on device costs every append a page.
        last = conn.execute(
            "SELECT e.recorded_at FROM heads h JOIN entries e ON e.incident_id = h.incident_id "
            "AND e.chain = h.chain AND e.seq = h.seq WHERE h.chain = ? "
            "ORDER BY e.rowid DESC LIMIT 1",
            (chain,),
        ).fetchone()
        last_recorded = last[0] if last else ""
        written: list[LogEntry] = []
        heads: dict[str, tuple[int, str]] = {}
        for draft in drafts:
            # Only a known kind with the payload its model reads is sealed, whoever calls.
            try:
                check_draft(draft)
            except ValueError as exc:
                raise SonaeError(
                    msg(
                        "記録できない内容です ({why})",
                        "this cannot be recorded ({why})",
                        why=str(exc)[:200],
                    )
                ) from exc
            if draft.incident_id not in heads:
                # Usually read already, by the command's check at the head (same transaction).
                head = self.chain_heads(draft.incident_id).get(chain)
                heads[draft.incident_id] = head if head is not None else (0, GENESIS)
            seq, prev_hash = heads[draft.incident_id]
            recorded_at = to_iso(self._clock())
            entry = self._seal(
                draft,
                seq + 1,
                prev_hash,
                recorded_at,
                "clock_backwards" if recorded_at < last_recorded else "",
            )
            conn.execute(_INSERT, _entry_row(entry, chain))
            heads[draft.incident_id] = (entry.seq, entry.hash)
            last_recorded = max(last_recorded, recorded_at)
            written.append(entry)
        for incident_id, head in heads.items():
            self._move_head(conn, incident_id, chain, head)
        return written

    def _pin(self, conn: sqlite3.Connection, texts: Sequence[PinnedText]) -> None:
        for text in texts:
            conn.execute(
                "INSERT INTO plans (sha256, playbook_id, version, text) VALUES (?, ?, ?, ?)",
                (text.sha256, text.id, text.version, text.text),
            )

    def _seal(
        self, draft: EntryDraft, seq: int, prev_hash: str, recorded_at: str, flags: str
    ) -> LogEntry:
        entry = LogEntry(
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
        # Set on the entry itself (no copy): nothing else holds it yet.
        object.__setattr__(entry, "hash", compute_hash(entry))
        return entry

    def _move_head(
        self, conn: sqlite3.Connection, incident_id: str, chain: str, head: Head
    ) -> None:
        _move_head(conn, incident_id, chain, head)
        if self._write_heads is not None and incident_id in self._write_heads:
            self._write_heads[incident_id][chain] = head

    # Other laptops' chains
    def insert_sealed(
        self,
        chains: Sequence[SealedChain],
        plans: Sequence[PinnedText] = (),
        *,
        checked: bool = False,
        before_insert: Callable[[], object] | None = None,
    ) -> list[LogEntry]:
        """Take chains another laptop sealed, unchanged (never re-sealed: their uuid, times,
        device and hash stay as they are), with the plan texts they pin, in one transaction.

        Each chain is first checked on its own (``SealedChain.check``: the pure walk, no
        database), then against this database: it must continue the stored chain of its device
        (entries already here must be the same ones: skipped, so a second import changes
        nothing; another entry at a stored place is a fork, refused), start no second opening of
        the incident, bring every plan text it pins, and not claim this device's own chain. Any
        refusal is one line and leaves the database as it was. Returns the entries inserted.

        ``checked``: the caller has just walked these very chains with ``SealedChain.check``
        (sharing one set of uuids per incident) and refused any fault; the walk, the dearest
        part of an import, is not repeated. Everything against the database still is.

        ``before_insert`` runs inside the write transaction once every check has passed and
        before the first row is written (the backup an import makes: never made for a bundle
        that is then refused); if it raises, nothing is written.
        """
        if self.read_only:
            raise SonaeError(read_only_refusal(self.path.parent))
        uuids: dict[str, set[str]] = {}
        keys: set[tuple[str, str]] = set()
        for chain in chains:
            self._check_foreign(chain)
            if (chain.incident_id, chain.key) in keys:
                raise SonaeError(
                    _refusal(chain, None, msg("同じチェーンが二度含まれています", "it comes twice"))
                )
            keys.add((chain.incident_id, chain.key))
            fault = None if checked else chain.check(uuids.setdefault(chain.incident_id, set()))
            if fault is not None:
                raise SonaeError(_fault_refusal(chain, fault))
            for entry in chain.entries:
                if not entry_times_ok(entry):
                    raise SonaeError(
                        _refusal(
                            chain,
                            entry,
                            msg(
                                "時刻が Sonae の記録する形ではありません",
                                "its times are not as Sonae records them",
                            ),
                        )
                    )
        from app.domain.loader import sha256_text  # loaded already: the plans came parsed

        texts = {}
        for plan in plans:
            if sha256_text(plan.text) != plan.sha256:
                raise SonaeError(
                    msg(
                        "取り込めません: プレイブック {sha} の内容がハッシュと一致しません",
                        "cannot import: the text of playbook {sha} does not match its hash",
                        sha=plan.sha256[:12],
                    )
                )
            texts[plan.sha256] = plan
        with self._write() as conn:
            inserted = self._insert_sealed_locked(conn, chains, texts, before_insert)
        last: dict[tuple[str, str], tuple[str, LogEntry]] = {}
        for key, entry in inserted:  # the seen record keeps heads: each chain's last is enough
            last[(entry.incident_id, key)] = (key, entry)
        self._saw(list(last.values()))
        return [entry for _, entry in inserted]

    def _check_foreign(self, chain: SealedChain) -> None:
        if not _INCIDENT_ID.fullmatch(chain.incident_id):
            raise SonaeError(
                msg(
                    "取り込めません: インシデント番号 {id} は Sonae の番号ではありません",
                    "cannot import: {id} is not an incident id Sonae makes",
                    id=_shown(chain.incident_id),
                )
            )
        if not (0 < len(chain.key) <= 200 and chain.key.isprintable()):
            raise SonaeError(
                msg(
                    "取り込めません: 端末名 {key} は使えません",
                    "cannot import: {key} is not a device name",
                    key=_shown(chain.key),
                )
            )
        own = chain.key == self.device or any(e.device == self.device for e in chain.entries)
        if own:
            raise SonaeError(
                _refusal(
                    chain,
                    None,
                    msg(
                        "この端末自身のチェーンは取り込めません (この端末の記録は、この端末だけが書きます)",
                        "this device's own chain is written here only, never imported",
                    ),
                )
            )

    def _insert_sealed_locked(
        self,
        conn: sqlite3.Connection,
        chains: Sequence[SealedChain],
        plans: Mapping[str, PinnedText],
        before_insert: Callable[[], object] | None = None,
    ) -> list[tuple[str, LogEntry]]:
        fresh: list[tuple[SealedChain, list[LogEntry]]] = []
        for chain in chains:
            stored = conn.execute(
                "SELECT seq, hash FROM heads WHERE incident_id = ? AND chain = ?",
                (chain.incident_id, chain.key),
            ).fetchone()
            held = int(stored[0]) if stored else 0
            if not chain.entries:
                continue
            first = chain.entries[0]
            if first.seq > held + 1:
                raise SonaeError(
                    _refusal(
                        chain,
                        first,
                        msg(
                            "この端末には #{held} までしかなく、#{gap} からが足りません",
                            "this database holds it up to #{held}; #{gap} onwards is missing",
                            held=held,
                            gap=held + 1,
                        ),
                    )
                )
            if (
                first.seq > 1
                and self.chain_hash_at(chain.incident_id, chain.key, first.seq - 1)
                != first.prev_hash
            ):
                raise SonaeError(_fork(chain, first))
            for entry in chain.entries:
                if entry.seq > held:
                    break
                if self.chain_hash_at(chain.incident_id, chain.key, entry.seq) != entry.hash:
                    raise SonaeError(_fork(chain, entry))
            new = [entry for entry in chain.entries if entry.seq > held]
            if new:
                fresh.append((chain, new))
        if not fresh:
            return []
        self._refuse_taken_uuids(conn, fresh)
        self._refuse_other_openings(conn, fresh)
        needed = set().union(*(plan_pins(chain.entries) for chain in chains))
        for sha in sorted(needed):
            if sha not in plans and self.plan_text(sha) is None:
                raise SonaeError(
                    msg(
                        "取り込めません: 記録が使うプレイブック {sha} が含まれていません",
                        "cannot import: the entries follow playbook {sha}, which is not included",
                        sha=sha[:12],
                    )
                )
        if before_insert is not None:
            before_insert()
        self._pin(conn, [plans[sha] for sha in sorted(needed) if sha in plans])
        inserted: list[tuple[str, LogEntry]] = []
        for chain, new in fresh:
            conn.executemany(_INSERT, [_entry_row(entry, chain.key) for entry in new])
            inserted += [(chain.key, entry) for entry in new]
            self._move_head(conn, chain.incident_id, chain.key, (new[-1].seq, new[-1].hash))
        return inserted

    def _refuse_taken_uuids(
        self, conn: sqlite3.Connection, fresh: Sequence[tuple[SealedChain, list[LogEntry]]]
    ) -> None:
        """An entry's uuid is its identity everywhere: one already stored at another place (an
        entry of this incident copied into another chain, another incident's) is refused."""
        wanted = {entry.uuid: (chain, entry) for chain, new in fresh for entry in new}
        listed = sorted(wanted)
        for start in range(0, len(listed), 500):
            part = listed[start : start + 500]
            row = conn.execute(
                f"SELECT uuid FROM entries WHERE uuid IN ({', '.join('?' for _ in part)}) LIMIT 1",
                part,
            ).fetchone()
            if row is not None:
                chain, entry = wanted[row[0]]
                raise SonaeError(
                    _refusal(
                        chain,
                        entry,
                        msg(
                            "同じ識別子の記録が、この端末では別の場所にあります",
                            "an entry with its uuid is already stored at another place",
                        ),
                    )
                )

    def _refuse_other_openings(
        self, conn: sqlite3.Connection, fresh: Sequence[tuple[SealedChain, list[LogEntry]]]
    ) -> None:
        """An incident is opened once: a chain that opens an incident this database knows as
        opened elsewhere is another incident under the same number; and every incident keeps
        its opening (a chain of an incident never opened here comes with the one that opens it)."""
        incidents = sorted({chain.incident_id for chain, _ in fresh})
        for incident_id in incidents:
            openers = {
                row[0]
                for row in conn.execute(
                    "SELECT chain FROM entries WHERE incident_id = ? AND seq = 1 "
                    "AND kind = 'opened'",
                    (incident_id,),
                )
            }
            for chain, new in fresh:
                if chain.incident_id == incident_id and is_opening(new[0]):
                    openers.add(chain.key)
            if len(openers) > 1:
                raise SonaeError(
                    msg(
                        "取り込めません: インシデント {id} は複数の端末 ({who}) で開始されています。"
                        "同じ番号の別のインシデントです",
                        "cannot import: incident {id} was opened on more than one device "
                        "({who}); these are different incidents with the same number",
                        id=incident_id,
                        who=", ".join(_shown(key) for key in sorted(openers)),
                    )
                )
            if not openers:
                raise SonaeError(
                    msg(
                        "取り込めません: インシデント {id} を開始した記録がありません",
                        "cannot import: nothing here or in the import opens incident {id}",
                        id=incident_id,
                    )
                )

    # Reading
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise SonaeError(describe_sqlite_error(exc, self.path)) from exc

    def chain_heads(self, incident_id: str) -> dict[str, Head]:
        """The head of each chain of the incident, by the device it belongs to."""
        cache = self._write_heads if self._writer == threading.get_ident() else None
        if cache is not None and incident_id in cache:
            return dict(cache[incident_id])
        rows = self._read(
            "SELECT chain, seq, hash FROM heads WHERE incident_id = ? ORDER BY chain",
            (incident_id,),
        )
        heads = {str(r[0]): (int(r[1]), str(r[2])) for r in rows}
        if cache is not None:
            cache[incident_id] = dict(heads)
        return heads

    def chain_entries(self, incident_id: str, chain: str, after_seq: int = 0) -> list[LogEntry]:
        """One chain of the incident, in seq order (what a bundle carries of it)."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM entries WHERE incident_id = ? AND chain = ? AND seq > ? "
            "ORDER BY seq",
            (incident_id, chain, after_seq),
        )
        return [_row_to_entry(r) for r in rows]

    def chain_hash_at(self, incident_id: str, chain: str, seq: int) -> str | None:
        rows = self._read(
            "SELECT hash FROM entries WHERE incident_id = ? AND chain = ? AND seq = ?",
            (incident_id, chain, seq),
        )
        return str(rows[0][0]) if rows else None

    def opening_chain(self, incident_id: str) -> str | None:
        """The chain of the laptop that opened the incident (its first entry is the opening)."""
        rows = self._read(
            "SELECT chain FROM entries WHERE incident_id = ? AND seq = 1 AND kind = 'opened' "
            "ORDER BY chain LIMIT 1",
            (incident_id,),
        )
        return str(rows[0][0]) if rows else None

    def _one_chain(self, heads: Mapping[str, Head]) -> str | None:
        """The key of the incident's only chain, or None when it has several (or none)."""
        return next(iter(heads)) if len(heads) == 1 else None

    def _merged(self, incident_id: str, heads: Mapping[str, Head]) -> list[LogEntry]:
        """Every entry of an incident with several chains, in the merged order (cached until a
        head moves)."""
        mark = (incident_id, incident_head(heads))
        if self._merged_cache is not None and self._merged_cache[0] == mark:
            return self._merged_cache[1]
        rows = self._read(
            f"SELECT chain, {_COLUMNS} FROM entries WHERE incident_id = ? ORDER BY chain, seq",
            (incident_id,),
        )
        chains: dict[str, list[LogEntry]] = {key: [] for key in heads}
        for row in rows:
            if row[0] in chains:  # an entry of a chain with no head is for verify to name
                chains[row[0]].append(_row_to_entry(row[1:]))
        merged = merge(chains)
        self._merged_cache = (mark, merged)
        return merged

    def entries(self, incident_id: str, after_seq: int = 0) -> list[LogEntry]:
        """The incident's entries in the merged order, from position ``after_seq + 1`` (with one
        chain: the entries after seq ``after_seq``)."""
        heads = self.chain_heads(incident_id)
        if len(heads) > 1:
            return self._merged(incident_id, heads)[max(after_seq, 0) :]
        chain = self._one_chain(heads)
        if chain is None:
            return []
        return self.chain_entries(incident_id, chain, after_seq)

    def entries_page(
        self,
        incident_id: str,
        offset: int,
        limit: int,
        *,
        kinds: Sequence[str] | None = None,
        actor: str | None = None,
        before: int | None = None,
        search: TextSearch | None = None,
    ) -> list[LogEntry]:
        """A window of entries in the merged order, for views that load lazily: the first
        ``limit`` after position ``offset``; with ``before``, the last ``limit`` below that
        position (a view that reads newest first). ``kinds``, ``actor`` and a free-text
        ``search`` filter (in the query, for one chain, so a rare kind is found without reading
        every entry into Python). With one chain, a position is the seq."""
        heads = self.chain_heads(incident_id)
        if len(heads) > 1:
            merged = self._merged(incident_id, heads)
            return _page(merged, offset, limit, kinds, actor, before, search)
        chain = self._one_chain(heads)
        if chain is None:
            return []
        where = ["incident_id = ?", "chain = ?", "seq > ?"]
        params: list[Any] = [incident_id, chain, offset]
        if before is not None:
            where.append("seq < ?")
            params.append(before)
        _filter(where, params, kinds, actor, search)
        order = "DESC" if before is not None else "ASC"
        rows = self._read(
            f"SELECT {_COLUMNS} FROM entries WHERE {' AND '.join(where)} "
            f"ORDER BY seq {order} LIMIT ?",
            (*params, limit),
        )
        entries = [_row_to_entry(r) for r in rows]
        return entries[::-1] if before is not None else entries

    def count_matching(
        self,
        incident_id: str,
        *,
        kinds: Sequence[str] | None = None,
        actor: str | None = None,
        search: TextSearch | None = None,
    ) -> int:
        """How many entries ``entries_page`` with these filters finds in the whole log."""
        heads = self.chain_heads(incident_id)
        if len(heads) > 1:
            merged = self._merged(incident_id, heads)
            return len(_page(merged, 0, len(merged), kinds, actor, None, search))
        chain = self._one_chain(heads)
        if chain is None:
            return 0
        where = ["incident_id = ?", "chain = ?"]
        params: list[Any] = [incident_id, chain]
        _filter(where, params, kinds, actor, search)
        rows = self._read(f"SELECT COUNT(*) FROM entries WHERE {' AND '.join(where)}", params)
        return int(rows[0][0])

    def entry(self, incident_id: str, uuid: str) -> LogEntry | None:
        """One entry of the incident by its uuid (an indexed lookup, not a read of the log)."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM entries WHERE uuid = ? AND incident_id = ?",
            (uuid, incident_id),
        )
        return _row_to_entry(rows[0]) if rows else None

    def count(self, incident_id: str) -> int:
        """How many entries the incident has, in all its chains (from the heads, unread)."""
        return sum(seq for seq, _ in self.chain_heads(incident_id).values())

    def head(self, incident_id: str) -> Head | None:
        """(count, hash): with one chain, its head (seq and hash of the last entry); with
        several, the count of all and a digest of every chain's head (``chain.incident_head``),
        so it changes whenever any chain grows. None for an unknown incident."""
        return incident_head(self.chain_heads(incident_id))

    def hash_at(self, incident_id: str, seq: int) -> str | None:
        """The hash of the entry at position ``seq`` (with one chain: at that seq)."""
        heads = self.chain_heads(incident_id)
        if len(heads) > 1:
            merged = self._merged(incident_id, heads)
            return merged[seq - 1].hash if 0 < seq <= len(merged) else None
        chain = self._one_chain(heads)
        return None if chain is None else self.chain_hash_at(incident_id, chain, seq)

    def incident_ids(self) -> list[str]:
        return [
            r[0] for r in self._read("SELECT DISTINCT incident_id FROM heads ORDER BY incident_id")
        ]

    def pinned(self, sha256: str) -> StoredText | None:
        """A pinned text (a plan's or an exercise script's) as stored, with its id and version."""
        rows = self._read(
            "SELECT playbook_id, version, sha256, text FROM plans WHERE sha256 = ?", (sha256,)
        )
        return (
            StoredText(str(rows[0][0]), int(rows[0][1]), str(rows[0][2]), str(rows[0][3]))
            if rows
            else None
        )

    # Removal: an exercise moved out whole (see app/store/archive.py).
    def removals(self) -> list[Removal]:
        """Every exercise removed from this database (none in a database before version 6)."""
        from app.store.removal import REMOVAL_COLUMNS, Removal  # only when removals are read

        if not self._read("SELECT 1 FROM sqlite_master WHERE name = 'removals'"):
            return []
        rows = self._read(f"SELECT {REMOVAL_COLUMNS} FROM removals ORDER BY removed_at")
        return [Removal.of_row(row) for row in rows]

    def removed(self, incident_id: str) -> Removal | None:
        return next((r for r in self.removals() if r.incident_id == incident_id), None)

    def remove(self, removal: Removal) -> None:
        """Delete the incident's entries and heads, with its removal row first, in one
        transaction: the guards let only a removed exercise's rows go (db.TRIGGERS)."""
        with self._write() as conn:
            heads = {
                str(r[0]): (int(r[1]), str(r[2]))
                for r in conn.execute(
                    "SELECT chain, seq, hash FROM heads WHERE incident_id = ?",
                    (removal.incident_id,),
                )
            }
            if heads != removal.chains:  # written to meanwhile: the archive is not all of it
                raise SonaeError(
                    msg(
                        "インシデント {id} は書き出しの後に記録が増えました。もう一度実行してください",
                        "incident {id} grew after it was archived; run the removal again",
                        id=removal.incident_id,
                    )
                )
            from app.store.removal import REMOVAL_COLUMNS

            conn.execute(
                f"INSERT INTO removals ({REMOVAL_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                removal.row(),
            )
            conn.execute("DELETE FROM entries WHERE incident_id = ?", (removal.incident_id,))
            conn.execute("DELETE FROM heads WHERE incident_id = ?", (removal.incident_id,))
            conn.execute("DELETE FROM checkpoints WHERE incident_id = ?", (removal.incident_id,))
        self._merged_cache = None
        if self.seen is not None:
            self.seen.forget(removal.incident_id)

    def clock_went_back(self) -> list[tuple[str, str, int, int]]:
        """(incident, chain, how many, the first seq) of entries sealed with the flag that their
        laptop's clock had gone back since its entry before."""
        rows = self._read(
            "SELECT incident_id, chain, count(*), min(seq) FROM entries "
            "WHERE flags = 'clock_backwards' GROUP BY incident_id, chain ORDER BY incident_id, chain"
        )
        return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]

    def recorded_after(self, moment: str) -> list[tuple[str, str, int, int]]:
        """(incident, chain, how many, the first seq) of entries recorded after ``moment``
        (UTC ISO, as stored): written while that laptop's clock was ahead of this one's now."""
        rows = self._read(
            "SELECT incident_id, chain, count(*), min(seq) FROM entries WHERE recorded_at > ? "
            "GROUP BY incident_id, chain ORDER BY incident_id, chain",
            (moment,),
        )
        return [(str(r[0]), str(r[1]), int(r[2]), int(r[3])) for r in rows]

    # Signed checkpoints (app/domain/checkpoint.py): this laptop's and those bundles brought.
    def add_checkpoints(self, rows: Sequence[StoredCheckpoint]) -> None:
        """Keep signed checkpoints; one already kept (the same note) is not kept twice."""
        if self.read_only:
            raise SonaeError(read_only_refusal(self.path.parent))
        with self._write() as conn:
            for row in rows:
                conn.execute(
                    "INSERT INTO checkpoints (incident_id, signer, verifier_key, note, signed_at) "
                    "VALUES (?,?,?,?,?) ON CONFLICT (note) DO NOTHING",
                    tuple(row),
                )

    def checkpoints(self, incident_id: str | None = None) -> list[StoredCheckpoint]:
        """The signed checkpoints kept, oldest first (none in a database before version 7)."""
        if not self._read("SELECT 1 FROM sqlite_master WHERE name = 'checkpoints'"):
            return []
        where, params = ("WHERE incident_id = ?", (incident_id,)) if incident_id else ("", ())
        rows = self._read(
            "SELECT incident_id, signer, verifier_key, note, signed_at FROM checkpoints "
            f"{where} ORDER BY rowid",
            params,
        )
        return [StoredCheckpoint(*(str(v) for v in r)) for r in rows]

    def plan_text(self, sha256: str) -> str | None:
        rows = self._read("SELECT text FROM plans WHERE sha256 = ?", (sha256,))
        return str(rows[0][0]) if rows else None


class StoredCheckpoint(NamedTuple):
    incident_id: str
    signer: str
    verifier_key: str  # C2SP verifier key of the signer
    note: str  # the signed note as signed
    signed_at: str


def _move_head(conn: sqlite3.Connection, incident_id: str, chain: str, head: Head) -> None:
    # Update, else insert: an upsert would fire the trigger that refuses an insert over an
    # existing head (the guard against INSERT OR REPLACE).
    moved = conn.execute(
        "UPDATE heads SET seq = ?, hash = ? WHERE incident_id = ? AND chain = ?",
        (head[0], head[1], incident_id, chain),
    )
    if moved.rowcount == 0:
        conn.execute(
            "INSERT INTO heads (incident_id, chain, seq, hash) VALUES (?, ?, ?, ?)",
            (incident_id, chain, head[0], head[1]),
        )


def _filter(
    where: list[str],
    params: list[Any],
    kinds: Sequence[str] | None,
    actor: str | None,
    search: TextSearch | None,
) -> None:
    """The conditions of ``entries_page``'s filters, added to a query's ``where``."""
    if kinds:
        where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        params.extend(kinds)
    if actor:
        where.append("actor = ?")
        params.append(actor)
    if search is None:
        return
    # As app.domain.search.matches: the payload's texts (the cheap LIKE on the whole JSON
    # first, then its string values only, so a key such as "reason" is not found), the
    # writer, or the step, question or kind whose words hold the text.
    like = "%" + re.sub(r"([\\%_])", r"\\\1", search.text) + "%"
    texts = (
        "EXISTS (SELECT 1 FROM json_tree(entries.payload) "
        "WHERE json_tree.type = 'text' AND json_tree.value LIKE ? ESCAPE '\\')"
    )
    if search.text.isprintable() and not set(search.text) & {'"', "\\"}:
        texts = f"(payload LIKE ? ESCAPE '\\' AND {texts})"  # JSON spells such text as typed
        params.append(like)
    found = [texts, "actor LIKE ? ESCAPE '\\'"]
    params.extend([like, like])
    for column, ids in (
        ("step_id", search.step_ids),
        ("decision_id", search.decision_ids),
        ("kind", search.kinds),
    ):
        if ids:
            found.append(f"{column} IN ({', '.join('?' for _ in ids)})")
            params.extend(sorted(ids))
    where.append("(" + " OR ".join(found) + ")")


def _page(
    merged: Sequence[LogEntry],
    offset: int,
    limit: int,
    kinds: Sequence[str] | None,
    actor: str | None,
    before: int | None,
    search: TextSearch | None = None,
) -> list[LogEntry]:
    """``entries_page`` over the merged entries (positions are 1-based)."""
    low = max(offset, 0)
    high = len(merged) if before is None else min(max(before - 1, low), len(merged))
    window = [
        e
        for e in merged[low:high]
        if (not kinds or e.kind in kinds) and (not actor or e.actor == actor) and matches(e, search)
    ]
    if limit <= 0:
        return []
    return window[-limit:] if before is not None else window[:limit]


_INCIDENT_ID = re.compile(r"[0-9]{4}-[0-9]{4,18}")


def _shown(text: str) -> str:
    """Text from another laptop in a one-line message: printable and short, or quoted."""
    return text if text.isprintable() and len(text) <= 80 else repr(text[:80])


def _where(chain: SealedChain, entry: LogEntry | None) -> str:
    place = f" #{entry.seq} ({_shown(entry.uuid)})" if entry is not None else ""
    return f"{chain.incident_id} / {_shown(chain.key)}{place}"


def _refusal(chain: SealedChain, entry: LogEntry | None, why: Msg) -> Msg:
    where = _where(chain, entry)
    return _cannot_import(where, why)


def _fault_refusal(chain: SealedChain, fault: ChainFault) -> Msg:
    place = f" #{fault.seq}" if fault.seq is not None else ""
    uuid = f" ({_shown(fault.uuid)})" if fault.uuid else ""
    return _cannot_import(f"{chain.incident_id} / {_shown(chain.key)}{place}{uuid}", fault.reason)


def _cannot_import(where: str, why: Msg) -> Msg:
    """ "cannot import: WHERE: WHY", with WHY in each language (a Msg inside another would be
    rendered in the current language, not the one asked for)."""

    def part(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    return msg(
        "取り込めません: {where}: " + part(why.render("ja")),
        "cannot import: {where}: " + part(why.render("en")),
        where=where,
    )


def _fork(chain: SealedChain, entry: LogEntry) -> Msg:
    return _refusal(
        chain,
        entry,
        msg(
            "分岐しています: この端末には同じチェーンの同じ番号に別の記録があります。何も取り込んでいません",
            "it forks: this database holds another entry at that place of the same chain; "
            "nothing was imported",
        ),
    )


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

"""Opening the database: pragmas on every connection, schema versions, and clear refusals.

The schema version lives in ``PRAGMA user_version``. A database written by a newer Sonae is
refused rather than guessed at, and a file that is not a Sonae database is refused without being
touched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import SonaeError
from app.i18n import Msg, msg

if TYPE_CHECKING:
    import tempfile

SCHEMA_VERSION = 7
# (The plans table keeps an exercise script's text as well: a pinned text by its sha256.)
APPLICATION_ID = 0x534F4E41  # "SONA": marks the file as ours in its header

_V1 = """
CREATE TABLE entries (
    seq INTEGER NOT NULL,
    uuid TEXT NOT NULL UNIQUE,
    incident_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    step_id TEXT,
    decision_id TEXT,
    actor TEXT NOT NULL,
    device TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (incident_id, seq)
);
CREATE INDEX entries_kind ON entries (incident_id, kind);
-- The exact text of every playbook version an incident followed, addressed by its sha256.
CREATE TABLE plans (
    sha256 TEXT PRIMARY KEY,
    playbook_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    text TEXT NOT NULL
);
-- The last link of each incident's chain, so a deleted tail is noticed.
CREATE TABLE heads (
    incident_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
"""

# The triggers that make the log append-only, as they are now. verify() compares the stored SQL
# with these, so a trigger that was dropped, or quietly replaced by one that never fires, is
# noticed. Version 4 keyed entries and heads by chain (one per device per incident); the triggers
# it rewrote for the new keys are kept as they were before it in TRIGGERS_BEFORE_4.
TRIGGERS = {
    "entries_no_update": "CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries\n"
    "BEGIN SELECT RAISE(ABORT, 'the log is append-only: entries cannot be changed'); END",
    # Version 6: an exercise removed as a whole (its row in removals written first, in the same
    # transaction) is the one deletion allowed; a real incident can have no such row.
    "entries_no_delete": "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries\n"
    "WHEN NOT EXISTS (SELECT 1 FROM removals WHERE incident_id = OLD.incident_id)\n"
    "BEGIN SELECT RAISE(ABORT, 'the log is append-only: entries cannot be deleted'); END",
    "plans_no_update": "CREATE TRIGGER plans_no_update BEFORE UPDATE ON plans\n"
    "BEGIN SELECT RAISE(ABORT, 'pinned playbooks cannot be changed'); END",
    "plans_no_delete": "CREATE TRIGGER plans_no_delete BEFORE DELETE ON plans\n"
    "BEGIN SELECT RAISE(ABORT, 'pinned playbooks cannot be deleted'); END",
    # Version 2: a chain head only moves forward, so a deleted tail cannot be hidden by
    # moving the head back.
    "heads_no_delete": "CREATE TRIGGER heads_no_delete BEFORE DELETE ON heads\n"
    "WHEN NOT EXISTS (SELECT 1 FROM removals WHERE incident_id = OLD.incident_id)\n"
    "BEGIN SELECT RAISE(ABORT, 'chain heads cannot be deleted'); END",
    "heads_forward_only": "CREATE TRIGGER heads_forward_only BEFORE UPDATE ON heads\n"
    "WHEN NEW.seq <= OLD.seq OR NEW.incident_id <> OLD.incident_id OR NEW.chain <> OLD.chain\n"
    "BEGIN SELECT RAISE(ABORT, 'chain heads only move forward'); END",
    # Version 3: INSERT OR REPLACE deletes the rows it collides with without firing the DELETE
    # triggers, so an insert that meets an existing row is refused before it can replace it.
    "entries_no_replace": "CREATE TRIGGER entries_no_replace BEFORE INSERT ON entries\n"
    "WHEN EXISTS (SELECT 1 FROM entries WHERE uuid = NEW.uuid)\n"
    "OR EXISTS (SELECT 1 FROM entries WHERE incident_id = NEW.incident_id "
    "AND chain = NEW.chain AND seq = NEW.seq)\n"
    "BEGIN SELECT RAISE(ABORT, 'the log is append-only: an entry cannot replace another'); END",
    # A plan text is keyed by its own sha256, so a second insert of the same key is the same
    # text: it is skipped, and the stored row is never replaced.
    "plans_no_replace": "CREATE TRIGGER plans_no_replace BEFORE INSERT ON plans\n"
    "WHEN EXISTS (SELECT 1 FROM plans WHERE sha256 = NEW.sha256)\n"
    "BEGIN SELECT RAISE(IGNORE); END",
    "heads_no_replace": "CREATE TRIGGER heads_no_replace BEFORE INSERT ON heads\n"
    "WHEN EXISTS (SELECT 1 FROM heads WHERE incident_id = NEW.incident_id AND chain = NEW.chain)\n"
    "BEGIN SELECT RAISE(ABORT, 'chain heads only move forward'); END",
    # Version 6: a removal is kept for ever, and only an exercise (drill or tabletop) can have
    # one: the opening entry must say so, and no opening may say otherwise.
    "removals_no_update": "CREATE TRIGGER removals_no_update BEFORE UPDATE ON removals\n"
    "BEGIN SELECT RAISE(ABORT, 'a removal cannot be changed'); END",
    "removals_no_delete": "CREATE TRIGGER removals_no_delete BEFORE DELETE ON removals\n"
    "BEGIN SELECT RAISE(ABORT, 'a removal cannot be deleted'); END",
    "removals_exercise_only": "CREATE TRIGGER removals_exercise_only BEFORE INSERT ON removals\n"
    "WHEN NOT EXISTS (SELECT 1 FROM entries WHERE incident_id = NEW.incident_id "
    "AND kind = 'opened' AND json_extract(payload, '$.mode') IN ('drill', 'tabletop'))\n"
    "OR EXISTS (SELECT 1 FROM entries WHERE incident_id = NEW.incident_id "
    "AND kind = 'opened' AND json_extract(payload, '$.mode') NOT IN ('drill', 'tabletop'))\n"
    "OR EXISTS (SELECT 1 FROM removals WHERE incident_id = NEW.incident_id)\n"
    "BEGIN SELECT RAISE(ABORT, 'only an exercise can be removed, and once'); END",
    # Version 7: a signed checkpoint is kept as it was signed (a removed exercise's may go).
    "checkpoints_no_update": "CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints\n"
    "BEGIN SELECT RAISE(ABORT, 'a signed checkpoint cannot be changed'); END",
    "checkpoints_no_delete": "CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints\n"
    "WHEN NOT EXISTS (SELECT 1 FROM removals WHERE incident_id = OLD.incident_id)\n"
    "BEGIN SELECT RAISE(ABORT, 'a signed checkpoint cannot be deleted'); END",
}
PROTECTING_TRIGGERS = tuple(TRIGGERS)

# The triggers version 4 rewrote, as versions 2 and 3 made them (one chain per incident). The
# first three migrations create these, and verify expects them in an older database opened
# read-only as it is.
TRIGGERS_BEFORE_4 = {
    "heads_forward_only": "CREATE TRIGGER heads_forward_only BEFORE UPDATE ON heads\n"
    "WHEN NEW.seq <= OLD.seq OR NEW.incident_id <> OLD.incident_id\n"
    "BEGIN SELECT RAISE(ABORT, 'chain heads only move forward'); END",
    "entries_no_replace": "CREATE TRIGGER entries_no_replace BEFORE INSERT ON entries\n"
    "WHEN EXISTS (SELECT 1 FROM entries WHERE uuid = NEW.uuid)\n"
    "OR EXISTS (SELECT 1 FROM entries WHERE incident_id = NEW.incident_id AND seq = NEW.seq)\n"
    "BEGIN SELECT RAISE(ABORT, 'the log is append-only: an entry cannot replace another'); END",
    "heads_no_replace": "CREATE TRIGGER heads_no_replace BEFORE INSERT ON heads\n"
    "WHEN EXISTS (SELECT 1 FROM heads WHERE incident_id = NEW.incident_id)\n"
    "BEGIN SELECT RAISE(ABORT, 'chain heads only move forward'); END",
}

# The delete guards as they were before version 6 (no deletion at all).
TRIGGERS_BEFORE_6 = {
    "entries_no_delete": "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries\n"
    "BEGIN SELECT RAISE(ABORT, 'the log is append-only: entries cannot be deleted'); END",
    "heads_no_delete": "CREATE TRIGGER heads_no_delete BEFORE DELETE ON heads\n"
    "BEGIN SELECT RAISE(ABORT, 'chain heads cannot be deleted'); END",
}

# The schema version that brought each trigger: verify expects a trigger once the database is
# at that version (a read-only copy of an older database is checked as what it is).
TRIGGER_SINCE = {
    "entries_no_update": 1,
    "entries_no_delete": 1,
    "plans_no_update": 1,
    "plans_no_delete": 1,
    "heads_no_delete": 2,
    "heads_forward_only": 2,
    "entries_no_replace": 3,
    "plans_no_replace": 3,
    "heads_no_replace": 3,
    "removals_no_update": 6,
    "removals_no_delete": 6,
    "removals_exercise_only": 6,
    "checkpoints_no_update": 7,
    "checkpoints_no_delete": 7,
}
assert set(TRIGGER_SINCE) == set(TRIGGERS) and set(TRIGGERS_BEFORE_4) <= set(TRIGGERS)
assert set(TRIGGERS_BEFORE_6) <= set(TRIGGERS)


def expected_trigger(name: str, version: int) -> str | None:
    """The SQL a database at schema ``version`` holds for trigger ``name`` (None: not yet)."""
    if TRIGGER_SINCE[name] > version:
        return None
    if version < 4 and name in TRIGGERS_BEFORE_4:
        return TRIGGERS_BEFORE_4[name]
    if version < 6 and name in TRIGGERS_BEFORE_6:
        return TRIGGERS_BEFORE_6[name]
    return TRIGGERS[name]


def _triggers_of(version: int) -> str:
    """The triggers that version brought, as it made them."""
    return "".join(
        str(expected_trigger(name, version)) + ";\n"
        for name, since in TRIGGER_SINCE.items()
        if since == version
    )


# Columns every version has in common; version 4 adds ``chain`` after them.
ENTRY_COLUMNS = (
    "seq, uuid, incident_id, kind, step_id, decision_id, actor, device, recorded_at, "
    "occurred_at, payload, flags, prev_hash, hash"
)

# How an entry of a schema-3 database finds its chain's key: the device of the first entry of
# its incident's (only) chain. seq 1 when it is there; if it was deleted, the first one left, so
# the migration still runs and verify names the gap.
_FIRST_DEVICE = (
    "(SELECT f.device FROM {table} f WHERE f.incident_id = {outer}.incident_id "
    "ORDER BY f.seq LIMIT 1)"
)

_V4_ENTRIES = """
CREATE TABLE entries (
    seq INTEGER NOT NULL,
    uuid TEXT NOT NULL UNIQUE,
    incident_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    step_id TEXT,
    decision_id TEXT,
    actor TEXT NOT NULL,
    device TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    -- The device whose chain the entry belongs to: the device of the chain's first entry.
    -- Not hashed (the hashes stay as they were); verify checks it against that first entry.
    chain TEXT NOT NULL,
    PRIMARY KEY (incident_id, chain, seq)
);
"""
# entries_device (until version 5): a write compares its time with the last entry this laptop
# wrote, which after an import may lie far behind other laptops' entries.
_V4_INDEXES = """
CREATE INDEX entries_kind ON entries (incident_id, kind);
CREATE INDEX entries_device ON entries (device);
"""
_V4_HEADS = """
-- The last link of each chain (one per device per incident), so a deleted tail is noticed.
CREATE TABLE heads (
    incident_id TEXT NOT NULL,
    chain TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (incident_id, chain)
);
"""

# Version 4: one chain per device per incident. SQLite cannot change a primary key, so the two
# keyed tables are built anew and every row copied, in this one transaction:
# - the old triggers go first (a trigger that was already dropped is no reason to stop), then the
#   old tables are renamed aside, so the new ones take the old names (and index names);
# - every entry is copied as it is, its rowid too (verify reads the physical order), with the
#   key of its chain; no hashed field changes, so every hash stays what it is;
# - every head is copied with the same key ('' for a head whose incident has no entries);
# - the copy is counted before the old tables are dropped: a count that differs stops the
#   migration (a CHECK fails) and the transaction is rolled back with the old tables intact;
# - dropping a table removes its triggers and indexes and fires no DELETE trigger.
_V4 = f"""
DROP TRIGGER IF EXISTS entries_no_update;
DROP TRIGGER IF EXISTS entries_no_delete;
DROP TRIGGER IF EXISTS entries_no_replace;
DROP TRIGGER IF EXISTS heads_no_delete;
DROP TRIGGER IF EXISTS heads_forward_only;
DROP TRIGGER IF EXISTS heads_no_replace;
ALTER TABLE entries RENAME TO entries_v3;
ALTER TABLE heads RENAME TO heads_v3;
{_V4_ENTRIES}INSERT INTO entries (rowid, {ENTRY_COLUMNS}, chain)
SELECT e.rowid, {", ".join("e." + c.strip() for c in ENTRY_COLUMNS.split(","))},
    {_FIRST_DEVICE.format(table="entries_v3", outer="e")}
FROM entries_v3 e ORDER BY e.rowid;
{_V4_HEADS}INSERT INTO heads (incident_id, chain, seq, hash)
SELECT h.incident_id, COALESCE({_FIRST_DEVICE.format(table="entries_v3", outer="h")}, ''),
    h.seq, h.hash
FROM heads_v3 h ORDER BY h.rowid;
CREATE TEMP TABLE migration_copied (complete INTEGER NOT NULL CHECK (complete = 1));
INSERT INTO migration_copied
SELECT (SELECT count(*) FROM entries) = (SELECT count(*) FROM entries_v3)
    AND (SELECT count(*) FROM heads) = (SELECT count(*) FROM heads_v3);
DROP TABLE migration_copied;
DROP TABLE entries_v3;
DROP TABLE heads_v3;
{_V4_INDEXES}"""

# Version 5: the index on device goes. Every append paid for it (a page more to write before the
# commit), for one lookup per write that the heads answer as well: the last entry this laptop
# wrote is the head of one of its own chains.
_V5 = "DROP INDEX IF EXISTS entries_device;\n"

# Version 6: an exercise can be removed as a whole, accountably. Its row here says who removed
# it, when and why, what it held (each chain's head) and the archive (a Sonae database of its
# own, verifiable) it was moved to; the delete guards let only such an incident's rows go.
_REMOVALS = """
-- Exercises removed as a whole: kept for ever, so a removal is accounted for and never a loss.
CREATE TABLE removals (
    incident_id TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    entries INTEGER NOT NULL,
    chains TEXT NOT NULL,
    archive TEXT NOT NULL,
    archive_sha256 TEXT NOT NULL,
    actor TEXT NOT NULL,
    login TEXT NOT NULL,
    removed_at TEXT NOT NULL,
    reason TEXT NOT NULL
);
"""
_V6 = (
    "DROP TRIGGER IF EXISTS entries_no_delete;\nDROP TRIGGER IF EXISTS heads_no_delete;\n"
    + _REMOVALS
    + "".join(
        TRIGGERS[name] + ";\n"
        for name in TRIGGERS
        if name in TRIGGERS_BEFORE_6 or TRIGGER_SINCE[name] == 6
    )
)
# Version 7: the signed checkpoints this laptop made (when a record was printed or a bundle
# written) and those that came in bundles, each as its signed note with the signer's verifier key:
# verify checks each against the chains, so a deleted tail or a rewritten chain is caught.
_CHECKPOINTS = """
CREATE TABLE checkpoints (
    incident_id TEXT NOT NULL,
    signer TEXT NOT NULL,
    verifier_key TEXT NOT NULL,
    note TEXT NOT NULL UNIQUE,
    signed_at TEXT NOT NULL
);
CREATE INDEX checkpoints_incident ON checkpoints (incident_id);
"""
_V7 = _CHECKPOINTS + _triggers_of(7)
_INDEXES = "CREATE INDEX entries_kind ON entries (incident_id, kind);\n"

# Index i holds the SQL that takes the schema from version i to i+1.
MIGRATIONS: list[str] = [
    _V1 + _triggers_of(1),
    _triggers_of(2),
    _triggers_of(3),
    _V4
    + "".join(
        str(expected_trigger(name, 4)) + ";\n"
        for name, since in TRIGGER_SINCE.items()
        if since <= 4 and not name.startswith("plans")
    ),
    _V5,
    _V6,
    _V7,
]

# A new database is made at the current version in one step, not by replaying the migrations
# (which would leave the pages of the tables version 4 replaced free in the file). A test keeps
# it the same schema as a database migrated from version 1.
_PLANS = _V1[_V1.index("-- The exact text") : _V1.index("-- The last link")]
FRESH = (
    _V4_ENTRIES
    + _INDEXES
    + _PLANS
    + _V4_HEADS
    + _REMOVALS
    + _CHECKPOINTS
    + "".join(sql + ";\n" for sql in TRIGGERS.values())
)

# A database older than version 4 opened read-only is not migrated: these views, in the
# connection's private temp schema, show its tables in version 4's shape (each incident's one
# chain keyed as the migration would key it), so every reader and verify run unchanged.
_COMPAT_VIEWS = f"""
CREATE TEMP VIEW entries AS
SELECT e.rowid AS rowid, {", ".join("e." + c.strip() for c in ENTRY_COLUMNS.split(","))},
    {_FIRST_DEVICE.format(table="main.entries", outer="e")} AS chain
FROM main.entries e;
CREATE TEMP VIEW heads AS
SELECT h.incident_id, COALESCE({_FIRST_DEVICE.format(table="main.entries", outer="h")}, '') AS chain,
    h.seq, h.hash
FROM main.heads h;
"""


def _configure(conn: sqlite3.Connection, read_only: bool) -> None:
    conn.execute("PRAGMA busy_timeout = 5000")
    # Up to 32 MiB of pages in memory (the default is 2 MiB): a large import or verify touches
    # the uuid index all over, and a small cache reads the same pages again and again.
    conn.execute("PRAGMA cache_size = -32768")
    if read_only:
        return  # query_only is set once the connection is ready (_compat_views)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise SonaeError(
            msg(
                "データベースを WAL モードにできません: {mode}",
                "cannot put the database in WAL mode: {mode}",
                mode=mode,
            )
        )
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(conn: sqlite3.Connection, path: Path, read_only: bool) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SonaeError(
            msg(
                "{path} はこの Sonae より新しい形式です (スキーマ {found} > {known})。新しい Sonae で開いてください",
                "{path} was written by a newer Sonae (schema {found} > {known}); open it with a newer "
                "version",
                path=path,
                found=version,
                known=SCHEMA_VERSION,
            )
        )
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise SonaeError(
                msg(
                    "{path} は Sonae のデータベースではありません",
                    "{path} is not a Sonae database",
                    path=path,
                )
            )
    elif app_id != APPLICATION_ID:
        raise SonaeError(
            msg(
                "{path} は Sonae のデータベースではありません",
                "{path} is not a Sonae database",
                path=path,
            )
        )
    while version < SCHEMA_VERSION and not read_only:
        # executescript commits whatever is open first, so the transaction lives in the script:
        # the schema change and its version number land together or not at all.
        step, reached = (
            (FRESH, SCHEMA_VERSION) if version == 0 else (MIGRATIONS[version], version + 1)
        )
        script = (
            f"BEGIN IMMEDIATE;\n{step}\n"
            f"PRAGMA user_version = {reached};\n"
            f"PRAGMA application_id = {APPLICATION_ID};\nCOMMIT;"
        )
        # Schema changes go through sqlite-utils; it is imported only here, when the schema is
        # made or migrated, so a command that only records pays nothing for it.
        import sqlite_utils

        try:
            sqlite_utils.Database(conn, recursive_triggers=False).executescript(script)
        except sqlite3.OperationalError:
            if conn.in_transaction:
                conn.rollback()
            # Another process may have migrated first; only then is this not an error.
            if conn.execute("PRAGMA user_version").fetchone()[0] <= version:
                raise
        version = conn.execute("PRAGMA user_version").fetchone()[0]


def _compat_views(conn: sqlite3.Connection) -> None:
    """An older database opened read-only, in version 4's shape (see _COMPAT_VIEWS)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if 0 < version < 4:
        conn.executescript(_COMPAT_VIEWS)


class Database:
    """An open log database: its connection and ``execute``, all the store ever used of
    sqlite_utils' ``Database`` (every query here is plain SQL). sqlite_utils is imported only to
    make or migrate the schema: it was a third of the start-up of a command that records a note."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)


def open_database(path: Path, read_only: bool = False) -> Database:
    """Open the log database, configured and migrated (created if needed); or, with
    ``read_only``, as it is, without writing a byte: for a copy on write-protected media."""
    conn: sqlite3.Connection | None = None
    try:
        if read_only:
            conn = _connect_read_only(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
        _configure(conn, read_only)
        _migrate(conn, path, read_only)
        if read_only:
            _compat_views(conn)
            conn.execute("PRAGMA query_only = ON")  # a second guard: this connection never writes
        return Database(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        text = str(exc)
        if not read_only and any(w in text for w in ("full", "disk I/O", "readonly", "read-only")):
            raise CannotWrite(describe_sqlite_error(exc, path)) from exc
        raise SonaeError(describe_sqlite_error(exc, path)) from exc
    except SonaeError:
        if conn is not None:
            conn.close()
        raise


class CannotWrite(SonaeError):
    """The database is there but cannot be opened for writing (a full disk, a file made
    read-only): it can still be opened read-only, to be read and checked."""


def wal_holds_writes(path: Path) -> bool:
    """Whether the database's ``-wal`` file holds writes not yet in the database file."""
    wal = path.with_name(path.name + "-wal")
    return wal.is_file() and wal.stat().st_size > 0


def read_only_snapshot(path: Path) -> tempfile.TemporaryDirectory[str] | None:
    """A private copy of the database and its WAL, when the WAL holds writes, or None.

    Reading a WAL needs its -shm, which SQLite writes to even on a read-only connection; a
    write-protected medium may not have one at all. A copy (without the -shm) is read instead:
    the folder being checked is never touched, and every entry the WAL holds is seen."""
    if not wal_holds_writes(path):
        return None
    # Here, not at the top: only a read-only folder needs them, and every command imports this.
    import shutil
    import tempfile

    wal = path.with_name(path.name + "-wal")
    folder = tempfile.TemporaryDirectory(prefix="sonae-read-only-")
    try:
        shutil.copyfile(path, Path(folder.name) / path.name)
        shutil.copyfile(wal, Path(folder.name) / wal.name)
    except OSError as exc:
        folder.cleanup()
        raise SonaeError(
            msg(
                "{p} を読み取り専用で開くための一時コピーを作れません: {e}",
                "cannot make the temporary copy needed to open {p} read-only: {e}",
                p=path,
                e=exc.strerror or exc,
            )
        ) from exc
    return folder


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """``immutable=1`` creates nothing and ignores any WAL, so it is for a database with no WAL
    content; one with WAL content is opened from ``read_only_snapshot`` (``mode=ro``)."""
    if not path.is_file():
        raise SonaeError(
            msg(
                "{p} に Sonae のデータベースがありません",
                "there is no Sonae database at {p}",
                p=path,
            )
        )
    uri = Path(path).resolve().as_uri()
    if wal_holds_writes(path):
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def describe_sqlite_error(exc: sqlite3.Error, path: Path | str = "") -> Msg:
    text = " ".join(str(exc).split())[:200]  # one line, whatever SQLite quoted from the file
    if "not a database" in text or "malformed" in text:
        return msg(
            "データベース {path} が壊れています ({text})。バックアップから復元してください",
            "database {path} is damaged ({text}); restore it from a backup",
            path=path,
            text=text,
        )
    if "disk is full" in text or "disk I/O" in text:
        return msg(
            "ディスクに空きがないため記録できませんでした。何も記録されていません",
            "the disk is full, so nothing was recorded",
            path=path,
        )
    if "locked" in text or "busy" in text:
        return msg(
            "データベースが他のプロセスで使用中です。しばらくして再度お試しください",
            "the database is busy in another process; try again in a moment",
        )
    if "readonly" in text or "read-only" in text:
        return msg(
            "データベース {path} に書き込めません (読み取り専用)",
            "database {path} is read-only",
            path=path,
        )
    return msg("データベースのエラー: {text}", "database error: {text}", text=text)

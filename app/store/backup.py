"""Backups of the database, and the checks and file moves of a restore.

A backup is made with SQLite's backup API from a connection of its own, in one step: one read
transaction, so the copy is one consistent moment of the log, and writers (WAL) never wait for
it. (A backup in several steps starts again whenever another connection writes, and under steady
writing would never end.) The copy is written under a temporary name (``.partial-…``) in the
folder it goes to, then checked as a Sonae database of its own: ``integrity_check``, its journal
made DELETE (the backup API copies the live file's WAL mark, which would want a ``-wal`` beside
the copy), and every chain verified with the same ``verify`` as the live log. Only then is it
flushed to the disk and renamed to its name. A process killed at any moment leaves at most a
temporary file, which the next backup removes: whatever carries a backup's name is complete.

In a data folder, backups live in ``backups/`` (``paths.BACKUPS_FOLDER``), named by the time (JST)
and the reason: ``sonae-20261125-093000-schedule.db``. The newest ``KEEP`` automatic ones are
kept; one made by hand (``manual``) is never rotated away, nor a database a restore put aside
(``replaced-…``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from app.domain.timeutil import jst
from app.errors import SonaeError
from app.files import file_sha256, read_regular
from app.i18n import Msg, msg
from app.paths import DATABASE, SQLITE_COMPANIONS
from app.store.db import describe_sqlite_error, wal_holds_writes
from app.store.lock import InstanceLock
from app.store.log import LogStore
from app.store.snapshots import TABLE as SNAPSHOTS
from app.store.verify import verify

AUTOMATIC = ("schedule", "close", "import")
REASONS = (*AUTOMATIC, "manual")
KEEP = 20  # automatic backups kept: some ten hours of the window's half-hourly ones
REPLACED = "replaced-"  # a database a restore put aside: never overwritten, never deleted
TEMP = ".partial-"  # a copy being made; never a backup's name
_NAME = re.compile(r"sonae-(\d{8}-\d{6})-(schedule|close|import|manual)(?:-(\d+))?\.db")
# Pages per step of the backup API (-1: all in one step, see the module's note), and a pause
# after each step. A test makes the copy slow with these, to kill a process in the middle of it.
STEP_PAGES = -1
STEP_PAUSE = 0.0
LOCK_WAIT = 60.0  # seconds a backup waits for another one (the window's, a command's) to end


@dataclass(frozen=True)
class Copy:
    """A checked copy of the log: where, how large, and what it holds."""

    path: Path
    size: int
    entries: int
    incidents: int


def _cannot_write(path: Path, why: object) -> SonaeError:
    text = " ".join(str(why).split())[:200]
    return SonaeError(
        msg(
            "バックアップ {p} を作れません: {e}",
            "cannot write the backup {p}: {e}",
            p=path,
            e=text,
        )
    )


# Making one
def write_backup(
    store: LogStore, target: Path, *, overwrite: bool = False, mode: int = 0o600
) -> Copy:
    """Copy the log into ``target`` (see the module's note), checked before it has that name.
    ``overwrite``: an output the user named may replace a file (the services checked it);
    otherwise ``target`` must not exist. A new copy is readable by its owner only (``mode``): it
    holds the whole log."""
    folder = target.parent
    temp = folder / f"{TEMP}{secrets.token_hex(6)}.db"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        os.close(os.open(temp, flags, 0o600))
        os.chmod(temp, mode)
        _copy(store, temp)
        copy = _check(temp, target)
        _flush(temp)
        _place(temp, target, overwrite)
    except OSError as exc:
        _discard(temp)
        raise _cannot_write(target, exc.strerror or exc) from exc
    except sqlite3.Error as exc:
        _discard(temp)
        raise _cannot_write(target, exc) from exc
    except BaseException:
        _discard(temp)
        raise
    _flush_folder(folder)
    return replace(copy, path=target)


@contextlib.contextmanager
def _reader(store: LogStore) -> Iterator[sqlite3.Connection]:
    """A connection of the backup's own to the live database (never the store's, which another
    thread may be writing on); a read-only store's own reads a private or immutable copy."""
    if store.read_only:
        yield store.db.conn
        return
    uri = store.path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=5.0)  # never creates one
    try:
        conn.execute("PRAGMA query_only = ON")
        yield conn
    finally:
        conn.close()


def _copy(store: LogStore, temp: Path) -> None:
    """The backup API, then the copy made one self-contained file."""
    with _reader(store) as source:
        target = sqlite3.connect(str(temp))
        try:
            source.backup(target, pages=STEP_PAGES, progress=_pause if STEP_PAUSE else None)
            journal = target.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(journal).lower() != "delete":
                raise sqlite3.OperationalError(f"journal_mode {journal}")
        finally:
            target.close()


def _pause(_status: int, _remaining: int, _total: int) -> None:
    time.sleep(STEP_PAUSE)


def _check(temp: Path, target: Path) -> Copy:
    """The copy read back as a database of its own: whole, and every chain verified."""
    conn = sqlite3.connect(f"{temp.resolve().as_uri()}?mode=ro", uri=True)
    try:
        damage = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()
    if damage != ["ok"]:
        raise _cannot_write(target, f"integrity_check: {damage[0]}")
    copy = LogStore(temp, read_only=True)
    try:
        result = verify(copy)
        incidents = len(copy.incident_ids())
    finally:
        copy.close()
    if not result.ok:
        raise SonaeError(
            msg(
                "バックアップを作れません: 写しが検証を通りません ({r})。sonae verify で記録を確認してください",
                "cannot make the backup: the copy does not verify ({r}); check the log with "
                "sonae verify",
                r=result.describe(),
            )
        )
    return Copy(temp, temp.stat().st_size, result.checked, incidents)


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """The rename itself on the disk (POSIX; Windows has no folder handle to flush)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _place(temp: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temp, target)
        return
    # Under the backups folder's lock, so no other backup takes the name meanwhile.
    if os.path.lexists(target):
        raise FileExistsError(17, "exists", str(target))
    os.rename(temp, target)


def _discard(temp: Path) -> None:
    for suffix in ("", *SQLITE_COMPANIONS):
        with contextlib.suppress(OSError):
            os.unlink(f"{temp}{suffix}")


# In rotation, in a data folder's backups folder
@dataclass(frozen=True)
class Listed:
    path: Path
    stamp: str  # JST, YYYYMMDD-HHMMSS
    reason: str
    n: int  # 1, or 2, 3 ... for several in one second

    @property
    def order(self) -> tuple[str, int]:
        return self.stamp, self.n


def listed(folder: Path) -> list[Listed]:
    """The backups in ``folder``, oldest first: only files with a backup's name (a temporary
    copy, a put-aside database, anything else there is not one)."""
    found = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for name in names:
        match = _NAME.fullmatch(name)
        if match is not None and (folder / name).is_file() and not (folder / name).is_symlink():
            found.append(Listed(folder / name, match[1], match[2], int(match[3] or 1)))
    return sorted(found, key=lambda b: b.order)


def backup_into(
    store: LogStore, folder: Path, reason: str, now: datetime, keep: int = KEEP
) -> Copy:
    """A new backup in ``folder`` named by ``now`` (JST) and ``reason``; then the automatic ones
    beyond the newest ``keep`` are removed (never the one just made, whatever the clock did)."""
    if reason not in REASONS:
        raise ValueError(reason)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc.strerror or exc) from exc
    with folder_lock(folder):
        sweep(folder)
        stamp = jst(now).strftime("%Y%m%d-%H%M%S")
        taken = [b.n for b in listed(folder) if b.stamp == stamp]
        n = max(taken, default=0) + 1
        name = f"sonae-{stamp}-{reason}{'' if n == 1 else f'-{n}'}.db"
        made = write_backup(store, folder / name)
        rotate(folder, keep, made.path)
    return made


def rotate(folder: Path, keep: int, made: Path | None = None) -> list[Path]:
    """Remove the automatic backups older than the newest ``keep``; return them."""
    automatic = [b for b in listed(folder) if b.reason in AUTOMATIC]
    excess = max(len(automatic) - keep, 0)
    gone = [b.path for b in automatic if b.path != made][:excess]
    for path in gone:
        with contextlib.suppress(OSError):
            path.unlink()
    return gone


def sweep(folder: Path) -> None:
    """Remove what a backup killed in the middle left (only under the folder's lock: then no
    backup is being made)."""
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if name.startswith(TEMP):
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """One backup or restore at a time in ``folder`` (the window's, a command's): an OS file
    lock, gone with its process, so a killed backup never leaves it held. Waits ``wait``
    seconds (``LOCK_WAIT``) for another to end."""
    lock = InstanceLock(folder)
    deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
    while True:
        try:
            lock.acquire()
            break
        except OSError as exc:  # a folder that cannot be written
            raise _cannot_write(folder, exc.strerror or exc) from exc
        except SonaeError:
            if time.monotonic() >= deadline:
                raise SonaeError(
                    msg(
                        "別のバックアップか復元が実行中です。しばらくして再度お試しください",
                        "another backup or restore is under way; try again in a moment",
                    )
                ) from None
            time.sleep(0.1)
    try:
        yield
    finally:
        lock.release()


def log_mark(store: LogStore) -> str:
    """A digest of what the log holds now (every chain's head, the rows of every table but the
    fold snapshots): equal for a log and a backup of it, and changed by any write."""
    try:
        with _reader(store) as conn:
            return _mark(conn)
    except sqlite3.Error as exc:
        raise SonaeError(describe_sqlite_error(exc, store.path)) from exc


def _mark(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    for row in conn.execute("SELECT incident_id, chain, seq, hash FROM heads ORDER BY 1, 2"):
        digest.update(("\0".join(str(v) for v in row) + "\n").encode("utf-8", "surrogatepass"))
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name <> ? ORDER BY name",
        (SNAPSHOTS,),
    ).fetchall()
    for (name,) in tables:
        quoted = '"' + str(name).replace('"', '""') + '"'
        count = conn.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
        digest.update(f"{name}\0{count}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def backup_mark(path: Path) -> str | None:
    """``log_mark`` of a backup file, or None if it cannot be read as a log."""
    try:
        copy = LogStore(path, read_only=True)
    except SonaeError:
        return None
    try:
        return log_mark(copy)
    except SonaeError:
        return None
    finally:
        copy.close()


# Restoring
@dataclass(frozen=True)
class Checked:
    """A file that may be restored: a Sonae database, whole, every chain verified."""

    path: Path
    sha256: str
    entries: int
    incidents: int
    uuids: frozenset[str]


def _refused(path: Path, why: Msg) -> SonaeError:
    return SonaeError(
        msg(
            "{p} は復元できません: " + _literal(why.render("ja")),
            "cannot restore {p}: " + _literal(why.render("en")),
            p=path,
        )
    )


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def check_backup(path: Path) -> Checked:
    """Refuse, in one line, a file that is not a Sonae database whose every chain verifies: not
    a file, not an SQLite file, writes left in its ``-wal``, damaged, no Sonae log in it, a newer
    schema than this Sonae (the store refuses it), or a chain that does not verify. Nothing is
    written, beside the file or anywhere."""
    try:
        header = read_regular(path, 99)
    except FileNotFoundError:
        raise _refused(path, msg("ファイルがありません", "there is no such file")) from None
    except OSError as exc:
        raise _refused(
            path, msg("読めません ({e})", "it cannot be read ({e})", e=exc.strerror or exc)
        ) from None
    if not header.startswith(b"SQLite format 3\x00"):
        raise _refused(
            path,
            msg(
                "Sonae のデータベースではありません (SQLite のファイルではありません)",
                "it is not a Sonae database (not an SQLite file)",
            ),
        )
    if wal_holds_writes(path):
        raise _refused(
            path,
            msg(
                "その -wal にまだ書き込まれていない記録があります。そのフォルダで Sonae を一度開いて閉じるか、"
                "sonae backup で写しを作ってください",
                "its -wal holds writes not yet in the file; open and close Sonae on that folder "
                "once, or make a copy there with sonae backup",
            ),
        )
    digest = file_sha256(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            damage = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        damage, version = [" ".join(str(exc).split())[:200]], 0
    if damage != ["ok"]:
        raise _refused(path, msg("壊れています ({d})", "it is damaged ({d})", d=damage[0][:200]))
    if version == 0:
        raise _refused(
            path, msg("Sonae の記録がありません", "it holds no Sonae log (not a Sonae database)")
        )
    try:
        # The store's own refusals: another application's database, a newer Sonae's schema.
        store = LogStore(path, read_only=True)
    except SonaeError as exc:
        raise _refused(path, exc.msg) from None
    try:
        result = verify(store)
        incidents = len(store.incident_ids())
        uuids = frozenset(str(r[0]) for r in store.db.execute("SELECT uuid FROM entries"))
    except sqlite3.Error as exc:
        raise _refused(path, msg("読めません ({e})", "it cannot be read ({e})", e=exc)) from None
    finally:
        store.close()
    if not result.ok:
        raise _refused(
            path, msg("検証を通りません: {r}", "it does not verify: {r}", r=result.describe())
        )
    return Checked(path, digest, result.checked, incidents, uuids)


def current_uuids(database: Path) -> frozenset[str] | Msg:
    """The uuid of every entry the live database holds, its WAL first folded into the file (so
    the file moved aside is the whole of it); or why it cannot be read (a damaged database is
    moved aside as it is). Refuses while another process has it open: an exclusive lock is
    taken for the reading, which no other connection allows."""
    uri = database.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=rw", uri=True, timeout=2.0)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("BEGIN EXCLUSIVE")
            rows = conn.execute("SELECT uuid FROM entries").fetchall()
            conn.rollback()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        text = " ".join(str(exc).split())[:200]
        if "locked" in text or "busy" in text:
            raise SonaeError(
                msg(
                    "データベースが他のプロセスで使用中です。終了してから復元してください",
                    "the database is in use by another process; let it end, then restore",
                )
            ) from None
        return msg("{e}", "{e}", e=text)
    return frozenset(str(r[0]) for r in rows)


def put_in_place(root: Path, checked: Checked, aside_folder: Path, stamp: str) -> Path | None:
    """Put the checked backup in place as the data folder's database: copied beside it first
    (and compared with what was checked), then the database and its companions moved aside into
    ``aside_folder`` as ``replaced-STAMP.db`` (never over a file), then the copy renamed into
    place. Returns the put-aside database (None if there was none). On any failure, everything
    goes back where it was."""
    database = root / DATABASE
    temp = root / f"{TEMP}restore-{secrets.token_hex(6)}.db"
    try:
        with open(checked.path, "rb") as source, open(temp, "xb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        if file_sha256(temp) != checked.sha256:
            raise _refused(
                checked.path,
                msg("確認の途中で変更されました", "it changed while it was being checked"),
            )
    except BaseException:
        _discard(temp)
        raise
    present = [s for s in (*SQLITE_COMPANIONS, "") if os.path.lexists(f"{database}{s}")]
    aside = _free_name(aside_folder, f"{REPLACED}{stamp}", present) if present else None
    moved: list[str] = []
    try:
        if aside is not None:
            aside_folder.mkdir(parents=True, exist_ok=True)
            # The companions first: a -wal left beside the restored database would be replayed
            # into it.
            for suffix in present:
                os.rename(f"{database}{suffix}", f"{aside}{suffix}")
                moved.append(suffix)
        if any(os.path.lexists(f"{database}{s}") for s in ("", *SQLITE_COMPANIONS)):
            raise FileExistsError(17, "a database file came back meanwhile", str(database))
        os.rename(temp, database)
    except BaseException:
        for suffix in reversed(moved):
            with contextlib.suppress(OSError):
                os.rename(f"{aside}{suffix}", f"{database}{suffix}")
        _discard(temp)
        raise
    _flush_folder(root)
    _flush_folder(aside_folder)
    return aside


def _free_name(folder: Path, stem: str, suffixes: list[str]) -> Path:
    """``folder/stem.db`` or ``stem-2.db`` ..., with none of the files it would take there."""
    n = 1
    while True:
        path = folder / (f"{stem}.db" if n == 1 else f"{stem}-{n}.db")
        if not any(os.path.lexists(f"{path}{s}") for s in ("", *SQLITE_COMPANIONS, *suffixes)):
            return path
        n += 1


def sweep_restores(root: Path) -> None:
    """Remove a copy a restore killed in the middle left in the data folder."""
    with contextlib.suppress(OSError):
        for name in os.listdir(root):
            if name.startswith(f"{TEMP}restore-"):
                with contextlib.suppress(OSError):
                    os.unlink(root / name)

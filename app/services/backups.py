"""Backups and restore (``sonae backup``, ``sonae restore``, the window's half-hourly and
closing backups, the one before every import).

A backup is an online copy of the database, checked as a Sonae database of its own before it
takes its name (``app/store/backup.py``), kept in rotation in the data folder's ``backups/``, or
written where the user named (``--out``, under the rules of ``outputs``).

A restore checks the file first (a Sonae database, whole, every chain verified, a schema this
Sonae reads); refuses while a window has the data folder; then puts the current database, its WAL
folded in, aside in ``backups/`` as ``replaced-TIME.db`` (never overwritten, never deleted) and
the backup in its place. What the current database held that the backup does not is said in
numbers, with where it is kept. The seen record is left as it was: the next start says those
entries are missing from the log, until someone accepts it (``sonae verify --acknowledge-loss``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.timeutil import jst
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.paths import BACKUPS_FOLDER, database_path

if TYPE_CHECKING:
    from app.services.workspace import Workspace


def backups_folder(ws: Workspace) -> Path:
    return ws.root / BACKUPS_FOLDER


def make_backup(ws: Workspace, reason: str, out: Path | None = None) -> Path:
    """Back up the log: into ``backups/`` for ``reason`` (schedule, close, import, manual), or
    into ``out``, a file the user named. Returns the file, complete and checked."""
    from app.store.backup import REASONS, backup_into, write_backup

    if reason not in REASONS:
        raise ValueError(reason)
    if out is not None:
        from app.services.outputs import output_target

        target, mode = output_target(Path(out), ws.root)
        return write_backup(ws.store, target, overwrite=True, mode=mode or 0o600).path
    ws.check_writable()
    return backup_into(ws.store, backups_folder(ws), reason, ws.real_clock.now()).path


def before_import(ws: Workspace) -> Callable[[], Path]:
    """The backup every import makes before it writes, as the callable the import takes:
    ``bundle_import.process(ws, prepared, backup=before_import(ws))``."""
    return lambda: make_backup(ws, "import")


def backup_if_changed(ws: Workspace, reason: str) -> Path | None:
    """A backup into ``backups/`` if the log changed since the newest one there (or there is
    none); None when nothing changed, or the folder is read-only."""
    from app.store.backup import backup_mark, listed, log_mark

    if ws.read_only:
        return None
    found = listed(backups_folder(ws))
    if found and backup_mark(found[-1].path) == log_mark(ws.store):
        return None
    return make_backup(ws, reason)


@dataclass(frozen=True)
class Contents:
    size: int  # bytes
    entries: int
    incidents: int


def contents(path: Path) -> Contents:
    """What a backup holds (read, not verified: ``restore`` verifies)."""
    from app.store.log import LogStore

    store = LogStore(path, read_only=True)
    try:
        ids = store.incident_ids()
        entries = sum(store.count(i) for i in ids)
    finally:
        store.close()
    return Contents(path.stat().st_size, entries, len(ids))


@dataclass(frozen=True)
class Restored:
    source: Path
    database: Path
    entries: int  # in the restored database
    incidents: int
    aside: Path | None  # where the replaced database was put (None: there was none)
    missing: int | None  # entries it held that the restored one does not (None: unreadable)
    unreadable: Msg | None = None  # why the replaced database could not be read

    def lines(self) -> list[Msg]:
        said = [
            msg(
                "{s} を復元しました ({n} 件、インシデント {i} 件): {d}",
                "restored {s} ({n} entries, {i} incidents) as {d}",
                s=self.source,
                n=self.entries,
                i=self.incidents,
                d=self.database,
            )
        ]
        if self.aside is None:
            said.append(
                msg("置き換えたデータベースはありません", "there was no database to replace")
            )
        elif self.unreadable is not None:
            said.append(
                msg(
                    "置き換えたデータベースは読めませんでした ({why})。そのまま {p} に保管しました",
                    "the database it replaced could not be read ({why}); it is kept as it was in {p}",
                    why=self.unreadable,
                    p=self.aside,
                )
            )
        elif self.missing:
            said.append(
                msg(
                    "置き換えたデータベースには、復元した記録にない {k} 件がありました。失われてはいません: "
                    "{p} に保管しました。次の起動と sonae verify はこれを記録の消失として示します"
                    " (確認のうえ sonae verify --acknowledge-loss で基準にできます)",
                    "the database it replaced held {k} entries the restored one does not; they are "
                    "not lost, but kept in {p}. The next start and sonae verify will say they are "
                    "missing (accept it with sonae verify --acknowledge-loss)",
                    k=self.missing,
                    p=self.aside,
                )
            )
        else:
            said.append(
                msg(
                    "置き換えたデータベースの記録はすべて復元した記録にあります。元のファイルは {p} に保管しました",
                    "every entry of the database it replaced is in the restored one; that file "
                    "is kept in {p}",
                    p=self.aside,
                )
            )
        return said


def restore(ws: Workspace, file: Path) -> Restored:
    """Restore the database from ``file`` (see the module's note). Refuses, in one line and
    changing nothing: a file that is not a Sonae database whose every chain verifies, the
    database itself, a read-only folder, a window open on the folder."""
    from app.services.instance import lock_data_folder
    from app.store.backup import (
        check_backup,
        current_uuids,
        folder_lock,
        put_in_place,
        sweep_restores,
    )

    ws.check_writable()
    source = Path(file)
    database = database_path(ws.root)
    if _same_file(source, database):
        raise SonaeError(
            msg(
                "{p} は使用中のデータベースそのものです。復元には backups/ の写しなどを指定してください",
                "{p} is the database in use; name a backup (in backups/, say) to restore",
                p=source,
            )
        )
    ws.close()  # this command's own connection: the file is about to be moved
    try:
        lock = lock_data_folder(ws.root)
    except SonaeError:
        raise SonaeError(
            msg(
                "このデータフォルダ ({p}) で Sonae のウィンドウが開いています。閉じてから復元してください",
                "Sonae is open on this data folder ({p}); close its window, then restore",
                p=ws.root,
            )
        ) from None
    try:
        with folder_lock(backups_folder(ws)):
            sweep_restores(ws.root)
            checked = check_backup(source)
            held = current_uuids(database) if database.is_file() else frozenset()
            stamp = jst(ws.real_clock.now()).strftime("%Y%m%d-%H%M%S")
            try:
                aside = put_in_place(ws.root, checked, backups_folder(ws), stamp)
            except OSError as exc:
                raise SonaeError(
                    msg(
                        "復元できません。何も変えていません: {e}",
                        "cannot restore; nothing was changed: {e}",
                        e=exc.strerror or exc,
                    )
                ) from exc
    finally:
        lock.release()
    unreadable = held if isinstance(held, Msg) else None
    missing = len(held - checked.uuids) if isinstance(held, frozenset) else None
    return Restored(
        source, database, checked.entries, checked.incidents, aside, missing, unreadable
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False

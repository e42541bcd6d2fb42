"""Files Sonae writes: every output a user names (``--out``), and Sonae's own files.

Both go through ``replace_atomically``: a temporary file beside the target, flushed to disk, then
renamed over it, so a crash or a full disk never leaves half a file. An output a user names is
first checked by ``output_target``, because one mistyped path must never cost the log:

- never one of the files or folders Sonae keeps in a data folder (the database and its
  ``-wal``/``-shm``, the seen record, contacts, settings, the city's plans ...), however the
  path is spelt (through links, ``..``, another case on Windows);
- never through an existing symbolic link (it could point anywhere, ``/etc/passwd`` included);
- never over a read-only file, a special file or a folder; never into a missing folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from app.errors import SonaeError
from app.files import file_sha256
from app.i18n import Msg, msg
from app.paths import DATABASE, DEVICE_FILE, KEPT_FOLDERS, KEPT_NAMES, LOCK_FILE, SEEN_FILE

Writer = Callable[[IO[bytes]], Any]


def cannot_write(out: Path, exc: OSError) -> SonaeError:
    reason = exc.strerror or type(exc).__name__
    return SonaeError(msg("{p} に書き込めません: {e}", "cannot write {p}: {e}", p=out, e=reason))


def _norm(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


# What marks a folder as a Sonae data folder, even one whose database is gone (then its seen
# record matters most).
_MARKERS = (DATABASE, SEEN_FILE, DEVICE_FILE, LOCK_FILE)
_KEPT_NAMES = {name.casefold() for name in KEPT_NAMES}
_KEPT_FOLDERS = {name.casefold() for name in KEPT_FOLDERS}


def _data_folders(target: Path, root: Path | None) -> list[Path]:
    """The data folder in use, and any folder at or above the target that is one."""
    found = [Path(root)] if root is not None else []
    for folder in (target.parent, target.parent.parent):
        if any((folder / name).exists() for name in _MARKERS):
            found.append(folder)
    return found


def _kept_by(target: Path, root: Path | None) -> bool:
    """Whether ``target`` (its folder already resolved) is, or is inside, something Sonae keeps
    in a data folder. Names are compared without case: on a USB stick (FAT, exFAT) or on
    Windows, CONTACTS.YAML is contacts.yaml."""
    where = Path(_norm(target))
    for data in _data_folders(target, root):
        base = Path(_norm(data))
        try:
            parts = [part.casefold() for part in where.relative_to(base).parts]
        except ValueError:
            parts = []
        if (len(parts) == 1 and parts[0] in _KEPT_NAMES) or (parts and parts[0] in _KEPT_FOLDERS):
            return True
        for name in KEPT_FOLDERS:  # a kept folder that is a link to somewhere else
            real = Path(_norm(base / name))
            if where == real or real in where.parents:
                return True
        # A hard link to a kept file, or a name the file system folds (short names).
        if target.exists():
            for name in KEPT_NAMES:
                kept = base / name
                try:
                    if kept.exists() and os.path.samefile(kept, target):
                        return True
                except OSError:
                    continue
    return False


def _refusal(
    out: Path, target: Path | None, found: os.stat_result | None, root: Path | None
) -> Msg | None:
    """Why ``out`` must not be written (``target`` is it with its folder resolved; None when the
    folder does not exist), or None."""
    if target is None:
        return msg(
            "フォルダ {d} がありません（作成はしません）",
            "folder {d} does not exist (it is not created)",
            d=out.parent,
        )
    if out.is_symlink():
        return msg(
            "{p} はシンボリックリンクのため書き込みません（リンク先を上書きしないため）",
            "{p} is a symbolic link; refusing to write through it",
            p=out,
        )
    if _kept_by(target, root):
        return msg(
            "{p} は Sonae がデータフォルダに保つファイルです。出力先には使えません",
            "{p} is a file Sonae keeps in its data folder; it cannot be an output",
            p=out,
        )
    if found is not None and not stat.S_ISREG(found.st_mode):
        return msg(
            "{p} は通常のファイルではないため書き込みません",
            "{p} is not a regular file; refusing to write over it",
            p=out,
        )
    # The mode bit, not only access(): an administrator may write anything, but a file someone
    # made read-only is not to be replaced by a report.
    if found is not None and not (found.st_mode & stat.S_IWUSR and os.access(target, os.W_OK)):
        return msg(
            "{p} は読み取り専用のため上書きしません",
            "{p} is read-only; refusing to replace it",
            p=out,
        )
    return None


def output_target(out: Path, root: Path | None) -> tuple[Path, int | None]:
    """The checked file to write for an output the user named, and the permission bits it
    already has (None for a new file). ``root`` is the data folder in use."""
    out = Path(out)
    target = Path(os.path.realpath(out.parent)) / out.name if out.parent.is_dir() else None
    found: os.stat_result | None = None
    if target is not None:
        try:
            found = os.lstat(target)
        except FileNotFoundError:
            found = None
        except OSError as exc:
            raise cannot_write(out, exc) from exc
    refused = _refusal(out, target, found, root)
    if refused is not None or target is None:
        raise SonaeError(refused or "")
    return target, stat.S_IMODE(found.st_mode) if found is not None else None


def _create_temp(out: Path, mode: int) -> tuple[int, Path]:
    """A new file beside ``out``. O_EXCL: never an existing file, never through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = out.parent / f".{out.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temp, flags, mode), temp
        except FileExistsError:
            continue


def replace_atomically(
    out: Path,
    write: Writer,
    *,
    new_mode: int = 0o666,
    keep_mode: int | None = None,
    before_move: Callable[[str], Any] | None = None,
) -> str:
    """Write through ``write`` into a temporary file beside ``out``, then move it into place.

    A new file gets ``new_mode`` less the umask (0o666: like any file the user makes; 0o600 for
    personal data); an existing one keeps ``keep_mode``. ``before_move`` gets the sha256 of
    what was written and runs before the move: if it raises (the log cannot record the copy),
    nothing is written. Returns that sha256. OSError becomes a one-line SonaeError.
    """
    try:
        fd, temp = _create_temp(out, new_mode)
    except OSError as exc:
        raise cannot_write(out, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_mode is not None:
            os.chmod(temp, keep_mode)
        digest = file_sha256(temp)
        if before_move is not None:
            before_move(digest)
        os.replace(temp, out)
    except OSError as exc:
        _discard(temp)
        raise cannot_write(out, exc) from exc
    except BaseException:
        _discard(temp)
        raise
    return digest


def _discard(temp: Path) -> None:
    """Remove a temporary file; in a folder that allows no removal (append-only), leave it."""
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def write_output(
    out: Path, write: Writer, root: Path | None, before_move: Callable[[str], Any] | None = None
) -> tuple[Path, str]:
    """An output the user named: checked (see the module's rules), then written atomically.
    Returns the file written and its sha256."""
    target, keep_mode = output_target(out, root)
    return target, replace_atomically(target, write, keep_mode=keep_mode, before_move=before_move)

"""Evidence files: what responders attach to an incident (a photo of the ransom note, a log
extract, a screenshot), kept in the data folder's ``evidence/`` folder under the sha256 of their
content. The log holds only the hash (``evidence_added``), so the chain vouches for the bytes: a
file changed afterwards no longer has its name's hash, and ``verify`` says so.

A file is copied in once: streamed into a temporary file in the folder while it is hashed,
flushed to disk, made read-only and renamed to its hash. The same content attached twice (to two
steps, by two people) is stored once. Only a regular file is taken, never through a link, never
more than ``LIMIT`` bytes: a folder, a device or a FIFO named by mistake is refused in one line,
and nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.errors import SonaeError
from app.files import file_sha256
from app.i18n import Msg, msg
from app.paths import EVIDENCE_FOLDER

LIMIT = 100 * 1024 * 1024  # bytes: a photo, a log extract, a screenshot; not a disk image
STATES = ("intact", "missing", "changed")
_SHA = re.compile("[0-9a-f]{64}")
_BLOCK = 1 << 20


@dataclass(frozen=True)
class Stored:
    """A file as it was stored: its hash, its size, and the original file's base name."""

    sha256: str
    size: int
    name: str


def folder(root: Path) -> Path:
    return Path(root) / EVIDENCE_FOLDER


def path(root: Path, sha256: str) -> Path:
    """Where the file of this hash is kept. The hash is checked first: it names a file, and a
    bundle from elsewhere must not name ``../sonae.db``."""
    if not isinstance(sha256, str) or not _SHA.fullmatch(sha256):
        raise SonaeError(
            msg("'{sha}' は sha256 ではありません", "'{sha}' is not a sha256", sha=str(sha256)[:80])
        )
    return folder(root) / sha256


def state(root: Path, sha256: str) -> str:
    """``intact`` (its content has its hash), ``missing`` (no file, or one that cannot be read)
    or ``changed`` (another content, or something other than a regular file in its place)."""
    return _state_at(path(root, sha256), sha256)


def _state_at(where: Path, sha256: str) -> str:
    try:
        found = os.lstat(where)
    except OSError:  # not there, or not to be looked at: either way it cannot be produced
        return "missing"
    if not stat.S_ISREG(found.st_mode):
        return "changed"
    try:
        return "intact" if file_sha256(where) == sha256 else "changed"
    except OSError:
        return "missing"


def put(root: Path, source: Path, limit: int = LIMIT) -> Stored:
    """Store a copy of ``source`` (a regular file of at most ``limit`` bytes) under its hash."""
    source = Path(source)
    try:
        before = os.lstat(source)
    except FileNotFoundError:
        raise SonaeError(
            msg("ファイル {p} がありません", "file {p} does not exist", p=source)
        ) from None
    except OSError as exc:
        raise SonaeError(_unreadable(source, exc)) from exc
    refused = _refusal(source, before, limit)
    if refused is not None:
        raise SonaeError(refused)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check never blocks
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise SonaeError(_unreadable(source, exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        now = os.fstat(handle.fileno())
        # The file opened is the one checked (not a link or another file put there meanwhile).
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise SonaeError(_not_regular(source))
        refused = _refusal(source, now, limit)
        if refused is not None:
            raise SonaeError(refused)
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle.fileno(), True)
        return _keep(root, source, handle, limit)


def put_bytes(root: Path, sha256: str, data: bytes) -> Path:
    """Store ``data`` (an evidence file carried in a bundle) under ``sha256``, refused if its
    content does not have that hash. Returns where it is kept."""
    where = path(root, sha256)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SonaeError(
            msg(
                "証拠ファイル {sha} の内容がハッシュと一致しません",
                "evidence file {sha}: its content does not match its sha256",
                sha=sha256[:16],
            )
        )
    if _already_kept(where, sha256):
        return where
    try:
        temp = _temp(where.parent)
    except OSError as exc:
        raise SonaeError(_cannot_store(where.parent, exc)) from exc
    try:
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _seal(temp, where)
    except OSError as exc:
        _discard(temp)
        raise SonaeError(_cannot_store(where, exc)) from exc
    return where


def _keep(root: Path, source: Path, handle: BinaryIO, limit: int) -> Stored:
    digest = hashlib.sha256()
    size = 0
    base = folder(root)
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SonaeError(_cannot_store(base, exc)) from exc
    temp = _temp(base)
    try:
        with open(temp, "wb") as out:
            while block := handle.read(_BLOCK):
                size += len(block)
                if size > limit:  # it grew after the check: refused, as a large file is
                    raise SonaeError(_too_large(source, size, limit))
                digest.update(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        where = base / sha
        if _already_kept(where, sha):
            _discard(temp)
        else:
            _seal(temp, where)
    except OSError as exc:
        _discard(temp)
        raise SonaeError(_cannot_store(base, exc)) from exc
    except BaseException:
        _discard(temp)
        raise
    return Stored(sha, size, source.name)


def _already_kept(where: Path, sha256: str) -> bool:
    """Whether the same content is kept already. A file of that name whose content changed is
    not replaced: the change stays for verify to name, and the new copy is refused."""
    kept = _state_at(where, sha256)
    if kept == "changed":
        raise SonaeError(
            msg(
                "保管中の証拠ファイル {sha} の内容が変更されています。sonae verify で確認してください",
                "the stored evidence file {sha} was changed; run sonae verify",
                sha=sha256[:16],
            )
        )
    return kept == "intact"


def _seal(temp: Path, where: Path) -> None:
    """Read-only, then renamed to its hash, and the rename itself flushed to disk."""
    where.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(temp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.replace(temp, where)
    if hasattr(os, "O_DIRECTORY"):  # POSIX: the folder's entry too (not possible on Windows)
        fd = os.open(where.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp(base: Path) -> Path:
    base.mkdir(parents=True, exist_ok=True)
    return base / f".{secrets.token_hex(8)}.tmp"


def _discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def _refusal(source: Path, found: os.stat_result, limit: int) -> Msg | None:
    if stat.S_ISLNK(found.st_mode):
        return msg(
            "{p} はシンボリックリンクのため添付しません（リンク先のファイルを指定してください）",
            "{p} is a symbolic link; attach the file it points to instead",
            p=source,
        )
    if stat.S_ISDIR(found.st_mode):
        return msg(
            "{p} はフォルダです。ファイルを指定してください",
            "{p} is a folder; name a file",
            p=source,
        )
    if not stat.S_ISREG(found.st_mode):
        return _not_regular(source)
    if found.st_size > limit:
        return _too_large(source, found.st_size, limit)
    return None


def _not_regular(source: Path) -> Msg:
    return msg(
        "{p} は通常のファイルではないため添付しません（デバイスや名前付きパイプなど）",
        "{p} is not a regular file (a device, a pipe); refusing to attach it",
        p=source,
    )


def _too_large(source: Path, size: int, limit: int) -> Msg:
    return msg(
        "{name} は {size} MB あり、添付できる上限 {limit} MB を超えています",
        "{name} is {size} MB; evidence files may be at most {limit} MB",
        name=source.name,
        size=f"{size / 1024 / 1024:.1f}",
        limit=f"{limit / 1024 / 1024:g}",
    )


def _unreadable(source: Path, exc: OSError) -> Msg:
    return msg(
        "{p} を読めません: {e}",
        "cannot read {p}: {e}",
        p=source,
        e=exc.strerror or type(exc).__name__,
    )


def _cannot_store(where: Path, exc: OSError) -> Msg:
    return msg(
        "証拠ファイルを {p} に保存できません: {e}",
        "cannot store the evidence file in {p}: {e}",
        p=where,
        e=exc.strerror or type(exc).__name__,
    )

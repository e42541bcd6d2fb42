"""Reading a file that someone else may have put in place (a plan, the contacts, the seen
record, the settings): only a regular file, never blocking, never more than a bound. And the
sha256 of a file Sonae wrote (a report issued, an exercise's archive), read in blocks.

A FIFO named ``contacts.yaml`` would otherwise block the reader for ever, a folder named
``x.yaml`` would read as an error deep inside a parser, and a 50 GB file would fill the memory.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path


class NotRegular(OSError):
    """The path exists but is not a regular file (a folder, a FIFO, a device)."""


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``path`` (so a caller can tell it is too large).

    Raises FileNotFoundError if it does not exist, NotRegular if it is not a regular file, and
    OSError if it cannot be read. A FIFO is opened without blocking, then refused.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(0, "not a regular file", str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str:
    """The sha256 of a whole file, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

"""One running app per data folder.

Two windows on one log would each keep a cached view that the other silently invalidates, so the
second one is refused with a clear message. The lock is an OS file lock: it disappears with the
process, so a crash never leaves a stale lock behind. (Command-line writes need no lock: SQLite's
own write lock serialises them.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from app.errors import SonaeError
from app.i18n import msg
from app.paths import LOCK_FILE


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_FILE
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the app's life
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise SonaeError(
                msg(
                    "Sonae は既にこのデータフォルダ ({p}) で起動しています。開いているウィンドウを使ってください",
                    "Sonae is already running on this data folder ({p}); use the open window",
                    p=self.path.parent,
                )
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock(handle: IO[str]) -> None:
    if os.name == "nt":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

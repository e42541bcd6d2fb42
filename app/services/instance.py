"""One window per data folder. Kept apart from the workspace so that the window can claim the
folder before it imports the services (pydantic, SQLite): start-up stays fast."""

from __future__ import annotations

from pathlib import Path

from app.store.lock import InstanceLock


def lock_data_folder(root: Path) -> InstanceLock:
    """Claim the data folder for one window; raises SonaeError if another window has it."""
    lock = InstanceLock(root)
    lock.acquire()
    return lock

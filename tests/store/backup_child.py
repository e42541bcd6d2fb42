"""A process for the backup crash test, like the window: one thread appends entries (printing
each one it was told was committed), the main thread makes backups one after another, saying
which phase each one is in. The test kills it with SIGKILL at random moments.

``--slow``: the copy goes a page at a time with a pause after each, so a kill lands in it."""

from __future__ import annotations

import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.domain.entries import EntryDraft
from app.store import backup
from app.store.log import LogStore

_out = threading.Lock()


def say(line: str) -> None:
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def phase(name: str, real: Any) -> Any:
    def said(*args: Any, **kwargs: Any) -> Any:
        say(f"phase {name}")
        return real(*args, **kwargs)

    return said


def write(store: LogStore, incident: str) -> None:
    n = 0
    while True:
        n += 1
        for entry in store.append(
            [EntryDraft(incident, "noted", "writer", datetime.now(UTC), payload={"text": f"{n}"})]
        ):
            say(f"ack {entry.seq} {entry.hash}")
        time.sleep(0.005)


def main(path: str, folder: str, incident: str, slow: bool) -> None:
    store = LogStore(Path(path))  # the laptop that opened the incident: it continues that chain
    if slow:
        backup.STEP_PAGES, backup.STEP_PAUSE = 1, 0.002
    backup._copy = phase("copy", backup._copy)
    backup._check = phase("check", backup._check)
    backup._place = phase("place", backup._place)
    threading.Thread(target=write, args=(store, incident), daemon=True).start()
    n = 0
    while True:
        n += 1
        when = datetime(2026, 11, 25, tzinfo=UTC) + timedelta(seconds=n)
        made = backup.backup_into(store, Path(folder), "schedule", when)
        say(f"made {made.path.name}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], slow="--slow" in sys.argv[4:])

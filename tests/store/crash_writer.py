"""A writer process for the crash test: appends entries forever, printing each one it was told
was committed. The test kills it with SIGKILL at random moments."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from app.domain.entries import EntryDraft
from app.paths import SEEN_FILE
from app.store.log import LogStore
from app.store.seen import SeenRecord


def main(path: str, incident: str, seen: bool = False, pace: float = 0.0) -> None:
    record = SeenRecord(Path(path).with_name(SEEN_FILE)) if seen else None
    # The laptop that opened the incident (tests.store.helpers.fill): it continues that chain.
    store = LogStore(Path(path), seen=record)
    n = 0
    while True:
        n += 1
        drafts = [
            EntryDraft(
                incident,
                "noted",
                "writer",
                datetime.now(UTC),
                payload={"text": f"entry {n} " + "x" * (n % 50)},
            )
        ]
        if n % 7 == 0:  # sometimes a multi-entry transaction, like a step that meets a deadline
            drafts.append(
                EntryDraft(
                    incident, "noted", "writer", datetime.now(UTC), payload={"text": f"pair {n}"}
                )
            )
        for entry in store.append(drafts):
            sys.stdout.write(f"{entry.seq} {entry.hash}\n")
        sys.stdout.flush()
        if pace:
            time.sleep(pace)  # a person's pace, like the window


if __name__ == "__main__":
    options = sys.argv[3:]
    pace = float(options[options.index("--pace") + 1]) if "--pace" in options else 0.0
    main(sys.argv[1], sys.argv[2], seen="--seen" in options, pace=pace)

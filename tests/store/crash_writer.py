"""A writer process for the crash test: appends entries forever, printing each one it was told
was committed. The test kills it with SIGKILL at random moments."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from app.domain.entries import EntryDraft
from app.store.log import LogStore


def main(path: str, incident: str) -> None:
    store = LogStore(Path(path), device="crash")
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


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

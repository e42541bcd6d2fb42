"""A removal: an exercise moved out of the log as a whole, the one deletion Sonae allows.

Its row in ``removals`` (kept for ever, db.TRIGGERS) says who removed which exercise, when and
why, what it held (each chain's head and the entry count) and the archive it went to: a Sonae
database of its own, by its sha256, which ``sonae verify`` checks like any log. So a removed
exercise is accounted for, never a loss, and its record can still be read and verified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.domain.chain import Head

REMOVAL_COLUMNS = (
    "incident_id, mode, entries, chains, archive, archive_sha256, actor, login, removed_at, reason"
)
ARCHIVE_FOLDER = "archive"  # in the data folder: one folder per removed exercise


@dataclass(frozen=True)
class Removal:
    incident_id: str
    mode: str
    entries: int
    chains: dict[str, Head]  # each chain's head when it was removed
    archive: str  # the archive's database, relative to the data folder
    archive_sha256: str
    actor: str
    login: str
    removed_at: str  # UTC ISO 8601
    reason: str

    def row(self) -> tuple[Any, ...]:
        chains = {key: [seq, digest] for key, (seq, digest) in sorted(self.chains.items())}
        return (
            self.incident_id,
            self.mode,
            self.entries,
            json.dumps(chains, sort_keys=True),
            self.archive,
            self.archive_sha256,
            self.actor,
            self.login,
            self.removed_at,
            self.reason,
        )

    @staticmethod
    def of_row(row: Any) -> Removal:
        chains = json.loads(row[3])
        return Removal(
            str(row[0]),
            str(row[1]),
            int(row[2]),
            {str(k): (int(v[0]), str(v[1])) for k, v in chains.items()},
            str(row[4]),
            str(row[5]),
            str(row[6]),
            str(row[7]),
            str(row[8]),
            str(row[9]),
        )

    def covers(self, chains: dict[str, Head], seq: int) -> bool:
        """Whether what was seen of the incident (each chain's head, or with a record that kept
        no chains its entry count) is all within what was removed: then it is accounted for."""
        if not chains:
            return seq <= self.entries
        return all(
            key in self.chains and s <= self.chains[key][0] for key, (s, _) in chains.items()
        )

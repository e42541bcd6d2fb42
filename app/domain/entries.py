"""Log entries: the only record of what happened in an incident.

An ``EntryDraft`` is what a service wants to write; the store turns it into a ``LogEntry`` by giving
it a place in the chain (seq, recorded_at, prev_hash, hash). Hashing lives here, not in the store,
so that an exported bundle can be verified by the same code with no database at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

GENESIS = "0" * 64

# Every kind the fold understands. Unknown kinds are kept and shown, never dropped.
KINDS = (
    "opened",
    "step_started",
    "step_done",
    "step_skipped",
    "decided",
    "noted",
    "status_changed",
    "evidence_added",
    "deadline_met",
    "inject",
    "corrected",
    "report_issued",
    "handed_over",
    "lesson",
)
MODES = ("real", "drill", "tabletop")
STATUSES = ("open", "contained", "recovered", "closed")


@dataclass(frozen=True)
class EntryDraft:
    incident_id: str
    kind: str
    actor: str
    occurred_at: datetime
    step_id: str | None = None
    decision_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LogEntry:
    seq: int
    uuid: str
    incident_id: str
    kind: str
    step_id: str | None
    decision_id: str | None
    actor: str
    device: str
    recorded_at: str  # UTC ISO 8601, from the system clock; nobody can set it
    occurred_at: str  # UTC ISO 8601, when it happened (may be back-filled)
    # The payload, or its JSON text as read from the database: parsed on first use, because
    # opening a large incident reads many entries (notes above all) whose payload nobody looks at.
    payload_data: dict[str, Any] | str
    flags: str  # "clock_backwards" when recorded_at went back in time; "" otherwise
    prev_hash: str
    hash: str

    @property
    def payload(self) -> dict[str, Any]:
        data = self.payload_data
        if isinstance(data, str):
            data = json.loads(data)
            object.__setattr__(self, "payload_data", data)  # a cache, not a change
        return data

    def hashed_fields(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "uuid": self.uuid,
            "incident_id": self.incident_id,
            "kind": self.kind,
            "step_id": self.step_id,
            "decision_id": self.decision_id,
            "actor": self.actor,
            "device": self.device,
            "recorded_at": self.recorded_at,
            "occurred_at": self.occurred_at,
            "payload": self.payload,
            "flags": self.flags,
        }


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(fields)).encode("utf-8")).hexdigest()


def compute_hash(entry: LogEntry) -> str:
    return entry_hash(entry.prev_hash, entry.hashed_fields())

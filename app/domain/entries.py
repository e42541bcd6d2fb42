"""Log entries: the only record of what happened in an incident.

An ``EntryDraft`` is what a service wants to write; the store turns it into a ``LogEntry`` by giving
it a place in the chain (seq, recorded_at, prev_hash, hash). Hashing lives here, not in the store,
so that an exported bundle can be verified by the same code with no database at all.
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

GENESIS = "0" * 64

# The kinds of entry are defined in kinds.py (the registry), with their payloads.
MODES = ("real", "drill", "tabletop")
STATUSES = ("open", "contained", "recovered", "closed")
ZONES: tuple[str, ...] = ("mynumber", "lgwan", "internet")
# The bodies (機関) the basic policy covers: 内部部局, 行政委員会, 議会, 議会事務局.
BODIES: tuple[str, ...] = ("executive", "committee", "council", "council_office")


@dataclass(frozen=True)
class EntryDraft:
    incident_id: str
    kind: str
    actor: str
    occurred_at: datetime
    step_id: str | None = None
    decision_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    # The entry's identity from birth: a derived entry (a deadline met, a correction's cascade)
    # can name its cause before either is written, and a sealed entry keeps it across laptops.
    uuid: str = field(default_factory=lambda: str(uuidlib.uuid4()))


class DamagedPayload(dict[str, Any]):
    """The payload of an entry whose stored text is not a JSON object (a tampered row)."""


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
        if not isinstance(data, dict):
            try:
                parsed = json.loads(data)
            except (TypeError, ValueError, RecursionError):
                parsed = None
            # A payload that is not a JSON object was not written by Sonae: it reads as an
            # empty, marked payload, so views still open and `verify` names the entry.
            data = parsed if isinstance(parsed, dict) else DamagedPayload()
            object.__setattr__(self, "payload_data", data)  # a cache, not a change
        return data

    @property
    def damaged(self) -> bool:
        return isinstance(self.payload, DamagedPayload)

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


def stored_fields(entry: LogEntry) -> tuple[Any, ...]:
    """An entry's fields in ``LogEntry`` order, the payload as its stored text: one row of the
    entries table (the store adds the chain) and one line of a bundle's chain member."""
    data = entry.payload_data
    return (
        entry.seq,
        entry.uuid,
        entry.incident_id,
        entry.kind,
        entry.step_id,
        entry.decision_id,
        entry.actor,
        entry.device,
        entry.recorded_at,
        entry.occurred_at,
        # A text read from a database or a bundle is kept as it is (the chain walk checks it is
        # in Sonae's one form); a parsed or new payload is written in that form.
        data if isinstance(data, str) else payload_text(entry.payload),
        entry.flags,
        entry.prev_hash,
        entry.hash,
    )


def payload_text(payload: dict[str, Any]) -> str:
    """The payload as the store writes it: one spelling per payload, so a stored text that is
    not exactly this (duplicate keys, other spacing, not JSON at all) was not written by Sonae."""
    return _PAYLOAD_ENCODER.encode(payload)


def payload_problem(stored: object) -> str | None:
    """Why a payload as read from the database cannot be the one Sonae wrote, or None.

    Duplicate keys matter: SQL's json functions read one of the values and ``json.loads`` the
    other, so the same row would say two different things.
    """
    if not isinstance(stored, str):
        return "not text"
    # The fast way first (a whole log is checked on every verify and import): a text that
    # parses and reads back as itself is in Sonae's one form, and cannot repeat a key (a dict
    # written back has each key once). Only a text that fails is read again to say why.
    try:
        value = json.loads(stored)
    except (ValueError, RecursionError):
        return "not JSON"
    if isinstance(value, dict) and payload_text(value) == stored:
        return None
    repeated = False

    def mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        repeated = repeated or len({key for key, _ in pairs}) != len(pairs)
        return dict(pairs)

    try:
        value = json.loads(stored, object_pairs_hook=mapping)
    except (ValueError, RecursionError):
        return "not JSON"
    if repeated:
        return "duplicate keys"
    if not isinstance(value, dict):
        return "not a JSON object"
    if payload_text(value) != stored:
        return "not in the form Sonae writes"
    return None


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept as is."""
    return _CANONICAL_ENCODER.encode(value)


# Made once: json.dumps with options makes a new encoder on every call, and every append
# writes one payload text and hashes one canonical text.
_PAYLOAD_ENCODER = json.JSONEncoder(ensure_ascii=False)
_CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(fields)).encode("utf-8")).hexdigest()


def compute_hash(entry: LogEntry) -> str:
    return entry_hash(entry.prev_hash, entry.hashed_fields())

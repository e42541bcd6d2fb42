"""Chains: one per device per incident, checked without a database, merged in one order.

Each laptop that works an incident keeps its own hash chain of it: seq 1..n, each entry linking
to the one before by ``prev_hash``. A chain is named by its *key*, the device whose chain it is,
which is the ``device`` of its first entry: the key is not hashed (the hashes of every entry ever
written stay as they are), but it is bound to a hashed field, so a chain moved under another
device's name is noticed.

Three things live here so that every reader uses the same rule:

- ``ChainWalk`` / ``check_chain``: the walk over one chain's entries and its expected head. It
  names the first entry that does not hold. ``store/verify.py`` walks the database with it, and an
  imported bundle is checked with it before anything touches the database.
- ``merge``: the one order in which an incident's chains are read (and folded). It keeps each
  chain's own order and depends only on the entries, never on when they arrived in a database, so
  two laptops that hold the same chains show and fold them alike.
- ``incident_head``: one value that changes whenever any chain of the incident grows.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.domain.entries import (
    GENESIS,
    DamagedPayload,
    LogEntry,
    canonical_json,
    compute_hash,
    payload_problem,
    payload_text,
)
from app.i18n import Msg, msg

Head = tuple[int, str]  # (seq of the last entry, its hash); (0, GENESIS) for an empty chain
START: Head = (0, GENESIS)


@dataclass(frozen=True)
class ChainFault:
    """The first entry of a chain that does not hold (or, for ``end``, its last one)."""

    seq: int | None
    uuid: str | None
    reason: Msg
    checked: int  # entries looked at by this walk, this one included


def is_opening(entry: LogEntry) -> bool:
    """The entry that opened its incident: the first of the chain of the laptop that started
    it. Another laptop's chain of the incident begins with whatever that laptop did first."""
    return entry.seq == 1 and entry.kind == "opened"


class ChainWalk:
    """Walks one chain, entry by entry, in seq order.

    ``key``: the device the chain is filed under (checked against its first entry), or None not
    to check it. ``incident_id``: the incident every entry must belong to, or None. ``after``:
    where the walk starts (a continuation of a stored chain starts after its head). ``uuids``: the
    uuids already seen elsewhere (the other chains of the incident), shared to catch a repeat.
    """

    def __init__(
        self,
        key: str | None = None,
        incident_id: str | None = None,
        after: Head = START,
        uuids: set[str] | None = None,
    ) -> None:
        self.key = key
        self.incident_id = incident_id
        self.position: Head = after
        self.last_uuid: str | None = None
        self.checked = 0
        self._uuids = uuids if uuids is not None else set()

    def step(self, entry: LogEntry) -> ChainFault | None:
        """Check the next entry; None when it holds (and the walk moves past it)."""
        self.checked += 1
        want = self.position[0] + 1
        if entry.seq != want:
            if entry.seq < want:
                return self._fault(
                    entry,
                    msg(
                        "記録 #{seq} の位置が正しくありません (#{want} のはず)",
                        "entry #{seq} is out of place (#{want} expected)",
                        seq=entry.seq,
                        want=want,
                    ),
                )
            return self._fault(
                entry,
                msg(
                    "記録 #{want} が見つかりません (削除されたおそれ)",
                    "entry #{want} is missing (deleted?)",
                    want=want,
                ),
            )
        if entry.prev_hash != self.position[1]:
            return self._fault(
                entry,
                msg("前の記録とのつながりが切れています", "link to the previous entry is broken"),
            )
        problem = _payload_problem(entry)
        if problem is not None:
            return self._fault(
                entry,
                msg(
                    "記録の内容 (payload) が Sonae の書いた形ではありません ({why}、改変されたおそれ)",
                    "its payload is not as Sonae writes it ({why}; changed?)",
                    why=problem,
                ),
            )
        if compute_hash(entry) != entry.hash:
            return self._fault(
                entry,
                msg(
                    "記録の内容がハッシュと一致しません (改変されたおそれ)",
                    "contents do not match the hash (changed?)",
                ),
            )
        if self.incident_id is not None and entry.incident_id != self.incident_id:
            return self._fault(
                entry,
                msg(
                    "別のインシデント ({other}) の記録です",
                    "it belongs to another incident ({other})",
                    other=entry.incident_id,
                ),
            )
        if entry.seq == 1 and self.key is not None and entry.device != self.key:
            return self._fault(
                entry,
                msg(
                    "端末 {key} のチェーンの最初の記録が別の端末 ({device}) のものです (付け替えられたおそれ)",
                    "the chain filed under device {key} begins with an entry of {device} (moved?)",
                    key=self.key,
                    device=entry.device,
                ),
            )
        if entry.uuid in self._uuids:
            return self._fault(
                entry,
                msg(
                    "識別子 {uuid} の記録が二つあります",
                    "another entry has the same uuid {uuid}",
                    uuid=entry.uuid,
                ),
            )
        self._uuids.add(entry.uuid)
        self.position = (entry.seq, entry.hash)
        self.last_uuid = entry.uuid
        return None

    def end(self, head: Head | None) -> ChainFault | None:
        """After the last entry: the chain must end exactly at ``head`` (None: no head is
        recorded for it, which is a fault too)."""
        if head is not None and tuple(head) == self.position:
            return None
        return ChainFault(
            self.position[0],
            self.last_uuid,
            msg(
                "末尾の記録が削除されています (最終記録がチェーンの先頭と一致しません)",
                "the log ends early: its last entry is not the recorded chain head",
            ),
            self.checked,
        )

    def _fault(self, entry: LogEntry, reason: Msg) -> ChainFault:
        return ChainFault(entry.seq, entry.uuid, reason, self.checked)


def _payload_problem(entry: LogEntry) -> str | None:
    """The stored text's problem; a payload already parsed (read by someone) is checked as the
    value it became, which the hash then covers. A text in Sonae's one form is parsed here once
    and kept on the entry (its cache), so the hash does not parse it again."""
    data = entry.payload_data
    if isinstance(data, DamagedPayload):
        return "not a JSON object"
    if isinstance(data, dict):
        return None
    try:
        value = json.loads(data)
    except (TypeError, ValueError, RecursionError):
        value = None
    if isinstance(value, dict) and payload_text(value) == data:
        object.__setattr__(entry, "payload_data", value)  # a cache, not a change
        return None
    return payload_problem(data)


def check_chain(
    entries: Iterable[LogEntry],
    head: Head | None,
    *,
    key: str | None = None,
    incident_id: str | None = None,
    after: Head = START,
    uuids: set[str] | None = None,
) -> ChainFault | None:
    """The first entry of one chain that does not hold, or None: every entry sealed as Sonae
    seals it (hash, payload form), consecutive from ``after``, each linked to the one before, no
    uuid twice, all of one incident, the first one of the device the chain is filed under, and the
    last one the expected ``head``. Pure: no database, no clock."""
    walk = ChainWalk(key, incident_id, after, uuids)
    for entry in entries:
        fault = walk.step(entry)
        if fault is not None:
            return fault
    return walk.end(head)


# The order of an incident's entries across its chains.
#
# An entry is placed by (1) the incident's opening entry first, (2) the latest time, occurred_at
# then recorded_at, of itself and the entries before it in its own chain, (3) its chain's key, (4)
# its seq. Taking the latest time of the chain so far keeps every chain in its own order even when
# an entry was back-filled (--at), so this is a k-way merge of the chains; the key depends only on
# the entry and its own chain, so the order is the same whatever order chains arrived in, and a
# chain that arrives later never changes the order of the others among themselves. Keys (3) and
# (4) make it total. Times are compared as stored (UTC ISO 8601 of one width, so as text).
OrderKey = tuple[int, tuple[str, str], str, int]


def order_keys(key: str, chain: Sequence[LogEntry]) -> list[OrderKey]:
    """The merge key of each entry of one chain (given in seq order)."""
    keys: list[OrderKey] = []
    latest = ("", "")
    for entry in chain:
        latest = max(latest, (str(entry.occurred_at), str(entry.recorded_at)))
        keys.append((0 if is_opening(entry) else 1, latest, key, entry.seq))
    return keys


def merge(chains: Mapping[str, Sequence[LogEntry]]) -> list[LogEntry]:
    """All chains of one incident (key -> entries in seq order) in the one order every reader
    uses. A single chain is returned as it is: its seq order."""
    present = {key: chain for key, chain in chains.items() if chain}
    if len(present) <= 1:
        return [entry for chain in present.values() for entry in chain]
    runs = [
        list(zip(order_keys(key, chain), chain, strict=True))
        for key, chain in sorted(present.items())
    ]
    return [entry for _, entry in heapq.merge(*runs, key=lambda pair: pair[0])]


def incident_head(heads: Mapping[str, Head]) -> Head | None:
    """One (count, hash) for the incident: with one chain, its head as it is (the seq and hash of
    its last entry); with several, the number of entries in all and a digest of every chain's
    (key, seq, hash), sorted by key, so it changes whenever any chain grows. None: no chain."""
    if not heads:
        return None
    if len(heads) == 1:
        ((seq, digest),) = heads.values()
        return (int(seq), str(digest))
    listed = [(key, int(seq), str(digest)) for key, (seq, digest) in sorted(heads.items())]
    text = "sonae-chain-heads\n" + canonical_json(listed)
    total = sum(seq for _, seq, _ in listed)
    return (total, hashlib.sha256(text.encode("utf-8")).hexdigest())


def plan_pins(entries: Iterable[LogEntry]) -> set[str]:
    """The sha256 of every text these entries say they follow: a plan (``opened``,
    ``handed_over``: ``payload.playbook.sha256``) or an exercise script (``exercise_started``:
    ``payload.script.sha256``)."""
    pins = set()
    for entry in entries:
        for key in ("playbook", "script"):
            pinned = entry.payload.get(key)
            if isinstance(pinned, dict) and isinstance(pinned.get("sha256"), str):
                pins.add(pinned["sha256"])
    return pins


@dataclass(frozen=True)
class SealedChain:
    """One device's chain of one incident as another laptop sealed it (a bundle carries these):
    consecutive entries, from seq 1 or continuing a chain the receiver already holds part of, and
    the head the sender recorded for it."""

    incident_id: str
    key: str
    entries: tuple[LogEntry, ...]
    head: Head

    def check(self, uuids: set[str] | None = None) -> ChainFault | None:
        """The chain on its own, before any database: it starts where its first entry says
        (a continuation is linked to the receiver's copy by the store)."""
        if not self.entries:
            return None if tuple(self.head) == START else ChainWalk().end(self.head)
        first = self.entries[0]
        after = START if first.seq <= 1 else (first.seq - 1, first.prev_hash)
        return check_chain(
            self.entries,
            self.head,
            key=self.key,
            incident_id=self.incident_id,
            after=after,
            uuids=uuids,
        )

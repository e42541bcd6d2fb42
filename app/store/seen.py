"""What this data folder last saw of each chain, kept beside the database, so loss is noticed.

The hash chain proves that the entries a database holds were not changed; it cannot tell that
entries are missing when the whole tail, the whole incident or the whole database went away (an
emptied or replaced ``sonae.db``, a deleted ``-wal`` file after a crash). So the store notes,
after its writes, each chain's entry count and head hash in ``sonae-seen.json`` (an incident has
one chain per device that wrote it, and another laptop's chain can be lost as well); at open and
in ``verify``, a chain with fewer entries, another entry at a seen place, a chain gone, or no
incident where one was seen is a loss, said loudly with what was known. A record of format 1
(one chain per incident, its device not written) is read as the chain that holds what it saw,
else the one that opened the incident, and written back in format 2.

Writes to the record are throttled (at once when the last one is older than a fifth of a second,
and at close), so appends at machine speed stay fast: what such a process wrote in its last fifth
of a second before being killed may be missing from the record. At a person's pace every entry
is in it. The record is written after the database has committed, so it never claims more than
the database durably holds: a stale record after a power cut misses a loss, it never invents one. The record is a plain file, to be signed when devices have keys; until
then it catches accidents and careless tampering, not an attacker who rewrites it too.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.domain.chain import Head, incident_head
from app.domain.timeutil import format_jst, parse_iso, to_iso, utc_now
from app.files import read_regular
from app.i18n import Msg, msg

if TYPE_CHECKING:
    from app.store.removal import Removal

FORMAT = 2  # 2: each incident's chains (one per device); 1: one chain per incident, unnamed
READABLE = (1, 2)
FLUSH_INTERVAL = 0.2  # seconds between two writes of the record while entries keep coming


@dataclass(frozen=True)
class Seen:
    """What was seen of an incident: ``seq`` entries in all and its head (``hash``), as
    ``chain.incident_head`` makes them from ``chains``, the (key, seq, hash) of each chain. A
    record of format 1 knew one chain per incident without its key: ``chains`` is then empty and
    (seq, hash) is that chain's head. A loss's ``known`` is the one chain it is about."""

    seq: int
    hash: str
    at: str  # when it was seen (UTC ISO 8601)
    chains: tuple[tuple[str, int, str], ...] = ()

    @staticmethod
    def of(chains: Mapping[str, Head], at: str) -> Seen:
        head = incident_head(chains)
        assert head is not None
        listed = tuple(
            (key, int(seq), str(digest)) for key, (seq, digest) in sorted(chains.items())
        )
        return Seen(head[0], head[1], at, listed)

    def chain_heads(self) -> dict[str, Head]:
        return {key: (seq, digest) for key, seq, digest in self.chains}


class ChainReader(Protocol):
    """What the record needs of a database to compare (``LogStore`` is one)."""

    def chain_heads(self, incident_id: str) -> dict[str, Head]: ...

    def chain_hash_at(self, incident_id: str, chain: str, seq: int) -> str | None: ...

    def opening_chain(self, incident_id: str) -> str | None: ...

    def removed(self, incident_id: str) -> Removal | None: ...


@dataclass(frozen=True)
class Loss:
    incident_id: str
    known: Seen  # what was seen of the chain (of the incident, when it is gone)
    found: int | None  # entries the chain has now (None: the incident is gone)
    rewritten: bool = False  # enough entries, but another one at the seen place
    chain: str | None = None  # the chain it is about (None: the whole incident)
    found_hash: str | None = None  # that chain's head now: the baseline if the loss is accepted
    several: bool = False  # the incident has several chains: the description names this one

    def describe(self) -> Msg:
        when = format_jst(parse_iso(self.known.at))
        # With several chains, which one (a device's) lost entries; with one, as it always was.
        incident = f"{self.incident_id} / {self.chain}" if self.several else self.incident_id
        if self.found is None:
            return msg(
                "インシデント {id} がデータベースにありません ({when} の時点で {n} 件、先頭 {h})",
                "incident {id} is gone from the database (it had {n} entries, head {h}, at {when})",
                id=incident,
                n=self.known.seq,
                h=self.known.hash[:16],
                when=when,
            )
        if self.rewritten:
            return msg(
                "インシデント {id} の記録 #{n} が以前と異なります (書き換えのおそれ。{when} の時点の先頭 {h})",
                "incident {id} was rewritten: entry #{n} is not the one seen at {when} (head {h})",
                id=incident,
                n=self.known.seq,
                h=self.known.hash[:16],
                when=when,
            )
        return msg(
            "インシデント {id} の記録が減っています: {found} 件 (以前は {n} 件、先頭 {h}、{when})",
            "incident {id} lost entries: {found} now, {n} seen at {when} (head {h})",
            id=incident,
            found=self.found,
            n=self.known.seq,
            h=self.known.hash[:16],
            when=when,
        )


class SeenRecord:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.heads: dict[str, Seen] = {}
        self.acknowledged: list[dict[str, Any]] = []
        self.problem: Msg | None = None  # the record itself could not be read
        self.lost: set[str] = set()  # incidents with a loss found at open, not yet acknowledged
        self._dirty = False
        self._flushed_at = float("-inf")
        self._forgotten: set[str] = set()  # removed exercises: not brought back by a merge
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(read_regular(self.path, MAX_BYTES))
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError) as exc:
            self.problem = _damaged(self.path, exc)
            return
        try:
            if not isinstance(data, dict) or data.get("format") not in READABLE:
                raise ValueError("not a seen record of this version")
            self.heads = {
                _incident_id(k): _seen(v) for k, v in dict(data.get("incidents", {})).items()
            }
            self.acknowledged = [_acknowledged(item) for item in data.get("acknowledged", [])]
        except (AttributeError, KeyError, TypeError, ValueError, OverflowError) as exc:
            self.heads, self.acknowledged = {}, []
            self.problem = _damaged(self.path, exc)

    @property
    def damaged(self) -> bool:
        """The record exists but cannot be read: it is kept as found (not overwritten), and
        loss cannot be checked, until a loss is acknowledged."""
        return self.problem is not None

    def knows_incidents(self) -> bool:
        return bool(self.heads)

    def saw(
        self, incident_id: str, chain: str, seq: int, digest: str, throttle: bool = True
    ) -> None:
        """The chain ``chain`` of ``incident_id`` is at ``seq`` with head ``digest`` (after a
        commit). Written at once, unless the last write was under FLUSH_INTERVAL ago
        (``throttle``) or the caller flushes itself (``throttle=False``)."""
        if incident_id in self.lost:
            return  # what was seen stays the evidence of the loss until it is acknowledged
        known = self.heads.get(incident_id)
        if known is not None and len(known.chains) == 1 and known.chains[0][0] == chain:
            # The usual append, the incident's one chain moving on: its Seen made directly (as
            # Seen.of makes one of a single chain), as this runs after every commit.
            if known.chains[0][1] >= seq:
                return
            self.heads[incident_id] = Seen(seq, digest, to_iso(utc_now()), ((chain, seq, digest),))
            self._dirty = True
        else:
            chains = known.chain_heads() if known is not None else {}
            if known is not None and not known.chains:
                # Format 1, not compared with a database yet: its one chain is taken as this one.
                if known.seq >= seq:
                    return
            elif chain in chains and chains[chain][0] >= seq:
                return
            chains[chain] = (seq, digest)
            self.heads[incident_id] = Seen.of(chains, to_iso(utc_now()))
            self._dirty = True
        if throttle and time.monotonic() - self._flushed_at >= FLUSH_INTERVAL:
            self.flush(durable=False)

    def forget(self, incident_id: str) -> None:
        """An exercise removed as a whole (its removal row says what it held): no longer seen."""
        self.heads.pop(incident_id, None)
        self._forgotten.add(incident_id)
        self._dirty = True

    def compare(self, log: ChainReader) -> list[Loss]:
        """Every chain that is now shorter, rewritten or gone, and every incident gone."""
        losses = []
        for incident_id, known in sorted(self.heads.items()):
            current = log.chain_heads(incident_id)
            if not current:
                removal = log.removed(incident_id)
                if removal is not None and removal.covers(known.chain_heads(), known.seq):
                    self.forget(incident_id)  # removed as a whole, accountably: not a loss
                    continue
                losses.append(Loss(incident_id, known, None))
                continue
            if known.chains:
                chains = known.chain_heads()
            else:
                chains = {
                    _format_1_chain(log, incident_id, known, current): (known.seq, known.hash)
                }
            several = len(set(chains) | set(current)) > 1
            found = []
            for key, (seq, digest) in sorted(chains.items()):
                part = Seen(seq, digest, known.at)
                now = current.get(key)
                if now is None:
                    found.append(Loss(incident_id, part, 0, False, key, None, several))
                elif now[0] < seq:
                    found.append(Loss(incident_id, part, now[0], False, key, now[1], several))
                elif log.chain_hash_at(incident_id, key, seq) != digest:
                    found.append(Loss(incident_id, part, now[0], True, key, now[1], several))
            losses.extend(found)
            if not found and not known.chains:
                self.heads[incident_id] = Seen.of(chains, known.at)  # now in format 2
                self._dirty = True
        self.lost = {loss.incident_id for loss in losses}
        return losses

    def acknowledge(
        self, losses: list[Loss], actor: str, current: Callable[[str], Head | None]
    ) -> None:
        """Keep each loss in the record's history (who accepted it, when, what was known) and
        take the database as it is now as the new baseline for those chains. ``current`` gives
        an incident's head, for an incident that was gone."""
        now = to_iso(utc_now())
        for loss in losses:
            item: dict[str, Any] = {
                "incident_id": loss.incident_id,
                "known": _seen_json(loss.known),
                "found": loss.found,
                "rewritten": loss.rewritten,
                "by": actor,
                "at": now,
            }
            if loss.chain is not None:
                item["chain"] = loss.chain
            self.acknowledged.append(item)
        for incident_id in sorted({loss.incident_id for loss in losses}):
            theirs = [loss for loss in losses if loss.incident_id == incident_id]
            if any(loss.found is None for loss in theirs):
                head = current(incident_id)
                if head is None:
                    self.heads.pop(incident_id, None)
                else:  # back meanwhile: its head, as a record of one unnamed chain
                    self.heads[incident_id] = Seen(head[0], head[1], now)
                continue
            known = self.heads.get(incident_id)
            chains = known.chain_heads() if known is not None else {}
            for loss in theirs:
                if loss.chain is None:
                    continue
                if loss.found and loss.found_hash is not None:
                    chains[loss.chain] = (loss.found, loss.found_hash)
                else:
                    chains.pop(loss.chain, None)
            if chains:
                self.heads[incident_id] = Seen.of(chains, now)
            else:
                self.heads.pop(incident_id, None)
        self.problem = None
        self.lost = set()
        self._dirty = True
        self.flush(merge=False)

    def flush(self, merge: bool = True, durable: bool = True) -> None:
        """Write the record if it changed. Another process may have written it meanwhile: the
        longer of the two is kept for each chain (both saw the same database).
        ``durable`` waits for the disk (at close); between appends the rename is enough."""
        if not self._dirty or self.read_only or (merge and self.damaged):
            return
        if merge:
            other = SeenRecord(self.path, read_only=True)
            if other.damaged:
                return  # someone broke it meanwhile: keep it as found, for the next start to say
            # A loss acknowledged after this process last saw the incident sets its baseline:
            # this process's older, longer head must not bring the accepted loss back.
            accepted = {a["incident_id"]: a["at"] for a in other.acknowledged}
            for incident_id, seen in other.heads.items():
                if incident_id in self._forgotten:
                    continue
                mine = self.heads.get(incident_id)
                newer_baseline = mine is not None and accepted.get(incident_id, "") > mine.at
                if mine is None or newer_baseline:
                    self.heads[incident_id] = seen
                else:
                    self.heads[incident_id] = _longer(mine, seen)
            known = {json.dumps(a, sort_keys=True) for a in self.acknowledged}
            for item in other.acknowledged:
                if json.dumps(item, sort_keys=True) not in known:
                    self.acknowledged.append(item)
        data = {
            "format": FORMAT,
            "incidents": {k: _seen_json(v) for k, v in sorted(self.heads.items())},
            "acknowledged": self.acknowledged,
        }
        temp = self.path.with_name(f".{self.path.name}.{os.urandom(6).hex()}.tmp")
        try:
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except OSError:
            temp.unlink(missing_ok=True)
            return  # a full disk must not stop the response; the next flush tries again
        self._dirty = False
        self._flushed_at = time.monotonic()


def _format_1_chain(
    log: ChainReader, incident_id: str, known: Seen, current: Mapping[str, Head]
) -> str:
    """Which chain a record of format 1 saw (one per incident, its key not written): the one
    that holds the seen head; failing that (a loss), the chain that opened the incident, which
    is the one every incident had before chains were per device."""
    for key in sorted(current):
        if log.chain_hash_at(incident_id, key, known.seq) == known.hash:
            return key
    opening = log.opening_chain(incident_id)
    return opening if opening is not None and opening in current else sorted(current)[0]


def _longer(mine: Seen, other: Seen) -> Seen:
    """Two processes' views of one incident: the longer of each chain."""
    if not mine.chains or not other.chains:
        return other if other.seq > mine.seq else mine
    chains = mine.chain_heads()
    for key, head in other.chain_heads().items():
        if key not in chains or head[0] > chains[key][0]:
            chains[key] = head
    if chains == mine.chain_heads():
        return mine
    return Seen.of(chains, max(mine.at, other.at))


def _seen_json(seen: Seen) -> dict[str, Any]:
    data: dict[str, Any] = {"seq": seen.seq, "hash": seen.hash, "at": seen.at}
    if seen.chains:
        data["chains"] = {key: {"seq": seq, "hash": digest} for key, seq, digest in seen.chains}
    return data


def _damaged(path: Path, exc: Exception) -> Msg:
    return msg(
        "{p} (前回確認した記録の件数) を読めません ({e})。それ以前の消失は確認できません",
        "{p} (what was last seen of the log) cannot be read ({e}); loss before now cannot be "
        "checked",
        p=path,
        e=" ".join(str(exc).split())[:120],
    )


MAX_BYTES = 4 << 20  # a record of some ten thousand incidents; a larger file was not made here
_HASH = re.compile(r"^[0-9a-f]{64}$")


def _incident_id(value: object) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= 64:
        raise ValueError("an incident id is not text")
    return value


def _seen(value: Any) -> Seen:
    """One incident's entry, checked: a plain count, a sha256 and a time that can be shown;
    and its chains (format 2), each a device name, a count and a sha256, which must add up to
    the incident's count and head."""
    seq, digest, at = _count(value["seq"]), _digest(value["hash"]), value["at"]
    if not isinstance(at, str):
        raise ValueError("at")
    format_jst(parse_iso(at))  # raises for a time no one can show
    if "chains" not in value:
        return Seen(seq, digest, at)
    listed = value["chains"]
    if not isinstance(listed, dict) or not listed:
        raise ValueError("chains")
    chains = {}
    for key, head in listed.items():
        if not isinstance(key, str) or len(key) > 200:
            raise ValueError("a chain's device is not a name")
        chains[key] = (_count(head["seq"]), _digest(head["hash"]))
    seen = Seen.of(chains, at)
    if (seen.seq, seen.hash) != (seq, digest):
        raise ValueError("the chains do not add up to the incident's head")
    return seen


def _count(seq: Any) -> int:
    if type(seq) is not int or not 0 < seq < 1 << 62:
        raise ValueError(f"seq {seq!r}")
    return seq


def _digest(digest: Any) -> str:
    if not isinstance(digest, str) or not _HASH.match(digest):
        raise ValueError("hash")
    return digest


def _acknowledged(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("an acknowledged loss is not a record")
    _incident_id(value["incident_id"])
    _seen(value["known"])
    if not isinstance(value.get("chain", ""), str):
        raise ValueError("chain")
    found, by, at = value.get("found"), value.get("by"), value["at"]
    if found is not None and type(found) is not int:
        raise ValueError("found")
    if not isinstance(by, str) or not isinstance(at, str):
        raise ValueError("by/at")
    format_jst(parse_iso(at))
    return dict(value)

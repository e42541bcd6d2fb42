"""What this data folder last saw of each chain, kept beside the database, so loss is noticed.

The hash chain proves that the entries a database holds were not changed; it cannot tell that
entries are missing when the whole tail, the whole incident or the whole database went away (an
emptied or replaced ``sonae.db``, a deleted ``-wal`` file after a crash). So the store notes,
after its writes, each incident's entry count and head hash in ``sonae-seen.json``; at open and
in ``verify``, a database with fewer entries, another entry at a seen place, or no incident
where one was seen is a loss, said loudly with what was known.

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
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.domain.timeutil import format_jst, parse_iso, to_iso, utc_now
from app.files import read_regular
from app.i18n import Msg, msg

FORMAT = 1
FLUSH_INTERVAL = 0.2  # seconds between two writes of the record while entries keep coming


@dataclass(frozen=True)
class Seen:
    seq: int
    hash: str
    at: str  # when it was seen (UTC ISO 8601)


@dataclass(frozen=True)
class Loss:
    incident_id: str
    known: Seen
    found: int | None  # entries the database has now (None: the incident is gone)
    rewritten: bool = False  # enough entries, but another one at the seen place

    def describe(self) -> Msg:
        when = format_jst(parse_iso(self.known.at))
        if self.found is None:
            return msg(
                "インシデント {id} がデータベースにありません ({when} の時点で {n} 件、先頭 {h})",
                "incident {id} is gone from the database (it had {n} entries, head {h}, at {when})",
                id=self.incident_id,
                n=self.known.seq,
                h=self.known.hash[:16],
                when=when,
            )
        if self.rewritten:
            return msg(
                "インシデント {id} の記録 #{n} が以前と異なります (書き換えのおそれ。{when} の時点の先頭 {h})",
                "incident {id} was rewritten: entry #{n} is not the one seen at {when} (head {h})",
                id=self.incident_id,
                n=self.known.seq,
                h=self.known.hash[:16],
                when=when,
            )
        return msg(
            "インシデント {id} の記録が減っています: {found} 件 (以前は {n} 件、先頭 {h}、{when})",
            "incident {id} lost entries: {found} now, {n} seen at {when} (head {h})",
            id=self.incident_id,
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
            if not isinstance(data, dict) or data.get("format") != FORMAT:
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

    def saw(self, incident_id: str, seq: int, digest: str, throttle: bool = True) -> None:
        """The chain of ``incident_id`` is at ``seq`` with head ``digest`` (after a commit).
        Written at once, unless the last write was under FLUSH_INTERVAL ago (``throttle``)
        or the caller flushes itself (``throttle=False``)."""
        known = self.heads.get(incident_id)
        if known is not None and known.seq >= seq:
            return
        if incident_id in self.lost:
            return  # what was seen stays the evidence of the loss until it is acknowledged
        self.heads[incident_id] = Seen(seq, digest, to_iso(utc_now()))
        self._dirty = True
        if throttle and time.monotonic() - self._flushed_at >= FLUSH_INTERVAL:
            self.flush(durable=False)

    def compare(
        self,
        head: Callable[[str], tuple[int, str] | None],
        hash_at: Callable[[str, int], str | None],
    ) -> list[Loss]:
        """Every incident whose chain is now shorter, rewritten or gone."""
        losses = []
        for incident_id, known in sorted(self.heads.items()):
            current = head(incident_id)
            if current is None:
                losses.append(Loss(incident_id, known, None))
            elif current[0] < known.seq:
                losses.append(Loss(incident_id, known, current[0]))
            elif hash_at(incident_id, known.seq) != known.hash:
                losses.append(Loss(incident_id, known, current[0], rewritten=True))
        self.lost = {loss.incident_id for loss in losses}
        return losses

    def acknowledge(
        self, losses: list[Loss], actor: str, current: Callable[[str], tuple[int, str] | None]
    ) -> None:
        """Keep each loss in the record's history (who accepted it, when, what was known) and
        take the database as it is now as the new baseline for those incidents."""
        now = to_iso(utc_now())
        for loss in losses:
            self.acknowledged.append(
                {
                    "incident_id": loss.incident_id,
                    "known": asdict(loss.known),
                    "found": loss.found,
                    "rewritten": loss.rewritten,
                    "by": actor,
                    "at": now,
                }
            )
            head = current(loss.incident_id)
            if head is None:
                self.heads.pop(loss.incident_id, None)
            else:
                self.heads[loss.incident_id] = Seen(head[0], head[1], now)
        self.problem = None
        self.lost = set()
        self._dirty = True
        self.flush(merge=False)

    def flush(self, merge: bool = True, durable: bool = True) -> None:
        """Write the record if it changed. Another process may have written it meanwhile: the
        longer chain of the two is kept for each incident (both saw the same database).
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
                mine = self.heads.get(incident_id)
                newer_baseline = mine is not None and accepted.get(incident_id, "") > mine.at
                if mine is None or seen.seq > mine.seq or newer_baseline:
                    self.heads[incident_id] = seen
            known = {json.dumps(a, sort_keys=True) for a in self.acknowledged}
            for item in other.acknowledged:
                if json.dumps(item, sort_keys=True) not in known:
                    self.acknowledged.append(item)
        data = {
            "format": FORMAT,
            "incidents": {k: asdict(v) for k, v in sorted(self.heads.items())},
            "acknowledged": self.acknowledged,
        }
        temp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(6)}.tmp")
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
    """One incident's entry, checked: a plain count, a sha256 and a time that can be shown."""
    seq, digest, at = value["seq"], value["hash"], value["at"]
    if type(seq) is not int or not 0 < seq < 1 << 62:
        raise ValueError(f"seq {seq!r}")
    if not isinstance(digest, str) or not _HASH.match(digest):
        raise ValueError("hash")
    if not isinstance(at, str):
        raise ValueError("at")
    format_jst(parse_iso(at))  # raises for a time no one can show
    return Seen(seq, digest, at)


def _acknowledged(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("an acknowledged loss is not a record")
    _incident_id(value["incident_id"])
    _seen(value["known"])
    found, by, at = value.get("found"), value.get("by"), value["at"]
    if found is not None and type(found) is not int:
        raise ValueError("found")
    if not isinstance(by, str) or not isinstance(at, str):
        raise ValueError("by/at")
    format_jst(parse_iso(at))
    return dict(value)

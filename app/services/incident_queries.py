"""Incident queries: the derived state of each incident, kept current incrementally, and what the
screens and reports read from it. Nothing here writes the log.

A large incident's state is also kept as a snapshot beside the log (``app/store/snapshots.py``),
keyed by the log's head: a fresh process restores it instead of replaying every entry, when the
head is exactly the one it was folded at and every field reads back as a fold makes it; anything
else folds the log. Reports never use it: they fold what they print.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.clock import Clock, SystemClock
from app.domain.deadlines import DeadlineStatus, deadline_statuses, nearest_open_deadline
from app.domain.entries import LogEntry
from app.domain.state import DamagedEntry, IncidentFold, IncidentState, restore, snapshot
from app.domain.state import fold as fold_entries
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.store.log import LogStore
from app.store.snapshots import Snapshots

if TYPE_CHECKING:
    from app.domain.exercise_script import ScriptFile
    from app.domain.loader import PlaybookFile
    from app.domain.search import TextSearch
    from app.services.library import Library


# Incidents of at least this many entries keep a snapshot of their state, written when the
# workspace closes (not on a worker while the window may be closing the store under it).
SNAPSHOT_FROM = 1000


@dataclass(frozen=True)
class IncidentSummary:
    id: str
    title: str
    mode: str
    status: str
    playbook_id: str
    declared_at: str
    entries: int
    nearest: DeadlineStatus | None
    problem: str = ""  # why the incident cannot be read ("" when it can)
    now: datetime | None = None  # the incident's time the deadline was counted at
    progress: tuple[int, int] | None = None  # (finished, applicable) steps, IncidentState.progress


MIN_HEAD_PREFIX = 12  # 48 bits: no two heads of one incident share it by chance
_HEX = re.compile("[0-9a-f]+")
# A typed head this close to a real one (characters that differ) is called a likely typo.
TYPO_LIMIT = 3


@dataclass(frozen=True)
class HeadMatch:
    typed: str
    seq: int | None  # the entry whose hash begins with what was typed, or None
    hash: str  # that entry's hash, or the nearest one's
    issued: bool  # a copy was issued at this head (a report_issued entry names it)
    nearest_seq: int | None = None
    differ: int = 0  # characters that differ from the nearest head

    @property
    def typo(self) -> bool:
        return self.seq is None and self.differ <= TYPO_LIMIT


class IncidentQueries:
    def __init__(self, store: LogStore, library: Library, clock: Clock | None = None) -> None:
        self.store = store
        self.library = library
        # The real clock: the system's, or a manual one in tests. An incident's own time is
        # derived from it (``now``): a tabletop exercise keeps its simulated clock in its log.
        self.real_clock = clock or SystemClock()
        self._folds: dict[str, IncidentFold] = {}
        self._plans: dict[str, PlaybookFile] = {}
        self._scripts: dict[str, ScriptFile] = {}  # pinned exercise scripts, by sha256
        self.snapshots = Snapshots(store)
        self._snapshot_at: dict[str, int] = {}  # entries in each incident's kept snapshot

    def forget(self, incident_id: str) -> None:
        """An incident no longer in the log (an exercise removed): nothing of it is kept here."""
        self._folds.pop(incident_id, None)
        self._snapshot_at.pop(incident_id, None)

    def now(self, incident_id: str | IncidentState) -> datetime:
        """The incident's time: real for real incidents and drills, simulated in a tabletop."""
        state = incident_id if isinstance(incident_id, IncidentState) else self.state(incident_id)
        return state.clock.now(self.real_clock.now())

    def pinned_text(self, sha256: str, missing: Msg) -> str:
        """A pinned text (a plan's, an exercise script's) by its sha256, or ``missing`` raised."""
        text = self.store.plan_text(sha256)
        if text is None:
            raise SonaeError(missing)
        return text

    def resolve_plan(self, sha256: str) -> PlaybookFile:
        plan = self._plans.get(sha256)
        if plan is None:
            text = self.pinned_text(
                sha256,
                msg(
                    "固定されたプレイブック {sha} が見つかりません",
                    "pinned playbook {sha} is missing",
                    sha=sha256[:12],
                ),
            )
            from app.domain.loader import parse_trusted  # the plan parser, only when a plan is read

            try:
                plan = parse_trusted(text)  # re-validated within the reader's bounds
            except ValueError as exc:
                raise SonaeError(
                    msg(
                        "固定されたプレイブック {sha} を読めません: {why}",
                        "pinned playbook {sha} cannot be read: {why}",
                        sha=sha256[:12],
                        why=str(exc)[:300],
                    )
                ) from exc
            self._plans[sha256] = plan
        return plan

    def _head(self, incident_id: str) -> tuple[int, str]:
        """The incident's head (entry count and hash); refuses an unknown id."""
        head = self.store.head(incident_id)
        if head is None:
            raise SonaeError(
                msg("インシデント {id} はありません", "no incident {id}", id=incident_id)
            )
        return head

    def _resolver(self, incident_id: str) -> Callable[[str], PlaybookFile]:
        """Reads an incident's pinned plans, on first use (a note needs none): a plan that
        cannot be read makes the incident unreadable, said as such wherever it is first asked."""

        def resolve(sha256: str) -> PlaybookFile:
            try:
                return self.resolve_plan(sha256)
            except SonaeError as exc:
                raise unreadable(incident_id, exc) from exc

        return resolve

    def state(self, incident_id: str) -> IncidentState:
        """The derived state, kept current incrementally (other processes may have written).
        Its plans are read when first used."""
        head = self._head(incident_id)
        fold = self._folds.get(incident_id)
        if fold is None:
            fold = self._restored(incident_id, head) or IncidentFold(
                incident_id, self._resolver(incident_id)
            )
            self._folds[incident_id] = fold
        elif head == (fold.state.entries, fold.state.head):
            pass  # one chain, at exactly what was folded: the usual case, asked before each write
        elif fold.state.entries and (
            self.store.hash_at(incident_id, fold.state.entries) != fold.state.head
        ):
            # Another laptop's entries landed inside what was folded (the merged order put them
            # there): the fold no longer describes the log, so it starts again.
            fold = self._folds[incident_id] = IncidentFold(incident_id, self._resolver(incident_id))
        if head[0] > fold.state.entries:
            try:
                fold.apply_all(self.store.entries(incident_id, after_seq=fold.state.entries))
            except (DamagedEntry, SonaeError) as exc:
                self._folds.pop(incident_id, None)  # half-applied: never serve it
                raise unreadable(incident_id, exc) from exc
        if not fold.state.plans:
            self._folds.pop(incident_id, None)
        return _opened(fold.state)

    def _restored(self, incident_id: str, head: tuple[int, str]) -> IncidentFold | None:
        """The incident's kept snapshot at exactly ``head``, checked, or None."""
        if head[0] < SNAPSHOT_FROM:
            return None
        text = self.snapshots.load(incident_id, head)
        if text is None:
            return None
        try:
            fold = restore(
                incident_id,
                json.loads(text),
                self._resolver(incident_id),
                lambda n: self.store.entries(incident_id)[:n],
                lambda kind, n: self.store.entries_page(
                    incident_id, 0, n, kinds=[kind], before=n + 1
                ),
            )
        except (ValueError, TypeError, KeyError, RecursionError):
            return None  # damaged or not ours: the log is folded instead
        if fold.state.entries != head[0]:
            return None
        self._snapshot_at[incident_id] = head[0]
        return fold

    def _keep_snapshot(self, incident_id: str, fold: IncidentFold) -> None:
        """Write the fold's state as the incident's snapshot, if the log is still at its head."""
        if self.store.read_only or fold.state.entries < SNAPSHOT_FROM:
            return
        head = self.store.head(incident_id)
        if head is None or head[0] != fold.state.entries:
            return  # written to meanwhile: the next fold keeps one
        try:
            text = json.dumps(snapshot(fold), ensure_ascii=False, allow_nan=False)
        except (ValueError, TypeError):
            return
        if self.snapshots.save(incident_id, (head[0], head[1]), text):
            self._snapshot_at[incident_id] = head[0]

    def snapshot_problem(self, incident_id: str) -> Msg | None:
        """Whether the kept snapshot at the log's head says what the log says (``verify``): one
        that does not was changed outside Sonae; it is dropped, so it is never used again."""
        head = self.store.head(incident_id)
        text = self.snapshots.load(incident_id, head) if head is not None else None
        if text is None:
            return None
        fresh = IncidentFold(incident_id, self._resolver(incident_id))
        try:
            fresh.apply_all(self.store.entries(incident_id))
            same = json.loads(text) == json.loads(json.dumps(snapshot(fresh), ensure_ascii=False))
        except (DamagedEntry, SonaeError, ValueError):
            return None  # the log itself cannot be folded: verify names that, not the snapshot
        if same:
            return None
        self.snapshots.drop(incident_id)
        self._folds.pop(incident_id, None)
        return msg(
            "{id} の状態の控え (fold_snapshots) が記録と一致しません。Sonae の外で変更されたため、"
            "破棄しました (記録そのものは無事です)",
            "the kept state of {id} (fold_snapshots) does not match its log: it was changed "
            "outside Sonae and is dropped (the log itself is intact)",
            id=incident_id,
        )

    def keep_snapshots(self) -> None:
        """Snapshot every large incident whose state moved since its snapshot (at close, when
        nothing else uses the store)."""
        for incident_id, fold in list(self._folds.items()):
            if fold.state.entries != self._snapshot_at.get(incident_id, 0):
                try:
                    self._keep_snapshot(incident_id, fold)
                except SonaeError:
                    pass  # a database that cannot be read now: nothing to keep

    def fold(self, incident_id: str, entries: Sequence[LogEntry]) -> IncidentState:
        """The state of exactly these entries (a report's one read of the log), its plans read."""
        try:
            state = fold_entries(incident_id, entries, self._resolver(incident_id))
            for run in state.plans:
                run.steps  # noqa: B018 - reads the plan (and settles a hand-over) inside the try
        except (DamagedEntry, SonaeError) as exc:
            raise unreadable(incident_id, exc) from exc
        return _opened(state)

    def printed_head(self, incident_id: str, text: str) -> HeadMatch:
        """What a head read off a paper copy is: the entry it names (a unique prefix of at least
        12 characters is enough; the groups of four may keep their spaces), whether a copy was
        ever issued at that head, or else the nearest head, so a typo is told from a forgery."""
        typed = "".join(text.split()).lower()
        if len(typed) < MIN_HEAD_PREFIX or len(typed) > 64 or not _HEX.fullmatch(typed):
            raise SonaeError(
                msg(
                    "--head は 16 進数で {n} 文字以上 64 文字以下で指定してください ('{t}')",
                    "--head takes {n} to 64 hexadecimal characters (got '{t}')",
                    n=MIN_HEAD_PREFIX,
                    t=text[:80],
                )
            )
        entries = self.entries(incident_id)
        found = [e for e in entries if e.hash.startswith(typed)]
        if len(found) > 1:
            raise SonaeError(
                msg(
                    "--head '{t}' に一致する記録が {n} 件あります。もっと長く指定してください",
                    "--head '{t}' matches {n} entries; give more characters",
                    t=typed,
                    n=len(found),
                )
            )
        issued = {str(e.payload.get("head", "")) for e in entries if e.kind == "report_issued"}
        if found:
            entry = found[0]
            return HeadMatch(typed, entry.seq, entry.hash, entry.hash in issued)
        nearest = min(
            entries, key=lambda e: sum(a != b for a, b in zip(typed, e.hash, strict=False))
        )
        differ = sum(a != b for a, b in zip(typed, nearest.hash, strict=False))
        return HeadMatch(typed, None, nearest.hash, nearest.hash in issued, nearest.seq, differ)

    def entries(self, incident_id: str) -> list[LogEntry]:
        self._head(incident_id)  # only to refuse an unknown id: folding would read the log twice
        return self.store.entries(incident_id)

    def count(self, incident_id: str) -> int:
        """How many entries the incident has (0 for an unknown id), without reading them."""
        return self.store.count(incident_id)

    def entries_page(
        self,
        incident_id: str,
        offset: int,
        limit: int,
        *,
        kinds: Sequence[str] | None = None,
        actor: str | None = None,
        before: int | None = None,
        search: TextSearch | None = None,
    ) -> list[LogEntry]:
        """Entries ``offset + 1`` to ``offset + limit``, for views that load lazily; filtered by
        kind, actor and a free-text search (``app.domain.search``), and read downward from
        ``before``, see ``LogStore.entries_page``."""
        return self.store.entries_page(
            incident_id, offset, limit, kinds=kinds, actor=actor, before=before, search=search
        )

    def count_matching(
        self,
        incident_id: str,
        *,
        kinds: Sequence[str] | None = None,
        actor: str | None = None,
        search: TextSearch | None = None,
    ) -> int:
        """How many entries those filters find (the timeline's 「12件中 3件を表示」)."""
        return self.store.count_matching(incident_id, kinds=kinds, actor=actor, search=search)

    def ids(self) -> list[str]:
        return self.store.incident_ids()

    def deadlines(self, incident_id: str, now: datetime | None = None) -> list[DeadlineStatus]:
        state = self.state(incident_id)
        return deadline_statuses(state, now or self.now(state))

    def summaries(
        self, now: datetime | None = None, *, deadlines: bool = True
    ) -> list[IncidentSummary]:
        """Each incident with its nearest deadline, counted on its own clock (or at ``now``),
        and its progress. Without ``deadlines``, no plan is read: the list as it is known before
        (the plan's id as the log pins it, no nearest deadline, no progress)."""
        out = []
        for incident_id in self.store.incident_ids():
            try:
                state = self.state(incident_id)
                at = now or self.now(state)
                summary = IncidentSummary(
                    state.id,
                    state.title,
                    state.mode,
                    state.status,
                    state.playbook.id if deadlines else state.plan.plan_id,
                    state.declared_at,
                    state.entries,
                    nearest_open_deadline(deadline_statuses(state, at)) if deadlines else None,
                    now=at,
                    progress=state.progress() if deadlines else None,
                )
            except SonaeError as exc:
                # One unreadable incident is listed with its reason; the others still open.
                summary = IncidentSummary(
                    incident_id, "", "real", "open", "", "", 0, None, str(exc)
                )
            out.append(summary)
        return out

    def find_entry(self, incident_id: str, reference: str) -> LogEntry:
        """An entry by its uuid, or by its number in the incident (``12`` or ``#12``)."""
        self._head(incident_id)
        reference = reference.strip()
        number = re.fullmatch(r"#?([0-9]{1,18})", reference)  # ASCII digits, within SQLite
        if number:
            found = self.store.entries_page(incident_id, int(number.group(1)) - 1, 1)
        else:
            by_uuid = self.store.entry(incident_id, reference)
            found = [by_uuid] if by_uuid else []
        if not found or (number and found[0].seq != int(number.group(1))):
            raise SonaeError(
                msg("記録 {u} がありません", "no entry {u} in this incident", u=reference)
            )
        return found[0]


def _opened(state: IncidentState) -> IncidentState:
    """The state, if its log opens the incident (a head with no entries, or a first entry that
    is not the opening one, folds to no plan at all)."""
    if not state.plans:
        raise unreadable(state.id, ValueError("#1 is not the opening entry"))
    return state


class Unreadable(SonaeError):
    """An incident whose log (or a plan it pins) cannot be read."""


def unreadable(incident_id: str, exc: Exception) -> SonaeError:
    """One line for an incident whose log cannot be folded: what and where, and what to run."""
    if isinstance(exc, Unreadable):
        return Unreadable(exc.msg)  # said once, not wrapped again
    return Unreadable(
        msg(
            "インシデント {id} の記録を読めません ({why})。sonae verify で確認してください",
            "incident {id} cannot be read ({why}); run sonae verify",
            id=incident_id,
            why=" ".join(str(exc).split())[:300],
        )
    )

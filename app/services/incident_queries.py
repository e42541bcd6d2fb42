"""Incident queries: the derived state of each incident, kept current incrementally, and what the
screens and reports read from it. Nothing here writes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.clock import Clock, SystemClock
from app.domain.deadlines import DeadlineStatus, deadline_statuses, nearest_open_deadline
from app.domain.entries import LogEntry
from app.domain.state import DamagedEntry, IncidentFold, IncidentState
from app.domain.state import fold as fold_entries
from app.errors import SonaeError
from app.i18n import msg
from app.services.library import Library
from app.store.log import LogStore

if TYPE_CHECKING:
    from app.domain.loader import PlaybookFile


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


class IncidentQueries:
    def __init__(self, store: LogStore, library: Library, clock: Clock | None = None) -> None:
        self.store = store
        self.library = library
        # The real clock: the system's, or a manual one in tests. An incident's own time is
        # derived from it (``now``): a tabletop exercise keeps its simulated clock in its log.
        self.real_clock = clock or SystemClock()
        self._folds: dict[str, IncidentFold] = {}
        self._plans: dict[str, PlaybookFile] = {}

    def now(self, incident_id: str | IncidentState) -> datetime:
        """The incident's time: real for real incidents and drills, simulated in a tabletop."""
        state = incident_id if isinstance(incident_id, IncidentState) else self.state(incident_id)
        return state.clock.now(self.real_clock.now())

    def resolve_plan(self, sha256: str) -> PlaybookFile:
        plan = self._plans.get(sha256)
        if plan is None:
            text = self.store.plan_text(sha256)
            if text is None:
                raise SonaeError(
                    msg(
                        "固定されたプレイブック {sha} が見つかりません",
                        "pinned playbook {sha} is missing",
                        sha=sha256[:12],
                    )
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

    def state(self, incident_id: str) -> IncidentState:
        """The derived state, kept current incrementally (other processes may have written)."""
        head = self._head(incident_id)
        fold = self._folds.get(incident_id)
        if fold is None:
            fold = self._folds[incident_id] = IncidentFold(incident_id, self.resolve_plan)
        if head[0] > fold.state.entries:
            try:
                fold.apply_all(self.store.entries(incident_id, after_seq=fold.state.entries))
            except (DamagedEntry, SonaeError) as exc:
                self._folds.pop(incident_id, None)  # half-applied: never serve it
                raise unreadable(incident_id, exc) from exc
        if not fold.state.plans:
            self._folds.pop(incident_id, None)
        return _opened(fold.state)

    def fold(self, incident_id: str, entries: Sequence[LogEntry]) -> IncidentState:
        """The state of exactly these entries (a report's one read of the log)."""
        try:
            state = fold_entries(incident_id, entries, self.resolve_plan)
        except (DamagedEntry, SonaeError) as exc:
            raise unreadable(incident_id, exc) from exc
        return _opened(state)

    def seq_of_hash(self, incident_id: str, digest: str) -> int | None:
        """The entry whose hash is ``digest`` (the head printed on a paper copy), if any."""
        digest = digest.strip().lower()
        found = [e.seq for e in self.entries(incident_id) if e.hash == digest]
        return found[0] if found else None

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
    ) -> list[LogEntry]:
        """Entries ``offset + 1`` to ``offset + limit``, for views that load lazily; filtered by
        kind and actor, and read downward from ``before``, see ``LogStore.entries_page``."""
        return self.store.entries_page(
            incident_id, offset, limit, kinds=kinds, actor=actor, before=before
        )

    def ids(self) -> list[str]:
        return self.store.incident_ids()

    def deadlines(self, incident_id: str, now: datetime | None = None) -> list[DeadlineStatus]:
        state = self.state(incident_id)
        return deadline_statuses(state, now or self.now(state))

    def summaries(self, now: datetime | None = None) -> list[IncidentSummary]:
        """Each incident with its nearest deadline, counted on its own clock (or at ``now``)."""
        out = []
        for incident_id in self.store.incident_ids():
            try:
                state = self.state(incident_id)
            except SonaeError as exc:
                # One unreadable incident is listed with its reason; the others still open.
                out.append(
                    IncidentSummary(incident_id, "", "real", "open", "", "", 0, None, str(exc))
                )
                continue
            at = now or self.now(state)
            out.append(
                IncidentSummary(
                    state.id,
                    state.title,
                    state.mode,
                    state.status,
                    state.playbook.id,
                    state.declared_at,
                    state.entries,
                    nearest_open_deadline(deadline_statuses(state, at)),
                    now=at,
                )
            )
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


def unreadable(incident_id: str, exc: Exception) -> SonaeError:
    """One line for an incident whose log cannot be folded: what and where, and what to run."""
    return SonaeError(
        msg(
            "インシデント {id} の記録を読めません ({why})。sonae verify で確認してください",
            "incident {id} cannot be read ({why}); run sonae verify",
            id=incident_id,
            why=" ".join(str(exc).split())[:300],
        )
    )



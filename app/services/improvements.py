"""The improvement plan across every incident and exercise (``sonae improvements list``): each
improvement item (a lesson marked as one) with its owner, due date and the plan step it should
change, open until an ``improvement_closed`` entry names what was done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.domain import kinds as k
from app.domain.entries import LogEntry

if TYPE_CHECKING:
    from app.domain.state import IncidentState
    from app.services.incidents import Incidents


@dataclass(frozen=True)
class Item:
    incident: str
    mode: str
    lesson: LogEntry
    item: k.Lesson
    closed: LogEntry | None

    @property
    def id(self) -> str:
        """The short id a command names it by: the lesson entry's uuid, first 8 characters."""
        return self.lesson.uuid[:8]

    @property
    def done(self) -> str:
        return k.read_payload(self.closed, k.ImprovementClosed).done if self.closed else ""

    def overdue(self, today: date) -> bool:
        return (
            self.closed is None
            and bool(self.item.due)
            and date.fromisoformat(str(self.item.due)) < today
        )


def items_of(state: IncidentState) -> list[Item]:
    closures = {k.read_payload(e, k.ImprovementClosed).item: e for e in state.closures}
    out = []
    for entry in state.lessons:
        lesson = k.read_payload(entry, k.Lesson)
        if lesson.improvement:
            out.append(Item(state.id, state.mode, entry, lesson, closures.get(entry.uuid)))
    return out


def all_items(incidents: Incidents, open_only: bool = True) -> list[Item]:
    """Every improvement item of every readable incident, the open ones only by default: by due
    date (none last), then incident."""
    found: list[Item] = []
    for summary in incidents.summaries(deadlines=False):
        if summary.problem:
            continue  # an unreadable incident is said by `sonae list`, not hidden here
        found.extend(
            i for i in items_of(incidents.state(summary.id)) if not open_only or i.closed is None
        )
    return sorted(found, key=lambda i: (i.item.due or "9999-99-99", i.incident, i.lesson.seq))

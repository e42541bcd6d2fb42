"""Clocks. The real clock (the system's, or a manual one in tests) is the one seam for time;
each incident derives its own time from it: real incidents and drills use the real clock, and a
tabletop exercise a simulated clock whose every change is an entry in its log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from app.domain.timeutil import parse_iso, utc_now

if TYPE_CHECKING:
    from app.domain.kinds import ClockChanged

# How fast a simulated clock may run: a three-day exercise in an afternoon (600x: ten simulated
# minutes a real second), or slowed to a crawl.
SPEEDS = (0.25, 600.0)


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return utc_now()


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = moment

    def advance(self, delta: timedelta) -> None:
        self._now += delta


@dataclass(frozen=True)
class IncidentClock:
    """An incident's time as a function of the real time. Without a simulated clock (``real_at``
    None) it is the real time itself; after a ``clock_changed`` entry it is ``sim_at`` plus the
    real time elapsed since ``real_at`` times ``speed``, or ``sim_at`` while paused."""

    real_at: datetime | None = None
    sim_at: datetime | None = None
    speed: float = 1.0
    running: bool = True

    @property
    def simulated(self) -> bool:
        return self.real_at is not None

    def now(self, real_now: datetime) -> datetime:
        if self.real_at is None or self.sim_at is None:
            return real_now
        if not self.running:
            return self.sim_at
        # Never before the last change: a real clock set back does not run the exercise back.
        elapsed = max(real_now - self.real_at, timedelta(0))
        return self.sim_at + elapsed * self.speed

    @classmethod
    def from_change(cls, change: ClockChanged) -> IncidentClock:
        return cls(
            parse_iso(change.real_at), parse_iso(change.sim_at), change.speed, change.running
        )

"""Legal clocks counted in days, as the law counts them.

A deadline of N days counts the day of its anchor (in JST) as day 1 and ends at 24:00 JST of day
N (PPC 別添2: 当該事態を知った日を1日目とする). Where the plan says so, a last day that is a
Saturday, a Sunday, a national holiday or one of 12/29-1/3 moves to the next day that is none of
these (行政機関の休日に関する法律 第2条). Holidays come from ``jpholiday``, never a table kept here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.domain.timeutil import JST

# Why a last day is not a working day of the administration.
WEEKEND, HOLIDAY, YEAR_END = "weekend", "holiday", "year_end"


def closed_because(day: date) -> str | None:
    """Why ``day`` is a 行政機関の休日, or None on a working day."""
    if (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3):
        return YEAR_END
    import jpholiday  # here, not at the top: a recording command that counts no day skips it

    if jpholiday.is_holiday(day):
        return HOLIDAY
    if day.weekday() >= 5:
        return WEEKEND
    return None


@dataclass(frozen=True)
class DayCount:
    """The end of a clock counted in days: when it falls due, and why if it was moved."""

    due: datetime  # 24:00 JST of the last day (00:00 JST the day after), as an aware time
    last_day: date  # day N, before any move
    due_day: date  # the day the deadline ends on (after a move)
    moved_because: str | None = None  # WEEKEND | HOLIDAY | YEAR_END: why day N was not kept


def count_days(anchor: datetime, days: int, roll: bool) -> DayCount:
    """The end of a clock of ``days`` days from ``anchor``; ``roll`` moves a last day that is a
    行政機関の休日 to the next working day."""
    last = anchor.astimezone(JST).date() + timedelta(days=days - 1)
    due_day, why = last, None
    if roll:
        why = closed_because(last)
        while closed_because(due_day) is not None:
            due_day += timedelta(days=1)
    end = datetime.combine(due_day + timedelta(days=1), time(0), JST)
    return DayCount(end, last, due_day, why if due_day != last else None)

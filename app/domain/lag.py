"""How long after the fact an entry was written: one rule for the screen and the paper.

An entry keeps when it happened (occurred_at, given when back-filling) and when it was written
(recorded_at). The timeline on screen shows the lag; the printed record marks late entries
(後日記録) and counts them on its cover."""

from __future__ import annotations

from datetime import timedelta

from app.domain.entries import LogEntry
from app.domain.timeutil import parse_iso

# recorded_at and occurred_at closer than this are shown as one time.
SAME_TIME = timedelta(minutes=1)
# An entry written this long after what it records is "recorded late" (後日記録): the cover
# counts them and names the largest lag, so a back-filled record is never taken for a live one.
# Half an hour: a step ticked off after a phone call is not late; a day's work typed up is.
LATE_AFTER = timedelta(minutes=30)
# An entry recorded further ahead of now was written while its laptop's clock was ahead: flagged
# by verify, the window and the record, never refused (it is sealed as it was written).
CLOCK_AHEAD = timedelta(hours=1)


def lag_of(entry: LogEntry) -> timedelta:
    return parse_iso(entry.recorded_at) - parse_iso(entry.occurred_at)


def recorded_late(entry: LogEntry) -> bool:
    """Written LATE_AFTER or more after it happened (copies issued are not response)."""
    return entry.kind != "report_issued" and lag_of(entry) >= LATE_AFTER

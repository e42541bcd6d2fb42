"""ISO 8601 durations as used by playbook deadlines (P5D, PT72H, P1DT12H, PT30M)."""

from __future__ import annotations

import re
from datetime import timedelta

# Years and months are refused: a legal clock of "one month" must be written in days so that
# everyone computes the same instant. At most nine digits a part: timedelta holds 999,999,999
# days, and a 5000-digit number is never a clock.
_PATTERN = re.compile(
    r"^P(?:(?P<weeks>\d{1,9})W)?(?:(?P<days>\d{1,9})D)?"
    r"(?:T(?:(?P<hours>\d{1,9})H)?(?:(?P<minutes>\d{1,9})M)?(?:(?P<seconds>\d{1,9})S)?)?$"
)

# A plan's clock beyond this is a typo (P3650D, ten years); plans pinned before the bound existed
# are still read (see Deadline in playbook.py).
LONGEST_CLOCK = timedelta(days=3650)


def parse_duration(text: str) -> timedelta:
    if re.search(r"\d{10}", text):
        raise ValueError(f"'{text[:40]}' has a number of ten digits or more: no clock is that long")
    match = _PATTERN.match(text)
    if not match or text in ("P", "PT") or text.endswith("T"):
        raise ValueError(
            f"'{text[:40]}' is not an ISO 8601 duration in weeks, days, hours, minutes or seconds "
            "(for example P5D, PT72H, P1DT12H)"
        )
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    try:
        return timedelta(**parts)
    except OverflowError:  # 999999999W: more days than timedelta holds
        raise ValueError(f"'{text}' is longer than any clock can be") from None


def format_duration(delta: timedelta) -> str:
    total = int(delta.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    out = "P"
    if days:
        out += f"{days}D"
    if hours or minutes or seconds:
        out += "T"
        out += f"{hours}H" if hours else ""
        out += f"{minutes}M" if minutes else ""
        out += f"{seconds}S" if seconds else ""
    return out if out != "P" else "PT0S"


def span_ja(delta: timedelta) -> str:
    """A duration as printed: 4日 21時間50分, 2時間03分, 15分 (negative: 超過 is said in words)."""
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}日 {hours}時間{mins:02d}分"
    if hours:
        return f"{hours}時間{mins:02d}分"
    return f"{mins}分"


def span_words(delta: timedelta, lang: str) -> str:
    """``span_ja``, or in English: 4 d 21 h 50 min, 2 h 03 min, 15 min."""
    if lang != "en":
        return span_ja(delta)
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h {mins:02d} min"
    if hours:
        return f"{hours} h {mins:02d} min"
    return f"{mins} min"

"""ISO 8601 durations as used by playbook deadlines (P5D, PT72H, P1DT12H, PT30M)."""

from __future__ import annotations

import re
from datetime import timedelta

# Years and months are refused: a legal clock of "one month" must be written in days so that
# everyone computes the same instant.
_PATTERN = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def parse_duration(text: str) -> timedelta:
    match = _PATTERN.match(text)
    if not match or text in ("P", "PT") or text.endswith("T"):
        raise ValueError(
            f"'{text}' is not an ISO 8601 duration in weeks, days, hours, minutes or seconds "
            "(for example P5D, PT72H, P1DT12H)"
        )
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    return timedelta(**parts)


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

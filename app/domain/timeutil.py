"""Timestamps: stored in UTC as ISO 8601, shown in JST, and on paper with the Japanese era."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9), "JST")

# Era start dates (the first day of each era). Older eras are not needed for records made today.
_ERAS = (
    (date(2019, 5, 1), "令和", "Reiwa"),
    (date(1989, 1, 8), "平成", "Heisei"),
    (date(1926, 12, 25), "昭和", "Showa"),
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """UTC ISO 8601 with microseconds and a Z, so strings sort in time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    # isoformat, not strftime: the same text, written on every append, several times faster.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 time. A time without an offset is read as JST, the users' local time."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=JST)
    return value.astimezone(UTC)


def jst(moment: datetime) -> datetime:
    return moment.astimezone(JST)


def era_year(day: date) -> tuple[str, str, int]:
    for start, name_ja, name_en in _ERAS:
        if day >= start:
            return name_ja, name_en, day.year - start.year + 1
    return "西暦", "AD", day.year  # before Showa: no record made today reaches back so far


def format_era_date(moment: datetime) -> str:
    """令和8年11月25日 (the first year of an era is 元年)."""
    return format_era_day(jst(moment).date())


def format_era_day(day: date) -> str:
    """令和8年11月25日 for a calendar day (the first year of an era is 元年)."""
    name, _, year = era_year(day)
    year_text = "元" if year == 1 else str(year)
    return f"{name}{year_text}年{day.month}月{day.day}日"


# 曜日, Monday first as date.weekday() counts.
WEEKDAYS_JA = "月火水木金土日"


def format_era_day_weekday(moment: datetime | date) -> str:
    """令和8年12月2日（水）: the day as a person reads it on paper. A datetime is taken in JST
    (a naive one is refused: its zone is unknown); a date is the calendar day itself (a due
    day)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError("naive datetime")
        day = jst(moment).date()
    else:
        day = moment
    return f"{format_era_day(day)}（{WEEKDAYS_JA[day.weekday()]}）"


def format_era_datetime(moment: datetime) -> str:
    """令和8年12月2日（水）14:03: a moment in JST as a person reads it in a table."""
    return f"{format_era_day_weekday(moment)}{jst(moment):%H:%M}"


def format_jst(moment: datetime, seconds: bool = False) -> str:
    """2026-11-25 20:47 JST"""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return jst(moment).strftime(pattern) + " JST"


def format_jst_with_era(moment: datetime) -> str:
    """令和8年11月25日 20:47 JST (2026-11-25)"""
    local = jst(moment)
    return f"{format_era_date(moment)} {local:%H:%M} JST ({local:%Y-%m-%d})"


def format_span(delta: timedelta) -> str:
    """A signed, compact duration for countdowns: 2d 03:15, -00:42."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{sign}{days}d {hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}"


def format_era_short(moment: datetime) -> str:
    """R8.11.28（土）12:55: 和暦 with 曜日 in the short form official tables use, for columns too
    narrow for 令和8年11月28日（土）."""
    local = jst(moment)
    _, name_en, year = era_year(local.date())
    return (
        f"{name_en[0]}{year}.{local.month:02d}.{local.day:02d}"
        f"（{WEEKDAYS_JA[local.weekday()]}）{local:%H:%M}"
    )

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.durations import format_duration, parse_duration
from app.domain.timeutil import (
    format_era_date,
    format_jst,
    format_jst_with_era,
    format_span,
    parse_iso,
    to_iso,
)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("P5D", timedelta(days=5)),
        ("PT72H", timedelta(hours=72)),
        ("P1DT12H", timedelta(days=1.5)),
        ("PT30M", timedelta(minutes=30)),
        ("P2W", timedelta(weeks=2)),
        ("PT1H30M", timedelta(hours=1.5)),
    ],
)
def test_durations(text: str, delta: timedelta) -> None:
    assert parse_duration(text) == delta


@pytest.mark.parametrize("text", ["P", "PT", "5D", "P1M", "P1Y", "P1DT", "P-1D", "P1.5D", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_duration_round_trip() -> None:
    assert format_duration(parse_duration("P1DT12H")) == "P1DT12H"


def test_era_dates_in_jst() -> None:
    # 2026-11-25 20:00 UTC is already 26 November in Japan.
    moment = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    assert format_era_date(moment) == "令和8年11月26日"
    assert format_jst(moment) == "2026-11-26 05:00 JST"
    assert format_jst_with_era(moment) == "令和8年11月26日 05:00 JST (2026-11-26)"


def test_era_boundaries() -> None:
    assert format_era_date(datetime(2019, 5, 1, tzinfo=UTC)) == "令和元年5月1日"
    assert format_era_date(datetime(2019, 4, 29, tzinfo=UTC)) == "平成31年4月29日"


def test_iso_round_trip_and_naive_times_are_jst() -> None:
    moment = parse_iso("2026-11-25T09:30")  # no offset: read as JST
    assert to_iso(moment) == "2026-11-25T00:30:00.000000Z"
    assert parse_iso(to_iso(moment)) == moment


def test_span_format() -> None:
    assert format_span(timedelta(days=2, hours=3, minutes=15)) == "2d 03:15"
    assert format_span(timedelta(minutes=-42)) == "-00:42"


def test_a_date_before_showa_falls_back_to_the_western_year() -> None:
    assert format_era_date(datetime(1920, 1, 1, 3, tzinfo=UTC)) == "西暦1920年1月1日"


@pytest.mark.parametrize(
    "text", ["P" + "9" * 10 + "D", "PT" + "1" * 5000 + "H", "P999999999W", "P999999999DT999999999H"]
)
def test_huge_durations_are_refused_without_overflow(text: str) -> None:
    with pytest.raises(ValueError, match="ten digits or more|longer than any clock"):
        parse_duration(text)


def test_the_longest_duration_timedelta_holds_parses() -> None:
    assert parse_duration("P999999999D") == timedelta(days=999_999_999)
    assert parse_duration("P9999999D") == timedelta(days=9_999_999)

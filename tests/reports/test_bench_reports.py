"""The report benchmark runs in its smoke size and prints each figure beside its floor."""

from __future__ import annotations

from bench.reports import run


def test_report_bench_smoke_measures_against_the_floor() -> None:
    rows = {row.name: row for row in run(smoke=True)}
    record = rows["record PDF, 1,000 entries"]
    assert record.floor and record.floor > 0 and record.value > 0
    assert "chunked" in record.floor_name
    assert 1 < rows["record PDF scaling 100 -> 1,000"].value < 50
    memory = rows["record PDF peak memory, 1,000 entries"].value
    assert 20 < memory < 1000

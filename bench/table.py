"""One row of the benchmark table, and how the table is printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    name: str
    value: float
    unit: str
    floor: float | None = None  # the same work done the plainest way, measured in this run
    floor_name: str = ""
    limit: str = ""  # the target, e.g. "<= 2.0x floor" or "< 1000 ms"
    ok: bool | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


def render(rows: list[Row]) -> str:
    header = ("| figure | value | floor | ratio | target | ok |", "|---|---:|---:|---:|---|:--:|")
    lines = list(header)
    for row in rows:
        floor = f"{row.floor:.3g} {row.unit} ({row.floor_name})" if row.floor else "-"
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        ok = "-" if row.ok is None else ("yes" if row.ok else "NO")
        lines.append(
            f"| {row.name} | {row.value:.3g} {row.unit} | {floor} | {ratio} | {row.limit} | {ok} |"
        )
    return "\n".join(lines)

"""Exports people ask for: the timeline as CSV for Excel and the timeline chart as PNG.

CSV is UTF-8 with a BOM: without it Excel on Japanese Windows reads the file as Shift_JIS and the
Japanese turns to mojibake. The PNG is the chart drawn for the PDF, rasterised by PDFium
(pypdfium2: wheels on PyPI for Windows and Linux, no system library), so it matches the printed
chart glyph for glyph. reportlab's own bitmap backends need cairo or a C extension per platform.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from app.domain.entries import LogEntry
from app.domain.state import IncidentState
from app.domain.vocabulary import MODE_LABELS
from app.reports.facts import RecordData, timeline_rows

CSV_HEADER = (
    "番号",
    "発生時刻 (JST)",
    "記録時刻 (JST)",
    "種別",
    "kind",
    "対応者",
    "端末",
    "手順・判断",
    "内容",
    "注記",
    "occurred_at (UTC)",
    "recorded_at (UTC)",
    "hash",
    "区分",  # 本番 / 訓練 / 机上訓練 on every row: an exercise's rows never pass for a real one's
)


# A cell starting with one of these is a formula to Excel: =HYPERLINK(...) in a note would become
# a live link, or worse, in the spreadsheet of whoever opens the export (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    """Text that Excel shows as typed: a leading apostrophe keeps a formula from running."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_timeline_csv(
    state: IncidentState,
    entries: Sequence[LogEntry],
    out: str | Path | IO[str],
    lang: str = "ja",
) -> int:
    """Write one row per entry; returns the number of rows. A path is written as UTF-8 + BOM.

    The 種別, 内容 and 注記 cells are the timeline rows of the printed record (the one describer,
    in the vocabulary's words); ``kind`` and the UTC times are as stored, for machines."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            return write_timeline_csv(state, entries, handle, lang)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    mode = MODE_LABELS[state.mode].text(lang) if state.mode in MODE_LABELS else state.mode
    count = 0
    for row in timeline_rows(state, entries, lang):
        e = row.entry
        cells = (
            row.seq,
            row.occurred.removesuffix(" JST"),
            (row.recorded or row.occurred).removesuffix(" JST"),
            row.kind,
            e.kind,
            e.actor,
            e.device,
            e.step_id or e.decision_id or "",
            row.what,
            " ".join(row.marks),
            e.occurred_at,
            e.recorded_at,
            e.hash,
            mode,
        )
        writer.writerow([_inert(c) for c in cells])
        count += 1
    return count


def chart_png(
    data: RecordData, out: str | Path | IO[bytes], width_px: int = 1600
) -> tuple[int, int]:
    """Rasterise the timeline chart to PNG; returns (width, height) in pixels."""
    import pypdfium2
    from reportlab.graphics import renderPDF

    from app.reports.chart import timeline_chart

    drawing = timeline_chart(data, 760.0)
    pdf = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    try:
        page = pdf[0]
        bitmap = page.render(scale=width_px / page.get_width(), fill_color=(255, 255, 255, 255))
        image = bitmap.to_pil()
        image.save(out, format="PNG", optimize=True)
        return image.size
    finally:
        pdf.close()

"""Report figures: the PDF record of a large incident beside its floor, its scaling, its memory.

Floor, measured in the same run: the same timeline rows (the same cell strings) laid out as plain
reportlab tables of 50 rows each, in a bare document. The record adds everything else a record
has (cover, steps, decisions, deadlines, page furniture, watermark, "page X / Y").
Memory is the peak resident size of a fresh process that renders the record.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.entries import GENESIS, LogEntry, compute_hash
from app.domain.loader import PlaybookFile, load_file
from app.domain.state import fold
from app.domain.timeutil import to_iso
from app.paths import playbooks_dir
from app.reports.facts import RecordData, record_data
from bench.table import Row

START = datetime(2026, 11, 25, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]
_NOTES = (
    "委託先SEが到着、ログの保全を開始",
    "財務課の共有フォルダで新たに暗号化されたファイルを確認。影響範囲の調査を継続する。"
    "バックアップサーバは別セグメントのため影響なしと思われる",
    "県の情報政策課へ電話で第一報",
    "VPN装置のファームウェアが未更新であったことを確認",
)


def ransomware() -> PlaybookFile:
    result = load_file(playbooks_dir() / "ransomware.yaml")
    assert result.playbook is not None
    return result.playbook


def make_entries(count: int, plan: PlaybookFile, mode: str = "drill") -> list[LogEntry]:
    """A hash-chained log of ``count`` entries: the plan's steps and decisions among many notes."""
    steps = [s.id for s in plan.plan.steps() if s.when is None]
    specs: list[tuple[str, str | None, str | None, dict[str, object]]] = [
        (
            "opened",
            None,
            None,
            {
                "title": "ランサムウェア感染（ベンチマーク）",
                "mode": mode,
                "zones": ["lgwan"],
                "body": "市長部局 (新)",
                "playbook": plan.pin(),
            },
        ),
        ("decided", None, "personal_data", {"choice": "unknown"}),
    ]
    while len(specs) < count:
        i = len(specs)
        if steps and i % 7 == 0:
            specs.append(("step_done", steps.pop(0), None, {"note": "完了"}))
        else:
            specs.append(("noted", None, None, {"text": _NOTES[i % len(_NOTES)]}))
    entries: list[LogEntry] = []
    prev = GENESIS
    for seq, (kind, step_id, decision_id, payload) in enumerate(specs[:count], start=1):
        at = to_iso(START + timedelta(seconds=30 * seq))
        actor = "訓練 太郎" if seq % 3 else "情報政策課長"
        uuid = f"00000000-0000-4000-8000-{seq:012d}"
        unsealed = LogEntry(
            seq,
            uuid,
            "2026-0001",
            kind,
            step_id,
            decision_id,
            actor,
            "bench",
            at,
            at,
            payload,
            "",
            prev,
            "",
        )
        entries.append(replace(unsealed, hash=compute_hash(unsealed)))
        prev = entries[-1].hash
    return entries


def make_data(count: int, mode: str = "drill") -> RecordData:
    plan = ransomware()
    entries = make_entries(count, plan, mode)
    return record_data(fold("2026-0001", entries, lambda _sha: plan), entries)


def render_floor(data: RecordData) -> bytes:
    """The same rows as plain chunked tables: the least a PDF of this timeline can cost."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from app.reports.facts import timeline_rows
    from app.reports.record import TL_HEADER, _timeline_cells, timeline_style, timeline_widths

    content_w = timeline_widths()[4]
    rows = [_timeline_cells(r, content_w) for r in timeline_rows(data.state, data.entries)]
    style = TableStyle(timeline_style())
    story = []
    for start in range(0, len(rows), 50):
        table = Table([list(TL_HEADER), *rows[start : start + 50]], colWidths=timeline_widths())
        table.setStyle(style)
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()


def render_ours(data: RecordData) -> bytes:
    from app.reports.record import render_record

    out = io.BytesIO()
    render_record(data, out)
    return out.getvalue()


def _timed(func: Callable[[RecordData], bytes], data: RecordData) -> float:
    started = time.perf_counter()
    func(data)
    return time.perf_counter() - started


def _best_pair(data: RecordData, repeat: int) -> tuple[float, float]:
    """(ours, floor): best of ``repeat``, interleaved so that both see the same machine load."""
    ours, floor = [], []
    for _ in range(repeat):
        floor.append(_timed(render_floor, data))
        ours.append(_timed(render_ours, data))
    return min(ours), min(floor)


def peak_memory_mb(count: int) -> float:
    """Peak resident memory of a fresh process that builds and renders a ``count``-entry record."""
    code = (
        "import sys, bench.reports as b; b.render_ours(b.make_data(int(sys.argv[1])));"
        "print(b.own_peak_mb())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(count)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return float(result.stdout.strip().splitlines()[-1])


def own_peak_mb() -> float:
    # Linux: the high-water mark of this process's own memory. getrusage's ru_maxrss would carry
    # over the parent's peak across exec, so a large bench parent would show in the figure.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no getrusage; report the Python heap peak instead
        import tracemalloc

        return tracemalloc.get_traced_memory()[1] / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def run(smoke: bool) -> list[Row]:
    small, large = (100, 1000) if smoke else (2000, 20000)
    repeat = 1 if smoke else 3
    warm = make_data(50)  # warm up: font loading and imports are not what is measured
    render_ours(warm)
    render_floor(warm)
    data_small, data_large = make_data(small), make_data(large)
    ours_small = min(_timed(render_ours, data_small) for _ in range(repeat))
    ours_large, floor_large = _best_pair(data_large, repeat)
    del data_small, data_large
    memory = peak_memory_mb(large)
    ratio = ours_large / floor_large
    scaling = ours_large / ours_small
    return [
        Row(
            f"record PDF, {large:,} entries",
            ours_large,
            "s",
            floor_large,
            "plain chunked tables, same rows",
            "<= 1.3x floor",
            ratio <= 1.3,
        ),
        Row(
            f"record PDF scaling {small:,} -> {large:,}",
            scaling,
            "x",
            limit="<= 11x",
            ok=scaling <= 11,
        ),
        Row(
            f"record PDF peak memory, {large:,} entries",
            memory,
            "MB",
            limit="< 300 MB",
            ok=memory < 300,
        ),
    ]

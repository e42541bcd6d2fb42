"""Snapshots of the fold (app/store/snapshots.py, kept by the incident queries): a large incident
opens from its snapshot, and only a snapshot of exactly the log's head, unchanged since it was
written, is ever used. Everything else (another head, an edited row, damage, another incident's
row, no table) folds the log, and the state is always the one the log folds to."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.clock import ManualClock
from app.domain.entries import EntryDraft
from app.domain.state import LISTED_KINDS, EntryLists, IncidentState
from app.services.incident_queries import SNAPSHOT_FROM
from app.services.workspace import Workspace
from app.store.snapshots import TABLE
from tests.conftest import START


def big(ws: Workspace, notes: int = SNAPSHOT_FROM + 50) -> str:
    """An incident of more than SNAPSHOT_FROM entries: steps, a decision and many notes."""
    incident = ws.incidents.start("ransomware", "大きな訓練", "係", mode="drill", at=START)
    ws.incidents.decide(incident, "personal_data", "unknown", "係", at=START)
    ws.incidents.complete_step(incident, "isolate", "係", fields={"host": "PC-1"}, at=START)
    ws.store.append(
        [
            EntryDraft(
                incident,
                "noted",
                f"係{i % 3}",
                START + timedelta(seconds=i),
                payload={"text": f"経過 {i}"},
            )
            for i in range(notes)
        ]
    )
    return incident


def fresh(root: Path, read_only: bool | None = None) -> Workspace:
    return Workspace(root, clock=ManualClock(START + timedelta(hours=1)), read_only=read_only)


def reads_of_the_log(ws: Workspace) -> list[int]:
    """Counts every full read of the log (``store.entries``) the workspace makes from now on."""
    calls: list[int] = []
    store = ws.store
    entries: Callable[..., Any] = store.entries

    def counted(incident_id: str, after_seq: int = 0) -> Any:
        calls.append(after_seq)
        return entries(incident_id, after_seq)

    store.entries = counted  # type: ignore[method-assign]
    return calls


def folded(ws: Workspace, incident: str) -> IncidentState:
    """The state the log folds to, read afresh (what a report prints)."""
    return ws.incidents.fold(incident, ws.store.entries(incident))


def same(state: IncidentState, other: IncidentState) -> bool:
    """The same state; its listed entries the same entries (an entry's payload, once read, is
    kept parsed, so two reads of one entry need not compare equal as objects)."""
    lists = {k: [(e.seq, e.uuid, e.hash) for e in state.listed.of(k)] for k in LISTED_KINDS}
    others = {k: [(e.seq, e.uuid, e.hash) for e in other.listed.of(k)] for k in LISTED_KINDS}
    return lists == others and replace(state, listed=EntryLists()) == replace(
        other, listed=EntryLists()
    )


def row(root: Path, incident: str) -> tuple[Any, ...] | None:
    conn = sqlite3.connect(str(root / "sonae.db"))
    try:
        found = conn.execute(
            f"SELECT entries, head, digest, data FROM {TABLE} WHERE incident_id = ?", (incident,)
        ).fetchone()
    except sqlite3.OperationalError:
        found = None
    conn.close()
    return tuple(found) if found else None


def edit(root: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(str(root / "sonae.db"))
    conn.execute(sql, params)
    conn.commit()
    conn.close()


@pytest.fixture
def kept(data_dir: Path) -> tuple[Path, str]:
    """A data folder whose large incident was opened once (so its snapshot is kept)."""
    ws = fresh(data_dir)
    incident = big(ws)
    ws.incidents.state(incident)
    ws.close()
    assert row(data_dir, incident) is not None
    return data_dir, incident


def test_a_large_incident_opens_from_its_snapshot_as_the_log_folds(
    kept: tuple[Path, str],
) -> None:
    root, incident = kept
    ws = fresh(root)
    reads = reads_of_the_log(ws)
    state = ws.incidents.state(incident)
    assert reads == []  # restored: the log was not replayed
    assert state.entries == SNAPSHOT_FROM + 53 and not state.plans[0].resolved
    assert same(state, folded(ws, incident))  # the notes read from the log when asked for
    assert len(state.notes) == SNAPSHOT_FROM + 50
    assert state.step_states()["isolate"] == "done"
    ws.close()


def test_a_small_incident_keeps_no_snapshot(data_dir: Path) -> None:
    ws = fresh(data_dir)
    incident = big(ws, notes=10)
    ws.incidents.state(incident)
    ws.close()
    assert row(data_dir, incident) is None


def test_a_snapshot_of_another_head_is_not_used(kept: tuple[Path, str]) -> None:
    root, incident = kept
    other = fresh(root)  # another process records a note: the head moves on
    other.store.append([EntryDraft(incident, "noted", "別の係", START, payload={"text": "追記"})])
    other.store.close()
    ws = fresh(root)
    reads = reads_of_the_log(ws)
    state = ws.incidents.state(incident)
    assert reads == [0]  # folded from the log
    assert state.notes[-1].payload["text"] == "追記"
    assert same(state, folded(ws, incident))
    ws.close()
    assert row(root, incident)[0] == SNAPSHOT_FROM + 54  # type: ignore[index]  # kept anew


@pytest.mark.parametrize(
    ("what", "sql"),
    [
        ("an edited state", f"UPDATE {TABLE} SET data = replace(data, '大きな訓練', '偽の件名')"),
        ("an edited key", f"UPDATE {TABLE} SET entries = entries - 1"),
        ("damaged text", f"UPDATE {TABLE} SET data = substr(data, 1, 40)"),
        ("not text", f"UPDATE {TABLE} SET data = x'00ff'"),
        ("another digest", f"UPDATE {TABLE} SET digest = '0'"),
        ("no snapshot table", f"DROP TABLE {TABLE}"),
    ],
)
def test_a_tampered_or_damaged_snapshot_is_not_trusted(
    kept: tuple[Path, str], what: str, sql: str
) -> None:
    root, incident = kept
    edit(root, sql)
    ws = fresh(root)
    reads = reads_of_the_log(ws)
    state = ws.incidents.state(incident)
    assert reads == [0], what  # the log, not the snapshot
    assert state.title == "大きな訓練"
    assert same(state, folded(ws, incident))
    ws.close()


def test_a_snapshot_made_for_another_state_is_refused_even_with_its_digest(
    kept: tuple[Path, str],
) -> None:
    """Another incident's row, moved under this one's id: its digest names the other incident."""
    root, incident = kept
    ws = fresh(root)
    second = big(ws)
    ws.incidents.state(second)
    ws.close()
    edit(root, f"DELETE FROM {TABLE} WHERE incident_id = ?", incident)
    edit(root, f"UPDATE {TABLE} SET incident_id = ? WHERE incident_id = ?", incident, second)
    ws = fresh(root)
    reads = reads_of_the_log(ws)
    assert same(ws.incidents.state(incident), folded(ws, incident))
    assert reads[0] == 0
    ws.close()


def test_what_is_recorded_after_a_restore_folds_as_the_log_does(kept: tuple[Path, str]) -> None:
    """A note, a step and a correction (which replays the whole log, read now) on a restored
    state; closing keeps the new state, and the next process opens from it."""
    root, incident = kept
    ws = fresh(root)
    reads = reads_of_the_log(ws)
    ws.incidents.note(incident, "復元後のメモ", "係")
    done = ws.incidents.complete_step(incident, "record_note", "係", fields={})
    assert reads == []  # restored, then kept current entry by entry
    ws.incidents.correct(incident, done.uuid, "別の手順だった", "係")
    assert 0 in reads  # the correction replays the whole log: read now
    state = ws.incidents.state(incident)
    assert state.step_states()["record_note"] != "done"
    assert same(state, folded(ws, incident))
    ws.close()
    again = fresh(root)
    reads = reads_of_the_log(again)
    assert same(again.incidents.state(incident), folded(again, incident))
    assert reads.count(0) == 1  # only folded() read it: the state came from the snapshot
    again.close()


def test_a_read_only_folder_reads_snapshots_and_writes_none(kept: tuple[Path, str]) -> None:
    root, incident = kept
    before = row(root, incident)
    ws = fresh(root, read_only=True)
    reads = reads_of_the_log(ws)
    assert same(ws.incidents.state(incident), folded(ws, incident))
    assert reads.count(0) == 1  # only folded()
    ws.close()
    edit(root, f"DELETE FROM {TABLE}")
    ws = fresh(root, read_only=True)
    assert same(ws.incidents.state(incident), folded(ws, incident))
    ws.close()
    assert row(root, incident) is None and before is not None  # nothing written read-only


def test_a_snapshot_is_a_derived_copy_verify_does_not_need(kept: tuple[Path, str]) -> None:
    root, _incident = kept
    edit(root, f"UPDATE {TABLE} SET data = 'garbage'")
    ws = fresh(root)
    assert ws.verify().ok
    ws.close()


def test_a_forged_snapshot_with_its_digest_recomputed_is_caught_by_verify_and_dropped(
    kept: tuple[Path, str],
) -> None:
    """Someone who can edit the database can also recompute a snapshot's digest: the screen
    would show what it says. verify folds the log and compares, names it, and drops it."""
    import json

    from app.store.snapshots import _digest

    root, incident = kept
    entries, head, _digest_text, data = row(root, incident)  # type: ignore[misc]
    forged = json.loads(data)
    forged["status"] = "closed"
    text = json.dumps(forged, ensure_ascii=False)
    edit(
        root,
        f"UPDATE {TABLE} SET data = ?, digest = ? WHERE incident_id = ?",
        text,
        _digest(incident, (entries, head), text),
        incident,
    )
    ws = fresh(root)
    result = ws.verify()
    assert not result.ok and "fold_snapshots" in result.describe()
    assert row(root, incident) is None  # dropped: never used again
    assert ws.verify().ok
    assert ws.incidents.state(incident).status == folded(ws, incident).status
    ws.close()

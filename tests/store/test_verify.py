"""verify(): every kind of tampering is caught and the first bad entry is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.store.log import LogStore
from app.store.verify import verify
from tests.store.helpers import fill, raw, unprotected


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "sonae.db"
    store = LogStore(path)
    incident = fill(store, notes=6)
    fill(store, notes=2)  # a second, untouched incident
    store.close()
    return path, incident


def _verify(path: Path, incident: str | None = None):  # type: ignore[no-untyped-def]
    store = LogStore(path)
    try:
        return verify(store, incident)
    finally:
        store.close()


def test_an_untouched_log_verifies(filled: tuple[Path, str]) -> None:
    result = _verify(filled[0])
    assert result.ok and result.checked == 7 + 3


def test_a_changed_field_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(
        path, "UPDATE entries SET actor = '改ざん者' WHERE incident_id = ? AND seq = 4", incident
    )
    result = _verify(path)
    assert not result.ok and (result.incident_id, result.seq) == (incident, 4)
    assert "hash" in result.reason.render("en")


def test_a_changed_payload_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(
        path,
        "UPDATE entries SET payload = ? WHERE incident_id = ? AND seq = 3",
        json.dumps({"text": "書き換え"}),
        incident,
    )
    result = _verify(path, incident)
    assert not result.ok and result.seq == 3


def test_a_deleted_row_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "DELETE FROM entries WHERE incident_id = ? AND seq = 3", incident)
    result = _verify(path)
    assert not result.ok and result.seq == 4 and "missing" in result.reason.render("en")


def test_a_deleted_and_renumbered_row_is_caught_by_the_link(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "DELETE FROM entries WHERE incident_id = ? AND seq = 3", incident)
    for seq in range(4, 8):
        unprotected(
            path,
            "UPDATE entries SET seq = seq - 1 WHERE incident_id = ? AND seq = ?",
            incident,
            seq,
        )
    result = _verify(path)
    assert not result.ok and result.seq == 3 and "link" in result.reason.render("en")


def test_a_deleted_tail_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "DELETE FROM entries WHERE incident_id = ? AND seq = 7", incident)
    result = _verify(path)
    assert (
        not result.ok
        and result.incident_id == incident
        and "ends early" in result.reason.render("en")
    )


def test_reordered_rows_are_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    conn = raw(path)
    rows = conn.execute(
        "SELECT * FROM entries WHERE incident_id = ? AND seq IN (3, 4) ORDER BY seq", (incident,)
    ).fetchall()
    conn.close()
    # Swap the two rows' physical order: delete both, insert 4 before 3.
    unprotected(path, "DELETE FROM entries WHERE incident_id = ? AND seq IN (3, 4)", incident)
    conn = raw(path)
    marks = ",".join("?" * len(rows[0]))
    conn.execute(f"INSERT INTO entries VALUES ({marks})", rows[1])
    conn.execute(f"INSERT INTO entries VALUES ({marks})", rows[0])
    conn.close()
    result = _verify(path)
    assert not result.ok and "reordered" in result.reason.render("en")


def test_swapped_contents_break_the_chain(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "UPDATE entries SET seq = 100 WHERE incident_id = ? AND seq = 2", incident)
    unprotected(path, "UPDATE entries SET seq = 2 WHERE incident_id = ? AND seq = 5", incident)
    unprotected(path, "UPDATE entries SET seq = 5 WHERE incident_id = ? AND seq = 100", incident)
    result = _verify(path)
    assert not result.ok and result.seq == 2


def test_a_dropped_trigger_is_caught(filled: tuple[Path, str]) -> None:
    path, _ = filled
    conn = raw(path)
    conn.execute("DROP TRIGGER entries_no_delete")
    conn.close()
    result = _verify(path)
    assert not result.ok and "entries_no_delete" in result.reason.render("en")


def test_a_changed_pinned_playbook_is_caught(filled: tuple[Path, str]) -> None:
    path, _ = filled
    conn = raw(path)
    conn.execute("DROP TRIGGER plans_no_update")
    conn.execute("UPDATE plans SET text = text || '# edited'")
    conn.execute(
        "CREATE TRIGGER plans_no_update BEFORE UPDATE ON plans BEGIN SELECT RAISE(ABORT, 'x'); END"
    )
    conn.close()
    result = _verify(path)
    assert not result.ok and "playbook" in result.reason.render("en")

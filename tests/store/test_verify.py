"""verify(): every kind of tampering is caught and the first bad entry is named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.store.log import LogStore
from app.store.verify import verify
from tests.store.helpers import fill, raw, unprotected, verify_path


def test_an_untouched_log_verifies(filled: tuple[Path, str]) -> None:
    result = verify_path(filled[0])
    assert result.ok and result.checked == 7 + 3


def test_a_changed_field_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(
        path, "UPDATE entries SET actor = '改ざん者' WHERE incident_id = ? AND seq = 4", incident
    )
    result = verify_path(path)
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
    result = verify_path(path, incident)
    assert not result.ok and result.seq == 3


def test_a_deleted_row_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "DELETE FROM entries WHERE incident_id = ? AND seq = 3", incident)
    result = verify_path(path)
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
    result = verify_path(path)
    assert not result.ok and result.seq == 3 and "link" in result.reason.render("en")


def test_a_deleted_tail_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "DELETE FROM entries WHERE incident_id = ? AND seq = 7", incident)
    result = verify_path(path)
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
    result = verify_path(path)
    assert not result.ok and "reordered" in result.reason.render("en")


def test_swapped_contents_break_the_chain(filled: tuple[Path, str]) -> None:
    path, incident = filled
    unprotected(path, "UPDATE entries SET seq = 100 WHERE incident_id = ? AND seq = 2", incident)
    unprotected(path, "UPDATE entries SET seq = 2 WHERE incident_id = ? AND seq = 5", incident)
    unprotected(path, "UPDATE entries SET seq = 5 WHERE incident_id = ? AND seq = 100", incident)
    result = verify_path(path)
    assert not result.ok and result.seq == 2


def test_a_dropped_trigger_is_caught(filled: tuple[Path, str]) -> None:
    path, _ = filled
    conn = raw(path)
    conn.execute("DROP TRIGGER entries_no_delete")
    conn.close()
    result = verify_path(path)
    assert not result.ok and "entries_no_delete" in result.reason.render("en")


def test_a_changed_pinned_playbook_is_caught(filled: tuple[Path, str]) -> None:
    path, _ = filled
    conn = raw(path)
    conn.execute("DROP TRIGGER plans_no_update")
    conn.execute("UPDATE plans SET text = text || '# edited'")
    from app.store.db import TRIGGERS

    conn.execute(TRIGGERS["plans_no_update"])  # put back exactly as it was
    conn.close()
    result = verify_path(path)
    assert not result.ok and "playbook" in result.reason.render("en")


def test_a_trigger_replaced_by_one_that_never_fires_is_caught(filled: tuple[Path, str]) -> None:
    path, incident = filled
    conn = raw(path)
    conn.execute("DROP TRIGGER entries_no_delete")
    conn.execute(
        "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries WHEN 0 "
        "BEGIN SELECT RAISE(ABORT, 'x'); END"
    )
    conn.execute("DELETE FROM entries WHERE incident_id = ? AND seq = 7", (incident,))
    conn.close()
    result = verify_path(path)
    assert not result.ok and "entries_no_delete was replaced" in result.reason.render("en")


def test_chain_heads_only_move_forward(filled: tuple[Path, str]) -> None:
    path, incident = filled
    conn = raw(path)
    with pytest.raises(sqlite3.IntegrityError, match="forward"):
        conn.execute("UPDATE heads SET seq = 4 WHERE incident_id = ?", (incident,))
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM heads")
    conn.close()


def test_a_damaged_database_page_is_caught(filled: tuple[Path, str]) -> None:
    path, _ = filled
    conn = raw(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    # Scribble over the last page (an index or table page), leaving the header intact.
    data[-page + 100 : -100] = b"\xff" * (page - 200)
    path.write_bytes(bytes(data))
    try:
        result = verify_path(path)
    except SonaeError as exc:  # damage may already show when the file is opened
        assert "\n" not in str(exc)
        return
    assert not result.ok


def test_a_version_1_database_is_migrated_with_its_log_intact(tmp_path: Path) -> None:
    from app.store import db

    path = tmp_path / "v1.db"
    conn = raw(path)
    conn.executescript(db.MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.close()
    store = LogStore(path)
    incident = fill(store, notes=2)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert verify(store, incident).ok
    store.close()

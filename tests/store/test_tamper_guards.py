"""Ordinary SQL cannot walk round the triggers, and verify names what Sonae did not write."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.store import db
from app.store.log import LogStore
from app.store.verify import verify
from tests.store.helpers import fill, raw, unprotected, verify_path


def _row(conn: sqlite3.Connection, incident: str, seq: int) -> tuple[object, ...]:
    return tuple(
        conn.execute(
            "SELECT * FROM entries WHERE incident_id = ? AND seq = ?", (incident, seq)
        ).fetchone()
    )


def test_insert_or_replace_cannot_cut_the_tail_or_move_the_head_back(
    filled: tuple[Path, str],
) -> None:
    path, incident = filled
    conn = raw(path)
    row = _row(conn, incident, 7)
    marks = ",".join("?" * len(row))
    for statement in (
        f"INSERT OR REPLACE INTO entries VALUES ({marks})",
        f"REPLACE INTO entries VALUES ({marks})",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement, row)
    # A row of another seq with the same uuid would replace that row too.
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(f"INSERT OR REPLACE INTO entries VALUES ({marks})", (99, *row[1:]))
    with pytest.raises(sqlite3.IntegrityError, match="forward"):
        conn.execute("INSERT OR REPLACE INTO heads VALUES (?, '', 3, 'x')", (incident,))
    plan = conn.execute("SELECT sha256, playbook_id, version FROM plans").fetchone()
    conn.execute("INSERT OR REPLACE INTO plans VALUES (?, ?, ?, 'forged')", plan)  # skipped
    assert conn.execute(
        "SELECT count(*) FROM entries WHERE incident_id = ?", (incident,)
    ).fetchone() == (7,)
    assert conn.execute("SELECT seq FROM heads WHERE incident_id = ?", (incident,)).fetchone() == (
        7,
    )
    assert conn.execute("SELECT text FROM plans").fetchone()[0] != "forged"
    conn.close()
    assert verify_path(path).ok


def test_a_version_2_database_gets_the_replace_guards(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    conn = raw(path)
    conn.executescript(db.MIGRATIONS[0] + db.MIGRATIONS[1])
    conn.execute("PRAGMA user_version = 2")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.close()
    store = LogStore(path)
    incident = fill(store, notes=2)
    names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert names == set(db.TRIGGERS)
    assert verify(store, incident).ok
    store.close()


def test_a_trigger_sonae_did_not_make_is_named(filled: tuple[Path, str]) -> None:
    path, _ = filled
    conn = raw(path)
    conn.execute("CREATE TRIGGER quiet_rewrite AFTER INSERT ON entries BEGIN SELECT 1; END")
    conn.close()
    result = verify_path(path)
    assert not result.ok and "quiet_rewrite" in result.reason.render("en")


def test_a_payload_with_duplicate_keys_is_tampered(filled: tuple[Path, str]) -> None:
    """SQL's json_extract reads one value and Python the other: the same row says two things."""
    path, incident = filled
    conn = raw(path)
    stored = conn.execute(
        "SELECT payload FROM entries WHERE incident_id = ? AND seq = 3", (incident,)
    ).fetchone()[0]
    conn.close()
    text = json.loads(stored)["text"]
    two_faced = json.dumps({"text": text}, ensure_ascii=False)[:-1] + ', "text": "forged"}'
    unprotected(
        path,
        "UPDATE entries SET payload = ? WHERE incident_id = ? AND seq = 3",
        two_faced,
        incident,
    )
    result = verify_path(path, incident)
    assert not result.ok and result.seq == 3
    assert "duplicate keys" in result.reason.render("en")


@pytest.mark.parametrize(
    "payload, why",
    [
        ("not json at all", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"text":"note 1"}', "not in the form Sonae writes"),  # other spacing
        (b"\x00\x01", "not text"),
    ],
)
def test_a_payload_sonae_did_not_write_is_named_not_an_internal_error(
    filled: tuple[Path, str], payload: object, why: str
) -> None:
    path, incident = filled
    unprotected(
        path, "UPDATE entries SET payload = ? WHERE incident_id = ? AND seq = 2", payload, incident
    )
    result = verify_path(path, incident)
    assert not result.ok and result.seq == 2 and why in result.reason.render("en")


def test_a_tampered_payload_does_not_stop_the_commands(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """list and show say which incident cannot be read; verify names the entry; nothing says
    internal error."""
    from app.cli import main

    assert main(["incident", "start", "ransomware", "--title", "t", "--actor", "a"]) == 0
    assert main(["incident", "start", "ransomware", "--title", "u", "--actor", "a"]) == 0
    capsys.readouterr()
    path = data_dir / "sonae.db"
    unprotected(path, "UPDATE entries SET payload = 'garbage' WHERE incident_id LIKE '%-0001'")
    assert main(["--lang", "en", "incident", "list"]) == 0
    out, err = capsys.readouterr()
    assert "0002" in out and "0001" in out and "cannot be read" in out
    damaged = next(w for w in out.split() if w.endswith("0001"))
    healthy = next(w for w in out.split() if w.endswith("0002"))
    assert main(["--lang", "en", "incident", "show", healthy]) == 0
    capsys.readouterr()
    code = main(["--lang", "en", "incident", "show", damaged])
    out, err = capsys.readouterr()
    assert code == 1 and "verify" in err and err.count("\n") == 1
    assert main(["--lang", "en", "verify"]) == 1
    err = capsys.readouterr().err
    assert "#1" in err and "payload" in err
    assert "internal error" not in out + err

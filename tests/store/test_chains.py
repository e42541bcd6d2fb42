"""Several laptops: one chain per device per incident in one database, sealed entries taken
unchanged from another laptop, merged in one order, each chain verified."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.chain import SealedChain, incident_head, merge
from app.domain.entries import GENESIS, compute_hash
from app.domain.loader import PlaybookFile
from app.errors import SonaeError
from app.i18n import set_language
from app.paths import SEEN_FILE
from app.store.log import LogStore
from app.store.seen import SeenRecord
from app.store.verify import verify
from tests.store.helpers import T0, fill, note, pinned, raw, sealed, unprotected, verify_path


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Refusals are matched in English; each message is also checked in both languages."""
    set_language("en")
    yield
    set_language("ja")


def laptop(folder: Path, device: str) -> LogStore:
    folder.mkdir(parents=True, exist_ok=True)
    return LogStore(folder / "sonae.db", device=device, seen=SeenRecord(folder / SEEN_FILE))


def table(path: Path) -> list[tuple[object, ...]]:
    """Every row of entries, heads and plans, as an attacker with SQL would see them."""
    conn = raw(path)
    rows = [
        *conn.execute("SELECT 'e', rowid, * FROM entries ORDER BY rowid"),
        *conn.execute("SELECT 'h', * FROM heads ORDER BY incident_id, chain"),
        *conn.execute("SELECT 'p', sha256 FROM plans ORDER BY sha256"),
    ]
    conn.close()
    return rows


@pytest.fixture
def two(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Laptop A opened an incident and wrote on it; laptop B took A's chain and wrote its own."""
    a = laptop(tmp_path / "a", "pc-a")
    incident = fill(a, notes=3)
    b = laptop(tmp_path / "b", "pc-b")
    assert len(b.insert_sealed([sealed(a, incident, "pc-a")], pinned(a))) == 4
    for n in range(3):
        note(b, incident, f"b {n}", minutes=n * 2 + 1)  # between A's notes
    yield a, b, incident
    a.close()
    b.close()


def test_two_devices_chains_live_in_one_database_each_verified(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    assert b.chain_heads(incident).keys() == {"pc-a", "pc-b"}
    assert [e.seq for e in b.chain_entries(incident, "pc-b")] == [1, 2, 3]
    assert b.chain_entries(incident, "pc-b")[0].prev_hash == GENESIS
    assert b.chain_entries(incident, "pc-a") == a.entries(incident)  # unchanged, not re-sealed
    result = verify(b)
    assert result.ok and result.checked == 4 + 3
    assert b.count(incident) == 7
    # A takes B's chain back: both laptops hold the same two chains.
    a.insert_sealed([sealed(b, incident, "pc-b")])
    assert verify(a).ok
    assert a.chain_heads(incident) == b.chain_heads(incident)
    assert a.head(incident) == b.head(incident) == incident_head(b.chain_heads(incident))
    assert [e.uuid for e in a.entries(incident)] == [e.uuid for e in b.entries(incident)]


def test_the_merged_order_interleaves_by_time_and_keeps_each_chain(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    merged = [(e.device, e.seq) for e in b.entries(incident)]
    # A's opening, then notes at minutes 1 (A), 1 (B), 2, 3 (B), 3, 5 (B).
    assert merged[0] == ("pc-a", 1)
    assert sorted(merged) == sorted(
        [("pc-a", s) for s in range(1, 5)] + [("pc-b", 1), ("pc-b", 2), ("pc-b", 3)]
    )
    for device in ("pc-a", "pc-b"):
        seqs = [s for d, s in merged if d == device]
        assert seqs == sorted(seqs)
    chains = {key: b.chain_entries(incident, key) for key in ("pc-a", "pc-b")}
    assert b.entries(incident) == merge(chains)  # the one rule, in the domain


def test_the_merged_order_is_the_same_whatever_order_chains_arrived_in(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    chains = {key: sealed(b, incident, key) for key in ("pc-a", "pc-b")}
    plans = pinned(b)
    first = laptop(tmp_path / "c1", "pc-c")
    first.insert_sealed([chains["pc-a"]], plans)
    first.insert_sealed([chains["pc-b"]])
    second = laptop(tmp_path / "c2", "pc-c")
    second.insert_sealed([chains["pc-b"], chains["pc-a"]], plans)  # B's first, in one call
    order = [e.uuid for e in b.entries(incident)]
    assert [e.uuid for e in first.entries(incident)] == order
    assert [e.uuid for e in second.entries(incident)] == order
    assert first.head(incident) == second.head(incident) == b.head(incident)
    first.close()
    second.close()


def test_positions_count_and_pages_follow_the_merged_order(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    merged = b.entries(incident)
    assert b.count(incident) == len(merged) == 7
    assert [b.hash_at(incident, n) for n in range(1, 8)] == [e.hash for e in merged]
    assert b.hash_at(incident, 0) is None and b.hash_at(incident, 8) is None
    assert b.entries(incident, after_seq=4) == merged[4:]
    assert b.entries_page(incident, 2, 3) == merged[2:5]
    assert b.entries_page(incident, 0, 2, before=6) == merged[3:5]
    by_b = b.entries_page(incident, 0, 10, kinds=["noted"], actor="a")
    assert by_b == [e for e in merged if e.kind == "noted"]
    assert b.entries_page(incident, 0, 5, kinds=["opened"], before=99) == merged[:1]
    head = b.head(incident)
    assert head is not None and head[0] == 7 and head[1] not in {e.hash for e in merged}


def test_local_writes_go_on_this_devices_chain_only(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    before = b.chain_heads(incident)["pc-a"]
    note(b, incident, "more")
    assert b.chain_heads(incident)["pc-a"] == before
    assert b.chain_heads(incident)["pc-b"][0] == 4
    last = b.chain_entries(incident, "pc-b")[-1]
    assert last.device == "pc-b" and last.seq == 4 and compute_hash(last) == last.hash


def test_a_fork_is_refused_in_one_line_and_changes_nothing(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    b.close()
    # B's database copied; each copy writes another entry #4 on B's chain.
    shutil.copytree(tmp_path / "b", tmp_path / "b2")
    b = laptop(tmp_path / "b", "pc-b")
    twin = laptop(tmp_path / "b2", "pc-b")
    note(b, incident, "one way")
    note(twin, incident, "the other way")
    a.insert_sealed([sealed(b, incident, "pc-b")])
    before = table(a.path)
    with pytest.raises(SonaeError) as caught:
        a.insert_sealed([sealed(twin, incident, "pc-b")])
    text = caught.value.msg.render("en")
    assert "forks" in text and "#4" in text and "pc-b" in text and "\n" not in text
    assert "分岐" in caught.value.msg.render("ja")
    assert table(a.path) == before
    # Only the new part of the twin (continuing after #3) forks the same way.
    with pytest.raises(SonaeError, match="forks"):
        a.insert_sealed([sealed(twin, incident, "pc-b", after_seq=3)])
    assert table(a.path) == before and verify(a).ok
    twin.close()


def test_a_second_import_changes_nothing_and_a_longer_one_adds_only_the_rest(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    chain = sealed(b, incident, "pc-b")
    assert len(a.insert_sealed([chain])) == 3
    before = table(a.path)
    assert a.insert_sealed([chain]) == []
    assert b.insert_sealed([sealed(a, incident, "pc-a")]) == []  # B had A's chain already
    assert table(a.path) == before
    note(b, incident, "later")
    added = a.insert_sealed([sealed(b, incident, "pc-b")])
    assert [e.seq for e in added] == [4]
    assert a.insert_sealed([sealed(b, incident, "pc-b", after_seq=2)]) == []
    assert verify(a).ok and a.count(incident) == 8


def test_a_tampered_entry_is_refused_before_anything_is_written(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    good = sealed(b, incident, "pc-b")
    entries = list(good.entries)
    entries[1] = replace(entries[1], payload_data='{"text": "forged"}')
    forged = replace(good, entries=tuple(entries))
    other = fill(b, notes=1)  # a second incident, sound, in the same import
    before = table(a.path)
    with pytest.raises(SonaeError) as caught:
        a.insert_sealed([sealed(b, other, "pc-b"), forged], pinned(b))
    text = caught.value.msg.render("en")
    assert f"{incident} / pc-b #2 ({entries[1].uuid})" in text and "hash" in text
    assert table(a.path) == before  # nor the sound incident before it


@pytest.mark.parametrize(
    "spoil, words",
    [
        (lambda c: replace(c, key="pc-x"), "begins with an entry of pc-b"),
        (lambda c: replace(c, head=(9, c.head[1])), "ends early"),
        (lambda c: replace(c, entries=c.entries[1:2], head=(2, c.entries[1].hash)), "#1 onwards"),
        (lambda c: replace(c, incident_id="../2026"), "not an incident id"),
        (lambda c: replace(c, key="pc\nx"), "not a device name"),
        (lambda c: replace(c, entries=c.entries[:1] + c.entries[2:]), "missing"),
    ],
    ids=["other key", "short of its head", "gap", "bad id", "bad name", "deleted row"],
)
def test_an_import_that_does_not_hold_is_refused_untouched(two, spoil, words: str) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    before = table(a.path)
    with pytest.raises(SonaeError) as caught:
        a.insert_sealed([spoil(sealed(b, incident, "pc-b"))])
    text = caught.value.msg.render("en")
    assert words in text and "\n" not in text, text
    assert table(a.path) == before


def test_this_devices_own_chain_is_never_imported(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    before = table(b.path)
    for chain in (sealed(b, incident, "pc-b"), sealed(a, incident, "pc-a")):
        mine = LogStore(b.path, device=chain.key)
        with pytest.raises(SonaeError, match="own chain"):
            mine.insert_sealed([chain])
        mine.close()
    assert table(b.path) == before


def test_a_chain_claiming_entries_of_this_device_is_refused(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    renamed = replace(sealed(b, incident, "pc-b"), key="pc-x")  # B's entries under another name
    store = LogStore(a.path, device="pc-b")
    with pytest.raises(SonaeError, match="own chain"):
        store.insert_sealed([renamed])
    store.close()


def test_the_plans_an_import_follows_come_with_it_and_are_pinned(tmp_path: Path) -> None:
    a = laptop(tmp_path / "a", "pc-a")
    incident = fill(a, notes=1)
    b = laptop(tmp_path / "b", "pc-b")
    with pytest.raises(SonaeError, match="which is not included"):
        b.insert_sealed([sealed(a, incident, "pc-a")])
    plan = pinned(a)[0]
    forged = PlaybookFile(plan.plan, plan.text + "# edited", plan.sha256)
    with pytest.raises(SonaeError, match="does not match its hash"):
        b.insert_sealed([sealed(a, incident, "pc-a")], [forged])
    assert b.incident_ids() == [] and b.plan_text(plan.sha256) is None
    b.insert_sealed([sealed(a, incident, "pc-a")], [plan])
    assert b.plan_text(plan.sha256) == plan.text and verify(b).ok
    a.close()
    b.close()


def test_an_incident_opened_on_two_laptops_is_two_incidents_refused(tmp_path: Path) -> None:
    a = laptop(tmp_path / "a", "pc-a")
    b = laptop(tmp_path / "b", "pc-b")
    assert fill(a, notes=1) == fill(b, notes=1)  # both numbered 2026-0001
    before = table(b.path)
    with pytest.raises(SonaeError) as caught:
        b.insert_sealed([sealed(a, "2026-0001", "pc-a")], pinned(a))
    assert "opened on more than one device (pc-a, pc-b)" in caught.value.msg.render("en")
    assert table(b.path) == before
    a.close()
    b.close()


def test_a_chain_without_its_incidents_opening_is_refused(two, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    c = laptop(tmp_path / "c", "pc-c")
    with pytest.raises(SonaeError, match="nothing here or in the import opens"):
        c.insert_sealed([sealed(b, incident, "pc-b")])
    assert c.incident_ids() == []
    c.close()


def test_an_entry_whose_uuid_is_stored_elsewhere_is_refused(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    chain = sealed(b, incident, "pc-b")
    copied = replace(chain.entries[2], uuid=a.entries(incident)[1].uuid, hash="")
    copied = replace(copied, hash=compute_hash(copied))
    spoiled = replace(chain, entries=(*chain.entries[:2], copied), head=(3, copied.hash))
    before = table(a.path)
    with pytest.raises(SonaeError, match="already stored at another place"):
        a.insert_sealed([spoiled])
    assert table(a.path) == before


def test_a_read_only_store_refuses_an_import(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    reader = LogStore(a.path, device="pc-a", read_only=True)
    with pytest.raises(SonaeError, match="read-only"):
        reader.insert_sealed([sealed(b, incident, "pc-b")])
    reader.close()


def test_verify_names_a_tampered_entry_on_another_devices_chain(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    b.close()
    unprotected(
        b.path,
        "UPDATE entries SET actor = 'x' WHERE incident_id = ? AND chain = 'pc-a' AND seq = 3",
        incident,
    )
    result = verify_path(b.path)
    assert not result.ok and (result.incident_id, result.chain, result.seq) == (incident, "pc-a", 3)
    assert result.describe().startswith(f"{incident} / pc-a #3 (")


def test_verify_names_a_chain_moved_under_another_devices_name(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    b.close()
    for sql in (
        "UPDATE entries SET chain = 'pc-z' WHERE incident_id = ? AND chain = 'pc-b'",
        "UPDATE heads SET chain = 'pc-z' WHERE incident_id = ? AND chain = 'pc-b'",
    ):
        unprotected(b.path, sql, incident)
    result = verify_path(b.path)
    assert (
        not result.ok
        and result.seq == 1
        and "filed under device pc-z" in result.reason.render("en")
    )  # type: ignore[union-attr]


def test_verify_names_an_entry_moved_into_another_chain(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    b.close()
    unprotected(
        b.path,
        "UPDATE entries SET chain = 'pc-a', seq = 5 WHERE incident_id = ? AND chain = 'pc-b' "
        "AND seq = 3",
        incident,
    )
    result = verify_path(b.path)
    assert not result.ok and result.incident_id == incident


def test_the_new_keys_are_guarded_like_the_old(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    conn = raw(b.path)
    row = conn.execute(
        "SELECT * FROM entries WHERE incident_id = ? AND chain = 'pc-b' AND seq = 3", (incident,)
    ).fetchone()
    marks = ",".join("?" * len(row))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(f"INSERT OR REPLACE INTO entries VALUES ({marks})", row)
    with pytest.raises(sqlite3.IntegrityError, match="forward"):
        conn.execute(
            "UPDATE heads SET seq = 2 WHERE incident_id = ? AND chain = 'pc-b'", (incident,)
        )
    with pytest.raises(sqlite3.IntegrityError, match="forward"):
        conn.execute("UPDATE heads SET seq = 9, chain = 'pc-a' WHERE chain = 'pc-b'")
    with pytest.raises(sqlite3.IntegrityError, match="forward"):
        conn.execute("INSERT OR REPLACE INTO heads VALUES (?, 'pc-b', 1, 'x')", (incident,))
    # Another device's chain of the same incident at the same seq is no collision.
    other = (*row[:-1], "pc-q")
    other = (other[0], "another-uuid", *other[2:])
    conn.execute(f"INSERT INTO entries VALUES ({marks})", other)
    conn.close()


def test_a_lost_foreign_chain_is_a_loss_that_names_it(two) -> None:  # type: ignore[no-untyped-def]
    a, b, incident = two
    folder = b.path.parent
    b.close()
    unprotected(
        b.path, "DELETE FROM entries WHERE incident_id = ? AND chain = 'pc-a' AND seq > 2", incident
    )
    reader = LogStore(b.path)
    digest = reader.chain_hash_at(incident, "pc-a", 2)
    reader.close()
    unprotected(
        b.path,
        "UPDATE heads SET seq = 2, hash = ? WHERE incident_id = ? AND chain = 'pc-a'",
        digest,
        incident,
    )
    store = laptop(folder, "pc-b")
    assert [(loss.chain, loss.found, loss.known.seq) for loss in store.losses] == [("pc-a", 2, 4)]
    text = store.losses[0].describe().render("en")
    assert f"incident {incident} / pc-a lost entries: 2 now, 4 seen" in text
    assert not verify(store).ok
    store.close()


def test_the_seen_record_keeps_every_chain_and_accepts_a_loss_per_chain(two) -> None:  # type: ignore[no-untyped-def]
    _, b, incident = two
    folder = b.path.parent
    b.close()
    seen = SeenRecord(folder / SEEN_FILE)
    known = seen.heads[incident]
    assert dict((k, s) for k, s, _ in known.chains) == {"pc-a": 4, "pc-b": 3}
    reader = LogStore(b.path)
    assert (known.seq, known.hash) == reader.head(incident)
    reader.close()
    unprotected(b.path, "DELETE FROM entries WHERE incident_id = ? AND chain = 'pc-b'", incident)
    unprotected(b.path, "DELETE FROM heads WHERE incident_id = ? AND chain = 'pc-b'", incident)
    store = laptop(folder, "pc-b")
    assert [(loss.chain, loss.found) for loss in store.losses] == [("pc-b", 0)]
    assert store.seen is not None
    store.seen.acknowledge(store.losses, "田中", store.head)
    store.close()
    store = laptop(folder, "pc-b")
    assert store.losses == [] and verify(store).ok
    assert store.seen is not None and store.seen.acknowledged[0]["chain"] == "pc-b"
    assert [k for k, _, _ in store.seen.heads[incident].chains] == ["pc-a"]
    store.close()


def test_a_seen_record_of_format_1_is_read_and_still_finds_a_loss(tmp_path: Path) -> None:
    import json

    store = laptop(tmp_path, "pc-a")
    incident = fill(store, notes=4)
    head = store.head(incident)
    store.close()
    assert head is not None
    record = {
        "format": 1,
        "incidents": {
            incident: {"seq": head[0], "hash": head[1], "at": "2026-11-25T00:00:00.000000Z"}
        },
    }
    (tmp_path / SEEN_FILE).write_text(json.dumps(record), "utf-8")
    store = laptop(tmp_path, "pc-a")
    assert store.losses == [] and store.seen is not None and not store.seen.damaged
    store.close()
    upgraded = json.loads((tmp_path / SEEN_FILE).read_text("utf-8"))
    assert upgraded["format"] == 2
    assert upgraded["incidents"][incident]["chains"] == {"pc-a": {"seq": head[0], "hash": head[1]}}
    # An old record that saw more than the database holds: the loss is said.
    record["incidents"][incident]["seq"] = head[0] + 2
    (tmp_path / SEEN_FILE).write_text(json.dumps(record), "utf-8")
    store = laptop(tmp_path, "pc-a")
    assert [(loss.chain, loss.found) for loss in store.losses] == [("pc-a", head[0])]
    assert "lost entries" in store.losses[0].describe().render("en")
    assert "/" not in store.losses[0].describe().render("en").split(":")[0]  # one chain: unnamed
    store.close()


def test_a_sealed_chain_is_checked_without_a_database(two) -> None:  # type: ignore[no-untyped-def]
    """What an import service does first: the bundle's chains, on their own."""
    _, b, incident = two
    chain = sealed(b, incident, "pc-b")
    assert isinstance(chain, SealedChain) and chain.check() is None
    spoiled = replace(chain, entries=(chain.entries[0], replace(chain.entries[1], kind="x")))
    fault = spoiled.check()
    assert fault is not None and fault.seq == 2


def test_another_laptops_clock_does_not_flag_this_laptops_entries(tmp_path: Path) -> None:
    """A clock going back is this laptop's own: an import from a laptop whose clock runs a day
    ahead leaves the next entry written here unflagged."""
    from datetime import UTC, datetime, timedelta

    ahead = lambda: datetime.now(UTC) + timedelta(days=1)  # noqa: E731
    a = LogStore(tmp_path / "a.db", device="pc-a", clock=ahead)
    incident = fill(a, notes=1)
    b = LogStore(tmp_path / "b.db", device="pc-b")
    b.insert_sealed([sealed(a, incident, "pc-a")], pinned(a))
    note(b, incident, "here")
    assert b.chain_entries(incident, "pc-b")[0].flags == ""
    a.close()
    b.close()


def test_a_fold_can_tell_when_a_foreign_chain_landed_before_what_it_folded(
    two, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The contract an incremental reader keeps: the first n entries it read are still the
    first n exactly when the entry at position n is the one it read last; then the rest is
    entries(after_seq=n). Otherwise it reads from the start."""
    a, b, incident = two
    read = b.entries(incident)
    n, last = len(read), read[-1].hash
    note(b, incident, "late", minutes=60)  # lands at the end
    assert b.hash_at(incident, n) == last
    assert b.entries(incident)[:n] == read and len(b.entries(incident, after_seq=n)) == 1
    read = b.entries(incident)
    n, last = len(read), read[-1].hash
    c = laptop(tmp_path / "c", "pc-c")
    c.insert_sealed([sealed(b, incident, "pc-a")], pinned(b))
    note(c, incident, "early", minutes=1)  # lands among the first entries
    b.insert_sealed([sealed(c, incident, "pc-c")])
    assert b.hash_at(incident, n) != last
    assert b.entries(incident)[:n] != read
    assert b.head(incident) != (n, last)
    c.close()


def test_the_services_fold_again_when_a_foreign_chain_lands_inside_what_they_folded(
    tmp_path: Path,
) -> None:
    from app.services.workspace import Workspace

    ws = Workspace(tmp_path / "here")
    incident = fill(ws.store, notes=3)  # at T0 and a minute apart
    here = ws.store.device
    assert len(ws.incidents.state(incident).notes) == 3  # folded and kept
    other = laptop(tmp_path / "c", "pc-c")
    other.insert_sealed([sealed(ws.store, incident, here)], pinned(ws.store))
    note(other, incident, "early", minutes=0)  # lands among the entries already folded here
    ws.store.insert_sealed([sealed(other, incident, "pc-c")])
    kept = ws.incidents.state(incident)
    fresh = Workspace(tmp_path / "here")
    try:
        again = fresh.incidents.state(incident)
        assert [e.uuid for e in kept.notes] == [e.uuid for e in again.notes]
        assert len(kept.notes) == 4 and kept.entries == 5 == again.entries
    finally:
        fresh.close()
        other.close()
        ws.close()


def test_a_clock_going_back_is_flagged_against_this_laptops_last_entry_in_any_incident(
    tmp_path: Path,
) -> None:
    # Since schema 5 the last entry this laptop wrote is found through its chains' heads (no
    # index on device): in another incident, and behind another laptop's later entries.
    times = iter([T0, T0 + timedelta(hours=2), T0 + timedelta(hours=1), T0 + timedelta(hours=3)])
    b = LogStore(tmp_path / "b.db", device="pc-b", clock=lambda: next(times))
    first = fill(b, notes=0)  # T0
    second = fill(b, notes=0)  # T0 + 2 h: this laptop's last entry
    a = laptop(tmp_path / "a", "pc-a")  # another laptop, its entries recorded later still
    fill(a, notes=0)
    fill(a, notes=0)
    other = fill(a, notes=2)  # 2026-0003: a number this laptop has not used
    b.insert_sealed([sealed(a, other, "pc-a")], pinned(a))
    note(b, first, "back", minutes=5)  # T0 + 1 h: behind the entry in `second`
    note(b, first, "on", minutes=6)  # T0 + 3 h
    assert [e.flags for e in b.entries(first)] == ["", "clock_backwards", ""]
    assert b.entries(second)[0].flags == ""
    names = {row[1] for row in b.db.execute("PRAGMA index_list(entries)")}
    assert "entries_device" not in names and "entries_kind" in names
    b.close()
    a.close()

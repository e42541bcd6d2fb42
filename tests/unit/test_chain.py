"""The chain walk, the merge order and the incident head: pure functions, no database."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.chain import (
    START,
    SealedChain,
    check_chain,
    incident_head,
    merge,
    order_keys,
)
from app.domain.entries import GENESIS, LogEntry, compute_hash, payload_text
from app.domain.timeutil import to_iso

T0 = datetime(2026, 11, 25, tzinfo=UTC)


def seal(
    device: str,
    incident: str,
    minutes: list[int],
    *,
    opens: bool = False,
    after: tuple[int, str] = START,
    recorded: list[int] | None = None,
) -> list[LogEntry]:
    """A chain as the store seals it: one entry per minute offset (occurred_at), payload as text."""
    entries = []
    seq, prev = after
    for n, minute in enumerate(minutes):
        seq += 1
        kind = "opened" if opens and seq == 1 else "noted"
        payload = {"title": "t"} if kind == "opened" else {"text": f"{device} {seq}"}
        at = to_iso(T0 + timedelta(minutes=minute))
        written = to_iso(T0 + timedelta(minutes=(recorded or minutes)[n], seconds=1))
        unsealed = LogEntry(
            seq,
            f"{device}-{incident}-{seq}",
            incident,
            kind,
            None,
            None,
            "a",
            device,
            written,
            at,
            payload_text(payload),
            "",
            prev,
            "",
        )
        entry = replace(unsealed, hash=compute_hash(unsealed))
        entries.append(entry)
        prev = entry.hash
    return entries


def head_of(chain: list[LogEntry]) -> tuple[int, str]:
    return (chain[-1].seq, chain[-1].hash)


def en(fault) -> str:  # type: ignore[no-untyped-def]
    return fault.reason.render("en")


def test_an_intact_chain_holds() -> None:
    chain = seal("pc-a", "2026-0001", [0, 1, 2, 3], opens=True)
    assert check_chain(chain, head_of(chain), key="pc-a", incident_id="2026-0001") is None
    assert check_chain([], START) is None


@pytest.mark.parametrize(
    "change, seq, words",
    [
        (lambda c: c[:2] + c[3:], 4, "entry #3 is missing"),
        (lambda c: c[:2] + [c[3], c[2]] + c[4:], 4, "entry #3 is missing"),
        (lambda c: c[:3] + [c[2]] + c[3:], 3, "out of place"),
        (lambda c: c[:2] + [replace(c[2], prev_hash=c[0].hash)] + c[3:], 3, "link"),
        (lambda c: c[:1] + [replace(c[1], actor="forger")] + c[2:], 2, "hash"),
        (lambda c: c[:1] + [replace(c[1], payload_data='{"text":"pc-a 2"}')] + c[2:], 2, "form"),
        (lambda c: c[:1] + [replace(c[1], payload_data="garbage")] + c[2:], 2, "not JSON"),
        (
            lambda c: c[:1] + [replace(c[1], payload_data='{"text": "x", "text": "pc-a 2"}')],
            2,
            "duplicate keys",
        ),
    ],
    ids=["gap", "reordered", "twice", "link", "field", "spacing", "not json", "duplicate keys"],
)
def test_the_first_entry_that_does_not_hold_is_named(change, seq: int, words: str) -> None:  # type: ignore[no-untyped-def]
    chain = seal("pc-a", "2026-0001", [0, 1, 2, 3, 4], opens=True)
    fault = check_chain(change(chain), head_of(chain), key="pc-a")
    assert fault is not None and fault.seq == seq and words in en(fault), en(fault)


def test_a_head_that_disagrees_is_named_with_the_last_entry() -> None:
    chain = seal("pc-a", "2026-0001", [0, 1, 2], opens=True)
    cut = check_chain(chain[:2], head_of(chain))  # the tail is gone
    assert cut is not None and cut.seq == 2 and cut.uuid == chain[1].uuid
    assert "ends early" in en(cut) and cut.checked == 2
    assert check_chain(chain, None) is not None  # no head recorded at all
    assert check_chain(chain, (3, "f" * 64)) is not None  # the head's hash is another


def test_a_chain_under_another_devices_name_or_incident_is_named() -> None:
    chain = seal("pc-a", "2026-0001", [0, 1], opens=True)
    moved = check_chain(chain, head_of(chain), key="pc-b")
    assert moved is not None and moved.seq == 1 and "pc-b" in en(moved) and "pc-a" in en(moved)
    other = check_chain(chain, head_of(chain), incident_id="2026-0002")
    assert other is not None and "another incident" in en(other)


def test_a_uuid_twice_across_chains_is_named() -> None:
    a = seal("pc-a", "2026-0001", [0, 1], opens=True)
    b = seal("pc-b", "2026-0001", [2, 3])
    copied = replace(b[1], uuid=a[0].uuid)
    b = [b[0], replace(copied, hash=compute_hash(copied))]
    uuids: set[str] = set()
    assert check_chain(a, head_of(a), key="pc-a", uuids=uuids) is None
    fault = check_chain(b, head_of(b), key="pc-b", uuids=uuids)
    assert fault is not None and fault.seq == 2 and "same uuid" in en(fault)


def test_a_continuation_starts_after_the_given_head() -> None:
    chain = seal("pc-a", "2026-0001", [0, 1, 2, 3], opens=True)
    assert check_chain(chain[2:], head_of(chain), after=(2, chain[1].hash)) is None
    fault = check_chain(chain[2:], head_of(chain), after=(2, "e" * 64))
    assert fault is not None and fault.seq == 3 and "link" in en(fault)


def test_a_sealed_chain_checks_itself_before_any_database() -> None:
    chain = seal("pc-b", "2026-0001", [0, 1, 2])
    good = SealedChain("2026-0001", "pc-b", tuple(chain), head_of(chain))
    assert good.check() is None
    assert replace(good, entries=tuple(chain[1:])).check() is None  # a continuation
    tampered = replace(good, entries=(chain[0], replace(chain[1], actor="x"), chain[2]))
    fault = tampered.check()
    assert fault is not None and fault.seq == 2 and "hash" in en(fault)
    short = replace(good, entries=tuple(chain[:2]))  # the sender had three
    assert short.check() is not None
    assert replace(good, key="pc-c").check() is not None
    assert replace(good, entries=(), head=START).check() is None


def test_a_payload_already_read_is_checked_as_the_value_it_became() -> None:
    chain = seal("pc-a", "2026-0001", [0, 1], opens=True)
    for entry in chain:
        assert entry.payload  # parsed: the text is replaced by the dict
    assert check_chain(chain, head_of(chain)) is None
    garbage = replace(chain[1], payload_data="garbage")
    assert garbage.damaged  # read: it became an empty, marked payload
    fault = check_chain([chain[0], garbage], head_of(chain))
    assert fault is not None and fault.seq == 2 and "not a JSON object" in en(fault)


def test_merge_is_each_chain_in_order_interleaved_by_time() -> None:
    a = seal("pc-a", "2026-0001", [0, 10, 20], opens=True)
    b = seal("pc-b", "2026-0001", [5, 15, 25])
    merged = merge({"pc-a": a, "pc-b": b})
    assert [e.uuid for e in merged] == [e.uuid for e in (a[0], b[0], a[1], b[1], a[2], b[2])]


def test_merge_keeps_a_back_filled_entry_in_its_chains_order() -> None:
    """An entry written with --at earlier than the ones before it stays after them."""
    a = seal("pc-a", "2026-0001", [0, 30, 1], opens=True)  # #3 back-filled to minute 1
    b = seal("pc-b", "2026-0001", [10, 40])
    merged = [(e.device, e.seq) for e in merge({"pc-a": a, "pc-b": b})]
    assert merged == [("pc-a", 1), ("pc-b", 1), ("pc-a", 2), ("pc-a", 3), ("pc-b", 2)]
    for device in ("pc-a", "pc-b"):
        assert [s for d, s in merged if d == device] == sorted(s for d, s in merged if d == device)


def test_the_opening_comes_first_even_after_an_earlier_time_elsewhere() -> None:
    a = seal("pc-a", "2026-0001", [30, 31], opens=True)
    b = seal("pc-b", "2026-0001", [0])  # a note back-filled to before the declaration
    assert merge({"pc-a": a, "pc-b": b})[0].kind == "opened"


def test_merge_ties_are_broken_by_chain_then_seq() -> None:
    a = seal("pc-a", "2026-0001", [0, 5, 5], opens=True, recorded=[0, 5, 5])
    b = seal("pc-b", "2026-0001", [5, 5], recorded=[5, 5])
    merged = [(e.device, e.seq) for e in merge({"pc-b": b, "pc-a": a})]
    assert merged == [("pc-a", 1), ("pc-a", 2), ("pc-a", 3), ("pc-b", 1), ("pc-b", 2)]


def test_merge_is_the_same_whatever_order_the_chains_come_in() -> None:
    chains = {
        "pc-a": seal("pc-a", "2026-0001", [0, 7, 3, 20], opens=True),
        "pc-b": seal("pc-b", "2026-0001", [2, 9, 9, 1]),
        "pc-c": seal("pc-c", "2026-0001", [8, 30]),
    }
    results = {
        tuple(e.uuid for e in merge({key: chains[key] for key in order}))
        for order in itertools.permutations(chains)
    }
    assert len(results) == 1


def test_a_chain_that_arrives_later_never_reorders_the_others() -> None:
    a = seal("pc-a", "2026-0001", [0, 12, 4, 30], opens=True)
    b = seal("pc-b", "2026-0001", [3, 11, 40])
    c = seal("pc-c", "2026-0001", [1, 13, 5, 35])
    two = [e.uuid for e in merge({"pc-a": a, "pc-b": b})]
    three = [e.uuid for e in merge({"pc-a": a, "pc-b": b, "pc-c": c})]
    assert [u for u in three if not u.startswith("pc-c")] == two


def test_order_keys_never_go_down_within_a_chain() -> None:
    chain = seal("pc-a", "2026-0001", [0, 9, 2, 8, 1, 20], opens=True)
    keys = order_keys("pc-a", chain)
    assert keys == sorted(keys)


def test_a_single_chain_is_read_as_it_is() -> None:
    a = seal("pc-a", "2026-0001", [0, 9, 2], opens=True)
    assert merge({"pc-a": a}) == a
    assert merge({"pc-a": a, "pc-b": []}) == a


def test_the_incident_head_of_one_chain_is_that_chains_head() -> None:
    assert incident_head({}) is None
    assert incident_head({"pc-a": (7, "a" * 64)}) == (7, "a" * 64)


def test_the_incident_head_of_several_chains_counts_all_and_changes_with_any() -> None:
    heads = {"pc-a": (7, "a" * 64), "pc-b": (3, "b" * 64)}
    head = incident_head(heads)
    assert head is not None and head[0] == 10 and len(head[1]) == 64
    assert head[1] not in ("a" * 64, "b" * 64, GENESIS)
    assert incident_head(dict(reversed(heads.items()))) == head  # order does not matter
    assert incident_head({**heads, "pc-b": (4, "c" * 64)}) != head
    assert incident_head({**heads, "pc-c": (1, "d" * 64)}) != head
    # The key is part of it: the same heads under other names are another incident head.
    assert incident_head({"pc-x": (7, "a" * 64), "pc-b": (3, "b" * 64)}) != head

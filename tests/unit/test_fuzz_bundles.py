"""Property tests: whatever a good bundle is turned into (its bytes flipped, cut or added to; its
manifest's keys dropped, their values of another type, huge or nested junk; its chains' lines
changed, dropped, doubled or swapped; its signed checkpoints changed by a character or a word),
``prepare`` either returns what the good bundle holds (only when the change means nothing) or
refuses in one line; never another exception, and nothing is written to the receiving folder.

Bounded by the "ci" profile of tests/conftest.py in `make test` (fewer examples still, each
``prepare`` being a whole bundle); `make fuzz` runs them at the release profile's length.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import SonaeError
from app.i18n import set_language
from app.services.bundle_import import Prepared, prepare
from app.services.bundle_seal import HEADER
from app.services.bundles import MANIFEST
from app.services.workspace import Workspace
from tests.bundles import PASSPHRASE, Good, rebuilt, state, write_good, zipped

pytestmark = pytest.mark.fuzz


# Crashes these properties once found (each now refused in its line: see
# tests/e2e/test_hostile_bundles.py). A new one is added here only while it is being fixed.
KNOWN: list[tuple[type[BaseException], str]] = []


def known(exc: BaseException) -> bool:
    frames = {f.name for f in traceback.extract_tb(exc.__traceback__)}
    return any(isinstance(exc, kind) and where in frames for kind, where in KNOWN)


def examples(n: int, most: int | None = None) -> int:
    """``n`` in `make test`; the profile's number (at most ``most``) in `make fuzz`."""
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci":
        return n
    return min(settings.default.max_examples, most or settings.default.max_examples)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-bundles")


@pytest.fixture(scope="module")
def good(folder: Path) -> Good:
    return write_good(folder / "laptops")


@pytest.fixture(scope="module")
def receiver(folder: Path) -> Iterator[Workspace]:
    ws = Workspace(folder / "receiver")
    ws.store.incident_ids()  # the database made, as any first command makes it
    yield ws
    ws.close()


@pytest.fixture(autouse=True)
def english(data_dir: Path) -> None:
    set_language("en")  # after conftest's data_dir, which sets Japanese for each test


def meaning(prepared: Prepared) -> tuple[Any, ...]:
    """What a prepared bundle would merge: every entry, text, evidence file and checkpoint."""
    return (
        prepared.incident_id,
        prepared.writer,
        prepared.sealed,
        [(c.key, tuple(c.head), [e.hash for e in c.entries]) for c in prepared.chains],
        sorted((t.sha256, t.id, t.version, t.text) for t in prepared.texts),
        sorted(prepared.evidence.items()),
        # A checkpoint as signed: its body, signer and signature. (Not its text: a note without
        # its last newline is taken as the same note; see test_hostile_bundles'
        # test_a_checkpoint_written_otherwise_is_kept_once.)
        [(note.body, note.signer, note.signature, key) for note, key in prepared.notes],
    )


def within(taken: tuple[Any, ...], good: tuple[Any, ...]) -> bool:
    """Whether a taken bundle is the good one, or the good one with only what a bundle may
    leave out: a chain's first entries (a continuation: the merge then wants this laptop to
    hold them) and checkpoints other than the writer's."""
    *head, chains, texts, evidence, notes = taken
    *good_head, good_chains, good_texts, good_evidence, good_notes = good
    return (
        head == good_head
        and [(k, h) for k, h, _ in chains] == [(k, h) for k, h, _ in good_chains]
        and all(
            0 < len(hashes) <= len(whole) and whole[-len(hashes) :] == hashes
            for (_, _, hashes), (_, _, whole) in zip(chains, good_chains, strict=True)
        )
        and (texts, evidence) == (good_texts, good_evidence)
        and notes[:1] == good_notes[:1]
        and set(notes[1:]) <= set(good_notes[1:])
    )


class Checker:
    """``prepare`` of one changed bundle after another, each against the good one."""

    def __init__(self, good: Good, receiver: Workspace, folder: Path) -> None:
        set_language("en")
        self.receiver = receiver
        self.path = folder / "fuzzed.sonae"
        self.path.write_bytes(good.data)
        self.good = meaning(prepare(receiver, self.path))
        self.path.write_bytes(good.sealed)
        self.good_sealed = meaning(prepare(receiver, self.path, PASSPHRASE))
        self.before = state(receiver.root)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("Checker()")  # short in a failing example's report

    def __call__(self, data: bytes, passphrase: str | None = None) -> Prepared | None:
        self.path.write_bytes(data)
        prepared = None
        try:
            prepared = prepare(self.receiver, self.path, passphrase)
        except SonaeError as exc:
            text = str(exc)
            assert text.startswith("cannot import: ") and "\n" not in text, text
        except Exception as exc:
            if not known(exc):
                raise
        else:
            wanted = self.good_sealed if passphrase is not None else self.good
            assert within(meaning(prepared), wanted), "a changed bundle was taken as another one"
        assert state(self.receiver.root) == self.before, "prepare wrote to the data folder"
        return prepared


@pytest.fixture(scope="module")
def check(good: Good, receiver: Workspace, folder: Path) -> Checker:
    return Checker(good, receiver, folder)


# A place anywhere in a text or a file, not mostly at its start (where hypothesis' small
# integers would put it): taken modulo the length.
SPREAD = st.integers(0, 2**24)

# (a) The file's bytes
# Where a change goes: an offset from the start or from the end (the ZIP's directory is at the
# end, the sealed header at the start), drawn independently of the bundle's length, which
# differs a little from run to run (each laptop's name and every uuid are new).
WHERE = st.tuples(st.booleans(), st.integers(0, 600) | SPREAD)
OPS = st.lists(
    st.tuples(st.sampled_from(["flip", "cut", "insert"]), WHERE, st.integers(0, 7))
    | st.tuples(st.just("insert"), WHERE, st.binary(min_size=1, max_size=8)),
    min_size=1,
    max_size=4,
)


def apply_bytes(data: bytes, ops: list[tuple[str, tuple[bool, int], Any]], after: int = 0) -> bytes:
    """``data`` with each op done in turn, none of them before offset ``after``."""
    out = bytearray(data)
    for op, (from_end, offset), arg in ops:
        room = len(out) - after
        if room <= 0:
            break
        at = after + ((room - 1 - offset % room) if from_end else offset % room)
        if op == "flip":
            out[at] ^= 1 << (arg % 8 if isinstance(arg, int) else 0)
        elif op == "cut":
            del out[at:]
        else:
            out[at:at] = arg if isinstance(arg, bytes) else bytes([arg])
    return bytes(out)


@settings(max_examples=examples(60), deadline=None, database=None)
@given(ops=OPS)
def test_a_bundle_with_its_bytes_changed_is_refused_or_the_same(
    ops: list[Any], good: Good, check: Checker
) -> None:
    # Taken, it must be the good bundle: a change only to what no check reads (a member's date
    # in the ZIP's directory, say), never to a member's content.
    check(apply_bytes(good.data, ops))


@settings(max_examples=examples(8, most=200), deadline=None, database=None)  # scrypt
@given(ops=OPS)
def test_a_sealed_bundle_with_its_bytes_changed_is_always_refused(
    ops: list[Any], good: Good, check: Checker
) -> None:
    """Every byte of a sealed bundle is its header's or authenticated. Flips anywhere; a cut or
    an insertion only after the header: one before it could shift a salt byte into scrypt's
    cost parameters, which are accepted up to 2**20 x 16 x 4 (see test_known_crashes' scrypt
    case): gigabytes and minutes, not for `make test`."""
    flips = [op for op in ops if op[0] == "flip"]
    changed = apply_bytes(good.sealed, flips)
    changed = apply_bytes(changed, [op for op in ops if op[0] != "flip"], after=HEADER)
    if changed != good.sealed:
        assert check(changed, PASSPHRASE) is None


# (b) The manifest
HUGE = st.sampled_from([10**300, -(10**300), 2**63, 2**64, -(2**63) - 1, 1e308, -0.0])
junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | HUGE
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "chains/1.jsonl", "manifest.json", "../x", "sonae-bundle", "0" * 64]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
DEEP = "[" * 50_000 + "]" * 50_000  # deeper than any JSON reader recurses
MARK = "\x00deep\x00"


def change_json(data: st.DataObject, value: Any, depth: int = 0) -> Any:
    """``value`` with one place in it changed: dropped, replaced by junk, of another type."""
    containers = isinstance(value, dict) and value or isinstance(value, list) and value
    if containers and depth < 6 and data.draw(st.booleans(), label="deeper"):
        keys = list(value) if isinstance(value, dict) else list(range(len(value)))
        key = data.draw(st.sampled_from(keys), label="at")
        op = data.draw(st.sampled_from(["drop", "change", "change"]), label="op")
        if op == "drop":
            copy = dict(value) if isinstance(value, dict) else list(value)
            del copy[key]
            return copy
        copy = dict(value) if isinstance(value, dict) else list(value)
        copy[key] = change_json(data, value[key], depth + 1)
        return copy
    how = data.draw(
        st.sampled_from(["junk", "str", "list", "dict", "huge", "deep", "bool", "add"]), label="how"
    )
    if how == "junk":
        return data.draw(junk, label="junk")
    if how == "str":
        return str(value)
    if how == "list":
        return [value]
    if how == "dict":
        return {"value": value}
    if how == "huge":
        return data.draw(HUGE, label="huge")
    if how == "deep":
        return MARK
    if how == "bool":
        return True
    if isinstance(value, dict):
        return {**value, data.draw(st.text(max_size=8), label="key"): data.draw(junk)}
    if isinstance(value, list):
        return [*value, data.draw(junk, label="item")]
    return data.draw(junk, label="junk")


@settings(max_examples=examples(60), deadline=None, database=None)
@given(data=st.data())
def test_a_bundle_with_its_manifest_changed_is_refused_or_the_same(
    data: st.DataObject, good: Good, check: Checker
) -> None:
    manifest = change_json(data, good.manifest())
    text = json.dumps(manifest, ensure_ascii=False).replace(json.dumps(MARK), DEEP)
    members = [(MANIFEST, text.encode("utf-8")), *list(good.members.items())[1:]]
    check(zipped(members))


# (c) The chains' lines
def parsed(text: bytes | str) -> Any:
    """The JSON value of a line an earlier change may have made junk; None if it is not JSON."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def line_of(row: list[Any]) -> bytes:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@settings(max_examples=examples(60), deadline=None, database=None)
@given(data=st.data())
def test_a_bundle_with_its_chains_changed_is_refused_or_the_same(
    data: st.DataObject, good: Good, check: Checker
) -> None:
    """The manifest's hash of the member is made right for the changed lines (and, at times,
    its counts too), so the entry, the chain and the signature checks are the ones tried."""
    chains = [c["member"] for c in good.manifest()["chains"]]
    member = data.draw(st.sampled_from(chains), label="member")
    lines = good.lines(member)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        n = data.draw(SPREAD, label="line") % max(len(lines), 1)
        op = data.draw(
            st.sampled_from(
                ["field", "field", "payload", "drop", "twice", "swap", "junk", "spaces", "crlf"]
            ),
            label="op",
        )
        if not lines:
            lines = [b"\n"]
        row = parsed(lines[n])
        if not (isinstance(row, list) and len(row) == 14):
            row = None  # junk already: only the line operations apply
        if op == "field" and row is not None:
            row[data.draw(st.integers(0, 13), label="field")] = data.draw(junk, label="value")
            lines[n] = line_of(row) + b"\n"
        elif op == "payload" and row is not None:
            payload = parsed(row[10]) if isinstance(row[10], str) else row[10]
            row[10] = json.dumps(change_json(data, payload), ensure_ascii=False).replace(
                json.dumps(MARK), DEEP
            )
            lines[n] = line_of(row) + b"\n"
        elif op == "drop":
            del lines[n]
        elif op == "twice":
            lines.insert(n, lines[n])
        elif op == "swap" and len(lines) > 1:
            m = data.draw(SPREAD, label="with") % len(lines)
            lines[n], lines[m] = lines[m], lines[n]
        elif op == "junk":
            lines[n] = data.draw(st.binary(max_size=40) | st.just(b"[]") | st.just(DEEP.encode()))
            lines[n] += b"\n"
        elif op == "spaces" and row is not None:  # the same entry, written otherwise
            lines[n] = json.dumps(row, ensure_ascii=True, indent=None).encode() + b"\n"
        elif op == "crlf":
            lines[n] = lines[n].rstrip(b"\n") + b"\r\n\n"
    body = b"".join(lines)
    manifest = good.manifest()
    if data.draw(st.booleans(), label="counts agree"):
        count = len([line for line in body.splitlines() if line])
        for about in manifest["chains"]:
            if about["member"] == member:
                manifest["entries"] += count - about["entries"]
                about["entries"] = count
    check(rebuilt(good, manifest, {member: body}))


# (d) The signed checkpoints
TOKENS = st.sampled_from(
    ["0", "1", "-1", "9" * 30, "", " ", "chain", "time", "—", "sonae/", "+", "=", "\t", "0" * 64]
)


def change_note(data: st.DataObject, note: str) -> str:
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        op = data.draw(st.sampled_from(["char", "insert", "delete", "word", "line"]), label="op")
        at = data.draw(SPREAD, label="at") % max(len(note), 1)
        char = data.draw(st.characters(codec="utf-8") | st.sampled_from("0aZ= \n—+/"), label="c")
        if op == "char":
            note = note[:at] + char + note[at + 1 :]
        elif op == "insert":
            note = note[:at] + char + note[at:]
        elif op == "delete":
            note = note[:at] + note[at + 1 :]
        elif op == "word":
            words = note.split(" ")
            i = data.draw(SPREAD, label="word") % len(words)
            words[i] = data.draw(TOKENS, label="token")
            note = " ".join(words)
        else:
            lines = note.split("\n")
            i = data.draw(SPREAD, label="line") % len(lines)
            del lines[i]
            note = "\n".join(lines)
    return note


@settings(max_examples=examples(60), deadline=None, database=None)
@given(data=st.data())
def test_a_bundle_with_a_checkpoint_changed_is_refused_or_the_same(
    data: st.DataObject, good: Good, check: Checker
) -> None:
    manifest = good.manifest()
    if data.draw(st.booleans(), label="the writer's"):
        manifest["checkpoint"] = change_note(data, manifest["checkpoint"])
    else:
        manifest["checkpoints"] = [change_note(data, n) for n in manifest["checkpoints"]]
    check(rebuilt(good, manifest))


def test_the_good_bundle_is_taken_whole(check: Checker) -> None:
    """What the properties compare a taken bundle with: both chains, every entry, the text, the
    evidence file and both checkpoints (so a bundle taken with one of them lost would fail)."""
    incident, writer, sealed, chains, texts, evidence, notes = check.good
    assert not sealed and check.good_sealed[2] and check.good_sealed[3:] == check.good[3:]
    assert sorted(len(hashes) for _, _, hashes in chains) == [3, 4]
    assert sum(len(hashes) for _, _, hashes in chains) == 7
    assert len(texts) == 1 and len(evidence) == 1 and len(notes) == 2

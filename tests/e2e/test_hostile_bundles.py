"""Hostile bundles, made by hand from a good one: each is refused in one line of its own, before
anything is written (the receiving data folder's database, its evidence and its backups are as
they were), and through the command line too, without an internal error."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import stat
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.domain.checkpoint import Checkpoint, sign, verifier_key
from app.errors import SonaeError
from app.i18n import set_language
from app.services import bundle_import
from app.services.bundle_import import import_bundle, prepare
from app.services.bundle_seal import HEADER, WrongPassphrase
from app.services.workspace import Workspace
from tests.bundles import (
    PASSPHRASE,
    WHO,
    Good,
    chain_body,
    heads,
    public_of,
    rebuilt,
    resealed,
    signed_note,
    state,
    write_good,
    zipped,
)

ROOT = Path(__file__).resolve().parents[2]
BOMB = 50 * 1024**2  # zeros: some 50 KB once deflated


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Good:
    return write_good(tmp_path_factory.mktemp("bundle"))


@pytest.fixture(autouse=True)
def english(data_dir: Path) -> None:
    set_language("en")  # after conftest's data_dir, which sets Japanese


@pytest.fixture
def receiver(workspace: Workspace) -> Workspace:
    """The receiving laptop's workspace, its database made (as any first command makes it)."""
    workspace.store.incident_ids()
    return workspace


@dataclass(frozen=True)
class Hostile:
    data: bytes
    passphrase: str | None = None
    into: str | None = None


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Good, pytest.MonkeyPatch], Hostile]
    expect: str  # the English message after "cannot import: "; "…" stands for any text
    kind: str = ""  # cases of one kind may share a message; the id by default


def expected(good: Good, template: str) -> re.Pattern[str]:
    names = {
        "writer": good.writer,
        "first": good.first,
        "incident": good.incident_id,
        "text": good.named("texts/"),
        "evidence": good.named("evidence/"),
        "evidence12": good.named("evidence/")[len("evidence/") :][:12],
        "writer_chain": good.chain_of(good.writer),
        "first_chain": good.chain_of(good.first),
    }
    parts = [re.escape(part.format(**names)) for part in template.split("…")]
    return re.compile("cannot import: " + ".*".join(parts))


def refused(ws: Workspace, path: Path, hostile: Hostile, pattern: re.Pattern[str]) -> SonaeError:
    """The bundle is refused with that message, by ``import_bundle`` (``prepare``, then the
    merge), and nothing in the data folder changed."""
    before = state(ws.root)
    path.write_bytes(hostile.data)
    with pytest.raises(SonaeError) as caught:
        import_bundle(ws, path, hostile.passphrase, into=hostile.into)
    text = str(caught.value)
    assert pattern.fullmatch(text), text
    assert "\n" not in text and "cannot import" in caught.value.msg.render("en")
    assert caught.value.msg.ja.startswith("取り込めません")
    assert state(ws.root) == before
    return caught.value


# The cases: each a good bundle changed in one way
def chain_line(good: Good, member: str, number: int, index: int, value: object) -> bytes:
    """The chain member with field ``index`` of line ``number`` (from 1) set to ``value``."""
    lines = good.lines(member)
    row = json.loads(lines[number - 1])
    row[index] = value
    lines[number - 1] = json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
    return b"".join(lines)


def field_changed(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    member = good.chain_of(good.writer)
    return Hostile(rebuilt(good, changed={member: chain_line(good, member, 2, 6, "偽者")}))


def entry_removed(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    """Entry #2 of four gone; the manifest's count and hash made to agree with what is left."""
    member = good.chain_of(good.writer)
    lines = good.lines(member)
    manifest = good.manifest()
    for about in manifest["chains"]:
        if about["member"] == member:
            about["entries"] -= 1
    manifest["entries"] -= 1
    return Hostile(rebuilt(good, manifest, {member: b"".join(lines[:1] + lines[2:])}))


def hash_wrong(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    return Hostile(rebuilt(good, changed={good.named("evidence/"): b"another photo"}, relist=False))


def member_missing(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    return Hostile(rebuilt(good, changed={good.named("texts/"): None}, relist=False))


def member_unlisted(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    body = b"planted"
    name = f"evidence/{hashlib.sha256(body).hexdigest()}"
    return Hostile(rebuilt(good, changed={name: body}, relist=False))


def text_altered(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    """The pinned plan's text changed, the manifest's hash of the member made to agree."""
    name = good.named("texts/")
    about = json.loads(good.members[name])
    about["text"] = about["text"].replace("isolate", "ignore", 1)
    return Hostile(rebuilt(good, changed={name: json.dumps(about).encode()}))


def evidence_altered(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    return Hostile(rebuilt(good, changed={good.named("evidence/"): b"another photo"}))


def not_an_entry(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    member = good.chain_of(good.first)
    return Hostile(rebuilt(good, changed={member: chain_line(good, member, 3, 0, "3")}))


def with_checkpoint(good: Good, note: str, **manifest_changes: object) -> Hostile:
    manifest = good.manifest()
    manifest["checkpoint"] = note
    manifest.update(manifest_changes)
    return Hostile(rebuilt(good, manifest))


def note_altered(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    note = good.manifest()["checkpoint"]
    altered = re.sub(r"(time \S+:)(\d)(\d)", lambda m: m[1] + m[2] + str(9 - int(m[3])), note)
    assert altered != note and len(altered) == len(note)
    return with_checkpoint(good, altered)


def signature_flipped(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    note = good.manifest()["checkpoint"]
    body, line = note.rstrip("\n").rsplit("\n", 1)
    dash, name, encoded = line.split(" ")
    raw = bytearray(base64.b64decode(encoded))
    raw[20] ^= 0x01  # in the signature, after the 4 bytes of key hash
    line = " ".join((dash, name, base64.b64encode(bytes(raw)).decode()))
    return with_checkpoint(good, f"{body}\n{line}\n")


def key_not_carried(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    manifest = good.manifest()
    del manifest["devices"][good.first]  # the older checkpoint's signer
    return Hostile(rebuilt(good, manifest))


OTHER_KEY = hashlib.sha256(b"not the writer's key").digest()  # an Ed25519 private key


def forged_key(good: Good, _: pytest.MonkeyPatch | None = None) -> Hostile:
    """The writer's checkpoint signed again with another key, carried under the writer's name:
    a signature that holds, by a key that is not the one a receiver may know for that name."""
    manifest = good.manifest()
    note = signed_note(good, heads(manifest), private_key=OTHER_KEY)
    manifest["devices"][good.writer] = verifier_key(good.writer, public_of(OTHER_KEY))
    manifest["checkpoint"] = note
    return Hostile(rebuilt(good, manifest))


def not_covering(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    """A checkpoint that holds, by the writer, over its chain one entry short."""
    chains = heads(good.manifest())
    member = good.chain_of(good.writer)
    before_last = json.loads(good.lines(member)[-2])
    chains[good.writer] = (before_last[0], before_last[13])
    return with_checkpoint(good, signed_note(good, chains))


def other_writer(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    manifest = good.manifest()
    manifest["device"] = good.first  # the older checkpoint's signer, not the writer
    return Hostile(rebuilt(good, manifest))


def extra_member(name: str, body: bytes = b"x") -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        return Hostile(zipped([*good.members.items(), (name, body)]))

    return build


def link(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    member = good.chain_of(good.writer)
    info = zipfile.ZipInfo(member)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    members = [(n, b) for n, b in good.members.items() if n != member]
    return Hostile(zipped([*members, (info, b"/etc/passwd")]))


def twice(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    member = good.chain_of(good.first)
    return Hostile(zipped([*good.members.items(), (member, good.members[member])]))


def too_many(good: Good, monkeypatch: pytest.MonkeyPatch) -> Hostile:
    monkeypatch.setattr(bundle_import, "MAX_MEMBERS", 4)
    return Hostile(good.data)


def too_large(good: Good, monkeypatch: pytest.MonkeyPatch) -> Hostile:
    monkeypatch.setattr(bundle_import, "MAX_UNPACKED", 60_000)
    return Hostile(good.data)


def with_manifest(**changes: object) -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        manifest = good.manifest()
        manifest.update(changes)
        return Hostile(rebuilt(good, manifest, relist="members" not in changes))

    return build


def manifest_body(body: bytes) -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        return Hostile(zipped([("manifest.json", body), *list(good.members.items())[1:]]))

    return build


def raw(data: bytes) -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    return lambda good, _: Hostile(data)


def cut(at: float) -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        n = int(len(good.data) * at) if at < 1 else len(good.data) - int(at)
        return Hostile(good.data[:n])

    return build


def directory_says(data: bytes, name: str, *, flags: int = 0, size: int | None = None) -> bytes:
    """The ZIP with the central directory's record of ``name`` changed: flag bits or'ed with
    ``flags``, the unpacked size set to ``size``."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + length] == name.encode():
            (bits,) = struct.unpack_from("<H", out, at + 8)
            struct.pack_into("<H", out, at + 8, bits | flags)
            if size is not None:
                struct.pack_into("<I", out, at + 24, size)
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{name} is not in the ZIP's directory")


def zip_encrypted(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    return Hostile(directory_says(good.data, good.named("evidence/"), flags=0x1))


def sealed(passphrase: str | None, change: int | None = None) -> Callable[..., Hostile]:
    """The good bundle sealed; ``change``: the offset of a byte flipped after sealing."""

    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        data = bytearray(good.sealed)
        if change is not None:
            data[change % len(data)] ^= 0x20
        return Hostile(bytes(data), passphrase)

    return build


def into_other(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    return Hostile(good.data, into="2026-0002")


OTHER_ZIP = zipped([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w/>")])
CASES = [
    Case("member hash wrong", hash_wrong, "{evidence} does not match its hash in the manifest"),
    Case("member missing", member_missing, "{text} is missing"),
    Case(
        "member not in the manifest",
        member_unlisted,
        "evidence/" + hashlib.sha256(b"planted").hexdigest() + " is not in the manifest",
    ),
    Case("pinned text altered", text_altered, "{text} does not match its hash"),
    Case(
        "evidence attached but not in the bundle",
        lambda good, _: Hostile(rebuilt(good, changed={good.named("evidence/"): None})),
        "evidence file {evidence12}, attached by entry #1, is not in the bundle",
    ),
    Case("evidence altered", evidence_altered, "{evidence} does not match its hash"),
    Case("not an entry", not_an_entry, "line 3 of {first_chain} is not a Sonae entry"),
    Case("chain: a field changed", field_changed, "the chain of {writer} is broken: #2 …"),
    Case("chain: an entry removed", entry_removed, "the chain of {writer} is broken: #3 …"),
    Case(
        "signature: a character of the note",
        note_altered,
        "the signature of {writer}'s checkpoint does not hold",
        "bad signature",
    ),
    Case(
        "signature: its bytes",
        signature_flipped,
        "the signature of {writer}'s checkpoint does not hold",
        "bad signature",
    ),
    Case(
        "signature: key not carried",
        key_not_carried,
        "a checkpoint is signed by {first}, whose key it does not carry (unknown signature)",
    ),
    Case(
        "checkpoint: not over all the chains",
        not_covering,
        "the writer's signed checkpoint does not cover exactly what the bundle holds",
        "not covering",
    ),
    Case(
        "checkpoint: not the writer's",
        other_writer,
        "the writer's signed checkpoint does not cover exactly what the bundle holds",
        "not covering",
    ),
    Case("path: ../x", extra_member("../x"), "../x climbs out of the bundle"),
    Case(
        "path: chains/../../x",
        extra_member("chains/../../x"),
        "chains/../../x climbs out of the bundle",
    ),
    Case("path: /etc/x", extra_member("/etc/x"), "/etc/x is an absolute path"),
    Case("path: C:/x", extra_member("C:/x"), "C:/x is an absolute path"),
    Case("path: \\x", extra_member("\\x"), "\\x is an absolute path"),
    Case("a link", link, "{writer_chain} is a link"),
    Case("a name twice", twice, "{first_chain} comes twice"),
    Case("an unknown member", extra_member("notes.txt"), "notes.txt is not a member Sonae writes"),
    Case(
        "an unknown member under a known folder",
        extra_member("evidence/photo.jpg"),
        "evidence/photo.jpg is not a member Sonae writes",
    ),
    Case("ZIP-encrypted", zip_encrypted, "{evidence} is ZIP-encrypted"),
    Case("too many members", too_many, "too many members (5; the limit is 4)"),
    Case("too large unpacked", too_large, "too large once unpacked (… bytes; the limit is 60000)"),
    Case(
        "format version 2",
        with_manifest(version=2),
        "bundle format version 2 is unknown to this Sonae (it knows 1)",
    ),
    Case(
        "format version missing",
        with_manifest(version=None),
        "bundle format version null is unknown to this Sonae (it knows 1)",
    ),
    Case("another format", with_manifest(format="other-app"), "it is not a Sonae bundle"),
    Case("manifest not JSON", manifest_body(b"{not json"), "manifest.json is not JSON"),
    Case(
        "manifest without members",
        with_manifest(members=None),
        "manifest.json has no proper members",
    ),
    Case(
        "another program's ZIP",
        raw(OTHER_ZIP),
        "it is not a Sonae bundle (it has no manifest.json)",
    ),
    Case("an empty ZIP", raw(zipped([])), "the bundle is empty"),
    Case(
        "random bytes",
        raw(hashlib.sha256(b"seed").digest() * 300),
        "bundle.sonae is not a Sonae bundle, or it is cut short",
        "not a ZIP",
    ),
    Case(
        "an empty file",
        raw(b""),
        "bundle.sonae is not a Sonae bundle, or it is cut short",
        "not a ZIP",
    ),
    *(
        Case(
            f"cut at {at}",
            cut(at),
            "bundle.sonae is not a Sonae bundle, or it is cut short",
            "not a ZIP",
        )
        for at in (0.01, 0.5, 0.99, 30, 1)
    ),
    Case(
        "another incident than --into",
        into_other,
        "this bundle is of incident {incident}, not of 2026-0002",
    ),
    Case(
        "encrypted, no passphrase",
        sealed(None),
        "this bundle is encrypted; give its passphrase (--passphrase-file)",
    ),
    Case("encrypted, wrong passphrase", sealed("a wrong passphrase"), "the passphrase is wrong"),
    *(
        Case(
            f"encrypted, changed after sealing at {where}",
            sealed(PASSPHRASE, at),
            "the passphrase is right but the encrypted bundle was changed or damaged",
            "sealed, changed",
        )
        for where, at in (("its nonce", HEADER - 1), ("its middle", 2000), ("its tag", -1))
    ),
    Case(
        "encrypted, cut short",
        lambda good, _: Hostile(good.sealed[: HEADER + 3], PASSPHRASE),
        "the encrypted bundle is cut short",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_hostile_bundle_is_refused_in_its_own_line_and_nothing_is_written(
    case: Case,
    good: Good,
    receiver: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hostile = case.build(good, monkeypatch)
    refused(receiver, tmp_path / "bundle.sonae", hostile, expected(good, case.expect))


def test_the_good_bundle_and_each_kind_of_refusal_are_told_apart(
    good: Good, receiver: Workspace, tmp_path: Path
) -> None:
    """The corpus is made of the good bundle: untouched, it merges (so each refusal above is
    the change's); and no two kinds of change share a message."""
    kinds: dict[str, set[str]] = {}
    for case in CASES:
        kinds.setdefault(case.expect, set()).add(case.kind or case.id)
    assert [e for e, k in kinds.items() if len(k) > 1] == []
    path = tmp_path / "good.sonae"
    path.write_bytes(good.data)
    assert len(import_bundle(receiver, path).inserted) == 7
    path.write_bytes(good.sealed)
    assert import_bundle(receiver, path, PASSPHRASE).inserted == []  # all there already


def test_a_wrong_passphrase_is_its_own_kind_of_refusal(
    good: Good, receiver: Workspace, tmp_path: Path
) -> None:
    wrong = refused(
        receiver,
        tmp_path / "bundle.sonae",
        Hostile(good.sealed, "a wrong passphrase"),
        expected(good, "the passphrase is wrong"),
    )
    assert isinstance(wrong, WrongPassphrase)
    changed = sealed(PASSPHRASE, 2000)(good, None)  # type: ignore[arg-type]
    (tmp_path / "changed.sonae").write_bytes(changed.data)
    with pytest.raises(SonaeError) as caught:
        prepare(receiver, tmp_path / "changed.sonae", changed.passphrase)
    assert not isinstance(caught.value, WrongPassphrase)


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(
    good: Good, receiver: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zeros = bytes(BOMB)
    name = f"evidence/{hashlib.sha256(zeros).hexdigest()}"
    # Listed in the manifest with its right hash: only the ratio check stands in its way.
    data = rebuilt(good, changed={name: zeros})
    assert len(data) < BOMB // 200
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def watched(self: zipfile.ZipFile, member: str | zipfile.ZipInfo, *a: object, **k: object):
        which = member.filename if isinstance(member, zipfile.ZipInfo) else member
        if which == name:
            pytest.fail(f"{name} was opened: it would be unpacked")
        opened.append(which)
        return real_open(self, member, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", watched)
    refused(
        receiver,
        tmp_path / "bomb.sonae",
        Hostile(data),
        expected(good, f"{name} unpacks to far more than it holds (a decompression bomb?)"),
    )
    assert opened == []  # refused on the ZIP's directory, before any member is unpacked


def test_a_member_that_unpacks_larger_than_its_directory_says_is_refused(
    good: Good, receiver: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zeros = bytes(BOMB)
    name = f"evidence/{hashlib.sha256(zeros).hexdigest()}"
    data = directory_says(rebuilt(good, changed={name: zeros}), name, size=1000)
    read: list[int] = []
    real_read = zipfile.ZipExtFile.read

    def counted(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        if self.name == name:
            read.append(n)  # what is asked for: never all of it (-1)
        return real_read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    refused(
        receiver, tmp_path / "liar.sonae", Hostile(data), expected(good, f"{name} is damaged …")
    )
    assert read and all(0 <= n <= 1001 for n in read)  # what it said, and one byte to tell


def test_a_key_other_than_the_one_known_for_its_signer_is_refused(
    good: Good, receiver: Workspace, tmp_path: Path
) -> None:
    forged = forged_key(good)
    path = tmp_path / "forged.sonae"
    # To a laptop that knows neither key, the forged bundle is a signature that holds.
    stranger = Workspace(tmp_path / "stranger")
    try:
        path.write_bytes(forged.data)
        assert prepare(stranger, path).incident_id == good.incident_id
    finally:
        stranger.close()
    # The receiver has the writer's real key from an earlier bundle: the forged one is refused.
    (tmp_path / "good.sonae").write_bytes(good.data)
    import_bundle(receiver, tmp_path / "good.sonae")
    refused(
        receiver,
        path,
        forged,
        expected(
            good,
            "{writer}'s checkpoint is signed with another key than the one known here for "
            "{writer} (unknown signature)",
        ),
    )


def same_number(good: Good, receiver: Workspace) -> tuple[Hostile, str]:
    """The receiver opens an incident of its own, which takes the bundle's number."""
    local = receiver.incidents.start("ransomware", "この端末で開始した別件", WHO)
    assert local == good.incident_id  # the same number, another incident
    return Hostile(good.data), (
        "incident {incident} was opened on more than one device (…); these are different "
        "incidents with the same number"
    )


def without_its_start(good: Good, receiver: Workspace) -> tuple[Hostile, str]:
    """The opening laptop's chain without its first entry, the counts made to agree: a chain
    that continues one this laptop does not hold (the signatures still hold: they name heads)."""
    member = good.chain_of(good.first)
    manifest = good.manifest()
    for about in manifest["chains"]:
        if about["member"] == member:
            about["entries"] -= 1
    manifest["entries"] -= 1
    data = rebuilt(good, manifest, {member: b"".join(good.lines(member)[1:])})
    return Hostile(data), "{incident} / {first} #2 (…): this database holds it up to #0; …"


MERGE_REFUSALS = [same_number, without_its_start]


def merge_refused(
    how: Callable[[Good, Workspace], tuple[Hostile, str]],
    good: Good,
    receiver: Workspace,
    tmp_path: Path,
) -> tuple[dict, dict]:
    """A bundle that ``prepare`` cannot tell from a good one, refused by the store's merge: the
    folder's state before and after."""
    hostile, line = how(good, receiver)
    before = state(receiver.root)
    path = tmp_path / "bundle.sonae"
    path.write_bytes(hostile.data)
    with pytest.raises(SonaeError) as caught:
        import_bundle(receiver, path)
    assert expected(good, line).fullmatch(str(caught.value)), caught.value
    return before, state(receiver.root)


@pytest.mark.parametrize("how", MERGE_REFUSALS, ids=lambda f: f.__name__)
def test_a_bundle_the_merge_refuses_leaves_the_log_as_it_was(
    how: Callable[[Good, Workspace], tuple[Hostile, str]],
    good: Good,
    receiver: Workspace,
    tmp_path: Path,
) -> None:
    before, after = merge_refused(how, good, receiver, tmp_path)
    assert before["database"] == after["database"]
    outside = {k: v for k, v in after["files"].items() if not k.startswith("backups/")}
    assert outside == before["files"]


@pytest.mark.parametrize("how", MERGE_REFUSALS, ids=lambda f: f.__name__)
def test_a_refused_merge_leaves_no_backup_behind(
    how: Callable[[Good, Workspace], tuple[Hostile, str]],
    good: Good,
    receiver: Workspace,
    tmp_path: Path,
) -> None:
    before, after = merge_refused(how, good, receiver, tmp_path)
    assert after == before


# Through the command line
def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def closed_receiver(receiver: Workspace, data_dir: Path) -> Iterator[Path]:
    receiver.close()
    yield data_dir


@pytest.mark.parametrize(
    ("build", "passphrase", "line"),
    [
        (field_changed, None, "the chain of {writer} is broken: #2 …"),
        (sealed(None), "a wrong passphrase", "the passphrase is wrong"),
        (raw(b"PK\x03\x04" + bytes(100)), None, "bundle.sonae is not a Sonae bundle, or …"),
    ],
    ids=["broken chain", "wrong passphrase", "not a bundle"],
)
def test_the_command_line_says_why_in_one_line_and_exits_1(
    build: Callable[[Good, pytest.MonkeyPatch], Hostile],
    passphrase: str | None,
    line: str,
    good: Good,
    closed_receiver: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "bundle.sonae"
    path.write_bytes(build(good, monkeypatch).data)
    args = ["import", str(path)]
    if passphrase is not None:
        (tmp_path / "pass.txt").write_text(passphrase + "\n", "utf-8")
        args += ["--passphrase-file", str(tmp_path / "pass.txt")]
    before = state(closed_receiver)
    done = cli(closed_receiver, *args)
    assert done.returncode == 1, done
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert "internal error" not in done.stderr.lower() and "内部エラー" not in done.stderr
    assert re.fullmatch("sonae: " + expected(good, line).pattern, lines[0]), lines[0]
    assert done.stdout == ""
    assert state(closed_receiver) == before


# Bundles that once crashed the import or got round a limit: each is now refused in its line.
def member_data_at(data: bytes, name: str) -> int:
    """The offset of the member's packed data in the ZIP (after its local header)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        at = archive.getinfo(name).header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, at + 26)
    return at + 30 + name_length + extra_length


def bad_deflate(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    """The text member's deflated data starting with a block of the reserved type (a damaged
    stick): zlib says "invalid block type"."""
    data = bytearray(good.data)
    data[member_data_at(good.data, good.named("texts/"))] = 0x07  # BFINAL=1, BTYPE=11
    return Hostile(bytes(data))


def bad_lzma(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_LZMA) as archive:
        for name, body in good.members.items():
            archive.writestr(name, body)
    data = bytearray(buffer.getvalue())
    at = member_data_at(bytes(data), good.named("texts/")) + 2000
    data[at : at + 64] = b"\xff" * 64
    return Hostile(bytes(data))


def note_seq(token: str) -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    """The writer's checkpoint with the seq of its first chain line written as ``token``."""

    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        note = good.manifest()["checkpoint"]
        changed = re.sub(r"^chain \d+ ", f"chain {token} ", note, count=1, flags=re.M)
        assert changed != note
        return with_checkpoint(good, changed)

    return build


STRANGER = hashlib.sha256(b"a stranger's key").digest()


def self_signed_huge(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    """A checkpoint signed by a key the bundle carries (any key: a first-seen signer is taken
    on its word), over a chain the bundle does not hold, at #2**63."""
    manifest = good.manifest()
    cp = Checkpoint(good.incident_id, {"nobody": (2**63, "0" * 64)}, "2026-11-25T09:00:00+09:00")
    manifest["devices"]["stranger"] = verifier_key("stranger", public_of(STRANGER))
    manifest["checkpoints"].append(sign(cp, "stranger", STRANGER).text)
    return Hostile(rebuilt(good, manifest))


def own_chain_huge(receiver: Workspace) -> Callable[[Good, pytest.MonkeyPatch], Hostile]:
    """The writer's chain passed off as the receiver's own (its name is in every bundle the
    receiver writes), re-sealed from #2**63, with a writer's checkpoint that holds."""

    def build(good: Good, _: pytest.MonkeyPatch) -> Hostile:
        own = receiver.store.device
        member = good.chain_of(good.writer)
        rows = [json.loads(line) for line in good.lines(member)]
        entries = resealed(rows, device=own, seq=2**63)
        manifest = good.manifest()
        for about in manifest["chains"]:
            if about["key"] == good.writer:
                about.update(key=own, head=[entries[-1].seq, entries[-1].hash])
        manifest["checkpoint"] = signed_note(good, heads(manifest))
        return Hostile(rebuilt(good, manifest, {member: chain_body(entries)}))

    return build


def unreferenced_evidence(good: Good, _: pytest.MonkeyPatch) -> Hostile:
    body = b"a file no entry attaches"
    return Hostile(rebuilt(good, changed={f"evidence/{hashlib.sha256(body).hexdigest()}": body}))


KNOWN = [
    pytest.param(
        bad_deflate,
        "{text} is damaged (…)",
        id="damaged deflated member",
    ),
    pytest.param(
        bad_lzma,
        "… is compressed in a way Sonae does not write",
        id="damaged LZMA member",
    ),
    pytest.param(
        note_seq("²"),
        "a checkpoint: checkpoint format: a chain line is malformed",
        id="checkpoint seq in superscript digits",
    ),
    pytest.param(
        note_seq("9" * 5000),
        "a checkpoint: checkpoint format: a chain line is malformed",
        id="checkpoint seq of 5000 digits",
    ),
    pytest.param(
        self_signed_huge,
        "a checkpoint: checkpoint format: a chain line is malformed",
        id="self-signed checkpoint at 2**63",
    ),
    pytest.param(
        "own chain",
        "…",
        id="own chain at 2**63",
    ),
    pytest.param(
        unreferenced_evidence,
        "evidence/… is attached by no entry",
        id="evidence no entry attaches",
    ),
]


@pytest.mark.parametrize(("build", "expect"), KNOWN)
def test_bundles_that_once_crashed_the_import_are_refused(
    build: Callable[[Good, pytest.MonkeyPatch], Hostile] | str,
    expect: str,
    good: Good,
    receiver: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if build == "own chain":
        build = own_chain_huge(receiver)
    assert callable(build)
    hostile = build(good, monkeypatch)
    refused(receiver, tmp_path / "bundle.sonae", hostile, expected(good, expect))


def test_a_sealed_header_cannot_ask_for_more_scrypt_work_than_sonae_does(
    good: Good, receiver: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.hazmat.primitives.kdf import scrypt

    from app.services import bundle_seal

    asked: list[tuple[int, int, int]] = []

    class Counted:
        def __init__(self, salt: bytes, length: int, n: int, r: int, p: int) -> None:
            asked.append((n, r, p))

        def derive(self, key: bytes) -> bytes:
            return bytes(48)  # no real work: the test is about what is asked for

    monkeypatch.setattr(scrypt, "Scrypt", Counted)
    at = len(bundle_seal.MAGIC) + bundle_seal.SALT
    data = bytearray(good.sealed)
    data[at : at + 3] = bytes([20, 16, 4])
    path = tmp_path / "costly.sonae"
    path.write_bytes(bytes(data))
    with pytest.raises(SonaeError):
        prepare(receiver, path, PASSPHRASE)
    own = 2**bundle_seal.N_LOG2 * bundle_seal.R * bundle_seal.P
    assert all(n * r * p <= own for n, r, p in asked), asked


def test_a_checkpoint_written_otherwise_is_kept_once(
    good: Good, receiver: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "bundle.sonae"
    path.write_bytes(good.data)
    import_bundle(receiver, path)
    kept = receiver.store.checkpoints(good.incident_id)
    manifest = good.manifest()
    manifest["checkpoint"] = manifest["checkpoint"].rstrip("\n") + "\n\n\n"
    path.write_bytes(rebuilt(good, manifest))
    with contextlib.suppress(SonaeError):  # refused, or taken as the note it is: either is right
        import_bundle(receiver, path)
    assert len(receiver.store.checkpoints(good.incident_id)) == len(kept)

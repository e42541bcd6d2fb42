"""Reading a bundle (written by ``bundles.py``): ``prepare`` checks everything, ``process`` merges.

``prepare`` reads the file and refuses it, in one line with its own reason, before anything is
written: too large, encrypted without a passphrase (or a wrong one, or changed after sealing),
not a ZIP or cut short, a link, an absolute path or one that climbs out (``..``), a name twice, a
member Sonae does not write, too many members or too large once unpacked (checked on the ZIP's
own directory before a byte is unpacked, and again while reading), an unknown format version, a
member missing or not in the manifest or with a wrong hash, an entry that is not an entry, a
broken chain, a checkpoint whose signature does not hold or whose key is not the one this laptop
knows for its signer, no checkpoint of the writer over exactly what the bundle holds, a pinned
text that does not match its hash, an evidence file that is not what its name says, or another
incident than the one named with ``--into``.

``process`` then backs the database up, merges the chains on the log's merge model (one chain
per device, never re-sealed: ``LogStore.insert_sealed``, one transaction, which refuses a fork),
keeps the checkpoints and the evidence files, and says what the merge left in conflict.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.chain import Head, SealedChain
from app.domain.checkpoint import (
    CheckpointError,
    SignedNote,
    check_against,
    parse_note,
    signed_by,
)
from app.domain.entries import LogEntry
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.services.bundles import (
    CHAIN_MEMBER,
    EVIDENCE_MEMBER,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    TEXT_MEMBER,
)
from app.services.signing import known_keys
from app.services.workspace import Workspace

MAX_FILE = 2 * 1024**3  # a bundle file larger than this is refused before it is read
MAX_MEMBERS = 20_000
MAX_UNPACKED = 4 * 1024**3  # all members together, once unpacked
MAX_RATIO = 200  # unpacked size over packed size of one member (a decompression bomb)
MAX_MANIFEST = 32 * 1024**2
MAX_SEQ = 2**53  # far beyond any log; SQLite's integers end at 2**63
# The type of each field of an entry's line, in LogEntry order: step_id and decision_id may be
# null. Compared as one tuple per line (an import reads 100,000 of them).
_ENTRY_TYPES = frozenset(
    (int, str, str, str, step, decision, str, str, str, str, str, str, str, str)
    for step in (str, type(None))
    for decision in (str, type(None))
)


def refusal(text: Msg) -> SonaeError:
    return SonaeError(msg("取り込めません: {r}", "cannot import: {r}", r=text))


@dataclass
class Prepared:
    """A bundle checked and ready to merge: nothing from it is in the database yet."""

    path: Path
    incident_id: str
    writer: str
    chains: list[SealedChain]
    texts: list[Any]  # PinnedText
    evidence: dict[str, bytes]
    notes: list[tuple[SignedNote, str]]  # each checkpoint with its signer's verifier key
    sealed: bool
    entries: int = 0
    members: int = 0


@dataclass
class Imported:
    prepared: Prepared
    inserted: list[LogEntry]
    backup: Path | None
    conflicts: list[Any] = field(default_factory=list)

    def describe(self) -> Msg:
        p = self.prepared
        if not self.inserted:
            return msg(
                "インシデント {id}: 新しい記録はありません (束の {n} 件はすべて取り込み済み)",
                "incident {id}: nothing new (all {n} entries of the bundle are here already)",
                id=p.incident_id,
                n=p.entries,
            )
        return msg(
            "インシデント {id}: {n} 件の記録を取り込みました ({c} 台の端末、署名を確認済み){b}",
            "incident {id}: {n} entries merged ({c} laptops, signatures checked){b}",
            id=p.incident_id,
            n=len(self.inserted),
            c=len(p.chains),
            b=msg("。取り込み前の控え: {f}", "; backup before: {f}", f=self.backup)
            if self.backup
            else "",
        )


def read_bundle(path: Path, passphrase: str | None = None) -> tuple[bytes, bool]:
    """The ZIP's bytes (unsealed) and whether it was sealed."""
    from app.files import read_regular

    try:
        size = os.lstat(path).st_size
    except OSError as exc:
        raise refusal(
            msg("{p} を読めません ({e})", "cannot read {p} ({e})", p=path, e=exc)
        ) from None
    if size > MAX_FILE:
        raise refusal(
            msg(
                "{p} は大きすぎます ({n} バイト、上限 {m})",
                "{p} is too large ({n} bytes; the limit is {m})",
                p=path.name,
                n=size,
                m=MAX_FILE,
            )
        )
    try:
        data = read_regular(path, MAX_FILE)
    except OSError as exc:
        raise refusal(
            msg("{p} を読めません ({e})", "cannot read {p} ({e})", p=path, e=exc)
        ) from None
    from app.services.bundle_seal import is_sealed, unseal

    if not is_sealed(data[:32]):
        return data, False
    if passphrase is None:
        raise refusal(
            msg(
                "この束は暗号化されています。パスフレーズを指定してください (--passphrase-file)",
                "this bundle is encrypted; give its passphrase (--passphrase-file)",
            )
        )
    return unseal(data, passphrase), True


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The ZIP's directory checked before anything is unpacked."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refusal(
            msg(
                "項目が多すぎます ({n}、上限 {m})",
                "too many members ({n}; the limit is {m})",
                n=len(infos),
                m=MAX_MEMBERS,
            )
        )
    if not infos:
        raise refusal(msg("束が空です", "the bundle is empty"))
    if MANIFEST not in {info.filename for info in infos}:
        raise refusal(
            msg(
                "Sonae の束ではありません (manifest.json がありません)",
                "it is not a Sonae bundle (it has no manifest.json)",
            )
        )
    named: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise refusal(msg("{n} はリンクです", "{n} is a link", n=name))
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
            raise refusal(msg("{n} は絶対パスです", "{n} is an absolute path", n=name))
        if ".." in name.replace("\\", "/").split("/"):
            raise refusal(
                msg("{n} はフォルダの外を指しています", "{n} climbs out of the bundle", n=name)
            )
        if name in named:
            raise refusal(msg("{n} が二度あります", "{n} comes twice", n=name))
        if name != MANIFEST and not any(
            p.fullmatch(name) for p in (CHAIN_MEMBER, TEXT_MEMBER, EVIDENCE_MEMBER)
        ):
            raise refusal(
                msg(
                    "{n} は Sonae の束の項目ではありません",
                    "{n} is not a member Sonae writes",
                    n=name,
                )
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refusal(
                msg(
                    "{n} は Sonae の使わない方式で圧縮されています",
                    "{n} is compressed in a way Sonae does not write",
                    n=name,
                )
            )
        if info.flag_bits & 0x1:
            raise refusal(msg("{n} は ZIP 暗号化されています", "{n} is ZIP-encrypted", n=name))
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024**2:
            raise refusal(
                msg(
                    "{n} は展開すると異常に大きくなります (圧縮爆弾のおそれ)",
                    "{n} unpacks to far more than it holds (a decompression bomb?)",
                    n=name,
                )
            )
        named[name] = info
    if total > MAX_UNPACKED:
        raise refusal(
            msg(
                "展開すると大きすぎます ({n} バイト、上限 {m})",
                "too large once unpacked ({n} bytes; the limit is {m})",
                n=total,
                m=MAX_UNPACKED,
            )
        )
    return named


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, never more than its directory says (nor ``limit``)."""
    try:
        with archive.open(info) as member:
            data = member.read(min(info.file_size, limit) + 1)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        zlib.error,
    ) as exc:
        raise refusal(
            msg("{n} が壊れています ({e})", "{n} is damaged ({e})", n=info.filename, e=exc)
        ) from None
    if len(data) > min(info.file_size, limit):
        raise refusal(
            msg(
                "{n} が申告より大きく展開されます",
                "{n} unpacks larger than it says",
                n=info.filename,
            )
        )
    return data


def _manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[str, Any]:
    try:
        manifest = json.loads(_read(archive, info, MAX_MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise refusal(
            msg("manifest.json が JSON ではありません", "manifest.json is not JSON")
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refusal(msg("Sonae の束ではありません", "it is not a Sonae bundle"))
    version = manifest.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise refusal(
            msg(
                "束の形式 {v} はこの Sonae の知らないものです (知っているのは {k})",
                "bundle format version {v} is unknown to this Sonae (it knows {k})",
                v=json.dumps(version)[:20],
                k=FORMAT_VERSION,
            )
        )
    wanted = {
        "incident": str,
        "device": str,
        "chains": list,
        "entries": int,
        "devices": dict,
        "checkpoint": str,
        "checkpoints": list,
        "members": dict,
    }
    for key, kind in wanted.items():
        if not isinstance(manifest.get(key), kind):
            raise refusal(
                msg(
                    "manifest.json の {k} が正しくありません",
                    "manifest.json has no proper {k}",
                    k=key,
                )
            )
    return manifest


def _entries(body: bytes, member: str) -> tuple[LogEntry, ...]:
    """A chain member's entries: read as one JSON array (one call for 100,000 lines), each line
    then checked; a member that does not read so is read line by line to name the line."""
    lines = body.splitlines()
    try:
        rows = json.loads(b"[" + b",".join(line for line in lines if line) + b"]")
    except (UnicodeDecodeError, ValueError, RecursionError):
        rows = None
    if not isinstance(rows, list):
        return tuple(_entry(line, member, n) for n, line in enumerate(lines, start=1) if line)
    return tuple(_checked(row, member, n) for n, row in enumerate(rows, start=1))


def _entry(line: bytes, member: str, number: int) -> LogEntry:
    try:
        row = json.loads(line)
    except (UnicodeDecodeError, ValueError, RecursionError):
        row = None
    return _checked(row, member, number)


def _checked(row: Any, member: str, number: int) -> LogEntry:
    if (
        type(row) is not list
        or tuple(map(type, row)) not in _ENTRY_TYPES
        or not 0 < row[0] <= MAX_SEQ
    ):
        raise refusal(
            msg(
                "{m} の {n} 行目は Sonae の記録ではありません",
                "line {n} of {m} is not a Sonae entry",
                m=member,
                n=number,
            )
        )
    return LogEntry(*row)


def prepare(
    ws: Workspace, path: Path, passphrase: str | None = None, into: str | None = None
) -> Prepared:
    """Read and check the bundle at ``path``; raises a one-line refusal, writes nothing."""
    data, sealed = read_bundle(path, passphrase)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refusal(
            msg(
                "{p} は Sonae の束ではないか、途中で切れています",
                "{p} is not a Sonae bundle, or it is cut short",
                p=path.name,
            )
        ) from None
    with archive:
        named = _members(archive)
        manifest = _manifest(archive, named[MANIFEST])
        incident_id = manifest["incident"]
        if into is not None and incident_id != into:
            raise refusal(
                msg(
                    "この束はインシデント {b} のもので、{i} のものではありません",
                    "this bundle is of incident {b}, not of {i}",
                    b=incident_id[:40],
                    i=into,
                )
            )
        listed = manifest["members"]
        for name in named:
            if name != MANIFEST and name not in listed:
                raise refusal(
                    msg("{n} は manifest.json にありません", "{n} is not in the manifest", n=name)
                )
        bodies: dict[str, bytes] = {}
        for name, about in listed.items():
            if name not in named:
                raise refusal(msg("{n} がありません", "{n} is missing", n=str(name)[:80]))
            if not isinstance(about, dict) or not isinstance(about.get("sha256"), str):
                raise refusal(
                    msg("{n} のハッシュがありません", "{n} has no hash in the manifest", n=name)
                )
            body = _read(archive, named[name], MAX_UNPACKED)
            if hashlib.sha256(body).hexdigest() != about["sha256"]:
                raise refusal(
                    msg(
                        "{n} のハッシュが manifest.json と一致しません",
                        "{n} does not match its hash in the manifest",
                        n=name,
                    )
                )
            bodies[name] = body
    prepared = Prepared(
        path, incident_id, manifest["device"], [], [], {}, [], sealed, members=len(bodies)
    )
    _chains(prepared, manifest, bodies)
    _texts(prepared, bodies)
    _evidence(prepared, bodies)
    _signatures(ws, prepared, manifest)
    _own_chain(ws, prepared)
    _evidence_here(ws, prepared)
    return prepared


def _own_chain(ws: Workspace, prepared: Prepared) -> None:
    """A bundle passed back carries this laptop's own chain: what it holds of it must be what
    this laptop holds (the chain is verified, so its last entry stands for all before it); then
    it is left out, since only this laptop writes its chain."""
    own = ws.store.device
    for chain in [c for c in prepared.chains if c.key == own]:
        prepared.chains.remove(chain)
        if not chain.entries:
            continue
        last = chain.entries[-1]
        held = ws.store.chain_hash_at(prepared.incident_id, own, last.seq)
        if held is None:
            raise refusal(
                msg(
                    "束にはこの端末のチェーンの #{n} までがありますが、この端末にはありません"
                    " (古い控えから復元したおそれ)",
                    "the bundle holds this laptop's own chain up to #{n}, which this laptop "
                    "does not (restored from an older backup?)",
                    n=last.seq,
                )
            )
        if held != last.hash:
            raise refusal(
                msg(
                    "束の中のこの端末のチェーンが、この端末の記録と #{n} で異なります (分岐)",
                    "the bundle's copy of this laptop's own chain differs from it at #{n} (a fork)",
                    n=last.seq,
                )
            )


def _chains(prepared: Prepared, manifest: dict[str, Any], bodies: dict[str, bytes]) -> None:
    uuids: set[str] = set()
    members = set()
    for about in manifest["chains"]:
        if not (
            isinstance(about, dict)
            and isinstance(about.get("key"), str)
            and isinstance(about.get("member"), str)
            and CHAIN_MEMBER.fullmatch(about["member"])
            and isinstance(about.get("head"), list)
            and len(about["head"]) == 2
            and type(about["head"][0]) is int
            and 0 <= about["head"][0] <= MAX_SEQ
            and isinstance(about["head"][1], str)
        ):
            raise refusal(
                msg(
                    "manifest.json のチェーンの記述が正しくありません",
                    "a chain in the manifest is malformed",
                )
            )
        member = about["member"]
        if member not in bodies or member in members:
            raise refusal(msg("{n} がありません", "{n} is missing", n=member))
        members.add(member)
        entries = _entries(bodies[member], member)
        if len(entries) != about.get("entries"):
            raise refusal(
                msg(
                    "{m} の件数が manifest.json と一致しません",
                    "{m} does not hold as many entries as the manifest says",
                    m=member,
                )
            )
        head: Head = (about["head"][0], about["head"][1])
        chain = SealedChain(prepared.incident_id, about["key"], entries, head)
        fault = chain.check(uuids)
        if fault is not None:
            raise refusal(
                msg(
                    "{k} のチェーンが壊れています: #{s} {r}",
                    "the chain of {k} is broken: #{s} {r}",
                    k=chain.key[:60],
                    s=fault.seq if fault.seq is not None else "?",
                    r=fault.reason,
                )
            )
        prepared.chains.append(chain)
        prepared.entries += len(entries)
    unused = {n for n in bodies if CHAIN_MEMBER.fullmatch(n)} - members
    if unused:
        raise refusal(
            msg("{n} はどのチェーンでもありません", "{n} is not any chain's", n=sorted(unused)[0])
        )
    if prepared.entries != manifest["entries"]:
        raise refusal(
            msg(
                "記録の件数が manifest.json と一致しません",
                "the entry count does not match the manifest",
            )
        )


def _texts(prepared: Prepared, bodies: dict[str, bytes]) -> None:
    from app.domain.loader import sha256_text
    from app.store.log import StoredText

    for name, body in bodies.items():
        match = TEXT_MEMBER.fullmatch(name)
        if not match:
            continue
        try:
            about = json.loads(body.decode("utf-8"))
            text = StoredText(str(about["id"]), int(about["version"]), match[1], str(about["text"]))
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
            raise refusal(
                msg(
                    "{n} は Sonae の書いた形ではありません", "{n} is not as Sonae writes it", n=name
                )
            ) from None
        if sha256_text(text.text) != match[1]:
            raise refusal(
                msg("{n} の内容がハッシュと一致しません", "{n} does not match its hash", n=name)
            )
        prepared.texts.append(text)


def _evidence_here(ws: Workspace, prepared: Prepared) -> None:
    """A file this laptop keeps under one of the bundle's hashes must still be that file: a
    changed one is refused before anything is written (it is tampering here, not in the bundle)."""
    from app.store import evidence

    entries = [e for chain in prepared.chains for e in chain.entries]
    retracted = {e.payload.get("target") for e in entries if e.kind == "corrected"}
    attached = {e.payload.get("sha256") for e in entries if e.kind == "evidence_added"} | {
        f.sha256 for f in _held_evidence(ws, prepared.incident_id)
    }
    for carried in prepared.evidence:
        if carried not in attached:
            raise refusal(
                msg(
                    "evidence/{sha} はどの記録にも添付されていません",
                    "evidence/{sha} is attached by no entry",
                    sha=carried,
                )
            )
    for entry in entries:
        sha = entry.payload.get("sha256") if entry.kind == "evidence_added" else None
        if (
            isinstance(sha, str)
            and "name" in entry.payload  # version 2: a file was kept (version 1 kept none)
            and entry.uuid not in retracted
            and sha not in prepared.evidence
            and evidence.state(ws.root, sha) != "intact"
        ):
            raise refusal(
                msg(
                    "記録 #{seq} が添付した証拠ファイル {sha} が束にありません",
                    "evidence file {sha}, attached by entry #{seq}, is not in the bundle",
                    seq=entry.seq,
                    sha=sha[:12],
                )
            )
    for sha in prepared.evidence:
        if evidence.state(ws.root, sha) == "changed":
            raise refusal(
                msg(
                    "この端末の証拠ファイル {sha} が、記録されたハッシュと一致しません (sonae verify で確認してください)",
                    "this laptop's evidence file {sha} no longer matches its hash (see sonae verify)",
                    sha=sha[:12],
                )
            )


def _held_evidence(ws: Workspace, incident_id: str) -> list[Any]:
    """The files this laptop's log of the incident attaches (none if it has no such incident)."""
    if incident_id not in ws.store.incident_ids():
        return []
    return list(ws.incidents.state(incident_id).evidence)


def _evidence(prepared: Prepared, bodies: dict[str, bytes]) -> None:
    for name, body in bodies.items():
        match = EVIDENCE_MEMBER.fullmatch(name)
        if match:
            if hashlib.sha256(body).hexdigest() != match[1]:
                raise refusal(
                    msg("{n} の内容がハッシュと一致しません", "{n} does not match its hash", n=name)
                )
            prepared.evidence[match[1]] = body


def _signatures(ws: Workspace, prepared: Prepared, manifest: dict[str, Any]) -> None:
    """Every checkpoint signed by a key the bundle names (and that this laptop does not know
    otherwise), checked against the bundle's chains; the writer's over exactly what it holds."""
    known = known_keys(ws)
    devices = manifest["devices"]
    held = {c.key: c for c in prepared.chains}

    def hash_at(key: str, seq: int) -> str | None:
        chain = held.get(key)
        if chain is None or not chain.entries:
            return ws.store.chain_hash_at(prepared.incident_id, key, seq)
        first = chain.entries[0].seq
        if seq < first:
            return ws.store.chain_hash_at(prepared.incident_id, key, seq)
        index = seq - first
        return chain.entries[index].hash if index < len(chain.entries) else None

    notes = [manifest["checkpoint"], *manifest["checkpoints"]]
    for number, text in enumerate(notes):
        if not isinstance(text, str):
            raise refusal(
                msg("署名付きチェックポイントが文字列ではありません", "a checkpoint is not text")
            )
        try:
            note = parse_note(text)
        except CheckpointError as exc:
            raise refusal(msg("チェックポイント: {r}", "a checkpoint: {r}", r=exc.reason)) from None
        vkey = devices.get(note.signer)
        if not isinstance(vkey, str):
            raise refusal(
                msg(
                    "{s} の署名ですが、その公開鍵がありません (不明な署名)",
                    "a checkpoint is signed by {s}, whose key it does not carry (unknown signature)",
                    s=note.signer[:60],
                )
            )
        if note.signer in known and known[note.signer] != vkey:
            raise refusal(
                msg(
                    "{s} の署名の鍵が、この端末の知っている {s} の鍵と違います (不明な署名)",
                    "{s}'s checkpoint is signed with another key than the one known here for {s} "
                    "(unknown signature)",
                    s=note.signer[:60],
                )
            )
        try:
            signed = signed_by(note, vkey)
        except CheckpointError as exc:
            raise refusal(
                msg("{s} の公開鍵: {r}", "{s}'s key: {r}", s=note.signer[:60], r=exc.reason)
            ) from None
        if not signed:
            raise refusal(
                msg(
                    "{s} のチェックポイントの署名が正しくありません",
                    "the signature of {s}'s checkpoint does not hold",
                    s=note.signer[:60],
                )
            )
        if note.checkpoint.incident_id != prepared.incident_id:
            raise refusal(
                msg(
                    "別のインシデントのチェックポイントがあります",
                    "a checkpoint is of another incident",
                )
            )
        problem = check_against(note.checkpoint, hash_at)
        if problem is not None:
            raise refusal(
                msg("チェックポイントと記録: {r}", "checkpoint against the entries: {r}", r=problem)
            )
        if number == 0:
            if note.signer != manifest["device"] or dict(note.checkpoint.chains) != {
                k: tuple(c.head) for k, c in held.items()
            }:
                raise refusal(
                    msg(
                        "書き出した端末の署名が、束の中身全体に対するものではありません",
                        "the writer's signed checkpoint does not cover exactly what the bundle holds",
                    )
                )
        prepared.notes.append((note, vkey))


def process(
    ws: Workspace, prepared: Prepared, backup: Callable[[], Path | None] | None = None
) -> Imported:
    """Merge a prepared bundle: a backup first, then the chains in one transaction, then the
    checkpoints and the evidence files."""
    from app.store.log import StoredCheckpoint

    ws.check_writable()
    made: list[Path | None] = []

    def back_up() -> None:
        made.append(backup() if backup is not None else None)

    inserted = ws.store.insert_sealed(
        prepared.chains, prepared.texts, checked=True, before_insert=back_up
    )
    ws.store.add_checkpoints(
        [
            StoredCheckpoint(
                note.checkpoint.incident_id, note.signer, vkey, note.text, note.checkpoint.time
            )
            for note, vkey in prepared.notes
        ]
    )
    _keep_evidence(ws, prepared.evidence)
    found = ws.incidents.conflicts(prepared.incident_id)
    return Imported(prepared, inserted, made[0] if made else None, found)


def _keep_evidence(ws: Workspace, files: dict[str, bytes]) -> None:
    from app.store import evidence

    for sha, body in files.items():
        evidence.put_bytes(ws.root, sha, body)


def import_bundle(
    ws: Workspace, path: Path, passphrase: str | None = None, into: str | None = None
) -> Imported:
    """Check the bundle, then merge it, with a backup of the database made first."""
    prepared = prepare(ws, path, passphrase, into)
    from app.services.backups import before_import

    # The backup runs inside the merge, once every check passed and only if it has something to
    # write (LogStore.insert_sealed's before_insert): a second import makes none.
    return process(ws, prepared, backup=before_import(ws))


def import_into(
    root: Path, path: Path, passphrase: str | None = None, clock: Any = None
) -> Imported:
    """``import_bundle`` on a workspace of its own (its own connection): the window runs it on
    a worker thread, so a large bundle does not hold the screen."""
    own = Workspace(root, clock=clock)
    try:
        return import_bundle(own, path, passphrase)
    finally:
        own.close()

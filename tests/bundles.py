"""A good bundle to take apart, for the tests of hostile bundles (tests/e2e/test_hostile_bundles.py
and tests/unit/test_fuzz_bundles.py): written once, its members read back, rewritten and zipped
again, re-signed with its writer's key where a case needs a signature that holds; and the state
of a receiving data folder, to show a refused bundle wrote nothing there.

The good bundle is one incident on two laptops: opened on the first, which sends it to the
second; the second records more and writes the bundle. So it holds two chains, the second
laptop's checkpoint over both and the first laptop's older one, with both keys.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from app.domain.checkpoint import Checkpoint, parse_note, sign
from app.domain.clock import ManualClock
from app.domain.entries import LogEntry, compute_hash
from app.domain.timeutil import jst
from app.paths import SIGNING_KEY_FILE, database_path
from app.services.bundle_import import import_bundle
from app.services.bundle_seal import seal
from app.services.bundles import MANIFEST, entry_line, export_incident
from app.services.workspace import Workspace
from tests.conftest import START

WHO = "田中"
PASSPHRASE = "小郡市 対策本部 2026"
EVIDENCE = b"ransom note, photographed at 09:05\n"


@dataclass(frozen=True)
class Good:
    """The good bundle as written, and what the hostile ones are made from."""

    data: bytes = field(repr=False)
    members: dict[str, bytes] = field(repr=False)  # name -> body, in the ZIP's order
    incident_id: str
    writer: str  # the key name of the laptop that wrote it
    private_key: bytes = field(repr=False)  # the writer's, to sign a checkpoint that holds
    first: str  # the key name of the laptop that opened the incident
    sealed: bytes = field(repr=False)  # the same ZIP sealed with PASSPHRASE

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Short in a failing example's report (hypothesis prints the test's arguments).
        printer.text(f"Good({self.incident_id}, writer={self.writer}, first={self.first})")

    def manifest(self) -> dict[str, Any]:
        """A fresh copy of the manifest, to change."""
        return json.loads(self.members[MANIFEST])

    def named(self, prefix: str) -> str:
        """The first member whose name starts with ``prefix``."""
        return next(n for n in self.members if n.startswith(prefix))

    def chain_of(self, key: str) -> str:
        return next(c["member"] for c in self.manifest()["chains"] if c["key"] == key)

    def lines(self, member: str) -> list[bytes]:
        return self.members[member].splitlines(keepends=True)


def write_good(root: Path) -> Good:
    """Two laptops in ``root`` record one incident; the second writes the good bundle."""
    clock = ManualClock(START)
    first = Workspace(root / "first", clock=clock)
    second = Workspace(root / "second", clock=clock)
    try:
        incident = first.incidents.start("ransomware", "庁内ファイルサーバの暗号化", WHO)
        clock.advance(timedelta(minutes=2))
        first.incidents.note(incident, "サーバ室に到着。電源は入ったまま", WHO)
        first.incidents.complete_step(incident, "isolate", WHO, fields={"host": "FS01"})
        export_incident(first, incident, root / "first.sonae", WHO)
        import_bundle(second, root / "first.sonae")
        clock.advance(timedelta(minutes=3))
        photo = root / "photo.txt"
        photo.write_bytes(EVIDENCE)
        second.incidents.add_evidence(incident, photo, "鈴木")
        second.incidents.note(incident, "県へ第一報の準備", "鈴木")
        second.incidents.decide(incident, "personal_data", "yes", "鈴木")
        clock.advance(timedelta(minutes=1))
        written = export_incident(second, incident, root / "good.sonae", "鈴木")
        data = written.path.read_bytes()
        key = json.loads((second.root / SIGNING_KEY_FILE).read_text("utf-8"))
        writer = parse_note(written.checkpoint).signer
        first_key = json.loads((first.root / SIGNING_KEY_FILE).read_text("utf-8"))["name"]
    finally:
        first.close()
        second.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    return Good(
        data,
        members,
        incident,
        writer,
        base64.b64decode(key["private_key"]),
        first_key,
        seal(data, PASSPHRASE),
    )


# Rewriting
def zipped(members: Iterable[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    """A ZIP of these members, as given (a name twice is written twice)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in members:
                archive.writestr(name, body)
    return buffer.getvalue()


def listed(manifest: dict[str, Any], bodies: Mapping[str, bytes]) -> dict[str, Any]:
    """The manifest with the hash and size of each of ``bodies`` (manifest.json aside)."""
    manifest["members"] = {
        name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
        for name, body in bodies.items()
        if name != MANIFEST
    }
    return manifest


def rebuilt(
    good: Good,
    manifest: dict[str, Any] | None = None,
    changed: Mapping[str, bytes | None] | None = None,
    *,
    relist: bool = True,
) -> bytes:
    """The good bundle with members ``changed`` (a body, or None to leave the member out) and
    ``manifest``; with ``relist``, the manifest's hashes made right for the members it holds,
    so only a deeper check can catch the change."""
    bodies = dict(good.members)
    for name, body in (changed or {}).items():
        if body is None:
            bodies.pop(name, None)
        else:
            bodies[name] = body
    manifest = good.manifest() if manifest is None else manifest
    if relist:
        listed(manifest, bodies)
    bodies[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    return zipped([(MANIFEST, bodies.pop(MANIFEST)), *bodies.items()])


def signed_note(
    good: Good,
    chains: Mapping[str, tuple[int, str]],
    *,
    private_key: bytes | None = None,
    name: str | None = None,
) -> str:
    """A checkpoint over ``chains`` (key -> (seq, hash)), signed as the writer signs."""
    at = jst(START).isoformat(timespec="seconds")
    checkpoint = Checkpoint(good.incident_id, dict(chains), at)
    return sign(checkpoint, name or good.writer, private_key or good.private_key).text


def resealed(rows: list[list[Any]], **fields: Any) -> list[LogEntry]:
    """The chain's rows (fields in ``LogEntry`` order) with ``fields`` set in each (``seq``:
    the first one's, the others following) and every hash made again: a chain that holds."""
    out: list[LogEntry] = []
    prev = rows[0][12]
    for number, row in enumerate(rows):
        changes = dict(fields, prev_hash=prev)
        if "seq" in fields:
            changes["seq"] = fields["seq"] + number
        entry = replace(LogEntry(*row), **changes)
        entry = replace(entry, hash=compute_hash(entry))
        prev = entry.hash
        out.append(entry)
    return out


def chain_body(entries: Iterable[LogEntry]) -> bytes:
    return "".join(entry_line(e) + "\n" for e in entries).encode("utf-8")


def public_of(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()


def heads(manifest: dict[str, Any]) -> dict[str, tuple[int, str]]:
    return {c["key"]: (c["head"][0], c["head"][1]) for c in manifest["chains"]}


# The receiving data folder
def state(root: Path) -> dict[str, Any]:
    """What a data folder holds: every file's name (and the hash of each but the database's own
    files, which SQLite may touch while reading), and the database's whole content, read
    through a read-only connection of its own."""
    files: dict[str, str] = {}
    db = database_path(root)
    for path in sorted(root.rglob("*")):
        name = str(path.relative_to(root))
        if path.is_dir():
            files[name + "/"] = ""
        elif path.name.startswith(db.name):
            files[name] = ""
        else:
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    content: list[str] = []
    if db.exists():
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            content = list(conn.iterdump())
        finally:
            conn.close()
    return {"files": files, "database": content}

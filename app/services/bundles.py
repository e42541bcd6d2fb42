"""Writing a bundle: one incident as one file that travels between laptops (on a USB stick).

A bundle is a ZIP file (or that ZIP sealed with a passphrase, ``bundle_seal.py``) of:

- ``manifest.json``: the format and its version, Sonae's version, the incident, the device that
  wrote it, each chain (its key, member, entry count and head), the signers' verifier keys, the
  signed checkpoints, and the sha256 and size of every other member;
- ``chains/N.jsonl``: every entry of one device's chain, one JSON array per line, the fields in
  ``LogEntry`` order with the payload as the store keeps it, so each entry arrives exactly as it
  was sealed;
- ``texts/SHA256.txt``: each plan or script text the entries pin;
- ``evidence/SHA256``: each evidence file.

A checkpoint of the incident as written is signed by this laptop (``signing.py``) first, so the
receiver checks the chains against a signature before anything touches its database.
Reading is ``bundle_import.py``.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app import __version__
from app.domain.chain import plan_pins
from app.domain.entries import LogEntry, stored_fields
from app.domain.timeutil import jst
from app.errors import SonaeError
from app.i18n import msg
from app.services.outputs import write_output
from app.services.signing import device_key, sign_checkpoint
from app.services.workspace import Workspace
from app.store import evidence

FORMAT = "sonae-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHAIN_MEMBER = re.compile(r"chains/([1-9][0-9]{0,5})\.jsonl")
TEXT_MEMBER = re.compile(r"texts/([0-9a-f]{64})\.txt")
EVIDENCE_MEMBER = re.compile(r"evidence/([0-9a-f]{64})")
SUFFIX = ".sonae"


def entry_line(entry: LogEntry) -> str:
    """One entry as a line of its chain's member: its fields in order, the payload as stored."""
    return json.dumps(list(stored_fields(entry)), ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class WrittenBundle:
    path: Path
    incident_id: str
    entries: int
    chains: int
    evidence: int
    sealed: bool
    sha256: str
    checkpoint: str  # the signed note written into it


def evidence_of(ws: Workspace, incident_id: str) -> list[str]:
    """The sha256 of every file attached to the incident (not retracted), once each, in the
    order they were added."""
    return list(dict.fromkeys(f.sha256 for f in ws.incidents.state(incident_id).evidence))


def export_incident(
    ws: Workspace, incident_id: str, out: Path, actor: str, passphrase: str | None = None
) -> WrittenBundle:
    """Write the incident's bundle to ``out``. Each evidence file it carries is recorded as handed
    on in it (``actor``), before the checkpoint is signed, so the bundle holds those entries too."""
    if not ws.store.chain_heads(incident_id):
        raise SonaeError(msg("インシデント {id} はありません", "no incident {id}", id=incident_id))
    if passphrase is not None:
        from app.services.bundle_seal import check_passphrase

        check_passphrase(passphrase)
    shas = evidence_of(ws, incident_id)
    for sha in shas:
        if evidence.state(ws.root, sha) != "intact":
            raise SonaeError(
                msg(
                    "証拠ファイル {sha} がこの端末にありません。束は書き出せません",
                    "evidence file {sha} is not on this laptop; the bundle cannot be written",
                    sha=sha[:12],
                )
            )
    if not ws.read_only:
        for sha in shas:
            ws.incidents.hand_over_evidence(incident_id, sha, actor, to=out.name, how="bundle")
    note = sign_checkpoint(ws, incident_id)
    data = _zip_bytes(ws, incident_id, note.text, shas)
    sealed = passphrase is not None
    if sealed:
        from app.services.bundle_seal import seal

        data = seal(data, str(passphrase))

    def write(stream: IO[bytes]) -> None:
        stream.write(data)

    target, digest = write_output(out, write, ws.root)
    heads = note.checkpoint.chains
    return WrittenBundle(
        target,
        incident_id,
        sum(h[0] for h in heads.values()),
        len(heads),
        len(shas),
        sealed,
        digest,
        note.text,
    )


def _zip_bytes(ws: Workspace, incident_id: str, note: str, shas: list[str]) -> bytes:
    store = ws.store
    heads = store.chain_heads(incident_id)
    members: dict[str, bytes] = {}
    chains: list[dict[str, Any]] = []
    all_entries: list[LogEntry] = []
    for number, (key, head) in enumerate(sorted(heads.items()), start=1):
        entries = store.chain_entries(incident_id, key)
        all_entries += entries
        name = f"chains/{number}.jsonl"
        members[name] = "".join(entry_line(e) + "\n" for e in entries).encode("utf-8")
        chains.append({"key": key, "member": name, "entries": len(entries), "head": list(head)})
    for sha in sorted(plan_pins(all_entries)):
        text = store.pinned(sha)
        if text is not None:
            members[f"texts/{sha}.txt"] = json.dumps(
                {"id": text.id, "version": text.version, "text": text.text},
                ensure_ascii=False,
            ).encode("utf-8")
    for sha in shas:
        members[f"evidence/{sha}"] = evidence.path(ws.root, sha).read_bytes()
    kept = [c for c in store.checkpoints(incident_id) if c.note != note]
    devices = {c.signer: c.verifier_key for c in kept}
    own = device_key(ws)
    devices[own.name] = own.verifier
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "sonae": __version__,
        "incident": incident_id,
        "device": own.name,
        "created_at": jst(ws.real_clock.now()).isoformat(timespec="seconds"),
        "chains": chains,
        "entries": sum(c["entries"] for c in chains),
        "devices": devices,
        "checkpoint": note,
        "checkpoints": [c.note for c in kept],
        "members": {
            name: {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
            for name, body in members.items()
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()

"""This laptop's signing key and the checkpoints it signs.

Each data folder has its own Ed25519 key, made on first use and kept beside the database
(``signing-key.json``, readable by its owner only). Its public half is shown as a short
fingerprint. A checkpoint of an incident (``app/domain/checkpoint.py``) is signed whenever a
record is printed or a bundle is written, kept in the database, and checked by ``sonae verify``.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from app.domain.checkpoint import (
    Checkpoint,
    CheckpointError,
    SignedNote,
    check_against,
    fingerprint,
    key_name,
    parse_note,
    sign,
    signed_by,
    verifier_key,
)
from app.domain.timeutil import jst
from app.errors import SonaeError
from app.files import read_regular
from app.i18n import Msg, msg
from app.paths import SIGNING_KEY_FILE
from app.services.workspace import Workspace


@dataclass(frozen=True)
class DeviceKey:
    name: str  # the key name: the device name as C2SP allows it
    private: bytes
    public: bytes

    @property
    def verifier(self) -> str:
        return verifier_key(self.name, self.public)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


def _unreadable(path: Path, why: object) -> SonaeError:
    return SonaeError(
        msg(
            "署名鍵 {p} を読めません ({w})。鍵を作り直すと、これまでの署名はこの端末のものと確かめられなくなります",
            "cannot read the signing key {p} ({w}); a new key would no longer match this "
            "laptop's earlier signatures",
            p=path,
            w=why,
        )
    )


def device_key(ws: Workspace) -> DeviceKey:
    """This data folder's key, made (once) if there is none. A damaged key file is an error,
    never quietly replaced: earlier checkpoints would no longer be this laptop's."""
    path = ws.root / SIGNING_KEY_FILE
    name = key_name(ws.store.device)
    if os.path.lexists(path):
        try:
            data = json.loads(read_regular(path, 4096))
            private = base64.b64decode(data["private_key"], validate=True)
            public = _public_of(private)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise _unreadable(path, exc) from None
        return DeviceKey(str(data.get("name") or name), private, public)
    if ws.read_only:
        raise SonaeError(
            msg(
                "読み取り専用のデータフォルダでは署名鍵を作れません",
                "a read-only data folder cannot make a signing key",
            )
        )
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate().private_bytes_raw()
    text = json.dumps(
        {"name": name, "private_key": base64.b64encode(private).decode("ascii")}, indent=1
    )
    try:  # O_EXCL: two first uses at once make one key, not two
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return device_key(ws)
    except OSError as exc:
        raise SonaeError(
            msg("署名鍵を保存できません: {e}", "cannot keep the signing key: {e}", e=exc)
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    return DeviceKey(name, private, _public_of(private))


def _public_of(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def sign_checkpoint(ws: Workspace, incident_id: str) -> SignedNote:
    """Sign what the log holds of the incident now, keep it, and return it."""
    from app.store.log import StoredCheckpoint

    heads = ws.store.chain_heads(incident_id)
    if not heads:
        raise SonaeError(msg("インシデント {id} はありません", "no incident {id}", id=incident_id))
    key = device_key(ws)
    at = jst(ws.real_clock.now()).isoformat(timespec="seconds")
    note = sign(Checkpoint(incident_id, heads, at), key.name, key.private)
    ws.store.add_checkpoints([StoredCheckpoint(incident_id, key.name, key.verifier, note.text, at)])
    return note


@dataclass(frozen=True)
class CheckpointCheck:
    note: SignedNote | None
    signer: str
    problem: Msg | None  # None: the signature holds and the log holds what it says
    grown: int = 0  # entries the log holds beyond the checkpoint


def check_note(ws: Workspace, text: str, vkey: str | None = None) -> CheckpointCheck:
    """A signed checkpoint (kept, printed or from a bundle) against this database: its signature
    under ``vkey`` (else a key this database knows for its signer), then every chain it names."""
    try:
        note = parse_note(text)
    except CheckpointError as exc:
        return CheckpointCheck(None, "", exc.reason)
    known = known_keys(ws)
    key = vkey or known.get(note.signer)
    if key is None:
        return CheckpointCheck(
            note,
            note.signer,
            msg(
                "署名した端末 {s} の公開鍵を知りません",
                "the key of {s}, which signed it, is unknown here",
                s=note.signer,
            ),
        )
    try:
        signed = signed_by(note, key)
    except CheckpointError as exc:
        return CheckpointCheck(note, note.signer, exc.reason)
    if not signed:
        return CheckpointCheck(
            note, note.signer, msg("署名が正しくありません", "the signature does not hold")
        )
    cp = note.checkpoint
    problem = check_against(cp, partial(ws.store.chain_hash_at, cp.incident_id))
    heads = ws.store.chain_heads(cp.incident_id)
    grown = sum(h[0] for h in heads.values()) - cp.head[0]
    return CheckpointCheck(note, note.signer, problem, max(grown, 0))


def known_keys(ws: Workspace) -> dict[str, str]:
    """Signer -> verifier key, from the checkpoints kept (the first key seen for a signer
    stands) and this laptop's own key."""
    keys: dict[str, str] = {}
    if (ws.root / SIGNING_KEY_FILE).is_file():
        own = device_key(ws)
        keys[own.name] = own.verifier  # no bundle may sign in this laptop's name
    for row in ws.store.checkpoints():
        keys.setdefault(row.signer, row.verifier_key)
    return keys

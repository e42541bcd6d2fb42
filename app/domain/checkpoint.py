"""Signed checkpoints: a laptop's signed statement of what an incident's log held.

A checkpoint says, for one incident at one moment, how many entries its chains held and the head
of each (the C2SP ``tlog-checkpoint`` body: origin, size, root hash, then extension lines), and
is signed by the laptop's Ed25519 key as a C2SP *signed note*::

    sonae/2026-0001
    42
    <base64 of the incident head's hash>
    chain 40 <hex hash of entry #40> ogori-pc-1a2b3c
    chain 2 <hex hash of entry #2> ogori-pc-9f8e7d
    time 2026-12-03T10:15:00+09:00

    — ogori-pc-1a2b3c <base64 of key hash (4 bytes) and signature (64 bytes)>

It is printed on the record (text and QR) and travels in every bundle, so a deleted tail or a
rewritten chain is caught against paper or a bundle: ``check_against`` compares it with a log.
The public key travels as a C2SP verifier key (``name+hex key hash+base64(0x01 ‖ key)``).

Pure: no database, no files. ``cryptography`` loads only when something is signed or checked.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.domain.chain import Head, incident_head
from app.i18n import Msg, msg

ORIGIN_PREFIX = "sonae/"
ED25519 = b"\x01"  # the C2SP signature type byte of Ed25519
DASH = "\u2014"  # a signature line starts with an em dash and a space
MAX_NOTE = 64 * 1024  # a note longer than this is not one Sonae wrote
_NAME = re.compile(r"[^\s+]{1,200}")
_HEX = re.compile(r"[0-9a-f]{64}")
_SEQ = re.compile(r"[0-9]{1,15}")  # ASCII digits only, and a number SQLite can hold


class CheckpointError(ValueError):
    """A note that is not a checkpoint Sonae signs, or a signature that does not hold."""

    def __init__(self, reason: Msg) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class Checkpoint:
    incident_id: str
    chains: Mapping[str, Head]  # chain key -> (seq, hash) of its last entry
    time: str  # ISO 8601, JST, when it was signed

    @property
    def head(self) -> Head:
        return incident_head(self.chains) or (0, "")

    def body(self) -> str:
        count, digest = self.head
        root = base64.b64encode(bytes.fromhex(digest)).decode("ascii") if digest else ""
        lines = [f"{ORIGIN_PREFIX}{self.incident_id}", str(count), root]
        lines += [f"chain {seq} {h} {key}" for key, (seq, h) in sorted(self.chains.items())]
        lines.append(f"time {self.time}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SignedNote:
    checkpoint: Checkpoint
    signer: str  # the key name: the device that signed
    key_hash: bytes  # 4 bytes
    signature: bytes  # 64 bytes
    text: str  # the whole note as signed and printed

    @property
    def body(self) -> str:
        return self.checkpoint.body()


# Keys
def key_name(device: str) -> str:
    """A device name as a C2SP key name: no spaces and no '+'."""
    name = re.sub(r"[\s+]", "_", device)[:200]
    return name or "sonae"


def key_hash(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + ED25519 + public_key).digest()[:4]


def verifier_key(name: str, public_key: bytes) -> str:
    """The C2SP verifier key: ``name+hex(key hash)+base64(0x01 ‖ public key)``."""
    encoded = base64.b64encode(ED25519 + public_key).decode("ascii")
    return f"{name}+{key_hash(name, public_key).hex()}+{encoded}"


def parse_verifier_key(vkey: str) -> tuple[str, bytes]:
    """(name, raw public key) of a verifier key, or CheckpointError."""
    parts = vkey.split("+", 2)
    if len(parts) != 3 or not _NAME.fullmatch(parts[0]):
        raise CheckpointError(msg("公開鍵の形式が正しくありません", "not a verifier key"))
    name, hash_hex, encoded = parts
    try:
        raw = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise CheckpointError(msg("公開鍵の形式が正しくありません", "not a verifier key")) from None
    if len(raw) != 33 or raw[:1] != ED25519:
        raise CheckpointError(msg("Ed25519 の公開鍵ではありません", "not an Ed25519 key"))
    if key_hash(name, raw[1:]).hex() != hash_hex:
        raise CheckpointError(msg("公開鍵のハッシュが一致しません", "the key hash does not match"))
    return name, raw[1:]


def fingerprint(public_key: bytes) -> str:
    """A short fingerprint people can read aloud and compare: 16 hex digits of SHA-256."""
    digest = hashlib.sha256(public_key).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


# Signing and reading
def sign(checkpoint: Checkpoint, name: str, private_key: bytes) -> SignedNote:
    """The checkpoint signed by ``private_key`` (raw 32 bytes) under key ``name``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(private_key)
    public = key.public_key().public_bytes_raw()
    body = checkpoint.body()
    signature = key.sign(body.encode("utf-8"))
    hashed = key_hash(name, public)
    line = f"{DASH} {name} {base64.b64encode(hashed + signature).decode('ascii')}\n"
    return SignedNote(checkpoint, name, hashed, signature, body + "\n" + line)


def parse_note(text: str) -> SignedNote:
    """A signed checkpoint from its text, or CheckpointError naming what is wrong. The
    signature is not checked here (``verify_note`` does, with a key)."""
    if len(text) > MAX_NOTE or "\r" in text:
        raise CheckpointError(
            msg("Sonae のチェックポイントではありません", "not a Sonae checkpoint")
        )
    body, sep, signatures = text.partition("\n\n")
    if not sep:
        raise CheckpointError(msg("署名がありません", "it has no signature"))
    body += "\n"
    checkpoint = _parse_body(body)
    lines = [line for line in signatures.split("\n") if line]
    if len(lines) != 1:
        raise CheckpointError(
            msg("署名行が一つではありません", "it does not have exactly one signature line")
        )
    parts = lines[0].split(" ")
    if len(parts) != 3 or parts[0] != DASH or not _NAME.fullmatch(parts[1]):
        raise CheckpointError(
            msg("署名行の形式が正しくありません", "its signature line is malformed")
        )
    try:
        raw = base64.b64decode(parts[2], validate=True)
    except ValueError:
        raw = b""
    if len(raw) != 68:
        raise CheckpointError(msg("署名の長さが正しくありません", "its signature is malformed"))
    note = SignedNote(checkpoint, parts[1], raw[:4], raw[4:], text)
    if body != checkpoint.body() or text != body + "\n" + lines[0] + "\n":
        raise CheckpointError(
            msg("Sonae の書く形ではありません", "it is not written as Sonae writes it")
        )
    return note


def _parse_body(body: str) -> Checkpoint:
    def bad(why: str, why_en: str) -> CheckpointError:
        return CheckpointError(
            msg("チェックポイントの形式: {w}", "checkpoint format: {w}", w=msg(why, why_en))
        )

    lines = body.rstrip("\n").split("\n")
    if len(lines) < 4 or not lines[0].startswith(ORIGIN_PREFIX):
        raise bad("Sonae の記録の名前がありません", "no Sonae origin line")
    incident_id = lines[0][len(ORIGIN_PREFIX) :]
    chains: dict[str, Head] = {}
    time = ""
    for line in lines[3:]:
        if line.startswith("chain "):
            parts = line.split(" ", 3)
            if len(parts) != 4 or not _SEQ.fullmatch(parts[1]) or not _HEX.fullmatch(parts[2]):
                raise bad("チェーンの行が正しくありません", "a chain line is malformed")
            if parts[3] in chains:
                raise bad("同じチェーンが二度あります", "a chain comes twice")
            chains[parts[3]] = (int(parts[1]), parts[2])
        elif line.startswith("time ") and not time:
            time = line[5:]
        else:
            raise bad("知らない行があります", "an unknown line")
    if not chains or not time:
        raise bad("チェーンまたは時刻がありません", "no chain or no time")
    checkpoint = Checkpoint(incident_id, chains, time)
    count, digest = checkpoint.head
    root = base64.b64encode(bytes.fromhex(digest)).decode("ascii")
    if lines[1] != str(count) or lines[2] != root:
        raise bad(
            "件数・ハッシュがチェーンの行と一致しません",
            "the size or root does not match the chain lines",
        )
    return checkpoint


def verify_note(note: SignedNote, public_key: bytes) -> bool:
    """Whether the note's signature holds under ``public_key`` (raw 32 bytes)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if key_hash(note.signer, public_key) != note.key_hash:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            note.signature, note.body.encode("utf-8")
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def signed_by(note: SignedNote, vkey: str) -> bool:
    """Whether the note is signed, under its signer's own name, by the verifier key ``vkey``;
    CheckpointError if ``vkey`` is not a verifier key. The one signature check of every reader:
    verify, a checkpoint from paper, a bundle's."""
    name, public = parse_verifier_key(vkey)
    return name == note.signer and verify_note(note, public)


# Against a log
def check_against(
    checkpoint: Checkpoint, chain_hash_at: Callable[[str, int], str | None]
) -> Msg | None:
    """None when the log holds every chain the checkpoint names, at least as far as it says and
    with the same hash there; else what does not hold (a deleted tail, a rewritten chain, a chain
    that is not there). ``chain_hash_at(key, seq)`` is the log's hash of that entry, or None."""
    for key, (seq, digest) in sorted(checkpoint.chains.items()):
        held = chain_hash_at(key, seq)
        if held is None:
            return msg(
                "{key} のチェーンに、署名された #{seq} がありません (記録が削除されたおそれ)",
                "{key}'s chain lacks #{seq}, which was signed (entries deleted?)",
                key=key,
                seq=seq,
            )
        if held != digest:
            return msg(
                "{key} のチェーンの #{seq} が署名された記録と異なります (書き換えられたおそれ)",
                "{key}'s chain differs at #{seq} from what was signed (rewritten?)",
                key=key,
                seq=seq,
            )
    return None

"""A bundle sealed with a passphrase: AES-256-GCM under a key made slowly from it with scrypt.

The file is a fixed header, then the ciphertext of the whole ZIP::

    SONAE-SEALED-1\\n | salt (16) | n exponent (1) | r (1) | p (1) | check (16) | nonce (12) | ciphertext+tag

scrypt gives 48 bytes: the first 32 are the AES key, the last 16 the *check*, kept in the header.
A wrong passphrase gives another check (told apart before decrypting); the right one with a
changed file fails the GCM tag (the header is authenticated data, so a changed header fails too).
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from app.errors import SonaeError
from app.i18n import msg

MAGIC = b"SONAE-SEALED-1\n"
SALT, CHECK, NONCE = 16, 16, 12
N_LOG2, R, P = 15, 8, 1  # scrypt cost: 32 MiB and a fraction of a second on a laptop
HEADER = len(MAGIC) + SALT + 3 + CHECK + NONCE
MAX_PASSPHRASE = 1024


class WrongPassphrase(SonaeError):
    pass


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _derive(passphrase: str, salt: bytes, n_log2: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if (n_log2, r, p) != (N_LOG2, R, P):  # an attacker's header must not set our work
        raise SonaeError(
            msg(
                "取り込めません: 暗号化の設定が Sonae の書く範囲にありません",
                "cannot import: its encryption settings are not ones Sonae writes",
            )
        )
    raw = Scrypt(salt=salt, length=48, n=2**n_log2, r=r, p=p).derive(passphrase.encode("utf-8"))
    return raw[:32], raw[32:]


def check_passphrase(passphrase: str) -> str:
    if not passphrase or len(passphrase) > MAX_PASSPHRASE:
        raise SonaeError(
            msg(
                "パスフレーズが空か、長すぎます",
                "the passphrase is empty or too long",
            )
        )
    if len(passphrase) < 8:
        raise SonaeError(
            msg(
                "パスフレーズは 8 文字以上にしてください",
                "use a passphrase of 8 characters or more",
            )
        )
    return passphrase


def seal(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    key, check = _derive(check_passphrase(passphrase), salt, N_LOG2, R, P)
    header = MAGIC + salt + bytes([N_LOG2, R, P]) + check + nonce
    return header + AESGCM(key).encrypt(nonce, data, header)


def unseal(sealed: bytes, passphrase: str) -> bytes:
    """The ZIP inside, or a one-line refusal: a wrong passphrase, or a file changed (or cut
    short) after it was sealed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(sealed) < HEADER + 16:
        raise SonaeError(
            msg(
                "取り込めません: 暗号化された束が途中で切れています",
                "cannot import: the encrypted bundle is cut short",
            )
        )
    at = len(MAGIC)
    salt = sealed[at : at + SALT]
    n_log2, r, p = sealed[at + SALT : at + SALT + 3]
    at += SALT + 3
    check, nonce = sealed[at : at + CHECK], sealed[at + CHECK : at + CHECK + NONCE]
    key, expected = _derive(passphrase, salt, n_log2, r, p)
    if not hmac.compare_digest(check, expected):
        raise WrongPassphrase(
            msg(
                "取り込めません: パスフレーズが違います",
                "cannot import: the passphrase is wrong",
            )
        )
    try:
        return AESGCM(key).decrypt(nonce, sealed[HEADER:], sealed[:HEADER])
    except InvalidTag:
        raise SonaeError(
            msg(
                "取り込めません: パスフレーズは正しいものの、暗号化された束が書き換えられているか壊れています",
                "cannot import: the passphrase is right but the encrypted bundle was changed or "
                "damaged",
            )
        ) from None


def read_passphrase(path: Path) -> str:
    """The passphrase in a file (its first line), so it never sits in the shell's history."""
    from app.files import read_regular

    try:
        text = read_regular(path, MAX_PASSPHRASE * 4 + 2).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SonaeError(
            msg(
                "パスフレーズのファイル {p} を読めません: {e}",
                "cannot read the passphrase file {p}: {e}",
                p=path,
                e=exc,
            )
        ) from None
    return check_passphrase(text.splitlines()[0] if text.strip() else "")

"""Writing and checking the archive of a removed exercise: a Sonae database of its own (the
incident's every chain, unchanged, with the texts it pins), checked by the same verify before the
exercise leaves the log, and kept by its sha256 in the removal's row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.domain.chain import Head, SealedChain, plan_pins
from app.errors import SonaeError
from app.files import file_sha256
from app.i18n import Msg, msg
from app.paths import DATABASE
from app.store.log import LogStore
from app.store.removal import Removal
from app.store.verify import verify


def write_archive(
    store: LogStore, incident_id: str, folder: Path
) -> tuple[Path, str, dict[str, Head]]:
    """Copy the incident into a new database in ``folder``, verify it there, and make it one
    self-contained file; return its path, its sha256 and the chain heads it holds."""
    heads = store.chain_heads(incident_id)
    chains = [
        SealedChain(incident_id, key, tuple(store.chain_entries(incident_id, key)), head)
        for key, head in sorted(heads.items())
    ]
    texts = []
    for sha in sorted(plan_pins(e for c in chains for e in c.entries)):
        text = store.pinned(sha)
        if text is not None:
            texts.append(text)
    folder.mkdir(parents=True, exist_ok=False)
    path = folder / DATABASE
    archive = LogStore(path, device=f"archive of {incident_id}")
    try:
        archive.insert_sealed(chains, texts)
        result = verify(archive, incident_id)
        copied = archive.chain_heads(incident_id)
    finally:
        archive.close()
    if not result.ok or copied != heads:
        raise SonaeError(
            msg(
                "書き出した控えが元の記録と一致しません。削除はしません: {r}",
                "the archive does not hold the same record; nothing is removed: {r}",
                r=result.describe(),
            )
        )
    conn = sqlite3.connect(str(path))
    try:  # the WAL folded into the file: the archive is the one file its hash is of
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    return path, file_sha256(path), heads


ARCHIVE_STATES = ("intact", "missing", "changed")


def archive_state(root: Path, removal: Removal) -> tuple[str, Msg]:
    """What became of a removed exercise's archive (``ARCHIVE_STATES``), in words: there and as
    it was removed (its chains verified again), changed or damaged, or not there."""
    path = root / removal.archive
    if not path.is_file():
        return "missing", msg(
            "控えがありません ({p})", "its archive is missing ({p})", p=removal.archive
        )
    if file_sha256(path) != removal.archive_sha256:
        return "changed", msg(
            "控え {p} が削除時と異なります", "its archive {p} was changed", p=removal.archive
        )
    try:
        archive = LogStore(path, read_only=True)
    except SonaeError as exc:
        return "changed", msg("控え {p}: {r}", "archive {p}: {r}", p=removal.archive, r=str(exc))
    try:
        result = verify(archive, removal.incident_id)
    finally:
        archive.close()
    if not result.ok:
        return "changed", msg(
            "控え {p}: {r}", "archive {p}: {r}", p=removal.archive, r=result.describe()
        )
    return "intact", msg(
        "控え {p} は削除時のまま ({n} 件を確認)",
        "its archive {p} is as it was removed ({n} entries verified)",
        p=removal.archive,
        n=result.checked,
    )

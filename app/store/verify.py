"""Walk every hash chain and name the first entry that does not hold.

Each incident has one chain per device that wrote it; each chain is walked with the domain's
pure walk (``app/domain/chain.py``), the same one an imported bundle is checked with. Detected: a
changed field (hash mismatch), a payload not in the one form Sonae writes (duplicate keys, not
JSON), a deleted row (seq gap or broken link), a reordered row, a deleted tail (the head table
disagrees), a chain moved under another device's name, a uuid twice, a changed pinned playbook,
and a protecting trigger dropped or replaced, or a trigger Sonae did not make. A printed record
carries the head hash, so a copy on paper can be checked too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import partial

from app.domain.chain import ChainFault, ChainWalk
from app.domain.loader import sha256_text
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.store.db import TRIGGERS, describe_sqlite_error, expected_trigger
from app.store.log import _COLUMNS, LogStore, _row_to_entry
from app.store.seen import Loss


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # entries checked
    incident_id: str | None = None
    seq: int | None = None
    uuid: str | None = None
    reason: Msg | None = None
    losses: tuple[Loss, ...] = ()  # what the seen record knew and the database no longer has
    chain: str | None = None  # the device's chain, named when the incident has several

    def describe(self) -> str:
        if self.ok:
            return str(
                msg(
                    "改ざんなし: {n} 件の記録を確認しました",
                    "intact: {n} entries checked",
                    n=self.checked,
                )
            )
        incident = self.incident_id or ""
        if self.chain is not None:
            incident = f"{incident} / {self.chain}"
        where = f"{incident} #{self.seq}" if self.seq is not None else incident
        uuid = f" ({self.uuid})" if self.uuid else ""
        return f"{where}{uuid}: {self.reason}" if where else str(self.reason)


def _fail(
    checked: int, incident: str | None, seq: int | None, uuid: str | None, reason: Msg
) -> VerifyResult:
    return VerifyResult(False, checked, incident, seq, uuid, reason)


def verify(store: LogStore, incident_id: str | None = None) -> VerifyResult:
    """The chains, the database's own integrity, and what the seen record knew."""
    losses = tuple(
        loss for loss in store.losses if incident_id is None or loss.incident_id == incident_id
    )
    gone = incident_id is not None and any(loss.found is None for loss in losses)
    try:
        result = VerifyResult(True, 0) if gone else _verify(store, incident_id)
        if result.ok and not gone:
            result = _evidence(store, incident_id, result.checked)
    except sqlite3.Error as exc:
        raise SonaeError(describe_sqlite_error(exc, store.path)) from exc
    if not result.ok or not losses:
        return result
    first = losses[0]
    return VerifyResult(
        False, result.checked, first.incident_id, None, None, first.describe(), losses
    )


def _verify(store: LogStore, only: str | None) -> VerifyResult:
    conn = store.db.conn
    damage = [r[0] for r in conn.execute("PRAGMA quick_check")]
    if damage != ["ok"]:
        return _fail(
            0,
            None,
            None,
            None,
            msg(
                "データベースファイルが破損しています: {d}",
                "the database file is damaged: {d}",
                d=str(damage[0])[:200],
            ),
        )
    present = {
        r[0]: r[1]
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    for name in sorted(set(present) - set(TRIGGERS)):
        # A trigger Sonae did not make can rewrite or forge what is written after it.
        return _fail(
            0,
            None,
            None,
            None,
            msg(
                "Sonae が作成していないトリガー {name} があります",
                "trigger {name} was not made by Sonae",
                name=name,
            ),
        )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for name in TRIGGERS:
        expected = expected_trigger(name, version)
        if expected is None:
            continue  # an older database, opened read-only as it is: not made yet
        if name not in present:
            return _fail(
                0,
                None,
                None,
                None,
                msg(
                    "保護トリガー {name} が削除されています",
                    "protecting trigger {name} was removed",
                    name=name,
                ),
            )
        if " ".join(present[name].split()) != " ".join(expected.split()):
            return _fail(
                0,
                None,
                None,
                None,
                msg(
                    "保護トリガー {name} が書き換えられています",
                    "protecting trigger {name} was replaced",
                    name=name,
                ),
            )
    for sha, text in conn.execute("SELECT sha256, text FROM plans"):
        if sha256_text(text) != sha:
            return _fail(
                0,
                None,
                None,
                None,
                msg(
                    "固定されたプレイブック {sha} の内容が変更されています",
                    "pinned playbook {sha} was changed",
                    sha=sha[:12],
                ),
            )
    heads = {
        (r[0], r[1]): (r[2], r[3])
        for r in conn.execute("SELECT incident_id, chain, seq, hash FROM heads")
    }
    logged = [(r[0], r[1]) for r in conn.execute("SELECT DISTINCT incident_id, chain FROM entries")]
    chains = sorted(set(heads) | set(logged))
    incidents = sorted({incident for incident, _ in chains})
    if only is not None:
        if only not in incidents:
            raise SonaeError(msg("インシデント {id} はありません", "no incident {id}", id=only))
        incidents = [only]
    checked = 0
    for incident in incidents:
        keys = [key for i, key in chains if i == incident]
        named = len(keys) > 1
        uuids: set[str] = set()  # one uuid, one entry, across the incident's chains
        for key in keys:
            walk = ChainWalk(key, incident, uuids=uuids)
            fault: ChainFault | None = None
            prev_rowid = -1
            rows = conn.execute(
                f"SELECT rowid, {_COLUMNS} FROM entries WHERE incident_id = ? AND chain = ? "
                "ORDER BY seq",
                (incident, key),
            )
            for row in rows:
                entry = _row_to_entry(row[1:])
                fault = walk.step(entry)
                if fault is None and row[0] < prev_rowid:
                    fault = ChainFault(
                        entry.seq,
                        entry.uuid,
                        msg("記録の順序が入れ替えられています", "entries were reordered"),
                        walk.checked,
                    )
                if fault is not None:
                    break
                prev_rowid = row[0]
            else:
                fault = walk.end(heads.get((incident, key)))
            if fault is not None:
                return VerifyResult(
                    False,
                    checked + fault.checked,
                    incident,
                    fault.seq,
                    fault.uuid,
                    fault.reason,
                    chain=key if named else None,
                )
            checked += walk.checked
    fault_at = _checkpoints(store, incidents)
    if fault_at is not None:
        incident, reason = fault_at
        return _fail(checked, incident, None, None, reason)
    return VerifyResult(True, checked)


def _checkpoints(store: LogStore, incidents: list[str]) -> tuple[str, Msg] | None:
    """Every signed checkpoint kept for these incidents: its signature under the key kept with
    it, then each chain it names, as far as it says and with the same hash there. A deleted tail
    or a rewritten chain that the heads table was made to agree with is caught here."""
    from app.domain.checkpoint import CheckpointError, check_against, parse_note, signed_by

    wanted = set(incidents)
    for row in store.checkpoints():
        if row.incident_id not in wanted:
            continue
        try:
            note = parse_note(row.note)
            signed = signed_by(note, row.verifier_key)
        except CheckpointError as exc:
            return row.incident_id, msg(
                "署名付きチェックポイント ({s}, {t}): {r}",
                "signed checkpoint ({s}, {t}): {r}",
                s=row.signer,
                t=row.signed_at,
                r=exc.reason,
            )
        if not signed or note.checkpoint.incident_id != row.incident_id:
            return row.incident_id, msg(
                "署名付きチェックポイント ({s}, {t}) の署名が正しくありません",
                "the signature of a signed checkpoint ({s}, {t}) does not hold",
                s=row.signer,
                t=row.signed_at,
            )
        problem = check_against(note.checkpoint, partial(store.chain_hash_at, row.incident_id))
        if problem is not None:
            return row.incident_id, msg(
                "{s} が {t} に署名したチェックポイントと一致しません: {r}",
                "does not match the checkpoint {s} signed at {t}: {r}",
                s=row.signer,
                t=row.signed_at,
                r=problem,
            )
    return None


def _evidence(store: LogStore, only: str | None, checked: int) -> VerifyResult:
    """Each evidence file the chains name by its hash (``evidence_added``, not retracted) is in
    the data folder with that content. The hash is in the chain, so a changed file is tampering,
    named by the entry that attached it."""
    from app.domain.kinds import EvidenceAdded, PayloadError, read_payload
    from app.store import evidence

    where, params = ("AND incident_id = ? ", (only,)) if only is not None else ("", ())
    rows = store.db.conn.execute(
        f"SELECT chain, {_COLUMNS} FROM entries WHERE kind IN ('evidence_added', 'corrected') "
        f"{where}ORDER BY incident_id, chain, seq",
        params,
    ).fetchall()
    entries = [(row[0], _row_to_entry(row[1:])) for row in rows]
    retracted = {e.payload.get("target") for _, e in entries if e.kind == "corrected"}
    root = store.path.parent
    known: dict[str, str] = {}  # sha256 -> its state, each file read once
    for chain, entry in entries:
        if entry.kind != "evidence_added" or entry.uuid in retracted:
            continue
        try:
            added = read_payload(entry, EvidenceAdded)
        except (PayloadError, ValueError):
            continue  # not readable by this Sonae: the fold says so where it is shown
        if added.legacy_text is not None:
            continue  # version 1 named a file but Sonae kept none
        if added.sha256 not in known:
            known[added.sha256] = evidence.state(root, added.sha256)
        kept = known[added.sha256]
        if kept == "intact":
            continue
        reason = (
            msg(
                "証拠ファイル {name} (sha256 {sha}) がデータフォルダにありません",
                "evidence file {name} (sha256 {sha}) is missing from the data folder",
                name=added.name,
                sha=added.sha256,
            )
            if kept == "missing"
            else msg(
                "証拠ファイル {name} (sha256 {sha}) の内容が変更されています"
                "（記録のハッシュと一致しません）",
                "evidence file {name} (sha256 {sha}) was changed: its content no longer has "
                "the hash in the log",
                name=added.name,
                sha=added.sha256,
            )
        )
        (count,) = store.db.conn.execute(
            "SELECT COUNT(DISTINCT chain) FROM entries WHERE incident_id = ?", (entry.incident_id,)
        ).fetchone()
        named = count > 1
        return VerifyResult(
            False,
            checked,
            entry.incident_id,
            entry.seq,
            entry.uuid,
            reason,
            chain=chain if named else None,
        )
    return VerifyResult(True, checked)

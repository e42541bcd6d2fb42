"""Walk the hash chain and name the first entry that does not hold.

Detected: a changed field (hash mismatch), a payload not in the one form Sonae writes (duplicate
keys, not JSON), a deleted row (seq gap or broken link), a reordered row, a deleted tail (the head
table disagrees), a changed pinned playbook, and a protecting trigger dropped or replaced, or a
trigger Sonae did not make. A printed record carries the head hash, so a copy on paper can be checked too.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from app.domain.entries import GENESIS, compute_hash, payload_problem
from app.domain.loader import sha256_text
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.store.db import TRIGGER_SINCE, TRIGGERS, describe_sqlite_error
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

    def describe(self) -> str:
        if self.ok:
            return str(
                msg(
                    "改ざんなし: {n} 件の記録を確認しました",
                    "intact: {n} entries checked",
                    n=self.checked,
                )
            )
        where = (
            f"{self.incident_id} #{self.seq}" if self.seq is not None else (self.incident_id or "")
        )
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
    for name, expected in TRIGGERS.items():
        if TRIGGER_SINCE[name] > version:
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
    heads = dict(
        (r[0], (r[1], r[2])) for r in conn.execute("SELECT incident_id, seq, hash FROM heads")
    )
    logged = [r[0] for r in conn.execute("SELECT DISTINCT incident_id FROM entries")]
    incidents = sorted(set(heads) | set(logged))
    if only is not None:
        if only not in incidents:
            raise SonaeError(msg("インシデント {id} はありません", "no incident {id}", id=only))
        incidents = [only]
    checked = 0
    for incident in incidents:
        expected_seq, prev_hash, prev_rowid = 1, GENESIS, -1
        rows = conn.execute(
            f"SELECT rowid, {_COLUMNS} FROM entries WHERE incident_id = ? ORDER BY seq", (incident,)
        )
        last_uuid = None
        for row in rows:
            entry = _row_to_entry(row[1:])
            checked += 1
            here = (checked, incident, entry.seq, entry.uuid)
            if entry.seq != expected_seq:
                return _fail(
                    *here,
                    msg(
                        "記録 #{want} が見つかりません (削除されたおそれ)",
                        "entry #{want} is missing (deleted?)",
                        want=expected_seq,
                    ),
                )
            if entry.prev_hash != prev_hash:
                return _fail(
                    *here,
                    msg(
                        "前の記録とのつながりが切れています", "link to the previous entry is broken"
                    ),
                )
            problem = payload_problem(entry.payload_data)
            if problem is not None:
                return _fail(
                    *here,
                    msg(
                        "記録の内容 (payload) が Sonae の書いた形ではありません ({why}、改変されたおそれ)",
                        "its payload is not as Sonae writes it ({why}; changed?)",
                        why=problem,
                    ),
                )
            if compute_hash(entry) != entry.hash:
                return _fail(
                    *here,
                    msg(
                        "記録の内容がハッシュと一致しません (改変されたおそれ)",
                        "contents do not match the hash (changed?)",
                    ),
                )
            if row[0] < prev_rowid:
                return _fail(
                    *here, msg("記録の順序が入れ替えられています", "entries were reordered")
                )
            expected_seq, prev_hash, prev_rowid, last_uuid = (
                expected_seq + 1,
                entry.hash,
                row[0],
                entry.uuid,
            )
        head = heads.get(incident)
        if head is None or head != (expected_seq - 1, prev_hash):
            return _fail(
                checked,
                incident,
                expected_seq - 1,
                last_uuid,
                msg(
                    "末尾の記録が削除されています (最終記録がチェーンの先頭と一致しません)",
                    "the log ends early: its last entry is not the recorded chain head",
                ),
            )
    return VerifyResult(True, checked)

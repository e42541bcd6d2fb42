"""Removing an exercise as a whole (``sonae exercise remove``), the one removal Sonae allows.

``prepare`` checks everything before anything is written: a writable folder, a name and a reason,
an exercise (a drill or a tabletop exercise: a real incident's record is kept for ever) that has
been closed. ``process`` then writes the archive (a Sonae database of its own, verified), and
only then, in one transaction, the removal's row and the deletion of the exercise's rows. The
archive is removed again if that transaction fails, so a failed removal leaves all as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.timeutil import to_iso
from app.errors import SonaeError
from app.i18n import msg
from app.services.login import machine_login

if TYPE_CHECKING:
    from app.domain.state import IncidentState
    from app.services.workspace import Workspace
    from app.store.removal import Removal

EXERCISE_MODES = ("drill", "tabletop")


@dataclass(frozen=True)
class Prepared:
    state: IncidentState
    actor: str
    reason: str


def prepare(ws: Workspace, incident_id: str, actor: str, reason: str) -> Prepared:
    ws.check_writable()
    actor, reason = (actor or "").strip(), (reason or "").strip()
    if not actor:
        raise SonaeError(msg("対応者名を入力してください", "a responder name is required"))
    if not reason:
        raise SonaeError(msg("削除の理由を入力してください", "give the reason for the removal"))
    removed = ws.store.removed(incident_id)
    if removed is not None:
        raise SonaeError(
            msg(
                "訓練 {id} は {at} に削除済みです (控え: {p})",
                "exercise {id} was removed at {at} (archive: {p})",
                id=incident_id,
                at=removed.removed_at,
                p=removed.archive,
            )
        )
    state = ws.incidents.state(incident_id)
    if state.mode not in EXERCISE_MODES:
        raise SonaeError(
            msg(
                "削除できるのは訓練・机上訓練だけです。本番の記録は削除できません",
                "only a drill or a tabletop exercise can be removed; a real incident's record "
                "is kept for ever",
            )
        )
    if state.status != "closed":
        raise SonaeError(
            msg(
                "訓練 {id} はまだ終了していません。終了してから削除してください",
                "exercise {id} is not closed yet; close it before removing it",
                id=incident_id,
            )
        )
    return Prepared(state, actor, reason)


def process(ws: Workspace, prepared: Prepared) -> Removal:
    from app.store.archive import write_archive
    from app.store.removal import ARCHIVE_FOLDER, Removal

    state, now = prepared.state, ws.real_clock.now()
    stamp = now.strftime("%Y%m%dT%H%M%S")
    folder = ws.root / ARCHIVE_FOLDER / f"{state.id}-{stamp}"
    try:
        path, digest, heads = write_archive(ws.store, state.id, folder)
    except OSError as exc:  # a full disk, a folder that cannot be made: said, nothing removed
        if not isinstance(exc, FileExistsError):
            shutil.rmtree(folder, ignore_errors=True)
        raise SonaeError(
            msg(
                "控え {p} を書けません。何も削除していません: {e}",
                "cannot write the archive {p}; nothing is removed: {e}",
                p=folder,
                e=exc.strerror or exc,
            )
        ) from exc
    except SonaeError:
        shutil.rmtree(folder, ignore_errors=True)  # a half-written archive is not kept
        raise
    removal = Removal(
        state.id,
        state.mode,
        sum(seq for seq, _ in heads.values()),
        heads,
        path.relative_to(ws.root).as_posix(),
        digest,
        prepared.actor,
        machine_login(),
        to_iso(now),
        prepared.reason,
    )
    try:
        ws.store.remove(removal)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    ws.incidents.forget(state.id)
    return removal


def remove_exercise(ws: Workspace, incident_id: str, actor: str, reason: str) -> Removal:
    return process(ws, prepare(ws, incident_id, actor, reason))

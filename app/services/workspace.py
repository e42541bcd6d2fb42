"""A workspace is one user data folder: its log, its playbook library and its device name.

The CLI and the UI each open one workspace and call the services through it.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.clock import Clock, SystemClock
from app.errors import SonaeError
from app.files import read_regular
from app.i18n import Msg, msg
from app.paths import (
    DEVICE_FILE,
    SEEN_FILE,
    database_path,
    playbooks_dir,
    user_playbooks_dir,
    writable,
)
from app.services.exercises import EXERCISES, Exercises
from app.services.incidents import Incidents
from app.services.library import Library
from app.store.db import CannotWrite
from app.store.log import LogStore, database_absent, read_only_refusal
from app.store.seen import Loss, SeenRecord

if TYPE_CHECKING:  # verify (and the plan texts it hashes) loads when a check is asked for
    from app.store.removal import Removal
    from app.store.verify import VerifyResult


def device_name(root: Path, read_only: bool = False) -> str:
    """Host name plus a short id made once per data folder, so merged logs tell laptops apart."""
    path = root / DEVICE_FILE
    try:
        name = json.loads(read_regular(path, 4096))["device"]
        if isinstance(name, str) and 0 < len(name) <= 200:
            return name
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        pass  # missing, damaged, or not a file: a new name (written only over a regular file)
    if os.path.lexists(path) and not path.is_file():
        read_only = True
    import platform  # only to name a new data folder's device

    name = f"{platform.node() or 'laptop'}-{uuid.uuid4().hex[:6]}"
    if read_only:
        return name  # nothing is written; a read-only workspace records nothing anyway
    try:
        path.write_text(json.dumps({"device": name}), "utf-8")
    except OSError:
        pass  # a read-only folder still works; the name is just not kept
    return name


class Workspace:
    def __init__(
        self, root: Path, clock: Clock | None = None, read_only: bool | None = None
    ) -> None:
        """``read_only``: None finds out (a write-protected folder or mount opens read-only);
        True opens read-only on request (to check a copy without touching it)."""
        self.root = root
        # The real clock (a manual one in tests): each incident derives its own time from it.
        self.real_clock = clock or SystemClock()
        self.read_only = not writable(root) if read_only is None else read_only
        if not self.read_only:
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise SonaeError(
                    msg(
                        "データフォルダ {p} を作れません: {e}",
                        "cannot create the data folder {p}: {e}",
                        p=root,
                        e=exc.strerror,
                    )
                ) from exc
        self.library = Library([playbooks_dir(), user_playbooks_dir(root)])
        # Exercise scripts beside the plans, the city's own replacing bundled ones of their id.
        self.exercises = Exercises(
            [playbooks_dir() / EXERCISES, user_playbooks_dir(root) / EXERCISES], self.library
        )
        self._store: LogStore | None = None
        self._incidents: Incidents | None = None
        self._opened_read_only: Msg | None = None  # why it fell back to read-only, if it did

    def seen_record(self) -> SeenRecord:
        return SeenRecord(self.root / SEEN_FILE, read_only=self.read_only)

    @property
    def store(self) -> LogStore:
        if self._store is None:
            # recorded_at always comes from the system clock (the store's default), whatever
            # clock the workspace uses for deadlines and defaults.
            try:
                self._store = self._open_store()
            except CannotWrite as exc:
                # A full disk must not hide the records: they open read-only, and say why.
                self.read_only = True
                self._opened_read_only = exc.msg
                self._store = self._open_store()
        return self._store

    def _open_store(self) -> LogStore:
        return LogStore(
            database_path(self.root),
            device_name(self.root, self.read_only),
            read_only=self.read_only,
            seen=self.seen_record(),
            # The workspace's system clock (a test's manual one): recorded_at is never taken
            # from what a user types, and an incident's simulated clock never reaches it.
            clock=self.real_clock.now,
        )

    @property
    def incidents(self) -> Incidents:
        if self._incidents is None:
            self._incidents = Incidents(self.store, self.library, self.real_clock)
        return self._incidents

    def losses(self) -> list[Loss]:
        """What the seen record knew and the database no longer has (at open)."""
        return list(self.store.losses)

    def integrity_warnings(self) -> list[Msg]:
        """What must be said at start: a log that lost entries, or a seen record that cannot be
        read (so loss cannot be checked)."""
        store = self.store
        notes = [loss.describe() for loss in store.losses]
        if self._opened_read_only is not None:
            notes.append(
                msg(
                    "書き込めないため読み取り専用で開きました。記録はできません: {why}",
                    "opened read-only, as it cannot be written; nothing can be recorded: {why}",
                    why=self._opened_read_only,
                )
            )
        if store.seen is not None and store.seen.problem is not None:
            notes.append(store.seen.problem)
        return notes

    def clock_warnings(self, incident_id: str | None = None) -> list[Msg]:
        """Entries recorded "in the future": a laptop's clock that was far ahead when they were
        written (or this one's is behind now). Said by verify and the window, never an error:
        the entries are as they were sealed."""
        from app.domain.lag import CLOCK_AHEAD
        from app.domain.timeutil import to_iso

        ahead = to_iso(self.real_clock.now() + CLOCK_AHEAD)
        back = [
            msg(
                "{id} / {chain}: {n} 件の記録で、その端末の時計が前の記録より戻っていました (#{seq} から)",
                "{id} / {chain}: on {n} entries that laptop's clock had gone back since the entry "
                "before (from #{seq})",
                id=incident,
                chain=chain,
                n=count,
                seq=first,
            )
            for incident, chain, count, first in self.store.clock_went_back()
            if incident_id is None or incident == incident_id
        ]
        return back + [
            msg(
                "{id} / {chain}: {n} 件の記録時刻が現在より {h} 時間以上先です (#{seq} から)。"
                "その端末の時計が進んでいたおそれがあります",
                "{id} / {chain}: {n} entries were recorded more than {h} hours ahead of now "
                "(from #{seq}); that laptop's clock may have been ahead",
                id=incident,
                chain=chain,
                n=count,
                seq=first,
                h=int(CLOCK_AHEAD / timedelta(hours=1)),
            )
            for incident, chain, count, first in self.store.recorded_after(ahead)
            if incident_id is None or incident == incident_id
        ]

    def verify(self, incident_id: str | None = None) -> VerifyResult:
        """Walk the hash chain (one incident, or all) and the database's own integrity."""
        from app.store.verify import VerifyResult, verify

        result = verify(self.store, incident_id)
        if not result.ok:
            return result
        # The log holds; a kept snapshot of its fold must say the same, or it is not used again.
        for one in [incident_id] if incident_id else self.incidents.ids():
            problem = self.incidents.snapshot_problem(one)
            if problem is not None:
                return VerifyResult(False, result.checked, one, None, None, problem)
        return result

    def removals(self) -> list[tuple[Removal, tuple[str, Msg]]]:
        """Each exercise removed from this log, with what became of its archive (its state,
        ``archive.ARCHIVE_STATES``, and that in words)."""
        from app.store.archive import archive_state

        return [(r, archive_state(self.root, r)) for r in self.store.removals()]

    def check_writable(self) -> None:
        """Refuse, in one line, anything that would write in a read-only data folder."""
        if self.read_only:
            raise SonaeError(read_only_refusal(self.root))

    def acknowledge_loss(self, actor: str) -> list[Loss]:
        """Accept what is lost (after a restore was not possible): the losses stay in the seen
        record's history, and the log as it is now becomes the baseline. Returns them."""
        self.check_writable()
        if database_absent(database_path(self.root)):  # the store would refuse to open
            seen = self.seen_record()
            losses = [Loss(i, known, None) for i, known in sorted(seen.heads.items())]
            seen.acknowledge(losses, actor, lambda _incident: None)
            return losses
        store = self.store
        assert store.seen is not None  # a workspace's store always has its seen record
        losses = list(store.losses)
        store.seen.acknowledge(losses, actor, store.head)
        self.close()  # the next use compares against the new baseline
        return losses

    def close(self) -> None:
        if self._incidents is not None:
            self._incidents.keep_snapshots()  # a large incident opens from it next time
        if self._store is not None:
            self._store.close()
            self._store = None
            self._incidents = None

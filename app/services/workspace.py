"""A workspace is one user data folder: its log, its playbook library and its device name.

The CLI and the UI each open one workspace and call the services through it.
"""

from __future__ import annotations

import json
import platform
import uuid
from pathlib import Path

from app.domain.clock import Clock, SystemClock
from app.errors import SonaeError
from app.i18n import msg
from app.paths import database_path, playbooks_dir, user_playbooks_dir
from app.services.incidents import Incidents
from app.services.library import Library
from app.store.log import LogStore
from app.store.verify import VerifyResult, verify


def device_name(root: Path) -> str:
    """Host name plus a short id made once per data folder, so merged logs tell laptops apart."""
    path = root / "device.json"
    try:
        return str(json.loads(path.read_text("utf-8"))["device"])
    except (OSError, ValueError, KeyError):
        pass
    name = f"{platform.node() or 'laptop'}-{uuid.uuid4().hex[:6]}"
    try:
        path.write_text(json.dumps({"device": name}), "utf-8")
    except OSError:
        pass  # a read-only folder still works; the name is just not kept
    return name


class Workspace:
    def __init__(self, root: Path, clock: Clock | None = None) -> None:
        self.root = root
        self.clock = clock or SystemClock()
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
        self._store: LogStore | None = None
        self._incidents: Incidents | None = None

    @property
    def store(self) -> LogStore:
        if self._store is None:
            # recorded_at always comes from the system clock (the store's default), whatever
            # clock the workspace uses for deadlines and defaults.
            self._store = LogStore(database_path(self.root), device_name(self.root))
        return self._store

    @property
    def incidents(self) -> Incidents:
        if self._incidents is None:
            self._incidents = Incidents(self.store, self.library, self.clock)
        return self._incidents

    def verify(self, incident_id: str | None = None) -> VerifyResult:
        """Walk the hash chain (one incident, or all) and the database's own integrity."""
        return verify(self.store, incident_id)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._incidents = None

"""The window's single door to the services: runs each action, reports refusals, announces changes.

Widgets never call ``Incidents`` directly for writes; they call ``Session.act`` so that every
action is written through the services, every refusal (``SonaeError``) becomes a readable message
in the message bar instead of a dialog or a crash, and every view hears ``changed`` at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import SonaeError
from app.ui.settings import UiSettings

if TYPE_CHECKING:
    from app.domain.state import IncidentState
    from app.services.workspace import Workspace

T = TypeVar("T")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except SonaeError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must still reach the user as a message, not a crash
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)


class Session(QObject):
    changed = Signal(str)  # incident id whose log grew
    error = Signal(str)  # a readable reason, shown in the message bar
    info = Signal(str)  # a short confirmation, shown in the status bar
    # An entry a responder's action wrote (incident id, the LogEntry): said on screen for a few
    # seconds with an undo (app.ui.recorded), so a record made by accident is seen and retracted.
    recorded = Signal(str, object)
    busy = Signal(str)  # a description of long work started; "" when all of it ended
    actor_changed = Signal(str)  # the responder's name, wherever it was typed
    name_needed = Signal()  # an action was refused and no name is set: ask for it

    def __init__(
        self,
        workspace: Workspace | Callable[[], Workspace],
        settings: UiSettings,
        root: Path | None = None,
    ) -> None:
        """``workspace`` may be a factory (with its ``root``): the window then opens before
        the services have loaded, and the first use (on a worker thread) builds them."""
        super().__init__()
        self._ws: Workspace | None = None
        self._make: Callable[[], Workspace] | None = None
        if callable(workspace):
            assert root is not None
            self._make = workspace
            self.root = root
        else:
            self._ws = workspace
            self.root = workspace.root
        self._ws_lock = threading.Lock()
        self.settings = settings
        self.read_only_asked = False  # opened read-only on request or for a protected folder
        self._jobs: set[_Job] = set()
        # One worker: background jobs run one after another, never folding the same log twice.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    @property
    def read_only(self) -> bool:
        """Nothing can be recorded: asked for, or found when the records opened (a full disk)."""
        return self.read_only_asked or (self._ws is not None and self._ws.read_only)

    @property
    def loaded(self) -> bool:
        return self._ws is not None

    @property
    def ws(self) -> Workspace:
        if self._ws is None:
            with self._ws_lock:
                if self._ws is None and self._make is not None:
                    self._ws = self._make()
        assert self._ws is not None
        return self._ws

    @property
    def actor(self) -> str:
        return self.settings.actor

    def set_actor(self, name: str) -> None:
        """Keep the name; an empty field never wipes a name already known (every action is
        refused without one, and a restart would lose it)."""
        name = name.strip()
        if not name or name == self.settings.actor:
            return
        self.settings.actor = name
        self.save_settings()
        self.actor_changed.emit(name)

    def save_settings(self) -> None:
        if not self.read_only:  # a read-only folder is left exactly as it was
            self.settings.save(self.root)

    def now(self, state: IncidentState | None = None) -> datetime:
        """The real time, or an incident's own (a tabletop exercise's simulated clock)."""
        real = self.ws.real_clock.now()
        return state.clock.now(real) if state is not None else real

    def refused_read_only(self) -> bool:
        """On a read-only folder: say so (in the services' words) and return True."""
        if not self.read_only:
            return False
        try:
            self.ws.check_writable()
        except SonaeError as exc:
            self.error.emit(str(exc))
        return True

    def act(self, incident_id: str, action: Callable[[], T]) -> T | None:
        """Run one write through the services; None (and a message) when it was refused."""
        if self.refused_read_only():
            return None
        try:
            result = action()
        except SonaeError as exc:
            self.error.emit(str(exc))
            if not self.actor:
                self.name_needed.emit()
            return None
        self.changed.emit(incident_id)
        return result

    def read(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except SonaeError as exc:
            self.error.emit(str(exc))
            return None

    def in_background(
        self,
        label: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run slow work on a worker thread; ``done`` (or ``failed``, after the message is
        shown) runs on the GUI thread."""
        job = _Job(work)
        self._jobs.add(job)  # keeps the signals object alive until the job reports

        def finish(result: Any) -> None:
            self._end(job)
            done(result)

        def fail(reason: str) -> None:
            self._end(job)
            self.error.emit(reason)
            if failed is not None:
                failed(reason)

        job.signals.done.connect(finish)
        job.signals.failed.connect(fail)
        job.setAutoDelete(False)
        self.busy.emit(label)
        self.pool.start(job)

    def _end(self, job: _Job) -> None:
        self._jobs.discard(job)
        if not self._jobs:
            self.busy.emit("")

    def wait(self) -> None:
        """Let running background work finish (before the workspace is closed)."""
        self.pool.waitForDone()

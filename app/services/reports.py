"""Printed records and exports: the use cases the CLI and the app call.

Each call opens its own ``Workspace`` (its own SQLite connection) on the caller's data folder, so
the app can run it on a worker thread while the window keeps its connection. The file is written
to a temporary name and moved into place, so a failure never leaves half a PDF; then a
``report_issued`` entry records what was issued from which entries (count and chain head), so the
log itself says which printed copies exist.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from app.domain.state import fold
from app.errors import SonaeError
from app.i18n import msg
from app.reports.facts import RecordData, record_data
from app.services.workspace import Workspace

REPORT_KINDS = ("record", "after-action")
_LABELS = {
    "record": "インシデント対応記録",
    "after-action": "事後検証報告書",
    "timeline-csv": "経過記録 CSV",
    "timeline-png": "タイムラインチャート PNG",
}
Progress = Callable[[str], None]


@dataclass(frozen=True)
class IssuedFile:
    path: Path
    kind: str
    entries: int  # the record covers entries 1..entries
    head: str  # the chain head hash printed on every page
    sha256: str  # of the file written


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry, as in some containers
        return "unknown"


def load_record_data(ws: Workspace, incident_id: str, as_of: datetime | None = None) -> RecordData:
    """State and entries from one read of the log, so they always agree with each other."""
    entries = ws.incidents.entries(incident_id)
    state = fold(incident_id, entries, ws.incidents.resolve_plan)
    return record_data(state, entries, as_of)


@contextmanager
def _own_workspace(ws: Workspace | Path) -> Iterator[Workspace]:
    root = ws.root if isinstance(ws, Workspace) else ws
    clock = ws.clock if isinstance(ws, Workspace) else None
    own = Workspace(root, clock=clock)
    try:
        yield own
    finally:
        own.close()


def write_atomically(out: Path, write: Callable[[IO[bytes]], Any]) -> str:
    """Write through ``write`` into a temporary file beside ``out``, then move it into place.

    Returns the sha256 of what was written.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise SonaeError(
            msg("{p} に書き込めません: {e}", "cannot write {p}: {e}", p=out, e=exc.strerror)
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise SonaeError(
            msg("{p} に書き込めません: {e}", "cannot write {p}: {e}", p=out, e=exc.strerror)
        ) from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return hashlib.sha256(out.read_bytes()).hexdigest()


def _issue(
    ws: Workspace, data: RecordData, kind: str, out: Path, digest: str, actor: str | None
) -> IssuedFile:
    state = data.state
    ws.incidents.note(
        state.id,
        f"{_LABELS[kind]}を出力（記録 {state.entries} 件まで）: {out.name}",
        actor or default_actor(),
        kind="report_issued",
        extra={
            "report": kind,
            "entries": state.entries,
            "head": state.head,
            "sha256": digest,
            "file": out.name,
        },
    )
    return IssuedFile(out, kind, state.entries, state.head, digest)


def write_report(
    ws: Workspace | Path,
    incident_id: str,
    out: Path,
    kind: str = "record",
    actor: str | None = None,
    as_of: datetime | None = None,
    progress: Progress | None = None,
) -> IssuedFile:
    """Write the incident record or the after-action report as PDF. Safe on a worker thread."""
    if kind not in REPORT_KINDS:
        raise SonaeError(
            msg(
                "帳票の種類 '{k}' はありません (record, after-action)",
                "unknown report kind '{k}' (record, after-action)",
                k=kind,
            )
        )
    say = progress or (lambda _stage: None)
    with _own_workspace(ws) as own:
        say("reading")
        data = load_record_data(own, incident_id, as_of)
        from app.reports.record import render_after_action, render_record

        render = render_record if kind == "record" else render_after_action
        say("rendering")
        digest = write_atomically(Path(out), lambda handle: render(data, handle))
        say("recording")
        issued = _issue(own, data, kind, Path(out), digest, actor)
        say("done")
        return issued


def write_timeline_csv(
    ws: Workspace | Path, incident_id: str, out: Path, actor: str | None = None
) -> IssuedFile:
    from app.reports.export import write_timeline_csv as write_csv

    def write(handle: IO[bytes]) -> None:
        import io

        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        write_csv(data.state, data.entries, text)
        text.flush()
        text.detach()

    with _own_workspace(ws) as own:
        data = load_record_data(own, incident_id)
        digest = write_atomically(Path(out), write)
        return _issue(own, data, "timeline-csv", Path(out), digest, actor)


def write_timeline_png(
    ws: Workspace | Path, incident_id: str, out: Path, actor: str | None = None
) -> IssuedFile:
    from app.reports.export import chart_png

    with _own_workspace(ws) as own:
        data = load_record_data(own, incident_id)
        digest = write_atomically(Path(out), lambda handle: chart_png(data, handle))
        return _issue(own, data, "timeline-png", Path(out), digest, actor)


def write_checklist(ws: Workspace | Path, playbook_id: str, out: Path) -> Path:
    """The blank paper checklist of a plan with the contact sheet, for work without the laptop."""
    from app.reports.checklist import render_checklist
    from app.services.contacts import load_contacts

    with _own_workspace(ws) as own:
        plan = own.library.get(playbook_id)
        contacts = load_contacts(own.root)
        write_atomically(Path(out), lambda handle: render_checklist(plan, contacts, handle))
        return Path(out)

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
import secrets
import stat
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


def _cannot_write(out: Path, exc: OSError) -> SonaeError:
    reason = exc.strerror or type(exc).__name__
    return SonaeError(msg("{p} に書き込めません: {e}", "cannot write {p}: {e}", p=out, e=reason))


def _target(out: Path) -> tuple[Path, int | None]:
    """The file to write and the permission bits it already has (None for a new file).

    Only a regular file is ever replaced: renaming over /dev/full or a pipe would swap the special
    file for a plain one. The folder must exist: creating whole paths would hide a typo.
    """
    if out.is_symlink():
        out = Path(os.path.realpath(out))  # write where the link points and keep the link
    try:
        found: os.stat_result | None = out.stat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _cannot_write(out, exc) from exc
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise SonaeError(
            msg(
                "{p} は通常のファイルではないため書き込みません",
                "{p} is not a regular file; refusing to write over it",
                p=out,
            )
        )
    if not out.parent.is_dir():
        raise SonaeError(
            msg(
                "フォルダ {d} がありません（作成はしません）",
                "folder {d} does not exist (it is not created)",
                d=out.parent,
            )
        )
    return out, stat.S_IMODE(found.st_mode) if found is not None else None


def _create_temp(out: Path) -> tuple[int, Path]:
    """A new file beside ``out``, created 0666 less the umask like any other file the user makes
    (mkstemp would make it 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = out.parent / f".{out.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


def write_atomically(out: Path, write: Callable[[IO[bytes]], Any]) -> str:
    """Write through ``write`` into a temporary file beside ``out``, then move it into place.

    An existing regular file is replaced (as ``cp`` would) and keeps its permission bits.
    Returns the sha256 of what was written.
    """
    out, keep_mode = _target(Path(out))
    try:
        fd, temp = _create_temp(out)
    except OSError as exc:
        raise _cannot_write(out, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_mode is not None:
            os.chmod(temp, keep_mode)
        os.replace(temp, out)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(out, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return hashlib.sha256(out.read_bytes()).hexdigest()


def _laid_out(render: Callable[..., None], *args: Any) -> None:
    """Run a renderer; a page it cannot lay out becomes a one-line error, not reportlab's
    several-line message and a traceback."""
    from reportlab.platypus.doctemplate import LayoutError

    try:
        render(*args)
    except LayoutError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SonaeError(
            msg("帳票を組版できません: {e}", "cannot lay out the document: {e}", e=first)
        ) from exc


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
        digest = write_atomically(Path(out), lambda handle: _laid_out(render, data, handle))
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
        write_atomically(
            Path(out), lambda handle: _laid_out(render_checklist, plan, contacts, handle)
        )
        return Path(out)

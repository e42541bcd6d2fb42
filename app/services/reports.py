"""Printed records and exports: the use cases the CLI and the app call.

Each call opens its own ``Workspace`` (its own SQLite connection) on the caller's data folder, so
the app can run it on a worker thread while the window keeps its connection. Every file goes
through ``outputs.write_output`` (never over the log, a link or a read-only file; a temporary name
moved into place), and a ``report_issued`` entry, committed before the move, records what was
issued from which entries (count and chain head), so the log itself says which copies exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from app.domain.entries import LogEntry
from app.domain.vocabulary import REPORT_LABELS
from app.errors import SonaeError
from app.i18n import msg
from app.services.login import machine_login
from app.services.outputs import write_output
from app.services.workspace import Workspace

if TYPE_CHECKING:  # a record's facts (and the plan models) load when a record is made
    from app.domain.contacts import Contacts
    from app.domain.loader import PlaybookFile
    from app.reports.facts import RecordData

# The PDFs of an incident; their words (and the CSV's and PNG's) are vocabulary.REPORT_LABELS.
REPORT_KINDS = ("record", "after-action", "submission")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class IssuedFile:
    path: Path
    kind: str
    entries: int  # the record covers entries 1..entries
    head: str  # the chain head hash printed on every page
    sha256: str  # of the file written
    logged: bool = True  # False when made from a read-only data folder: the log could not say so


def default_actor() -> str:
    return machine_login() or "unknown"


def load_record_data(
    ws: Workspace, incident_id: str, as_of: datetime | None = None, actor: str | None = None
) -> RecordData:
    """State and entries from one read of the log, so they always agree with each other. With
    ``as_of``, the log as it stood then: every figure on the page is of that moment."""
    from app.reports.facts import Issuer, entries_as_of, record_data
    from app.services.organisation import load_organisation

    entries = ws.incidents.entries(incident_id)
    later, log_entries, log_head = 0, len(entries), entries[-1].hash if entries else ""
    issued_before = sum(1 for e in entries if e.kind == "report_issued")
    if as_of is not None:
        kept = entries_as_of(entries, as_of)
        if not kept:
            raise SonaeError(
                msg(
                    "--as-of {t} の時点では、インシデント {id} はまだ始まっていません",
                    "incident {id} had not begun at --as-of {t}",
                    t=as_of.isoformat(),
                    id=incident_id,
                )
            )
        later = len(entries) - len(kept)
        entries = kept
    state = ws.incidents.fold(incident_id, entries)
    org = load_organisation(ws.root)
    # A login name is not a name: a copy made without --actor (or a name) says 報告者 未記入.
    person = actor if actor and actor != machine_login() else ""
    issuer = Issuer(org.organisation, org.department, org.contact, person)
    data = record_data(
        state,
        entries,
        as_of,
        unlogged=ws.read_only,
        issuer=issuer,
        created_at=ws.real_clock.now(),
        later_entries=later,
        log_entries=log_entries,
        log_head=log_head,
        issued_before=issued_before,
    )
    try:
        played = ws.incidents.exercise(state)
    except SonaeError as exc:  # the record still prints, and says why the evaluation does not
        return dataclasses.replace(data, exercise_problem=str(exc))
    if played is None:
        return data
    from app.domain.exercise_run import Played, evaluate

    start, script = played
    evaluation = evaluate(state, script.script, start.at)
    return dataclasses.replace(data, exercise=Played(start, script.script, evaluation))


@contextmanager
def _own_workspace(ws: Workspace | Path) -> Iterator[Workspace]:
    root = ws.root if isinstance(ws, Workspace) else ws
    clock = ws.real_clock if isinstance(ws, Workspace) else None
    read_only = ws.read_only if isinstance(ws, Workspace) else None
    own = Workspace(root, clock=clock, read_only=read_only)
    try:
        yield own
    finally:
        own.close()


def _issue(
    ws: Workspace,
    data: RecordData,
    kind: str,
    out: Path,
    write: Callable[[IO[bytes]], Any],
    actor: str | None,
    say: Progress | None = None,
) -> IssuedFile:
    """Write an output of the incident and log that it was issued, in that order of truth: the
    ``report_issued`` entry is committed before the file is moved into place, so there is never
    a copy the log does not know. If the log cannot take it, nothing is written. On a read-only
    data folder the copy is made but cannot be logged: ``logged`` says so."""
    state = data.state
    logged: list[LogEntry] = []

    def log(digest: str) -> None:
        if ws.read_only:
            return
        if say is not None:
            say("recording")
        logged.append(
            ws.incidents.record_issue(
                state.id,
                f"{REPORT_LABELS[kind].ja}を出力（記録 {data.count} 件まで）: {out.name}",
                actor or default_actor(),
                {
                    "report": kind,
                    "entries": data.count,
                    "head": data.head,
                    "sha256": digest,
                    "file": out.name,
                    "document": data.document_number,
                    **({"as_of": data.as_of.isoformat()} if data.later_entries else {}),
                },
            )
        )

    try:
        target, digest = write_output(out, write, ws.root, before_move=log)
    except SonaeError as exc:
        if logged:  # logged, but the file never reached its place: the log says so too
            ws.incidents.correct(
                state.id,
                logged[0].uuid,
                f"出力ファイルを書き込めませんでした: {exc}",
                actor or default_actor(),
            )
        raise
    return IssuedFile(target, kind, data.count, data.head, digest, logged=bool(logged))


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
                "帳票の種類 '{k}' はありません ({all})",
                "unknown report kind '{k}' ({all})",
                k=kind,
                all=", ".join(REPORT_KINDS),
            )
        )
    say = progress or (lambda _stage: None)
    with _own_workspace(ws) as own:
        say("reading")
        data = load_record_data(own, incident_id, as_of, actor)
        data = _signed(own, data)
        from app.reports.layout import laid_out
        from app.reports.record import RENDERERS

        render = RENDERERS[kind]
        say("rendering")
        issued = _issue(own, data, kind, Path(out), lambda h: laid_out(render, data, h), actor, say)
        say("done")
        return issued


def _signed(ws: Workspace, data: RecordData) -> RecordData:
    """The copy with a checkpoint of the log signed as it is issued (none from a read-only
    folder: it could not be kept, and the copy already says it is not logged)."""
    if ws.read_only:
        return data
    from app.services.signing import device_key, sign_checkpoint

    note = sign_checkpoint(ws, data.state.id)
    return dataclasses.replace(data, checkpoint=note.text, fingerprint=device_key(ws).fingerprint)


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
        return _issue(own, data, "timeline-csv", Path(out), write, actor)


def write_timeline_png(
    ws: Workspace | Path, incident_id: str, out: Path, actor: str | None = None
) -> IssuedFile:
    from app.reports.export import chart_png

    with _own_workspace(ws) as own:
        data = load_record_data(own, incident_id)
        return _issue(own, data, "timeline-png", Path(out), lambda h: chart_png(data, h), actor)


def with_known_bodies(contacts: Contacts, plan: PlaybookFile) -> Contacts:
    """The city's contacts, and for each body the plan names that they lack, its name from the
    bundled example (never its example number): the paper says whom to call, and leaves the
    number to be written in."""
    from app.services.contacts import known_bodies

    missing = [
        body_id
        for step in plan.plan.steps()
        for body_id in step.contacts
        if contacts.body(body_id) is None
    ]
    if not missing:
        return contacts
    known = known_bodies()
    added = [known[body_id] for body_id in dict.fromkeys(missing) if body_id in known]
    return contacts.model_copy(update={"external": [*contacts.external, *added]})


def write_checklist(ws: Workspace | Path, playbook_id: str, out: Path, mode: str = "real") -> Path:
    """The blank paper checklist of a plan with the contact sheet, for work without the laptop;
    ``mode`` drill or tabletop prints an exercise copy (its mark and its own sign-off)."""
    from app.domain.entries import MODES

    if mode not in MODES:
        raise SonaeError(
            msg(
                "種別 '{m}' はありません ({all})",
                "unknown mode '{m}' ({all})",
                m=mode,
                all=", ".join(MODES),
            )
        )
    from app.reports.checklist import render_checklist
    from app.reports.layout import laid_out
    from app.services.contacts import load_contacts

    with _own_workspace(ws) as own:
        plan = own.library.get(playbook_id)
        contacts = with_known_bodies(load_contacts(own.root), plan)
        target, _digest = write_output(
            Path(out),
            lambda handle: laid_out(render_checklist, plan, contacts, handle, mode),
            own.root,
        )
        return target

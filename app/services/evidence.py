"""Evidence files: which file a typed hash names, what became of each stored file, and a copy
written out for someone, its custody entry with it.

Attaching a file and handing one over are commands (``ws.incidents.add_evidence``,
``hand_over_evidence``); an export is one of those with a file written: through
``outputs`` (never over a file Sonae keeps, through a link or over a read-only file), the
custody entry committed before the copy is moved into place, so the log knows every copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from app.domain.evidence import MIN_PREFIX, EvidenceFile, matching
from app.domain.state import IncidentState
from app.errors import SonaeError
from app.i18n import msg
from app.services.outputs import output_target, replace_atomically
from app.store import evidence as files

if TYPE_CHECKING:
    from app.domain.entries import LogEntry
    from app.services.workspace import Workspace


@dataclass(frozen=True)
class Kept:
    """An evidence file as the log says it, and what became of the stored copy
    (``intact``, ``missing`` or ``changed``: store.evidence.STATES)."""

    file: EvidenceFile
    state: str


@dataclass(frozen=True)
class Exported:
    path: Path
    sha256: str
    custody: LogEntry  # the evidence_handed entry that records the copy


def find_evidence(state: IncidentState, ref: str) -> EvidenceFile:
    """The file of the incident that ``ref`` names: its sha256, or the first 8 or more hex
    digits of it, if no other file of the incident starts so."""
    found = state.evidence
    hashes = matching(found, ref)
    if len(hashes) == 1:
        return next(f for f in found if f.sha256 == hashes[0])
    if hashes:
        raise SonaeError(
            msg(
                "'{ref}' に一致する証拠ファイルが複数あります ({all})。sha256 をもっと長く指定してください",
                "'{ref}' matches several evidence files ({all}); give more of the sha256",
                ref=ref,
                all=", ".join(h[:16] for h in hashes),
            )
        )
    if len("".join(ref.split())) < MIN_PREFIX:
        raise SonaeError(
            msg(
                "証拠ファイルは sha256 の先頭 {n} 文字以上で指定してください",
                "name an evidence file by at least the first {n} characters of its sha256",
                n=MIN_PREFIX,
            )
        )
    raise SonaeError(
        msg(
            "インシデント {id} に証拠ファイル {ref} はありません",
            "incident {id} has no evidence file {ref}",
            id=state.id,
            ref=ref,
        )
    )


def evidence_list(ws: Workspace, incident_id: str) -> list[Kept]:
    """Every file attached to the incident, in log order, with the state of its stored copy
    (each file is read whole to check its hash)."""
    state = ws.incidents.state(incident_id)
    known: dict[str, str] = {}
    kept = []
    for item in state.evidence:
        if item.sha256 not in known:
            known[item.sha256] = files.state(ws.root, item.sha256)
        kept.append(Kept(item, known[item.sha256]))
    return kept


def export_evidence(
    ws: Workspace,
    incident_id: str,
    ref: str,
    out: Path,
    actor: str,
    to: str | None = None,
    note: str | None = None,
) -> Exported:
    """Write a copy of an evidence file to ``out`` for ``to`` (whom or where; the file written
    when not said). Refused if the stored file is not intact, or if the log cannot record it (a
    read-only data folder): a copy whose custody the log does not hold is not made."""
    ws.check_writable()
    state = ws.incidents.state(incident_id)
    found = find_evidence(state, ref)
    kept = files.state(ws.root, found.sha256)
    if kept != "intact":
        raise SonaeError(
            msg(
                "証拠ファイル {name} ({sha}) は{state}ため書き出せません。sonae verify で確認してください",
                "evidence file {name} ({sha}) is {state_en}; nothing was exported "
                "(run sonae verify)",
                name=found.name,
                sha=found.sha256[:16],
                state="ありません" if kept == "missing" else "内容が変更されている",
                state_en=kept,
            )
        )
    target, keep_mode = output_target(Path(out), ws.root)
    source = files.path(ws.root, found.sha256)
    written: list[LogEntry] = []

    def copy(handle: IO[bytes]) -> None:
        with open(source, "rb") as stored:
            while block := stored.read(1 << 20):
                handle.write(block)

    def record(digest: str) -> None:
        if digest != found.sha256:  # changed between the check and the copy: not handed on
            raise SonaeError(
                msg(
                    "証拠ファイル {sha} が書き出し中に変わりました。sonae verify で確認してください",
                    "evidence file {sha} changed while it was copied; run sonae verify",
                    sha=found.sha256[:16],
                )
            )
        written.append(
            ws.incidents.hand_over_evidence(
                incident_id,
                found.sha256,
                actor,
                to or str(target),
                "exported",
                note=note,
                file=str(target),
            )
        )

    try:
        # Evidence may hold personal data: a new copy is readable by its owner only.
        replace_atomically(target, copy, new_mode=0o600, keep_mode=keep_mode, before_move=record)
    except SonaeError as exc:
        if written:  # recorded, but the copy never reached its place: the log says so too
            ws.incidents.correct(
                incident_id,
                written[0].uuid,
                f"書き出したファイルを置けませんでした: {exc}",
                actor,
            )
        raise
    return Exported(target, found.sha256, written[0])

"""The evidence files of an incident as the log says them: each file attached (``evidence_added``)
with its custody events (``evidence_handed``), the one list the record, the window and the
command line read (``IncidentState.evidence``).

A custody event names the content (its sha256), not one attachment: the same content attached
twice (to two steps) is one stored file, and handing it on hands on both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain import kinds as k
from app.domain.entries import LogEntry
from app.domain.kinds import read_payload

# The shortest start of a sha256 a person may type for a file (32 bits: with the few files of
# one incident, two sharing it by chance is next to impossible, and then it is refused).
MIN_PREFIX = 8
_HEX = re.compile("[0-9a-f]+")


@dataclass(frozen=True)
class Custody:
    """One time the file left Sonae's keeping: when, by whom, to whom or where, how."""

    at: str  # occurred_at, as the store writes times
    actor: str
    to: str
    how: str  # kinds.CUSTODY
    note: str
    file: str  # an export: the file written
    uuid: str
    seq: int


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    name: str  # the original file's base name
    size: int
    note: str
    step_id: str | None  # the step it belongs to
    actor: str  # who attached it
    at: str  # when (occurred_at)
    uuid: str
    seq: int
    custody: tuple[Custody, ...] = ()


def evidence_files(added: Sequence[LogEntry], handed: Sequence[LogEntry]) -> list[EvidenceFile]:
    """Every file attached (in log order), each with the custody events of its content. A
    version 1 ``evidence_added`` named no stored file and is not listed."""
    custody: dict[str, list[Custody]] = {}
    for entry in handed:
        h = read_payload(entry, k.EvidenceHanded)
        custody.setdefault(h.sha256, []).append(
            Custody(
                entry.occurred_at,
                entry.actor,
                h.to,
                h.how,
                h.note or "",
                h.file or "",
                entry.uuid,
                entry.seq,
            )
        )
    files = []
    for entry in added:
        a = read_payload(entry, k.EvidenceAdded)
        if a.legacy_text is not None:
            continue
        files.append(
            EvidenceFile(
                a.sha256,
                a.name,
                a.size,
                a.note or "",
                entry.step_id,
                entry.actor,
                entry.occurred_at,
                entry.uuid,
                entry.seq,
                tuple(custody.get(a.sha256, ())),
            )
        )
    return files


def matching(files: Sequence[EvidenceFile], ref: str) -> list[str]:
    """The distinct hashes of ``files`` that ``ref`` names: the whole sha256, or its first
    ``MIN_PREFIX`` or more hex digits (spaces and case as typed from paper are forgiven). An
    empty list when it names none, or when it is too short to name one."""
    typed = "".join(ref.split()).lower()
    if len(typed) < MIN_PREFIX or not _HEX.fullmatch(typed):
        return []
    return list(dict.fromkeys(f.sha256 for f in files if f.sha256.startswith(typed)))

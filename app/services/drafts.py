"""Drafts: what a responder has typed and not recorded yet (a step's field inputs, a step's
note, the quick note), kept so that a close or a crash loses none of it.

A draft is never a record: it lives outside the log, one small JSON file per incident in the
data folder's ``drafts/`` folder, and nothing that reads the log (the timeline, the reports, the
counts) ever sees it. Each file is replaced whole (temporary file, fsync, rename), so a kill in
the middle of a write leaves the previous draft, never half a file. A file that cannot be read
is said in one line and ignored. A read-only workspace writes nothing.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.files import read_regular
from app.i18n import Msg, msg
from app.paths import DRAFTS_FOLDER
from app.services.outputs import replace_atomically

SCHEMA = 1
READ_LIMIT = 4 << 20  # a draft is a few lines typed by hand; more is not ours
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
Value = str | bool | int | float  # what a field input holds (FieldInput.value)


@dataclass
class IncidentDrafts:
    """The drafts of one incident: by step, the fields typed (field id -> value) and the note;
    and the quick note. An empty value is no draft."""

    fields: dict[str, dict[str, Value]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    quick: str = ""

    def empty(self) -> bool:
        return not (self.fields or self.notes or self.quick.strip())

    def of_step(self, step_id: str) -> bool:
        return step_id in self.fields or step_id in self.notes

    def put_fields(self, step_id: str, values: dict[str, Value]) -> None:
        kept = {k: v for k, v in values.items() if not (v is False or v is None or v == "")}
        if kept:
            self.fields[step_id] = kept
        else:
            self.fields.pop(step_id, None)

    def put_note(self, step_id: str, text: str) -> None:
        if text.strip():
            self.notes[step_id] = text
        else:
            self.notes.pop(step_id, None)

    def drop_step(self, step_id: str) -> None:
        self.fields.pop(step_id, None)
        self.notes.pop(step_id, None)

    def to_data(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "fields": self.fields, "notes": self.notes, "quick": self.quick}

    @classmethod
    def from_data(cls, data: Any) -> IncidentDrafts:
        """Only what has the expected shape is taken; a stray key or value is left out."""
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError("not a Sonae draft (schema 1)")
        drafts = cls()
        for step_id, values in _dict(data.get("fields")).items():
            kept = {k: v for k, v in _dict(values).items() if isinstance(v, (str, int, float))}
            drafts.put_fields(str(step_id), kept)
        for step_id, text in _dict(data.get("notes")).items():
            if isinstance(text, str):
                drafts.put_note(str(step_id), text)
        quick = data.get("quick")
        drafts.quick = quick if isinstance(quick, str) else ""
        return drafts


def _dict(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


class Drafts:
    """The drafts folder of one data folder."""

    def __init__(self, root: Path, read_only: bool = False) -> None:
        self.folder = root / DRAFTS_FOLDER
        self.read_only = read_only

    def path(self, incident_id: str) -> Path | None:
        """The incident's draft file; None for an id that is no plain file name."""
        if not _SAFE_ID.fullmatch(incident_id):
            return None
        return self.folder / f"{incident_id}.json"

    def load(self, incident_id: str) -> tuple[IncidentDrafts, Msg | None]:
        """The incident's drafts (empty when there are none), and the one-line reason when its
        file could not be read (it is then ignored)."""
        path = self.path(incident_id)
        if path is None:
            return IncidentDrafts(), None
        try:
            raw = read_regular(path, READ_LIMIT)
            if len(raw) > READ_LIMIT:
                raise ValueError("too large")
            return IncidentDrafts.from_data(json.loads(raw.decode("utf-8"))), None
        except FileNotFoundError:
            return IncidentDrafts(), None
        except (OSError, ValueError, RecursionError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return IncidentDrafts(), msg(
                "下書きファイル {p} を読めないため無視しました: {e}",
                "the draft file {p} cannot be read and was ignored: {e}",
                p=path,
                e=why,
            )

    def save(self, incident_id: str, drafts: IncidentDrafts) -> None:
        """Replace the incident's draft file whole (removed when nothing is left). Nothing is
        written in a read-only workspace. Raises SonaeError (one line) when it cannot write."""
        path = self.path(incident_id)
        if self.read_only or path is None:
            return
        if drafts.empty():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            return
        text = json.dumps(drafts.to_data(), ensure_ascii=False, indent=1)
        self.folder.mkdir(parents=True, exist_ok=True)
        # 0600: what is typed may name people, like the contacts.
        replace_atomically(path, lambda out: out.write(text.encode("utf-8")), new_mode=0o600)

    def incidents(self) -> list[str]:
        """The incidents that have a draft kept, by id."""
        try:
            names = sorted(p.stem for p in self.folder.glob("*.json") if p.is_file())
        except OSError:
            return []
        return [n for n in names if not self.load(n)[0].empty()]

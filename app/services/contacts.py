"""Load and save the city's contacts file (``contacts.yaml`` in the user's data folder).

The file is written atomically (a temporary file, then ``os.replace``) so a crash or a full disk
never leaves half a contact list behind in the middle of an incident.
"""

from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path

from ruamel.yaml import YAML

from app.domain.contacts import Contacts, External, parse_contacts
from app.domain.yamlsource import Problem, read_utf8
from app.errors import SonaeError
from app.i18n import msg
from app.paths import contacts_path, playbooks_dir
from app.services.outputs import replace_atomically

EXAMPLE_NAME = "contacts.example.yaml"


def contacts_file(root: Path) -> Path:
    return contacts_path(root)


def example_file() -> Path:
    return playbooks_dir() / EXAMPLE_NAME


@cache
def known_bodies() -> dict[str, External]:
    """The outside bodies the bundled plans name, by id, as the bundled example lists them but
    with nothing of its invented numbers, addresses or notes: what a body a city's contacts lack
    is called, on the screen and on paper ({} if the example cannot be read)."""
    try:
        listed = load_path(example_file()).external
    except SonaeError:
        return {}
    blank = {"phone": "", "other": "", "hours": "", "email": "", "url": "", "note": ""}
    return {body.id: body.model_copy(update=blank) for body in listed}


def body_name(contacts: Contacts | None, body_id: str, lang: str) -> str:
    """A body's name in ``lang``: the city's own entry, else the bundled name, else its id."""
    body = contacts.body(body_id) if contacts is not None else None
    body = body or known_bodies().get(body_id)
    return body.name.get(lang) if body is not None else body_id


def read_contacts(path: Path) -> tuple[Contacts | None, list[Problem]]:
    """Parse a contacts file; problems carry FILE:LINE. A missing file is a problem here."""
    text, problems = read_utf8(path)
    if text is None:
        return None, problems
    return parse_contacts(text, str(path))


def load_path(path: Path) -> Contacts:
    """A contacts file that must exist and be valid, else a SonaeError naming FILE:LINE."""
    contacts, problems = read_contacts(path)
    if contacts is None:
        raise SonaeError(
            msg(
                "連絡先ファイルに誤りがあります: {p}",
                "the contacts file is invalid: {p}",
                p=problems[0] if problems else path,
            )
        )
    return contacts


def load_contacts(root: Path) -> Contacts:
    """The city's contacts; an empty list when the file does not exist yet."""
    path = contacts_file(root)
    if not os.path.lexists(path):  # a broken link is not "no contacts": it is said
        return Contacts()
    return load_path(path)


def _dump(contacts: Contacts) -> str:
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 100
    out = io.StringIO()
    out.write(
        "# Sonae contacts file (schema 1): people, role holders in succession order, bodies\n"
    )
    yaml.dump(contacts.to_data(), out)
    return out.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Sonae's own file in the data folder: 0600, since it holds people's phone numbers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda handle: handle.write(text.encode("utf-8")), new_mode=0o600)


def save_contacts(root: Path, contacts: Contacts) -> Path:
    """Write the contacts file atomically as UTF-8 YAML; returns its path."""
    return _write_contacts(contacts_file(root), _dump(contacts))


def install_example(root: Path, overwrite: bool = False) -> Path:
    """Copy the bundled example (fake people and numbers) into the data folder to start from."""
    path = contacts_file(root)
    if path.exists() and not overwrite:
        raise SonaeError(
            msg(
                "連絡先ファイル {p} は既にあります",
                "the contacts file {p} already exists",
                p=path,
            )
        )
    return _write_contacts(path, example_file().read_text("utf-8"))


def _write_contacts(path: Path, text: str) -> Path:
    try:
        write_atomically(path, text)
    except (OSError, SonaeError) as exc:
        cause = exc if isinstance(exc, OSError) else exc.__cause__
        reason = cause.strerror if isinstance(cause, OSError) else str(exc)
        raise SonaeError(
            msg(
                "連絡先ファイル {p} を保存できません: {e}",
                "cannot save the contacts file {p}: {e}",
                p=path,
                e=reason,
            )
        ) from exc
    return path

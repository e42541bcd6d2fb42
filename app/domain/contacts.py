"""The city's contacts file, schema 1: its people, who holds each role, and the external bodies.

A role resolves to people in succession order (代行順位): the holder first, then the deputies in the
order they step in. Contacts are local data the city fills in; they never live in a playbook.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.playbook import Id, Text
from app.domain.roles import ROLE_BY_ID
from app.domain.yamlsource import Problem, line_of, parse_mapping, plain, pydantic_problems

CONTACTS_SCHEMA = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Strict):
    id: Id
    name: str = Field(min_length=1)
    title: str = ""  # 役職
    section: str = ""  # 所属
    phone: str = ""
    mobile: str = ""
    email: str = ""
    note: str = ""


class External(_Strict):
    """A body outside the city that a plan reports to or calls (総務省, 警察, vendors, ...)."""

    id: Id
    name: Text
    phone: str = ""
    other: str = ""  # other numbers: a night line, a fax, a second desk
    hours: str = ""  # when it answers (受付時間)
    email: str = ""
    url: str = ""
    note: str = ""


class Contacts(_Strict):
    schema_version: Literal[1] = Field(default=1, alias="schema")
    people: list[Person] = []
    roles: dict[str, list[str]] = {}  # role id -> person ids, holder first (代行順位)
    external: list[External] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def body(self, external_id: str) -> External | None:
        return next((e for e in self.external if e.id == external_id), None)

    def to_data(self) -> dict[str, Any]:
        """Plain data for writing back as YAML (empty optional fields left out)."""
        data = self.model_dump(by_alias=True, exclude_defaults=True)
        data["schema"] = CONTACTS_SCHEMA
        return {key: data[key] for key in ("schema", "people", "roles", "external") if key in data}


def holders(contacts: Contacts, role_id: str) -> list[Person]:
    """The people who hold a role, in succession order: the holder, then the deputies."""
    if role_id not in ROLE_BY_ID:
        raise KeyError(role_id)
    people = {p.id: p for p in contacts.people}
    return [people[pid] for pid in contacts.roles.get(role_id, []) if pid in people]


def _cross_check(file: str, root: Any, contacts: Contacts) -> list[Problem]:
    """Unique ids, known roles, and role entries that name people of this file."""
    problems: list[Problem] = []

    def add(loc: list[str | int], message: str) -> None:
        problems.append(Problem(file, line_of(root, loc), message))

    for key, kind, ids in (
        ("people", "person", [p.id for p in contacts.people]),
        ("external", "external body", [e.id for e in contacts.external]),
    ):
        for i, ident in enumerate(ids):
            if ident in ids[:i]:
                add([key, i, "id"], f"duplicate {kind} id '{ident}'")

    people = {p.id for p in contacts.people}
    for role_id, person_ids in contacts.roles.items():
        if role_id not in ROLE_BY_ID:
            add(["roles", role_id], f"unknown role '{role_id}'")
        for j, person_id in enumerate(person_ids):
            if person_id not in people:
                add(["roles", role_id, j], f"role '{role_id}' names unknown person '{person_id}'")
        if len(set(person_ids)) != len(person_ids):
            add(["roles", role_id], f"role '{role_id}' lists a person twice")
    return problems


def parse_contacts(text: str, file: str = "<text>") -> tuple[Contacts | None, list[Problem]]:
    """Parse and check a contacts file; on any problem the contacts are None."""
    root, problems = parse_mapping(text, file, "a contacts file")
    if root is None:
        return None, problems
    try:
        contacts = Contacts.model_validate(plain(root))
    except ValidationError as exc:
        return None, pydantic_problems(file, root, exc)
    problems = _cross_check(file, root, contacts)
    return (None if problems else contacts), problems

"""The contacts file: models, succession order, FILE:LINE problems, atomic save, the example."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.domain.contacts import Contacts, External, Person, holders, parse_contacts
from app.domain.playbook import Text
from app.domain.roles import ROLE_BY_ID
from app.errors import SonaeError
from app.services.contacts import (
    contacts_file,
    example_file,
    install_example,
    load_contacts,
    read_contacts,
    save_contacts,
)

GOOD = """\
schema: 1
people:
  - {id: a, name: 架空 一郎, phone: 000-0000-0001}
  - {id: b, name: 仮名 次郎}
  - {id: c, name: 見本 三郎}
roles:
  csirt: [b, a]
  ciso: [c]
external:
  - {id: ppc, name: {ja: 個人情報保護委員会, en: PPC}, phone: 000-1000-0008}
"""


def test_holders_follow_the_succession_order() -> None:
    contacts, problems = parse_contacts(GOOD)
    assert problems == [] and contacts is not None
    assert [p.id for p in holders(contacts, "csirt")] == ["b", "a"]
    assert [p.name for p in holders(contacts, "ciso")] == ["見本 三郎"]
    assert holders(contacts, "staff") == []
    assert contacts.body("ppc") is not None and contacts.body("ppc").name.get("en") == "PPC"


def test_holders_refuses_a_role_outside_the_catalogue() -> None:
    contacts, _ = parse_contacts(GOOD)
    assert contacts is not None
    with pytest.raises(KeyError):
        holders(contacts, "mayor")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (GOOD.replace("csirt: [b, a]", "csirt: [b, zz]"), 7, "unknown person 'zz'"),
        (GOOD.replace("  ciso: [c]", "  mayor: [c]"), 8, "unknown role 'mayor'"),
        (GOOD.replace("{id: c,", "{id: a,"), 5, "duplicate person id 'a'"),
        (GOOD.replace("phone: 000-0000-0001", "fax: 1"), 3, "unknown field 'fax'"),
        (GOOD.replace("{id: b, name: 仮名 次郎}", "{id: b}"), 4, "required field is missing"),
        (GOOD.replace("schema: 1", "schema: 2"), 1, "schema"),
        (GOOD.replace("  ciso: [c]", "  ciso: [c]\n  ciso: [a]"), 9, "invalid YAML"),
        ("- just a list\n", 1, "must be a YAML mapping"),
    ],
)
def test_problems_name_the_line(text: str, line: int, fragment: str) -> None:
    contacts, problems = parse_contacts(text, "contacts.yaml")
    assert contacts is None
    assert problems, "expected a problem"
    assert problems[0].line == line, str(problems[0])
    assert fragment in problems[0].message
    assert str(problems[0]).startswith(f"contacts.yaml:{line}: ")


def test_missing_file_is_empty_contacts(data_dir: Path) -> None:
    assert load_contacts(data_dir) == Contacts()


def test_invalid_file_raises_with_file_and_line(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    contacts_file(data_dir).write_text(GOOD.replace("[b, a]", "[b, nobody]"), "utf-8")
    with pytest.raises(SonaeError) as err:
        load_contacts(data_dir)
    assert f"{contacts_file(data_dir)}:7:" in str(err.value)
    assert "nobody" in str(err.value)


def test_save_then_load_round_trips(data_dir: Path) -> None:
    contacts = Contacts(
        people=[Person(id="a", name="架空 一郎", mobile="000-0001-0001", note="夜間は携帯")],
        roles={"ciso": ["a"]},
        external=[External(id="jpcert", name=Text(ja="JPCERT/CC"), url="https://example.invalid")],
    )
    path = save_contacts(data_dir, contacts)
    assert path == contacts_file(data_dir)
    text = path.read_text("utf-8")
    assert "架空 一郎" in text  # stored as UTF-8 text, not escaped
    assert load_contacts(data_dir) == contacts
    assert [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_save_is_atomic_when_the_write_fails(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_contacts(data_dir, Contacts(people=[Person(id="a", name="前")], roles={"ciso": ["a"]}))
    before = contacts_file(data_dir).read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SonaeError):
        save_contacts(data_dir, Contacts(people=[Person(id="b", name="後")]))
    assert contacts_file(data_dir).read_bytes() == before
    assert [p.name for p in data_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_install_example_copies_once(data_dir: Path) -> None:
    path = install_example(data_dir)
    assert path.read_text("utf-8") == example_file().read_text("utf-8")
    with pytest.raises(SonaeError):
        install_example(data_dir)
    assert load_contacts(data_dir).people


def test_example_covers_every_role_with_a_deputy() -> None:
    contacts, problems = read_contacts(example_file())
    assert problems == [] and contacts is not None
    for role_id in ROLE_BY_ID:
        assert len(holders(contacts, role_id)) >= 2, f"role {role_id} needs a holder and a deputy"


def test_example_people_and_numbers_are_obviously_fake() -> None:
    contacts, _ = read_contacts(example_file())
    assert contacts is not None
    numbers = [p.phone for p in contacts.people] + [p.mobile for p in contacts.people]
    numbers += [e.phone for e in contacts.external]
    assert all(n.startswith("000-") for n in numbers if n), numbers
    assert all(p.email.endswith("@example.invalid") for p in contacts.people if p.email)
    assert "架空" in example_file().read_text("utf-8")


EXTERNAL_BODIES = {
    "mic": "総務省",
    "fukuoka_pref": "福岡県",
    "police_cyber": "警察",
    "nisc": "NISC",
    "jlis": "J-LIS",
    "ipa": "IPA",
    "jpcert": "JPCERT",
    "ppc": "個人情報保護委員会",
    "security_cloud": "セキュリティクラウド",
}


def test_example_lists_every_external_body_of_the_domain() -> None:
    contacts, _ = read_contacts(example_file())
    assert contacts is not None
    for body_id, word in EXTERNAL_BODIES.items():
        body = contacts.body(body_id)
        assert body is not None, body_id
        assert word in body.name.ja
        assert body.name.en
    assert any(e.id.startswith("vendor_") for e in contacts.external)

"""The bounded YAML reader shared by plans and contacts: what it refuses, and where it says so."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from app.domain import yamlsource
from app.domain.contacts import parse_contacts
from app.domain.yamlsource import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_NODES,
    parse_mapping,
    plain,
    pydantic_problems,
    read_utf8,
    yaml_path,
)


def _parse(text: str) -> tuple[Any, list[str]]:
    root, problems = parse_mapping(text, "f.yaml", "a test file")
    return root, [str(p) for p in problems]


def _refused(text: str) -> str:
    root, problems = _parse(text)
    assert root is None and len(problems) == 1, problems
    return problems[0]


def test_yaml_12_duplicate_keys_and_lines_are_kept() -> None:
    root, problems = _parse("a: yes\nb:\n  - no\n")
    assert problems == [] and plain(root) == {"a": "yes", "b": ["no"]}
    assert _refused("a: 1\na: 2\n").startswith("f.yaml:2: invalid YAML: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1]\nb: *x\n", "f.yaml:2: aliases (*x) are not allowed: write the value out"),
        ("a: &x {c: 1}\nb:\n  <<: *x\n", "f.yaml:3: merge keys (<<) are not allowed"),
        ("b:\n  c: 1\n  <<: {d: 1}\n", "f.yaml:3: merge keys (<<) are not allowed"),
        ("a: *nowhere\n", "f.yaml:1: aliases (*nowhere) are not allowed"),
    ],
)
def test_aliases_and_merge_keys_are_refused_at_their_line(text: str, expected: str) -> None:
    assert _refused(text).startswith(expected)


def test_a_quoted_merge_key_and_an_anchor_alone_are_plain_data() -> None:
    root, problems = _parse('a: &x 1\nb: &x 2\nc: {"<<": 3}\n')  # a reused anchor: no warning
    assert problems == [] and plain(root) == {"a": 1, "b": 2, "c": {"<<": 3}}


def _nested(levels: int) -> str:
    """``levels`` nodes from the top mapping down to the scalar, in block style."""
    lines = [f"{'  ' * i}k{i}:" for i in range(levels - 1)]
    lines[-1] += " leaf"
    return "\n".join(lines) + "\n"


def test_nesting_is_bounded_while_composing() -> None:
    root, problems = _parse(_nested(MAX_DEPTH))
    assert problems == [] and root is not None
    assert _refused(_nested(MAX_DEPTH + 1)) == (
        f"f.yaml:{MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep"
    )
    # Far beyond Python's recursion limit, in flow style: refused, quickly, no RecursionError.
    start = time.perf_counter()
    assert "nested more than" in _refused("a: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nested more than" in _refused("a: " + "{b: " * 50_000 + "\n")
    assert time.perf_counter() - start < 5


def test_the_number_of_nodes_is_bounded() -> None:
    items = (MAX_NODES - 2) // 2  # the top mapping, the key 'a', the sequence, the items
    root, problems = _parse("a: [" + "x, " * (items - 1) + "]\n")
    assert problems == [] and root is not None
    message = _refused("a:\n" + "- x\n" * MAX_NODES)
    assert message.startswith(f"f.yaml:{MAX_NODES - 1}: more than {MAX_NODES} keys and values")


def test_integers_are_bounded_in_digits() -> None:
    root, _ = _parse(f"a: {'9' * MAX_INT_DIGITS}\nb: -{'9' * MAX_INT_DIGITS}\n")
    assert plain(root) == {"a": int("9" * MAX_INT_DIGITS), "b": -int("9" * MAX_INT_DIGITS)}
    for value in ("9" * (MAX_INT_DIGITS + 1), "1" * 5000, "!!int " + "1" * 30):
        assert _refused(f"a: 1\nb: {value}\n").startswith(
            f"f.yaml:2: an integer of more than {MAX_INT_DIGITS} digits is not allowed"
        )


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2026-02-28T25:00:00"])
def test_an_invalid_date_is_refused_at_its_line(value: str) -> None:
    assert _refused(f"a: 1\nrevised: {value}\n").startswith(
        f"f.yaml:2: '{value}' is not a valid date or time"
    )


def test_a_value_that_cannot_be_built_is_refused_at_its_line() -> None:
    assert _refused("a: 1\n\nb: !!int 'twelve'\n").startswith("f.yaml:3: 'twelve' is not a valid")


def test_a_control_character_is_refused_at_its_line() -> None:
    assert _refused("a: 1\nb: 2\nc: \x07\n").startswith("f.yaml:3: invalid YAML: unacceptable")


def test_the_text_size_is_bounded(tmp_path: Path) -> None:
    assert (
        _refused("a: " + "x" * MAX_BYTES + "\n")
        == "f.yaml:1: the text is larger than 1 MiB, the limit"
    )
    # Counted in UTF-8 bytes: a third as many Japanese characters are as large.
    assert _refused("a: " + "あ" * (MAX_BYTES // 3) + "\n").startswith(
        "f.yaml:1: the text is larger"
    )
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES * 4))
    text, problems = read_utf8(big)
    assert text is None and [str(p) for p in problems] == [
        f"{big}:1: the text is larger than 1 MiB, the limit"
    ]


def test_no_other_exception_escapes_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, node: Any, tag: Any = None) -> Any:
        if node.value == "boom":
            raise ZeroDivisionError("inside the YAML library")
        return original(self, node, tag)

    original = yamlsource.RoundTripConstructor.construct_non_recursive_object
    monkeypatch.setattr(yamlsource.RoundTripConstructor, "construct_non_recursive_object", broken)
    assert _refused("a: 1\nb: boom\n").startswith("f.yaml:2: 'boom' is not a valid value")

    def crash(self: Any, stream: Any) -> Any:
        raise MemoryError("out of memory")

    monkeypatch.setattr(yamlsource._Reader, "load", crash)
    assert _refused("a: 1\n") == "f.yaml:1: cannot read this YAML: MemoryError: out of memory"


def test_the_contacts_file_shares_the_bounded_reader() -> None:
    text = "schema: 1\npeople:\n  - &p {id: a, name: 架空 一郎}\n  - *p\n"
    contacts, problems = parse_contacts(text, "contacts.yaml")
    assert contacts is None
    assert [str(p) for p in problems] == [
        "contacts.yaml:4: aliases (*p) are not allowed: write the value out"
    ]


class _Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    n: int

    @field_validator("n")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 0:
            raise ValueError("n must be positive")
        return value


class _Outer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    items: list[_Inner | list[int]] = []
    table: dict[str, list[int]] = {}


def _problems_for(model: type[BaseModel], text: str) -> list[str]:
    root, _ = parse_mapping(text, "f.yaml", "a test file")
    with pytest.raises(ValidationError) as caught:
        model.model_validate(plain(root))
    return [str(p) for p in pydantic_problems("f.yaml", root, caught.value)]


def test_pydantic_locations_become_yaml_paths_without_its_markers() -> None:
    problems = _problems_for(_Outer, "items:\n  - {n: 1}\n  - {n: -1}\n")
    # Union members ('_Inner', 'list[int]') are pydantic's, not the file's.
    assert "f.yaml:3: items[1].n: n must be positive" in problems
    assert all("_Inner" not in p and "list[int]" not in p for p in problems), problems


def test_an_unknown_key_with_a_dash_or_bracket_is_named_at_its_line() -> None:
    assert _problems_for(_Outer, "items: []\nfoo-bar: 1\n") == [
        "f.yaml:2: foo-bar: unknown field 'foo-bar'"
    ]
    assert _problems_for(_Outer, "items: []\n'[x]': 1\n") == ["f.yaml:2: [x]: unknown field '[x]'"]
    assert _problems_for(_Outer, "table:\n  a-b: x\n") == [
        "f.yaml:2: table.a-b: Input should be a valid list"
    ]


def test_yaml_path_keeps_only_what_the_file_has() -> None:
    root, _ = parse_mapping("a:\n  - b: 1\n1: x\n", "f.yaml", "x")
    assert yaml_path(root, ["a", 0, "function-after[f(), M]", "b"]) == ["a", 0, "b"]
    assert yaml_path(root, ["a", 5]) == ["a"]
    assert yaml_path(root, ["a", 0, "c"], keep_last=True) == ["a", 0, "c"]
    assert yaml_path(root, ["1"]) == ["1"]  # a number key, as pydantic names it
    assert yaml_path(root, []) == [] and yaml_path(root, [], keep_last=True) == []

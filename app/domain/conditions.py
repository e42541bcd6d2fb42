"""The tiny condition language of ``when:`` in playbooks.

    personal_data == yes
    personal_data in [yes, unknown]
    operations_stopped != no and mynumber_zone == yes
    not (malicious == no) or other == x
    incident.body in [council, council_office] or incident.zones in [mynumber]

Names are decisions of the plan, or facts of the incident itself (``INCIDENT_FACTS``): its body
(機関), its zones (holds when the incident names any of the listed ones) and its mode.

Evaluation is three-valued: a condition that reads an undecided decision is ``None`` (not yet
known), so the UI can say "waits for a decision" instead of guessing.

A condition may come from a hostile plan, so its length, its nesting (parentheses and ``not``)
and its number of comparisons are bounded: parsing, evaluating and walking it never recurse
deeper than ``MAX_DEPTH``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

MAX_LENGTH = 1000  # characters; the longest bundled condition has under 100
MAX_DEPTH = 16  # parentheses and `not` inside each other
MAX_COMPARISONS = 64

_TOKEN = re.compile(r"\s*(?:(?P<op>==|!=|\(|\)|\[|\]|,)|(?P<word>[A-Za-z0-9_\-.]+))")
# Facts of the incident a condition may read, beside the decisions; zones is a set.
INCIDENT_FACTS = ("incident.body", "incident.zones", "incident.mode")

# What a condition reads: a decision's choice, or an incident fact (zones: a frozenset).
Facts = Mapping[str, "str | frozenset[str]"]


class ConditionError(ValueError):
    pass


@dataclass(frozen=True)
class Compare:
    decision: str
    choices: frozenset[str]
    negate: bool

    def evaluate(self, decided: Facts) -> bool | None:
        choice = decided.get(self.decision)
        if choice is None:
            return None
        if isinstance(choice, frozenset):  # the incident's zones: any of those listed
            return bool(choice & self.choices) != self.negate
        return (choice in self.choices) != self.negate


@dataclass(frozen=True)
class Not:
    inner: Node

    def evaluate(self, decided: Facts) -> bool | None:
        value = self.inner.evaluate(decided)
        return None if value is None else not value


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    parts: tuple[Node, ...]

    def evaluate(self, decided: Facts) -> bool | None:
        values = [p.evaluate(decided) for p in self.parts]
        if self.op == "and":
            if False in values:
                return False
            return None if None in values else True
        if True in values:
            return True
        return None if None in values else False


Node = Compare | Not | BoolOp


@dataclass(frozen=True)
class Condition:
    source: str
    root: Node

    def evaluate(self, decided: Facts) -> bool | None:
        return self.root.evaluate(decided)

    def references(self) -> list[tuple[str, frozenset[str]]]:
        """Every (decision, choices) pair the condition reads, for cross-checks."""
        out: list[tuple[str, frozenset[str]]] = []

        def walk(node: Node) -> None:
            if isinstance(node, Compare):
                out.append((node.decision, node.choices))
            elif isinstance(node, Not):
                walk(node.inner)
            else:
                for part in node.parts:
                    walk(part)

        walk(self.root)
        return out


def _tokens(text: str) -> list[str]:
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ConditionError(f"cannot read '{text[pos:]}' in condition '{text}'")
        out.append(match.group("op") or match.group("word"))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.pos = 0
        self.depth = 0  # parentheses and `not` open around the current token
        self.comparisons = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            want = f"'{expected}'" if expected else "more"
            raise ConditionError(f"expected {want} in condition '{self.text}'")
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        if self.peek() is not None:
            raise ConditionError(f"unexpected '{self.peek()}' in condition '{self.text}'")
        return node

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.peek() == "or":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else BoolOp("or", tuple(parts))

    def and_expr(self) -> Node:
        parts = [self.unary()]
        while self.peek() == "and":
            self.take()
            parts.append(self.unary())
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def unary(self) -> Node:
        token = self.peek()
        if token not in ("not", "("):
            return self.compare()
        self.take()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(
                f"condition nests parentheses and 'not' more than {MAX_DEPTH} deep: simplify it"
            )
        if token == "not":
            node: Node = Not(self.unary())
        else:
            node = self.or_expr()
            self.take(")")
        self.depth -= 1
        return node

    def compare(self) -> Node:
        self.comparisons += 1
        if self.comparisons > MAX_COMPARISONS:
            raise ConditionError(
                f"condition has more than {MAX_COMPARISONS} comparisons: simplify it"
            )
        name = self.take()
        reserved = ("and", "or", "not", "in")
        if name not in INCIDENT_FACTS and (
            not re.fullmatch(r"[a-z0-9_\-]+", name) or name in reserved
        ):
            raise ConditionError(f"expected a decision id, got '{name}' in '{self.text}'")
        op = self.take()
        if op in ("==", "!="):
            return Compare(name, frozenset([self.word()]), op == "!=")
        negate = False
        if op == "not":
            self.take("in")
            negate = True
        elif op != "in":
            raise ConditionError(f"expected ==, != or in after '{name}' in '{self.text}'")
        self.take("[")
        choices = [self.word()]
        while self.peek() == ",":
            self.take()
            choices.append(self.word())
        self.take("]")
        return Compare(name, frozenset(choices), negate)

    def word(self) -> str:
        token = self.take()
        if token in ("(", ")", "[", "]", ",", "==", "!="):
            raise ConditionError(f"expected a choice, got '{token}' in '{self.text}'")
        return token


def parse_condition(text: str) -> Condition:
    if not text or not text.strip():
        raise ConditionError("empty condition")
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"condition is longer than {MAX_LENGTH} characters: simplify it")
    return Condition(text, _Parser(text).parse())

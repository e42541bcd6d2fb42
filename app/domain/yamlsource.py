"""YAML 1.2 text -> plain data, with every problem tied to a FILE:LINE.

Shared by the playbook loader and the contacts file. ruamel.yaml is used because it reads YAML 1.2
(``yes`` stays a string) and keeps the line of every key and item, so a validation error points at
the real line instead of a guess.

The text may be hostile (a plan pinned in a database, a file someone sent), so the reader is
bounded: the size of the text, the nesting depth and the length of an integer are limited, and
aliases are refused (their expansion is exponential: "billion laughs"). Whatever goes wrong while
reading becomes a Problem; nothing escapes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import ReaderError

from app.files import read_regular

MAX_BYTES = 1024 * 1024  # a bundled plan is under 20 KB
MAX_DEPTH = 32  # nodes from the top down to a scalar; a plan needs 8
MAX_NODES = 10_000  # keys, items and scalars; a bundled plan has under 1000 (ruamel: ~50 µs each)
MAX_INT_DIGITS = 15  # a YAML integer longer than this is a typo (and Python refuses 4300+)

_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


class _Refused(MarkedYAMLError):
    """Valid YAML this reader does not accept (an alias, too deep, ...), at its mark."""


def _refuse(message: str, mark: Any) -> _Refused:
    return _Refused(problem=message, problem_mark=mark)


class _Composer(Composer):
    """Composes nodes refusing aliases, merge keys, deep nesting and long integers before any
    Python object is built; the depth check runs before the recursion, so it cannot blow."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # a warning, and an error under pytest; harmless
        self.nodes = 0
        self.level = 0  # our own count: ruamel's `depth` is an internal

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        self.loader.line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise _refuse(
                f"aliases (*{event.anchor}) are not allowed: write the value out", event.start_mark
            )
        if self.level >= MAX_DEPTH:
            raise _refuse(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _refuse(f"more than {MAX_NODES} keys and values: far too large", event.start_mark)
        self.level += 1
        node = super().compose_node(parent, index)
        self.level -= 1
        if isinstance(node, ScalarNode):
            if node.tag == _MERGE and isinstance(parent, MappingNode) and index is None:
                raise _refuse(
                    "merge keys (<<) are not allowed: write the keys out", node.start_mark
                )
            if node.tag == _INT and len(node.value.lstrip("+-")) > MAX_INT_DIGITS:
                raise _refuse(
                    f"an integer of more than {MAX_INT_DIGITS} digits is not allowed",
                    node.start_mark,
                )
        return node


class _Constructor(RoundTripConstructor):
    """Turns any error building a value (2026-02-30, a bad !!binary) into one at its line."""

    def construct_non_recursive_object(self, node: Any, tag: Any = None) -> Any:
        self.loader.line = node.start_mark.line + 1
        try:
            return super().construct_non_recursive_object(node, tag)
        except YAMLError:
            raise
        except Exception as exc:
            value = f"'{node.value[:40]}'" if isinstance(node, ScalarNode) else "this value"
            what = "a valid date or time" if node.tag == _TIMESTAMP else "a valid value"
            raise _refuse(f"{value} is not {what} ({exc})", node.start_mark) from exc


class _Reader(YAML):
    line = 1  # the line being read, for an error that carries no mark


def yaml_reader() -> _Reader:
    yaml = _Reader(typ="rt")  # round-trip: keeps line numbers; constructs no Python objects
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    return yaml


def plain(node: Any) -> Any:
    """Turn ruamel's commented containers into dicts and lists for pydantic."""
    if isinstance(node, CommentedMap):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def read_utf8(path: Path) -> tuple[str | None, list[Problem]]:
    """A file's text, or why it cannot be read (FILE:1), for the plan and contacts readers."""
    try:
        data = read_regular(path, MAX_BYTES)  # never more: the file may be huge, or a FIFO
    except OSError as exc:
        return None, [Problem(str(path), 1, f"cannot read file: {exc.strerror or exc}")]
    if len(data) > MAX_BYTES:
        return None, [_too_big(str(path))]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [Problem(str(path), 1, "file is not UTF-8 text")]


def _too_big(file: str) -> Problem:
    return Problem(file, 1, f"the text is larger than {MAX_BYTES // 1024 // 1024} MiB, the limit")


def _marked_problem(file: str, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    reason = (exc.problem or exc.context or "invalid YAML").strip()
    if isinstance(exc, _Refused):
        return Problem(file, line, reason)
    context = exc.context_mark
    if exc.context and context is not None and mark is not None and context.line < mark.line:
        # An unclosed bracket is noticed lines later; point at where it was opened too.
        reason += f" ({exc.context.strip()} at line {context.line + 1})"
    return Problem(file, line, f"invalid YAML: {reason}")


def parse_mapping(text: str, file: str, what: str) -> tuple[CommentedMap | None, list[Problem]]:
    """Parse YAML text whose top level must be a mapping; ``what`` names it in the message."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return None, [_too_big(file)]
    yaml = yaml_reader()
    try:
        root = yaml.load(text)
    except MarkedYAMLError as exc:
        return None, [_marked_problem(file, exc)]
    except ReaderError as exc:  # a control character: its position is known, its line is not
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else 1
        return None, [Problem(file, line, f"invalid YAML: {exc}".splitlines()[0])]
    except YAMLError as exc:
        return None, [Problem(file, yaml.line, f"invalid YAML: {exc}".splitlines()[0])]
    except Exception as exc:  # a bug in the YAML library must not stop the app: say where
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        return None, [Problem(file, yaml.line, f"cannot read this YAML: {reason}")]
    if not isinstance(root, CommentedMap):
        return None, [Problem(file, 1, f"{what} must be a YAML mapping")]
    return root, []


def _child(node: Any, part: str | int) -> tuple[Any, int] | None:
    """(child, its 1-based line) of a parsed mapping or sequence, or None if it has no ``part``.
    A key that is not text (``1: x``) is found by its text, as pydantic names it."""
    if isinstance(node, CommentedMap):
        key: Any = part
        if part not in node:
            key = next((k for k in node if str(k) == str(part)), None)
            if key is None:
                return None
        return node[key], node.lc.key(key)[0] + 1
    if isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
        return node[part], node.lc.item(part)[0] + 1
    return None


def line_of(root: Any, loc: Sequence[str | int]) -> int:
    """The 1-based line of the deepest node of ``loc`` that exists in the parsed YAML."""
    line = 1
    node = root
    for part in loc:
        found = _child(node, part)
        if found is None:
            break
        node, line = found
    return line


def yaml_path(root: Any, loc: Sequence[str | int], *, keep_last: bool = False) -> list[str | int]:
    """Pydantic's error location as a path in the parsed YAML: the parts that name a key or an
    item there, without pydantic's own markers ('function-after[...]', union members, '[key]').
    With ``keep_last`` the last part is kept even if absent (a missing or unknown key)."""
    path: list[str | int] = []
    node = root
    for part in loc:
        found = _child(node, part)
        if found is not None:
            path.append(part)
            node = found[0]
    if keep_last and loc and (not path or path[-1] != loc[-1]):
        path.append(loc[-1])
    return path


def loc_text(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


# Where a location of validated data was written: (file, parsed YAML, location there). A plan's
# shared blocks are merged into it, so an item may come from another file.
Resolve = Callable[[Sequence[str | int]], tuple[str, Any, list[str | int]]]


def pydantic_problems(
    file: str, root: Any, error: ValidationError, resolve: Resolve | None = None
) -> list[Problem]:
    problems = []
    for item in error.errors():
        kind = item["type"]
        if resolve is not None:
            file, root, there = resolve(item["loc"])
        else:
            there = list(item["loc"])
        loc = yaml_path(root, there, keep_last=kind in ("extra_forbidden", "missing"))
        if kind == "extra_forbidden":
            message = f"{loc_text(loc)}: unknown field '{loc[-1]}'"
        elif kind == "missing":
            message = f"{loc_text(loc)}: required field is missing"
        else:
            text = item["msg"].removeprefix("Value error, ")
            message = f"{loc_text(loc)}: {text}"
        problems.append(Problem(file, line_of(root, loc), message))
    return problems

"""YAML 1.2 text -> plain data, with every problem tied to a FILE:LINE.

Shared by the playbook loader and the contacts file. ruamel.yaml is used because it reads YAML 1.2
(``yes`` stays a string) and keeps the line of every key and item, so a validation error points at
the real line instead of a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {prefix}{self.message}"


def yaml_reader() -> YAML:
    yaml = YAML(typ="rt")  # round-trip: keeps line numbers; constructs no Python objects
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
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
        return path.read_bytes().decode("utf-8"), []
    except OSError as exc:
        return None, [Problem(str(path), 1, f"cannot read file: {exc.strerror}")]
    except UnicodeDecodeError:
        return None, [Problem(str(path), 1, "file is not UTF-8 text")]


def parse_mapping(text: str, file: str, what: str) -> tuple[CommentedMap | None, list[Problem]]:
    """Parse YAML text whose top level must be a mapping; ``what`` names it in the message."""
    try:
        root = yaml_reader().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = (exc.problem or exc.context or "invalid YAML").strip()
        context = exc.context_mark
        if exc.context and context is not None and mark is not None and context.line < mark.line:
            # An unclosed bracket is noticed lines later; point at where it was opened too.
            reason += f" ({exc.context.strip()} at line {context.line + 1})"
        return None, [Problem(file, line, f"invalid YAML: {reason}")]
    except YAMLError as exc:
        return None, [Problem(file, 1, f"invalid YAML: {exc}".splitlines()[0])]
    if not isinstance(root, CommentedMap):
        return None, [Problem(file, 1, f"{what} must be a YAML mapping")]
    return root, []


def line_of(root: Any, loc: Sequence[str | int]) -> int:
    """The 1-based line of the deepest node of ``loc`` that exists in the parsed YAML."""
    line = 1
    node = root
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def loc_text(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def pydantic_problems(file: str, root: Any, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        # Drop pydantic's internal union/function markers so the path is the YAML path.
        loc = [p for p in item["loc"] if not (isinstance(p, str) and ("[" in p or "-" in p))]
        kind = item["type"]
        if kind == "extra_forbidden":
            message = f"{loc_text(loc)}: unknown field '{loc[-1]}'"
        elif kind == "missing":
            message = f"{loc_text(loc)}: required field is missing"
        else:
            text = item["msg"].removeprefix("Value error, ")
            message = f"{loc_text(loc)}: {text}"
        problems.append(Problem(file, line_of(root, loc), message))
    return problems

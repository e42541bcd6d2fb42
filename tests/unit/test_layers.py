"""The layer table of DESIGN.md and ARCHITECTURE.md, checked on the source.

Every module under ``app/`` is parsed with ``ast``; every import counts, at any depth (inside a
function, under ``if TYPE_CHECKING``), written as ``import x``, ``from x import y``, a relative
``from ..x import y`` or ``importlib.import_module("x")``. A layer imports only the layers inside
it:

    domain  <-  store    <-  services  <-  ui, cli
    domain  <-  reports  <-  services

``reports`` takes plain data and knows no SQL, so it sits beside ``store``: the services make a
report (read the log, hand the folded state to a renderer) and only they call it. The UI and the
CLI reach the log through the services, never through ``store`` (they know no SQL). The shared
leaves (``app``, ``app.paths``, ``app.errors``, ``app.i18n``, ``app.files``) may be imported by
every layer and import only each other.

sqlite3 and sqlite_utils belong to ``store``, PySide6 to ``ui``, reportlab to ``reports``; the CLI
imports the UI only inside ``cmd_gui``, so no other command loads Qt.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"

LEAVES = frozenset({"app", "app.paths", "app.errors", "app.i18n", "app.files"})
PACKAGES = ("domain", "store", "reports", "services", "ui")
# Which layers each layer may import (besides the leaves, which everyone may import).
ALLOWED: dict[str, frozenset[str]] = {
    "leaf": frozenset({"leaf"}),
    "domain": frozenset({"leaf", "domain"}),
    "store": frozenset({"leaf", "domain", "store"}),
    "reports": frozenset({"leaf", "domain", "reports"}),
    "services": frozenset({"leaf", "domain", "store", "reports", "services"}),
    "ui": frozenset({"leaf", "domain", "services", "ui"}),
    "cli": frozenset({"leaf", "domain", "services", "cli"}),
}
# (importing layer, imported layer) allowed only inside this function: the lazy ``gui`` import.
LAZY_ONLY = {("cli", "ui"): "cmd_gui"}
# Third-party packages only one layer may import.
OWNED = {
    "sqlite3": "store",
    "sqlite_utils": "store",
    "PySide6": "ui",
    "shiboken6": "ui",
    "reportlab": "reports",
}


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: imports {self.imported} ({self.why})"


def layer_of(module: str) -> str | None:
    """The layer of an ``app`` module, or None for a module the table does not place."""
    parts = module.split(".")
    if module in LEAVES:
        return "leaf"
    if parts[1] in ("cli", "__main__") and len(parts) == 2:
        return "cli"
    if parts[1] in PACKAGES:
        return parts[1]
    return None


def module_name(path: Path, root: Path = APP) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(root: Path = APP) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


class _Imports(ast.NodeVisitor):
    """Every import of a module: (line, imported module, enclosing function or None)."""

    def __init__(self, module: str, is_package: bool, known: set[str]) -> None:
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.found: list[tuple[int, str, str | None]] = []
        self.functions: list[str] = []

    def _add(self, node: ast.stmt | ast.expr, name: str) -> None:
        outermost = self.functions[0] if self.functions else None
        self.found.append((node.lineno, name, outermost))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    visit_FunctionDef = _function  # noqa: N815 (ast's names)
    visit_AsyncFunctionDef = _function  # noqa: N815

    def visit_Import(self, node: ast.Import) -> None:  # noqa: N802
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:  # noqa: N802
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        for alias in node.names:
            # ``from app import cli`` imports the module app.cli, not only the package app.
            sub = f"{prefix}.{alias.name}"
            self._add(node, sub if sub in self.known else prefix)

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        func = node.func
        named = (
            func.attr
            if isinstance(func, ast.Attribute)
            else func.id
            if isinstance(func, ast.Name)
            else ""
        )
        if (
            named in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            self._add(node, node.args[0].value)
        self.generic_visit(node)


def check_source(
    module: str, source: str, is_package: bool = False, known: set[str] | None = None
) -> list[Violation]:
    """The imports of one module (given as its dotted name and its source) against the table."""
    known = set(all_modules()) if known is None else known
    own = layer_of(module)
    if own is None:
        return [Violation(module, 1, module, "a module the layer table does not place")]
    visitor = _Imports(module, is_package, known)
    visitor.visit(ast.parse(source, filename=module))
    found: list[Violation] = []
    for line, name, function in visitor.found:
        top = name.split(".")[0]
        if top in OWNED and OWNED[top] != own:
            found.append(Violation(module, line, name, f"only {OWNED[top]} may import {top}"))
        if top != "app":
            continue
        theirs = layer_of(name)
        if theirs is None:
            found.append(Violation(module, line, name, "a module the layer table does not place"))
        elif (own, theirs) in LAZY_ONLY:
            if function != LAZY_ONLY[own, theirs]:
                where = LAZY_ONLY[own, theirs]
                found.append(
                    Violation(module, line, name, f"{own} imports {theirs} only in {where}")
                )
        elif theirs not in ALLOWED[own]:
            found.append(Violation(module, line, name, f"{own} must not import {theirs}"))
    return found


def check_tree(root: Path = APP) -> list[Violation]:
    modules = all_modules(root)
    known = set(modules)
    found: list[Violation] = []
    for name, path in modules.items():
        source = path.read_text("utf-8")
        found += check_source(name, source, path.name == "__init__.py", known)
    return found


def test_every_module_follows_the_layer_table() -> None:
    modules = all_modules()
    # The walk saw the whole package, so an empty result means something.
    assert {"app.cli", "app.domain.state", "app.store.log", "app.ui.home"} <= set(modules)
    assert all(layer_of(name) for name in modules), [n for n in modules if not layer_of(n)]
    violations = check_tree()
    assert not violations, "imports against the layer table:\n" + "\n".join(map(str, violations))


KNOWN = {
    "app",
    "app.cli",
    "app.errors",
    "app.domain",
    "app.domain.state",
    "app.store",
    "app.store.db",
    "app.services",
    "app.services.workspace",
    "app.reports",
    "app.reports.record",
    "app.ui",
    "app.ui.app",
}


def test_the_check_fails_on_an_offending_source() -> None:
    source = """\
from __future__ import annotations

import sqlite3


def later() -> None:
    from ..store import db
    if True:
        import PySide6.QtWidgets
"""
    found = check_source("app.domain.fake", source, known=KNOWN)
    assert [(v.line, v.imported) for v in found] == [
        (3, "sqlite3"),
        (7, "app.store.db"),
        (9, "PySide6.QtWidgets"),
    ]
    assert "app.domain.fake:7: imports app.store.db (domain must not import store)" in map(
        str, found
    )


def test_each_rule_of_the_table_is_checked() -> None:
    def offences(module: str, source: str, is_package: bool = False) -> list[str]:
        return [v.imported for v in check_source(module, source, is_package, KNOWN)]

    assert offences("app.store.db", "import sqlite3\nimport sqlite_utils\n") == []
    assert offences("app.services.fake", "import sqlite3\n") == ["sqlite3"]
    assert offences("app.services.fake", "from reportlab.platypus import Table\n") == [
        "reportlab.platypus"
    ]
    assert offences("app.reports.fake", "from reportlab.platypus import Table\n") == []
    assert offences("app.reports.fake", "from app.services.workspace import Workspace\n") == [
        "app.services.workspace"
    ]
    assert offences("app.reports.fake", "from app.store import db\n") == ["app.store.db"]
    assert offences("app.ui.fake", "from app.store.db import open_db\n") == ["app.store.db"]
    assert offences("app.ui.fake", "from ..services import workspace\n") == [], "relative, allowed"
    assert offences("app.ui", "from .app import run\n", is_package=True) == []
    assert offences("app.services.fake", "from app import cli\n") == ["app.cli"]
    assert offences("app.services.fake", "from app import errors, i18n, paths\n") == []
    assert offences("app.paths", "from app.domain import state\n") == ["app.domain.state"]
    assert offences("app.domain.fake", "import importlib\nimportlib.import_module('app.ui.app')\n")
    assert offences("app.domain.fake", "from app.nowhere import x\n") == ["app.nowhere"]
    # The CLI loads Qt only for ``gui``: the ui import inside cmd_gui, nowhere else.
    gui = "def cmd_gui() -> None:\n    from app.ui.app import run\n"
    assert offences("app.cli", gui) == []
    assert offences("app.cli", "from app.ui.app import run\n") == ["app.ui.app"]
    assert offences("app.cli", gui.replace("cmd_gui", "cmd_list")) == ["app.ui.app"]
    assert offences("app.cli", "def cmd_gui() -> None:\n    import PySide6\n") == ["PySide6"]
    assert [v.why for v in check_source("app.newthing", "", known=KNOWN)] == [
        "a module the layer table does not place"
    ]

"""What each way of starting Sonae imports, each in a fresh interpreter.

Start-up stays fast because heavy packages load only where they are needed (DESIGN.md): Qt only for
``gui``, reportlab only when a document is made, the plan parser (pydantic, YAML) only when a plan
is read. Each probe runs ``app.cli.main([...])`` in its own subprocess with an audit hook on
``import`` and writes every module it imported (attempts included) to a file, after the command
has returned; the tests then look at that list, and at what the command did, so a rule broken by
a lazy import deep in a call fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT = ("PySide6", "shiboken6")
PDF = ("reportlab",)
PLAN_PARSING = ("pydantic", "yaml")

PROBE = r"""
import importlib, json, os, sys
from pathlib import Path

seen = set()
sys.addaudithook(lambda event, args: seen.add(args[0]) if event == "import" else None)
for name in json.loads(os.environ.get("PROBE_PRELOAD", "[]")):
    importlib.import_module(name)  # only the probe's own test: a rule broken on purpose
from app.cli import main

try:
    code = main(json.loads(sys.argv[2]))
except SystemExit as exc:
    code = exc.code
if "PySide6.QtCore" in sys.modules:
    # The window reads the plans on a worker after it shows: wait until it is done with them.
    import gc
    from PySide6.QtCore import QThreadPool

    for pool in [o for o in gc.get_objects() if isinstance(o, QThreadPool)]:
        pool.waitForDone(60000)
Path(sys.argv[1]).write_text(json.dumps({"code": code, "modules": sorted(seen | set(sys.modules))}))
"""


def probe(
    tmp_path: Path, *argv: str, env: dict[str, str] | None = None, preload: tuple[str, ...] = ()
) -> tuple[int, set[str], str]:
    """Run one command in a fresh interpreter: its exit code, every module imported, its stdout."""
    report = tmp_path / "probe.json"
    report.unlink(missing_ok=True)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), json.dumps(list(argv))],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, **(env or {}), "PROBE_PRELOAD": json.dumps(list(preload))},
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(report.read_text("utf-8"))
    return found["code"], set(found["modules"]), result.stdout


def loaded(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    """Which of ``packages`` (a top-level name or a dotted module) were imported, themselves or
    any module inside them."""
    return sorted(p for p in packages if any(m == p or m.startswith(p + ".") for m in modules))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A data folder holding one incident, shared by the probes (they only read it or add to it)."""
    root = tmp_path_factory.mktemp("imports") / "data"
    started = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(root), "incident", "start", "ransomware"]
        + ["--title", "訓練", "--mode", "drill", "--actor", "係", "--at", "2026-11-25T09:00+09:00"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert started.returncode == 0, started.stderr
    return root, started.stdout.strip()


def test_the_probe_sees_an_import_made_on_the_way(tmp_path: Path) -> None:
    """The rule can fail: the same probe, with reportlab and Qt imported behind its back."""
    code, modules, _out = probe(tmp_path, "--version", preload=("reportlab.platypus", "PySide6"))
    assert code == 0
    assert loaded(modules, PDF + QT) == ["PySide6", "reportlab", "shiboken6"]


def test_version_loads_no_qt_no_reportlab_and_no_plan_parser(tmp_path: Path) -> None:
    code, modules, out = probe(tmp_path, "--version")
    assert code == 0 and out.startswith("sonae "), out
    assert "app.cli" in modules
    assert loaded(modules, QT + PDF + PLAN_PARSING) == []


# Commands that make no document: neither Qt nor reportlab. {id} is the folder's incident.
PLAIN = [
    ("incident", "list"),
    ("incident", "list", "--json"),
    ("incident", "show", "{id}"),
    ("incident", "note", "{id}", "import probe", "--actor", "係"),
    ("incident", "status", "{id}", "contained", "--actor", "係"),
    ("evidence", "list", "{id}"),
    ("verify",),
    ("verify", "{id}"),
    ("playbooks", "list"),
    ("playbooks", "check"),
    ("playbooks", "schema"),
    ("timeline", "{id}", "--csv", "{out}/timeline.csv"),
    ("demo",),
]
# Commands that make a document: reportlab, never Qt.
DOCUMENTS = [
    ("report", "{id}", "--out", "{out}/record.pdf"),
    ("report", "{id}", "--kind", "after-action", "--out", "{out}/after.pdf"),
    ("print", "ransomware", "--out", "{out}/checklist.pdf"),
    ("timeline", "{id}", "--png", "{out}/timeline.png"),
    ("demo", "--out", "{out}/demo.pdf"),
]


def command(folder: tuple[Path, str], out: Path, args: tuple[str, ...]) -> list[str]:
    root, incident = folder
    if args[0] == "demo":  # the drill writes an incident of its own: not into the shared folder
        root = out / "demo-data"
    filled = [a.format(id=incident, out=out) for a in args]
    return ["--data-dir", str(root), "--lang", "en", *filled]


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_command_without_a_document_loads_neither_qt_nor_reportlab(
    folder: tuple[Path, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules, _out = probe(tmp_path, *command(folder, tmp_path, args))
    assert code == 0
    assert any(m.startswith(("app.services.", "app.domain.playbook")) for m in modules)  # it ran
    assert loaded(modules, QT) == [], "only gui may import Qt"
    assert loaded(modules, PDF) == [], "reportlab only when a document is made"


@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_a_command_making_a_document_loads_reportlab_but_not_qt(
    folder: tuple[Path, str], tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules, _out = probe(tmp_path, *command(folder, tmp_path, args))
    assert code == 0
    written = [Path(a) for a in command(folder, tmp_path, args) if a.startswith(str(tmp_path))]
    assert any(p.is_file() and p.stat().st_size > 0 for p in written), written
    assert loaded(modules, PDF) == ["reportlab"]  # it did make the document
    assert loaded(modules, QT) == [], "only gui may import Qt"


def test_the_home_window_opens_without_reportlab(folder: tuple[Path, str], tmp_path: Path) -> None:
    """``sonae gui`` up to an interactive home window: the incidents listed, the plans read."""
    root, _incident = folder
    code, modules, out = probe(
        tmp_path,
        "--data-dir",
        str(root),
        "--lang",
        "en",
        "gui",
        env={"QT_QPA_PLATFORM": "offscreen", "SONAE_EXIT_WHEN_READY": "data"},
    )
    assert code == 0 and out.splitlines() == ["ready"], out
    assert {"app.ui.app", "app.ui.main_window", "app.ui.home", "app.services.library"} <= modules
    assert loaded(modules, QT) == ["PySide6", "shiboken6"]
    assert loaded(modules, PDF) == [], "the home window must open without reportlab"
    assert not {m for m in modules if m.startswith("app.reports.") and m != "app.reports.facts"}

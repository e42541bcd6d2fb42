"""`sonae playbooks import-md` and `export-md`: a plan started from a Markdown checklist, and a
plan written out as one (the reading and writing rules: app/domain/markdown_plan.py).

import: the file is read within the plan reader's bounds, turned into a plan, written as YAML
and checked by the same rules as `playbooks check` before anything is written; a problem is
one ``FILE:LINE`` line, of the Markdown file where the Markdown is at fault.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from app.domain.loader import load_text
from app.domain.markdown_plan import MarkdownProblem, markdown_from_plan, plan_from_markdown
from app.domain.yamlsource import read_utf8
from app.errors import SonaeError
from app.i18n import msg
from app.services.outputs import write_output
from app.services.workspace import Workspace


def _yaml_text(plan: dict[str, object], source: Path) -> str:
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    yaml.width = 4096  # a long Japanese sentence stays on its line, as in the bundled plans
    out = io.StringIO()
    out.write(
        f"# Started from the Markdown checklist {source.name} by `sonae playbooks import-md`.\n"
        "# Add what Markdown cannot say: roles, decisions and the conditions that use them,\n"
        "# fields, deadlines, English titles; then `sonae playbooks check` this file.\n"
    )
    yaml.dump(plan, out)
    return out.getvalue()


def plan_id_from(path: Path) -> str:
    """An id from the file's name (``Ransomware Runbook.md`` → ``ransomware-runbook``)."""
    stem = "".join(c if c.isascii() and c.isalnum() else "-" for c in path.stem.lower())
    stem = "-".join(part for part in stem.split("-") if part)[:64]
    return stem if stem and stem[0].isalnum() else "imported-plan"


def import_markdown(
    source: Path, out: Path, root: Path | None, plan_id: str | None, category: str
) -> Path:
    text, problems = read_utf8(source)
    if text is None:
        raise SonaeError(str(problems[0]))
    try:
        plan = plan_from_markdown(text, plan_id or plan_id_from(source), category, date.today())
    except MarkdownProblem as problem:
        raise SonaeError(f"{source}:{problem.line}: {problem.why}") from None
    yaml_text = _yaml_text(plan, source)
    checked = load_text(yaml_text, str(out))
    errors = [p for p in checked.problems if p.severity == "error"]
    if errors or checked.playbook is None:
        raise SonaeError(str(errors[0]) if errors else msg("計画として読めません", "not a plan"))
    written, _ = write_output(out, lambda handle: handle.write(yaml_text.encode("utf-8")), root)
    return written


def export_markdown(ws: Workspace, plan_id: str, out: Path, lang: str) -> Path:
    text = markdown_from_plan(ws.library.get(plan_id).plan, lang)
    written, _ = write_output(out, lambda handle: handle.write(text.encode("utf-8")), ws.root)
    return written

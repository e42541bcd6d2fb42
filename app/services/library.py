"""The playbook library: the bundled reference plans, overridden by the city's own copies.

Plans in the user's data folder (``playbooks/``) replace bundled plans of the same id, so a city
can edit its plans without touching the installed program.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import SonaeError
from app.i18n import msg
from app.paths import playbooks_dir

if TYPE_CHECKING:  # the plan parser (pydantic, YAML) loads when a plan is first read
    from app.domain.contacts import Contacts
    from app.domain.loader import PlaybookFile, Problem

# YAML files that sit beside the plans but are not plans.
NOT_PLAYBOOKS = frozenset({"contacts.example.yaml"})


def playbook_paths(folder: Path) -> list[Path]:
    """Every ``*.yaml`` name in the folder, regular file or not: a folder, a FIFO or a broken
    link named like a plan is reported by the reader, not skipped without a word."""
    return scan(folder)[0]


def scan(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The plan files of a folder, and why the folder itself cannot be read (if so)."""
    from app.domain.loader import Problem

    try:
        if not folder.is_dir():
            return [], []
        names = sorted(p for p in folder.iterdir() if p.name.endswith(".yaml"))
    except OSError as exc:
        # The city's plans cannot be listed: said, so "no playbook 'x'" is not the only clue.
        return [], [Problem(str(folder), 1, f"cannot read this folder: {exc.strerror or exc}")]
    return [p for p in names if p.name not in NOT_PLAYBOOKS], []


def files_in(path: Path) -> tuple[list[Path], list[Problem]]:
    """What a check named on the command line reads: a folder's files (``scan``), or the file."""
    return scan(path) if path.is_dir() else ([path], [])


class Library:
    def __init__(self, folders: list[Path] | None = None) -> None:
        self.folders = folders if folders is not None else [playbooks_dir()]
        self._plans: dict[str, PlaybookFile] | None = None
        self.problems: list[Problem] = []

    @property
    def loaded(self) -> bool:
        return self._plans is not None

    def _load(self) -> dict[str, PlaybookFile]:
        """Every plan that reads; a plan that does not is kept in ``problems`` (FILE:LINE) and
        skipped, so one bad file in the city's folder never takes the other plans down."""
        if self._plans is None:
            from app.domain.loader import load_file

            plans: dict[str, PlaybookFile] = {}
            problems: list[Problem] = []
            for folder in self.folders:
                paths, unreadable = scan(folder)
                problems.extend(unreadable)
                for path in paths:
                    result = load_file(path)
                    problems.extend(p for p in result.problems if p.severity == "error")
                    if result.playbook is not None:
                        plans[result.playbook.id] = result.playbook
            self._plans, self.problems = plans, problems
        return self._plans

    def all(self) -> list[PlaybookFile]:
        return sorted(self._load().values(), key=lambda p: (p.plan.category, p.id))

    def get(self, playbook_id: str) -> PlaybookFile:
        plan = self._load().get(playbook_id)
        if plan is None:
            raise SonaeError(
                msg(
                    "プレイブック '{id}' はありません (sonae playbooks list で一覧を確認)",
                    "no playbook '{id}' (see: sonae playbooks list)",
                    id=playbook_id,
                )
            )
        return plan

    def reload(self) -> None:
        self._plans = None


def unheld_roles(playbook: PlaybookFile, contacts: Contacts) -> list[Problem]:
    """A warning, at the line where the plan names it, for each role nobody holds in contacts."""
    from app.domain.contacts import holders
    from app.domain.loader import Problem

    plan = playbook.plan
    uses: dict[str, list[str | int]] = {role: ["roles", i] for i, role in enumerate(plan.roles)}
    for p, phase in enumerate(plan.phases):
        for s, step in enumerate(phase.steps):
            if step.role is not None:
                uses.setdefault(step.role, ["phases", p, "steps", s, "role"])
    return [
        Problem(
            *playbook.where(loc),
            f"role '{role}' has no holder in the contacts file",
            "warning",
        )
        for role, loc in uses.items()
        if not holders(contacts, role)
    ]


def unknown_bodies(playbook: PlaybookFile, contacts: Contacts) -> list[Problem]:
    """A warning, at the step's ``contacts``, for each external body the contacts file lacks."""
    from app.domain.loader import Problem

    problems = []
    for p, phase in enumerate(playbook.plan.phases):
        for s, step in enumerate(phase.steps):
            for c, body in enumerate(step.contacts):
                if contacts.body(body) is None:
                    loc: list[str | int] = ["phases", p, "steps", s, "contacts", c]
                    problems.append(
                        Problem(
                            *playbook.where(loc),
                            f"step '{step.id}' names external body '{body}', "
                            "which is not in the contacts file",
                            "warning",
                        )
                    )
    return problems


def check_paths(paths: list[Path], contacts: Contacts | None = None) -> list[Problem]:
    """Validate files or folders of playbooks; every problem carries FILE:LINE.

    With ``contacts``, also warn about each role a plan uses that no one in them holds, and each
    external body a step names that they lack.
    """
    from app.domain.loader import Problem, load_file

    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in paths:
        files, unreadable = files_in(path)
        problems.extend(unreadable)
        if path.is_dir() and not files and not unreadable:
            problems.append(Problem(str(path), 1, "no playbooks (*.yaml) in this folder"))
        for file in files:
            result = load_file(file)
            problems.extend(result.problems)
            if result.playbook is not None:
                if contacts is not None:
                    problems.extend(unheld_roles(result.playbook, contacts))
                    problems.extend(unknown_bodies(result.playbook, contacts))
                plan_id = result.playbook.id
                if plan_id in seen:
                    problems.append(
                        Problem(
                            str(file), 2, f"playbook id '{plan_id}' is also used by {seen[plan_id]}"
                        )
                    )
                seen[plan_id] = str(file)
    return problems

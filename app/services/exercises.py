"""The exercise scripts: the bundled ones (``playbooks/exercises/``), overridden by the city's own
(``exercises/`` in the data folder's ``playbooks/``) of the same id, as plans are.

A script is only offered once it reads and fits the plan it exercises (every step, question,
answer and role it names is in that plan as the library has it); a script that does not is kept
in ``problems`` at FILE:LINE and skipped, so one bad file never hides the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import SonaeError
from app.i18n import msg
from app.services.library import Library, files_in, scan

if TYPE_CHECKING:  # the script reader (pydantic, YAML) loads when a script is first read
    from app.domain.exercise_script import ScriptFile
    from app.domain.loader import Problem

EXERCISES = "exercises"  # the folder of scripts beside the plans


class Exercises:
    def __init__(self, folders: list[Path], library: Library) -> None:
        self.folders = folders
        self.library = library
        self._scripts: dict[str, ScriptFile] | None = None
        self.problems: list[Problem] = []

    def _load(self) -> dict[str, ScriptFile]:
        if self._scripts is None:
            scripts: dict[str, ScriptFile] = {}
            problems: list[Problem] = []
            for folder in self.folders:
                paths, unreadable = scan(folder)
                problems.extend(unreadable)
                for path in paths:
                    script, found = read_script(path, self.library)
                    problems.extend(found)
                    if script is not None:
                        scripts[script.script.id] = script
            self._scripts, self.problems = scripts, problems
        return self._scripts

    def all(self) -> list[ScriptFile]:
        return sorted(self._load().values(), key=lambda s: s.script.id)

    def get(self, script_id: str) -> ScriptFile:
        script = self._load().get(script_id)
        if script is None:
            raise SonaeError(
                msg(
                    "訓練シナリオ '{id}' はありません (sonae exercise list で一覧を確認)",
                    "no exercise script '{id}' (see: sonae exercise list)",
                    id=script_id,
                )
            )
        return script


def read_script(path: Path, library: Library) -> tuple[ScriptFile | None, list[Problem]]:
    """A script file read and checked against its plan: the script, or None and its problems."""
    from app.domain.exercise_script import check_against, parse_script
    from app.domain.yamlsource import read_utf8

    text, problems = read_utf8(path)
    if text is None:
        return None, problems
    script, problems = parse_script(text, str(path))
    if script is None:
        return None, problems
    try:
        plan = library.get(script.script.plan).plan
    except SonaeError:
        return None, [script.problem(["plan"], f"no plan '{script.script.plan}' in the library")]
    problems = check_against(script, plan)
    return (None if problems else script), problems


def check_script_paths(paths: list[Path], library: Library) -> list[Problem]:
    """Validate script files or folders of them; every problem carries FILE:LINE."""
    problems: list[Problem] = []
    for path in paths:
        files, unreadable = files_in(path)
        problems.extend(unreadable)
        for file in files:
            problems.extend(read_script(file, library)[1])
    return problems

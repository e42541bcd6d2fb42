"""What two laptops' records of one incident disagree on, once their chains are merged.

Each laptop answers questions and finishes steps in its own chain. After bundles are exchanged
the log holds both, and two kinds of disagreement are never settled quietly by the merge order:

- a question (判断) whose latest answer on one laptop differs from the latest on another;
- a step done on one laptop and skipped on another (each laptop's latest outcome of it).

A responder settles one with a ``conflict_resolved`` entry naming the entries it settles
(``over``) and the answer or outcome chosen; the fold then holds that choice. A later answer
that differs again, from any laptop, is a new conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.entries import LogEntry
from app.domain.vocabulary import CHOICE_LABELS, STEP_STATE_LABELS, label_of

if TYPE_CHECKING:
    from app.domain.playbook import Playbook

OUTCOMES = {"step_done": "done", "step_skipped": "skipped"}


@dataclass(frozen=True)
class Conflict:
    subject: str  # "decision" | "step"
    target: str  # the decision's or step's id
    entries: tuple[LogEntry, ...]  # each laptop's latest, oldest first

    @property
    def values(self) -> dict[str, str]:
        """device -> its answer (a choice, or done / skipped)."""
        return {e.device: value_of(e) for e in self.entries}


def value_of(entry: LogEntry) -> str:
    if entry.kind == "decided":
        return str(entry.payload.get("choice", ""))
    return OUTCOMES.get(entry.kind, "")


def conflicts(entries: Iterable[LogEntry]) -> list[Conflict]:
    """The open conflicts in an incident's merged entries (in the log's one order)."""
    entries = list(entries)
    retracted = {str(e.payload.get("target", "")) for e in entries if e.kind == "corrected"}
    latest: dict[tuple[str, str], dict[str, LogEntry]] = {}
    settled: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        if entry.uuid in retracted:
            continue
        if entry.kind == "decided" and entry.decision_id:
            latest.setdefault(("decision", entry.decision_id), {})[entry.device] = entry
        elif entry.kind in OUTCOMES and entry.step_id:
            latest.setdefault(("step", entry.step_id), {})[entry.device] = entry
        elif entry.kind == "conflict_resolved":
            p = entry.payload
            over = p.get("over")
            key = (str(p.get("subject", "")), str(p.get("target", "")))
            if isinstance(over, list):
                settled.setdefault(key, set()).update(str(u) for u in over)
    found = []
    for key, by_device in latest.items():
        kept = list(by_device.values())
        if len({value_of(e) for e in kept}) < 2:
            continue
        if all(e.uuid in settled.get(key, set()) for e in kept):
            continue
        found.append(Conflict(key[0], key[1], tuple(kept)))
    return found


def in_words(conflict: Conflict, plan: Playbook | None, lang: str) -> tuple[str, dict[str, str]]:
    """The conflict as a responder reads it: the question or the step in the plan's words, and
    each value (an answer, done or skipped) as the screen and the paper say it."""
    if conflict.subject == "decision":
        decision = plan.decision(conflict.target) if plan is not None else None
        title = decision.ask.get(lang) if decision is not None else conflict.target
        table = CHOICE_LABELS
    else:
        step = plan.step(conflict.target) if plan is not None else None
        title = step.title.get(lang) if step is not None else conflict.target
        table = STEP_STATE_LABELS
    values = {value_of(e): label_of(table, value_of(e), lang) for e in conflict.entries}
    return title, values

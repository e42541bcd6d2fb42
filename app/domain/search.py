"""Free-text search of an incident's log: what a typed text matches, one rule for the store's
query and for entries checked in Python (a log of several laptops, new rows on top).

An entry matches when the text is in its own words (any text in its payload: a note, a reason,
a field's value), in its writer's name, or in the words of the step, question or kind it is
about (a step's title, a question and its answers, 手順完了), in Japanese or English. Letters are
compared without case."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.domain.entries import LogEntry
from app.domain.vocabulary import KIND_LABELS

if TYPE_CHECKING:
    from app.domain.state import IncidentState

LANGS = ("ja", "en")


@dataclass(frozen=True)
class TextSearch:
    """A typed text, and the steps, questions and kinds whose words hold it."""

    text: str
    step_ids: frozenset[str] = frozenset()
    decision_ids: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()


def text_search(text: str, state: IncidentState | None) -> TextSearch | None:
    """The search for ``text`` in ``state``'s plans (every plan it followed); None for none."""
    text = text.strip()
    if not text:
        return None
    wanted = text.casefold()

    def holds(*words: str | None) -> bool:
        return any(w and wanted in w.casefold() for w in words)

    steps: set[str] = set()
    decisions: set[str] = set()
    for run in state.plans if state is not None else []:
        plan = run.playbook.plan
        for step in plan.steps():
            if holds(*(step.title.get(lang) for lang in LANGS)):
                steps.add(step.id)
        for decision in plan.decisions:
            words = [decision.ask.get(lang) for lang in LANGS]
            words += [c.label.get(lang) for c in decision.choices if c.label for lang in LANGS]
            if holds(*words):
                decisions.add(decision.id)
    kinds = {kind for kind, label in KIND_LABELS.items() if holds(label.ja, label.en)}
    return TextSearch(text, frozenset(steps), frozenset(decisions), frozenset(kinds))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def matches(entry: LogEntry, search: TextSearch | None) -> bool:
    """Whether ``entry`` is found by ``search`` (every entry is, with no search)."""
    if search is None:
        return True
    if (
        entry.kind in search.kinds
        or (entry.step_id or "") in search.step_ids
        or (entry.decision_id or "") in search.decision_ids
    ):
        return True
    wanted = search.text.casefold()
    return wanted in entry.actor.casefold() or any(
        wanted in s.casefold() for s in _strings(entry.payload)
    )

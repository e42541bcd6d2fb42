"""The 報告書 items an incident's log holds: what each step's fields and each answered question
marked ``report:`` in its plan supplied, so the first page of the record is filled from the log
and nothing is typed twice.

An item may be supplied more than once (two plans after a hand-over, two steps, a question and a
field): every value is kept, in the order the plans were followed, each with where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.describe import choice_text, field_text
from app.domain.state import IncidentState
from app.domain.timeutil import parse_iso
from app.domain.vocabulary import UNANSWERED


@dataclass(frozen=True)
class ReportValue:
    item: str  # a key of vocabulary.REPORT_ITEM_LABELS
    text: str  # the value in words (a time as a person reads it, describe.field_text)
    source: str  # the step or question it came from, in the plan's words
    label: str  # the field's label (the question's, for an answer)
    at: str  # when it was recorded (the step done, the question answered), ISO
    moment: datetime | None = None  # a datetime field's value


def report_values(state: IncidentState, lang: str = "ja") -> dict[str, list[ReportValue]]:
    """Every 報告書 item the log holds, item -> values in the order the plans were followed."""
    out: dict[str, list[ReportValue]] = {}
    seen_fields: set[tuple[str, str]] = set()
    for run in state.plans:
        plan = run.playbook.plan
        for step in plan.steps():
            record = run.steps.get(step.id)
            if record is None:
                continue
            for spec in step.fields:
                if spec.report is None or spec.id not in record.fields:
                    continue
                # A step done before a hand-over is carried into the next plan: one value.
                done = (record.entry_uuid or f"{step.id}@{record.done_at}", spec.id)
                if done in seen_fields:
                    continue
                seen_fields.add(done)
                value = record.fields[spec.id]
                moment = None
                if spec.type == "datetime":
                    try:
                        moment = parse_iso(str(value))
                    except ValueError:
                        moment = None
                out.setdefault(spec.report, []).append(
                    ReportValue(
                        spec.report,
                        field_text(spec, value, lang),
                        step.title.get(lang),
                        spec.label.get(lang),
                        record.done_at or record.started_at or "",
                        moment,
                    )
                )
    seen: set[str] = set()
    for run in reversed(state.plans):  # a question asked in two plans is one answer
        plan = run.playbook.plan
        for decision in plan.decisions:
            answer = state.decisions.get(decision.id)
            if decision.report is None or decision.id in seen:
                continue
            seen.add(decision.id)
            if answer is None:  # said, so an open question is not read as a blank
                out.setdefault(decision.report, []).append(
                    ReportValue(
                        decision.report,
                        f"{decision.ask.get(lang)}: {UNANSWERED.text(lang)}",
                        decision.ask.get(lang),
                        "",
                        "",
                    )
                )
                continue
            out.setdefault(decision.report, []).append(
                ReportValue(
                    decision.report,
                    # The question with its answer: 「いいえ」 alone says nothing on a form.
                    f"{decision.ask.get(lang)}: {choice_text(plan, decision.id, answer.choice, lang)}",
                    decision.ask.get(lang),
                    "",
                    answer.at,
                )
            )
    return out

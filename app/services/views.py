"""Plain-data views of the derived state, for JSON output and for any front end."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.deadlines import deadline_statuses
from app.domain.loader import PlaybookFile
from app.domain.state import IncidentState
from app.domain.timeutil import to_iso


def playbook_summary(plan: PlaybookFile) -> dict[str, Any]:
    p = plan.plan
    return {
        "id": p.id,
        "version": p.version,
        "category": p.category,
        "zones": list(p.zones),
        "title": {"ja": p.title.ja, "en": p.title.get("en")},
        "sha256": plan.sha256,
        "path": plan.path,
    }


def incident_view(state: IncidentState, now: datetime) -> dict[str, Any]:
    plan = state.playbook
    steps = []
    for phase in plan.plan.phases:
        for step in phase.steps:
            record = state.plan.steps.get(step.id)
            steps.append(
                {
                    "id": step.id,
                    "phase": phase.id,
                    "state": state.step_state(step),
                    "actor": record.actor if record else None,
                    "done_at": record.done_at if record else None,
                    "skipped_at": record.skipped_at if record else None,
                    "reason": record.reason if record else None,
                    "fields": record.fields if record else {},
                }
            )
    deadlines = [
        {
            "id": s.id,
            "state": s.state,
            "due": to_iso(s.due) if s.due else None,
            "anchor_at": to_iso(s.anchor_at) if s.anchor_at else None,
            "met_at": to_iso(s.met_at) if s.met_at else None,
            "met_by": s.deadline.met_by,
        }
        for s in deadline_statuses(state, now)
    ]
    next_step = state.next_step()
    return {
        "id": state.id,
        "title": state.title,
        "mode": state.mode,
        "status": state.status,
        "body": state.body,
        "zones": state.zones,
        "declared_at": state.declared_at,
        "awareness_at": state.awareness_at,
        "playbook": plan.pin(),
        "plans": [{**r.playbook.pin(), "started_at": r.started_at} for r in state.plans],
        "steps": steps,
        "next_step": next_step.id if next_step else None,
        "decisions": [
            {"id": k, "choice": v.choice, "at": v.at, "actor": v.actor}
            for k, v in state.decisions.items()
        ],
        "deadlines": deadlines,
        "responders": [
            {"name": r.name, "first_at": r.first_at, "last_at": r.last_at, "entries": r.entries}
            for r in state.responders.values()
        ],
        "summary": state.summary,
        "clock_flags": state.clock_flags,
        "entries": state.entries,
        "head": state.head,
        "now": to_iso(now),
    }

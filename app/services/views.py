"""Plain-data views of the derived state, for JSON output and for any front end."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.domain.deadlines import deadline_statuses
from app.domain.describe import due_reason, due_text
from app.domain.exercise_script import ScriptFile
from app.domain.loader import PlaybookFile
from app.domain.progress import plan_status
from app.domain.state import IncidentState
from app.domain.step_clocks import repeat_status, target_status
from app.domain.timeutil import to_iso
from app.i18n import language

if TYPE_CHECKING:
    from app.services.incidents import Incidents


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


def exercise_summary(loaded: ScriptFile) -> dict[str, Any]:
    x = loaded.script
    return {
        "id": x.id,
        "version": x.version,
        "plan": x.plan,
        "mode": x.mode,
        "window": x.window,
        "speed": x.speed,
        "title": {"ja": x.title.ja, "en": x.title.get("en")},
        "objectives": [o.id for o in x.objectives],
        "moves": [
            {"id": m.id, "at": m.at, "injects": [{"id": i.id, "at": i.at} for i in m.injects]}
            for m in x.moves
        ],
        "path": loaded.path,
    }


def _iso(moment: datetime | None) -> str | None:
    return to_iso(moment) if moment is not None else None


def incident_view(state: IncidentState, now: datetime) -> dict[str, Any]:
    plan = state.playbook
    contacts: dict[str, list[dict[str, Any]]] = {}
    for entry in state.contacts:
        if entry.uuid not in state.retracted and entry.step_id:
            contacts.setdefault(entry.step_id, []).append(
                {"at": entry.occurred_at, "actor": entry.actor, **entry.payload}
            )
    steps = []
    for phase in plan.plan.phases:
        for step in phase.steps:
            record = state.plan.steps.get(step.id)
            view: dict[str, Any] = {
                "id": step.id,
                "phase": phase.id,
                "state": state.step_state(step),
                "actor": record.actor if record else None,
                "done_at": record.done_at if record else None,
                "skipped_at": record.skipped_at if record else None,
                "reason": record.reason if record else None,
                "fields": record.fields if record else {},
            }
            if record is not None and record.deferred_at:
                view["deferred"] = {
                    "at": record.deferred_at,
                    "reason": record.deferred_reason,
                    "until": record.deferred_until,
                }
            if step.checks:
                ticked = record.checks if record else {}
                view["checks"] = [{"id": c.id, "ticked_at": ticked.get(c.id)} for c in step.checks]
            if step.contact_records or step.contacts:
                view["contacts"] = contacts.get(step.id, [])
            target = target_status(state, step, now)
            if target is not None:
                view["target"] = {"state": target.state, "due": _iso(target.due)}
            repeat = repeat_status(state, step, now)
            if repeat is not None:
                view["repeat"] = {
                    "state": repeat.state,
                    "count": repeat.count,
                    "every": step.every,
                    "last_at": _iso(repeat.last_at),
                    "next_due": _iso(repeat.next_due),
                }
            steps.append(view)
    deadlines = [
        {
            "id": s.id,
            "state": s.state,
            "due": _iso(s.due),
            "due_text": due_text(s),
            "anchor_at": _iso(s.anchor_at),
            "met_at": _iso(s.met_at),
            "met_by": s.deadline.met_by,
            "count": s.deadline.count,
            "last_day": s.days.last_day.isoformat() if s.days else None,
            "due_day": s.days.due_day.isoformat() if s.days else None,
            "moved_because": s.days.moved_because if s.days else None,
            "why": {"ja": due_reason(s, "ja"), "en": due_reason(s, "en")} if s.days else None,
            "provisional": s.provisional,
            "scope": s.deadline.scope,
        }
        for s in deadline_statuses(state, now)
    ]
    next_step = state.next_step()
    overall = plan_status(state)
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
        "plan_state": overall.state,
        "deferred_steps": [s.id for s in overall.deferred],
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


def exercise_status(incidents: Incidents, incident_id: str) -> dict[str, Any]:
    """Where an exercise stands: its state, time, move, and each inject released or due, in the
    current language (the window's facilitator view and ``sonae exercise status`` read this)."""
    from app.domain.exercise_run import current_move, ends_at, next_move, phase, schedule
    from app.domain.vocabulary import ROLE_LABELS, label_of

    state = incidents.state(incident_id)
    start, loaded = incidents.played(state)
    script, now, lang = loaded.script, incidents.now(state), language()
    move, following = current_move(script, start.at, now), next_move(script, start.at, now)
    return {
        "incident": state.id,
        "script": {"id": script.id, "version": script.version, "sha256": start.script.sha256},
        "title": script.title.get(lang),
        "mode": state.mode,
        "phase": phase(state, script, start.at, now),
        "now": to_iso(now),
        "clock": {
            "simulated": state.clock.simulated,
            "running": state.clock.running,
            "speed": state.clock.speed,
        },
        "start": to_iso(start.at),
        "end": to_iso(ends_at(script, start.at)),
        "move": {
            "id": move.id,
            "title": move.title.get(lang),
            "situation": move.situation.get(lang),
        },
        "next_move": None
        if following is None
        else {
            "id": following.id,
            "title": following.title.get(lang),
            "at": to_iso(start.at + following.offset),
        },
        "injects": [
            {
                "id": s.inject.id,
                "move": s.move.id,
                "to": label_of(ROLE_LABELS, s.inject.to, lang),
                "text": s.inject.text.get(lang),
                "due_at": to_iso(s.due_at),
                "released_at": _iso(s.released_at),
                "by_hand": s.by_hand,
            }
            for s in schedule(state, script, start.at)
        ],
    }

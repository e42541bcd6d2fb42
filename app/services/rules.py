"""What an incident allows now: the one place a command's refusal is decided. The commands
raise what these return, and the window asks the same functions before it offers an action, so a
rule cannot live only on the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.deadlines import carried_decision
from app.domain.entries import STATUSES
from app.i18n import Msg, msg

if TYPE_CHECKING:
    from app.domain.loader import PlaybookFile
    from app.domain.playbook import Step
    from app.domain.state import IncidentState

# The actions a responder can take on an incident, as the window and the commands name them.
ACTIONS = (
    "start_step",
    "complete_step",
    "skip_step",
    "defer_step",
    "decide",
    "note",
    "lesson",
    "set_status",
    "correct",
    "hand_over",
    "clock",
    "awareness",
    "body",
    "tick",
    "contact",
    "inject",  # an exercise's inject released
    "rate",  # an exercise's objective rated
    "improve",  # an improvement item closed
    "evidence",  # a file attached
    "hand_evidence",  # an evidence file exported or handed over
    "resolve",  # two laptops' conflicting records settled (app/domain/conflicts.py)
)
# Actions on a closed incident: what is said afterwards (notes, lessons, ratings, improvement
# items closed months later), evidence handed to the police or a court later, and reopening.
ALLOWED_WHEN_CLOSED = (
    "note",
    "lesson",
    "set_status",
    "rate",
    "improve",
    "hand_evidence",
    "resolve",
)


def refusal(
    state: IncidentState, action: str, step: Step | None = None, *, in_view: bool = False
) -> Msg | None:
    """Why ``action`` (on ``step``, for step actions) cannot be taken now, or None.

    ``in_view``: the window asks about the step on its screen, so the reason speaks of "this
    step" instead of naming its id, as the command line (where the id was typed) does. The rule
    is the same either way; only the words differ."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if state.status == "closed" and action not in ALLOWED_WHEN_CLOSED:
        return closed(state)
    if action == "clock" and state.mode != "tabletop":
        return msg(
            "時計を変えられるのは机上訓練だけです",
            "only a tabletop exercise has a clock that can be changed",
        )
    if step is None:
        return None
    current = state.step_state(step)
    refused = {
        "start_step": ("done", "skipped", "active"),
        "complete_step": ("done", "skipped"),
        "skip_step": ("done", "skipped"),
        "defer_step": ("done", "skipped"),
    }.get(action, ())
    if current in refused:
        if in_view and current in ("done", "skipped"):
            return msg(
                "この手順は完了または省略済みです。", "This step is already done or skipped."
            )
        if in_view:
            return msg("この手順は既に開始されています。", "This step is already started.")
        return msg(
            "手順 '{step}' は既に {state} です。誤りなら訂正を記録してください",
            "step '{step}' is already {state}; record a correction if that was wrong",
            step=step.id,
            state=current,
        )
    if action == "defer_step" and current in ("deferred", "repeating"):
        if current == "deferred":
            if in_view:
                return msg("この手順は既に保留中です。", "This step is already deferred.")
            return msg(
                "手順 '{step}' は既に保留中です", "step '{step}' is already deferred", step=step.id
            )
        if in_view:
            return msg("繰り返す手順は保留できません。", "A repeating step cannot be deferred.")
        return msg(
            "手順 '{step}' は繰り返し実施中のため保留できません",
            "step '{step}' repeats and cannot be deferred",
            step=step.id,
        )
    if action in ("start_step", "complete_step", "defer_step", "tick", "contact"):
        if current == "not_applicable":
            if in_view:
                return msg(
                    "この手順は判断の結果、対象外です。",
                    "This step does not apply given the decisions taken.",
                )
            return msg(
                "手順 '{step}' は判断の結果、対象外です",
                "step '{step}' does not apply given the decisions taken",
                step=step.id,
            )
        if current == "waiting":
            if in_view:
                return msg("この手順は判断待ちです。", "This step waits for a decision.")
            return msg(
                "手順 '{step}' は判断待ちです ({when})",
                "step '{step}' waits for a decision ({when})",
                step=step.id,
                when=step.when,
            )
    return None


def status_refusal(state: IncidentState, status: str, summary: str | None) -> Msg | None:
    """Why the incident cannot move to ``status`` now, or None."""
    return status_change_refusal(state, status) or summary_refusal(status, summary)


def status_change_refusal(state: IncidentState, status: str) -> Msg | None:
    """Why the incident cannot move to ``status`` now, whatever summary is given: the window
    offers a status button only when this is None."""
    if status not in STATUSES:
        return msg(
            "状態 '{s}' は使えません (open, contained, recovered, closed)",
            "unknown status '{s}' (open, contained, recovered, closed)",
            s=status,
        )
    if status == state.status:
        return msg("状態は既に {s} です", "the status is already {s}", s=status)
    if state.status == "closed" and status != "open":
        return msg(
            "終了したインシデントは、まず open で再開してください",
            "a closed incident must be reopened (open) first",
        )
    return None


def summary_refusal(status: str, summary: str | None) -> Msg | None:
    """Closing needs a summary: the record's conclusion, which the after-action report and the
    signed record print."""
    if status == "closed" and not (summary or "").strip():
        return msg(
            "終了するには対応の概要を入力してください",
            "closing needs a summary of the response",
        )
    return None


def decision_refusal(state: IncidentState, decision_id: str, choice: str) -> Msg | None:
    """Why ``choice`` cannot be recorded for ``decision_id`` now, or None."""
    decision = state.playbook.plan.decision(decision_id) or carried_decision(state, decision_id)
    if decision is None:
        return msg(
            "判断 '{d}' はこのプレイブックにありません",
            "no decision '{d}' in playbook {plan}",
            d=decision_id,
            plan=state.playbook.id,
        )
    if choice not in decision.choice_ids():
        return msg(
            "'{c}' は判断 '{d}' の選択肢ではありません ({all})",
            "'{c}' is not a choice of '{d}' ({all})",
            c=choice,
            d=decision_id,
            all=", ".join(decision.choice_ids()),
        )
    previous = state.decisions.get(decision_id)
    if previous is not None and previous.choice == choice:
        return msg(
            "判断 '{d}' は既に '{c}' です",
            "decision '{d}' is already '{c}'",
            d=decision_id,
            c=choice,
        )
    return None


def hand_over_refusal(state: IncidentState, sha256: str) -> Msg | None:
    """Why the incident cannot be handed over to the plan text ``sha256``, or None."""
    if sha256 == state.playbook.sha256:
        return msg(
            "既にこのプレイブックで対応中です",
            "the incident already follows this playbook",
        )
    return None


def hand_over_targets(state: IncidentState, library: list[PlaybookFile]) -> list[PlaybookFile]:
    """The plans offered for a hand-over: those the current plan names in ``handover_to`` (in
    its order), else every other plan; never one the hand-over would refuse."""
    current = state.playbook
    wanted = current.plan.handover_to
    if wanted:
        by_id = {p.id: p for p in library}
        offered = [by_id[i] for i in wanted if i in by_id]
    else:
        offered = list(library)
    return [p for p in offered if p.id != current.id and hand_over_refusal(state, p.sha256) is None]


def closed(state: IncidentState) -> Msg:
    return msg(
        "インシデント {id} は終了しています。先に再開してください",
        "incident {id} is closed; reopen it first",
        id=state.id,
    )

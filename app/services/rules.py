"""What an incident allows now: the one place a command's refusal is decided. The commands
raise what these return, and the window asks the same functions before it offers an action, so a
rule cannot live only on the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.entries import STATUSES
from app.i18n import Msg, msg

if TYPE_CHECKING:
    from app.domain.playbook import Step
    from app.domain.state import IncidentState

# The actions a responder can take on an incident, as the window and the commands name them.
ACTIONS = (
    "start_step",
    "complete_step",
    "skip_step",
    "decide",
    "note",
    "lesson",
    "set_status",
    "correct",
    "hand_over",
    "clock",
)
# Actions on a closed incident: what is said afterwards (notes, lessons, receipts) and reopening.
ALLOWED_WHEN_CLOSED = ("note", "lesson", "set_status")


def refusal(state: IncidentState, action: str, step: Step | None = None) -> Msg | None:
    """Why ``action`` (on ``step``, for step actions) cannot be taken now, or None."""
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
    }.get(action, ())
    if current in refused:
        return msg(
            "手順 '{step}' は既に {state} です。誤りなら訂正を記録してください",
            "step '{step}' is already {state}; record a correction if that was wrong",
            step=step.id,
            state=current,
        )
    if action in ("start_step", "complete_step"):
        if current == "not_applicable":
            return msg(
                "手順 '{step}' は判断の結果、対象外です",
                "step '{step}' does not apply given the decisions taken",
                step=step.id,
            )
        if current == "waiting":
            return msg(
                "手順 '{step}' は判断待ちです ({when})",
                "step '{step}' waits for a decision ({when})",
                step=step.id,
                when=step.when,
            )
    return None


def status_refusal(state: IncidentState, status: str, summary: str | None) -> Msg | None:
    """Why the incident cannot move to ``status`` now, or None."""
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
    if status == "closed" and not (summary or "").strip():
        # The record's conclusion: the after-action report and the signed record print it.
        return msg(
            "終了するには対応の要約を入力してください",
            "closing needs a summary of the response",
        )
    return None


def closed(state: IncidentState) -> Msg:
    return msg(
        "インシデント {id} は終了しています。先に再開してください",
        "incident {id} is closed; reopen it first",
        id=state.id,
    )

"""Exercise commands: start an exercise from its script, release its injects, jump to its next
move, rate its objectives, close an improvement item.

An exercise is an incident in mode ``drill`` (the real clock) or ``tabletop`` (a simulated clock
in its log) whose opening also pins the script's text, so the exercise reads the script it was
started with, whatever the file says later. Every command goes through ``_command``, as the
incident commands do: checked at the log's head inside the write transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from app.domain import kinds as k
from app.domain.entries import EntryDraft, LogEntry
from app.domain.kinds import draft
from app.domain.state import IncidentState
from app.errors import SonaeError
from app.i18n import msg
from app.services.incident_commands import Act, IncidentCommands, _text

if TYPE_CHECKING:  # the exercise's schedule and evaluation load when an exercise is asked for:
    # a command that records a note pays nothing for them
    from app.domain.exercise_run import Evaluation, Scheduled, Start
    from app.domain.exercise_script import ScriptFile

FACILITATOR = "統制者"  # who releases an inject on time, when no one is named


class ExerciseCommands(IncidentCommands):
    def start_exercise(
        self,
        script: ScriptFile,
        actor: str,
        *,
        at: datetime | None = None,
        speed: float | None = None,
        mode: str | None = None,
    ) -> str:
        """Start the script at ``at`` (its situation's start: the scenario's own time in a
        tabletop exercise; by default the script's next weekday and time, where it names one)
        as the script says, or as ``mode``: the same injects as a drill on the real clock, or as
        a tabletop exercise on a simulated one at ``speed`` or the script's."""
        x = script.script
        mode = mode or x.mode
        if at is None and mode == "tabletop" and x.starts is not None:
            at = x.starts.next_after(self.real_clock.now())  # as the narrative tells it
        if mode == "drill" and speed not in (None, 1, 1.0):
            raise SonaeError(
                msg(
                    "訓練（実時間）の速さは変えられません。速さを変えるなら机上訓練にしてください",
                    "a drill runs on the real clock: give --mode tabletop to change its speed",
                )
            )
        return self.start(
            x.plan,
            x.title.get("ja"),
            actor,
            mode=mode,
            at=at,
            exercise=script,
            speed=float(speed if speed is not None else (x.speed if mode == "tabletop" else 1)),
        )

    # What the exercise is: read from the log and the pinned script.
    def exercise(self, incident_id: str | IncidentState) -> tuple[Start, ScriptFile] | None:
        from app.domain.exercise_run import exercise_start

        state = incident_id if isinstance(incident_id, IncidentState) else self.state(incident_id)
        start = exercise_start(state)
        if start is None:
            return None
        return start, self.pinned_script(start.script.sha256)

    def pinned_script(self, sha256: str) -> ScriptFile:
        known = self._scripts.get(sha256)
        if known is None:
            from app.domain.exercise_script import parse_script

            text = self.pinned_text(
                sha256,
                msg(
                    "固定された訓練シナリオ {sha} が見つかりません",
                    "pinned exercise script {sha} is missing",
                    sha=sha256[:12],
                ),
            )
            known, problems = parse_script(text, f"script {sha256[:12]}")
            if known is None:
                raise SonaeError(
                    msg(
                        "固定された訓練シナリオが読めません: {p}",
                        "the pinned exercise script does not read: {p}",
                        p=problems[0] if problems else "",
                    )
                )
            self._scripts[sha256] = known
        return known

    def played(self, state: IncidentState) -> tuple[Start, ScriptFile]:
        found = self.exercise(state)
        if found is None:
            raise SonaeError(
                msg(
                    "{id} は訓練シナリオで始めた訓練ではありません",
                    "{id} was not started from an exercise script",
                    id=state.id,
                )
            )
        return found

    def schedule(self, incident_id: str) -> list[Scheduled]:
        from app.domain.exercise_run import schedule

        state = self.state(incident_id)
        start, script = self.played(state)
        return schedule(state, script.script, start.at)

    def evaluation(self, incident_id: str, live: bool = False) -> Evaluation:
        """``live``: as the exercise stands now (a response whose target has not passed is
        waiting), for the facilitator while it is played."""
        from app.domain.exercise_run import evaluate

        state = self.state(incident_id)
        start, script = self.played(state)
        return evaluate(state, script.script, start.at, self.now(state) if live else None)

    # Writing.
    def release_injects(
        self, incident_id: str, actor: str = FACILITATOR, inject_id: str | None = None
    ) -> list[LogEntry]:
        """Release every inject whose time has come, each at its own time; or, with
        ``inject_id``, that one now, by hand (before its time, or one left unreleased)."""

        from app.domain.exercise_run import due, schedule

        def build(act: Act) -> list[EntryDraft]:
            start, script = self.played(act.state)
            plan = schedule(act.state, script.script, start.at)
            if inject_id is None:
                return [_release(act, s, s.due_at, by_hand=False) for s in due(plan, act.when)]
            chosen = next((s for s in plan if s.inject.id == inject_id), None)
            if chosen is None:
                raise SonaeError(
                    msg(
                        "状況付与 '{i}' はこの訓練にありません",
                        "no inject '{i}' in this exercise",
                        i=inject_id,
                    )
                )
            if chosen.released is not None:
                raise SonaeError(
                    msg(
                        "状況付与 '{i}' は既に付与しました",
                        "inject '{i}' was released already",
                        i=inject_id,
                    )
                )
            return [_release(act, chosen, act.when, by_hand=True)]

        return self._command(incident_id, "inject", actor, build)

    def jump_to_next_move(self, incident_id: str, actor: str) -> LogEntry:
        """Move a tabletop exercise's clock to the next move's situation time: the injects
        after it keep their spacing, since each is due at its own offset from the start."""
        from app.domain.exercise_run import next_move

        state = self.state(incident_id)
        start, script = self.played(state)
        move = next_move(script.script, start.at, self.now(state))
        if move is None:
            raise SonaeError(
                msg(
                    "次の場面はありません (最後の場面です)",
                    "there is no next move (this is the last)",
                )
            )
        return self.change_clock(incident_id, "jump", actor, to=start.at + move.offset)

    def rate(
        self, incident_id: str, objective: str, rating: str, reason: str, actor: str
    ) -> LogEntry:
        """The evaluator's rating (P/S/M/U) of an objective, with why; a later one replaces it."""
        if rating not in k.RATINGS:
            raise SonaeError(
                msg(
                    "評価 '{r}' は使えません (P, S, M, U)",
                    "unknown rating '{r}' (P, S, M, U)",
                    r=rating,
                )
            )
        reason = _text(reason, "評価の理由", "a reason for the rating")

        def build(act: Act) -> list[EntryDraft]:
            _, script = self.played(act.state)
            if script.script.objective(objective) is None:
                raise SonaeError(
                    msg(
                        "目標 '{o}' はこの訓練にありません",
                        "no objective '{o}' in this exercise",
                        o=objective,
                    )
                )
            payload = k.Rated(objective=objective, rating=rating, reason=reason)
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "rate", actor, build)[0]

    def close_improvement(
        self,
        incident_id: str,
        item: str,
        done: str,
        actor: str,
        revision: str | None = None,
    ) -> LogEntry:
        """Close an improvement item (the lesson entry ``item``, by uuid or its first
        characters) with what was done, and the plan revision that carries it if there is one."""
        done = _text(done, "実施した内容", "what was done")

        def build(act: Act) -> list[EntryDraft]:
            lesson = _improvement_item(act.state, item)
            if any(
                k.read_payload(e, k.ImprovementClosed).item == lesson.uuid
                for e in act.state.closures
            ):
                raise SonaeError(
                    msg(
                        "この改善項目は既に完了しています",
                        "this improvement item is closed already",
                    )
                )
            payload = k.ImprovementClosed(
                item=lesson.uuid, done=done, revision=(revision or "").strip() or None
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "improve", actor, build)[0]


def _release(act: Act, s: Scheduled, at: datetime, *, by_hand: bool) -> EntryDraft:
    payload = k.Inject(
        text=s.inject.text.get("ja"),
        inject=s.inject.id,
        move=s.move.id,
        to=s.inject.to,
        by_hand=by_hand,
    )
    return draft(act.id, act.actor, at, payload)


def _improvement_item(state: IncidentState, item: str) -> LogEntry:
    item = item.strip()
    found = [
        e
        for e in state.lessons
        if e.payload.get("improvement") and len(item) >= 8 and e.uuid.startswith(item)
    ]
    if len(found) != 1:
        raise SonaeError(
            msg(
                "改善項目 '{i}' が見つかりません (sonae improvements list の ID を指定)",
                "no improvement item '{i}' (give an id from: sonae improvements list)",
                i=item,
            )
        )
    return found[0]

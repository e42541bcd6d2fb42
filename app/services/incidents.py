"""Incident use cases: start, follow steps, decide, note, change status, correct.

Every method checks its input against the derived state first and raises ``SonaeError`` with a
reason when it refuses, so nothing invalid ever reaches the log. Writes return only after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain.clock import Clock, SystemClock
from app.domain.deadlines import DeadlineStatus, deadline_statuses, nearest_open_deadline
from app.domain.entries import MODES, STATUSES, EntryDraft, LogEntry
from app.domain.loader import PlaybookFile, parse_trusted
from app.domain.playbook import ZONES, Step
from app.domain.state import IncidentFold, IncidentState
from app.domain.timeutil import JST, parse_iso, to_iso
from app.errors import SonaeError
from app.i18n import msg
from app.services.library import Library
from app.store.log import LogStore

# A real or drill entry may not claim to have happened in the future; tabletop time is simulated.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class IncidentSummary:
    id: str
    title: str
    mode: str
    status: str
    playbook_id: str
    declared_at: str
    entries: int
    nearest: DeadlineStatus | None


class Incidents:
    def __init__(self, store: LogStore, library: Library, clock: Clock | None = None) -> None:
        self.store = store
        self.library = library
        self.clock = clock or SystemClock()
        self._folds: dict[str, IncidentFold] = {}
        self._plans: dict[str, PlaybookFile] = {}

    # Reading
    def resolve_plan(self, sha256: str) -> PlaybookFile:
        plan = self._plans.get(sha256)
        if plan is None:
            text = self.store.plan_text(sha256)
            if text is None:
                raise SonaeError(
                    msg(
                        "固定されたプレイブック {sha} が見つかりません",
                        "pinned playbook {sha} is missing",
                        sha=sha256[:12],
                    )
                )
            plan = self._plans[sha256] = parse_trusted(text)
        return plan

    def state(self, incident_id: str) -> IncidentState:
        """The derived state, kept current incrementally (other processes may have written)."""
        head = self.store.head(incident_id)
        if head is None:
            raise SonaeError(
                msg("インシデント {id} はありません", "no incident {id}", id=incident_id)
            )
        fold = self._folds.get(incident_id)
        if fold is None:
            fold = self._folds[incident_id] = IncidentFold(incident_id, self.resolve_plan)
        if head[0] > fold.state.entries:
            fold.apply_all(self.store.entries(incident_id, after_seq=fold.state.entries))
        return fold.state

    def entries(self, incident_id: str) -> list[LogEntry]:
        self.state(incident_id)
        return self.store.entries(incident_id)

    def deadlines(self, incident_id: str, now: datetime | None = None) -> list[DeadlineStatus]:
        return deadline_statuses(self.state(incident_id), now or self.clock.now())

    def summaries(self, now: datetime | None = None) -> list[IncidentSummary]:
        now = now or self.clock.now()
        out = []
        for incident_id in self.store.incident_ids():
            state = self.state(incident_id)
            out.append(
                IncidentSummary(
                    state.id,
                    state.title,
                    state.mode,
                    state.status,
                    state.playbook.id,
                    state.declared_at,
                    state.entries,
                    nearest_open_deadline(deadline_statuses(state, now)),
                )
            )
        return out

    # Writing
    def _when(self, at: datetime | None, mode: str) -> datetime:
        now = self.clock.now()
        if at is None:
            return now
        if mode != "tabletop" and at > now + FUTURE_TOLERANCE:
            raise SonaeError(
                msg(
                    "未来の時刻 {at} は記録できません",
                    "cannot record a time in the future ({at})",
                    at=at.astimezone(JST).isoformat(timespec="minutes"),
                )
            )
        return at

    def _append(self, state: IncidentState, drafts: list[EntryDraft]) -> list[LogEntry]:
        written = self.store.append(drafts)
        fold = self._folds.get(state.id)
        if fold is not None and fold.state.entries + 1 == written[0].seq:
            fold.apply_all(written)
        else:
            self._folds.pop(state.id, None)
        return written

    def _open_state(self, incident_id: str) -> IncidentState:
        state = self.state(incident_id)
        if state.status == "closed":
            raise SonaeError(
                msg(
                    "インシデント {id} は終了しています。先に再開してください",
                    "incident {id} is closed; reopen it first",
                    id=incident_id,
                )
            )
        return state

    def _actor(self, actor: str) -> str:
        actor = actor.strip()
        if not actor:
            raise SonaeError(msg("対応者名を入力してください", "a responder name is required"))
        return actor

    def start(
        self,
        playbook_id: str,
        title: str,
        actor: str,
        mode: str = "real",
        at: datetime | None = None,
        zones: list[str] | None = None,
        body: str = "",
        awareness_at: datetime | None = None,
    ) -> str:
        plan = self.library.get(playbook_id)
        if mode not in MODES:
            raise SonaeError(
                msg(
                    "モード '{mode}' は使えません (real, drill, tabletop)",
                    "unknown mode '{mode}' (real, drill, tabletop)",
                    mode=mode,
                )
            )
        if not title.strip():
            raise SonaeError(msg("件名を入力してください", "a title is required"))
        zones = list(zones if zones is not None else plan.plan.zones)
        for zone in zones:
            if zone not in ZONES:
                raise SonaeError(
                    msg(
                        "ゾーン '{zone}' は使えません (mynumber, lgwan, internet)",
                        "unknown zone '{zone}' (mynumber, lgwan, internet)",
                        zone=zone,
                    )
                )
        actor = self._actor(actor)
        occurred = self._when(at, mode)
        if awareness_at is not None and awareness_at > occurred:
            raise SonaeError(
                msg(
                    "認知時刻は宣言時刻より前にしてください",
                    "the awareness time must not be after the declaration",
                )
            )
        payload: dict[str, Any] = {
            "title": title.strip(),
            "mode": mode,
            "zones": zones,
            "body": body.strip(),
            "playbook": {"id": plan.id, "version": plan.plan.version, "sha256": plan.sha256},
            "awareness_at": to_iso(awareness_at or occurred),
        }
        year = occurred.astimezone(JST).year
        written = self.store.open_incident(
            year,
            lambda new_id: [EntryDraft(new_id, "opened", actor, occurred, payload=payload)],
            [plan],
        )
        return written[0].incident_id

    def _step(self, state: IncidentState, step_id: str) -> Step:
        step = state.playbook.plan.step(step_id)
        if step is None:
            raise SonaeError(
                msg(
                    "手順 '{step}' はこのプレイブックにありません",
                    "no step '{step}' in playbook {plan}",
                    step=step_id,
                    plan=state.playbook.id,
                )
            )
        return step

    def start_step(
        self,
        incident_id: str,
        step_id: str,
        actor: str,
        at: datetime | None = None,
        note: str | None = None,
    ) -> LogEntry:
        state = self._open_state(incident_id)
        step = self._step(state, step_id)
        current = state.step_state(step)
        if current in ("done", "skipped", "active"):
            raise SonaeError(
                msg(
                    "手順 '{step}' は既に {state} です",
                    "step '{step}' is already {state}",
                    step=step_id,
                    state=current,
                )
            )
        self._require_applicable(state, step)
        payload = {"note": note} if note else {}
        return self._append(
            state,
            [
                EntryDraft(
                    incident_id,
                    "step_started",
                    self._actor(actor),
                    self._when(at, state.mode),
                    step_id=step_id,
                    payload=payload,
                )
            ],
        )[0]

    def _require_applicable(self, state: IncidentState, step: Step) -> None:
        current = state.step_state(step)
        if current == "not_applicable":
            raise SonaeError(
                msg(
                    "手順 '{step}' は判断の結果、対象外です",
                    "step '{step}' does not apply given the decisions taken",
                    step=step.id,
                )
            )
        if current == "waiting":
            raise SonaeError(
                msg(
                    "手順 '{step}' は判断待ちです ({when})",
                    "step '{step}' waits for a decision ({when})",
                    step=step.id,
                    when=step.when,
                )
            )

    def complete_step(
        self,
        incident_id: str,
        step_id: str,
        actor: str,
        fields: dict[str, Any] | None = None,
        note: str | None = None,
        deputy_for: str | None = None,
        at: datetime | None = None,
    ) -> LogEntry:
        state = self._open_state(incident_id)
        step = self._step(state, step_id)
        current = state.step_state(step)
        if current in ("done", "skipped"):
            raise SonaeError(
                msg(
                    "手順 '{step}' は既に {state} です。誤りなら訂正を記録してください",
                    "step '{step}' is already {state}; record a correction if that was wrong",
                    step=step_id,
                    state=current,
                )
            )
        self._require_applicable(state, step)
        fields = {k: v for k, v in (fields or {}).items() if v not in (None, "")}
        known = {f.id for f in step.fields}
        for key in fields:
            if key not in known:
                raise SonaeError(
                    msg(
                        "手順 '{step}' に記録項目 '{field}' はありません",
                        "step '{step}' has no field '{field}'",
                        step=step_id,
                        field=key,
                    )
                )
        payload: dict[str, Any] = {}
        if fields:
            payload["fields"] = fields
        if note:
            payload["note"] = note
        if deputy_for:
            payload["deputy_for"] = deputy_for
        actor = self._actor(actor)
        when = self._when(at, state.mode)
        drafts = [
            EntryDraft(incident_id, "step_done", actor, when, step_id=step_id, payload=payload)
        ]
        # The deadlines this step meets are recorded in the same transaction.
        statuses = deadline_statuses(state, when)
        for status in statuses:
            if status.deadline.met_by == step_id and status.state not in (
                "met",
                "met_late",
                "not_applicable",
            ):
                drafts.append(
                    EntryDraft(
                        incident_id,
                        "deadline_met",
                        actor,
                        when,
                        step_id=step_id,
                        payload={"deadline_id": status.deadline.id},
                    )
                )
        return self._append(state, drafts)[0]

    def skip_step(
        self, incident_id: str, step_id: str, reason: str, actor: str, at: datetime | None = None
    ) -> LogEntry:
        state = self._open_state(incident_id)
        step = self._step(state, step_id)
        if not reason.strip():
            raise SonaeError(
                msg("省略する理由を入力してください", "a reason for skipping is required")
            )
        current = state.step_state(step)
        if current in ("done", "skipped"):
            raise SonaeError(
                msg(
                    "手順 '{step}' は既に {state} です",
                    "step '{step}' is already {state}",
                    step=step_id,
                    state=current,
                )
            )
        return self._append(
            state,
            [
                EntryDraft(
                    incident_id,
                    "step_skipped",
                    self._actor(actor),
                    self._when(at, state.mode),
                    step_id=step_id,
                    payload={"reason": reason.strip()},
                )
            ],
        )[0]

    def decide(
        self,
        incident_id: str,
        decision_id: str,
        choice: str,
        actor: str,
        at: datetime | None = None,
        note: str | None = None,
    ) -> LogEntry:
        state = self._open_state(incident_id)
        decision = state.playbook.plan.decision(decision_id)
        if decision is None:
            raise SonaeError(
                msg(
                    "判断 '{d}' はこのプレイブックにありません",
                    "no decision '{d}' in playbook {plan}",
                    d=decision_id,
                    plan=state.playbook.id,
                )
            )
        if choice not in decision.choice_ids():
            raise SonaeError(
                msg(
                    "'{c}' は判断 '{d}' の選択肢ではありません ({all})",
                    "'{c}' is not a choice of '{d}' ({all})",
                    c=choice,
                    d=decision_id,
                    all=", ".join(decision.choice_ids()),
                )
            )
        previous = state.decisions.get(decision_id)
        if previous is not None and previous.choice == choice:
            raise SonaeError(
                msg(
                    "判断 '{d}' は既に '{c}' です",
                    "decision '{d}' is already '{c}'",
                    d=decision_id,
                    c=choice,
                )
            )
        payload: dict[str, Any] = {"choice": choice}
        if note:
            payload["note"] = note
        return self._append(
            state,
            [
                EntryDraft(
                    incident_id,
                    "decided",
                    self._actor(actor),
                    self._when(at, state.mode),
                    decision_id=decision_id,
                    payload=payload,
                )
            ],
        )[0]

    def note(
        self,
        incident_id: str,
        text: str,
        actor: str,
        at: datetime | None = None,
        kind: str = "noted",
        extra: dict[str, Any] | None = None,
    ) -> LogEntry:
        state = self.state(incident_id)  # notes are allowed on closed incidents too
        if not text.strip():
            raise SonaeError(msg("メモが空です", "the note is empty"))
        payload = {"text": text.strip(), **(extra or {})}
        return self._append(
            state,
            [
                EntryDraft(
                    incident_id,
                    kind,
                    self._actor(actor),
                    self._when(at, state.mode),
                    payload=payload,
                )
            ],
        )[0]

    def add_lesson(
        self,
        incident_id: str,
        text: str,
        actor: str,
        improvement: bool = False,
        at: datetime | None = None,
    ) -> LogEntry:
        return self.note(
            incident_id, text, actor, at, kind="lesson", extra={"improvement": improvement}
        )

    def set_status(
        self,
        incident_id: str,
        status: str,
        actor: str,
        summary: str | None = None,
        at: datetime | None = None,
    ) -> LogEntry:
        state = self.state(incident_id)
        if status not in STATUSES:
            raise SonaeError(
                msg(
                    "状態 '{s}' は使えません (open, contained, recovered, closed)",
                    "unknown status '{s}' (open, contained, recovered, closed)",
                    s=status,
                )
            )
        if status == state.status:
            raise SonaeError(msg("状態は既に {s} です", "the status is already {s}", s=status))
        if state.status == "closed" and status != "open":
            raise SonaeError(
                msg(
                    "終了したインシデントは、まず open で再開してください",
                    "a closed incident must be reopened (open) first",
                )
            )
        payload: dict[str, Any] = {"status": status, "previous": state.status}
        if summary:
            payload["summary"] = summary.strip()
        return self._append(
            state,
            [
                EntryDraft(
                    incident_id,
                    "status_changed",
                    self._actor(actor),
                    self._when(at, state.mode),
                    payload=payload,
                )
            ],
        )[0]

    def correct(
        self,
        incident_id: str,
        target_uuid: str,
        reason: str,
        actor: str,
        at: datetime | None = None,
    ) -> LogEntry:
        """Retract an earlier entry. Nothing is erased: the correction points at it."""
        state = self.state(incident_id)
        target = next((e for e in self.store.entries(incident_id) if e.uuid == target_uuid), None)
        if target is None:
            raise SonaeError(
                msg("訂正対象の記録 {u} がありません", "no entry {u} to correct", u=target_uuid)
            )
        if target.kind in ("opened", "corrected", "deadline_met"):
            raise SonaeError(
                msg(
                    "種類 {k} の記録は訂正できません",
                    "a {k} entry cannot be corrected",
                    k=target.kind,
                )
            )
        if target_uuid in state.retracted:
            raise SonaeError(
                msg("この記録は既に訂正されています", "that entry is already corrected")
            )
        if not reason.strip():
            raise SonaeError(
                msg("訂正の理由を入力してください", "a reason for the correction is required")
            )
        drafts = [
            EntryDraft(
                incident_id,
                "corrected",
                self._actor(actor),
                self._when(at, state.mode),
                step_id=target.step_id,
                decision_id=target.decision_id,
                payload={"target": target_uuid, "reason": reason.strip()},
            )
        ]
        # A retracted step_done no longer meets its deadlines either.
        if target.kind == "step_done":
            for entry in self.store.entries(incident_id, after_seq=target.seq):
                if (
                    entry.kind == "deadline_met"
                    and entry.step_id == target.step_id
                    and entry.occurred_at == target.occurred_at
                ):
                    drafts.append(
                        EntryDraft(
                            incident_id,
                            "corrected",
                            self._actor(actor),
                            self._when(at, state.mode),
                            step_id=entry.step_id,
                            payload={"target": entry.uuid, "reason": reason.strip()},
                        )
                    )
        return self._append(state, drafts)[0]

    def hand_over(
        self, incident_id: str, playbook_id: str, actor: str, at: datetime | None = None
    ) -> LogEntry:
        """Continue the same incident under another plan; decisions carry over by id."""
        state = self._open_state(incident_id)
        plan = self.library.get(playbook_id)
        if plan.sha256 == state.playbook.sha256:
            raise SonaeError(
                msg(
                    "既にこのプレイブックで対応中です", "the incident already follows this playbook"
                )
            )
        drafts = [
            EntryDraft(
                incident_id,
                "handed_over",
                self._actor(actor),
                self._when(at, state.mode),
                payload={
                    "playbook": {
                        "id": plan.id,
                        "version": plan.plan.version,
                        "sha256": plan.sha256,
                    },
                    "from": state.playbook.id,
                },
            )
        ]
        written = self.store.append(drafts, plans=[plan])
        self._folds.pop(incident_id, None)
        return written[0]


def parse_at(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_iso(text)
    except ValueError as exc:
        raise SonaeError(
            msg(
                "時刻 '{t}' を読めません (例: 2026-11-25T09:30+09:00)",
                "cannot read time '{t}' (for example 2026-11-25T09:30+09:00)",
                t=text,
            )
        ) from exc

"""Incident commands: start, follow steps, decide, note, change status, correct, hand over, and
a tabletop exercise's clock.

Every command goes through ``_command``: the actor checked, the state brought to the log's head
inside the write transaction, the refusal asked of ``rules``, the time taken on the incident's own
clock, then the drafts written. So nothing invalid reaches the log, and a write returns only after
commit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain import kinds as k
from app.domain.clock import SPEEDS
from app.domain.deadlines import carried_step, deadline_statuses
from app.domain.entries import BODIES, MODES, ZONES, EntryDraft, LogEntry
from app.domain.kinds import draft, with_login
from app.domain.state import DamagedEntry, IncidentState
from app.domain.timeutil import JST, parse_iso, to_iso
from app.errors import SonaeError
from app.i18n import Msg, msg
from app.services.fields import check_time_range, checked_fields, checked_sizes, checked_time
from app.services.incident_queries import IncidentQueries
from app.services.login import machine_login
from app.services.rules import decision_refusal, hand_over_refusal, refusal, status_refusal
from app.store.log import read_only_refusal

if TYPE_CHECKING:
    from app.domain.exercise_script import ScriptFile
    from app.domain.loader import PlaybookFile
    from app.domain.playbook import Step


@dataclass(frozen=True)
class Act:
    """What every command's builder is given: the state at the head, who, when, which step."""

    state: IncidentState
    actor: str
    when: datetime
    step: Step | None

    @property
    def id(self) -> str:
        return self.state.id


Build = Callable[[Act], Sequence[EntryDraft]]


class IncidentCommands(IncidentQueries):
    def _when(self, at: datetime | None, state: IncidentState) -> datetime:
        # The incident began when the city first knew (awareness, else the declaration).
        times = [parse_iso(t) for t in (state.awareness_at, state.declared_at) if t]
        return checked_time(at, self.now(state), state.mode, min(times) if times else None)

    def _command(
        self,
        incident_id: str,
        action: str,
        actor: str,
        build: Build,
        *,
        at: datetime | None = None,
        step_id: str | None = None,
        plans: Sequence[PlaybookFile] = (),
    ) -> list[LogEntry]:
        actor = _actor(actor)

        def checked(state: IncidentState) -> list[EntryDraft]:
            step = _step(state, step_id) if step_id is not None else None
            refuse(refusal(state, action, step))
            return list(build(Act(state, actor, self._when(at, state), step)))

        return self._write(incident_id, checked, plans)

    def _write(
        self,
        incident_id: str,
        build: Callable[[IncidentState], list[EntryDraft]],
        plans: Sequence[PlaybookFile] = (),
    ) -> list[LogEntry]:
        """Check and write in one transaction. The state is brought up to the log's head after
        the write lock is taken, so two writers (two laptops' CLI calls, the app and a script)
        can never both pass the same check: a step is done once, a decision is not repeated."""

        def drafts() -> list[EntryDraft]:
            # The store seals only a known kind whose payload reads as its model (check_draft):
            # checked there, once, not here as well (an append pays for every check).
            return signed(build(self.state(incident_id)))

        written = self.store.append_with(drafts, plans)
        if not written:  # nothing to write (no inject due yet)
            return written
        fold = self._folds.get(incident_id)
        try:
            if fold is not None and fold.state.entries + 1 == written[0].seq:
                fold.apply_all(written)
            else:
                self._folds.pop(incident_id, None)
        except DamagedEntry:
            # Committed, so it is recorded; the next read refolds and says what is wrong.
            self._folds.pop(incident_id, None)
        return written

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
        exercise: ScriptFile | None = None,
        speed: float = 1.0,
    ) -> str:
        """Open an incident on the plan; with ``exercise``, one that plays that script (its text
        pinned beside the plan's), its simulated clock at ``speed`` in a tabletop exercise."""
        plan = self.library.get(playbook_id)
        _check_speed(speed)
        if mode not in MODES:
            raise SonaeError(
                msg(
                    "モード '{mode}' は使えません (real, drill, tabletop)",
                    "unknown mode '{mode}' (real, drill, tabletop)",
                    mode=mode,
                )
            )
        title = _text(title, "件名", "a title")
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
        actor = _actor(actor)
        now = self.real_clock.now()
        occurred = checked_time(at, now, mode)
        check_time_range(occurred)  # the system clock too: a year no view can show is refused
        if awareness_at is not None:
            check_time_range(awareness_at)
            if awareness_at > occurred:
                raise SonaeError(
                    msg(
                        "認知時刻は宣言時刻より前にしてください",
                        "the awareness time must not be after the declaration",
                    )
                )
        payload = k.Opened(
            title=title,
            mode=mode,
            playbook=_pin(plan),
            zones=tuple(zones),
            body=body.strip(),
            awareness_at=to_iso(awareness_at or occurred),
        )

        def opening(new_id: str) -> list[EntryDraft]:
            drafts = [draft(new_id, actor, occurred, payload)]
            if mode == "tabletop":
                # An exercise runs on its own clock from the scenario's start time, kept in its
                # log: it survives a restart and no other incident shares it.
                start = k.ClockChanged(
                    action="start", real_at=to_iso(now), sim_at=to_iso(occurred), speed=speed
                )
                drafts.append(draft(new_id, actor, occurred, start))
            if exercise is not None:
                played = k.ExerciseStarted(script=_pin(exercise), speed=speed)
                drafts.append(draft(new_id, actor, occurred, played))
            return signed(drafts)

        texts: list[PlaybookFile | ScriptFile] = [plan] if exercise is None else [plan, exercise]
        written = self.store.open_incident(occurred.astimezone(JST).year, opening, texts)
        return written[0].incident_id

    def start_step(
        self,
        incident_id: str,
        step_id: str,
        actor: str,
        at: datetime | None = None,
        note: str | None = None,
    ) -> LogEntry:
        def build(act: Act) -> list[EntryDraft]:
            payload = k.StepStarted(note=_optional(note))
            return [draft(act.id, act.actor, act.when, payload, step_id=step_id)]

        return self._command(incident_id, "start_step", actor, build, at=at, step_id=step_id)[0]

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
        def build(act: Act) -> list[EntryDraft]:
            assert act.step is not None
            payload = k.StepDone(
                fields=checked_fields(act.step, fields or {}),
                note=_optional(note),
                deputy_for=_optional(deputy_for),
            )
            done = draft(act.id, act.actor, act.when, payload, step_id=step_id)
            drafts = [done]
            # The deadlines this step meets are recorded in the same transaction, naming it.
            for status in deadline_statuses(act.state, act.when):
                if status.deadline.met_by == step_id and status.state not in (
                    "met",
                    "met_late",
                    "not_applicable",
                ):
                    met = k.DeadlineMet(deadline_id=status.deadline.id, cause=done.uuid)
                    drafts.append(draft(act.id, act.actor, act.when, met, step_id=step_id))
            return drafts

        return self._command(incident_id, "complete_step", actor, build, at=at, step_id=step_id)[0]

    def skip_step(
        self, incident_id: str, step_id: str, reason: str, actor: str, at: datetime | None = None
    ) -> LogEntry:
        reason = _text(reason, "省略する理由", "a reason for skipping")

        def build(act: Act) -> list[EntryDraft]:
            payload = k.StepSkipped(reason=reason)
            return [draft(act.id, act.actor, act.when, payload, step_id=step_id)]

        return self._command(incident_id, "skip_step", actor, build, at=at, step_id=step_id)[0]

    def defer_step(
        self,
        incident_id: str,
        step_id: str,
        reason: str,
        actor: str,
        until: datetime | None = None,
        at: datetime | None = None,
    ) -> LogEntry:
        """Put a step off to come back to (保留), with why and, if said, when: it stays listed
        until it is started, done or skipped, and the cursor passes over it meanwhile."""
        reason = _text(reason, "保留する理由", "a reason for deferring")
        if until is not None:
            check_time_range(until)

        def build(act: Act) -> list[EntryDraft]:
            if until is not None and until <= act.when:
                raise SonaeError(
                    msg(
                        "再開予定の時刻は今より後にしてください",
                        "the time to come back to it must be later than now",
                    )
                )
            payload = k.StepDeferred(reason=reason, until=to_iso(until) if until else None)
            return [draft(act.id, act.actor, act.when, payload, step_id=step_id)]

        return self._command(incident_id, "defer_step", actor, build, at=at, step_id=step_id)[0]

    def decide(
        self,
        incident_id: str,
        decision_id: str,
        choice: str,
        actor: str,
        at: datetime | None = None,
        note: str | None = None,
        reason: str | None = None,
    ) -> LogEntry:
        """Answer a question, with why (printed beside the answer). A closed incident's answer
        is changed by reopening it first: both acts are in the log."""

        def build(act: Act) -> list[EntryDraft]:
            refuse(decision_refusal(act.state, decision_id, choice))
            payload = k.Decided(choice=choice, note=_optional(note), reason=_optional(reason))
            return [draft(act.id, act.actor, act.when, payload, decision_id=decision_id)]

        return self._command(incident_id, "decide", actor, build, at=at)[0]

    def note(
        self,
        incident_id: str,
        text: str,
        actor: str,
        at: datetime | None = None,
        step_id: str | None = None,
    ) -> LogEntry:
        """A free-text entry, on the incident or on one step. Allowed on closed incidents."""
        text = text.strip()
        if not text:
            raise SonaeError(msg("メモが空です", "the note is empty"))

        def build(act: Act) -> list[EntryDraft]:
            return [draft(act.id, act.actor, act.when, k.Noted(text=text), step_id=step_id)]

        return self._command(incident_id, "note", actor, build, at=at, step_id=step_id)[0]

    def add_lesson(
        self,
        incident_id: str,
        text: str,
        actor: str,
        improvement: bool = False,
        at: datetime | None = None,
        *,
        category: str = "lesson",
        owner: str | None = None,
        due: str | None = None,
        plan: str | None = None,
        step: str | None = None,
        note: str | None = None,
    ) -> LogEntry:
        """A lesson for the after-action report (``category``: a lesson, what went well, what
        did not). An improvement item has an owner, a due date and the plan step it should
        change; ``note`` marks the lesson on a note of the log (its uuid)."""
        text = _text(text, "教訓", "a lesson")
        if category not in k.LESSON_CATEGORIES:
            raise SonaeError(
                msg(
                    "教訓の種類 '{c}' はありません ({all})",
                    "unknown lesson category '{c}' ({all})",
                    c=category,
                    all=", ".join(k.LESSON_CATEGORIES),
                )
            )
        improvement = improvement or any(v for v in (owner, due, plan, step))
        if due is not None:
            due = _due_date(due)

        def build(act: Act) -> list[EntryDraft]:
            target_plan = plan
            if step is not None:
                target_plan = target_plan or act.state.playbook.id
                if not any(
                    run.playbook.id == target_plan and run.playbook.plan.step(step) is not None
                    for run in act.state.plans
                ):
                    raise SonaeError(
                        msg(
                            "計画 {p} に手順 '{s}' はありません",
                            "plan {p} has no step '{s}'",
                            p=target_plan,
                            s=step,
                        )
                    )
            if note is not None and not any(e.uuid == note for e in act.state.notes):
                raise SonaeError(msg("メモ {u} はありません", "no note {u}", u=note))
            payload = k.Lesson(
                text=text,
                improvement=improvement,
                category=category,
                owner=_optional(owner),
                due=due,
                plan=target_plan,
                step=step,
                note=note,
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "lesson", actor, build, at=at)[0]

    def record_issue(
        self, incident_id: str, text: str, actor: str, issued: dict[str, Any]
    ) -> LogEntry:
        """A copy of the record (PDF, CSV, PNG) was issued from entries 1..issued['entries']."""
        payload = k.read_data({"text": _text(text, "内容", "a text"), **issued}, k.ReportIssued)

        def build(act: Act) -> list[EntryDraft]:
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "note", actor, build)[0]

    def set_status(
        self,
        incident_id: str,
        status: str,
        actor: str,
        summary: str | None = None,
        at: datetime | None = None,
    ) -> LogEntry:
        def build(act: Act) -> list[EntryDraft]:
            refuse(status_refusal(act.state, status, summary))
            payload = k.StatusChanged(
                status=status, previous=act.state.status, summary=_optional(summary)
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "set_status", actor, build, at=at)[0]

    def correct(
        self,
        incident_id: str,
        target_ref: str,
        reason: str,
        actor: str,
        at: datetime | None = None,
    ) -> LogEntry:
        """Retract an earlier entry. Nothing is erased: the correction points at it."""
        reason = _text(reason, "訂正の理由", "a reason for the correction")
        target = self.find_entry(incident_id, target_ref)
        kind = k.KINDS.get(target.kind)
        if kind is None or not kind.correctable:
            raise SonaeError(
                msg(
                    "種類 {k} の記録は訂正できません",
                    "an entry of kind {k} cannot be corrected",
                    k=target.kind,
                )
            )

        def build(act: Act) -> list[EntryDraft]:
            if target.uuid in act.state.retracted:
                raise SonaeError(
                    msg("この記録は既に訂正されています", "that entry is already corrected")
                )
            first = _correction(target, reason, act.actor, act.when)
            drafts = [first]
            # A retracted step_done no longer meets its deadlines either.
            if target.kind == "step_done":
                # Every deadline_met of the incident, in every chain: found by kind, not by
                # position, since another laptop's entries may sit anywhere in the merged order.
                met = self.store.entries_page(incident_id, 0, 1_000_000, kinds=["deadline_met"])
                for entry in met:
                    if entry.kind == "deadline_met" and entry.uuid not in act.state.retracted:
                        if _caused_by(entry, target):
                            drafts.append(
                                _correction(entry, reason, act.actor, act.when, cause=first.uuid)
                            )
            return drafts

        return self._command(incident_id, "correct", actor, build, at=at)[0]

    def hand_over(
        self, incident_id: str, playbook_id: str, actor: str, at: datetime | None = None
    ) -> LogEntry:
        """Continue the same incident under another plan; decisions and steps done carry over by
        id, and deadlines already met stay met."""
        plan = self.library.get(playbook_id)

        def build(act: Act) -> list[EntryDraft]:
            refuse(hand_over_refusal(act.state, plan.sha256))
            payload = k.HandedOver(
                playbook=_pin(plan),
                from_plan=act.state.playbook.id,
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "hand_over", actor, build, at=at, plans=[plan])[0]

    def correct_awareness(
        self, incident_id: str, awareness_at: datetime, reason: str, actor: str
    ) -> LogEntry:
        """Set the awareness time again (when any section of the city first knew), with why:
        every clock anchored on it follows. The earlier time stays in the log."""
        reason = _text(reason, "訂正の理由", "a reason for the correction")
        check_time_range(awareness_at)

        def build(act: Act) -> list[EntryDraft]:
            if to_iso(awareness_at) > act.state.declared_at:
                raise SonaeError(
                    msg(
                        "認知時刻は宣言時刻より前にしてください",
                        "the awareness time must not be after the declaration",
                    )
                )
            payload = k.AwarenessCorrected(
                awareness_at=to_iso(awareness_at),
                reason=reason,
                previous=act.state.awareness_at or None,
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "awareness", actor, build)[0]

    def set_body(self, incident_id: str, body: str, actor: str) -> LogEntry:
        """Name the body (機関) the incident concerns, or correct it: conditions on
        ``incident.body`` follow (the 議会's reports follow its own ordinance)."""
        if body not in BODIES:
            raise SonaeError(
                msg(
                    "機関 '{b}' は使えません ({all})",
                    "unknown body '{b}' ({all})",
                    b=body,
                    all=", ".join(BODIES),
                )
            )

        def build(act: Act) -> list[EntryDraft]:
            if act.state.body == body:
                raise SonaeError(msg("対象機関は既に {b} です", "the body is already {b}", b=body))
            payload = k.BodyChanged(body=body, previous=act.state.body or None)
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "body", actor, build)[0]

    def tick_check(
        self,
        incident_id: str,
        step_id: str,
        check_id: str,
        actor: str,
        ticked: bool = True,
        at: datetime | None = None,
    ) -> LogEntry:
        """Tick (or untick) one check item of a step; each tick is its own entry."""

        def build(act: Act) -> list[EntryDraft]:
            assert act.step is not None
            ids = [c.id for c in act.step.checks]
            if check_id not in ids:
                raise SonaeError(
                    msg(
                        "手順 '{step}' に確認項目 '{check}' はありません ({all})",
                        "step '{step}' has no check item '{check}' ({all})",
                        step=step_id,
                        check=check_id,
                        all=", ".join(ids) or "—",
                    )
                )
            record = act.state.plan.steps.get(step_id)
            if ticked == (record is not None and check_id in record.checks):
                raise SonaeError(
                    msg(
                        "確認項目 '{check}' は既に{state}です",
                        "check item '{check}' is already {state_en}",
                        check=check_id,
                        state="確認済み" if ticked else "未確認",
                        state_en="ticked" if ticked else "unticked",
                    )
                )
            payload = k.CheckTicked(check=check_id, ticked=ticked)
            return [draft(act.id, act.actor, act.when, payload, step_id=step_id)]

        return self._command(incident_id, "tick", actor, build, at=at, step_id=step_id)[0]

    def record_contact(
        self,
        incident_id: str,
        step_id: str,
        whom: str,
        channel: str,
        actor: str,
        *,
        person: str | None = None,
        receipt: str | None = None,
        outcome: str | None = None,
        at: datetime | None = None,
    ) -> LogEntry:
        """A contact made for a reporting step: whom, by which channel, when (``at``), the
        person spoken to, the receipt number (受付番号) and the outcome. Several per step."""
        whom = _text(whom, "連絡先", "whom you contacted")
        if channel not in k.CHANNELS:
            raise SonaeError(
                msg(
                    "連絡手段 '{c}' は使えません ({all})",
                    "unknown channel '{c}' ({all})",
                    c=channel,
                    all=", ".join(k.CHANNELS),
                )
            )

        def build(act: Act) -> list[EntryDraft]:
            assert act.step is not None
            if not (act.step.contact_records or act.step.contacts):
                raise SonaeError(
                    msg(
                        "手順 '{step}' は外部への連絡の手順ではありません",
                        "step '{step}' is not a step that contacts anyone",
                        step=step_id,
                    )
                )
            payload = k.ContactRecorded(
                whom=whom,
                channel=channel,
                person=_optional(person),
                receipt=_optional(receipt),
                outcome=_optional(outcome),
            )
            return [draft(act.id, act.actor, act.when, payload, step_id=step_id)]

        return self._command(incident_id, "contact", actor, build, at=at, step_id=step_id)[0]

    def add_evidence(
        self,
        incident_id: str,
        path: str | Path,
        actor: str,
        step: str | None = None,
        note: str | None = None,
        at: datetime | None = None,
    ) -> LogEntry:
        """Attach a file (a photo of the ransom note, a log extract), on the incident or on one
        step. The file is stored by its sha256 in the data folder first, then the entry naming
        the hash is written: the attachment counts once that entry is committed. A file stored
        for an entry then refused stays unnamed and counts for nothing (attached again, the
        same content is not stored twice)."""
        from app.store import evidence  # only when a file is attached: a note's start stays lean

        actor = _actor(actor)
        root = self.store.path.parent  # the data folder: the database's
        if self.store.read_only:
            raise SonaeError(read_only_refusal(root))
        # The checks that need no write lock, first: nothing is copied for what is refused.
        state = self.state(incident_id)
        refuse(refusal(state, "evidence", _step(state, step) if step is not None else None))
        self._when(at, state)
        stored = evidence.put(root, Path(path))

        def build(act: Act) -> list[EntryDraft]:
            payload = k.EvidenceAdded(
                sha256=stored.sha256, name=stored.name, size=stored.size, note=_optional(note)
            )
            return [draft(act.id, act.actor, act.when, payload, step_id=step)]

        return self._command(incident_id, "evidence", actor, build, at=at, step_id=step)[0]

    def hand_over_evidence(
        self,
        incident_id: str,
        sha256: str,
        actor: str,
        to: str,
        how: str,
        note: str | None = None,
        at: datetime | None = None,
        *,
        file: str | None = None,
    ) -> LogEntry:
        """A custody event of an evidence file of the incident (``sha256``, or its first 8 or
        more hex digits): ``how`` it left Sonae's keeping (kinds.CUSTODY: exported, handed_over,
        bundle), to whom or where (``to``); ``file``: the copy an export wrote."""
        from app.services.evidence import find_evidence

        to = _text(to, "渡し先", "whom or where it goes to")
        if how not in k.CUSTODY:
            raise SonaeError(
                msg(
                    "受渡しの方法 '{h}' は使えません ({all})",
                    "unknown way of handing on '{h}' ({all})",
                    h=how,
                    all=", ".join(k.CUSTODY),
                )
            )

        def build(act: Act) -> list[EntryDraft]:
            found = find_evidence(act.state, sha256)
            payload = k.EvidenceHanded(
                sha256=found.sha256, to=to, how=how, note=_optional(note), file=_optional(file)
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "hand_evidence", actor, build, at=at)[0]

    def change_clock(
        self,
        incident_id: str,
        action: str,
        actor: str,
        *,
        to: datetime | None = None,
        by: timedelta | None = None,
        speed: float | None = None,
    ) -> LogEntry:
        """Change a tabletop exercise's simulated clock: ``start`` it at ``to`` (and ``speed``),
        ``pause``, ``resume``, set its ``speed``, or ``jump`` forward ``by`` or ``to`` a time.
        The change is an entry, so the exercise's time survives a restart."""
        if action not in k.CLOCK_ACTIONS:
            raise SonaeError(
                msg(
                    "時計の操作 '{a}' は使えません ({all})",
                    "unknown clock action '{a}' ({all})",
                    a=action,
                    all=", ".join(k.CLOCK_ACTIONS),
                )
            )
        if speed is not None:
            _check_speed(speed)

        def build(act: Act) -> list[EntryDraft]:
            real = self.real_clock.now()
            clock = act.state.clock
            sim = clock.now(real)
            running, rate = clock.running, clock.speed
            if action == "start":
                if to is None:
                    raise SonaeError(msg("開始時刻を指定してください", "give the time to start at"))
                sim, running, rate = to, True, speed or rate
            elif action == "pause":
                if not running:
                    raise SonaeError(msg("時計は既に止まっています", "the clock is already paused"))
                running = False
            elif action == "resume":
                if running:
                    raise SonaeError(msg("時計は既に動いています", "the clock is already running"))
                running = True
            elif action == "speed":
                if speed is None:
                    raise SonaeError(msg("速さを指定してください", "give the speed"))
                rate = speed
            else:  # jump: forward only, so the exercise's entries stay in time order
                target = to if to is not None else sim + (by or timedelta(0))
                if target <= sim:
                    raise SonaeError(
                        msg(
                            "時計は先へ進めることしかできません",
                            "the clock can only jump forward",
                        )
                    )
                sim = target
            check_time_range(sim)
            payload = k.ClockChanged(
                action=action,
                real_at=to_iso(real),
                sim_at=to_iso(sim),
                speed=rate,
                running=running,
            )
            return [draft(act.id, act.actor, act.when, payload)]

        return self._command(incident_id, "clock", actor, build)[0]


def _pin(text: PlaybookFile | ScriptFile) -> k.PlanPin:
    """How an entry names the exact text it follows: a plan's, or an exercise script's."""
    return k.PlanPin(text.id, text.version, text.sha256)


def _check_speed(speed: float) -> None:
    if not SPEEDS[0] <= speed <= SPEEDS[1]:
        raise SonaeError(
            msg(
                "速さは {lo} 倍から {hi} 倍までです",
                "the speed must be between {lo}x and {hi}x",
                lo=f"{SPEEDS[0]:g}",
                hi=f"{SPEEDS[1]:g}",
            )
        )


def refuse(reason: Msg | None) -> None:
    if reason is not None:
        raise SonaeError(reason)


def _caused_by(met: LogEntry, done: LogEntry) -> bool:
    """Whether a deadline_met entry was written for this step_done: named by uuid since
    version 2; an older log ties them by step and time, as it was written then."""
    cause = k.read_payload(met, k.DeadlineMet).cause
    if cause is not None:
        return cause == done.uuid
    return met.step_id == done.step_id and met.occurred_at == done.occurred_at


def _correction(
    target: LogEntry, reason: str, actor: str, when: datetime, cause: str | None = None
) -> EntryDraft:
    payload = k.Corrected(target=target.uuid, reason=reason, cause=cause)
    return draft(
        target.incident_id,
        actor,
        when,
        payload,
        step_id=target.step_id,
        decision_id=target.decision_id,
    )


def signed(drafts: Sequence[EntryDraft]) -> list[EntryDraft]:
    """Drafts as the store may seal them: each within its size bounds, with the machine login
    it is written under beside the typed name."""
    login = machine_login()
    return checked_sizes([with_login(d, login) for d in drafts])


def _due_date(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise SonaeError(
            msg(
                "期日 '{t}' は日付ではありません (例: 2027-03-31)",
                "due date '{t}' is not a date (e.g. 2027-03-31)",
                t=text,
            )
        ) from None


def _optional(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def _actor(actor: str) -> str:
    return _text(actor, "対応者名", "a responder name")


def _text(value: str, what_ja: str, what_en: str) -> str:
    value = (value or "").strip()
    if not value:
        raise SonaeError(msg(f"{what_ja}を入力してください", f"{what_en} is required"))
    return value


def _step(state: IncidentState, step_id: str) -> Step:
    # A carried incident clock's step stays doable after a hand-over to a plan without it.
    step = state.playbook.plan.step(step_id) or carried_step(state, step_id)
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

"""Incident use cases: start, follow steps, decide, note, change status, correct.

Every method checks its input against the derived state first and raises ``SonaeError`` with a
reason when it refuses, so nothing invalid ever reaches the log. Writes return only after commit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain.clock import Clock, SystemClock
from app.domain.deadlines import DeadlineStatus, deadline_statuses, nearest_open_deadline
from app.domain.entries import MODES, STATUSES, EntryDraft, LogEntry
from app.domain.loader import PlaybookFile, parse_trusted
from app.domain.playbook import ZONES, FieldSpec, Step
from app.domain.state import DamagedEntry, IncidentFold, IncidentState
from app.domain.state import fold as fold_entries
from app.domain.timeutil import JST, parse_iso, to_iso
from app.errors import SonaeError
from app.i18n import msg
from app.services.library import Library
from app.store.log import LogStore

# A real or drill entry may not claim to have happened in the future; tabletop time is simulated,
# but still kept within years that every date function (and the Japanese era) can show.
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST = datetime(2000, 1, 1, tzinfo=JST)
LATEST = datetime(2100, 1, 1, tzinfo=JST)
CHECKBOX_VALUES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


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
    problem: str = ""  # why the incident cannot be read ("" when it can)


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
            try:
                plan = parse_trusted(text)  # re-validated within the reader's bounds
            except ValueError as exc:
                raise SonaeError(
                    msg(
                        "固定されたプレイブック {sha} を読めません: {why}",
                        "pinned playbook {sha} cannot be read: {why}",
                        sha=sha256[:12],
                        why=str(exc)[:300],
                    )
                ) from exc
            self._plans[sha256] = plan
        return plan

    def _head(self, incident_id: str) -> tuple[int, str]:
        """The incident's head (entry count and hash); refuses an unknown id."""
        head = self.store.head(incident_id)
        if head is None:
            raise SonaeError(
                msg("インシデント {id} はありません", "no incident {id}", id=incident_id)
            )
        return head

    def state(self, incident_id: str) -> IncidentState:
        """The derived state, kept current incrementally (other processes may have written)."""
        head = self._head(incident_id)
        fold = self._folds.get(incident_id)
        if fold is None:
            fold = self._folds[incident_id] = IncidentFold(incident_id, self.resolve_plan)
        if head[0] > fold.state.entries:
            try:
                fold.apply_all(self.store.entries(incident_id, after_seq=fold.state.entries))
            except (DamagedEntry, SonaeError) as exc:
                self._folds.pop(incident_id, None)  # half-applied: never serve it
                raise unreadable(incident_id, exc) from exc
        if not fold.state.plans:
            self._folds.pop(incident_id, None)
        return _opened(fold.state)

    def fold(self, incident_id: str, entries: Sequence[LogEntry]) -> IncidentState:
        """The state of exactly these entries (a report's one read of the log)."""
        try:
            state = fold_entries(incident_id, entries, self.resolve_plan)
        except (DamagedEntry, SonaeError) as exc:
            raise unreadable(incident_id, exc) from exc
        return _opened(state)

    def seq_of_hash(self, incident_id: str, digest: str) -> int | None:
        """The entry whose hash is ``digest`` (the head printed on a paper copy), if any."""
        digest = digest.strip().lower()
        found = [e.seq for e in self.entries(incident_id) if e.hash == digest]
        return found[0] if found else None

    def entries(self, incident_id: str) -> list[LogEntry]:
        self._head(incident_id)  # only to refuse an unknown id: folding would read the log twice
        return self.store.entries(incident_id)

    def count(self, incident_id: str) -> int:
        """How many entries the incident has (0 for an unknown id), without reading them."""
        return self.store.count(incident_id)

    def entries_page(
        self,
        incident_id: str,
        offset: int,
        limit: int,
        *,
        kinds: Sequence[str] | None = None,
        actor: str | None = None,
        before: int | None = None,
    ) -> list[LogEntry]:
        """Entries ``offset + 1`` to ``offset + limit``, for views that load lazily; filtered by
        kind and actor, and read downward from ``before``, see ``LogStore.entries_page``."""
        return self.store.entries_page(
            incident_id, offset, limit, kinds=kinds, actor=actor, before=before
        )

    def ids(self) -> list[str]:
        return self.store.incident_ids()

    def deadlines(self, incident_id: str, now: datetime | None = None) -> list[DeadlineStatus]:
        return deadline_statuses(self.state(incident_id), now or self.clock.now())

    def summaries(self, now: datetime | None = None) -> list[IncidentSummary]:
        now = now or self.clock.now()
        out = []
        for incident_id in self.store.incident_ids():
            try:
                state = self.state(incident_id)
            except SonaeError as exc:
                # One unreadable incident is listed with its reason; the others still open.
                out.append(
                    IncidentSummary(incident_id, "", "real", "open", "", "", 0, None, str(exc))
                )
                continue
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
        check_time_range(at)
        if mode != "tabletop" and at > now + FUTURE_TOLERANCE:
            raise SonaeError(
                msg(
                    "未来の時刻 {at} は記録できません",
                    "cannot record a time in the future ({at})",
                    at=at.astimezone(JST).isoformat(timespec="minutes"),
                )
            )
        return at

    def _write(
        self,
        incident_id: str,
        build: Callable[[IncidentState], list[EntryDraft]],
        plans: Sequence[PlaybookFile] = (),
    ) -> list[LogEntry]:
        """Check and write in one transaction. The state is brought up to the log's head after
        the write lock is taken, so two writers (two laptops' CLI calls, the app and a script)
        can never both pass the same check: a step is done once, a decision is not repeated."""
        written = self.store.append_with(
            lambda: checked_sizes(build(self.state(incident_id))), plans
        )
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
        occurred = self._when(at, mode)
        if awareness_at is not None:
            check_time_range(awareness_at)
            if awareness_at > occurred:
                raise SonaeError(
                    msg(
                        "認知時刻は宣言時刻より前にしてください",
                        "the awareness time must not be after the declaration",
                    )
                )
        payload: dict[str, Any] = {
            "title": title,
            "mode": mode,
            "zones": zones,
            "body": body.strip(),
            "playbook": plan.pin(),
            "awareness_at": to_iso(awareness_at or occurred),
        }
        year = occurred.astimezone(JST).year
        written = self.store.open_incident(
            year,
            lambda new_id: checked_sizes(
                [EntryDraft(new_id, "opened", actor, occurred, payload=payload)]
            ),
            [plan],
        )
        return written[0].incident_id

    def start_step(
        self,
        incident_id: str,
        step_id: str,
        actor: str,
        at: datetime | None = None,
        note: str | None = None,
    ) -> LogEntry:
        actor = _actor(actor)

        def build(state: IncidentState) -> list[EntryDraft]:
            _require_open(state)
            step = _step(state, step_id)
            _require_state(state, step, refused=("done", "skipped", "active"))
            _require_applicable(state, step)
            payload = {"note": note.strip()} if note and note.strip() else {}
            when = self._when(at, state.mode)
            return [
                EntryDraft(
                    incident_id, "step_started", actor, when, step_id=step_id, payload=payload
                )
            ]

        return self._write(incident_id, build)[0]

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
        actor = _actor(actor)

        def build(state: IncidentState) -> list[EntryDraft]:
            _require_open(state)
            step = _step(state, step_id)
            _require_state(state, step, refused=("done", "skipped"))
            _require_applicable(state, step)
            when = self._when(at, state.mode)
            payload: dict[str, Any] = {}
            values = checked_fields(step, fields or {})
            if values:
                payload["fields"] = values
            if note and note.strip():
                payload["note"] = note.strip()
            if deputy_for and deputy_for.strip():
                payload["deputy_for"] = deputy_for.strip()
            drafts = [
                EntryDraft(incident_id, "step_done", actor, when, step_id=step_id, payload=payload)
            ]
            # The deadlines this step meets are recorded in the same transaction.
            for status in deadline_statuses(state, when):
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
            return drafts

        return self._write(incident_id, build)[0]

    def skip_step(
        self, incident_id: str, step_id: str, reason: str, actor: str, at: datetime | None = None
    ) -> LogEntry:
        actor = _actor(actor)
        reason = _text(reason, "省略する理由", "a reason for skipping")

        def build(state: IncidentState) -> list[EntryDraft]:
            _require_open(state)
            step = _step(state, step_id)
            _require_state(state, step, refused=("done", "skipped"))
            when = self._when(at, state.mode)
            return [
                EntryDraft(
                    incident_id,
                    "step_skipped",
                    actor,
                    when,
                    step_id=step_id,
                    payload={"reason": reason},
                )
            ]

        return self._write(incident_id, build)[0]

    def decide(
        self,
        incident_id: str,
        decision_id: str,
        choice: str,
        actor: str,
        at: datetime | None = None,
        note: str | None = None,
    ) -> LogEntry:
        actor = _actor(actor)

        def build(state: IncidentState) -> list[EntryDraft]:
            _require_open(state)
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
            if note and note.strip():
                payload["note"] = note.strip()
            when = self._when(at, state.mode)
            return [
                EntryDraft(
                    incident_id, "decided", actor, when, decision_id=decision_id, payload=payload
                )
            ]

        return self._write(incident_id, build)[0]

    def note(
        self,
        incident_id: str,
        text: str,
        actor: str,
        at: datetime | None = None,
        kind: str = "noted",
        extra: dict[str, Any] | None = None,
    ) -> LogEntry:
        """A free-text entry (also lessons and report receipts). Allowed on closed incidents."""
        actor = _actor(actor)
        if not text.strip():
            raise SonaeError(msg("メモが空です", "the note is empty"))
        payload = {"text": text.strip(), **(extra or {})}

        def build(state: IncidentState) -> list[EntryDraft]:
            return [
                EntryDraft(incident_id, kind, actor, self._when(at, state.mode), payload=payload)
            ]

        return self._write(incident_id, build)[0]

    def record_issue(
        self, incident_id: str, text: str, actor: str, issued: dict[str, Any]
    ) -> LogEntry:
        """A copy of the record (PDF, CSV, PNG) was issued from entries 1..issued['entries']."""
        return self.note(incident_id, text, actor, kind="report_issued", extra=issued)

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
        actor = _actor(actor)
        if status not in STATUSES:
            raise SonaeError(
                msg(
                    "状態 '{s}' は使えません (open, contained, recovered, closed)",
                    "unknown status '{s}' (open, contained, recovered, closed)",
                    s=status,
                )
            )

        def build(state: IncidentState) -> list[EntryDraft]:
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
            if summary and summary.strip():
                payload["summary"] = summary.strip()
            when = self._when(at, state.mode)
            return [EntryDraft(incident_id, "status_changed", actor, when, payload=payload)]

        return self._write(incident_id, build)[0]

    def find_entry(self, incident_id: str, reference: str) -> LogEntry:
        """An entry by its uuid, or by its number in the incident (``12`` or ``#12``)."""
        self._head(incident_id)
        reference = reference.strip()
        number = re.fullmatch(r"#?([0-9]{1,18})", reference)  # ASCII digits, within SQLite
        if number:
            found = self.store.entries_page(incident_id, int(number.group(1)) - 1, 1)
        else:
            by_uuid = self.store.entry(incident_id, reference)
            found = [by_uuid] if by_uuid else []
        if not found or (number and found[0].seq != int(number.group(1))):
            raise SonaeError(
                msg("記録 {u} がありません", "no entry {u} in this incident", u=reference)
            )
        return found[0]

    def correct(
        self,
        incident_id: str,
        target_ref: str,
        reason: str,
        actor: str,
        at: datetime | None = None,
    ) -> LogEntry:
        """Retract an earlier entry. Nothing is erased: the correction points at it."""
        actor = _actor(actor)
        reason = _text(reason, "訂正の理由", "a reason for the correction")
        target = self.find_entry(incident_id, target_ref)
        if target.kind in ("opened", "corrected", "deadline_met", "handed_over"):
            raise SonaeError(
                msg(
                    "種類 {k} の記録は訂正できません",
                    "an entry of kind {k} cannot be corrected",
                    k=target.kind,
                )
            )

        def build(state: IncidentState) -> list[EntryDraft]:
            if target.uuid in state.retracted:
                raise SonaeError(
                    msg("この記録は既に訂正されています", "that entry is already corrected")
                )
            when = self._when(at, state.mode)
            drafts = [_correction(target, reason, actor, when)]
            # A retracted step_done no longer meets its deadlines either.
            if target.kind == "step_done":
                for entry in self.store.entries(incident_id, after_seq=target.seq):
                    if (
                        entry.kind == "deadline_met"
                        and entry.step_id == target.step_id
                        and entry.occurred_at == target.occurred_at
                        and entry.uuid not in state.retracted
                    ):
                        drafts.append(_correction(entry, reason, actor, when))
            return drafts

        return self._write(incident_id, build)[0]

    def hand_over(
        self, incident_id: str, playbook_id: str, actor: str, at: datetime | None = None
    ) -> LogEntry:
        """Continue the same incident under another plan; decisions and steps done carry over by
        id, and deadlines already met stay met."""
        actor = _actor(actor)
        plan = self.library.get(playbook_id)

        def build(state: IncidentState) -> list[EntryDraft]:
            _require_open(state)
            if plan.sha256 == state.playbook.sha256:
                raise SonaeError(
                    msg(
                        "既にこのプレイブックで対応中です",
                        "the incident already follows this playbook",
                    )
                )
            payload = {
                "playbook": plan.pin(),
                "from": state.playbook.id,
            }
            when = self._when(at, state.mode)
            return [EntryDraft(incident_id, "handed_over", actor, when, payload=payload)]

        return self._write(incident_id, build, plans=[plan])[0]


# What one entry may hold: a note of some ten pages, a title and a name of a line. Beyond that
# the record would take minutes to print and the screen would freeze; a log, a photo or a
# document goes in as evidence, not as text.
MAX_TEXT = 20_000
MAX_LINE = {"title": 500, "actor": 200}


def checked_sizes(drafts: list[EntryDraft]) -> list[EntryDraft]:
    """Refuse, in one line, an entry with a text longer than its bound."""

    def check(what: str, value: object) -> None:
        if isinstance(value, str):
            limit = MAX_LINE.get(what, MAX_TEXT)
            if len(value) > limit:
                raise SonaeError(
                    msg(
                        "{what} が長すぎます ({n} 文字、上限 {limit} 文字)",
                        "{what} is too long ({n} characters; at most {limit})",
                        what=what,
                        n=len(value),
                        limit=limit,
                    )
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                check(str(key), item)
        elif isinstance(value, list):
            for item in value:
                check(what, item)

    for draft in drafts:
        check("actor", draft.actor)
        check("payload", draft.payload)
    return drafts


def _opened(state: IncidentState) -> IncidentState:
    """The state, if its log opens the incident (a head with no entries, or a first entry that
    is not the opening one, folds to no plan at all)."""
    if not state.plans:
        raise unreadable(state.id, ValueError("#1 is not the opening entry"))
    return state


def unreadable(incident_id: str, exc: Exception) -> SonaeError:
    """One line for an incident whose log cannot be folded: what and where, and what to run."""
    return SonaeError(
        msg(
            "インシデント {id} の記録を読めません ({why})。sonae verify で確認してください",
            "incident {id} cannot be read ({why}); run sonae verify",
            id=incident_id,
            why=" ".join(str(exc).split())[:300],
        )
    )


def _correction(target: LogEntry, reason: str, actor: str, when: datetime) -> EntryDraft:
    return EntryDraft(
        target.incident_id,
        "corrected",
        actor,
        when,
        step_id=target.step_id,
        decision_id=target.decision_id,
        payload={"target": target.uuid, "reason": reason},
    )


def _actor(actor: str) -> str:
    return _text(actor, "対応者名", "a responder name")


def _text(value: str, what_ja: str, what_en: str) -> str:
    value = (value or "").strip()
    if not value:
        raise SonaeError(msg(f"{what_ja}を入力してください", f"{what_en} is required"))
    return value


def _require_open(state: IncidentState) -> None:
    if state.status == "closed":
        raise SonaeError(
            msg(
                "インシデント {id} は終了しています。先に再開してください",
                "incident {id} is closed; reopen it first",
                id=state.id,
            )
        )


def _step(state: IncidentState, step_id: str) -> Step:
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


def _require_state(state: IncidentState, step: Step, refused: tuple[str, ...]) -> None:
    current = state.step_state(step)
    if current in refused:
        raise SonaeError(
            msg(
                "手順 '{step}' は既に {state} です。誤りなら訂正を記録してください",
                "step '{step}' is already {state}; record a correction if that was wrong",
                step=step.id,
                state=current,
            )
        )


def _require_applicable(state: IncidentState, step: Step) -> None:
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


def checked_fields(step: Step, given: dict[str, Any]) -> dict[str, Any]:
    """The step's recorded fields, checked against the plan: known, typed, and required ones
    present. Empty values are dropped."""
    specs = {f.id: f for f in step.fields}
    values: dict[str, Any] = {}
    for key, value in given.items():
        spec = specs.get(key)
        if spec is None:
            raise SonaeError(
                msg(
                    "手順 '{step}' に記録項目 '{field}' はありません",
                    "step '{step}' has no field '{field}'",
                    step=step.id,
                    field=key,
                )
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        values[key] = _typed(spec, value)
    for spec in step.fields:
        # A required checkbox is a confirmation: only a tick satisfies it.
        unticked = spec.type == "checkbox" and values.get(spec.id) is False
        if spec.required and (spec.id not in values or unticked):
            raise SonaeError(
                msg(
                    "手順 '{step}' の記録項目「{label}」({field}) は必須です",
                    "step '{step}' needs its field '{label}' ({field})",
                    step=step.id,
                    field=spec.id,
                    label=spec.label.ja,
                )
            )
    return values


def _typed(spec: FieldSpec, value: Any) -> Any:
    """Check one value against its field type; text stays as written."""
    text = str(value).strip()

    def refuse(kind_ja: str, kind_en: str) -> SonaeError:
        return SonaeError(
            msg(
                "記録項目 '{field}' には{kj}を入れてください (入力: {value})",
                "field '{field}' takes {ke} (got '{value}')",
                field=spec.id,
                kj=kind_ja,
                ke=kind_en,
                value=text[:40],
            )
        )

    if spec.type == "number":
        try:
            float(text)
        except ValueError:
            raise refuse("数値", "a number") from None
        return text
    if spec.type == "datetime":
        try:
            check_time_range(parse_iso(text))
        except (ValueError, SonaeError):
            raise refuse(
                "日時 (例: 2026-11-25T09:30)", "a date and time (2026-11-25T09:30)"
            ) from None
        return text
    if spec.type == "choice":
        if text not in (spec.choices or []):
            raise refuse("選択肢のいずれか", "one of " + ", ".join(spec.choices or []))
        return text
    if spec.type == "checkbox":
        if isinstance(value, bool):
            return value
        if text.lower() not in CHECKBOX_VALUES:
            raise refuse("yes / no", "yes or no")
        return CHECKBOX_VALUES[text.lower()]
    return value if isinstance(value, str) else text


def check_time_range(moment: datetime) -> None:
    if not EARLIEST <= moment <= LATEST:
        raise SonaeError(
            msg(
                "時刻 {at} は範囲外です (2000年から2099年まで)",
                "time {at} is out of range (years 2000 to 2099)",
                at=_shown_time(moment),
            )
        )


def _shown_time(moment: datetime) -> str:
    """In JST, as the range is; a moment JST cannot show (year 9999) as it was given."""
    try:
        return moment.astimezone(JST).isoformat(timespec="minutes")
    except OverflowError:
        return moment.isoformat(timespec="minutes")


def parse_at(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = parse_iso(text)
    except (ValueError, OverflowError) as exc:
        raise SonaeError(
            msg(
                "時刻 '{t}' を読めません (例: 2026-11-25T09:30+09:00)",
                "cannot read time '{t}' (for example 2026-11-25T09:30+09:00)",
                t=text,
            )
        ) from exc
    check_time_range(moment)
    return moment

"""What a printed record says, as plain data: labels, timeline rows, timings.

Pure functions of (folded state, entries, a fixed ``as_of``), with no reportlab, so the PDF, the CSV
export and the tests all read the same facts, and rendering twice gives the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.deadlines import DeadlineStatus, deadline_statuses
from app.domain.describe import (
    Context,
    actor_text,
    choice_text,
    describe,
    kind_label,
    marks,
    size_text,
)
from app.domain.durations import span_ja
from app.domain.entries import LogEntry
from app.domain.evidence import Custody
from app.domain.exercise_run import Played
from app.domain.kinds import ContactRecorded, read_payload
from app.domain.lag import SAME_TIME, lag_of, recorded_late
from app.domain.playbook import Deadline, Decision, Phase, Playbook, Step
from app.domain.state import IncidentState, PlanRun
from app.domain.timeutil import format_jst, parse_iso
from app.domain.vocabulary import (
    BODY_LABELS,
    CHANNEL_LABELS,
    CHOICE_LABELS,
    DEADLINE_STATE_LABELS,
    KIND_LABELS,
    MODE_LABELS,
    RECORDED_LATE,
    ROLE_LABELS,
    STATUS_LABELS,
    STEP_STATE_LABELS,
    ZONE_LABELS,
    japanese,
    label_of,
)

# The printed record is in Japanese: the vocabulary's Japanese words, the same the window shows.
KIND_JA = japanese(KIND_LABELS)
MODE_JA = japanese(MODE_LABELS)
# Printed on every page of an exercise record; a real incident has none.
WATERMARK = {mode: MODE_JA[mode] for mode in ("drill", "tabletop")}
STATUS_JA = japanese(STATUS_LABELS)
STEP_STATE_JA = japanese(STEP_STATE_LABELS)
DEADLINE_STATE_JA = japanese(DEADLINE_STATE_LABELS)
ZONE_JA = japanese(ZONE_LABELS)
CHOICE_JA = japanese(CHOICE_LABELS)
STAMP_ROLES = ("CISO", "統括情報セキュリティ責任者", "情報セキュリティ管理者", "作成者")
# An exercise is signed off by who evaluated and who ran it, not by the real approval chain.
DRILL_STAMP_ROLES = ("評価者", "訓練統括", "作成者")


def jst_text(iso: str | None, seconds: bool = False) -> str:
    return format_jst(parse_iso(iso), seconds) if iso else ""


def role_label(role_id: str | None) -> str:
    if not role_id:
        return ""
    role = ROLE_LABELS.get(role_id)
    return role.ja if role else role_id


def choice_label(plan: Playbook, decision_id: str, choice: str) -> str:
    return choice_text(plan, decision_id, choice, "ja")


def as_of_entries(entries: Sequence[LogEntry]) -> datetime:
    """The fixed 'now' of a record: the latest time its entries mention (occurred or recorded)."""
    # A copy issued is not response: printing a closed incident a month later must not move
    # its deadlines on to 期限超過.
    response = [e for e in entries if e.kind != "report_issued"] or list(entries)
    latest = max(max(e.occurred_at, e.recorded_at) for e in response)
    return parse_iso(latest)


@dataclass(frozen=True)
class Issuer:
    """Who issues a record (報告者): the organisation's settings and the person issuing it."""

    organisation: str = "小郡市"  # 団体名
    department: str = ""
    contact: str = ""
    person: str = ""  # 担当: the name given when issuing


@dataclass(frozen=True)
class RecordData:
    """Everything a record is made from. Nothing here depends on when it is printed, but for
    ``created_at`` (作成日) which the caller fixes."""

    state: IncidentState
    entries: Sequence[LogEntry]
    deadlines: list[DeadlineStatus]
    as_of: datetime
    # Made from a read-only data folder: the log cannot record that this copy was issued, and
    # the paper says so.
    unlogged: bool = False
    issuer: Issuer = field(default_factory=Issuer)
    document_number: str = ""  # 文書番号: the incident and the number of the copy
    created_at: datetime | None = None  # 作成日: when the copy is made
    # An --as-of copy: the entries that happened after as_of are left out (how many), and the
    # whole log's count and head are printed, so the copy is checked against the log it came from.
    later_entries: int = 0
    log_entries: int = 0
    log_head: str = ""
    exercise: Played | None = None  # the script it played and its evaluation, for an exercise
    exercise_problem: str = ""  # why the exercise's script cannot be read (a damaged log)
    # The signed checkpoint made as this copy was issued (app/domain/checkpoint.py), printed as
    # text and QR code, so the paper can be checked against the laptop or a bundle.
    checkpoint: str = ""
    fingerprint: str = ""  # of the key that signed it

    @property
    def head(self) -> str:
        return self.log_head or self.state.head

    @property
    def count(self) -> int:
        return self.log_entries or self.state.entries


def record_data(
    state: IncidentState,
    entries: Sequence[LogEntry],
    as_of: datetime | None = None,
    unlogged: bool = False,
    *,
    issuer: Issuer | None = None,
    created_at: datetime | None = None,
    later_entries: int = 0,
    log_entries: int = 0,
    log_head: str = "",
    issued_before: int | None = None,
) -> RecordData:
    if issued_before is None:
        issued_before = state.issued
    as_of = as_of or as_of_entries(entries)
    return RecordData(
        state,
        entries,
        deadline_statuses(state, as_of),
        as_of,
        unlogged,
        issuer or Issuer(),
        document_number(state.id, issued_before, unlogged),
        created_at,
        later_entries,
        log_entries,
        log_head,
    )


def document_number(incident_id: str, issued_before: int, unlogged: bool = False) -> str:
    """文書番号: the incident's id and which copy of it this is (copies issued before it + 1), so
    two copies never share a number and the log says which one is which (``report_issued``)."""
    return f"{incident_id}-{issued_before + 1:03d}" + ("（発行未記録）" if unlogged else "")


def entries_as_of(entries: Sequence[LogEntry], as_of: datetime) -> list[LogEntry]:
    """What had happened by ``as_of``: the entries that occurred by then (a back-filled entry
    about an earlier event included; a tabletop's simulated time counts as its time)."""
    return [e for e in entries if parse_iso(e.occurred_at) <= as_of]


@dataclass(frozen=True)
class TimelineRow:
    seq: int
    occurred: str  # JST text
    recorded: str  # JST text when it differs from occurred, else ""
    kind: str  # the kind's word
    actor: str
    what: str
    marks: tuple[str, ...]
    entry: LogEntry


class Describer:
    """Turns entries into timeline rows through the one describer (``app.domain.describe``),
    with the plan in force at each entry; Japanese on paper, English when asked."""

    def __init__(
        self,
        state: IncidentState,
        entries: Sequence[LogEntry],
        lang: str = "ja",
        public: bool = False,
    ) -> None:
        """``public``: as the copy sent outside says it, without the responders' internal notes
        and the machine logins (they stay in the city's own record)."""
        self.state = state
        self.lang = lang
        self.public = public
        self.context = Context.of(entries)

    def what(self, entry: LogEntry) -> str:
        return describe(entry, self.state, self.lang, self.context, notes=not self.public)

    def marks(self, entry: LogEntry) -> tuple[str, ...]:
        return marks(entry, self.state, self.lang, self.context)

    def row(self, entry: LogEntry) -> TimelineRow:
        occurred = parse_iso(entry.occurred_at)
        recorded = parse_iso(entry.recorded_at)
        return TimelineRow(
            entry.seq,
            format_jst(occurred),
            format_jst(recorded) if abs(recorded - occurred) >= SAME_TIME else "",
            kind_label(entry.kind, self.lang),
            actor_text(entry, self.lang, login=not self.public),
            self.what(entry),
            self.marks(entry) + late_mark(entry, self.lang),
            entry,
        )


def late_mark(entry: LogEntry, lang: str = "ja") -> tuple[str, ...]:
    if not recorded_late(entry):
        return ()
    lag = lag_of(entry)
    return (RECORDED_LATE.format(lang, lag=span_ja(lag) if lang == "ja" else str(lag)),)


def incident_decisions(state: IncidentState) -> list[tuple[Playbook, Decision]]:
    """Every question of every plan the incident followed, once each (answers carry over a
    hand-over by id), in the order the plans were followed, each with the plan that words it."""
    seen: dict[str, tuple[Playbook, Decision]] = {}
    for run in state.plans:
        for decision in run.playbook.plan.decisions:
            seen[decision.id] = (run.playbook.plan, decision)  # a later plan's wording wins
    return list(seen.values())


# What the copy sent outside leaves out: the responders' internal remarks and the log's own
# housekeeping (copies issued, a tabletop's clock, injects of an exercise).
INTERNAL_KINDS = frozenset({"noted", "lesson", "report_issued", "clock_changed", "inject"})


def timeline_rows(
    state: IncidentState, entries: Sequence[LogEntry], lang: str = "ja", public: bool = False
) -> list[TimelineRow]:
    """Every entry as a row; ``public``: the submission copy's rows (no internal notes)."""
    describer = Describer(state, entries, lang, public=public)
    if public:
        entries = [e for e in entries if e.kind not in INTERNAL_KINDS]
    return [describer.row(e) for e in entries]


@dataclass(frozen=True)
class Lag:
    late: int  # entries recorded LATE_AFTER or more after they occurred
    largest: timedelta | None  # the largest such lag
    seq: int | None  # the entry with it


def recording_lag(entries: Sequence[LogEntry]) -> Lag:
    """How much of the log was written after the fact (copies issued are not response)."""
    late = 0
    largest: timedelta | None = None
    seq: int | None = None
    for entry in entries:
        if recorded_late(entry):
            lag = lag_of(entry)
            late += 1
            if largest is None or lag > largest:
                largest, seq = lag, entry.seq
    return Lag(late, largest, seq)


def missed(deadlines: Sequence[DeadlineStatus]) -> list[DeadlineStatus]:
    """The deadlines not kept: passed and still open, or met after they were due (期限超過)."""
    return [d for d in deadlines if d.state in ("overdue", "met_late")]


@dataclass(frozen=True)
class ContactRow:
    step: str  # the reporting step's title
    whom: str
    at: datetime
    channel: str  # in words
    person: str
    receipt: str
    outcome: str
    actor: str


def contact_rows(state: IncidentState) -> list[ContactRow]:
    """The 報告先 table: every contact recorded for a reporting step, in the order made."""
    rows = []
    for entry in state.contacts:
        p = read_payload(entry, ContactRecorded)
        step = next(
            (
                s
                for run in reversed(state.plans)
                if (s := run.playbook.plan.step(entry.step_id or ""))
            ),
            None,
        )
        rows.append(
            ContactRow(
                step.title.ja if step is not None else (entry.step_id or ""),
                p.whom,
                parse_iso(entry.occurred_at),
                label_of(CHANNEL_LABELS, p.channel, "ja"),
                p.person or "",
                p.receipt or "",
                p.outcome or "",
                entry.actor,
            )
        )
    return sorted(rows, key=lambda r: r.at)


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence file as the record lists it (see ``evidence_rows``)."""

    seq: int  # the entry that attached it
    name: str
    size: str  # in words: 2.4 MB（2,516,582 バイト）
    sha256: str
    step: str  # the title of the step it belongs to, "" if none
    note: str
    actor: str
    at: str  # as stored: the record writes it in its own form
    custody: tuple[Custody, ...]


def evidence_rows(state: IncidentState) -> list[EvidenceRow]:
    """The 証拠ファイル table: every file attached, in the order attached, with its custody."""
    rows = []
    for item in state.evidence:
        step = next(
            (
                s
                for run in reversed(state.plans)
                if (s := run.playbook.plan.step(item.step_id or ""))
            ),
            None,
        )
        rows.append(
            EvidenceRow(
                item.seq,
                item.name,
                f"{size_text(item.size, 'ja')}（{item.size:,} バイト）"
                if item.size >= 1024
                else size_text(item.size, "ja"),
                item.sha256,
                step.title.ja if step is not None else (item.step_id or ""),
                item.note,
                item.actor,
                item.at,
                item.custody,
            )
        )
    return rows


# Timings for the after-action report.
@dataclass(frozen=True)
class PhaseTiming:
    phase: Phase
    plan: Playbook
    start: datetime | None
    end: datetime | None  # None while an applicable step is still open
    done: int
    skipped: int
    applicable: int

    @property
    def duration(self) -> timedelta | None:
        return self.end - self.start if self.start and self.end else None


@dataclass(frozen=True)
class KeyStepTiming:
    step: Step
    state: str
    at: datetime | None  # done or skipped
    since_declared: timedelta | None
    deadline: DeadlineStatus | None  # the deadline this step meets, if any


@dataclass(frozen=True)
class SkippedStep:
    step: Step
    at: str
    actor: str
    reason: str


@dataclass
class Review:
    phases: list[PhaseTiming] = field(default_factory=list)
    key_steps: list[KeyStepTiming] = field(default_factory=list)
    skipped: list[SkippedStep] = field(default_factory=list)


def _times(run: PlanRun, step: Step) -> tuple[str | None, str | None]:
    record = run.steps.get(step.id)
    if record is None:
        return None, None
    end = record.done_at or record.skipped_at
    return record.started_at or end, end


def review(data: RecordData) -> Review:
    state = data.state
    out = Review()
    declared = parse_iso(state.declared_at) if state.declared_at else None
    met_by = {d.deadline.met_by: d for d in data.deadlines}
    for run in state.plans:
        states = state.step_states(run)
        for phase in run.playbook.plan.phases:
            starts, ends = [], []
            applicable = [s for s in phase.steps if states[s.id] != "not_applicable"]
            for step in applicable:
                start, end = _times(run, step)
                if start:
                    starts.append(start)
                if end:
                    ends.append(end)
            finished = sum(1 for s in applicable if states[s.id] in ("done", "skipped"))
            out.phases.append(
                PhaseTiming(
                    phase,
                    run.playbook.plan,
                    parse_iso(min(starts)) if starts else None,
                    parse_iso(max(ends)) if ends and finished == len(applicable) else None,
                    sum(1 for s in applicable if states[s.id] == "done"),
                    sum(1 for s in applicable if states[s.id] == "skipped"),
                    len(applicable),
                )
            )
        for step in run.playbook.plan.steps():
            record = run.steps.get(step.id)
            if step.key:
                _, end = _times(run, step)
                at = parse_iso(end) if end else None
                since = at - declared if at and declared else None
                out.key_steps.append(KeyStepTiming(step, states[step.id], at, since, None))
            if record is not None and record.skipped_at:
                out.skipped.append(
                    SkippedStep(step, record.skipped_at, record.actor or "", record.reason or "")
                )
    # Only the current plan's deadlines are computed; attach them to its key steps.
    current = state.plan.playbook.plan
    out.key_steps = [
        KeyStepTiming(k.step, k.state, k.at, k.since_declared, met_by.get(k.step.id))
        if current.step(k.step.id) is k.step
        else k
        for k in out.key_steps
    ]
    return out


def phase_plans(phases: Sequence[PhaseTiming]) -> list[str]:
    """For each phase row, the plan's title where another plan has a phase of the same title
    (two 振り返り after a hand-over), else ""."""
    plans_by_title: dict[str, set[str]] = {}
    for timing in phases:
        plans_by_title.setdefault(timing.phase.title.ja, set()).add(timing.plan.id)
    return [
        timing.plan.title.ja if len(plans_by_title[timing.phase.title.ja]) > 1 else ""
        for timing in phases
    ]


def deadline_result(status: DeadlineStatus, as_of: datetime) -> str:
    """A plain sentence of how a deadline went: met with how much to spare, or missed by how much."""
    label = DEADLINE_STATE_JA.get(status.state, status.state)
    if status.state == "met" and status.due and status.met_at:
        return f"{label}（残り {span_ja(status.due - status.met_at)}）"
    if status.state == "met_late" and status.due and status.met_at:
        return f"{label}（{span_ja(status.met_at - status.due)} 超過）"
    if status.state == "overdue" and status.due:
        return f"{label}（{span_ja(as_of - status.due)} 経過、未完了）"
    if status.state in ("running", "due_soon") and status.due:
        return f"{label}（残り {span_ja(status.due - as_of)}）"
    return label


def anchor_label(plan: Playbook, from_: str) -> str:
    kind, _, ref = from_.partition(":")
    if kind == "declared":
        return "インシデント宣言"
    if kind == "awareness":
        return "認知"
    if kind == "step":
        step = plan.step(ref)
        return f"手順「{step.title.ja if step else ref}」の完了"
    decision = plan.decision(ref)
    return f"判断「{decision.ask.ja if decision else ref}」"


def duration_label(delta: timedelta, in_hours: bool = False) -> str:
    """P5D -> 5日, PT72H -> 72時間 (``in_hours``: as the law and the plan say it), PT30M -> 30分."""
    total = int(delta.total_seconds())
    if total >= 3650 * 86400:
        return f"{total // 86400}日（10年超: 誤り）"
    if total % 86400 == 0 and not (in_hours and total % 3600 == 0):
        return f"{total // 86400}日"
    if total % 3600 == 0:
        return f"{total // 3600}時間"
    return f"{total // 60}分"


def period_label(deadline: Deadline) -> str:
    """How long a clock runs, as the record says it: 30日（暦日）, 72時間, 記録値から."""
    if deadline.from_field is not None:
        step, field_id = deadline.from_field
        return f"記録値（{step}.{field_id}）"
    if deadline.count == "calendar_days":
        return f"{deadline.days}日（暦日）"
    # Said in the unit the plan wrote: PT72H is 72時間, never 3日 (the law counts hours).
    days_part, _, _ = deadline.within.upper().partition("T")
    in_hours = "D" not in days_part and "W" not in days_part
    return duration_label(deadline.duration, in_hours)


# The incident facts a condition may read (conditions.INCIDENT_FACTS), in the record's words.
FACT_WORDS = {
    "incident.body": ("対象の機関", BODY_LABELS),
    "incident.zones": ("関係する領域", ZONE_LABELS),
    "incident.mode": ("対応の種別", MODE_LABELS),
}


def condition_label(plan: Playbook, item: Step | Deadline) -> str:
    """A step's or deadline's ``when:`` in words: 「個人情報の漏えい…」が はい・不明 の場合."""
    from app.domain.conditions import Compare, Node, Not

    def words(node: Node) -> str:
        if isinstance(node, Compare) and node.decision in FACT_WORDS:
            # The incident's own body, zones or mode: said with the vocabulary's words.
            name, table = FACT_WORDS[node.decision]
            chosen = "・".join(label_of(table, c, "ja") for c in table if c in node.choices)
            return f"{name}が {chosen}{' 以外' if node.negate else ''}"
        if isinstance(node, Compare):
            decision = plan.decision(node.decision)
            ask = decision.ask.ja if decision else node.decision
            order = decision.choice_ids() if decision else sorted(node.choices)
            chosen = "・".join(
                choice_label(plan, node.decision, c) for c in order if c in node.choices
            )
            return f"「{ask}」が {chosen}{' 以外' if node.negate else ''}"
        if isinstance(node, Not):
            return f"（{words(node.inner)}）ではない"
        joiner = " かつ " if node.op == "and" else " または "
        return joiner.join(words(part) for part in node.parts)

    if item.condition is None:
        return ""
    return words(item.condition.root) + " の場合"


# The milestones of an incident: when it became known, was declared, and reached each status.
@dataclass(frozen=True)
class Milestones:
    awareness: datetime | None  # 認知 (state.awareness_at, as last corrected)
    declared: datetime | None  # 宣言 (the incident was opened)
    contained: datetime | None  # 封じ込め済み
    recovered: datetime | None  # 復旧済み
    closed: datetime | None  # 終了


def milestones(data: RecordData) -> Milestones:
    """認知, 宣言 and the times the incident reached 封じ込め済み, 復旧済み and 終了, as of
    ``data.as_of``.

    A status's time is that of the last status change into it (retracted changes left out, and
    only changes that occurred at or before ``as_of``, taken in the order they occurred), unless
    a later change moved the incident back to an earlier status (open < contained < recovered
    < closed: a reopening, or 復旧済み back to 封じ込め済み): then it has left that status and the
    time is None until it is reached again. A status the incident passed over (open straight to
    recovered) has no time: the log does not say when it was contained."""
    from app.domain.kinds import StatusChanged, read_payload

    state = data.state
    order = ("open", "contained", "recovered", "closed")
    changes = []
    for entry in data.entries:
        if entry.kind != "status_changed" or entry.uuid in state.retracted:
            continue
        occurred = parse_iso(entry.occurred_at)
        if occurred <= data.as_of:
            changes.append((occurred, entry.seq, read_payload(entry, StatusChanged).status))
    reached: dict[str, datetime] = {}
    for occurred, _, status in sorted(changes):
        rank = order.index(status) if status in order else None
        if rank is not None:  # left every status after it: they are reached afresh, if at all
            for later in order[rank + 1 :]:
                reached.pop(later, None)
        reached[status] = occurred

    def at(iso: str) -> datetime | None:
        return parse_iso(iso) if iso else None

    return Milestones(
        awareness=at(state.awareness_at),
        declared=at(state.declared_at),
        contained=reached.get("contained"),
        recovered=reached.get("recovered"),
        closed=reached.get("closed"),
    )

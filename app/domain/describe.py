"""What a log entry says, in words: the one describer of the screen, the paper, the CSV and the
command line.

``describe(entry, state, lang, context)`` turns an entry into one line, built on the fold's
knowledge: the plan in force when the entry was written (after a hand-over, the later plan), the
step's title and its fields' labels, the decision's question and the choice's words, the entry
a correction retracts. Fixed words come from ``app.domain.vocabulary`` only.

The fold does not keep where in the log each hand-over fell, nor the numbers of the entries a
correction names; a ``Context`` holds them. The paper builds it from every entry
(``Context.of``); the screen, which reads the log a page at a time, from the few hand-overs and
corrections it asks the log for. Without one, the plan is the one whose record holds the step,
and a retracted entry is named by the start of its uuid.

Nothing here raises on an old or damaged payload: a value of the wrong type is shown as it is,
an unknown kind with its kind and payload. An entry is never dropped.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from app.domain.entries import LogEntry
from app.domain.kinds import login_of
from app.domain.timeutil import (
    format_era_datetime,
    format_era_day_weekday,
    format_jst,
    parse_iso,
)
from app.domain.vocabulary import (
    CHANNEL_LABELS,
    CHOICE_LABELS,
    CLOCK_ACTION_LABELS,
    CLOCK_BACKWARDS,
    CUSTODY_LABELS,
    DAY_COUNT,
    KIND_LABELS,
    LESSON_CATEGORY_LABELS,
    MARKED,
    MODE_LABELS,
    MOVED_LABELS,
    RATING_LABELS,
    REPORT_LABELS,
    RETRACTED_BY,
    ROLE_LABELS,
    STATUS_LABELS,
    STEP_STATE_LABELS,
    Label,
    body_text,
    label_of,
)
from app.i18n import language

if TYPE_CHECKING:  # types only: the describer needs no pydantic at import
    from app.domain.deadlines import DeadlineStatus
    from app.domain.playbook import Decision, FieldSpec, Playbook, Step
    from app.domain.state import IncidentState, PlanRun

# The describer's phrases: fixed words too, so they are said the same way on every surface.
PARTS = Label(" / ", " / ")  # between the parts of one entry
LIST = Label("、", ", ")  # between the fields of a step
PLAN_VERSION = Label("{plan} 第{version}版", "{plan}, version {version}")
OPENED = Label("{title}（{mode}・{plan}）", "{title} ({mode}; {plan})")
ARROW = Label("{before} → {after}", "{before} → {after}")
SKIP_REASON = Label("省略理由: {reason}", "reason for skipping: {reason}")
DEFER_REASON = Label("保留理由: {reason}", "reason for deferring: {reason}")
DEFER_UNTIL = Label("再開予定: {until}", "to come back to at {until}")
DEPUTY = Label("{who} の代行", "as deputy for {who}")
LOGIN = Label("［{login}］", " [{login}]")  # the machine login beside the typed name
DEPUTY_ACTOR = Label("{actor}（代行）", "{actor} (deputy)")
NOTE = Label("メモ: {note}", "note: {note}")
REASON = Label("理由: {reason}", "reason: {reason}")
OWNER = Label("担当: {owner}", "owner: {owner}")
DUE = Label("期日: {due}", "due: {due}")
CHANGES = Label("見直す手順: {step}", "step to change: {step}")
SUMMARY = Label("概要: {summary}", "summary: {summary}")
RETRACTS = Label("{entry} を取り消す。理由: {reason}", "retracts {entry}. Reason: {reason}")
IMPROVEMENT = Label("［改善項目］", " [improvement item]")  # full-width brackets need no space
ISSUED = Label(
    "{report}を出力（記録 {entries} 件まで）: {file}",
    "Issued the {report} (entries 1 to {entries}): {file}",
)
FILE = Label("ファイル: {file}", "file: {file}")
EVIDENCE_FILE = Label("{name}（{size}、sha256 {sha}…）", "{name} ({size}, sha256 {sha}…)")
EVIDENCE_NAMED = Label("{name}（sha256 {sha}…）", "{name} (sha256 {sha}…)")
HANDED_TO = Label("渡し先: {to}", "to: {to}")
BYTES = Label("{n} バイト", "{n} bytes")
INJECT_TO = Label("宛先: {role}", "to: {role}")
BY_HAND = Label("統制者が手動で付与", "released by hand")
SCRIPT = Label("シナリオ {script} 第{version}版", "script {script}, version {version}")
RATED = Label("目標 {objective}: {rating}", "objective {objective}: {rating}")
CLOSED_ITEM = Label("改善項目「{item}」を完了: {done}", "improvement item “{item}” closed: {done}")
REVISION = Label("改訂: {revision}", "revision: {revision}")
RESOLVED = Label(
    "端末間の食い違い ({what} {target}) を「{chosen}」に決定。理由: {reason}",
    "conflict between laptops ({what} {target}) settled as “{chosen}”. Reason: {reason}",
)
QUESTION = Label("判断", "question")
STEP = Label("手順", "step")
AWARENESS = Label(
    "認知時刻 {before} → {after}。理由: {reason}", "awareness {before} → {after}. Reason: {reason}"
)
TICKED = Label("{step}: {check} を確認", "{step}: {check} checked")
UNTICKED = Label("{step}: {check} の確認を取り消し", "{step}: {check} unchecked")
CONTACT = Label("{whom}（{channel}）", "{whom} ({channel})")
CONTACT_PERSON = Label("応対者: {person}", "spoke to: {person}")
RECEIPT = Label("受付番号: {receipt}", "receipt no.: {receipt}")
OUTCOME = Label("結果: {outcome}", "outcome: {outcome}")
SIMULATED_AT = Label("模擬時刻 {at}", "simulated time {at}")
SPEED = Label("速度 {speed} 倍", "speed ×{speed}")
DAMAGED = Label(
    "（この記録の内容は読めません。sonae verify で確認してください）",
    "(this entry's content cannot be read; run sonae verify)",
)


_ODD_VALUES = (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError)


@dataclass
class Context:
    """Where the log's hand-overs fall and the numbers of the entries corrections name."""

    handovers: list[int] = field(default_factory=list)  # seqs of the hand-overs, ascending
    seq_of: dict[str, int] = field(default_factory=dict)  # uuid -> seq
    corrected_by: dict[str, str] = field(default_factory=dict)  # target uuid -> correction uuid

    @classmethod
    def of(cls, entries: Iterable[LogEntry]) -> Context:
        """From every entry of an incident, in seq order."""
        context = cls()
        for entry in entries:
            context.seq_of[entry.uuid] = entry.seq
            context.learn(entry)
        return context

    def learn(self, entry: LogEntry) -> None:
        """Take note of a hand-over or a correction (and of the entry's number)."""
        self.seq_of[entry.uuid] = entry.seq
        if entry.kind == "handed_over" and entry.seq not in self.handovers:
            bisect.insort(self.handovers, entry.seq)
        elif entry.kind == "corrected":
            target = entry.payload.get("target")
            if isinstance(target, str) and target:
                self.corrected_by.setdefault(target, entry.uuid)

    def plan_index(self, seq: int) -> int:
        """Which plan of the incident was in force at entry ``seq`` (0: the one it opened with);
        a hand-over entry is the first of its new plan."""
        return bisect.bisect_right(self.handovers, seq)


def describe(
    entry: LogEntry,
    state: IncidentState | None,
    lang: str | None = None,
    context: Context | None = None,
    notes: bool = True,
) -> str:
    """One line saying what ``entry`` records, in ``lang`` (default: the current language).
    Without ``notes``, the free-text notes kept on a step or an answer are left out (the copy
    sent outside carries what was done, not the responders' internal remarks)."""
    lang = lang if lang in ("ja", "en") else language()
    try:
        return _Describe(entry, state, lang, context, notes).text()
    except _ODD_VALUES:  # a payload of a shape no version wrote: shown as stored
        return _raw(entry, lang)


def answer(
    state: IncidentState | None, decision_id: str, choice: str, lang: str | None = None
) -> str:
    """A decision as the responder read it: its question → the choice's words, from the newest
    plan of the incident that asks it (questions carry over a hand-over by id)."""
    lang = lang if lang in ("ja", "en") else language()
    plans = [run.playbook.plan for run in reversed(state.plans)] if state is not None else []
    return _Describe.answer_in(plans, decision_id, choice, lang)


def kind_label(kind: str, lang: str | None = None) -> str:
    """The entry kind's word; an unknown kind (a newer Sonae's) is shown as it is stored."""
    return label_of(KIND_LABELS, kind, lang)


def actor_text(entry: LogEntry, lang: str | None = None, login: bool = True) -> str:
    """Who wrote the entry, marked when they acted as someone's deputy, and beside the typed
    name the machine login it was written under when that differs (anyone can type a name).
    Without ``login``, the name alone (the copy sent outside the city)."""
    deputy = entry.payload.get("deputy_for")
    name = deputy_text(entry.actor, lang) if deputy and entry.kind == "step_done" else entry.actor
    account = login_of(entry) if login else ""
    return name + LOGIN.format(lang, login=account) if account and account != entry.actor else name


def deputy_text(actor: str, lang: str | None = None) -> str:
    """A responder's name as shown when they acted as someone's deputy: 佐藤 花子（代行）."""
    return DEPUTY_ACTOR.format(lang, actor=actor)


def retracted_mark(
    entry: LogEntry,
    state: IncidentState | None,
    lang: str | None = None,
    context: Context | None = None,
) -> str:
    """取消済(#N) when a later correction retracts the entry, else ""."""
    by = context.corrected_by.get(entry.uuid) if context is not None else None
    if by is None and state is not None:
        by = state.retracted.get(entry.uuid)
    if by is None:
        return ""
    seq = context.seq_of.get(by) if context is not None else None
    return RETRACTED_BY.format(lang, seq=seq if seq is not None else "?")


def clock_mark(entry: LogEntry, state: IncidentState | None, lang: str | None = None) -> str:
    """時計逆行 when the entry was written at a time before the one before it, else ""."""
    if entry.flags == "clock_backwards" or (state is not None and entry.seq in state.clock_flags):
        return CLOCK_BACKWARDS.text(lang)
    return ""


def marks(
    entry: LogEntry,
    state: IncidentState | None,
    lang: str | None = None,
    context: Context | None = None,
) -> tuple[str, ...]:
    """The marks beside an entry: retracted by a later correction, the clock went back."""
    found = (retracted_mark(entry, state, lang, context), clock_mark(entry, state, lang))
    return tuple(m for m in found if m)


def marked(
    entry: LogEntry,
    state: IncidentState | None,
    lang: str | None = None,
    context: Context | None = None,
) -> str:
    """What the entry says, led by its marks, for a line that has no column of its own for
    them: ［取消済(#13)］別の課の記録."""
    shown = "".join(MARKED.format(lang, mark=m) for m in marks(entry, state, lang, context))
    return shown + describe(entry, state, lang, context)


def day_text(value: str, lang: str | None = None) -> str:
    """A date (an improvement item's due date) as read: 令和9年3月31日（水） in Japanese."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    lang = lang if lang in ("ja", "en") else language()
    return format_era_day_weekday(day) if lang == "ja" else day.isoformat()


def moment_text(value: object, lang: str | None = None) -> str:
    """A date and time a responder recorded in a field, as a person reads it: 令和8年11月19日（木）
    17:30 in Japanese, 2026-11-19 17:30 JST in English; as typed if it is not a time."""
    try:
        moment = parse_iso(str(value))
    except ValueError:
        return value_text(value, lang)
    lang = lang if lang in ("ja", "en") else language()
    return format_era_datetime(moment) if lang == "ja" else format_jst(moment)


def field_text(spec: FieldSpec, value: object, lang: str | None = None) -> str:
    """A value recorded in a step's field, as read on every surface: a time in words
    (``moment_text``), a tick as はい / Yes, anything else as typed."""
    return moment_text(value, lang) if spec.type == "datetime" else value_text(value, lang)


def choice_text(plan: Playbook, decision_id: str, choice: str, lang: str | None = None) -> str:
    """An answer in words: the plan's own label for it, else the vocabulary's yes / no /
    unknown, else the choice as stored."""
    return _choice_words(plan.decision(decision_id), choice, lang)


def _choice_words(decision: Decision | None, choice: str, lang: str | None) -> str:
    for item in decision.choices if decision is not None else []:
        if item.id == choice and item.label is not None:
            return item.label.get(lang if lang in ("ja", "en") else language())
    return label_of(CHOICE_LABELS, choice, lang)


def value_text(value: object, lang: str | None = None) -> str:
    """A recorded value as read: a ticked box is はい / Yes, not Python's True."""
    if isinstance(value, bool):
        return CHOICE_LABELS["yes" if value else "no"].text(lang)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return str(value)


def size_text(size: object, lang: str | None = None) -> str:
    """A file's size as read: 2.4 MB, 512 KB, 900 バイト (a kilobyte is 1,024 bytes)."""
    if type(size) is not int or size < 0:
        return value_text(size, lang)
    if size < 1024:
        return BYTES.format(lang, n=size)
    for unit, scale in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if size < scale * 1024 or unit == "GB":
            return f"{size / scale:.1f} {unit}"
    return str(size)  # pragma: no cover (the loop always returns)


def payload_text(payload: dict[str, Any], lang: str | None = None) -> str:
    """A payload no kind of this build words: every key with its value, as stored."""
    return LIST.text(lang).join(f"{k}: {value_text(v, lang)}" for k, v in payload.items())


def _raw(entry: LogEntry, lang: str) -> str:
    if entry.damaged:
        return DAMAGED.text(lang)
    try:
        return payload_text(entry.payload, lang)
    except _ODD_VALUES:
        return DAMAGED.text(lang)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    return value_text(value)


class _Describe:
    """One entry being put into words (the state and the language it is said in)."""

    def __init__(
        self,
        entry: LogEntry,
        state: IncidentState | None,
        lang: str,
        context: Context | None,
        notes: bool = True,
    ) -> None:
        self.entry = entry
        self.notes = notes
        self.p = entry.payload
        self.state = state
        self.lang = lang
        self.context = context
        self.runs: list[PlanRun] = state.plans if state is not None else []

    def say(self, label: Label, **values: object) -> str:
        return label.format(self.lang, **values)

    def parts(self, *parts: str) -> str:
        return PARTS.text(self.lang).join(p for p in parts if p)

    def text(self) -> str:
        entry = self.entry
        if entry.damaged:
            return DAMAGED.text(self.lang)
        handler = _BY_KIND.get(entry.kind)
        if handler is None:
            return payload_text(self.p, self.lang)
        return str(handler(self))

    # The plan an entry speaks of.
    def _index(self) -> int | None:
        if not self.runs or self.context is None:
            return None
        return min(self.context.plan_index(self.entry.seq), len(self.runs) - 1)

    def plans(self) -> list[Playbook]:
        """The plan in force when the entry was written first, then every other one (newest
        first): an entry may name a step or question of an earlier plan."""
        index = self._index()
        if index is None:
            ordered = list(reversed(self.runs))
            step_id = self.entry.step_id
            # Without a context: the newest plan whose record holds the entry's step.
            holder = next((r for r in ordered if step_id and step_id in r.steps), None)
            if holder is not None:
                ordered = [holder, *(r for r in ordered if r is not holder)]
        else:
            current = self.runs[index]
            ordered = [current, *(r for r in reversed(self.runs) if r is not current)]
        return [run.playbook.plan for run in ordered]

    def step(self, step_id: str | None) -> Step | None:
        if not step_id:
            return None
        return next((s for p in self.plans() if (s := p.step(step_id)) is not None), None)

    def step_title(self, step_id: str | None) -> str:
        step = self.step(step_id)
        return step.title.get(self.lang) if step is not None else (step_id or "")

    def plan_title(self, plan: Playbook | None, fallback: object) -> str:
        return plan.title.get(self.lang) if plan is not None else _text(fallback)

    def with_version(self, title: str, pin: dict[str, Any]) -> str:
        version = pin.get("version")
        return self.say(PLAN_VERSION, plan=title, version=version) if version else title

    # One method per kind.
    def _opened(self) -> str:
        pin = _dict(self.p.get("playbook"))
        plan = self.runs[0].playbook.plan if self.runs else None
        title = self.with_version(self.plan_title(plan, pin.get("id", "")), pin)
        mode = _text(self.p.get("mode", ""))
        return self.say(
            OPENED,
            title=_text(self.p.get("title", "")),
            mode=label_of(MODE_LABELS, mode, self.lang) if mode else "—",
            plan=title,
        )

    def _handed_over(self) -> str:
        pin = _dict(self.p.get("playbook"))
        index = self._index()
        if index is None:  # the newest plan run of this text
            sha = pin.get("sha256")
            found = [i for i, r in enumerate(self.runs) if r.playbook.sha256 == sha]
            index = found[-1] if found else None
        before = self.runs[index - 1].playbook.plan if index else None
        after = self.runs[index].playbook.plan if index is not None else None
        return self.say(
            ARROW,
            before=self.plan_title(before, self.p.get("from", "")),
            after=self.with_version(self.plan_title(after, pin.get("id", "")), pin),
        )

    def _step_entry(self) -> str:
        p = self.p
        step = self.step(self.entry.step_id)
        title = step.title.get(self.lang) if step is not None else (self.entry.step_id or "")
        values = p.get("fields")
        fields = ""
        if isinstance(values, dict) and values:
            # The labels of the plan that recorded the step, not the field ids of the format.
            specs = {f.id: f for f in step.fields} if step else {}
            fields = LIST.text(self.lang).join(
                f"{specs[k].label.get(self.lang)}: {field_text(specs[k], v, self.lang)}"
                if k in specs
                else f"{k}: {value_text(v, self.lang)}"
                for k, v in values.items()
            )
        elif values:
            fields = _text(values)
        return self.parts(
            title,
            fields,
            self.say(SKIP_REASON, reason=_text(p["reason"])) if p.get("reason") else "",
            self.say(DEPUTY, who=_text(p["deputy_for"])) if p.get("deputy_for") else "",
            self.say(NOTE, note=_text(p["note"])) if p.get("note") and self.notes else "",
        )

    _step_started = _step_done = _step_skipped = _step_entry

    def _step_deferred(self) -> str:
        until = self.p.get("until")
        return self.parts(
            self.step_title(self.entry.step_id),
            self.say(DEFER_REASON, reason=_text(self.p.get("reason", ""))),
            self.say(DEFER_UNTIL, until=moment_text(until, self.lang)) if until else "",
        )

    @staticmethod
    def answer_in(plans: list[Playbook], decision_id: str, choice: str, lang: str) -> str:
        """The question in the first of ``plans`` that asks it → the choice's words there (the
        plan's own, else the vocabulary's yes / no / unknown)."""
        decision = next((d for q in plans if (d := q.decision(decision_id)) is not None), None)
        ask = decision.ask.get(lang) if decision is not None else decision_id
        return ARROW.format(lang, before=ask, after=_choice_words(decision, choice, lang))

    def _decided(self) -> str:
        choice = _text(self.p.get("choice", ""))
        note = self.p.get("note") if self.notes else None
        reason = self.p.get("reason")
        return self.parts(
            self.answer_in(self.plans(), self.entry.decision_id or "", choice, self.lang),
            self.say(REASON, reason=_text(reason)) if reason else "",
            self.say(NOTE, note=_text(note)) if note else "",
        )

    def _status_changed(self) -> str:
        after = label_of(STATUS_LABELS, _text(self.p.get("status", "")), self.lang)
        previous = self.p.get("previous")
        change = (
            self.say(ARROW, before=label_of(STATUS_LABELS, _text(previous), self.lang), after=after)
            if previous
            else after
        )
        summary = self.p.get("summary")
        return self.parts(change, self.say(SUMMARY, summary=_text(summary)) if summary else "")

    def _deadline_met(self) -> str:
        deadline_id = _text(self.p.get("deadline_id", ""))
        found = (q.deadline(deadline_id) for q in self.plans())
        deadline = next((d for d in found if d is not None), None)
        return deadline.title.get(self.lang) if deadline is not None else deadline_id

    def _corrected(self) -> str:
        target = _text(self.p.get("target", ""))
        seq = self.context.seq_of.get(target) if self.context is not None else None
        where = f"#{seq}" if seq is not None else (target[:8] or "?")
        return self.say(RETRACTS, entry=where, reason=_text(self.p.get("reason", "")))

    def _noted(self) -> str:
        # A note on a step names it: in the entry (version 2) or its payload (version 1).
        step_id = self.entry.step_id or self.p.get("step_id")
        text = _text(self.p.get("text", ""))
        return self.parts(self.step_title(step_id), text) if isinstance(step_id, str) else text

    def _lesson(self) -> str:
        p = self.p
        category = p.get("category", "lesson")
        head = MARKED.format(
            self.lang, mark=label_of(LESSON_CATEGORY_LABELS, _text(category), self.lang)
        )
        text = head + _text(p.get("text", ""))
        if not p.get("improvement"):
            return text
        where = ""
        if isinstance(p.get("step"), str):
            where = self.step_title(p["step"])
        item = self.parts(
            self.say(OWNER, owner=_text(p["owner"])) if p.get("owner") else "",
            self.say(DUE, due=day_text(_text(p["due"]), self.lang)) if p.get("due") else "",
            self.say(CHANGES, step=where) if where else "",
        )
        return self.parts(text + IMPROVEMENT.text(self.lang), item)

    def _inject(self) -> str:
        to = self.p.get("to")
        return self.parts(
            _text(self.p.get("text", "")) or payload_text(self.p, self.lang),
            self.say(INJECT_TO, role=label_of(ROLE_LABELS, to, self.lang)) if to else "",
            BY_HAND.text(self.lang) if self.p.get("by_hand") else "",
        )

    def _exercise_started(self) -> str:
        pin = _dict(self.p.get("script"))
        return self.parts(
            self.say(SCRIPT, script=_text(pin.get("id", "")), version=_text(pin.get("version"))),
            self._speed(),
        )

    def _speed(self) -> str:
        speed = self.p.get("speed")
        if isinstance(speed, int | float) and speed != 1:
            return self.say(SPEED, speed=f"{speed:g}")
        return ""

    def _rated(self) -> str:
        rating = _text(self.p.get("rating", ""))
        return self.parts(
            self.say(
                RATED,
                objective=_text(self.p.get("objective", "")),
                rating=label_of(RATING_LABELS, rating, self.lang),
            ),
            self.say(REASON, reason=_text(self.p.get("reason", ""))),
        )

    def _conflict_resolved(self) -> str:
        chosen = _text(self.p.get("chosen", ""))
        step = self.p.get("subject") == "step"
        if step and chosen in STEP_STATE_LABELS:
            chosen = STEP_STATE_LABELS[chosen].text(self.lang)
        return self.say(
            RESOLVED,
            what=(STEP if step else QUESTION).text(self.lang),
            target=_text(self.p.get("target", "")),
            chosen=chosen,
            reason=_text(self.p.get("reason", "")),
        )

    def _improvement_closed(self) -> str:
        revision = self.p.get("revision")
        item = _text(self.p.get("item", ""))
        lessons = self.state.lessons if self.state is not None else []
        lesson = next((e for e in lessons if e.uuid == item), None)
        return self.parts(
            self.say(
                CLOSED_ITEM,
                item=_text(lesson.payload.get("text", "")) if lesson else item[:8],
                done=_text(self.p.get("done", "")),
            ),
            self.say(REVISION, revision=_text(revision)) if revision else "",
        )

    def _evidence_added(self) -> str:
        p = self.p
        digest = p.get("sha256")
        if "text" in p and "v" not in p:  # version 1: a line of text that may name a file
            return self.parts(
                _text(p.get("text", "")),
                self.say(FILE, file=_text(p["file"])) if p.get("file") else "",
                f"sha256 {_text(digest)[:16]}" if digest else "",
            )
        note = p.get("note") if self.notes else None
        return self.parts(
            self.step_title(self.entry.step_id) if self.entry.step_id else "",
            self.say(
                EVIDENCE_FILE,
                name=_text(p.get("name", "")),
                size=size_text(p.get("size"), self.lang),
                sha=_text(digest)[:16],
            ),
            self.say(NOTE, note=_text(note)) if note else "",
        )

    def _evidence_handed(self) -> str:
        p = self.p
        digest = _text(p.get("sha256", ""))
        files = self.state.evidence if self.state is not None else []
        name = next((f.name for f in files if f.sha256 == digest), "")
        shown = self.say(EVIDENCE_NAMED, name=name, sha=digest[:16]) if name else ""
        note = p.get("note") if self.notes else None
        return self.parts(
            label_of(CUSTODY_LABELS, _text(p.get("how", "")), self.lang),
            shown or f"sha256 {digest[:16]}…",
            self.say(HANDED_TO, to=_text(p.get("to", ""))),
            self.say(FILE, file=_text(p["file"]))
            if p.get("file", p.get("to")) != p.get("to")
            else "",
            self.say(NOTE, note=_text(note)) if note else "",
        )

    def _report_issued(self) -> str:
        report = REPORT_LABELS.get(_text(self.p.get("report", "")))
        if report is None or "entries" not in self.p:
            return _text(self.p.get("text", "")) or payload_text(self.p, self.lang)
        return self.say(
            ISSUED,
            report=report.text(self.lang),
            entries=_text(self.p.get("entries")),
            file=_text(self.p.get("file", "")),
        )

    def _clock_changed(self) -> str:
        action = _text(self.p.get("action", ""))
        sim_at = self.p.get("sim_at")
        at = ""
        if isinstance(sim_at, str) and sim_at:
            try:
                at = self.say(SIMULATED_AT, at=format_jst(parse_iso(sim_at)))
            except (ValueError, TypeError, OverflowError):
                at = self.say(SIMULATED_AT, at=sim_at)
        shown_speed = self._speed() if action in ("start", "speed") else ""
        return self.parts(label_of(CLOCK_ACTION_LABELS, action, self.lang), at, shown_speed)

    def _awareness_corrected(self) -> str:
        def shown(value: object) -> str:
            try:
                return format_jst(parse_iso(_text(value)))
            except (ValueError, TypeError, OverflowError):
                return _text(value) or "—"

        return self.say(
            AWARENESS,
            before=shown(self.p.get("previous")),
            after=shown(self.p.get("awareness_at")),
            reason=_text(self.p.get("reason", "")),
        )

    def _body_changed(self) -> str:
        previous = self.p.get("previous")
        after = body_text(_text(self.p.get("body", "")), self.lang)
        if not previous:
            return after
        return self.say(ARROW, before=body_text(_text(previous), self.lang), after=after)

    def _check_ticked(self) -> str:
        step = self.step(self.entry.step_id)
        check_id = _text(self.p.get("check", ""))
        item = next((c for c in step.checks if c.id == check_id), None) if step else None
        label = TICKED if self.p.get("ticked", True) else UNTICKED
        return self.say(
            label,
            step=self.step_title(self.entry.step_id),
            check=item.text.get(self.lang) if item is not None else check_id,
        )

    def _contact_recorded(self) -> str:
        p = self.p
        channel = label_of(CHANNEL_LABELS, _text(p.get("channel", "")), self.lang)
        return self.parts(
            self.step_title(self.entry.step_id),
            self.say(CONTACT, whom=_text(p.get("whom", "")), channel=channel),
            self.say(CONTACT_PERSON, person=_text(p["person"])) if p.get("person") else "",
            self.say(RECEIPT, receipt=_text(p["receipt"])) if p.get("receipt") else "",
            self.say(OUTCOME, outcome=_text(p["outcome"])) if p.get("outcome") else "",
        )


def due_text(status: DeadlineStatus) -> str:
    """When a clock falls due, as a responder reads it. A clock counted in days ends at 24:00 of
    its last day, said so (2026-12-05 24:00 JST), not as 00:00 of the next day."""
    if status.due is None:
        return "—"
    if status.days is not None:
        return f"{status.days.due_day.isoformat()} 24:00 JST"
    return format_jst(status.due)


def due_reason(status: DeadlineStatus, lang: str | None = None) -> str:
    """How a clock counted in days ends, and why it moved if it did:
    「起算日を1日目として30日目の24時まで／30日目が祝日のため翌開庁日」."""
    lang = lang or language()
    days = status.days
    if days is None:
        return ""
    n = status.deadline.days
    said = DAY_COUNT.format(lang, n=n)
    if days.moved_because is not None:
        said += PARTS.text(lang) + MOVED_LABELS[days.moved_because].format(lang, n=n)
    return said


# One method per kind; any other kind is shown with its payload.
_BY_KIND = {kind: getattr(_Describe, "_" + kind) for kind in KIND_LABELS}

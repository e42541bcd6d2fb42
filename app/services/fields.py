"""Field rules: what a value typed by a responder may be. Pure functions, no log and no state:
a step's recorded fields against its plan, times within the years every date function can show,
and the bounds on text an entry may hold. The commands use them, and the window asks them
before it sends anything, so both say the same."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain.durations import parse_duration
from app.domain.entries import EntryDraft
from app.domain.timeutil import JST, parse_iso
from app.errors import SonaeError
from app.i18n import Msg, msg

if TYPE_CHECKING:  # the plan models are only read here: a note needs no plan parser
    from app.domain.playbook import FieldSpec, Step

# A real or drill entry may not claim to have happened in the future; tabletop time is simulated,
# but still kept within years that every date function (and the Japanese era) can show.
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST = datetime(2000, 1, 1, tzinfo=JST)
LATEST = datetime(2100, 1, 1, tzinfo=JST)
CHECKBOX_VALUES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


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


def checked_fields(step: Step, given: dict[str, Any]) -> dict[str, Any]:
    """The step's recorded fields, checked against the plan: known, typed, and required ones
    present. Empty values are dropped."""
    values, problem = _read_fields(step, given)
    if problem is not None:
        raise SonaeError(problem)
    return values


def field_problems(step: Step, given: dict[str, Any]) -> Msg | None:
    """What ``checked_fields`` would refuse in these values (the first problem), or None: asked
    by the window before it records a step done. The message names the field it is about in its
    ``field`` argument (see ``field_of``), so the cursor can be put there."""
    return _read_fields(step, given)[1]


def field_of(problem: Msg) -> str | None:
    """The id of the field a problem from ``field_problems`` is about."""
    field = dict(problem.args).get("field")
    return str(field) if field is not None else None


def _read_fields(step: Step, given: dict[str, Any]) -> tuple[dict[str, Any], Msg | None]:
    specs = {f.id: f for f in step.fields}
    values: dict[str, Any] = {}
    for key, value in given.items():
        spec = specs.get(key)
        if spec is None:
            return values, msg(
                "手順 '{step}' に記録項目 '{field}' はありません",
                "step '{step}' has no field '{field}'",
                step=step.id,
                field=key,
            )
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            values[key] = _typed(spec, value)
        except SonaeError as exc:
            return values, exc.msg
    for spec in step.fields:
        # A required checkbox is a confirmation: only a tick satisfies it.
        unticked = spec.type == "checkbox" and values.get(spec.id) is False
        if spec.required and (spec.id not in values or unticked):
            return values, msg(
                "手順 '{step}' の記録項目「{label}」({field}) は必須です",
                "step '{step}' needs its field '{label_en}' ({field})",
                step=step.id,
                field=spec.id,
                label=spec.label.ja,
                label_en=spec.label.get("en"),
            )
    return values, None


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


def checked_time(
    at: datetime | None, now: datetime, mode: str, began: datetime | None = None
) -> datetime:
    """The time an entry is recorded at: ``now`` (the incident's time), or ``at`` within the
    supported years, not before the incident ``began`` (its awareness time) and, outside a
    tabletop exercise, not in the future."""
    if at is None:
        return now
    check_time_range(at)
    if began is not None and at < began:
        raise SonaeError(
            msg(
                "{at} はこのインシデントの始まり ({began}) より前です。発生時刻を確かめてください",
                "{at} is before this incident began ({began}): check the time it happened",
                at=_shown_time(at),
                began=_shown_time(began),
            )
        )
    if mode != "tabletop" and at > now + FUTURE_TOLERANCE:
        raise SonaeError(
            msg(
                "未来の時刻 {at} は記録できません",
                "cannot record a time in the future ({at})",
                at=at.astimezone(JST).isoformat(timespec="minutes"),
            )
        )
    return at


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


_SHORT_SPAN = re.compile(r"(?:(\d{1,9})d)?(?:(\d{1,9})h)?(?:(\d{1,9})m)?(?:(\d{1,9})s)?")


def parse_span(text: str | None) -> timedelta | None:
    """A length of time typed by a responder (how far a tabletop clock jumps): ISO 8601
    (``PT30M``, ``P1DT2H``) or short (``30m``, ``1h30m``, ``2d``); more than nothing, and no
    longer than the years a time may be in."""
    if text is None:
        return None
    typed = text.strip()
    span: timedelta | None = None
    if typed[:1].upper() == "P":
        try:
            span = parse_duration(typed.upper())
        except ValueError:
            span = None
    else:
        short = _SHORT_SPAN.fullmatch(typed.lower())
        if short is not None and any(short.groups()):
            days, hours, minutes, seconds = (int(part or 0) for part in short.groups())
            try:
                span = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
            except OverflowError:
                span = None
    if span is None or span <= timedelta(0) or span > LATEST - EARLIEST:
        raise SonaeError(
            msg(
                "時間の長さ '{t}' を読めません (例: 30m, 1h30m, 2d, PT30M)",
                "cannot read the length of time '{t}' (for example 30m, 1h30m, 2d, PT30M)",
                t=text[:40],
            )
        )
    return span

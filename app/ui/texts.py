"""The window's fixed words: the vocabulary's labels, and the few phrases only the window says.

The log's and the plans' fixed vocabularies (kinds, modes, statuses, step and deadline states,
zones, choices, categories, roles) come from ``app.domain.vocabulary``, the one table the paper,
the CSV and the command line read too, so a label is never translated twice into two words. Qt's
translations (``QT_TRANSLATE_NOOP`` here, found by ``pyside6-lupdate``) keep the widgets' own
text; a label is looked up when it is shown, so switching language needs no restart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.roles import ROLE_BY_ID
from app.domain.timeutil import format_span, jst
from app.domain.vocabulary import (
    BODY_LABELS,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CHOICE_LABELS,
    DEADLINE_STATE_LABELS,
    KIND_LABELS,
    LESSON_CATEGORY_LABELS,
    MODE_LABELS,
    REPEAT_STATE_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    STEP_STATE_LABELS,
    TARGET_STATE_LABELS,
    ZONE_LABELS,
    Label,
    label_of,
)
from app.i18n import language

if TYPE_CHECKING:  # for types only: the window starts without the deadline rules
    from app.domain.deadlines import DeadlineStatus

_C = "Labels"

MODES = MODE_LABELS
STATUSES = STATUS_LABELS
STEP_STATES = STEP_STATE_LABELS
DEADLINE_STATES = DEADLINE_STATE_LABELS
CATEGORIES = CATEGORY_LABELS
ZONES = ZONE_LABELS
CHOICES = CHOICE_LABELS
KINDS = KIND_LABELS
BODY_CHOICES = BODY_LABELS  # what a condition reads (incident.body): the start offers these
CHANNELS = CHANNEL_LABELS
TARGET_STATES = TARGET_STATE_LABELS
REPEAT_STATES = REPEAT_STATE_LABELS
LESSON_CATEGORIES = LESSON_CATEGORY_LABELS  # 教訓 / 良かった点 / 課題

# The bodies (機関) as incidents before schema 2 recorded them, one per enactment line of the
# seed policy (新 議 教 選 公 監 委 固): still shown in their words when such a log is opened.
# A new incident records one of BODY_CHOICES by its id, which the plans' conditions read.
BODIES: tuple[tuple[str, str, object], ...] = (
    ("新", "市長部局", QT_TRANSLATE_NOOP("Labels", "Mayor's departments")),
    ("議", "議会", QT_TRANSLATE_NOOP("Labels", "City council and its secretariat")),
    ("教", "教育委員会", QT_TRANSLATE_NOOP("Labels", "Board of education")),
    ("選", "選挙管理委員会", QT_TRANSLATE_NOOP("Labels", "Election administration commission")),
    ("公", "公平委員会", QT_TRANSLATE_NOOP("Labels", "Fair treatment commission")),
    ("監", "監査委員", QT_TRANSLATE_NOOP("Labels", "Audit commissioners")),
    ("委", "農業委員会", QT_TRANSLATE_NOOP("Labels", "Agricultural committee")),
    ("固", "固定資産評価審査委員会", QT_TRANSLATE_NOOP("Labels", "Fixed asset review board")),
)


def translate(source: str) -> str:
    return QCoreApplication.translate(_C, source)


def label(table: Mapping[str, Label], key: str) -> str:
    """The vocabulary's word for ``key`` in the window's language, or the key itself for values
    this build does not know."""
    return label_of(table, key)


def body_value(code: str) -> str:
    """What the log stores for a body: 市長部局 (新)."""
    return next(f"{ja} ({c})" for c, ja, _ in BODIES if c == code)


def body_label(value: str) -> str:
    """A stored body shown in the current language; free text is shown as written."""
    if value in BODY_LABELS:
        return label(BODY_LABELS, value)
    compact = "".join(unicodedata.normalize("NFKC", value).split())  # （教） reads as (教)
    for code, ja, en in BODIES:
        # The enactment line's one-character code (新) means nothing to a reader: words only.
        if compact == f"{ja}({code})":
            return ja if language() == "ja" else translate(str(en))
    return value


def day_and_time(moment: datetime) -> str:
    """A due time with its weekday, in JST: '1/4（月）15:00' / 'Mon 1/4 15:00'."""
    local = jst(moment)
    return _at(local.date(), f"{local:%H:%M}")


def day_end(day: date) -> str:
    """The end of a day, as the law says it (24:00, not 00:00 of the next): '1/4（月）24:00'."""
    return _at(day, "24:00")


def due_when(status: DeadlineStatus) -> str:
    """When a running clock falls due: one counted in days at 24:00 of its last day, as the law
    says it (00:00 of the next reads as one day later); any other at its time."""
    if status.days is not None:
        return day_end(status.days.due_day)
    return day_and_time(status.due) if status.due is not None else ""


def _at(day: date, clock: str) -> str:
    weekday = QCoreApplication.translate("Labels", str(WEEKDAYS[day.weekday()]))
    return QCoreApplication.translate("Labels", "{month}/{day} ({weekday}) {time}").format(
        month=day.month, day=day.day, weekday=weekday, time=clock
    )


WEEKDAYS = (
    QT_TRANSLATE_NOOP("Labels", "Mon"),
    QT_TRANSLATE_NOOP("Labels", "Tue"),
    QT_TRANSLATE_NOOP("Labels", "Wed"),
    QT_TRANSLATE_NOOP("Labels", "Thu"),
    QT_TRANSLATE_NOOP("Labels", "Fri"),
    QT_TRANSLATE_NOOP("Labels", "Sat"),
    QT_TRANSLATE_NOOP("Labels", "Sun"),
)


def span_words(length: timedelta | None) -> str:
    """A plan's length in words: '15分', '4時間', '1日2時間' / '15 min', '4 h', '1 d 2 h'."""
    minutes = max(0, int(length.total_seconds()) // 60) if length is not None else 0
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [
        QCoreApplication.translate("Labels", str(unit)).format(n=n)
        for n, unit in (
            (days, QT_TRANSLATE_NOOP("Labels", "{n} d")),
            (hours, QT_TRANSLATE_NOOP("Labels", "{n} h")),
            (minutes, QT_TRANSLATE_NOOP("Labels", "{n} min")),
        )
        if n
    ]
    return ("" if language() == "ja" else " ").join(parts) or "0"


def role_label(role_id: str | None) -> str:
    if not role_id:
        return ""
    return label_of(ROLE_LABELS, role_id)


def role_typical(role_id: str | None) -> str:
    """Who usually holds the role, with 要確認 for the tiers DOMAIN.md marks (confirm): those come
    from the national guideline, and the city must check them against its own 対策基準."""
    role = ROLE_BY_ID.get(role_id or "")
    if role is None:
        return ""
    typical = role.typical_ja if language() == "ja" else role.typical_en
    if role.confirm:
        return QCoreApplication.translate(
            "Labels", "Usually: {holder} (to be confirmed against the city's rules)"
        ).format(holder=typical)
    return QCoreApplication.translate("Labels", "Usually: {holder}").format(holder=typical)


def role_needs_confirming(role_id: str | None) -> bool:
    role = ROLE_BY_ID.get(role_id or "")
    return role is not None and role.confirm


def choice_label(choice_id: str, text: str | None = None) -> str:
    return text or label(CHOICES, choice_id)


def span_text(seconds: float) -> str:
    """A duration for countdowns: '4日 23:59' / '4d 23:59', or '00:42' under a day."""
    total = int(abs(seconds)) // 60 * 60
    days = total // 86400
    clock = format_span(timedelta(seconds=total % 86400))
    if not days:
        return clock
    return QCoreApplication.translate("Labels", "{days}d {clock}").format(days=days, clock=clock)


def time_left(seconds_left: float) -> str:
    """A countdown in words: 'left 2d 03:15' or '00:42 overdue'."""
    span = span_text(seconds_left)
    if seconds_left < 0:
        return QCoreApplication.translate("Labels", "{span} overdue").format(span=span)
    return QCoreApplication.translate("Labels", "{span} left").format(span=span)

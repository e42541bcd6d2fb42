"""Display names for the log's and the plans' fixed vocabularies, through Qt's translations.

The tables hold ``QT_TRANSLATE_NOOP`` markers so ``pyside6-lupdate`` finds every word; the
translation happens when a label is shown, so switching language needs no restart of this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain.roles import ROLE_BY_ID
from app.domain.timeutil import format_span
from app.i18n import language

_C = "Labels"

MODES = {
    "real": QT_TRANSLATE_NOOP("Labels", "Real"),
    "drill": QT_TRANSLATE_NOOP("Labels", "Drill"),
    "tabletop": QT_TRANSLATE_NOOP("Labels", "Tabletop exercise"),
}
STATUSES = {
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "contained": QT_TRANSLATE_NOOP("Labels", "Contained"),
    "recovered": QT_TRANSLATE_NOOP("Labels", "Recovered"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
}
STEP_STATES = {
    "pending": QT_TRANSLATE_NOOP("Labels", "To do"),
    "active": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "skipped": QT_TRANSLATE_NOOP("Labels", "Skipped"),
    "not_applicable": QT_TRANSLATE_NOOP("Labels", "Does not apply"),
    "waiting": QT_TRANSLATE_NOOP("Labels", "Waiting for a decision"),
}
DEADLINE_STATES = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "Not started"),
    "running": QT_TRANSLATE_NOOP("Labels", "Running"),
    "due_soon": QT_TRANSLATE_NOOP("Labels", "DUE SOON"),
    "overdue": QT_TRANSLATE_NOOP("Labels", "OVERDUE"),
    "met": QT_TRANSLATE_NOOP("Labels", "Met"),
    "met_late": QT_TRANSLATE_NOOP("Labels", "Met late"),
    "not_applicable": QT_TRANSLATE_NOOP("Labels", "Does not apply"),
    "invalid": QT_TRANSLATE_NOOP("Labels", "CANNOT BE COMPUTED: check the plan"),
}
CATEGORIES = {
    "cyber": QT_TRANSLATE_NOOP("Labels", "Cyber attack and deliberate acts"),
    "human_error_or_failure": QT_TRANSLATE_NOOP("Labels", "Human error and failures"),
    "disaster": QT_TRANSLATE_NOOP("Labels", "Disaster"),
    "pandemic": QT_TRANSLATE_NOOP("Labels", "Epidemic"),
    "infrastructure": QT_TRANSLATE_NOOP("Labels", "Infrastructure failure"),
}
ZONES = {
    "mynumber": QT_TRANSLATE_NOOP("Labels", "My Number zone"),
    "lgwan": QT_TRANSLATE_NOOP("Labels", "LGWAN zone"),
    "internet": QT_TRANSLATE_NOOP("Labels", "Internet zone"),
}
CHOICES = {
    "yes": QT_TRANSLATE_NOOP("Labels", "Yes"),
    "no": QT_TRANSLATE_NOOP("Labels", "No"),
    "unknown": QT_TRANSLATE_NOOP("Labels", "Unknown"),
}
KINDS = {
    "opened": QT_TRANSLATE_NOOP("Labels", "Opened"),
    "step_started": QT_TRANSLATE_NOOP("Labels", "Step started"),
    "step_done": QT_TRANSLATE_NOOP("Labels", "Step done"),
    "step_skipped": QT_TRANSLATE_NOOP("Labels", "Step skipped"),
    "decided": QT_TRANSLATE_NOOP("Labels", "Decision"),
    "noted": QT_TRANSLATE_NOOP("Labels", "Note"),
    "status_changed": QT_TRANSLATE_NOOP("Labels", "Status"),
    "evidence_added": QT_TRANSLATE_NOOP("Labels", "Evidence"),
    "deadline_met": QT_TRANSLATE_NOOP("Labels", "Deadline met"),
    "inject": QT_TRANSLATE_NOOP("Labels", "Inject"),
    "corrected": QT_TRANSLATE_NOOP("Labels", "Correction"),
    "report_issued": QT_TRANSLATE_NOOP("Labels", "Report issued"),
    "handed_over": QT_TRANSLATE_NOOP("Labels", "Handed over"),
    "lesson": QT_TRANSLATE_NOOP("Labels", "Lesson"),
}
STAGES = {
    "detect": QT_TRANSLATE_NOOP("Labels", "Detect"),
    "contain": QT_TRANSLATE_NOOP("Labels", "Contain"),
    "recover": QT_TRANSLATE_NOOP("Labels", "Recover"),
    "report": QT_TRANSLATE_NOOP("Labels", "Report"),
    "review": QT_TRANSLATE_NOOP("Labels", "Review"),
}

# The bodies (機関) the basic policy covers, one per enactment line of the seed policy
# (新 議 教 選 公 監 委 固). The log keeps the Japanese name with its code, as the city files it.
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


def label(table: Mapping[str, object], key: str) -> str:
    """The translated label of ``key``, or the key itself for values this build does not know."""
    source = table.get(key)
    return translate(str(source)) if source else key


def body_value(code: str) -> str:
    """What the log stores for a body: 市長部局 (新)."""
    return next(f"{ja} ({c})" for c, ja, _ in BODIES if c == code)


def body_label(value: str) -> str:
    """A stored body shown in the current language; free text is shown as written."""
    compact = "".join(value.split())
    for code, ja, en in BODIES:
        if compact == f"{ja}({code})":
            return value if language() == "ja" else f"{translate(str(en))} ({code})"
    return value


def role_label(role_id: str | None) -> str:
    if not role_id:
        return ""
    role = ROLE_BY_ID.get(role_id)
    if role is None:
        return role_id
    return role.ja if language() == "ja" else role.en


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

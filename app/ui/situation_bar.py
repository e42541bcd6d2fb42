"""The situation bar (issue 12): the whole response at a glance, at the top of every incident
screen, outside any scroll area or tab: mode, title, status, time since awareness and since
the declaration, the nearest deadline counting down, progress, and who is working.

Its parts flow onto a next line when the window is narrow or the text large, so none is ever
cut; each part says its state in words, colour only adds to them. What it shows is worked out
in ``app.domain.situation`` (the home cards read the same), from the state already derived.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QWidget,
)

from app.domain.timeutil import format_jst
from app.domain.visible import for_screen
from app.i18n import language
from app.ui.flow_layout import FlowLayout
from app.ui.texts import (
    DEADLINE_STATES,
    STATUSES,
    day_and_time,
    day_end,
    label,
    span_words,
    time_left,
)
from app.ui.widgets import ModeBadge, polish

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.deadlines import DeadlineStatus
    from app.domain.situation import Situation
    from app.domain.state import IncidentState

# A sign before the words of a clock's state, as in the deadlines panel (never colour alone).
SIGNS = {"running": "● ", "due_soon": "▲ ", "overdue": "■ "}
NAMES_SHOWN = 3  # people named in the bar; the others are counted ("+2"), all on hover


class Part(QLabel):
    """One part of the bar: plain text, one line where there is room, wrapped (never cut)
    where there is not."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a title or a name is never read as HTML
        self.setWordWrap(True)
        self._hint_for: tuple[str, str, int] | None = None
        self._hint = QSize()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """The width that holds the text on one line (each of its lines, when it has several),
        as the label itself wraps it: measured, since padding and borders take their share."""
        margins = self.contentsMargins()  # the style's padding and border
        key = (self.text(), self.font().key(), margins.left() + margins.right())
        if self._hint_for != key:
            whole = super().heightForWidth(1 << 16)
            width = max(self.fontMetrics().horizontalAdvance(t) for t in self.text().split("\n"))
            # The label draws inside its margins less its frame again (as QLabel measures).
            width += margins.left() + margins.right() + self.frameWidth() + 2 * self.margin() + 1
            for _ in range(40):  # a few pixels more until it no longer wraps
                if super().heightForWidth(width) <= whole:
                    break
                width += 2
            self._hint_for, self._hint = key, QSize(width, whole)
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())


def span(length: timedelta) -> str:
    """An elapsed time in words, 「3時間12分」 / '3 h 12 min', and under a minute as such."""
    if length < timedelta(minutes=1):
        return QCoreApplication.translate("SituationBar", "under a minute")
    return span_words(length)


def due_words(status: DeadlineStatus) -> str:
    """When a clock ends, in JST with its day: a clock counted in days at 24:00 of its last day,
    as the law says it (not 00:00 of the next)."""
    if status.days is not None:
        return day_end(status.days.due_day)
    return day_and_time(status.due) if status.due is not None else ""


class SituationBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("situationBar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # One flow, in reading order: the most needed first, on as many lines as it takes.
        flow = FlowLayout(self)
        self.badge = ModeBadge("real")
        self.title = Part("incidentTitle")
        self.status = Part("statusLabel")
        self.progress = Part("situationProgress")
        self.working = Part("situationWorking")
        # Time since awareness and declaration; every clock "from awareness" counts from it.
        self.awareness = Part("awarenessLine")
        self.deadline = Part("situationDeadline")
        # The incident's id, its plan and its body (typed in at the start, like the title).
        self.meta = Part("cardMeta")
        # A tabletop exercise runs on its own simulated clock: its time, read-only.
        self.sim_clock = Part("simulatedClock")
        self.sim_clock.hide()
        for part in self.parts():
            flow.add(part, filler=part is self.meta)
        self.situation: Situation | None = None
        self._corrected = False

    def parts(self) -> list[QWidget]:
        """Every part, in reading order (for tests: each must be whole)."""
        return [
            self.badge,
            self.title,
            self.status,
            self.progress,
            self.working,
            self.awareness,
            self.meta,
            self.deadline,
            self.sim_clock,
        ]

    def show_situation(self, state: IncidentState, now: datetime, shown: Situation) -> None:
        """Everything the bar says, at ``now`` (the incident's time)."""
        self.situation = shown
        self.badge.set_mode(shown.mode)
        self._set(self.title, for_screen(shown.title))
        self._set(self.status, label(STATUSES, shown.status))
        if self.status.property("status") != shown.status:
            self.status.setProperty("status", shown.status)
            polish(self.status)
        self._set(
            self.progress,
            self.tr("Progress {done}/{applicable}").format(
                done=shown.done, applicable=shown.applicable
            ),
        )
        self.status.setToolTip(self.tr("Status of the incident"))
        self.progress.setToolTip(
            self.tr("Steps finished (done or skipped) of the steps that apply")
        )
        self.show_working(state, shown)
        self.show_elapsed(shown)
        self.show_deadline(shown.nearest, now)

    def show_working(self, state: IncidentState, shown: Situation) -> None:
        from app.domain.situation import WORKING_RECENTLY

        minutes = int(WORKING_RECENTLY.total_seconds() // 60)
        if not shown.working:
            self._set(
                self.working,
                self.tr("Working: no one recorded in {minutes} min").format(minutes=minutes),
            )
            self.working.setToolTip("")
            return
        names = [for_screen(w.name) for w in shown.working]
        text = self.tr(", ").join(names[:NAMES_SHOWN])
        if len(names) > NAMES_SHOWN:
            text += self.tr(" +{n}").format(n=len(names) - NAMES_SHOWN)
        self._set(self.working, self.tr("Working: {names}").format(names=text))
        lang = language()
        plan = state.playbook.plan
        lines = []
        for worker in shown.working:
            steps = [plan.step(s) for s in worker.steps]
            titles = " / ".join(s.title.get(lang) for s in steps if s is not None)
            if titles:
                lines.append(
                    self.tr("{name}: in progress: {steps}").format(
                        name=for_screen(worker.name), steps=for_screen(titles)
                    )
                )
            else:
                lines.append(
                    self.tr("{name}: recorded in the last {minutes} min").format(
                        name=for_screen(worker.name), minutes=minutes
                    )
                )
        self.working.setToolTip("\n".join(lines))

    def show_elapsed(self, shown: Situation) -> None:
        aware, declared = shown.aware_for, shown.declared_for
        if aware is None or declared is None:
            text = self.tr("Elapsed: —")
        elif abs(aware - declared) < timedelta(minutes=1):
            text = self.tr("Aware and declared {span} ago").format(span=span(aware))
        else:
            text = self.tr("Aware {aware} ago · declared {declared} ago").format(
                aware=span(aware), declared=span(declared)
            )
        if self._corrected:
            text += self.tr(" — awareness time corrected")
        self._set(self.awareness, text)

    def show_awareness(self, times: str, corrected: bool, history: list[str]) -> None:
        """The awareness and declaration times on hover, with the corrections and their
        reasons; the bar says when the awareness time was corrected."""
        self._corrected = corrected
        self.awareness.setToolTip(for_screen("\n".join([times, *history]), multiline=True))

    def show_deadline(self, nearest: DeadlineStatus | None, now: datetime) -> None:
        if nearest is None or nearest.due is None:
            self._set(self.deadline, self.tr("No deadline running"))
            self.deadline.setToolTip("")
            state = ""
        else:
            state = nearest.state
            words = (
                self.tr("Next deadline") if state == "running" else label(DEADLINE_STATES, state)
            )
            text = self.tr("{sign}{state}: {deadline} · {due} · {left}").format(
                sign=SIGNS.get(state, ""),
                state=words,
                deadline=for_screen(nearest.deadline.title.get(language())),
                due=self.tr("by {due}").format(due=due_words(nearest)),
                left=time_left((nearest.due - now).total_seconds()),
            )
            self._set(self.deadline, text)
            tip = [format_jst(nearest.due), nearest.deadline.basis or ""]
            self.deadline.setToolTip(for_screen("\n".join(t for t in tip if t), multiline=True))
        if self.deadline.property("state") != state:
            self.deadline.setProperty("state", state)
            polish(self.deadline)

    def _set(self, part: QLabel, text: str) -> None:
        # Every second: only a change is laid out again.
        if part.text() != text:
            part.setText(text)
            part.updateGeometry()

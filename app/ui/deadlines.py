"""The deadlines panel: every clock of the incident, its time left, and the step that meets it.

Due-soon and overdue stand out by colour *and* by words and a sign, so they are never carried by
colour alone (colour-blind users, grey-scale print-outs of screenshots).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
)

from app.domain.describe import due_reason
from app.domain.timeutil import format_jst
from app.domain.vocabulary import PROVISIONAL
from app.i18n import language
from app.ui.texts import DEADLINE_STATES, due_when, label, time_left

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.deadlines import DeadlineStatus
    from app.domain.state import IncidentState, PlanRun

# (background, sign) per state; the text of the state is always written beside the sign.
# The signs are drawn from glyphs every Japanese UI font has (no emoji, which shows as tofu).
LOOK = {
    "due_soon": ("#fff1b8", "▲ "),
    "overdue": ("#ffc9c9", "■ "),
    "met": ("#d3f9d8", "✓ "),
    "met_late": ("#ffe8cc", "✓ "),
    "running": ("", "● "),
    "invalid": ("#ffc9c9", "✕ "),
}


QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the open question a row's ※ names, or -1


class DeadlinesPanel(QTableWidget):
    rows_measured = Signal()  # rows re-measured after a resize or a font change
    # A row whose clock waits on an unanswered question clicked: that question (0 = the first),
    # which the side panel may have scrolled out of view, is brought to the cursor.
    question_wanted = Signal(int)

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setObjectName("deadlines")
        self.setHorizontalHeaderLabels([self.tr("Deadline → met by step"), self.tr("State")])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the panel
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.fit_columns()
        self.statuses: list[DeadlineStatus] = []
        # What ※ means, once under the table (the view places it), in the vocabulary's words.
        self.footnote = QLabel()
        self.footnote.setObjectName("deadlinesFootnote")
        self.footnote.setWordWrap(True)
        self.footnote.hide()
        self.cellClicked.connect(self._clicked)

    def show_statuses(
        self, state: IncidentState, statuses: list[DeadlineStatus], now: datetime
    ) -> None:
        self.statuses = statuses
        lang = language()
        shown = [s for s in statuses if s.state != "not_applicable"]
        self.setRowCount(len(shown))
        for row, status in enumerate(shown):
            colour, sign = LOOK.get(status.state, ("", ""))
            live = status.state in ("running", "due_soon", "overdue")
            if live and status.due:
                left = time_left((status.due - now).total_seconds())
                # A clock counted in days ends at 24:00 of its last day, as the law says it, not
                # at 00:00 of the next (which reads as one day later); the year is in the tooltip.
                due = due_when(status)
                when = f"{left}\n{due}"
            elif status.state == "invalid":
                when = self.tr("its length ({within}) is beyond any calendar").format(
                    within=status.deadline.within
                )
            elif status.met_at:
                when = self.tr("met {when}").format(when=format_jst(status.met_at))
            elif waiting := self.undecided(state, status):
                # The clock cannot start before these are answered: say which, not its anchor.
                when = self.tr("waits for: {questions}").format(questions=" / ".join(waiting))
            else:
                when = self.tr("starts at: {anchor}").format(anchor=self.anchor_text(state, status))
            run = self.run_of(state, status)
            step = run.playbook.plan.step(status.deadline.met_by)
            met_by = step.title.get(lang) if step else status.deadline.met_by
            # What meets it on one line (elided; whole in the tooltip): the header says what the
            # arrow means. Re-elided on the next tick after a resize.
            # What meets it runs on after the title, in two lines at most (shortened with …,
            # whole in the tooltip; the header says what the arrow means): the six clocks of the
            # PPC block then stay in view at 768 px. Re-shortened on the next tick after a resize.
            lines = [self.two_lines(status.deadline.title.get(lang), met_by)]
            reason = due_reason(status, lang)
            if reason and live:  # how the due day was counted, and why it moved if it did
                lines.append(reason)
            if run is not state.plan:  # an incident clock from the plan before a hand-over
                lines.append(
                    self.tr("Carried over from the plan: {plan}").format(
                        plan=run.playbook.plan.title.get(lang)
                    )
                )
            shown_state = (
                f"{sign}{label(DEADLINE_STATES, status.state)}\n{when}"
                if status.state != "running"
                else f"{sign}{when}"  # '● 4d 23:59 left': the countdown itself says it runs
            )
            # Which questions (by their number in the decisions panel) would stop the clock.
            numbers = self.open_question_numbers(state, status) if status.provisional else []
            if status.provisional:  # marked under the countdown; the footnote says what ※ means
                shown_state += "\n" + self.provisional_mark(numbers)
            cells = ["\n".join(lines), shown_state]
            due_at = format_jst(status.due) if status.due else ""
            met = self.tr("Met by: {step}").format(step=met_by)
            tip = "\n".join(t for t in (due_at, reason, met, status.deadline.basis) if t)
            if numbers:
                tip += "\n" + self.tr("Click: go to question {n}").format(n=numbers[0])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setData(Qt.ItemDataRole.UserRole, status.state)
                item.setData(QUESTION_ROLE, int(numbers[0]) - 1 if numbers else -1)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                    item.setForeground(QBrush(QColor("#1a1a1a")))
                if status.state in ("overdue", "due_soon") and column == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
        self.fit_columns()
        self.resizeRowsToContents()
        provisional = any(s.provisional for s in shown)
        # The reference mark is a word like any other: ※ in Japanese, * in English.
        self.footnote.setText(self.tr("※") + " " + PROVISIONAL.text(lang) if provisional else "")
        if self.footnote.isHidden() == provisional:  # every second: only when it changes
            self.footnote.setVisible(provisional)

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        index = item.data(QUESTION_ROLE) if item is not None else -1
        if isinstance(index, int) and index >= 0:
            self.question_wanted.emit(index)

    @staticmethod
    def run_of(state: IncidentState, status: DeadlineStatus) -> PlanRun:
        """The plan run a clock belongs to: the current plan's, else (an incident clock kept
        across a hand-over) the newest earlier plan that defines it."""
        for run in reversed(state.plans):
            if any(d is status.deadline for d in run.playbook.plan.deadlines):
                return run
        return state.plan

    def provisional_mark(self, numbers: list[str]) -> str:
        """※, and which questions (``numbers``, as in the decisions panel) would stop the clock
        if answered: short, as every clock of a shared block may carry it."""
        if not numbers:
            return self.tr("※")
        return self.tr("※ unanswered: {questions}").format(questions=", ".join(numbers))

    @staticmethod
    def open_question_numbers(state: IncidentState, status: DeadlineStatus) -> list[str]:
        condition = status.deadline.condition
        if condition is None:
            return []
        asked = [d.id for d in state.playbook.plan.decisions]
        read = dict.fromkeys(d for d, _ in condition.references() if d not in state.decisions)
        return [str(asked.index(d) + 1) for d in read if d in asked]

    def two_lines(self, title: str, met_by: str) -> str:
        """The title whole, and "→ step" after it in what is left of the title's last line
        (shortened with …; whole in the tooltip), so that the step adds no line to the row."""
        metrics = self.fontMetrics()
        room = max(1, self.columnWidth(0) - 16)  # the cell's own margins
        whole = f"{title} → {met_by}"
        if metrics.horizontalAdvance(whole) <= room:
            return whole
        wide = metrics.horizontalAdvance("あ")  # a line wraps up to one character early
        title_width = metrics.horizontalAdvance(title)
        lines = max(1, -(-(title_width + wide) // room))
        rest = lines * room - title_width - (lines + 1) * wide
        if rest < metrics.horizontalAdvance(" → ") + 4 * wide:
            rest += room  # too little left: the step takes one more line
        return title + metrics.elidedText(f" → {met_by}", Qt.TextElideMode.ElideRight, rest)

    def fit_columns(self) -> None:
        # The state column is as wide as its longest line (a countdown, a due day, which questions
        # are open), so that none of them wraps into a fourth line; the title takes the rest.
        metrics = self.fontMetrics()
        lines = ["● 残り 55日 23:59"]
        for row in range(self.rowCount()):
            item = self.item(row, 1)
            if item is not None:
                lines += item.text().split("\n")
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        self.setColumnWidth(1, widest + 18)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        # The viewport narrows when the scroll bar appears (or a splitter moves): the titles and
        # the reasons wrap into more lines, so the rows are measured again, or the last line of
        # a row would be cut off.
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            QTimer.singleShot(0, self, self.remeasure_rows)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()
            QTimer.singleShot(0, self, self.remeasure_rows)  # wrapped lines at the new size
        super().changeEvent(event)

    def remeasure_rows(self) -> None:
        """The rows measured again; the side panel refits when they grew or shrank."""
        self.resizeRowsToContents()
        self.rows_measured.emit()

    def anchor_text(self, state: IncidentState, status: DeadlineStatus) -> str:
        kind, ref = status.deadline.anchor
        lang = language()
        plan = self.run_of(state, status).playbook.plan
        if kind == "step":
            step = plan.step(ref or "")
            return step.title.get(lang) if step else str(ref)
        if kind == "decision":
            decision = plan.decision(ref or "")
            return decision.ask.get(lang) if decision else str(ref)
        return self.tr("the declaration") if kind == "declared" else self.tr("awareness")

    def undecided(self, state: IncidentState, status: DeadlineStatus) -> list[str]:
        """The questions a not-yet-started clock's condition still waits for."""
        condition = status.deadline.condition
        if status.state != "not_started" or condition is None:
            return []
        facts = state.facts()
        if condition.evaluate(facts) is not None:
            return []
        lang = language()
        plans = [state.playbook.plan, self.run_of(state, status).playbook.plan]
        open_ids = dict.fromkeys(d for d, _ in condition.references() if d not in facts)
        said = []
        for ref in open_ids:
            if ref == "incident.body":  # an incident opened without its body (before schema 2)
                said.append(self.tr("the body concerned (not recorded at the start)"))
                continue
            ask = next((a for p in plans if (a := p.decision(ref)) is not None), None)
            said.append(ask.ask.get(lang) if ask else ref)
        return said

    def state_of(self, deadline_id: str) -> str:
        return next((s.state for s in self.statuses if s.id == deadline_id), "")

    def shown_text(self, deadline_id: str) -> str:
        """The words in the state column for one deadline (what a user reads, for tests)."""
        shown = [s for s in self.statuses if s.state != "not_applicable"]
        for row, status in enumerate(shown):
            if status.id == deadline_id:
                item = self.item(row, 1)
                return item.text() if item else ""
        return ""

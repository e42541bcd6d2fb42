"""The deadlines panel: every clock of the incident, its time left, and the step that meets it.

Due-soon and overdue stand out by colour *and* by words and a sign, so they are never carried by
colour alone (colour-blind users, grey-scale print-outs of screenshots).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.domain.timeutil import format_jst, jst
from app.i18n import language
from app.ui.texts import DEADLINE_STATES, label, time_left

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.deadlines import DeadlineStatus
    from app.domain.state import IncidentState

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


class DeadlinesPanel(QTableWidget):
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

    def show_statuses(
        self, state: IncidentState, statuses: list[DeadlineStatus], now: datetime
    ) -> None:
        self.statuses = statuses
        lang = language()
        plan = state.playbook.plan
        shown = [s for s in statuses if s.state != "not_applicable"]
        self.setRowCount(len(shown))
        for row, status in enumerate(shown):
            colour, sign = LOOK.get(status.state, ("", ""))
            if status.state in ("running", "due_soon", "overdue") and status.due:
                left = time_left((status.due - now).total_seconds())
                when = f"{left}\n{jst(status.due):%m/%d %H:%M} JST"  # the year is in the tooltip
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
            step = plan.step(status.deadline.met_by)
            met_by = step.title.get(lang) if step else status.deadline.met_by
            # What meets it on one line (elided; whole in the tooltip): the header says what the
            # arrow means. Re-elided on the next tick after a resize.
            room = self.columnWidth(0) - 12
            short = self.fontMetrics().elidedText(f"→ {met_by}", Qt.TextElideMode.ElideRight, room)
            cells = [
                f"{status.deadline.title.get(lang)}\n{short}",
                f"{sign}{label(DEADLINE_STATES, status.state)}\n{when}"
                if status.state != "running"
                else f"{sign}{when}",  # '● 4d 23:59 left': the countdown itself says it runs
            ]
            due = format_jst(status.due) if status.due else ""
            met = self.tr("Met by: {step}").format(step=met_by)
            tip = "\n".join(t for t in (due, met, status.deadline.basis) if t)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                item.setData(Qt.ItemDataRole.UserRole, status.state)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                    item.setForeground(QBrush(QColor("#1a1a1a")))
                if status.state in ("overdue", "due_soon") and column == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def fit_columns(self) -> None:
        # The state column is as wide as its longest line, a due time; the title takes the rest.
        self.setColumnWidth(1, self.fontMetrics().horizontalAdvance("● 残り 55日 23:59 ") + 24)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self.fit_columns()
            QTimer.singleShot(0, self.resizeRowsToContents)  # wrapped lines at the new size
        super().changeEvent(event)

    def anchor_text(self, state: IncidentState, status: DeadlineStatus) -> str:
        kind, ref = status.deadline.anchor
        lang = language()
        plan = state.playbook.plan
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
        if condition.evaluate(state.choices()) is not None:
            return []
        plan, lang = state.playbook.plan, language()
        open_ids = dict.fromkeys(d for d, _ in condition.references() if d not in state.decisions)
        asks = [plan.decision(d) for d in open_ids]
        return [a.ask.get(lang) if a else d for a, d in zip(asks, open_ids, strict=True)]

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

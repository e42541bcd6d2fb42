"""「発生時刻」 beside a recording action: now, unless the responder says it happened earlier.

Back-filling what happened ten minutes ago: tick the box, the time shows (set to now), change it.
The entry then keeps both times, when it happened and when it was written; the services refuse
a time in the future or before the incident began, in one line, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget

from app.domain.timeutil import JST, utc_now


class OccurredAt(QWidget):
    """A box 「発生時刻を指定」 and, once ticked, the time it happened (JST, to the minute)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("occurredAt")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.earlier = QCheckBox(self.tr("Happened at:"))
        self.earlier.setToolTip(
            self.tr(
                "For something that happened earlier: tick and give the time it happened. "
                "The record keeps both times, and the timeline shows how much later it was "
                "written."
            )
        )
        row.addWidget(self.earlier)
        self.edit = QDateTimeEdit()
        self.edit.setObjectName("occurredTime")
        self.edit.setDisplayFormat("MM/dd HH:mm")
        self.edit.setVisible(False)  # appears when ticked: the row stays narrow
        row.addWidget(self.edit)
        # The incident's own time (a tabletop's simulated clock): set by the view that shows it.
        self.now: Callable[[], datetime] = utc_now
        self.earlier.toggled.connect(self._ticked)

    def _ticked(self, on: bool) -> None:
        self.edit.setVisible(on)
        if on:
            self.set_time(self.now())
            self.edit.setFocus()

    def set_time(self, moment: datetime) -> None:
        local = moment.astimezone(JST)
        self.edit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    def value(self) -> datetime | None:
        """When it happened, or None for now."""
        if not self.earlier.isChecked():
            return None
        shown = self.edit.dateTime()
        day, time = shown.date(), shown.time()
        return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=JST)

    def reset(self) -> None:
        """Back to now, once recorded: the next action happens now unless said again."""
        self.earlier.setChecked(False)

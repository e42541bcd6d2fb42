"""Home: the open incidents with their progress and their nearest deadline counting down, then
the closed ones; and the way to the plan library, to read a plan without starting anything."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.timeutil import format_jst, parse_iso
from app.domain.visible import for_screen
from app.i18n import language
from app.ui.session import Session
from app.ui.texts import DEADLINE_STATES, STATUSES, due_when, label, time_left
from app.ui.widgets import ModeBadge, polish

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from PySide6.QtGui import QKeyEvent, QMouseEvent

    from app.services.incidents import IncidentSummary


class IncidentCard(QFrame):
    """One incident: a focusable card that opens it on click, Enter or Space."""

    activated = Signal(str)

    def __init__(self, summary: IncidentSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.incident_id = summary.id
        self.setObjectName("incidentCard")
        self.setProperty("mode", summary.mode)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.addWidget(ModeBadge(summary.mode))
        texts = QVBoxLayout()
        # Marked, and never read as HTML: a title must not look like something else.
        title = QLabel(
            for_screen(summary.title)
            if not summary.problem
            else self.tr("{id}: this incident's log cannot be read").format(id=summary.id)
        )
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setObjectName("cardTitle")
        title.setWordWrap(True)
        texts.addWidget(title)
        when = format_jst(parse_iso(summary.declared_at)) if summary.declared_at else ""
        meta = QLabel(
            self.tr("{id} · {status} · declared {when}").format(
                id=summary.id, status=label(STATUSES, summary.status), when=when
            )
            if not summary.problem
            else for_screen(summary.problem)  # what is wrong, and what to run
        )
        meta.setTextFormat(Qt.TextFormat.PlainText)
        meta.setObjectName("cardMeta")
        meta.setWordWrap(True)  # large text wraps it rather than widening the card
        texts.addWidget(meta)
        # Steps finished of those that apply: known once the plans are read, like the countdown.
        self.progress = QLabel()
        self.progress.setObjectName("cardProgress")
        self.progress.setVisible(False)
        texts.addWidget(self.progress)
        # Under the card's words, not beside them: beside, at the largest text, it pushed the
        # time left off the card's edge (「残り 07:4」) and squeezed the title and id.
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.countdown.setWordWrap(True)
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setVisible(False)
        texts.addWidget(self.countdown)
        layout.addLayout(texts, 1)

    def update_countdown(self, summary: IncidentSummary, now: datetime) -> None:
        if summary.progress is not None:
            done, applicable = summary.progress
            self.progress.setText(
                self.tr("Progress: {done} of {applicable} steps done").format(
                    done=done, applicable=applicable
                )
            )
        self.progress.setVisible(summary.progress is not None)
        nearest = summary.nearest
        if nearest is None or nearest.due is None:
            self.countdown.setText("")
            self.countdown.setProperty("state", "")
            self.countdown.setVisible(False)
        else:
            left = (nearest.due - now).total_seconds()
            self.countdown.setText(
                self.tr("Nearest deadline: {title}").format(
                    title=for_screen(nearest.deadline.title.get(language()))
                )
                + f"\n{due_when(nearest)} · "
                + f"{label(DEADLINE_STATES, nearest.state)} · {time_left(left)}"
            )
            self.countdown.setProperty("state", nearest.state)
            self.countdown.setVisible(True)
        polish(self.countdown)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.incident_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.incident_id)
        elif event.key() == Qt.Key.Key_Down:
            self.focusNextChild()
        elif event.key() == Qt.Key.Key_Up:
            self.focusPreviousChild()
        else:
            super().keyPressEvent(event)


class HomeView(QWidget):
    open_incident = Signal(str)
    start_response = Signal()
    plan_library = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cards: dict[str, IncidentCard] = {}
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(self.tr("Incidents"))
        heading.setObjectName("heading")
        top.addWidget(heading, 1)
        # Read a plan, print it blank or start a drill of it: nothing is started by looking.
        self.library_button = QPushButton(self.tr("Plan library"))
        self.library_button.setToolTip("Ctrl+Shift+B")
        self.library_button.clicked.connect(self.plan_library)
        top.addWidget(self.library_button)
        self.start_button = QPushButton(self.tr("Start a response"))
        self.start_button.setObjectName("bigAction")
        self.start_button.setToolTip("Ctrl+N")
        self.start_button.clicked.connect(self.start_response)
        top.addWidget(self.start_button)
        outer.addLayout(top)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # cards wrap
        body = QWidget()
        self.list_layout = QVBoxLayout(body)
        self.list_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.summaries: list[IncidentSummary] = []
        self.loading = False
        # Whether the countdowns are known: at start-up the incidents are listed first, and
        # their deadlines (which need every pinned plan read) follow from the worker.
        self.counting = True

    def show_loading(self) -> None:
        """Before the services have loaded: the window already answers; the list follows."""
        self.loading = True
        self._clear()
        waiting = QLabel(self.tr("Opening the records…"))
        waiting.setObjectName("muted")
        self.list_layout.addWidget(waiting)

    def _clear(self) -> None:
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone now, not when the event loop gets to deleting it
                widget.deleteLater()
        self.cards.clear()

    def refresh(self, summaries: list[IncidentSummary] | None = None) -> None:
        """Rebuild the lists from the services (on open, and when any incident changed), or
        from ``summaries`` just read on the worker."""
        self.loading = False
        if summaries is None:
            summaries = self.session.read(lambda: self.session.ws.incidents.summaries())
            self.counting = True
        self.summaries = summaries or []
        self._clear()
        open_ = [s for s in self.summaries if s.status != "closed"]
        closed = [s for s in self.summaries if s.status == "closed"]
        # Real incidents first, then the newest: what needs attention sits at the top.
        open_.sort(key=lambda s: (s.declared_at, s.id), reverse=True)
        open_.sort(key=lambda s: s.mode != "real")
        self._section(self.tr("Open"), open_, self.tr("No open incidents."))
        self._section(self.tr("Closed"), closed, self.tr("No closed incidents."))
        self._count_down(self.summaries)  # from this read: tick() would read them all again

    def _section(self, title: str, items: list[IncidentSummary], empty: str) -> None:
        heading = QLabel(title)
        heading.setObjectName("sectionHeading")
        self.list_layout.addWidget(heading)
        heading.show()  # now, as the cards below: a grab just after a refresh lacked them
        if not items:
            none = QLabel(empty)
            none.setObjectName("muted")
            self.list_layout.addWidget(none)
            none.show()
        for summary in items:
            card = IncidentCard(summary)
            card.activated.connect(self.open_incident)
            self.cards[summary.id] = card
            self.list_layout.addWidget(card)
            card.show()  # now, not at the next event loop turn: it may take the focus at once

    def counted(self, summaries: list[IncidentSummary]) -> None:
        """The countdowns, once the plans are read: the cards as they are, unless an incident
        turned out unreadable (a pinned plan that does not read), which rebuilds them."""
        self.counting = True
        problems = {s.id: s.problem for s in summaries}
        if problems != {s.id: s.problem for s in self.summaries}:
            self.refresh(summaries)
            return
        self.summaries = summaries
        self._count_down(summaries)

    def tick(self) -> None:
        """Refresh the countdowns, each on its incident's clock (called every second)."""
        if self.loading or not self.counting:
            return  # the plans are still being read on the worker: not here as well
        fresh = self.session.read(lambda: self.session.ws.incidents.summaries()) or []
        self._count_down(fresh)

    def _count_down(self, summaries: list[IncidentSummary]) -> None:
        for summary in summaries:
            card = self.cards.get(summary.id)
            if card is not None and summary.now is not None:
                card.update_countdown(summary, summary.now)

    def first_card(self) -> IncidentCard | None:
        return next(iter(self.cards.values()), None)

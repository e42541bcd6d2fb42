"""The facilitator's window of an exercise: its clock (pause, resume, speed, the next move), the
schedule of injects (released on time by itself, or by hand), what the players did against what
was expected, and the evaluator's ratings, as they happen.

It is a window of its own beside the players' runner, so one laptop can be both (or the window
can go on a second screen). Every action goes through ``Session.act`` to the exercise commands:
the window keeps nothing that is not in the log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.exercise_run import expected_text, explain
from app.domain.kinds import RATINGS
from app.domain.timeutil import format_jst, parse_iso
from app.domain.vocabulary import PHASE_LABELS, RATING_LABELS
from app.i18n import language
from app.ui.texts import day_and_time

if TYPE_CHECKING:
    from app.ui.session import Session

# The speeds offered (simulated seconds a real second): real time up to ten minutes a second.
OFFERED_SPEEDS = (1, 10, 60, 120, 300, 600)
TICK_MS = 1000  # how often the window looks for injects falling due


class FacilitatorWindow(QWidget):
    def __init__(self, session: Session, incident_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.incident_id = incident_id
        self.setObjectName("facilitator")
        self.setWindowTitle(self.tr("Facilitator: %1").replace("%1", incident_id))
        # Everything in one scrolled column: at large text the tables keep their rows and the
        # window scrolls, rather than squeezing a table to a sliver.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        layout = QVBoxLayout(content)

        self.heading = QLabel()
        self.heading.setObjectName("facilitatorHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.situation = QLabel()
        self.situation.setWordWrap(True)
        self.situation.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.situation)

        controls = QHBoxLayout()
        self.pause = QPushButton()
        self.pause.setObjectName("pauseResume")
        self.pause.clicked.connect(self._pause_or_resume)
        controls.addWidget(self.pause)
        controls.addWidget(QLabel(self.tr("Speed")))
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        for speed in OFFERED_SPEEDS:
            self.speed.addItem(self.tr("×%1").replace("%1", str(speed)), speed)
        self.speed.activated.connect(self._speed_chosen)
        controls.addWidget(self.speed)
        self.next_move = QPushButton(self.tr("Next move"))
        self.next_move.setObjectName("nextMove")
        self.next_move.clicked.connect(self._jump)
        controls.addWidget(self.next_move)
        self.auto = QCheckBox(self.tr("Release injects at their time"))
        self.auto.setChecked(True)
        controls.addWidget(self.auto)
        controls.addStretch(1)
        layout.addLayout(controls)

        layout.addWidget(QLabel(self.tr("Injects")))
        self.injects = _table(
            [
                self.tr("Time"),
                self.tr("Inject"),
                self.tr("To"),
                self.tr("What happens"),
                self.tr("State"),
            ],
            stretch=3,
            narrow={2: 16},  # the role: wrapped in its own width, never taking the text's
        )
        self.injects.setObjectName("injects")
        layout.addWidget(self.injects, 2)
        self.release = QPushButton(self.tr("Release the chosen inject now"))
        self.release.setObjectName("releaseNow")
        self.release.clicked.connect(self._release_chosen)
        layout.addWidget(self.release, 0, Qt.AlignmentFlag.AlignLeft)

        layout.addWidget(QLabel(self.tr("Expected responses")))
        self.lines = _table(
            [self.tr("Inject"), self.tr("Expected"), self.tr("Result")], stretch=1, narrow={2: 36}
        )
        self.lines.setObjectName("expected")
        layout.addWidget(self.lines, 2)
        self.score = QLabel()
        self.score.setObjectName("score")
        layout.addWidget(self.score)

        # The rating: the objective on a row of its own (its whole text), then the rating,
        # chosen on purpose (none is preselected), why, and the button.
        choosing = QHBoxLayout()
        choosing.addWidget(QLabel(self.tr("Rate")))
        self.objective = QComboBox()
        self.objective.setObjectName("objective")
        self.objective.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.objective.setMinimumContentsLength(20)
        choosing.addWidget(self.objective, 1)
        layout.addLayout(choosing)
        rating = QHBoxLayout()
        self.rating = QComboBox()
        self.rating.setObjectName("rating")
        lang = language()
        for letter in RATINGS:
            self.rating.addItem(RATING_LABELS[letter].text(lang), letter)
        self.rating.setPlaceholderText(self.tr("Choose a rating"))
        self.rating.setCurrentIndex(-1)
        rating.addWidget(self.rating)
        self.reason = QLineEdit()
        self.reason.setObjectName("ratingReason")
        self.reason.setPlaceholderText(self.tr("Why this rating"))
        self.reason.setMinimumWidth(self.reason.fontMetrics().averageCharWidth() * 24)
        rating.addWidget(self.reason, 1)
        self.rate = QPushButton(self.tr("Record the rating"))
        self.rate.setObjectName("recordRating")
        self.rate.clicked.connect(self._rate)
        rating.addWidget(self.rate)
        layout.addLayout(rating)

        # The facilitator's and evaluator's notes, as they happen: entries of the log like any.
        noting = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setObjectName("facilitatorNote")
        self.note.setPlaceholderText(self.tr("A note on what the players do (kept in the log)"))
        self.note.returnPressed.connect(self._note)
        noting.addWidget(self.note, 1)
        self.record_note = QPushButton(self.tr("Record the note"))
        self.record_note.setObjectName("recordNote")
        self.record_note.clicked.connect(self._note)
        noting.addWidget(self.record_note)
        layout.addLayout(noting)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        session.changed.connect(self._changed)
        self.refresh()

    # Reading.
    def _changed(self, incident_id: str) -> None:
        if incident_id == self.incident_id:
            self.refresh()

    def tick(self) -> None:
        """Release what fell due (when asked to), then show the time and the schedule."""
        incidents = self.session.ws.incidents
        if self.auto.isChecked() and not self.session.read_only:
            view = self.session.read(lambda: incidents.schedule(self.incident_id))
            now = self.session.read(lambda: incidents.now(self.incident_id))
            if view and now and any(s.released is None and s.due_at <= now for s in view):
                self.session.act(
                    self.incident_id,
                    lambda: incidents.release_injects(self.incident_id, self._actor()),
                )
                return  # changed: refreshed already
        self.refresh()

    def refresh(self) -> None:
        from app.services.views import exercise_status

        incidents = self.session.ws.incidents
        view = self.session.read(lambda: exercise_status(incidents, self.incident_id))
        if view is None:
            return
        lang = language()
        clock = view["clock"]
        shown = format_jst(parse_iso(view["now"]), seconds=True)
        phase = PHASE_LABELS[view["phase"]].text(lang)
        speed = self.tr("×%1").replace("%1", f"{clock['speed']:g}") if clock["simulated"] else ""
        self.heading.setText(f"{view['title']}\n{phase}  {shown}  {speed}".rstrip())
        self.situation.setText(
            self.tr("Move: %1").replace("%1", view["move"]["title"])
            + "\n"
            + view["move"]["situation"]
        )
        simulated = bool(clock["simulated"])
        self.pause.setEnabled(simulated and view["phase"] in ("running", "paused"))
        self.pause.setText(self.tr("Resume") if not clock["running"] else self.tr("Pause"))
        self.speed.setEnabled(simulated)
        index = self.speed.findData(int(clock["speed"]) if clock["speed"] >= 1 else -1)
        if index >= 0:
            self.speed.setCurrentIndex(index)
        self.next_move.setEnabled(simulated and view["next_move"] is not None)
        self._show_injects(view["injects"])
        self._show_evaluation()

    def _show_injects(self, rows: list[dict[str, Any]]) -> None:
        shown: list[tuple[str, ...]] = []
        for row in rows:
            released = row["released_at"]
            when = day_and_time(parse_iso(released or row["due_at"]))  # 12/8（火）14:30
            if released:
                state = self.tr("Released (by hand)") if row["by_hand"] else self.tr("Released")
            else:
                state = self.tr("Not yet")
            shown.append((when, str(row["id"]), str(row["to"]), str(row["text"]), state))
        fill(self.injects, shown, keys=[row["id"] for row in rows])

    def _show_evaluation(self) -> None:
        incidents = self.session.ws.incidents
        found = self.session.read(lambda: incidents.evaluation(self.incident_id, live=True))
        state = self.session.read(lambda: incidents.state(self.incident_id))
        if found is None or state is None:
            return
        lang, plan = language(), state.playbook.plan
        fill(
            self.lines,
            [
                (
                    line.inject.id,
                    expected_text(plan, line.expected, lang),
                    explain(line, lang, plan=plan),
                )
                for line in found.lines
            ],
        )
        self.score.setText(
            self.tr("Score %1 of %2 (on time 2, late 1, otherwise 0)")
            .replace("%1", str(found.points))
            .replace("%2", str(found.possible))
        )
        items = []
        for result in found.objectives:
            said = result.objective.text.get(lang)
            score = f"{result.points} / {result.possible}" if result.possible else "—"
            said += "  " + self.tr("(score %1)").replace("%1", score)
            if result.rating is not None:
                said += "  " + self.tr("(rated: %1)").replace("%1", result.rating.rating)
            items.append((said, result.objective.id))
        combo = self.objective
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] != items:
            # Rebuilt only when it changed: the window looks every second, and a list rebuilt
            # under an evaluator's open drop-down would close it.
            current = combo.currentData()
            combo.clear()
            for said, objective_id in items:
                combo.addItem(said, objective_id)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def chosen_inject(self) -> str | None:
        items = self.injects.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    # Acting.
    def _actor(self) -> str:
        return self.session.actor or self.tr("Facilitator")

    def _pause_or_resume(self) -> None:
        incidents = self.session.ws.incidents
        state = self.session.read(lambda: incidents.state(self.incident_id))
        if state is None:
            return
        action = "pause" if state.clock.running else "resume"
        self.session.act(
            self.incident_id,
            lambda: incidents.change_clock(self.incident_id, action, self._actor()),
        )

    def _speed_chosen(self, index: int) -> None:
        speed = float(self.speed.itemData(index))
        incidents = self.session.ws.incidents
        self.session.act(
            self.incident_id,
            lambda: incidents.change_clock(self.incident_id, "speed", self._actor(), speed=speed),
        )

    def _jump(self) -> None:
        incidents = self.session.ws.incidents
        self.session.act(
            self.incident_id, lambda: incidents.jump_to_next_move(self.incident_id, self._actor())
        )

    def _release_chosen(self) -> None:
        chosen = self.chosen_inject()
        if chosen is None:
            self.session.error.emit(self.tr("Choose an inject in the list first."))
            return
        incidents = self.session.ws.incidents
        self.session.act(
            self.incident_id,
            lambda: incidents.release_injects(self.incident_id, self._actor(), chosen),
        )

    def _rate(self) -> None:
        objective, rating = self.objective.currentData(), self.rating.currentData()
        if rating is None:
            self.session.error.emit(self.tr("Choose a rating (P, S, M or U) first."))
            return
        reason = self.reason.text()
        incidents = self.session.ws.incidents
        written = self.session.act(
            self.incident_id,
            lambda: incidents.rate(self.incident_id, objective, rating, reason, self._actor()),
        )
        if written is not None:
            self.reason.clear()
            self.rating.setCurrentIndex(-1)  # the next rating is chosen afresh

    def _note(self) -> None:
        text = self.note.text()
        incidents = self.session.ws.incidents
        written = self.session.act(
            self.incident_id, lambda: incidents.note(self.incident_id, text, self._actor())
        )
        if written is not None:
            self.note.clear()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self.timer.stop()
        super().closeEvent(event)


def fill(table: QTableWidget, rows: list[tuple[str, ...]], keys: list[str] | None = None) -> None:
    """Show ``rows`` in ``table``, each item keeping its row's key, the chosen row chosen still.
    Nothing is rewritten when nothing changed: the window looks every second, and rewriting
    would reset the scroll and the selection under the facilitator's hand."""
    shown = [
        tuple(_text(table.item(r, c)) for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]
    if shown == rows:
        return
    chosen = (
        table.selectedItems()[0].data(Qt.ItemDataRole.UserRole) if table.selectedItems() else None
    )
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        key = keys[r] if keys is not None else None
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
        if key is not None and key == chosen:
            table.selectRow(r)


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""


def _table(headers: list[str], stretch: int, narrow: dict[int, int] | None = None) -> QTableWidget:
    """A read-only list of rows; column ``stretch`` (the long text) takes the room left, each
    ``narrow`` column is that many characters wide (its text wraps), the others fit their text."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    # Each row as tall as its wrapped text at the columns' widths of the moment, kept so as the
    # window is resized (measured once, before the window had its size, rows stayed far too tall).
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Never squeezed below a few rows: the window scrolls instead.
    table.setMinimumHeight(table.fontMetrics().lineSpacing() * 9)
    header = table.horizontalHeader()
    char = table.fontMetrics().averageCharWidth()
    for column in range(len(headers)):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif narrow and column in narrow:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, char * narrow[column])
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table

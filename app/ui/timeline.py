"""The timeline: an incident's log entries, newest first, in a lazily loaded Qt table model.

Only the rows the user scrolls to are read (``LogStore.entries_page`` through ``fetchMore``), so a
log of 100,000 entries opens as fast as one of ten. Filters go into the query, so a rare kind is
found without reading the entries around it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtGui import Qt as QtText  # convertFromPlainText lives in QtGui's Qt namespace
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.describe import Context, actor_text, deputy_text, kind_label, marked
from app.domain.durations import span_words
from app.domain.entries import LogEntry
from app.domain.kinds import KIND_NAMES as KIND_IDS
from app.domain.lag import SAME_TIME, lag_of, recorded_late
from app.domain.search import TextSearch, matches, text_search
from app.domain.timeutil import format_jst, parse_iso
from app.domain.visible import for_screen
from app.errors import SonaeError
from app.i18n import language
from app.ui.drafts import DraftMark
from app.ui.occurred_at import OccurredAt
from app.ui.session import Session
from app.ui.widgets import PrintWarning, full_width

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.state import IncidentState

BATCH = 200  # rows read and added per fetchMore
# The hand-overs and corrections read when an incident opens, so every row names the plan in
# force when it was written and the entries a correction names by their numbers.
LANDMARKS = 10_000
Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    COLUMNS = ("#", "occurred", "recorded", "actor", "kind", "what")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.incident_id = ""
        self.state: IncidentState | None = None
        self.rows: list[LogEntry] = []  # newest first
        self.low = 0  # the oldest seq read so far (entries below it are not read yet)
        self.high = 0  # the newest seq read so far
        self.kind = ""
        self.actor = ""
        self.search: TextSearch | None = None  # the free text typed in the search box
        # What the describer needs beyond the fold: where the hand-overs fall, and the numbers
        # of the entries corrections name (app.domain.describe.Context).
        self.context = Context()

    # Loading
    def open(self, incident_id: str, state: IncidentState | None) -> None:
        self.incident_id = incident_id
        self.context = Context()
        self._landmarks(
            self.session.read(
                lambda: self.session.ws.incidents.entries_page(
                    incident_id, 0, LANDMARKS, kinds=["handed_over", "corrected"]
                )
            )
            or []
        )
        self._reload(state)

    def _landmarks(self, entries: list[LogEntry]) -> None:
        """Learn the hand-overs and corrections among ``entries``, and the numbers of the
        entries those corrections retract (an indexed look-up each: corrections are few)."""
        incidents = self.session.ws.incidents
        for entry in entries:
            self.context.learn(entry)
        for entry in entries:
            target = entry.payload.get("target") if entry.kind == "corrected" else None
            if isinstance(target, str) and target and target not in self.context.seq_of:
                try:
                    self.context.learn(incidents.find_entry(self.incident_id, target))
                except SonaeError:
                    pass  # not in this log: the correction names it by its uuid

    def _reload(self, state: IncidentState | None) -> None:
        self.beginResetModel()
        self.state = state
        self.rows = []
        total = self.session.read(lambda: self.session.ws.incidents.count(self.incident_id)) or 0
        self.high = total
        self.low = total + 1  # nothing read yet; fetchMore walks down from the newest
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def set_state(self, state: IncidentState | None) -> None:
        self.state = state
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 5))

    def set_filter(self, kind: str, actor: str, search: TextSearch | None = None) -> None:
        self.kind, self.actor, self.search = kind, actor, search
        self._reload(self.state)

    def filtered(self) -> bool:
        return bool(self.kind or self.actor or self.search)

    def matching(self) -> int:
        """How many entries the filters find in the whole log (not only the rows read)."""
        return (
            self.session.read(
                lambda: self.session.ws.incidents.count_matching(
                    self.incident_id,
                    kinds=[self.kind] if self.kind else None,
                    actor=self.actor or None,
                    search=self.search,
                )
            )
            or 0
        )

    def _wanted(self, entry: LogEntry) -> bool:
        return (
            (not self.kind or entry.kind == self.kind)
            and (not self.actor or entry.actor == self.actor)
            and matches(entry, self.search)
        )

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 (Qt's names)
        return not parent.isValid() and self.low > 1

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        # One query per batch, filtered in the database: a rare kind or actor costs no more
        # than the next page of everything.
        page = self.session.ws.incidents.entries_page(
            self.incident_id,
            0,
            BATCH,
            kinds=[self.kind] if self.kind else None,
            actor=self.actor or None,
            before=self.low,
            search=self.search,
        )
        for entry in page:
            self.context.seq_of[entry.uuid] = entry.seq
        found = page[::-1]
        self.low = page[0].seq if len(page) == BATCH else 1  # a short page: nothing further down
        if found:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(found) - 1)
            self.rows.extend(found)
            self.endInsertRows()

    def refresh(self, state: IncidentState | None) -> None:
        """New entries were written: put them on top at once."""
        self.state = state
        total = self.session.read(lambda: self.session.ws.incidents.count(self.incident_id)) or 0
        if total <= self.high:
            self.set_state(state)
            return
        page = self.session.ws.incidents.entries_page(
            self.incident_id, self.high, total - self.high
        )
        self.high = total
        self._landmarks([e for e in page if e.kind in ("handed_over", "corrected")])
        for entry in page:
            self.context.seq_of[entry.uuid] = entry.seq
        new = [e for e in reversed(page) if self._wanted(e)]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self.rows[:0] = new
            self.endInsertRows()
        self.set_state(state)

    # Showing
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == 2:
            return self.tr(
                "When it was written down, shown only when it differs from when it happened"
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            "#",
            self.tr("Occurred (JST)"),
            self.tr("Recorded"),  # a short header leaves the room to what the entry says
            self.tr("Who"),
            self.tr("What kind"),
            self.tr("What"),
        )
        return headers[section]

    def retracted(self, entry: LogEntry) -> bool:
        return bool(self.state and entry.uuid in self.state.retracted)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        column = index.column()
        # The one place the log's text reaches the table: marked, so it shows what is stored.
        if role == Qt.ItemDataRole.DisplayRole:
            return for_screen(self._text(entry, column))
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and recorded_late(entry):
            return self.tr("Recorded late: written {lag} after it happened").format(
                lag=span_words(lag_of(entry), language())
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            text = for_screen(self._text(entry, 5), multiline=True)
            if self.retracted(entry):
                text = self.tr("Retracted by a later correction") + "\n" + text
            return QtText.convertFromPlainText(text)  # else a tooltip reads <b>..</b> as HTML
        if role == Qt.ItemDataRole.FontRole and self.retracted(entry):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.retracted(entry):
                return QBrush(QColor("#868e96"))
            if entry.kind == "corrected" or entry.flags:
                return QBrush(QColor("#c92a2a"))
            if column == 2 and recorded_late(entry):  # 後日記録: the lag is read first
                return QBrush(QColor("#a05a00"))
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None

    def _text(self, entry: LogEntry, column: int) -> str:
        if column == 0:
            return str(entry.seq)
        if column == 1:
            return format_jst(parse_iso(entry.occurred_at))
        if column == 2:
            return self._recorded(entry)
        if column == 3:
            return actor_text(entry)
        if column == 4:
            return kind_label(entry.kind)
        # Led by its marks (retracted by #N, the clock went back), in the paper's words: the
        # column with the room, so the number of the correction is never cut off.
        return marked(entry, self.state, None, self.context)

    def _recorded(self, entry: LogEntry) -> str:
        """When it was written, when that is not when it happened, with how much later
        (back-filled: 10:42（32分後）); the paper's rule (app.domain.lag)."""
        occurred, recorded = parse_iso(entry.occurred_at), parse_iso(entry.recorded_at)
        if abs(recorded - occurred) < SAME_TIME:
            return ""
        # JST as the time it happened (its header says so); the same year is not repeated:
        # the column stays narrow and leaves the room to what the entry says.
        text = format_jst(recorded).removesuffix(" JST")
        if text[:5] == format_jst(occurred)[:5]:
            text = text[5:]
        if recorded - occurred >= SAME_TIME:
            text = self.lag_text(text, recorded - occurred)
        return text

    def lag_text(self, time: str, lag: timedelta) -> str:
        return self.tr("{time} ({lag} later)").format(time=time, lag=span_words(lag, language()))


class QuickNote(QPlainTextEdit):
    """The quick-note box: one and a half lines, or two when its placeholder wraps at
    the box's width (at 20 pt its second line was cut in half)."""

    def fitted_height(self) -> int:
        metrics = self.fontMetrics()
        room = self.viewport().width() - 2 * int(self.document().documentMargin())
        whole = metrics.horizontalAdvance(self.placeholderText()) <= room
        return int(metrics.height() * (1.5 if whole else 2)) + 14

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.setFixedHeight(self.fitted_height())  # the width only: no loop


class TimelineTable(QTableView):
    """The log's table; its context menu (right click, the Menu key or Shift+F10) is asked for
    the row under the pointer, or from the keyboard for the selected row."""

    menu_requested = Signal(int, QPoint)  # row, where (global)
    resized = Signal()

    def __init__(self) -> None:
        super().__init__()
        shortcut = QShortcut(QKeySequence("Shift+F10"), self, self._keyboard_menu)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.resized.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(self.viewport().mapFromGlobal(event.globalPos()))
            if index.isValid():
                self.selectRow(index.row())
                self.menu_requested.emit(index.row(), event.globalPos())
            return
        self._keyboard_menu()

    def _keyboard_menu(self) -> None:
        """The row the keyboard is on (the current one), else the first selected."""
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            rows = self.selectionModel().selectedRows()
            index = rows[0] if rows else QModelIndex()
        if index.isValid():
            rect = self.visualRect(index)
            at = self.viewport().mapToGlobal(rect.bottomLeft() + QPoint(24, 0))
            self.menu_requested.emit(index.row(), at)


class TimelineView(QWidget):
    """The table, its filters, and the quick-note box (Ctrl+Enter writes the note); a note
    becomes a lesson from its row's context menu, the box's text from 教訓を記録…."""

    WHAT = TimelineModel.COLUMNS.index("what")
    note_requested = Signal(str)  # text
    # A lesson to record: its text so far, and the note it is marked on ("" for none).
    lesson_requested = Signal(str, str)
    retract_requested = Signal(str, str)  # entry uuid, reason
    main_requested = Signal(bool)  # the timeline as the main view (True), or back to the step

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = TimelineModel(session)
        self.row_menu: QMenu | None = None  # the last context menu of a row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        heading = QLabel(self.tr("Timeline"))
        heading.setObjectName("sectionHeading")
        bar.addWidget(heading)
        bar.addStretch(1)
        # Free text: a note's words, a name, a step's title, 手順完了 (app.domain.search).
        self.search = QLineEdit()
        self.search.setObjectName("timelineSearch")
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        # Narrow at its least (the side keeps its width at 1280x800); the bar's spare room
        # goes to it.
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * 8)
        bar.addWidget(self.search, 1)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), "")
        for kind in KIND_IDS:
            self.kind.addItem(kind_label(kind), kind)
        # As wide as a short kind, not the longest: the bar leaves the side its width (the
        # list that opens shows every name whole).
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(8)
        # Its first entry says what it filters (すべての種類, 全員): the words on hover, so the
        # bar is no wider than before the search came.
        self.kind.setToolTip(self.tr("Kind"))
        bar.addWidget(self.kind)
        self.actor = QComboBox()
        self.actor.addItem(self.tr("Everyone"), "")
        self.actor.setMinimumContentsLength(10)
        self.actor.setToolTip(self.tr("Who"))
        bar.addWidget(self.actor)
        self.retract_button = QPushButton(self.tr("Retract selected…"))
        bar.addWidget(self.retract_button)
        self.main_button = QPushButton()
        self.main_button.setObjectName("timelineMain")
        self.main_button.setCheckable(True)
        self.main_button.toggled.connect(self.main_requested)
        bar.addWidget(self.main_button)
        self.as_main(False)
        layout.addLayout(bar)
        # Said for as long as a filter or a search hides entries, with the way to show them all.
        self.filter_notice = QFrame()
        self.filter_notice.setObjectName("filterNotice")
        notice = QHBoxLayout(self.filter_notice)
        notice.setContentsMargins(6, 2, 2, 2)
        self.filter_text = QLabel()
        self.filter_text.setObjectName("filterText")
        self.filter_text.setTextFormat(Qt.TextFormat.PlainText)
        notice.addWidget(self.filter_text, 1)
        self.clear_filter = QPushButton(self.tr("Show all"))
        self.clear_filter.setObjectName("clearFilter")
        self.clear_filter.clicked.connect(self.show_all)
        notice.addWidget(self.clear_filter)
        self.filter_notice.hide()
        layout.addWidget(self.filter_notice)

        note_row = QHBoxLayout()
        self.note = QuickNote()
        self.note.setObjectName("quickNote")
        self.note.setPlaceholderText(
            self.tr("Quick note: what you saw or did (Ctrl+Enter to save)")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note_height())
        note_row.addWidget(self.note, 1)
        buttons = QHBoxLayout()
        self.occurred = OccurredAt()  # a note of something that happened earlier
        buttons.addWidget(self.occurred)
        self.save_note = QPushButton(self.tr("Save note"))
        self.save_note.clicked.connect(self._note)
        buttons.addWidget(self.save_note)
        self.lesson_button = QPushButton(self.tr("Record a lesson… (Ctrl+L)"))
        self.lesson_button.setObjectName("lessonButton")
        self.lesson_button.setToolTip(
            self.tr(
                "For the after-action report: a lesson, what went well or not, or an "
                "improvement item. The text typed here goes into the form."
            )
        )
        self.lesson_button.clicked.connect(self.ask_lesson)
        buttons.addWidget(self.lesson_button)
        note_row.addLayout(buttons)
        layout.addLayout(note_row)
        self.note_warning = PrintWarning(self.note, one_line=True)
        layout.addWidget(self.note_warning)
        # The quick note put back from a draft (app.ui.drafts): said, with a way to drop it.
        self.note_draft = DraftMark(self.tr("Draft, not recorded yet: the quick note"))
        layout.addWidget(self.note_draft)
        self.table = TimelineTable()
        self.table.setObjectName("timeline")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        # Fixed row heights keep scrolling through a long log cheap.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        # What the entry says comes right after when it happened, and keeps room for words: last,
        # behind the recorded time, who and kind, it was off the edge of the runner's pane.
        header.moveSection(header.visualIndex(self.WHAT), 2)
        # When it was written goes last: blank for most entries (written as they happened), it
        # was what pushed who and which kind off the edge of the runner's narrow pane.
        header.moveSection(header.visualIndex(TimelineModel.COLUMNS.index("recorded")), 5)
        self.table.resized.connect(self.fit_what)
        self.table.menu_requested.connect(self._row_menu)
        layout.addWidget(self.table, 1)

        # Nothing is ever edited: a wrong entry is retracted by a correction that points at it.
        self.retract_bar = QWidget()
        retract = QHBoxLayout(self.retract_bar)
        retract.setContentsMargins(0, 0, 0, 0)
        self.retract_label = QLabel()
        retract.addWidget(self.retract_label)
        self.retract_reason = QLineEdit()
        self.retract_reason.setPlaceholderText(self.tr("Why this entry is wrong (required)"))
        self.retract_reason.returnPressed.connect(self._retract)
        retract.addWidget(self.retract_reason, 1)
        confirm = QPushButton(self.tr("Retract"))
        confirm.clicked.connect(self._retract)
        retract.addWidget(confirm)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.retract_bar.hide)
        retract.addWidget(cancel)
        self.retract_bar.hide()
        layout.addWidget(self.retract_bar)
        self.retract_button.clicked.connect(self.ask_retract)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.note, self._note)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.kind.currentIndexChanged.connect(self._filter)
        self.actor.currentIndexChanged.connect(self._filter)
        # The search runs once the typing pauses, not at each character of a 100,000-entry log.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._filter)
        self.search.textChanged.connect(self._search_timer.start)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:  # larger / smaller text
            # The note and the table hear of the new font after this view: measure once they
            # have it, or the sizes are those of the old text.
            QTimer.singleShot(0, self, self.fit_to_font)  # not after self is gone
        super().changeEvent(event)

    def note_height(self) -> int:
        """One and a half lines: room to see a short note whole, and the log keeps its rows at
        1280x800; a longer note scrolls inside the box. More when the placeholder wraps."""
        return self.note.fitted_height()

    def fit_to_font(self) -> None:
        self.note.setFixedHeight(self.note_height())
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as what it holds, so that what the entry says has the rest."""
        metrics = self.table.fontMetrics()
        pad = 16  # the cell's margins

        def widest(texts: list[str]) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts if t) + pad

        def header(column: int) -> str:
            return str(self.model.headerData(column, Qt.Orientation.Horizontal))

        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        # One digit more than the log has now: 100000 is never elided to "100…".
        digits = len(str(max(self.model.high, 999))) + 1
        self.table.setColumnWidth(0, widest(["0" * digits]))
        self.table.setColumnWidth(1, widest(["2026-11-25 09:00 JST"]))
        # Room for a time written half an hour late, or for the longest lag among the entries
        # loaded (a note back-filled days later says so whole), up to ten days and some hours.
        late = self.model.lag_text("11-25 09:00", timedelta(minutes=35))
        longest = self.model.lag_text("11-25 09:00", timedelta(days=10, hours=23))
        loaded = [
            str(self.model.data(self.model.index(row, 2)) or "")
            for row in range(min(self.model.rowCount(), 500))
        ]
        self.table.setColumnWidth(2, min(widest([late, header(2), *loaded]), widest([longest])))
        names = [self.actor.itemText(i) for i in range(self.actor.count())]
        names += [deputy_text(self.actor.itemData(i)) for i in range(1, self.actor.count())]
        self.table.setColumnWidth(
            3, min(widest([header(3), *names]), widest(["情報政策課長・代行"]))
        )
        self.table.setColumnWidth(4, widest([header(4), *(kind_label(k) for k in KIND_IDS)]))
        self.fit_what()

    def fit_what(self) -> None:
        """The entry's words take the room the other columns leave, and never less than about
        eighteen characters (the columns after it scroll into view instead): it, not the last
        column, fills a wider table."""
        others = sum(
            self.table.columnWidth(c) for c in range(len(TimelineModel.COLUMNS)) if c != self.WHAT
        )
        least = full_width(self.table, 18)
        self.table.setColumnWidth(self.WHAT, max(self.table.viewport().width() - others, least))

    def open(self, incident_id: str, state: IncidentState | None) -> None:
        self.model.open(incident_id, state)
        self._actors(state)
        self.fit_columns()
        self.show_filtered()

    def refresh(self, state: IncidentState | None) -> None:
        self.model.refresh(state)
        self._actors(state)
        if self.model.filtered():
            self.show_filtered()  # a new entry may be among those found, or hidden

    def _actors(self, state: IncidentState | None) -> None:
        names = sorted(state.responders) if state else []
        known = [self.actor.itemData(i) for i in range(1, self.actor.count())]
        if names == known:
            return
        current = self.actor.currentData()
        self.actor.blockSignals(True)
        while self.actor.count() > 1:
            self.actor.removeItem(1)
        for name in names:
            self.actor.addItem(for_screen(name), name)  # shown marked, filtered by the name
        index = self.actor.findData(current)
        self.actor.setCurrentIndex(max(0, index))
        self.actor.blockSignals(False)
        self.fit_columns()  # the "who" column as wide as the names now in the log

    def _filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(
            str(self.kind.currentData() or ""),
            str(self.actor.currentData() or ""),
            text_search(self.search.text(), self.model.state),
        )
        self.show_filtered()

    def show_filtered(self) -> None:
        """「絞り込み中: 12件中 3件を表示」 while a filter or a search hides entries."""
        filtered = self.model.filtered()
        self.filter_notice.setVisible(filtered)
        if filtered:
            self.filter_text.setText(
                "▲ "
                + self.tr("Filtered: showing {shown} of {total} entries").format(
                    shown=self.model.matching(), total=self.model.high
                )
            )

    def show_all(self) -> None:
        """Every entry again: the kind, the person and the search cleared."""
        for box in (self.kind, self.actor):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._filter()

    def as_main(self, on: bool) -> None:
        """The button's words for the view the timeline is in now."""
        self.main_button.blockSignals(True)
        self.main_button.setChecked(on)
        self.main_button.blockSignals(False)
        # Short words (the bar is narrow at 1280x800), the key on hover and in the menu.
        self.main_button.setText(self.tr("Back to the step") if on else self.tr("Full view"))
        self.main_button.setToolTip(
            self.tr("Back to the step (Ctrl+G)") if on else self.tr("Full view (Ctrl+T)")
        )

    def _note(self) -> None:
        text = self.note.toPlainText().strip()
        if text:
            self.note_requested.emit(text)

    def note_saved(self) -> None:
        self.note.clear()

    def ask_lesson(self) -> None:
        """The lesson form, with the quick note's text in it (the box is emptied once the
        lesson is recorded)."""
        self.lesson_requested.emit(self.note.toPlainText().strip(), "")

    def _row_menu(self, row: int, at: QPoint) -> None:
        entry = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        if entry is None:
            return
        menu = QMenu(self)
        menu.setObjectName("timelineMenu")
        if entry.kind == "noted" and not self.model.retracted(entry):
            lesson = menu.addAction(self.tr("Record as a lesson…"))
            lesson.setObjectName("noteAsLesson")
            lesson.triggered.connect(lambda: self.note_as_lesson(entry))
        retract = menu.addAction(self.tr("Retract…"))
        retract.triggered.connect(self.ask_retract)
        self.row_menu = menu  # kept for the tests, which answer it without a pointer
        menu.popup(at)

    def note_as_lesson(self, entry: LogEntry) -> None:
        """A note of the log as a lesson: its text in the form, and the lesson marked on it."""
        text = entry.payload.get("text")
        self.lesson_requested.emit(str(text) if isinstance(text, str) else "", entry.uuid)

    def selected_entry(self) -> LogEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def ask_retract(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.session.error.emit(self.tr("Select the entry to retract in the timeline."))
            return
        self.retract_label.setText(self.tr("Retract #{seq}:").format(seq=entry.seq))
        self.retract_reason.clear()
        self.retract_bar.show()
        self.retract_reason.setFocus()

    def _retract(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.retract_requested.emit(entry.uuid, self.retract_reason.text())

    def retracted(self) -> None:
        self.retract_bar.hide()

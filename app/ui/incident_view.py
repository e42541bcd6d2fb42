"""One incident on screen: header and status, the runner (phases, steps, current step,
decisions), the deadlines, and the timeline with its quick note. Every action goes through
``Session.act``, and each ``changed`` refreshes all parts from the derived state at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.situation import situation
from app.domain.timeutil import format_jst, parse_iso
from app.domain.visible import for_screen
from app.i18n import language
from app.ui.deadlines import DeadlinesPanel
from app.ui.drafts import DraftKeeper
from app.ui.flow_layout import FlowLayout
from app.ui.help import CURRENT_STEP_KEY
from app.ui.incident_controller import IncidentController
from app.ui.occurred_at import OccurredAt
from app.ui.runner import DecisionsPanel, PhaseStrip, StepList
from app.ui.session import Session
from app.ui.situation_bar import SituationBar
from app.ui.step_panel import StepPanel
from app.ui.texts import DEADLINE_STATES, body_label, day_and_time, label
from app.ui.timeline import TimelineView

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.contacts import Contacts
    from app.domain.entries import LogEntry
    from app.domain.state import IncidentState
    from app.ui.handover import HandOverDialog
    from app.ui.incident_controller import ContactMade, LessonDraft
    from app.ui.lesson_dialog import LessonDialog
    from app.ui.record_dialogs import AwarenessDialog, CloseDialog, ContactDialog

# Up to this many entries an incident is folded on the GUI thread (well under 200 ms);
# larger logs are folded on a worker thread while the timeline already shows.
SYNC_FOLD_LIMIT = 5000
DEADLINES_TAB = 2  # in tabs (large text): steps, decisions, deadlines, timeline


class StatusBar(QFrame):
    """Contained / recovered / closed; reopening is a new entry, not an edit. Closing opens its
    own form (the summary, required); the others record at once, at 「発生時刻」 if given."""

    status_requested = Signal(str)  # contained, recovered or open
    close_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("statusRow")
        # On as many lines as large text needs.
        # The status itself is said in the situation bar above; this row is for changing it.
        row = FlowLayout(self, spacing=8)
        self.buttons: dict[str, QPushButton] = {}
        for status, text in (
            ("contained", self.tr("Mark contained")),
            ("recovered", self.tr("Mark recovered")),
        ):
            button = QPushButton(text)
            # Reached by Tab on purpose, never by a click or a rebuild: a stray Space after
            # opening an incident must not write a status change into the permanent log.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, s=status: self.status_requested.emit(s))
            row.add(button)
            self.buttons[status] = button
        # Contained or recovered earlier than it is written: its time.
        self.occurred = OccurredAt()
        row.add(self.occurred)
        close = QPushButton(self.tr("Close incident…"))
        close.setObjectName("closeButton")
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.clicked.connect(self.close_requested)
        row.add(close)
        self.buttons["closed"] = close
        reopen = QPushButton(self.tr("Reopen"))
        reopen.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        reopen.clicked.connect(lambda: self.status_requested.emit("open"))
        row.add(reopen)
        self.buttons["open"] = reopen
        # When the city first knew: every clock "from awareness" counts from it; correctable.
        self.awareness_button = QPushButton(self.tr("Correct the awareness time…"))
        self.awareness_button.setObjectName("awarenessButton")
        # Reached by Tab, not by a stray Space after a click elsewhere (it only opens a form).
        self.awareness_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.add(self.awareness_button)

    def show_status(self, status: str, refused: dict[str, str]) -> None:
        """The status, and its buttons as the services allow them: ``refused`` says why a
        status cannot be chosen now ("" when it can), shown on the disabled button."""
        closed = status == "closed"
        self.buttons["open"].setVisible(closed)
        for name in ("contained", "recovered", "closed"):
            self.buttons[name].setVisible(not closed)
        for name, button in self.buttons.items():
            why = refused.get(name, "")
            button.setEnabled(not why)
            button.setToolTip(for_screen(why))
        self.occurred.setVisible(not closed)


NEWEST_INJECTS = 2  # the injects the players' banner shows, newest first


class IncidentView(QWidget):
    # What a restart reopens on: always "" now, said once an incident is open, so the window
    # reopens on the current step (the first applicable one not done), never on a step clicked.
    step_selected = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = IncidentController(session)  # the write actions and what is allowed
        self.incident_id = ""
        self.state: IncidentState | None = None
        self.selected: str | None = None
        self.loading = False
        self._contacts: Contacts | None = None
        self.handover_dialog: HandOverDialog | None = None
        self.awareness_dialog: AwarenessDialog | None = None
        self.close_dialog: CloseDialog | None = None
        self.contact_dialog: ContactDialog | None = None
        self.lesson_dialog: LessonDialog | None = None
        self._lesson_from_box = False  # the lesson form took the quick note's text

        outer = QVBoxLayout(self)
        # The situation at a glance, above the panes and the tabs: it never scrolls away.
        self.situation_bar = SituationBar()
        outer.addWidget(self.situation_bar)
        bar = self.situation_bar  # its parts, by the names the view has always used
        self.badge, self.title, self.awareness = bar.badge, bar.title, bar.awareness
        self.sim_clock = bar.sim_clock
        # An exercise's newest inject, as the players receive it (hidden in a real incident).
        self.inject_banner = QLabel()
        self.inject_banner.setObjectName("injectBanner")
        self.inject_banner.setWordWrap(True)
        self.inject_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.inject_banner.hide()
        outer.addWidget(self.inject_banner)
        # The files attached, on one line (each in full in its tooltip); hidden while none.
        self.evidence_line = QLabel()
        self.evidence_line.setObjectName("evidenceLine")
        self.evidence_line.setWordWrap(True)
        self.evidence_line.setTextFormat(Qt.TextFormat.PlainText)
        self.evidence_line.hide()
        outer.addWidget(self.evidence_line)
        # The file to attach: a file dialog (a test puts its own chooser here).
        self.choose_evidence_file: Callable[[str], str] = self._evidence_dialog
        self.status_bar = StatusBar()
        outer.addWidget(self.status_bar)
        self.meta, self.awareness_button = bar.meta, self.status_bar.awareness_button
        self.awareness_button.clicked.connect(self.open_awareness)
        self.phases = PhaseStrip()
        outer.addWidget(self.phases)

        self.steps = StepList()
        self.step_panel = StepPanel()
        self.decisions = DecisionsPanel()
        self.deadlines = DeadlinesPanel()
        self.deadlines.question_wanted.connect(self.focus_question)  # ※ 未回答: 判断5, clicked
        side = QSplitter(Qt.Orientation.Vertical)
        decisions_scroll = QScrollArea()
        decisions_scroll.setWidgetResizable(True)
        decisions_scroll.setWidget(self.decisions)
        decisions_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side.addWidget(decisions_scroll)
        deadlines_box = QWidget()
        deadlines_layout = QVBoxLayout(deadlines_box)
        deadlines_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Deadlines"))
        heading.setObjectName("sectionHeading")
        self.deadlines_heading = heading
        deadlines_layout.addWidget(heading)
        deadlines_layout.addWidget(self.deadlines)
        deadlines_layout.addWidget(self.deadlines.footnote)
        side.addWidget(deadlines_box)
        side.setStretchFactor(0, 0)  # a taller window gives the extra height to the deadlines
        side.setStretchFactor(1, 1)

        # The decisions and deadlines take the full height on the right, so that a typical plan's
        # questions and clocks read without scrolling at 1280x800; the timeline sits under the
        # step list and the current step, which stays the largest part.
        runner = QSplitter(Qt.Orientation.Horizontal)
        runner.addWidget(self.steps)
        runner.addWidget(self.step_panel)
        runner.setStretchFactor(0, 2)
        runner.setStretchFactor(1, 3)
        runner.setSizes([215, 510])
        self.timeline = TimelineView(session)
        for occurred in (
            self.step_panel.occurred,
            self.timeline.occurred,
            self.decisions.occurred,
            self.status_bar.occurred,
        ):
            occurred.now = lambda: self.session.now(self.state)  # a tabletop's own time
        # What is typed and not recorded yet is kept as a draft, outside the log.
        self.drafts = DraftKeeper(
            session,
            self.step_panel,
            self.timeline.note,
            self.timeline.note_draft,
            lambda: self.state,
        )
        work = QSplitter(Qt.Orientation.Vertical)
        work.addWidget(runner)
        work.addWidget(self.timeline)
        work.setStretchFactor(0, 3)
        work.setStretchFactor(1, 2)
        work.setSizes([455, 205])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(work)
        split.addWidget(side)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        split.setSizes([730, 530])
        outer.addWidget(split, 1)
        # With larger text the same parts become tabs, each with the whole room (see arrange).
        self.tabs = QTabWidget()
        self.tabs.setObjectName("incidentTabs")
        self.tabs.hide()
        self.tabs.currentChanged.connect(self._tab_shown)
        outer.addWidget(self.tabs, 1)
        self.compact = False
        self.runner_splitter = runner
        self.work_splitter = work
        self.main_splitter = split
        self.side_splitter = side
        self._side_parts: tuple[QWidget, QWidget] = (decisions_scroll, deadlines_box)
        self._deadlines_box = deadlines_box
        self._side_plan = ""
        self._fit_pending = False
        self._deadlines_need = 0  # the height the clocks asked for at the last fit

        self.steps.step_chosen.connect(self.select_step)
        self.phases.phase_clicked.connect(self._phase_clicked)
        self.decisions.decided.connect(self._decide)
        self.decisions.left.connect(self.focus_current)
        self.decisions.reshaped.connect(self.refit_side)
        self.deadlines.rows_measured.connect(self._rows_measured)
        self.step_panel.done.connect(self._done)
        self.step_panel.skip.connect(self._skip)
        self.step_panel.defer.connect(self._defer)
        self.step_panel.note.connect(self._step_note)
        self.step_panel.start.connect(self._start_step)
        self.step_panel.hand_over.connect(self.open_handover)
        self.step_panel.tick.connect(self._tick_check)
        self.step_panel.contact.connect(self.open_contact)
        self.step_panel.to_current.connect(self.go_to_current)
        self.status_bar.status_requested.connect(self._status)
        self.status_bar.close_requested.connect(self.open_close)
        self.timeline.note_requested.connect(self._note)
        self.timeline.lesson_requested.connect(self.open_lesson)
        self.timeline.retract_requested.connect(self._retract)
        self.timeline.main_requested.connect(self.timeline_as_main)
        self.timeline_main = False  # the timeline has the main area (Ctrl+T), not the step
        search = QShortcut(QKeySequence("Ctrl+F"), self)
        search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search.activated.connect(self.focus_search)
        session.changed.connect(self._changed)
        # Alt+N goes to question N; arrows choose an answer there and Enter records it.
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.focus_question(n - 1))
        # Back to the current step from anywhere in the window (the 「次:」 line does the same).
        self.current_shortcut = QShortcut(QKeySequence(CURRENT_STEP_KEY), self)
        self.current_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.current_shortcut.activated.connect(self.go_to_current)

    # Opening
    def open(self, incident_id: str, step_id: str = "") -> None:
        self.drafts.open(incident_id)  # the one before kept; this one's quick note back
        self.step_panel.step = None  # another incident's step is another step: built anew
        self.incident_id = incident_id
        self.state = None
        self.selected = step_id or None
        self._contacts = None
        count = self.session.read(lambda: self.session.ws.incidents.count(incident_id)) or 0
        self.timeline.open(incident_id, None)
        if count <= SYNC_FOLD_LIMIT:
            self._loaded(self.session.read(lambda: self.session.ws.incidents.state(incident_id)))
            return
        self.loading = True
        self.title.setText(self.tr("Opening {id}…").format(id=incident_id))
        incidents = self.session.ws.incidents
        self.session.in_background(
            self.tr("Reading the log of {id}").format(id=incident_id),
            lambda: incidents.state(incident_id),
            self._loaded,
        )

    def _loaded(self, state: IncidentState | None) -> None:
        self.loading = False
        if state is None or state.id != self.incident_id:
            return
        self.state = state
        self.refresh()
        self.focus_current()
        self.step_selected.emit("")  # a restart opens on the current step, wherever one looks

    def go_to_current(self) -> None:
        """Ctrl+G, or a click on 「次:」: the current step in the pane and the list, its title
        in view and the cursor in its first input."""
        if self.state is None or self.loading or not self.isVisible():
            return
        self.timeline_as_main(False)
        self.selected = None  # refresh picks the current step
        self.refresh()
        self.focus_current()

    def focus_current(self) -> None:
        """The cursor on the current step's first input, else on the step list: never on a
        button where a stray Space would record something."""
        target = self.step_panel.first_input() or self.steps
        self.reveal(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def contacts(self) -> Contacts | None:
        if self._contacts is None:
            from app.services.contacts import load_contacts

            self._contacts = self.session.read(lambda: load_contacts(self.session.ws.root))
        return self._contacts

    def reload_contacts(self) -> None:
        self._contacts = None
        if self.state is not None:
            self.refresh()

    # Showing
    def refresh(self) -> None:
        if self.loading or not self.incident_id:
            return
        state = self.session.read(lambda: self.session.ws.incidents.state(self.incident_id))
        if state is None:
            return
        self.state = state
        lang = language()
        self.badge.set_mode(state.mode)
        self.title.setText(for_screen(state.title))
        plan = state.playbook.plan
        meta = for_screen("  ".join([state.id, plan.title.get(lang)]))
        body = for_screen(body_label(state.body))  # typed in at the start, like the title
        self.meta.setText(meta + (f"  {body}" if state.body else ""))
        self.show_awareness(state)
        self.status_bar.show_status(
            state.status,
            {s: self.controller.why_not_status(state, s, None) for s in self.status_bar.buttons},
        )
        next_step = state.next_step()
        states = state.step_states()
        if self.selected is None or states.get(self.selected) in (None, "not_applicable"):
            self.selected = next_step.id if next_step else None
        self.phases.show_state(state, self.selected)
        self.steps.show_state(state, self.selected, next_step.id if next_step else None)
        step = plan.step(self.selected) if self.selected else None
        self.step_panel.show_step(state, step, next_step, self.contacts(), self.session.now(state))
        chain = [self.steps, *self.step_panel.focus_chain()]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.decisions.show_state(state)  # folds the answered questions: the side refits
        self.show_inject(state)
        self.show_evidence(state)
        self._side_plan = state.playbook.sha256
        self.timeline.refresh(state)
        self.tick()

    def needs_tabs(self) -> bool:
        """Whether the text is too large for the panes side by side: at 1280x800 that is from
        14 pt, where the six PPC clocks' rows no longer fit beside the questions."""
        metrics = self.fontMetrics()
        return (
            self.height() < 36 * metrics.height() or self.width() < 80 * metrics.averageCharWidth()
        )

    def arrange(self) -> None:
        """Side by side in splitters, or, for large text, as tabs: the steps, the decisions and
        deadlines (side by side), and the timeline."""
        compact = self.needs_tabs()
        if compact == self.compact:
            return
        self.compact = compact
        # In a tab the tab's own name says 期限: the heading would only take rows' height.
        self.deadlines_heading.setVisible(not compact)
        # Moving a widget drops its focus, and Qt would hand it to whatever comes next.
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            focused = None
        if compact:
            # The questions and the clocks each get a tab of their own: at large text the six
            # PPC clocks need the whole width and height to show every row whole.
            questions, clocks = self._side_parts
            self.tabs.addTab(self.runner_splitter, self.tr("Steps"))
            self.tabs.addTab(questions, QCoreApplication.translate("DecisionsPanel", "Decisions"))
            self.tabs.addTab(clocks, self.tr("Deadlines"))
            self.tabs.addTab(self.timeline, self.tr("Timeline"))
            self.main_splitter.hide()
            self.tabs.show()
            # The phases are the step list's headings (with ✓ when complete) and the progress
            # is in the situation bar: at large text their strip's height goes to the step.
            self.phases.hide()
            # The list as narrow as its names allow, the step the rest: at large text every
            # pixel of the step's width keeps its actions on fewer lines and its text in view.
            self.runner_splitter.setSizes([self.steps.minimumSizeHint().width(), 100_000])
        else:
            self.tabs.clear()  # the pages are kept, not deleted
            self.phases.show()
            self.runner_splitter.setSizes([215, 510])  # the usual shares again
            self.work_splitter.insertWidget(0, self.runner_splitter)
            self.work_splitter.insertWidget(1, self.timeline)
            for index, part in enumerate(self._side_parts):
                self.side_splitter.insertWidget(index, part)
            self.main_splitter.insertWidget(1, self.side_splitter)
            self.work_splitter.setSizes([455, 205])
            self.main_splitter.setSizes([730, 530])
            for part in (self.runner_splitter, self.timeline, *self._side_parts):
                part.show()  # the tabs hid all but their current page
            self.tabs.hide()
            self.main_splitter.show()
            self._fit_pending = True
        self.show_deadline_alert()
        self.timeline_as_main(self.timeline_main)  # the main view kept across the change
        if focused is not None:
            self.reveal(focused)
            focused.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.timeline:
            self.timeline.fit_columns()

    def reveal(self, widget: QWidget) -> None:
        """In tabs, bring forward the tab that holds ``widget`` (before it takes the focus)."""
        if not self.compact:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and (page is widget or page.isAncestorOf(widget)):
                self.tabs.setCurrentIndex(index)
                return

    def show_deadline_alert(self) -> None:
        """In tabs the deadlines are out of sight: their tab says when one is due soon or late."""
        if not self.compact:
            return
        states = {s.state for s in self.deadlines.statuses}
        text = self.tr("Deadlines")
        for state, sign in (("overdue", "■"), ("due_soon", "▲")):
            if state in states:
                text += f"  {sign} {label(DEADLINE_STATES, state)}"
                break
        self.tabs.setTabText(DEADLINES_TAB, text)

    def _rows_measured(self) -> None:
        if self.deadlines_height() != self._deadlines_need:  # a row grew or shrank
            self.refit_side()

    def refit_side(self) -> None:
        """Fit the side panel again once the change has been laid out (questions folded or
        opened, a clock added, rows grown)."""
        self._fit_pending = True
        QTimer.singleShot(0, self, self.fit_side)

    def deadlines_height(self) -> int:
        """The height that shows every deadline row whole: the heading, the table's header and
        rows, and the footnote under it."""
        table = self.deadlines
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        height = self.deadlines_heading.sizeHint().height() + table.horizontalHeader().height()
        height += rows + 2 * table.frameWidth() + 4
        if not table.footnote.isHidden():
            note = table.footnote
            width = note.width() if note.width() > 50 else table.width()
            height += max(note.heightForWidth(width), note.sizeHint().height())
        layout = self._deadlines_box.layout()
        spacing = layout.spacing() if layout is not None else 0
        return height + 2 * max(0, spacing)

    def fit_side(self) -> None:
        """The deadlines first: every clock's row in view; the decisions take the rest, or
        what they need when it is less (then the deadlines have the spare height)."""
        total = sum(self.side_splitter.sizes())
        if self.compact:
            return  # side by side in their tab: each has the full height
        if not self._fit_pending or total <= 0 or not self.isVisible():
            return  # not laid out yet: tried again when the view is resized
        self._fit_pending = False
        # Wrapped questions: their height at the panel's actual width, not at the default one.
        wanted = self.decisions.heightForWidth(self.decisions.width())
        if wanted <= 0:
            wanted = self.decisions.sizeHint().height()
        wanted += 4
        self._deadlines_need = need = self.deadlines_height()
        # The decisions keep a fifth at least: the first question and its answers whole, the
        # others a scroll away (the scroll bar shows there are more).
        decisions = min(wanted, max(total - need, total // 5))
        self.side_splitter.setSizes([decisions, max(0, total - decisions)])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:  # larger text: the questions need more room
            self._fit_pending = True
            QTimer.singleShot(0, self, self.arrange)  # not inside the font change: it moves widgets
            QTimer.singleShot(0, self, self.fit_side)
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.arrange)
        self.fit_side()

    def tick(self) -> None:
        """Recompute the deadline states against the incident's clock (every second). The clock
        is read from the log each time: a tabletop's may have been changed from the command line."""
        if self.state is None or self.loading:
            return
        incidents = self.session.ws.incidents
        state = self.session.read(lambda: incidents.state(self.incident_id))
        if state is None:
            return
        now = self.session.now(state)
        self.show_clock(state, now)
        self.step_panel.show_clocks(state, now)  # a step's target and next repeat, live
        self.steps.show_due(state, now)
        statuses = self.session.read(lambda: incidents.deadlines(self.incident_id, now))
        if statuses is not None:
            self.deadlines.show_statuses(state, statuses, now)
            self.situation_bar.show_situation(state, now, situation(state, now, statuses))
            self.show_deadline_alert()
            self._rows_measured()  # a row came, went or grew: the side refits

    def select_step(self, step_id: str) -> None:
        if step_id == self.selected:
            return
        self.selected = step_id
        if self.state is not None:
            self.refresh()

    def move_selection(self, offset: int) -> None:
        ids = self.steps.step_ids()
        if not ids:
            return
        index = ids.index(self.selected) if self.selected in ids else -1
        self.select_step(ids[max(0, min(len(ids) - 1, index + offset))])

    def _phase_clicked(self, phase_id: str) -> None:
        if self.state is None:
            return
        phase = next(p for p in self.state.playbook.plan.phases if p.id == phase_id)
        states = self.state.step_states()
        open_steps = [s for s in phase.steps if states[s.id] in ("pending", "active", "waiting")]
        shown = [s for s in phase.steps if states[s.id] != "not_applicable"]
        candidates = open_steps or shown
        if candidates:
            self.select_step(candidates[0].id)

    def _changed(self, incident_id: str) -> None:
        if incident_id == self.incident_id and self.isVisible():
            self.refresh()

    def show_inject(self, state: IncidentState) -> None:
        """The newest injects released (two: when a jump releases several at once, the one
        before the newest is not lost from view), each with when, to whom and which of how many,
        in the screen's language (the script's own words where the exercise plays one)."""
        injects = state.injects
        if not injects:
            self.inject_banner.hide()
            return
        from app.domain.describe import describe

        lang = language()
        played = self.session.read(lambda: self.session.ws.incidents.exercise(state))
        scripted = {i.id: i for _, i in played[1].script.injects()} if played else {}
        total = len(scripted) or len(injects)
        lines = []
        for number in range(len(injects), max(len(injects) - NEWEST_INJECTS, 0), -1):
            entry = injects[number - 1]
            text = describe(entry, state, lang)
            inject = scripted.get(str(entry.payload.get("inject")))
            if inject is not None:  # the script's words in this language, not the log's ja
                text = text.replace(str(entry.payload.get("text", "")), inject.text.get(lang), 1)
            heading = self.tr("Inject %1 (%2 of %3)")
            heading = heading.replace("%1", format_jst(parse_iso(entry.occurred_at)))
            heading = heading.replace("%2", str(number)).replace("%3", str(total))
            lines.append(f"{heading}: {text}")
        self.inject_banner.setText(for_screen("\n".join(lines), multiline=True))
        self.inject_banner.show()

    def show_evidence(self, state: IncidentState) -> None:
        """The evidence files attached: name and the start of the hash on the line; who, when,
        the whole hash and how often each was handed on in its tooltip."""
        files = state.evidence
        self.evidence_line.setVisible(bool(files))
        if not files:
            return
        shown = ", ".join(f"{f.name} ({f.sha256[:8]})" for f in files)
        self.evidence_line.setText(
            for_screen(self.tr("Evidence files: {files}").format(files=shown))
        )
        lines = [
            self.tr("{name}: sha256 {sha}, added by {who} at {at}, handed on {n} times").format(
                name=f.name,
                sha=f.sha256,
                who=f.actor,
                at=format_jst(parse_iso(f.at)),
                n=len(f.custody),
            )
            for f in files
        ]
        self.evidence_line.setToolTip(for_screen("\n".join(lines), multiline=True))

    def attach_evidence(self) -> None:
        """Attach a file (a photo of the ransom note, a log extract) to the step in view: the
        services store it by its hash and log it; the notice says what was recorded."""
        state = self.state
        if state is None or self.loading:
            return
        step = state.playbook.plan.step(self.selected) if self.selected else None
        if why := self.controller.why_not(state, "evidence", step):
            self.controller.refuse(why)
            return
        title = (
            self.tr("Attach evidence to: {step}").format(step=step.title.get(language()))
            if step is not None
            else self.tr("Attach evidence")
        )
        path = self.choose_evidence_file(title)
        if path:
            self.controller.add_evidence(
                self.incident_id, path, step.id if step is not None else None
            )

    def _evidence_dialog(self, title: str) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, for_screen(title))
        return path

    def show_clock(self, state: IncidentState, now: datetime) -> None:
        """A tabletop exercise's simulated time in the header, and whether it is paused or runs
        faster or slower than real time; nothing for a real incident or a drill."""
        clock = state.clock
        simulated = state.mode == "tabletop" and clock.simulated
        self.sim_clock.setVisible(simulated)
        if not simulated:
            return
        shown = format_jst(now, seconds=True)
        if not clock.running:
            text = self.tr("Exercise time: {time} (paused)").format(time=shown)
        elif clock.speed != 1:
            text = self.tr("Exercise time: {time} (×{speed})").format(
                time=shown, speed=f"{clock.speed:g}"
            )
        else:
            text = self.tr("Exercise time: {time}").format(time=shown)
        self.sim_clock.setText(text)
        self.sim_clock.setProperty("running", clock.running)

    def show_awareness(self, state: IncidentState) -> None:
        """The awareness time beside the declaration, marked when it was corrected (with the
        corrections and their reasons), and whether the services allow correcting."""
        # Short, with the weekday, like the clocks (the year is in the dialog and the log).
        aware = day_and_time(parse_iso(state.awareness_at)) if state.awareness_at else "—"
        declared = day_and_time(parse_iso(state.declared_at)) if state.declared_at else "—"
        if state.awareness_at == state.declared_at:
            text = self.tr("Aware since: {aware} (= declared)").format(aware=aware)
        else:
            text = self.tr("Aware since: {aware} (declared {declared})").format(
                aware=aware, declared=declared
            )
        changes = [e for e in state.awareness_changes if e.uuid not in state.retracted]
        history = []
        if changes:
            text += self.tr(" — corrected")
            from app.domain.describe import describe

            history = [f"{e.actor}: {describe(e, state)}" for e in changes]
        # The bar says the time since; the moments and the corrections are on hover.
        self.situation_bar.show_awareness(for_screen(text), bool(changes), history)
        why = self.controller.why_not(state, "awareness")
        self.awareness_button.setEnabled(not why)
        follows = self.tr("Every clock counted from the awareness time moves with it.")
        self.awareness_button.setToolTip(for_screen(why) or follows)

    def open_awareness(self) -> None:
        state = self.state
        if state is None or self.loading:
            return
        if why := self.controller.why_not(state, "awareness"):
            self.controller.refuse(why)
            return
        from app.ui.record_dialogs import AwarenessDialog

        if self.awareness_dialog is None:
            self.awareness_dialog = AwarenessDialog(self)
            self.awareness_dialog.corrected.connect(self._correct_awareness)
        aware = parse_iso(state.awareness_at or state.declared_at)
        self.awareness_dialog.offer(aware, parse_iso(state.declared_at))
        self.awareness_dialog.open()

    def _correct_awareness(self, awareness_at: datetime, reason: str) -> None:
        self._written_in(
            self.awareness_dialog,
            lambda: self.controller.correct_awareness(self.incident_id, awareness_at, reason),
        )

    def _written_in(
        self,
        dialog: AwarenessDialog | CloseDialog | ContactDialog | LessonDialog | None,
        write: Callable[[], LogEntry | None],
    ) -> LogEntry | None:
        """What a form asks written: a refusal is also shown in the form itself, which stays
        open with what was typed; once written, the form closes."""

        def show(reason: str) -> None:
            if dialog is not None:
                dialog.refused(reason)

        self.session.error.connect(show)
        try:
            written = write()
        finally:
            self.session.error.disconnect(show)
        if written is not None and dialog is not None:
            dialog.accept()
        return written

    def open_contact(self, step_id: str) -> None:
        state = self.state
        if state is None or self.loading:
            return
        step = state.playbook.plan.step(step_id)
        if step is None:
            return
        if why := self.controller.why_not(state, "contact", step):
            self.controller.refuse(why)
            return
        from app.ui.record_dialogs import ContactDialog
        from app.ui.step_panel import contact_names

        if self.contact_dialog is None:
            self.contact_dialog = ContactDialog(self)
            self.contact_dialog.recorded.connect(self._record_contact)
        lang = language()
        whom = contact_names(self.contacts(), step.contacts, lang)
        self.contact_dialog.offer(step.id, step.title.get(lang), whom, self.session.now(state))
        self.contact_dialog.open()

    def _record_contact(self, step_id: str, contact: ContactMade) -> None:
        self._written_in(
            self.contact_dialog,
            lambda: self.controller.record_contact(self.incident_id, step_id, contact),
        )

    def _tick_check(self, step_id: str, check_id: str, ticked: bool) -> None:
        at = self.step_panel.occurred.value()
        if self.controller.tick_check(self.incident_id, step_id, check_id, ticked, at) is None:
            self.refresh()  # refused: the box back as the log has it
        # The time stays ticked for the step's other items and its Done: one back-filling.

    # Actions: the controller writes each one through the session and the services; the view
    # puts the cursor where the next thing is to be done.
    def _done(self, step_id: str, fields: dict[str, Any], deputy_for: str) -> None:
        if self.session.refused_read_only():
            return  # say read-only first, not "fill in" for a record that cannot be made
        step = self.step_panel.step
        if step is not None and step.id == step_id:
            problem = self.controller.field_problem(step, fields)  # the services' field rules
            if problem is not None:
                self.controller.refuse(problem.text)
                empty = self.step_panel.input_for(problem.field)
                if empty is not None:
                    self.reveal(empty)
                    empty.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        at = self.step_panel.occurred.value()  # None: now
        written = self.controller.complete_step(self.incident_id, step_id, fields, deputy_for, at)
        if written is not None:
            self.step_panel.occurred.reset()
            self.drafts.fields_recorded(step_id)  # recorded now: no longer a draft
            self.selected = None  # move on to what is next
            self.step_panel.settle()  # even when it is the same (repeating) step again
            self.refresh()
            self.focus_current()

    def _skip(self, step_id: str, reason: str) -> None:
        at = self.step_panel.occurred.value()  # 「発生時刻」 holds for every action of the step
        written = self.controller.skip_step(self.incident_id, step_id, reason, at)
        if written is not None:
            self.step_panel.occurred.reset()
            self.selected = None
            self.refresh()
            self.focus_current()
        elif not reason.strip():
            self.reveal(self.step_panel)
            self.step_panel.skip_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _defer(self, step_id: str, reason: str) -> None:
        """Put off to come back to: the step stays listed, the cursor moves on."""
        at = self.step_panel.occurred.value()
        written = self.controller.defer_step(self.incident_id, step_id, reason, at)
        if written is not None:
            self.step_panel.occurred.reset()
            self.selected = None
            self.refresh()
            self.focus_current()
        elif not reason.strip():
            self.reveal(self.step_panel)
            self.step_panel.defer_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _start_step(self, step_id: str) -> None:
        # Started earlier: the time stays ticked for the step's Done, which came later still.
        self.controller.start_step(self.incident_id, step_id, self.step_panel.occurred.value())

    def _step_note(self, step_id: str, text: str) -> None:
        at = self.step_panel.occurred.value()
        if self.controller.note(self.incident_id, text, step_id=step_id, at=at) is not None:
            self.step_panel.step_note.clear()

    def _note(self, text: str) -> None:
        at = self.timeline.occurred.value()  # None: now
        if self.controller.note(self.incident_id, text, at=at) is not None:
            self.timeline.occurred.reset()
            self.timeline.note_saved()

    def open_lesson(self, text: str = "", note_uuid: str = "") -> None:
        """The lesson form: with ``text`` typed in (the quick note's, or a note's), and marked
        on the note ``note_uuid`` when it came from one (its step offered as the one to change)."""
        state = self.state
        if state is None or self.loading:
            return
        if why := self.controller.why_not(state, "lesson"):
            self.controller.refuse(why)
            return
        from app.ui.lesson_dialog import LessonDialog

        if self.lesson_dialog is None:
            self.lesson_dialog = LessonDialog(self)
            self.lesson_dialog.recorded.connect(self._record_lesson)
        seq, step_id = 0, ""
        if note_uuid:
            note = next((e for e in state.notes if e.uuid == note_uuid), None)
            if note is not None:
                seq, step_id = note.seq, note.step_id or ""
        self._lesson_from_box = not note_uuid and bool(text)
        self.lesson_dialog.offer(
            state, self.session.now(state), text, note_uuid, note_seq=seq, step_id=step_id
        )
        self.lesson_dialog.open()
        self.lesson_dialog.activateWindow()  # the keys (Ctrl+Enter) go to the form at once

    def open_lesson_from_box(self) -> None:
        """Ctrl+L: the lesson form with what the quick-note box holds."""
        self.timeline.ask_lesson()

    def _record_lesson(self, lesson: LessonDraft) -> None:
        written = self._written_in(
            self.lesson_dialog, lambda: self.controller.lesson(self.incident_id, lesson)
        )
        if written is not None and self._lesson_from_box:
            self.timeline.note_saved()  # the quick note became the lesson
            self._lesson_from_box = False

    def undone(self, incident_id: str, entry: LogEntry) -> None:
        """An entry just retracted by 取り消す: the step it was about back on screen (a step
        done by mistake is the current one again), the cursor in it."""
        if incident_id != self.incident_id or not entry.step_id or self.state is None:
            return
        self.select_step(entry.step_id)
        self.focus_current()

    def _retract(self, entry_uuid: str, reason: str) -> None:
        if self.controller.retract(self.incident_id, entry_uuid, reason) is not None:
            self.timeline.retracted()

    def _decide(self, decision_id: str, choice: str, reason: str) -> None:
        state = self.state
        at = self.decisions.occurred.value()  # None: now
        written = self.controller.decide(self.incident_id, decision_id, choice, reason, at)
        if written is not None:
            self.decisions.occurred.reset()
            self.decisions.answered(decision_id)  # the reason is with the answer now
        elif state is not None:
            self.decisions.show_state(state)  # refused: put the buttons back as they were

    def open_handover(self) -> None:
        """The plan picker for a hand-over; the plan named in the records is chosen already."""
        state = self.state
        if state is None or self.loading:
            return
        if why := self.controller.why_not(state, "hand_over"):
            self.controller.refuse(why)
            return
        from app.ui.handover import HandOverDialog, suggested

        if self.handover_dialog is None:
            self.handover_dialog = HandOverDialog(self)
            self.handover_dialog.chosen.connect(self._hand_over)
        targets = self.controller.hand_over_targets(state)
        written = [
            str(value)
            for record in state.plan.steps.values()
            for value in record.fields.values()
            if isinstance(value, str)
        ]
        self.handover_dialog.offer(state.playbook, targets, suggested(targets, written))
        self.handover_dialog.open()

    def _hand_over(self, plan_id: str) -> None:
        if self.controller.hand_over(self.incident_id, plan_id) is not None:
            self.selected = None  # the new plan's first open step
            self.refresh()
            self.focus_current()

    def _status(self, status: str) -> None:
        at = self.status_bar.occurred.value()  # None: now
        if self.controller.set_status(self.incident_id, status, "", at) is None:
            return
        self.status_bar.occurred.reset()
        # The pressed button may now be hidden (reopen): Qt would give the focus to the next
        # one, where a stray Space would close the incident again.
        self.focus_current()

    def open_close(self) -> None:
        """The closing form: the summary (required) and when it ended."""
        state = self.state
        if state is None or self.loading:
            return
        if why := self.controller.why_not_status(state, "closed", None):
            self.controller.refuse(why)
            return
        from app.ui.record_dialogs import CloseDialog

        if self.close_dialog is None:
            self.close_dialog = CloseDialog(self)
            self.close_dialog.requested.connect(self._close)
            self.close_dialog.occurred.now = lambda: self.session.now(self.state)
        self.close_dialog.offer()
        self.close_dialog.open()

    def _close(self, summary: str, at: datetime | None) -> None:
        written = self._written_in(
            self.close_dialog,
            lambda: self.controller.set_status(self.incident_id, "closed", summary, at),
        )
        if written is None:
            return
        # Once the form is gone and the window active again: the close button is hidden now,
        # and Qt would hand the focus to "reopen" beside it, where a stray Space reopens.
        QTimer.singleShot(0, self, self._back_from_form)

    def _back_from_form(self) -> None:
        self.activateWindow()  # not every platform gives it back when a form closes
        self.focus_current()

    # Shortcuts from the window
    def why_not(self, action: str) -> str:
        """Why a step action cannot apply to the step on screen ("" when it can), in the
        services' words: a key that does nothing must say why."""
        state, step = self.state, self.step_panel.step
        if state is None or step is None:
            return self.tr("Choose a step first.")
        return self.controller.why_not(state, action, step)

    def done_current(self) -> None:
        if self.session.refused_read_only():
            return
        if self.timeline_main:  # the step is not on screen: show it, record nothing yet
            self.go_to_current()
            return
        if why := self.why_not("complete_step"):
            self.controller.refuse(why)
            return
        self.step_panel._done()

    def skip_current(self) -> None:
        if self.session.refused_read_only():
            return
        if why := self.why_not("skip_step"):
            self.controller.refuse(why)
        else:
            # With no reason the services refuse it, said like the button's refusal, and
            # _skip puts the cursor in the reason box.
            self.step_panel._skip()

    def focus_note(self) -> None:
        self.reveal(self.timeline)
        self.timeline.note.setFocus()

    def focus_timeline(self) -> None:
        """Ctrl+T: the timeline as the main view, the cursor in it; again: back to the step."""
        if self.timeline_main:
            self.go_to_current()
            return
        self.timeline_as_main(True)
        self.timeline.table.setFocus()

    def focus_search(self) -> None:
        """Ctrl+F: the timeline's search, in the main view."""
        self.timeline_as_main(True)
        self.timeline.search.setFocus()
        self.timeline.search.selectAll()

    def timeline_as_main(self, on: bool) -> None:
        """The timeline in the main area, with every row the screen has room for (the steps
        and the side give it their place), or back to the step, which must then be read for
        the settle time again before Done records it."""
        was, self.timeline_main = self.timeline_main, on
        self.timeline.as_main(on)
        # In tabs the timeline's own tab is its main view: the button would only take room
        # the bar lacks at large text.
        self.timeline.main_button.setVisible(not self.compact)
        if self.compact:  # in tabs the timeline has a tab of its own, the whole room
            if on or was:  # a tab chosen by hand stays as it is
                self.reveal(self.timeline if on else self.step_panel)
        else:
            self.runner_splitter.setVisible(not on)
            self.side_splitter.setVisible(not on)
        if was and not on:
            self.step_panel.settle()
        if on:
            self.timeline.fit_columns()

    def focus_question(self, index: int) -> None:
        self.reveal(self.decisions)
        self.decisions.focus_question(index)

"""The main window: home, start-a-response, the incident screen and the contacts editor in one
stack, with every frequent action on a key, a message bar for refusals and a 1-second clock tick."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.visible import for_screen
from app.errors import SonaeError
from app.ui.home import HomeView
from app.ui.recorded import RecordedNotice
from app.ui.session import Session
from app.ui.widgets import MessageBar, NoticeBar, fit_placeholder

if TYPE_CHECKING:  # the other screens are built (and imported) on first use: a faster start
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from app.services.incident_queries import IncidentSummary
    from app.ui.exercise_start import ExerciseStartDialog
    from app.ui.facilitator import FacilitatorWindow
    from app.ui.help import HelpDialog
    from app.ui.incident_view import IncidentView
    from app.ui.plan_library import PlanLibraryView
    from app.ui.start import StartView


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    text_size_changed = Signal(int)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(self.tr("Sonae — incident response"))
        self.setObjectName("mainWindow")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 4)
        self.notice_bar = NoticeBar()
        layout.addWidget(self.notice_bar)
        self._failures: list[str] = []  # why the records could not be opened, kept in view
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        # Never wider or taller than the screen because of what it shows: a screen whose content
        # asks for more room than the laptop has (the largest text, say) is cut at its edge
        # rather than pushing the window's edge, and its status bar, off the screen.
        central.setMinimumSize(MINIMUM_SIZE)
        # Refusals and errors lie over the top of the screen: showing one moves nothing that
        # is under the mouse (in the layout, it pushed everything down about 48 px).
        self.message_bar = MessageBar(central)
        self.message_bar.lie_over(self.stack)
        # What each action recorded, in words, with an undo for a few seconds.
        self.recorded = RecordedNotice(session, self.message_bar)
        self.recorded.undone.connect(self._undone)
        # Ctrl+Z takes back what was just recorded, while it is said on screen; in a text box
        # the box's own undo has the key first (it undoes the typing, records nothing).
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.setContext(Qt.ShortcutContext.WindowShortcut)
        undo.activated.connect(self.message_bar.act_now)
        self.setCentralWidget(central)

        self.home = HomeView(session)
        self._start_view: StartView | None = None
        self._incident: IncidentView | None = None
        self.contacts_view: QWidget | None = None
        self.library_view: PlanLibraryView | None = None
        self.stack.addWidget(self.home)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: the work's length is not known in advance
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.busy_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy)
        self.help_dialog: HelpDialog | None = None
        self.facilitators: dict[str, FacilitatorWindow] = {}  # the exercises' windows, kept
        self.exercise_dialog: ExerciseStartDialog | None = None
        self.bundle_dialog: QDialog | None = None  # the export or import form, while it is open
        self.conflicts_dialog: QDialog | None = None

        self._build_toolbar()
        self._build_actions()
        self.home.open_incident.connect(self.open_incident)
        self.home.start_response.connect(self.show_start)
        self.home.plan_library.connect(self.show_library)
        session.error.connect(self.message_bar.show_error)
        session.info.connect(lambda text: self.statusBar().showMessage(for_screen(text), 5000))
        session.busy.connect(self._busy)
        session.actor_changed.connect(self._show_actor)
        session.name_needed.connect(self.focus_name)
        session.changed.connect(self._changed)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        # A backup of the database every half hour if the log changed, and at close.
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_MINUTES * 60 * 1000)
        self.backup_timer.timeout.connect(lambda: self.back_up("schedule"))
        self.backup_timer.start()
        self._quitting = False  # Ctrl+Q: a close for good, unlike a language switch's
        if session.settings.geometry:
            self.restoreGeometry(QByteArray.fromHex(session.settings.geometry.encode()))
        else:
            self.resize(DEFAULT_SIZE)
        self.fit_to_screen(centre=not session.settings.geometry)
        available = available_geometry(self)
        if (
            not session.settings.geometry
            and QGuiApplication.platformName() not in OFF_SCREEN
            and available is not None
            and not fits(DEFAULT_SIZE, available, FRAME_ALLOWANCE)
        ):
            # A first start on a laptop screen the default size does not fit (1366×768,
            # 1280×800): the whole screen, as the window manager lays it out. Shrunk to fit,
            # the window left a strip of the screen unused that the current step needed.
            # Closed maximised, it opens maximised again (the geometry remembers it).
            self.setWindowState(Qt.WindowState.WindowMaximized)
        self._fitted_shown = False

    # On the screen, whole
    def fit_to_screen(self, available: QRect | None = None, centre: bool = False) -> None:
        """Bring the window (its frame too) inside the screen's available area: a remembered
        size from a bigger screen, or the default on a 1366×768 laptop, never runs off it.
        ``centre``: a first start is placed in the middle of the room."""
        if self.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            return  # the window system keeps those inside the screen
        if available is None:
            available = available_geometry(self)
        if available is None or available.isEmpty():
            return
        target = fitted(self.geometry(), available, self.frame_margins(), centre)
        if target != self.geometry():
            self.setGeometry(target)  # the inner rectangle: the frame goes around it

    def frame_margins(self) -> QMargins:
        """The title bar and borders: as the window system drew them once shown, and never
        less than a usual title bar (before showing, or while the window manager decides)."""
        frame, inner = self.frameGeometry(), self.geometry()
        drawn = QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
        return QMargins(
            max(drawn.left(), FRAME_ALLOWANCE.left()),
            max(drawn.top(), FRAME_ALLOWANCE.top()),
            max(drawn.right(), FRAME_ALLOWANCE.right()),
            max(drawn.bottom(), FRAME_ALLOWANCE.bottom()),
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._fitted_shown and QGuiApplication.platformName() not in OFF_SCREEN:
            self._fitted_shown = True
            # Once shown, the window manager has drawn the real frame: fit again with it.
            QTimer.singleShot(150, self, self.fit_to_screen)

    def bring_to_front(self) -> None:
        """Asked by a second start on the same data folder: shown, unminimised, in front."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # Screens, built on first use
    @property
    def start_view(self) -> StartView:
        if self._start_view is None:
            from app.ui.start import StartView

            self._start_view = StartView(self.session)
            self._start_view.started.connect(self.open_incident)
            self._start_view.cancelled.connect(self.show_home)
            self.stack.addWidget(self._start_view)
        return self._start_view

    @property
    def incident(self) -> IncidentView:
        if self._incident is None:
            from app.ui.incident_view import IncidentView

            self._incident = IncidentView(self.session)
            self._incident.step_selected.connect(self._remember_step)
            self._incident.step_panel.add_bodies.connect(self.add_bodies_to_contacts)
            self.stack.addWidget(self._incident)
        return self._incident

    # Building
    def _build_toolbar(self) -> None:
        # The responder's name sits in the menu bar's corner: always visible, no extra row.
        corner = QWidget(self)  # parented: PySide does not hand a corner widget to Qt
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 8, 0)
        row.addWidget(QLabel(self.tr("You:")))
        self.actor = QLineEdit(self.session.actor)
        self.actor.setObjectName("actorName")
        self.actor.setPlaceholderText(self.tr("Your name (written in the log)"))
        fit_placeholder(self.actor)
        self.actor.editingFinished.connect(self._actor_edited)
        row.addWidget(self.actor)
        self.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)

    def _actor_edited(self) -> None:
        self.session.set_actor(self.actor.text())
        if not self.actor.text().strip():
            self.actor.setText(self.session.actor)  # an emptied field does not wipe the name

    def _show_actor(self, name: str) -> None:
        if self.actor.text() != name:
            self.actor.setText(name)

    def focus_name(self) -> None:
        self.actor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.actor.selectAll()

    def _action(self, text: str, keys: list[str], slot: Any, menu: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.shortcut_actions.append(action)
        return action

    def _build_actions(self) -> None:
        self.shortcut_actions: list[QAction] = []
        menus = self.menuBar()
        file = menus.addMenu(self.tr("&File"))
        self._action(self.tr("Home"), ["Ctrl+H"], self.show_home, file)
        self._action(self.tr("Start a response"), ["Ctrl+N"], self.show_start, file)
        self._action(
            self.tr("Start an exercise…"), ["Ctrl+Shift+N"], self.open_exercise_start, file
        )
        self._action(self.tr("Plan library"), ["Ctrl+Shift+B"], self.show_library, file)
        self._action(self.tr("Contacts"), ["Ctrl+Shift+C"], self.show_contacts, file)
        file.addSeparator()
        self.bundle_export_action = self._action(
            self.tr("Export a bundle for another laptop…"), [], self.open_export_bundle, file
        )
        self._action(
            self.tr("Import a bundle from another laptop…"), [], self.open_import_bundle, file
        )
        file.addSeparator()
        self.report_actions = [
            self._action(
                self.tr("Make the incident record (PDF)"),
                ["Ctrl+P"],
                lambda: self.make_report("record"),
                file,
            ),
            self._action(
                self.tr("Make the after-action report (PDF)"),
                ["Ctrl+Shift+P"],
                lambda: self.make_report("after-action"),
                file,
            ),
            self._action(
                self.tr("Make the incident report to send (PDF)"),
                [],
                lambda: self.make_report("submission"),
                file,
            ),
        ]
        file.setToolTipsVisible(True)
        # What each document is for, on hover: the copy to send differs in what it leaves out.
        self.report_actions[0].setToolTip(
            self.tr("The whole record: every entry, for the city's files and for signing.")
        )
        self.report_actions[1].setToolTip(
            self.tr("For the review: what went well and what did not, lessons, improvement items.")
        )
        submission = self.report_actions[2]
        submission.setObjectName("reportSubmission")
        submission.setToolTip(
            self.tr(
                "For the PPC or the police: no internal notes, plan hashes or 要確認 remarks; "
                "marked as a copy of the signed record."
            )
        )
        submission.setStatusTip(submission.toolTip())
        file.addSeparator()
        self._action(self.tr("Quit"), ["Ctrl+Q"], self.quit, file)

        incident = menus.addMenu(self.tr("&Incident"))
        self.incident_actions = [
            self._action(
                self.tr("Mark the step done"),
                ["Ctrl+D"],
                lambda: self.incident.done_current(),
                incident,
            ),
            self._action(
                self.tr("Skip the step (with a reason)"),
                ["Ctrl+K"],
                lambda: self.incident.skip_current(),
                incident,
            ),
            self._action(
                self.tr("Write a quick note"),
                ["Ctrl+E"],
                lambda: self.incident.focus_note(),
                incident,
            ),
            self._action(
                self.tr("Next step"),
                ["Ctrl+Down", "Ctrl+J"],
                lambda: self.incident.move_selection(1),
                incident,
            ),
            self._action(
                self.tr("Previous step"),
                ["Ctrl+Up"],
                lambda: self.incident.move_selection(-1),
                incident,
            ),
            self._action(
                self.tr("Hand over to another plan…"),
                ["Ctrl+Shift+H"],
                lambda: self.incident.open_handover(),
                incident,
            ),
            self._action(
                self.tr("Record a lesson…"),
                ["Ctrl+L"],
                lambda: self.incident.open_lesson_from_box(),
                incident,
            ),
            self._action(
                self.tr("Attach evidence…"),
                ["Ctrl+Shift+E"],
                lambda: self.incident.attach_evidence(),
                incident,
            ),
            self._action(
                self.tr("Settle conflicts between laptops…"),
                [],
                self.open_conflicts,
                incident,
            ),
            self._action(
                self.tr("Go to the timeline"),
                ["Ctrl+T"],
                lambda: self.incident.focus_timeline(),
                incident,
            ),
            self._action(
                self.tr("Facilitate the exercise…"),
                ["Ctrl+Shift+X"],
                self.open_facilitator,
                incident,
            ),
        ]

        view = menus.addMenu(self.tr("&View"))
        self._action(self.tr("Larger text"), ["Ctrl++", "Ctrl+="], lambda: self.text_size(1), view)
        self._action(self.tr("Smaller text"), ["Ctrl+-"], lambda: self.text_size(-1), view)
        languages = view.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        for code, name in (("ja", "日本語"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(self.session.settings.language == code)
            action.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            group.addAction(action)
            languages.addAction(action)

        help_menu = menus.addMenu(self.tr("&Help"))
        self._action(self.tr("Keyboard shortcuts"), ["F1"], self.show_help, help_menu)
        self._action(self.tr("About Sonae"), [], self.show_about, help_menu)
        self._enable_incident_actions(False)

    def _enable_incident_actions(self, on: bool) -> None:
        for action in self.incident_actions:
            action.setEnabled(on)
        for action in self.report_actions:
            action.setEnabled(on and reports_available())

    def show_notices(self, failures: list[str] | None = None) -> None:
        """Fill the notice bar from what holds now: read-only, a loss the seen record knows,
        a seen record that cannot be read, plans that could not be read; and ``failures``."""
        if failures:
            self._failures = failures
        # The gravest first (the first two lines are always in view): what stops the records,
        # that nothing can be recorded, then what was lost.
        lines = list(self._failures)
        ws = self.session.ws if self.session.loaded else None
        try:
            warnings = [*ws.integrity_warnings(), *ws.clock_warnings()] if ws is not None else []
            lost = bool(ws.losses()) if ws is not None else False
        except SonaeError:
            warnings, lost = [], False  # the store cannot open: its reason is in the failures
        if self.session.read_only:
            lines.append(
                self.tr(
                    "Read-only: this data folder ({folder}) cannot be written. You can read, "
                    "check and print; nothing can be recorded."
                ).format(folder=self.session.root)
            )
            self.setWindowTitle(self.tr("Sonae — incident response (read-only)"))
            self.home.start_button.setEnabled(False)
        if lost:
            lines.append(
                self.tr(
                    "Entries recorded earlier are missing. Stop and tell the information "
                    "systems administrator: restore the database from a backup, then check "
                    "it with `sonae verify`."
                )
            )
        lines += [str(w) for w in warnings]
        if ws is not None and ws.library.loaded:
            lines += [
                self.tr("A plan could not be read and is not offered: {problem}").format(
                    problem=problem
                )
                for problem in ws.library.problems
            ]
        self.notice_bar.show_lines(lines)

    # Navigation
    def show_home(self, summaries: list[IncidentSummary] | None = None) -> None:
        """Home, with ``summaries`` if they were just read (on the worker), else read now."""
        # While the first load runs on the worker, home keeps its "opening" note: reading the
        # incidents here as well would fold the same logs on two threads at once.
        if not self.home.loading:
            self.home.refresh(summaries)
        self.stack.setCurrentWidget(self.home)
        self._enable_incident_actions(False)
        self.session.settings.incident = ""
        self.session.save_settings()
        first = self.home.first_card()
        (first or self.home.start_button).setFocus()

    def show_start(self) -> None:
        self.start_view.reset()
        self.stack.setCurrentWidget(self.start_view)
        self._enable_incident_actions(False)

    def show_library(self) -> None:
        """The plans, to read, print blank or start a drill of: nothing is recorded here."""
        if self.library_view is None:
            from app.ui.plan_library import PlanLibraryView

            self.library_view = PlanLibraryView(self.session)
            self.library_view.closed.connect(self.show_home)
            self.library_view.drill.connect(self.start_drill)
            self.library_view.printed.connect(lambda path: self.open_file(Path(path)))
            self.stack.addWidget(self.library_view)
        self.library_view.reset()
        self.stack.setCurrentWidget(self.library_view)
        self._enable_incident_actions(False)

    def start_drill(self, plan_id: str) -> None:
        """The start screen on ``plan_id``, drill mode chosen: the responder gives it a title."""
        self.show_start()
        self.start_view.preset(plan_id, "drill")

    def open_incident(self, incident_id: str, step_id: str = "") -> None:
        self.stack.setCurrentWidget(self.incident)
        self.incident.open(incident_id, step_id)
        self._enable_incident_actions(True)
        self.session.settings.incident = incident_id
        self.session.settings.step = step_id
        self.session.save_settings()

    def show_contacts(self) -> None:
        from app.ui.contacts import ContactsView

        if self.contacts_view is None:
            view = ContactsView(self.session)
            view.closed.connect(self._contacts_closed)
            self.stack.addWidget(view)
            self.contacts_view = view
        self.contacts_view.load()  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(self.contacts_view)
        self._enable_incident_actions(False)

    def add_bodies_to_contacts(self, body_ids: list[str]) -> None:
        """From a step naming bodies Contacts lacks: the editor, on new entries for them."""
        self.show_contacts()
        self.contacts_view.add_bodies(body_ids)  # type: ignore[union-attr]

    def _contacts_closed(self) -> None:
        if self._incident is not None:
            self.incident.reload_contacts()
        if self._incident is not None and self.session.settings.incident:
            self.stack.setCurrentWidget(self.incident)
            self._enable_incident_actions(True)
        else:
            self.show_home()

    def restore(self, summaries: list[IncidentSummary] | None = None) -> None:
        """Reopen where the user left off: the incident and the step, if they still exist;
        else home, listing ``summaries`` (the first load's) if given."""
        self.home.loading = False  # the first load is over (or failed): home may read now
        settings = self.session.settings
        if settings.incident and summaries is not None:
            known = [s.id for s in summaries]
        elif settings.incident:
            known = self.session.read(lambda: self.session.ws.incidents.ids()) or []
        else:
            known = []
        if settings.incident and settings.incident in known:
            self.open_incident(settings.incident, settings.step)
        else:
            self.show_home(summaries)

    def _undone(self, incident_id: str, entry: Any) -> None:  # a LogEntry
        if self._incident is not None and self.stack.currentWidget() is self._incident:
            self._incident.undone(incident_id, entry)

    def _remember_step(self, step_id: str) -> None:
        self.session.settings.step = step_id
        self.session.save_settings()

    # Comfort
    def tick(self) -> None:
        current = self.stack.currentWidget()
        if current is self.home:
            self.home.tick()
        elif current is not None and current is self._incident:
            self.incident.tick()

    def _changed(self, incident_id: str) -> None:
        self.message_bar.hide()  # an action went through: an earlier refusal no longer applies
        if self.stack.currentWidget() is self.home:
            self.home.refresh()

    def _busy(self, text: str) -> None:
        self.busy.setVisible(bool(text))
        self.busy_label.setText(text)

    def text_size(self, step: int) -> None:
        self.session.settings.bigger(step)
        self.session.save_settings()
        self.text_size_changed.emit(self.session.settings.text_size)

    def show_help(self) -> None:
        if self.help_dialog is None:
            from app.ui.help import HelpDialog

            self.help_dialog = HelpDialog(self.shortcut_actions, self)
        self.help_dialog.show()
        self.help_dialog.raise_()

    def show_about(self) -> None:
        from app.ui.about import AboutDialog

        self.about_dialog = AboutDialog(self.session.root, self)
        self.about_dialog.show()

    def open_exercise_start(self) -> None:
        """The form that starts an exercise from one of the scripts (bundled or the city's)."""
        scripts = self.session.read(lambda: self.session.ws.exercises.all())
        if not scripts:
            self.session.error.emit(self.tr("There is no exercise script to start."))
            return
        from app.ui.exercise_start import ExerciseStartDialog

        dialog = ExerciseStartDialog(scripts, self.session.now(), self)
        self.exercise_dialog = dialog
        dialog.requested.connect(self.start_exercise)
        dialog.open()

    def start_exercise(self, script_id: str, mode: str, at: Any, speed: Any) -> None:
        """Start it, then show the players' runner with the facilitator's window beside it."""
        dialog = self.exercise_dialog
        incidents = self.session.ws.incidents

        def show(reason: str) -> None:
            if dialog is not None:
                dialog.refused(reason)

        self.session.error.connect(show)
        try:
            incident = self.session.act(
                "",
                lambda: incidents.start_exercise(
                    self.session.ws.exercises.get(script_id),
                    self.session.actor,
                    at=at,
                    speed=speed,
                    mode=mode,
                ),
            )
        finally:
            self.session.error.disconnect(show)
        if incident is None:
            return
        if dialog is not None:
            dialog.accept()
        self.open_incident(incident)
        self.open_facilitator()

    def open_facilitator(self) -> None:
        """The facilitator's window of the exercise on screen (one per exercise, kept)."""
        incident_id = self._incident.incident_id if self._incident else ""
        if not incident_id:
            return
        played = self.session.read(lambda: self.session.ws.incidents.exercise(incident_id))
        if played is None:
            self.session.error.emit(
                self.tr("This incident was not started from an exercise script.")
            )
            return
        from app.ui.facilitator import FacilitatorWindow

        window = self.facilitators.get(incident_id)
        if window is None:
            window = self.facilitators[incident_id] = FacilitatorWindow(self.session, incident_id)
            # As large as the screen allows (less room for its frame), up to 1600×1000.
            screen = self.screen().availableGeometry()
            window.resize(min(1600, screen.width() - 40), min(1000, screen.height() - 60))
        window.show()
        window.raise_()
        window.activateWindow()

    def open_export_bundle(self) -> None:
        """Write the incident on screen as a bundle (encrypted by default) for another laptop."""
        incident_id = self._incident.incident_id if self._incident else ""
        if not incident_id:
            self.session.error.emit(self.tr("Open an incident first."))
            return
        from app.ui.bundle_dialogs import ExportBundleDialog

        suggested = str(Path.home() / f"sonae-{incident_id}.sonae")
        dialog = ExportBundleDialog(incident_id, suggested, self)
        self.bundle_dialog = dialog

        def write(path: str, passphrase: Any) -> None:
            from app.services.bundles import export_incident

            try:
                written = export_incident(
                    self.session.ws, incident_id, Path(path), self.session.actor, passphrase
                )
            except SonaeError as exc:
                dialog.refused(str(exc))
                return
            dialog.accept()
            self.session.changed.emit(incident_id)
            self.session.info.emit(
                self.tr("Bundle written: {path} ({n} entries)").format(
                    path=written.path, n=written.entries
                )
            )

        dialog.requested.connect(write)
        dialog.open()

    def open_import_bundle(self) -> None:
        """Merge another laptop's bundle: checked whole first, a backup made, then merged."""
        from app.ui.bundle_dialogs import ImportBundleDialog

        dialog = ImportBundleDialog(self)
        self.bundle_dialog = dialog

        def merge(path: str, passphrase: Any) -> None:
            from app.services.bundle_import import import_into

            if self.session.refused_read_only():
                return
            ws = self.session.ws
            dialog.buttons.setEnabled(False)  # one import at a time; a large one takes seconds

            def merged(done: Any) -> None:
                dialog.accept()
                incident_id = done.prepared.incident_id
                self.session.changed.emit(incident_id)
                self.session.info.emit(str(done.describe()))
                self.open_incident(incident_id)
                if done.conflicts:
                    self.open_conflicts()

            def refused(reason: str) -> None:
                dialog.buttons.setEnabled(True)
                dialog.refused(reason)

            self.session.in_background(
                self.tr("Checking and merging the bundle…"),
                lambda: import_into(ws.root, Path(path), passphrase, ws.real_clock),
                merged,
                refused,
            )

        dialog.requested.connect(merge)
        dialog.open()

    def open_conflicts(self) -> None:
        """What the laptops recorded differently in the incident on screen, to settle."""
        incident_id = self._incident.incident_id if self._incident else ""
        if not incident_id:
            return
        from app.ui.bundle_dialogs import ConflictsDialog

        incidents = self.session.ws.incidents

        def resolve(target: str, chosen: str, reason: str) -> Any:
            return self.session.act(
                incident_id,
                lambda: incidents.resolve_conflict(
                    incident_id, target, chosen, reason, self.session.actor
                ),
            )

        state = self.session.read(lambda: incidents.state(incident_id))
        dialog = ConflictsDialog(
            incident_id,
            lambda: self.session.read(lambda: incidents.conflicts(incident_id)) or [],
            resolve,
            self,
            plan=state.playbook.plan if state is not None and state.plans else None,
        )
        self.conflicts_dialog = dialog
        dialog.open()

    def make_report(self, kind: str = "record") -> None:
        """A PDF (the record, the after-action report or the copy to send) made on a worker
        thread with its progress in the status bar, then opened in the system's viewer; the log
        notes that it was issued."""
        incident_id = self._incident.incident_id if self._incident else ""
        if not incident_id or not reports_available():
            return
        from app.domain.timeutil import jst

        stamp = jst(self.session.now()).strftime("%Y%m%dT%H%M")
        out = self.session.root / "reports" / f"{incident_id}-{kind}-{stamp}.pdf"
        root, actor, session = self.session.root, self.session.actor or None, self.session
        stages = {
            "reading": self.tr("Report: reading the log…"),
            "rendering": self.tr("Report: laying out the pages…"),
            "recording": self.tr("Report: noting it in the log…"),
        }

        def work() -> Path:
            from app.services.reports import write_report

            def progress(stage: str) -> None:
                if stage in stages:
                    session.busy.emit(stages[stage])  # queued to the GUI thread

            # The reports service never creates folders (a mistyped --out must fail); the app's
            # own reports folder is made here.
            out.parent.mkdir(parents=True, exist_ok=True)
            return write_report(root, incident_id, out, kind, actor=actor, progress=progress).path

        def done(path: Any) -> None:
            self.session.info.emit(self.tr("Report written: {path}").format(path=path))
            self.session.changed.emit(incident_id)
            self.open_file(Path(path))

        self.session.in_background(self.tr("Making the report…"), work, done)

    def open_file(self, path: Path) -> None:
        """Open a report in the system's viewer; if none opens, say so on the screen with the
        file's path (selectable, to copy) and a button that opens its folder."""
        if open_path(path):
            return
        folder = path.parent
        self.message_bar.show_error(
            self.tr(
                "The report was written, but no PDF viewer could be opened for it. "
                "The file is: {path}"
            ).format(path=path),
            action=(self.tr("Open the folder"), lambda: self._open_folder(folder)),
            seconds=120,
        )

    def _open_folder(self, folder: Path) -> None:
        if not open_path(folder):
            self.message_bar.show_error(
                self.tr("The folder could not be opened either. Open it by hand: {folder}").format(
                    folder=folder
                ),
                seconds=120,
            )

    def back_up(self, reason: str = "schedule", wait: bool = False) -> None:
        """A backup into the backups folder if the log changed since the newest one there: on
        the worker, a failure said in the message bar; ``wait``: here and now (at close, so it
        is done before the records close), a failure said on stderr."""
        if not self.session.loaded or self.session.read_only:
            return
        ws = self.session.ws

        def work() -> Path | None:
            from app.services.backups import backup_if_changed

            return backup_if_changed(ws, reason)

        def done(path: Path | None) -> None:
            if path is not None:
                self.statusBar().showMessage(self.tr("Backup made: {path}").format(path=path), 5000)

        def failed(why: str) -> None:
            self.message_bar.show_error(
                self.tr("The backup could not be made: {reason}").format(reason=why)
            )

        if not wait:
            self.session.in_background(self.tr("Backing up the records…"), work, done, failed)
            return
        self.session.wait()  # a backup already under way ends first
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            work()
        except Exception as exc:  # closing must never crash; the reason is still said
            print(f"sonae: {exc}", file=sys.stderr)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def may_close(self) -> bool:
        """Quitting with a draft asks first (keep it and quit, or go back); either way the
        draft stays until it is recorded or discarded."""
        from app.ui import drafts

        if self._incident is not None:
            kept = self._incident.drafts.any_kept()  # what was just typed is written first
        else:
            kept = drafts.kept_anywhere(self.session)
        return not kept or drafts.ask_to_quit(self)

    def quit(self) -> None:
        """Ctrl+Q."""
        if self.may_close():
            self._quitting = True
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        # The window's close button asks (Ctrl+Q asked already); a close by the program (a
        # language switch rebuilding the window) does not.
        if event.spontaneous() and not self.may_close():
            event.ignore()
            return
        if event.spontaneous() or self._quitting:
            self.back_up("close", wait=True)
        if self._incident is not None:
            self._incident.drafts.flush()
        self.session.set_actor(self.actor.text())
        self.session.settings.geometry = bytes(self.saveGeometry().toHex().data()).decode()
        self.session.save_settings()
        if self.help_dialog is not None:
            self.help_dialog.close()
        super().closeEvent(event)


BACKUP_MINUTES = 30  # how often the window backs the log up, when it changed
OFF_SCREEN = ("offscreen", "minimal")  # no window manager, no frame: the first fit holds
DEFAULT_SIZE = QSize(1280, 800)  # on a screen with room for it
MINIMUM_SIZE = QSize(640, 400)  # the window's own floor, whatever its screens ask for
# Room kept for the window manager's title bar and borders before it has drawn them.
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)


def available_geometry(widget: QWidget) -> QRect | None:
    """The screen's room for windows (without panels and docks) where ``widget`` is, else the
    primary screen's."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fits(size: QSize, available: QRect, frame: QMargins) -> bool:
    """Whether a window of ``size`` (without its frame) fits ``available`` with ``frame``."""
    room = available.marginsRemoved(frame)
    return size.width() <= room.width() and size.height() <= room.height()


def fitted(inner: QRect, available: QRect, frame: QMargins, centre: bool = False) -> QRect:
    """``inner`` (a window without its frame) shrunk and moved so that with ``frame`` around
    it it lies inside ``available``."""
    room = available.marginsRemoved(frame)
    width = max(1, min(inner.width(), room.width()))
    height = max(1, min(inner.height(), room.height()))
    if centre:
        x = room.left() + (room.width() - width) // 2
        y = room.top() + (room.height() - height) // 2
    else:
        x = max(room.left(), min(inner.left(), room.left() + room.width() - width))
        y = max(room.top(), min(inner.top(), room.top() + room.height() - height))
    return QRect(x, y, width, height)


def open_path(path: Path) -> bool:
    """Hand a file or folder to the desktop (the PDF viewer, the file manager); False if
    nothing could be started for it (Qt only logs that)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def reports_available() -> bool:
    return importlib.util.find_spec("app.services.reports") is not None

"""Starting the desktop app: Qt application, translations, fonts, style, and the main window.

``sonae gui`` lands in ``run``. With ``SONAE_SCREENSHOT_DIR`` set, the app saves grabs of its
main screens into that folder and quits: how the real-window test looks at what users see.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.i18n import msg, set_language
from app.paths import bundled_fonts, resources_dir
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings

if TYPE_CHECKING:
    from app.services.workspace import Workspace

SCREENSHOT_ENV = "SONAE_SCREENSHOT_DIR"
# For the start-up benchmark: print "ready" and quit once the home window handles events
# ("window"), or once it lists the incidents ("data").
READY_ENV = "SONAE_EXIT_WHEN_READY"
# Said on one line when there is no window system to show the app on.
NO_DISPLAY = msg(
    "画面（ディスプレイ）がありません。画面なしで試すには `sonae demo`、"
    "記録の操作は `sonae incident` を使ってください",
    "no display: use `sonae demo` to try it without a screen, or `sonae incident` to work "
    "on the records",
)
# Said on one line by a second start on the same data folder, once the open window has come to
# the front.
BROUGHT_TO_FRONT = msg(
    "このデータフォルダの Sonae は既に開いています。そのウィンドウを前面に出しました",
    "Sonae is already open on this data folder; its window was brought to the front",
)
# Japanese UI fonts by platform, best first; Qt falls back through fontconfig for the rest.
FONT_FAMILIES = ["Yu Gothic UI", "Meiryo UI", "Noto Sans CJK JP", "IPAexGothic", "IPAGothic"]


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


class Translations:
    """The app's own catalogue plus Qt's (for standard buttons), swapped when the language changes."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.installed: list[QTranslator] = []

    def use(self, lang: str) -> bool:
        for translator in self.installed:
            self.app.removeTranslator(translator)
        self.installed = []
        set_language(lang)
        QLocale.setDefault(
            QLocale(QLocale.Language.Japanese if lang == "ja" else QLocale.Language.English)
        )
        ours = QTranslator(self.app)
        found = ours.load(f"sonae_{lang}", str(i18n_dir()))
        if found:
            self.app.installTranslator(ours)
            self.installed.append(ours)
        qt = QTranslator(self.app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.app.installTranslator(qt)
            self.installed.append(qt)
        return found


def style_sheet() -> str:
    try:
        return (resources_dir() / "style.qss").read_text("utf-8")
    except OSError:
        return ""


@cache
def _shipped_families() -> tuple[str, ...]:
    """The families of the fonts shipped with this copy, added to Qt once per process (the look
    is applied again at each change of text size)."""
    return tuple(
        family
        for path in bundled_fonts()
        for family in QFontDatabase.applicationFontFamilies(
            QFontDatabase.addApplicationFont(str(path))
        )
    )


def apply_look(app: QApplication, text_size: int) -> None:
    font = QFont(app.font())
    available = set(QFontDatabase.families())
    families = [*_shipped_families(), *(f for f in FONT_FAMILIES if f in available)]
    if families:
        font.setFamilies(families + font.families())
    font.setPointSize(text_size)
    app.setFont(font)
    # The style sheet sizes headings relative to the body text, so it is re-applied on change.
    sizes = {"HUGE_PT": text_size + 6, "BIG_PT": text_size + 4, "MID_PT": text_size + 2}
    sheet = style_sheet()
    for token, size in sizes.items():
        sheet = sheet.replace(token, f"{size}pt")
    sheet = sheet.replace("BOX_PX", f"{round(text_size * 1.4)}px")  # 17px at 12pt, 28px at 20pt
    app.setStyleSheet(sheet)


class Gui:
    """Owns the window, so that switching language can rebuild it in place."""

    def __init__(self, app: QApplication, session: Session) -> None:
        self.app = app
        self.settings = session.settings
        self.session = session
        settings = session.settings
        self.translations = Translations(app)
        self.translations.use(settings.language)
        apply_look(app, settings.text_size)
        self.window = self._new_window()
        self.link: QObject | None = None  # answers a second start (instance_link)

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.session)
        window.language_requested.connect(self.switch_language)
        window.text_size_changed.connect(lambda size: apply_look(self.app, size))
        return window

    def switch_language(self, lang: str) -> None:
        if lang == self.settings.language:
            return
        self.settings.language = lang
        self.session.save_settings()
        self.translations.use(lang)
        old = self.window
        old.close()  # saves the geometry and where the user is
        old.deleteLater()
        self.window = self._new_window()
        self.window.show()
        self.window.restore()


def open_workspace(root: Path, read_only: bool = False) -> Workspace:
    from app.services.workspace import Workspace

    return Workspace(root, read_only=True if read_only else None)


def no_display(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True on Linux when Qt would look for a window system that is not there: it then aborts
    inside QApplication (exit 134) instead of saying why."""
    if not platform.startswith("linux"):
        return False
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if qpa not in ("", "xcb", "wayland", "wayland-egl"):
        return False  # offscreen, minimal, eglfs, vnc ... need no display server
    return not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY")


def run(data_dir: str | None, lang: str | None, read_only: bool = False) -> int:
    """Show the window first, then load the services and the incidents off the GUI thread:
    the window answers at once, the incident list fills in a moment later, and the countdowns
    (which need each incident's plan read) a moment after that, then the plan library."""
    from app.paths import data_dir as resolve_data_dir

    if QApplication.instance() is None and no_display(os.environ):
        print(f"sonae: {NO_DISPLAY}", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Sonae")
    app.setOrganizationName("Sonae")
    icon = resources_dir() / "icons" / "sonae.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    root = resolve_data_dir(data_dir)
    from app.errors import SonaeError
    from app.paths import writable
    from app.services.instance import lock_data_folder

    # A write-protected folder (evidence on read-only media) opens read-only: it can be read and
    # checked, nothing is recorded, and no lock can (or need) be taken, since no one writes.
    read_only = read_only or not writable(root)
    lock = None
    if not read_only:
        try:
            lock = lock_data_folder(root)
        except SonaeError as exc:  # a second window on the same log
            from app.ui.instance_link import ask_to_raise

            if ask_to_raise(root):  # the open window came to the front: that is the answer
                print(f"sonae: {BROUGHT_TO_FRONT}")
                return 0
            print(f"sonae: {exc}", file=sys.stderr)  # held by a command, or a window that hangs
            if app.platformName() not in ("offscreen", "minimal"):
                from PySide6.QtWidgets import QMessageBox  # only to say why it stops

                QMessageBox.warning(None, "Sonae", str(exc))
            return 1
    settings = UiSettings.load(root)
    if lang:
        settings.language = lang
    session = Session(lambda: open_workspace(root, read_only), settings, root=root)
    session.read_only_asked = read_only
    gui = Gui(app, session)
    install_error_hook(gui)
    gui.window.show()
    gui.window.home.show_loading()
    ready = os.environ.get(READY_ENV, "")
    shots = os.environ.get(SCREENSHOT_ENV)
    # Back where the user left off in an incident, its plan is needed at once: read the plans
    # with the list. On home, the list comes first and the countdowns follow.
    plans_first = bool(settings.incident)

    def link() -> None:
        # A second start on this folder asks this window to come to the front. QtNetwork is
        # imported here, once the window is shown and its records read.
        if lock is not None and gui.link is None:
            from app.ui.instance_link import listen

            gui.link = listen(root, lambda: gui.window.bring_to_front(), app)

    def loaded(summaries: Any) -> None:
        QTimer.singleShot(0, link)
        gui.window.show_notices()
        gui.window.restore(summaries)
        if ready == "data":
            print("ready", flush=True)
            app.quit()
        if not plans_first:
            gui.window.home.counting = False
            session.in_background(
                QCoreApplication.translate("Gui", "Reading the plans…"),
                lambda: session.ws.incidents.summaries(),
                gui.window.home.counted,
                lambda _reason: setattr(gui.window.home, "counting", True),
            )
        read_library()
        if shots:
            QTimer.singleShot(300, lambda: take_screenshots(gui, Path(shots)))

    def unread(reason: str) -> None:
        QTimer.singleShot(0, link)
        # The reason (a lost database, say) stays in view, not only in the message bar.
        gui.window.show_notices([reason])
        gui.window.restore()
        read_library()

    def read_library() -> None:
        # Then the plan library, so that "start a response" opens without parsing every plan.
        session.in_background(
            QCoreApplication.translate("Gui", "Reading the plans…"),
            lambda: session.ws.library.all(),
            lambda _plans: gui.window.show_notices(),  # a city plan that cannot be read, once
        )

    def load() -> None:
        # Importing the services and folding every incident's log happen on the worker, once
        # the window has shown (before, the worker would hold the interpreter while it paints).
        session.in_background(
            QCoreApplication.translate("Gui", "Opening the records…"),
            lambda: session.ws.incidents.summaries(deadlines=plans_first),
            loaded,
            unread,
        )

    if ready == "window":
        QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
    QTimer.singleShot(0, load)
    try:
        return app.exec()
    finally:
        session.wait()
        if session.loaded:
            session.ws.close()
        if lock is not None:
            lock.release()


def install_error_hook(gui: Gui) -> None:
    """A bug in a slot becomes a message in the bar, not a crash that loses the screen."""
    previous = sys.excepthook

    def hook(kind: Any, value: Any, trace: Any) -> None:
        gui.session.error.emit(
            QCoreApplication.translate("Gui", "Unexpected error: {error}").format(error=value)
        )
        previous(kind, value, trace)

    sys.excepthook = hook


def take_screenshots(gui: Gui, folder: Path) -> None:
    """Home, the runner of the newest incident, and its timeline; then quit."""
    from app.ui.screenshots import capture_all

    capture_all(gui, folder)

"""Help › About Sonae names the one version (the package's, as --version and the PDFs give it),
the data folder in use and the font the records embed, in the window's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.about import AboutDialog
from app.ui.main_window import MainWindow


def _about_action(window: MainWindow):  # type: ignore[no-untyped-def]
    for action in window.shortcut_actions:
        if action.text().replace("&", "") in ("Sonae について", "About Sonae"):
            return action
    raise AssertionError([a.text() for a in window.shortcut_actions])


def test_about_names_version_folder_and_font(qtbot, window: MainWindow, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    action = _about_action(window)
    assert action.text() == "Sonae について"  # the window is in Japanese
    action.trigger()
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "Sonae について"
    assert dialog.rows["version"].text() == __version__
    assert Path(dialog.rows["data"].text()) == window.session.root == data_dir
    font = Path(dialog.rows["font"].text())
    assert font.is_file() and font.suffix.lower() in (".ttf", ".ttc", ".otf")
    assert f"Qt {__import__('PySide6').QtCore.qVersion()}" in dialog.rows["runtime"].text()
    dialog.close()
    assert QApplication.activeModalWidget() is None

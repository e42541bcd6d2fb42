"""About Sonae: the version (the same as --version, every PDF's footer and every bundle), where
the data folder is, and the font the records embed, for a support call or an audit."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import __version__
from app.services.printable import font_in_use


class AboutDialog(QDialog):
    def __init__(self, data_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Sonae"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Sonae (備え) %1").replace("%1", __version__))
        title.setObjectName("cardTitle")  # the style sheet's bold, larger title
        layout.addWidget(title)
        layout.addWidget(
            QLabel(
                self.tr("Offline incident response: guided plans, deadlines, a tamper-evident log.")
            )
        )
        form = QFormLayout()
        self.rows: dict[str, QLabel] = {}
        for key, label, value in (
            ("version", self.tr("Version"), __version__),
            ("data", self.tr("Data folder"), str(data_folder)),
            ("font", self.tr("Font of the records"), font_in_use()),
            (
                "runtime",
                self.tr("Runs on"),
                f"Python {platform.python_version()}, Qt {qVersion()}, "
                f"PySide6 {PySide6.__version__}",
            ),
        ):
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            self.rows[key] = shown
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

"""Bundles in the window: write one for another laptop, merge one from it, and settle what the
laptops recorded differently. The work is the services' (bundles.py, bundle_import.py,
conflict_commands.py); these forms only ask for a file, a passphrase, a choice and a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.conflicts import Conflict, in_words, value_of
from app.i18n import language

BUNDLE_FILTER = "Sonae bundle (*.sonae);;All files (*)"


def _path_row(parent: QWidget, field: QLineEdit, save: bool) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(field, 1)
    browse = QPushButton(QCoreApplication.translate("BundleDialogs", "Choose…"), parent)

    def choose() -> None:
        pick = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        caption = QCoreApplication.translate("BundleDialogs", "Bundle file")
        path, _ = pick(parent, caption, field.text(), BUNDLE_FILTER)
        if path:
            field.setText(path)

    browse.clicked.connect(choose)
    row.addWidget(browse)
    return row


def _password(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _BundleDialog(QDialog):
    """The common part: a file, a passphrase, a line for what was refused, OK and Cancel."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.path = QLineEdit(self)
        self.path.setObjectName("bundlePath")
        self.passphrase = _password(self)
        self.passphrase.setObjectName("bundlePassphrase")
        self.form = QFormLayout()
        self.problem = QLabel(self)
        self.problem.setObjectName("bundleProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def refused(self, reason: str) -> None:
        self.problem.setText(reason)
        self.problem.show()

    def _ok(self) -> None:
        raise NotImplementedError


class ExportBundleDialog(_BundleDialog):
    """Where to write the bundle, and whether to encrypt it (the passphrase typed twice)."""

    requested = Signal(str, object)  # path, passphrase or None

    def __init__(self, incident_id: str, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Export a bundle of {id}").format(id=incident_id), parent)
        self.path.setText(suggested)
        self.form.addRow(self.tr("File"), _path_row(self, self.path, save=True))
        self.encrypt = QCheckBox(self.tr("Encrypt it with a passphrase"), self)
        self.encrypt.setObjectName("bundleEncrypt")
        self.encrypt.setChecked(True)  # it may hold residents' data and travel on a USB stick
        self.again = _password(self)
        self.again.setObjectName("bundlePassphraseAgain")
        self.form.addRow("", self.encrypt)
        self.form.addRow(self.tr("Passphrase"), self.passphrase)
        self.form.addRow(self.tr("Passphrase again"), self.again)
        self.encrypt.toggled.connect(self.passphrase.setEnabled)
        self.encrypt.toggled.connect(self.again.setEnabled)
        self.note.setText(
            self.tr(
                "Give the passphrase to the other laptop by another way than the file "
                "(by phone, or on paper)."
            )
        )

    def _ok(self) -> None:
        if not self.path.text().strip():
            self.refused(self.tr("Choose where to write the bundle."))
            return
        secret: str | None = None
        if self.encrypt.isChecked():
            secret = self.passphrase.text()
            if secret != self.again.text():
                self.refused(self.tr("The two passphrases differ."))
                return
        self.requested.emit(self.path.text().strip(), secret)


class ImportBundleDialog(_BundleDialog):
    """Which bundle to merge, and its passphrase if it is encrypted."""

    requested = Signal(str, object)  # path, passphrase or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Import a bundle from another laptop"), parent)
        self.form.addRow(self.tr("File"), _path_row(self, self.path, save=False))
        self.form.addRow(self.tr("Passphrase (if encrypted)"), self.passphrase)
        self.note.setText(
            self.tr(
                "Everything in the bundle is checked before anything is written: its signatures, "
                "every chain and every file. A backup of this laptop's database is made first."
            )
        )

    def _ok(self) -> None:
        if not self.path.text().strip():
            self.refused(self.tr("Choose the bundle to import."))
            return
        self.requested.emit(self.path.text().strip(), self.passphrase.text() or None)


def conflict_title(conflict: Conflict, title: str) -> str:
    if conflict.subject == "decision":
        what = QCoreApplication.translate("BundleDialogs", "Question")
    else:
        what = QCoreApplication.translate("BundleDialogs", "Step")
    return f"{what}: {title}"


class ConflictsDialog(QDialog):
    """Each open conflict with what each laptop recorded, a choice and a reason."""

    def __init__(
        self,
        incident_id: str,
        conflicts: Callable[[], list[Conflict]],
        resolve: Callable[[str, str, str], Any],
        parent: QWidget | None = None,
        plan: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflicts between laptops: {id}").format(id=incident_id))
        self.setMinimumWidth(620)
        self._conflicts = conflicts
        self._resolve = resolve
        self._plan = plan  # the plan in force: its questions and steps in its own words
        self.layout_ = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "These laptops recorded different things. Choose what holds and say why; the "
                "choice is a new entry in the log, and nothing recorded is removed."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.groups: list[QGroupBox] = []
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.close_box = close
        self.fill()

    def fill(self) -> None:
        for group in self.groups:
            self.layout_.removeWidget(group)
            group.setParent(None)  # gone from the dialog now, not at the next event loop turn
            group.deleteLater()
        self.groups = []
        self.layout_.removeWidget(self.close_box)
        found = self._conflicts()
        if not found:
            done = QGroupBox(self)
            QVBoxLayout(done).addWidget(QLabel(self.tr("No conflicts are open."), done))
            self.groups.append(done)
            self.layout_.addWidget(done)
        for conflict in found:
            self.groups.append(self._group(conflict))
            self.layout_.addWidget(self.groups[-1])
        self.layout_.addWidget(self.close_box)

    def _group(self, conflict: Conflict) -> QGroupBox:
        title, words = in_words(conflict, self._plan, language())
        group = QGroupBox(conflict_title(conflict, title), self)
        form = QFormLayout(group)
        for entry in conflict.entries:
            form.addRow(
                entry.device,
                QLabel(f"{words[value_of(entry)]}　({entry.actor})", group),
            )
        choice = QComboBox(group)
        choice.setObjectName(f"choice_{conflict.target}")
        for value in sorted(words):
            choice.addItem(words[value], value)
        reason = QLineEdit(group)
        reason.setObjectName(f"reason_{conflict.target}")
        button = QPushButton(self.tr("Record this choice"), group)
        button.setObjectName(f"resolve_{conflict.target}")

        def settle() -> None:
            if self._resolve(conflict.target, str(choice.currentData()), reason.text()):
                self.fill()

        button.clicked.connect(settle)
        form.addRow(self.tr("Holds"), choice)
        form.addRow(self.tr("Why"), reason)
        form.addRow("", button)
        return group

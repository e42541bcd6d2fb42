"""The keyboard help: every shortcut of the window, read from its actions so it never drifts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        if keys:
            rows.append((" / ".join(keys), action.text().replace("&", "")))
    return rows


# Back to the current step from anywhere in an incident (IncidentView binds it); listed below.
CURRENT_STEP_KEY = "Ctrl+G"


class HelpDialog(QDialog):
    """Not modal: it can stay open beside the runner while the responder works."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Everything you do often has a key. In the quick-note box, Ctrl+Enter saves the note."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = shortcut_rows(actions) + [
            (CURRENT_STEP_KEY, self.tr("Back to the current step (a click on “Next: …” too)")),
            ("Ctrl+Z", self.tr("Take back what was just recorded, while it is said on screen")),
            ("Ctrl+Enter", self.tr("Start the response / hand over / save the quick note")),
            ("Ctrl+F", self.tr("Search the plans (start a response, hand over)")),
            ("Ctrl+S", self.tr("Save the contacts")),
            ("Alt+1 … Alt+9", self.tr("Go to decision 1 … 9")),
            ("← → / ↑ ↓", self.tr("In a decision: choose an answer / another question")),
            ("Enter", self.tr("In a decision: record the answer in the yellow frame")),
            ("Tab", self.tr("In a decision: to its reason (Enter: back to the answers)")),
            ("Esc", self.tr("In a decision: back to the step")),
            ("Tab", self.tr("Step list → what to write down → done, skip, note")),
            ("Shift+F10", self.tr("In the timeline: on a note, record it as a lesson")),
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (keys, text) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        # A character's room either side of the keys: 「Ctrl+↓ / Ctrl+J」 touched the cell's line.
        keys_room = 2 * self.fontMetrics().horizontalAdvance("M")
        self.table.setColumnWidth(0, self.table.columnWidth(0) + keys_room)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        # As wide as the longest action at the current text size (the text may be enlarged).
        metrics = self.fontMetrics()
        line = metrics.height()
        width = sum(
            max(metrics.horizontalAdvance(row[column]) for row in rows) for column in (0, 1)
        )
        width += 6 * line  # cell margins, the scroll bar and the dialog's border
        height = min(max(520, (len(rows) + 6) * line * 2), 760)
        screen = self.screen()
        if screen is not None:  # never taller than the screen: Close was cut at 1366x768
            height = min(height, screen.availableGeometry().height() - 4 * line)
        self.resize(min(max(560, width), 1200), height)

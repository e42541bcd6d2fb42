"""Small building blocks shared by the screens: the mode badge, the message bar and the notices."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.visible import for_screen
from app.ui.texts import MODES, label


def html_text(text: str) -> str:
    """Text for a rich-text label: control characters marked, markup characters escaped."""
    import html  # its table of named entities loads when a message is first shown

    return html.escape(for_screen(text, multiline=True), quote=False)


def polish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ModeBadge(QLabel):
    """訓練 / 机上訓練 / 実対応: a coloured badge with words, so the mode never rests on colour."""

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBadge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_mode(mode)

    def set_mode(self, mode: str) -> None:
        self.setProperty("mode", mode)
        self.setText(label(MODES, mode))
        polish(self)


class MessageBar(QFrame):
    """A line at the top of the window for refusals and errors: readable, never blocking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a refusal may quote what was typed
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        close = QPushButton(self.tr("Dismiss"))
        close.setObjectName("dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_error(self, text: str) -> None:
        self.text.setText(for_screen(text, multiline=True))
        self.show()
        self._timer.start(15000)  # long enough to read twice; it also stays in the log of errors


class NoticeBar(QFrame):
    """What must stay in view for as long as it holds: the log lost entries, the folder is open
    read-only, a city plan could not be read. Unlike the message bar it does not fade away. Two
    lines at most unless opened, so the runner keeps its room on a 768-pixel screen."""

    SHOWN = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.text = QLabel()
        self.text.setObjectName("notices")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # may quote a file name or a title
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.more = QPushButton()
        self.more.setObjectName("dismiss")
        self.more.clicked.connect(self._toggle)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        self.lines: list[str] = []
        self.expanded = False
        self.hide()

    def show_lines(self, lines: list[str]) -> None:
        self.lines = ["▲ " + for_screen(line) for line in lines]
        self._render()
        self.setVisible(bool(lines))

    def _toggle(self) -> None:
        self.expanded = not self.expanded
        self._render()

    def _render(self) -> None:
        hidden = len(self.lines) - self.SHOWN
        shown = self.lines if self.expanded or hidden <= 0 else self.lines[: self.SHOWN]
        self.text.setText("\n".join(shown))
        self.text.setToolTip("\n".join(self.lines))
        self.more.setVisible(hidden > 0)
        self.more.setText(
            self.tr("Fewer") if self.expanded else self.tr("All {n}").format(n=len(self.lines))
        )

"""Small building blocks shared by the screens: the mode badge, the message bar, the notices, and
the warning under a text box whose text the printed documents cannot draw whole."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from app.domain.visible import for_screen
from app.ui.texts import MODES, label


def html_text(text: str) -> str:
    """Text for a rich-text label: control characters marked, markup characters escaped."""
    import html  # its table of named entities loads when a message is first shown

    return html.escape(for_screen(text, multiline=True), quote=False)


def full_width(widget: QWidget, characters: int) -> int:
    """The width of ``characters`` full-width (Japanese) characters in ``widget``'s font: the
    measure of room for words, which follows the text size."""
    return characters * widget.fontMetrics().horizontalAdvance("国")


def fit_placeholder(edit: QLineEdit) -> None:
    """A box at least as wide as its placeholder, what to type in it: Qt cuts one that does not
    fit with …, and 「省略の理由（必…」 leaves the responder to guess. Kept so when the text
    size changes."""
    _size_to_placeholder(edit)
    edit.installEventFilter(_PlaceholderFit(edit))


def _size_to_placeholder(edit: QLineEdit) -> None:
    margins = edit.textMargins()
    room = edit.fontMetrics().horizontalAdvance(edit.placeholderText() + " ")
    edit.setMinimumWidth(room + margins.left() + margins.right() + 10)  # frame, inner margin


class _PlaceholderFit(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(watched, QLineEdit) and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            _size_to_placeholder(watched)
        return False


def together(*parts: QWidget | int, stretch: QWidget | None = None) -> QWidget:
    """Parts kept on one line, as one piece of a wrapping row (a box and the button that records
    what is typed in it); a number is a space of that many pixels, ``stretch`` takes the rest."""
    piece = QWidget()
    row = QHBoxLayout(piece)
    row.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, int):
            row.addSpacing(part)
        else:
            row.addWidget(part, 1 if part is stretch else 0)
    return piece


def plan_description() -> tuple[QLabel, QScrollArea]:
    """A plan's title and description, wrapped, in a scroll area of its own: at the largest text
    it would otherwise take the height of what is beside or below it (the start form's zone
    boxes were squeezed into one row) or be cut mid-line with no way to the rest."""
    text = QLabel()
    text.setObjectName("planSummary")
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignTop)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    # Wrapped to the room there is, never scrolled sideways (lines were cut at the side).
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(text)
    return text, scroll


def polish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ModeBadge(QLabel):
    """本番 / 訓練 / 机上訓練: a coloured badge with words, so the mode never rests on colour."""

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
    """A line at the top of the window for refusals and errors: readable, never blocking.

    With ``lie_over``, it is drawn over the top edge of another widget instead of taking a
    place in a layout: showing it moves nothing on the screen."""

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
        self.action = QPushButton()  # what can be done about it, when something can
        self.action.setObjectName("messageAction")
        self.action.clicked.connect(self._act)
        self.action.hide()
        self._do: Callable[[], None] | None = None
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        close = QPushButton(self.tr("Dismiss"))
        close.setObjectName("dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._under: QWidget | None = None
        self.hide()

    def lie_over(self, under: QWidget) -> None:
        """Float over the top of ``under`` (a sibling in the same parent), across its width."""
        self._under = under
        under.installEventFilter(self)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._under and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False

    def _place(self) -> None:
        under = self._under
        if under is None:
            return
        width = max(1, under.width() - 8)
        height = min(self.heightForWidth(width), max(1, under.height() // 2))
        if height <= 0:
            height = self.sizeHint().height()
        top = under.y() + 2
        if self.property("tone") == "recorded":
            # What was just recorded lies over the bottom (the oldest rows of the timeline),
            # never over the situation at the top, which stays in view.
            top = under.y() + under.height() - height - 2
        self.setGeometry(under.x() + 4, top, width, height)
        self.raise_()

    def show_error(
        self,
        text: str,
        action: tuple[str, Callable[[], None]] | None = None,
        seconds: float = 15,
    ) -> None:
        """Show ``text`` for ``seconds`` (15: long enough to read twice), with a button for
        ``action`` (its words, what it does) if given."""
        self.show_message(text, action, seconds, tone="error")

    def show_message(
        self,
        text: str,
        action: tuple[str, Callable[[], None]] | None,
        seconds: float,
        tone: str,
    ) -> None:
        """``show_error`` in another ``tone``: "recorded" says what was written (not red)."""
        self.setProperty("tone", tone)
        polish(self)
        polish(self.text)  # its colour is chosen by the bar's tone
        self.text.setText(for_screen(text, multiline=True))
        self._do = action[1] if action else None
        self.action.setText(action[0] if action else "")
        self.action.setVisible(action is not None)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(int(seconds * 1000))

    def _act(self) -> None:
        do = self._do
        self.hide()
        if do is not None:
            do()

    def act_now(self) -> bool:
        """The action offered (取り消す) taken from the keyboard while it is on screen."""
        if not self.isVisible() or self._do is None:
            return False
        self._act()
        return True


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


class PrintWarning(QLabel):
    """A line under a text box, shown while its text holds characters the printed font cannot
    draw (emoji): what each will print as, before it is recorded. It never stops recording.

    Checked a quarter second after the typing stops; the services answer (the window knows no
    fonts), and read the font on the first text that is not plain ASCII only. ``one_line``: never
    more than one line (shortened with …, whole on hover), where the room under the box is the
    timeline's."""

    SHOWN = 3  # characters named at most; more are "…"

    def __init__(
        self,
        edit: QLineEdit | QPlainTextEdit,
        parent: QWidget | None = None,
        one_line: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printWarning")
        self.one_line = one_line
        self.setWordWrap(not one_line)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if one_line:
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Amber with a sign: a warning is never carried by colour alone.
        self.setStyleSheet(
            "background: #fff3bf; border: 1px solid #f08c00; color: #1a1a1a; padding: 1px 6px;"
        )
        self.edit = edit
        self.chars: list[str] = []
        self.whole = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.check)
        edit.textChanged.connect(self._timer.start)
        self.hide()

    def typed(self) -> str:
        edit = self.edit
        return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()

    def check(self) -> None:
        self._timer.stop()
        from app.services.printable import printed_as, undrawable

        self.chars = undrawable(self.typed())
        if not self.chars:
            self.hide()
            return
        each = [
            self.tr("{char} shows as {mark}").format(char=c, mark=printed_as(c))
            for c in self.chars[: self.SHOWN]
        ]
        listed = self.tr(", ").join(each) + ("…" if len(self.chars) > self.SHOWN else "")
        self.whole = "▲ " + self.tr("When printed, {chars}").format(chars=listed)
        self.setToolTip(
            self.whole
            + "\n"
            + self.tr(
                "The printed font has no such character. The record keeps the character "
                "itself; only paper shows it so."
            )
        )
        self._fit()
        self.show()

    def _fit(self) -> None:
        shown = self.whole
        if self.one_line:
            room = self.contentsRect().width() - 2
            shown = self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, max(0, room))
        if shown != self.text():
            self.setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

"""A layout of parts left to right, on as many lines as the width needs: the situation bar, the
status row and the step's skip and defer boxes, which at large text or in a narrow pane would
otherwise be cut at the side."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items left to right, on as many lines as the width needs. An item wider than a line
    gets the whole line and the height it needs at that width (a wrapping title)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._stretch: list[QWidget] = []  # these share what is left of their line
        self._fillers: list[QWidget] = []  # put on the first line with room for them
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def add(self, widget: QWidget, stretch: bool = False, filler: bool = False) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        if stretch:
            self._stretch.append(widget)
        if filler:
            self._fillers.append(widget)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        # As narrow as a word: the window may be narrow, the parts then take more lines.
        size = QSize(0, 0)
        for item in self._visible():
            size = size.expandedTo(QSize(min(item.minimumSize().width(), 120), 0))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _place(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        fillers: list[tuple[QLayoutItem, QSize]] = []
        x = area.x()
        for item in self._visible():
            # A part that stretches needs only its least width to share a line: it takes its
            # share of what is left there anyway.
            stretches = item.widget() in self._stretch
            hint = item.minimumSize() if stretches else item.sizeHint()
            hint = QSize(hint.width(), item.sizeHint().height())
            width = min(hint.width(), area.width())
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            size = QSize(width, max(height, item.minimumSize().height()))
            if item.widget() in self._fillers:
                fillers.append((item, size))
                continue
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, size))
            x += width + self._spacing
        for filler in fillers:  # after the others, where it fits: it adds no line if it can
            room = next(
                (line for line in lines if self._free(line, area) >= filler[1].width()), None
            )
            if room is None:
                lines.append(room := [])
            room.append(filler)
        y = area.y()
        for line in lines:
            tallest = max((size.height() for _, size in line), default=0)
            used = sum(size.width() for _, size in line) + self._spacing * (len(line) - 1)
            x = area.x()
            stretching = [item for item, _ in line if item.widget() in self._stretch]
            spare = max(0, area.width() - used)
            for item, size in line:  # each part centred on its line
                if item in stretching:
                    share = spare // len(stretching)
                    if item is stretching[-1]:
                        share = spare - share * (len(stretching) - 1)
                    size = QSize(size.width() + share, size.height())
                if move:
                    top = y + (tallest - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._spacing
            y += tallest + self._spacing // 3
        return y - self._spacing // 3 - rect.y() + margins.bottom()

    def _free(self, line: list[tuple[QLayoutItem, QSize]], area: QRect) -> int:
        if not line:
            return area.width()
        used = sum(size.width() for _, size in line) + self._spacing * len(line)
        return area.width() - used

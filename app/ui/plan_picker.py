"""Choosing a plan from the library: the five threat categories, and a search over titles and
warning signs. Used to start a response and to hand an incident over to another plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.domain.visible import for_screen
from app.i18n import language
from app.ui.texts import CATEGORIES as CATEGORY_NAMES
from app.ui.texts import label
from app.ui.widgets import fit_placeholder

if TYPE_CHECKING:  # imported for types only: the window starts without pydantic
    from app.domain.loader import PlaybookFile

ALL = ""
CATEGORIES = tuple(CATEGORY_NAMES)  # the five threat categories of the basic policy, in order


def matches(plan: PlaybookFile, words: list[str]) -> bool:
    """Every word must appear in the title, summary or a warning sign, in either language."""
    p = plan.plan
    texts = [p.title, *p.signs] + ([p.summary] if p.summary else [])
    haystack = " ".join(f"{t.ja} {t.en or ''}" for t in texts).casefold() + " " + p.id
    return all(word in haystack for word in words)


class WrappedList(QListWidget):
    """A list whose items wrap at its width, each as tall as its wrapped lines: Qt measured a
    wrapped item once, before the list had its width, and cut its last warning sign."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._fitted_at = -1

    def fit_items(self) -> None:
        width = self.viewport().width()
        self._fitted_at = width
        room = max(width - 2 * self.spacing() - 12, 40)  # the item's own margins
        metrics = self.fontMetrics()
        for row in range(self.count()):
            item = self.item(row)
            lines = metrics.boundingRect(
                QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, item.text()
            )
            item.setSizeHint(QSize(room, lines.height() + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.viewport().width() != self._fitted_at:
            self.fit_items()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_items()


class PlanPicker(QWidget):
    """Search field, category list and the matching plans (title and first warning signs)."""

    plan_changed = Signal(str)  # the chosen plan's id, "" when none matches

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plans_offered: list[PlaybookFile] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles and warning signs (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        fit_placeholder(self.search)
        column.addWidget(self.search)
        self.categories = QListWidget()
        self.categories.setObjectName("categories")
        item = QListWidgetItem(self.tr("All categories"))
        item.setData(Qt.ItemDataRole.UserRole, ALL)
        self.categories.addItem(item)
        for category in CATEGORIES:
            item = QListWidgetItem(label(CATEGORY_NAMES, category))
            item.setData(Qt.ItemDataRole.UserRole, category)
            self.categories.addItem(item)
        self.categories.setCurrentRow(0)
        self.categories.setMaximumHeight(self.categories.sizeHintForRow(0) * 6 + 8)
        column.addWidget(self.categories)
        self.plans = WrappedList()
        self.plans.setObjectName("plans")
        self.plans.setSpacing(4)
        column.addWidget(self.plans, 1)

        self.search.textChanged.connect(lambda _text: self.filter_plans())
        self.categories.currentRowChanged.connect(lambda _row: self.filter_plans())
        self.plans.currentItemChanged.connect(lambda *_: self.plan_changed.emit(self.chosen()))
        self.search.returnPressed.connect(self.plans.setFocus)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Wide enough for the longest category name and the search's words, at the text size
        of the moment (at 20 pt 「意図的な要因（サイバー攻撃等）」 was cut to 「意図的な要因（サイ」)."""
        hint = super().minimumSizeHint()
        names = [self.categories.item(row).text() for row in range(self.categories.count())]
        metrics = self.categories.fontMetrics()
        scroll = self.categories.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        widest = max(metrics.horizontalAdvance(name) for name in names) + scroll + 16
        return QSize(max(hint.width(), widest, self.search.minimumWidth()), hint.height())

    def offer(self, plans: list[PlaybookFile]) -> None:
        """The plans to choose from; the search and category are cleared."""
        self.plans_offered = plans
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.categories.blockSignals(True)
        self.categories.setCurrentRow(0)
        self.categories.blockSignals(False)
        self.filter_plans()

    def filter_plans(self) -> None:
        words = self.search.text().casefold().split()
        item = self.categories.currentItem()
        category = item.data(Qt.ItemDataRole.UserRole) if item else ALL
        previous = self.chosen()
        self.plans.blockSignals(True)
        self.plans.clear()
        lang = language()
        bullet = self.tr("・")
        for plan in self.plans_offered:
            if category and plan.plan.category != category:
                continue
            if not matches(plan, words):
                continue
            # The list mark is a word like any other: ・ in Japanese, • in English.
            signs = "\n".join(bullet + for_screen(s.get(lang)) for s in plan.plan.signs[:3])
            title = for_screen(plan.plan.title.get(lang))  # the city's own plans are typed text
            text = f"{title}\n{signs}" if signs else title
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, plan.id)
            row.setToolTip(label(CATEGORY_NAMES, plan.plan.category))
            self.plans.addItem(row)
            if plan.id == previous:
                self.plans.setCurrentItem(row)
        if self.plans.currentItem() is None and self.plans.count():
            self.plans.setCurrentRow(0)
        self.plans.fit_items()
        self.plans.blockSignals(False)
        self.plan_changed.emit(self.chosen())

    def chosen(self) -> str:
        item = self.plans.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def choose(self, plan_id: str) -> bool:
        for row in range(self.plans.count()):
            if self.plans.item(row).data(Qt.ItemDataRole.UserRole) == plan_id:
                self.plans.setCurrentRow(row)
                return True
        return False

    def chosen_file(self) -> PlaybookFile | None:
        return next((p for p in self.plans_offered if p.id == self.chosen()), None)

"""Home for a newcomer (issue 12, point 9): each open incident's card shows how far the response
is (steps done of those that apply) and its nearest deadline with the day it is due; the plan
library lists every plan to read without starting anything, prints a plan's blank checklist and
starts a drill of it through the usual start screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextListFormat
from PySide6.QtWidgets import QApplication, QLabel

from app.services.workspace import Workspace
from app.ui.app import apply_look
from app.ui.main_window import MainWindow
from app.ui.plan_library import PlanLibraryView
from tests.reports.conftest import pdf_text


def test_a_card_shows_progress_and_the_nearest_deadline(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "通報の確認", "係", mode="drill")
    workspace.incidents.complete_step(incident_id, "isolate", "係", fields={"host": "PC-01"})
    state = workspace.incidents.state(incident_id)
    finished, applicable = state.progress()
    assert finished == 1 and applicable > 1
    window.show_home()
    card = window.home.cards[incident_id]
    assert card.progress.isVisible()
    assert card.progress.text() == f"進捗: {applicable} 手順中 1 手順完了"

    # The nearest clock (the PPC 速報 runs while its question is unanswered): named, with its
    # due day and time, counting down.
    text = card.countdown.text()
    assert text.startswith("最も近い期限: ")
    assert "11/29（日）24:00" in text  # the PPC 速報, 5 days from 11/25 as the panel says
    assert "残り" in text


@pytest.mark.parametrize("size", [12, 20])
def test_a_card_shows_its_whole_countdown_at_every_text_size(
    qtbot, window: MainWindow, workspace: Workspace, size: int
) -> None:  # type: ignore[no-untyped-def]
    """At 20pt the countdown beside the words ran off the card (「残り 07:4」) and squeezed them."""
    incident_id = workspace.incidents.start("ransomware", "訓練: 財務課ファイルサーバ", "係")
    window.resize(1366, 768)
    apply_look(QApplication.instance(), size)
    try:
        window.show_home()
        card = window.home.cards[incident_id]
        qtbot.waitUntil(lambda: card.countdown.isVisible())
        for label in card.findChildren(QLabel):
            if not label.isVisible():
                continue
            shown = label.visibleRegion().boundingRect()
            qtbot.waitUntil(lambda w=label: w.visibleRegion().boundingRect() == w.rect())
            needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
            assert label.height() >= needed, (label.text(), label.height(), needed, shown)
        assert card.countdown.width() >= card.countdown.fontMetrics().horizontalAdvance(
            "残り 07:49"
        )
    finally:
        apply_look(QApplication.instance(), 12)


def library_of(window: MainWindow) -> PlanLibraryView:
    window.home.library_button.click()
    view = window.library_view
    assert view is not None and window.stack.currentWidget() is view
    return view


def test_the_library_lists_every_plan_and_reading_one_starts_nothing(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    before = workspace.incidents.ids()
    view = library_of(window)
    assert view.picker.plans.count() == 13 == len(workspace.library.all())
    view.picker.choose("ransomware")
    shown = view.text.toPlainText()
    plan = workspace.library.get("ransomware").plan
    for step in plan.steps():  # every step's title, in order
        assert step.title.ja in shown
    titles = [s.title.ja for s in plan.steps()]
    assert [shown.index(t) for t in titles] == sorted(shown.index(t) for t in titles)
    assert "福岡県警察 サイバー犯罪相談窓口" in shown  # whom the police step calls, by name
    assert view.text.isReadOnly()
    view.picker.choose("earthquake_server_room")
    assert workspace.library.get("earthquake_server_room").plan.title.ja in view.text.toPlainText()
    assert workspace.incidents.ids() == before  # reading a plan opened no incident
    view.closed.emit()
    assert window.stack.currentWidget() is window.home


def test_the_library_prints_a_plans_blank_checklist(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    view = library_of(window)
    view.picker.choose("ransomware")
    opened: list[Path] = []
    window.open_file = opened.append  # type: ignore[method-assign]
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    pdf = opened[0]
    assert pdf.parent == workspace.root / "reports" and pdf.name.startswith("checklist-ransomware")
    printed = pdf_text(pdf)
    assert workspace.library.get("ransomware").plan.title.ja in printed
    assert "警察（サイバー犯罪相談窓口）へ通報する" in printed
    assert workspace.incidents.ids() == []  # a blank checklist belongs to no incident


def test_the_library_starts_a_drill_through_the_start_screen(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    view = library_of(window)
    view.picker.choose("ddos_defacement")
    qtbot.mouseClick(view.drill_button, Qt.MouseButton.LeftButton)
    start = window.start_view
    assert window.stack.currentWidget() is start
    assert start.mode() == "drill" and start.chosen_plan() == "ddos_defacement"
    assert workspace.incidents.ids() == []  # nothing started until the responder starts it
    start.title.setText("改ざん訓練")
    qtbot.mouseClick(start.start_button, Qt.MouseButton.LeftButton)
    (incident_id,) = workspace.incidents.ids()
    state = workspace.incidents.state(incident_id)
    assert state.mode == "drill" and state.playbook.id == "ddos_defacement"


def test_the_library_is_on_a_key(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(
        window,
        Qt.Key.Key_B,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.stack.currentWidget() is window.library_view


def test_a_check_item_in_the_library_has_its_box_and_no_bullet(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """A check item is marked by its ☐ alone: a bullet before it read as two marks (• ☐)."""
    view = library_of(window)
    view.picker.choose("initial_report")
    document = view.text.document()
    styles: dict[str, set[QTextListFormat.Style]] = {}  # an item's first character -> styles
    block = document.begin()
    while block.isValid():
        if block.textList() is not None:
            styles.setdefault(block.text()[:1], set()).add(block.textList().format().style())
        block = block.next()
    assert "☐" in styles  # the plan's check items are listed
    assert styles["☐"] == {QTextListFormat.Style.ListStyleUndefined}
    assert QTextListFormat.Style.ListDisc in set().union(*styles.values())  # other lists keep it


def test_both_sections_show_at_once_after_a_refresh(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """Open and closed, each with its heading, the moment home is rebuilt (not a turn of the
    event loop later: the screenshots, taken just after a refresh, showed no closed section)."""
    workspace.incidents.start("ransomware", "区分の確認", "係", mode="drill")
    window.home.refresh()
    shown = [w.text() for w in window.home.findChildren(QLabel) if w.isVisible()]
    assert {"対応中", "終了", "終了したインシデントはありません。"} <= set(shown), shown

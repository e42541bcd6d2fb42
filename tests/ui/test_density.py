"""The runner at 1280x800 with the real plans (schema 2: a plan with personal data carries the
shared PPC block, 4 of its questions and 6 clocks): every clock's row reads without scrolling, the
questions are whole (answered ones folded to one line each), and the step's actions stay in view
whatever the length of the step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.services.workspace import Workspace
from app.ui.app import apply_look
from app.ui.main_window import MainWindow


def wholly_visible(widget: QWidget) -> bool:
    """Shown and not clipped by any scroll area or splitter it sits in."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def open_at_1280x800(qtbot, window: MainWindow, workspace: Workspace, plan: str) -> str:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    incident_id = workspace.incidents.start(plan, "密度の確認", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    qtbot.waitUntil(lambda: not view._fit_pending)  # the side panel fits its questions
    return incident_id


def assert_every_deadline_row_in_view(view) -> int:  # type: ignore[no-untyped-def]
    table = view.deadlines
    rows = table.rowCount()
    assert rows >= 1
    bottom = table.rowViewportPosition(rows - 1) + table.rowHeight(rows - 1)
    assert table.rowViewportPosition(0) == 0 and table.verticalScrollBar().value() == 0
    assert bottom <= table.viewport().height(), (bottom, table.viewport().height())
    return rows


@pytest.mark.parametrize("plan", ["ransomware", "initial_report", "personal_data_leak"])
def test_decisions_deadlines_and_actions_fit_without_scrolling(
    qtbot, window: MainWindow, workspace: Workspace, plan: str
) -> None:  # type: ignore[no-untyped-def]
    incident_id = open_at_1280x800(qtbot, window, workspace, plan)
    view = window.incident
    decisions = view.state.playbook.plan.decisions
    assert 5 <= len(decisions) <= 8  # the plan's own questions and the PPC block's 4
    # Nothing answered: every clock's row in view first (the PPC clocks run, provisional).
    assert_every_deadline_row_in_view(view)
    # The first questions whole with their answers; the others under them, each whole when
    # the panel is scrolled to it (never cut sideways, never shortened: they are unanswered).
    assert wholly_visible(view.decisions.rows[0][-1])
    for row in view.decisions.rows:
        for button in row:
            view.decisions.ensure_visible(button)
            assert wholly_visible(button), button.text()
    # Every question answered: each folds to one line with its answer and a Change button,
    # and then every question, every clock and the step's actions are in view at once.
    for decision in decisions:
        choice = "yes" if any(c.id == "yes" for c in decision.choices) else decision.choices[0].id
        workspace.incidents.decide(incident_id, decision.id, choice, "係")
    view.refresh()
    qtbot.waitUntil(lambda: not view._fit_pending)
    lines = [view.decisions.compact[d.id] for d in decisions]
    qtbot.waitUntil(lambda: all(wholly_visible(x.change) for x in lines))  # once laid out
    for decision, line in zip(decisions, lines, strict=True):
        assert wholly_visible(line.answer) and wholly_visible(line.ask), decision.id
        assert not line.change.isHidden() and line.answer.text().startswith("→ ")
        assert not any(b.isVisible() for b in view.decisions.rows[decisions.index(decision)])
        assert line.ask.toolTip().startswith(line.ask.whole)  # the whole question on hover
    rows = assert_every_deadline_row_in_view(view)
    assert rows <= 6
    # Done, skip and note stay in view (the step's text scrolls above them).
    panel = view.step_panel
    for widget in (panel.done_button, panel.skip_button, panel.note_button, panel.skip_reason):
        assert wholly_visible(widget), widget
    # The current step stays the largest part of the runner.
    assert panel.width() > view.steps.width() and panel.width() >= 500
    assert (
        view.timeline.table.height()
        >= 3 * view.timeline.table.verticalHeader().defaultSectionSize()
    )


def test_a_long_step_scrolls_its_text_not_its_actions(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    open_at_1280x800(qtbot, window, workspace, "initial_report")
    view = window.incident
    view.select_step("record_first")  # five fields, two of them long
    panel = view.step_panel
    assert panel.content_scroll.verticalScrollBar().maximum() >= 0
    assert wholly_visible(panel.done_button) and wholly_visible(panel.handover_button)


def test_larger_text_refits_the_decisions(qtbot, window: MainWindow, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    open_at_1280x800(qtbot, window, workspace, "ransomware")
    view = window.incident
    # View > Larger text (12 -> 14 pt, settings.TEXT_SIZES): the six PPC clocks no longer fit
    # beside the questions, so the panes become tabs, the clocks with a tab of their own.
    apply_look(QApplication.instance(), 14)
    try:
        qtbot.waitUntil(lambda: view.compact)
        table = view.deadlines
        view.reveal(table)
        qtbot.waitUntil(table.isVisible)
        last = table.rowCount() - 1
        assert last >= 5  # nothing answered: all six clocks run
        qtbot.waitUntil(
            lambda: (
                table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
            )
        )
        assert_every_deadline_row_in_view(view)
        # Every answer of every question whole where its tab scrolls to it.
        view.focus_question(0)
        qtbot.waitUntil(lambda: wholly_visible(view.decisions.rows[0][0]))
        for row in view.decisions.rows:
            for button in row:
                view.decisions.ensure_visible(button)
                qtbot.waitUntil(lambda b=button: wholly_visible(b))
    finally:
        apply_look(QApplication.instance(), 12)
    qtbot.waitUntil(lambda: not view.compact)


@pytest.mark.parametrize("size", [17, 20])
def test_large_text_turns_the_panes_into_tabs_that_show_everything_whole(
    qtbot, window: MainWindow, workspace: Workspace, size: int
) -> None:  # type: ignore[no-untyped-def]
    incident_id = open_at_1280x800(qtbot, window, workspace, "ransomware")
    view = window.incident
    for decision in view.state.playbook.plan.decisions:
        workspace.incidents.decide(incident_id, decision.id, decision.choices[0].id, "係")
    view.refresh()
    apply_look(QApplication.instance(), size)
    try:
        qtbot.waitUntil(lambda: view.compact)
        panel = view.step_panel
        qtbot.waitUntil(lambda: wholly_visible(panel.done_button))
        for widget in (panel.skip_button, panel.note_button, panel.skip_reason):
            assert wholly_visible(widget), widget
        # Alt+1 brings the decisions forward and opens the answered question 1 again: its
        # answers whole, not cut sideways; the other answered questions one line each, whole.
        view.focus_question(0)
        qtbot.waitUntil(lambda: all(wholly_visible(b) for b in view.decisions.rows[0]))
        decisions = view.state.playbook.plan.decisions
        for decision in decisions[1:]:
            line = view.decisions.compact[decision.id]
            view.decisions.ensure_visible(line.change)  # laid out once its tab is shown
            qtbot.waitUntil(lambda x=line: wholly_visible(x.change) and wholly_visible(x.answer))
        # The clocks have a tab of their own: every running clock's row is in view there, its
        # countdown line not elided.
        view.tick()
        table = view.deadlines
        view.reveal(table)
        qtbot.waitUntil(table.isVisible)
        rows = table.rowCount()
        assert rows >= 2

        def last_row_in_view() -> bool:
            bottom = table.rowViewportPosition(rows - 1) + table.rowHeight(rows - 1)
            return bottom <= table.viewport().height()

        qtbot.waitUntil(last_row_in_view)  # the rows are measured at the tab's width
        assert table.columnViewportPosition(1) + table.columnWidth(1) <= table.viewport().width()
        metrics = table.fontMetrics()
        for row in range(rows):
            first_line = table.item(row, 1).text().split("\n")[0]
            assert metrics.horizontalAdvance(first_line) <= table.columnWidth(1) - 8, first_line
        # The timeline has its own tab with room for many rows.
        window.incident.focus_timeline()
        timeline = view.timeline.table
        qtbot.waitUntil(timeline.isVisible)
        assert timeline.height() >= 8 * timeline.verticalHeader().defaultSectionSize()
    finally:
        apply_look(QApplication.instance(), 12)
    qtbot.waitUntil(lambda: not view.compact)
    # Back at the usual size the quick note is one and a half lines again, not the large ones.
    qtbot.waitUntil(lambda: view.timeline.note.height() == view.timeline.note_height())
    assert view.timeline.note.height() < 3 * view.timeline.note.fontMetrics().height()


def test_in_tabs_the_deadlines_tab_says_when_a_clock_is_late(
    qtbot, window: MainWindow, workspace: Workspace, clock
) -> None:  # type: ignore[no-untyped-def]
    incident_id = open_at_1280x800(qtbot, window, workspace, "ransomware")
    view = window.incident
    workspace.incidents.decide(incident_id, "personal_data", "unknown", "係")
    view.refresh()
    apply_look(QApplication.instance(), 17)
    try:
        qtbot.waitUntil(lambda: view.compact)
        assert view.tabs.currentWidget() is view.runner_splitter  # the step keeps the front
        # Only the front tab is drawn: the others do not show through it.
        assert not view.timeline.isVisible() and not view.side_splitter.isVisible()
        assert view.tabs.tabText(2) == "期限"
        clock.advance(timedelta(days=4, minutes=1))
        window.tick()
        assert "▲ 期限間近" in view.tabs.tabText(2)
        clock.advance(timedelta(days=1))
        window.tick()
        assert "■ 期限超過" in view.tabs.tabText(2)
    finally:
        apply_look(QApplication.instance(), 12)


@pytest.mark.parametrize("size", [12, 20])
def test_the_role_box_reads_whole_above_the_done_bar(
    qtbot, window: MainWindow, workspace: Workspace, size: int
) -> None:  # type: ignore[no-untyped-def]
    """Who does the step, and their numbers, scroll into view whole: never under the actions."""
    window.resize(1366, 768)
    incident_id = workspace.incidents.start("ransomware", "役割の確認", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    apply_look(QApplication.instance(), size)
    try:
        view.select_step("report_manager")
        panel = view.step_panel
        qtbot.waitUntil(lambda: wholly_visible(panel.done_button))
        assert panel.role.isVisible() and panel.role.text()
        view.reveal(panel.role)

        def role_in_view() -> bool:  # scrolled to again while the tabs settle at the new size
            panel.content_scroll.ensureWidgetVisible(panel.role, 0, 0)
            return wholly_visible(panel.role)

        qtbot.waitUntil(role_in_view)
        role_bottom = panel.role.mapTo(panel, panel.role.rect().bottomLeft()).y()
        assert role_bottom < panel.done_button.mapTo(panel, panel.done_button.rect().topLeft()).y()
        # Every line of it is laid out at the box's width: none cut at the side.
        lines = panel.role.text().split("\n")
        assert panel.role.height() >= len(lines) * panel.role.fontMetrics().lineSpacing()
    finally:
        apply_look(QApplication.instance(), 12)


@pytest.mark.parametrize("size", [12, 20])
def test_the_start_form_is_whole_at_every_text_size(
    qtbot, window: MainWindow, translations, size: int
) -> None:  # type: ignore[no-untyped-def]
    """The plan's description scrolls; the zone boxes and the awareness time keep their height
    (at 20pt in English the zones were squeezed into one row, which ones were ticked unreadable)."""
    assert translations.use("en")
    window.resize(1366, 768)
    apply_look(QApplication.instance(), size)
    try:
        window.show_start()
        view = window.start_view
        view.plans.setCurrentRow(0)  # the first report: the longest description
        for box in view.zone_boxes.values():
            qtbot.waitUntil(lambda b=box: wholly_visible(b))
            assert box.height() >= box.sizeHint().height(), (box.text(), box.height())
        for widget in (view.awareness, view.earlier, view.start_button, view.title):
            assert wholly_visible(widget), widget
            assert widget.height() >= widget.minimumSizeHint().height()
    finally:
        apply_look(QApplication.instance(), 12)


@pytest.mark.parametrize("size", [12, 20])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [1366, 1280])
def test_the_contacts_numbers_are_in_view_at_every_text_size(
    qtbot, window: MainWindow, workspace: Workspace, translations, size: int, lang: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    """A number is what the contacts screen is opened for: beside the name, never scrolled off,
    never cut at the table's edge (an English 20 pt screen lost the mobile's last digit)."""
    from app.services.contacts import install_example
    from app.ui.contacts import PERSON_COLUMNS

    assert translations.use(lang)
    install_example(workspace.root)
    window.resize(width, 731)
    apply_look(QApplication.instance(), size)
    try:
        window.show_contacts()
        view = window.contacts_view
        assert view is not None
        table = view.people
        qtbot.waitUntil(lambda: table.isVisible() and table.rowCount() > 0)
        for name in ("phone", "mobile"):
            column = PERSON_COLUMNS.index(name)
            right = table.columnViewportPosition(column) + table.columnWidth(column)
            assert 0 <= table.columnViewportPosition(column) and right <= table.viewport().width()
            expected = ("電話", "携帯") if lang == "ja" else ("Phone", "Mobile")
            assert table.horizontalHeaderItem(column).text() in expected
            widest = max(
                table.fontMetrics().horizontalAdvance(table.item(r, column).text())
                for r in range(table.rowCount())
            )
            assert widest <= table.columnWidth(column) - 6  # every digit drawn
    finally:
        apply_look(QApplication.instance(), 12)


def test_in_english_the_step_list_keeps_room_for_its_names(
    qtbot, window: MainWindow, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    """The English actions are wider than the Japanese: they squeezed the list to 85 px, and
    「Disconnect」 read 「Disconn」. Twelve characters a line stay, at 1366x768 and 1280x800."""
    assert translations.use("en")
    for size in ((1366, 730), (1280, 760)):
        window.resize(*size)
        incident_id = workspace.incidents.start("ransomware", "幅の確認", "係", mode="drill")
        window.open_incident(incident_id)
        steps = window.incident.steps
        qtbot.waitUntil(lambda s=steps: s.isVisible() and s.count() > 0)
        qtbot.wait(50)  # the splitters settle
        assert steps.width() >= 12 * steps.fontMetrics().horizontalAdvance("国"), steps.width()
        # The longest English word of a step name fits a line: it wraps between words only.
        room = steps.viewport().width() - 12
        words = [w for i in range(steps.count()) for w in steps.item(i).text().split()]
        widest = max(words, key=steps.fontMetrics().horizontalAdvance)
        assert steps.fontMetrics().horizontalAdvance(widest) <= room, (widest, room)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_timeline_shows_what_each_entry_says_in_the_runner(
    qtbot, window: MainWindow, workspace: Workspace, translations, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Its words right after the time, with room: last, they were off the runner pane's edge."""
    from app.ui.timeline import TimelineModel

    assert translations.use(lang)
    window.resize(1366, 730)
    incident_id = workspace.incidents.start("ransomware", "経過の確認", "係", mode="drill")
    workspace.incidents.note(incident_id, "委託先SEが到着", "係")
    window.open_incident(incident_id)
    table = window.incident.timeline.table
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() > 0)
    what = TimelineModel.COLUMNS.index("what")
    least = 18 * table.fontMetrics().horizontalAdvance("国")
    qtbot.waitUntil(lambda: table.columnWidth(what) >= least)
    left = table.columnViewportPosition(what)
    assert 0 < left and left + least <= table.viewport().width(), (left, table.viewport().width())
    assert table.horizontalHeader().visualIndex(what) == 2
    window.incident.timeline_as_main(True)
    qtbot.waitUntil(lambda: table.columnWidth(what) > least)  # the whole width: more words
    right = table.columnViewportPosition(what) + table.columnWidth(what)
    assert right <= table.viewport().width()

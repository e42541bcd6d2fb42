"""The situation bar (issue 12, point 1): mode, title, status, time since awareness and since
the declaration, the nearest deadline counting down, progress and who is working, always at the
top of the incident screen (outside any scroll area or tab), whole at 1366x768 at the default
and the largest text, in Japanese and English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget

from app.domain.clock import ManualClock
from app.domain.deadlines import nearest_open_deadline
from app.domain.situation import WORKING_RECENTLY, situation
from app.services.workspace import Workspace
from app.ui.app import Translations, apply_look
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings
from tests.conftest import START
from tests.ui.conftest import ACTOR

TITLE = "本庁舎ファイルサーバの暗号化（ランサムウェア）"
OTHER = "総務 次郎"


def started(workspace: Workspace) -> str:
    """A drill the city knew of 3 h 12 min before declaring it, personal data involved (the
    PPC clocks run from the awareness time)."""
    incident = workspace.incidents.start(
        "ransomware",
        TITLE,
        ACTOR,
        mode="drill",
        at=START,
        awareness_at=START - timedelta(hours=3, minutes=12),
    )
    workspace.incidents.decide(incident, "personal_data", "yes", ACTOR, at=START)
    return incident


@pytest.fixture
def laptop(qtbot, session: Session) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(session)
    win.timer.stop()
    qtbot.addWidget(win)
    win.resize(1366, 768 - 32)  # the laptop's screen less a title bar
    win.show()
    qtbot.waitExposed(win)
    yield win


def test_the_bar_says_the_whole_situation_and_follows_a_done(
    qtbot, laptop: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident = started(workspace)
    workspace.incidents.note(incident, "現場を確認", "古い 三郎")  # 35 min ago by then
    clock.advance(timedelta(minutes=35))
    workspace.incidents.start_step(incident, "record_note", OTHER)
    laptop.open_incident(incident)
    view = laptop.incident
    bar = view.situation_bar
    assert bar.badge.text() == "訓練"
    assert bar.title.text() == TITLE
    assert bar.status.text() == "対応中"
    assert bar.awareness.text() == "経過 認知から3時間47分・宣言から35分"
    state = workspace.incidents.state(incident)
    done, applicable = state.progress()
    assert done == 0 and applicable > 10
    assert bar.progress.text() == f"進捗 0/{applicable}"
    # Whoever started a step still open; not those who last recorded 35 minutes ago.
    assert bar.working.text() == f"作業中: {OTHER}"
    assert "古い 三郎" not in bar.working.toolTip() and "実施中" in bar.working.toolTip()
    # The PPC's preliminary report, counted in days from the awareness: 5 days, to 24:00.
    nearest = nearest_open_deadline(view.deadlines.statuses)
    assert nearest is not None and nearest.days is not None
    text = bar.deadline.text()
    assert text.startswith("● 次の期限: " + nearest.deadline.title.ja + "・")
    assert f"{nearest.days.due_day.month}/{nearest.days.due_day.day}（" in text
    assert "24:00まで・残り " in text

    # Done on the current step: the progress and the names follow at once.
    panel = view.step_panel
    assert panel.step is not None and panel.step.id == "record_note"  # the one in progress
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    done_steps = [e.step_id for e in workspace.incidents.entries(incident) if e.kind == "step_done"]
    assert done_steps == ["record_note"]
    assert bar.progress.text() == f"進捗 1/{applicable}"
    # Its step is done: 総務 次郎 is among those who recorded lately, after who did it.
    assert bar.working.text() == f"作業中: {ACTOR}、{OTHER}"
    # An hour on: the times since move with the clock, and the quiet ones leave the list.
    clock.advance(timedelta(hours=1))
    laptop.tick()
    assert bar.awareness.text() == "経過 認知から4時間47分・宣言から1時間35分"
    assert WORKING_RECENTLY < timedelta(hours=1)
    assert bar.working.text() == "作業中: 30分以内の記録なし"
    # A step started and left open keeps its person in the bar however long it takes.
    workspace.incidents.start_step(incident, "report_manager", OTHER)
    clock.advance(timedelta(hours=2))
    laptop.tick()
    assert bar.working.text() == f"作業中: {OTHER}"


def test_the_nearest_deadline_says_due_soon_and_overdue_in_words_and_colour(
    qtbot, laptop: MainWindow, workspace: Workspace, clock: ManualClock
) -> None:  # type: ignore[no-untyped-def]
    incident = started(workspace)
    laptop.open_incident(incident)
    bar = laptop.incident.situation_bar
    assert bar.deadline.property("state") == "running"
    nearest = nearest_open_deadline(laptop.incident.deadlines.statuses)
    assert nearest is not None and nearest.due is not None
    clock.set(nearest.due - nearest.deadline.warning + timedelta(minutes=1))
    laptop.tick()
    assert bar.deadline.text().startswith("▲ 期限間近: ")
    assert bar.deadline.property("state") == "due_soon"
    clock.set(nearest.due + timedelta(minutes=3))
    laptop.tick()
    assert bar.deadline.text().startswith("■ 期限超過: ")
    assert bar.deadline.text().endswith("00:03 過ぎ")
    assert bar.deadline.property("state") == "overdue"
    # The bar, the home cards and the panel read one definition of "nearest".
    state = workspace.incidents.state(incident)
    now = clock.now()
    shown = situation(state, now, workspace.incidents.deadlines(incident, now))
    assert shown.nearest is not None and shown.nearest.id == nearest.id


def parts_whole(bar: QWidget) -> list[str]:
    """The parts of the bar that are cut: shorter than their text needs at their width, or
    narrower than a line they cannot wrap, or clipped by what they sit in."""
    cut = []
    for part in bar.parts():  # type: ignore[attr-defined]
        if not part.isVisible():
            continue
        if part.visibleRegion().boundingRect() != part.rect():
            cut.append(f"clipped: {part.objectName()}")
        if isinstance(part, QLabel) and part.wordWrap():
            if part.height() < part.heightForWidth(part.width()):
                cut.append(f"too short: {part.objectName()} {part.text()!r}")
        else:
            words = part.fontMetrics().horizontalAdvance(part.text())
            if part.contentsRect().width() < words:
                cut.append(f"too narrow: {part.objectName()} {part.text()!r}")
    return cut


def lines_of(bar: QWidget) -> int:
    centres = sorted(p.geometry().center().y() for p in bar.parts() if p.isVisible())  # type: ignore[attr-defined]
    lines = 1
    for before, after in zip(centres, centres[1:], strict=False):
        lines += after - before > 6
    return lines


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("size", [12, 20])
def test_the_bar_stays_in_view_and_whole_at_1366x768(
    qtbot,  # type: ignore[no-untyped-def]
    workspace: Workspace,
    translations: Translations,
    qapp: QApplication,
    lang: str,
    size: int,
) -> None:
    incident = started(workspace)
    workspace.incidents.start_step(incident, "record_note", OTHER)
    # The windows of the tests before are gone before the font changes (a closed window's
    # parts would still be asked to refit to it).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert translations.use(lang)
    apply_look(qapp, size)
    try:
        window = MainWindow(Session(workspace, UiSettings(actor=ACTOR, language=lang)))
        window.timer.stop()
        qtbot.addWidget(window)
        window.resize(1366, 768 - 32)
        window.show()
        qtbot.waitExposed(window)
        window.open_incident(incident)
        view = window.incident
        bar = view.situation_bar
        qtbot.waitUntil(lambda: view.compact == (size == 20))
        QApplication.processEvents()
        for focus in (view.focus_current, view.focus_timeline, view.focus_note):
            focus()  # in tabs at large text: whichever tab is in front, the bar is above it
            QApplication.processEvents()
            assert bar.isVisible()
            top_left = bar.mapTo(window, QPoint(0, 0))
            assert window.rect().contains(QRect(top_left, bar.size())), (top_left, bar.size())
            assert bar.y() < view.status_bar.y() < view.phases.y()
            parent = bar.parentWidget()
            while parent is not None:
                assert not isinstance(parent, QAbstractScrollArea), parent
                parent = parent.parentWidget()
            assert parts_whole(bar) == []
        # At the usual size it takes two lines; at the largest, never more than four.
        assert lines_of(bar) <= (2 if size == 12 and lang == "ja" else 4), lines_of(bar)
        words = {"ja": ("訓練", "進捗 0/", "次の期限"), "en": ("Drill", "Progress 0/", "Next")}
        badge, progress, deadline = words[lang]
        assert bar.badge.text() == badge and bar.progress.text().startswith(progress)
        assert bar.deadline.text().startswith("● " + deadline)
        assert OTHER in bar.working.text()
    finally:
        apply_look(qapp, 12)
        QApplication.processEvents()  # the font change reaches the window before it goes

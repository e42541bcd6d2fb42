"""At start-up home lists the incidents before any plan is read, and the countdowns follow once
the plans are: the list needs only the folded logs, each countdown its incident's pinned plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings
from tests.store.helpers import unprotected
from tests.ui.conftest import ACTOR


def _started(data_dir: Path, workspace: Workspace) -> tuple[str, str]:
    fine = workspace.incidents.start("ransomware", "無事", ACTOR, mode="drill")
    workspace.incidents.decide(fine, "personal_data", "unknown", ACTOR)  # a clock runs
    lost = workspace.incidents.start("ddos_defacement", "計画が消える", ACTOR, mode="drill")
    workspace.close()
    return fine, lost


def test_the_list_reads_no_plan_and_the_countdowns_do(data_dir: Path, workspace: Workspace) -> None:
    fine, _lost = _started(data_dir, workspace)
    ws = Workspace(data_dir)
    listed = {s.id: s for s in ws.incidents.summaries(deadlines=False)}
    assert listed[fine].title == "無事" and listed[fine].playbook_id == "ransomware"
    assert listed[fine].nearest is None
    assert not any(run.resolved for run in ws.incidents.state(fine).plans)
    counted = {s.id: s for s in ws.incidents.summaries()}
    assert counted[fine].nearest is not None and counted[fine].playbook_id == "ransomware"
    assert ws.incidents.state(fine).plans[0].resolved
    ws.close()


def test_home_lists_first_then_counts_down_and_says_what_cannot_be_read(  # type: ignore[no-untyped-def]
    qtbot, data_dir: Path, workspace: Workspace, translations: object
) -> None:
    fine, lost = _started(data_dir, workspace)
    sha = Workspace(data_dir).incidents.state(lost).plans[0].sha256
    unprotected(data_dir / "sonae.db", "DELETE FROM plans WHERE sha256 = ?", sha)
    ws = Workspace(data_dir)
    window = MainWindow(Session(ws, UiSettings(actor=ACTOR)))
    window.timer.stop()
    qtbot.addWidget(window)
    window.show()
    window.home.show_loading()
    window.restore(ws.incidents.summaries(deadlines=False))  # what the worker reads first
    window.home.counting = False
    cards = window.home.cards
    assert set(cards) == {fine, lost}
    assert cards[fine].countdown.text() == ""  # listed, not counted yet
    reads: list[object] = []
    window.session.read = lambda action: reads.append(action)  # type: ignore[method-assign]
    window.home.tick()
    assert reads == []  # the plans are being read on the worker: never here as well
    del window.session.read
    window.home.counted(ws.incidents.summaries())  # what the worker reads next
    cards = window.home.cards
    assert cards[fine].countdown.text() != ""
    title = cards[lost].findChild(QLabel, "cardTitle").text()  # type: ignore[union-attr]
    assert "読めません" in title  # its pinned plan is gone: the card says so
    ws.close()

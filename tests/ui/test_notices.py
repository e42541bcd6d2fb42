"""What must stay in view does: a read-only folder, a log that lost entries, a city plan that
cannot be read, an incident whose log cannot be read; and the rest of the app keeps working."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from app.paths import SEEN_FILE
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings
from tests.e2e.test_read_only import snapshot
from tests.store.helpers import unprotected
from tests.ui.conftest import ACTOR

ROOT = Path(__file__).resolve().parents[2]
BAD_PLANS = ROOT / "tests" / "fixtures" / "bad_playbooks"


def _window(qtbot, ws: Workspace, read_only: bool = False) -> MainWindow:  # type: ignore[no-untyped-def]
    session = Session(ws, UiSettings(actor=ACTOR))
    session.read_only_asked = read_only
    window = MainWindow(session)
    window.timer.stop()
    qtbot.addWidget(window)
    window.show()
    window.show_home()
    ws.library.all()
    window.show_notices()
    return window


def test_a_read_only_folder_says_so_and_records_nothing(
    qtbot, workspace: Workspace, data_dir: Path, translations: object
) -> None:
    incident = workspace.incidents.start("ransomware", "読取専用の窓", ACTOR)
    workspace.close()
    before = snapshot(data_dir)
    ws = Workspace(data_dir, read_only=True)
    window = _window(qtbot, ws, read_only=True)
    assert window.notice_bar.isVisible()
    assert "読み取り専用" in window.notice_bar.text.text()
    assert "読み取り専用" in window.windowTitle()
    assert not window.home.start_button.isEnabled()
    window.open_incident(incident)
    qtbot.waitUntil(lambda: window.incident.incident_id == incident, timeout=5000)
    window.incident.done_current()
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=5000)
    assert "読み取り専用" in window.message_bar.text.text()
    window.session.set_actor("別の人")  # a settings change is not written either
    window.close()
    ws.close()
    assert snapshot(data_dir) == before


def test_a_bad_city_plan_is_said_once_and_the_others_still_start(
    qtbot, workspace: Workspace, data_dir: Path, translations: object
) -> None:
    own = data_dir / "playbooks"
    own.mkdir()
    shutil.copy(BAD_PLANS / "bad_yaml.yaml", own / "broken.yaml")
    workspace.library.reload()
    window = _window(qtbot, workspace)
    text = window.notice_bar.text.text()
    assert window.notice_bar.isVisible() and text.count("broken.yaml:") == 1
    incident = workspace.incidents.start("ransomware", "他のプランは動く", ACTOR)
    assert workspace.incidents.state(incident).playbook.id == "ransomware"


def test_a_lost_tail_stays_in_view(
    qtbot, workspace: Workspace, data_dir: Path, translations: object
) -> None:
    incident = workspace.incidents.start("ransomware", "消失の検出", ACTOR)
    for n in range(3):
        workspace.incidents.note(incident, f"メモ {n}", ACTOR)
    workspace.close()
    db = data_dir / "sonae.db"
    unprotected(db, "DELETE FROM entries WHERE seq > 2")
    digest = Workspace(data_dir).store.hash_at(incident, 2)
    unprotected(db, "UPDATE heads SET seq = 2, hash = ?", digest)
    assert (data_dir / SEEN_FILE).exists()
    ws = Workspace(data_dir)
    window = _window(qtbot, ws)
    text = window.notice_bar.text.text()
    assert window.notice_bar.isVisible() and incident in text and "4 件" in text
    assert "情報システム管理者" in text  # what to do, not only what happened
    ws.close()
    # Read-only as well: three lines, two in view, the rest one click away.
    ws = Workspace(data_dir, read_only=True)
    window = _window(qtbot, ws, read_only=True)
    bar = window.notice_bar
    assert len(bar.lines) == 3 and bar.text.text().count("▲") == 2
    assert bar.more.isVisible() and "3" in bar.more.text()
    qtbot.mouseClick(bar.more, Qt.MouseButton.LeftButton)
    assert bar.text.text().count("▲") == 3 and "4 件" in bar.text.text()
    ws.close()


def test_an_unreadable_incident_is_a_card_that_says_so(
    qtbot, workspace: Workspace, data_dir: Path, translations: object
) -> None:
    broken = workspace.incidents.start("ransomware", "壊れる", ACTOR)
    fine = workspace.incidents.start("ransomware", "無事", ACTOR)
    workspace.close()
    unprotected(
        data_dir / "sonae.db", "UPDATE entries SET payload = '{}' WHERE incident_id = ?", broken
    )
    ws = Workspace(data_dir)
    window = _window(qtbot, ws)
    titles = {
        i: card.findChild(object, "cardTitle").text() for i, card in window.home.cards.items()
    }
    assert titles[fine] == "無事"
    assert "読めません" in titles[broken]
    ws.close()


def test_the_app_opens_read_only_on_request_and_takes_no_lock(data_dir: Path) -> None:
    setup = subprocess.run(
        [sys.executable, "-m", "app", "incident", "start", "ransomware", "--title", "t"]
        + ["--actor", "a"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert setup.returncode == 0, setup.stderr
    before = snapshot(data_dir)
    shown = subprocess.run(
        [sys.executable, "-m", "app", "--read-only", "gui"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "SONAE_EXIT_WHEN_READY": "data"},
    )
    assert shown.returncode == 0 and "ready" in shown.stdout, shown.stderr
    assert snapshot(data_dir) == before  # no lock file, no settings, no seen record written

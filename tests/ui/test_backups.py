"""The window backs the log up: every half hour when it changed (on the worker), and when it is
closed for good; a backup that cannot be made is said in the message bar, never a crash."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from app.domain.clock import ManualClock
from app.paths import BACKUPS_FOLDER
from app.services.workspace import Workspace
from app.store.backup import check_backup, listed
from app.ui.main_window import BACKUP_MINUTES, MainWindow
from tests.ui.conftest import ACTOR


def names(data_dir: Path) -> list[str]:
    return [b.path.name for b in listed(data_dir / BACKUPS_FOLDER)]


def test_a_scheduled_backup_only_when_the_log_changed(
    qtbot, window: MainWindow, workspace: Workspace, clock: ManualClock, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.backup_timer.isActive()
    assert window.backup_timer.interval() == BACKUP_MINUTES * 60 * 1000 == 30 * 60 * 1000
    incident = workspace.incidents.start("ransomware", "バックアップの確認", ACTOR)
    window.back_up("schedule")
    qtbot.waitUntil(lambda: len(names(data_dir)) == 1, timeout=10000)
    assert names(data_dir) == ["sonae-20261125-090000-schedule.db"]
    window.session.wait()
    clock.advance(timedelta(minutes=30))
    window.back_up("schedule")  # nothing new: no copy of the same log
    window.session.wait()
    qtbot.wait(50)
    assert len(names(data_dir)) == 1
    workspace.incidents.note(incident, "新しい記録", ACTOR)
    window.back_up("schedule")
    qtbot.waitUntil(lambda: len(names(data_dir)) == 2, timeout=10000)
    newest = listed(data_dir / BACKUPS_FOLDER)[-1]
    assert newest.path.name == "sonae-20261125-093000-schedule.db"
    assert check_backup(newest.path).entries == workspace.store.count(incident)
    assert not window.message_bar.isVisible()


def test_a_backup_that_cannot_be_made_is_said_in_the_message_bar(
    qtbot, window: MainWindow, workspace: Workspace, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    workspace.incidents.start("ransomware", "書けないバックアップ", ACTOR)
    (data_dir / BACKUPS_FOLDER).write_text("a file where the folder goes", "utf-8")
    window.back_up("schedule")
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=10000)
    said = window.message_bar.text.text()
    assert said.startswith("バックアップを作成できませんでした: ") and "\n" not in said
    assert str(data_dir / BACKUPS_FOLDER) in said
    assert window.isVisible()  # the window goes on


def test_quitting_backs_up_and_a_language_switch_does_not(
    qtbot, window: MainWindow, workspace: Workspace, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    workspace.incidents.start("ransomware", "終了時のバックアップ", ACTOR)
    window.close()  # as a language switch closes the window, to rebuild it
    assert names(data_dir) == []
    window.show()
    window.quit()  # Ctrl+Q: done before the window is gone, so before the records close
    assert not window.isVisible()
    assert names(data_dir) == ["sonae-20261125-090000-close.db"]

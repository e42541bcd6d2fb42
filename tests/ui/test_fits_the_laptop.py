"""The window fits the laptop (issue 12, point 5): it opens inside the screen's available area,
1366×768 included, keeps its remembered size and place, and a remembered geometry from a bigger
screen is brought inside the current one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import QApplication

from app.services.workspace import Workspace
from app.ui import main_window as main_window_module
from app.ui.main_window import DEFAULT_SIZE, FRAME_ALLOWANCE, MainWindow, fits, fitted
from app.ui.session import Session
from app.ui.settings import UiSettings
from tests.ui.conftest import ACTOR

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = QRect(0, 0, 1366, 768)


def framed(window: MainWindow) -> QRect:
    """The window with at least the allowance for a title bar and borders around it."""
    return window.geometry().marginsAdded(window.frame_margins())


def saved_geometry(qtbot, workspace: Workspace, rect: QRect) -> str:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(workspace, UiSettings(actor=ACTOR)))
    qtbot.addWidget(window)
    window.setGeometry(rect)
    return bytes(window.saveGeometry().toHex().data()).decode()


@pytest.mark.parametrize(
    ("screen", "room"), [((1366, 768), False), ((1280, 800), False), ((1920, 1080), True)]
)
def test_a_first_start_is_maximised_where_the_default_size_does_not_fit(
    screen: tuple[int, int], room: bool
) -> None:
    """The rule a first start follows on a real screen (the real-window test sees it done)."""
    assert fits(DEFAULT_SIZE, QRect(0, 0, *screen), FRAME_ALLOWANCE) is room


def test_fitted_shrinks_and_moves_inside_the_room() -> None:
    frame = FRAME_ALLOWANCE
    room = LAPTOP.marginsRemoved(frame)
    # The old default, 1280×800 at the top left: 52 px and the status bar were below the edge.
    got = fitted(QRect(0, 0, 1280, 800), LAPTOP, frame)
    assert LAPTOP.contains(got.marginsAdded(frame))
    assert got.width() == 1280 and got.height() == room.height()
    # From a bigger screen, far to the right and below: inside, as big as the room allows.
    got = fitted(QRect(1500, 900, 1900, 1100), LAPTOP, frame)
    assert LAPTOP.contains(got.marginsAdded(frame))
    assert got.size() == room.size()
    # Already inside: left as it is.
    inside = QRect(100, 80, 900, 600)
    assert fitted(inside, LAPTOP, frame) == inside
    # Centred on a first start.
    got = fitted(QRect(0, 0, 1280, 800), QRect(0, 0, 1920, 1080), frame, centre=True)
    assert abs((got.center().x()) - 960) <= 2


def test_a_first_start_opens_inside_the_available_screen(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(session)  # no remembered geometry
    qtbot.addWidget(window)
    screen = window.screen() or QApplication.primaryScreen()
    available = screen.availableGeometry()
    assert available.contains(framed(window)), (window.geometry(), available)
    window.show()
    qtbot.waitExposed(window)
    assert available.contains(framed(window))


def test_a_remembered_geometry_is_kept_when_it_fits(
    qtbot, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    rect = QRect(30, 50, 700, 480)
    geometry = saved_geometry(qtbot, workspace, rect)
    window = MainWindow(Session(workspace, UiSettings(actor=ACTOR, geometry=geometry)))
    qtbot.addWidget(window)
    assert window.geometry() == rect


def test_a_remembered_geometry_too_big_for_this_screen_is_brought_inside(
    qtbot, workspace: Workspace, translations, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # Saved on a bigger screen: this window then opens on a 1366×768 laptop.
    geometry = saved_geometry(qtbot, workspace, QRect(400, 300, 1800, 1000))
    monkeypatch.setattr(main_window_module, "available_geometry", lambda _widget: LAPTOP)
    window = MainWindow(Session(workspace, UiSettings(actor=ACTOR, geometry=geometry)))
    qtbot.addWidget(window)
    assert LAPTOP.contains(framed(window)), window.geometry()
    window.restoreGeometry(QByteArray.fromHex(geometry.encode()))
    window.fit_to_screen(QRect(0, 0, 1280, 800))
    assert QRect(0, 0, 1280, 800).contains(framed(window))


def test_the_size_and_place_are_remembered_across_a_close(
    qtbot, workspace: Workspace, translations
) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(Session(workspace, UiSettings(actor=ACTOR)))
    qtbot.addWidget(first)
    first.setGeometry(QRect(40, 60, 720, 500))
    first.show()
    qtbot.waitExposed(first)
    first.close()
    again = MainWindow(Session(workspace, UiSettings.load(workspace.root)))
    qtbot.addWidget(again)
    assert again.geometry() == QRect(40, 60, 720, 500)


FIT_SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import UiSettings
root = Path(sys.argv[1])
window = MainWindow(Session(lambda: None, UiSettings(), root=root))
window.show()
app.processEvents()
screen = window.screen().availableGeometry()
g = window.geometry()
print(json.dumps({"screen": [screen.x(), screen.y(), screen.width(), screen.height()],
                  "window": [g.x(), g.y(), g.width(), g.height()]}))
"""


@pytest.mark.parametrize("size", [(1366, 768), (1280, 800)])
def test_on_a_laptop_screen_the_window_opens_inside_it(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """A real offscreen screen of the laptop's size (Qt's offscreen platform, from a file)."""
    width, height = size
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    result = subprocess.run(
        [sys.executable, "-c", FIT_SCRIPT, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["screen"] == [0, 0, width, height]
    x, y, w, h = seen["window"]
    frame = FRAME_ALLOWANCE
    assert x - frame.left() >= 0 and y - frame.top() >= 0
    assert x + w + frame.right() <= width and y + h + frame.bottom() <= height, seen


def test_a_message_moves_nothing_under_the_mouse(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    button = window.home.start_button
    before = button.mapToGlobal(button.rect().topLeft())
    stack_before = window.stack.mapToGlobal(window.stack.rect().topLeft())
    window.message_bar.show_error("拒否: 名前を入力してください。" * 3)
    qtbot.waitUntil(window.message_bar.isVisible)
    QApplication.processEvents()
    assert button.mapToGlobal(button.rect().topLeft()) == before
    assert window.stack.mapToGlobal(window.stack.rect().topLeft()) == stack_before
    # It is over the screen, whole and readable, across its width.
    bar = window.message_bar
    assert bar.text.height() >= bar.text.heightForWidth(bar.text.width())
    assert bar.width() > window.stack.width() - 20
    assert bar.geometry().top() >= window.stack.geometry().top()
    window.message_bar.hide()
    assert button.mapToGlobal(button.rect().topLeft()) == before


def test_a_screen_needing_more_room_than_the_screen_never_widens_the_window(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.home.setMinimumWidth(2400)  # stands in for a screen at the largest text
    window.home.setMinimumHeight(1400)
    QApplication.processEvents()
    assert window.width() <= 1280 and window.height() <= 800
    window.home.setMinimumSize(0, 0)


def test_a_pdf_viewer_that_does_not_open_is_a_message_on_screen(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[Path] = []

    def fails(path: Path) -> bool:
        asked.append(path)
        return False

    monkeypatch.setattr(main_window_module, "open_path", fails)
    pdf = tmp_path / "reports" / "2026-0001-record-20261202T1000.pdf"
    window.open_file(pdf)
    bar = window.message_bar
    assert bar.isVisible() and str(pdf) in bar.text.text()
    assert "PDF" in bar.text.text()
    assert bar.action.isVisible() and bar.action.text() == "フォルダを開く"
    qtbot.mouseClick(bar.action, Qt.MouseButton.LeftButton)
    assert asked == [pdf, pdf.parent]
    # The folder would not open either: the message says where it is.
    assert bar.isVisible() and str(pdf.parent) in bar.text.text()
    assert not bar.action.isVisible()


def test_a_report_whose_viewer_fails_says_so_after_ctrl_p(
    qtbot, window: MainWindow, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(main_window_module, "open_path", lambda _path: False)
    incident_id = workspace.incidents.start("ransomware", "報告書の確認", "係", mode="drill")
    window.open_incident(incident_id)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    bar = window.message_bar
    qtbot.waitUntil(bar.isVisible, timeout=30000)
    assert str(workspace.root / "reports") in bar.text.text()
    assert ".pdf" in bar.text.text()


@pytest.mark.parametrize("size", [12, 20])
def test_the_save_button_is_whole_when_it_has_the_focus(
    qtbot, window: MainWindow, qapp, size: int
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.app import apply_look

    apply_look(qapp, size)
    try:
        window.show_contacts()
        button = window.contacts_view.save_button  # type: ignore[attr-defined]
        button.clearFocus()
        QApplication.processEvents()
        unfocused = button.sizeHint()
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        button.style().unpolish(button)
        button.style().polish(button)
        QApplication.processEvents()
        # The focus frame takes no room from the words: 「保存 (Ctrl+S)」 was cut at its end.
        assert button.sizeHint() == unfocused
        assert button.width() >= button.sizeHint().width()
        words = button.fontMetrics().horizontalAdvance(button.text())
        assert button.contentsRect().width() >= words
    finally:
        apply_look(qapp, 12)

"""Nothing cut at 1366×768, at the default and the largest text (issue 12, point 5): a field's
label is laid out at its full wrapped height, and a box's placeholder (what to type in it) reads
whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from tests.ui.conftest import text_size
from tests.ui.test_density import wholly_visible


def placeholder_whole(edit: QLineEdit) -> bool:
    """The placeholder fits inside the box's text area (Qt elides it with … when it does not)."""
    room = edit.width() - edit.textMargins().left() - edit.textMargins().right()
    needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    return needed + 8 <= room  # the frame and Qt's own inner margin (2 px each side)


def opened_on_a_laptop(window: MainWindow, workspace: Workspace, title: str) -> str:
    """A ransomware drill open in the window at 1366×768."""
    window.resize(1366, 768)
    incident_id = workspace.incidents.start("ransomware", title, "係", mode="drill")
    window.open_incident(incident_id)
    return incident_id


@pytest.mark.parametrize("size", [12, 20])
def test_every_field_label_has_the_height_of_its_lines(
    qtbot, window: MainWindow, workspace: Workspace, size: int
) -> None:  # type: ignore[no-untyped-def]
    """The ransom-note step's long labels wrap; each gets the height its lines need and none
    lies over the next (脅迫文のファイル名 was drawn half over the next row)."""
    opened_on_a_laptop(window, workspace, "ラベルの確認")
    view = window.incident
    with text_size(size):
        panel = view.step_panel

        def labels() -> list[QLabel]:
            return [w for w in panel.fields_box.findChildren(QLabel) if w.isVisible()]

        for step_id in ("record_note", "report_manager"):
            view.select_step(step_id)
            qtbot.waitUntil(lambda s=step_id: panel.step.id == s and len(labels()) >= 3)
            shown = labels()
            qtbot.waitUntil(
                lambda ls=shown: all(lb.height() >= lb.heightForWidth(lb.width()) for lb in ls)
            )
            tops = sorted((lb.geometry().top(), lb.geometry().bottom()) for lb in shown)
            for (_, bottom), (top, _) in zip(tops, tops[1:], strict=False):
                assert bottom < top, tops


@pytest.mark.parametrize("size", [12, 20])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_runner_s_placeholders_read_whole(
    qtbot, window: MainWindow, workspace: Workspace, translations, size: int, lang: str
) -> None:  # type: ignore[no-untyped-def]
    assert translations.use(lang)
    opened_on_a_laptop(window, workspace, "置き文字の確認")
    view = window.incident
    with text_size(size):
        panel = view.step_panel
        edits = {
            "skip": panel.skip_reason,
            "defer": panel.defer_reason,
            "actor": window.actor,
        }
        qtbot.waitUntil(lambda: all(e.isVisible() for e in edits.values()))
        qtbot.wait(50)
        cut = [name for name, edit in edits.items() if not placeholder_whole(edit)]
        assert cut == []


@pytest.mark.parametrize("size", [12, 20])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_plan_library_reads_whole(
    qtbot, window: MainWindow, translations, size: int, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """The category names, the search's words and the three buttons, at 1366×768: at 20 pt the
    categories were cut (意図的な要因（サイ), and then, widened, the buttons at both ends."""
    assert translations.use(lang)
    window.resize(1366, 768)
    with text_size(size):
        window.show_library()
        view = window.library_view
        picker = view.picker
        qtbot.waitUntil(lambda: wholly_visible(view.drill_button))
        for button in (view.print_button, view.drill_button):
            assert wholly_visible(button), button.text()
            needed = button.fontMetrics().horizontalAdvance(button.text())
            assert button.width() >= needed, button.text()
        assert placeholder_whole(picker.search)
        # Each plan's title and warning signs whole, wrapped at the list's width.
        plans = picker.plans
        qtbot.wait(50)
        room = plans.viewport().width() - 2 * plans.spacing() - 8
        for row in range(plans.count()):
            item = plans.item(row)
            needed = plans.fontMetrics().boundingRect(
                QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, item.text()
            )
            assert needed.height() <= plans.visualItemRect(item).height(), item.text()
        lists = picker.categories
        room = lists.viewport().width()
        for row in range(lists.count()):
            name = lists.item(row).text()
            assert lists.fontMetrics().horizontalAdvance(name) <= room, name


@pytest.mark.parametrize("size", [12, 20])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_phase_shows_its_count_and_a_title_shortened_only_at_its_end(
    qtbot, window: MainWindow, workspace: Workspace, translations, size: int, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """In English the phase buttons cut their centred words at both ends (「ct and first
    response」); now the title ends with … where it must, and the count is whole. At 20 pt, in
    tabs, the strip is hidden: the step list's headings name the phases."""
    assert translations.use(lang)
    incident_id = opened_on_a_laptop(window, workspace, "段階の確認")
    view = window.incident
    strip = view.phases
    with text_size(size):
        if size == 20:  # in tabs the strip gives its height to the step; the list has them
            qtbot.waitUntil(lambda: view.compact and not strip.isVisible())
            headings = [view.steps.item(r).text() for r in range(view.steps.count())]
            plan = workspace.incidents.state(incident_id).playbook.plan
            assert all(any(h.startswith(p.title.get(lang)) for h in headings) for p in plan.phases)
            return
        qtbot.waitUntil(lambda: all(s.isVisible() for s in strip.segments.values()))
        qtbot.wait(50)
        plan = workspace.incidents.state(incident_id).playbook.plan
        for phase in plan.phases:
            segment = strip.segments[phase.id]
            text = segment.text()
            assert text.endswith(segment.count) and "/" in segment.count
            shown = text[: -len(segment.count)].rstrip()
            title = phase.title.get(lang)
            assert shown == title or (shown.endswith("…") and title.startswith(shown[:-1]))
            needed = segment.fontMetrics().horizontalAdvance(text)
            assert needed <= segment.width() - 8, (text, segment.width())
            assert segment.toolTip().startswith(title)
            if size == 12 and lang == "ja":  # room for every title: a long one takes more
                assert shown == title


@pytest.mark.parametrize("points", [12, 20])
def test_cancel_stands_as_tall_as_the_action_beside_it(
    qtbot, window: MainWindow, workspace: Workspace, points: int
) -> None:  # type: ignore[no-untyped-def]
    """At 20 pt Cancel was a small button jammed against the big one in the close form."""
    incident_id = workspace.incidents.start("ransomware", "ボタンの確認", "係", mode="drill")
    window.open_incident(incident_id)
    with text_size(points):
        window.incident.open_close()
        dialog = window.incident.close_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        qtbot.wait(20)
        cancel, ok = dialog.cancel, dialog.ok
        assert cancel.height() == ok.height()
        assert ok.geometry().left() - cancel.geometry().right() >= 10
        assert wholly_visible(cancel) and wholly_visible(ok)
        dialog.reject()

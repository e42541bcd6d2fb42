"""Hand-over in the app: 初報 continues under a specific plan, chosen from the library, with its
decisions carried over and the hand-over in the timeline; roles show who usually holds them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.widgets import full_width
from tests.ui.conftest import ACTOR, text_size
from tests.ui.test_i18n import untranslated, visible_texts
from tests.ui.test_walkthrough import type_in


def kinds(window: MainWindow) -> list[str]:
    model = window.incident.timeline.model
    return [model.data(model.index(row, 4)) for row in range(model.rowCount())]


def test_first_report_hands_over_to_ransomware(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("initial_report", "不審な画面", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    panel = view.step_panel
    # 初報 names plans to hand over to, so the runner offers it on every step.
    assert panel.handover_box.isVisible()
    assert "他のプランへ引き継ぐ" in panel.handover_button.text()

    view.decisions.buttons[("personal_data", "yes")].click()
    view.decisions.buttons[("route", "handover")].click()
    assert "choose_plan" in view.steps.step_ids()
    # The hand-over step records the plan it hands over to; the picker then suggests it.
    view.select_step("choose_plan")
    type_in(panel.inputs[0].widget, "ransomware")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(panel.handover_button, Qt.MouseButton.LeftButton)
    dialog = view.handover_dialog
    assert dialog is not None and dialog.isVisible()
    offered = [
        dialog.picker.plans.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(dialog.picker.plans.count())
    ]
    assert len(offered) == 12 and "initial_report" not in offered
    assert dialog.picker.chosen() == "ransomware"
    assert untranslated(visible_texts(dialog)) == []
    # The same search and categories as the start screen: a warning sign finds a plan.
    type_in(dialog.picker.search, "誤送信")
    assert dialog.picker.chosen() == "personal_data_leak"
    dialog.picker.search.clear()
    assert dialog.picker.choose("ransomware")
    dialog.activateWindow()  # the window a user just opened; keys go to the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.picker.plans, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()

    # The runner now follows ransomware; the decision taken under 初報 stands.
    state = workspace.incidents.state(incident_id)
    assert state.playbook.id == "ransomware"
    assert [run.playbook.id for run in state.plans] == ["initial_report", "ransomware"]
    assert state.choices()["personal_data"] == "yes"
    listed = view.steps.step_ids()
    assert "isolate" in listed and "record_first" not in listed
    assert panel.step is not None and panel.step.id == "isolate"
    assert "ランサムウェア" in view.meta.text()
    assert view.decisions.buttons[("personal_data", "yes")].isChecked()
    assert not view.decisions.buttons[("personal_data", "no")].isChecked()
    assert not panel.handover_box.isVisible()  # ransomware names no plans to hand over to
    # The PPC clock started by the 初報 decision runs on under the new plan.
    assert view.deadlines.state_of("ppc_preliminary") == "running"

    # The timeline shows the hand-over, and the first plan's steps keep their own titles.
    assert kinds(window)[0] == "計画引継ぎ"
    model = view.timeline.model
    assert "→ ランサムウェア" in model.data(model.index(0, 5))
    texts = [model.data(model.index(r, 5)) for r in range(model.rowCount())]
    assert any(t.startswith("引き継ぐプランを決めて引き継ぐ") for t in texts)

    # Through the services: one hand-over entry by the responder, after the step and decisions.
    entries = workspace.incidents.entries(incident_id)
    handed = [e for e in entries if e.kind == "handed_over"]
    assert len(handed) == 1
    assert handed[0].actor == ACTOR
    assert handed[0].payload["from"] == "initial_report"
    assert handed[0].payload["playbook"]["id"] == "ransomware"
    assert entries[-1].kind == "handed_over"


def test_any_plan_hands_over_from_the_incident_menu(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("malware_terminal", "端末の警告", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    assert not view.step_panel.handover_box.isVisible()
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = view.handover_dialog
    assert dialog is not None and dialog.isVisible()
    ids = [
        dialog.picker.plans.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(dialog.picker.plans.count())
    ]
    assert "malware_terminal" not in ids and "intrusion" in ids and len(ids) >= 12
    # Cancel writes nothing.
    dialog.reject()
    assert [e.kind for e in workspace.incidents.entries(incident_id)] == ["opened"]
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog.picker.choose("intrusion")
    qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)
    assert workspace.incidents.state(incident_id).playbook.id == "intrusion"
    assert view.state is not None and view.state.playbook.id == "intrusion"


def test_roles_show_their_usual_holder_and_to_be_confirmed(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "役割の確認", "係", mode="drill")
    window.open_incident(incident_id)
    view = window.incident
    view.select_step("report_manager")  # 情報セキュリティ管理者: a (confirm) tier
    role_text = view.step_panel.role.text()
    assert "情報セキュリティ管理者" in role_text
    assert "通常は 各課長" in role_text and "要確認" in role_text
    view.select_step("confirm_isolation")
    assert "要確認" in view.step_panel.role.text()  # 情報システム管理者
    view.select_step("isolate")  # whoever is at the machine: 職員等, a settled tier
    assert "職員等" in view.step_panel.role.text() and "要確認" not in view.step_panel.role.text()
    assert view.step_panel.role.isVisible()

    window.show_contacts()
    contacts = window.contacts_view
    assert contacts is not None
    combo = contacts.role  # type: ignore[attr-defined]
    marked = {combo.itemData(i): "要確認" in combo.itemText(i) for i in range(combo.count())}
    assert marked == {
        "ciso": False,
        "chief_officer": False,
        "dept_officer": True,
        "section_manager": True,
        "system_admin": True,
        "system_staff": True,
        "csirt": False,
        "staff": False,
        "pr": True,
        "hr": True,
        "facilities": True,
    }
    combo.setCurrentIndex(combo.findData("section_manager"))
    note = contacts.role_note  # type: ignore[attr-defined]
    assert "各課長" in note.text() and "要確認" in note.text()
    combo.setCurrentIndex(combo.findData("ciso"))
    assert "副市長" in note.text() and "要確認" not in note.text()


@pytest.mark.parametrize("size", [12, 20])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_hand_over_form_grows_with_the_text_and_wraps_the_description(
    qtbot, window: MainWindow, workspace: Workspace, translations, size: int, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """At 20 pt a fixed 760×560 form showed one plan and cut the description at the side."""
    assert translations.use(lang)
    incident_id = workspace.incidents.start("initial_report", "引き継ぎ", "係", mode="drill")
    window.open_incident(incident_id)
    with text_size(size):
        window.incident.open_handover()
        dialog = window.incident.handover_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        qtbot.wait(50)
        room = dialog.screen().availableGeometry()
        assert dialog.width() <= room.width() and dialog.height() <= room.height()
        # As wide as fifty characters of the text size, unless the screen is narrower.
        assert dialog.width() >= min(full_width(dialog, 50), room.width() - 60)
        label = dialog.summary
        scroll = label.parentWidget().parentWidget()  # the scroll area's viewport, then it
        assert label.width() <= scroll.width()
        assert not scroll.horizontalScrollBar().isVisible()
        dialog.reject()

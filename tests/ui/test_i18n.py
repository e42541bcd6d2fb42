"""Every string the window shows goes through Qt's translations and has a Japanese translation."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTableWidget,
    QWidget,
)

from app.paths import resources_dir
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
I18N = resources_dir() / "i18n"


def catalogue(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(context, source) -> (translation, type) from a .ts file."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            assert tr is not None
            out[(name, message.findtext("source") or "")] = (tr.text or "", tr.get("type", ""))
    return out


def test_every_source_string_has_a_finished_japanese_translation(tmp_path: Path) -> None:
    # Extract afresh from the code, so a string added without updating the .ts fails here.
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").glob("*.py"))
    subprocess.run([str(lupdate), "-silent", *sources, "-ts", str(fresh)], check=True)
    wanted = set(catalogue(fresh))
    assert len(wanted) > 150
    japanese = catalogue(I18N / "sonae_ja.ts")
    missing = sorted(k for k in wanted if k not in japanese)
    assert not missing, f"run `make update-translations` and translate: {missing}"
    untranslated = sorted(
        k for k in wanted if japanese[k][1] in ("unfinished", "vanished") or not japanese[k][0]
    )
    assert not untranslated, f"no Japanese translation for: {untranslated}"
    english = catalogue(I18N / "sonae_en.ts")
    assert wanted <= set(english), "sonae_en.ts is behind the code"


def test_placeholders_survive_translation() -> None:
    for (context, source), (text, _) in catalogue(I18N / "sonae_ja.ts").items():
        assert set(re.findall(r"{\w+}", source)) == set(re.findall(r"{\w+}", text)), (
            context,
            source,
        )


ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}\s+[a-z]{2,}\b")
ALLOWED = ("http", "Ctrl+", "LGWAN", "CSIRT", "CISO", "JST", "No More Ransom", "PDF")


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QTableView | QTableWidget):
            model = widget.model()
            texts.extend(
                str(model.headerData(c, widget.horizontalHeader().orientation()))
                for c in range(model.columnCount())
            )
        texts.append(widget.toolTip())
    for action in (
        root.findChildren(type(root.menuBar().actions()[0])) if hasattr(root, "menuBar") else []
    ):
        texts.append(action.text())
    return [t for t in texts if t]


def untranslated(texts: list[str]) -> list[str]:
    sources = {s for (_, s) in catalogue(I18N / "sonae_ja.ts")}
    bad = []
    for text in texts:
        cleaned = re.sub(r"https?://\S+", "", text)
        for allowed in ALLOWED:
            cleaned = cleaned.replace(allowed, "")
        if text in sources or ENGLISH_PHRASE.search(cleaned):
            bad.append(text)
    return bad


def test_no_english_is_visible_in_the_japanese_window(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    incident_id = workspace.incidents.start("ransomware", "表示の確認", "確認 係", mode="tabletop")
    workspace.incidents.decide(incident_id, "personal_data", "yes", "確認 係")
    workspace.incidents.complete_step(incident_id, "isolate", "確認 係", fields={"host": "PC-1"})
    seen: list[str] = []
    seen += visible_texts(window)  # home
    window.show_start()
    seen += visible_texts(window)
    window.open_incident(incident_id)
    seen += visible_texts(window)
    window.show_contacts()
    seen += visible_texts(window)
    window.show_help()
    assert window.help_dialog is not None
    seen += visible_texts(window.help_dialog)
    table = window.help_dialog.table
    seen += [table.item(r, 1).text() for r in range(table.rowCount())]
    assert len(seen) > 100
    assert untranslated(seen) == []


def cell_texts(table: QTableView) -> list[str]:
    model = table.model()
    return [
        str(model.data(model.index(r, c)) or "")
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def test_timeline_and_deadline_cells_speak_japanese(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """What the log holds is shown in words: field labels and plan titles, not the format's ids."""
    actor = "確認 係"
    incident_id = workspace.incidents.start("ransomware", "表示の確認", actor, mode="drill")
    workspace.incidents.decide(incident_id, "personal_data", "yes", actor)
    workspace.incidents.complete_step(incident_id, "isolate", actor, fields={"host": "PC-1"})
    workspace.incidents.skip_step(incident_id, "record_note", "撮影済み", actor)
    window.open_incident(incident_id)
    view = window.incident
    cells = cell_texts(view.timeline.table) + cell_texts(view.deadlines)
    assert any("端末名: PC-1" in c for c in cells), cells
    assert any("ランサムウェア" in c for c in cells if "表示の確認" in c), cells
    assert untranslated(cells) == []
    # The machine login beside a name (［root］) is a name, not a format id left untranslated.
    words = [re.sub(r"［[^］]*］", "", c) for c in cells]
    identifiers = [c for c in words if re.search(r"\b[a-z]{3,}(_[a-z]+)*\b", c)]
    assert identifiers == []


def test_the_checker_catches_english(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check above must be able to fail: an untranslated label is caught."""
    assert untranslated(["Mark the step done"]) == ["Mark the step done"]
    assert untranslated(["a string nobody wrapped in tr"]) != []
    assert (
        untranslated(["手順を完了にする", "LGWAN接続系", "https://www.npa.go.jp/cyber/ransom/"])
        == []
    )


def test_the_plan_list_marks_its_warning_signs_in_the_window_s_language(
    qtbot, window: MainWindow, translations
) -> None:  # type: ignore[no-untyped-def]
    """・ is a Japanese list mark: the English list uses •, as the English plan text does."""
    for lang, mark, other in (("ja", "・", "• "), ("en", "• ", "・")):
        assert translations.use(lang)
        window.show_library()
        plans = window.library_view.picker.plans
        assert plans.count() >= 10
        signs = [
            line for r in range(plans.count()) for line in plans.item(r).text().split("\n")[1:]
        ]
        assert signs and all(line.startswith(mark) for line in signs), signs[:3]
        assert not any(line.startswith(other) for line in signs)


def test_left_and_overdue_stay_with_their_countdown(translations) -> None:  # type: ignore[no-untyped-def]
    """'02:36 left' wraps as one: at 20 pt the deadline banner put 'left' alone on a line."""
    from app.ui.texts import time_left

    assert translations.use("en")
    assert time_left(2 * 3600).endswith("\u00a0left")
    assert time_left(-60).endswith("\u00a0overdue")

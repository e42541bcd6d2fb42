"""UI settings survive damage: a bad file or bad values fall back to safe defaults."""

from __future__ import annotations

import json
from pathlib import Path

from app.ui.settings import SETTINGS_FILE, UiSettings


def test_round_trip_and_damage(tmp_path: Path) -> None:
    settings = UiSettings(language="en", text_size=17, actor="山田", incident="2026-0001")
    settings.save(tmp_path)
    assert UiSettings.load(tmp_path) == settings
    (tmp_path / SETTINGS_FILE).write_text('{"language": 5, "actor": ["x"], "text_size": 99}')
    assert UiSettings.load(tmp_path) == UiSettings()
    (tmp_path / SETTINGS_FILE).write_text("{not json")
    assert UiSettings.load(tmp_path) == UiSettings()
    (tmp_path / SETTINGS_FILE).write_text(json.dumps(["a list"]))
    assert UiSettings.load(tmp_path) == UiSettings()


def test_text_size_steps_stay_in_range() -> None:
    settings = UiSettings(text_size=20)
    settings.bigger(1)
    assert settings.text_size == 20
    settings.bigger(-1)
    assert settings.text_size == 17

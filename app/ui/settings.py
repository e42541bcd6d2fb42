"""The window's own settings (language, text size, where the user was), kept in the data folder.

They are written on every change, atomically, so that after a crash or a power cut the app
reopens on the incident and step the responder was looking at.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from app.files import read_regular
from app.paths import SETTINGS_FILE

TEXT_SIZES = (10, 12, 14, 17, 20)  # point sizes offered by "larger / smaller text"


@dataclass
class UiSettings:
    language: str = "ja"
    text_size: int = 12
    actor: str = ""
    incident: str = ""  # the incident open when the app was left; "" for the home screen
    step: str = ""  # the step selected in that incident
    geometry: str = ""  # QMainWindow.saveGeometry(), hex

    @classmethod
    def load(cls, root: Path) -> UiSettings:
        try:
            data = json.loads(read_regular(root / SETTINGS_FILE, 1 << 16))
        except (OSError, ValueError, RecursionError):
            return cls()  # first start, or a damaged file: defaults are always safe
        settings = cls()
        if not isinstance(data, dict):
            return settings
        for field in fields(cls):
            value = data.get(field.name)
            # Only a value of the default's own type is taken; anything else keeps the default.
            if type(value) is type(getattr(settings, field.name)):
                setattr(settings, field.name, value)
        if settings.language not in ("ja", "en"):
            settings.language = "ja"
        if settings.text_size not in TEXT_SIZES:
            settings.text_size = 12
        return settings

    def save(self, root: Path) -> None:
        try:
            root.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".ui-settings.", dir=root)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, ensure_ascii=False, indent=1)
            os.replace(temp, root / SETTINGS_FILE)
        except OSError:
            pass  # settings are a comfort; a read-only folder must not stop the response

    def bigger(self, step: int) -> None:
        index = TEXT_SIZES.index(self.text_size) + step
        self.text_size = TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, index))]

"""Bilingual messages for the non-Qt layers (CLI, services, domain errors).

The Qt UI uses Qt's own translation system; everything below it speaks through ``Msg`` so one
``--lang`` switch changes every message the command line prints. Japanese is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGUAGES = ("ja", "en")
_current = "ja"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    return _current


@dataclass(frozen=True)
class Msg:
    """A message in both languages, formatted with ``str.format`` arguments on display."""

    ja: str
    en: str
    args: tuple[tuple[str, Any], ...] = ()

    def format(self, **kwargs: Any) -> Msg:
        return Msg(self.ja, self.en, tuple(sorted(kwargs.items())))

    def render(self, lang: str | None = None) -> str:
        template = self.en if (lang or _current) == "en" else self.ja
        return template.format(**dict(self.args))

    def __str__(self) -> str:
        return self.render()


def msg(ja: str, en: str, **kwargs: Any) -> Msg:
    return Msg(ja, en).format(**kwargs) if kwargs else Msg(ja, en)

"""Find and register one embeddable Japanese TrueType font for every printed record.

A PDF that falls back to a standard or non-embedded CID font prints boxes (tofu) on a machine
without that font, and an auditor's copy must read the same everywhere. So there is no fallback:
a configured font first (``SONAE_FONT``), then a font shipped with this copy
(``resources/fonts/``, see ``make package FONT=…``), then IPAex Gothic on Linux, then Yu Gothic, Meiryo or MS
Gothic on Windows; if none loads, a ``SonaeError`` names what to install. reportlab embeds the
subset it uses. Fonts without a bold face (IPAex, MS Gothic) get their regular face as "bold".

A character the font has no glyph for (an emoji in a note, a rare symbol) would print as the
font's empty box (.notdef), which on a signed record hides what was written. Every text the
reports set goes through ``substitute``: such a character prints as its code point in the marks
the records already use for invisible characters, 〘U+1F600〙 (a typed 〘 is itself marked, see
app/domain/visible.py, so no typed text can pass for a substitute). ``undrawable`` tells the
window which characters of a note will print so, to warn before it is saved. The test is the
font's own character map (cmap), the regular and the bold face both.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.domain.visible import CLOSE, OPEN, for_screen
from app.errors import SonaeError
from app.i18n import msg
from app.paths import bundled_fonts

FONT_ENV = "SONAE_FONT"  # a .ttf or .ttc path; "path#N" picks face N of a collection
FONT_BOLD_ENV = "SONAE_FONT_BOLD"
REGULAR = "SonaeJP"
BOLD = "SonaeJP-Bold"
# Characters every record prints; a font missing them would print tofu.
_PROBE = "訓練要確認令和あア０"

_LINUX = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",  # Debian/Ubuntu fonts-ipaexfont-gothic
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",  # older Debian/Ubuntu
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",  # Debian's alternatives link
    "/usr/share/fonts/ipa-ex-gothic/ipaexg.ttf",  # Fedora
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
)
# (regular file, bold file or ""), all face 0 of their collection.
_WINDOWS = (
    ("YuGothR.ttc", "YuGothB.ttc"),
    ("meiryo.ttc", "meiryob.ttc"),
    ("msgothic.ttc", ""),
)


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int = 0

    @classmethod
    def parse(cls, text: str) -> FontFile:
        path, sep, index = text.strip().rpartition("#")
        if sep and index.isdigit():
            return cls(Path(path).expanduser(), int(index))
        return cls(Path(text.strip()).expanduser())


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    source: Path


def _windows_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("WINDIR"):
        dirs.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def candidates() -> list[tuple[FontFile, FontFile | None]]:
    """(regular, bold or None) in order of preference; files that do not exist are left out."""
    found: list[tuple[FontFile, FontFile | None]] = []
    for path in (*bundled_fonts(), *(Path(p) for p in _LINUX)):
        if path.is_file():
            found.append((FontFile(path), None))
    for folder in _windows_dirs():
        for regular, bold in _WINDOWS:
            if (folder / regular).is_file():
                bold_file = FontFile(folder / bold) if bold and (folder / bold).is_file() else None
                found.append((FontFile(folder / regular), bold_file))
    return found


def _load(name: str, font: FontFile) -> TTFont:
    """Load a face and check it can be embedded and has Japanese glyphs; TTFError if not."""
    face = TTFont(name, str(font.path), subfontIndex=font.index)
    missing = [c for c in _PROBE if ord(c) not in face.face.charToGlyph]
    if missing:
        raise TTFError(f"{font.path} has no glyph for {''.join(missing)}")
    return face


_lock = threading.Lock()
_registered: dict[tuple[FontFile, FontFile | None], FontSet] = {}


def _register(regular: FontFile, bold: FontFile | None) -> FontSet:
    key = (regular, bold)
    if key not in _registered:
        regular_face = _load(REGULAR, regular)
        bold_face = _load(BOLD, bold) if bold else _load(BOLD, regular)
        pdfmetrics.registerFont(regular_face)
        pdfmetrics.registerFont(bold_face)
        # A family, so <b> in a Paragraph and bold table styles resolve to the bold face.
        for bold_flag, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
            addMapping(REGULAR, bold_flag, italic, BOLD if bold_flag else REGULAR)
        _registered.clear()  # one set at a time: the names are fixed
        _registered[key] = FontSet(REGULAR, BOLD, regular.path)
        _missing.clear()
        _missing.append(_missing_pattern(regular_face, bold_face))
    return _registered[key]


# The pattern of characters the registered faces cannot draw (one: the fonts registered now).
_missing: list[re.Pattern[str]] = []


def _missing_pattern(*faces: TTFont) -> re.Pattern[str]:
    """A character class of everything outside the faces' common cmap: a regular expression
    finds the rare undrawable character at C speed, where a loop over every character of a
    20,000-row timeline would not (the class has some 5,000 ranges and compiles in 20 ms)."""
    maps = [face.face.charToGlyph for face in faces]
    codes = sorted(c for c, glyph in maps[0].items() if glyph and all(m.get(c) for m in maps[1:]))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    # Line breaks and tabs are the layout's to handle, never glyphs.
    drawn = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[^\\n\\r\\t{drawn}]")


def _pattern() -> re.Pattern[str]:
    if not _missing:
        register_fonts()
    return _missing[0]


def mark(char: str) -> str:
    """What prints in place of a character the font cannot draw: 〘U+1F600〙."""
    return f"{OPEN}U+{ord(char):04X}{CLOSE}"


def substitute(text: str) -> str:
    """``text`` with every character the font cannot draw replaced by its mark. Text the font
    draws whole is returned as it is (the same object), which is nearly all text."""
    pattern = _pattern()
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: mark(m.group()), text)


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` that would print as their mark, each once, in order of first
    appearance (for the window to warn about). Control and invisible characters are not among
    them: they are shown as marks of their own (app.domain.visible), not for want of a glyph."""
    found: dict[str, None] = {}
    for char in _pattern().findall(text):
        if char not in found and for_screen(char) == char:
            found[char] = None
    return list(found)


def register_fonts(configured: str | None = None) -> FontSet:
    """Register the Japanese font family once per process and return its names.

    ``configured`` (or the ``SONAE_FONT`` variable) wins; a configured font that cannot be used is
    an error rather than a silent switch to another font.
    """
    configured = configured or os.environ.get(FONT_ENV) or None
    with _lock:
        if configured:
            regular = FontFile.parse(configured)
            bold_text = os.environ.get(FONT_BOLD_ENV)
            bold = FontFile.parse(bold_text) if bold_text else None
            try:
                return _register(regular, bold)
            except (OSError, TTFError) as exc:
                raise SonaeError(
                    msg(
                        "指定されたフォント {p} は使えません ({e})。日本語の TrueType フォント "
                        "(.ttf/.ttc) を指定してください",
                        "the configured font {p} cannot be used ({e}); give a Japanese TrueType "
                        "font (.ttf/.ttc)",
                        p=configured,
                        e=" ".join(str(exc).split()),  # one line, whatever the cause
                    )
                ) from exc
        for regular, bold in candidates():
            try:
                return _register(regular, bold)
            except (OSError, TTFError):
                continue  # not embeddable or not Japanese: try the next one
    raise SonaeError(
        msg(
            "PDF に埋め込める日本語フォントがありません。IPAexゴシックを入れてください "
            "(Debian/Ubuntu: apt install fonts-ipaexfont-gothic)。または環境変数 {env} に "
            "日本語 TrueType フォント (.ttf/.ttc) のパスを指定してください",
            "no embeddable Japanese font found: install IPAex Gothic (Debian/Ubuntu: apt install "
            "fonts-ipaexfont-gothic), or set {env} to a Japanese TrueType font (.ttf/.ttc)",
            env=FONT_ENV,
        )
    )

"""What the printed documents cannot draw, for the window to warn before a text is recorded.

The window may not import the reports layer (it knows no reportlab); it asks here. The fonts are
read on first use only (about a tenth of a second), so a window that never warns never loads them.
Where the documents cannot be made at all (no font, no reportlab) nothing is said: there is then
no paper to warn about, and the reports service says why when one is asked for.
"""

from __future__ import annotations

from app.errors import SonaeError


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` the embedded PDF font cannot draw, each once, in order of
    first appearance ([] when the font draws them all or there are no documents)."""
    if text.isascii():
        return []  # the font draws every printable ASCII character: no need to load it
    try:
        from app.reports import fonts
    except ImportError:
        return []
    try:
        return fonts.undrawable(text)
    except (SonaeError, OSError):
        return []


def printed_as(char: str) -> str:
    """What prints in place of a character the font cannot draw: 〘U+1F600〙."""
    from app.reports import fonts

    return fonts.mark(char)


def font_in_use() -> str:
    """The font file the records embed, or why there is none (for the About box)."""
    try:
        from app.reports import fonts
    except ImportError as exc:
        return str(exc)
    try:
        return str(fonts.register_fonts().source)
    except SonaeError as exc:
        return str(exc)

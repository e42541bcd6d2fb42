"""User text as it is shown: control, bidi and invisible format characters made visible.

The log keeps what was written, exactly. But a title or a note can hold characters that make it
display as something other than what it is: a terminal escape (ESC [31m) repaints the screen, a
RIGHT-TO-LEFT OVERRIDE (U+202E) makes "report<U+202E>fdp.exe" read "reportexe.pdf", a zero-width
space splits a word unseen. On a signed record that would disguise what was written, so whatever
shows user text passes it through one of these: the command line ``for_terminal``, the window and
the printed records ``for_screen``.

The characters, one definition for both: every code point of Unicode general category
  Cc      controls: C0 U+0000-001F (newline and tab too), DEL U+007F, C1 U+0080-009F;
  Cf      format characters: the bidi marks, embeddings, overrides and isolates (U+061C,
          U+200E/F, U+202A-202E, U+2066-2069), zero-width space and joiners (U+200B-200D), word
          joiner and invisible operators (U+2060-2064), U+FEFF, the soft hyphen U+00AD, the tag
          characters U+E0001 and U+E0020-E007F (they can carry a whole hidden ASCII text), and
          the few others;
  Zl, Zp  LINE / PARAGRAPH SEPARATOR U+2028/U+2029: line breaks that nothing else counts as one;
  Cs      lone surrogates (from undecodable file names): unprintable, and refused by UTF-8.
Left alone on purpose: variation selectors (U+FE00-FE0F, U+E0100-E01EF), which Japanese names
use for kanji variants (IVS), and ordinary spaces such as the ideographic space U+3000.

The ranges are written out rather than read from ``unicodedata`` at import (a scan takes 0.16 s,
too long for every CLI start); tests/unit/test_visible.py checks them against ``unicodedata``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# (first, last) code points. 13439-1343F are Cf from Unicode 15 (Python 3.12) and unassigned
# before, so marking them early costs nothing.
MARKED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x001F),
    (0x007F, 0x009F),
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xD800, 0xDFFF),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)

# The brackets of a mark on screen and paper. Control Pictures (U+2400 ␛) would be shorter, but
# IPAex Gothic, the font of the printed records, has none of them (they print as tofu); 〘 〙 are
# in it and in every Japanese UI font, and are rare in ordinary Japanese text.
OPEN, CLOSE = "〘", "〙"
# What the Control Pictures show: the ASCII names of the C0 controls.
C0_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()


def _char_class(ranges: tuple[tuple[int, int], ...], also: str = "") -> re.Pattern[str]:
    parts = [f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges]
    return re.compile("[" + "".join(parts) + re.escape(also) + "]")


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(terminal, screen, screen multiline), compiled on first use: some milliseconds that
    the window's start-up need not pay before it shows."""
    terminal = _char_class(MARKED_RANGES)
    # On screen the opening bracket is marked too when it is typed, so that a typed "〘U+202E〙"
    # never reads like a real override: what is shown always tells what is stored.
    screen = _char_class(MARKED_RANGES, OPEN)
    multiline = _char_class(((0x00, 0x08), (0x0B, 0x1F), *MARKED_RANGES[1:]), OPEN)  # \t \n
    return terminal, screen, multiline


_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _terminal_escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x20:
        return f"\\x{code:02x}"
    # \uXXXX rather than Python's \x85: inside a JSON string it is a valid escape as well.
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _screen_mark(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        name = C0_NAMES[code]
    elif code == 0x7F:
        name = "DEL"
    else:
        name = f"U+{code:04X}"
    return f"{OPEN}{name}{CLOSE}"


def for_terminal(text: str) -> str:
    """``text`` for a terminal line: every marked character as a Python-like escape (\\x1b,
    \\n, \\t, \\u202e), so the output holds no control, bidi or invisible format character.

    Backslashes are left as they are, so applying it twice changes nothing (it can run on a
    whole output that already went through it); a typed "\\x1b" therefore looks like a real one
    here, where the window and the paper tell them apart.
    """
    return _patterns()[0].sub(_terminal_escape, text)


def for_screen(text: str, multiline: bool = False) -> str:
    """``text`` for the window and the printed records: C0 controls and DEL as their names
    (〘ESC〙, 〘LF〙, 〘DEL〙), every other marked character as its code (〘U+202E〙), and a typed 〘
    as 〘U+3018〙, so no two texts look the same. With ``multiline`` newline and tab stay as they
    are. Text without any of them is returned as it is (the same object).
    """
    pattern = _patterns()[2] if multiline else _patterns()[1]
    return pattern.sub(_screen_mark, text)


def pad(text: str, width: int) -> str:
    """Pad to a terminal width: Japanese (wide) characters take two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)

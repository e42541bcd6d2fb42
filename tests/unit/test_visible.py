"""Control, bidi and invisible format characters are shown, never obeyed (app/domain/visible.py)."""

from __future__ import annotations

import re
import sys
import time
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.visible import C0_NAMES, CLOSE, MARKED_RANGES, OPEN, for_screen, for_terminal

CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")
MARKED = frozenset(c for a, b in MARKED_RANGES for c in range(a, b + 1))


def is_marked(char: str) -> bool:
    """The oracle: Unicode's own categories, not the ranges under test."""
    return unicodedata.category(char) in CATEGORIES


def test_the_ranges_are_exactly_unicodes_controls_and_format_characters() -> None:
    wanted = {c for c in range(sys.maxunicode + 1) if is_marked(chr(c))}
    assert wanted - MARKED == set(), "new format characters in this Python's Unicode: add them"
    extra = {c for c in MARKED - wanted if unicodedata.category(chr(c)) != "Cn"}
    assert extra == set(), "only code points unassigned in this Unicode may be marked in advance"


def test_the_characters_the_brief_names_are_all_marked() -> None:
    named = [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F)]
    named += [*range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0x2028, 0x2029]
    named += [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xE0041]
    assert set(named) <= MARKED
    # Kanji variants (IVS) and Japanese spaces are text, not disguise.
    for kept in ("葛\U000e0100", "\ufe0f", "\u3000", "\u00a0", "ａ", "、"):
        assert for_screen(kept) is kept and for_terminal(kept) is kept


def test_examples() -> None:
    title = "\x1b[31mRED\x1b[0m \u202eabc"
    assert for_terminal(title) == "\\x1b[31mRED\\x1b[0m \\u202eabc"
    assert for_screen(title) == "〘ESC〙[31mRED〘ESC〙[0m 〘U+202E〙abc"
    assert for_terminal("a\nb\tc\rd\x00\x7f\x85") == "a\\nb\\tc\\rd\\x00\\u007f\\u0085"
    assert for_terminal("\U000e0041\udcff") == "\\U000e0041\\udcff"
    assert for_screen("a\nb\tc\x7f") == "a〘LF〙b〘HT〙c〘DEL〙"
    assert for_screen("a\nb\tc\r\n", multiline=True) == "a\nb\tc〘CR〙\n"
    assert for_screen("〘U+202E〙") == "〘U+3018〙U+202E〙"  # a typed mark is not a real one
    assert for_screen("\u2028\u2029\u00ad") == "〘U+2028〙〘U+2029〙〘U+00AD〙"


def test_clean_text_comes_back_as_the_same_object() -> None:
    text = "財務課ファイルサーバの暗号化 (FIN-PC-023) \\x1b 〙"
    assert for_terminal(text) is text
    assert for_screen(text) is text
    assert for_screen("一行目\n\t二行目", multiline=True) == "一行目\n\t二行目"


def test_each_character_has_its_own_mark() -> None:
    terminal = {for_terminal(chr(c)) for c in MARKED}
    screen = {for_screen(chr(c)) for c in MARKED} | {for_screen(OPEN)}
    assert len(terminal) == len(MARKED)
    assert len(screen) == len(MARKED) + 1
    assert all(
        re.fullmatch(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|[ntr])", t) for t in terminal
    )
    assert len(C0_NAMES) == 32


def test_for_terminal_is_fast_on_a_whole_output() -> None:
    clean = "2026-0001  財務課ファイルサーバの暗号化  open  山田 一郎 | " * 20_000
    dirty = clean.replace("open", "op\x1ben")
    start = time.perf_counter()
    assert for_terminal(clean) is clean
    for_terminal(dirty)
    assert time.perf_counter() - start < 0.5  # ~1 MB each: a few ms each


# Text rich in what matters: the marked characters, the mark's own brackets and look-alikes.
TRICKY = st.sampled_from(
    ["\x1b", "\n", "\t", "\r", "\x00", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff"]
    + ["\u2028", "\U000e0041", "\udcff", OPEN, CLOSE, "U+202E", "ESC", "\\x1b", "\\", "x", "漢"]
)
PIECES = st.one_of(TRICKY, st.characters(blacklist_categories=()))
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def unmark(shown: str) -> str:
    """The inverse of for_screen: proof that no two texts are shown alike."""
    names = {name: chr(code) for code, name in enumerate(C0_NAMES)} | {"DEL": "\x7f"}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return names[name] if name in names else chr(int(name[2:], 16))

    assert shown.count(OPEN) == len(re.findall(f"{OPEN}([^{CLOSE}]*){CLOSE}", shown))
    return re.sub(f"{OPEN}([A-Z0-9+]+){CLOSE}", one, shown)


@pytest.mark.fuzz
@given(TEXTS)
def test_for_terminal_leaves_no_marked_character(text: str) -> None:
    out = for_terminal(text)
    assert not any(is_marked(c) for c in out)
    assert for_terminal(out) == out  # safe to apply again to a whole output
    if not any(is_marked(c) for c in text):
        assert out is text


@pytest.mark.fuzz
@given(TEXTS)
def test_for_screen_leaves_none_and_tells_every_text_apart(text: str) -> None:
    out = for_screen(text)
    assert not any(is_marked(c) for c in out)
    assert unmark(out) == text
    lines = for_screen(text, multiline=True)
    assert not any(is_marked(c) for c in lines if c not in "\n\t")
    assert unmark(lines) == text
    if not any(is_marked(c) for c in text) and OPEN not in text:
        assert out is text and lines is text


@pytest.mark.fuzz
@given(TEXTS, TEXTS)
def test_no_two_texts_are_shown_alike(a: str, b: str) -> None:
    if a != b:
        assert for_screen(a) != for_screen(b)
        assert for_screen(a, multiline=True) != for_screen(b, multiline=True)

"""The Japanese font: found, embedded, and a clear error instead of tofu when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import SonaeError
from app.reports import fonts


def test_a_japanese_font_is_registered_as_a_family() -> None:
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase import pdfmetrics

    found = fonts.register_fonts()
    assert found.source.is_file()
    face = pdfmetrics.getFont(found.regular).face
    assert all(ord(c) in face.charToGlyph for c in "訓練要確認")
    assert tt2ps(found.regular, 1, 0) == found.bold


def test_a_configured_font_that_cannot_be_used_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "nothing.ttf"
    monkeypatch.setenv(fonts.FONT_ENV, str(missing))
    with pytest.raises(SonaeError, match="nothing.ttf"):
        fonts.register_fonts()
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():  # a real TrueType font without Japanese glyphs
        monkeypatch.setenv(fonts.FONT_ENV, str(latin))
        with pytest.raises(SonaeError, match="DejaVuSans"):
            fonts.register_fonts()
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00" + b"not a font\n" * 50)
    monkeypatch.setenv(fonts.FONT_ENV, str(broken))
    with pytest.raises(SonaeError, match="broken.ttf") as raised:
        fonts.register_fonts()
    assert "\n" not in str(raised.value)  # printed on one line


def test_a_configured_font_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    found = fonts.register_fonts()
    monkeypatch.setenv(fonts.FONT_ENV, f"{found.source}#0")
    assert fonts.register_fonts().source == found.source


def test_no_font_names_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "candidates", lambda: [])
    with pytest.raises(SonaeError) as raised:
        fonts.register_fonts()
    assert "fonts-ipaexfont" in str(raised.value) and fonts.FONT_ENV in str(raised.value)


def test_windows_collections_are_found_with_their_bold_face(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Yu Gothic's regular and bold collections, as a Windows fonts folder holds them."""
    import shutil

    source = fonts.register_fonts().source
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    shutil.copy(source, folder / "YuGothR.ttc")  # reportlab reads the file by content, not name
    shutil.copy(source, folder / "YuGothB.ttc")
    monkeypatch.setattr(fonts, "_LINUX", ())
    monkeypatch.setattr(fonts, "bundled_fonts", lambda: [])
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    found = fonts.candidates()
    assert found == [
        (fonts.FontFile(folder / "YuGothR.ttc"), fonts.FontFile(folder / "YuGothB.ttc"))
    ]
    try:
        assert fonts.register_fonts().source == folder / "YuGothR.ttc"
    finally:
        monkeypatch.undo()
        fonts.register_fonts()  # back to the machine's font for the tests that follow


def test_a_font_shipped_with_the_build_comes_before_the_systems(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``make package FONT=…`` puts the city's font in resources/fonts/: records use it first,
    and a file there that is not a font (a licence text) is not taken for one."""
    import shutil

    from app import paths

    system = fonts.register_fonts().source
    shipped = tmp_path / "resources" / "fonts"
    shipped.mkdir(parents=True)
    shutil.copy(system, shipped / "city-gothic.ttf")
    (shipped / "LICENSE.txt").write_text("licence", "utf-8")
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path / "resources")
    monkeypatch.setattr(fonts, "bundled_fonts", paths.bundled_fonts)
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    assert paths.bundled_fonts() == [shipped / "city-gothic.ttf"]
    assert fonts.candidates()[0] == (fonts.FontFile(shipped / "city-gothic.ttf"), None)
    try:
        assert fonts.register_fonts().source == shipped / "city-gothic.ttf"
    finally:
        monkeypatch.undo()
        fonts.register_fonts()  # back to the machine's font for the tests that follow

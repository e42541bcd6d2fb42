"""One version everywhere: app.__version__ is the package's version (pyproject.toml reads it),
and it is what --version, every PDF (footer on each page and metadata), every bundle's manifest,
the newest CHANGELOG release and the Windows installer's include say. About: tests/ui/test_about.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from pypdf import PdfReader

from app import __version__
from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_package_version_is_app_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in project["project"]  # no second literal to drift
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_version_on_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stdout.strip() == f"sonae {__version__}"


def test_the_changelog_names_this_version_first() -> None:
    releases = re.findall(
        r"^## (\d+\.\d+\.\d+)\b", (ROOT / "CHANGELOG.md").read_text("utf-8"), re.M
    )
    assert releases[0] == __version__, releases
    assert len(releases) == len(set(releases))


def test_the_windows_installer_takes_the_version_package_writes() -> None:
    script = (ROOT / "packaging" / "windows" / "sonae.iss").read_text("utf-8")
    assert '#include "..\\..\\dist\\sonae-version.iss"' in script
    assert "AppVersion={#AppVersion}" in script
    assert "sonae-version.iss" in (ROOT / "packaging" / "package.py").read_text("utf-8")


def test_the_windows_icon_has_every_size_windows_asks_for() -> None:
    """The installer and the .exe use packaging/windows/sonae.ico, made from the window's SVG."""
    import importlib.util

    from PIL import Image

    # By path: "packaging" is also the name of a PyPI package.
    spec = importlib.util.spec_from_file_location(
        "make_icon", ROOT / "packaging" / "windows" / "make_icon.py"
    )
    assert spec is not None and spec.loader is not None
    make_icon = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icon)

    assert "SetupIconFile=sonae.ico" in (ROOT / "packaging" / "windows" / "sonae.iss").read_text()
    assert 'windows" / "sonae.ico' in (ROOT / "packaging" / "sonae.spec").read_text()
    with Image.open(ROOT / "packaging" / "windows" / "sonae.ico") as icon:
        assert icon.ico.sizes() == set(make_icon.SIZES)
        biggest = icon.ico.getimage((256, 256)).convert("RGBA")
    corner, middle = biggest.getpixel((2, 2)), biggest.getpixel((128, 60))
    assert corner[3] == 0  # transparent around the shield
    assert middle[3] == 255 and middle[2] > middle[0]  # the blue shield itself


def test_every_pdf_page_and_every_bundle_names_the_version(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    pdf = tmp_path / "demo.pdf"
    assert main(["--data-dir", str(data), "demo", "--out", str(pdf)]) == 0
    reader = PdfReader(pdf)
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert f"Sonae {__version__}" in page.extract_text()
    assert reader.metadata is not None and reader.metadata.creator == f"Sonae {__version__}"
    bundle = tmp_path / "b.sonae"
    incident = json.loads(
        subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(data), "incident", "list", "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout
    )[0]["id"]
    assert (
        main(["--data-dir", str(data), "export", incident, "--out", str(bundle), "--actor", "係"])
        == 0
    )
    with zipfile.ZipFile(bundle) as archive:
        assert json.loads(archive.read("manifest.json"))["sonae"] == __version__

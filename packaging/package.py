"""Build the one-folder program and its Linux archive, and list what takes the room.

Usage: python packaging/package.py [--font FILE] [--dist DIR]

- ``DIR/sonae/``: the PyInstaller one-folder build (packaging/sonae.spec keeps only the Qt
  plugins and libraries the app loads).
- ``DIR/sonae-VERSION-linux-x86_64.tar.gz`` (on Linux): that folder with ``install.sh``, the
  ``.desktop`` file and the icon, for ``sudo ./install.sh`` (/opt/sonae).
- ``DIR/sonae-version.iss``: the version for the Windows installer script
  (packaging/windows/sonae.iss includes it).
- ``DIR/sonae-size.json``: the unpacked size by part and the archive's size
  (tests/e2e/test_frozen.py reads it).

``--font FILE`` ships a Japanese font the city supplies (its licence must permit it) in
``resources/fonts/``: the records and the window then use it before any font of the system.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from app import __version__  # noqa: E402 - the checkout's app, whatever is installed

PACKAGING = ROOT / "packaging"
# The parts of the build, first match wins: what a reader of the size table needs to tell apart.
PARTS = (
    ("Qt translations", "_internal/PySide6/Qt/translations/"),
    ("Qt plugins", "_internal/PySide6/Qt/plugins/"),
    ("Qt libraries (ICU included)", "_internal/PySide6/Qt/lib/"),
    ("PySide6 and shiboken6 bindings", "_internal/PySide6/"),
    ("PySide6 and shiboken6 bindings", "_internal/shiboken6/"),
    ("cryptography (Ed25519, AES-GCM, scrypt)", "_internal/cryptography"),
    ("pdfium (timeline chart PNG)", "_internal/pypdfium2"),
    ("pydantic", "_internal/pydantic"),
    ("Pillow's core (reportlab imports it; the chart PNG)", "_internal/PIL"),
    ("Pillow's core (reportlab imports it; the chart PNG)", "_internal/pillow.libs"),
    ("font shipped with the build", "_internal/resources/fonts/"),
    ("plans, translations, icon", "_internal/playbooks/"),
    ("plans, translations, icon", "_internal/resources/"),
    ("Python and its modules (sonae, reportlab…)", "sonae"),
    ("Python and its modules (sonae, reportlab…)", "_internal/base_library.zip"),
    ("Python and its modules (sonae, reportlab…)", "_internal/python"),
    ("Python and its modules (sonae, reportlab…)", "_internal/libpython"),
)
OTHER = "other libraries (SQLite, libstdc++, libffi…)"


def part_of(relative: str) -> str:
    return next((name for name, prefix in PARTS if relative.startswith(prefix)), OTHER)


def sizes(folder: Path) -> dict[str, int]:
    """Bytes by part; a symbolic link counts nothing (its target is counted once)."""
    found: dict[str, int] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        part = part_of(path.relative_to(folder).as_posix())
        found[part] = found.get(part, 0) + path.stat().st_size
    return found


def megabytes(n: int) -> str:
    return f"{n / 1e6:7.1f} MB"


def build(dist: Path, font: Path | None) -> Path:
    env = dict(os.environ)
    env.pop("SONAE_PACKAGE_FONT", None)
    if font is not None:
        if not font.is_file():
            raise SystemExit(f"package: {font}: no such font file")
        env["SONAE_PACKAGE_FONT"] = str(font.resolve())
    subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN"),
            *("--distpath", str(dist), "--workpath", str(dist.parent / "build" / "pyinstaller")),
            str(PACKAGING / "sonae.spec"),
        ],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return dist / "sonae"


def linux_archive(dist: Path, folder: Path) -> Path:
    """The folder, install.sh, the menu entry and the icon under one top folder."""
    machine = platform.machine() or "x86_64"
    top = f"sonae-{__version__}"
    archive = dist / f"{top}-linux-{machine}.tar.gz"
    extras = {
        "install.sh": PACKAGING / "linux" / "install.sh",
        "sonae.desktop": PACKAGING / "sonae.desktop",
        "sonae.svg": ROOT / "resources" / "icons" / "sonae.svg",
    }
    with tarfile.open(archive, "w:gz", compresslevel=9) as tar:
        tar.add(folder, arcname=f"{top}/sonae")
        for name, source in extras.items():
            tar.add(source, arcname=f"{top}/{name}")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, help="a font file to ship (licence permitting)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    folder = build(dist, args.font)
    (dist / "sonae-version.iss").write_text(f'#define AppVersion "{__version__}"\n', "utf-8")
    parts = sizes(folder)
    unpacked = sum(parts.values())
    print(f"Sonae {__version__}, one folder {folder}:")
    for name, size in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  {megabytes(size)}  {name}")
    print(f"  {megabytes(unpacked)}  unpacked in all")
    record = {"version": __version__, "unpacked": unpacked, "parts": parts}
    if sys.platform.startswith("linux"):
        archive = linux_archive(dist, folder)
        record["archive"] = archive.stat().st_size
        record["archive_name"] = archive.name
        print(f"  {megabytes(record['archive'])}  {archive.name}")
    (dist / "sonae-size.json").write_text(json.dumps(record, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

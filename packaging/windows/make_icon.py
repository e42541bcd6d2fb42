"""Make packaging/windows/sonae.ico (the program's and the installer's icon) from the window's
SVG icon, in the sizes Windows asks for, so the two never differ. Run again after changing
resources/icons/sonae.svg:  QT_QPA_PLATFORM=offscreen python packaging/windows/make_icon.py
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - Qt's painting needs an application
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ROOT / "resources" / "icons" / "sonae.svg")).render(painter)
    painter.end()
    png = QByteArray()
    buffer = QBuffer(png)
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    picture.save(ROOT / "packaging" / "windows" / "sonae.ico", sizes=SIZES)


if __name__ == "__main__":
    main()

"""The PNG writer: what it writes reads back, pixel for pixel, in Qt's decoder and in Pillow's."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from app.reports.png import SIGNATURE, encode_rgb


def _pixels(width: int, height: int, stride: int, seed: int) -> bytes:
    rng = random.Random(seed)
    rows = []
    for _ in range(height):
        row = bytes(rng.randrange(256) for _ in range(3 * width))
        rows.append(row + b"\xee" * (stride - 3 * width))  # padding a reader must skip
    return b"".join(rows)


@pytest.mark.parametrize(("width", "height", "pad"), [(1, 1, 0), (7, 5, 3), (64, 33, 1)])
def test_round_trip_through_two_decoders(width: int, height: int, pad: int) -> None:
    stride = 3 * width + pad
    pixels = _pixels(width, height, stride, seed=width * height)
    data = encode_rgb(width, height, stride, pixels)
    assert data.startswith(SIGNATURE)
    expected = [
        pixels[y * stride + 3 * x : y * stride + 3 * x + 3]
        for y in range(height)
        for x in range(width)
    ]
    image = Image.open(io.BytesIO(data))
    image.load()  # verifies every chunk's CRC and the zlib stream
    assert image.mode == "RGB" and image.size == (width, height)
    assert image.tobytes() == b"".join(expected)
    qt = QImage.fromData(data, "PNG")
    assert (qt.width(), qt.height()) == (width, height)
    got = [qt.pixelColor(x, y).getRgb()[:3] for y in range(height) for x in range(width)]
    assert [bytes(c) for c in got] == expected


@pytest.mark.parametrize(
    ("width", "height", "stride", "size"), [(0, 1, 3, 3), (2, 2, 5, 12), (2, 2, 6, 11)]
)
def test_a_bitmap_that_does_not_fit_its_sizes_is_refused(
    width: int, height: int, stride: int, size: int
) -> None:
    with pytest.raises(ValueError, match="RGB bitmap"):
        encode_rgb(width, height, stride, bytes(size))

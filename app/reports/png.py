"""A rendered RGB bitmap as a PNG file, with the standard library's zlib.

The timeline chart is rasterised by pdfium (pypdfium2), which gives raw pixels; Pillow would
only encode them, and with its image libraries it is a fifth of a frozen build (19 MB). A
truecolour PNG is three chunks (PNG specification, ISO/IEC 15948): the header, the
zlib-compressed rows each behind a filter byte (0: none; the chart's long runs of white and of
flat colour compress well without one), and the end.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RGB = 2  # colour type: truecolour, 8 bits a channel
_NO_FILTER = b"\x00"


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_rgb(width: int, height: int, stride: int, pixels: bytes | memoryview) -> bytes:
    """PNG bytes of ``height`` rows of ``width`` RGB pixels, each row ``stride`` bytes apart."""
    if width <= 0 or height <= 0 or stride < 3 * width or len(pixels) < stride * height:
        raise ValueError(f"not a {width}×{height} RGB bitmap with stride {stride}")
    rows = memoryview(pixels)
    row_bytes = 3 * width
    raw = b"".join(
        _NO_FILTER + bytes(rows[y * stride : y * stride + row_bytes]) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, _RGB, 0, 0, 0)
    idat = _chunk(b"IDAT", zlib.compress(raw, 9))
    return SIGNATURE + _chunk(b"IHDR", header) + idat + _chunk(b"IEND", b"")

"""The chain head as a QR code, drawn as vector rectangles on every printed page.

What the code holds: the chain head itself, the 64 lower-case hex characters exactly as
``sonae incident show`` and ``sonae verify --head`` write and read them, with no prefix and
nothing else. A phone or a desk scanner that reads the code gives the text to paste after
``--head``; a prefix such as ``sonae-head:`` would have to be cut off by hand first, and a
64-character hex string is already unmistakable on a page that says 「チェーン先頭」 beside it.

Encoding: byte mode, error correction level M or higher (segno raises the level when the same
version holds it), which gives version 5 (37 x 37 modules) for a 64-character head. Drawn 12 mm
wide a module is 0.32 mm: above the 0.25 mm that office laser printers and phone cameras read
without trouble, and large enough to survive a photocopy. The quiet zone (4 modules) is left
blank by the page layout, not drawn.

The rectangles are one row's runs of dark modules, so a symbol is some 300 rectangles in one
filled path (no seams between them where a viewer anti-aliases), put once in a PDF form that
every page refers to.
"""

from __future__ import annotations

# (x, y, width, height) in modules, y counted upwards from the symbol's bottom edge.
Run = tuple[int, int, int, int]
QUIET_ZONE = 4  # modules of blank margin the standard asks for around the symbol


def head_runs(head: str) -> tuple[int, list[Run]]:
    """(modules per side, the dark runs) of the QR code holding ``head``."""
    import segno  # imported with the reports only: start-up stays light

    code = segno.make_qr(head, error="m")
    rows = [list(row) for row in code.matrix]
    size = len(rows)
    runs: list[Run] = []
    for number, row in enumerate(rows):
        y = size - 1 - number
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append((start, y, x - start, 1))
            else:
                x += 1
    return size, runs

"""Write the .ts translation sources in one layout (4-space indents), whatever lupdate version
made them, so that `make update-translations` changes only what changed."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def tidy(path: str) -> None:
    tree = ET.parse(path)
    ET.indent(tree, "    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        tidy(name)

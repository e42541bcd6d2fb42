"""Smoke-test a frozen build: it must find its bundled plans and run the demo end to end.

Usage: python packaging/smoke_frozen.py dist/sonae/sonae
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def main(executable: str) -> int:
    with tempfile.TemporaryDirectory() as data:

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [executable, "--data-dir", data, "--lang", "en", *args],
                capture_output=True,
                text=True,
                timeout=300,
            )

        version = run("--version")
        assert version.returncode == 0 and version.stdout.startswith("sonae "), version
        plans = json.loads(run("playbooks", "list", "--json").stdout)
        assert any(p["id"] == "ransomware" for p in plans), plans
        assert run("playbooks", "check").returncode == 0
        scripts = json.loads(run("exercise", "list", "--json").stdout)
        assert len(scripts) == 3 and run("exercise", "check").returncode == 0, scripts
        pdf = Path(data) / "demo.pdf"
        demo = run("demo", "--out", str(pdf))
        assert demo.returncode == 0 and "intact" in demo.stdout, demo.stderr
        assert pdf.read_bytes().startswith(b"%PDF"), "no PDF record: reportlab or its font missing"
        png = Path(data) / "chart.png"
        chart = run("timeline", "2026-0001", "--png", str(png))
        assert chart.returncode == 0 and png.read_bytes()[:4] == b"\x89PNG", chart.stderr
        # The window opens (offscreen) and quits once it is interactive: Qt was bundled whole.
        gui = subprocess.run(
            [executable, "--data-dir", data, "gui"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "SONAE_EXIT_WHEN_READY": "window"},
        )
        assert gui.returncode == 0 and "ready" in gui.stdout, gui.stderr
    print(f"frozen build OK: {len(plans)} playbooks, demo and its PDF, chart PNG, window")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""Smoke-test a frozen build: it must find its bundled plans and run the demo end to end.

Usage: python packaging/smoke_frozen.py dist/sonae/sonae
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile


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
        demo = run("demo")
        assert demo.returncode == 0 and "intact" in demo.stdout, demo.stderr
    print(f"frozen build OK: {len(plans)} playbooks, demo intact")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

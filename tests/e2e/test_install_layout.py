"""An installed copy (not a checkout) finds its bundled plans inside the package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_built_wheel_carries_the_playbooks(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and "No module named" in build.stderr:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip().splitlines()[-1]}")
    assert build.returncode == 0, build.stderr
    target = tmp_path / "site"
    wheel = next(wheels.glob("sonae-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[1]); import app.paths as p, app.cli as c;"
            "print(p.playbooks_dir()); sys.argv=['sonae','playbooks','list','--json'];"
            "sys.exit(c.main(sys.argv[1:]))",
            str(target),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    folder, _, listing = result.stdout.partition("\n")
    assert folder.startswith(str(target)) and folder.endswith("_bundled/playbooks")
    plans = json.loads(listing)
    assert "ransomware" in {p["id"] for p in plans}
    assert all(p["path"].startswith(str(target)) for p in plans)
    # The exercise scripts and their schema travel with the plans.
    bundled = Path(folder) / "exercises"
    assert {p.name for p in bundled.iterdir()} == {
        p.name for p in (ROOT / "playbooks" / "exercises").iterdir()
    }


def test_every_python_package_is_listed_for_installation() -> None:
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "app").rglob("__init__.py")
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"

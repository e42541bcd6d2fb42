"""Timing fresh processes: the command line and the window, each beside a bare process.

Every process of a run shares one byte-code cache in the run's own folder, as an installed copy
has one (pip and PyInstaller compile at install): a figure then measures Sonae, not the compiler
(``PYTHONDONTWRITEBYTECODE``, which some shells set, would otherwise make every process compile
each of Sonae's modules again). Each command runs once untimed first, to fill that cache.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


def process_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment for a timed process: this one's, with the run's byte-code cache."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    env.update(extra)
    return env


def run_seconds(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning the process until it has exited; it must succeed."""
    began = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise RuntimeError(f"{command} failed: {result.stderr[-2000:]}")
    return elapsed

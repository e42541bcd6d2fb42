from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.store.lock import InstanceLock

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_instance_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    with InstanceLock(tmp_path):
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from app.store.lock import InstanceLock\n"
                "from app.i18n import set_language; set_language('en')\n"
                "try:\n    InstanceLock(Path(sys.argv[1])).acquire()\n"
                "except Exception as e:\n    print(e); sys.exit(1)",
                str(tmp_path),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert probe.returncode == 1 and "already running" in probe.stdout


def test_the_lock_is_free_again_after_release(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path)
    first.acquire()
    first.release()
    second = InstanceLock(tmp_path)
    second.acquire()  # no error
    second.release()


def test_two_locks_in_one_process_conflict(tmp_path: Path) -> None:
    with InstanceLock(tmp_path), pytest.raises(SonaeError):
        InstanceLock(tmp_path).acquire()

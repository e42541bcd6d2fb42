"""Every test gets a fresh, empty data folder, through the same override users have."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from app.domain.clock import ManualClock
from app.i18n import set_language
from app.paths import DATA_DIR_ENV
from app.services.workspace import Workspace

START = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)  # 09:00 JST


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(root))
    set_language("ja")
    return root


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def workspace(data_dir: Path, clock: ManualClock) -> Iterator[Workspace]:
    ws = Workspace(data_dir, clock=clock)
    yield ws
    ws.close()


# Property-based tests: a bounded run in `make test` ("ci", the default) and a long one before a
# release (`make fuzz`, HYPOTHESIS_PROFILE=release). Neither has a per-example deadline: the
# bounds under test are asserted by the tests themselves, not by hypothesis' timer.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "release",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

"""Every test gets a fresh, empty data folder, through the same override users have."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

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

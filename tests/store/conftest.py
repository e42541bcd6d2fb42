"""Store fixtures: a database with a log worth tampering with."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store.log import LogStore
from tests.store.helpers import fill


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, str]:
    """A database with an incident of 7 entries (returned) and a second, untouched one of 3."""
    path = tmp_path / "sonae.db"
    store = LogStore(path)
    incident = fill(store, notes=6)
    fill(store, notes=2)
    store.close()
    return path, incident

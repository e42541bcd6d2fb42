"""Drafts (issue 12, point 6): what was typed and not recorded, kept outside the log, one file
per incident, replaced whole, a broken one said and ignored, nothing written read-only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.paths import DRAFTS_FOLDER, KEPT_FOLDERS
from app.services import drafts as drafts_module
from app.services.drafts import Drafts, IncidentDrafts
from app.services.workspace import Workspace


def some_drafts() -> IncidentDrafts:
    drafts = IncidentDrafts()
    drafts.put_fields("isolate", {"host": "FIN-PC-023", "location": "", "count": 0})
    drafts.put_note("isolate", "LANケーブルを抜いた 🔌")
    drafts.quick = "財務課から電話\n二行目"
    return drafts


def test_a_draft_comes_back_as_it_was_typed(data_dir: Path) -> None:
    Drafts(data_dir).save("2026-0001", some_drafts())
    back, problem = Drafts(data_dir).load("2026-0001")
    assert problem is None
    # An empty input is no draft; a typed 0 is one.
    assert back.fields == {"isolate": {"host": "FIN-PC-023", "count": 0}}
    assert back.notes == {"isolate": "LANケーブルを抜いた 🔌"}
    assert back.quick == "財務課から電話\n二行目"
    assert Drafts(data_dir).incidents() == ["2026-0001"]
    assert (data_dir / DRAFTS_FOLDER / "2026-0001.json").stat().st_mode & 0o077 == 0


def test_an_emptied_draft_removes_its_file(data_dir: Path) -> None:
    drafts = some_drafts()
    Drafts(data_dir).save("2026-0001", drafts)
    drafts.drop_step("isolate")
    drafts.quick = "  "
    assert drafts.empty()
    Drafts(data_dir).save("2026-0001", drafts)
    assert not (data_dir / DRAFTS_FOLDER / "2026-0001.json").exists()
    assert Drafts(data_dir).incidents() == []


def test_a_write_that_fails_half_way_leaves_the_draft_before(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Drafts(data_dir).save("2026-0001", some_drafts())
    newer = some_drafts()
    newer.quick = "書きかけ"

    def fails(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fails)
    with pytest.raises(SonaeError) as refused:
        Drafts(data_dir).save("2026-0001", newer)
    assert "\n" not in str(refused.value)
    monkeypatch.undo()
    back, problem = Drafts(data_dir).load("2026-0001")
    assert problem is None and back.quick == "財務課から電話\n二行目"
    # No temporary file is left beside it.
    assert [p.name for p in (data_dir / DRAFTS_FOLDER).iterdir()] == ["2026-0001.json"]


@pytest.mark.parametrize(
    "content",
    [b'{"schema": 1, "quick": "half', b"\xff\xfe", b"[]", b'{"schema": 9}', b""],
)
def test_a_broken_draft_file_is_said_in_one_line_and_ignored(
    data_dir: Path, content: bytes
) -> None:
    folder = data_dir / DRAFTS_FOLDER
    folder.mkdir(parents=True)
    (folder / "2026-0001.json").write_bytes(content)
    back, problem = Drafts(data_dir).load("2026-0001")
    assert back.empty()
    assert problem is not None and "\n" not in str(problem) and "2026-0001.json" in str(problem)
    assert Drafts(data_dir).incidents() == []


def test_odd_values_in_a_draft_file_are_left_out(data_dir: Path) -> None:
    folder = data_dir / DRAFTS_FOLDER
    folder.mkdir(parents=True)
    data = {
        "schema": 1,
        "fields": {"isolate": {"host": "PC", "x": [1], "y": None}, "bad": "no"},
        "notes": {"isolate": 3, "record_note": "メモ"},
        "quick": ["no"],
    }
    (folder / "2026-0001.json").write_text(json.dumps(data), "utf-8")
    back, problem = Drafts(data_dir).load("2026-0001")
    assert problem is None
    assert back.fields == {"isolate": {"host": "PC"}}
    assert back.notes == {"record_note": "メモ"}
    assert back.quick == ""


def test_a_folder_in_place_of_the_file_is_said_not_a_crash(data_dir: Path) -> None:
    (data_dir / DRAFTS_FOLDER / "2026-0001.json").mkdir(parents=True)
    back, problem = Drafts(data_dir).load("2026-0001")
    assert back.empty() and problem is not None


def test_read_only_writes_nothing(data_dir: Path) -> None:
    data_dir.mkdir()
    Drafts(data_dir, read_only=True).save("2026-0001", some_drafts())
    assert not (data_dir / DRAFTS_FOLDER).exists()
    assert list(data_dir.iterdir()) == []


def test_an_id_that_is_no_file_name_writes_nothing(data_dir: Path) -> None:
    Drafts(data_dir).save("../../etc/x", some_drafts())
    assert not (data_dir / DRAFTS_FOLDER).exists()
    assert Drafts(data_dir).load("../x")[0].empty()


def test_drafts_are_never_in_the_log(data_dir: Path, workspace: Workspace) -> None:
    incident_id = workspace.incidents.start("ransomware", "下書き", "係", mode="drill")
    before = [e.uuid for e in workspace.incidents.entries(incident_id)]
    Drafts(data_dir).save(incident_id, some_drafts())
    assert [e.uuid for e in workspace.incidents.entries(incident_id)] == before
    state = workspace.incidents.state(incident_id)
    assert not state.plan.steps.get("isolate") or not state.plan.steps["isolate"].fields
    assert workspace.verify(incident_id).ok


def test_no_output_can_be_written_into_the_drafts_folder() -> None:
    assert DRAFTS_FOLDER in KEPT_FOLDERS
    assert drafts_module.DRAFTS_FOLDER == DRAFTS_FOLDER

"""Where a report is written: only over a regular file, only into an existing folder, and with
the permissions any other file the user makes would get."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.services.reports import write_checklist, write_report, write_timeline_csv
from app.services.workspace import Workspace

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files and modes")


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@posix
def test_special_files_and_folders_are_never_replaced(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fifo = out / "pipe.pdf"
    os.mkfifo(fifo)
    folder = out / "folder.pdf"
    folder.mkdir()
    before = workspace.incidents.state(drill).entries
    for target in (fifo, folder):
        with pytest.raises(SonaeError) as caught:
            write_report(workspace, drill, target)
        assert "\n" not in str(caught.value) and str(target) in str(caught.value)
        with pytest.raises(SonaeError):
            write_checklist(workspace, "ransomware", target)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and folder.is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["folder.pdf", "pipe.pdf"]  # no temp
    assert workspace.incidents.state(drill).entries == before  # nothing issued, nothing logged


def test_a_missing_folder_is_refused_not_created(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    target = tmp_path / "typo" / "deeper" / "record.pdf"
    with pytest.raises(SonaeError) as caught:
        write_report(workspace, drill, target)
    assert "\n" not in str(caught.value)
    with pytest.raises(SonaeError):
        write_timeline_csv(workspace, drill, target.with_suffix(".csv"))
    assert not (tmp_path / "typo").exists()


@posix
def test_new_files_follow_the_umask_and_overwrites_keep_their_mode(
    workspace: Workspace, drill: str, tmp_path: Path, umask: None
) -> None:
    new = tmp_path / "record.pdf"
    write_report(workspace, drill, new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    os.umask(0o027)
    other = tmp_path / "paper.pdf"
    write_checklist(workspace, "ransomware", other)
    assert stat.S_IMODE(other.stat().st_mode) == 0o640
    # Overwriting a regular file is allowed (the user named it); its permission bits stay.
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"old")
    existing.chmod(0o600)
    write_report(workspace, drill, existing)
    assert (
        existing.read_bytes().startswith(b"%PDF") and stat.S_IMODE(existing.stat().st_mode) == 0o600
    )


@posix
def test_a_link_is_written_through(workspace: Workspace, drill: str, tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_report(workspace, drill, link)
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF")


def test_cli_out_errors_are_one_line(
    workspace: Workspace,
    drill: str,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    workspace.close()
    missing = tmp_path / "nowhere" / "r.pdf"
    assert main(["--data-dir", str(data_dir), "report", drill, "--out", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere" in err
    assert not missing.parent.exists()


def test_a_layout_failure_is_a_one_line_error(
    workspace: Workspace, drill: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.platypus.doctemplate import LayoutError

    import app.reports.record as record

    def cannot(*_args: object) -> None:
        raise LayoutError("Flowable <Table> with cell(0,0) containing\n'...' too large on page 5")

    monkeypatch.setattr(record, "render_record", cannot)
    target = tmp_path / "record.pdf"
    with pytest.raises(SonaeError) as caught:
        write_report(workspace, drill, target)
    assert "\n" not in str(caught.value) and "too large" not in str(caught.value).split(":")[0]
    assert not target.exists()

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
def test_an_existing_link_is_refused_and_what_it_points_to_is_untouched(
    workspace: Workspace, drill: str, tmp_path: Path
) -> None:
    decoy = tmp_path / "passwd"
    decoy.write_bytes(b"root:x:0:0\n")
    link = tmp_path / "link.pdf"
    link.symlink_to(decoy)
    before = workspace.incidents.count(drill)
    with pytest.raises(SonaeError) as caught:
        write_report(workspace, drill, link)
    assert "symbolic link" in caught.value.msg.render("en") and "\n" not in str(caught.value)
    with pytest.raises(SonaeError):
        write_timeline_csv(workspace, drill, link)
    with pytest.raises(SonaeError):
        write_checklist(workspace, "ransomware", link)
    assert link.is_symlink() and decoy.read_bytes() == b"root:x:0:0\n"
    assert workspace.incidents.count(drill) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_read_only_file_is_not_replaced(workspace: Workspace, drill: str, tmp_path: Path) -> None:
    kept = tmp_path / "signed.pdf"
    kept.write_bytes(b"the signed copy")
    kept.chmod(0o444)  # refused by its mode, for the administrator too
    before = workspace.incidents.count(drill)
    with pytest.raises(SonaeError) as caught:
        write_report(workspace, drill, kept)
    assert "read-only" in caught.value.msg.render("en")
    assert kept.read_bytes() == b"the signed copy"
    assert workspace.incidents.count(drill) == before


def _kept_files(root: Path) -> list[Path]:
    from app.paths import KEPT_NAMES

    return [root / name for name in KEPT_NAMES] + [root / "playbooks" / "own.yaml"]


def test_no_output_can_land_on_a_file_sonae_keeps(
    workspace: Workspace, drill: str, data_dir: Path
) -> None:
    """The database, its WAL and shared memory, the seen record, contacts, settings and the
    city's plans: each refused however it is spelt, and the log is whole afterwards."""
    (data_dir / "playbooks").mkdir()
    (data_dir / "playbooks" / "own.yaml").write_text("schema: 1\n", "utf-8")
    (data_dir / "contacts.yaml").write_text("people: []\n", "utf-8")
    workspace.store.seen.flush()  # type: ignore[union-attr]
    before = {p: p.read_bytes() for p in _kept_files(data_dir) if p.exists()}
    assert (data_dir / "sonae.db") in before and (data_dir / "sonae-seen.json") in before
    entries = workspace.incidents.count(drill)
    spellings = []
    for kept in _kept_files(data_dir):
        spellings.append(kept)
        spellings.append(data_dir / ".." / data_dir.name / kept.relative_to(data_dir))
    for target in spellings:
        for write in (
            lambda t: write_report(workspace, drill, t),
            lambda t: write_report(workspace, drill, t, kind="after-action"),
            lambda t: write_timeline_csv(workspace, drill, t),
            lambda t: write_checklist(workspace, "ransomware", t),
        ):
            with pytest.raises(SonaeError) as caught:
                write(target)
            assert "keeps" in caught.value.msg.render("en"), target
    assert workspace.incidents.count(drill) == entries
    assert workspace.verify(drill).ok
    for path, content in before.items():
        if path.name not in ("sonae.db-wal", "sonae.db-shm"):  # SQLite's own to change
            assert path.read_bytes() == content, path


@posix
def test_a_linked_folder_does_not_hide_the_database(
    workspace: Workspace, drill: str, data_dir: Path, tmp_path: Path
) -> None:
    alias = tmp_path / "reports"
    alias.symlink_to(data_dir, target_is_directory=True)
    with pytest.raises(SonaeError):
        write_report(workspace, drill, alias / "sonae.db")
    assert workspace.verify(drill).ok


def test_the_cli_refuses_the_database_as_out_and_keeps_every_entry(
    workspace: Workspace, drill: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    entries = workspace.incidents.count(drill)
    workspace.close()
    db = data_dir / "sonae.db"
    for args in (
        ["report", drill, "--out", str(db)],
        ["timeline", drill, "--csv", str(db)],
        ["timeline", drill, "--png", str(data_dir / "sonae.db-wal")],
        ["print", "ransomware", "--out", str(data_dir / "sonae-seen.json")],
        ["demo", "--out", str(db)],
    ):
        assert main(["--lang", "en", "--data-dir", str(data_dir), *args]) == 1, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "keeps" in err, (args, err)
    ws = Workspace(data_dir)
    assert ws.incidents.count(drill) == entries and ws.verify(drill).ok
    ws.close()


def test_a_copy_the_log_cannot_record_is_not_written(
    workspace: Workspace, drill: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise SonaeError("the disk is full, so nothing was recorded")

    monkeypatch.setattr("app.services.incidents.Incidents.record_issue", full)
    target = tmp_path / "record.pdf"
    with pytest.raises(SonaeError):
        write_report(workspace, drill, target)
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]  # no PDF, no temporary file


def test_a_copy_that_cannot_be_moved_into_place_is_corrected_in_the_log(
    workspace: Workspace, drill: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.outputs as outputs

    real_replace = outputs.os.replace

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outputs.os, "replace", refuse)
    target = tmp_path / "record.pdf"
    with pytest.raises(SonaeError):
        write_report(workspace, drill, target)
    monkeypatch.setattr(outputs.os, "replace", real_replace)
    assert not target.exists()
    entries = workspace.incidents.entries(drill)
    issued, corrected = entries[-2], entries[-1]
    assert issued.kind == "report_issued" and corrected.kind == "corrected"
    assert corrected.payload["target"] == issued.uuid
    assert issued.uuid in workspace.incidents.state(drill).retracted


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

    monkeypatch.setitem(record.RENDERERS, "record", cannot)
    target = tmp_path / "record.pdf"
    with pytest.raises(SonaeError) as caught:
        write_report(workspace, drill, target)
    assert "\n" not in str(caught.value) and "too large" not in str(caught.value).split(":")[0]
    assert not target.exists()


@posix
def test_a_linked_plans_folder_and_another_data_folder_are_kept_too(
    workspace: Workspace, drill: str, data_dir: Path, tmp_path: Path
) -> None:
    city = tmp_path / "cityplans"
    city.mkdir()
    (city / "city.yaml").write_text("schema: 1\n", "utf-8")
    (data_dir / "playbooks").symlink_to(city, target_is_directory=True)
    other = tmp_path / "other"  # another laptop's folder, its database gone: its seen record
    (other / "playbooks").mkdir(parents=True)  # is what says so
    (other / "sonae-seen.json").write_text("{}", "utf-8")
    (other / "playbooks" / "ransomware.yaml").write_text("schema: 1\n", "utf-8")
    for target in (
        data_dir / "playbooks" / "city.yaml",
        city / "city.yaml",
        city / "new.yaml",
        other / "sonae-seen.json",
        other / "sonae.db",
        other / "playbooks" / "ransomware.yaml",
    ):
        with pytest.raises(SonaeError) as caught:
            write_report(workspace, drill, target)
        assert "keeps" in caught.value.msg.render("en"), target
    assert (city / "city.yaml").read_text("utf-8") == "schema: 1\n"
    assert (other / "sonae-seen.json").read_text("utf-8") == "{}"


def test_kept_names_are_kept_in_any_case(workspace: Workspace, drill: str, data_dir: Path) -> None:
    """On a FAT or exFAT stick, and on Windows, CONTACTS.YAML is contacts.yaml."""
    for name in ("CONTACTS.YAML", "Sonae.DB-WAL", "SONAE-SEEN.JSON", "PlayBooks"):
        target = data_dir / name if name != "PlayBooks" else data_dir / name / "x.yaml"
        if name == "PlayBooks":
            target.parent.mkdir()
        with pytest.raises(SonaeError) as caught:
            write_report(workspace, drill, target)
        assert "keeps" in caught.value.msg.render("en"), name
        assert not target.exists()

"""A read-only copy can be checked: on a write-protected folder or mount, or with --read-only,
list, show, verify and report (to another folder) work, recording is refused in one line, and
not a byte of the data folder changes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from tests.reports.conftest import pdf_text

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder with its sha256 (names included: nothing may appear)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def recorded(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert (
        main(["incident", "start", "ransomware", "--title", "読取専用の確認", "--actor", "a"]) == 0
    )
    incident = capsys.readouterr().out.strip()
    assert main(["incident", "decide", incident, "personal_data", "yes", "--actor", "a"]) == 0
    assert main(["incident", "note", incident, "メモ", "--actor", "a"]) == 0
    capsys.readouterr()
    return incident


def test_read_only_on_request_reads_everything_and_writes_nothing(
    recorded: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(data_dir)
    ro = ["--lang", "en", "--read-only"]
    assert main([*ro, "incident", "list"]) == 0
    assert recorded in capsys.readouterr().out
    assert main([*ro, "incident", "show", recorded, "--json"]) == 0
    assert '"entries": 3' in capsys.readouterr().out
    assert main([*ro, "verify", recorded]) == 0
    assert "intact" in capsys.readouterr().out
    out = tmp_path / "copy.pdf"
    assert main([*ro, "report", recorded, "--out", str(out)]) == 0
    assert "does not record this copy" in capsys.readouterr().err
    assert "発行未記録" in pdf_text(out) and "読み取り専用" in pdf_text(out)
    assert main([*ro, "timeline", recorded, "--csv", str(tmp_path / "t.csv")]) == 0
    capsys.readouterr()
    for args in (
        ["incident", "note", recorded, "x", "--actor", "a"],
        ["incident", "start", "ransomware", "--title", "x", "--actor", "a"],
        ["verify", "--acknowledge-loss"],
    ):
        assert main([*ro, *args]) == 1, args
        err = capsys.readouterr().err
        assert "read-only" in err and err.count("\n") == 1, err
    assert snapshot(data_dir) == before


@contextlib.contextmanager
def read_only_mount(source: Path, target: Path) -> Iterator[Path]:
    """``source`` bind-mounted read-only at ``target``: a write-protected medium, for the
    administrator too. Skips where mounting is not allowed."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root and mount(8)")
    target.mkdir()
    if subprocess.run(["mount", "--bind", str(source), str(target)]).returncode:
        pytest.skip("bind mounts are not allowed here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(target)]).returncode:
            pytest.skip("read-only remount is not allowed here")
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_a_write_protected_mount_is_opened_read_only_by_itself(
    recorded: str, data_dir: Path, tmp_path: Path
) -> None:
    before = snapshot(data_dir)
    with read_only_mount(data_dir, tmp_path / "media") as media:
        env = {"SONAE_DATA_DIR": str(media)}
        listed = cli("incident", "list", env=env)
        assert listed.returncode == 0 and recorded in listed.stdout, listed.stderr
        shown = cli("incident", "show", recorded, env=env)
        assert shown.returncode == 0 and "ppc_preliminary" in shown.stdout
        checked = cli("verify", env=env)
        assert checked.returncode == 0 and "intact: 3" in checked.stdout, checked.stderr
        out = tmp_path / "copy.pdf"
        printed = cli("report", recorded, "--out", str(out), env=env)
        assert printed.returncode == 0 and out.exists(), printed.stderr
        refused = cli("incident", "note", recorded, "x", "--actor", "a", env=env)
        assert refused.returncode == 1 and "read-only" in refused.stderr
        assert refused.stderr.count("\n") == 1
        for result in (listed, shown, checked, printed, refused):
            assert "internal error" not in result.stderr
    assert snapshot(data_dir) == before


def test_a_mount_with_writes_still_in_the_wal_shows_them(tmp_path: Path) -> None:
    """A laptop that died mid-work leaves entries in sonae.db-wal; a read-only copy of its
    folder still shows every one of them."""
    folder = tmp_path / "died"
    writer = (
        "import os, sys\n"
        "from app.services.workspace import Workspace\n"
        "from pathlib import Path\n"
        "ws = Workspace(Path(sys.argv[1]))\n"
        "ws.store.db.conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "i = ws.incidents.start('ransomware', 't', 'a')\n"
        "for n in range(5):\n"
        "    ws.incidents.note(i, f'note {n}', 'a')\n"
        "os._exit(0)  # no close, no checkpoint: the entries stay in the WAL\n"
    )
    subprocess.run([sys.executable, "-c", writer, str(folder)], cwd=ROOT, check=True)
    assert (folder / "sonae.db-wal").stat().st_size > 0
    with read_only_mount(folder, tmp_path / "media") as media:
        env = {"SONAE_DATA_DIR": str(media)}
        checked = cli("verify", env=env)
        assert checked.returncode == 0 and "intact: 6" in checked.stdout, checked.stderr
    (folder / "sonae.db-shm").unlink()  # SQLite needs it to read a WAL: a copy is read
    before = snapshot(folder)
    with read_only_mount(folder, tmp_path / "media2") as media:
        env = {"SONAE_DATA_DIR": str(media)}
        checked = cli("verify", env=env)
        assert checked.returncode == 0 and "intact: 6" in checked.stdout, checked.stderr
    checked = cli("--read-only", "incident", "list", env={"SONAE_DATA_DIR": str(folder)})
    assert checked.returncode == 0 and "2026-" in checked.stdout
    assert snapshot(folder) == before  # --read-only on a writable folder: no -shm made either


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="file modes bind non-root only")
def test_a_folder_without_write_permission_is_read_only(
    recorded: str, data_dir: Path, tmp_path: Path
) -> None:
    before = snapshot(data_dir)
    data_dir.chmod(0o555)
    try:
        listed = cli("incident", "list", env={"SONAE_DATA_DIR": str(data_dir)})
        assert listed.returncode == 0 and recorded in listed.stdout
        refused = cli("incident", "note", recorded, "x", env={"SONAE_DATA_DIR": str(data_dir)})
        assert refused.returncode == 1 and "read-only" in refused.stderr
    finally:
        data_dir.chmod(0o755)
    assert snapshot(data_dir) == before


def test_a_full_disk_still_shows_the_records_read_only(tmp_path: Path) -> None:
    """The disk that holds the data folder fills up: writes are refused, the records still
    list and verify, and nothing is lost."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a small tmpfs needs root and mount(8)")
    disk = tmp_path / "small"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)]).returncode:
        pytest.skip("tmpfs mounts are not allowed here")
    try:
        env = {"SONAE_DATA_DIR": str(disk / "data")}
        started = cli("incident", "start", "ransomware", "--title", "t", "--actor", "a", env=env)
        assert started.returncode == 0, started.stderr
        incident = started.stdout.strip()
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        os.close(fd)
        listed = cli("incident", "list", env=env)
        assert listed.returncode == 0 and incident in listed.stdout
        assert "read-only" in listed.stderr and "full" in listed.stderr
        refused = cli("incident", "note", incident, "x", "--actor", "a", env=env)
        assert refused.returncode == 1 and "read-only" in refused.stderr
        filler.unlink()
        checked = cli("verify", env=env)
        assert checked.returncode == 0 and "intact: 1" in checked.stdout, checked.stderr
    finally:
        subprocess.run(["umount", str(disk)], check=False)

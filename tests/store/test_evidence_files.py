"""The evidence folder: files kept by the sha256 of their content, copied in whole or not at all,
only regular files within the limit, never replaced once kept."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.paths import EVIDENCE_FOLDER, KEPT_FOLDERS
from app.store import evidence

PHOTO = b"\xff\xd8\xff\xe0 ransom note " * 1000


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "脅迫文.jpg"
    path.write_bytes(PHOTO)
    return path


def kept(root: Path) -> list[str]:
    folder = root / EVIDENCE_FOLDER
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_file_is_kept_under_its_hash_read_only_and_once(root: Path, photo: Path) -> None:
    digest = hashlib.sha256(PHOTO).hexdigest()
    first = evidence.put(root, photo)
    assert first == evidence.Stored(digest, len(PHOTO), "脅迫文.jpg")
    again = evidence.put(root, photo)
    copy = photo.with_name("copy.jpg")
    copy.write_bytes(PHOTO)
    other_name = evidence.put(root, copy)
    assert again.sha256 == other_name.sha256 == digest and other_name.name == "copy.jpg"
    assert kept(root) == [digest]  # the same content, stored once; no temporary file left
    stored = evidence.path(root, digest)
    assert stored.read_bytes() == PHOTO
    assert stat.S_IMODE(stored.stat().st_mode) & 0o222 == 0  # read-only
    assert evidence.state(root, digest) == "intact"
    assert EVIDENCE_FOLDER in KEPT_FOLDERS  # no report or export may be written in there


def test_a_file_over_the_limit_is_refused_naming_it_and_the_limit(
    root: Path, tmp_path: Path
) -> None:
    big = tmp_path / "disk.img"
    with open(big, "wb") as handle:  # sparse: over the limit without using the disk
        handle.truncate(evidence.LIMIT + 1)
    with pytest.raises(SonaeError) as refused:
        evidence.put(root, big)
    for lang in ("ja", "en"):
        said = refused.value.msg.render(lang)
        assert "disk.img" in said and "100 MB" in said, said
    assert not (root / EVIDENCE_FOLDER).exists()  # nothing written, not even the folder
    # Exactly at the limit is taken (a smaller limit keeps the test small).
    exact = tmp_path / "exact.log"
    exact.write_bytes(b"x" * 64)
    assert evidence.put(root, exact, limit=64).size == 64
    with pytest.raises(SonaeError):
        evidence.put(root, exact, limit=63)


def test_a_link_a_folder_and_a_pipe_are_refused(root: Path, photo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.jpg"
    link.symlink_to(photo)
    with pytest.raises(SonaeError, match="シンボリックリンク"):
        evidence.put(root, link)
    with pytest.raises(SonaeError, match="フォルダ"):
        evidence.put(root, tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(SonaeError, match="通常のファイルではない"):
        evidence.put(root, fifo)  # refused at once: a pipe with no writer never blocks it
    with pytest.raises(SonaeError, match="ありません"):
        evidence.put(root, tmp_path / "gone.jpg")
    assert kept(root) == []


def test_bytes_from_a_bundle_are_kept_only_under_their_own_hash(root: Path) -> None:
    digest = hashlib.sha256(PHOTO).hexdigest()
    with pytest.raises(SonaeError, match="一致しません"):
        evidence.put_bytes(root, digest, PHOTO + b"!")
    assert kept(root) == []
    where = evidence.put_bytes(root, digest, PHOTO)
    assert where == evidence.path(root, digest) and where.read_bytes() == PHOTO
    assert evidence.put_bytes(root, digest, PHOTO) == where  # twice: nothing changes
    assert kept(root) == [digest]


@pytest.mark.parametrize("name", ["../sonae.db", "ABC", "a" * 63, "g" * 64, "A" * 64])
def test_only_a_sha256_names_a_kept_file(root: Path, name: str) -> None:
    with pytest.raises(SonaeError, match="sha256"):
        evidence.path(root, name)
    with pytest.raises(SonaeError, match="sha256"):
        evidence.put_bytes(root, name, b"x")


def test_a_kept_file_is_intact_missing_or_changed(root: Path, photo: Path) -> None:
    digest = evidence.put(root, photo).sha256
    stored = evidence.path(root, digest)
    os.chmod(stored, 0o644)
    stored.write_bytes(PHOTO[:-1])
    assert evidence.state(root, digest) == "changed"
    # The changed file is not quietly replaced: it stays for verify to name.
    with pytest.raises(SonaeError, match="sonae verify"):
        evidence.put(root, photo)
    assert stored.read_bytes() == PHOTO[:-1]
    stored.unlink()
    stored.symlink_to(photo)  # the right content, but through a link: not what was kept
    assert evidence.state(root, digest) == "changed"
    stored.unlink()
    assert evidence.state(root, digest) == "missing"
    evidence.put(root, photo)  # put back from the original: intact again
    assert evidence.state(root, digest) == "intact"

"""Evidence files from the command line: attach (stored once by content, the hash in the chain),
list, export and hand over (a custody entry each time), and verify naming a file that is gone or
changed."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from app.domain import kinds as k
from app.domain.entries import compute_hash
from app.paths import EVIDENCE_FOLDER
from app.services.workspace import Workspace
from app.store import evidence
from tests.e2e.test_cli import run, start

PHOTO = b"\xff\xd8\xff\xe0 ransom note: your files are encrypted " * 500
DIGEST = hashlib.sha256(PHOTO).hexdigest()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "ransom-note.jpg"
    path.write_bytes(PHOTO)
    return path


def entries(data_dir: Path, incident: str, kind: str) -> list:  # type: ignore[type-arg]
    ws = Workspace(data_dir)
    try:
        return [e for e in ws.incidents.entries(incident) if e.kind == kind]
    finally:
        ws.close()


def stored(data_dir: Path) -> list[str]:
    folder = data_dir / EVIDENCE_FOLDER
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def listed(capsys: pytest.CaptureFixture[str], incident: str) -> list[dict]:  # type: ignore[type-arg]
    code, out, err = run(capsys, "evidence", "list", incident, "--json")
    assert code == 0, err
    return json.loads(out)


def test_the_same_file_twice_is_one_stored_file_and_two_entries(
    capsys: pytest.CaptureFixture[str], data_dir: Path, photo: Path
) -> None:
    incident = start(capsys)
    code, out, err = run(
        capsys, "evidence", "add", incident, str(photo), "--step", "isolate", "--note", "画面の写真",
        "--actor", "田中",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [DIGEST]  # the name it is kept by, alone on its line
    # The contract's own form (DESIGN.md) does the same.
    code, out, err = run(capsys, "incident", "evidence", incident, str(photo), "--actor", "佐藤")
    assert code == 0 and out.strip() == DIGEST, err
    assert stored(data_dir) == [DIGEST]
    written = entries(data_dir, incident, "evidence_added")
    assert len(written) == 2
    first = k.read_payload(written[0], k.EvidenceAdded)
    assert (first.sha256, first.name, first.size, first.note) == (
        DIGEST,
        "ransom-note.jpg",
        len(PHOTO),
        "画面の写真",
    )
    assert written[0].step_id == "isolate" and written[1].step_id is None
    # The hash is in the chain: it is part of what the entry's own hash seals.
    sealed = written[0]
    assert sealed.hashed_fields()["payload"]["sha256"] == DIGEST
    assert compute_hash(sealed) == sealed.hash
    files = listed(capsys, incident)
    assert [(f["sha256"], f["added_by"], f["step"], f["state"]) for f in files] == [
        (DIGEST, "田中", "isolate", "intact"),
        (DIGEST, "佐藤", None, "intact"),
    ]
    code, out, _ = run(capsys, "evidence", "list", incident)
    assert code == 0 and DIGEST in out and "ransom-note.jpg" in out and "Intact" in out


def test_what_is_refused_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, photo: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    link = tmp_path / "link.jpg"
    link.symlink_to(photo)
    big = tmp_path / "disk.img"
    with open(big, "wb") as handle:
        handle.truncate(evidence.LIMIT + 1)
    for args, said in (
        ([str(link)], "symbolic link"),
        ([str(big)], "at most 100 MB"),
        ([str(tmp_path)], "is a folder"),
        ([str(photo), "--step", "no_such_step"], "no step 'no_such_step'"),
    ):
        code, out, err = run(capsys, "evidence", "add", incident, *args)
        assert code == 1 and out == "", (args, out)
        assert said in err and len(err.strip().splitlines()) == 1, err
    code, _, err = run(capsys, "--read-only", "evidence", "add", incident, str(photo))
    assert code == 1 and "read-only" in err
    assert stored(data_dir) == []  # nothing copied for what was refused
    assert entries(data_dir, incident, "evidence_added") == []
    # A closed incident takes no new evidence (reopen first), but its files can still go out.
    run(capsys, "evidence", "add", incident, str(photo))
    run(capsys, "incident", "status", incident, "closed", "--summary", "復旧した")
    code, _, err = run(capsys, "evidence", "add", incident, str(photo))
    assert code == 1 and "closed" in err
    code, _, err = run(capsys, "evidence", "handover", incident, DIGEST[:8], "--to", "県警")
    assert code == 0, err


def test_an_export_is_a_copy_with_its_custody_entry(
    capsys: pytest.CaptureFixture[str], data_dir: Path, photo: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    run(capsys, "evidence", "add", incident, str(photo))
    out = tmp_path / "for-police.jpg"
    code, printed, err = run(
        capsys, "evidence", "export", incident, DIGEST[:12], "--out", str(out), "--to", "県警"
    )
    assert code == 0, err
    assert printed.strip() == str(out) and out.read_bytes() == PHOTO
    assert os.stat(out).st_mode & 0o077 == 0  # evidence may hold personal data
    custody = entries(data_dir, incident, "evidence_handed")
    assert len(custody) == 1
    h = k.read_payload(custody[0], k.EvidenceHanded)
    assert (h.sha256, h.to, h.how, h.file) == (DIGEST, "県警", "exported", str(out))
    code, _, err = run(
        capsys, "evidence", "handover", incident, DIGEST, "--to", "県警 サイバー課", "--note", "USB"
    )
    assert code == 0, err
    [file] = listed(capsys, incident)
    assert [(c["how"], c["to"], c["note"]) for c in file["custody"]] == [
        ("exported", "県警", None),
        ("handed_over", "県警 サイバー課", "USB"),
    ]
    # Into the evidence folder itself, or a hash that names nothing: refused, no entry.
    for args, said in (
        ([DIGEST, "--out", str(data_dir / EVIDENCE_FOLDER / "x.jpg")], "keeps"),
        (["0000000000", "--out", str(tmp_path / "y.jpg")], "no evidence file"),
        ([DIGEST[:6], "--out", str(tmp_path / "y.jpg")], "first 8 characters"),
    ):
        code, _, err = run(capsys, "evidence", "export", incident, *args)
        assert code == 1 and said in err, err
    # A copy the log cannot record is not made.
    code, _, err = run(
        capsys,
        "--read-only",
        "evidence",
        "export",
        incident,
        DIGEST,
        "--out",
        str(tmp_path / "y.jpg"),
    )
    assert code == 1 and "read-only" in err
    assert len(entries(data_dir, incident, "evidence_handed")) == 2
    assert not (tmp_path / "y.jpg").exists()


def test_verify_names_a_changed_or_missing_file(
    capsys: pytest.CaptureFixture[str], data_dir: Path, photo: Path, tmp_path: Path
) -> None:
    incident = start(capsys)
    run(capsys, "evidence", "add", incident, str(photo))
    code, _, err = run(capsys, "verify")
    assert code == 0, err
    kept = data_dir / EVIDENCE_FOLDER / DIGEST
    os.chmod(kept, 0o644)
    kept.write_bytes(PHOTO.replace(b"encrypted", b"decrypted"))
    code, _, err = run(capsys, "verify", incident)
    assert code == 1
    assert "tampering detected" in err and "ransom-note.jpg" in err and DIGEST in err
    assert "was changed" in err and f"{incident} #2" in err
    # A changed file is not handed out as if it were the evidence.
    code, _, err = run(capsys, "evidence", "export", incident, DIGEST, "--out", str(tmp_path / "c"))
    assert code == 1 and "changed" in err and not (tmp_path / "c").exists()
    assert entries(data_dir, incident, "evidence_handed") == []
    [file] = listed(capsys, incident)
    assert file["state"] == "changed"
    kept.unlink()
    code, _, err = run(capsys, "verify")
    assert code == 1 and "is missing" in err and "ransom-note.jpg" in err
    assert listed(capsys, incident)[0]["state"] == "missing"


def test_a_retracted_attachment_is_not_listed_nor_asked_of_verify(
    capsys: pytest.CaptureFixture[str], data_dir: Path, photo: Path
) -> None:
    incident = start(capsys)
    run(capsys, "evidence", "add", incident, str(photo))
    code, _, err = run(capsys, "incident", "correct", incident, "#2", "--reason", "別の事案の写真")
    assert code == 0, err
    assert listed(capsys, incident) == []
    os.chmod(data_dir / EVIDENCE_FOLDER / DIGEST, 0o644)
    (data_dir / EVIDENCE_FOLDER / DIGEST).unlink()  # removed with the mistake: not tampering
    code, _, err = run(capsys, "verify")
    assert code == 0, err
    code, _, err = run(capsys, "evidence", "handover", incident, DIGEST, "--to", "県警")
    assert code == 1 and "no evidence file" in err

"""The two evidence kinds: their payloads (and version 1's upgrade), the fold's list of files with
their custody, and the describer's words in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain import kinds as k
from app.domain.describe import describe, size_text
from app.domain.entries import LogEntry
from app.domain.evidence import evidence_files, matching

SHA = "ab" * 32
OTHER = "abcd" + "0" * 60
TIME = "2026-11-25T00:00:00.000000Z"


def entry(seq: int, kind: str, payload: dict[str, Any], step_id: str | None = None) -> LogEntry:
    return LogEntry(
        seq, f"uuid-{seq}", "2026-0001", kind, step_id, None, "山田", "pc", TIME, TIME,
        payload, "", "0" * 64, "0" * 64,
    )  # fmt: skip


def added(seq: int, sha: str = SHA, name: str = "note.jpg", step: str | None = None) -> LogEntry:
    payload = k.EvidenceAdded(sha256=sha, name=name, size=2_500_000, note="写真").to_payload()
    return entry(seq, "evidence_added", payload, step)


def handed(seq: int, how: str = "handed_over", sha: str = SHA) -> LogEntry:
    payload = k.EvidenceHanded(sha256=sha, to="県警", how=how, note="受領書あり").to_payload()
    return entry(seq, "evidence_handed", payload)


def test_the_payloads_are_written_and_read_back_as_their_models() -> None:
    a = k.EvidenceAdded(sha256=SHA, name="note.jpg", size=0, note=None)
    stored = a.to_payload()
    assert stored == {"sha256": SHA, "name": "note.jpg", "size": 0, "v": 2}
    assert k.read_data(stored, k.EvidenceAdded) == a
    h = k.EvidenceHanded(sha256=SHA, to="県警", how="exported", file="/media/usb/note.jpg")
    assert k.read_data(h.to_payload(), k.EvidenceHanded) == h
    with pytest.raises(k.PayloadError, match="size is not int"):
        k.read_data({"sha256": SHA, "name": "n", "size": "12", "v": 2}, k.EvidenceAdded)
    with pytest.raises(k.PayloadError, match="how is missing"):
        k.read_data({"sha256": SHA, "to": "県警"}, k.EvidenceHanded)


def test_a_version_1_entry_keeps_its_text_and_lists_no_file() -> None:
    old = {"text": "脅迫文の写真", "sha256": SHA, "file": "note.jpg"}
    read = k.read_data(old, k.EvidenceAdded)
    assert (read.legacy_text, read.sha256, read.name, read.size) == (
        "脅迫文の写真",
        SHA,
        "note.jpg",
        0,
    )
    assert k.read_data({"text": "写真"}, k.EvidenceAdded).sha256 == ""
    with pytest.raises(k.PayloadError, match="text is missing"):
        k.read_data({"sha256": SHA}, k.EvidenceAdded)  # neither version's shape
    assert evidence_files([entry(2, "evidence_added", old)], []) == []
    assert describe(entry(2, "evidence_added", old), None, "ja") == (
        "脅迫文の写真 / ファイル: note.jpg / sha256 abababababababab"
    )


def test_the_list_gives_each_file_its_custody_by_content() -> None:
    files = evidence_files(
        [added(2, step="isolate"), added(3), added(4, OTHER, "fw.log")],
        [handed(5, "exported"), handed(6)],
    )
    assert [(f.seq, f.name, f.step_id) for f in files] == [
        (2, "note.jpg", "isolate"),
        (3, "note.jpg", None),
        (4, "fw.log", None),
    ]
    # The same content attached twice is handed on as one: both show it.
    assert (
        [c.how for c in files[0].custody]
        == [c.how for c in files[1].custody]
        == [
            "exported",
            "handed_over",
        ]
    )
    assert files[2].custody == ()
    assert (files[0].custody[1].to, files[0].custody[1].note, files[0].actor) == (
        "県警",
        "受領書あり",
        "山田",
    )


def test_a_typed_hash_names_files_by_eight_digits_or_more() -> None:
    files = evidence_files([added(2), added(3), added(4, OTHER)], [])
    assert matching(files, SHA) == [SHA]
    assert matching(files, "ABAB ABAB") == [SHA]  # as typed from paper
    assert matching(files, "abababa") == []  # too short to name one
    assert matching(files, "abcd0000") == [OTHER]
    assert matching(files, "ab") == []
    two = evidence_files([added(2, "abcd0000" + "1" * 56), added(3, OTHER)], [])
    assert len(matching(two, "abcd0000")) == 2  # ambiguous: the caller refuses it
    assert matching(files, "zzzzzzzz") == []


def test_both_kinds_are_described_in_both_languages() -> None:
    a = added(2)
    assert describe(a, None, "ja") == "note.jpg（2.4 MB、sha256 abababababababab…） / メモ: 写真"
    assert describe(a, None, "en") == "note.jpg (2.4 MB, sha256 abababababababab…) / note: 写真"
    assert "写真" not in describe(a, None, "ja", notes=False)  # the copy sent outside
    h = handed(5)
    assert describe(h, None, "ja") == (
        "引渡し / sha256 abababababababab… / 渡し先: 県警 / メモ: 受領書あり"
    )
    assert describe(h, None, "en") == (
        "Handed over / sha256 abababababababab… / to: 県警 / note: 受領書あり"
    )
    export = entry(
        6,
        "evidence_handed",
        k.EvidenceHanded(
            sha256=SHA, to="/media/usb/a.jpg", how="exported", file="/media/usb/a.jpg"
        ).to_payload(),
    )
    assert describe(export, None, "en") == (
        "Exported to a file / sha256 abababababababab… / to: /media/usb/a.jpg"
    )


def test_sizes_are_said_as_read() -> None:
    assert size_text(900, "ja") == "900 バイト" and size_text(900, "en") == "900 bytes"
    assert size_text(1536, "en") == "1.5 KB"
    assert size_text(100 * 1024 * 1024, "ja") == "100.0 MB"
    assert size_text("12", "en") == "12"  # a damaged value is shown as it is

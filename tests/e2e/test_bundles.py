"""Several laptops, one incident: bundles written and merged, in any order, with conflicts shown
and settled by an entry, encrypted bundles, and signed checkpoints checked against the log."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.checkpoint import parse_note
from app.domain.clock import ManualClock
from app.errors import SonaeError
from app.i18n import set_language
from app.services.bundle_import import import_bundle, prepare
from app.services.bundle_seal import WrongPassphrase
from app.services.bundles import export_incident
from app.services.signing import check_note, device_key
from app.services.workspace import Workspace
from tests.conftest import START

PASSPHRASE = "小郡市 対策本部 2026"
HOST = {"host": "FS01"}


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[list[Workspace]]:
    clock = ManualClock(START)
    opened = [Workspace(tmp_path / f"laptop{n}", clock=clock) for n in range(3)]
    yield opened
    for ws in opened:
        ws.close()


def send(source: Workspace, target: Workspace, incident: str, path: Path) -> int:
    """``source`` writes its bundle of the incident, ``target`` merges it: entries inserted."""
    export_incident(source, incident, path, "送り手")
    return len(import_bundle(target, path).inserted)


def uuids(ws: Workspace, incident: str) -> list[str]:
    return [e.uuid for e in ws.incidents.entries(incident)]


def test_three_laptops_end_with_the_same_log_whatever_order_bundles_travel(
    laptops: list[Workspace], tmp_path: Path
) -> None:
    a, b, c = laptops
    incident = a.incidents.start("ransomware", "庁内ファイルサーバの暗号化", "田中")
    send(a, b, incident, tmp_path / "a0.sonae")
    send(a, c, incident, tmp_path / "a1.sonae")
    # All three work at once, each in its own chain.
    a.incidents.complete_step(incident, "isolate", "田中", fields=HOST)
    b.incidents.note(incident, "サーバ室に到着。電源は入ったまま", "鈴木")
    c.incidents.note(incident, "県へ第一報の準備", "佐藤")
    c.incidents.decide(incident, "mynumber_zone", "no", "佐藤")
    # Bundles cross in different orders: b→a, c→b, a→c, b→c, c→a, then a→b.
    for source, target in ((b, a), (c, b), (a, c), (b, c), (c, a), (a, b)):
        send(source, target, incident, tmp_path / "x.sonae")
    logs = [uuids(ws, incident) for ws in laptops]
    assert len(logs[0]) == 5
    assert logs[0] == logs[1] == logs[2]  # the same entries in the same one order
    for ws in laptops:
        assert ws.verify(incident).ok
        assert set(ws.store.chain_heads(incident)) == {x.store.device for x in laptops}
        assert ws.incidents.state(incident).decisions["mynumber_zone"].choice == "no"
    # A bundle sent twice changes nothing the second time.
    assert send(a, b, incident, tmp_path / "again.sonae") == 0


def test_two_answers_to_one_question_are_shown_and_settled_by_an_entry(
    laptops: list[Workspace], tmp_path: Path
) -> None:
    a, b, _ = laptops
    incident = a.incidents.start("ransomware", "暗号化", "田中")
    send(a, b, incident, tmp_path / "a.sonae")
    a.incidents.decide(incident, "mynumber_zone", "yes", "田中")
    b.incidents.decide(incident, "mynumber_zone", "no", "鈴木")
    b.incidents.skip_step(incident, "isolate", "既に切り離し済み", "鈴木")
    a.incidents.complete_step(incident, "isolate", "田中", fields=HOST)
    export_incident(b, incident, tmp_path / "b.sonae", "鈴木")
    done = import_bundle(a, tmp_path / "b.sonae")
    found = {(c.subject, c.target): c.values for c in done.conflicts}
    assert found == {
        ("decision", "mynumber_zone"): {a.store.device: "yes", b.store.device: "no"},
        ("step", "isolate"): {a.store.device: "done", b.store.device: "skipped"},
    }
    with pytest.raises(SonaeError, match="選べるのは no, yes"):
        a.incidents.resolve_conflict(incident, "mynumber_zone", "unknown", "確認", "田中")
    a.incidents.resolve_conflict(incident, "mynumber_zone", "yes", "住基端末に影響あり", "田中")
    assert [c.target for c in a.incidents.conflicts(incident)] == ["isolate"]
    assert a.incidents.state(incident).decisions["mynumber_zone"].choice == "yes"
    a.incidents.resolve_conflict(incident, "isolate", "done", "田中が切り離しを確認", "田中")
    state = a.incidents.state(incident)
    assert state.step_states()["isolate"] == "done"
    assert a.incidents.conflicts(incident) == []
    # The other laptop learns of the settlement from the next bundle, and agrees.
    send(a, b, incident, tmp_path / "a2.sonae")
    assert b.incidents.conflicts(incident) == []
    assert b.incidents.state(incident).decisions["mynumber_zone"].choice == "yes"
    # A later, different answer is a new conflict: nothing is settled for ever by one entry.
    b.incidents.decide(incident, "mynumber_zone", "no", "鈴木")
    assert [c.target for c in b.incidents.conflicts(incident)] == ["mynumber_zone"]


def test_an_encrypted_bundle_needs_its_passphrase_and_a_change_is_told_from_a_wrong_one(
    laptops: list[Workspace], tmp_path: Path
) -> None:
    set_language("en")
    a, b, _ = laptops
    incident = a.incidents.start("ransomware", "暗号化", "田中")
    out = tmp_path / "sealed.sonae"
    written = export_incident(a, incident, out, "田中", PASSPHRASE)
    assert written.sealed and b"sonae-bundle" not in out.read_bytes()
    assert b"manifest.json" not in out.read_bytes()  # not even the names show
    with pytest.raises(SonaeError, match="encrypted; give its passphrase"):
        prepare(b, out)
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        prepare(b, out, "another passphrase")
    changed = bytearray(out.read_bytes())
    changed[-40] ^= 0x01
    (tmp_path / "changed.sonae").write_bytes(bytes(changed))
    with pytest.raises(SonaeError, match="passphrase is right but .* changed") as caught:
        prepare(b, tmp_path / "changed.sonae", PASSPHRASE)
    assert not isinstance(caught.value, WrongPassphrase)
    (tmp_path / "cut.sonae").write_bytes(out.read_bytes()[:60])
    with pytest.raises(SonaeError, match="cut short"):
        prepare(b, tmp_path / "cut.sonae", PASSPHRASE)
    assert b.store.incident_ids() == []
    assert len(import_bundle(b, out, PASSPHRASE).inserted) == 1
    with pytest.raises(SonaeError, match="8 characters"):
        export_incident(a, incident, out, "田中", "short")


def test_a_signed_checkpoint_catches_a_deleted_tail_the_heads_were_made_to_agree_with(
    laptops: list[Workspace], tmp_path: Path
) -> None:
    set_language("en")
    a = laptops[0]
    incident = a.incidents.start("ransomware", "暗号化", "田中")
    for n in range(3):
        a.incidents.note(incident, f"メモ {n}", "田中")
    written = export_incident(a, incident, tmp_path / "a.sonae", "田中")
    note = parse_note(written.checkpoint)
    assert note.signer == device_key(a).name
    assert dict(note.checkpoint.chains) == a.store.chain_heads(incident)
    paper = tmp_path / "checkpoint.txt"
    paper.write_text(written.checkpoint, "utf-8")
    a.real_clock.advance(timedelta(minutes=5))
    a.incidents.note(incident, "その後のメモ", "田中")
    assert check_note(a, written.checkpoint).problem is None
    assert check_note(a, written.checkpoint).grown == 1
    # Someone with the file deletes the last two entries, moves the head back and puts the
    # guards back as they were: the chains and heads agree, the signed checkpoint does not.
    path = a.store.path
    a.close()
    conn = sqlite3.connect(path)
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
        "('entries', 'heads')"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    seq, digest = conn.execute(
        "SELECT seq, hash FROM entries WHERE incident_id = ? ORDER BY seq DESC LIMIT 1 OFFSET 2",
        (incident,),
    ).fetchone()
    conn.execute("DELETE FROM entries WHERE incident_id = ? AND seq > ?", (incident, seq))
    conn.execute("UPDATE heads SET seq = ?, hash = ?", (seq, digest))
    for _, sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.close()
    (a.root / "sonae-seen.json").unlink()  # the seen record too: only the checkpoints remain
    again = Workspace(a.root, clock=ManualClock(START))
    try:
        result = again.verify(incident)
        assert not result.ok
        assert "does not match the checkpoint" in str(result.reason)
        assert "deleted" in str(result.reason)
        assert "deleted" in str(check_note(again, paper.read_text("utf-8")).problem)
    finally:
        again.close()


def test_a_checkpoint_with_a_changed_character_or_an_unknown_key_does_not_hold(
    laptops: list[Workspace], tmp_path: Path
) -> None:
    set_language("en")
    a, b, _ = laptops
    incident = a.incidents.start("ransomware", "暗号化", "田中")
    note = export_incident(a, incident, tmp_path / "a.sonae", "田中").checkpoint
    forged = note.replace("\n1\n", "\n2\n", 1)
    assert "format" in str(check_note(a, forged).problem)  # size no longer matches the chains
    changed_time = note.replace("time 2026", "time 2025", 1)
    assert "does not hold" in str(check_note(a, changed_time).problem)
    assert "unknown here" in str(check_note(b, note).problem)  # b has never seen a's key
    assert check_note(a, note).problem is None


def test_evidence_travels_in_the_bundle_with_its_custody_recorded(
    laptops: list[Workspace], tmp_path: Path
) -> None:
    a, b, _ = laptops
    incident = a.incidents.start("ransomware", "暗号化", "田中")
    photo = tmp_path / "脅迫文.jpg"
    photo.write_bytes(b"\xff\xd8 ransom note photo")
    added = a.incidents.add_evidence(incident, photo, "田中", step="isolate")
    sha = added.payload["sha256"]
    written = export_incident(a, incident, tmp_path / "a.sonae", "田中")
    assert written.evidence == 1
    custody = [f.custody for f in a.incidents.state(incident).evidence][0]
    assert [(c.how, c.to) for c in custody] == [("bundle", "a.sonae")]
    import_bundle(b, tmp_path / "a.sonae")
    from app.store import evidence

    assert evidence.state(b.root, sha) == "intact"
    assert evidence.path(b.root, sha).read_bytes() == photo.read_bytes()
    assert b.verify(incident).ok
    # A bundle whose evidence file was left out is refused, and nothing of it is written.
    import zipfile

    cut = tmp_path / "cut.sonae"
    with zipfile.ZipFile(tmp_path / "a.sonae") as whole, zipfile.ZipFile(cut, "w") as part:
        manifest = json.loads(whole.read("manifest.json"))
        del manifest["members"][f"evidence/{sha}"]
        part.writestr("manifest.json", json.dumps(manifest))
        for name in whole.namelist():
            if name not in ("manifest.json", f"evidence/{sha}"):
                part.writestr(name, whole.read(name))
    c = laptops[2]
    with pytest.raises(SonaeError, match="証拠ファイル .* が束にありません"):
        import_bundle(c, cut)
    assert c.store.incident_ids() == []


def test_the_command_line_exports_imports_lists_and_settles_a_conflict(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]

    def sonae(folder: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "--lang", "en", "--data-dir", str(tmp_path / folder)]
            + list(args),
            capture_output=True,
            text=True,
            cwd=root,
            timeout=120,
        )

    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    started = sonae("a", "incident", "start", "ransomware", "--title", "暗号化", "--actor", "田中")
    incident = started.stdout.strip()
    bundle = str(tmp_path / "a.sonae")
    done = sonae("a", "export", incident, "--out", bundle, "--passphrase-file", str(secret))
    assert done.returncode == 0, done.stderr
    assert "encrypted" in done.stdout
    assert sonae("b", "import", bundle).returncode == 1  # no passphrase: refused
    done = sonae("b", "import", bundle, "--passphrase-file", str(secret), "--into", incident)
    assert done.returncode == 0 and "1 entries merged" in done.stdout, done
    sonae("a", "incident", "decide", incident, "mynumber_zone", "yes", "--actor", "田中")
    sonae("b", "incident", "decide", incident, "mynumber_zone", "no", "--actor", "鈴木")
    sonae("b", "export", incident, "--out", str(tmp_path / "b.sonae"))
    done = sonae("a", "import", str(tmp_path / "b.sonae"))
    assert done.returncode == 0, done.stderr
    assert "conflict: question mynumber_zone “Is the My Number zone affected?”" in done.stderr
    listed = sonae("a", "incident", "conflicts", incident)
    assert "Yes" in listed.stdout and "No" in listed.stdout
    refused = sonae("a", "incident", "resolve", incident, "mynumber_zone", "maybe", "--reason", "x")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    settled = sonae(
        "a", "incident", "resolve", incident, "mynumber_zone", "no", "--reason", "住基は別系統"
    )
    assert settled.returncode == 0, settled.stderr
    assert "no conflicts" in sonae("a", "incident", "conflicts", incident).stdout
    assert sonae("a", "verify").returncode == 0
    assert "fingerprint" in sonae("a", "key").stdout

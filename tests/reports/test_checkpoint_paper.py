"""The signed checkpoint on the printed record, read back as a responder would: the QR code
scanned from the rendered page gives the note, which verifies against the laptop's log, names the
key by the fingerprint printed beside it, and stops holding once the log is cut short."""

from __future__ import annotations

from pathlib import Path

from app.domain.checkpoint import parse_note
from app.domain.clock import ManualClock
from app.services.reports import write_report
from app.services.signing import check_note, device_key
from app.services.workspace import Workspace
from tests.reports.conftest import make_incident, pdf_text
from tests.reports.test_paper_furniture import _qr_codes


def test_the_printed_checkpoint_scans_back_and_checks_against_the_log(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = make_incident(workspace, clock)
    out = tmp_path / "record.pdf"
    write_report(workspace, incident, out, actor="山田 一郎")
    text = pdf_text(out)
    assert "署名付きチェックポイント" in text
    key = device_key(workspace)
    assert f"署名鍵の指紋: {key.fingerprint}" in text
    # The page's QR codes: the head on every page, and the note in the checkpoint's block.
    scanned = [code for page in _qr_codes(out) for code, _ in page if code.startswith("sonae/")]
    assert len(scanned) == 1
    note = parse_note(scanned[0])
    assert note.signer == key.name
    assert note.checkpoint.incident_id == incident
    # It is the checkpoint the database kept when the copy was issued, and it holds.
    kept = [c.note for c in workspace.store.checkpoints(incident)]
    assert scanned[0] in kept
    found = check_note(workspace, scanned[0])
    assert found.problem is None
    # The report_issued entry came after it: the log has grown by that one entry since.
    assert found.grown == 1
    # Another laptop that has never met this key cannot vouch for it.
    other = Workspace(tmp_path / "other", clock=ManualClock(clock.now()))
    try:
        assert check_note(other, scanned[0]).problem is not None
    finally:
        other.close()

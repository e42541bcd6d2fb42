"""The services' checks: what they refuse, and that a check and its write are one transaction."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.errors import SonaeError
from app.services.workspace import Workspace


@pytest.fixture
def incident(workspace: Workspace) -> str:
    return workspace.incidents.start("ransomware", "訓練", "田中", mode="drill")


def test_required_fields_must_be_written_down(workspace: Workspace, incident: str) -> None:
    with pytest.raises(SonaeError, match="host"):
        workspace.incidents.complete_step(incident, "isolate", "田中")
    with pytest.raises(SonaeError, match="host"):
        workspace.incidents.complete_step(incident, "isolate", "田中", fields={"host": "  "})
    entry = workspace.incidents.complete_step(incident, "isolate", "田中", fields={"host": "PC-1"})
    assert entry.payload["fields"] == {"host": "PC-1"}


def test_field_types_are_checked(workspace: Workspace) -> None:
    from app.domain.playbook import Step
    from app.services.incidents import checked_fields

    step = Step.model_validate(
        {
            "id": "s",
            "title": {"ja": "手順"},
            "fields": [
                {"id": "n", "label": {"ja": "数"}, "type": "number"},
                {"id": "t", "label": {"ja": "時刻"}, "type": "datetime"},
                {"id": "c", "label": {"ja": "選択"}, "type": "choice", "choices": ["a", "b"]},
                {"id": "x", "label": {"ja": "確認"}, "type": "checkbox"},
            ],
        }
    )
    good = checked_fields(step, {"n": "12.5", "t": "2026-11-25T09:30", "c": "b", "x": "yes"})
    assert good == {"n": "12.5", "t": "2026-11-25T09:30", "c": "b", "x": True}
    for bad in (
        {"n": "twelve"},
        {"t": "notatime"},
        {"t": "1900-01-01T00:00"},
        {"c": "z"},
        {"x": "maybe"},
    ):
        with pytest.raises(SonaeError):
            checked_fields(step, bad)


@pytest.mark.parametrize("year", [1, 1920, 2100, 9999])
def test_times_outside_the_supported_years_are_refused(
    workspace: Workspace, incident: str, year: int
) -> None:
    at = datetime(year, 6, 1, tzinfo=UTC)
    with pytest.raises(SonaeError, match="範囲外"):
        workspace.incidents.note(incident, "x", "田中", at=at)
    with pytest.raises(SonaeError, match="範囲外"):
        workspace.incidents.start("ransomware", "t", "田中", mode="tabletop", at=at)


def test_tabletop_time_may_run_ahead_of_the_real_clock(workspace: Workspace) -> None:
    ahead = workspace.real_clock.now() + timedelta(days=30)
    incident = workspace.incidents.start("ransomware", "机上", "田中", mode="tabletop", at=ahead)
    assert workspace.incidents.state(incident).declared_at.startswith("2026-12-25")


def _finish_isolate(
    root: str,
    incident: str,
    barrier: multiprocessing.synchronize.Barrier,
    results: multiprocessing.queues.Queue,
) -> None:  # type: ignore[name-defined]
    ws = Workspace(Path(root))
    ws.incidents.state(incident)  # each process has checked the state before the race
    barrier.wait()
    try:
        ws.incidents.complete_step(incident, "isolate", "p", fields={"host": "PC"})
        results.put("ok")
    except SonaeError:
        results.put("refused")
    finally:
        ws.close()


def test_two_writers_cannot_both_pass_the_same_check(data_dir: Path) -> None:
    ws = Workspace(data_dir)
    incident = ws.incidents.start("ransomware", "並行", "田中", mode="drill")
    ws.close()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    results = context.Queue()
    workers = [
        context.Process(target=_finish_isolate, args=(str(data_dir), incident, barrier, results))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    outcomes = sorted(results.get(timeout=5) for _ in workers)
    assert outcomes == ["ok", "refused", "refused", "refused"]
    ws = Workspace(data_dir)
    done = [e for e in ws.incidents.entries(incident) if e.kind == "step_done"]
    ws.close()
    assert len(done) == 1


def test_corrections_accept_the_entry_number(workspace: Workspace, incident: str) -> None:
    workspace.incidents.note(incident, "誤記", "田中")
    workspace.incidents.correct(incident, "#2", "別件", "田中")
    state = workspace.incidents.state(incident)
    assert len(state.retracted) == 1
    with pytest.raises(SonaeError):
        workspace.incidents.correct(incident, "#99", "x", "田中")
    with pytest.raises(SonaeError):
        workspace.incidents.correct(incident, "2", "again", "田中")  # already corrected


def test_hand_over_keeps_a_met_deadline_met(workspace: Workspace) -> None:
    inc = workspace.incidents
    incident = inc.start("ransomware", "引継ぎ", "田中", mode="drill")
    inc.decide(incident, "personal_data", "yes", "田中")
    inc.complete_step(incident, "ppc_preliminary", "田中")
    inc.hand_over(incident, "personal_data_leak", "田中")
    state = inc.state(incident)
    assert state.playbook.id == "personal_data_leak"
    statuses = {s.id: s.state for s in inc.deadlines(incident)}
    assert statuses["ppc_preliminary"] == "met"
    assert state.step_states()["ppc_preliminary"] == "done"


def test_a_required_checkbox_must_be_ticked() -> None:
    from app.domain.playbook import Step
    from app.services.incidents import checked_fields

    step = Step.model_validate(
        {
            "id": "s",
            "title": {"ja": "手順"},
            "fields": [
                {"id": "ok", "label": {"ja": "確認した"}, "type": "checkbox", "required": True}
            ],
        }
    )
    assert checked_fields(step, {"ok": True}) == {"ok": True}
    for value in (False, "no"):
        with pytest.raises(SonaeError, match="確認した"):
            checked_fields(step, {"ok": value})

"""The registry of entry kinds: typed payloads with versions, one checked write path, causes by
uuid, and old logs read through their upgrade step."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from app.domain import kinds as k
from app.domain.entries import EntryDraft
from app.domain.state import _HANDLERS
from app.domain.vocabulary import KIND_LABELS
from app.errors import SonaeError
from app.services.workspace import Workspace

APP = Path(__file__).resolve().parents[2] / "app"


def test_every_kind_has_a_model_a_fold_handler_and_a_label_in_both_languages() -> None:
    assert set(_HANDLERS) == set(k.KINDS)
    for name, kind in k.KINDS.items():
        assert issubclass(kind.payload, k.Payload)
        label = KIND_LABELS[name]
        assert label.ja and label.en and label.ja != label.en, name
    # One payload class per kind: the draft's kind is read off its payload.
    assert len({kind.payload for kind in k.KINDS.values()}) == len(k.KINDS)


def test_a_payload_is_read_as_its_model_and_written_back_the_same() -> None:
    done = k.StepDone(fields={"host": "PC-1"}, note="n", deputy_for="課長")
    assert k.read_data(done.to_payload(), k.StepDone) == done
    pin = k.PlanPin("ransomware", 3, "a" * 64)
    over = k.HandedOver(playbook=pin, from_plan="malware")
    stored = over.to_payload()
    assert stored["from"] == "malware" and "from_plan" not in stored  # the key as always written
    assert k.read_data(stored, k.HandedOver) == over


@pytest.mark.parametrize(
    ("model", "data", "why"),
    [
        (k.Decided, {}, "choice is missing"),
        (k.Decided, {"choice": 1}, "choice is not str"),
        (k.Decided, {"choise": "yes"}, "unknown key 'choise'"),  # a renamed key is an error
        (k.Lesson, {"text": "t", "improvement": "yes"}, "improvement is not bool"),
        (k.Opened, {"title": "t", "mode": "real", "playbook": []}, "not an object"),
        (k.DeadlineMet, {"deadline_id": "d", "v": 3}, "newer than this Sonae reads"),
        (k.DeadlineMet, {"deadline_id": "d", "v": "2"}, "not a version"),
    ],
)
def test_a_payload_that_does_not_fit_its_model_is_refused(
    model: type[k.Payload], data: dict[str, Any], why: str
) -> None:
    with pytest.raises(k.PayloadError, match=why):
        k.read_data(data, model)


def test_older_versions_are_upgraded_before_they_are_read() -> None:
    # Version 1 notes named their step in the payload; version 2 uses the step_id column.
    assert k.read_data({"text": "t", "step_id": "isolate"}, k.Noted).legacy_step == "isolate"
    assert k.Noted(text="t").to_payload() == {"text": "t", "v": 2}
    # Version 1 deadline_met entries did not name their cause.
    assert k.read_data({"deadline_id": "ppc"}, k.DeadlineMet).cause is None


def test_a_draft_of_an_unknown_kind_or_a_wrong_payload_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown entry kind"):
        k.check_draft(EntryDraft("2026-0001", "rewritten", "a", _now(), payload={}))
    with pytest.raises(k.PayloadError, match="unknown key 'txt'"):
        k.check_draft(EntryDraft("2026-0001", "noted", "a", _now(), payload={"txt": "x"}))


def test_no_generic_write_path_remains() -> None:
    """Outside the registry, nothing builds an EntryDraft by hand with a kind name: every
    kind is written by its own command through ``kinds.draft``."""
    offenders = []
    for path in APP.rglob("*.py"):
        if path.name == "kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "EntryDraft":
                offenders.append(f"{path.relative_to(APP)}:{node.lineno}")
    assert offenders == []


def test_every_draft_gets_its_uuid_in_the_domain_and_keeps_it(workspace: Workspace) -> None:
    one = EntryDraft("x", "noted", "a", _now(), payload={"text": "t"})
    two = EntryDraft("x", "noted", "a", _now(), payload={"text": "t"})
    assert one.uuid != two.uuid and len(one.uuid) == 36
    inc = workspace.incidents
    incident = inc.start("ransomware", "訓練", "田中", mode="drill")
    written = inc.note(incident, "メモ", "田中")
    assert inc.find_entry(incident, written.uuid).seq == written.seq


def _fill(step: Any) -> dict[str, Any]:
    values = {"checkbox": True, "number": "1", "datetime": "2026-11-25T09:30", "text": "x"}
    out: dict[str, Any] = {}
    for spec in step.fields:
        if spec.required:
            out[spec.id] = spec.choices[0] if spec.type == "choice" else values.get(spec.type, "x")
    return out


def _met_deadline(ws: Workspace) -> tuple[str, str]:
    inc = ws.incidents
    incident = inc.start("ransomware", "訓練", "田中", mode="drill")
    state = inc.state(incident)
    inc.decide(incident, "personal_data", "yes", "田中")
    step = state.playbook.plan.step("ppc_preliminary")
    assert step is not None
    done = inc.complete_step(incident, step.id, "田中", fields=_fill(step))
    return incident, done.uuid


def test_a_deadline_met_names_the_step_done_that_met_it(workspace: Workspace) -> None:
    incident, done = _met_deadline(workspace)
    met = [e for e in workspace.incidents.entries(incident) if e.kind == "deadline_met"]
    assert met and all(k.read_payload(e, k.DeadlineMet).cause == done for e in met)


def test_retracting_a_step_retracts_the_deadlines_it_met_by_their_cause(
    workspace: Workspace,
) -> None:
    inc = workspace.incidents
    incident, done = _met_deadline(workspace)
    assert "ppc_preliminary" in inc.state(incident).met
    first = inc.correct(incident, done, "誤入力", "田中")
    state = inc.state(incident)
    assert "ppc_preliminary" not in state.met
    cascaded = [
        e
        for e in inc.entries(incident)
        if e.kind == "corrected" and e.uuid != first.uuid and e.seq > first.seq - 1
    ]
    assert cascaded and all(k.read_payload(e, k.Corrected).cause == first.uuid for e in cascaded)


def test_a_kind_that_cannot_be_corrected_is_refused_by_the_registry(
    workspace: Workspace,
) -> None:
    inc = workspace.incidents
    incident = inc.start("ransomware", "訓練", "田中", mode="drill")
    with pytest.raises(SonaeError, match="opened"):
        inc.correct(incident, "1", "誤り", "田中")
    assert not k.KINDS["opened"].correctable and k.KINDS["noted"].correctable


def _now() -> Any:
    from app.domain.timeutil import utc_now

    return utc_now()

"""One bad city plan never takes the others down, and a plan pinned in the log is re-read
within the same bounds: a clock it cannot compute is an error on that clock, not on the app."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from app.cli import main
from app.domain.entries import EntryDraft
from app.domain.loader import load_text
from app.domain.timeutil import utc_now
from app.services.workspace import Workspace
from app.store.log import LogStore

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = sorted((ROOT / "tests" / "fixtures" / "hostile_playbooks").glob("*.yaml"))


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda p: p.stem)
def test_a_hostile_city_plan_is_said_once_and_every_other_plan_works(
    hostile: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = data_dir / "playbooks"
    own.mkdir(parents=True)
    shutil.copy(hostile, own / hostile.name)
    began = time.monotonic()
    assert main(["--lang", "en", "playbooks", "list"]) == 0
    out, err = capsys.readouterr()
    assert "ransomware" in out and err.count(hostile.name + ":") == 1, err
    code = main(
        ["--lang", "en", "incident", "start", "initial_report", "--title", "t", "--actor", "a"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    incident = out.strip()
    assert err.count(hostile.name + ":") == 1 and "not loaded" in err
    assert (
        main(["--lang", "en", "incident", "handover", incident, "ransomware", "--actor", "a"]) == 0
    )
    assert main(["--lang", "en", "playbooks", "check"]) == 1
    out, err = capsys.readouterr()
    assert f"{hostile.name}:" in out and "internal error" not in out + err
    assert time.monotonic() - began < 15  # four commands, each reading the hostile file


# A schema 1 plan as one could be written before clocks were bounded: two clocks on one answer.
OLD_PLAN = """\
schema: 1
id: ransomware
version: 3
category: cyber
title: {ja: ランサムウェア感染}
decisions:
  - {id: personal_data, ask: {ja: 個人情報の漏えいのおそれがあるか}, choices: [yes, no, unknown]}
phases:
  - id: report
    title: {ja: 報告}
    steps:
      - {id: ppc_preliminary, title: {ja: 速報する}}
      - {id: ppc_final, title: {ja: 確報する}}
deadlines:
  - {id: ppc_preliminary, title: {ja: 速報}, from: "decision:personal_data", within: P5D,
     when: personal_data == yes, met_by: ppc_preliminary, basis: 第68条}
  - {id: ppc_final, title: {ja: 確報}, from: "decision:personal_data", within: P60D,
     when: personal_data == yes, met_by: ppc_final, basis: 第68条}
"""


def _pin_beyond_bounds(data_dir: Path) -> str:
    """An incident whose pinned plan has a clock of P9999999D, as a plan that passed `check`
    before clocks were bounded: the log keeps it for ever."""
    text = OLD_PLAN.replace("within: P5D", "within: P9999999D", 1)
    assert load_text(text).playbook is None  # today's check refuses it ...
    plan = load_text(text, "<pinned>", pinned=True).playbook  # ... a pinned text still reads
    assert plan is not None
    store = LogStore(data_dir / "sonae.db")
    payload = {"title": "昔のプラン", "mode": "drill", "playbook": plan.pin()}
    opened = store.open_incident(
        2026, lambda i: [EntryDraft(i, "opened", "a", utc_now(), payload=payload)], [plan]
    )
    incident = opened[0].incident_id
    store.append([EntryDraft(incident, "decided", "a", utc_now(), decision_id="personal_data",
                             payload={"choice": "yes"})])  # fmt: skip
    store.close()
    return incident


def test_a_pinned_clock_beyond_any_calendar_is_an_error_on_that_clock(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    incident = _pin_beyond_bounds(data_dir)
    assert main(["--lang", "en", "incident", "list"]) == 0
    assert incident in capsys.readouterr().out
    assert main(["--lang", "en", "incident", "show", incident]) == 0
    out = capsys.readouterr().out
    assert "ppc_preliminary: CANNOT BE COMPUTED" in out  # the vocabulary's words, as on screen
    assert "Running" in out  # the other clocks still count
    out_pdf = tmp_path / "r.pdf"
    assert main(["--lang", "en", "report", incident, "--out", str(out_pdf)]) == 0
    from tests.reports.conftest import pdf_text

    assert "計算できません" in pdf_text(out_pdf)
    ws = Workspace(data_dir)
    states = {d.id: d.state for d in ws.incidents.deadlines(incident)}
    assert states["ppc_preliminary"] == "invalid" and states["ppc_final"] == "running"
    ws.close()


def test_a_hostile_pinned_plan_makes_only_its_incident_unreadable(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forged database whose pinned plan is a billion laughs: it is refused within bounds, the
    incident says it cannot be read, and the other incidents open."""
    assert main(["incident", "start", "ransomware", "--title", "無事", "--actor", "a"]) == 0
    fine = capsys.readouterr().out.strip()
    hostile = ROOT / "tests" / "fixtures" / "hostile_playbooks" / "billion_laughs.yaml"
    text = hostile.read_text("utf-8")
    from app.domain.loader import PlaybookFile, sha256_text

    real = Workspace(data_dir).library.get("ransomware")
    forged = PlaybookFile(real.plan, text, sha256_text(text))
    store = LogStore(data_dir / "sonae.db")
    payload = {"title": "偽", "mode": "real", "playbook": forged.pin()}
    store.open_incident(
        2026, lambda i: [EntryDraft(i, "opened", "a", utc_now(), payload=payload)], [forged]
    )
    store.close()
    began = time.monotonic()
    assert main(["--lang", "en", "incident", "list"]) == 0
    out, err = capsys.readouterr()
    assert time.monotonic() - began < 5
    assert fine in out and "cannot be read" in out and "aliases" in out
    assert "internal error" not in out + err

"""`sonae exercise list | check | schema` (issue 13, points 1 and 7): the scripts on the command
line, a bad one said at FILE:LINE with exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_bundled_scripts_with_their_plans(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _err = run(capsys, "exercise", "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert set(rows) == {"ransomware_72h", "misdelivered_mail", "earthquake_office_hours"}
    assert "ransomware" in rows["ransomware_72h"] and "PT72H" in rows["ransomware_72h"]
    assert "Tabletop exercise" in rows["misdelivered_mail"]
    code, out, _err = run(capsys, "exercise", "list", "--json")
    listed = {s["id"]: s for s in json.loads(out)}
    assert listed["earthquake_office_hours"]["plan"] == "earthquake_server_room"
    assert listed["ransomware_72h"]["moves"][0]["injects"][0] == {"id": "ransom_note", "at": "PT0S"}


def test_check_passes_the_bundled_and_refuses_a_bad_one_at_its_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, _out, err = run(capsys, "exercise", "check")
    assert code == 0 and "valid" in err
    bad = tmp_path / "bad.yaml"
    bundled = (
        Path(__file__).resolve().parents[2] / "playbooks" / "exercises" / "ransomware_72h.yaml"
    )
    text = bundled.read_text("utf-8").replace("- step: cut_remote", "- step: cut_remot", 1)
    bad.write_text(text, "utf-8")
    line = text.splitlines().index("          - step: cut_remot") + 1
    code, out, err = run(capsys, "exercise", "check", str(bad))
    assert code == 1
    assert out.splitlines() == [f"{bad}:{line}: plan 'ransomware' has no step 'cut_remot'"]
    assert "1 problem" in err


def test_a_bad_city_script_is_said_by_list_and_the_others_still_listed(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    own = data_dir / "playbooks" / "exercises"
    own.mkdir(parents=True)
    (own / "mine.yaml").write_text("schema: 1\nid: mine\nversion: one\n", "utf-8")
    code, out, err = run(capsys, "exercise", "list")
    assert code == 0 and len(out.splitlines()) == 3
    assert f"{own / 'mine.yaml'}:3:" in err
    code, out, _err = run(capsys, "exercise", "check")
    assert code == 1 and all(line.startswith(f"{own / 'mine.yaml'}:") for line in out.splitlines())


def test_schema_prints_the_script_format(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _err = run(capsys, "exercise", "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"].startswith("Sonae exercise script")
    assert {"plan", "moves", "objectives", "window"} <= set(schema["properties"])

"""`sonae playbooks import-md` and `export-md` on the command line: a Markdown runbook becomes a
plan that `playbooks check` passes; a bundled plan goes out as Markdown and back; bad input is
one line and writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sonae(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_a_runbook_becomes_a_checked_plan_and_a_plan_goes_out_and_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    runbook = tmp_path / "Power Outage Runbook.md"
    runbook.write_text(
        "# 停電時の手順\n\n## 初動\n\n- 無停電電源装置の残り時間を確かめる\n  - 残り時間を記録した\n"
        "- サーバを順に停止する\n\n## 復電\n\n- 復電後にサーバを起動する\n",
        "utf-8",
    )
    plan = tmp_path / "power.yaml"
    made = sonae(
        data,
        "playbooks",
        "import-md",
        str(runbook),
        "--out",
        str(plan),
        "--category",
        "infrastructure",
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == str(plan)
    text = plan.read_text("utf-8")
    assert text.startswith("# Started from the Markdown checklist Power Outage Runbook.md")
    assert "id: power-outage-runbook" in text and "category: infrastructure" in text
    checked = sonae(data, "playbooks", "check", str(plan))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    out = tmp_path / "ransomware.md"
    exported = sonae(data, "playbooks", "export-md", "ransomware", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    markdown = out.read_text("utf-8")
    assert markdown.startswith("# ") and "\n## " in markdown and "\n  - [ ] " in markdown
    again = tmp_path / "again.yaml"
    back = sonae(
        data, "playbooks", "import-md", str(out), "--out", str(again), "--id", "ransomware-copy"
    )
    assert back.returncode == 0, back.stderr
    assert sonae(data, "playbooks", "check", str(again)).returncode == 0


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    out = tmp_path / "plan.yaml"
    cases = {
        "table.md": ("# 題\n\n## 段階\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "table.md:5:"),
        "binary.md": (b"\xff\xfe# \x00", "not UTF-8"),
        "category.md": ("# 題\n\n## 段階\n\n- 手順\n", "category"),
    }
    for name, (content, says) in cases.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
        extra = ["--category", "weather"] if name == "category.md" else []
        result = sonae(
            data, "--lang", "en", "playbooks", "import-md", str(path), "--out", str(out), *extra
        )
        assert result.returncode == 1, (name, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and says in lines[0], (name, lines)
        assert "internal error" not in result.stderr
        assert not out.exists()
    # The city's plans folder is Sonae's own: an output there is refused like any kept file.
    kept = data / "playbooks" / "x.yaml"
    (data / "playbooks").mkdir()
    (tmp_path / "ok.md").write_text("# 題\n\n## 段階\n\n- 手順\n", "utf-8")
    refused = sonae(data, "playbooks", "import-md", str(tmp_path / "ok.md"), "--out", str(kept))
    assert refused.returncode == 1 and not kept.exists(), refused.stderr

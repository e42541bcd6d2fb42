"""Property-based: whatever arguments a command gets, it answers with exit 0, 1 or 2, a clear
line (never 'internal error' or a traceback), a terminal-safe output, and a log that verifies.

Bounded in `make test` by the "ci" profile (tests/conftest.py); `make fuzz` runs it at length.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.cli import build_parser, cmd_gui, main
from app.domain.visible import MARKED_RANGES

# Any marked character except the newline between lines.
UNSAFE = re.compile(
    "["
    + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in MARKED_RANGES if (a, b) != (0, 0x1F))
    + "\\x00-\\x09\\x0b-\\x1f]"
)

WORDS = st.sampled_from(
    [
        "ransomware",
        "initial_report",
        "isolate",
        "personal_data",
        "yes",
        "no",
        "unknown",
        "open",
        "closed",
        "contained",
        "host=PC-1",
        "#1",
        "#999999999999999999999",
        "",
        " ",
        "-",
        "--",
        "--at",
        "2026-0001",
        "9999-9999",
        "日本語",
        "\x1b[31m赤\x1b[0m",
        "\u202eexe.pdf",
        "a" * 300,
        "\udcff",
    ]
)
TEXT = st.one_of(WORDS, st.text(max_size=40))
TIMES = st.one_of(
    st.sampled_from(
        [
            "2026-11-25T09:00",
            "2026-11-25T09:00+09:00",
            "2026-13-01T00:00",
            "9999-12-31T23:59",
            "0001-01-01T00:00",
            "2099-12-31T23:59:59Z",
            "2000-01-01",
            "now",
            "",
            "1e999",
            "2026-11-25T25:61",
            "2026-02-30",
        ]
    ),
    st.text(max_size=20),
)


@pytest.fixture
def incident(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["incident", "start", "ransomware", "--title", "fuzz", "--actor", "a"]) == 0
    found = capsys.readouterr().out.strip()
    return found


def _paths(tmp: Path, data: Path) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            str(tmp / "out.pdf"),
            str(tmp / "no" / "such" / "x.pdf"),
            str(data / "sonae.db"),
            str(data / "sonae.db-wal"),
            str(data),
            str(tmp),
            "/dev/null",
            "",
            str(tmp / "out.csv"),
        ]
    )


def _commands(incident: str, tmp: Path, data: Path) -> st.SearchStrategy[list[str]]:
    ident = st.one_of(st.just(incident), TEXT)
    path = _paths(tmp, data)
    return st.one_of(
        st.tuples(
            TEXT, TEXT, st.sampled_from(["real", "drill", "tabletop", "x"]), TEXT, TIMES, TIMES
        ).map(
            lambda a: [
                "incident",
                "start",
                a[0],
                "--title",
                a[1],
                "--mode",
                a[2],
                "--zones",
                a[3],
                "--at",
                a[4],
                "--awareness",
                a[5],
            ]
        ),
        st.tuples(ident, TEXT, TEXT, TIMES).map(
            lambda a: ["incident", "step", a[0], a[1], "--done", "--field", a[2], "--at", a[3]]
        ),
        st.tuples(ident, TEXT, TEXT).map(
            lambda a: ["incident", "step", a[0], a[1], "--skip", a[2]]
        ),
        st.tuples(ident, TEXT, TEXT, TIMES).map(
            lambda a: ["incident", "decide", a[0], a[1], a[2], "--at", a[3]]
        ),
        st.tuples(ident, TEXT, TIMES).map(lambda a: ["incident", "note", a[0], a[1], "--at", a[2]]),
        st.tuples(
            ident, st.sampled_from(["open", "contained", "recovered", "closed", "x"]), TEXT
        ).map(lambda a: ["incident", "status", a[0], a[1], "--summary", a[2]]),
        st.tuples(ident, TEXT, TEXT).map(
            lambda a: ["incident", "correct", a[0], a[1], "--reason", a[2]]
        ),
        st.tuples(ident, TEXT).map(lambda a: ["incident", "handover", a[0], a[1]]),
        st.tuples(ident, TIMES).map(lambda a: ["incident", "show", a[0], "--now", a[1]]),
        st.just(["incident", "list"]),
        st.just(["playbooks", "list", "--json"]),
        st.tuples(ident, TEXT).map(lambda a: ["verify", a[0], "--head", a[1]]),
        st.tuples(ident, path, TIMES).map(
            lambda a: ["report", a[0], "--out", a[1], "--as-of", a[2]]
        ),
        st.tuples(ident, path).map(lambda a: ["timeline", a[0], "--csv", a[1]]),
        st.tuples(TEXT, path).map(lambda a: ["print", a[0], "--out", a[1]]),
        st.tuples(path).map(lambda a: ["playbooks", "check", a[0]]),
        st.lists(TEXT, max_size=5),  # anything at all
    )


def _opens_the_window(argv: list[str]) -> bool:
    """No command (or `gui`) opens the desktop app, which waits for a person: not for here."""
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            args = build_parser().parse_args(argv)
    except SystemExit:
        return False
    return getattr(args, "func", cmd_gui) is cmd_gui


@pytest.mark.fuzz
def test_every_command_answers_any_arguments_in_one_clear_line(
    incident: str,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative --out lands here, never in the checkout

    @given(_commands(incident, tmp_path, data_dir), st.sampled_from(["ja", "en"]))
    def check(argv: list[str], lang: str) -> None:
        assume(not _opens_the_window(argv))
        try:
            code = main(["--lang", lang, *argv])
        except SystemExit as exit_:  # argparse: usage (2) or --help/--version (0)
            code = exit_.code if isinstance(exit_.code, int) else 2
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (argv, code, err)
        assert "internal error" not in err and "内部エラー" not in err, (argv, err)
        assert "Traceback" not in err, (argv, err)
        if code == 1:
            assert err.strip(), argv
        assert not UNSAFE.search(out + err), (argv, out + err)

    check()
    assert main(["verify"]) == 0, capsys.readouterr().err  # nothing it did broke the log


def test_control_characters_are_escaped_on_the_terminal_and_stored_as_given(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = "請求\x1b[2J\x1b]0;owned\x07 \u202eexe.pdf\nfake line"
    assert main(["incident", "start", "ransomware", "--title", title, "--actor", "a"]) == 0
    incident = capsys.readouterr().out.strip()
    assert main(["incident", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    line = next(x for x in out.splitlines() if x.startswith(incident))
    assert "\\x1b[2J" in line and "\\u202e" in line and "\\nfake line" in line
    assert main(["incident", "show", incident, "--json"]) == 0
    shown = capsys.readouterr().out
    assert "\u202e" not in shown and "\\u202e" in shown
    assert main(["incident", "note", incident, "no such step \x1b[31m"]) == 0
    assert main(["incident", "decide", incident, "\x1b[31mred", "yes"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1
    from app.services.workspace import Workspace

    ws = Workspace(data_dir)
    assert ws.incidents.state(incident).title == title  # stored exactly as given
    ws.close()

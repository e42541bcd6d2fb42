"""One describer, one vocabulary: every entry of an incident reads the same on the screen, on
paper (the record's rows and the PDF itself), in the CSV and on the terminal, in Japanese and in
English. A signed record must use the words the responder saw."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain.clock import ManualClock
from app.domain.entries import EntryDraft, LogEntry
from app.domain.timeutil import to_iso
from app.domain.vocabulary import KIND_LABELS, MARKED, RETRACTED_BY
from app.reports.export import write_timeline_csv
from app.reports.facts import TimelineRow, timeline_rows
from app.reports.record import render_record
from app.services.reports import load_record_data, write_report
from app.services.workspace import Workspace
from app.ui.app import Translations
from app.ui.main_window import MainWindow
from tests.reports.conftest import pdf_text

WHO = "山田 一郎"


def every_kind(ws: Workspace, clock: ManualClock, tmp_path: Path) -> str:
    """A tabletop incident holding an entry of every kind Sonae writes: a first plan handed over
    to a second that shares a step id under another title, decisions of both plans (one with a
    note), fields, a deputy, a skip, a note corrected, a lesson, a status change with a summary,
    a deadline met, a report receipt, evidence attached and handed over, and an inject, an old
    evidence entry and a clock change."""
    inc = ws.incidents

    def tick() -> None:
        clock.advance(timedelta(minutes=5))

    incident = inc.start("initial_report", "共有フォルダが開けない", WHO, mode="tabletop")
    tick()
    inc.decide(incident, "personal_data", "yes", WHO)
    inc.decide(incident, "route", "handover", WHO, note="暗号化の兆候あり")
    tick()
    inc.start_step(
        incident, "report_manager", WHO, note="課長は外出中"
    )  # the next plan retitles it
    inc.complete_step(incident, "choose_plan", WHO, fields={"plan": "ransomware"})
    tick()
    inc.hand_over(incident, "ransomware", WHO)
    tick()
    inc.complete_step(
        incident,
        "isolate",
        "佐藤 花子",
        fields={"host": "FIN-PC-023"},
        deputy_for="情報システム管理者",
    )
    inc.skip_step(incident, "decryptor", "既知の復号ツールなし", WHO)
    inc.defer_step(
        incident, "record_note", "端末の前に人がいない", WHO, until=clock.now() + timedelta(hours=1)
    )
    inc.decide(incident, "operations_stopped", "no", WHO)
    tick()
    inc.complete_step(incident, "ppc_preliminary", WHO)  # and the deadline it meets
    wrong = inc.note(incident, "別の課の記録", WHO)
    inc.correct(incident, wrong.uuid, "別の事案の記録だった", WHO)
    item = inc.add_lesson(incident, "連絡網を月次で確認する", WHO, improvement=True)
    inc.close_improvement(incident, item.uuid, "連絡網の確認を月初の定例に入れた", WHO)
    inc.set_status(incident, "contained", WHO, summary="感染端末を隔離した")
    tick()
    inc.complete_step(incident, "report_manager", WHO, fields={"reported_to": "財務課長"})
    inc.tick_check(incident, "confirm_isolation", "first", WHO)
    inc.record_contact(incident, "report_police", "police_cyber", "phone", WHO,
                       person="担当 佐藤", receipt="R-12", outcome="相談を受理")  # fmt: skip
    inc.correct_awareness(incident, clock.now() - timedelta(days=1), "前日に課で把握", WHO)
    inc.set_body(incident, "executive", WHO)
    photo = tmp_path / "脅迫文.jpg"
    photo.write_bytes(b"ransom note")
    added = inc.add_evidence(incident, photo, WHO, step="isolate", note="画面を撮影")
    inc.hand_over_evidence(incident, added.payload["sha256"], WHO, "県警", "handed_over")
    write_report(ws, incident, tmp_path / "first.pdf", "record", actor=WHO)
    # Kinds no command writes yet, in the shape of their registry's payloads; the script an
    # exercise_started entry names is pinned with it, as an exercise's opening pins it.
    at = clock.now()
    script = ws.exercises.get("misdelivered_mail")
    ws.store.append(
        [
            EntryDraft(incident, "inject", "演習 統制", at, payload={"text": "報道機関から問合せ"}),
            EntryDraft(
                incident,
                "exercise_started",
                "演習 統制",
                at,
                payload={"script": {"id": script.id, "version": 1, "sha256": script.sha256}},
            ),
            EntryDraft(
                incident,
                "rated",
                "演習 評価",
                at,
                payload={"objective": "report", "rating": "S", "reason": "報告が遅れた"},
            ),
            EntryDraft(
                incident,
                "evidence_added",
                WHO,
                at,
                payload={"text": "脅迫文の写真", "sha256": "ab" * 32, "file": "note.jpg"},
            ),
            EntryDraft(
                incident,
                "conflict_resolved",
                WHO,
                at,
                payload={
                    "subject": "decision",
                    "target": "operations_stopped",
                    "chosen": "no",
                    "over": [],
                    "reason": "両端末の記録を確認",
                },
            ),
            EntryDraft(
                incident,
                "clock_changed",
                "演習 統制",
                at,
                payload={
                    "action": "jump",
                    "real_at": to_iso(at),
                    "sim_at": to_iso(at + timedelta(hours=3)),
                    "speed": 1.0,
                    "running": True,
                },
            ),
        ],
        [script],
    )
    return incident


def screen_rows(window: MainWindow) -> dict[int, tuple[str, str, str]]:
    """seq -> (who, kind, what) as the timeline shows them."""
    model = window.incident.timeline.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    out = {}
    for row in range(model.rowCount()):
        cells = [model.data(model.index(row, c)) for c in (0, 3, 4, 5)]
        out[int(cells[0])] = (cells[1], cells[2], cells[3])
    return out


def paper_what(row: TimelineRow, lang: str) -> str:
    """The screen's cell of what an entry says: the record's 内容, led by its 注記 marks."""
    return "".join(MARKED.format(lang, mark=m) for m in row.marks) + row.what


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_entry_reads_the_same_on_screen_on_paper_and_in_every_export(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    translations: Translations,
    workspace: Workspace,
    clock: ManualClock,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:
    incident = every_kind(workspace, clock, tmp_path)
    assert translations.use(lang)
    window.open_incident(incident)
    data = load_record_data(workspace, incident)
    kinds = {e.kind for e in data.entries}
    assert set(KIND_LABELS) <= kinds, set(KIND_LABELS) - kinds  # every kind is in this log

    screen = screen_rows(window)
    paper = {row.seq: row for row in timeline_rows(data.state, data.entries, lang)}
    assert sorted(screen) == sorted(paper) == [e.seq for e in data.entries]
    for seq, row in paper.items():
        assert screen[seq] == (row.actor, row.kind, paper_what(row, lang)), seq
        assert row.what and row.kind == KIND_LABELS[row.entry.kind].text(lang)

    # The words the fold knows, not the format's ids: the plan in force at each entry.
    first = workspace.library.get("initial_report").plan
    second = workspace.library.get("ransomware").plan
    by_kind: dict[str, list[TimelineRow]] = {}
    for row in paper.values():
        by_kind.setdefault(row.entry.kind, []).append(row)
    route, ops = (
        next(r.what for r in by_kind["decided"] if r.entry.decision_id == d)
        for d in ("route", "operations_stopped")
    )
    asked = first.decision("route")
    assert asked is not None and route.startswith(f"{asked.ask.get(lang)} → ")
    assert asked.choices[0].label is not None and asked.choices[0].label.get(lang) in route
    assert "handover" not in route and "= " not in route
    no = "いいえ" if lang == "ja" else "No"
    assert ops.endswith(f" → {no}")
    shared = {r.entry.kind: r.what for r in paper.values() if r.entry.step_id == "report_manager"}
    for kind, plan in (("step_started", first), ("step_done", second)):
        step = plan.step("report_manager")
        assert step is not None and shared[kind].startswith(step.title.get(lang))
    assert first.title.get(lang) in by_kind["handed_over"][0].what
    assert second.title.get(lang) in by_kind["handed_over"][0].what
    isolate = next(r for r in by_kind["step_done"] if r.entry.step_id == "isolate")
    assert ("端末名: FIN-PC-023" if lang == "ja" else "Host name: FIN-PC-023") in isolate.what
    deadline = second.deadline("ppc_preliminary")
    assert deadline is not None and by_kind["deadline_met"][0].what == deadline.title.get(lang)
    correction = by_kind["corrected"][0]
    retracted = next(r for r in by_kind["noted"] if r.marks)
    assert f"#{retracted.seq}" in correction.what
    assert retracted.marks == (RETRACTED_BY.format(lang, seq=correction.seq),)
    status = by_kind["status_changed"][0].what
    assert status.startswith("対応中 → 封じ込め済み" if lang == "ja" else "Open → Contained")
    assert "感染端末を隔離した" in status
    assert ("本番" if lang == "ja" else "Real") not in by_kind["opened"][0].what
    assert ("机上訓練" if lang == "ja" else "Tabletop exercise") in by_kind["opened"][0].what
    assert "first.pdf" in by_kind["report_issued"][0].what

    # The terminal: the same words, every entry once.
    capsys.readouterr()
    assert main(["--lang", lang, "timeline", incident]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == len(paper)
    for line, row in zip(printed, paper.values(), strict=True):
        assert line.startswith(f"#{row.seq}  ") and row.kind in line
        assert paper_what(row, lang) in line
    assert translations.use("ja")


def test_the_printed_record_and_the_csv_say_what_the_screen_says(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    workspace: Workspace,
    clock: ManualClock,
    tmp_path: Path,
) -> None:
    incident = every_kind(workspace, clock, tmp_path)
    window.open_incident(incident)
    screen = screen_rows(window)
    data = load_record_data(workspace, incident)
    out = tmp_path / "record.pdf"
    render_record(data, out)
    text = pdf_text(out)
    printed = squeezed(text[text.index("経過記録（タイムライン）") :])
    rows = {r.seq: r for r in timeline_rows(data.state, data.entries)}
    for seq, (_, kind, what) in screen.items():
        assert what == paper_what(rows[seq], "ja")
        assert squeezed(rows[seq].what) in printed, (seq, what)
        assert squeezed(kind) in printed, (seq, kind)
        for mark in rows[seq].marks:  # in the 注記 column, beside it
            assert squeezed(mark) in printed
    for word in ("机上訓練", "封じ込め済み"):  # the header's mode and status, as on screen
        assert word in text
    assert window.incident.badge.text() == "机上訓練"

    buffer = io.StringIO()
    write_timeline_csv(data.state, data.entries, buffer)
    cells = list(csv.reader(io.StringIO(buffer.getvalue())))[1:]
    assert [(int(c[0]), c[3], c[8], c[9]) for c in cells] == [
        (seq, kind, rows[seq].what, " ".join(rows[seq].marks))
        for seq, (_, kind, _) in sorted(screen.items())
    ]


def test_an_unknown_kind_and_a_damaged_payload_are_shown_not_dropped(
    workspace: Workspace, clock: ManualClock, tmp_path: Path
) -> None:
    incident = every_kind(workspace, clock, tmp_path)
    data = load_record_data(workspace, incident)
    last = data.entries[-1]

    def made(kind: str, payload: dict[str, object] | str, seq: int) -> LogEntry:
        return LogEntry(
            seq, f"u{seq}", incident, kind, None, None, WHO, "pc", last.recorded_at,
            last.occurred_at, payload, "", last.hash, "0" * 64,
        )  # fmt: skip

    extra = [
        made("sealed_by_a_newer_sonae", {"signer": "CISO", "count": 3}, last.seq + 1),
        made("noted", "[1, 2", last.seq + 2),  # not JSON
        made("step_done", {"fields": ["not", "a", "mapping"], "note": 5}, last.seq + 3),
        made("handed_over", {"playbook": "ransomware", "from": None}, last.seq + 4),
        made("status_changed", {"status": {"odd": 1}}, last.seq + 5),
    ]
    for lang in ("ja", "en"):
        rows = timeline_rows(data.state, [*data.entries, *extra], lang)[-len(extra) :]
        unknown, damaged, *odd = rows
        assert unknown.kind == "sealed_by_a_newer_sonae"
        assert unknown.what == (
            "signer: CISO、count: 3" if lang == "ja" else "signer: CISO, count: 3"
        )
        assert "sonae verify" in damaged.what
        assert all(r.what for r in odd)

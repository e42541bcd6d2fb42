"""The vocabulary and the describer: one word per concept in each language, and no entry, however
old or damaged its payload, that cannot be put into words."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.domain import entries, kinds, vocabulary
from app.domain.describe import Context, describe, kind_label, marks
from app.domain.entries import LogEntry
from app.domain.state import STEP_STATES
from app.domain.vocabulary import (
    CHOICE_LABELS,
    DEADLINE_STATE_LABELS,
    KIND_LABELS,
    MODE_LABELS,
    STATUS_LABELS,
    STEP_STATE_LABELS,
    ZONE_LABELS,
    Label,
)
from app.paths import resources_dir
from app.services.workspace import Workspace

TIME = "2026-11-25T00:00:00.000000Z"


def entry(kind: str, payload: Any, seq: int = 1, **columns: Any) -> LogEntry:
    return LogEntry(
        seq, f"uuid-{seq}", "2026-0001", kind, columns.get("step_id"),
        columns.get("decision_id"), "係", "pc", TIME, TIME, payload, "", "0" * 64, "0" * 64,
    )  # fmt: skip


def test_every_kind_has_a_label_in_both_languages() -> None:
    wanted = kinds.KIND_NAMES  # the registry's kinds, the tabletop clock's among them
    assert "clock_changed" in wanted
    for kind in wanted:
        label = KIND_LABELS[kind]
        assert label.ja and label.en and label.ja != label.en, kind
        assert kind_label(kind, "ja") == label.ja and kind_label(kind, "en") == label.en
    assert set(KIND_LABELS) == set(wanted)
    assert KIND_LABELS["clock_changed"] == Label("時計の変更", "Clock changed")


def test_every_fixed_value_has_one_word_per_language() -> None:
    tables = [
        (MODE_LABELS, entries.MODES),
        (STATUS_LABELS, entries.STATUSES),
        (STEP_STATE_LABELS, STEP_STATES),
        (ZONE_LABELS, entries.ZONES),
        (CHOICE_LABELS, ("yes", "no", "unknown")),
    ]
    for table, keys in tables:
        assert tuple(table) == tuple(keys)
        assert all(v.ja and v.en for v in table.values())
    assert "invalid" in DEADLINE_STATE_LABELS
    # Within one table, two values never share a word (the kinds' filter, a status badge).
    for table in (KIND_LABELS, MODE_LABELS, STATUS_LABELS, STEP_STATE_LABELS, ZONE_LABELS):
        for lang in ("ja", "en"):
            words = [v.text(lang) for v in table.values()]
            assert len(set(words)) == len(words), (lang, words)


def test_the_words_chosen_where_the_screen_and_the_paper_differed() -> None:
    """The nine labels that had drifted apart, each settled on one word (see vocabulary.py)."""
    assert MODE_LABELS["real"].ja == "本番"  # was 実対応 on screen
    assert STATUS_LABELS["contained"].ja == "封じ込め済み"  # was 封じ込め済 on paper
    assert STATUS_LABELS["recovered"].ja == "復旧済み"  # was 復旧済 on paper
    assert DEADLINE_STATE_LABELS["met"].ja == "期限内に完了"  # was 達成 on screen
    assert DEADLINE_STATE_LABELS["met_late"].ja == "期限後に完了"  # was 期限後に達成 on screen
    assert KIND_LABELS["status_changed"].ja == "状態変更"  # was 状態 on screen
    assert KIND_LABELS["evidence_added"].ja == "証拠追加"  # was 証拠 on screen
    assert KIND_LABELS["deadline_met"].ja == "期限充足"  # was 期限達成 on screen
    assert KIND_LABELS["report_issued"].ja == "帳票出力"  # was 報告書発行 on screen


def test_the_window_has_no_second_translation_of_a_label() -> None:
    """Qt's catalogue keeps the widgets' own text: a vocabulary word translated there too could
    drift again."""
    tree = ET.parse(resources_dir() / "i18n" / "sonae_ja.ts")
    sources = {
        message.findtext("source")
        for context in tree.getroot().iter("context")
        if context.findtext("name") in ("Labels", "Timeline", "TimelineModel")
        for message in context.iter("message")
    }
    words = {
        v.en
        for table in (KIND_LABELS, MODE_LABELS, STATUS_LABELS, STEP_STATE_LABELS)
        for v in table.values()
    } | {v.en for v in (*DEADLINE_STATE_LABELS.values(), *ZONE_LABELS.values())}
    assert not sources & words, sources & words


def test_the_record_and_the_window_read_the_same_table() -> None:
    from app.reports import facts

    assert facts.MODE_JA == vocabulary.japanese(MODE_LABELS)
    assert facts.KIND_JA == vocabulary.japanese(KIND_LABELS)
    assert facts.DEADLINE_STATE_JA == vocabulary.japanese(DEADLINE_STATE_LABELS)
    assert facts.WATERMARK == {"drill": "訓練", "tabletop": "机上訓練"}


def test_an_entry_without_a_plan_is_still_put_into_words() -> None:
    """No state (the window before the fold arrives) or an unknown step: ids, never nothing."""
    shown = describe(entry("step_done", {"fields": {"host": True}}, step_id="gone"), None, "en")
    assert shown == "gone / host: Yes"
    shown = describe(entry("decided", {"choice": "unknown"}, decision_id="leak"), None, "ja")
    assert shown == "leak → 不明"
    status = entry("status_changed", {"status": "closed", "previous": "open", "summary": "済"})
    assert describe(status, None, "ja") == "対応中 → 終了 / 概要: 済"
    assert describe(status, None, "en") == "Open → Closed / summary: 済"


def test_a_correction_names_its_target_by_number_when_the_log_is_known() -> None:
    wrong = entry("noted", {"text": "誤記"}, seq=4)
    fix = entry("corrected", {"target": "uuid-4", "reason": "重複"}, seq=9)
    context = Context.of([wrong, fix])
    assert describe(fix, None, "ja", context) == "#4 を取り消す。理由: 重複"
    assert describe(fix, None, "en") == "retracts uuid-4. Reason: 重複"  # no log: its uuid
    assert marks(wrong, None, "ja", context) == ("取消済(#9)",)
    assert marks(wrong, None, "en", context) == ("retracted (#9)",)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
KEYS = st.sampled_from(
    ["text", "fields", "reason", "note", "deputy_for", "choice", "status", "previous", "summary",
     "target", "playbook", "from", "deadline_id", "report", "entries", "file", "sha256",
     "action", "sim_at", "speed", "improvement", "mode", "title", "step_id"]
)  # fmt: skip


def test_no_payload_makes_the_describer_raise(workspace: Workspace) -> None:
    """Whatever a payload holds, with or without the incident's plans to look things up in."""
    incident = workspace.incidents.start("initial_report", "検査", "係", mode="drill")
    workspace.incidents.hand_over(incident, "ransomware", "係")
    state = workspace.incidents.state(incident)
    context = Context.of(workspace.incidents.entries(incident))

    @given(
        kind=st.sampled_from([*KIND_LABELS, "unknown_kind"]),
        payload=st.dictionaries(KEYS, JSON, max_size=6) | JSON,
        lang=st.sampled_from(["ja", "en"]),
        seq=st.integers(1, 4),
        folded=st.booleans(),
    )
    def check(kind: str, payload: Any, lang: str, seq: int, folded: bool) -> None:
        stored: Any = payload if isinstance(payload, dict) else str(payload)
        odd = entry(kind, stored, seq=seq, step_id="report_manager", decision_id="route")
        shown = describe(odd, state if folded else None, lang, context if folded else None)
        assert isinstance(shown, str)
        assert isinstance(marks(odd, state, lang, context), tuple)

    check()

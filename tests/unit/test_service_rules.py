"""The rules the window asks before it offers an action, asked directly: the field rules, the
lengths of time a tabletop clock jumps by, the status rules and the hand-over targets."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.playbook import Step
from app.errors import SonaeError
from app.i18n import set_language
from app.services import fields, rules
from app.services.workspace import Workspace

STEP = Step.model_validate(
    {
        "id": "s",
        "title": {"ja": "手順"},
        "fields": [
            {
                "id": "host",
                "label": {"ja": "端末名", "en": "Host"},
                "type": "text",
                "required": True,
            },
            {"id": "n", "label": {"ja": "数"}, "type": "number"},
            {"id": "ok", "label": {"ja": "確認"}, "type": "checkbox", "required": True},
        ],
    }
)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({}, "host"),
        ({"host": "  ", "ok": True}, "host"),
        ({"host": "PC-1"}, "ok"),
        ({"host": "PC-1", "ok": False}, "ok"),
        ({"host": "PC-1", "ok": True, "n": "many"}, "n"),
        ({"host": "PC-1", "ok": True, "colour": "red"}, "colour"),
    ],
)
def test_field_problems_names_the_field_checked_fields_refuses(
    values: dict[str, object], field: str
) -> None:
    problem = fields.field_problems(STEP, values)
    assert problem is not None and fields.field_of(problem) == field
    with pytest.raises(SonaeError) as info:
        fields.checked_fields(STEP, values)
    assert info.value.msg == problem  # one rule, one message


def test_good_fields_have_no_problem() -> None:
    values = {"host": "PC-1", "ok": True, "n": 3}
    assert fields.field_problems(STEP, values) is None
    assert fields.checked_fields(STEP, values) == {"host": "PC-1", "ok": True, "n": "3"}


def test_a_required_field_is_named_in_the_language_shown() -> None:
    problem = fields.field_problems(STEP, {})
    assert problem is not None
    assert "端末名" in problem.render("ja") and "'Host'" in problem.render("en")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("30m", timedelta(minutes=30)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("2d", timedelta(days=2)),
        ("45s", timedelta(seconds=45)),
        ("PT30M", timedelta(minutes=30)),
        ("pt2h", timedelta(hours=2)),
        ("P1DT12H", timedelta(days=1, hours=12)),
    ],
)
def test_a_length_of_time_is_read_short_or_iso(text: str, span: timedelta) -> None:
    assert fields.parse_span(text) == span


@pytest.mark.parametrize("text", ["", "0m", "PT0S", "-5m", "30", "soon", "1y", "P", "99999999d"])
def test_a_length_of_time_that_is_not_one_is_refused_in_one_line(text: str) -> None:
    set_language("en")
    with pytest.raises(SonaeError, match="cannot read the length of time"):
        fields.parse_span(text)
    assert fields.parse_span(None) is None


def test_the_status_rules(workspace: Workspace) -> None:
    incident = workspace.incidents.start("ransomware", "状態", "係", mode="drill")
    state = workspace.incidents.state(incident)
    assert rules.status_change_refusal(state, "open") is not None  # already open
    assert rules.status_change_refusal(state, "closed") is None  # allowed, given a summary
    assert rules.status_refusal(state, "closed", " ") == rules.summary_refusal("closed", "")
    assert rules.status_refusal(state, "closed", "終了") is None
    assert rules.summary_refusal("contained", None) is None


def test_hand_over_targets_follow_the_plan_and_never_the_current_one(
    workspace: Workspace,
) -> None:
    library = workspace.library.all()
    first = workspace.incidents.start("initial_report", "初報", "係", mode="drill")
    state = workspace.incidents.state(first)
    named = [p.id for p in rules.hand_over_targets(state, library)]
    assert named == [i for i in state.playbook.plan.handover_to if i != "initial_report"]
    assert all(rules.hand_over_refusal(state, p.sha256) is None for p in library if p.id in named)
    other = workspace.incidents.start("malware_terminal", "端末", "係", mode="drill")
    state = workspace.incidents.state(other)
    offered = {p.id for p in rules.hand_over_targets(state, library)}
    assert offered == {p.id for p in library} - {"malware_terminal"}
    assert rules.hand_over_refusal(state, state.playbook.sha256) is not None

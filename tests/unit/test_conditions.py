from __future__ import annotations

import pytest

from app.domain.conditions import ConditionError, parse_condition


@pytest.mark.parametrize(
    ("text", "decided", "expected"),
    [
        ("pd == yes", {"pd": "yes"}, True),
        ("pd == yes", {"pd": "no"}, False),
        ("pd == yes", {}, None),
        ("pd != no", {"pd": "unknown"}, True),
        ("pd in [yes, unknown]", {"pd": "unknown"}, True),
        ("pd in [yes, unknown]", {"pd": "no"}, False),
        ("pd not in [yes]", {"pd": "no"}, True),
        ("pd == yes and ops == yes", {"pd": "yes"}, None),
        ("pd == yes and ops == yes", {"pd": "no"}, False),
        ("pd == yes or ops == yes", {"ops": "yes"}, True),
        ("pd == yes or ops == yes", {"ops": "no"}, None),
        ("not pd == yes", {"pd": "no"}, True),
        ("not (pd == yes or ops == yes)", {"pd": "no", "ops": "no"}, True),
    ],
)
def test_three_valued_evaluation(text: str, decided: dict[str, str], expected: bool | None) -> None:
    assert parse_condition(text).evaluate(decided) is expected


def test_references_lists_every_decision_and_choice() -> None:
    refs = parse_condition("a in [x, y] and not b == z").references()
    assert refs == [("a", frozenset({"x", "y"})), ("b", frozenset({"z"}))]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "pd",
        "pd ==",
        "pd in yes",
        "pd in [yes",
        "pd == yes and",
        "pd === yes",
        "(pd == yes",
        "pd == yes )",
        "PD == yes",
    ],
)
def test_malformed_conditions_are_refused(text: str) -> None:
    with pytest.raises(ConditionError):
        parse_condition(text)

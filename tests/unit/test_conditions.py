from __future__ import annotations

import pytest

from app.domain.conditions import (
    MAX_COMPARISONS,
    MAX_DEPTH,
    MAX_LENGTH,
    ConditionError,
    parse_condition,
)


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


def _nest(levels: int, opener: str, closer: str = "") -> str:
    return opener * levels + "pd == yes" + closer * levels


@pytest.mark.parametrize(
    ("opener", "closer", "each"), [("(", ")", 1), ("not ", "", 1), ("not (", ")", 2)]
)
def test_nesting_is_bounded(opener: str, closer: str, each: int) -> None:
    """Every `not` and every parenthesis counts one level."""
    levels = MAX_DEPTH // each
    assert parse_condition(_nest(levels, opener, closer)).evaluate({"pd": "yes"}) is not None
    with pytest.raises(ConditionError, match=f"more than {MAX_DEPTH} deep"):
        parse_condition(_nest(levels + 1, opener, closer))


def test_siblings_in_parentheses_do_not_add_up_to_depth() -> None:
    text = " and ".join(["(pd == yes)"] * (MAX_DEPTH * 2))
    assert parse_condition(text).evaluate({"pd": "yes"}) is True


def test_the_number_of_comparisons_is_bounded() -> None:
    assert len(parse_condition(" or ".join(["a == b"] * MAX_COMPARISONS)).references()) == 64
    with pytest.raises(ConditionError, match=f"more than {MAX_COMPARISONS} comparisons"):
        parse_condition(" or ".join(["a == b"] * (MAX_COMPARISONS + 1)))


def test_the_length_is_bounded_before_reading_anything() -> None:
    padded = "pd == yes" + " " * (MAX_LENGTH - len("pd == yes"))
    assert parse_condition(padded).evaluate({"pd": "yes"}) is True
    for text in (padded + " ", "(" * 100_000, "not " * 1_000_000 + "pd == yes"):
        with pytest.raises(ConditionError, match=f"longer than {MAX_LENGTH} characters"):
            parse_condition(text)

"""Property tests: whatever the text, the plan reader answers with problems, never an exception.

Bounded by the "ci" profile of tests/conftest.py in `make test`; `make fuzz` runs them long.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.conditions import Condition, ConditionError, parse_condition
from app.domain.loader import LoadResult, load_text
from app.paths import playbooks_dir

pytestmark = pytest.mark.fuzz

BUNDLED = [
    p.read_text("utf-8")
    for p in sorted(playbooks_dir().glob("*.yaml"))
    if not p.name.startswith("contacts")
]
# Both catch-alls (the loader's and the YAML reader's) start so; neither may ever be reached.
CATCH_ALL = re.compile(r"cannot read this (plan|YAML): ")


def _check(text: str, *, pinned: bool = False) -> LoadResult:
    result = load_text(text, "fuzz.yaml", pinned=pinned)
    assert isinstance(result, LoadResult)
    lines = text.count("\n") + 1
    for problem in result.problems:
        assert 1 <= problem.line <= lines + 1, (problem, lines)
        assert not CATCH_ALL.search(problem.message), problem
        assert str(problem).startswith(f"fuzz.yaml:{problem.line}: ")
    assert (result.playbook is None) == any(p.severity == "error" for p in result.problems)
    return result


# (a) The bundled plans, mutated
YAML_CHARS = "&*<>:-[]{}#!|'\"\t\n%@`,?~ 0123456789aZ_あ\u3000\x00\x07\ufeff"
SNIPPETS = [
    "*x",
    "&x ",
    "<<: *x",
    "2026-02-30",
    "9" * 40,
    "P9999999999999999D",
    "P9999999D",
    "not " * 40,
    "(" * 40,
    "!!binary ===",
    "!!int x",
    "foo-bar: 1",
    "[" * 60,
    "{a: " * 60,
    "---",
    "...",
    "yes",
]


@st.composite
def mutated_plan(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(BUNDLED))
    for _ in range(draw(st.integers(1, 6))):
        lines = text.split("\n")
        kinds = ["char", "snippet", "delete", "dup_line", "swap", "line", "value", "value"]
        kind = draw(st.sampled_from(kinds))
        pos = draw(st.integers(0, len(text)))
        row = draw(st.integers(0, len(lines) - 1))
        if kind == "char":
            text = text[:pos] + draw(st.sampled_from(YAML_CHARS)) + text[pos:]
        elif kind == "snippet":
            text = text[:pos] + draw(st.sampled_from(SNIPPETS)) + text[pos:]
        elif kind == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 200)) :]
        elif kind == "dup_line":
            text = "\n".join(lines[: row + 1] + lines[row:])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[row], lines[other] = lines[other], lines[row]
            text = "\n".join(lines)
        elif kind == "value" and ": " in lines[row]:  # keeps the YAML valid, more often than not
            head = lines[row][: lines[row].index(": ") + 2]
            lines[row] = head + draw(st.sampled_from(SNIPPETS + RAW) | st.text(max_size=20))
            text = "\n".join(lines)
        else:
            lines[row] = draw(st.text(alphabet=YAML_CHARS, max_size=40))
            text = "\n".join(lines)
    return text


@given(mutated_plan(), st.booleans())
def test_a_mutated_bundled_plan_gives_problems_never_an_exception(text: str, pinned: bool) -> None:
    _check(text, pinned=pinned)


def test_the_unmutated_bundled_plans_pass_the_same_check() -> None:
    for text in BUNDLED:
        assert _check(text).playbook is not None


# (b) Random documents: odd scalars, deep nesting, plan keys
class Raw(str):
    """A scalar written into the YAML as is (unquoted), so the YAML reader interprets it."""


PLAN_KEYS = [
    "schema", "id", "version", "revised", "category", "title", "ja", "en", "phases", "steps",
    "decisions", "choices", "deadlines", "when", "within", "warn_before", "from", "met_by",
    "basis", "fields", "type", "refs", "contacts", "role", "roles", "signs", "zones", "key",
    "foo-bar", "<<", "[key]",
]  # fmt: skip
RAW = [
    "2026-02-30", "2026-13-45", "2026-02-28T25:61:00", "2026-11-25", "1999-01-01", "yes", "no",
    "~", ".inf", "-.nan", "0x" + "f" * 20, "0o" + "7" * 20, "1_000", "P5D", "P9999999D",
    "P" + "9" * 20 + "D", "*x", "&x v", "!!binary ===", "!!int abc", "!!float x", "!!str 1",
    "!!python/object:os.system", "[", "}", "'", '"', "#", "|", ">", "%", "@", "`", "- -", ": :",
    "pd == yes", "decision:pd", "step:s", "declared",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.integers(min_value=-3, max_value=3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(RAW).map(Raw),
)
keys = st.one_of(st.sampled_from(PLAN_KEYS), st.text(max_size=12))
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=60,
)


def _flow(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and abs(value) == float("inf"):
        return ".inf" if value > 0 else "-.inf"
    return json.dumps(value)  # JSON is YAML 1.2: ints, true/false, null, quoted strings


def _block(document: dict[Any, Any]) -> str:
    """Top-level keys one a line, values in flow style: problems then have real line numbers."""
    return "".join(f"{_flow(k)}: {_flow(v)}\n" for k, v in document.items())


@given(st.dictionaries(keys, documents, max_size=10), st.integers(0, 80), st.booleans())
def test_a_random_document_gives_problems_never_an_exception(
    document: dict[Any, Any], depth: int, pinned: bool
) -> None:
    document = {**document, "deep": [[]]}
    node: list[Any] = document["deep"]
    for _ in range(depth):  # nested far beyond the reader's bound, sometimes
        node.append([])
        node = node[-1]
    _check(_block(document), pinned=pinned)


@given(st.data())
def test_a_bundled_plan_with_one_value_replaced_gives_problems_never_an_exception(
    data: st.DataObject,
) -> None:
    from app.domain.yamlsource import parse_mapping, plain

    text = data.draw(st.sampled_from(BUNDLED))
    root, _ = parse_mapping(text, "plan", "a playbook")
    tree = plain(root)
    parent: Any = tree
    key: Any = data.draw(st.sampled_from(list(tree)))
    while isinstance(parent[key], dict | list) and parent[key] and data.draw(st.booleans()):
        parent = parent[key]  # one level down: phases, then a phase, its steps, a step...
        key = data.draw(
            st.sampled_from(list(parent) if isinstance(parent, dict) else range(len(parent)))
        )
    parent[key] = data.draw(documents)
    _check(_block(_jsonable(tree)))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return Raw(value.isoformat())
    return value


# (c) The condition language
TOKENS = ["pd", "ops", "a-b", "yes", "no", "x", "==", "!=", "in", "not", "and", "or"]
TOKENS += ["(", ")", "[", "]", ","]
DECISIONS = ["pd", "ops", "a-b", "x"]
CHOICES = ["yes", "no", "x"]


def _python(condition: Condition) -> str:
    """The condition as a Python expression over D (decision -> choice), token by token: the
    two languages share precedence (or < and < not < comparison), so it is an independent oracle.
    """
    tokens = re.findall(r"==|!=|\(|\)|\[|\]|,|[A-Za-z0-9_\-]+", condition.source)
    out: list[str] = []
    in_list = False
    for i, token in enumerate(tokens):
        after = tokens[i + 1 : i + 3]
        if token in ("[", "]"):
            in_list = token == "["
            out.append(token)
        elif token in ("==", "!=", "(", ")", ","):
            out.append(token)
        elif in_list or (out and out[-1] in ("==", "!=")):
            out.append(repr(token))  # a choice
        elif token in ("and", "or", "not", "in"):
            out.append(token)  # never a decision's name
        else:
            assert after[:1] in (["=="], ["!="], ["in"]) or after == ["not", "in"], tokens
            out.append(f"D[{token!r}]")  # a decision
    return " ".join(out)


compare = st.one_of(
    st.builds("{} {} {}".format, st.sampled_from(DECISIONS), st.sampled_from(["==", "!="]),
              st.sampled_from(CHOICES)),
    st.builds("{} {}in [{}]".format, st.sampled_from(DECISIONS), st.sampled_from(["", "not "]),
              st.lists(st.sampled_from(CHOICES), min_size=1, max_size=3).map(", ".join)),
)  # fmt: skip
well_formed = st.recursive(
    compare,
    lambda inner: st.one_of(
        inner.map("not {}".format),
        inner.map("({})".format),
        st.lists(inner, min_size=2, max_size=4).map(" and ".join),
        st.lists(inner, min_size=2, max_size=4).map(" or ".join),
    ),
    max_leaves=30,
)


@given(
    st.one_of(
        well_formed,
        st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
        st.text(max_size=80),
        st.text(alphabet="()not pd=yes", max_size=2000),
    ),
    st.dictionaries(st.sampled_from(DECISIONS), st.sampled_from(CHOICES)),
)
def test_a_condition_parses_or_is_refused_and_evaluates_three_valued(
    text: str, decided: dict[str, str]
) -> None:
    try:
        condition = parse_condition(text)
    except ConditionError:
        return
    value = condition.evaluate(decided)
    assert value in (True, False, None)
    read = {d for d, _ in condition.references()}
    if read <= decided.keys():
        assert value is not None
        assert value == bool(eval(_python(condition), {"D": decided}))  # noqa: S307
    elif value is None:
        assert read - decided.keys()


@given(well_formed | st.lists(st.sampled_from(TOKENS), min_size=3, max_size=40).map(" ".join))
def test_every_parsed_condition_is_three_valued_on_all_decisions(text: str) -> None:
    try:
        condition = parse_condition(text)
    except ConditionError:
        return
    read = sorted({d for d, _ in condition.references()})
    everyone = {d: "yes" for d in read}
    assert condition.evaluate(everyone) == bool(eval(_python(condition), {"D": everyone}))  # noqa: S307
    for missing in read:
        partial = {d: c for d, c in everyone.items() if d != missing}
        assert condition.evaluate(partial) in (True, False, None)

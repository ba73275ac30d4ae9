"""The condition language: each operator, three-valued logic, and rejection of bad trees."""

from __future__ import annotations

import pytest

from safeharbor_cli.conditions import evaluate, find_cycle, parse_condition
from safeharbor_cli.dataset import load_core
from safeharbor_cli.fields import Collector
from safeharbor_cli.vocab import UNKNOWN
from safeharbor_cli.yamlio import parse_text


@pytest.fixture(scope="module")
def vocab():
    return load_core()[0]


def parse(vocab, text: str, names: dict | None = None):
    c = Collector("r.yaml")
    cond = parse_condition(c, parse_text(text, "r.yaml"), (1, 1), vocab, names or {})
    return cond, [str(p) for p in c.problems]


def result(vocab, text: str, **facts):
    cond, problems = parse(vocab, text)
    assert problems == []
    return evaluate(cond, lambda f: (facts.get(f, UNKNOWN), None), vocab, {}).result


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("{fact: mandatory_referral, op: eq, value: true}", {"mandatory_referral": True}, True),
        ("{fact: mandatory_referral, op: eq, value: true}", {"mandatory_referral": False}, False),
        ("{fact: mandatory_referral, op: ne, value: true}", {"mandatory_referral": False}, True),
        ("{fact: youth_extension_age, op: lt, value: 21}", {"youth_extension_age": 20}, True),
        ("{fact: youth_extension_age, op: lt, value: 21}", {"youth_extension_age": 21}, False),
        ("{fact: youth_extension_age, op: lte, value: 21}", {"youth_extension_age": 21}, True),
        ("{fact: youth_extension_age, op: gt, value: 21}", {"youth_extension_age": 21}, False),
        ("{fact: youth_extension_age, op: gte, value: 21}", {"youth_extension_age": 21}, True),
        ("{fact: youth_extension_age, op: in, value: [21, 25]}", {"youth_extension_age": 25}, True),
        ("{fact: youth_extension_age, op: not_in, value: [21, 25]}", {"youth_extension_age": 25}, False),
        ("{fact: services_funding, op: in, value: [none, dedicated]}", {"services_funding": "dedicated"}, True),
        ("{fact: prostitution_response, op: at_least, value: diversion}", {"prostitution_response": "immunity"}, True),
        ("{fact: prostitution_response, op: at_least, value: diversion}", {"prostitution_response": "diversion"}, True),
        (
            "{fact: prostitution_response, op: at_least, value: diversion}",
            {"prostitution_response": "affirmative_defense"},
            False,
        ),
        ("{fact: prostitution_response, op: eq, value: diversion}", {}, None),
    ],
)
def test_operators(vocab, text, facts, expected) -> None:
    assert result(vocab, text, **facts) is expected


T, F, U = True, False, None


def leaf_for(value: bool | None, fact: str) -> tuple[str, dict]:
    text = f"{{fact: {fact}, op: eq, value: true}}"
    return text, ({} if value is None else {fact: value})


@pytest.mark.parametrize(
    ("a", "b", "all_", "any_"),
    [(T, T, T, T), (T, F, F, T), (F, F, F, F), (T, U, U, T), (F, U, F, U), (U, U, U, U)],
)
def test_kleene_truth_tables(vocab, a, b, all_, any_) -> None:
    left, lf = leaf_for(a, "mandatory_referral")
    right, rf = leaf_for(b, "community_based_services")
    facts = {**lf, **rf}
    assert result(vocab, f"all: [{left}, {right}]", **facts) is all_
    assert result(vocab, f"any: [{left}, {right}]", **facts) is any_
    assert result(vocab, f"any: [{right}, {left}]", **facts) is any_


@pytest.mark.parametrize(("a", "expected"), [(T, F), (F, T), (U, U)])
def test_not_keeps_unknown(vocab, a, expected) -> None:
    leaf, facts = leaf_for(a, "mandatory_referral")
    assert result(vocab, f"not: {leaf}", **facts) is expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{fact: mandatory_referal, op: eq, value: true}",
            "r.yaml:1:8: unknown fact 'mandatory_referal' (did you mean 'mandatory_referral'?)",
        ),
        (
            "{fact: mandatory_referral, op: equals, value: true}",
            "r.yaml:1:32: unknown operator 'equals'; use one of eq, ne, lt, lte, gt, gte, in, not_in, at_least",
        ),
        (
            "{fact: mandatory_referral, op: lt, value: true}",
            "r.yaml:1:32: operator 'lt' does not apply to bool fact mandatory_referral; use one of eq, ne",
        ),
        (
            "{fact: prostitution_response, op: eq, value: immunty}",
            "r.yaml:1:46: string 'immunty' is not a value of prostitution_response (did you mean 'immunity'?); allowed: none, affirmative_defense, diversion, immunity, unknown",
        ),
        (
            "{fact: prostitution_response, op: eq, value: no}",
            "r.yaml:1:46: boolean false (YAML reads unquoted yes/no/on/off/true/false as a boolean; quote it if you meant text) is not a value of prostitution_response; allowed: none, affirmative_defense, diversion, immunity, unknown",
        ),
        (
            "{fact: youth_extension_age, op: gte, value: 99}",
            "r.yaml:1:45: youth_extension_age must be between 18 and 26, got 99",
        ),
        (
            "{fact: youth_extension_age, op: in, value: 21}",
            "r.yaml:1:44: 'in' takes a non-empty list of values of youth_extension_age, got integer 21",
        ),
        (
            "{fact: mandatory_referral, op: eq, value: unknown}",
            "r.yaml:1:43: a condition cannot test for 'unknown'; unknown facts are handled by three-valued logic",
        ),
        (
            "{fact: mandatory_referral, op: eq}",
            "r.yaml:1:1: a condition leaf needs fact, op and value (missing value), or use all/any/not/ref",
        ),
        (
            "{all: [], any: []}",
            "r.yaml:1:1: a condition has exactly one of all, any, not, ref, or is a leaf {fact, op, value}",
        ),
        ("{all: []}", "r.yaml:1:7: 'all' needs at least one condition"),
        ("{ref: nowhere}", "r.yaml:1:7: ref 'nowhere' names no condition under 'conditions'"),
        (
            "{fact: mandatory_referral, op: eq, value: true, weight: 2}",
            "r.yaml:1:49: unknown key 'weight' in a condition leaf",
        ),
        ("[1, 2]", "r.yaml:1:1: a condition must be a mapping (key: value), got a list"),
        (
            "'prostitution_response == immunity'",
            "r.yaml:1:1: a condition must be a mapping (key: value), got string 'prostitution_response == immunity'",
        ),
    ],
)
def test_grammar_rejections(vocab, text, message) -> None:
    _, problems = parse(vocab, text)
    assert problems == [message]


def test_named_condition_cycles_are_found(vocab) -> None:
    names = {"a": None, "b": None}
    a, _ = parse(vocab, "{ref: b}", names)
    b, _ = parse(vocab, "{all: [{ref: a}]}", names)
    assert find_cycle({"a": a, "b": b}) == ["a", "b", "a"]
    c, _ = parse(vocab, "{fact: mandatory_referral, op: eq, value: true}")
    assert find_cycle({"a": c}) is None

"""Property tests (hypothesis) over random fact assignments and random valid rubrics.

Random rubrics are written as YAML and loaded through the real reader, with monotone conditions
(``at_least`` / protective ``eq`` / ``gte`` leaves under ``all`` / ``any``) and levels in
descending points, so they are valid by construction (and the monotonicity checker must agree).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REAL_RUBRIC, state_file
from safeharbor_cli import export as ex
from safeharbor_cli.dataset import load_dataset
from safeharbor_cli.engine import grade_facts
from safeharbor_cli.monotone import check_monotone
from safeharbor_cli.rubric import Rubric, read_rubric
from safeharbor_cli.vocab import UNKNOWN, Vocabulary, load_vocabulary
from safeharbor_cli.yamlio import parse_text

VOCAB: Vocabulary = load_vocabulary(REAL_RUBRIC.parent / "facts.yaml")
FACTS = VOCAB.ids


def _show(v: Any) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def domain(fact_id: str) -> list[Any]:
    """Every value of a fact, least protective first (ints: every number in range)."""
    f = VOCAB[fact_id]
    if f.type != "int":
        return f.domain()
    values = list(range(f.min, f.max + 1))
    return values if f.protective == "higher" else values[::-1]


@st.composite
def leaf(draw: Any) -> str:
    """A monotone test of one fact, in any of the operator forms that keep it monotone."""
    fact_id = draw(st.sampled_from(FACTS))
    f = VOCAB[fact_id]
    if f.type == "enum":
        k = draw(st.integers(0, len(f.values) - 1))
        return draw(
            st.sampled_from(
                [
                    f"{{fact: {fact_id}, op: at_least, value: {f.values[k]}}}",
                    f"{{fact: {fact_id}, op: in, value: [{', '.join(f.values[k:])}]}}",
                    f"{{fact: {fact_id}, op: ne, value: {f.values[0]}}}",
                    f"{{not: {{fact: {fact_id}, op: eq, value: {f.values[0]}}}}}",
                ]
            )
        )
    if f.type == "bool":
        good, bad = _show(f.protective), _show(not f.protective)
        return draw(
            st.sampled_from(
                [
                    f"{{fact: {fact_id}, op: eq, value: {good}}}",
                    f"{{fact: {fact_id}, op: ne, value: {bad}}}",
                    f"{{not: {{fact: {fact_id}, op: eq, value: {bad}}}}}",
                ]
            )
        )
    k = draw(st.integers(f.min, f.max - 1))
    if f.protective == "higher":
        forms = [
            f"{{fact: {fact_id}, op: gte, value: {k}}}",
            f"{{fact: {fact_id}, op: gt, value: {k}}}",
            f"{{not: {{fact: {fact_id}, op: lt, value: {k}}}}}",
            f"{{fact: {fact_id}, op: in, value: [{', '.join(str(v) for v in range(k, f.max + 1))}]}}",
        ]
    else:
        forms = [f"{{fact: {fact_id}, op: lte, value: {k}}}", f"{{not: {{fact: {fact_id}, op: gt, value: {k}}}}}"]
    return draw(st.sampled_from(forms))


def condition(refs: list[str]) -> st.SearchStrategy[str]:
    base = leaf() if not refs else st.one_of(leaf(), st.sampled_from([f"{{ref: {r}}}" for r in refs]))
    return st.recursive(
        base,
        lambda inner: st.builds(
            lambda kind, kids: f"{{{kind}: [{', '.join(kids)}]}}",
            st.sampled_from(["all", "any"]),
            st.lists(inner, min_size=1, max_size=3),
        ),
        max_leaves=4,
    )


@st.composite
def rubric_yaml(draw: Any) -> str:
    """A random valid rubric: monotone criteria in area A, maybe one in extra-credit area X, named
    conditions used through refs, descending bands ending at 0."""
    named = draw(st.lists(leaf(), max_size=2))
    refs = [f"n{i}" for i in range(len(named))]
    n = draw(st.integers(1, 6))
    extra = n > 1 and draw(st.booleans())
    lines = []
    maxes = {"A": 0, "X": 0}
    for i in range(n):
        area = "X" if extra and i == n - 1 else "A"
        levels = sorted(set(draw(st.lists(st.integers(1, 20), min_size=1, max_size=3))), reverse=True)
        top = levels[0] + draw(st.integers(0, 3))
        maxes[area] += top
        lines += [
            f"  - id: C{i}",
            f"    area: {area}",
            f"    title: Criterion {i}",
            f"    max: {top}",
            "    basis: random",
            "    recommendation: random",
            "    levels:",
        ]
        for pts in levels:
            lines += [f"      - points: {pts}", "        reason: random", f"        when: {draw(condition(refs))}"]
    total = maxes["A"]
    cuts = sorted(set(draw(st.lists(st.integers(1, total), max_size=4))), reverse=True)
    bands = [*(f"  - {{letter: G{j}, min: {m}}}" for j, m in enumerate(cuts)), f"  - {{letter: G{len(cuts)}, min: 0}}"]
    areas = [f"  - {{id: A, title: All, max: {total}}}"]
    if extra:
        areas.append(f"  - {{id: X, title: Extra, max: {maxes['X']}, extra_credit: true}}")
    conditions = ["conditions:", *(f"  n{i}: {text}" for i, text in enumerate(named))] if named else []
    head = ["id: random", 'version: "0"', "title: Random rubric", f"max: {total}", "grades:", *bands]
    return "\n".join([*head, *conditions, "areas:", *areas, "criteria:", *lines]) + "\n"


def load(text: str) -> Rubric:
    return read_rubric(parse_text(text, "random.yaml"), "random.yaml", VOCAB)


facts_strategy = st.fixed_dictionaries({f: st.one_of(st.just(UNKNOWN), st.sampled_from(domain(f))) for f in FACTS})
# Monotonicity is a property of known facts: a fact that is unknown makes its criterion score 0
# until coded (the rule of the core issue), so with other facts unknown, raising one fact can turn a
# decided lower level into an undecided higher one. Those tests draw complete assignments.
known_facts = st.fixed_dictionaries({f: st.sampled_from(domain(f)) for f in FACTS})
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def grade(rubric: Rubric, values: dict[str, Any]) -> Any:
    return grade_facts(rubric, VOCAB, {f: (v, None) for f, v in values.items()})


@SETTINGS
@given(rubric_yaml(), facts_strategy)
def test_totals_points_and_grades_are_consistent(text: str, values: dict[str, Any]) -> None:
    rubric = load(text)
    result = grade(rubric, values)
    assert result.total == min(rubric.max, sum(r.points for r in result.criteria))
    for r in result.criteria:
        assert 0 <= r.points <= r.criterion.max
        assert r.decided or r.points == 0
    for a in result.areas:
        assert a.points == sum(r.points for r in result.criteria if r.criterion.area == a.area.id)
    expected = next(b.letter for b in rubric.grades if result.total >= b.min)
    assert result.grade == expected


@SETTINGS
@given(rubric_yaml(), known_facts, st.data())
def test_more_protective_never_lowers_and_unknown_never_raises(text: str, values: dict[str, Any], data: Any) -> None:
    rubric = load(text)
    assert check_monotone(rubric, VOCAB) == []  # the checker agrees these rubrics are monotone
    before = [r.points for r in grade(rubric, values).criteria]
    fact_id = data.draw(st.sampled_from(FACTS))
    dom = domain(fact_id)
    i = dom.index(values[fact_id])
    if i + 1 < len(dom):
        raised = [r.points for r in grade(rubric, {**values, fact_id: dom[i + 1]}).criteria]
        assert all(b <= a for b, a in zip(before, raised, strict=True))
    hidden = [r.points for r in grade(rubric, {**values, fact_id: UNKNOWN}).criteria]
    assert all(h <= b for b, h in zip(before, hidden, strict=True))


@SETTINGS
@given(known_facts, facts_strategy)
def test_the_real_rubric_is_monotone_and_unknown_never_raises(values: dict[str, Any], mask: dict[str, Any]) -> None:
    rubric = load_dataset().rubric
    before = grade(rubric, values)
    hidden = grade(rubric, {f: UNKNOWN if mask[f] == UNKNOWN else v for f, v in values.items()})
    assert all(h.points <= b.points for b, h in zip(before.criteria, hidden.criteria, strict=True))
    for fact_id, value in values.items():
        dom = domain(fact_id)
        i = dom.index(value)
        if i + 1 < len(dom):
            after = grade(rubric, {**values, fact_id: dom[i + 1]})
            assert after.total >= before.total


dates = st.dates(dt.date(2008, 1, 2), dt.date(2025, 12, 31))
text = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=30).filter(
    lambda s: s.strip() and " | " not in s
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts_strategy, facts_strategy, dates, text, st.sampled_from(["csv", "json", "jsonl"]))
def test_facts_panel_round_trips(
    tmp_path: Path, monkeypatch: Any, first: dict, later: dict, change: dt.date, title: str, fmt: str
) -> None:
    monkeypatch.setenv("SAFEHARBOR_NO_CACHE", "1")
    import tempfile

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = state_file(folder, "VT", "Vermont", first, title=title, bill=title)
    # a second entry for every fact on a random date: the panel must pick the right one each year
    body = path.read_text(encoding="utf-8")
    for fact_id, value in later.items():
        anchor = f"  {fact_id}:\n"
        head, rest = body.split(anchor, 1)
        entry_end = rest.find("\n  ", rest.find("confidence"))  # the first entry ends before the next fact
        entry_end = len(rest) if entry_end == -1 else entry_end + 1
        extra = (
            f'    - since: "{change.isoformat()}"\n      value: {_show(value)}\n'
            f"      citations:\n        - {{title: {json.dumps(title, ensure_ascii=False)}, href: 'https://example.org/{fact_id}/2'}}\n"
            "      confidence: medium\n"
        )
        body = head + anchor + rest[:entry_end] + extra + rest[entry_end:]
    path.write_text(body, encoding="utf-8")
    data = load_dataset(folder)
    rows = list(ex.rows("facts", data, [2008, change.year, 2026]))
    text_out = "".join(ex.render(rows, ex.columns("facts", data), fmt))
    assert ex.read_facts(text_out, fmt, data.vocab) == [{c: r[c] for c in ex.FACTS_COLUMNS} for r in rows]

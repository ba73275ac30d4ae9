"""Verify that a rubric is monotone: making any fact more protective never lowers a score.

Each criterion is checked on its own (the total is a capped sum, so monotone criteria give a
monotone total). For the facts a criterion reads, every combination of values is tried — every
value of enums and bools, and for ints the bounds plus every number the conditions compare with,
one either side of it — and each fact is raised one step at a time.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from .conditions import leaves_of
from .engine import score_criterion
from .rubric import Criterion, Rubric
from .vocab import Fact, Vocabulary

MAX_COMBINATIONS = 200_000


@dataclass(frozen=True)
class Violation:
    criterion: Criterion
    fact: str
    lower: Any
    higher: Any
    points_before: int
    points_after: int
    others: dict[str, Any]

    def message(self) -> str:
        def show(v: Any) -> str:
            return str(v).lower() if isinstance(v, bool) else str(v)

        context = ", ".join(f"{k}={show(v)}" for k, v in sorted(self.others.items()))
        tail = f" (with {context})" if context else ""
        return (
            f"criterion {self.criterion.id} is not monotone: making {self.fact} more protective "
            f"({show(self.lower)} -> {show(self.higher)}) lowers its points from "
            f"{self.points_before} to {self.points_after}{tail}"
        )


def domain_for(fact: Fact, literals: list[Any]) -> list[Any]:
    """The values of ``fact`` worth trying, least protective first: every enum or bool value; for
    ints the bounds and each number a condition compares with, one either side."""
    if fact.type != "int":
        return fact.domain()
    numbers = {fact.min, fact.max}
    for lit in literals:
        for v in lit if isinstance(lit, list) else [lit]:
            numbers.update(x for x in (v - 1, v, v + 1) if fact.min <= x <= fact.max)
    return sorted(numbers, key=fact.rank)


def check_criterion(rubric: Rubric, vocab: Vocabulary, criterion: Criterion) -> Violation | None:
    leaves = [leaf for lv in criterion.levels for leaf in leaves_of(lv.when, rubric.conditions)]
    fact_ids = sorted({leaf.fact for leaf in leaves})
    domains = [domain_for(vocab[f], [leaf.value for leaf in leaves if leaf.fact == f]) for f in fact_ids]
    size = 1
    for d in domains:
        size *= len(d)
    if size > MAX_COMBINATIONS:  # pragma: no cover - no shipped criterion is this wide
        return None
    cache: dict[tuple[Any, ...], int] = {}

    def points(values: tuple[Any, ...]) -> int:
        if values not in cache:
            facts = dict(zip(fact_ids, values, strict=False))
            cache[values] = score_criterion(criterion, lambda f: (facts[f], None), vocab, rubric).points
        return cache[values]

    for combo in itertools.product(*domains):
        base = points(combo)
        for i, domain in enumerate(domains):
            step = domain.index(combo[i]) + 1
            if step == len(domain):
                continue
            raised = combo[:i] + (domain[step],) + combo[i + 1 :]
            after = points(raised)
            if after < base:
                others = {f: v for j, (f, v) in enumerate(zip(fact_ids, combo, strict=False)) if j != i}
                return Violation(criterion, fact_ids[i], combo[i], domain[step], base, after, others)
    return None


def check_monotone(rubric: Rubric, vocab: Vocabulary) -> list[Violation]:
    """Every criterion that can lose points when a fact becomes more protective."""
    found = (check_criterion(rubric, vocab, c) for c in rubric.criteria)
    return [v for v in found if v is not None]

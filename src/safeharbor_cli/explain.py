"""Why a criterion scored what it did, and what a state would need to enact for the next grade.

:func:`explain_criterion` evaluates every level of one criterion (not only up to the first that
holds) so a reader sees each condition marked met, not met or unknown, with the fact value and the
timeline entry behind it.

:func:`next_grade` searches for the smallest sets of fact changes (each fact made more protective,
or an unknown fact established) that lift the total into the next letter band. Criteria that share
no fact are independent, so the search enumerates each group of fact-sharing criteria on its own,
then combines the groups, cheapest (fewest fact changes) first.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from .conditions import Trace, evaluate, facts_of, leaves_of
from .dataset import Dataset
from .engine import CriterionResult, GradeResult, score_criterion
from .fields import did_you_mean
from .monotone import domain_for
from .problems import UsageError
from .rubric import Criterion, Rubric
from .states import Entry
from .vocab import UNKNOWN, Vocabulary

MAX_OPTIONS = 5
_NODE_BUDGET = 200_000  # combinations tried when combining groups; far above what the rubric needs


def find_criterion(rubric: Rubric, text: str) -> Criterion:
    """A criterion by id, any case (``nc1``); UsageError with a suggestion otherwise."""
    by_id = {c.id.lower(): c for c in rubric.criteria}
    found = by_id.get(text.strip().lower())
    area = next((a for a in rubric.areas if a.id.lower() == text.strip().lower()), None)
    if found is None and area is not None:
        ids = ", ".join(c.id for c in rubric.criteria if c.area == area.id)
        raise UsageError(f"{area.id} is an area ({area.title}), not a criterion; its criteria are {ids}")
    if found is None:
        ids = [c.id for c in rubric.criteria]
        hint = did_you_mean(text.strip().upper(), ids)
        raise UsageError(f"unknown criterion {text!r}{hint}; the criteria are {', '.join(ids)}")
    return found


@dataclass
class LevelExplanation:
    index: int
    points: int
    reason: str
    trace: Trace
    scored: bool


@dataclass
class CriterionExplanation:
    result: GradeResult
    outcome: CriterionResult
    levels: list[LevelExplanation]

    @property
    def criterion(self) -> Criterion:
        return self.outcome.criterion

    @property
    def withheld(self) -> bool:
        return self.outcome.points < self.criterion.max


def explain_criterion(data: Dataset, state: str, criterion_id: str, day: dt.date) -> CriterionExplanation:
    """Every level of one criterion evaluated on the state's facts in force on ``day``."""
    criterion = find_criterion(data.rubric, criterion_id)
    result = data.grade(state, day)
    outcome = next(r for r in result.criteria if r.criterion.id == criterion.id)

    def lookup(fact_id: str) -> tuple[Any, Entry | None]:
        return result.facts.get(fact_id, (UNKNOWN, None))

    levels = [
        LevelExplanation(
            i, lv.points, lv.reason, evaluate(lv.when, lookup, data.vocab, data.rubric.conditions), i == outcome.level
        )
        for i, lv in enumerate(criterion.levels)
    ]
    return CriterionExplanation(result, outcome, levels)


# ------------------------------------------------------------------------------------------------
# what it takes to reach the next letter


@dataclass
class Change:
    fact: str
    before: Any
    after: Any
    steps: int  # how far up the fact's protective order (unknown counts from the bottom)


@dataclass
class Option:
    """One set of fact changes that reaches the target band."""

    changes: list[Change]
    total: int
    grade: str
    moves: list[tuple[Criterion, int, int]]  # criterion, points before, points after

    @property
    def cost(self) -> int:
        return len(self.changes)


@dataclass
class NextGrade:
    result: GradeResult
    target: str | None  # None: already in the top band
    target_min: int
    needed: int
    options: list[Option] = field(default_factory=list)
    limit: int = MAX_OPTIONS


@dataclass
class _Choice:
    changes: tuple[Change, ...]
    points: dict[str, int]  # criterion id -> points after
    gain: int

    @property
    def steps(self) -> int:
        return sum(c.steps for c in self.changes)


def _groups(rubric: Rubric) -> list[tuple[list[Criterion], list[str]]]:
    """Criteria joined when they read a common fact; each group with the facts it reads."""
    groups: list[tuple[list[Criterion], set[str]]] = []
    for criterion in rubric.criteria:
        facts: set[str] = set()
        for lv in criterion.levels:
            facts |= facts_of(lv.when, rubric.conditions)
        joined = [g for g in groups if g[1] & facts]
        for g in joined:
            groups.remove(g)
            facts |= g[1]
        groups.append(([c for g in joined for c in g[0]] + [criterion], facts))
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    return [(sorted(cs, key=lambda c: order[c.id]), sorted(fs)) for cs, fs in groups]


def _candidates(vocab: Vocabulary, rubric: Rubric, criteria: list[Criterion], fact_id: str, current: Any) -> list[Any]:
    fact = vocab[fact_id]
    literals = [
        leaf.value
        for c in criteria
        for lv in c.levels
        for leaf in leaves_of(lv.when, rubric.conditions)
        if leaf.fact == fact_id
    ]
    values = domain_for(fact, literals)
    if current == UNKNOWN:  # anything but the least protective value could be enacted
        return [current, *values[1:]]
    return [current, *(v for v in values if fact.rank(v) > fact.rank(current))]


def _steps(vocab: Vocabulary, fact_id: str, before: Any, after: Any, candidates: list[Any]) -> int:
    if before == UNKNOWN:
        return candidates.index(after)
    fact = vocab[fact_id]
    return sum(1 for v in candidates if fact.rank(before) < fact.rank(v) <= fact.rank(after))


def _group_choices(data: Dataset, result: GradeResult, criteria: list[Criterion], fact_ids: list[str]) -> list[_Choice]:
    """The useful ways to raise one group: each gains points and no change in it is idle."""
    vocab, rubric = data.vocab, data.rubric
    current = {f: result.facts.get(f, (UNKNOWN, None))[0] for f in fact_ids}
    now = {r.criterion.id: r.points for r in result.criteria}
    base = sum(now[c.id] for c in criteria)
    cands = {f: _candidates(vocab, rubric, criteria, f, current[f]) for f in fact_ids}
    scored: dict[tuple[Any, ...], _Choice] = {}
    for combo in itertools.product(*(cands[f] for f in fact_ids)):
        assigned = dict(zip(fact_ids, combo, strict=True))

        def lookup(f: str, assigned: dict[str, Any] = assigned) -> tuple[Any, None]:
            return (assigned[f], None) if f in assigned else (result.facts.get(f, (UNKNOWN, None))[0], None)

        points = {c.id: score_criterion(c, lookup, vocab, rubric).points for c in criteria}
        changes = tuple(
            Change(f, current[f], assigned[f], _steps(vocab, f, current[f], assigned[f], cands[f]))
            for f in fact_ids
            if assigned[f] != current[f]
        )
        scored[combo] = _Choice(changes, points, sum(points.values()) - base)

    def idle(choice: _Choice) -> bool:
        """True when dropping one change (keeping the fact as it is) loses nothing."""
        for ch in choice.changes:
            key = tuple(current[f] if f == ch.fact else _after(choice, f, current) for f in fact_ids)
            if scored[key].gain >= choice.gain:
                return True
        return False

    useful = [c for c in scored.values() if c.gain > 0 and not idle(c)]
    # same facts changed, same gain: keep only the smallest enactment
    best: dict[tuple[tuple[str, ...], int], _Choice] = {}
    for c in useful:
        key = (tuple(ch.fact for ch in c.changes), c.gain)
        if key not in best or c.steps < best[key].steps:
            best[key] = c
    return sorted(best.values(), key=lambda c: (len(c.changes), -c.gain, c.steps))


def _after(choice: _Choice, fact_id: str, current: dict[str, Any]) -> Any:
    for ch in choice.changes:
        if ch.fact == fact_id:
            return ch.after
    return current[fact_id]


def _target_band(rubric: Rubric, total: int) -> tuple[str | None, int]:
    higher = [b for b in rubric.grades if b.min > total]
    if not higher:
        return None, 0
    band = min(higher, key=lambda b: b.min)
    return band.letter, band.min


def next_grade(data: Dataset, state: str, day: dt.date, limit: int = MAX_OPTIONS) -> NextGrade:
    """The cheapest sets of fact changes that lift ``state`` into the next letter band."""
    result = data.grade(state, day)
    target, target_min = _target_band(data.rubric, result.total)
    raw = sum(r.points for r in result.criteria)
    out = NextGrade(result, target, target_min, max(0, target_min - raw), limit=limit)
    if target is None:
        return out
    groups = [(cs, _group_choices(data, result, cs, fs)) for cs, fs in _groups(data.rubric)]
    groups = [(cs, ch) for cs, ch in groups if ch]
    groups.sort(key=lambda g: -max(c.gain for c in g[1]))
    best_gain = [max(c.gain for c in ch) for _, ch in groups]
    tail = [sum(best_gain[i:]) for i in range(len(groups) + 1)]
    if tail[0] < out.needed:
        return out  # not reachable (cannot happen with a rubric whose top band is reachable)
    nodes = 0

    def collect(budget: int) -> list[tuple[_Choice, ...]]:
        """Every minimal combination of group choices with at most ``budget`` fact changes."""
        found: list[tuple[_Choice, ...]] = []

        def search(i: int, picked: tuple[_Choice, ...], cost: int, gain: int) -> None:
            nonlocal nodes
            nodes += 1
            if gain >= out.needed:
                if all(gain - c.gain < out.needed for c in picked):  # no picked group is idle
                    found.append(picked)
                return
            if i == len(groups) or gain + tail[i] < out.needed or nodes > _NODE_BUDGET:
                return
            for choice in groups[i][1]:
                if cost + len(choice.changes) <= budget:
                    search(i + 1, (*picked, choice), cost + len(choice.changes), gain + choice.gain)
            search(i + 1, picked, cost, gain)

        search(0, (), 0, 0)
        return found

    found: list[tuple[_Choice, ...]] = []
    cheapest = None
    for budget in range(1, sum(len(fs) for _, fs in _groups(data.rubric)) + 1):
        found = collect(budget)
        if found and cheapest is None:
            cheapest = budget
        if cheapest is not None and (len(found) >= limit or budget > cheapest):
            break  # enough options, or the cheapest and the next-cheapest are listed
        if nodes > _NODE_BUDGET:
            break
    fact_order = {f: i for i, f in enumerate(data.vocab.ids)}
    now = {r.criterion.id: r.points for r in result.criteria}
    by_id = {c.id: c for c in data.rubric.criteria}
    options = []
    for picked in found:
        changes = sorted((ch for c in picked for ch in c.changes), key=lambda ch: fact_order[ch.fact])
        after = dict(now)
        for c in picked:
            after.update(c.points)
        total = min(data.rubric.max, sum(after.values()))
        moves = [(by_id[cid], now[cid], after[cid]) for cid in after if after[cid] != now[cid]]
        order = {c.id: i for i, c in enumerate(data.rubric.criteria)}
        moves.sort(key=lambda m: order[m[0].id])
        options.append(Option(changes, total, data.rubric.letter(total), moves))
    options.sort(
        key=lambda o: (
            o.cost,
            sum(ch.steps for ch in o.changes),
            -o.total,
            [fact_order[ch.fact] for ch in o.changes],
        )
    )
    out.options = options[:limit]
    return out

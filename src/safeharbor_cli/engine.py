"""Turn a state's facts on a date into points, area subtotals, a total and a letter grade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .conditions import Lookup, Trace, evaluate
from .rubric import Area, Criterion, Rubric
from .states import Citation, Entry, StateData
from .vocab import UNKNOWN, Vocabulary


@dataclass
class CriterionResult:
    criterion: Criterion
    points: int
    reason: str
    decided: bool
    level: int | None  # index of the level that matched
    unknown_facts: list[str]
    citations: list[Citation]
    traces: list[Trace] = field(repr=False, default_factory=list)


@dataclass
class AreaResult:
    area: Area
    points: int


@dataclass
class GradeResult:
    """The grade of one jurisdiction on one date, with everything that decided it."""

    code: str
    name: str
    as_of: dt.date
    rubric: Rubric
    total: int
    grade: str
    incomplete: bool
    areas: list[AreaResult]
    criteria: list[CriterionResult]
    facts: dict[str, tuple[Any, Entry | None]]
    rank: int | None = None
    verified_on: dt.date | None = None

    @property
    def max(self) -> int:
        return self.rubric.max

    @property
    def grade_label(self) -> str:
        """The letter, with ``*`` when unknown facts left a criterion undecided (``C*``)."""
        return self.grade + ("*" if self.incomplete else "")

    def unknown_fact_ids(self) -> list[str]:
        return [f for f, (value, _) in self.facts.items() if value == UNKNOWN]

    def low_confidence_fact_ids(self) -> list[str]:
        return [f for f, (_, e) in self.facts.items() if e is not None and e.confidence == "low" and not e.unknown]


def facts_on(
    state: StateData | Mapping[str, Any], vocab: Vocabulary, day: dt.date
) -> dict[str, tuple[Any, Entry | None]]:
    """Each fact's value on ``day`` and the entry it came from (``unknown`` when none)."""
    out: dict[str, tuple[Any, Entry | None]] = {}
    for fact_id in vocab.ids:
        if isinstance(state, StateData):
            entry = state.entry(fact_id, day)
            out[fact_id] = (entry.value, entry) if entry is not None else (UNKNOWN, None)
        else:
            out[fact_id] = (state.get(fact_id, UNKNOWN), None)
    return out


def score_criterion(criterion: Criterion, lookup: Lookup, vocab: Vocabulary, rubric: Rubric) -> CriterionResult:
    """First level whose condition holds wins; an unknown before it scores 0, undecided."""
    traces: list[Trace] = []
    points, reason, decided, level = 0, criterion.otherwise, True, None
    for i, lv in enumerate(criterion.levels):
        trace = evaluate(lv.when, lookup, vocab, rubric.conditions)
        traces.append(trace)
        if trace.result is True:
            points, reason, level = lv.points, lv.reason, i
            break
        if trace.result is None:
            decided = False
            break
    unknown: list[str] = []
    citations: list[Citation] = []
    for trace in traces:
        for leaf in trace.leaves():
            if leaf.value == UNKNOWN and leaf.fact not in unknown:
                unknown.append(leaf.fact)
            if leaf.entry is not None:
                for cite in leaf.entry.citations:
                    if cite not in citations:
                        citations.append(cite)
    if not decided:
        reason = f"Undecided: {', '.join(unknown)} unknown; scored 0 until coded."
    return CriterionResult(criterion, points, reason, decided, level, unknown, citations, traces)


def grade_facts(
    rubric: Rubric,
    vocab: Vocabulary,
    facts: dict[str, tuple[Any, Entry | None]],
    *,
    code: str = "",
    name: str = "",
    as_of: dt.date | None = None,
) -> GradeResult:
    """Grade a set of fact values (from a state file, a test case or a what-if)."""

    def lookup(fact_id: str) -> tuple[Any, Entry | None]:
        return facts.get(fact_id, (UNKNOWN, None))

    results = [score_criterion(c, lookup, vocab, rubric) for c in rubric.criteria]
    areas = [AreaResult(a, sum(r.points for r in results if r.criterion.area == a.id)) for a in rubric.areas]
    total = min(rubric.max, sum(r.points for r in results))
    incomplete = any(not r.decided for r in results)
    return GradeResult(
        code, name, as_of or dt.date.today(), rubric, total, rubric.letter(total), incomplete, areas, results, facts
    )


def grade_state(rubric: Rubric, vocab: Vocabulary, state: StateData, as_of: dt.date) -> GradeResult:
    """Grade one jurisdiction's law as in force on ``as_of``."""
    result = grade_facts(rubric, vocab, facts_on(state, vocab, as_of), code=state.code, name=state.name, as_of=as_of)
    result.verified_on = state.verified_on
    return result


def assign_ranks(results: list[GradeResult]) -> list[GradeResult]:
    """Rank by total, highest first; ties share a rank (1, 2, 2, 4). Returns them sorted."""
    ordered = sorted(results, key=lambda r: (-r.total, r.code))
    for i, result in enumerate(ordered):
        if i and result.total == ordered[i - 1].total:
            result.rank = ordered[i - 1].rank
        else:
            result.rank = i + 1
    return ordered

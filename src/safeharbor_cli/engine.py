"""Turn a state's facts on a date into points, area subtotals, a total and a letter grade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .conditions import Trace, evaluate
from .record import Record
from .rubric import Area, Criterion, Rubric
from .states import Citation, Entry, StateData
from .vocab import UNKNOWN, Vocabulary

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

    from .conditions import Lookup


class CriterionResult(Record):
    """One criterion's points; ``level`` is the index of the level that matched (None: none)."""

    __slots__ = ("criterion", "points", "reason", "decided", "level", "unknown_facts", "citations", "traces")
    _fields = ("criterion", "points", "reason", "decided", "level", "unknown_facts", "citations")

    def __init__(
        self,
        criterion: Criterion,
        points: int,
        reason: str,
        decided: bool,
        level: int | None,
        unknown_facts: list[str],
        citations: list[Citation],
        traces: list[Trace] | None = None,
    ) -> None:
        self.criterion, self.points, self.reason, self.decided, self.level = criterion, points, reason, decided, level
        self.unknown_facts, self.citations = unknown_facts, citations
        self.traces = traces if traces is not None else []


class AreaResult(Record):
    __slots__ = ("area", "points")
    _fields = __slots__

    def __init__(self, area: Area, points: int) -> None:
        self.area, self.points = area, points


class GradeResult(Record):
    """The grade of one jurisdiction on one date, with everything that decided it."""

    __slots__ = (
        "code", "name", "as_of", "rubric", "total", "grade", "incomplete", "areas", "criteria", "facts",
        "rank", "verified_on",
    )  # fmt: skip
    _fields = __slots__

    def __init__(
        self,
        code: str,
        name: str,
        as_of: dt.date,
        rubric: Rubric,
        total: int,
        grade: str,
        incomplete: bool,
        areas: list[AreaResult],
        criteria: list[CriterionResult],
        facts: dict[str, tuple[Any, Entry | None]],
        rank: int | None = None,
        verified_on: dt.date | None = None,
    ) -> None:
        self.code, self.name, self.as_of, self.rubric, self.total = code, name, as_of, rubric, total
        self.grade, self.incomplete, self.areas, self.criteria, self.facts = grade, incomplete, areas, criteria, facts
        self.rank, self.verified_on = rank, verified_on

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
    seen: set[tuple[str, str]] = set()
    for trace in traces:
        for leaf in trace.leaves():
            if leaf.value == UNKNOWN and leaf.fact not in unknown:
                unknown.append(leaf.fact)
            if leaf.entry is not None:
                for cite in leaf.entry.citations:
                    key = (cite.title, cite.href)
                    if key not in seen:
                        seen.add(key)
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

"""Change over time: what the law changed between two dates, which points it moved, and a
jurisdiction's grade year by year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .conditions import facts_of
from .dataset import Dataset, check_as_of, latest_date, year_day
from .engine import GradeResult
from .problems import UsageError
from .rubric import Criterion, Rubric
from .states import Entry, StateData

SPARKS = "▁▂▃▄▅▆▇█"


def parse_when(text: str, what: str) -> dt.date:
    """A year (``2015`` = 31 December 2015) or an ISO date, within the data's range."""
    from .fields import parse_date

    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 2008 <= year <= latest_date().year:
            raise UsageError(f"{what} {year} is out of range: the data covers 2008 to {latest_date().year}")
        return dt.date(year, 12, 31)
    day = parse_date(text)
    if day is None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise UsageError(f"{what} {text} is not a real date")
        raise UsageError(f"{what} {text!r} is neither a year (2015) nor a date written YYYY-MM-DD")
    try:
        return check_as_of(day)
    except UsageError as exc:
        raise UsageError(f"{what} {exc}") from None


def criterion_facts(rubric: Rubric, criterion: Criterion) -> set[str]:
    return set().union(*(facts_of(lv.when, rubric.conditions) for lv in criterion.levels))


@dataclass
class LawChange:
    """A timeline entry that took effect in the period: the fact, old -> new value, its source."""

    fact: str
    old: Any
    new: Any
    entry: Entry
    moved_points: bool = False


@dataclass
class CriterionChange:
    criterion: Criterion
    old: int
    new: int
    causes: list[LawChange] = field(default_factory=list)


@dataclass
class StateDiff:
    before: GradeResult
    after: GradeResult
    criteria: list[CriterionChange]
    changes: list[LawChange]

    @property
    def unmoving(self) -> list[LawChange]:
        return [c for c in self.changes if not c.moved_points]


def law_changes(state: StateData, start: dt.date, end: dt.date) -> list[LawChange]:
    """Entries whose effective date falls after ``start`` and on or before ``end``, in date order."""
    out = []
    for fact, timeline in state.timelines.items():
        for i, entry in enumerate(timeline.entries):
            old = timeline.entries[i - 1].value if i else "unknown"
            if start < entry.since <= end and old != entry.value:  # a re-cited, unchanged value is no change
                out.append(LawChange(fact, old, entry.value, entry))
    return sorted(out, key=lambda c: (c.entry.since, c.fact))


def diff_state(data: Dataset, code: str, start: dt.date, end: dt.date) -> StateDiff:
    if start > end:
        raise UsageError(f"FROM {start.isoformat()} is after TO {end.isoformat()}")
    state = data.state(code)
    before, after = data.grade(state.code, start), data.grade(state.code, end)
    changes = law_changes(state, start, end)
    moved = []
    for old, new in zip(before.criteria, after.criteria, strict=True):
        if old.points == new.points:
            continue
        facts = criterion_facts(data.rubric, new.criterion)
        causes = [c for c in changes if c.fact in facts]
        for c in causes:
            c.moved_points = True
        moved.append(CriterionChange(new.criterion, old.points, new.points, causes))
    return StateDiff(before, after, moved, changes)


@dataclass
class NationalDiff:
    start: dt.date
    end: dt.date
    rows: list[tuple[GradeResult, GradeResult]]
    counts: dict[str, tuple[int, int]]


def diff_all(data: Dataset, start: dt.date, end: dt.date) -> NationalDiff:
    """Every jurisdiction whose total or grade changed, largest change first; counts per grade."""
    if start > end:
        raise UsageError(f"FROM {start.isoformat()} is after TO {end.isoformat()}")
    before = {r.code: r for r in data.grade_all(start)}
    after = {r.code: r for r in data.grade_all(end)}
    rows = [
        (before[c], after[c])
        for c in after
        if (before[c].total, before[c].grade_label) != (after[c].total, after[c].grade_label)
    ]
    rows.sort(key=lambda pair: (-abs(pair[1].total - pair[0].total), pair[1].code))
    letters = [b.letter for b in data.rubric.grades]
    counts = {
        letter: (sum(r.grade == letter for r in before.values()), sum(r.grade == letter for r in after.values()))
        for letter in letters
    }
    return NationalDiff(start, end, rows, counts)


@dataclass
class HistoryRow:
    year: int
    result: GradeResult
    bills: list[str]


def history(data: Dataset, code: str, first: int, last: int) -> list[HistoryRow]:
    """One row per year (the law on 31 December; today for the current year)."""
    if first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    today = dt.date.today()
    for year, what in ((first, "--from"), (last, "--to")):
        if not 2008 <= year <= today.year:
            raise UsageError(f"{what} {year} is out of range: the data covers 2008 to {today.year}")
    state = data.state(code)
    rows = []
    for year in range(first, last + 1):
        day = year_day(year, today)
        result = data.grade(state.code, day)
        bills: list[str] = []
        for timeline in state.timelines.values():
            for entry in timeline.entries:
                if entry.since.year == year and entry.since <= day:
                    label = entry.bill or ""  # "" = a change with no bill recorded
                    if label not in bills:
                        bills.append(label)
        rows.append(HistoryRow(year, result, sorted(bills)))
    return rows


def sparkline(values: list[int], top: int = 100) -> str:
    """One block character per value, on the same 0-to-max scale as the table's bars."""
    last = len(SPARKS) - 1
    return "".join(SPARKS[min(last, int(v / top * last + 0.5))] for v in values)

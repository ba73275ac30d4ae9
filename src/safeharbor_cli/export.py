"""The research panel: every jurisdiction, every year, as grades, criteria or facts rows.

Three tables (columns fixed; README.md documents them):

- ``grades``   one row per jurisdiction-year (wide: a column per area and per criterion);
- ``criteria`` one row per jurisdiction-year-criterion (long);
- ``facts``    one row per jurisdiction-year-fact (long): the state-year panel.

Rows are plain dicts with Python values (lists for citations); :func:`render` writes them as CSV
(lists joined with ``" | "``, spreadsheet formulas neutralised), JSON (one array) or JSON Lines.
:func:`read_facts` reads a facts export back, so a panel round-trips exactly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .dataset import Dataset, latest_date, year_day
from .engine import GradeResult
from .problems import UsageError
from .vocab import UNKNOWN, Vocabulary

KINDS = ("grades", "criteria", "facts")
FORMATS = ("csv", "json", "jsonl")
FIRST_YEAR = 2008
JOIN = " | "
"""Separator of several citations in one CSV cell (citation titles never contain it: check enforces)."""

GRADES_COLUMNS = ["code", "name", "year", "as_of", "rubric_version", "total", "max", "grade", "incomplete", "rank"]
CRITERIA_COLUMNS = [
    "code", "name", "year", "as_of", "rubric_version", "criterion", "area", "title", "points", "max",
    "decided", "reason", "citation_titles", "citation_hrefs", "unknown_facts",
]  # fmt: skip
FACTS_COLUMNS = [
    "code", "name", "year", "as_of", "fact", "value", "since", "enacted", "bill", "confidence",
    "citation_titles", "citation_hrefs",
]  # fmt: skip
_LIST_COLUMNS = {"citation_titles", "citation_hrefs", "unknown_facts"}

_RANGE_RE = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|\.\.)\s*(\d{4}))?\s*$")


def parse_years(year: int | None, years: str | None) -> list[int]:
    """``--year Y`` or ``--years A-B`` (or ``--years A``) as a list of years; default 2008 to this year."""
    last = latest_date().year
    if year is not None and years is not None:
        raise UsageError("give --year or --years, not both")
    if year is not None:
        first = end = year
        what = f"--year {year}"
    elif years is not None:
        m = _RANGE_RE.match(years)
        if not m:
            raise UsageError(f"--years {years!r}: give a range of years such as 2008-{last}")
        first = int(m.group(1))
        end = int(m.group(2) or first)
        what = f"--years {years}"
        if first > end:
            raise UsageError(f"{what} runs backwards: write it {end}-{first}")
    else:
        return list(range(FIRST_YEAR, last + 1))
    for y in (first, end):
        if not FIRST_YEAR <= y <= last:
            raise UsageError(f"{what} is out of range: the data covers {FIRST_YEAR} to {last}")
    return list(range(first, end + 1))


def graded(data: Dataset, years: Sequence[int], codes: Sequence[str] = ()) -> Iterator[tuple[int, GradeResult]]:
    """(year, result) for every jurisdiction (or those in ``codes``) and year; ranks among all."""
    wanted = set(codes)
    for year in years:
        for result in sorted(data.grade_all(year_day(year)), key=lambda r: r.code):
            if not wanted or result.code in wanted:
                yield year, result


def columns(kind: str, data: Dataset) -> list[str]:
    if kind == "grades":
        return [
            *GRADES_COLUMNS,
            *(f"area_{a.id}" for a in data.rubric.areas),
            *(c.id for c in data.rubric.criteria),
        ]
    return CRITERIA_COLUMNS if kind == "criteria" else FACTS_COLUMNS


def _head(year: int, r: GradeResult) -> dict[str, Any]:
    return {"code": r.code, "name": r.name, "year": year, "as_of": r.as_of.isoformat()}


def rows(kind: str, data: Dataset, years: Sequence[int], codes: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """The rows of one table, in a fixed order: by year, then code (then criterion or fact)."""
    version = data.rubric.version
    for year, r in graded(data, years, codes):
        head = _head(year, r)
        if kind == "grades":
            row = {**head, "rubric_version": version, "total": r.total, "max": r.max, "grade": r.grade}
            row.update(incomplete=r.incomplete, rank=r.rank)
            row.update({f"area_{a.area.id}": a.points for a in r.areas})
            row.update({c.criterion.id: c.points for c in r.criteria})
            yield row
        elif kind == "criteria":
            for c in r.criteria:
                yield {
                    **head,
                    "rubric_version": version,
                    "criterion": c.criterion.id,
                    "area": c.criterion.area,
                    "title": c.criterion.title,
                    "points": c.points,
                    "max": c.criterion.max,
                    "decided": c.decided,
                    "reason": c.reason,
                    "citation_titles": [x.title for x in c.citations],
                    "citation_hrefs": [x.href for x in c.citations],
                    "unknown_facts": list(c.unknown_facts),
                }
        else:
            for fact_id, (value, entry) in r.facts.items():
                yield {
                    **head,
                    "fact": fact_id,
                    "value": value,
                    "since": entry.since.isoformat() if entry else None,
                    "enacted": entry.enacted.isoformat() if entry and entry.enacted else None,
                    "bill": entry.bill if entry else None,
                    "confidence": entry.confidence if entry else None,
                    "citation_titles": [x.title for x in entry.citations] if entry else [],
                    "citation_hrefs": [x.href for x in entry.citations] if entry else [],
                }


# ------------------------------------------------------------------------------------------------
# CSV cells

_NEUTRALISED = frozenset("=+-@\t\r'")  # first characters that get a leading apostrophe


def neutralise(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (and to one already starting
    with ``'``, so that :func:`restore` is exact)."""
    return "'" + text if text and text[0] in _NEUTRALISED else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`."""
    if len(text) > 1 and text[0] == "'" and text[1] in _NEUTRALISED:
        return text[1:]
    return text


def _cell(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return "'" + value if value and value[0] in _NEUTRALISED else value
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is list:
        return neutralise(JOIN.join(str(v) for v in value))
    return neutralise(str(value))


def render(rows_: Iterable[dict[str, Any]], cols: list[str], fmt: str) -> Iterator[str]:
    """The rows as text chunks: CSV with a header row, a JSON array, or JSON Lines."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for i, row in enumerate(rows_, 1):
            writer.writerow([_cell(row[c]) for c in cols])
            if i % 500 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
    elif fmt == "jsonl":
        for row in rows_:
            yield json.dumps({c: row[c] for c in cols}, ensure_ascii=False) + "\n"
    else:
        yield "["
        sep = "\n"
        for row in rows_:
            yield sep + json.dumps({c: row[c] for c in cols}, ensure_ascii=False)
            sep = ",\n"
        yield "\n]\n"


# ------------------------------------------------------------------------------------------------
# reading a facts export back


def _typed(text: str, fact_id: str, vocab: Vocabulary) -> Any:
    fact = vocab[fact_id]
    if text == UNKNOWN:
        return UNKNOWN
    if fact.type == "bool":
        return {"true": True, "false": False}[text]
    if fact.type == "int":
        return int(text)
    return text


def read_facts(text: str, fmt: str, vocab: Vocabulary) -> list[dict[str, Any]]:
    """Rows of a ``facts`` export (any format) with the values and types :func:`rows` produced."""
    if fmt == "json":
        return list(json.loads(text))
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    out = []
    for cells in reader:
        raw = dict(zip(header, (restore(c) for c in cells), strict=True))
        row: dict[str, Any] = {}
        for col in header:
            cell = raw[col]
            if col == "year":
                row[col] = int(cell)
            elif col == "value":
                row[col] = _typed(cell, raw["fact"], vocab)
            elif col in _LIST_COLUMNS:
                row[col] = cell.split(JOIN) if cell else []
            else:
                row[col] = cell if cell != "" else None
        out.append(row)
    return out

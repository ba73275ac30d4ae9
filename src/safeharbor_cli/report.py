"""Plain renderings of grade results: JSON (a stable contract), CSV and Markdown.

These are pure functions of result objects and import nothing heavy, so ``--format json`` starts
fast. The rich table lives in :mod:`safeharbor_cli.tables`.
"""

from __future__ import annotations

import json

from .engine import CriterionResult, GradeResult
from .states import Entry

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any


def _fact_dict(value: Any, entry: Entry | None) -> dict[str, Any]:
    return {
        "value": value,
        "since": entry.since.isoformat() if entry else None,
        "citations": [c.as_dict() for c in entry.citations] if entry else [],
        "confidence": entry.confidence if entry else None,
    }


def _criterion_dict(r: CriterionResult) -> dict[str, Any]:
    return {
        "id": r.criterion.id,
        "area": r.criterion.area,
        "title": r.criterion.title,
        "points": r.points,
        "max": r.criterion.max,
        "reason": r.reason,
        "citations": [c.as_dict() for c in r.citations],
        "unknown_facts": list(r.unknown_facts),
    }


def head_dict(result: GradeResult) -> dict[str, Any]:
    """Who, when and by which rubric: the first keys of every JSON report about one grade."""
    return {
        "code": result.code,
        "name": result.name,
        "as_of": result.as_of.isoformat(),
        "rubric": {"id": result.rubric.id, "version": result.rubric.version},
    }


def grade_dict(result: GradeResult) -> dict[str, Any]:
    """The JSON contract of one grade (documented in README.md; other tools read it)."""
    return {
        **head_dict(result),
        "total": result.total,
        "max": result.max,
        "grade": result.grade,
        "incomplete": result.incomplete,
        "rank": result.rank,
        "areas": [
            {"id": a.area.id, "title": a.area.title, "points": a.points, "max": a.area.max} for a in result.areas
        ],
        "criteria": [_criterion_dict(r) for r in result.criteria],
        "facts": {fid: _fact_dict(value, entry) for fid, (value, entry) in result.facts.items()},
    }


def grade_output(fmt: str, results: list[GradeResult], code: str | None) -> Any:
    """What ``grade`` prints for one jurisdiction (``code``) or all of them (``code`` None), ranked
    ``results`` in hand: text for json, csv and markdown; rich renderables for a table."""
    if fmt == "table":
        from . import tables  # rich only for a table

        if code is None:
            return tables.all_table(results)
        return tables.grade_table(next(r for r in results if r.code == code), len(results))
    if code is None:
        if fmt == "json":
            return to_json([grade_dict(r) for r in results])
        return all_csv(results) if fmt == "csv" else all_markdown(results)
    result = next(r for r in results if r.code == code)
    if fmt == "json":
        return to_json(grade_dict(result))
    return grade_csv(result) if fmt == "csv" else grade_markdown(result, len(results))


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _csv(rows: list[list[Any]]) -> str:
    import csv  # only the csv formats need it
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue()


def _cites(citations: list[Any]) -> str:
    return "; ".join(f"{c.title} <{c.href}>" for c in citations)


GRADE_CSV_COLUMNS = [
    "code", "name", "as_of", "rubric_version", "total", "max", "grade", "incomplete", "rank",
    "area", "criterion", "title", "points", "criterion_max", "reason", "citations", "unknown_facts",
]  # fmt: skip


def grade_csv(result: GradeResult) -> str:
    """One row per criterion, with the jurisdiction's total and grade repeated on each row."""
    head = [
        result.code,
        result.name,
        result.as_of.isoformat(),
        result.rubric.version,
        result.total,
        result.max,
        result.grade,
        str(result.incomplete).lower(),
        result.rank,
    ]
    rows: list[list[Any]] = [GRADE_CSV_COLUMNS]
    for r in result.criteria:
        c = r.criterion
        rows.append(
            [*head, c.area, c.id, c.title, r.points, c.max, r.reason, _cites(r.citations), " ".join(r.unknown_facts)]
        )
    return _csv(rows)


def all_csv(results: list[GradeResult]) -> str:
    """One row per jurisdiction, ranked, with a column per area."""
    if not results:
        return ""
    areas = [a.area.id for a in results[0].areas]
    rows: list[list[Any]] = [
        ["rank", "code", "name", "as_of", "rubric_version", "total", "max", "grade", "incomplete", *areas]
    ]
    for r in results:
        rows.append(
            [
                r.rank,
                r.code,
                r.name,
                r.as_of.isoformat(),
                r.rubric.version,
                r.total,
                r.max,
                r.grade,
                str(r.incomplete).lower(),
                *(a.points for a in r.areas),
            ]
        )
    return _csv(rows)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def header_line(result: GradeResult) -> str:
    return f"law in force on {result.as_of.isoformat()} · rubric {result.rubric.id} {result.rubric.version}"


def rank_text(result: GradeResult, of: int) -> str:
    return f"{result.rank} of {of}" if result.rank else "-"


def footer_lines(result: GradeResult) -> list[str]:
    """What a careful reader must know: unknown and low-confidence facts, incompleteness."""
    lines = []
    unknown = result.unknown_fact_ids()
    low = result.low_confidence_fact_ids()
    lines.append(f"{len(unknown)} unknown fact(s)" + (f": {', '.join(unknown)}" if unknown else ""))
    lines.append(f"{len(low)} low-confidence fact(s)" + (f": {', '.join(low)}" if low else ""))
    if result.incomplete:
        lines.append(f"{result.grade_label} is incomplete: unknown facts left a criterion undecided (scored 0)")
    reviewed = f"data last reviewed {result.verified_on.isoformat()}; " if result.verified_on else ""
    lines.append(f"{reviewed}grades describe statute text only, not practice; not legal advice")
    return lines


def grade_markdown(result: GradeResult, of: int) -> str:
    out = [
        f"## {result.name} ({result.code}): {result.grade_label}, {result.total}/{result.max}",
        "",
        f"{header_line(result)} · rank {rank_text(result, of)}",
        "",
        "| Criterion | Points | Reason | Citations |",
        "|---|---:|---|---|",
    ]
    for area in result.areas:
        out.append(f"| **{_md(area.area.title)}** | **{area.points}/{area.area.max}** | | |")
        for r in (x for x in result.criteria if x.criterion.area == area.area.id):
            cites = "<br>".join(f"[{_md(c.title)}]({c.href})" for c in r.citations)
            out.append(
                f"| {r.criterion.id} {_md(r.criterion.title)} | {r.points}/{r.criterion.max} | {_md(r.reason)} | {cites} |"
            )
    out += ["", *(f"- {line}" for line in footer_lines(result))]
    return "\n".join(out) + "\n"


def all_markdown(results: list[GradeResult]) -> str:
    if not results:
        return "No jurisdictions have data.\n"
    first = results[0]
    areas = [a.area for a in first.areas]
    out = [
        f"## Safe Harbor grades, law in force on {first.as_of.isoformat()} (rubric {first.rubric.id} {first.rubric.version})",
        "",
        "| Rank | Jurisdiction | Grade | Total | " + " | ".join(a.title for a in areas) + " |",
        "|---:|---|---|---:|" + "---:|" * len(areas),
    ]
    for r in results:
        cells = " | ".join(f"{a.points}/{a.area.max}" for a in r.areas)
        out.append(f"| {r.rank} | {r.name} ({r.code}) | {r.grade_label} | {r.total}/{r.max} | {cells} |")
    if any(r.incomplete for r in results):
        out += ["", "A grade marked \\* is incomplete: unknown facts left a criterion undecided (scored 0)."]
    return "\n".join(out) + "\n"


AUDIT_CSV_COLUMNS = [
    "code", "name", "facts", "high", "medium", "low", "unknown", "unknown_facts", "unknown_core_facts",
    "entries", "changes", "changes_without_bill", "verified_on",
]  # fmt: skip


def audit_csv(report: Any) -> str:
    """One row per jurisdiction, then the national total (code ``ALL``)."""
    rows: list[list[Any]] = [AUDIT_CSV_COLUMNS]
    for row in [*report.rows, report.total]:
        d = row.as_dict()
        rows.append([
            d["code"], d["name"], d["facts"], d["confidence"]["high"], d["confidence"]["medium"], d["confidence"]["low"],
            d["unknown"], " ".join(row.unknown), " ".join(row.unknown_core), d["entries"], d["changes"],
            d["changes_without_bill"], d["verified_on"],
        ])  # fmt: skip
    return _csv(rows)


def facts_dict(vocab: Any) -> list[dict[str, Any]]:
    """The vocabulary as JSON: values least -> most protective (ints: the bounds)."""
    out = []
    for f in vocab.facts.values():
        d: dict[str, Any] = {"id": f.id, "type": f.type, "core": f.core}
        if f.type == "int":
            d.update(min=f.min, max=f.max, protective=f.protective)
        else:
            d["values"] = f.domain()
        d["question"] = f.question
        out.append(d)
    return out


def facts_text(vocab: Any) -> str:
    """One block per fact: id, type and values, then the coding question, wrapped."""
    import textwrap

    out = []
    for f in vocab.facts.values():
        values = [str(v).lower() if isinstance(v, bool) else str(v) for v in f.domain()]
        shown = " < ".join(values) if f.type != "int" else f"{values[0]} .. {values[1]} (higher protects more)"
        if f.type == "int" and f.protective != "higher":
            shown = f"{values[1]} .. {values[0]} (lower protects more)"
        core = ", core" if f.core else ""
        out.append(f"{f.id} ({f.type}{core}): {shown} | unknown")
        out += textwrap.wrap(f.question, 96, initial_indent="    ", subsequent_indent="    ")
    out.append("")
    out.append("Values run from least to most protective of the child; any fact may be 'unknown'.")
    return "\n".join(out) + "\n"

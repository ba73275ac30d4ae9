"""Plain renderings (JSON, CSV, Markdown) of diffs and histories; rich tables are in tables.py."""

from __future__ import annotations

from typing import Any

from .changes import HistoryRow, LawChange, NationalDiff, StateDiff
from .report import _csv, _md


def _value(v: Any) -> Any:
    return str(v).lower() if isinstance(v, bool) else v


def change_dict(c: LawChange) -> dict[str, Any]:
    return {
        "fact": c.fact,
        "old": c.old,
        "new": c.new,
        "since": c.entry.since.isoformat(),
        "bill": c.entry.bill,
        "citations": [x.as_dict() for x in c.entry.citations],
        "moved_points": c.moved_points,
    }


def diff_dict(d: StateDiff) -> dict[str, Any]:
    b, a = d.before, d.after
    return {
        "code": a.code,
        "name": a.name,
        "from": b.as_of.isoformat(),
        "to": a.as_of.isoformat(),
        "rubric": {"id": a.rubric.id, "version": a.rubric.version},
        "before": {"total": b.total, "grade": b.grade, "incomplete": b.incomplete},
        "after": {"total": a.total, "grade": a.grade, "incomplete": a.incomplete},
        "criteria": [
            {
                "id": c.criterion.id,
                "title": c.criterion.title,
                "old": c.old,
                "new": c.new,
                "causes": [change_dict(x) for x in c.causes],
            }
            for c in d.criteria
        ],
        "changes_without_points": [change_dict(x) for x in d.unmoving],
    }


def _change_text(c: LawChange) -> str:
    bill = f", {c.entry.bill}" if c.entry.bill else ""
    cite = c.entry.citations[0].title if c.entry.citations else "no citation (unknown)"
    return f"{c.fact}: {_value(c.old)} -> {_value(c.new)} (effective {c.entry.since.isoformat()}{bill}; {cite})"


def diff_markdown(d: StateDiff) -> str:
    b, a = d.before, d.after
    out = [
        f"## {a.name} ({a.code}): {b.as_of.isoformat()} -> {a.as_of.isoformat()}",
        "",
        f"{b.grade_label} {b.total}/{b.max} -> {a.grade_label} {a.total}/{a.max} (rubric {a.rubric.id} {a.rubric.version})",
        "",
    ]
    if d.criteria:
        out += ["| Criterion | Points | Law changes |", "|---|---|---|"]
        for c in d.criteria:
            causes = "<br>".join(_md(_change_text(x)) for x in c.causes) or "(unknown facts)"
            out.append(f"| {c.criterion.id} {_md(c.criterion.title)} | {c.old} -> {c.new} | {causes} |")
    else:
        out.append("No criterion changed points.")
    if d.unmoving:
        out += ["", "Law changes that moved no points:", ""]
        out += [f"- {_md(_change_text(x))}" for x in d.unmoving]
    return "\n".join(out) + "\n"


DIFF_CSV_COLUMNS = [
    "code", "from", "to", "old_total", "new_total", "old_grade", "new_grade",
    "criterion", "old_points", "new_points", "fact", "old_value", "new_value", "since", "bill", "citation",
]  # fmt: skip


def _law_cells(x: LawChange | None) -> list[Any]:
    if x is None:
        return [""] * 6
    href = x.entry.citations[0].href if x.entry.citations else ""
    return [x.fact, _value(x.old), _value(x.new), x.entry.since.isoformat(), x.entry.bill or "", href]


def diff_csv(d: StateDiff) -> str:
    """One row per (criterion, law change), then the changes that moved no points; always at least
    one row, and every row carries the totals and grades at both dates."""
    b, a = d.before, d.after
    head = [a.code, b.as_of.isoformat(), a.as_of.isoformat(), b.total, a.total, b.grade_label, a.grade_label]
    rows: list[list[Any]] = [DIFF_CSV_COLUMNS]
    for c in d.criteria:
        for x in c.causes or [None]:
            rows.append([*head, c.criterion.id, c.old, c.new, *_law_cells(x)])
    for x in d.unmoving:
        rows.append([*head, "", "", "", *_law_cells(x)])
    if len(rows) == 1:
        rows.append([*head, "", "", "", *_law_cells(None)])
    return _csv(rows)


def national_dict(n: NationalDiff) -> dict[str, Any]:
    def side(r: Any) -> dict[str, Any]:
        return {"total": r.total, "grade": r.grade, "incomplete": r.incomplete}

    return {
        "from": n.start.isoformat(),
        "to": n.end.isoformat(),
        "changed": [
            {"code": a.code, "name": a.name, "before": side(b), "after": side(a), "change": a.total - b.total}
            for b, a in n.rows
        ],
        "grade_counts": {letter: {"from": x, "to": y} for letter, (x, y) in n.counts.items()},
    }


def national_markdown(n: NationalDiff) -> str:
    out = [f"## Grade changes {n.start.isoformat()} -> {n.end.isoformat()}", ""]
    if n.rows:
        out += ["| Jurisdiction | Before | After | Change |", "|---|---|---|---:|"]
        out += [
            f"| {a.name} ({a.code}) | {b.grade_label} {b.total} | {a.grade_label} {a.total} | {a.total - b.total:+d} |"
            for b, a in n.rows
        ]
    else:
        out.append("No jurisdiction changed total or grade.")
    out += ["", "| Grade | " + " | ".join(n.counts) + " |", "|---|" + "---:|" * len(n.counts)]
    out.append(f"| {n.start.isoformat()} | " + " | ".join(str(x) for x, _ in n.counts.values()) + " |")
    out.append(f"| {n.end.isoformat()} | " + " | ".join(str(y) for _, y in n.counts.values()) + " |")
    return "\n".join(out) + "\n"


def national_csv(n: NationalDiff) -> str:
    rows: list[list[Any]] = [
        ["code", "name", "from", "to", "old_total", "new_total", "old_grade", "new_grade", "change"]
    ]
    rows += [
        [
            a.code,
            a.name,
            n.start.isoformat(),
            n.end.isoformat(),
            b.total,
            a.total,
            b.grade_label,
            a.grade_label,
            a.total - b.total,
        ]
        for b, a in n.rows
    ]
    return _csv(rows)


def history_dict(rows: list[HistoryRow]) -> dict[str, Any]:
    first = rows[0].result
    return {
        "code": first.code,
        "name": first.name,
        "rubric": {"id": first.rubric.id, "version": first.rubric.version},
        "years": [
            {
                "year": r.year,
                "as_of": r.result.as_of.isoformat(),
                "total": r.result.total,
                "grade": r.result.grade,
                "incomplete": r.result.incomplete,
                "rank": r.result.rank,
                "bills": [x for x in r.bills if x],
                "changes_without_bill": "" in r.bills,
            }
            for r in rows
        ],
    }


def bill_text(bills: list[str]) -> str:
    return "; ".join(b or "(no bill recorded)" for b in bills)


def history_csv(rows: list[HistoryRow]) -> str:
    out: list[list[Any]] = [["code", "year", "as_of", "total", "grade", "incomplete", "rank", "bills"]]
    for r in rows:
        x = r.result
        out.append(
            [
                x.code,
                r.year,
                x.as_of.isoformat(),
                x.total,
                x.grade,
                str(x.incomplete).lower(),
                x.rank,
                "; ".join(b for b in r.bills if b),
            ]
        )
    return _csv(out)


def history_markdown(rows: list[HistoryRow], spark: str) -> str:
    first = rows[0].result
    out = [
        f"## {first.name} ({first.code}) by year: {spark}",
        "",
        "| Year | Total | Grade | Rank | Bills in effect that year |",
        "|---:|---:|---|---:|---|",
    ]
    out += [
        f"| {r.year} | {r.result.total} | {r.result.grade_label} | {r.result.rank} | {_md(bill_text(r.bills))} |"
        for r in rows
    ]
    return "\n".join(out) + "\n"

"""Rich tables for a terminal. Imported only by the table format, so JSON output never loads rich."""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .engine import GradeResult
from .report import footer_lines, header_line, rank_text

_GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "dark_orange", "F": "bold red"}


class Links(Text):
    """Text holding URLs: printed without wrapping so that every link can be copied whole."""


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader stopped early (``| head``): stop quietly, as other formats do (exit 0)."""
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


def make_console() -> Console:
    """A console on stdout: colour only on a terminal, ``NO_COLOR`` respected.

    Created per call, never at import, so tests can pin the width with ``COLUMNS``.
    """
    return _Console(
        file=sys.stdout, no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False, soft_wrap=False
    )


def _grade_text(result: GradeResult) -> Text:
    return Text(result.grade_label, style=_GRADE_STYLE.get(result.grade, "bold"))


def grade_table(result: GradeResult, of: int) -> list[Any]:
    """Renderables for one jurisdiction: criteria grouped by area, then numbered sources.

    Citations are footnotes (``[1]``) so the table stays readable at 80 columns; each source is
    listed once under the table with its link.
    """
    title = Text.assemble(
        (f"{result.name} ({result.code})", "bold"),
        "  ",
        _grade_text(result),
        f"  {result.total}/{result.max}  ·  rank {rank_text(result, of)}\n",
        (header_line(result), "dim"),
    )
    sources: list[Any] = []
    table = Table(title=title, expand=False)
    table.add_column("Criterion", overflow="fold", ratio=2)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("Reason", overflow="fold", ratio=3)
    table.add_column("Sources", overflow="fold", max_width=12)
    for area in result.areas:
        table.add_row(Text(area.area.title, style="bold"), Text(f"{area.points}/{area.area.max}", style="bold"), "", "")
        for r in (x for x in result.criteria if x.criterion.area == area.area.id):
            marks = []
            for cite in r.citations:
                if cite not in sources:
                    sources.append(cite)
                marks.append(f"[{sources.index(cite) + 1}]")
            table.add_row(
                f"{r.criterion.id} {r.criterion.title}",
                f"{r.points}/{r.criterion.max}",
                Text(r.reason, style="" if r.decided else "italic"),
                Text(" ".join(marks)),
            )
        table.add_section()
    table.add_row(
        Text("Total", style="bold"), Text(f"{result.total}/{result.max}", style="bold"), _grade_text(result), ""
    )
    listing = Links()
    for i, cite in enumerate(sources, 1):
        listing.append(f"[{i}] ")
        listing.append(cite.title, style=f"link {cite.href}")
        listing.append(f"\n    {cite.href}\n", style="dim")
    footer = Text("\n".join(footer_lines(result)), style="dim")
    return [table, listing, footer] if sources else [table, footer]


def all_table(results: list[GradeResult]) -> list[Any]:
    first = results[0]
    table = Table(title=Text.assemble(("Safe Harbor grades", "bold"), "\n", (header_line(first), "dim")))
    table.add_column("Rank", justify="right")
    table.add_column("Code")
    table.add_column("Jurisdiction")
    table.add_column("Grade")
    table.add_column("Total", justify="right")
    for area in first.areas:
        table.add_column(area.area.id, justify="right")
    for r in results:
        table.add_row(str(r.rank), r.code, r.name, _grade_text(r), str(r.total), *(str(a.points) for a in r.areas))
    legend = [f"{a.area.id} = {a.area.title} (max {a.area.max})" for a in first.areas]
    legend.append(f"Total out of {first.max}; * = incomplete (unknown facts scored 0)")
    return [table, Text("\n".join(legend), style="dim")]


def print_renderables(items: list[Any]) -> None:
    """Print at the console width; link listings are not wrapped, so URLs stay whole."""
    console = make_console()
    for item in items:
        console.print(item, soft_wrap=isinstance(item, Links))


def audit_table(report: Any) -> list[Any]:
    """The provenance table: confidence of the facts in force, unknowns, bills, review dates."""
    from rich import box

    table = Table(
        title=f"Data provenance · facts in force on {report.as_of.isoformat()}", box=box.SIMPLE_HEAD, pad_edge=False
    )
    for name, justify in [("Code", "left"), ("High", "right"), ("Med", "right"), ("Low", "right"),
                          ("Unknown", "right"), ("Core unk.", "right"), ("Changes", "right"),
                          ("No bill", "right"), ("Reviewed", "left")]:  # fmt: skip
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for row in [*report.rows, report.total]:
        if row is report.total:
            table.add_section()
        c = row.confidence
        table.add_row(
            row.code, str(c["high"]), str(c["medium"]), str(c["low"]), str(len(row.unknown)),
            str(len(row.unknown_core)), str(row.changes), str(row.changes_without_bill),
            row.verified_on.isoformat() if row.verified_on else "-",
        )  # fmt: skip
    lines = [f"{r.code}: {', '.join(r.unknown)}" for r in report.rows if r.unknown]
    known = report.total.known
    share = f"{100 * report.total.confidence['high'] / known:.0f}%" if known else "-"
    lines.append(
        f"High / Med / Low: facts in force with a known value, by confidence; {share} rest on statute text read (high)."
    )
    lines.append(
        "Changes: entries after each fact's baseline; No bill: changes naming no bill; Reviewed: verified_on (ALL: oldest)."
    )
    text = Text("Unknown facts now:\n" if len(lines) > 2 else "", style="dim")
    text.append("\n".join(lines), style="dim")
    return [table, text]


def diff_table(d: Any) -> list[Any]:
    """Criteria whose points moved, with the law changes behind each; then changes that moved none."""
    from .changes_report import _change_text

    b, a = d.before, d.after
    title = Text.assemble(
        (f"{a.name} ({a.code})", "bold"),
        f"  {b.as_of.isoformat()} -> {a.as_of.isoformat()}\n",
        (
            f"{b.grade_label} {b.total}/{b.max} -> {a.grade_label} {a.total}/{a.max} · rubric {a.rubric.id} {a.rubric.version}",
            "dim",
        ),
    )
    table = Table(title=title)
    table.add_column("Criterion", overflow="fold", ratio=2)
    table.add_column("Points", no_wrap=True)
    table.add_column("Law changes", overflow="fold", ratio=4)
    for c in d.criteria:
        causes = "\n".join(_change_text(x) for x in c.causes) or "(unknown facts)"
        table.add_row(f"{c.criterion.id} {c.criterion.title}", f"{c.old} -> {c.new}", causes)
    items: list[Any] = [table if d.criteria else Text.assemble(title, "\nNo criterion changed points.")]
    if d.unmoving:
        items.append(
            Text("Law changes that moved no points:\n" + "\n".join(f"  {_change_text(x)}" for x in d.unmoving))
        )
    return items


def national_table(n: Any) -> list[Any]:
    table = Table(title=f"Grade changes {n.start.isoformat()} -> {n.end.isoformat()}")
    for name, justify in [
        ("Code", "left"),
        ("Jurisdiction", "left"),
        ("Before", "left"),
        ("After", "left"),
        ("Change", "right"),
    ]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for b, a in n.rows:
        table.add_row(
            a.code, a.name, f"{b.grade_label} {b.total}", f"{a.grade_label} {a.total}", f"{a.total - b.total:+d}"
        )
    counts = "  ".join(f"{letter}: {x} -> {y}" for letter, (x, y) in n.counts.items())
    items: list[Any] = [table] if n.rows else [Text("No jurisdiction changed total or grade.")]
    return [*items, Text(f"Jurisdictions per grade: {counts}", style="dim")]


def history_table(rows: list[Any], spark: str) -> list[Any]:
    from .changes_report import bill_text

    first = rows[0].result
    table = Table(title=Text.assemble((f"{first.name} ({first.code}) by year  ", "bold"), spark))
    for name, justify in [
        ("Year", "right"),
        ("Total", "right"),
        ("Chart", "left"),
        ("Grade", "left"),
        ("Rank", "right"),
        ("Bills in effect that year", "left"),
    ]:
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in rows:
        bar = "█" * round(r.result.total / 10)
        table.add_row(
            str(r.year), str(r.result.total), bar, _grade_text(r.result), str(r.result.rank), bill_text(r.bills)
        )
    last = rows[-1].result.as_of
    today = f" ({last.isoformat()} for {last.year})" if (last.month, last.day) != (12, 31) else ""
    return [
        table,
        Text(f"law on 31 December of each year{today} · rubric {first.rubric.id} {first.rubric.version}", style="dim"),
    ]

"""The ``safeharbor`` command line: a thin layer over the library (dataset, engine, check)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperGroup
from typer.exceptions import TyperException

from .problems import DataError, SafeharborError, UsageError

EPILOG = "Exit codes: 0 success; 1 data problems or check failures; 2 bad usage (unknown state, bad date or format)."


_typer_metavar = TyperArgument.make_metavar


def _metavar(self: TyperArgument, ctx: Any, *, usage: bool = False) -> str:
    """``STATE`` in usage lines, as click and most CLIs write a required argument (not ``{STATE}``)."""
    text = _typer_metavar(self, ctx, usage=usage)
    return text[1:-1] if text.startswith("{") and text.endswith("}") else text


TyperArgument.make_metavar = _metavar  # type: ignore[method-assign]


def _out(text: str) -> None:
    """Write to stdout; a reader that stopped early (``| head``) ends the run quietly with exit 0.

    (Click would turn the broken pipe into exit 1.)"""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None


class _Group(TyperGroup):
    """Usage errors as one line (``safeharbor: error: ...``, exit 2); a closed pipe is not an error."""

    def main(
        self,
        args: Any = None,
        prog_name: Any = None,
        complete_var: Any = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            if code == 130:  # Typer turns Ctrl-C (KeyboardInterrupt) into a silent Exit(130)
                sys.stderr.write("safeharbor: interrupted\n")
            sys.stdout.flush()
        except TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `safeharbor`: show the help, not an error
                sys.stderr.write(exc.format_message() + "\n")
                sys.exit(2)
            ctx = getattr(exc, "ctx", None)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            sys.stderr.write(f"safeharbor: error: {exc.format_message()}{where}\n")
            sys.exit(exc.exit_code)
        except typer.Abort:  # click turns Ctrl-C (KeyboardInterrupt) into Abort
            sys.stderr.write("safeharbor: interrupted\n")
            sys.exit(130)
        except BrokenPipeError:
            # the reader (e.g. `| head`) stopped early: not a failure of ours
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            sys.stderr.write(f"safeharbor: error: cannot write output: {exc.strerror}\n")
            sys.exit(1)
        sys.exit(code or 0)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        _out(f"safeharbor {__version__}\n")
        raise typer.Exit()


app = typer.Typer(
    cls=_Group,
    name="safeharbor",
    help=(
        "Grade each US state's law (50 states + DC) on how it treats sex-trafficked children and "
        "youth: non-criminalization and access to services, with the statute behind every point."
    ),
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Grade each US state's law on how it treats sex-trafficked children and youth."""


class GradeFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


def _state_list(help_text: str) -> Any:
    """A ``[STATE]...`` argument: codes or names, any number."""
    return Annotated[list[str] | None, typer.Argument(metavar="[STATE]...", help=help_text, show_default=False)]


StatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--states",
        metavar="DIR",
        envvar="SAFEHARBOR_STATES",
        show_envvar=True,
        help="Directory of state files (default: ./states when run in a data checkout, else the data shipped with the package).",
    ),
]
RubricOpt = Annotated[
    Path | None,
    typer.Option(
        "--rubric",
        metavar="FILE",
        envvar="SAFEHARBOR_RUBRIC",
        show_envvar=True,
        help="Rubric file; facts.yaml is read from beside it, else the shipped one (default: ./rubric/safe-harbor.yaml in a data checkout, else the shipped rubric).",
    ),
]


def _fail(exc: SafeharborError) -> NoReturn:
    if isinstance(exc, DataError):
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
    else:
        sys.stderr.write(f"safeharbor: error: {exc}\n")
    raise typer.Exit(exc.exit_code)


def _emit(fmt: Enum, renderers: dict[str, Callable[[], Any]]) -> None:
    """Write one result in the chosen format: the renderer for json, csv or markdown returns text;
    the one for table returns rich renderables (rich is imported only then)."""
    out = renderers[fmt.value]()
    if fmt.value == "table":
        from . import tables

        tables.print_renderables(out)
    else:
        _out(out)


def _tables() -> Any:
    from . import tables

    return tables


@app.command(epilog=EPILOG, short_help="Grade one jurisdiction, or rank them all (--all).")
def grade(
    state: Annotated[
        str | None,
        typer.Argument(
            metavar="STATE", help="USPS code or name, any case: TX, tx, Texas, 'new york'.", show_default=False
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Grade and rank every jurisdiction with data.")] = False,
    year: Annotated[
        int | None, typer.Option("--year", "-y", metavar="YEAR", help="Law in force on 31 December of YEAR (2008 on).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help="Law in force on DATE (YYYY-MM-DD). Default: today.")
    ] = None,
    fmt: Annotated[GradeFormat, typer.Option("--format", "-f", help="Output format.")] = GradeFormat.table,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Grade one jurisdiction (points, reasons, citations, rank) or rank them all with --all."""
    from . import jurisdictions
    from .dataset import NoData, display_path, load_dataset

    try:
        if all_ and state:
            raise UsageError("give a STATE or --all, not both")
        if not all_ and not state:
            raise UsageError("name a STATE (e.g. safeharbor grade TX) or use --all")
        from .dataset import as_of_from

        day = as_of_from(year, as_of)
        code = jurisdictions.resolve(state) if state else None
        data = load_dataset(states, rubric)
        if code is not None:
            data.state(code)
        elif not data.states:
            raise NoData(f"no state files (*.yaml) in {display_path(data.states_dir)}")
        results = data.grade_all(day)
    except SafeharborError as exc:
        _fail(exc)
    from . import report

    _emit(fmt, {fmt.value: lambda: report.grade_output(fmt.value, results, code)})


@app.command(epilog=EPILOG, short_help="Validate the data and the rubric (path:line:col messages).")
def check(
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text: one 'path:line:col: message' per problem; json: a report object; github: workflow annotations (the default when GITHUB_ACTIONS is set, else text).",
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        bool,
        typer.Option(
            "--schema",
            help="Also validate every file against the shipped JSON Schemas (slower; the tests keep them in step with check).",
        ),
    ] = False,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Validate facts.yaml, every state file and the rubric, then run the rubric's example cases.

    Checks YAML syntax and duplicate keys, types and enum values, dates, timeline order and
    coverage from 2008-01-01, citations with https links, that each file's code matches its name,
    that the rubric is monotone and its grade bands ordered, and every case in rubric/tests/.
    """
    from .check import run_check

    try:
        result = run_check(states, rubric, schema=schema)
    except SafeharborError as exc:
        _fail(exc)
    if fmt is None:
        fmt = CheckFormat.github if os.environ.get("GITHUB_ACTIONS", "").lower() == "true" else CheckFormat.text
    if fmt is CheckFormat.json:
        from .report import to_json

        _out(to_json(result.as_dict()))
    elif fmt is CheckFormat.github:
        for p in result.problems:
            where = f"file={p.path}" + (f",line={p.line},col={p.col}" if p.line else "")
            message = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            _out(f"::error {where}::{message}\n")
    else:
        for problem in result.problems:
            _out(f"{problem}\n")

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    summary = f"checked {count(len(result.files), 'file')} ({count(result.states, 'valid state file')}, {count(result.cases, 'rubric case')}): "
    summary += "no problems" if result.ok else count(len(result.problems), "problem")
    sys.stderr.write(summary + "\n")
    if not result.ok:
        raise typer.Exit(1)


class AuditFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command(epilog=EPILOG, short_help="Report the provenance of the data: confidence, unknowns, bills.")
def audit(
    state_list: _state_list("Jurisdictions to audit (codes or names); default: all with data.") = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Audit the facts in force on DATE (YYYY-MM-DD). Default: today."),
    ] = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f", help="Output format.")] = AuditFormat.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any core (non-criminalization) fact is unknown.")
    ] = False,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Report where the data comes from: per jurisdiction the facts by confidence, the facts that are
    unknown now, recorded changes without a bill and the date last reviewed, with a national total.
    """
    from . import jurisdictions
    from .audit import audit as run_audit
    from .dataset import NoData, display_path, load_dataset

    try:
        from .dataset import as_of_from

        day = as_of_from(None, as_of)
        codes = [jurisdictions.resolve(s) for s in state_list or []]
        data = load_dataset(states, rubric)
        if not data.states:
            raise NoData(f"no state files (*.yaml) in {display_path(data.states_dir)}")
        report = run_audit(data, list(dict.fromkeys(codes)), day)
    except SafeharborError as exc:
        _fail(exc)
    if fmt is AuditFormat.json:
        from .report import to_json

        _out(to_json(report.as_dict()))
    elif fmt is AuditFormat.csv:
        from .report import audit_csv

        _out(audit_csv(report))
    else:
        from . import tables

        tables.print_renderables(tables.audit_table(report))
    if strict and report.has_unknown_core:
        sys.stderr.write(
            f"safeharbor: {len(report.total.unknown_core)} core fact(s) unknown: {', '.join(report.total.unknown_core)}\n"
        )
        raise typer.Exit(1)


@app.command(
    "diff",
    epilog=EPILOG,
    short_help="What changed between two years: points, grades and the law behind them.",
)
def diff_cmd(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="STATE FROM TO",
            help="A jurisdiction and two years (2015 = 31 Dec 2015) or dates; with --all only FROM TO.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every jurisdiction whose total or grade changed, largest change first.")
    ] = False,
    fmt: Annotated[GradeFormat, typer.Option("--format", "-f", help="Output format.")] = GradeFormat.table,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Compare the law in force at two dates: totals and grades, every criterion whose points moved
    with the law changes that caused it (fact, old -> new, effective date, bill, citation), and the
    law changes that moved no points.
    """
    from . import changes, changes_report, jurisdictions
    from .dataset import load_dataset

    try:
        args = args or []
        want = 2 if all_ else 3
        if len(args) != want:
            raise UsageError(
                "give FROM and TO with --all, e.g. safeharbor diff --all 2010 2020"
                if all_
                else "give STATE FROM TO, e.g. safeharbor diff TX 2010 2020"
            )
        code = None if all_ else jurisdictions.resolve(args[0])
        start = changes.parse_when(args[-2], "FROM")
        end = changes.parse_when(args[-1], "TO")
        data = load_dataset(states, rubric)
        result = changes.diff_all(data, start, end) if all_ else changes.diff_state(data, code, start, end)  # type: ignore[arg-type]
    except SafeharborError as exc:
        _fail(exc)
    from .report import to_json

    cr, t = changes_report, _tables
    _emit(
        fmt,
        {
            "json": lambda: to_json(cr.national_dict(result) if all_ else cr.diff_dict(result)),  # type: ignore[arg-type]
            "csv": lambda: cr.national_csv(result) if all_ else cr.diff_csv(result),  # type: ignore[arg-type]
            "markdown": lambda: cr.national_markdown(result) if all_ else cr.diff_markdown(result),  # type: ignore[arg-type]
            "table": lambda: t().national_table(result) if all_ else t().diff_table(result),
        },
    )


@app.command(epilog=EPILOG, short_help="A jurisdiction's total, grade, rank and new bills, year by year.")
def history(
    state: Annotated[str, typer.Argument(metavar="STATE", help="USPS code or name, any case.", show_default=False)],
    first: Annotated[int, typer.Option("--from", metavar="YEAR", help="First year.")] = 2008,
    last: Annotated[int | None, typer.Option("--to", metavar="YEAR", help="Last year (default: this year).")] = None,
    fmt: Annotated[GradeFormat, typer.Option("--format", "-f", help="Output format.")] = GradeFormat.table,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """One row per year — the law on 31 December (today for this year): total, grade, rank among all
    jurisdictions with data, and the bills that took effect that year — with a sparkline of the total.
    """
    from . import changes, changes_report, jurisdictions
    from .dataset import load_dataset

    try:
        code = jurisdictions.resolve(state)
        rows = changes.history(load_dataset(states, rubric), code, first, last or dt.date.today().year)
    except SafeharborError as exc:
        _fail(exc)
    spark = changes.sparkline([r.result.total for r in rows])
    from .report import to_json

    cr = changes_report
    _emit(
        fmt,
        {
            "json": lambda: to_json(cr.history_dict(rows)),
            "csv": lambda: cr.history_csv(rows),
            "markdown": lambda: cr.history_markdown(rows, spark),
            "table": lambda: _tables().history_table(rows, spark),
        },
    )


class ImpactFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command(epilog=EPILOG, short_help="Which grades a rubric or data edit moves, against a git revision.")
def impact(
    base: Annotated[
        str,
        typer.Option(
            "--base",
            metavar="REV|DIR",
            help="A git revision (read with git show) or a directory holding states/ and rubric/.",
        ),
    ],
    years: Annotated[
        str,
        typer.Option(
            "--years", metavar="Y,Y,...", help="Years to compare (31 December of each); today is always added."
        ),
    ] = "2010,2015,2020",
    fmt: Annotated[
        ImpactFormat, typer.Option("--format", "-f", help="markdown is ready to paste into a pull request.")
    ] = ImpactFormat.table,
    fail_on_change: Annotated[
        bool, typer.Option("--fail-on-change", help="Exit 1 if any grade or points move.")
    ] = False,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Compare grades for every jurisdiction and year between the rubric and data at --base and the
    working tree: who changes grade or points, old -> new, which criteria moved, and a summary line.
    """
    from . import impact as imp
    from .dataset import load_dataset, resolve_paths

    try:
        try:
            wanted = sorted({int(y) for y in years.split(",") if y.strip()})
        except ValueError:
            raise UsageError(f"--years {years!r}: give years separated by commas, e.g. 2010,2015,2020") from None
        bad = [y for y in wanted if not 2008 <= y <= dt.date.today().year]
        if bad:
            raise UsageError(f"--years {bad[0]} is out of range: the data covers 2008 to {dt.date.today().year}")
        days = [dt.date(y, 12, 31) for y in wanted]
        days.append(dt.date.today())
        states_dir, rubric_path = resolve_paths(*imp.repo_paths(states, rubric))
        head = load_dataset(states_dir, rubric_path)
        old = imp.load_base(base, states_dir, rubric_path)
        report = imp.impact(old, head, days)
    except SafeharborError as exc:
        _fail(exc)
    if fmt is ImpactFormat.json:
        from .report import to_json

        _out(to_json(report.as_dict()))
    elif fmt is ImpactFormat.markdown:
        _out(imp.markdown(report))
    else:
        _out(imp.text(report))
    if fail_on_change and report.changed:
        raise typer.Exit(1)


class ExportKind(str, Enum):
    grades = "grades"
    criteria = "criteria"
    facts = "facts"


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class TextFormat(str, Enum):
    text = "text"
    json = "json"


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically: replaced only when complete) instead of standard output.",
    ),
]
YearOpt = Annotated[
    int | None, typer.Option("--year", "-y", metavar="YEAR", help="Law in force on 31 December of YEAR (2008 on).")
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", metavar="DATE", help="Law in force on DATE (YYYY-MM-DD). Default: today.")
]


def _write(output: Path | None, chunks: Any) -> None:
    from .output import STDOUT

    if output is None or output == STDOUT:
        for chunk in chunks:
            _out(chunk)
        return
    from .output import write_atomic

    try:
        write_atomic(output, chunks)
    except OSError as exc:
        sys.stderr.write(f"safeharbor: error: cannot write {output}: {exc.strerror}\n")
        raise typer.Exit(1) from None


@app.command(epilog=EPILOG, short_help="Write the research panel: grades, criteria or facts, year by year.")
def export(
    state_list: _state_list("Only these jurisdictions (ranks stay national); default: all.") = None,
    year: Annotated[int | None, typer.Option("--year", "-y", metavar="YEAR", help="One year.")] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years", metavar="FIRST-LAST", help="A range of years, e.g. 2008-2025. Default: 2008 to this year."
        ),
    ] = None,
    what: Annotated[
        ExportKind,
        typer.Option(
            "--what",
            "-w",
            help="grades: a row per jurisdiction-year; criteria: per jurisdiction-year-criterion; facts: per jurisdiction-year-fact.",
        ),
    ] = ExportKind.grades,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv (UTF-8, header row), json (one array) or jsonl. Default: from the -o file's extension, else csv.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Export every jurisdiction and year as a table for spreadsheets, R, pandas or Stata.

    Each year is the law in force on 31 December (today for the current year). Columns are fixed
    and listed in README.md. In CSV, several citations share a cell joined by ' | ', and a cell
    that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is
    prefixed with an apostrophe.
    """
    from . import export as ex
    from . import jurisdictions
    from .dataset import NoData, display_path, load_dataset

    try:
        wanted = ex.parse_years(year, years)
        codes = list(dict.fromkeys(jurisdictions.resolve(s) for s in state_list or []))
        if output is not None:
            from .output import check_output_path

            check_output_path(output)
        if fmt is None:
            suffix = output.suffix.lower().lstrip(".") if output is not None else ""
            fmt = ExportFormat(suffix) if suffix in ex.FORMATS else ExportFormat.csv
        data = load_dataset(states, rubric)
        for code in codes:
            data.state(code)
        if not data.states:
            raise NoData(f"no state files (*.yaml) in {display_path(data.states_dir)}")
    except SafeharborError as exc:
        _fail(exc)
    count = 0

    def counted() -> Any:
        nonlocal count
        for row in ex.rows(what.value, data, wanted, codes):
            count += 1
            yield row

    _write(output, ex.render(counted(), ex.columns(what.value, data), fmt.value))
    if output is not None and str(output) != "-":
        span = f"{wanted[0]}" if len(wanted) == 1 else f"{wanted[0]}-{wanted[-1]}"
        rows = "row" if count == 1 else "rows"
        sys.stderr.write(f"safeharbor: wrote {count} {rows} ({what.value}, {span}, {fmt.value}) to {output}\n")


@app.command(epilog=EPILOG, short_help="Why a criterion scored what it did, or what the next grade takes.")
def explain(
    state: Annotated[str, typer.Argument(metavar="STATE", help="USPS code or name, any case.", show_default=False)],
    criterion: Annotated[
        str | None,
        typer.Argument(
            metavar="[CRITERION]",
            help="A criterion id such as NC1. Without it: the fact changes that reach the next letter grade.",
            show_default=False,
        ),
    ] = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    options: Annotated[
        int | None,
        typer.Option(
            "--options",
            metavar="N",
            min=1,
            max=50,
            help="Without a CRITERION: how many sets of changes to list (default 5).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")] = TextFormat.text,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """With a CRITERION: its condition tree with every test marked met / not met / unknown, the fact
    value and the timeline entry behind it (since, bill, citations), the points and why, and the
    recommendation when points are withheld.

    Without: the smallest sets of fact changes (each fact made more protective) that would lift the
    jurisdiction to the next letter grade, fewest changes first.
    """
    from . import explain as xp
    from . import explain_report as xr
    from .dataset import as_of_from, load_dataset

    try:
        if criterion is not None and options is not None:
            raise UsageError("--options lists sets of changes for the next grade; it takes no CRITERION")
        day = as_of_from(year, as_of)
        from . import jurisdictions

        code = jurisdictions.resolve(state)
        data = load_dataset(states, rubric)
        if criterion is not None:
            xp.find_criterion(data.rubric, criterion)
            found: Any = xp.explain_criterion(data, code, criterion, day)
        else:
            found = xp.next_grade(data, code, day, options or xp.MAX_OPTIONS)
    except SafeharborError as exc:
        _fail(exc)
    from .report import to_json

    if criterion is not None:
        text = to_json(xr.criterion_dict(found)) if fmt is TextFormat.json else xr.criterion_text(found)
    else:
        text = to_json(xr.next_dict(found)) if fmt is TextFormat.json else xr.next_text(found)
    _out(text)


@app.command(epilog=EPILOG, short_help="Grade before and after setting facts, as a bill would.")
def whatif(
    state: Annotated[str, typer.Argument(metavar="STATE", help="USPS code or name, any case.", show_default=False)],
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            metavar="FACT=VALUE",
            help="Required: a fact and the value a bill would give it, e.g. prostitution_response=immunity. Repeat for more; 'safeharbor facts' lists facts and values.",
            show_default=False,
        ),
    ] = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")] = TextFormat.text,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Grade a jurisdiction as its law stands and with the --set facts changed: total, grade and
    rank before and after, and every criterion that moves. Facts and values are checked against
    rubric/facts.yaml.
    """
    from . import explain_report as xr
    from . import jurisdictions
    from . import whatif as wi
    from .dataset import as_of_from, load_dataset

    try:
        if not assignments:
            raise UsageError("give at least one --set FACT=VALUE, e.g. --set prostitution_response=immunity")
        day = as_of_from(year, as_of)
        code = jurisdictions.resolve(state)
        data = load_dataset(states, rubric)
        parsed = [wi.parse_assignment(a, data.vocab) for a in assignments]
        result = wi.whatif(data, code, parsed, day)
    except SafeharborError as exc:
        _fail(exc)
    from .report import to_json

    _out(to_json(xr.whatif_dict(result)) if fmt is TextFormat.json else xr.whatif_text(result))


@app.command("map", epilog=EPILOG, short_help="An SVG tile map of the country, coloured by grade.")
def map_cmd(
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="AREA",
            help="Colour by one area's share of its points (an area id such as NC, or its title).",
        ),
    ] = None,
    output: OutputOpt = None,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Draw all 51 jurisdictions as a tile grid (one square each, arranged like the country),
    coloured by letter grade with a colour-blind-safe palette, each tile with its code, grade and a
    tooltip, plus a legend and a caption naming the rubric and the date. Open the SVG in a browser.
    """
    from . import svgmap
    from .dataset import as_of_from, load_dataset

    try:
        day = as_of_from(year, as_of)
        if output is not None:
            from .output import check_output_path

            check_output_path(output)
        data = load_dataset(states, rubric)
        area = svgmap.find_area(data.rubric, by) if by is not None else None
        results = data.grade_all(day)
    except SafeharborError as exc:
        _fail(exc)
    if output is not None and output.suffix.lower() not in (".svg", "") and str(output) != "-":
        sys.stderr.write(f"safeharbor: note: {output} will hold SVG (the map is always SVG)\n")
    _write(output, [svgmap.render(results, data.rubric, day, area)])
    if output is not None and str(output) != "-":
        sys.stderr.write(f"safeharbor: wrote map of {len(results)} jurisdictions to {output}\n")


@app.command(epilog=EPILOG, short_help="List the facts a state file records and their values.")
def facts(
    fmt: Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")] = TextFormat.text,
    states: StatesOpt = None,
    rubric: RubricOpt = None,
) -> None:
    """Every fact of the vocabulary (rubric/facts.yaml): its id, type, values from least to most
    protective (any fact may also be unknown), whether it is a core fact, and its coding question.
    """
    from .dataset import load_core

    try:
        vocab = load_core(states, rubric)[0]
    except SafeharborError as exc:
        _fail(exc)
    from .report import facts_dict, facts_text, to_json

    _out(to_json(facts_dict(vocab)) if fmt is TextFormat.json else facts_text(vocab))


def main() -> None:
    """Console entry point: run the app; never show a traceback for an unexpected error."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("safeharbor: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - a bug; keep the message short
        if os.environ.get("SAFEHARBOR_DEBUG"):
            raise
        sys.stderr.write(
            f"safeharbor: internal error: {type(exc).__name__}: {exc}\n(set SAFEHARBOR_DEBUG=1 to see the traceback; please report it)\n"
        )
        sys.exit(1)

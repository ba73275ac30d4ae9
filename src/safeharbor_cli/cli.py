"""The ``safeharbor`` command line: a thin layer over the library (dataset, engine, check)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .problems import DataError, SafeharborError, UsageError

EPILOG = "Exit codes: 0 success; 1 data problems or check failures; 2 bad usage (unknown state, bad date or format)."

app = typer.Typer(
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


class GradeFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


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
        help="Rubric file; facts.yaml is read from beside it (default: the shipped rubric/safe-harbor.yaml).",
    ),
]


def _fail(exc: SafeharborError) -> NoReturn:
    if isinstance(exc, DataError):
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
    else:
        sys.stderr.write(f"safeharbor: error: {exc}\n")
    raise typer.Exit(exc.exit_code)


def _parse_as_of(year: int | None, as_of: str | None) -> dt.date:
    today = dt.date.today()
    latest = dt.date(today.year, 12, 31)
    if year is not None and as_of is not None:
        raise UsageError("give --year or --as-of, not both")
    if year is not None:
        if not 2008 <= year <= today.year:
            raise UsageError(f"--year {year} is out of range: the data covers 2008 to {today.year}")
        return dt.date(year, 12, 31)
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of!r} is not a real date written YYYY-MM-DD") from None
        if not dt.date(2008, 1, 1) <= day <= latest:
            raise UsageError(f"--as-of {as_of} is out of range: the data covers 2008-01-01 to {latest.isoformat()}")
        return day
    return today


@app.command(epilog=EPILOG)
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
    from .dataset import load_dataset

    try:
        if all_ and state:
            raise UsageError("give a STATE or --all, not both")
        if not all_ and not state:
            raise UsageError("name a STATE (e.g. safeharbor grade TX) or use --all")
        day = _parse_as_of(year, as_of)
        code = jurisdictions.resolve(state) if state else None
        data = load_dataset(states, rubric)
        results = data.grade_all(day)
        if code is not None:
            data.state(code)
            result = next(r for r in results if r.code == code)
    except SafeharborError as exc:
        _fail(exc)
    from . import report

    if fmt is GradeFormat.json:
        payload = [report.grade_dict(r) for r in results] if all_ else report.grade_dict(result)
        sys.stdout.write(report.to_json(payload))
    elif fmt is GradeFormat.csv:
        sys.stdout.write(report.all_csv(results) if all_ else report.grade_csv(result))
    elif fmt is GradeFormat.markdown:
        sys.stdout.write(report.all_markdown(results) if all_ else report.grade_markdown(result, len(results)))
    else:
        from . import tables

        if all_ and not results:
            sys.stderr.write("safeharbor: no jurisdictions have data yet\n")
            return
        tables.print_renderables(tables.all_table(results) if all_ else tables.grade_table(result, len(results)))


@app.command(epilog=EPILOG)
def check(
    fmt: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="text: one 'path:line:col: message' per problem; json: a report object."),
    ] = CheckFormat.text,
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
        result = run_check(states, rubric)
    except SafeharborError as exc:
        _fail(exc)
    if fmt is CheckFormat.json:
        from .report import to_json

        sys.stdout.write(to_json(result.as_dict()))
    else:
        for problem in result.problems:
            sys.stdout.write(f"{problem}\n")
    summary = f"checked {len(result.files)} files ({result.states} valid state files, {result.cases} rubric cases): "
    summary += "no problems" if result.ok else f"{len(result.problems)} problem(s)"
    sys.stderr.write(summary + "\n")
    if not result.ok:
        raise typer.Exit(1)


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

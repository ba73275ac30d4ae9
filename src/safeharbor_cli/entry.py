"""Console entry point (``safeharbor``, ``python -m safeharbor_cli``).

The call scripts make most — ``safeharbor grade STATE --format json``, optionally with ``--year``
or ``--as-of`` — is answered here without importing Typer (about 50 ms of a 170 ms run). Anything
else, and every error, goes to the full command line in :mod:`safeharbor_cli.cli`, which owns all
messages and exit codes; this path only ever prints the same JSON the full one would.
"""

from __future__ import annotations

import sys

_VALUE_OPTIONS = {"--format": "format", "-f": "format", "--year": "year", "-y": "year", "--as-of": "as_of"}


def _parse(argv: list[str]) -> dict[str, str] | None:
    """``{"state", "year"?, "as_of"?}`` for a plain ``grade STATE --format json`` call, else None."""
    if not argv or argv[0] != "grade":
        return None
    found: dict[str, str] = {}
    rest = iter(argv[1:])
    for arg in rest:
        name, _, inline = arg.partition("=")
        if name in _VALUE_OPTIONS and _VALUE_OPTIONS[name] not in found:
            value = inline if inline else next(rest, None)
            if value is None:
                return None
            found[_VALUE_OPTIONS[name]] = value
        elif not arg.startswith("-") and "state" not in found:
            found["state"] = arg
        else:
            return None
    if found.get("format") != "json" or "state" not in found:
        return None
    if "year" in found and not found["year"].isdigit():
        return None
    return found


def fast_grade_json(argv: list[str]) -> str | None:
    """The JSON of ``grade STATE --format json`` without Typer, or None to use the full CLI."""
    call = _parse(argv)
    if call is None:
        return None
    try:
        from . import jurisdictions, report
        from .dataset import as_of_from, load_dataset

        day = as_of_from(int(call["year"]) if "year" in call else None, call.get("as_of"))
        code = jurisdictions.resolve(call["state"])
        return report.to_json(report.grade_dict(load_dataset().grade(code, day)))
    except Exception:  # any problem: the full CLI runs the call again and reports it
        return None


def main() -> None:
    out = fast_grade_json(sys.argv[1:])
    if out is None:
        from .cli import main as cli_main

        cli_main()
        return
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

"""Console entry point (``safeharbor``, ``python -m safeharbor_cli``).

The calls people and scripts make most — ``safeharbor grade STATE`` or ``grade --all``, with
``--year``/``--as-of`` and any ``--format`` — are answered here without importing Typer (about 50 ms
of a run). Anything else, and every error, goes to the full command line in
:mod:`safeharbor_cli.cli`, which owns all messages and exit codes: this path prints only what the
full one would print for the same call (the tests compare them), and hands over before printing
anything when something is off.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

_VALUE_OPTIONS = {"--format": "format", "-f": "format", "--year": "year", "-y": "year", "--as-of": "as_of"}
_FORMATS = ("table", "json", "markdown", "csv")


def _parse(argv: list[str]) -> dict[str, str] | None:
    """``{"state" | "all", "format", "year"?, "as_of"?}`` for a plain ``grade`` call, else None."""
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
        elif arg == "--all" and "all" not in found:
            found["all"] = "1"
        elif not arg.startswith("-") and "state" not in found:
            found["state"] = arg
        else:
            return None
    found.setdefault("format", "table")
    if found["format"] not in _FORMATS or ("state" in found) == ("all" in found):
        return None
    if "year" in found and not found["year"].isdigit():
        return None
    return found


def fast_grade(argv: list[str]) -> tuple[str, Any] | None:
    """``(format, output)`` for a plain ``grade`` call — text, or rich renderables for a table —
    computed without Typer; None when the full command line should handle the call."""
    call = _parse(argv)
    if call is None:
        return None
    fmt = call["format"]
    try:
        from . import jurisdictions, report
        from .dataset import as_of_from, load_dataset

        day = as_of_from(int(call["year"]) if "year" in call else None, call.get("as_of"))
        code = jurisdictions.resolve(call["state"]) if "state" in call else None
        data = load_dataset()
        if not data.states:
            return None
        if code is not None:
            data.state(code)
        return fmt, report.grade_output(fmt, data.grade_all(day), code)
    except Exception:  # any problem: the full CLI runs the call again and reports it
        return None


def fast_grade_json(argv: list[str]) -> str | None:
    """The JSON of ``grade STATE --format json`` without Typer, or None to use the full CLI."""
    out = fast_grade(argv)
    return out[1] if out is not None and out[0] == "json" else None


def main() -> None:
    """Run one command; Ctrl-C at any point ends it with one line and exit 130."""
    try:
        _main()
    except KeyboardInterrupt:
        sys.stderr.write("safeharbor: interrupted\n")
        sys.exit(130)


def _main() -> None:
    # A short-lived process that builds many small acyclic objects: reference counting frees them,
    # and the cyclic collector would only rescan the loaded data again and again (15-25% of an export).
    import gc

    gc.disable()
    out = fast_grade(sys.argv[1:])
    if out is None:
        from .cli import main as cli_main

        cli_main()
        return
    fmt, payload = out
    try:
        if fmt == "table":
            from . import tables

            tables.print_renderables(payload)
        else:
            sys.stdout.write(payload)
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

"""Shared fixtures: repository paths, a CLI runner with pinned width and colour, golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
REAL_STATES = ROOT / "states"
REAL_RUBRIC = ROOT / "rubric" / "safe-harbor.yaml"
FIXTURE_STATES = FIXTURES / "states"

PINNED_ENV = {
    "COLUMNS": "100",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "_TYPER_FORCE_DISABLE_TERMINAL": "1",
    "SAFEHARBOR_STATES": "",
    "SAFEHARBOR_RUBRIC": "",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/* from current output; review with git diff"
    )


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("SAFEHARBOR_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    for key, value in PINNED_ENV.items():
        if value:
            monkeypatch.setenv(key, value)
        else:
            monkeypatch.delenv(key, raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    """Invoke the CLI in-process: run("grade", "TX") -> Result with .exit_code, .stdout, .stderr."""
    from safeharbor_cli.cli import app

    runner = CliRunner()

    def _run(*args: str, cwd: Path | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return runner.invoke(app, list(args), catch_exceptions=False)

    return _run


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """golden("name.txt", text): compare with tests/golden/name.txt (or rewrite it with --update-golden)."""
    update = request.config.getoption("--update-golden")

    def _check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {name} is missing; run pytest --update-golden and review it")
            path.write_text(text, encoding="utf-8")
            return
        assert text == path.read_text(encoding="utf-8"), (
            f"output differs from tests/golden/{name}; if intended, run pytest --update-golden and review the diff"
        )

    return _check


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "# yaml-language-server: $schema=../src/safeharbor_cli/schemas/state.schema.json\n"


def _yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def state_file(
    directory: Path,
    code: str,
    name: str,
    values: dict[str, object],
    *,
    title: str | None = None,
    bill: str | None = None,
) -> Path:
    """A valid state file with one entry per fact (since 2000-01-01) holding ``values``."""
    lines = [HEADER.rstrip("\n"), f"code: {code}", f"name: {name}", 'verified_on: "2026-01-01"', "facts:"]
    for fact, value in values.items():
        cite = title or f"Test Stat. § 1 ({fact})"
        lines += [
            f"  {fact}:",
            '    - since: "2000-01-01"',
            f"      value: {_yaml_value(value)}",
            "      citations:",
            f"        - {{title: {json.dumps(cite, ensure_ascii=False)}, href: 'https://example.org/{code}/{fact}'}}",
            "      confidence: high",
        ]
        if bill:
            lines.append(f"      bill: {json.dumps(bill, ensure_ascii=False)}")
    return write(directory, f"{code}.yaml", "\n".join(lines) + "\n")

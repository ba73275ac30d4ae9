"""The Typer-free path for `grade STATE --format json` prints exactly what the full CLI prints."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURE_STATES
from safeharbor_cli.entry import fast_grade_json


@pytest.fixture(autouse=True)
def _fixture_data(monkeypatch) -> None:
    monkeypatch.setenv("SAFEHARBOR_STATES", str(FIXTURE_STATES))


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "VT", "--format", "json"],
        ["grade", "vermont", "-f", "json", "--year", "2015"],
        ["grade", "--as-of", "2015-07-01", "VT", "--format=json"],
        ["grade", "WY", "-f", "json", "-y", "2020"],
    ],
)
def test_fast_path_matches_the_full_cli(run, argv) -> None:
    fast = fast_grade_json(argv)
    full = run(*argv)
    assert full.exit_code == 0
    assert fast == full.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "VT"],  # table: not JSON
        ["grade", "VT", "-f", "csv"],
        ["grade", "--all", "VT", "-f", "json"],
        ["grade", "-f", "json"],
        ["grade", "VT", "-f", "yaml"],
        ["grade", "VT", "--help"],
        ["grade", "VT", "-f", "json", "--states", "x"],  # any other option: full CLI
        ["grade", "Texsa", "-f", "json"],  # errors are the full CLI's to report
        ["grade", "VT", "-f", "json", "--year", "2007"],
        ["grade", "VT", "-f", "json", "--year", "soon"],
        ["grade", "TX", "-f", "json"],  # no data for TX in the fixtures
        ["grade", "VT", "WY", "-f", "json"],
        ["check"],
        [],
    ],
)
def test_everything_else_goes_to_the_full_cli(argv) -> None:
    assert fast_grade_json(argv) is None


def test_fast_path_does_not_import_typer(tmp_path) -> None:
    code = "import sys; sys.argv = ['safeharbor', 'grade', 'VT', '-f', 'json']; from safeharbor_cli.entry import main; main(); assert 'typer' not in sys.modules, 'typer imported'"
    env = {**os.environ, "SAFEHARBOR_STATES": str(FIXTURE_STATES), "SAFEHARBOR_CACHE_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert '"code": "VT"' in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["grade", "VT", "--as-of", "2016-01-01"],
        ["grade", "vermont", "--year", "2015", "--format", "markdown"],
        ["grade", "vt", "--year", "2015", "-f", "csv"],
        ["grade", "--all", "--year", "2015"],
        ["grade", "--all", "--year", "2015", "-f", "csv"],
        ["grade", "--all", "-f", "json", "--year", "2015"],
        ["grade", "--all", "--year", "2015", "--format=markdown"],
    ],
)
def test_every_format_matches_the_full_cli_in_a_fresh_process(run, argv, tmp_path) -> None:
    code = (
        "import sys; from safeharbor_cli.entry import main; main(); assert 'typer' not in sys.modules, 'typer imported'"
    )
    env = {
        **os.environ,
        "SAFEHARBOR_STATES": str(FIXTURE_STATES),
        "SAFEHARBOR_CACHE_DIR": str(tmp_path),
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == run(*argv).stdout

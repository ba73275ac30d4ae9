"""The command line, as a user runs it: every format, golden outputs, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURE_STATES, ROOT, write
from safeharbor_cli.dataset import display_path

FIX = ["--states", str(FIXTURE_STATES)]


@pytest.mark.parametrize(
    ("args", "golden_name"),
    [
        (["grade", "VT", "--as-of", "2016-01-01"], "VT-2016.table.txt"),
        (["grade", "vermont", "--year", "2015", "--format", "json"], "VT-2015.json"),
        (["grade", "Vermont", "--year", "2015", "--format", "markdown"], "VT-2015.md"),
        (["grade", "vt", "--year", "2015", "--format", "csv"], "VT-2015.csv"),
        (["grade", "--all", "--year", "2015"], "all-2015.table.txt"),
        (["grade", "--all", "--year", "2015", "--format", "csv"], "all-2015.csv"),
        (["grade", "--all", "--year", "2015", "--format", "markdown"], "all-2015.md"),
    ],
)
def test_grade_formats_match_golden_files(run, golden, args, golden_name) -> None:
    result = run(*args, *FIX)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    golden(golden_name, result.stdout)


def test_json_contract(run) -> None:
    result = run("grade", "VT", "--as-of", "2015-07-01", "-f", "json", *FIX)
    data = json.loads(result.stdout)
    assert list(data) == [
        "code",
        "name",
        "as_of",
        "rubric",
        "total",
        "max",
        "grade",
        "incomplete",
        "rank",
        "areas",
        "criteria",
        "facts",
    ]
    assert (data["code"], data["as_of"], data["total"], data["grade"], data["incomplete"], data["rank"]) == (
        "VT",
        "2015-07-01",
        90,
        "A",
        True,
        1,
    )
    assert data["rubric"] == {"id": "safe-harbor", "version": "1.0"}
    assert data["areas"][0] == {"id": "NC", "title": "Non-criminalization", "points": 41, "max": 45}
    nc1 = data["criteria"][0]
    assert list(nc1) == ["id", "area", "title", "points", "max", "reason", "citations", "unknown_facts"]
    assert data["facts"]["prostitution_response"] == {
        "value": "immunity",
        "since": "2015-07-01",
        "citations": [{"title": "Fixture Stat. § 2 (prostitution_response)", "href": "https://example.org/fixture/2"}],
        "confidence": "medium",
    }
    assert data["facts"]["screening_juvenile_justice"]["value"] == "unknown"


def test_all_json_is_a_ranked_list(run) -> None:
    data = json.loads(run("grade", "--all", "--year", "2020", "-f", "json", *FIX).stdout)
    assert [(d["code"], d["rank"], d["total"]) for d in data] == [("VT", 1, 90), ("WY", 2, 0)]


def test_year_means_december_31(run) -> None:
    data = json.loads(run("grade", "VT", "--year", "2015", "-f", "json", *FIX).stdout)
    assert data["as_of"] == "2015-12-31"


def test_environment_variables_point_at_other_data(run, monkeypatch) -> None:
    monkeypatch.setenv("SAFEHARBOR_STATES", str(FIXTURE_STATES))
    result = run("grade", "WY", "--year", "2010", "-f", "json")
    assert json.loads(result.stdout)["total"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["grade", "nw york"],
            "safeharbor: error: unknown state 'nw york' (did you mean 'New York'?); use a USPS code such as TX or a name such as Texas\n",
        ),
        (
            ["grade", "Texsa"],
            "safeharbor: error: unknown state 'Texsa' (did you mean 'Texas'?); use a USPS code such as TX or a name such as Texas\n",
        ),
        (
            ["grade", "XY"],
            "safeharbor: error: unknown state 'XY'; use a USPS code such as TX or a name such as Texas\n",
        ),
        (
            ["grade", "VT", "--as-of", "2021-02-30"],
            "safeharbor: error: --as-of '2021-02-30' is not a real date written YYYY-MM-DD\n",
        ),
        (["grade", "VT", "--year", "2007"], None),
        (
            ["grade", "VT", "--year", "2015", "--as-of", "2015-01-01"],
            "safeharbor: error: give --year or --as-of, not both\n",
        ),
        (["grade"], "safeharbor: error: name a STATE (e.g. safeharbor grade TX) or use --all\n"),
        (["grade", "VT", "--all"], "safeharbor: error: give a STATE or --all, not both\n"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run, args, message) -> None:
    result = run(*args, *FIX)
    assert result.exit_code == 2
    assert result.stdout == ""
    if message:
        assert result.stderr == message
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_format_is_a_usage_error(run) -> None:
    result = run("grade", "VT", "--format", "xml", *FIX)
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'json', 'markdown', 'csv'" in result.stderr
    assert result.stdout == ""


def test_state_without_data_is_a_data_error(run) -> None:
    result = run("grade", "TX", *FIX)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"safeharbor: error: no data for Texas (TX) yet: {display_path(FIXTURE_STATES / 'TX.yaml')} does not exist\n"
    )


def test_malformed_state_file_names_path_and_line(run, tmp_path) -> None:
    (tmp_path / "VT.yaml").write_text(
        (FIXTURE_STATES / "VT.yaml").read_text(encoding="utf-8").replace("code: VT\n", "code: VT\ncode: VT\n"),
        encoding="utf-8",
    )
    result = run("grade", "VT", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{tmp_path / 'VT.yaml'}:4:1: duplicate key 'code' (first defined on line 3)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--states", "no/such/dir"], "safeharbor: error: states directory not found: no/such/dir\n"),
        (["--rubric", "."], "safeharbor: error: rubric path is a directory, not a YAML file: .\n"),
    ],
)
def test_bad_data_paths(run, args, message) -> None:
    result = run("grade", "VT", *args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_check_passes_on_fixtures_and_reports_on_stderr(run) -> None:
    result = run("check", *FIX)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "checked 7 files (2 valid state files, 42 rubric cases): no problems\n"


def test_check_text_and_json_on_a_broken_file(run, tmp_path) -> None:
    text = (FIXTURE_STATES / "VT.yaml").read_text(encoding="utf-8")
    write(tmp_path, "VT.yaml", text.replace("value: immunity", "value: immunty", 1))
    result = run("check", "--states", str(tmp_path))
    assert result.exit_code == 1
    line = f"{tmp_path / 'VT.yaml'}:16:14: string 'immunty' is not a value of prostitution_response (did you mean 'immunity'?); allowed: none, affirmative_defense, diversion, immunity, unknown\n"
    assert result.stdout == line
    assert result.stderr == "checked 6 files (0 valid state files, 42 rubric cases): 1 problem\n"
    data = json.loads(run("check", "--states", str(tmp_path), "-f", "json").stdout)
    assert data["ok"] is False
    assert data["problems"] == [
        {"path": str(tmp_path / "VT.yaml"), "line": 16, "col": 14, "message": line.split(":16:14: ")[1].strip()}
    ]


def test_every_command_has_help(run) -> None:
    top = run("--help")
    assert top.exit_code == 0
    for command in ("grade", "check", "audit", "diff", "history", "impact"):
        assert command in top.stdout
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Exit codes: 0 success" in result.stdout


def test_python_dash_m_and_console_script_work_from_another_directory(tmp_path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "safeharbor_cli",
            "grade",
            "VT",
            "--year",
            "2016",
            "--format",
            "json",
            "--states",
            str(FIXTURE_STATES),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 90


def test_default_data_is_found_from_any_directory(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "safeharbor_cli", "check"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stderr
    assert str(ROOT) or True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["grade", "VT", "--year", "abc"],
            "safeharbor: error: Invalid value for '--year' / '-y': 'abc' is not a valid int. (see 'safeharbor grade --help')\n",
        ),
        (
            ["grade", "VT", "extra"],
            "safeharbor: error: Got unexpected extra argument(s) (extra) (see 'safeharbor grade --help')\n",
        ),
        (
            ["grade", "VT", "--as-of", "20150101"],
            "safeharbor: error: --as-of '20150101' is not a real date written YYYY-MM-DD\n",
        ),
        (["frobnicate"], "safeharbor: error: No such command 'frobnicate'. (see 'safeharbor --help')\n"),
    ],
)
def test_parser_errors_are_one_line(run, args, message) -> None:
    result = run(*args, *FIX)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_version(run) -> None:
    from safeharbor_cli import __version__

    assert run("--version").stdout == f"safeharbor {__version__}\n"


def test_dotted_codes_are_accepted(run) -> None:
    assert json.loads(run("grade", "V.T.", "--year", "2010", "-f", "json", *FIX).stdout)["code"] == "VT"


def test_grade_all_on_an_empty_directory(run, tmp_path) -> None:
    result = run("grade", "--all", "--states", str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"safeharbor: error: no state files (*.yaml) in {tmp_path}\n"


def test_check_reports_an_empty_directory_and_yml_files(run, tmp_path) -> None:
    (tmp_path / "VT.yml").write_text("code: VT\n", encoding="utf-8")
    result = run("check", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{tmp_path}: no state files (*.yaml) in this directory\n{tmp_path / 'VT.yml'}: state files end in .yaml; rename it to VT.yaml\n"
    )


def test_bare_command_shows_help_on_stderr(run) -> None:
    result = run()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("Usage: safeharbor [OPTIONS] COMMAND [ARGS]...")
    assert "safeharbor: error" not in result.stderr


def test_out_of_range_as_of_names_the_option(run) -> None:
    result = run("grade", "VT", "--as-of", "2007-12-31", *FIX)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "safeharbor: error: --as-of 2007-12-31 is out of range: the data covers 2008-01-01 to "
    )


def test_grade_refuses_a_yml_state_file_instead_of_skipping_it(run, tmp_path) -> None:
    (tmp_path / "VT.yaml").write_text((FIXTURE_STATES / "VT.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "WY.yml").write_text((FIXTURE_STATES / "WY.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("grade", "VT", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'WY.yml'}: state files end in .yaml; rename it to WY.yaml\n"

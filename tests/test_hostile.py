"""Hostile arguments: paths where names belong, directories where files belong. One clear line,
exit 2, nothing read or written outside what was asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_STATES

FIX = ["--states", str(FIXTURE_STATES)]
PASSWD = "safeharbor: error: unknown state '../../etc/passwd'; use a USPS code such as TX or a name such as Texas"


@pytest.mark.parametrize(
    "args",
    [
        ["grade", "../../etc/passwd"],
        ["explain", "../../etc/passwd"],
        ["explain", "../../etc/passwd", "NC1"],
        ["whatif", "../../etc/passwd", "--set", "mandatory_referral=true"],
        ["history", "../../etc/passwd"],
        ["diff", "../../etc/passwd", "2010", "2020"],
        ["audit", "../../etc/passwd"],
        ["export", "../../etc/passwd"],
    ],
)
def test_a_path_as_state_is_an_unknown_state(run, tmp_path: Path, args: list[str]) -> None:
    result = run(*args, *FIX, cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", PASSWD + "\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["grade", "VT"], ["check"], ["export"], ["map"], ["facts"]])
def test_a_directory_as_rubric(run, tmp_path: Path, command: list[str]) -> None:
    result = run(*command, "--rubric", str(tmp_path), *FIX)
    assert result.exit_code == 2
    assert result.stderr == f"safeharbor: error: rubric path is a directory, not a YAML file: {tmp_path}\n"


@pytest.mark.parametrize("command", [["grade", "VT"], ["check"], ["export"]])
def test_a_file_as_states_directory(run, tmp_path: Path, command: list[str]) -> None:
    afile = tmp_path / "states.yaml"
    afile.write_text("code: VT\n")
    result = run(*command, "--states", str(afile))
    assert result.exit_code == 2
    assert result.stderr == f"safeharbor: error: states path is not a directory: {afile}\n"


@pytest.mark.parametrize("command", [["export"], ["map"]])
def test_a_directory_as_output(run, tmp_path: Path, command: list[str]) -> None:
    result = run(*command, "-o", str(tmp_path), *FIX)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"safeharbor: error: -o {tmp_path}: is a directory; give a file name\n"
    assert list(tmp_path.iterdir()) == []


def test_output_outside_a_missing_tree_is_not_created(run, tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.csv"
    result = run("export", "-o", str(target), *FIX)
    assert result.exit_code == 2
    assert not (tmp_path / "a").exists()  # no directories are made on the user's behalf

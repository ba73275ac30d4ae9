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


def test_symlink_loop_and_dangling_link_as_output(run, tmp_path: Path) -> None:
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    result = run("export", "-o", str(tmp_path / "a.csv"), *FIX)
    assert (result.exit_code, result.stderr) == (
        2,
        f"safeharbor: error: -o {tmp_path / 'a.csv'}: a symbolic link that points back to itself\n",
    )
    (tmp_path / "d.csv").symlink_to(tmp_path / "nowhere" / "x.csv")
    result = run("export", "-o", str(tmp_path / "d.csv"), *FIX)
    assert result.stderr == (
        f"safeharbor: error: -o {tmp_path / 'd.csv'}: directory {tmp_path / 'nowhere'} does not exist"
        f" (the link {tmp_path / 'd.csv'} points there)\n"
    )


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "SAFEHARBOR_STATES": str(FIXTURE_STATES), "SAFEHARBOR_CACHE_DIR": str(tmp_path)}
    code = "import sys; sys.argv = ['safeharbor', *sys.argv[1:]]; from safeharbor_cli.entry import main; main()"
    for args in (["export", "--what", "facts"], ["facts"], ["grade", "--all", "-f", "csv"]):
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.close()  # like `| head -1`
        assert proc.wait(timeout=60) == 0, args
        assert proc.stderr is not None and proc.stderr.read() == b""

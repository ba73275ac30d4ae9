"""impact between two data folders and against a git revision; check's GitHub annotations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES, ROOT


def make_tree(folder: Path) -> Path:
    shutil.copytree(FIXTURE_STATES, folder / "states")
    shutil.copytree(ROOT / "rubric", folder / "rubric")
    return folder


def bump_dependency(folder: Path) -> None:
    """A rubric edit: dependency-only routing earns 7 instead of 6 (still monotone), version 1.1."""
    path = folder / "rubric" / "safe-harbor.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('version: "1.0"', 'version: "1.1"').replace(
        "      - points: 6\n        reason: Only a dependency", "      - points: 7\n        reason: Only a dependency"
    )
    path.write_text(text, encoding="utf-8")
    cases = folder / "rubric" / "tests" / "non-criminalization.yaml"
    cases.write_text(
        cases.read_text(encoding="utf-8").replace("expect: {NC3: 6}", "expect: {NC3: 7}"), encoding="utf-8"
    )


def folder_args(base: Path, head: Path) -> list[str]:
    """impact of the data in folder ``head`` against the data in folder ``base``."""
    return [
        "impact",
        "--base",
        str(base),
        "--states",
        str(head / "states"),
        "--rubric",
        str(head / "rubric" / "safe-harbor.yaml"),
    ]


def test_impact_between_two_folders(run, tmp_path) -> None:
    base = make_tree(tmp_path / "base")
    head = make_tree(tmp_path / "head")
    bump_dependency(head)
    args = folder_args(base, head)
    data = json.loads(run(*args, "--years", "2014,2020", "-f", "json").stdout)
    assert data["summary"] == "rubric 1.0 → 1.1: 0 jurisdictions change grade, 1 change points"
    assert [(c["code"], c["as_of"], c["old"], c["new"], c["criteria"]) for c in data["changes"][:1]] == [
        (
            "VT",
            "2020-12-31",
            {"total": 90, "grade": "A*"},
            {"total": 91, "grade": "A*"},
            [{"id": "NC3", "old": 6, "new": 7}],
        )
    ]
    assert [c["as_of"] for c in data["changes"]][:1] == ["2020-12-31"]  # 2014: VT had no routing change yet
    result = run(*args, "--fail-on-change")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "rubric 1.0 → 1.1: 0 jurisdictions change grade, 1 change points"


def test_an_edit_that_moves_nothing_says_so(run, tmp_path) -> None:
    base = make_tree(tmp_path / "base")
    head = make_tree(tmp_path / "head")
    result = run(*folder_args(base, head), "--fail-on-change")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "rubric 1.0 → 1.0: no jurisdiction changes grade or points (2010-12-31, 2015-12-31, 2020-12-31, "
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    folder = make_tree(tmp_path / "repo")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "base"]):
        subprocess.run(
            ["git", *args], cwd=folder, check=True, env={**env, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
        )
    return folder


def test_impact_against_a_git_revision_markdown_golden(run, repo, golden) -> None:
    bump_dependency(repo)
    result = run("impact", "--base", "HEAD", "--years", "2016,2020", "-f", "markdown", cwd=repo)
    assert result.exit_code == 0, result.stderr
    golden("impact-git.md", result.stdout.replace(__import__("datetime").date.today().isoformat(), "TODAY"))


def test_bad_revisions(run, repo) -> None:
    result = run("impact", "--base", "no-such-rev", cwd=repo)
    assert (result.exit_code, result.stderr) == (
        2,
        "safeharbor: error: --base no-such-rev: no such directory or git revision\n",
    )
    path = repo / "rubric" / "safe-harbor.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("op: gte, value: 25}", "op: greater, value: 25}"), encoding="utf-8")
    subprocess.run(
        ["git", "commit", "-qam", "broken", "--no-verify"],
        cwd=repo,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@e.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@e.org",
            "PATH": "/usr/bin:/bin",
        },
    )
    path.write_text(good, encoding="utf-8")
    result = run("impact", "--base", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("HEAD:rubric/safe-harbor.yaml:") and "unknown operator 'greater'" in result.stderr


def test_check_github_annotations_auto(run, tmp_path, monkeypatch) -> None:
    (tmp_path / "VT.yaml").write_text("code: VT\ncode: VT\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("check", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"::error file={tmp_path / 'VT.yaml'},line=2,col=1::duplicate key 'code' (first defined on line 1)\n"
    )
    assert run("check", "--states", str(tmp_path), "-f", "text").stdout.startswith(f"{tmp_path / 'VT.yaml'}:2:1: ")


def test_github_actions_false_keeps_text(run, tmp_path, monkeypatch) -> None:
    (tmp_path / "VT.yaml").write_text("code: VT\ncode: VT\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run("check", "--states", str(tmp_path)).stdout.startswith(f"{tmp_path / 'VT.yaml'}:2:1: ")

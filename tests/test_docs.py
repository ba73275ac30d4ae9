"""README promises: the two opening commands, CI running the same test command, documented flags."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_install_and_run_then_test_command() -> None:
    run, test = readme_commands()
    assert run.endswith("pip install . && safeharbor grade TX")
    assert test.endswith("pip install '.[test]' && python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    _, test = readme_commands()
    assert test in ci.splitlines()


def test_every_command_and_option_is_documented() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for word in (
        "--format table|json|markdown|csv",
        "--year",
        "--as-of",
        "--all",
        "--states",
        "--rubric",
        "SAFEHARBOR_STATES",
        "NO_COLOR",
        "safeharbor audit",
        "safeharbor diff",
        "safeharbor history",
        "safeharbor impact",
        "--format github",
    ):
        assert word in text

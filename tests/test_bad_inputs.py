"""The bad-input corpus (tests/bad_inputs/): every broken file gives one clear message at its line.

Each case in ``expected.json`` names a broken file, where it is placed in an otherwise valid data
tree (real facts.yaml, rubric and rubric cases, and the fixture WY.yaml), the exact first
``path:line:col: message`` that ``safeharbor check`` must print, and how many lines it prints
in all (1 but for a non-monotone rubric, which also breaks example cases). ``schema_rejects`` records
whether the shipped JSON Schema (for editors) also rejects the file: it must keep doing so.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES, ROOT

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
SCHEMAS = {"states": "state.schema.json", "facts": "facts.schema.json", "rubric": "rubric.schema.json"}
SCHEMAS["cases"] = "rubric-tests.schema.json"


def make_tree(tmp: Path) -> None:
    (tmp / "rubric" / "tests").mkdir(parents=True)
    (tmp / "states").mkdir()
    for name in ("facts.yaml", "safe-harbor.yaml"):
        shutil.copy(ROOT / "rubric" / name, tmp / "rubric" / name)
    for case_file in (ROOT / "rubric" / "tests").glob("*.yaml"):
        shutil.copy(case_file, tmp / "rubric" / "tests" / case_file.name)
    shutil.copy(FIXTURE_STATES / "WY.yaml", tmp / "states" / "WY.yaml")


def check_tree(run, tmp: Path):
    result = run("check", "--states", "states", "--rubric", "rubric/safe-harbor.yaml", cwd=tmp)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    return result


def test_corpus_is_large_and_every_file_is_listed() -> None:
    listed = {c["file"] for c in CASES}
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.yaml")}
    assert listed == on_disk
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_check_reports_the_exact_line(run, tmp_path: Path, monkeypatch, case) -> None:
    monkeypatch.setenv("SAFEHARBOR_NO_CACHE", "1")
    make_tree(tmp_path)
    shutil.copy(CORPUS / case["file"], tmp_path / case["as"])
    result = check_tree(run, tmp_path)
    assert result.exit_code == 1
    expected = f"{case['as']}:{case['line']}:{case['col']}: {case['message']}"
    assert result.stdout.splitlines()[0] == expected, result.stdout
    # one mistake, one message (a non-monotone rubric also fails the example cases it breaks)
    assert len(result.stdout.splitlines()) == case["lines"], result.stdout
    assert result.stderr.startswith("checked ")


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["schema_rejects"]], ids=[c["file"] for c in CASES if c["schema_rejects"]]
)
def test_json_schema_also_rejects_structural_mistakes(case) -> None:
    from safeharbor_cli.check import schema_problems
    from safeharbor_cli.yamlio import parse_bytes

    data = parse_bytes((CORPUS / case["file"]).read_bytes(), case["file"])
    assert schema_problems(data, SCHEMAS[case["file"].split("/")[0]], case["file"])


def test_file_over_one_mebibyte(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SAFEHARBOR_NO_CACHE", "1")
    make_tree(tmp_path)
    text = (FIXTURE_STATES / "WY.yaml").read_text(encoding="utf-8")
    padding = "# padding\n" * (1024 * 1024 // 10 + 1)
    big = text.replace("WY", "VT").replace("Wyoming", "Vermont") + padding
    (tmp_path / "states" / "VT.yaml").write_text(big, encoding="utf-8")
    size = len(big.encode("utf-8"))
    assert size > 1024 * 1024
    result = check_tree(run, tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"states/VT.yaml:1:1: file is {size} bytes; data files are limited to 1 MiB"


def test_real_data_passes_the_json_schemas_too(run) -> None:
    result = run("check", "--schema", cwd=ROOT)
    assert result.exit_code == 0, result.stdout


def test_a_clean_check_is_remembered_and_an_edit_is_not(run, tmp_path: Path) -> None:
    make_tree(tmp_path)
    shutil.copy(FIXTURE_STATES / "VT.yaml", tmp_path / "states" / "VT.yaml")
    assert check_tree(run, tmp_path).exit_code == 0
    assert check_tree(run, tmp_path).exit_code == 0  # second run: both files remembered as clean
    broken = (tmp_path / "states" / "VT.yaml").read_text().replace("value: immunity", "value: immunty", 1)
    (tmp_path / "states" / "VT.yaml").write_text(broken)
    result = check_tree(run, tmp_path)
    assert result.exit_code == 1
    assert "is not a value of prostitution_response (did you mean 'immunity'?)" in result.stdout

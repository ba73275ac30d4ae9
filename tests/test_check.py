"""`check` on broken files (exact messages and lines) and on the real data (must pass)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES, REAL_RUBRIC, REAL_STATES, ROOT
from safeharbor_cli.check import run_check


def test_real_repository_data_passes_check() -> None:
    """The data-integrity test: pytest alone guards every state file, the vocabulary and the rubric."""
    report = run_check(REAL_STATES, REAL_RUBRIC)
    assert [str(p) for p in report.problems] == []
    assert report.states == len(list(REAL_STATES.glob("*.yaml")))
    assert report.cases >= 40


@pytest.fixture
def states_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "states"
    folder.mkdir()
    shutil.copy(FIXTURE_STATES / "VT.yaml", folder / "VT.yaml")
    return folder


def problems(states: Path, rubric: Path = REAL_RUBRIC) -> list[str]:
    return [str(p) for p in run_check(states, rubric).problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def test_fixture_states_pass(states_dir: Path) -> None:
    assert problems(states_dir) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "value: immunity",
            "value: immunty",
            "{f}:16:14: string 'immunty' is not a value of prostitution_response (did you mean 'immunity'?); allowed: none, affirmative_defense, diversion, immunity, unknown",
        ),
        ('since: "2015-07-01"', 'since: "2015-02-30"', "{f}:13:14: 'since' is not a real date: 2015-02-30"),
        (
            'since: "2015-07-01"',
            'since: "1999-07-01"',
            "{f}:13:14: entry of prostitution_response is out of order: it comes after 2000-01-01 (line 8); list entries oldest first, one per date",
        ),
        (
            'since: "2015-07-01"',
            'since: "2000-01-01"',
            "{f}:13:14: entry of prostitution_response repeats the date 2000-01-01 (line 8); list entries oldest first, one per date",
        ),
        (
            'since: "2000-01-01"',
            'since: "2009-01-01"',
            "{f}:8:14: the timeline of prostitution_response starts 2009-01-01; it must start on or before 2008-01-01 (record the law as it stood then)",
        ),
        (
            "https://example.org/fixture/1",
            "http://example.org/fixture/1",
            "{f}:11:70: citation href must be an https:// URL, got 'http://example.org/fixture/1'",
        ),
        (
            "confidence: high",
            "confidence: hgih",
            "{f}:12:19: confidence must be high, medium or low, got string 'hgih' (did you mean 'high'?)",
        ),
        ("code: VT", "code: WY", "{f}:3:7: code 'WY' does not match the file name VT.yaml"),
        ("name: Vermont", "name: Vermont State", "{f}:4:7: name 'Vermont State' does not match VT (Vermont)"),
        (
            "  mandatory_referral:",
            "  mandatory_referal:",
            "{f}:142:3: unknown fact 'mandatory_referal' (did you mean 'mandatory_referral'?)",
        ),
        (
            "  mandatory_referral:",
            "  zzz_not_a_fact:",  # nothing like it: both the stray key and the missing fact are named
            "{f}:6:1: fact 'mandatory_referral' has no timeline; add one (value unknown is allowed)",
        ),
        (
            "value: true",
            "value: yes please",
            "{f}:48:14: arrest_and_detention_barred takes true, false or unknown, got string 'yes please'",
        ),
        ("value: 18\n", "value: 19\n", "{f}:29:14: prostitution_protected_under must be between 0 and 18, got 19"),
        (
            "      confidence: high\n",
            "      confidence: high\n      confidence: low\n",
            "{f}:13:7: duplicate key 'confidence' (first defined on line 12)",
        ),
    ],
)
def test_state_file_problems(states_dir: Path, old: str, new: str, expected: str) -> None:
    path = states_dir / "VT.yaml"
    edit(path, old, new)
    found = problems(states_dir)
    assert expected.format(f=rel(path)) in found, found


def test_unknown_fact_gets_did_you_mean(states_dir: Path) -> None:
    path = states_dir / "VT.yaml"
    edit(path, "  mandatory_referral:", "  mandatory_referal:")
    assert f"{rel(path)}:142:3: unknown fact 'mandatory_referal' (did you mean 'mandatory_referral'?)" in problems(
        states_dir
    )


def test_entry_without_citations_and_unknown_without_note(states_dir: Path) -> None:
    path = states_dir / "VT.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('      note: "Fixture: searched nothing; unknown on purpose."\n', ""), encoding="utf-8"
    )
    edit(
        path,
        '        - {title: "Fixture Stat. § 1 (prostitution_response)", href: "https://example.org/fixture/1"}\n',
        "",
    )
    edit(path, "      citations:\n      confidence: high", "      citations: []\n      confidence: high")
    found = problems(states_dir)
    assert (
        f"{rel(path)}:10:18: an entry of prostitution_response needs at least one citation with a title and an https href"
        in found
    )
    assert any(
        "an unknown entry of screening_juvenile_justice needs a 'note' saying what was searched" in p for p in found
    )


def test_bad_file_names(states_dir: Path) -> None:
    shutil.copy(states_dir / "VT.yaml", states_dir / "vt.yaml")
    shutil.copy(states_dir / "VT.yaml", states_dir / "XX.yaml")
    found = problems(states_dir)
    assert (
        f"{rel(states_dir / 'vt.yaml')}:1:1: 'vt.yaml' is not named after a jurisdiction's USPS code (file names use the upper-case code, e.g. TX.yaml)"
        in found
    )
    assert any(
        p.startswith(f"{rel(states_dir / 'XX.yaml')}:1:1: 'XX.yaml' is not named after a jurisdiction's USPS code")
        for p in found
    )


def test_malformed_yaml_is_one_line_with_position(states_dir: Path) -> None:
    path = states_dir / "VT.yaml"
    edit(path, "facts:\n", "facts: [\n")
    (line,) = problems(states_dir)
    assert line.startswith(f"{rel(path)}:") and "YAML syntax error" in line


@pytest.fixture
def rubric_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rubric"
    shutil.copytree(ROOT / "rubric", folder)
    return folder / "safe-harbor.yaml"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{fact: juvenile_court_routing, op: eq, value: dependency}",
            "{fact: juvenile_court_routing, op: eq, value: delinquency}",
            "criterion NC3 is not monotone: making juvenile_court_routing more protective (delinquency -> status_offense) lowers its points from 6 to 2",
        ),
        (
            "  - {letter: C, min: 70}",
            "  - {letter: C, min: 85}",
            "grade bands must be listed from the highest 'min' down: C (min 85) comes after B (min 80)",
        ),
        (
            "    value: immunity\n  full_prostitution_immunity:",
            "    value: immunity\n    ref: full_prostitution_immunity\n  full_prostitution_immunity:",
            "a condition has exactly one of all, any, not, ref, or is a leaf {fact, op, value}",
        ),
        (
            "      - points: 18\n",
            "      - points: 19\n",
            "level points 19 of criterion NC1 must be above 0 and at most its max 18",
        ),
        (
            "op: gte, value: 25}",
            "op: greater, value: 25}",
            "unknown operator 'greater' (did you mean 'gte'?); use one of eq, ne, lt, lte, gt, gte, in, not_in, at_least",
        ),
        (
            "  - {id: NC, title: Non-criminalization, max: 45}",
            "  - {id: NC, title: Non-criminalization, max: 50}",
            "area NC has max 50 but its criteria add up to 45",
        ),
    ],
)
def test_rubric_problems(states_dir: Path, rubric_copy: Path, old: str, new: str, expected: str) -> None:
    edit(rubric_copy, old, new)
    found = problems(states_dir, rubric_copy)
    assert any(p.startswith(rel(rubric_copy) + ":") and p.endswith(expected) or expected in p for p in found), found


def test_self_referencing_named_condition(states_dir: Path, rubric_copy: Path) -> None:
    edit(rubric_copy, "      - ref: prostitution_immunity\n", "      - ref: full_prostitution_immunity\n")
    found = problems(states_dir, rubric_copy)
    assert (
        f"{rel(rubric_copy)}:23:3: named condition 'full_prostitution_immunity' refers to itself: full_prostitution_immunity -> full_prostitution_immunity"
        in found
    )


def test_failing_rubric_case_names_file_line_and_values(states_dir: Path, rubric_copy: Path) -> None:
    cases = rubric_copy.parent / "tests" / "non-criminalization.yaml"
    edit(cases, "expect: {NC1: 18}", "expect: {NC1: 17}")
    found = problems(states_dir, rubric_copy)
    assert (
        f"{rel(cases)}:6:14: case 'NC1 full immunity for every minor, no proof required': expected NC1 = 17, got 18"
        in found
    )


def test_uncovered_level_is_reported(states_dir: Path, rubric_copy: Path) -> None:
    cases = rubric_copy.parent / "tests" / "identification-and-services.yaml"
    edit(cases, "expect: {AS3: 3}", "expect: {AS4: 0}")
    found = problems(states_dir, rubric_copy)
    assert any(
        p.endswith("level 2 of criterion AS3 (3 points) has no example case in rubric/tests that expects it")
        for p in found
    ), found


def test_href_must_be_a_real_url(states_dir: Path) -> None:
    path = states_dir / "VT.yaml"
    edit(path, "https://example.org/fixture/1", "https:// not a url")
    assert (
        f"{rel(path)}:11:70: citation href must be a URL with a host and no spaces, got 'https:// not a url'"
        in problems(states_dir)
    )


def test_a_broken_case_file_does_not_flood_coverage_messages(states_dir: Path, rubric_copy: Path) -> None:
    cases = rubric_copy.parent / "tests" / "non-criminalization.yaml"
    edit(cases, "cases:\n", "cases:\ncases:\n")
    found = problems(states_dir, rubric_copy)
    assert found == [f"{rel(cases)}:4:1: duplicate key 'cases' (first defined on line 3)"]


def test_every_data_file_names_its_schema_for_editors() -> None:
    expected = {
        "states": "# yaml-language-server: $schema=../src/safeharbor_cli/schemas/state.schema.json",
        "rubric/facts.yaml": "# yaml-language-server: $schema=../src/safeharbor_cli/schemas/facts.schema.json",
        "rubric/safe-harbor.yaml": "# yaml-language-server: $schema=../src/safeharbor_cli/schemas/rubric.schema.json",
        "rubric/tests": "# yaml-language-server: $schema=../../src/safeharbor_cli/schemas/rubric-tests.schema.json",
    }
    files = {p: expected["states"] for p in REAL_STATES.glob("*.yaml")}
    files.update({p: expected["rubric/tests"] for p in (ROOT / "rubric" / "tests").glob("*.yaml")})
    files[ROOT / "rubric" / "facts.yaml"] = expected["rubric/facts.yaml"]
    files[ROOT / "rubric" / "safe-harbor.yaml"] = expected["rubric/safe-harbor.yaml"]
    for path, first in files.items():
        assert path.read_text(encoding="utf-8").splitlines()[0] == first, path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path

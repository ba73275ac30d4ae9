"""Rubric example cases (``rubric/tests/*.yaml``): given facts -> expected criterion points.

Facts a case does not give are ``unknown``. ``expect`` maps criterion ids to points and may also
give ``total`` and ``grade`` (the letter, with ``*`` when incomplete).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import GradeResult, grade_facts
from .fields import Collector, did_you_mean
from .nodes import YMap
from .problems import Problem
from .rubric import Rubric
from .vocab import Vocabulary


@dataclass
class Case:
    name: str
    facts: dict[str, Any]
    expect: dict[str, Any]
    path: str
    line: int
    expect_lines: dict[str, tuple[int, int]]


def read_cases(data: Any, display: str, vocab: Vocabulary, rubric: Rubric) -> tuple[list[Case], list[Problem]]:
    c = Collector(display)
    top = c.mapping(data, (1, 1), "a rubric test file")
    cases: list[Case] = []
    if top is None:
        return cases, c.problems
    c.only_keys(top, ("cases",), "a rubric test file")
    items = c.seq(top.get("cases"), top.value_at("cases"), "'cases'") if "cases" in top else None
    if "cases" not in top:
        c.add(top.pos, "a rubric test file is missing required key 'cases'")
    criteria = [x.id for x in rubric.criteria]
    names: dict[str, int] = {}
    for i, item in enumerate(items or []):
        m = c.mapping(item, items.at(i), "each case")  # type: ignore[union-attr]
        if m is None:
            continue
        before = len(c.problems)
        c.only_keys(m, ("name", "facts", "expect"), "a case")
        name = c.string(m, "name", "a case")
        facts = c.mapping(m.get("facts"), m.value_at("facts"), "'facts' of a case") if "facts" in m else YMap()
        expect = c.mapping(m.get("expect"), m.value_at("expect"), "'expect' of a case") if "expect" in m else None
        if "expect" not in m:
            c.add(m.pos, "a case is missing required key 'expect'")
        for fid in facts or {}:
            if fid not in vocab:
                c.add(facts.at(fid), f"unknown fact '{fid}'{did_you_mean(fid, vocab.ids)}")  # type: ignore[union-attr]
                continue
            problem = vocab[fid].check_value(facts[fid])  # type: ignore[index]
            if problem:
                c.add(facts.value_at(fid), problem)  # type: ignore[union-attr]
        for key in expect or {}:
            value = expect[key]  # type: ignore[index]
            if key == "grade":
                if not isinstance(value, str):
                    c.add(expect.value_at(key), "'grade' must be a letter such as B or B*")  # type: ignore[union-attr]
            elif key != "total" and key not in criteria:
                hint = did_you_mean(str(key).upper(), criteria)
                c.add(expect.at(key), f"unknown criterion '{key}'{hint}")  # type: ignore[union-attr]
            elif not isinstance(value, int) or isinstance(value, bool):
                c.add(expect.value_at(key), f"expected points for {key} must be a whole number")  # type: ignore[union-attr]
        if expect is not None and not expect:
            c.add(m.value_at("expect"), "'expect' of a case names nothing; give criterion points, total or grade")
        if name is not None and name in names:
            c.add(m.value_at("name"), f"case name '{name}' is used twice (first on line {names[name]})")
        elif name is not None:
            names[name] = m.value_at("name")[0]
        if len(c.problems) == before and name is not None and expect is not None:
            lines = {k: expect.at(k) for k in expect}
            cases.append(Case(name, dict(facts or {}), dict(expect), display, m.pos[0], lines))
    return cases, c.problems


def run_case(case: Case, rubric: Rubric, vocab: Vocabulary) -> tuple[GradeResult, list[Problem]]:
    """Grade a case's facts and compare with what it expects."""
    result = grade_facts(rubric, vocab, {f: (v, None) for f, v in case.facts.items()})
    got: dict[str, Any] = {r.criterion.id: r.points for r in result.criteria}
    got["total"] = result.total
    got["grade"] = result.grade_label
    problems = []
    for key, want in case.expect.items():
        if got[key] != want:
            line, col = case.expect_lines[key]
            problems.append(
                Problem(case.path, line, col, f"case '{case.name}': expected {key} = {want}, got {got[key]}")
            )
    return result, problems


def level_coverage_problems(
    rubric: Rubric, results: list[tuple[Case, GradeResult]], rubric_display: str
) -> list[Problem]:
    """A problem for every criterion level that no example case reaches."""
    hit: set[tuple[str, int]] = set()
    for case, result in results:
        for r in result.criteria:
            if r.criterion.id in case.expect and r.level is not None:
                hit.add((r.criterion.id, r.level))
    problems = []
    for crit in rubric.criteria:
        for i, level in enumerate(crit.levels):
            if (crit.id, i) not in hit:
                problems.append(
                    Problem(
                        rubric_display,
                        *level.pos,
                        f"level {i + 1} of criterion {crit.id} ({level.points} points) has no example case in rubric/tests that expects it",
                    )
                )
    return problems


def case_files(rubric_path: Path) -> list[Path]:
    folder = rubric_path.parent / "tests"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

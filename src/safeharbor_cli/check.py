"""``safeharbor check``: validate the vocabulary, every state file and the rubric, then run the
rubric's example cases. Every problem names ``path:line:col``.

Order per file: parse (syntax, duplicate keys, anchors), then the semantic reader (types, enum
values, dates, order, coverage, citations). The shipped JSON Schemas (for editors) agree with the
reader — the test suite holds them to it — so validating against them is optional
(``check --schema``): it is slow and finds nothing more. A state file found clean is remembered by a
hash of its bytes and the vocabulary (:mod:`safeharbor_cli.okcache`) and not parsed again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cases import case_files, level_coverage_problems, read_cases, run_case
from .dataset import display_path, facts_path_for, resolve_paths
from .fields import did_you_mean
from .monotone import check_monotone
from .nodes import YList, YMap, read_bytes
from .problems import DataError, Problem
from .rubric import Rubric, read_rubric
from .states import file_code_problem, odd_state_files, read_state, state_files
from .vocab import Vocabulary, read_vocabulary
from .yamlio import parse_bytes

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
_validators: dict[str, Any] = {}


def _validator(name: str) -> Any:
    if name not in _validators:
        from jsonschema import Draft202012Validator

        schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
        _validators[name] = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return _validators[name]


def _locate(data: Any, path: list[Any]) -> tuple[int, int]:
    pos = getattr(data, "pos", (1, 1))
    node = data
    for step in path:
        if isinstance(node, YMap) and step in node:
            pos, node = node.value_at(step), node[step]
        elif isinstance(node, YList) and isinstance(step, int) and step < len(node):
            pos, node = node.at(step), node[step]
        else:
            break
    return pos


def _json_path(path: list[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def schema_problems(data: Any, schema: str, display: str) -> list[Problem]:
    """Validate loaded YAML against a shipped JSON Schema, mapping each error to its line."""
    problems = []
    for err in _validator(schema).iter_errors(data):
        path = list(err.absolute_path)
        node = data
        for step in path:
            node = node[step]
        where = _json_path(path)
        prefix = f"{where}: " if where else ""
        if err.validator == "additionalProperties" and isinstance(node, YMap):
            allowed = list(err.schema.get("properties", {}))
            for key in node:
                if key not in allowed:
                    problems.append(
                        Problem(display, *node.at(key), f"{prefix}unknown key '{key}'{did_you_mean(key, allowed)}")
                    )
            continue
        problems.append(Problem(display, *_locate(data, path), f"{prefix}{err.message} (schema)"))
    return problems


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    states: int = 0
    cases: int = 0
    rubric_version: str | None = None
    schema: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": len(self.files),
            "states": self.states,
            "cases": self.cases,
            "rubric_version": self.rubric_version,
            "problems": [
                {"path": p.path, "line": p.line, "col": p.col, "message": p.message} for p in sorted(self.problems)
            ],
        }


def _read(path: Path, display: str, report: CheckReport) -> bytes | None:
    report.files.append(display)
    try:
        return read_bytes(path, display)
    except DataError as exc:
        report.problems.extend(exc.problems)
        return None


def _parse(raw: bytes | None, display: str, report: CheckReport) -> Any:
    if raw is None:
        return None
    try:
        return parse_bytes(raw, display)
    except DataError as exc:
        report.problems.extend(exc.problems)
        return None


def _load(path: Path, display: str, report: CheckReport) -> Any:
    return _parse(_read(path, display, report), display, report)


def _check_vocabulary(path: Path, report: CheckReport) -> tuple[Vocabulary | None, bytes]:
    display = display_path(path)
    raw = _read(path, display, report)
    data = _parse(raw, display, report)
    if data is None:
        return None, b""
    try:
        vocab = read_vocabulary(data, display)
    except DataError as exc:
        report.problems.extend(exc.problems)
        return None, b""
    if report.schema:
        report.problems.extend(schema_problems(data, "facts.schema.json", display))
    return vocab, raw or b""


def _check_rubric(path: Path, vocab: Vocabulary, report: CheckReport) -> Rubric | None:
    display = display_path(path)
    data = _load(path, display, report)
    if data is None:
        return None
    try:
        rubric = read_rubric(data, display, vocab)
    except DataError as exc:
        report.problems.extend(exc.problems)
        return None
    if report.schema:
        report.problems.extend(schema_problems(data, "rubric.schema.json", display))
    report.rubric_version = rubric.version
    for violation in check_monotone(rubric, vocab):
        report.problems.append(Problem(display, violation.criterion.line, 5, violation.message()))
    return rubric


def _check_states(states_dir: Path, vocab: Vocabulary, vocab_raw: bytes, report: CheckReport) -> None:
    from . import okcache

    remembered = [] if report.schema else okcache.load()
    clean = set(remembered)
    found: list[str] = []
    paths = state_files(states_dir)
    report.problems.extend(odd_state_files(states_dir, display_path))
    if not paths:
        report.problems.append(Problem(display_path(states_dir), 0, 0, "no state files (*.yaml) in this directory"))
    for path in paths:
        display = display_path(path)
        bad_name = file_code_problem(path, display)
        if bad_name:
            report.files.append(display)
            report.problems.append(bad_name)
            continue
        raw = _read(path, display, report)
        if raw is None:
            continue
        key = okcache.file_key(vocab_raw, path.name, raw)
        if key in clean:
            report.states += 1
            found.append(key)
            continue
        data = _parse(raw, display, report)
        if data is None:
            continue
        state, problems = read_state(data, display, path.stem, vocab)
        if not problems and report.schema:
            problems = schema_problems(data, "state.schema.json", display)
        report.problems.extend(problems)
        if state is not None and not problems:
            report.states += 1
            found.append(key)
    if not report.schema:
        okcache.save(remembered, found)


def _check_cases(rubric_path: Path, rubric: Rubric, vocab: Vocabulary, report: CheckReport) -> None:
    results = []
    broken = False
    before = len(report.problems)
    for path in case_files(rubric_path):
        display = display_path(path)
        data = _load(path, display, report)
        if data is None:
            broken = True
            continue
        cases, problems = read_cases(data, display, vocab, rubric)
        if not problems and report.schema:
            problems = schema_problems(data, "rubric-tests.schema.json", display)
        broken = broken or bool(problems)
        report.problems.extend(problems)
        for case in cases:
            result, failures = run_case(case, rubric, vocab)
            report.problems.extend(failures)
            results.append((case, result))
        report.cases += len(cases)
    failed = any(p.path != display_path(rubric_path) for p in report.problems[before:])
    if not results and not broken:
        folder = display_path(rubric_path.parent / "tests")
        report.problems.append(
            Problem(display_path(rubric_path), 1, 1, f"no example cases in {folder}/*.yaml; every level needs one")
        )
    elif not broken and not failed:  # a broken or failing case would make levels look uncovered
        report.problems.extend(level_coverage_problems(rubric, results, display_path(rubric_path)))


def run_check(
    states: str | Path | None = None, rubric: str | Path | None = None, *, schema: bool = False
) -> CheckReport:
    """Validate everything; the report lists every problem found (empty when all is well).

    ``schema=True`` also validates every file against the shipped JSON Schemas (slower).
    """
    states_dir, rubric_path = resolve_paths(states, rubric)
    report = CheckReport(schema=schema)
    vocab, vocab_raw = _check_vocabulary(facts_path_for(rubric_path), report)
    if vocab is None:
        return report
    rub = _check_rubric(rubric_path, vocab, report)
    _check_states(states_dir, vocab, vocab_raw, report)
    if rub is not None:
        _check_cases(rubric_path, rub, vocab, report)
    report.problems.sort()
    return report

"""``safeharbor impact``: which grades a rubric or data edit moves, against a git revision or a
directory, for every jurisdiction and the years of interest."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .dataset import RUBRIC_NAME, Dataset, build_dataset, load_dataset
from .engine import GradeResult
from .problems import DataError, Problem, UsageError
from .report import _md
from .states import file_code_problem

DEFAULT_YEARS = (2010, 2015, 2020)


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, args, result.stdout, result.stderr)
    return result.stdout


def repo_paths(states: Path | None, rubric: Path | None) -> tuple[Path | None, Path | None]:
    """Without --states/--rubric (or their variables), the data of the git checkout around the
    working directory: impact compares that working tree, wherever in it you stand."""
    import os

    if states or rubric or os.environ.get("SAFEHARBOR_STATES") or os.environ.get("SAFEHARBOR_RUBRIC"):
        return states, rubric
    try:
        root = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
    except (OSError, subprocess.CalledProcessError):
        return None, None
    if (root / "states").is_dir() and (root / "rubric" / RUBRIC_NAME).is_file():
        return root / "states", root / "rubric" / RUBRIC_NAME
    return None, None


def load_base(base: str, states_dir: Path, rubric_path: Path) -> Dataset:
    """The data at ``base``: a directory holding ``states/`` and ``rubric/``, or a git revision
    (read with ``git show``, nothing is checked out)."""
    folder = Path(base)
    if folder.is_dir():
        if not (folder / "rubric" / RUBRIC_NAME).is_file() or not (folder / "states").is_dir():
            raise UsageError(f"--base {base}: a directory needs states/ and rubric/{RUBRIC_NAME}")
        return load_dataset(folder / "states", folder / "rubric" / RUBRIC_NAME)
    try:
        root = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
    except (OSError, subprocess.CalledProcessError):
        raise UsageError(
            f"--base {base}: not a directory, and the working directory is not in a git repository"
        ) from None
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except subprocess.CalledProcessError:
        raise UsageError(f"--base {base}: no such directory or git revision") from None

    def rel(path: Path) -> str:
        try:
            return PurePosixPath(path.resolve().relative_to(root)).as_posix()
        except ValueError:
            raise UsageError(f"{path} is outside the git repository {root}") from None

    states_rel, rubric_rel = rel(states_dir), rel(rubric_path)
    facts_rel = (PurePosixPath(rubric_rel).parent / "facts.yaml").as_posix()

    def show(path: Path | str) -> str:
        return f"{base}:{path}"

    def blob(path: str) -> bytes:
        try:
            return _git(root, "show", f"{base}:{path}")
        except subprocess.CalledProcessError:
            raise DataError([Problem(show(path), 0, 0, "file not found at this revision")]) from None

    names = _git(root, "ls-tree", "--name-only", f"{base}:{states_rel}").decode().split()
    problems: list[Problem] = []
    raws: list[tuple[Path, bytes]] = []
    for name in sorted(n for n in names if n.endswith(".yaml")):
        path = Path(states_rel) / name
        bad = file_code_problem(path, show(path.as_posix()))
        if bad:
            problems.append(bad)
        else:
            raws.append((path, blob(path.as_posix())))
    if problems:
        raise DataError(problems)
    return build_dataset(
        blob(facts_rel),
        blob(rubric_rel),
        raws,
        lambda p: show(Path(p).as_posix()),
        Path(states_rel),
        Path(rubric_rel),
        Path(facts_rel),
    )


@dataclass
class ImpactRow:
    code: str
    day: dt.date
    old: GradeResult
    new: GradeResult
    criteria: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def grade_changed(self) -> bool:
        return self.old.grade_label != self.new.grade_label


@dataclass
class ImpactReport:
    old_version: str
    new_version: str
    days: list[dt.date]
    rows: list[ImpactRow]
    added: list[str]
    removed: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.rows or self.added or self.removed)

    def summary(self) -> str:
        grade = len({r.code for r in self.rows if r.grade_changed})
        points = len({r.code for r in self.rows if r.old.total != r.new.total})
        head = f"rubric {self.old_version} → {self.new_version}: "
        extra = "".join(
            f"; {label}: {', '.join(codes)}"
            for label, codes in (("added", self.added), ("removed", self.removed))
            if codes
        )
        if not self.rows:
            when = ", ".join(d.isoformat() for d in self.days)
            which = "no jurisdiction present in both" if extra else "no jurisdiction"
            return head + f"{which} changes grade or points ({when}){extra}"
        return head + f"{grade} jurisdictions change grade, {points} change points{extra}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "rubric": {"from": self.old_version, "to": self.new_version},
            "dates": [d.isoformat() for d in self.days],
            "summary": self.summary(),
            "changes": [
                {
                    "code": r.code,
                    "as_of": r.day.isoformat(),
                    "old": {"total": r.old.total, "grade": r.old.grade_label},
                    "new": {"total": r.new.total, "grade": r.new.grade_label},
                    "criteria": [{"id": c, "old": a, "new": b} for c, a, b in r.criteria],
                }
                for r in self.rows
            ],
            "added": self.added,
            "removed": self.removed,
        }


def impact(base: Dataset, head: Dataset, days: list[dt.date]) -> ImpactReport:
    """Every (jurisdiction, date) whose points or grade differ between ``base`` and ``head``."""
    common = sorted(set(base.states) & set(head.states))
    rows = []
    for day in days:
        old = {r.code: r for r in base.grade_all(day)}
        new = {r.code: r for r in head.grade_all(day)}
        for code in common:
            a, b = old[code], new[code]
            moved = _moved_criteria(a, b)
            if a.total != b.total or a.grade_label != b.grade_label or moved:
                rows.append(ImpactRow(code, day, a, b, moved))
    return ImpactReport(
        base.rubric.version,
        head.rubric.version,
        days,
        rows,
        sorted(set(head.states) - set(base.states)),
        sorted(set(base.states) - set(head.states)),
    )


def _moved_criteria(a: GradeResult, b: GradeResult) -> list[tuple[str, int, int]]:
    """(criterion, old points, new points) wherever they differ; a criterion missing from one
    rubric counts as 0 there."""
    left = {r.criterion.id: r.points for r in a.criteria}
    right = {r.criterion.id: r.points for r in b.criteria}
    ids = dict.fromkeys([*left, *right])
    return [(i, left.get(i, 0), right.get(i, 0)) for i in ids if left.get(i, 0) != right.get(i, 0)]


def markdown(report: ImpactReport) -> str:
    out = [f"### Rubric impact: {report.summary()}", ""]
    if report.rows:
        out += ["| Jurisdiction | As of | Old | New | Criteria moved |", "|---|---|---|---|---|"]
        for r in report.rows:
            moved = ", ".join(f"{c} {a}→{b}" for c, a, b in r.criteria) or "(grade bands only)"
            out.append(
                f"| {r.code} | {r.day.isoformat()} | {r.old.grade_label} {r.old.total} | {r.new.grade_label} {r.new.total} | {_md(moved)} |"
            )
    return "\n".join(out) + "\n"


def text(report: ImpactReport) -> str:
    lines = [report.summary()]
    for r in report.rows:
        moved = ", ".join(f"{c} {a}->{b}" for c, a, b in r.criteria)
        lines.append(
            f"{r.code} {r.day.isoformat()}: {r.old.grade_label} {r.old.total} -> {r.new.grade_label} {r.new.total}  [{moved}]"
        )
    return "\n".join(lines) + "\n"

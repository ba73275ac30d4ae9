"""Find and load the data (vocabulary, rubric, state files): the library's entry point.

>>> from safeharbor_cli.dataset import load_dataset
>>> data = load_dataset()
>>> result = data.grade("TX", datetime.date(2020, 12, 31))   # doctest: +SKIP
>>> result.total, result.grade_label                          # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from .engine import GradeResult, assign_ranks, grade_state
from .jurisdictions import NAMES, resolve
from .nodes import read_bytes
from .problems import DataError, Problem, SafeharborError, UsageError
from .record import Record
from .rubric import Rubric, load_rubric, read_rubric
from .states import COVERAGE_START, StateData, file_code_problem, odd_state_files, parse_states, state_files
from .vocab import Vocabulary, load_vocabulary, read_vocabulary

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

RUBRIC_NAME = "safe-harbor.yaml"
FACTS_NAME = "facts.yaml"
_PACKAGE = Path(__file__).resolve().parent


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _bundled_root() -> Path:
    """Where the shipped ``states/`` and ``rubric/`` are: inside the wheel, else the source tree."""
    packaged = _PACKAGE / "data"
    if (packaged / "rubric" / RUBRIC_NAME).is_file():
        return packaged
    return _PACKAGE.parent.parent


def default_states_dir() -> Path:
    if Path("states").is_dir() and (Path("rubric") / RUBRIC_NAME).is_file():
        return Path("states")
    return _bundled_root() / "states"


def default_rubric_path() -> Path:
    local = Path("rubric") / RUBRIC_NAME
    if local.is_file() and Path("states").is_dir():
        return local
    return _bundled_root() / "rubric" / RUBRIC_NAME


def resolve_paths(states: str | Path | None = None, rubric: str | Path | None = None) -> tuple[Path, Path]:
    """The states directory and rubric file to use.

    In order: the arguments, ``SAFEHARBOR_STATES`` / ``SAFEHARBOR_RUBRIC``, a ``states/`` and
    ``rubric/safe-harbor.yaml`` in the working directory (a checkout of the data), the data
    shipped with the package.
    """
    states_dir = Path(states or os.environ.get("SAFEHARBOR_STATES") or default_states_dir())
    rubric_path = Path(rubric or os.environ.get("SAFEHARBOR_RUBRIC") or default_rubric_path())
    if not states_dir.exists():
        raise UsageError(f"states directory not found: {states_dir}")
    if not states_dir.is_dir():
        raise UsageError(f"states path is not a directory: {states_dir}")
    if not rubric_path.exists():
        raise UsageError(f"rubric file not found: {rubric_path}")
    if rubric_path.is_dir():
        raise UsageError(f"rubric path is a directory, not a YAML file: {rubric_path}")
    return states_dir, rubric_path


def facts_path_for(rubric_path: Path) -> Path:
    """The vocabulary beside the rubric, else the shipped one."""
    beside = rubric_path.parent / FACTS_NAME
    return beside if beside.is_file() else _bundled_root() / "rubric" / FACTS_NAME


class NoData(SafeharborError):
    """A real jurisdiction that has no state file yet."""

    exit_code = 1


def latest_date() -> dt.date:
    """The last date that can be graded: 31 December of the current year (law enacted so far)."""
    return dt.date(dt.date.today().year, 12, 31)


def year_day(year: int, today: dt.date | None = None) -> dt.date:
    """The date a year stands for in year-by-year views: 31 December, or today for the current year."""
    today = today or dt.date.today()
    return today if year == today.year else dt.date(year, 12, 31)


def check_as_of(day: object) -> dt.date:
    """``day`` if it is a date the data can answer for (2008-01-01 to the end of this year)."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise UsageError(f"the date must be a datetime.date, got {type(day).__name__}")
    if not COVERAGE_START <= day <= latest_date():
        first, last = COVERAGE_START.isoformat(), latest_date().isoformat()
        raise UsageError(f"{day.isoformat()} is out of range: the data covers {first} to {last}")
    return day


def as_of_from(year: int | None, as_of: str | None) -> dt.date:
    """The date a command grades: ``--year Y`` = 31 December of Y, ``--as-of`` a date, else today."""
    from .fields import parse_date

    if year is not None and as_of is not None:
        raise UsageError("give --year or --as-of, not both")
    if year is not None:
        if not 2008 <= year <= latest_date().year:
            raise UsageError(f"--year {year} is out of range: the data covers 2008 to {latest_date().year}")
        return dt.date(year, 12, 31)
    if as_of is None:
        return dt.date.today()
    day = parse_date(as_of)
    if day is None:
        raise UsageError(f"--as-of {as_of!r} is not a real date written YYYY-MM-DD")
    try:
        return check_as_of(day)
    except UsageError as exc:
        raise UsageError(f"--as-of {exc}") from None


class Dataset(Record):
    """The vocabulary, the rubric and every state file, loaded and validated."""

    __slots__ = ("vocab", "rubric", "states", "states_dir", "rubric_path")
    _fields = __slots__

    def __init__(
        self, vocab: Vocabulary, rubric: Rubric, states: dict[str, StateData], states_dir: Path, rubric_path: Path
    ) -> None:
        self.vocab, self.rubric, self.states, self.states_dir, self.rubric_path = (
            vocab, rubric, states, states_dir, rubric_path,
        )  # fmt: skip

    def state(self, code_or_name: str) -> StateData:
        """A jurisdiction's data by USPS code or name, any case (``"tx"``, ``"Texas"``).

        Raises :class:`UsageError` for an unknown jurisdiction and :class:`NoData` for one that
        has no state file yet.
        """
        code = resolve(code_or_name)
        if code not in self.states:
            where = display_path(self.states_dir / f"{code}.yaml")
            raise NoData(f"no data for {NAMES[code]} ({code}) yet: {where} does not exist")
        return self.states[code]

    def grade_all(self, as_of: dt.date) -> list[GradeResult]:
        """Every jurisdiction with data, graded on ``as_of`` and ranked (best first)."""
        check_as_of(as_of)
        return assign_ranks([grade_state(self.rubric, self.vocab, s, as_of) for s in self.states.values()])

    def grade(self, code_or_name: str, as_of: dt.date) -> GradeResult:
        """One jurisdiction on ``as_of``, with its rank among all jurisdictions with data."""
        code = self.state(code_or_name).code
        return next(r for r in self.grade_all(as_of) if r.code == code)


def load_core(
    states: str | Path | None = None, rubric: str | Path | None = None
) -> tuple[Vocabulary, Rubric, Path, Path]:
    """Vocabulary and rubric (no state files), for tools that grade given facts."""
    states_dir, rubric_path = resolve_paths(states, rubric)
    facts_path = facts_path_for(rubric_path)
    vocab = load_vocabulary(facts_path, display_path(facts_path))
    return vocab, load_rubric(rubric_path, vocab, display_path(rubric_path)), states_dir, rubric_path


def load_dataset(states: str | Path | None = None, rubric: str | Path | None = None) -> Dataset:
    """Load vocabulary, rubric and every state file; raise :class:`DataError` on any problem.

    A fresh cache (keyed by the bytes of every file) skips parsing; see :mod:`safeharbor_cli.cache`.
    """
    from . import cache

    states_dir, rubric_path = resolve_paths(states, rubric)
    facts_path = facts_path_for(rubric_path)
    shown_dir = display_path(states_dir)  # resolved once: display_path costs syscalls per call

    def show(path: Path) -> str:
        return os.path.join(shown_dir, path.name) if path.parent == states_dir else display_path(path)

    problems = odd_state_files(states_dir, show)
    raws: list[tuple[Path, bytes]] = []
    for path in [facts_path, rubric_path, *state_files(states_dir)]:
        shown = show(path)
        bad_name = file_code_problem(path, shown) if path.parent == states_dir else None
        try:
            if bad_name:
                raise DataError([bad_name])
            raws.append((path, read_bytes(path, shown)))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    key = cache.content_key([(f"{i}:{p.name}" if i < 2 else p.name, raw) for i, (p, raw) in enumerate(raws)])
    hit = cache.load(states_dir, rubric_path, key, show)
    if hit is not None:
        return Dataset(hit[0], hit[1], hit[2], states_dir, rubric_path)
    (_, facts_raw), (_, rubric_raw), *state_raws = raws
    data = build_dataset(facts_raw, rubric_raw, state_raws, show, states_dir, rubric_path, facts_path)
    cache.store(states_dir, rubric_path, key, (data.vocab, data.rubric, data.states))
    return data


def build_dataset(
    facts_raw: bytes,
    rubric_raw: bytes,
    state_raws: list[tuple[Path, bytes]],
    show: Any,
    states_dir: Path,
    rubric_path: Path,
    facts_path: Path,
) -> Dataset:
    """Parse and validate data already read (from files or from a git revision)."""
    from .yamlio import parse_bytes

    vocab = read_vocabulary(parse_bytes(facts_raw, show(facts_path)), show(facts_path))
    rub = read_rubric(parse_bytes(rubric_raw, show(rubric_path)), show(rubric_path), vocab)
    from .monotone import check_monotone  # a rubric that check rejects never grades (cheap: ~2 ms)

    violations = check_monotone(rub, vocab)
    if violations:
        raise DataError([Problem(show(rubric_path), v.criterion.line, 5, v.message()) for v in violations])
    return Dataset(vocab, rub, parse_states(state_raws, vocab, show), states_dir, rubric_path)

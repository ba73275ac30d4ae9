"""Problems found in data files, and the exceptions that carry them.

Every problem names a file and a 1-based line and column, so that a person editing YAML by hand
can go straight to it: ``states/TX.yaml:12:7: message``.
"""

from __future__ import annotations

from .record import Record


class Problem(Record):
    """One thing wrong with a data file, at a 1-based line and column (0 when not known).

    Treated as immutable: hashable, and sorted by path, line, column, message.
    """

    __slots__ = ("path", "line", "col", "message")
    _fields = __slots__

    def __init__(self, path: str, line: int, col: int, message: str) -> None:
        self.path, self.line, self.col, self.message = path, line, col, message

    def _key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.message)

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self._key())

    def __lt__(self, other: Problem) -> bool:
        return self._key() < other._key()

    def __le__(self, other: Problem) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: Problem) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: Problem) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{self.path}: {self.message}"


class SafeharborError(Exception):
    """Base class of the errors this package raises on purpose."""

    exit_code = 1


class DataError(SafeharborError):
    """A data file (state, vocabulary, rubric) could not be loaded; carries its problems."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(SafeharborError):
    """The caller asked for something that does not exist (a state, a format, a date)."""

    exit_code = 2

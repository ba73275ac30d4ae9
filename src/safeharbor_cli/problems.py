"""Problems found in data files, and the exceptions that carry them.

Every problem names a file and a 1-based line and column, so that a person editing YAML by hand
can go straight to it: ``states/TX.yaml:12:7: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a data file, at a 1-based line and column (0 when not known)."""

    path: str
    line: int
    col: int
    message: str

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

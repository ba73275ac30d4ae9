"""A small base for plain data classes on the start-up path.

``dataclasses`` costs about 9 ms to import (it pulls in ``inspect``) and 0.3-1 ms per class to
generate code, paid on every run of a command-line tool; the classes the grading path needs are
written out by hand instead and share ``repr`` and ``==`` from here. List the attributes in
``_fields``.
"""

from __future__ import annotations


class Record:
    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._fields)

    __hash__ = None  # type: ignore[assignment]  # mutable records are not hashable (as dataclasses)

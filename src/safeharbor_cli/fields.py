"""Small helpers that read fields out of loaded YAML and record problems with positions."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

from .nodes import Pos, YList, YMap
from .problems import Problem

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not tab or newline
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBERISH = re.compile(r"^[-+]?(0[0-9_]+|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*_[0-9_]*|[0-9]+(:[0-5]?[0-9])+)$")


def describe(value: Any, *, text_expected: bool = False) -> str:
    """How a loaded YAML value reads in a message.

    With ``text_expected`` (a string, enum value or date belongs here) it adds the hint for YAML
    1.1 surprises: unquoted ``yes``/``no``/``on``/``off`` load as booleans, ``0123`` as octal.
    """
    if value is None:
        return "null (an empty value)"
    if isinstance(value, bool):
        hint = " (YAML reads unquoted yes/no/on/off/true/false as a boolean; quote it if you meant text)"
        return f"boolean {str(value).lower()}" + (hint if text_expected else "")
    if isinstance(value, int):
        return f"integer {value}" + (" (quote it if you meant text)" if text_expected else "")
    if isinstance(value, float):
        return f"number {value}"
    if isinstance(value, str):
        if not text_expected and _NUMBERISH.match(value):
            return f"{value!r} (write whole numbers as plain digits: YAML 1.1 reads 025 as octal 21 and 1:30 as 90)"
        return f"string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, if one is close enough to be a likely typo."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def parse_date(text: Any) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` string as a date, or None when it is not a real date."""
    if not isinstance(text, str) or not _DATE_RE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_MISSING = re.compile(r"(?:missing (?:required key )?|needs |^fact )'(\w+)'")
_SUGGESTED = re.compile(r"\(did you mean '(\w+)'\?\)")
_NEARBY = 12  # lines: how far below a missing key its misspelling may stand


class Collector:
    """Collects problems for one file while its fields are read.

    One mistake, one message: a misspelled key gives "unknown key 'valeus' (did you mean
    'values'?)"; the "missing 'values'" it also causes is dropped when the suggestion stands
    within a few lines below it (anywhere for a fact missing from ``facts:``).
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self._found: list[Problem] = []

    def add(self, pos: Pos, message: str) -> None:
        self._found.append(Problem(self.display, pos[0], pos[1], message))

    @property
    def problems(self) -> list[Problem]:
        suggested = [(m.group(1), p.line) for p in self._found for m in [_SUGGESTED.search(p.message)] if m]
        kept = []
        for p in self._found:
            missing = _MISSING.search(p.message)
            if missing and "did you mean" not in p.message:
                reach = 10**9 if p.message.startswith("fact ") else _NEARBY
                if any(key == missing.group(1) and 0 <= line - p.line <= reach for key, line in suggested):
                    continue
            kept.append(p)
        return kept

    def mapping(self, value: Any, pos: Pos, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.add(pos, f"{what} must be a mapping (key: value), got {describe(value)}")
        return None

    def seq(self, value: Any, pos: Pos, what: str) -> YList | None:
        if isinstance(value, YList):
            return value
        self.add(pos, f"{what} must be a list, got {describe(value)}")
        return None

    def only_keys(self, m: YMap, allowed: Iterable[str], what: str) -> None:
        allowed = list(allowed)
        for key in m:
            if key not in allowed:
                self.add(m.at(key), f"unknown key '{key}' in {what}{did_you_mean(key, allowed)}")

    def required(self, m: YMap, keys: Iterable[str], what: str) -> bool:
        ok = True
        for key in keys:
            if key not in m:
                self.add(m.pos, f"{what} is missing required key '{key}'")
                ok = False
        return ok

    def string(self, m: YMap, key: str, what: str, *, required: bool = True) -> str | None:
        if key not in m:
            if required:
                self.add(m.pos, f"{what} is missing required key '{key}'")
            return None
        value = m[key]
        if isinstance(value, str) and value.strip():
            bad = _CONTROL.search(value)
            if bad is not None:
                self.add(
                    m.value_at(key), f"'{key}' in {what} contains the control character {bad.group()!r}; delete it"
                )
                return None
            return value
        self.add(
            m.value_at(key), f"'{key}' in {what} must be non-empty text, got {describe(value, text_expected=True)}"
        )
        return None

    def integer(self, m: YMap, key: str, what: str, *, required: bool = True) -> int | None:
        if key not in m:
            if required:
                self.add(m.pos, f"{what} is missing required key '{key}'")
            return None
        value = m[key]
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.add(m.value_at(key), f"'{key}' in {what} must be a whole number, got {describe(value)}")
        return None

    def date(self, m: YMap, key: str, what: str, *, required: bool = True) -> dt.date | None:
        if key not in m:
            if required:
                self.add(m.pos, f"{what} is missing required key '{key}'")
            return None
        value = m[key]
        parsed = parse_date(value)
        if parsed is None:
            if isinstance(value, str) and _DATE_RE.match(value):
                msg = f"'{key}' is not a real date: {value}"
            else:
                msg = f"'{key}' must be a date written YYYY-MM-DD, got {describe(value, text_expected=True)}"
            self.add(m.value_at(key), msg)
        return parsed

"""The fact vocabulary (``rubric/facts.yaml``): every fact declared once, with its type."""

from __future__ import annotations

import re
from pathlib import Path

from .fields import Collector, describe, did_you_mean
from .nodes import YMap
from .problems import DataError
from .record import Record

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

UNKNOWN = "unknown"
"""The value a state file records for a fact nobody could establish."""

FACT_TYPES = ("bool", "int", "enum")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


# Plain classes (see record.py): start-up time matters for a CLI run on every keystroke.
# Treat instances as read-only.
class Fact(Record):
    """One fact of the vocabulary: its id, type and which way is more protective. ``values``: an
    enum's values, least -> most protective; ``protective``: a bool's protective value, or for an
    int "higher" or "lower"."""

    __slots__ = ("id", "type", "question", "look_in", "area", "core", "values", "protective", "min", "max")
    _fields = __slots__

    def __init__(
        self,
        id: str,  # noqa: A002 - the vocabulary's own words
        type: str,  # noqa: A002
        question: str,
        look_in: str = "",
        area: str = "",
        core: bool = False,
        values: tuple[str, ...] = (),
        protective: Any = None,
        min: int = 0,  # noqa: A002
        max: int = 0,  # noqa: A002
    ) -> None:
        self.id, self.type, self.question, self.look_in, self.area = id, type, question, look_in, area
        self.core, self.values, self.protective, self.min, self.max = core, values, protective, min, max

    def check_value(self, value: Any) -> str | None:
        """None when ``value`` is a valid value of this fact (or unknown), else why not."""
        if value == UNKNOWN:
            return None
        if self.type == "bool":
            if isinstance(value, bool):
                return None
            return f"{self.id} takes true, false or unknown, got {describe(value)}"
        if self.type == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                return f"{self.id} takes a whole number or unknown, got {describe(value)}"
            if not self.min <= value <= self.max:
                return f"{self.id} must be between {self.min} and {self.max}, got {value}"
            return None
        if isinstance(value, str) and value in self.values:
            return None
        allowed = ", ".join(self.values)
        hint = did_you_mean(value, (*self.values, UNKNOWN)) if isinstance(value, str) else ""
        return f"{describe(value, text_expected=True)} is not a value of {self.id}{hint}; allowed: {allowed}, unknown"

    def rank(self, value: Any) -> int:
        """A number that grows as ``value`` gets more protective of the child."""
        if self.type == "enum":
            return self.values.index(value)
        if self.type == "bool":
            return 1 if value == self.protective else 0
        return value if self.protective == "higher" else -value

    def domain(self) -> list[Any]:
        """Every value of an enum or bool fact, least protective first (ints: the bounds)."""
        if self.type == "enum":
            return list(self.values)
        if self.type == "bool":
            return [not self.protective, self.protective]
        low_high = [self.min, self.max]
        return low_high if self.protective == "higher" else low_high[::-1]


class Vocabulary(Record):
    """All facts, by id, in file order."""

    __slots__ = ("path", "facts")
    _fields = __slots__

    def __init__(self, path: str, facts: dict[str, Fact]) -> None:
        self.path, self.facts = path, facts

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self.facts

    def __getitem__(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    @property
    def ids(self) -> list[str]:
        return list(self.facts)

    @property
    def core_ids(self) -> list[str]:
        return [f.id for f in self.facts.values() if f.core]


_FACT_KEYS = ("id", "type", "question", "look_in", "area", "core", "values", "protective", "min", "max")


def _read_fact(c: Collector, item: YMap, seen: dict[str, int]) -> Fact | None:
    c.only_keys(item, _FACT_KEYS, "a fact")
    fid = c.string(item, "id", "a fact")
    ftype = c.string(item, "type", "a fact")
    question = c.string(item, "question", "a fact")
    look_in = c.string(item, "look_in", "a fact", required=False) or ""
    area = c.string(item, "area", "a fact", required=False) or ""
    what = f"fact {fid}" if fid else "a fact"
    if fid is not None:
        if not _ID_RE.match(fid):
            c.add(item.value_at("id"), f"fact id '{fid}' must be snake_case (a-z, 0-9, _)")
        if fid in seen:
            c.add(item.value_at("id"), f"fact '{fid}' is declared twice (first on line {seen[fid]})")
        seen.setdefault(fid, item.value_at("id")[0])
    core = item.get("core", False)
    if not isinstance(core, bool):
        c.add(item.value_at("core"), f"'core' of {what} must be true or false, got {describe(core)}")
    if ftype is not None and ftype not in FACT_TYPES:
        c.add(
            item.value_at("type"),
            f"type '{ftype}' of {what} must be one of bool, int, enum{did_you_mean(ftype, FACT_TYPES)}",
        )
        return None
    if None in (fid, ftype, question):
        return None
    kwargs: dict[str, Any] = {}
    if ftype == "enum" and "values" not in item:
        c.add(item.pos, f"enum {what} needs 'values': its values from least to most protective")
        return None
    if ftype == "enum":
        values = c.seq(item.get("values"), item.value_at("values"), f"'values' of {what}")
        if values is not None:
            bad = [v for v in values if not isinstance(v, str) or not v]
            if bad or len(values) < 2:
                hint = f": {describe(bad[0], text_expected=True)}" if bad else ""
                c.add(item.value_at("values"), f"'values' of {what} must list at least two text values{hint}")
            elif len(set(values)) != len(values):
                c.add(item.value_at("values"), f"'values' of {what} lists a value twice")
            elif UNKNOWN in values:
                c.add(item.value_at("values"), f"'values' of {what} must not list '{UNKNOWN}' (it is always allowed)")
            else:
                kwargs["values"] = tuple(values)
        if "values" not in kwargs:
            return None
    elif ftype == "bool":
        protective = item.get("protective")
        if not isinstance(protective, bool):
            c.add(
                item.at("protective"),
                f"bool {what} needs 'protective: true' or 'protective: false' (the value that protects the child)",
            )
            return None
        kwargs["protective"] = protective
    else:
        low = c.integer(item, "min", what)
        high = c.integer(item, "max", what)
        protective = item.get("protective")
        if protective not in ("higher", "lower"):
            c.add(item.at("protective"), f"int {what} needs 'protective: higher' or 'protective: lower'")
            return None
        if low is None or high is None:
            return None
        if low > high:
            c.add(item.value_at("min"), f"'min' of {what} is above its 'max'")
            return None
        kwargs.update(min=low, max=high, protective=protective)
    return Fact(id=fid, type=ftype, question=question, look_in=look_in, area=area, core=core is True, **kwargs)  # type: ignore[arg-type]


def load_vocabulary(path: Path, display: str | None = None) -> Vocabulary:
    """Load ``facts.yaml``; raise :class:`DataError` listing every problem with its line."""
    shown = display or str(path)
    from .yamlio import load_file

    return read_vocabulary(load_file(path, shown), shown)


def read_vocabulary(data: Any, shown: str) -> Vocabulary:
    """Build the vocabulary from a loaded YAML document; raise :class:`DataError` on problems."""
    c = Collector(shown)
    top = c.mapping(data, (1, 1), "the vocabulary file")
    facts: dict[str, Fact] = {}
    if top is not None:
        c.only_keys(top, ("id", "version", "facts"), "the vocabulary file")
        items = c.seq(top.get("facts"), top.at("facts"), "'facts'") if "facts" in top else None
        if "facts" not in top:
            c.add(top.pos, "the vocabulary file is missing required key 'facts'")
        seen: dict[str, int] = {}
        for i, item in enumerate(items or []):
            m = c.mapping(item, items.at(i), "each fact")  # type: ignore[union-attr]
            if m is not None:
                fact = _read_fact(c, m, seen)
                if fact is not None and fact.id not in facts:
                    facts[fact.id] = fact
    if c.problems:
        raise DataError(c.problems)
    return Vocabulary(path=shown, facts=facts)

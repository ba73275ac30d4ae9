"""The rubric (``rubric/safe-harbor.yaml``): areas, criteria, levels and grade bands."""

from __future__ import annotations

from pathlib import Path

from .conditions import Condition, find_cycle, parse_condition
from .fields import Collector, describe, did_you_mean
from .nodes import YMap
from .problems import DataError
from .record import Record
from .vocab import Vocabulary

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any


# Plain classes (see record.py): start-up time matters for a CLI run on every keystroke.
# Treat instances as read-only.
class Level(Record):
    __slots__ = ("points", "reason", "when", "pos")
    _fields = __slots__

    def __init__(self, points: int, reason: str, when: Condition, pos: tuple[int, int] = (0, 0)) -> None:
        self.points, self.reason, self.when, self.pos = points, reason, when, pos


class Criterion(Record):
    __slots__ = ("id", "area", "title", "max", "levels", "otherwise", "basis", "recommendation", "line")
    _fields = __slots__

    def __init__(
        self,
        id: str,  # noqa: A002 - the rubric's own word
        area: str,
        title: str,
        max: int,  # noqa: A002
        levels: tuple[Level, ...],
        otherwise: str,
        basis: str,
        recommendation: str,
        line: int = 0,
    ) -> None:
        self.id, self.area, self.title, self.max, self.levels = id, area, title, max, levels
        self.otherwise, self.basis, self.recommendation, self.line = otherwise, basis, recommendation, line


class Area(Record):
    __slots__ = ("id", "title", "max", "extra_credit")
    _fields = __slots__

    def __init__(self, id: str, title: str, max: int, extra_credit: bool = False) -> None:  # noqa: A002
        self.id, self.title, self.max, self.extra_credit = id, title, max, extra_credit


class Band(Record):
    __slots__ = ("letter", "min")
    _fields = __slots__

    def __init__(self, letter: str, min: int) -> None:  # noqa: A002
        self.letter, self.min = letter, min


class Rubric(Record):
    __slots__ = ("id", "version", "title", "max", "grades", "areas", "criteria", "conditions", "path")
    _fields = __slots__

    def __init__(
        self,
        id: str,  # noqa: A002
        version: str,
        title: str,
        max: int,  # noqa: A002
        grades: tuple[Band, ...],
        areas: tuple[Area, ...],
        criteria: tuple[Criterion, ...],
        conditions: dict[str, Condition],
        path: str,
    ) -> None:
        self.id, self.version, self.title, self.max = id, version, title, max
        self.grades, self.areas, self.criteria, self.conditions, self.path = grades, areas, criteria, conditions, path

    def letter(self, total: int) -> str:
        for band in self.grades:
            if total >= band.min:
                return band.letter
        return self.grades[-1].letter


_TOP_KEYS = ("id", "version", "title", "description", "max", "grades", "conditions", "areas", "criteria")
_CRITERION_KEYS = ("id", "area", "title", "max", "levels", "otherwise", "basis", "recommendation")


def _read_grades(c: Collector, top: YMap) -> list[Band]:
    items = c.seq(top.get("grades"), top.value_at("grades"), "'grades'") if "grades" in top else None
    if "grades" not in top:
        c.add(top.pos, "the rubric is missing required key 'grades'")
    bands: list[Band] = []
    for i, item in enumerate(items or []):
        m = c.mapping(item, items.at(i), "each grade band")  # type: ignore[union-attr]
        if m is None:
            continue
        c.only_keys(m, ("letter", "min"), "a grade band")
        letter = c.string(m, "letter", "a grade band")
        low = c.integer(m, "min", "a grade band")
        if letter is None or low is None:
            continue
        if bands and low >= bands[-1].min:
            c.add(
                m.value_at("min"),
                f"grade bands must be listed from the highest 'min' down: {letter} (min {low}) comes after {bands[-1].letter} (min {bands[-1].min})",
            )
        if any(b.letter == letter for b in bands):
            c.add(m.value_at("letter"), f"grade letter '{letter}' is listed twice")
        bands.append(Band(letter, low))
    if bands and bands[-1].min > 0:
        c.add(
            top.value_at("grades"),
            f"the lowest grade band must start at 0 so every total gets a letter (it starts at {bands[-1].min})",
        )
    if items is not None and not bands and not c.problems:
        c.add(top.value_at("grades"), "'grades' needs at least one band")
    return bands


def _read_criterion(
    c: Collector, m: YMap, vocab: Vocabulary, names: dict[str, Any], areas: dict[str, Area]
) -> Criterion | None:
    c.only_keys(m, _CRITERION_KEYS, "a criterion")
    cid = c.string(m, "id", "a criterion")
    what = f"criterion {cid}" if cid else "a criterion"
    area = c.string(m, "area", what)
    title = c.string(m, "title", what)
    high = c.integer(m, "max", what)
    basis = c.string(m, "basis", what)
    recommendation = c.string(m, "recommendation", what)
    otherwise = c.string(m, "otherwise", what, required=False) or "No level of this criterion is met."
    if area is not None and area not in areas:
        c.add(m.value_at("area"), f"{what} names area '{area}', which is not under 'areas'{did_you_mean(area, areas)}")
    if high is not None and high <= 0:
        c.add(m.value_at("max"), f"'max' of {what} must be above 0")
    items = c.seq(m.get("levels"), m.value_at("levels"), f"'levels' of {what}") if "levels" in m else None
    if "levels" not in m:
        c.add(m.pos, f"{what} is missing required key 'levels'")
    levels: list[Level] = []
    complete = True
    for i, item in enumerate(items or []):
        lm = c.mapping(item, items.at(i), f"each level of {what}")  # type: ignore[union-attr]
        if lm is None:
            complete = False
            continue
        c.only_keys(lm, ("points", "reason", "when"), f"a level of {what}")
        points = c.integer(lm, "points", f"a level of {what}")
        reason = c.string(lm, "reason", f"a level of {what}")
        when = parse_condition(c, lm.get("when"), lm.value_at("when"), vocab, names) if "when" in lm else None
        if "when" not in lm:
            c.add(lm.pos, f"a level of {what} is missing required key 'when'")
        if points is not None and high is not None and not 0 < points <= high:
            c.add(lm.value_at("points"), f"level points {points} of {what} must be above 0 and at most its max {high}")
        if None in (points, reason, when):
            complete = False
            continue
        levels.append(Level(points, reason, when, lm.pos))  # type: ignore[arg-type]
    if items is not None and not items:
        c.add(m.value_at("levels"), f"{what} needs at least one level")
    if not complete or None in (cid, area, title, high, basis, recommendation):
        return None
    return Criterion(cid, area, title, high, tuple(levels), otherwise, basis, recommendation, m.pos[0])  # type: ignore[arg-type]


def read_rubric(data: Any, display: str, vocab: Vocabulary) -> Rubric:
    c = Collector(display)
    top = c.mapping(data, (1, 1), "the rubric file")
    if top is None:
        raise DataError(c.problems)
    c.only_keys(top, _TOP_KEYS, "the rubric")
    rid = c.string(top, "id", "the rubric")
    version = top.get("version")
    if not isinstance(version, str) or not version.strip():
        c.add(
            top.value_at("version"),
            f"'version' must be text such as \"1.0\" (quote it), got {describe(version, text_expected=True)}",
        )
    title = c.string(top, "title", "the rubric")
    total_max = c.integer(top, "max", "the rubric")
    bands = _read_grades(c, top)
    for band in bands:
        if total_max is not None and band.min > total_max:
            c.add(
                top.value_at("grades"),
                f"grade {band.letter} starts at {band.min}, above the rubric's max {total_max}: no total can reach it",
            )

    raw_named = c.mapping(top.get("conditions", YMap()), top.value_at("conditions"), "'conditions'") or YMap()
    named: dict[str, Condition] = {}
    for name in raw_named:
        cond = parse_condition(c, raw_named[name], raw_named.value_at(name), vocab, raw_named)
        if cond is not None:
            named[name] = cond
    cycle = find_cycle(named)
    if cycle:
        c.add(raw_named.at(cycle[0]), f"named condition '{cycle[0]}' refers to itself: {' -> '.join(cycle)}")

    areas: dict[str, Area] = {}
    area_items = c.seq(top.get("areas"), top.value_at("areas"), "'areas'") if "areas" in top else None
    if "areas" not in top:
        c.add(top.pos, "the rubric is missing required key 'areas'")
    for i, item in enumerate(area_items or []):
        m = c.mapping(item, area_items.at(i), "each area")  # type: ignore[union-attr]
        if m is None:
            continue
        c.only_keys(m, ("id", "title", "max", "extra_credit"), "an area")
        aid = c.string(m, "id", "an area")
        atitle = c.string(m, "title", "an area")
        amax = c.integer(m, "max", "an area")
        extra = m.get("extra_credit", False)
        if not isinstance(extra, bool):
            c.add(m.value_at("extra_credit"), f"'extra_credit' must be true or false, got {describe(extra)}")
        if aid in areas:
            c.add(m.value_at("id"), f"area '{aid}' is listed twice")
        if None not in (aid, atitle, amax):
            areas[aid] = Area(aid, atitle, amax, extra is True)  # type: ignore[arg-type]

    criteria: list[Criterion] = []
    crit_items = c.seq(top.get("criteria"), top.value_at("criteria"), "'criteria'") if "criteria" in top else None
    if "criteria" not in top:
        c.add(top.pos, "the rubric is missing required key 'criteria'")
    for i, item in enumerate(crit_items or []):
        m = c.mapping(item, crit_items.at(i), "each criterion")  # type: ignore[union-attr]
        if m is None:
            continue
        crit = _read_criterion(c, m, vocab, raw_named, areas)
        if crit is None:
            continue
        if any(x.id == crit.id for x in criteria):
            c.add(m.value_at("id"), f"criterion '{crit.id}' is listed twice")
        criteria.append(crit)

    if not c.problems:
        for area in areas.values():
            total = sum(x.max for x in criteria if x.area == area.id)
            if total != area.max:
                c.add(
                    area_items.at(list(areas).index(area.id)),
                    f"area {area.id} has max {area.max} but its criteria add up to {total}",
                )  # type: ignore[union-attr]
        core = sum(a.max for a in areas.values() if not a.extra_credit)
        if total_max is not None and core != total_max:
            c.add(
                top.value_at("max"),
                f"the rubric max is {total_max} but its areas (without extra credit) add up to {core}",
            )
    if c.problems:
        raise DataError(c.problems)
    return Rubric(rid, version, title, total_max, tuple(bands), tuple(areas.values()), tuple(criteria), named, display)  # type: ignore[arg-type]


def load_rubric(path: Path, vocab: Vocabulary, display: str | None = None) -> Rubric:
    """Load and type-check a rubric against the vocabulary; raise :class:`DataError` on problems."""
    shown = display or str(path)
    from .yamlio import load_file

    return read_rubric(load_file(path, shown), shown, vocab)

"""State files: each jurisdiction's law as dated, cited timelines of facts."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from pathlib import Path

from .fields import Collector, describe, did_you_mean
from .jurisdictions import NAMES
from .nodes import YMap
from .problems import DataError, Problem
from .record import Record
from .vocab import UNKNOWN, Vocabulary

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

COVERAGE_START = dt.date(2008, 1, 1)
"""Every timeline must reach back to this date, so every year from 2008 on is answerable."""

CONFIDENCE = ("high", "medium", "low")
HREF_RE = re.compile(r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")
_ENTRY_KEYS = ("since", "value", "citations", "confidence", "enacted", "bill", "note")


class Citation(Record):
    """A section read (``title``) and the https URL where it was read (``href``)."""

    __slots__ = ("title", "href")
    _fields = __slots__

    def __init__(self, title: str, href: str) -> None:
        self.title, self.href = title, href

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "href": self.href}


class Entry(Record):
    """One value of a fact, in force from ``since`` until the next entry's ``since`` (read-only)."""

    __slots__ = ("since", "value", "citations", "confidence", "enacted", "bill", "line")
    _fields = __slots__

    def __init__(
        self,
        since: dt.date,
        value: Any,
        citations: tuple[Citation, ...],
        confidence: str,
        enacted: dt.date | None = None,
        bill: str | None = None,
        line: int = 0,
    ) -> None:
        self.since, self.value, self.citations, self.confidence = since, value, citations, confidence
        self.enacted, self.bill, self.line = enacted, bill, line

    @property
    def unknown(self) -> bool:
        return self.value == UNKNOWN


class Timeline(Record):
    """A fact's entries, oldest first."""

    __slots__ = ("fact", "entries", "_starts")
    _fields = ("fact", "entries")

    def __init__(self, fact: str, entries: tuple[Entry, ...]) -> None:
        self.fact, self.entries = fact, entries
        self._starts = tuple(e.since for e in entries)

    def at(self, day: dt.date) -> Entry | None:
        """The entry in force on ``day`` (None before the first entry)."""
        i = bisect.bisect_right(self._starts, day)
        return self.entries[i - 1] if i else None


class StateData(Record):
    """One jurisdiction's file: its timelines by fact id."""

    __slots__ = ("code", "name", "verified_on", "path", "timelines")
    _fields = __slots__

    def __init__(self, code: str, name: str, verified_on: dt.date, path: str, timelines: dict[str, Timeline]) -> None:
        self.code, self.name, self.verified_on, self.path, self.timelines = code, name, verified_on, path, timelines

    def entry(self, fact: str, day: dt.date) -> Entry | None:
        timeline = self.timelines.get(fact)
        return timeline.at(day) if timeline else None


def _read_citations(c: Collector, e: YMap, what: str) -> tuple[Citation, ...]:
    cites = c.seq(e["citations"], e.value_at("citations"), f"'citations' of {what}")
    if cites is None:
        return ()
    out = []
    for i, item in enumerate(cites):
        m = c.mapping(item, cites.at(i), "each citation")
        if m is None:
            continue
        c.only_keys(m, ("title", "href"), "a citation")
        title = c.string(m, "title", "a citation")
        href = c.string(m, "href", "a citation")
        if title is not None and ("\n" in title.strip() or " | " in title):
            c.add(m.value_at("title"), "a citation title is one line without ' | ' (export joins citations with it)")
            title = None
        if href is not None and not HREF_RE.match(href):
            why = "an https:// URL" if not href.startswith("https://") else "a URL with a host and no spaces"
            c.add(m.value_at("href"), f"citation href must be {why}, got {href!r}")
            href = None
        if title and href:
            out.append(Citation(title, href))
    return tuple(out)


def _read_entry(c: Collector, e: YMap, fact_id: str, vocab: Vocabulary) -> Entry | None:
    what = f"an entry of {fact_id}"
    c.only_keys(e, _ENTRY_KEYS, what)
    since = c.date(e, "since", what)
    ok = since is not None
    if "value" not in e:
        c.add(e.pos, f"{what} is missing required key 'value'")
        ok = False
    else:
        problem = vocab[fact_id].check_value(e["value"]) if fact_id in vocab else None
        if problem:
            c.add(e.value_at("value"), problem)
            ok = False
    value = e.get("value")
    confidence = e.get("confidence")
    if "confidence" not in e:
        c.add(e.pos, f"{what} is missing required key 'confidence' (high, medium or low)")
        ok = False
    elif confidence not in CONFIDENCE:
        c.add(
            e.value_at("confidence"),
            f"confidence must be high, medium or low, got {describe(confidence, text_expected=True)}{did_you_mean(confidence, CONFIDENCE)}",
        )
        ok = False
    note = c.string(e, "note", what, required=False)
    bill = c.string(e, "bill", what, required=False)
    enacted = c.date(e, "enacted", what, required=False)
    citations: tuple[Citation, ...] = ()
    if "citations" in e:
        citations = _read_citations(c, e, what)
        if not e["citations"] and value != UNKNOWN:
            c.add(e.value_at("citations"), f"{what} needs at least one citation with a title and an https href")
            ok = False
    elif value == UNKNOWN:
        if note is None:
            c.add(e.pos, f"an unknown entry of {fact_id} needs a 'note' saying what was searched")
    else:
        c.add(e.pos, f"{what} is missing 'citations' (the section read and the https URL where it was read)")
        ok = False
    if not ok:
        return None
    # the note is for people reading the file; it is checked here but not kept (nothing prints it)
    return Entry(since, value, citations, confidence, enacted, bill, e.pos[0])  # type: ignore[arg-type]


def _read_timeline(c: Collector, facts: YMap, fact_id: str, vocab: Vocabulary) -> Timeline | None:
    items = c.seq(facts[fact_id], facts.value_at(fact_id), f"the timeline of {fact_id}")
    if items is None:
        return None
    if not items:
        c.add(
            facts.at(fact_id),
            f"the timeline of {fact_id} is empty; record at least the 2008 baseline (unknown is allowed)",
        )
        return None
    entries: list[Entry] = []
    complete = True
    for i, item in enumerate(items):
        m = c.mapping(item, items.at(i), f"each entry of {fact_id}")
        entry = _read_entry(c, m, fact_id, vocab) if m is not None else None
        if entry is None:
            complete = False
            continue
        if entries and entry.since <= entries[-1].since:
            word = "repeats the date" if entry.since == entries[-1].since else "is out of order: it comes after"
            c.add(
                m.value_at("since"),
                f"entry of {fact_id} {word} {entries[-1].since.isoformat()} (line {entries[-1].line}); list entries oldest first, one per date",
            )  # type: ignore[union-attr]
            complete = False
        entries.append(entry)
    if complete and entries and entries[0].since > COVERAGE_START:
        first = items[0]
        c.add(
            first.value_at("since"),
            f"the timeline of {fact_id} starts {entries[0].since.isoformat()}; it must start on or before {COVERAGE_START.isoformat()} (record the law as it stood then)",
        )
    return Timeline(fact_id, tuple(entries)) if complete else None


def read_state(data: Any, display: str, file_code: str, vocab: Vocabulary) -> tuple[StateData | None, list[Problem]]:
    """Build a :class:`StateData` from a loaded YAML document, collecting every problem."""
    c = Collector(display)
    top = c.mapping(data, (1, 1), "a state file")
    if top is None:
        return None, c.problems
    c.only_keys(top, ("code", "name", "verified_on", "facts"), "a state file")
    code = c.string(top, "code", "the state file")
    name = c.string(top, "name", "the state file")
    verified = c.date(top, "verified_on", "the state file")
    if code is not None and code != file_code:
        c.add(top.value_at("code"), f"code '{code}' does not match the file name {file_code}.yaml")
    elif name is not None and file_code in NAMES and name != NAMES[file_code]:
        c.add(top.value_at("name"), f"name '{name}' does not match {file_code} ({NAMES[file_code]})")
    timelines: dict[str, Timeline] = {}
    if "facts" not in top:
        c.add(top.pos, "the state file is missing required key 'facts'")
    else:
        facts = c.mapping(top["facts"], top.value_at("facts"), "'facts'")
        if facts is not None:
            for fact_id in facts:
                if fact_id not in vocab:
                    c.add(facts.at(fact_id), f"unknown fact '{fact_id}'{did_you_mean(fact_id, vocab.ids)}")
                    continue
                timeline = _read_timeline(c, facts, fact_id, vocab)
                if timeline is not None:
                    timelines[fact_id] = timeline
            for fact_id in vocab.ids:
                if fact_id not in facts:
                    c.add(top.at("facts"), f"fact '{fact_id}' has no timeline; add one (value unknown is allowed)")
    if c.problems:
        return None, c.problems
    return StateData(file_code, name, verified, display, timelines), []  # type: ignore[arg-type]


def state_files(states_dir: Path) -> list[Path]:
    """The ``*.yaml`` files of a states directory, sorted by name."""
    return sorted(p for p in states_dir.glob("*.yaml") if p.is_file())


def odd_state_files(states_dir: Path, display: Any = str) -> list[Problem]:
    """A problem for each ``*.yml`` (or other-case ``.YAML``) file, which would otherwise be skipped."""
    odd = sorted(p for p in states_dir.iterdir() if p.suffix.lower() in (".yml", ".yaml") and p.suffix != ".yaml")
    return [Problem(display(p), 0, 0, f"state files end in .yaml; rename it to {p.stem}.yaml") for p in odd]


def file_code_problem(path: Path, display: str) -> Problem | None:
    """A problem when a state file's name is not an upper-case USPS code."""
    stem = path.stem
    if stem in NAMES:
        return None
    hint = (
        " (file names use the upper-case code, e.g. TX.yaml)"
        if stem.upper() in NAMES
        else did_you_mean(stem.upper(), NAMES)
    )
    return Problem(display, 1, 1, f"'{path.name}' is not named after a jurisdiction's USPS code{hint}")


def parse_states(raws: list[tuple[Path, bytes]], vocab: Vocabulary, display: Any = str) -> dict[str, StateData]:
    """Parse and validate state files already read; one :class:`DataError` for all problems."""
    from .yamlio import parse_bytes

    states: dict[str, StateData] = {}
    problems: list[Problem] = []
    for path, raw in raws:
        shown = display(path)
        try:
            state, found = read_state(parse_bytes(raw, shown), shown, path.stem, vocab)
        except DataError as exc:
            found = exc.problems
        problems.extend(found)
        if not found:
            states[state.code] = state  # type: ignore[union-attr]
    if problems:
        raise DataError(problems)
    return states

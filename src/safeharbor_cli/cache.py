"""A cache of the validated data (vocabulary, rubric, state files), so ``grade`` need not parse
YAML on every run — it does not even import the YAML parser when the cache is fresh.

The cache is JSON (never pickle), one file per (states directory, rubric) pair, keyed by a hash
of the package version and the exact bytes of every data file: any edit is a miss. Only data that
loaded without a problem is stored. ``SAFEHARBOR_NO_CACHE=1`` turns it off;
``SAFEHARBOR_CACHE_DIR`` moves it (default ``$XDG_CACHE_HOME/safeharbor`` or ``~/.cache/safeharbor``).
A cache that cannot be read or written is ignored; only the 16 most recent files are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .conditions import Branch, Condition, Leaf
from .rubric import Area, Band, Criterion, Level, Rubric
from .states import Citation, Entry, StateData, Timeline
from .vocab import Fact, Vocabulary

TYPE_CHECKING = False  # typing costs ~10 ms to import; annotations are strings here
if TYPE_CHECKING:
    from typing import Any

CACHE_FORMAT = 3
Loaded = tuple[Vocabulary, Rubric, dict[str, StateData]]


def cache_dir() -> Path | None:
    if os.environ.get("SAFEHARBOR_NO_CACHE"):
        return None
    if os.environ.get("SAFEHARBOR_CACHE_DIR"):
        return Path(os.environ["SAFEHARBOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "safeharbor"


def content_key(files: list[tuple[str, bytes]]) -> str:
    """A hash of the package version, the cache format and every file's name and bytes."""
    digest = hashlib.sha256(f"{__version__}|{CACHE_FORMAT}".encode())
    for name, raw in files:
        digest.update(b"\0" + name.encode() + b"\0" + str(len(raw)).encode() + b"\0")
        digest.update(raw)
    return digest.hexdigest()


def _cache_file(states_dir: Path, rubric_path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    where = f"{states_dir.resolve()}\0{rubric_path.resolve()}"
    return folder / f"data-{hashlib.sha256(where.encode()).hexdigest()[:16]}.json"


# ---- conditions and rubric -----------------------------------------------------------------


def _cond_out(c: Condition) -> dict[str, Any]:
    if isinstance(c, Leaf):
        return {"f": c.fact, "o": c.op, "v": c.value, "l": c.label, "p": c.pos}
    return {"k": c.kind, "c": [_cond_out(x) for x in c.children], "r": c.ref, "l": c.label, "p": c.pos}


def _cond_in(d: dict[str, Any]) -> Condition:
    if "f" in d:
        return Leaf(d["f"], d["o"], d["v"], d["l"], tuple(d["p"]))  # type: ignore[arg-type]
    return Branch(d["k"], tuple(_cond_in(x) for x in d["c"]), d["r"], d["l"], tuple(d["p"]))  # type: ignore[arg-type]


def _rubric_out(r: Rubric) -> dict[str, Any]:
    return {
        "head": [r.id, r.version, r.title, r.max, r.path],
        "grades": [[b.letter, b.min] for b in r.grades],
        "areas": [[a.id, a.title, a.max, a.extra_credit] for a in r.areas],
        "conditions": {name: _cond_out(c) for name, c in r.conditions.items()},
        "criteria": [
            {
                "head": [c.id, c.area, c.title, c.max, c.otherwise, c.basis, c.recommendation, c.line],
                "levels": [[lv.points, lv.reason, _cond_out(lv.when), lv.pos] for lv in c.levels],
            }
            for c in r.criteria
        ],
    }


def _rubric_in(d: dict[str, Any]) -> Rubric:
    criteria = []
    for c in d["criteria"]:
        cid, area, title, high, otherwise, basis, recommendation, line = c["head"]
        levels = tuple(Level(p, why, _cond_in(w), tuple(pos)) for p, why, w, pos in c["levels"])  # type: ignore[arg-type]
        criteria.append(Criterion(cid, area, title, high, levels, otherwise, basis, recommendation, line))
    rid, version, title, top, path = d["head"]
    return Rubric(
        rid, version, title, top,
        tuple(Band(*b) for b in d["grades"]),
        tuple(Area(*a) for a in d["areas"]),
        tuple(criteria),
        {name: _cond_in(c) for name, c in d["conditions"].items()},
        path,
    )  # fmt: skip


# ---- vocabulary and states -------------------------------------------------------------------


def _fact_out(f: Fact) -> list[Any]:
    return [f.id, f.type, f.question, f.look_in, f.area, f.core, list(f.values), f.protective, f.min, f.max]


def _fact_in(item: list[Any]) -> Fact:
    fid, ftype, question, look_in, area, core, values, protective, low, high = item
    return Fact(fid, ftype, question, look_in, area, core, tuple(values), protective, low, high)


def _entry_out(e: Entry) -> list[Any]:
    cites = [[c.title, c.href] for c in e.citations]
    return [
        e.since.isoformat(),
        e.value,
        cites,
        e.confidence,
        e.enacted and e.enacted.isoformat(),
        e.bill,
        e.line,
    ]


def _entry_in(item: list[Any]) -> Entry:
    since, value, cites, confidence, enacted, bill, line = item
    enacted_on = dt.date.fromisoformat(enacted) if enacted else None
    return Entry(
        dt.date.fromisoformat(since),
        value,
        tuple(Citation(t, h) for t, h in cites),
        confidence,
        enacted_on,
        bill,
        line,
    )


def load(states_dir: Path, rubric_path: Path, key: str, display: Callable[[Path], str]) -> Loaded | None:
    """The cached data for this key, or None (no cache, stale, unreadable)."""
    path = _cache_file(states_dir, rubric_path)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        vocab = Vocabulary(data["vocab"][0], {f[0]: _fact_in(f) for f in data["vocab"][1]})
        states = {}
        for code, s in data["states"].items():
            timelines = {f: Timeline(f, tuple(_entry_in(e) for e in entries)) for f, entries in s["timelines"].items()}
            states[code] = StateData(
                code,
                s["name"],
                dt.date.fromisoformat(s["verified_on"]),
                display(states_dir / f"{code}.yaml"),
                timelines,
            )
        return vocab, _rubric_in(data["rubric"]), states
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def store(states_dir: Path, rubric_path: Path, key: str, loaded: Loaded) -> None:
    """Write the data for this key (atomically); silently skipped when the cache is not writable."""
    import tempfile

    path = _cache_file(states_dir, rubric_path)
    if path is None:
        return
    vocab, rubric, states = loaded
    payload = {
        "key": key,
        "vocab": [vocab.path, [_fact_out(f) for f in vocab.facts.values()]],
        "rubric": _rubric_out(rubric),
        "states": {
            code: {
                "name": s.name,
                "verified_on": s.verified_on.isoformat(),
                "timelines": {f: [_entry_out(e) for e in t.entries] for f, t in s.timelines.items()},
            }
            for code, s in states.items()
        },
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".data-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError:
        return


KEEP = 16


def _prune(folder: Path) -> None:
    """Keep the most recently written cache files (one per data location) and drop the rest."""
    files = sorted(folder.glob("data-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)

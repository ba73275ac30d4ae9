"""Timelines, scoring, totals, ranks, and the library API, on fictional fixture states."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURE_STATES
from safeharbor_cli import load_dataset
from safeharbor_cli.engine import assign_ranks, grade_facts
from safeharbor_cli.vocab import UNKNOWN

D = dt.date


@pytest.fixture(scope="module")
def data():
    return load_dataset(FIXTURE_STATES)


@pytest.mark.parametrize(
    ("day", "value", "since"),
    [
        (D(2015, 6, 30), "none", "2000-01-01"),  # the day before the change
        (D(2015, 7, 1), "immunity", "2015-07-01"),  # the day it takes effect
        (D(2015, 7, 2), "immunity", "2015-07-01"),  # the day after
        (D(1999, 12, 31), None, None),  # before the first entry: no entry at all
    ],
)
def test_timeline_boundaries(data, day, value, since) -> None:
    entry = data.state("VT").entry("prostitution_response", day)
    if value is None:
        assert entry is None
    else:
        assert (entry.value, entry.since.isoformat()) == (value, since)


def test_grade_the_day_before_and_on_a_change(data) -> None:
    before = data.grade("VT", D(2015, 6, 30))
    on = data.grade("VT", D(2015, 7, 1))
    assert (before.total, before.grade_label, before.incomplete) == (0, "F", False)
    # Worked by hand from rubric 1.0: NC 18+7+6+5+5 = 41; ID 9+0 (screening_juvenile_justice
    # unknown leaves ID2 undecided); AS 7+8+8+8+4+2 = 37; YX 3 (services to 21) -> 90, A*.
    assert [(a.area.id, a.points) for a in on.areas] == [("NC", 41), ("ID", 9), ("AS", 37), ("YX", 3)]
    assert (on.total, on.grade, on.grade_label, on.incomplete) == (90, "A", "A*", True)
    id2 = next(r for r in on.criteria if r.criterion.id == "ID2")
    assert (id2.points, id2.decided, id2.unknown_facts) == (0, False, ["screening_juvenile_justice"])
    assert id2.reason == "Undecided: screening_juvenile_justice unknown; scored 0 until coded."


def test_citations_come_from_the_entry_in_force(data) -> None:
    on = data.grade("VT", D(2020, 1, 1))
    nc1 = next(r for r in on.criteria if r.criterion.id == "NC1")
    assert [c.title for c in nc1.citations] == [
        "Fixture Stat. § 2 (prostitution_response)",
        "Fixture Stat. § 2 (prostitution_protected_under)",
        "Fixture Stat. § 1 (prostitution_protection_requires_trafficking_proof)",
    ]


def test_ranks_share_ties_and_sort_best_first(data) -> None:
    results = data.grade_all(D(2015, 6, 30))
    assert [(r.code, r.rank, r.total) for r in results] == [("VT", 1, 0), ("WY", 1, 0)]
    results = data.grade_all(D(2016, 12, 31))
    assert [(r.code, r.rank) for r in results] == [("VT", 1), ("WY", 2)]


def test_assign_ranks_competition_style(data) -> None:
    base = data.grade("WY", D(2016, 1, 1))
    copies = []
    for code, total in [("AA", 50), ("BB", 70), ("CC", 50), ("DD", 10)]:
        r = grade_facts(data.rubric, data.vocab, base.facts, code=code)
        r.total = total
        copies.append(r)
    assert [(r.code, r.rank) for r in assign_ranks(copies)] == [("BB", 1), ("AA", 2), ("CC", 2), ("DD", 4)]


def test_unknown_before_a_true_level_scores_zero_but_a_decided_criterion_ignores_unknowns(data) -> None:
    facts = {f: (UNKNOWN, None) for f in data.vocab.ids}
    facts["prostitution_response"] = ("diversion", None)  # levels 1-2 are false whatever the others are
    result = grade_facts(data.rubric, data.vocab, facts)
    nc1 = next(r for r in result.criteria if r.criterion.id == "NC1")
    assert (nc1.points, nc1.decided) == (5, True)


def test_total_is_capped_at_the_rubric_max(data) -> None:
    best = {f.id: (f.domain()[-1], None) for f in data.vocab.facts.values()}
    result = grade_facts(data.rubric, data.vocab, best)
    assert sum(r.points for r in result.criteria) == 105
    assert (result.total, result.grade) == (100, "A")


def test_bands(data) -> None:
    letters = [data.rubric.letter(t) for t in (100, 90, 89, 80, 79, 70, 69, 60, 59, 0)]
    assert letters == ["A", "A", "B", "B", "C", "C", "D", "D", "F", "F"]


def test_cache_round_trip_gives_identical_data(tmp_path, monkeypatch) -> None:
    """A second load comes from the JSON cache and must equal a fresh parse, field for field."""
    from conftest import REAL_RUBRIC, REAL_STATES
    from safeharbor_cli import cache

    monkeypatch.setenv("SAFEHARBOR_CACHE_DIR", str(tmp_path))
    fresh = load_dataset(REAL_STATES, REAL_RUBRIC)
    assert list(tmp_path.glob("data-*.json")), "the first load should write the cache"
    calls = []
    real_load = cache.load
    monkeypatch.setattr(cache, "load", lambda *a: calls.append(1) or real_load(*a))
    cached = load_dataset(REAL_STATES, REAL_RUBRIC)
    assert calls and cached.vocab == fresh.vocab and cached.rubric == fresh.rubric and cached.states == fresh.states


def test_editing_a_file_invalidates_the_cache(tmp_path, monkeypatch) -> None:
    import shutil

    monkeypatch.setenv("SAFEHARBOR_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "states"
    shutil.copytree(FIXTURE_STATES, folder)
    assert load_dataset(folder).grade("VT", D(2016, 1, 1)).total == 90
    path = folder / "VT.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: statewide", "value: discretionary"), encoding="utf-8"
    )
    assert load_dataset(folder).grade("VT", D(2016, 1, 1)).total == 85


def test_library_accepts_names_and_checks_dates(data) -> None:
    from safeharbor_cli import UsageError
    from safeharbor_cli.dataset import NoData

    assert data.grade("vermont", D(2016, 1, 1)).code == "VT"
    with pytest.raises(UsageError, match="unknown state 'ZZ'"):
        data.grade("ZZ", D(2016, 1, 1))
    with pytest.raises(NoData, match=r"no data for Texas \(TX\) yet"):
        data.grade("tx", D(2016, 1, 1))
    with pytest.raises(UsageError, match="1990-01-01 is out of range"):
        data.grade("VT", D(1990, 1, 1))
    with pytest.raises(UsageError, match="must be a datetime.date, got str"):
        data.grade("VT", "2016-01-01")


def test_cache_keeps_only_the_most_recent_files(tmp_path, monkeypatch) -> None:
    import os
    import shutil

    from safeharbor_cli import cache

    monkeypatch.setenv("SAFEHARBOR_CACHE_DIR", str(tmp_path / "cache"))
    for i in range(cache.KEEP + 3):
        folder = tmp_path / f"states{i}"
        shutil.copytree(FIXTURE_STATES, folder)
        load_dataset(folder)
        for f in (tmp_path / "cache").glob("data-*.json"):  # make ages distinct without sleeping
            os.utime(f, (f.stat().st_mtime - 1, f.stat().st_mtime - 1))
    assert len(list((tmp_path / "cache").glob("data-*.json"))) == cache.KEEP

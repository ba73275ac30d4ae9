"""diff and history on fixture states with known law changes (boundaries, no-point change, repeal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES


@pytest.fixture
def states(tmp_path: Path) -> Path:
    """VT fixture plus a change that moves no points (2018: youth 21 -> 22) and a repeal
    (2020-01-01: arrest and detention no longer barred)."""
    text = (FIXTURE_STATES / "VT.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '      value: 21\n      citations:\n        - {title: "Fixture Stat. § 2 (youth_extension_age)", href: "https://example.org/fixture/2"}\n      confidence: medium\n',
        '      value: 21\n      citations:\n        - {title: "Fixture Stat. § 2 (youth_extension_age)", href: "https://example.org/fixture/2"}\n      confidence: medium\n'
        '    - since: "2018-07-01"\n      bill: "H 9, 2018"\n      value: 22\n      citations:\n        - {title: "Fixture Stat. § 3", href: "https://example.org/fixture/3"}\n      confidence: high\n',
    )
    text = text.replace(
        '      value: true\n      citations:\n        - {title: "Fixture Stat. § 2 (arrest_and_detention_barred)", href: "https://example.org/fixture/2"}\n      confidence: medium\n',
        '      value: true\n      citations:\n        - {title: "Fixture Stat. § 2 (arrest_and_detention_barred)", href: "https://example.org/fixture/2"}\n      confidence: medium\n'
        '    - since: "2020-01-01"\n      bill: "S 4, 2019"\n      value: false\n      citations:\n        - {title: "Fixture Stat. § 4 (repeal)", href: "https://example.org/fixture/4"}\n      confidence: high\n',
    )
    assert text.count("since:") == 2 * 17 + 1 + 2  # 17 changed facts, 1 unchanged, 2 new entries
    (tmp_path / "VT.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "WY.yaml").write_text((FIXTURE_STATES / "WY.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_diff_json_links_points_to_law_changes(run, states) -> None:
    result = run("diff", "VT", "2016", "2020", "-f", "json", "--states", str(states))
    assert result.exit_code == 0, result.stderr
    d = json.loads(result.stdout)
    assert (d["from"], d["to"], d["before"]["total"], d["after"]["total"]) == ("2016-12-31", "2020-12-31", 90, 83)
    assert [(c["id"], c["old"], c["new"]) for c in d["criteria"]] == [("NC2", 7, 0)]
    (cause,) = d["criteria"][0]["causes"]
    assert cause == {
        "fact": "arrest_and_detention_barred", "old": True, "new": False, "since": "2020-01-01", "bill": "S 4, 2019",
        "citations": [{"title": "Fixture Stat. § 4 (repeal)", "href": "https://example.org/fixture/4"}], "moved_points": True,
    }  # fmt: skip
    assert [(c["fact"], c["old"], c["new"], c["moved_points"]) for c in d["changes_without_points"]] == [
        ("youth_extension_age", 21, 22, False)
    ]


@pytest.mark.parametrize(
    ("start", "end", "changed"),
    [
        ("2015-06-30", "2015-07-01", True),  # the day before and the day of the 2015 change
        ("2015-07-01", "2015-07-02", False),  # the day after: nothing new
        ("2019-12-31", "2020-01-01", True),  # the repeal's boundary
    ],
)
def test_diff_boundaries(run, states, start, end, changed) -> None:
    d = json.loads(run("diff", "VT", start, end, "-f", "json", "--states", str(states)).stdout)
    assert bool(d["criteria"]) is changed


def test_diff_markdown_golden(run, states, golden) -> None:
    golden("diff-VT-2014-2020.md", run("diff", "VT", "2014", "2020", "-f", "markdown", "--states", str(states)).stdout)


def test_diff_all_and_counts(run, states) -> None:
    d = json.loads(run("diff", "--all", "2014", "2020", "-f", "json", "--states", str(states)).stdout)
    assert d["changed"] == [
        {
            "code": "VT",
            "name": "Vermont",
            "before": {"total": 0, "grade": "F", "incomplete": False},
            "after": {"total": 83, "grade": "B", "incomplete": True},
            "change": 83,
        }
    ]
    assert d["grade_counts"]["F"] == {"from": 2, "to": 1}
    assert d["grade_counts"]["B"] == {"from": 0, "to": 1}


def test_history_rows_bills_and_csv(run, states) -> None:
    d = json.loads(run("history", "VT", "--from", "2014", "--to", "2020", "-f", "json", "--states", str(states)).stdout)
    assert [(y["year"], y["total"], y["rank"]) for y in d["years"]] == [
        (2014, 0, 1),
        (2015, 90, 1),
        (2016, 90, 1),
        (2017, 90, 1),
        (2018, 90, 1),
        (2019, 90, 1),
        (2020, 83, 1),
    ]
    assert d["years"][1]["bills"] == ["H 1, 2015"]
    assert d["years"][4]["bills"] == ["H 9, 2018"]
    assert d["years"][6]["bills"] == ["S 4, 2019"]
    table = run("history", "VT", "--from", "2014", "--to", "2020", "--states", str(states)).stdout
    assert "▁▇▇▇▇▇▇" in table.splitlines()[0]
    csv_lines = run(
        "history", "VT", "--from", "2019", "--to", "2020", "-f", "csv", "--states", str(states)
    ).stdout.splitlines()
    assert csv_lines == [
        "code,year,as_of,total,grade,incomplete,rank,bills",
        "VT,2019,2019-12-31,90,A,true,1,",
        'VT,2020,2020-12-31,83,B,true,1,"S 4, 2019"',
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", "VT", "2020", "2016"], "safeharbor: error: FROM 2020-12-31 is after TO 2016-12-31\n"),
        (["diff", "VT", "2007", "2016"], "safeharbor: error: FROM 2007 is out of range: the data covers 2008 to "),
        (["diff", "VT", "2016"], "safeharbor: error: give STATE FROM TO, e.g. safeharbor diff TX 2010 2020\n"),
        (["diff", "--all", "2016", "2099"], "safeharbor: error: TO 2099 is out of range: the data covers 2008 to "),
        (
            ["diff", "VT", "2016", "last year"],
            "safeharbor: error: TO 'last year' is neither a year (2015) nor a date written YYYY-MM-DD\n",
        ),
        (["history", "VT", "--from", "2020", "--to", "2010"], "safeharbor: error: --from 2020 is after --to 2010\n"),
    ],
)
def test_bad_input(run, states, args, message) -> None:
    result = run(*args, "--states", str(states))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(message)


def test_a_recited_unchanged_value_is_not_a_law_change() -> None:
    import datetime as dt

    from safeharbor_cli.changes import law_changes
    from safeharbor_cli.states import Citation, Entry, StateData, Timeline

    cite = (Citation("Fixture", "https://example.org/x"),)
    entries = (
        Entry(dt.date(2008, 1, 1), False, cite, "high"),
        Entry(dt.date(2012, 1, 1), False, cite, "high", bill="re-cited"),
        Entry(dt.date(2014, 1, 1), True, cite, "high", bill="changed"),
    )
    state = StateData(
        "VT", "Vermont", dt.date(2026, 1, 1), "VT.yaml", {"mandatory_referral": Timeline("mandatory_referral", entries)}
    )
    found = law_changes(state, dt.date(2010, 1, 1), dt.date(2020, 1, 1))
    assert [(c.entry.bill, c.old, c.new) for c in found] == [("changed", False, True)]

"""safeharbor explain and whatif on hand-worked cases, with exact error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES, state_file
from test_export import VT_2015

FIX = ["--states", str(FIXTURE_STATES)]

# VT 2015 with four criteria lowered: NC3 6 -> 2, NC5 5 -> 0, AS6 2 -> 0, YX1 3 -> 0, ID2 decided at 0:
# 90 - 4 - 5 - 2 - 3 = 76, a C; the next grade, B, starts at 80: 4 points short.
C_STATE = dict(
    VT_2015,
    juvenile_court_routing="status_offense",
    juvenile_record_relief="none",
    services_funding="none",
    youth_extension_age=18,
    screening_child_welfare=False,
    screening_juvenile_justice=False,
)


@pytest.fixture
def c_states(tmp_path: Path) -> list[str]:
    state_file(tmp_path, "VT", "Vermont", C_STATE)
    return ["--states", str(tmp_path)]


def test_criterion_explanation_matches_golden(run, golden) -> None:
    result = run("explain", "vt", "nc4", "--year", "2015", *FIX)
    assert result.exit_code == 0, result.stderr
    golden("explain-VT-NC4-2015.txt", result.stdout)


def test_criterion_explanation_is_hand_checked(run) -> None:
    # other_offenses_protection immunity, scope listed: level 1 needs nonviolent (not met), level 2 met: 5 of 7
    data = json.loads(run("explain", "VT", "NC4", "--year", "2015", "-f", "json", *FIX).stdout)
    assert (data["points"], data["level"], data["decided"]) == (5, 2, True)
    assert [lv["result"] for lv in data["levels"]] == ["not_met", "met", "met"]
    assert [lv["scored"] for lv in data["levels"]] == [False, True, False]
    leaves = data["levels"][0]["condition"]["children"]
    assert [(x["fact"], x["value"], x["result"]) for x in leaves] == [
        ("other_offenses_protection", "immunity", "met"),
        ("other_offenses_scope", "listed", "not_met"),
    ]
    assert leaves[1]["entry"] == {
        "since": "2015-07-01",
        "bill": "H 1, 2015",
        "confidence": "medium",
        "citations": [{"title": "Fixture Stat. § 2 (other_offenses_scope)", "href": "https://example.org/fixture/2"}],
    }
    assert data["recommendation"].startswith("Make minors immune for every non-violent offense")


def test_full_points_have_no_recommendation(run) -> None:
    data = json.loads(run("explain", "VT", "NC1", "--year", "2015", "-f", "json", *FIX).stdout)
    assert (data["points"], data["recommendation"]) == (18, None)
    assert "Recommendation" not in run("explain", "VT", "NC1", "--year", "2015", *FIX).stdout


def test_undecided_criterion_shows_the_unknown(run) -> None:
    out = run("explain", "VT", "ID2", "--year", "2015", *FIX).stdout
    assert "Scored 0 of 6 points: Undecided: screening_juvenile_justice unknown; scored 0 until coded." in out
    assert "[unknown] screening_juvenile_justice is true: value unknown;" in out
    assert "  undecided: level 1 is unknown (screening_juvenile_justice unknown)" in out


def test_next_grade_cheapest_changes_first(run, c_states) -> None:
    data = json.loads(run("explain", "VT", "-f", "json", "--year", "2020", *c_states).stdout)
    assert (data["total"], data["grade"], data["next_grade"], data["points_needed"]) == (76, "C", "B", 4)
    got = [([(c["fact"], c["from"], c["to"]) for c in o["changes"]], o["total"]) for o in data["options"]]
    assert got == [
        ([("juvenile_court_routing", "status_offense", "dependency")], 80),  # one step up
        ([("juvenile_court_routing", "status_offense", "none")], 82),
        ([("juvenile_record_relief", "none", "vacatur")], 81),
        ([("services_funding", "none", "dedicated")], 81),
        ([("youth_extension_age", 18, 25)], 81),
    ]
    assert data["options"][0]["criteria"] == [{"id": "NC3", "from": 2, "to": 6}]


def test_next_grade_needs_several_changes(run) -> None:
    # WY: every fact at its least protective value. The seven biggest single-fact gains
    # (9+9+8+8+8+8+7 = 57) fall short of D's 60, and so does full NC1 (2 facts, 18) with the five
    # biggest others (9+8+8+8+8 = 41 -> 59): the cheapest set has 8 changes.
    data = json.loads(run("explain", "WY", "-f", "json", "--year", "2015", *FIX).stdout)
    assert (data["total"], data["next_grade"]) == (0, "D")
    costs = [len(o["changes"]) for o in data["options"]]
    assert costs[0] == 8 and costs == sorted(costs) and len(costs) == 5
    assert all(o["total"] >= 60 for o in data["options"])


def test_next_grade_text(run, golden, c_states) -> None:
    result = run("explain", "Vermont", "--year", "2020", *c_states)
    assert result.exit_code == 0
    golden("explain-next-C.txt", result.stdout)


def test_top_grade(run) -> None:
    out = run("explain", "VT", "--year", "2015", *FIX).stdout
    assert "A is the top grade; 5 criteria still withhold points:" in out
    assert "  ID2 Agencies must screen for trafficking: 0/6" in out


def test_explain_real_state_every_criterion(run) -> None:
    from safeharbor_cli.dataset import load_dataset

    for c in load_dataset().rubric.criteria:
        result = run("explain", "TX", c.id, "--year", "2020")
        assert result.exit_code == 0 and f"Texas (TX) · {c.id} " in result.stdout
    assert run("explain", "TX").exit_code == 0


# ------------------------------------------------------------------------------------------------
# whatif


def test_whatif_hand_worked(run) -> None:
    # VT on 2014-12-31: every fact least protective, total 0 (tied with WY for rank 1).
    # immunity + protection under 18 (requires_trafficking_proof is already false): NC1 0 -> 18.
    args = ["whatif", "VT", "--year", "2014", "--set", "prostitution_response=immunity"]
    data = json.loads(run(*args, "--set", "prostitution_protected_under=18", "-f", "json", *FIX).stdout)
    assert data["before"] == {"total": 0, "max": 100, "grade": "F", "incomplete": False, "rank": 1}
    assert data["after"] == {"total": 18, "max": 100, "grade": "F", "incomplete": False, "rank": 1}
    assert data["changes"] == [
        {"fact": "prostitution_response", "from": "none", "to": "immunity"},
        {"fact": "prostitution_protected_under", "from": 0, "to": 18},
    ]
    assert [(c["id"], c["from"], c["to"]) for c in data["criteria"]] == [("NC1", 0, 18)]
    # immunity alone is limited by age (protected under 0): the 9-point level
    data = json.loads(run(*args, "-f", "json", *FIX).stdout)
    assert [(c["id"], c["from"], c["to"]) for c in data["criteria"]] == [("NC1", 0, 9)]


def test_whatif_can_lower_and_rerank(run) -> None:
    # WY 2015 (0) takes full NC and ID2; VT (90) loses its NC1 immunity
    out = run("whatif", "VT", "--year", "2015", "-s", "prostitution_response=none", *FIX)
    data = json.loads(
        run("whatif", "VT", "--year", "2015", "-s", "prostitution_response=none", "-f", "json", *FIX).stdout
    )
    assert (data["before"]["total"], data["after"]["total"], data["after"]["grade"]) == (90, 72, "C")
    assert "After:  C* 72/100    rank 1 of 2  (-18 points)" in out.stdout


def test_whatif_text_golden(run, golden) -> None:
    result = run(
        "whatif",
        "VT",
        "--year",
        "2015",
        "--set",
        "screening_juvenile_justice=true",
        "--set",
        "services_funding=dedicated",
        *FIX,
    )
    assert result.exit_code == 0
    golden("whatif-VT-2015.txt", result.stdout)


@pytest.mark.parametrize(
    ("sets", "message"),
    [
        (
            ["prostitution_response=immunty"],
            "--set prostitution_response=immunty: 'immunty' is not a value of prostitution_response; did you mean "
            "'immunity'? (allowed: none, affirmative_defense, diversion, immunity, unknown)",
        ),
        (
            ["prostitution_respons=immunity"],
            "--set prostitution_respons=immunity: unknown fact 'prostitution_respons' (did you mean "
            "'prostitution_response'?); 'safeharbor facts' lists them",
        ),
        (["immunity"], "--set 'immunity': write FACT=VALUE, e.g. --set prostitution_response=immunity"),
        (["arrest_and_detention_barred=yes"], "--set arrest_and_detention_barred=yes: arrest_and_detention_barred takes true, false or unknown, not 'yes'"),
        (["youth_extension_age=30"], "--set youth_extension_age=30: youth_extension_age must be between 18 and 26, not 30"),
        (["youth_extension_age=old"], "--set youth_extension_age=old: youth_extension_age takes a whole number or unknown, not 'old'"),
        (["services_funding=none", "services_funding=dedicated"], "--set services_funding is given twice"),
        ([], "give at least one --set FACT=VALUE, e.g. --set prostitution_response=immunity"),
    ],
)  # fmt: skip
def test_whatif_bad_sets_are_one_line_exit_2(run, sets, message) -> None:
    args = [x for s in sets for x in ("--set", s)]
    result = run("whatif", "VT", *args, *FIX)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"safeharbor: error: {message}\n"


def test_explain_unknown_criterion_is_exit_2(run) -> None:
    result = run("explain", "VT", "NC9", *FIX)
    assert result.exit_code == 2
    assert result.stderr.startswith("safeharbor: error: unknown criterion 'NC9' (did you mean 'NC")
    assert result.stderr.endswith(
        "the criteria are NC1, NC2, NC3, NC4, NC5, ID1, ID2, AS1, AS2, AS3, AS4, AS5, AS6, YX1\n"
    )
    assert run("explain", "XX", *FIX).exit_code == 2


def test_whatif_accepts_any_case_marks_no_change_and_names_undecided(run) -> None:
    out = run("whatif", "VT", "--year", "2015", "--set", "prostitution_response=IMMUNITY", *FIX).stdout
    assert "prostitution_response  immunity -> immunity  (no change)" in out
    assert "No criterion moves." in out
    # VT 2015: ID2 is undecided (screening_juvenile_justice unknown); setting child welfare keeps it so
    out = run("whatif", "VT", "--year", "2015", "--set", "screening_child_welfare=false", *FIX).stdout
    assert "ID2 is undecided (scored 0): screening_juvenile_justice unknown; try --set for it too." in out
    assert "Criteria that move:" not in out  # no heading without rows
    out = run("whatif", "VT", "--year", "2015", "--set", "mandatory_referral=unknown", *FIX).stdout
    assert "AS1 is undecided (scored 0): mandatory_referral unknown.\n" in out  # no hint to set what was set


def test_explain_area_id_and_options_misuse(run) -> None:
    result = run("explain", "VT", "nc", *FIX)
    assert (
        result.stderr
        == "safeharbor: error: NC is an area (Non-criminalization), not a criterion; its criteria are NC1, NC2, NC3, NC4, NC5\n"
    )
    result = run("explain", "VT", "NC1", "--options", "3", *FIX)
    assert (result.exit_code, result.stderr) == (
        2,
        "safeharbor: error: --options lists sets of changes for the next grade; it takes no CRITERION\n",
    )


def test_facts_command_lists_the_vocabulary(run) -> None:
    out = run("facts").stdout
    assert out.startswith(
        "prostitution_response (enum, core): none < affirmative_defense < diversion < immunity | unknown\n"
    )
    assert "youth_extension_age (int): 18 .. 26 (higher protects more) | unknown" in out
    data = json.loads(run("facts", "-f", "json").stdout)
    assert [f["id"] for f in data][:2] == ["prostitution_response", "prostitution_protected_under"]
    assert data[3] == {**data[3], "type": "bool", "values": [False, True]}
    assert {k: data[1][k] for k in ("type", "min", "max", "protective")} == {
        "type": "int",
        "min": 0,
        "max": 18,
        "protective": "higher",
    }
    assert "values" not in data[1]


def test_usage_lines_show_plain_argument_names(run) -> None:
    assert run("whatif", "--help").stdout.startswith("Usage: safeharbor whatif [OPTIONS] STATE\n")
    assert run("explain", "--help").stdout.startswith("Usage: safeharbor explain [OPTIONS] STATE [CRITERION]\n")


def test_top_grade_with_full_points(run, tmp_path) -> None:
    values = dict(VT_2015, screening_juvenile_justice=True, other_offenses_scope="all", juvenile_court_routing="none")
    values.update(services_funding="dedicated", youth_extension_age=25)
    state_file(tmp_path, "VT", "Vermont", values)
    out = run("explain", "VT", "--year", "2020", "--states", str(tmp_path)).stdout
    assert "A is the top grade and every criterion has its full points." in out


def test_fewer_options_than_asked_are_explained(run, c_states) -> None:
    out = run("explain", "VT", "--year", "2020", "--options", "50", *c_states).stdout
    assert "sets of changes cost at most one change more than the cheapest." in out

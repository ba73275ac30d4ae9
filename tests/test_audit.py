"""`safeharbor audit`: provenance counts, hand-computed on the fixture states."""

from __future__ import annotations

import json

from conftest import FIXTURE_STATES, write

FIX = ["--states", str(FIXTURE_STATES)]


def test_audit_json_counts(run) -> None:
    result = run("audit", "--as-of", "2016-01-01", "-f", "json", *FIX)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    vt, wy = data["jurisdictions"]
    # VT: 17 facts changed on 2015-07-01 (medium, each with a bill); the 18th kept its high baseline;
    # screening_juvenile_justice became unknown.
    assert vt == {
        "code": "VT", "name": "Vermont", "facts": 18,
        "confidence": {"high": 1, "medium": 16, "low": 0},
        "unknown": 1, "unknown_facts": ["screening_juvenile_justice"], "unknown_core_facts": [],
        "entries": 35, "changes": 17, "changes_without_bill": 0, "verified_on": "2026-01-01",
    }  # fmt: skip
    assert (wy["confidence"], wy["unknown"], wy["entries"], wy["changes"]) == (
        {"high": 0, "medium": 18, "low": 0},
        0,
        18,
        0,
    )
    assert data["total"]["confidence"] == {"high": 1, "medium": 34, "low": 0}
    assert (
        data["total"]["code"],
        data["total"]["unknown"],
        data["total"]["entries"],
        data["total"]["verified_on"],
    ) == ("ALL", 1, 53, "2026-01-01")
    assert data["core_facts"] == [
        "prostitution_response",
        "prostitution_protected_under",
        "prostitution_protection_requires_trafficking_proof",
        "juvenile_court_routing",
    ]


def test_audit_before_the_change_and_state_selection(run) -> None:
    data = json.loads(run("audit", "vermont", "--as-of", "2015-06-30", "-f", "json", *FIX).stdout)
    assert [j["code"] for j in data["jurisdictions"]] == ["VT"]
    assert data["jurisdictions"][0]["confidence"] == {"high": 18, "medium": 0, "low": 0}


def test_audit_csv_and_table(run, golden) -> None:
    csv_out = run("audit", "--as-of", "2016-01-01", "-f", "csv", *FIX).stdout.splitlines()
    assert (
        csv_out[0]
        == "code,name,facts,high,medium,low,unknown,unknown_facts,unknown_core_facts,entries,changes,changes_without_bill,verified_on"
    )
    assert csv_out[-1] == "ALL,2 jurisdictions,36,1,34,0,1,VT:screening_juvenile_justice,,53,17,0,2026-01-01"
    golden("audit-2016.table.txt", run("audit", "--as-of", "2016-01-01", *FIX).stdout)


def test_strict_fails_on_an_unknown_core_fact(run, tmp_path) -> None:
    text = (FIXTURE_STATES / "VT.yaml").read_text(encoding="utf-8")
    write(tmp_path, "VT.yaml", text.replace("value: immunity", 'value: unknown\n      note: "searched nothing"', 1))
    ok = run("audit", "--as-of", "2015-01-01", "--strict", "--states", str(tmp_path))
    assert ok.exit_code == 0
    result = run("audit", "--as-of", "2016-01-01", "--strict", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == "safeharbor: 1 core fact(s) unknown: VT:prostitution_response\n"


def test_audit_unknown_state_is_usage_error(run) -> None:
    result = run("audit", "Texsas", *FIX)
    assert result.exit_code == 2
    assert "did you mean 'Texas'" in result.stderr


def test_audit_on_an_empty_directory_fails(run, tmp_path) -> None:
    result = run("audit", "--strict", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"safeharbor: error: no state files (*.yaml) in {tmp_path}\n"


def test_audit_json_total_uses_the_same_types_as_rows(run) -> None:
    data = json.loads(run("audit", "--as-of", "2016-01-01", "-f", "json", *FIX).stdout)
    assert data["total"]["unknown_facts"] == ["VT:screening_juvenile_justice"]
    assert data["total"]["unknown_core_facts"] == []

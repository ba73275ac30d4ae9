"""safeharbor export: golden panels, fixed columns, formula neutralisation, atomic writes, round trips."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES, ROOT, state_file
from safeharbor_cli import export as ex
from safeharbor_cli.dataset import load_dataset

FIX = ["--states", str(FIXTURE_STATES)]

VT_2015 = {
    "prostitution_response": "immunity", "prostitution_protected_under": 18,
    "prostitution_protection_requires_trafficking_proof": False, "arrest_and_detention_barred": True,
    "juvenile_court_routing": "dependency", "other_offenses_protection": "immunity",
    "other_offenses_scope": "listed", "juvenile_record_relief": "vacatur",
    "victim_definition_no_third_party": True, "screening_child_welfare": True,
    "screening_juvenile_justice": "unknown", "mandatory_referral": True, "child_welfare_nonfamilial": True,
    "specialized_services": "statewide", "services_regardless_of_system": True,
    "community_based_services": True, "services_funding": "subject_to_appropriation", "youth_extension_age": 21,
}  # fmt: skip


@pytest.mark.parametrize(
    ("args", "golden_name"),
    [
        (["--years", "2014-2015"], "export-grades-2014-2015.csv"),
        (["--years", "2014-2015", "--what", "criteria"], "export-criteria-2015.csv"),
        (["--year", "2015", "--what", "facts"], "export-facts-2015.csv"),
        (["--year", "2015", "--what", "facts", "--format", "json"], "export-facts-2015.json"),
        (["--year", "2015", "--format", "jsonl"], "export-grades-2015.jsonl"),
    ],
)
def test_export_matches_golden_files(run, golden, args, golden_name) -> None:
    result = run("export", *args, *FIX)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    golden(golden_name, result.stdout)


def test_grades_rows_are_hand_checked(run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--years", "2014-2015", *FIX).stdout)))
    got = [(r["code"], r["year"], r["as_of"], r["total"], r["grade"], r["incomplete"], r["rank"]) for r in rows]
    assert got == [
        ("VT", "2014", "2014-12-31", "0", "F", "false", "1"),
        ("WY", "2014", "2014-12-31", "0", "F", "false", "1"),
        ("VT", "2015", "2015-12-31", "90", "A", "true", "1"),
        ("WY", "2015", "2015-12-31", "0", "F", "false", "2"),
    ]
    vt = rows[2]
    # NC: 18 + 7 + 6 + 5 + 5; ID2 undecided (screening_juvenile_justice unknown)
    assert (vt["area_NC"], vt["area_ID"], vt["NC3"], vt["NC4"], vt["ID2"], vt["YX1"]) == ("41", "9", "6", "5", "0", "3")


def test_columns_are_fixed_and_documented_in_readme() -> None:
    data = load_dataset(FIXTURE_STATES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in ex.KINDS:
        header = ",".join(ex.columns(kind, data))
        if kind == "grades":
            header = ",".join(ex.GRADES_COLUMNS)
        assert header in readme, f"README.md does not list the {kind} columns: {header}"


def test_state_filter_keeps_national_rank(run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "wyoming", "--year", "2015", *FIX).stdout)))
    assert [(r["code"], r["rank"]) for r in rows] == [("WY", "2")]


def test_formula_cells_are_neutralised(run, tmp_path: Path) -> None:
    values = dict(VT_2015, screening_juvenile_justice=True)
    state_file(tmp_path, "VT", "Vermont", values, title='=HYPERLINK("https://evil.example","x")', bill="+1 SUM(A1)")
    out = run("export", "--year", "2015", "--what", "facts", "--states", str(tmp_path)).stdout
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["citation_titles"] == '\'=HYPERLINK("https://evil.example","x")'
    assert row["bill"] == "'+1 SUM(A1)"
    for line in out.splitlines()[1:]:
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"), ("+44", "'+44"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("'quoted", "''quoted"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
    ],
)  # fmt: skip
def test_neutralise_and_restore(text: str, shown: str) -> None:
    assert ex.neutralise(text) == shown
    assert ex.restore(shown) == text


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_facts_panel_round_trips_exactly(fmt: str, tmp_path: Path) -> None:
    values = dict(VT_2015, screening_juvenile_justice=True)
    state_file(tmp_path, "VT", "Vermont", values, title="=odd; title? no: 'quoted'", bill="-1")
    for states in (tmp_path, FIXTURE_STATES, ROOT / "states"):
        data = load_dataset(states)
        years = [2008, 2015, 2020]
        rows = list(ex.rows("facts", data, years))
        text = "".join(ex.render(rows, ex.columns("facts", data), fmt))
        assert ex.read_facts(text, fmt, data.vocab) == [{c: r[c] for c in ex.FACTS_COLUMNS} for r in rows]


def test_output_file_is_written_atomically_and_reported(run, tmp_path: Path) -> None:
    out = tmp_path / "panel.csv"
    out.write_text("old\n")
    result = run("export", "--years", "2014-2015", "-o", str(out), *FIX)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"safeharbor: wrote 4 rows (grades, 2014-2015, csv) to {out}\n"
    assert out.read_text().startswith("code,name,year,as_of,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["panel.csv"]


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_interrupted_export_leaves_old_file_intact(run, tmp_path: Path, monkeypatch, error) -> None:
    out = tmp_path / "panel.csv"
    out.write_text("old contents\n")
    real_rows = ex.rows

    def failing(*args, **kwargs):
        for i, row in enumerate(real_rows(*args, **kwargs)):
            if i == 1:
                raise error
            yield row

    monkeypatch.setattr(ex, "rows", failing)
    if isinstance(error, KeyboardInterrupt):  # Ctrl-C: one line, exit 130
        result = run("export", "--years", "2014-2015", "-o", str(out), *FIX)
        assert (result.exit_code, result.stderr) == (130, "safeharbor: interrupted\n")
    else:  # a bug: propagates (main() turns it into one 'internal error' line)
        with pytest.raises(RuntimeError):
            run("export", "--years", "2014-2015", "-o", str(out), *FIX)
    assert out.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["panel.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "2015-2010"], "--years 2015-2010 runs backwards: write it 2010-2015"),
        (["--years", "2007-2010"], "--years 2007-2010 is out of range: the data covers 2008 to {last}"),
        (["--years", "twenty"], "--years 'twenty': give a range of years such as 2008-{last}"),
        (["--year", "2010", "--years", "2010-2011"], "give --year or --years, not both"),
        (["--what", "rows"], None),
        (["-o", "{tmp}/missing/panel.csv"], "-o {tmp}/missing/panel.csv: directory {tmp}/missing does not exist"),
        (["-o", "{tmp}"], "-o {tmp}: is a directory; give a file name"),
        (["XX"], None),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(run, tmp_path: Path, args, message) -> None:
    import datetime as dt

    last = dt.date.today().year
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    before = sorted(tmp_path.rglob("*"))
    result = run("export", *args, *FIX)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("safeharbor: error: ")
    if message:
        assert lines[0] == "safeharbor: error: " + message.format(last=last, tmp=tmp_path)
    assert sorted(tmp_path.rglob("*")) == before


def test_full_real_panel_every_kind(run) -> None:
    import datetime as dt

    years = dt.date.today().year - 2008 + 1
    for kind, per in (("grades", 1), ("criteria", 14), ("facts", 18)):
        text = run("export", "--what", kind, "--format", "jsonl").stdout
        rows = [json.loads(line) for line in text.splitlines()]
        assert len(rows) == 51 * years * per
    assert re.match(r"^code,name,year,", run("export", "--year", "2020").stdout)


def test_check_refuses_citation_titles_with_the_separator(run, tmp_path: Path) -> None:
    path = state_file(tmp_path, "VT", "Vermont", dict(VT_2015), title="A § 1 | B § 2")
    result = run("check", "--states", str(tmp_path))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == f"{path}:10:19: a citation title is one line without ' | ' (export joins citations with it)"


def test_format_follows_the_output_extension(run, tmp_path: Path) -> None:
    out = tmp_path / "panel.jsonl"
    result = run("export", "--year", "2015", "-o", str(out), *FIX)
    assert result.stderr == f"safeharbor: wrote 2 rows (grades, 2015, jsonl) to {out}\n"
    assert [json.loads(line)["code"] for line in out.read_text().splitlines()] == ["VT", "WY"]
    out = tmp_path / "panel.json"
    run("export", "--year", "2015", "-o", str(out), "--format", "csv", *FIX)  # an explicit format wins
    assert out.read_text().startswith("code,name,")


def test_dash_is_stdout_and_a_symlink_keeps_pointing_at_the_replaced_file(run, tmp_path: Path) -> None:
    assert run("export", "--year", "2015", "-o", "-", *FIX).stdout.startswith("code,name,")
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run("export", "--year", "2015", "-o", str(link), *FIX).exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("code,name,")
    assert real.stat().st_mode & 0o777 == 0o640  # permissions kept


def test_a_named_pipe_is_written_not_replaced(run, tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    result = run("export", "--year", "2015", "-o", str(fifo), *FIX)
    reader.join(timeout=10)
    assert result.exit_code == 0
    assert got and got[0].startswith("code,name,")
    assert fifo.is_fifo()


def test_sigterm_during_export_leaves_no_temporary_file(run, tmp_path: Path, monkeypatch) -> None:
    import os
    import signal

    out = tmp_path / "panel.csv"
    out.write_text("old contents\n")
    real_rows = ex.rows

    def terminated(*args, **kwargs):
        for i, row in enumerate(real_rows(*args, **kwargs)):
            if i == 1:
                os.kill(os.getpid(), signal.SIGTERM)
            yield row

    monkeypatch.setattr(ex, "rows", terminated)
    result = run("export", "--years", "2014-2015", "-o", str(out), *FIX)
    assert result.exit_code == 128 + signal.SIGTERM
    assert out.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["panel.csv"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handler restored


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "-o .: is a directory; give a file name"),  # Path("") is "."
        ("{tmp}/afile/x.csv", "-o {tmp}/afile/x.csv: {tmp}/afile is a file, not a directory"),
    ],
)
def test_more_bad_output_paths(run, tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "afile").write_text("x")
    result = run("export", "-o", target.replace("{tmp}", str(tmp_path)), *FIX)
    assert (result.exit_code, result.stderr) == (2, f"safeharbor: error: {message.replace('{tmp}', str(tmp_path))}\n")


def test_control_characters_in_text_are_refused_so_csv_rows_stay_whole(run, tmp_path: Path) -> None:
    path = state_file(tmp_path, "VT", "Vermont", dict(VT_2015), title="mid\rcarriage")
    result = run("check", "--states", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:10:19: 'title' in a citation contains the control character '\\r'; delete it"
    )

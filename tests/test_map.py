"""safeharbor map: a deterministic SVG tile grid, parsed as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURE_STATES
from safeharbor_cli import svgmap
from safeharbor_cli.jurisdictions import NAMES

FIX = ["--states", str(FIXTURE_STATES)]
SVG = "{http://www.w3.org/2000/svg}"


def tiles(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    return {g.get("id")[5:]: g for g in root.iter(f"{SVG}g") if g.get("class") == "tile"}  # type: ignore[index]


def test_layout_has_every_jurisdiction_once_without_overlap() -> None:
    assert set(svgmap.LAYOUT) == set(NAMES)
    assert len(set(svgmap.LAYOUT.values())) == 51
    assert all(0 <= c < svgmap.COLS and 0 <= r < svgmap.ROWS for c, r in svgmap.LAYOUT.values())


def test_fixture_map_matches_golden_and_parses(run, golden) -> None:
    result = run("map", "--year", "2015", *FIX)
    assert result.exit_code == 0 and result.stderr == ""
    golden("map-2015.svg", result.stdout)
    found = tiles(result.stdout)
    assert len(found) == 51
    vt = found["VT"]
    assert vt.find(f"{SVG}title").text == (  # type: ignore[union-attr]
        "Vermont — A* (90/100), law as of 2015-12-31; incomplete: unknown facts scored 0"
    )
    assert [t.text for t in vt.iter(f"{SVG}text")] == ["VT", "A*"]
    assert vt.find(f"{SVG}rect").get("fill") == "#2c7bb6"  # type: ignore[union-attr]
    assert found["TX"].find(f"{SVG}title").text == "Texas — no data"  # type: ignore[union-attr]


def test_real_map_has_51_graded_tiles(run, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    result = run("map", "--year", "2020", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    found = tiles(out.read_text(encoding="utf-8"))
    assert len(found) == 51
    assert all(" — no data" not in g.find(f"{SVG}title").text for g in found.values())  # type: ignore[union-attr,operator]
    assert "rubric safe-harbor" in out.read_text().lower()
    assert run("map", "--year", "2020").stdout == out.read_text()  # deterministic


def test_by_area_colours_by_share(run) -> None:
    found = tiles(run("map", "--year", "2015", "--by", "nc", *FIX).stdout)
    vt = found["VT"]
    # NC: 18 + 7 + 6 + 5 + 5 = 41 of 45 -> the top fifth
    assert [t.text for t in vt.iter(f"{SVG}text")] == ["VT", "41/45"]
    assert vt.find(f"{SVG}rect").get("fill") == svgmap.SHARE_COLORS[-1]  # type: ignore[union-attr]
    assert vt.find(f"{SVG}title").text == "Vermont — Non-criminalization 41/45 (91%), law as of 2015-12-31"  # type: ignore[union-attr]
    assert run("map", "--by", "Access to services", *FIX).exit_code == 0


def test_grade_palette_is_ordered_and_distinct() -> None:
    from safeharbor_cli.dataset import load_dataset

    colors = svgmap.grade_colors(load_dataset(FIXTURE_STATES).rubric)
    assert list(colors) == ["F", "D", "C", "B", "A"]
    assert len(set(colors.values())) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "XX"], "--by 'XX' is not an area; the areas are NC (Non-criminalization), ID (Identification), "
         "AS (Access to services), YX (Extra credit - youth)"),
        (["-o", "{tmp}/nope/map.svg"], "-o {tmp}/nope/map.svg: directory {tmp}/nope does not exist"),
        (["-o", "{tmp}"], "-o {tmp}: is a directory; give a file name"),
        (["--year", "1999"], "--year 1999 is out of range: the data covers 2008 to {last}"),
    ],
)  # fmt: skip
def test_bad_input_exit_2_nothing_written(run, tmp_path: Path, args, message) -> None:
    import datetime as dt

    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run("map", *args, *FIX)
    assert (result.exit_code, result.stdout) == (2, "")
    expected = message.format(tmp=tmp_path, last=dt.date.today().year)
    assert result.stderr == f"safeharbor: error: {expected}\n"
    assert list(tmp_path.iterdir()) == []

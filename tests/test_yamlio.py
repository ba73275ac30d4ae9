"""The YAML reader: positions, duplicate keys, anchors, encodings, dates as strings."""

from __future__ import annotations

import pytest

from safeharbor_cli.problems import DataError
from safeharbor_cli.yamlio import MAX_BYTES, YList, YMap, load_file, parse_text


def problems_of(text: str) -> list[str]:
    with pytest.raises(DataError) as info:
        parse_text(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_positions_of_keys_values_and_items_are_one_based() -> None:
    data = parse_text("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert isinstance(data, YMap)
    assert data.at("a") == (1, 1)
    assert data.value_at("a") == (1, 4)
    assert isinstance(data["b"], YList)
    assert data["b"].at(1) == (4, 5)
    assert data["b"][1].at("c") == (4, 6)


def test_dates_stay_strings() -> None:
    data = parse_text("since: 2011-09-01\nbad: 2021-02-30\n", "f.yaml")
    assert data["since"] == "2011-09-01"
    assert data["bad"] == "2021-02-30"


def test_duplicate_keys_are_errors_at_every_level() -> None:
    assert problems_of("a: 1\nb: 2\na: 3\n") == ["f.yaml:3:1: duplicate key 'a' (first defined on line 1)"]
    assert problems_of("x:\n  - k: 1\n    k: 2\n") == ["f.yaml:3:5: duplicate key 'k' (first defined on line 2)"]


def test_non_string_keys_are_errors() -> None:
    assert problems_of("on: 1\n") == [
        "f.yaml:1:1: key true is not text: YAML reads unquoted on/off/yes/no as true/false; quote it"
    ]
    assert problems_of("1: a\n") == ["f.yaml:1:1: key 1 is not text; quote it"]


def test_anchors_and_aliases_are_refused() -> None:
    assert problems_of("a: &x 1\nb: *x\n") == [
        "f.yaml:1:4: YAML anchor &x is not allowed in data files; write the value out in full"
        " (1 more anchors/aliases in this file)",
    ]


def test_numbers_are_read_only_when_written_plainly() -> None:
    text = "a: 25\nb: -3\nc: 025\nd: 0x19\ne: 2_5\nf: 1:30\ng: 1.10\nh: 0\n"
    assert parse_text(text, "f.yaml") == {
        "a": 25, "b": -3, "c": "025", "d": "0x19", "e": "2_5", "f": "1:30", "g": "1.10", "h": 0,
    }  # fmt: skip


def test_deep_nesting_is_refused_without_recursion() -> None:
    (line,) = problems_of("a: " + "[" * 500 + "]" * 500 + "\n")
    assert line == "f.yaml:1:67: nested more than 64 levels deep"


def test_control_characters_and_nbsp_are_located() -> None:
    assert problems_of('a: 1\nb: "x\x07"\n') == ["f.yaml:2:6: control character '\\x07' in the file; delete it"]
    assert problems_of("a:\n\u00a0 b: 1\n") == [
        "f.yaml:2:1: a non-breaking space in the indentation; type ordinary spaces"
    ]


def test_ampersand_in_text_is_fine() -> None:
    assert parse_text('note: "Q&A * notes"\n', "f.yaml") == {"note": "Q&A * notes"}


def test_syntax_error_names_line_and_column() -> None:
    (line,) = problems_of("a: [1, 2\nb: 3\n")
    assert line.startswith("f.yaml:2:2: YAML syntax error:")


def test_tab_indentation_is_a_syntax_error() -> None:
    (line,) = problems_of("a:\n\tb: 1\n")
    assert line.startswith("f.yaml:2:1: YAML syntax error:")


def test_empty_file() -> None:
    assert problems_of("# only a comment\n") == ["f.yaml:1:1: file is empty"]


def test_several_documents_are_refused() -> None:
    (line,) = problems_of("a: 1\n---\nb: 2\n")
    assert "expected a single document" in line


def test_bom_non_utf8_and_size(tmp_path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: 1\n")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    messages = []
    for path in (bom, latin, big, tmp_path / "missing.yaml", tmp_path):
        with pytest.raises(DataError) as info:
            load_file(path, path.name)
        messages.append(str(info.value.problems[0]))
    assert messages == [
        "bom.yaml:1:1: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        "latin.yaml:2:7: file is not valid UTF-8 (byte 0xe9)",
        f"big.yaml:1:1: file is {MAX_BYTES + 4} bytes; data files are limited to 1 MiB",
        "missing.yaml: file not found",
        f"{tmp_path.name}: is a directory, not a YAML file",
    ]


def test_syntax_error_names_where_the_construct_started() -> None:
    (line,) = problems_of("a: 1\nname: [Texas\nb: 2\n")
    assert (
        line
        == "f.yaml:3:2: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence); it started on line 2"
    )


def test_a_comment_cutting_an_unquoted_text_value_is_an_error() -> None:
    assert problems_of("bill: 2011 Vt. Acts #55\n") == [
        "f.yaml:1:21: '#55' after the unquoted bill is read as a YAML comment and dropped;"
        " put the whole value in quotes"
    ]
    assert parse_text('bill: "2011 Vt. Acts #55"\nvalue: none  # a comment on a value is fine\n', "f.yaml") == {
        "bill": "2011 Vt. Acts #55",
        "value": "none",
    }

"""Read hand-edited YAML safely, keeping the line of every key and item.

- PyYAML's safe loader (the C one when libyaml is present); nothing in a file is ever executed.
- Dates stay strings (``since: 2011-09-01`` is the string ``"2011-09-01"``), checked later.
- Duplicate keys, non-string keys, anchors/aliases and merge keys are errors, never silently dropped.
- Mappings load as :class:`YMap` and lists as :class:`YList`, which remember 1-based positions,
  so any later check can name ``path:line:col``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from .nodes import MAX_BYTES, Pos, YList, YMap, read_bytes
from .problems import DataError, Problem

__all__ = ["MAX_BYTES", "Pos", "YList", "YMap", "load_file", "parse_bytes", "parse_text", "read_bytes"]


def _mark(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    problems: list[tuple[Pos, str]]


def _construct_str_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)  # type: ignore[no-any-return]


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YMap:
    result = YMap()
    result.pos = _mark(node)
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            loader.problems.append((_mark(key_node), "merge keys (<<) are not allowed"))
            continue
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            shown = "null" if key is None else str(key).lower() if isinstance(key, bool) else key
            loader.problems.append((_mark(key_node), f"key {shown!r} is not a string; quote it"))
            continue
        if key in result:
            first = result.key_pos[key][0]
            loader.problems.append((_mark(key_node), f"duplicate key '{key}' (first defined on line {first})"))
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_pos[key] = _mark(key_node)
        result.val_pos[key] = _mark(value_node)
    return result


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YList:
    result = YList()
    result.pos = _mark(node)
    for child in node.value:
        result.append(loader.construct_object(child, deep=True))
        result.item_pos.append(_mark(child))
    return result


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    return lines[line][col] if 0 <= line < len(lines) and 0 <= col < len(lines[line]) else ""


def _syntax_problem(display: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        return Problem(
            display,
            mark.line + 1,
            mark.column + 1,
            "YAML syntax error: a tab character; indent with spaces, never tabs",
        )
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {what}"
    if context and "\t" not in what:
        message = f"YAML syntax error: {what} ({context})"
    start = getattr(exc, "context_mark", None)
    if start is not None and mark is not None and start.line != mark.line:
        message += f"; it started on line {start.line + 1}"
    if isinstance(exc, yaml.reader.ReaderError):
        message = f"invalid character {exc.character!r} in file"
    if mark is None:
        return Problem(display, 1, 1, message)
    return Problem(display, mark.line + 1, mark.column + 1, message)


def _anchor_problems(display: str, text: str) -> list[Problem]:
    """Anchors and aliases are refused: they hide data and allow alias bombs."""
    problems = []
    for event in yaml.parse(text, Loader=_BaseLoader):
        if getattr(event, "anchor", None) is not None:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            sigil = "*" if kind == "alias" else "&"
            problems.append(
                Problem(
                    display,
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    f"YAML {kind} {sigil}{event.anchor} is not allowed in data files; write the value out in full",
                )
            )
    return problems


def parse_text(text: str, display: str) -> Any:
    """Parse YAML text into YMap/YList/scalars; raise :class:`DataError` with positions."""
    try:
        if "&" in text or "*" in text:
            anchors = _anchor_problems(display, text)
            if anchors:
                raise DataError(anchors)
        loader = _Loader(text)
        loader.problems = []
        try:
            node = loader.get_single_node()
            if node is None:
                raise DataError([Problem(display, 1, 1, "file is empty")])
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise DataError([_syntax_problem(display, exc, text)]) from None
    if loader.problems:
        raise DataError([Problem(display, ln, col, msg) for (ln, col), msg in loader.problems])
    return data


def load_file(path: Path, display: str | None = None) -> Any:
    """Read and parse one YAML data file, refusing oversized, non-UTF-8 and BOM-marked files."""
    shown = display if display is not None else str(path)
    return parse_bytes(read_bytes(path, shown), shown)


def parse_bytes(raw: bytes, shown: str) -> Any:
    """Decode (UTF-8, no BOM) and parse the bytes of a data file."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            [Problem(shown, 1, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError([Problem(shown, line, col, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]) from None
    return parse_text(text, shown)

"""Read hand-edited YAML safely, keeping the line of every key and item.

- PyYAML's safe loader (the C one when libyaml is present); nothing in a file is ever executed.
- Dates stay strings (``since: 2011-09-01`` is the string ``"2011-09-01"``), checked later.
- Numbers are read only as written plainly (``25``, ``-3``). YAML 1.1's other forms — ``025``
  (octal 21), ``0x19``, ``2_5``, ``1:30`` (base 60), floats such as ``1.10`` — stay the text that
  was typed, so a number field reports them instead of silently holding another number.
- Nesting deeper than MAX_DEPTH levels is refused (no recursion blow-up on hostile files).
- Duplicate keys, non-string keys, anchors/aliases and merge keys are errors, never silently dropped.
- Mappings load as :class:`YMap` and lists as :class:`YList`, which remember 1-based positions,
  so any later check can name ``path:line:col``.
"""

from __future__ import annotations

import re
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
    lines: list[str]


# Free-text keys: an unquoted value there loses everything after " #" (a YAML comment) silently.
_TEXT_KEYS = frozenset(
    ("title", "bill", "href", "name", "note", "reason", "label", "question", "recommendation", "basis", "otherwise")
)


def _dropped_comment(loader: _Loader, key: str, node: yaml.Node) -> str | None:
    """The comment that cut short an unquoted free-text value on its last line, if any."""
    if key not in _TEXT_KEYS or not isinstance(node, yaml.ScalarNode) or node.style not in (None, ""):
        return None
    end = node.end_mark
    if end.line >= len(loader.lines):
        return None
    rest = loader.lines[end.line][end.column :]
    return rest.strip() if rest.lstrip().startswith("#") else None


def _construct_str_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)  # type: ignore[no-any-return]


_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int | str:
    text = loader.construct_scalar(node)
    return int(text) if _PLAIN_INT.match(text) else text  # 025, 0x19, 2_5, 1:30 stay as typed


_ANCHOR_LIKE = re.compile(r"(?:^|[\s,\[{])[&*][^\s,\[\]{}]", re.MULTILINE)
_NBSP_INDENT = re.compile(r"^[ ]*\u00a0", re.MULTILINE)
MAX_DEPTH = 64


def _too_deep(node: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than MAX_DEPTH (walked without recursion), or None."""
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return current
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend((value, depth + 1) for _, value in current.value)
    return None


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YMap:
    result = YMap()
    result.pos = _mark(node)
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            loader.problems.append((_mark(key_node), "merge keys (<<) are not allowed"))
            continue
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            if isinstance(key, bool):
                why = f"key {str(key).lower()} is not text: YAML reads unquoted on/off/yes/no as true/false; quote it"
            else:
                why = f"key {'null' if key is None else repr(key)} is not text; quote it"
            loader.problems.append((_mark(key_node), why))
            continue
        if key in result:
            first = result.key_pos[key][0]
            loader.problems.append((_mark(key_node), f"duplicate key '{key}' (first defined on line {first})"))
            continue
        dropped = _dropped_comment(loader, key, value_node)
        if dropped is not None:
            loader.problems.append(
                (
                    (value_node.end_mark.line + 1, value_node.end_mark.column + 2),
                    f"'{dropped[:30]}' after the unquoted {key} is read as a YAML comment and dropped;"
                    " put the whole value in quotes",
                )
            )
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
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_str_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _char_at(lines: list[str], line: int, col: int) -> str:
    return lines[line][col] if 0 <= line < len(lines) and 0 <= col < len(lines[line]) else ""


def _syntax_problem(display: str, exc: yaml.YAMLError, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: report where it is
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        return Problem(display, line, col, f"control character {char!r} in the file; delete it")
    lines = text.split("\n")
    if mark is not None:
        for ln in (mark.line, mark.line - 1):  # the character may be at the mark or on the line before
            if 0 <= ln < len(lines) and "\u00a0" in lines[ln]:
                col = lines[ln].index("\u00a0") + 1
                return Problem(
                    display, ln + 1, col, "YAML syntax error: a non-breaking space; type an ordinary space instead"
                )
    if mark is not None and _char_at(lines, mark.line, mark.column) == "\t":
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
    if mark is None:
        return Problem(display, 1, 1, message)
    return Problem(display, mark.line + 1, mark.column + 1, message)


def _anchor_problems(display: str, text: str) -> list[Problem]:
    """Anchors and aliases are refused: they hide data and allow alias bombs."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=_BaseLoader):
        if getattr(event, "anchor", None) is not None and problems:
            problems.append(problems[0])  # counted; only the first one is reported
            continue
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
    nbsp = _NBSP_INDENT.search(text)
    if nbsp is not None:
        line = text.count("\n", 0, nbsp.start()) + 1
        col = nbsp.end() - nbsp.start()
        raise DataError([Problem(display, line, col, "a non-breaking space in the indentation; type ordinary spaces")])
    try:
        if _ANCHOR_LIKE.search(text):  # a second parse only when an anchor or alias may be there
            anchors = _anchor_problems(display, text)
            if anchors:
                first = anchors[0]
                more = f" ({len(anchors) - 1} more anchors/aliases in this file)" if len(anchors) > 1 else ""
                raise DataError([Problem(first.path, first.line, first.col, first.message + more)])
        loader = _Loader(text)
        loader.problems = []
        loader.lines = text.split("\n")
        try:
            node = loader.get_single_node()
            if node is None:
                raise DataError([Problem(display, 1, 1, "file is empty")])
            deep = _too_deep(node)
            if deep is not None:
                raise DataError([Problem(display, *_mark(deep), f"nested more than {MAX_DEPTH} levels deep")])
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

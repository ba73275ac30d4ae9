"""Reading data files and the containers loaded YAML lands in; free of the yaml import so a
cached run never pays for it (parsing itself is in :mod:`safeharbor_cli.yamlio`)."""

from __future__ import annotations

from pathlib import Path

from .problems import DataError, Problem

MAX_BYTES = 1024 * 1024
Pos = tuple[int, int]


class YMap(dict):
    """A mapping that remembers where it, each key and each value stood (1-based line, col)."""

    pos: Pos = (0, 0)

    def __init__(self) -> None:
        super().__init__()
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}

    def at(self, key: str) -> Pos:
        """Position of ``key`` (of the mapping itself when the key is absent)."""
        return self.key_pos.get(key, self.pos)

    def value_at(self, key: str) -> Pos:
        """Position of the value of ``key`` (of the mapping itself when the key is absent)."""
        return self.val_pos.get(key, self.pos)


class YList(list):
    """A list that remembers where it and each item stood (1-based line, col)."""

    pos: Pos = (0, 0)

    def __init__(self) -> None:
        super().__init__()
        self.item_pos: list[Pos] = []

    def at(self, index: int) -> Pos:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else self.pos


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a data file; a :class:`DataError` when missing, unreadable or over 1 MiB."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataError([Problem(shown, 1, 1, f"file is {size} bytes; data files are limited to 1 MiB")])
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DataError([Problem(shown, 0, 0, "is a directory, not a YAML file")]) from None
    except FileNotFoundError:
        raise DataError([Problem(shown, 0, 0, "file not found")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, 0, 0, f"cannot read file: {exc.strerror}")]) from None
    return raw

"""Remember which state files ``check`` found clean, so an unchanged file is not parsed again.

A file's verdict depends only on its name, its bytes, the vocabulary it is checked against and the
package version, so the key is a hash of exactly those. Only clean verdicts are stored (a file
with problems is always re-read, so its messages are always printed). The store is a small JSON
list beside the data cache (``SAFEHARBOR_NO_CACHE=1`` turns it off too); an unreadable or
unwritable store is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile

from . import __version__
from .cache import cache_dir

KEEP = 4096
_FILE = "check-ok.json"


def file_key(vocab_raw: bytes, name: str, raw: bytes) -> str:
    digest = hashlib.sha256(f"{__version__}|ok1|{name}|".encode())
    digest.update(hashlib.sha256(vocab_raw).digest())
    digest.update(raw)
    return digest.hexdigest()


def load() -> list[str]:
    """The keys of files found clean before, oldest first."""
    folder = cache_dir()
    if folder is None:
        return []
    try:
        keys = json.loads((folder / _FILE).read_text(encoding="utf-8"))
        return [k for k in keys if isinstance(k, str)]
    except (OSError, ValueError, TypeError):
        return []


def save(old: list[str], new: list[str]) -> None:
    """Add ``new`` keys, keeping the KEEP most recent; nothing is written when nothing is new."""
    folder = cache_dir()
    fresh = set(new)
    if folder is None or not fresh or fresh <= set(old):
        return
    keys = ([k for k in old if k not in fresh] + list(dict.fromkeys(new)))[-KEEP:]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".check-ok-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(keys, handle)
        os.replace(tmp, folder / _FILE)
    except OSError:
        return

"""Writing a command's output to a file: checked up front, written atomically.

``-o FILE`` must never leave a half-written file: the text goes to a temporary file in the same
directory, which replaces FILE (``os.replace``) only once every byte is on disk. If anything stops
the run before that (an error, Ctrl-C, SIGTERM, SIGHUP), the temporary file is removed and FILE is
untouched. A symlink is followed (the file it points to is replaced; the link stays), an existing
file keeps its permissions, and a path that is not a regular file — ``/dev/stdout``, a named pipe,
a device — is written to directly, as a shell redirection would. ``-o -`` means standard output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .problems import UsageError

STDOUT = Path("-")
# signals that end a run while a file is written (SIGHUP does not exist everywhere)
_TERMINATING = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def check_output_path(path: Path, option: str = "-o") -> Path:
    """Refuse, before any work, an output path that cannot be written: raises UsageError."""
    if str(path) == "":
        raise UsageError(f"{option} needs a file name")
    if path == STDOUT:
        return path
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a directory; give a file name")
    if path.exists() and not path.is_file():
        return path  # a device or a pipe: written to directly
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # a symlink loop
        raise UsageError(f"{option} {path}: a symbolic link that points back to itself") from None
    parent = target.parent
    shown = parent if path.is_symlink() else path.parent
    link = f" (the link {path} points there)" if path.is_symlink() else ""
    if not parent.exists():
        raise UsageError(f"{option} {path}: directory {shown} does not exist{link}")
    if not parent.is_dir():
        raise UsageError(f"{option} {path}: {shown} is a file, not a directory{link}")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"{option} {path}: directory {shown} is not writable{link}")
    return path


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit while writing, so clean-up code runs."""

    def handler(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    saved = {}
    for sig in _TERMINATING:
        with contextlib.suppress(ValueError):  # ValueError: not the main thread
            saved[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def write_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Write ``chunks`` (UTF-8) to ``path`` all at once or not at all."""
    if path.exists() and not path.is_file():  # a device or a pipe: there is nothing to replace
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
        return
    target = path.resolve()  # follow a symlink: replace the file, keep the link
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    signals = {signal.SIGINT, *_TERMINATING}
    blocked = hasattr(signal, "pthread_sigmask")
    with _signals_raise():
        # no signal may land between creating the temporary file and the try that removes it
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, signals) if blocked else None
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            if old_mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)  # a pending signal lands here
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                for chunk in chunks:
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)  # mkstemp makes 0600
            os.replace(tmp, target)
        except BaseException:
            if tmp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            raise
        finally:
            if old_mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)

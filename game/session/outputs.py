"""Where a command may write, checked before it does any work.

An output must not be one of the command's inputs (compared as resolved paths, and as
the same file when both exist, so a symlink or a hard link does not slip through), a
file output must not be a directory, a directory output must not be a file, and the
place must take a new file: a probe file is created there and removed at once (so a
read-only disk or a missing permission is found even when running as root, where
``os.access`` says yes to everything).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.i18n import os_error


class OutputError(Exception):
    """An output that cannot be written: a catalogue code ``out.<code>`` of the CLI and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code} {params}")


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _probe(directory: Path, shown: Path) -> None:
    """Create and remove a file in ``directory`` (or its nearest existing ancestor)."""
    d = directory.resolve()
    while not d.exists():
        d = d.parent
    if not d.is_dir():
        raise OutputError("not_dir", path=shown, parent=d)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sumiwake-probe-", dir=d)
    except OSError as exc:
        raise OutputError("cannot_write", path=shown, detail=os_error(exc)) from None
    os.close(fd)
    os.unlink(tmp)


def check_file(path: Path | str, inputs: Iterable[Path | str] = ()) -> None:
    """``path`` may be written as a file: not an input, not a directory, in a writable place."""
    p = Path(path)
    for i in inputs:
        if _same(p, Path(i)):
            raise OutputError("is_input", path=p, input=i)
    if p.is_dir():
        raise OutputError("is_dir", path=p)
    if p.exists() and not p.is_file():
        raise OutputError("not_file", path=p)
    _probe(p.parent, p)


def check_dir(path: Path | str, inputs: Iterable[Path | str] = ()) -> None:
    """``path`` may hold new files: not an input, not a file, in a writable place."""
    p = Path(path)
    for i in inputs:
        if _same(p, Path(i)):
            raise OutputError("is_input", path=p, input=i)
    if p.exists() and not p.is_dir():
        raise OutputError("not_a_dir", path=p)
    _probe(p, p)

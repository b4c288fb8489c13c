"""Files on disk: atomic writes, and one reader for every file the game reads back.

Saves, match saves, workshop sessions, autosaves and settings all come in through
`read_json`, which refuses odd files (a directory, a FIFO, binary, empty, not UTF-8,
too big, not JSON, ``NaN``, duplicate keys, nesting too deep) with a `SaveError` that
names the file; the shape of what it read is then checked by `game.content.save_format`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from game.i18n import os_error
from game.content.save_format import MAX_FILE_BYTES, SaveFormatProblem, parse_json
from game.engine import Game, SaveError


def read_json(path: Path | str) -> Any:
    """The JSON value in ``path``, a file from outside; `SaveError` naming the file if it is not one."""
    p = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise SaveError("cannot_read", str(p), detail=os_error(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SaveError("not_file", str(p))
        if info.st_size > MAX_FILE_BYTES:
            raise SaveError("too_big", str(p), limit=MAX_FILE_BYTES // (1024 * 1024))
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise SaveError("cannot_read", str(p), detail=os_error(exc)) from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise SaveError("too_big", str(p), limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        text = b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError("not_text", str(p)) from None
    if "\x00" in text:
        raise SaveError("not_text", str(p))
    try:
        return parse_json(text)
    except SaveFormatProblem as exc:
        raise SaveError(exc.code, str(p), **exc.params) from None


def inside(exc: SaveError, key: str) -> SaveError:
    """A problem of a game nested under ``key`` of a bigger file, located from that file's top."""
    params = dict(exc.params)
    if "loc" in params:
        params["loc"] = f"{key}.{params['loc']}"
    return SaveError(exc.code, exc.path, **params)


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    fh = None
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary file would be, not mkstemp's 0600
        fh = os.fdopen(fd, "w", encoding="utf-8")
        with fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if fh is None:
            os.close(fd)
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_game(game: Game, path: Path | str) -> None:
    write_atomic(path, game.to_json())


def load_game(path: Path | str) -> Game:
    """Load a save; `SaveError` names the file and what is wrong."""
    p = Path(path)
    d = read_json(p)
    try:
        return Game.from_dict(d)
    except SaveError as exc:
        raise exc.at(p) from None

"""Save files on disk: atomic writes and clear errors on load."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from game.engine import Game, SaveError


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary file would be, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
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
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SaveError("cannot_read", str(p), detail=exc.strerror) from None
    except UnicodeDecodeError:
        raise SaveError("not_text", str(p)) from None
    try:
        return Game.from_json(text)
    except SaveError as exc:
        raise exc.at(p) from None

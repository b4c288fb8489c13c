"""Where the game's content and assets are, and where a player's own files go.

Content is ``rules/`` and ``scenarios/``; assets are ``assets/`` (theme, fonts).  In a source
checkout or an editable install they are the folders beside the ``game`` package; an installed
wheel carries them as ``game/_data/{rules,scenarios,assets}`` (see pyproject.toml).  Both are
found from the ``game`` package through `importlib.resources`.

``$SUMIWAKE_CONTENT`` names a folder with a designer's own ``rules/`` and ``scenarios/`` to use
instead of the bundled ones.  ``$SUMIWAKE_HOME`` names the folder for saves, the autosave,
settings and workshop files, which otherwise go where `platformdirs` puts an application's data.
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

CONTENT_ENV = "SUMIWAKE_CONTENT"
HOME_ENV = "SUMIWAKE_HOME"
APP = "sumiwake"

__all__ = ["CONTENT_ENV", "HOME_ENV", "assets_dir", "bundled_root", "content_root", "user_dir"]


def _package_dir() -> Path:
    # an installed or editable package lives on disk (a wheel is never run zipped)
    return Path(str(importlib.resources.files("game")))


def bundled_root() -> Path:
    """The folder that holds the bundled ``rules/``, ``scenarios/`` and ``assets/``."""
    pkg = _package_dir()
    wheel = pkg / "_data"
    if (wheel / "rules").is_dir():
        return wheel.resolve()
    return pkg.parent.resolve()  # a source checkout or an editable install


def content_root() -> Path:
    """The folder whose ``rules/`` and ``scenarios/`` the game plays (``$SUMIWAKE_CONTENT`` overrides)."""
    env = os.environ.get(CONTENT_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return bundled_root()


def assets_dir() -> Path:
    """The bundled ``assets/`` folder: the theme and the game's own font."""
    return bundled_root() / "assets"


def user_dir() -> Path:
    """Where saves, the autosave, settings and workshop files live (``$SUMIWAKE_HOME`` overrides).

    On Linux this is ``$XDG_DATA_HOME/sumiwake`` (``~/.local/share/sumiwake``), where earlier
    versions kept them too.
    """
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))

"""Starting the desktop game quietly and honestly.

Without a display, SDL falls back to an invisible "offscreen" window: the game would run
unseen.  `window_problem` says so before any window opens, so `play` and `workshop` print
one line and exit 2 instead.  A demo (``--autoplay``, ``--screenshots``) needs no display: it
then draws into memory.  The game plays no sound, so the audio device is never opened (no
ALSA complaints on machines without a sound card).
"""

from __future__ import annotations

import os
import sys

import pygame

HEADLESS_DRIVERS = ("offscreen", "dummy")


def _no_display_env() -> bool:
    """True on a Unix desktop-less machine (no X11 and no Wayland display named)."""
    if sys.platform in ("win32", "darwin"):
        return False
    return not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")


def init_video(headless_ok: bool) -> str | None:
    """Start pygame's display and fonts (never audio).  None when the game can go on; else the
    reason it cannot ("no_display" or the driver's own error), before any window opened.

    ``headless_ok``: a demo that only writes screenshots may draw into memory."""
    chosen = os.environ.get("SDL_VIDEODRIVER")
    if not chosen and _no_display_env():
        if not headless_ok:
            return "no_display"
        os.environ["SDL_VIDEODRIVER"] = "dummy"  # no probing of X11 or Wayland, no warnings from them
    try:
        pygame.display.init()
    except pygame.error as exc:
        return str(exc) or "no_display"
    pygame.font.init()
    if not chosen and not headless_ok and pygame.display.get_driver() in HEADLESS_DRIVERS:
        pygame.display.quit()
        return "no_display"
    return None

"""The UI's line breaking: `game.linebreak` (shared with the command line's help)."""

from __future__ import annotations

from game.linebreak import NO_END, NO_START, Measure, atoms, break_lines, display_width, ellipsize, wrap_columns

__all__ = ["NO_END", "NO_START", "Measure", "atoms", "break_lines", "display_width", "ellipsize", "wrap_columns"]

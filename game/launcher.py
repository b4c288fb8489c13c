"""The `sumiwake` command: the desktop game for `play` and `workshop`, the CLI for the rest.

This module sits above both layers so that `game.cli` never imports pygame:
only `play` and `workshop` load `game.ui`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

UI_COMMANDS = ("play", "workshop")


def command_first(args: list[str]) -> list[str]:
    """``--lang X`` given before ``play`` or ``workshop`` moves after it
    (``sumiwake --lang ja play`` is ``sumiwake play --lang ja``)."""
    lead: list[str] = []
    i = 0
    while i < len(args):
        if args[i] == "--lang" and i + 1 < len(args):
            lead += args[i:i + 2]
            i += 2
        elif args[i].startswith("--lang="):
            lead.append(args[i])
            i += 1
        else:
            break
    if lead and i < len(args) and args[i] in UI_COMMANDS:
        return [args[i], *lead, *args[i + 1:]]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = command_first(list(sys.argv[1:] if argv is None else argv))
    if args and args[0] in UI_COMMANDS:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # no English banner before the game's own text
    if args and args[0] == "workshop":
        from game.ui.workshop_app import main as workshop_main

        return workshop_main(args)
    if args and args[0] == "play":
        from game.ui.app import main as play_main

        return play_main(args)
    from game.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())

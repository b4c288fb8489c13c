"""The `sumiwake` command: the desktop game for `play` and `workshop`, the CLI for the rest.

This module sits above both layers so that `game.cli` never imports pygame:
only `play` and `workshop` load `game.ui`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
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

"""`python -m game`: the same as the `sumiwake` command."""

from game.launcher import main

raise SystemExit(main())

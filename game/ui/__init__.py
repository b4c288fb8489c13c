"""The desktop game (pygame-ce).  The only package that imports pygame.

pygame-ce prints an English banner when it is first imported; no command of ours shows it,
whichever module of this package is imported first.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

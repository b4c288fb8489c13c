"""What the new-game and workshop setup screens share: scenario, rounds, language and seed."""

from __future__ import annotations

import random

import pygame_gui

from .base import Scene


class SetupBase(Scene):
    """A setup screen with a scenario cycler, a rounds cycler, a language cycler and a seed entry.

    Subclasses provide ``_load()`` (read the chosen scenario) and may extend ``_keep()``
    (save what is typed in entries before the screen is rebuilt)."""

    scenario: str
    rounds: int | None
    seed: int
    seed_entry: pygame_gui.elements.UITextEntryLine  # made by the subclass's build()

    def _load(self) -> None:
        raise NotImplementedError

    def _keep(self) -> None:
        txt = self.seed_entry.get_text().strip() if hasattr(self, "seed_entry") else ""
        if txt.isdigit():
            self.seed = int(txt)

    def _scenario(self, v: str) -> None:
        self._keep()
        self.scenario = v
        self._load()
        self.rebuild()

    def _rounds(self, v) -> None:
        self.rounds = v

    def _lang(self, v: str) -> None:
        self._keep()
        self.app.settings.lang = v
        self.rebuild()

    def _reseed(self) -> None:
        self.seed = random.randrange(1, 100000)
        self.seed_entry.set_text(str(self.seed))

"""The in-game menu (any phase): resume, save, load, settings, help, leave to title."""

from __future__ import annotations

import pygame

from .base import Scene


class MenuScene(Scene):
    name = "menu"
    opaque = False

    def build(self) -> None:
        from .help import HelpScene
        from .saveload import SaveLoadScene
        from .settings_scene import SettingsScene

        a = self.app
        items = [
            ("resume", "menu.resume", a.pop, pygame.K_ESCAPE),
            ("save", "menu.save", lambda: a.push(SaveLoadScene(a, "save")), pygame.K_s),
            ("load", "menu.load", lambda: a.push(SaveLoadScene(a, "load")), pygame.K_l),
            ("settings", "menu.settings", lambda: a.push(SettingsScene(a)), pygame.K_o),
            ("help", "menu.help", lambda: a.push(HelpScene(a)), pygame.K_F1),
            ("title", "menu.title", a.end_match, pygame.K_q),
        ]
        for i, (name, key, action, k) in enumerate(items):
            self.ui.button(name, self.R(490, 190 + i * 56, 300, 46), self.t(key), action, key=k,
                           tip=self.t(key + ".tip"), style="primary" if name == "resume" else None)

    def draw(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        surface.blit(shade, (0, 0))
        r = self.R(460, 110, 360, 440)
        self.p.panel(surface, r)
        self.p.text(surface, self.t("menu.heading"), (r.centerx, r.top + self.p.s(40)), "title", anchor="center",
                    bold=True)
        self.p.text(surface, self.t("menu.autosaved"), (r.centerx, r.bottom - self.p.s(18)), "small",
                    self.app.theme.c("muted"), anchor="center")

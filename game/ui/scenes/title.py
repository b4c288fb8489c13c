"""The title screen: new game, continue, load, settings, help, quit."""

from __future__ import annotations

import pygame

from game.engine import SaveError
from game.session.match import Match, autosave_path

from ..mapview import draw_world
from .base import Scene


class TitleScene(Scene):
    name = "title"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.error = ""
        problem = app.settings.problem
        if problem is not None:  # a damaged settings.json: the defaults are in use
            self.error = self.t("settings.damaged", reason=problem.message(app.lang))

    def build(self) -> None:
        from .help import HelpScene
        from .saveload import SaveLoadScene
        from .settings_scene import SettingsScene
        from .setup import SetupScene

        a = self.app
        items = [
            ("new", "title.new", lambda: a.push(SetupScene(a)), pygame.K_n, "primary"),
            ("continue", "title.continue", self.resume_autosave, pygame.K_c, None),
            ("load", "title.load", lambda: a.push(SaveLoadScene(a, "load")), pygame.K_l, None),
            ("settings", "title.settings", lambda: a.push(SettingsScene(a)), pygame.K_s, None),
            ("help", "title.help", lambda: a.push(HelpScene(a)), pygame.K_F1, None),
            ("quit", "title.quit", self.quit, pygame.K_ESCAPE, None),
        ]
        y = 300
        for name, key, action, k, style in items:
            enabled = name != "continue" or autosave_path().exists()
            self.ui.button(name, self.R(80, y, 300, 46), self.t(key), action, key=k,
                           tip=self.t(key + ".tip"), style=style, enabled=enabled)
            y += 56

    def resume_autosave(self) -> None:
        try:
            m = Match.load(autosave_path(), autosave=autosave_path())
        except SaveError as exc:
            # the file's name, not its whole path, so that the reason itself fits on the screen
            reason = exc.message(self.app.lang).replace(str(autosave_path()), autosave_path().name, 1)
            self.error = self.t("save.error", reason=reason)
            return
        self.app.start_match(m)

    def quit(self) -> None:
        self.app.quit = True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th = self.p, self.app.theme
        w, h = surface.get_size()
        draw_world(self.app, surface, pygame.Rect(p.s(440), p.s(270), w - p.s(470), h - p.s(310)), None)
        p.text(surface, self.t("app.title"), (p.s(80), p.s(100)), "huge", bold=True)
        p.text(surface, self.t("app.subtitle"), (p.s(82), p.s(190)), "heading", th.c("accent"))
        p.text(surface, self.t("app.tagline"), (p.s(82), p.s(230)), "body", th.c("muted"))
        if self.error:
            p.wrap(surface, self.error, self.R(80, 640, 700, 60), "body", th.c("warning"))
        p.text(surface, self.t("title.keys"), (p.s(80), h - p.s(30)), "small", th.c("muted"))

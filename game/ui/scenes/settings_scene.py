"""Settings: window size, full screen, UI scale and language; saved in the user dir."""

from __future__ import annotations

import dataclasses

import pygame

from ..settings import LANGS, SCALES, SIZES
from .base import Scene


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.draft = dataclasses.replace(app.settings)

    def build(self) -> None:
        d = self.draft
        sizes = [(f"{w}×{h}", (w, h)) for w, h in SIZES]
        cur = next((i for i, (_, v) in enumerate(sizes) if v == (d.width, d.height)), 0)
        self.ui.choice("size", self.R(440, 160, 400, 46), sizes, cur, self._size, key=pygame.K_w,
                       tip=self.t("settings.size.tip"), prefix=self.t("settings.size") + ": ")
        full = [(self.t("common.off"), False), (self.t("common.on"), True)]
        self.ui.choice("fullscreen", self.R(440, 220, 400, 46), full, int(d.fullscreen), self._full,
                       key=pygame.K_f, tip=self.t("settings.fullscreen.tip"), prefix=self.t("settings.fullscreen") + ": ")
        scales = [(f"{s:.0%}", s) for s in SCALES]
        cur = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - d.ui_scale))
        self.ui.choice("scale", self.R(440, 280, 400, 46), scales, cur, self._scale, key=pygame.K_u,
                       tip=self.t("settings.scale.tip"), prefix=self.t("settings.scale") + ": ")
        langs = [(self.t(f"lang.{x}"), x) for x in LANGS]
        self.ui.choice("lang", self.R(440, 340, 400, 46), langs, LANGS.index(d.lang), self._lang, key=pygame.K_g,
                       tip=self.t("settings.lang.tip"), prefix=self.t("settings.lang") + ": ")
        self.ui.button("apply", self.R(440, 420, 195, 46), self.t("settings.apply"), self.apply, key=pygame.K_RETURN,
                       tip=self.t("settings.apply.tip"), style="primary")
        self.ui.button("back", self.R(645, 420, 195, 46), self.t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=self.t("common.back.tip"))

    def _size(self, v) -> None:
        self.draft.width, self.draft.height = v

    def _full(self, v) -> None:
        self.draft.fullscreen = v

    def _scale(self, v) -> None:
        self.draft.ui_scale = v

    def _lang(self, v) -> None:
        self.draft.lang = v

    def apply(self) -> None:
        self.app.settings = dataclasses.replace(self.draft)
        try:
            self.app.settings.save()
        except OSError:
            pass
        self.app.apply_settings()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.header(surface, self.t("settings.title"), self.t("settings.sub"))

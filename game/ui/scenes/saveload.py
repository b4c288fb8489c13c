"""Save and load: five slots and the autosave, each with what is in it."""

from __future__ import annotations

from functools import partial

import pygame

from game.engine import SaveError
from game.engine.state import PHASES
from game.session.match import Match, autosave_path, saves_dir
from game.session.storage import read_json

from .base import PlayScene

SLOTS = 5


def slot_path(i: int):
    return autosave_path() if i == 0 else saves_dir() / f"slot{i}.json"


def describe(path) -> dict | None:
    """What a slot holds: scenario, round and phase; ``{"problem": SaveError}`` if the file is damaged;
    None if there is none.  Only a glance: loading checks the whole file."""
    if not path.exists():
        return None
    try:
        d = read_json(path)
    except SaveError as exc:
        return {"problem": exc}
    g = d.get("game", d) if isinstance(d, dict) else None
    st = g.get("state") if isinstance(g, dict) else None
    if not (isinstance(g, dict) and isinstance(st, dict) and isinstance(g.get("scenario"), str)
            and isinstance(st.get("round"), int) and st.get("phase") in PHASES):
        return {"problem": SaveError("not_save", str(path))}
    import time

    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    return {"scenario": g["scenario"][:40], "round": st["round"], "phase": st["phase"], "when": when}


def scenario_title(ref: str, lang: str) -> str:
    """A saved game's scenario by its title (its id when it is not a bundled one)."""
    from game.content import ContentError, load_rules
    from game.content.loader import load_scenario, scenario_ids

    if ref not in scenario_ids():
        return ref
    try:
        return load_scenario(ref, load_rules()).title.get(lang)
    except ContentError:
        return ref


class SaveLoadScene(PlayScene):
    name = "saveload"

    def __init__(self, app, mode: str) -> None:
        super().__init__(app)
        self.mode = mode  # "save" or "load"
        self.message = ""
        self.info: dict[int, dict | None] = {}

    def build(self) -> None:
        first = 1 if self.mode == "save" else 0
        self.info = {i: describe(slot_path(i)) for i in range(0, SLOTS + 1)}
        for i in range(first, SLOTS + 1):
            info = self.info[i]
            name = self.t("save.autosave") if i == 0 else self.t("save.slot", n=i)
            if info and "problem" in info:
                desc = self.t("save.damaged_slot")
            elif info:
                desc = self.t("save.desc", scenario=scenario_title(info["scenario"], self.app.lang),
                              round=info["round"], phase=self.t(f"phase.{info['phase']}"), when=info["when"])
            else:
                desc = self.t("save.empty")
            enabled = self.mode == "save" or info is not None
            self.ui.button(f"slot{i}", self.R(240, 130 + i * 62, 800, 52), f"{name} — {desc}",
                           partial(self.act, i), key=pygame.K_0 + i, tip=self.t(f"save.{self.mode}.tip"),
                           enabled=enabled)
        self.ui.button("back", self.R(240, 520, 200, 46), self.t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=self.t("common.back.tip"))

    def act(self, i: int) -> None:
        path = slot_path(i)
        if self.mode == "save":
            try:
                self.match.save(path)
                self.message = self.t("save.saved", n=i)
            except OSError as exc:
                self.message = self.t("save.error", reason=str(exc))
            self.rebuild()
            return
        try:
            m = Match.load(path, autosave=autosave_path())
        except SaveError as exc:
            reason = exc.message(self.app.lang).replace(str(path), path.name, 1)  # the reason must fit
            self.message = self.t("save.error", reason=reason)
            return
        self.app.start_match(m)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        self.header(surface, self.t(f"save.{self.mode}.title"), self.t("save.sub"))
        if self.message:
            self.p.wrap(surface, self.message, self.R(240, 585, 800, 60), "body", self.app.theme.c("warning"))

"""New game: scenario, who plays each seat (human, or AI persona and difficulty), rounds, seed, language."""

from __future__ import annotations

import random
from functools import partial

import pygame

from game.content import load_rules
from game.content.loader import is_scenario_path, load_scenario, scenario_ids
from game.session.match import DIFFICULTIES, Match, SeatControl, autosave_path, persona_choices, persona_label

from ..draw import icon
from ..settings import LANGS
from ..theme import seat_rgb
from .setup_common import SetupBase

ROUND_CHOICES = (3, 4, 5, 6, 8, 10, 12)


class SetupScene(SetupBase):
    name = "setup"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.ids = scenario_ids()
        want = app.defaults.get("scenario") or "tutorial"
        if is_scenario_path(want):  # a file given with --scenario: offered beside the built-in ones
            self.ids.append(want)
        self.scenario = want if want in self.ids else self.ids[0]
        self.rounds: int | None = app.defaults.get("rounds")
        seed = app.defaults.get("seed")
        self.seed = seed if seed is not None else random.randrange(1, 100000)
        self.error = ""
        self._load()

    def _load(self) -> None:
        self.sc = load_scenario(self.scenario, load_rules())
        humans = set(self.sc.human_seats)
        self.control = {s: SeatControl(s in humans, "default") for s in self.sc.seats}

    def _persona_label(self, seat: str, pid: str) -> str:
        if pid == "default":
            default = self.sc.default_personas.get(seat)
            name = persona_label(default, self.app.lang) if default else None
            return name or self.t("persona.default_plain")  # the tooltip says it is the scenario's choice
        return persona_label(pid, self.app.lang) or self.t(f"persona.{pid}")

    def build(self) -> None:
        lang = self.app.lang
        opts = [(load_scenario(i, load_rules()).title.get(lang), i) for i in self.ids]
        self.ui.choice("scenario", self.R(40, 110, 520, 44), opts, self.ids.index(self.scenario), self._scenario,
                       key=pygame.K_s, tip=self.t("setup.scenario.tip"), prefix=self.t("setup.scenario") + ": ")
        rounds = [(self.t("setup.rounds.default", n=self.sc.rounds), None)] + [(str(n), n) for n in ROUND_CHOICES]
        cur = next((i for i, (_, v) in enumerate(rounds) if v == self.rounds), 0)
        self.ui.choice("rounds", self.R(40, 164, 300, 44), rounds, cur, self._rounds, key=pygame.K_r,
                       tip=self.t("setup.rounds.tip"), prefix=self.t("setup.rounds") + ": ")
        langs = [(self.t(f"lang.{x}"), x) for x in LANGS]
        self.ui.choice("lang", self.R(350, 164, 210, 44), langs, LANGS.index(self.app.lang), self._lang,
                       key=pygame.K_g, tip=self.t("setup.lang.tip"), prefix=self.t("setup.lang") + ": ")
        self.seed_entry = self.ui.entry(self.R(130, 218, 210, 40), str(self.seed), "numbers", on_done=self._keep)
        self.ui.button("reseed", self.R(350, 218, 210, 40), self.t("setup.reseed"), self._reseed, key=pygame.K_F2,
                       tip=self.t("setup.reseed.tip"))
        n = len(self.sc.seats)
        cols = 1 if n <= 7 else 2
        per_col = (n + cols - 1) // cols
        for i, s in enumerate(self.sc.seats):
            x = 600 + (i // per_col) * 340 if cols == 2 else 600
            y = 110 + (i % per_col) * 76
            c = self.control[s]
            k = pygame.K_1 + i if i < 9 else None
            self.ui.button(f"who_{s}", self.R(x + (150 if cols == 1 else 175), y, 150 if cols == 1 else 125, 30),
                           self.t("setup.human") if c.human else self.t("setup.ai"), partial(self._toggle, s),
                           key=k, tip=self.t("setup.who.tip"), style="selected" if c.human else None)
            if cols == 1:
                px, pw, dx, dw = x + 310, 230, x + 550, 110
            else:
                px, pw, dx, dw = x, 200, x + 205, 115
            py = y if cols == 1 else y + 34
            choices = persona_choices(s)
            labels = [(self._persona_label(s, p), p) for p in choices]
            self.ui.choice(f"persona_{s}", self.R(px, py, pw, 30), labels,
                           choices.index(c.persona) if c.persona in choices else 0,
                           partial(self._set, s, "persona"),
                           tip=self.t("setup.persona.tip"), enabled=not c.human)
            self.ui.choice(f"difficulty_{s}", self.R(dx, py, dw, 30),
                           [(self.t(f"difficulty.{d}"), d) for d in DIFFICULTIES], DIFFICULTIES.index(c.difficulty),
                           partial(self._set, s, "difficulty"), tip=self.t("setup.difficulty.tip"),
                           enabled=not c.human)
        self.ui.button("start", self.R(1060, 664, 200, 48), self.t("setup.start"), self.start, key=pygame.K_RETURN,
                       tip=self.t("setup.start.tip"), style="primary")
        self.ui.button("back", self.R(850, 664, 200, 48), self.t("common.back"), self.app.pop, key=pygame.K_ESCAPE,
                       tip=self.t("common.back.tip"))

    # ------------------------------------------------------------ changes

    def _toggle(self, s: str) -> None:
        self._keep()
        c = self.control[s]
        self.control[s] = SeatControl(not c.human, c.persona, c.difficulty)
        self.rebuild()

    def _set(self, s: str, field: str, value: str) -> None:
        c = self.control[s]
        self.control[s] = SeatControl(c.human, value if field == "persona" else c.persona,
                                      value if field == "difficulty" else c.difficulty)

    def start(self) -> None:
        self._keep()
        try:
            m = Match.new(self.scenario, self.seed, dict(self.control), rounds=self.rounds, autosave=autosave_path())
        except Exception as exc:  # content or rules problem: show it, do not crash
            self.error = str(exc)
            return
        self.app.start_match(m)

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th, lang = self.p, self.app.theme, self.app.lang
        self.header(surface, self.t("setup.title"))
        p.text(surface, self.t("setup.seed"), (p.s(40), p.s(238)), "body", anchor="midleft")
        p.wrap(surface, self.sc.briefing.get(lang), self.R(40, 280, 520, 300), "body", th.c("muted"))
        humans = sum(1 for c in self.control.values() if c.human)
        mode = self.t("setup.mode.demo") if humans == 0 else (
            self.t("setup.mode.solo") if humans == 1 else self.t("setup.mode.hotseat", n=humans))
        p.text(surface, mode, (p.s(40), p.s(600)), "heading", th.c("accent"), bold=True)
        rules = load_rules()
        defs = {d.id: d for d in rules.seats}
        n = len(self.sc.seats)
        cols = 1 if n <= 7 else 2
        per_col = (n + cols - 1) // cols
        p.text(surface, self.t("setup.seats"), (p.s(600), p.s(108)), "heading", bold=True, anchor="bottomleft")
        for i, s in enumerate(self.sc.seats):
            x = 600 + (i // per_col) * 340 if cols == 2 else 600
            y = 110 + (i % per_col) * 76
            d = defs[s]
            icon(surface, d.icon, (p.s(x + 10), p.s(y + 15)), p.s(8), seat_rgb(d.colour))
            over = self.sc.seat_overrides[s].name if s in self.sc.seat_overrides else None
            name = over.get(lang) if over else d.name.get(lang)
            p.text(surface, name, (p.s(x + 24), p.s(y + 15)), "body" if cols == 1 else "small", anchor="midleft", bold=True)
            if cols == 1:
                p.wrap(surface, d.strengths.get(lang), self.R(x + 24, y + 36, 620, 36), "small", th.c("muted"),
                       max_lines=2)
        if self.error:
            p.wrap(surface, self.error, self.R(40, 630, 780, 60), "small", th.c("warning"))

"""Workshop setup: scenario, rounds, phase durations, the rule for missing orders,
and for every seat the team that plays it or the AI persona that fills in."""

from __future__ import annotations

import random
from functools import partial

import pygame
import pygame_gui

from game.content import load_rules
from game.content.loader import is_scenario_path, load_scenario, scenario_ids
from game.session.match import workshop_path
from game.session.workshop import DEFAULT_DURATIONS, Workshop

from ..draw import icon
from ..host import WorkshopHost
from ..settings import LANGS
from ..theme import seat_rgb
from .setup_common import SetupBase

ROUND_CHOICES = (2, 3, 4, 5, 6, 7, 8, 10, 12)
MINUTES = {"event": (1, 2, 3, 5, 10), "negotiation": (5, 10, 15, 20, 25, 30, 45),
           "orders": (3, 5, 8, 10, 15, 20)}


def ai_personas(seat: str) -> list[str]:
    """AI fill-ins for ``seat``: its scenario persona at each difficulty, every fitting persona, random."""
    from game.session.match import DIFFICULTIES, persona_choices

    out = list(DIFFICULTIES)  # the scenario's default persona at that level
    for pid in persona_choices(seat):
        if pid not in ("default", "random"):
            out += [f"persona:{pid}:{d}" for d in DIFFICULTIES]
    return [*out, "random"]


def persona_text(policy: str, lang: str, t) -> str:
    """``persona:hawk:hard`` -> ``Hawk · Hard``; ``normal`` -> ``Scenario default · Normal``."""
    from game.i18n import join_list
    from game.session.match import persona_label

    parts = policy.split(":")
    if policy == "random":
        return t("persona.random")
    if len(parts) == 1:
        return join_list((t('persona.default_plain'), t('difficulty.' + parts[0])), lang, " · ")
    return join_list((persona_label(parts[1], lang) or parts[1], t('difficulty.' + parts[2])), lang, " · ")


class WorkshopSetupScene(SetupBase):
    app: WorkshopHost
    name = "ws_setup"

    def __init__(self, app: WorkshopHost) -> None:
        super().__init__(app)
        self.ids = scenario_ids()
        want = app.defaults.get("scenario") or "g7-2026"
        if is_scenario_path(want):  # a file given with --scenario: offered beside the built-in ones
            self.ids.append(want)
        self.scenario = want if want in self.ids else self.ids[0]
        self.rounds: int | None = app.defaults.get("rounds")
        seed = app.defaults.get("seed")
        self.seed = seed if seed is not None else random.randrange(1, 100000)
        self.minutes = {k: int(v // 60) for k, v in DEFAULT_DURATIONS.items()}
        self.missing_rule = "hold"
        self.error = ""
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self._load()

    def _load(self) -> None:
        self.sc = load_scenario(self.scenario, load_rules())
        self.team: dict[str, bool] = {s: True for s in self.sc.seats}
        self.names: dict[str, str] = {s: self.t("ws.setup.team_default", n=i + 1)
                                      for i, s in enumerate(self.sc.seats)}
        self.persona: dict[str, str] = {s: "normal" for s in self.sc.seats}

    # ------------------------------------------------------------ controls

    def build(self) -> None:
        t, lang = self.t, self.app.lang
        opts = [(load_scenario(i, load_rules()).title.get(lang), i) for i in self.ids]
        self.ui.choice("scenario", self.R(40, 96, 520, 40), opts, self.ids.index(self.scenario), self._scenario,
                       key=pygame.K_F3, tip=t("setup.scenario.tip"), prefix=t("setup.scenario") + ": ")
        rounds = [(t("setup.rounds.default", n=self.sc.rounds), None)] + [(str(n), n) for n in ROUND_CHOICES]
        cur = next((i for i, (_, v) in enumerate(rounds) if v == self.rounds), 0)
        self.ui.choice("rounds", self.R(40, 144, 300, 40), rounds, cur, self._rounds, key=pygame.K_F4,
                       tip=t("setup.rounds.tip"), prefix=t("setup.rounds") + ": ")
        langs = [(t(f"lang.{x}"), x) for x in LANGS]
        self.ui.choice("lang", self.R(350, 144, 210, 40), langs, LANGS.index(self.app.lang), self._lang,
                       key=pygame.K_F5, tip=t("setup.lang.tip"), prefix=t("setup.lang") + ": ")
        self.seed_entry = self.ui.entry(self.R(130, 192, 210, 38), str(self.seed), "numbers")
        self.ui.button("reseed", self.R(350, 192, 210, 38), t("setup.reseed"), self._reseed, key=pygame.K_F6,
                       tip=t("setup.reseed.tip"))
        for i, ph in enumerate(("event", "negotiation", "orders")):
            minutes = [(t("ws.minutes", n=m), m) for m in MINUTES[ph]]
            cur = MINUTES[ph].index(self.minutes[ph]) if self.minutes[ph] in MINUTES[ph] else 0
            self.ui.choice(f"minutes_{ph}", self.R(40, 262 + i * 46, 520, 40), minutes, cur,
                           partial(self._minutes, ph), key=(pygame.K_F7, pygame.K_F8, pygame.K_F9)[i],
                           tip=t("ws.setup.minutes.tip"), prefix=t("ws.setup.duration", phase=t(f"phase.{ph}")) + ": ")
        rules = [(t("ws.missing.hold"), "hold"), (t("ws.missing.ai"), "ai")]
        self.ui.choice("missing", self.R(40, 410, 520, 40), rules, [v for _, v in rules].index(self.missing_rule),
                       self._missing, key=pygame.K_F10, tip=t("ws.missing.tip"), prefix=t("ws.missing") + ": ")
        self.entries = {}
        for i, s in enumerate(self.sc.seats):
            y = 96 + i * 46
            team = self.team[s]
            k = pygame.K_1 + i if i < 9 else (pygame.K_0 if i == 9 else None)
            self.ui.button(f"who_{s}", self.R(776, y, 146, 38), t("ws.setup.team") if team else t("setup.ai"),
                           partial(self._toggle, s), key=k, mod=pygame.KMOD_CTRL if k else 0,
                           tip=t("ws.setup.who.tip"), style="selected" if team else None)
            if team:
                e = self.ui.entry(self.R(930, y, 330, 38), self.names[s])
                e.set_text_length_limit(28)
                self.entries[s] = e
            else:
                personas = ai_personas(s)
                self.ui.choice(f"persona_{s}", self.R(930, y, 330, 38),
                               [(persona_text(p, self.app.lang, t), p) for p in personas],
                               personas.index(self.persona[s]) if self.persona[s] in personas else 0,
                               partial(self.persona.__setitem__, s), tip=t("setup.persona.tip"))
        self.ui.button("start", self.R(330, 664, 230, 48), t("ws.setup.start"), self.start, key=pygame.K_RETURN,
                       tip=t("ws.setup.start.tip"), style="primary")
        self.ui.button("quit", self.R(40, 664, 200, 48), t("title.quit"), self._quit, key=pygame.K_ESCAPE,
                       tip=t("title.quit.tip"))

    # ------------------------------------------------------------ changes

    def _keep(self) -> None:
        super()._keep()  # the seed
        for s, e in self.entries.items():
            if e.alive():
                self.names[s] = e.get_text().strip() or self.names[s]


    def _minutes(self, phase: str, v: int) -> None:
        self.minutes[phase] = v

    def _missing(self, v: str) -> None:
        self.missing_rule = v

    def _toggle(self, s: str) -> None:
        self._keep()
        self.team[s] = not self.team[s]
        self.rebuild()

    def _quit(self) -> None:
        self.app.quit = True

    def start(self) -> None:
        self._keep()
        teams = {s: self.names[s] for s in self.sc.seats if self.team[s]}
        ai = {s: self.persona[s] for s in self.sc.seats if not self.team[s]}
        if not teams:
            self.error = self.t("ws.setup.no_team")
            return
        try:
            ws = Workshop.new(self.scenario, self.seed, teams, ai, rounds=self.rounds,
                              durations={k: float(v * 60) for k, v in self.minutes.items()},
                              missing_rule=self.missing_rule, autosave_path=workshop_path(self.sc.id, self.seed),
                              clock=self.app.clock)
        except Exception as exc:  # content or rules problem: show it, do not crash
            self.error = str(exc)
            return
        ws.pause()  # the clock starts when the facilitator says so (Space on the console)
        ws.autosave()
        self.app.start_workshop(ws)

    # ------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        p, th, lang = self.p, self.app.theme, self.app.lang
        self.header(surface, self.t("ws.setup.title"))
        p.text(surface, self.t("setup.seed"), (p.s(40), p.s(211)), "body", anchor="midleft")
        p.text(surface, self.t("ws.setup.timing"), (p.s(40), p.s(240)), "small", th.c("muted"))
        n_team = sum(self.team.values())
        p.text(surface, self.t("ws.setup.summary", teams=n_team, ai=len(self.team) - n_team),
               (p.s(40), p.s(468)), "heading", th.c("accent"), bold=True)
        p.wrap(surface, self.t("ws.setup.autosave", path=str(workshop_path(self.sc.id, self._seed_now()))),
               self.R(40, 504, 520, 60), "small", th.c("muted"))
        p.wrap(surface, self.t("ws.setup.hint"), self.R(40, 570, 520, 80), "small", th.c("muted"), max_lines=3)
        p.text(surface, self.t("setup.seats"), (p.s(600), p.s(66)), "heading", bold=True)
        p.text(surface, self.t("ws.setup.team_name"), (p.s(930), p.s(72)), "small", th.c("muted"))
        rules = load_rules()
        defs = {d.id: d for d in rules.seats}
        for i, s in enumerate(self.sc.seats):
            y = 96 + i * 46 + 19
            d = defs[s]
            icon(surface, d.icon, (p.s(612), p.s(y)), p.s(8), seat_rgb(d.colour))
            over = self.sc.seat_overrides[s].name if s in self.sc.seat_overrides else None
            name = over.get(lang) if over else d.name.get(lang)
            p.text(surface, name, (p.s(628), p.s(y)), "body", anchor="midleft", bold=True, max_w=p.s(142))
        if self.error:
            p.wrap(surface, "× " + self.error, self.R(600, 664, 660, 48), "small", th.c("warning"))

    def _seed_now(self) -> int:
        txt = self.seed_entry.get_text().strip() if hasattr(self, "seed_entry") else ""
        return int(txt) if txt.isdigit() else self.seed


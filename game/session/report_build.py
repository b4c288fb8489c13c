"""Build the after-action report (HTML + JSON) from a save or a workshop file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import Game, SaveError

from .debrief import Counterfactual, debrief
from .fonts import needs_font
from .report_html import render
from .storage import read_json, write_atomic


@dataclass(slots=True)
class ReportSource:
    """What a report is built from: the game, and from a workshop file its teams and secret unlocks."""

    game: Game
    teams: dict[str, str] = field(default_factory=dict)
    unlocks: list[dict[str, Any]] = field(default_factory=list)
    audit: list[dict[str, Any]] | None = None  # a workshop's audit trail


def load_report_source(path: Path | str) -> ReportSource:
    """A game from a save file, a match save or a workshop session file, each checked as a whole."""
    from .match import MATCH_FORMAT, Match
    from .workshop import WORKSHOP_FORMAT, Workshop

    p = Path(path)
    d = read_json(p)
    kind = d.get("format") if isinstance(d, dict) else None
    try:
        if kind == WORKSHOP_FORMAT:
            ws = Workshop.from_dict(d, clock=lambda: 0.0)
            return ReportSource(ws.game, dict(ws.teams), ws.secret_unlocks(),
                                ws.audit_records()[:-1])  # without the entry reading the file just added
        if kind == MATCH_FORMAT:
            return ReportSource(Match.from_dict(d).game)
        return ReportSource(Game.from_dict(d))
    except SaveError as exc:
        raise exc.at(p) from None


def embedded_fonts() -> list[dict[str, Any]]:
    """The bundled OFL Japanese font (regular and bold) as base64, for the report's @font-face rules."""
    from .fonts import embedded_fonts as fonts

    return fonts()


def profile_counterfactual(game: Game, profile: str) -> list[dict[str, Any]] | None:
    """The same scenario, seed and rounds played by a scripted table profile: its index history."""
    from game.content.ai_schema import load_profiles

    from .balance import TableSpec, play_table

    if profile not in load_profiles():
        return None
    other = play_table(game.rs.scenario, game.seed, TableSpec(profile=profile), rounds=game.rounds)
    return [{"round": h["round"], "alliance_security": h["alliance_security"],
             "alliance_competitiveness": h["alliance_competitiveness"]} for h in other.state.history]


def default_counterfactual() -> Counterfactual | None:
    """The table-profile replays (interconnected and fragmented) of the debrief."""
    return profile_counterfactual


def build_report(game: Game, out_html: Path | str, lang: str = "en", out_json: Path | str | None = None,
                 counterfactual: Counterfactual | None = None, *, reveal_secrets: bool = False,
                 teams: dict[str, str] | None = None, unlocks: list[dict[str, Any]] | None = None,
                 audit: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Write the report (and its data).  Secrets of a game in progress only with ``reveal_secrets``;
    ``audit``: a workshop's audit trail (injects, undos, overrides and every other control)."""
    data = debrief(game, lang, counterfactual if counterfactual is not None else default_counterfactual(),
                   reveal_secrets=reveal_secrets, teams=teams, unlocks=unlocks, audit=audit)
    # Japanese pages, and English ones naming a team in Japanese, carry the font inside the file
    wide = lang == "ja" or needs_font(json.dumps(data, ensure_ascii=False))
    write_atomic(out_html, render(data, lang, embedded_fonts() if wide else None))
    if out_json is not None:
        write_atomic(out_json, json.dumps(data, ensure_ascii=False, indent=1))
    return data

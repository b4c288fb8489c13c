"""AI answers to an event card's choice, each with a reason.

A persona bot weighs every option one round ahead: it answers the card with that
option (the other seats asked take the default), lets the table play the round as
its beliefs predict, and values the result by the persona's objectives
(`search.value`).  The best option wins; a tie keeps the card's default.  The
random policy picks an option by its own chance.  Whatever the policy, its answer
is a `ChoiceAnswer` (`game.ai.policy`): the option and why.
"""

from __future__ import annotations

from typing import Any

from game.engine import Game
from game.engine.rng import Rng

from . import search
from .personas import SeatPersona
from .policy import ChoiceAnswer
from .reasons import Reason


def option_text(game: Game, option: str) -> dict[str, str]:
    """An option of this round's card as a bilingual text (a reason parameter)."""
    ch = game.choice()
    for o in (ch or {}).get("options", []):
        if o["id"] == option:
            return dict(o["text"])
    return {"en": option, "ja": option}


def option_values(game: Game, seat: str, sp: SeatPersona, beliefs: dict[str, SeatPersona]) -> dict[str, float]:
    """Each option's value to ``seat``'s persona, one round ahead against the predicted table."""
    ch = game.choice()
    assert ch is not None and seat in ch["seats"]
    norm = search.norm_for(game, seat)
    r = game.round
    chance = search._common_chance(game)
    out: dict[str, float] = {}
    for o in ch["options"]:
        g = game.clone(record=False)
        g.state.choices = {seat: o["id"]}  # the others asked are believed to take the default
        g.advance()  # the card applies: event -> negotiation
        g.advance()  # -> orders
        others = search.predict_table(g, beliefs)
        g.state.rng = Rng(chance)
        g.apply_orders_unchecked(others, next_round=False)
        out[o["id"]] = search.value(g, seat, sp, norm, r)
    return out


def persona_choice(game: Game, seat: str, sp: SeatPersona, beliefs: dict[str, SeatPersona]) -> ChoiceAnswer:
    """The option a persona bot takes, with the reason: what it gains against the next best."""
    ch = game.choice()
    assert ch is not None
    values = option_values(game, seat, sp, beliefs)
    default = ch["default"]
    best = max(values, key=lambda k: (values[k], k == default))
    runner = max((k for k in values if k != best), key=lambda k: values[k])
    gain = values[best] - values[runner]
    if gain <= 1e-9:
        return ChoiceAnswer(seat, best, (Reason("choice_even", {"seat": seat, "option": option_text(game, best)}),))
    base = abs(values[runner]) or 1.0
    pct = round(100.0 * gain / base, 1)
    why = Reason("choice_best", {"seat": seat, "option": option_text(game, best),
                                 "other": option_text(game, runner), "gain": pct})
    return ChoiceAnswer(seat, best, (why,))


def random_choice(game: Game, seat: str, rng: Rng) -> ChoiceAnswer:
    ch = game.choice()
    assert ch is not None
    option = ch["options"][rng.below(len(ch["options"]))]["id"]
    return ChoiceAnswer(seat, option, (Reason("choice_random", {"seat": seat, "option": option_text(game, option)}),))


def answer_choice(policy: Any, game: Game, seat: str) -> ChoiceAnswer:
    """``policy``'s answer for ``seat``; a policy without ``choose`` takes the card's default."""
    choose = getattr(policy, "choose", None)
    if choose is not None:
        answer: ChoiceAnswer = choose(game, seat)
        return answer
    ch = game.choice()
    assert ch is not None
    default = ch["default"]
    return ChoiceAnswer(seat, default, (Reason("choice_default", {"seat": seat, "option": option_text(game, default)}),))


def play_choices(game: Game, policies: dict[str, Any]) -> dict[str, ChoiceAnswer]:
    """Every asked seat answers this round's choice through its policy (in table order)."""
    ch = game.choice()
    if ch is None:
        return {}
    out: dict[str, ChoiceAnswer] = {}
    for seat in ch["seats"]:
        a = answer_choice(policies[seat], game, seat)
        game.choose(seat, a.option)
        out[seat] = a
    return out

"""The single-seat best-response search and the checks I1–I6 (game/session/best_response.py),
on tiny budgets: the full measurement is ``sumiwake balance``."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from game.cli.balance import strategy_sentence
from game.cli.main import main
from game.ai.heuristic import NATION_CATS
from game.content.loader import load_rules, load_scenario
from game.engine import Game
from game.engine.ruleset import Ruleset
from game.session import best_response as br
from game.session.best_response import SeatResult, Strategy


def test_the_empty_strategy_is_the_seats_normal_bot() -> None:
    alone = br.play("middle-powers", 3)
    mine = br.play("middle-powers", 3, (("france", Strategy()),))
    assert mine["scores"] == alone["scores"]
    only_data = dict(br._single_kinds(NATION_CATS, nation=True))["fund_data"]
    other = br.play("middle-powers", 3, (("france", only_data),))
    assert other["scores"]["france"] != alone["scores"]["france"]
    assert set(other["did"]["france"]["spend"]) == {"fund_data"}  # I5's one kind is one kind, shocks or not


def test_tier_windows_cut_allies_in_rounds_one_and_two_then_reopen() -> None:
    r = br.play("middle-powers", 1, (("usa", Strategy(ally=(3, 1, 1), propose="none")),))
    tiers = r["did"]["usa"]["tiers"]
    allies = {"japan", "france", "canada"}
    assert {t for rnd, t, tier in tiers if rnd == 1 and tier == 3} == allies
    assert {t for rnd, t, tier in tiers if rnd == 3 and tier == 1} == allies
    assert not [x for x in tiers if x[0] in (2, 4, 5, 6, 7, 8)]  # no change outside the windows' edges


def test_search_is_seeded_and_never_below_the_bot_on_its_tuning_seeds() -> None:
    kw = dict(seed=5, budget=4, population=2, tune_seeds=1, scored_seeds=2)
    one = br.search([("middle-powers", "cohere")], jobs=1, **kw)  # type: ignore[arg-type]
    two = br.search([("middle-powers", "cohere")], jobs=2, **kw)  # type: ignore[arg-type]
    assert [asdict(x) for x in one] == [asdict(x) for x in two]
    (res,) = one
    assert res.tune_ratio >= 1.0  # the bot itself is the first strategy tried
    assert res.n == 2 and res.low <= res.ratio <= res.high
    assert abs(sum(res.did["spend"].values()) - 1.0) < 1e-9


def test_a_seats_search_does_not_depend_on_the_seats_searched_beside_it() -> None:
    # with the stream keyed by the seat's place in the list, Sakana AI found x1.05 alone and
    # the bot itself (x1.00) when searched after the USA: these very arguments
    kw = dict(seed=5, budget=8, population=4, tune_seeds=1, scored_seeds=2, jobs=1)
    alone = br.search([("tutorial", "sakana")], **kw)  # type: ignore[arg-type]
    beside = br.search([("tutorial", "usa"), ("tutorial", "sakana")], **kw)  # type: ignore[arg-type]
    assert beside[1].seat == "sakana"
    assert [asdict(x) for x in alone] == [asdict(beside[1])]
    assert alone[0].tune_ratio > 1.0  # a drawn strategy won, not the bot: the draws decided it


def _seat(ratio: float) -> SeatResult:
    return SeatResult("g7-2026", "sakana", br.strategy_dict(Strategy()), ratio, ratio - 0.05, ratio + 0.05, 8, ratio,
                      10, {"spend": {}, "revenue": {}, "tier_orders": []}, ratio <= 1 + br.I6_MARGIN)


def test_i6_fails_when_a_best_response_beats_the_bot_by_more_than_the_margin() -> None:
    ok = br.evaluate_checks("g7-2026", [1], {}, {1: {}}, [_seat(1.10)])
    bad = br.evaluate_checks("g7-2026", [1], {}, {1: {}}, [_seat(1.10), _seat(1.30)])
    assert [c.id for c in ok] == ["I6"] and ok[0].passed
    assert not bad[0].passed


def test_i5_fails_when_one_order_kind_beats_the_bot_on_every_seed() -> None:
    seeds = [1, 2, 3]
    base = {s: {"scores": {"france": 100.0 + s}} for s in seeds}
    games = {"I5/france/procure + accept all": [{"scores": {"france": 130.0 + s}} for s in seeds],
             "I5/france/fund_defence": [{"scores": {"france": 80.0 + s}} for s in seeds]}
    (check,) = br.evaluate_checks("g7-2026", seeds, games, base, [])
    assert check.id == "I5" and not check.passed
    assert [r["strategy"] for r in check.rows if r["beats"]] == ["procure + accept all"]
    del games["I5/france/procure + accept all"]
    assert br.evaluate_checks("g7-2026", seeds, games, base, [])[0].passed


def test_i2_asks_each_challenger_to_move_out_of_the_crowded_market() -> None:
    seeds = [1, 2]
    richest = br.richest_outside(Game.new("g7-2026", seed=1))
    assert richest == br.OWN_VECTOR["sakana"]  # Sakana AI's own vector is the crowded market

    def games(sakana_stays: float) -> dict[str, list[dict[str, object]]]:
        # scores of the seat named in each label; everyone earns 100 unless said otherwise
        out: dict[str, list[dict[str, object]]] = {}
        for c in ("sakana", "mistral", "cohere"):
            for label, v in (("own|others own", 120.0), ("crowd|others own", 100.0),
                             ("own|others crowd", 120.0), ("crowd|others crowd", 100.0)):
                if c == "sakana" and label.endswith("others crowd"):  # own: stays in the crowd; crowd: moves out
                    v = sakana_stays if label.startswith("own") else 100.0
                out[f"I2/{c}/{label}"] = [{"scores": {c: v}} for _ in seeds]
        return out

    (moves_out,) = br.evaluate_checks("g7-2026", seeds, games(sakana_stays=90.0), {}, [])
    (stays,) = br.evaluate_checks("g7-2026", seeds, games(sakana_stays=110.0), {}, [])
    assert moves_out.id == "I2" and moves_out.passed
    assert not stays.passed
    assert [r["out_over_in_when_all_crowd"] for r in moves_out.rows] == pytest.approx([100 / 90, 1.2, 1.2])


@pytest.mark.parametrize("seed", [10000, 10001])
def test_challengers_cut_off_by_a_lab_license_from_another_lab(seed: int) -> None:
    # on 10001 they used to buy the cutting lab's licence back, to have it revoked again the
    # next round, while the other lab's model was as good: a cut-off firm now remembers it
    cut = br.play("g7-2026", seed, (("openai", Strategy(licensing="home")),))
    for c in br.OWN_VECTOR:
        assert "openai" not in cut["licensed_by"][c]
        assert "anthropic" in cut["licensed_by"][c]


def _sumiwake_pays(scenario: str, seeds: list[int]) -> dict[str, list[dict[str, object]]]:
    """The challengers' I2 games in which Sumiwake pays each of them: its own vector beats
    crowding when the others go to theirs, and moving out of the crowd pays (for the firm
    whose own vector is the crowded market, moving out is going elsewhere)."""
    richest = br.richest_outside(Game.new(scenario, seed=seeds[0]))
    out: dict[str, list[dict[str, object]]] = {}
    for c in ("sakana", "mistral", "cohere"):
        away = "crowd" if br.OWN_VECTOR[c] == richest else "own"
        for label in ("own|others own", "crowd|others own", "own|others crowd", "crowd|others crowd"):
            mine, others = label.split("|")
            good = mine == "own" if others == "others own" else mine == away
            out[f"I2/{c}/{label}"] = [{"scores": {c: 120.0 if good else 100.0}} for _ in seeds]
    return out


def test_i2_fails_when_cut_off_challengers_do_not_license_elsewhere() -> None:
    seeds = [1, 2]
    base = {s: {"scores": {"openai": 100.0, "sakana": 100.0, "mistral": 100.0, "cohere": 100.0}} for s in seeds}

    def games(sakana_elsewhere: list[str]) -> dict[str, list[dict[str, object]]]:
        out = _sumiwake_pays("g7-2026", seeds)
        licensed = {"sakana": sakana_elsewhere, "mistral": ["anthropic"], "cohere": ["anthropic"]}
        out["I2/openai/cut challengers"] = [{"scores": {"openai": 90.0, "sakana": 80.0, "mistral": 80.0,
                                                        "cohere": 80.0}, "licensed_by": licensed} for _ in seeds]
        return out

    (again,) = br.evaluate_checks("g7-2026", seeds, games(["anthropic"]), base, [])
    (stranded,) = br.evaluate_checks("g7-2026", seeds, games([]), base, [])
    assert again.passed and not stranded.passed
    lab = next(r for r in stranded.rows if r["seat"] == "openai")
    assert lab["relicensed_elsewhere"] == {"sakana": 0.0, "mistral": 1.0, "cohere": 1.0}


def test_i2_asks_no_re_licensing_where_no_other_lab_is_at_the_table() -> None:
    # middle-powers has one frontier lab: a challenger it cuts off has nobody to license from
    labs = [f for f, fs in Game.new("middle-powers", seed=1).state.firms.items() if fs.frontier_lab]
    assert labs == ["openai"]
    seeds = [1, 2]
    base = {s: {"scores": {"openai": 100.0, "sakana": 100.0, "mistral": 100.0, "cohere": 100.0}} for s in seeds}

    def games(openai_cutting: float) -> dict[str, list[dict[str, object]]]:
        out = _sumiwake_pays("middle-powers", seeds)
        stranded: dict[str, list[str]] = {"sakana": [], "mistral": [], "cohere": []}
        out["I2/openai/cut challengers"] = [{"scores": {"openai": openai_cutting, "sakana": 40.0, "mistral": 40.0,
                                                        "cohere": 40.0}, "licensed_by": stranded} for _ in seeds]
        return out

    (costly,) = br.evaluate_checks("middle-powers", seeds, games(90.0), base, [])
    (free,) = br.evaluate_checks("middle-powers", seeds, games(110.0), base, [])
    assert costly.id == "I2" and costly.passed
    assert not free.passed  # the cut-off must still cost the lab


def test_strategy_sentence_in_both_languages() -> None:
    rules = load_rules()
    rs = Ruleset.build(rules, load_scenario("g7-2026", rules))
    b = asdict(_seat(1.2))
    b["strategy"] = br.strategy_dict(Strategy(ally=(3, None, 1), region="emerging_asia", accept="all"))
    b["did"] = {"spend": {"enter_region": 0.6, "build_application": 0.4}, "revenue": {"emerging_asia": 0.5},
                "tier_orders": []}
    en, ja = strategy_sentence(b, "en", rs), strategy_sentence(b, "ja", rs)
    assert "60% on Enter or deepen a region" in en and "tier 3/as its bot/1" in en
    assert "Emerging Asia" in en and "accepts every proposal" in en
    assert "地域への進出・深耕 60%" in ja and "すべての提案を受け入れる" in ja and "Enter" not in ja


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_balance_rejects_an_unknown_best_response_seat_in_one_line(lang: str, capsys) -> None:
    code = main(["--lang", lang, "balance", "--games", "1", "--best-response-seats", "usa,atlantis", "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "atlantis" in err[0]


def test_a_seed_whose_bot_table_ends_early_in_crisis_does_not_outweigh_the_rest() -> None:
    # three seeds level at 1000; on the fourth the bot's table ends in crisis (50) and the
    # searched seat's does not (350): x7 on that seed, a mean of per-seed ratios of 2.5
    r = br.ratio([1000.0, 1000.0, 1000.0, 350.0], [1000.0, 1000.0, 1000.0, 50.0])
    assert r.mean == pytest.approx(3350 / 3050)
    assert r.mean <= 1.0 + br.I6_MARGIN and r.low < 1.0 < r.high
    level = br.ratio([1200.0, 1200.0], [1000.0, 1000.0])
    assert (level.mean, level.low, level.high) == pytest.approx((1.2, 1.2, 1.2))

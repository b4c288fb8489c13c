"""AI: seeded puzzles, legality over many states, determinism, reasons, personas and profiles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.ai import heuristic, search
from game.ai.bot import PersonaBot, make_bot
from game.ai.choices import play_choices
from game.ai.policy import Decision, Policy
from game.ai.personas import personas_for, seat_persona
from game.ai.random_policy import RandomPolicy
from game.ai.reasons import CATALOG, Reason
from game.content.ai_schema import load_personas, load_profiles, validate_ai
from game.content.loader import load_scenario, scenario_ids
from game.engine import Game, Order
from game.session.simulate import TableSpec, make_policies
from game.session.simulate import play_round as table_round
from tests.engine_helpers import to_orders

ROOT = Path(__file__).resolve().parents[1]


def play_round(game: Game, orders: dict[str, list[str]] | None = None) -> None:
    to_orders(game)
    for s, os_ in (orders or {}).items():
        game.submit(s, os_)
    game.resolve()


def amount(orders, kind: str) -> int:
    return sum(o.amount for o in orders if o.kind == kind)


# ------------------------------------------------------------------ puzzles


def test_zero_day_coming_funds_defence() -> None:
    sc = load_scenario("g7-2026")
    warned = sc.model_copy(update={"scheduled_events": {1: "g7_summit", 2: "zero_day_grid"}})
    quiet = sc.model_copy(update={"scheduled_events": {1: "g7_summit", 2: "quiet_year"}})
    spent = {}
    for name, scenario in (("warned", warned), ("quiet", quiet)):
        g = Game.new(scenario, seed=4)
        play_choices(g, {s: PersonaBot(None, "normal", seed=1) for s in g.seats})  # the summit, as the table answers it
        to_orders(g)
        # the persona's rule itself (no lookahead, whose sampled incidents follow the content's hash)
        spent[name] = amount(PersonaBot("sumiwake_specialist", "scripted", seed=1).orders(g, "germany").orders,
                             "fund_defence")
        d = PersonaBot("sumiwake_specialist", "normal", seed=1).orders(g, "germany")
        if name == "warned":
            assert any(r.code == "defence_threat" for r in d.reasons)
            assert "zero-day" in d.reason("en", g.rs)
            assert "ゼロデイ" in d.reason("ja", g.rs)
    assert spent["warned"] > spent["quiet"]


def test_cut_off_sovereign_maximalist_invests_in_its_own_model() -> None:
    sov = {}
    for cut in (False, True):
        g = Game.new("g7-2026", seed=3)
        play_round(g, {"usa": ["set_export_tier target=japan tier=3"] if cut else []})
        to_orders(g)
        scripted = PersonaBot("sovereign_maximalist", "scripted", seed=2).orders(g, "japan")
        sov[cut] = amount(scripted.orders, "fund_sovereign")
        d = PersonaBot("sovereign_maximalist", "normal", seed=2).orders(g, "japan")
        if cut:
            assert amount(d.orders, "fund_sovereign") > 0
            assert any(r.code == "cutoff_sovereign" for r in d.reasons)
            assert "United States" in d.reason("en", g.rs)
            assert "米国" in d.reason("ja", g.rs)
    assert sov[True] > sov[False]


def _no_summit():
    return load_scenario("g7-2026").model_copy(update={"scheduled_events": {1: "quiet_year"}})


def _answers(bot, g: Game, seat: str) -> dict[str, bool]:
    """The bot's answers to every open proposal addressed to ``seat``."""
    return {p["id"]: bot.answer(g, seat, p).accept for p in g.proposals(seat) if seat not in p["answers"]}


def test_japan_declines_the_pact_after_a_cut_off() -> None:
    g = Game.new(_no_summit(), seed=5)
    play_round(g, {"usa": ["set_export_tier target=japan tier=3"]})
    g.advance()  # event -> negotiation
    pid = g.propose("usa", "frontier_access_pact", ["usa", "japan"])
    bot = PersonaBot("sumiwake_specialist", "normal", seed=0)
    assert _answers(bot, g, "japan") == {pid: False}
    d = bot.answer(g, "japan", g.proposals("japan")[0])
    text = d.reason("en", g.rs)
    assert "Japan declined" in text and "United States" in text and "cut off" in text
    assert "日本" in d.reason("ja", g.rs)
    # without the cut-off the same persona accepts
    g2 = Game.new(_no_summit(), seed=5)
    play_round(g2)
    g2.advance()
    pid2 = g2.propose("usa", "frontier_access_pact", ["usa", "japan"])
    assert _answers(bot, g2, "japan") == {pid2: True}


def test_hawk_keeps_the_frontier_home_and_architect_opens_it() -> None:
    g = Game.new("fragmented-world", seed=1)
    to_orders(g)
    hawk = PersonaBot("hawk", "easy", seed=0).orders(g, "usa")
    arch = PersonaBot("alliance_architect", "normal", seed=0).orders(g, "usa")
    assert Order("set_export_tier", target="row", tier=3) in hawk.orders
    assert not any(o.kind == "set_export_tier" and o.tier == 1 for o in hawk.orders)
    assert Order("set_export_tier", target="japan", tier=1) in arch.orders


def test_frontier_racer_does_rnd_behind_the_frontier() -> None:
    g = Game.new("g7-2026", seed=2)
    to_orders(g)
    d = PersonaBot("frontier_racer", "normal", seed=0).orders(g, "anthropic")
    assert amount(d.orders, "rnd") > 0


def test_niche_specialist_avoids_a_crowded_region() -> None:
    sc = load_scenario("middle-powers")
    ov = dict(sc.seat_overrides)
    from game.content.schema import SeatOverride
    ov["mistral"] = SeatOverride(presence={"emerging_asia": 4.0}, apps={"manufacturing": 4.0, "finance": 4.0})
    ov["cohere"] = SeatOverride(presence={"emerging_asia": 4.0}, apps={"manufacturing": 4.0, "finance": 4.0})
    crowded = sc.model_copy(update={"seat_overrides": ov})
    g = Game.new(crowded, seed=1)
    to_orders(g)
    d = PersonaBot("niche_specialist", "easy", seed=0)
    d.difficulty = "scripted"
    orders = d.orders(g, "sakana").orders
    regions = {o.region for o in orders if o.kind == "enter_region"}
    assert regions and "emerging_asia" not in regions


@pytest.mark.parametrize("budget", [4, 24])
def test_a_niche_firm_spends_its_region_share_over_its_two_best_regions(budget) -> None:
    """One enter-region order holds at most 4 points: a niche firm that went to one region a
    year left the rest of its region share to other orders, and its best response, spreading
    over two regions, beat it by x1.25. It keeps to one region when its share is too small
    to split."""
    g = Game.new("g7-2026", seed=2)
    to_orders(g)
    g.state.firms["sakana"].budget = budget
    d = PersonaBot("niche_specialist", "easy", seed=0)
    d.difficulty = "scripted"
    orders = d.orders(g, "sakana").orders
    entered = [o for o in orders if o.kind == "enter_region"]
    share = budget * load_personas()["niche_specialist"].tendencies.spend["regions"]
    assert len({o.region for o in entered}) == len(entered) == (2 if share >= 2 else 1)
    assert amount(orders, "enter_region") >= min(share, 8) - 1
    g.check("sakana", orders)


# ------------------------------------------------------------------ legality and determinism


def _random_states():
    for sc in scenario_ids():
        for seed in range(3):
            g = Game.new(sc, seed=seed)
            pol = RandomPolicy(seed)
            for r in range(min(g.rounds, 4)):
                to_orders(g)
                yield sc, seed, g
                for s in g.seats:
                    g.submit(s, pol.orders(g, s).orders)
                g.resolve()
                if g.is_over:
                    break


def test_heuristic_plans_are_legal_in_many_random_states() -> None:
    n = 0
    for sc, seed, g in _random_states():
        for pid_seat in g.seats:
            for pid in personas_for(g.rs, pid_seat):
                sp = seat_persona(g.rs, pid_seat, pid)
                view = g.view_for(pid_seat)
                for rng in (None, __import__("game.engine.rng", fromlist=["Rng"]).Rng(seed + n)):
                    orders, reasons = heuristic.plan_orders(g.rs, view, pid_seat, sp.tendencies, rng)
                    g.check(pid_seat, orders)  # raises if illegal
                    assert reasons
                    n += 1
    assert n > 500


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_bots_submit_legal_orders(difficulty: str) -> None:
    for sc in ("g7-2026", "middle-powers", "tutorial"):
        g = Game.new(sc, seed=7)
        bots = {s: PersonaBot(None, difficulty, seed=7, iterations=12) for s in g.seats}
        for _ in range(2):
            to_orders(g)
            for s in g.seats:
                d = bots[s].orders(g, s)
                g.check(s, d.orders)
                g.submit(s, d.orders)
            g.resolve()


def _decisions(difficulty: str, seed: int) -> list[str]:
    g = Game.new("middle-powers", seed=11)
    bots = {s: PersonaBot(None, difficulty, seed=seed, iterations=10) for s in g.seats}
    out = []
    for _ in range(2):
        to_orders(g)
        for s in g.seats:
            d = bots[s].orders(g, s)
            out.append(f"{s}: {' ; '.join(map(str, d.orders))} | {d.reason('en', g.rs)}")
            g.submit(s, d.orders)
        g.resolve()
    return out


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_decisions_are_deterministic_for_a_seed(difficulty: str) -> None:
    assert _decisions(difficulty, 3) == _decisions(difficulty, 3)


def test_search_clones_with_the_same_public_numbers_keep_their_own_views() -> None:
    """Two clones whose budgets, models, frontier and threat agree but whose data differ
    must not share the AI's cached view (search compares exactly such positions)."""
    g = Game.new("g7-2026", seed=6)
    to_orders(g)
    a, b = g.clone(record=False), g.clone(record=False)
    a.apply_orders_unchecked({"japan": [Order.parse("fund_data domain=finance amount=3")]})
    b.apply_orders_unchecked({"japan": [Order.parse("fund_data domain=healthcare amount=3")]})
    assert search._fingerprint(a) == search._fingerprint(b)  # the public numbers agree...
    va, vb = search.public_view(a), search.public_view(b)
    assert va["nations"]["japan"]["data"] == a.view_for(None)["nations"]["japan"]["data"]
    assert vb["nations"]["japan"]["data"] == b.view_for(None)["nations"]["japan"]["data"]
    assert va["nations"]["japan"]["data"] != vb["nations"]["japan"]["data"]  # ...the positions do not


def test_easy_noise_depends_on_the_seed() -> None:
    assert _decisions("easy", 1) != _decisions("easy", 2)


def test_hard_reports_progress_within_its_iteration_budget() -> None:
    g = Game.new("middle-powers", seed=2)
    to_orders(g)
    calls: list[tuple[int, int]] = []
    bot = PersonaBot(None, "hard", seed=0, iterations=20)
    d = bot.orders(g, "japan", progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] <= max(20, calls[-1][1])
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    assert any(r.code == "search" for r in d.reasons)


def test_bot_never_peeks_at_pending_orders() -> None:
    """Another seat's submitted orders do not change a bot's decision."""
    a = Game.new("g7-2026", seed=9)
    b = Game.new("g7-2026", seed=9)
    to_orders(a)
    to_orders(b)
    b.submit("usa", ["set_export_tier target=japan tier=3", "fund_defence amount=6"])
    for diff in ("normal", "hard"):
        da = PersonaBot(None, diff, seed=1, iterations=10).orders(a, "japan")
        db = PersonaBot(None, diff, seed=1, iterations=10).orders(b, "japan")
        assert da.orders == db.orders


def test_the_ai_view_cache_shows_what_view_for_shows() -> None:
    """The AI's cached views (reused while only proposals change) equal a fresh ``view_for``
    at every step of negotiation, after a facilitator's override, and in the orders phase."""
    from game.session.simulate import TableSpec, make_policies

    g = Game.new("g7-2026", seed=4)
    bots = make_policies(g, 4, TableSpec(None, (), (), "normal"))

    def same(seat: str) -> None:
        got = {k: v for k, v in search.seat_view(g, seat).items() if k != "_ai"}
        assert got == g.view_for(seat), seat

    for _ in range(2):
        g.advance()
        for seat in g.seats:
            for p in bots[seat].propose(g, seat):
                g.propose(seat, p.kind, p.members, p.duration)
                same(seat)
        for p in g.proposals(status="open"):
            for seat in p["members"]:
                if seat not in p["answers"] and any(q["id"] == p["id"] for q in g.proposals(status="open")):
                    g.answer(seat, p["id"], bots[seat].answer(g, seat, p).accept)
                    same(seat)
                    same("japan")
        g.override("japan", "trust/usa", -20.0, "test")
        same("japan")
        g.advance()
        for seat in g.seats:
            same(seat)
            g.submit(seat, bots[seat].orders(g, seat).orders)
        g.resolve()


# ------------------------------------------------------------------ protocol, reasons, content


def test_persona_bot_is_a_bot_and_a_policy() -> None:
    from game.ai.policies import get_policy

    bot = make_bot("persona:hawk:easy", seed=1)
    assert isinstance(bot, Policy)
    p = get_policy("persona:free_rider:normal", 3)
    g = Game.new("tutorial", seed=1)
    to_orders(g)
    for s in g.seats:  # seats the persona does not fit play their default
        g.check(s, p.orders(g, s).orders)
    assert isinstance(PersonaBot().orders(g, "japan"), Decision)


def test_an_acceptance_of_a_pact_of_several_names_its_least_trusted_member_as_such() -> None:
    """Germany accepting the US's pact with Japan and the UK does not read as if its trust in
    one of them were the whole reason: it trusts every member at least that much."""
    g = Game.new(_no_summit(), seed=5)
    play_round(g)
    g.advance()
    g.propose("usa", "frontier_access_pact", ["usa", "japan", "germany", "uk"])
    bot = PersonaBot("sumiwake_specialist", "normal", seed=0)
    d = bot.answer(g, "germany", g.proposals("germany")[0])
    assert d.accept
    text = d.reason("en", g.rs)
    assert "Germany accepted" in text and "every member at least" in text, text
    assert "どの参加者への信頼も" in d.reason("ja", g.rs)
    # between two, the one trust is the reason
    g2 = Game.new(_no_summit(), seed=5)
    play_round(g2)
    g2.advance()
    g2.propose("usa", "frontier_access_pact", ["usa", "germany"])
    d2 = bot.answer(g2, "germany", g2.proposals("germany")[0])
    assert d2.accept and "its trust in United States is" in d2.reason("en", g2.rs)


def test_every_reason_renders_in_both_languages() -> None:
    g = Game.new("g7-2026", seed=0)
    params = {"seat": "japan", "target": "usa", "tier": 2, "trust": 30, "need": 40, "kind": "frontier_access_pact",
              "partner": "usa", "partners": ["usa", "france"], "domains": ["finance"], "domain": "finance",
              "firm": "sakana", "region": "africa", "why": Reason("why_niche"), "exporter": "usa", "usable": 5.5,
              "frontier": 10.0, "model": 5.5, "value": 0.5, "targets": ["japan"], "n": 3, "gain": 1.2,
              "term": "defence_spending", "amount": 2, "plan": 1, "round": 2, "ref": "frontier_access_pact",
              "terms": [Reason("term", {"seat": "japan", "term": "defence_spending", "amount": 2})],
              "option": {"en": "Pledge", "ja": "拠出する"}, "other": {"en": "Pledge nothing", "ja": "何も約束しない"}}
    for code, texts in CATALOG.items():
        assert texts["en"] and texts["ja"], code
        for lang in ("en", "ja"):
            out = Reason(code, params).text(lang, g.rs)
            assert "{" not in out and out, (code, lang)
    assert "Japan" in Reason("accept", params).text("en", g.rs)
    assert "日本" in Reason("accept", params).text("ja", g.rs)


def test_personas_and_profiles() -> None:
    ps = load_personas()
    for t in ("us", "middle_power", "firm"):
        assert len([p for p in ps.values() if p.seat_type == t]) >= 3
    for pid in ("hawk", "alliance_architect", "pragmatist", "sovereign_maximalist", "sumiwake_specialist",
                "free_rider", "frontier_racer", "niche_specialist", "global_expander"):
        assert pid in ps
    profs = load_profiles()
    assert set(profs) >= {"interconnected", "fragmented", "sovereign", "crowded", "sumiwake", "open-door", "us-hoard"}
    for p in profs.values():
        assert p.summary.en.count(". ") == 0 and p.summary.en.endswith(".")
        assert p.summary.ja
    assert validate_ai() == []


def test_scenario_default_personas_fit_their_seats() -> None:
    for sc in scenario_ids():
        g = Game.new(sc, seed=0)
        assert g.rs.scenario.default_personas, sc
        for seat in g.seats:
            seat_persona(g.rs, seat)  # raises when a default does not fit


def test_bad_persona_file_is_reported_with_its_position(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    f = tmp_path / "rules" / "ai" / "personas.yaml"
    text = f.read_text(encoding="utf-8").replace("      focus_domains: 3\n", "      focus_domain: 3\n", 1)
    f.write_text(text, encoding="utf-8")
    line = text[: text.index("focus_domain: 3")].count("\n") + 1
    problems = validate_ai(tmp_path)
    assert problems, "an unknown key must be an error"
    msg = str(problems[0])
    assert f"personas.yaml:{line}:" in msg and "focus_domain" in msg
    validate_ai()  # re-prime the cache for the real content


@pytest.mark.parametrize("old, new, words", [
    ("terms: {data_programme: 1}", "terms: {data_programe: 1}", ["data_programe", "data_programme"]),
    ("terms: {data_programme: 1}", "terms: {data_programme: 9}", ["data_programme", "9", "1/2/3"]),
])
def test_persona_terms_name_real_terms_at_offered_amounts(tmp_path: Path, old: str, new: str,
                                                         words: list[str]) -> None:
    """A misspelt term id, or an amount no proposal may ask, is a content error at its line,
    not a bot that silently never asks for the term."""
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    f = tmp_path / "rules" / "ai" / "personas.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    f.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    problems = [str(p) for p in validate_ai(tmp_path)]
    assert len(problems) == 1, problems
    assert f"personas.yaml:{line}:" in problems[0] and "terms" in problems[0]
    assert all(w in problems[0] for w in words), problems[0]
    validate_ai()


def test_profile_override_terms_are_checked(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    f = tmp_path / "rules" / "ai" / "profiles" / "interconnected.yaml"
    text = f.read_text(encoding="utf-8")
    assert text.rstrip().endswith("frontier_firm: {licensing: allies}")
    f.write_text(text.rstrip("\n") + "\n  japan:\n    terms: {data_programe: 1}\n", encoding="utf-8")
    problems = [str(p) for p in validate_ai(tmp_path)]
    assert any("interconnected.yaml:" in p and "data_programe" in p and "data_programme" in p for p in problems), problems
    validate_ai()


def test_decisions_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Same seed, different processes (and string-hash seeds): the same decisions."""
    import os
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, %r)\n"
            "from tests.test_ai import _decisions\n"
            "print('\\n'.join(_decisions('normal', 5) + _decisions('hard', 5)))\n") % str(ROOT)
    outs = []
    for hs in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hs)
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
        assert r.returncode == 0, r.stderr
        outs.append(r.stdout)
    assert outs[0] == outs[1] and outs[0]


def test_the_lookahead_does_not_bet_the_game_on_one_draw_of_chance() -> None:
    """The normal bot's one-round lookahead sees one draw of this round's incidents.  Carried
    to the end of the game, an incident's 25 % hit would swing the value of the rest of the
    game by a quarter, whatever the plan: a point of defence would look worthless whenever the
    draw spares the nation and priceless when it does not.  The value carries forward the rate
    the nation can expect instead, so one draw moves it by far less."""
    seat = "canada"
    found = None
    for seed in range(40):  # a round-3 position in which some draws hit Canada, some spare it, and the game goes on
        g = Game.new("g7-2026", seed=seed)
        bots = make_policies(g, seed, TableSpec(difficulty="normal"))
        for _ in range(2):
            table_round(g, bots)
        if g.is_over:
            continue
        g.advance()  # round 3's negotiation
        g.advance()  # its orders
        others = search.predict_table(g, PersonaBot(None, "normal").beliefs(g))
        hit = spared = None
        for chance in range(100):
            after = search._apply(g, seat, others[seat], others, chance, next_round=False)
            if after.state.phase != "resolved":
                continue
            if after.state.nations[seat].comp_loss > 0:
                hit = hit or after
            else:
                spared = spared or after
            if hit and spared:
                found = (g, hit, spared)
                break
        if found:
            break
    assert found, "some position has draws that hit Canada and draws that spare it"
    g, hit, spared = found
    sp = seat_persona(g.rs, seat, "free_rider")  # values its own score alone
    norm = search.norm_for(g, seat)
    r = g.round
    remaining = g.state.rounds - r

    def raw(x: Game) -> float:  # the rate of this one draw carried to the end
        return (x.state.scores[seat] + x.state.round_scores[seat] * remaining) / norm

    swing = search.value(spared, seat, sp, norm, r) - search.value(hit, seat, sp, norm, r)
    swing_raw = raw(spared) - raw(hit)
    assert swing_raw > 0.1 * raw(spared)
    assert abs(swing) < 0.5 * swing_raw, (swing, swing_raw)

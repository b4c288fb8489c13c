"""Batches: one runner for every batch, here, in spawned worker processes or on a dask
cluster, with the same results; hard seats stop on an iteration budget, not the clock."""

from __future__ import annotations

import itertools
import json

import pytest

from game.ai import search
from game.ai.policy import Policy
from game.ai.policies import get_policy, seat_policy
from game.ai.random_policy import RandomPolicy
from game.ai.bot import PersonaBot
from game.ai.policy import HumanSeat, Waiting
from game.cli.main import main
from game.engine import Game
from game.session import batch, simulate
from game.session.match import Match


def _tiny(**kw):
    return simulate.simulate("tutorial", games=2, seed=3, rounds=2, **kw)


def test_every_seat_player_speaks_the_one_policy_protocol() -> None:
    players = [RandomPolicy(1), PersonaBot(None, "scripted"), HumanSeat(), get_policy("random", 1),
               *(get_policy(d, 1) for d in ("easy", "normal", "hard")), seat_policy("random", "hard", 1),
               seat_policy("default", "easy", 1)]
    assert all(isinstance(p, Policy) for p in players)


def test_a_person_at_the_desktop_is_asked_like_any_seat() -> None:
    m = Match.new("tutorial", seed=2)
    human = m.humans[0]
    m.advance()
    m.advance()
    player = m.player(human)
    assert isinstance(player, HumanSeat)
    with pytest.raises(Waiting):
        player.orders(m.game, human)
    m.submit(human, [])
    assert player.orders(m.game, human).orders == ()
    assert m.game.submitted()[human]


def test_batch_runs_in_spawned_workers_with_the_same_results() -> None:
    tasks = [("tutorial", 3 + i, 2, simulate.TableSpec(difficulty="normal"), False) for i in range(3)]
    here = batch.run(simulate._game_task, tasks)
    spawned = batch.run(simulate._game_task, tasks, jobs=2, start_method="spawn")
    assert spawned == here
    assert [r[0]["seed"] for r in here] == [3, 4, 5]


def test_simulate_with_jobs_equals_one_process() -> None:
    assert _tiny(jobs=2) == _tiny(jobs=1)


def test_hard_sim_is_the_same_when_the_clock_jumps(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same hard sim run twice, once with a clock that leaps a minute at every look:
    a search bounded by time would stop after one sweep there."""
    def run() -> dict:  # several sweeps per decision: a time-bound search (2 s) differs here
        return simulate.simulate("middle-powers", games=1, seed=3, rounds=1, difficulty="hard", hard_iterations=60)

    steady = run()
    ticks = itertools.count()
    monkeypatch.setattr(search.time, "perf_counter", lambda: 60.0 * next(ticks))
    jumpy = run()
    assert json.dumps(jumpy) == json.dumps(steady)


def test_the_desktop_keeps_a_time_cap_on_hard() -> None:
    """A front end's hard seat stops when its clock runs out: with a clock that leaps, one sweep."""
    g = Game.new("tutorial", seed=1)
    g.advance()
    g.advance()
    seat = g.seats[0]
    ticks = itertools.count()
    capped = PersonaBot(None, "hard", seed=1, iterations=400, budget_s=2.0)
    free = PersonaBot(None, "hard", seed=1, iterations=400)
    n_free = next(r.params["n"] for r in free.orders(g, seat).reasons if r.code == "search")
    real = search.time.perf_counter
    try:
        search.time.perf_counter = lambda: 60.0 * next(ticks)
        n_capped = next(r.params["n"] for r in capped.orders(g, seat).reasons if r.code == "search")
    finally:
        search.time.perf_counter = real
    assert n_capped < n_free


def test_a_cluster_gives_the_results_of_a_local_run() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = _tiny(difficulty="normal", cluster=cluster.scheduler_address)
    assert remote == _tiny(difficulty="normal")


def test_sim_on_an_unreachable_cluster_is_one_line_and_exit_2(capsys, monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", "1s")
    code = main(["sim", "--scenario", "tutorial", "--cluster", "tcp://127.0.0.1:9"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "tcp://127.0.0.1:9" in err


def test_balance_on_an_unreachable_cluster_is_one_line_and_exit_2(capsys, monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(batch, "CONNECT_TIMEOUT", "1s")
    code = main(["balance", "--games", "1", "--scenario", "middle-powers", "--quiet", "--cluster", "tcp://127.0.0.1:9"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "tcp://127.0.0.1:9" in err


def test_a_cluster_without_distributed_is_one_line_and_exit_2(capsys, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    code = main(["sim", "--scenario", "tutorial", "--lang", "ja", "--cluster", "tcp://127.0.0.1:9"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip().splitlines() == ["--cluster には distributed パッケージが必要です：pip install 'sumiwake[cluster]'"]

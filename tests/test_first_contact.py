"""First contact: what a new player meets in the desktop game, driven through the real event
loop (events posted to pygame's queue, the app's frames run them; see tests/realloop.py)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from realloop import click, enabled, frames, idle, key, on_screen, type_text, until  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


@pytest.fixture
def app(home):
    from game.ui.scenes.title import TitleScene

    a = App(Settings(), scenario="tutorial", seed=7)
    pygame.event.clear()
    a.push(TitleScene(a))
    frames(a)
    yield a
    a.worker.wait()
    pygame.quit()


def new_tutorial(app: App) -> None:
    key(app, pygame.K_n)
    assert app.top.name == "setup"
    click(app, "start")
    assert app.top.name == "table"


def to_negotiation(app: App) -> None:
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")            # the summit's choice for Japan
    assert app.top.name == "event_choice"
    key(app, pygame.K_RETURN)         # confirm the default
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")            # the computer seats choose; event -> negotiation
    until(app, lambda: app.match.game.phase == "negotiation" and enabled(app, "continue"), what="Continue")
    click(app, "continue")            # open negotiations
    assert app.top.name == "negotiation"


def ai_speed(monkeypatch, speed: str) -> None:
    """How long the AI worker's jobs take against the frame: "fast" jobs are done before the
    frame that started them polls the worker (a quick answer on a quick machine), "slow" ones
    take a few frames."""
    import time

    from game.ui.worker import Worker

    real = Worker.start

    def start(self, job, on_done, label=""):
        def timed():
            if speed == "slow":
                time.sleep(0.2)
            return job()
        real(self, timed, on_done, label)
        if speed == "fast":
            self._thread.join()

    monkeypatch.setattr(Worker, "start", start)


@pytest.mark.parametrize("speed", ["fast", "slow"])
def test_negotiation_done_comes_back_after_a_proposal_and_enter_ends_the_turn(app, monkeypatch, speed):
    """Tutorial -> Open negotiations -> United States -> Propose: once the computer seats have
    answered, Done is enabled again and Enter leaves the sheet, however fast the answers come."""
    ai_speed(monkeypatch, speed)
    new_tutorial(app)
    to_negotiation(app)
    click(app, "member_usa")
    click(app, "propose")
    idle(app)
    assert "United States" in on_screen(app)
    assert enabled(app, "done"), "Done stays disabled after the answers came in"
    key(app, pygame.K_RETURN)
    assert app.top.name == "table"


def test_typing_a_seed_types_a_seed_and_toggles_no_seat(app):
    """New game: click the seed box and type 21298: the seed is 21298, the box keeps the focus,
    and every seat plays as before (digits are not seat shortcuts while typing)."""
    from realloop import click_at

    key(app, pygame.K_n)
    setup = app.top
    before = dict(setup.control)
    box = setup.seed_entry
    click_at(app, box.rect.center)
    key(app, pygame.K_a, pygame.KMOD_CTRL)   # select what is there, then type over it
    type_text(app, "21298")
    assert app.top is setup and setup.seed_entry.get_text() == "21298"
    assert setup.seed_entry.is_focused
    assert setup.control == before
    key(app, pygame.K_1)                      # a digit is text, not the first seat's toggle
    assert setup.control == before and setup.seed_entry.get_text() == "212981"
    key(app, pygame.K_BACKSPACE)
    key(app, pygame.K_RETURN)                 # Enter in the box: the seed is set, the box lets go
    assert not setup.seed_entry.is_focused and setup.seed == 21298
    key(app, pygame.K_RETURN)                 # Enter again starts the game with that seed
    assert app.top.name == "table"
    assert app.match.game.seed == 21298 and app.match.humans == ["japan"]


def as_read(app: App) -> str:
    """The screen's text as a reader takes it in: wrapped lines joined by spaces."""
    return " ".join(app.rendered_texts())


def solo_g7(app: App, seed: int = 3, scenario: object = "g7-2026") -> None:
    from game.session.match import Match, SeatControl

    seats = Match.new(scenario, seed).game.seats
    app.start_match(Match.new(scenario, seed, {s: SeatControl(s == "japan") for s in seats}))
    frames(app, 2)


def test_solo_play_shows_your_own_secret_objective_and_how_close_you_are(app):
    """The objective is worth up to 12 % of the final score: the solo table, the negotiation
    sheet and the order sheet show it, with where the seat stands now."""
    solo_g7(app)
    g = app.match.game
    card = g.rs.objectives[g.state.objectives["japan"]]
    text = on_screen(app)
    assert card.title.get("en") in text and "Your secret objective" in text
    assert any(w in text for w in ("On track: now", "Not yet: now"))
    for _ in range(40):                          # event (and its choice, if the card asks Japan) -> negotiation
        if app.top.name == "negotiation":
            break
        if app.top.name == "event_choice":
            key(app, pygame.K_RETURN)                # confirm the default
        elif enabled(app, "continue"):
            click(app, "continue")
        else:
            idle(app)
    assert app.top.name == "negotiation" and card.title.get("en") in on_screen(app)
    key(app, pygame.K_RETURN)
    click(app, "continue")                       # -> orders
    idle(app)
    click(app, "continue")
    assert app.top.name == "orders" and card.title.get("en") in on_screen(app)


def test_hot_seat_table_never_shows_a_secret_objective(app):
    from game.session.match import Match, SeatControl

    seats = Match.new("g7-2026", 3).game.seats
    app.start_match(Match.new("g7-2026", 3, {s: SeatControl(s in ("japan", "usa")) for s in seats}))
    frames(app, 2)
    g = app.match.game
    text = on_screen(app)
    for s in ("japan", "usa"):
        assert g.rs.objectives[g.state.objectives[s]].title.get("en") not in text
    assert "Your secret objective" not in text


def test_agreements_in_force_and_their_end_are_on_the_solo_table(app):
    """An agreement shows with its last year; the year before it ends and the year it ends,
    a notice says so."""
    from tests.engine_helpers import lasting

    solo_g7(app, scenario=lasting())  # every seat holds in m.resolve(): no crisis may end the game
    m = app.match
    m.advance()
    pid = m.game.propose("japan", "threat_intel_sharing", ["japan", "usa"])
    m.game.answer("usa", pid, True)
    ag = m.game.agreements()[0]
    frames(app, 2)
    text = on_screen(app)
    assert "Agreements in force" in text and f"binds to year {ag['end_round']}" in as_read(app)
    assert "ends after" not in text
    while m.game.round < ag["end_round"] - 1:
        m.resolve()
    frames(app, 2)
    assert f"ends after next year (year {ag['end_round']})" in as_read(app)
    m.resolve()
    frames(app, 2)
    assert f"ends after this year (year {ag['end_round']})" in as_read(app)
    m.resolve()
    frames(app, 2)
    assert "binds to year" not in on_screen(app)


def test_f1_opens_the_help_on_the_order_and_negotiation_sheets(app):
    """F1 on the negotiation and order sheets opens the help; its pages explain orders, export
    tiers and scoring; F1 again returns to the sheet as it was."""
    new_tutorial(app)
    to_negotiation(app)
    key(app, pygame.K_F1)
    assert app.top.name == "help"
    key(app, pygame.K_F1)
    assert app.top.name == "negotiation"
    key(app, pygame.K_RETURN)
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")                       # -> orders
    idle(app)
    click(app, "continue")
    assert app.top.name == "orders"
    key(app, pygame.K_F1)
    assert app.top.name == "help"
    seen = as_read(app)
    for page in (pygame.K_1, pygame.K_3):
        key(app, page)
        seen += as_read(app)
    for words in ("Pick a kind on the left", "Tier 1, full access", "Tier 3, denied",
                  "half the weakest nation's security", "sum of your yearly scores", "secret objective's bonus"):
        assert words in seen, words
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "orders"


def test_the_table_sums_up_the_last_year_in_one_line(app):
    solo_g7(app)
    m = app.match
    before = m.game.indices()
    assert "Year 1: alliance security" not in as_read(app)   # nothing resolved yet
    m.resolve()
    frames(app, 2)
    table = app.top
    line = table.last_year()
    after = m.game.indices()
    assert line.startswith("Year 1: alliance security")
    assert f"{before['alliance_security']:.0f} → {after['alliance_security']:.0f}" in line
    assert "Japan scored" in line and "your security, mostly:" in line
    assert line in as_read(app)                  # whole: wrapped, never cut


def test_order_options_are_chosen_from_a_visible_list_by_key_or_click(app):
    """Targets and amounts are picked from a list of every option (not stepped through one at a
    time): Q opens the first field's list, its number picks one; a click on an option picks it."""
    from realloop import click_at

    solo_g7(app)
    m = app.match
    m.advance()
    m.advance()
    idle(app)
    click(app, "continue")
    sheet = app.top
    assert sheet.name == "orders"
    click(app, "kind_set_export_tier")
    targets = list(dict.fromkeys(o.target for o in sheet.options()))
    assert len(targets) > 6
    key(app, pygame.K_q)                         # the target list opens
    listed = on_screen(app)
    for t in targets:
        name = "Rest of the world" if t == "row" else m.game.seat_name(t)
        assert name in listed, name
    key(app, pygame.K_5)                         # the fifth target, at once
    assert app.top is sheet and sheet.candidate().target == targets[4]
    click(app, "kind_fund_defence")
    amounts = list(dict.fromkeys(o.amount for o in sheet.options()))
    click(app, "field_amount")                   # the amount list, by mouse
    option = app.top.ui.picker.buttons[amounts.index(max(amounts))]
    click_at(app, option.rect.center)
    assert app.top.ui.picker is None and sheet.candidate().amount == max(amounts)
    key(app, pygame.K_q)                         # Esc closes the list and changes nothing
    key(app, pygame.K_ESCAPE)
    assert app.top is sheet and app.top.ui.picker is None and sheet.candidate().amount == max(amounts)


def test_space_ends_negotiation_and_confirms_the_hand_over(app):
    """The help says Space or Enter continues: on the hand-over and on the negotiation sheet too."""
    from game.session.match import Match, SeatControl

    seats = Match.new("tutorial", 11).game.seats
    app.start_match(Match.new("tutorial", 11, {s: SeatControl(s in ("usa", "japan")) for s in seats}))
    frames(app, 2)
    for _ in range(40):                          # the summit's choices (behind hand-overs) -> negotiation
        if app.match.game.phase == "negotiation" and app.top.name == "table":
            break
        if app.top.name == "event_choice":
            key(app, pygame.K_RETURN)
        elif app.top.name == "handover" or enabled(app, "continue"):
            key(app, pygame.K_SPACE)
        else:
            idle(app)
    assert app.match.game.phase == "negotiation"
    key(app, pygame.K_SPACE)                     # the first human's turn: a hand-over
    assert app.top.name == "handover"
    key(app, pygame.K_SPACE)
    assert app.top.name == "negotiation"
    key(app, pygame.K_SPACE)
    assert app.top.name == "table"


def test_a_seat_tooltip_does_not_stay_after_a_sub_screen(app):
    from realloop import click_at

    solo_g7(app)
    table = app.top
    pos = table._seat_rects["usa"].center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 2)
    assert table.hovered() == ("seat", "usa")
    key(app, pygame.K_F1)
    click_at(app, app.top.ui.buttons["back"].rect.center)   # the pointer is now over Back, not the seat
    assert app.top is table and table.hovered() is None


def test_only_seats_that_may_join_are_offered(app):
    """Threat-intelligence sharing is for nations only: firms are not offered, and the sheet
    says how many members it can have ("2", not "2 to 12")."""
    new_tutorial(app)
    to_negotiation(app)
    sheet = app.top
    key(app, pygame.K_k)
    names = [k for k in sheet.kinds]
    key(app, pygame.K_1 + names.index("threat_intel_sharing"))
    assert sheet.kind == "threat_intel_sharing"
    assert enabled(app, "member_usa")
    assert not enabled(app, "member_openai") and not enabled(app, "member_sakana")


def test_save_slots_show_the_scenario_title_and_when_it_was_saved(app):
    import time

    solo_g7(app)
    key(app, pygame.K_ESCAPE)                    # menu
    key(app, pygame.K_s)                         # save
    key(app, pygame.K_1)
    text = on_screen(app)
    assert "G7 2026: the summit, year 1" in text and "g7-2026" not in text
    assert f"saved {time.strftime('%Y-%m-%d')}" in text


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900), (1920, 1080), (2560, 1440)])
@pytest.mark.parametrize("scale", [1.0, 1.2])
def test_seat_names_and_sheets_are_not_clipped_in_any_window_size(home, size, scale):
    """Every window size Settings offers, at 100 % and 120 % text: the g7 table during orders
    shows every seat's whole name (no "United King…", "Ja…"), and no string of the table, the
    order sheet or the negotiation sheet runs out of its box or into another."""
    from test_text_fit import button_problems, overlap_problems, painter_problems

    from game.session.match import Match, SeatControl
    from game.ui.scenes.negotiation import NegotiationScene
    from game.ui.scenes.orders import OrdersScene

    a = App(Settings(width=size[0], height=size[1], ui_scale=scale))
    try:
        seats = Match.new("g7-2026", 3).game.seats
        m = Match.new("g7-2026", 3, {s: SeatControl(s == "japan") for s in seats})
        a.start_match(m)
        m.advance()
        m.advance()
        frames(a, 2)
        texts = a.rendered_texts()
        for s in seats:
            assert m.game.seat_name(s) in texts, m.game.seat_name(s)
        problems = painter_problems(a) + button_problems(a)
        for make in (lambda: OrdersScene(a, "japan"), lambda: NegotiationScene(a, "japan")):
            a.push(make())
            frames(a, 2)
            problems += painter_problems(a) + button_problems(a) + overlap_problems(a)
            a.pop()
        assert not problems, problems[:20]
    finally:
        a.worker.wait()
        pygame.quit()


def test_every_amount_up_to_the_largest_is_offered(app):
    """Amounts run 1, 2, 3 … with no gap (there was no 5 between 4 and 6): in the rules, and in
    the order sheet's list for Fund defence, opened and picked with clicks."""
    from realloop import click_at

    from game.ui.scenes.orders import OrdersScene

    solo_g7(app)
    rs = app.match.game.rs
    for kind, d in rs.orders.items():
        if d.amounts:
            assert list(d.amounts) == list(range(1, max(d.amounts) + 1)), (kind, d.amounts)
    while app.match.game.phase != "orders":
        app.match.advance()
    app.push(OrdersScene(app, "japan"))
    frames(app, 2)
    click(app, "kind_fund_defence")
    sheet = app.top
    click(app, "field_amount")
    picker = sheet.ui.picker
    assert picker is not None, "no list of amounts opened"
    labels = [b.text for b in picker.buttons]
    assert len(labels) == 6 and any("5" in x for x in labels), labels
    click_at(app, picker.buttons[4].rect.center)      # "5. 5 points"
    assert sheet.candidate() is not None and sheet.candidate().amount == 5
    click(app, "add")
    assert [o.amount for o in sheet.draft] == [5]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("scale", [1.0, 1.2])
def test_the_tutorial_guide_on_the_table_is_shown_whole(home, lang, scale):
    """Every step of the tutorial that the table shows is there to its last word: the guide
    is a new player's instructions, and it was cut mid-sentence ("…and the brief besi…")."""
    from game.session.match import Match, SeatControl

    a = App(Settings(lang=lang, ui_scale=scale))
    try:
        seats = Match.new("tutorial", 7).game.seats
        m = Match.new("tutorial", 7, {s: SeatControl(s == "japan") for s in seats})
        a.start_match(m)
        shown = 0
        while not m.game.is_over:
            frames(a, 2)
            table = a.top
            step = table._tutorial() if table is not None and table.name == "table" else None
            if step is not None:
                # the guide is whole on screen, or runs over pages (key G) that together hold it whole
                whole = step.text.get(lang).replace(" ", "")
                _, _, lines, pages, _ = table._tutorial_layout()
                seen = []
                for _ in pages:
                    drawn = "".join(a.rendered_texts()).replace(" ", "")
                    page = "".join(lines[i] for i in pages[table._tutorial_layout()[4]]).replace(" ", "")
                    assert page and page in drawn, (m.game.round, m.game.phase, lang, scale)
                    seen.append(page)
                    if len(pages) > 1:
                        key(a, pygame.K_g)
                assert "".join(seen) == whole, (m.game.round, m.game.phase, lang, scale)
                shown += 1
            m.resolve() if m.game.phase == "orders" else m.advance()
        assert shown >= 4
    finally:
        a.worker.wait()
        pygame.quit()


def test_the_tutorial_step_stays_in_view_on_the_negotiation_and_order_sheets(app):
    """Where the player acts, the guide is still there: the negotiation sheet and the order
    sheet show the tutorial's current step in the brief, beside the objective."""
    new_tutorial(app)
    to_negotiation(app)
    g = app.match.game
    step = next(s for s in g.rs.scenario.tutorial if s.round == g.round and s.phase == "negotiation")
    text = on_screen(app)
    assert "Brief" in text and "Guide" in text
    assert step.text.get("en").split(". ")[0].split()[0] in text
    drawn = "".join(app.rendered_texts()).replace(" ", "")
    assert step.text.get("en").split(":")[0].replace(" ", "") in drawn
    key(app, pygame.K_RETURN)                    # done negotiating
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")                       # -> orders
    idle(app)
    until(app, lambda: enabled(app, "continue"), what="Continue")
    click(app, "continue")
    assert app.top.name == "orders"
    step = next(s for s in g.rs.scenario.tutorial if s.round == g.round and s.phase == "orders")
    drawn = "".join(app.rendered_texts()).replace(" ", "")
    assert "Guide" in on_screen(app) and step.text.get("en").split(".")[0].replace(" ", "") in drawn


def _solo_g7_to_negotiation(app) -> None:
    solo_g7(app)
    for _ in range(40):                          # event (and its choice, if the card asks Japan) -> negotiation
        if app.top.name == "negotiation":
            break
        if app.top.name == "event_choice":
            key(app, pygame.K_RETURN)
        elif enabled(app, "continue"):
            click(app, "continue")
        else:
            idle(app)
    assert app.top.name == "negotiation"


def _card_problems(app) -> list[str]:
    """Text cut with "…" on a proposal card, or running past its card."""
    cards = [r for _prop, r in app.top._cards()]
    out = []
    for d in app.painter.drawn:
        for c in cards:
            if d.ink.colliderect(c):
                if not c.inflate(2, 2).contains(d.ink):
                    out.append(f"past the card: {d.text!r}")
                elif d.text.endswith("…"):
                    out.append(f"cut: {d.text!r}")
    return out


def test_proposal_cards_show_every_answer_and_reason_whole(app):
    """A proposal to four seats, and the computer seats' own proposals: each whole reason is
    on its card, nothing cut with "…", and no line of a card runs past it."""
    _solo_g7_to_negotiation(app)
    frames(app, 2)
    assert not _card_problems(app), _card_problems(app)
    key(app, pygame.K_k)                         # the list of kinds; its number picks one
    key(app, pygame.K_1 + app.top.kinds.index("threat_intel_sharing"))
    for s in ("usa", "germany", "france", "italy"):
        click(app, f"member_{s}")
    click(app, "propose")
    idle(app)
    frames(app, 2)
    mine = [pid for pid in app.flow.ai_answers if len(app.flow.ai_answers[pid]) == 4]
    assert mine
    joined = " ".join(d.text for d in app.painter.drawn)
    for ans in app.flow.ai_answers[mine[0]]:
        for word in (ans.text["en"] if ans.text else "").split():
            assert word in joined, word
    assert not _card_problems(app), _card_problems(app)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("scale", [1.0, 1.2])
def test_seat_panels_keep_budget_and_score_apart_once_standings_show(home, lang, scale):
    """From year 2 the g7 seat panels add the standing ("× par") to the score; in a panel of
    twelve at 1280×720 it ran over the budget ("BudgetScore 365.3…")."""
    from test_text_fit import overlap_problems, painter_problems

    from game.session.match import Match, SeatControl

    a = App(Settings(lang=lang, ui_scale=scale))
    try:
        seats = Match.new("g7-2026", 5).game.seats
        m = Match.new("g7-2026", 5, {s: SeatControl(s == "japan") for s in seats})
        a.start_match(m)
        while m.game.phase != "orders":
            m.advance()
        m.resolve()
        frames(a, 3)
        assert a.top.name == "table" and m.game.round == 2
        assert m.game.view_for("japan").get("standings"), "no standings to show"
        problems = [x for x in overlap_problems(a) + painter_problems(a) if "Budget" in x or "予算" in x]
        assert not problems, problems[:4]
    finally:
        a.worker.wait()
        pygame.quit()


def test_the_computer_seats_propose_in_a_year_whose_card_asks_them_to_choose(app):
    """The G7 summit opens g7-2026 and asks every nation to choose.  Once the computer seats
    had chosen, the table went on to negotiation without asking them for their proposals: a
    solo player got no proposal at all in year 1 (seen playing through real clicks), and the
    bots formed nothing among themselves."""
    solo_g7(app)
    g = app.match.game
    assert g.rs.events[g.rs.scenario.scheduled_events[1]].choice is not None, "year 1's card asks for a choice"
    to_negotiation(app)
    idle(app)
    offered = [p for p in g.proposals("japan") if p["proposer"] != "japan"]
    assert offered, "the computer seats table their proposals, Japan's among them"
    assert any(a["kind"] == "data_partnership" and "japan" not in a["members"] for a in g.agreements()), \
        "and form agreements among themselves"

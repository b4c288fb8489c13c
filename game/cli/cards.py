"""``sumiwake cards --scenario ID --out DIR``: printable role cards and a rules summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.session.cards import write_cards

from .messages import t
from .output import CliError, scenario_or_fail, scenario_ref, writable_dir, write_failed

EXAMPLES = """\
  sumiwake cards --scenario g7-2026 --out cards/
  sumiwake cards --scenario g7-2026 --seed 4 --out cards/   # with each seat's dealt secret objective
  sumiwake cards --scenario tutorial --out cards/ --lang ja
  sumiwake cards --scenario g7-2026 --out cards/ --session ~/.local/share/sumiwake/workshop-g7-2026-42.json \
      --server http://192.168.1.20:8765   # and a join card per seat (QR code + link)"""


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("cards", help=t("cards.help", lang), description=t("cards.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("--scenario", metavar="ID", required=True, help=t("cards.scenario", lang))
    p.add_argument("--out", metavar="DIR", type=Path, required=True, help=t("cards.out", lang))
    p.add_argument("--seed", metavar="S", type=int, default=None, help=t("cards.seed", lang))
    p.add_argument("--session", metavar="FILE", type=Path, default=None, help=_net("cards.session", lang))
    p.add_argument("--server", metavar="URL", default=None, help=_net("cards.server", lang))
    p.set_defaults(run=run)


def _net(key: str, lang: str, **kw: object) -> str:
    from game.net.messages import t as net_t

    return net_t(key, lang, **kw)


def join_cards(args: argparse.Namespace) -> int:
    """A join card per seat of a served session: its QR code and link."""
    from game.engine import SaveError
    from game.net.joincards import write_join_cards
    from game.net.tokens import TokenStore, tokens_path
    from game.session.workshop import Workshop

    lang = args.lang
    if not args.server:
        raise CliError(_net("cards.need_server", lang))
    tp = tokens_path(args.session)
    try:
        ws = Workshop.load(args.session, autosave=False)
        if not tp.is_file():
            raise CliError(_net("cards.no_tokens", lang, path=args.session))
        tokens = TokenStore.load(tp, ws.game.seats)
    except SaveError as exc:
        raise CliError(exc.message(lang)) from None
    rs = ws.game.rs
    seats = [(s, rs.seat_name(s, lang)) for s in ws.game.seats if s not in ws.ai_seats]
    out = args.out / "join-cards.html"
    try:
        write_join_cards(out, seats, tokens, args.server.rstrip("/"), lang, rs.scenario.title.get(lang))
    except OSError as exc:
        raise write_failed(out, exc, lang) from None
    print(_net("cards.written", lang, n=len(seats), path=out))
    return 0


def run(args: argparse.Namespace) -> int:
    scenario = scenario_or_fail(args.scenario, args.lang)
    inputs = [args.scenario] if Path(args.scenario).is_file() else []
    writable_dir(args.out, args.lang, inputs)
    try:
        files = write_cards(scenario_ref(scenario), args.out, args.lang, args.seed)
    except OSError as exc:
        raise write_failed(getattr(exc, "filename", None) or args.out, exc, args.lang) from None
    print(t("cards.ok", args.lang, n=len(files), dir=args.out))
    if args.session is not None:
        return join_cards(args)
    return 0

"""``sumiwake serve``: host a table for team devices (browsers) without the desktop console.

Binds to loopback unless told otherwise (``--host ADDR`` or ``--lan``), prints the
addresses teams use (one join link per seat, the facilitator's page, the projector and
the spectators' link), autosaves like a workshop, and ``--resume FILE`` continues a
table with the same links.  For a remote session: ``--certfile``/``--keyfile`` serve
https and wss themselves; behind a reverse proxy that terminates TLS, ``--public-url``
is the address teams use (the links printed use it, and the server accepts it as Host
and Origin).
"""

from __future__ import annotations

import argparse
import random
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from game.i18n import join_list
from game.i18n import os_error
from game.engine import SaveError

from .messages import t as cli_t
from .output import CliError, int_at_least, scenario_or_fail, scenario_ref

EXAMPLES = """\
  sumiwake serve --scenario g7-2026 --lan
  sumiwake serve --scenario tutorial --port 8080 --ai usa,openai
  sumiwake serve --resume ~/.local/share/sumiwake/workshop-g7-2026-42.json --lan
  sumiwake serve --scenario g7-2026 --host 0.0.0.0 --port 8443 --certfile cert.pem --keyfile key.pem
  sumiwake serve --scenario g7-2026 --public-url https://game.example.org"""


def _t(key: str, lang: str, **kw: object) -> str:
    from game.net.messages import t

    return t(key, lang, **kw)


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("serve", help=_t("serve.help", lang), description=_t("serve.help", lang),
                       epilog=f"{cli_t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("--scenario", default="g7-2026", help=_t("serve.scenario", lang))
    p.add_argument("--host", default=None, help=_t("serve.host", lang))
    p.add_argument("--port", type=int_at_least(0, lang), default=8765, help=_t("serve.port", lang))
    p.add_argument("--lan", action="store_true", help=_t("serve.lan", lang))
    p.add_argument("--seed", type=int, default=None, help=_t("serve.seed", lang))
    p.add_argument("--rounds", type=int_at_least(1, lang), default=None, help=_t("serve.rounds", lang))
    p.add_argument("--ai", default="", metavar="SEATS", help=_t("serve.ai", lang))
    p.add_argument("--resume", type=Path, metavar="FILE", help=_t("serve.resume", lang))
    p.add_argument("--auto-resolve", action="store_true", help=_t("serve.auto", lang))
    p.add_argument("--origin", action="append", default=[], metavar="URL", help=_t("serve.origin", lang))
    p.add_argument("--durations", default=None, metavar="E,N,O", help=_t("serve.durations", lang))
    p.add_argument("--certfile", type=Path, default=None, metavar="FILE", help=_t("serve.certfile", lang))
    p.add_argument("--keyfile", type=Path, default=None, metavar="FILE", help=_t("serve.keyfile", lang))
    p.add_argument("--public-url", default=None, metavar="URL", help=_t("serve.public_url", lang))
    p.set_defaults(run=run)


def _durations(text: str | None, lang: str) -> dict[str, float] | None:
    if text is None:
        return None
    try:
        parts = [float(x) for x in text.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 3 or any(not (0 < x <= 24 * 3600) for x in parts):
        raise CliError(_t("serve.bad_durations", lang))
    return dict(zip(("event", "negotiation", "orders"), parts))


def _tls(args: argparse.Namespace, lang: str) -> bool:
    """True when the server is to speak TLS itself (both files given and usable)."""
    from game.net.tls import TlsError, check_pair

    if args.certfile is None and args.keyfile is None:
        return False
    if args.certfile is None or args.keyfile is None:
        raise CliError(_t("serve.tls_pair", lang))
    try:
        check_pair(args.certfile, args.keyfile)
    except TlsError as exc:
        raise CliError(_t("serve.tls_bad", lang, path=exc.path, reason=exc.reason)) from None
    return True


def _public_url(text: str | None, lang: str) -> str | None:
    if text is None:
        return None
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        raise CliError(_t("serve.bad_public_url", lang, url=text))
    return f"{parts.scheme}://{parts.netloc}".lower()


def build_host(args: argparse.Namespace):  # noqa: ANN201 - a TableHost (imported lazily)
    from game.net.table import TableHost
    from game.session.match import workshop_path

    lang = args.lang
    if args.resume is not None:
        try:
            return TableHost.resume(args.resume, auto_resolve=args.auto_resolve)
        except SaveError as exc:
            raise CliError(exc.message(lang)) from None
    sc = scenario_or_fail(args.scenario, lang)
    seats = list(sc.seats)
    ai = [s.strip() for s in args.ai.split(",") if s.strip()]
    for s in ai:
        if s not in seats:
            raise CliError(_t("serve.bad_ai", lang, seat=s, known=join_list(seats, lang)))
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
    return TableHost.new(scenario_ref(sc), seed, {s: "normal" for s in ai}, rounds=args.rounds,
                         autosave_path=workshop_path(sc.id, seed), durations=_durations(args.durations, args.lang),
                         auto_resolve=args.auto_resolve)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from game.net.addresses import listen_plan
    from game.net.protocol import MAX_FRAME_BYTES
    from game.net.server import Access, create_app

    lang = args.lang
    tls = _tls(args, lang)
    public_url = _public_url(args.public_url, lang)
    plan = listen_plan(args.host, args.lan, args.port)
    if not plan["lan_found"]:
        print(_t("serve.no_lan", lang), file=sys.stderr)
    bind = plan["bind"]
    host = build_host(args)
    sock = socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((bind, args.port))
        sock.listen(128)  # teams may connect as soon as the links are printed
        port = sock.getsockname()[1]
    except OSError as exc:
        sock.close()
        raise CliError(_t("serve.port_busy", lang, host=bind, port=args.port, detail=os_error(exc))) from None
    shown, hosts = plan["public"], set(plan["hosts"])
    origins = {o.rstrip("/").lower() for o in args.origin}
    for o in origins:
        hosts.add((urlsplit(o).hostname or "").lower())
    base = f"{'https' if tls else 'http'}://{'[' + shown + ']' if ':' in shown else shown}:{port}"
    if public_url is not None:  # behind a reverse proxy: the address teams use
        base = public_url
        origins.add(public_url.lower())
        hosts.add((urlsplit(public_url).hostname or "").lower())
    print_links(host, base, lang)
    if tls:
        print(_t("serve.tls_on", lang))
    if bind.startswith("127.") or bind in ("localhost", "::1"):
        print(_t("serve.loopback", lang))
    if host.ws.autosave_path is not None:
        print(_t("serve.autosave", lang, path=host.ws.autosave_path))
    sys.stdout.flush()
    app = create_app(host, Access(hosts=hosts, origins=origins))
    config = uvicorn.Config(app, host=bind, port=port, log_level="warning", ws_max_size=4 * MAX_FRAME_BYTES,
                            ws_per_message_deflate=False, proxy_headers=False, access_log=False,
                            ssl_certfile=str(args.certfile) if tls else None,
                            ssl_keyfile=str(args.keyfile) if tls else None)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
    print(_t("serve.stopped", lang))
    return 0


def print_links(host, base: str, lang: str) -> None:  # noqa: ANN001 - a TableHost
    from game.net.links import seat_links

    rs = host.ws.game.rs
    print(_t("serve.listening", lang, scenario=rs.scenario.title.get(lang), url=base))
    links = seat_links(host, base, lang)
    print(_t("serve.admin", lang, url=links["admin"]))
    print(_t("serve.projector", lang, url=links["projector"]))
    print(_t("serve.spectator", lang, url=links["watch"]))
    for seat, url in links["seats"].items():
        print("  " + _t("serve.seat", lang, seat=rs.seat_name(seat, lang), url=url))

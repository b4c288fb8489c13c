"""``sumiwake report SAVE --out FILE.html``: the after-action report of any saved game."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine import SaveError
from game.session.report_build import build_report, load_report_source

from .messages import t
from .output import CliError, writable_file, write_failed

EXAMPLES = """\
  sumiwake sim --scenario g7-2026 --seed 3 --save saves/
  sumiwake report saves/g7-2026-3.json --out report.html
  sumiwake report workshop.json --out report.html --lang ja"""


def add_parser(sub: argparse._SubParsersAction, lang: str, **common) -> None:
    p = sub.add_parser("report", help=t("report.help", lang), description=t("report.help", lang),
                       epilog=f"{t('examples', lang)}\n{EXAMPLES}", **common)
    p.add_argument("file", metavar="SAVE", type=Path, help=t("report.file", lang))
    p.add_argument("--out", metavar="FILE.html", type=Path, required=True, help=t("report.out", lang))
    p.add_argument("--data", metavar="FILE.json", type=Path, default=None, help=t("report.data", lang))
    p.add_argument("--reveal-secrets", action="store_true", help=t("report.reveal", lang))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    data_path = args.data if args.data is not None else args.out.with_suffix(".json")
    # before any work: neither output is the save read, nor the other output, nor unwritable
    if data_path.resolve() == args.out.resolve():
        raise CliError(t("report.same_file", lang))
    writable_file(args.out, lang, inputs=[args.file])
    writable_file(data_path, lang, inputs=[args.file, args.out])
    try:
        source = load_report_source(args.file)
    except SaveError as exc:
        raise CliError(exc.message(lang)) from None
    game = source.game
    in_progress = not game.is_over
    if in_progress and args.reveal_secrets:
        print(t("report.reveal_warning", lang), file=sys.stderr)
    try:
        build_report(game, args.out, lang, data_path, reveal_secrets=args.reveal_secrets, teams=source.teams,
                     unlocks=source.unlocks, audit=source.audit)
    except OSError as exc:
        raise write_failed(getattr(exc, "filename", None) or args.out, exc, lang) from None
    print(t("report.ok", args.lang, html=args.out, json=data_path))
    if in_progress and not args.reveal_secrets:
        print(t("report.secrets_hidden", args.lang))
    return 0

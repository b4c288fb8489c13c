"""``sumiwake`` command-line tools: validate, scenarios, sim, replay, schema.

``main(argv) -> int`` returns the exit code and never raises: 0 success,
2 bad arguments or bad input (content, save, scenario id), 1 internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from game import __version__
from game.content import ContentError
from game.i18n import choose_lang
from game.i18n_argparse import HelpFormatter, argparse_language

from . import balance, cards, replay, report, scenarios, schema, serve, sim, validate
from .messages import LANGS, t
from .output import CliError

COMMANDS = (validate, scenarios, sim, balance, replay, report, cards, schema, serve)


def saved_lang() -> str | None:
    """The language saved in the desktop game's settings, if any."""
    from game.session.match import user_dir

    try:
        data = json.loads((user_dir() / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) else None


def command_lang(argv: Sequence[str]) -> str:
    """``--lang`` anywhere in ``argv``, else ``SUMIWAKE_LANG``, else the saved setting, else en."""
    return choose_lang(argv, os.environ, saved_lang())


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The parser, its help in ``lang``; build it inside `argparse_language(lang)` so that
    argparse's own words are in ``lang`` too."""
    parser = argparse.ArgumentParser(
        prog="sumiwake", description=t("prog.description", lang), epilog=t("prog.epilog", lang),
        formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"sumiwake {__version__}",
                        help=t("opt.version", lang))
    parser.add_argument("--lang", choices=LANGS, default=lang, help=t("opt.lang", lang))
    # the same option after the command; SUPPRESS keeps the global value when it is absent
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=t("opt.lang", lang))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=t("commands", lang))
    for module in COMMANDS:
        module.add_parser(sub, lang, parents=[common], formatter_class=HelpFormatter)
    return parser


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = command_lang(args_list)
    with argparse_language(lang):
        parser = build_parser(lang)
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:  # --help, --version and usage errors: argparse already printed
            return _exit_code(exc)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
    try:
        return int(args.run(args))
    except CliError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    except ContentError as exc:  # e.g. a broken persona file met while running a command
        print("\n".join(pr.text(args.lang) for pr in exc.problems), file=sys.stderr)
        return 2
    except SystemExit as exc:
        return _exit_code(exc)
    except KeyboardInterrupt:
        print(t("err.interrupted", args.lang), file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `sumiwake sim --json | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        if os.environ.get("SUMIWAKE_DEBUG"):
            raise
        print(t("err.internal", args.lang, detail=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1

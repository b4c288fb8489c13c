"""Plain-text tables that line up with Japanese (double-width) text too."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.i18n import display_width as width
from game.i18n import os_error
from game.i18n import join_list

if TYPE_CHECKING:
    from game.content import Scenario


def pad(text: str, cols: int, right: bool = False) -> str:
    fill = " " * max(0, cols - width(text))
    return fill + text if right else text + fill


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A table with a header rule; columns listed in ``right`` are right-aligned."""
    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(pad(c, cols[i], i in right) for i, c in enumerate(cells)).rstrip()

    out = [line(headers), "  ".join("-" * c for c in cols)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def pm(mean: float, stdev: float, digits: int = 1) -> str:
    return f"{mean:.{digits}f} ± {stdev:.{digits}f}"


def int_at_least(lo: int, lang: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``lo``, refused in ``lang``."""
    from .messages import t

    def parse(text: str) -> int:
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("arg.not_int", lang, value=text)) from None
        if v < lo:
            raise argparse.ArgumentTypeError(t("arg.at_least", lang, lo=lo, value=text))
        return v

    parse.__name__ = "int"
    return parse


class CliError(Exception):
    """A failure to report to the user as one or more plain lines on stderr."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def scenario_or_fail(ref: str, lang: str) -> Scenario:
    """Load scenario ``ref`` (an id or a path to a .yaml file) or raise `CliError`.

    A file whose id is a built-in one is played all the same, with a one-line notice on stderr.
    Pass `scenario_ref` of the result on to whatever loads it again (workers, saves).
    """
    import sys

    from game.content import ContentError, load_scenario, scenario_ids
    from game.content.loader import is_scenario_path, shadows_builtin

    from .messages import t

    if not is_scenario_path(ref) and ref not in scenario_ids():
        raise CliError(t("err.unknown_scenario", lang, id=ref, known=join_list(scenario_ids(), lang)))
    try:
        sc = load_scenario(ref)
    except ContentError as exc:
        raise CliError("\n".join([*(pr.text(lang) for pr in exc.problems), t("err.content", lang)])) from None
    notice = shadows_builtin(sc, lang)
    if notice:
        print(notice, file=sys.stderr)
    return sc


def scenario_ref(sc: Scenario) -> str:
    """What loads ``sc`` again anywhere: the absolute path of a scenario file, else its id."""
    return sc.source or sc.id


def writable_file(path: Path, lang: str, inputs: Sequence[Path | str] = ()) -> Path:
    """``path`` if a file may be written there (not an input, not a directory, a writable place),
    else `CliError` with one line: checked before any work."""
    from game.session.outputs import OutputError, check_file

    from .messages import t

    try:
        check_file(path, inputs)
    except OutputError as exc:
        raise CliError(t(f"out.{exc.code}", lang, **exc.params)) from None
    return path


def writable_dir(path: Path, lang: str, inputs: Sequence[Path | str] = ()) -> Path:
    """``path`` if new files may be written into it, else `CliError` with one line."""
    from game.session.outputs import OutputError, check_dir

    from .messages import t

    try:
        check_dir(path, inputs)
    except OutputError as exc:
        raise CliError(t(f"out.{exc.code}", lang, **exc.params)) from None
    return path


def write_failed(path: Path | str, exc: OSError, lang: str) -> CliError:
    """The one line for a write that failed after all (a full disk, a file removed meanwhile)."""
    from .messages import t

    return CliError(t("err.write", lang, path=path, detail=os_error(exc)))

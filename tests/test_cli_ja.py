"""The command line speaks Japanese: with --lang ja, SUMIWAKE_LANG=ja or the saved setting,
argparse's own words, option help and errors are Japanese, in `sumiwake`'s commands and in
`play --help` / `workshop --help`; `sumiwake --lang ja play` works; English stays as it was."""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import os
import re
import subprocess
import sys

import pytest

from game.cli.main import build_parser, main
from game.i18n import display_width
from game.i18n_argparse import ARGPARSE, DEVELOPER_ONLY, HelpFormatter, argparse_language
from game.launcher import command_first

ENGLISH = ("usage:", "error:", "options:", "positional arguments", "show this help", "the following arguments",
           "invalid choice", "invalid int value", "unrecognized arguments", "expected one argument",
           "must be at least", "argument --")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("SUMIWAKE_LANG", raising=False)
    return tmp_path / "home"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def no_english(text: str) -> None:
    found = [w for w in ENGLISH if w in text]
    assert not found, f"English {found} in:\n{text}"
    assert JAPANESE.search(text), text


def test_every_argparse_message_a_user_can_meet_has_japanese():
    tree = ast.parse(inspect.getsource(argparse))
    msgids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            msgids.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    assert {"usage: ", "the following arguments are required: %s"} <= msgids
    missing = sorted(msgids - set(ARGPARSE) - DEVELOPER_ONLY)
    assert not missing, f"argparse messages without Japanese: {missing}"
    placeholder = re.compile(r"%(?:\(\w+\))?[rsd]")
    for msgid, entry in ARGPARSE.items():
        assert entry["en"] == msgid
        assert sorted(placeholder.findall(entry["ja"])) == sorted(placeholder.findall(msgid)), msgid
        assert JAPANESE.search(entry["ja"]) or "：" in entry["ja"], msgid


def test_help_in_japanese(capsys):
    code, out, _ = run(capsys, "--lang", "ja", "--help")
    assert code == 0
    no_english(out)
    assert out.startswith("使い方：sumiwake ")
    assert "オプション：" in out and "このヘルプを表示して終了します" in out
    for command in ("validate", "scenarios", "sim", "balance", "replay", "report", "cards", "schema"):
        code, out, _ = run(capsys, command, "--lang", "ja", "--help")
        assert code == 0, command
        no_english(out)


def test_japanese_help_fits_the_terminal_by_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "--lang", "ja", "sim", "--help")
    assert code == 0
    prose = out.split("例：")[0]  # the example command lines are printed as written
    too_wide = [line for line in prose.splitlines() if display_width(line) > 60]
    assert not too_wide, too_wide
    usage = out.split("\n\n")[0].splitlines()
    first = usage[0].index("[")  # wrapped usage lines line up under the first option, by columns
    assert all(display_width(line) - len(line.lstrip()) == display_width(usage[0][:first]) for line in usage[1:])


@pytest.mark.parametrize("argv, japanese", [
    (["sim", "--lang", "ja"], "次の引数を指定してください：--scenario"),
    (["sim", "--lang", "ja", "--scenario", "tutorial", "--games", "x"], "--games：「x」は整数ではありません"),
    (["sim", "--lang", "ja", "--scenario", "tutorial", "--games", "0"], "--games：1以上にしてください"),
    (["sim", "--lang", "ja", "--scenario", "tutorial", "--difficulty", "extreme"], "「extreme」は選べません"),
    (["--lang", "ja", "frobnicate"], "「frobnicate」は選べません"),
    (["scenarios", "--lang", "ja", "--frob"], "不明な引数です：--frob"),
    (["sim", "--lang", "ja", "--scenario"], "--scenario：値を1つ指定してください"),
    (["--lang", "ja", "balance", "--seed", "-1"], "--seed：0以上にしてください"),
])
def test_usage_errors_in_japanese(capsys, argv, japanese):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert japanese in err, err
    assert err.startswith("使い方：") and "：エラー：" in err
    no_english(err)


def test_usage_errors_in_english_are_unchanged(capsys):
    code, _, err = run(capsys, "sim", "--games", "x", "--scenario", "tutorial")
    assert code == 2
    assert err.splitlines()[-1] == "sumiwake sim: error: argument --games: invalid int value: 'x'"
    code, _, err = run(capsys, "sim")
    assert err.splitlines()[-1] == "sumiwake sim: error: the following arguments are required: --scenario"


def test_english_help_is_what_argparse_prints(capsys):
    """The display-width formatter changes nothing in text without wide characters."""
    parser = build_parser("en")
    plain = build_parser("en")
    for p in (plain, *plain._subparsers._group_actions[0].choices.values()):
        p.formatter_class = argparse.RawDescriptionHelpFormatter
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert sub.formatter_class is HelpFormatter, name
        assert sub.format_help() == plain._subparsers._group_actions[0].choices[name].format_help(), name
    assert parser.format_help() == plain.format_help()


def test_sumiwake_lang_and_the_saved_setting_choose_the_language(capsys, monkeypatch, home):
    monkeypatch.setenv("SUMIWAKE_LANG", "ja")
    code, _, err = run(capsys, "sim")
    assert code == 2 and "次の引数を指定してください" in err
    code, _, err = run(capsys, "sim", "--lang", "en")  # the option wins over the environment
    assert "the following arguments are required" in err
    monkeypatch.delenv("SUMIWAKE_LANG")
    home.mkdir(parents=True)
    (home / "settings.json").write_text(json.dumps({"lang": "ja"}), encoding="utf-8")
    code, out, _ = run(capsys, "scenarios")
    assert code == 0 and "チュートリアル" in out
    monkeypatch.setenv("SUMIWAKE_LANG", "en")  # the environment wins over the saved setting
    code, out, _ = run(capsys, "scenarios")
    assert "Tutorial" in out and "チュートリアル" not in out


def test_argparse_speaks_english_again_after_japanese():
    with argparse_language("ja"):
        assert argparse._("usage: ") == "使い方："
    assert argparse._("usage: ") == "usage: "


def test_the_option_before_play_or_workshop_moves_after_it():
    assert command_first(["--lang", "ja", "play"]) == ["play", "--lang", "ja"]
    assert command_first(["--lang=ja", "workshop", "--seed", "3"]) == ["workshop", "--lang=ja", "--seed", "3"]
    assert command_first(["--lang", "ja", "sim", "--games", "2"]) == ["--lang", "ja", "sim", "--games", "2"]
    assert command_first(["play"]) == ["play"]


def _sumiwake(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", **env}
    full.pop("SUMIWAKE_LANG", None) if "SUMIWAKE_LANG" not in env else None
    return subprocess.run([sys.executable, "-m", "game", *argv], capture_output=True, text=True, env=full, timeout=60)


@pytest.mark.parametrize("command", ["play", "workshop"])
def test_play_and_workshop_help_in_japanese(command, home):
    out = _sumiwake("--lang", "ja", command, "--help", SUMIWAKE_HOME=str(home))
    assert out.returncode == 0, out.stderr
    no_english(out.stdout)
    assert out.stdout.startswith(f"使い方：sumiwake {command} ")
    err = _sumiwake(command, "--seed", "x", SUMIWAKE_HOME=str(home), SUMIWAKE_LANG="ja")
    assert err.returncode == 2
    assert f"sumiwake {command}：エラー：--seed：" in err.stderr
    no_english(err.stderr.replace("pygame-ce", ""))
    en = _sumiwake(command, "--help", SUMIWAKE_HOME=str(home))
    assert en.returncode == 0 and en.stdout.startswith(f"usage: sumiwake {command} ")


def test_play_takes_the_language_from_the_option_before_it(monkeypatch, home):
    from game.ui.app import parse_args, settings_from

    ns = parse_args(command_first(["--lang", "ja", "play", "--seed", "4"]))
    assert ns.lang == "ja" and ns.seed == 4 and settings_from(ns).lang == "ja"
    monkeypatch.setenv("SUMIWAKE_LANG", "ja")
    assert settings_from(parse_args(["play"])).lang == "ja"

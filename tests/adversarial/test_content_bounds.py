"""Content that used to validate and then break the game is refused in one line, exit code 2.

The golden cases in tests/content_errors/ pin the exact messages inside a tiny content tree;
these cases go through the command line and `Game.new` with a scenario file of the player's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.main import main
from game.content import ContentError
from game.content.reading import MAX_DEPTH, MAX_FILE_BYTES
from game.engine import Game

REPO = Path(__file__).resolve().parents[2]
TUTORIAL = (REPO / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _scenario(here: Path, extra: str = "", **replace: str) -> Path:
    text = TUTORIAL.replace("id: tutorial", "id: mine", 1)
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    file = here / "mine.yaml"
    file.write_text(text + extra, encoding="utf-8")
    return file


def _sim(capsys: pytest.CaptureFixture[str], file: Path) -> tuple[int, list[str]]:
    code = main(["sim", "--scenario", file.name, "--games", "1"])
    out, err = capsys.readouterr()
    assert out == ""
    return code, err.splitlines()


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN", ".Inf"])
def test_non_finite_seat_override(here: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    file = _scenario(here, f"seat_overrides:\n  japan: {{defence: {value}}}\n")
    code, lines = _sim(capsys, file)
    assert code == 2
    assert lines[0].startswith("mine.yaml:")
    assert lines[0].endswith(": seat_overrides.japan.defence: must be a finite number (not .nan or .inf)")
    with pytest.raises(ContentError):
        Game.new(str(file))


@pytest.mark.parametrize("override, message", [
    ("{data: {defence: -3}}", "seat_overrides.japan.data.defence: must be at least 0, got -3"),
    ("{income: -1}", "seat_overrides.japan.income: must be at least 0, got -1"),
    ("{defence: -0.5}", "seat_overrides.japan.defence: must be at least 0, got -0.5"),
    ("{income: 99999999999999999999999}",
     "seat_overrides.japan.income: must be between -1,000,000 and 1,000,000, got 99999999999999999999999"),
    ("{defence: 1.0e+308}", "seat_overrides.japan.defence: must be between -1,000,000 and 1,000,000, got 1e+308"),
])
def test_out_of_range_seat_override(here: Path, capsys: pytest.CaptureFixture[str], override: str, message: str) -> None:
    code, lines = _sim(capsys, _scenario(here, f"seat_overrides:\n  japan: {override}\n"))
    assert code == 2
    assert lines[0].endswith(message), lines


def test_a_seat_listed_twice(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seats = next(line for line in TUTORIAL.splitlines() if line.startswith("seats:"))
    first = seats.split("[", 1)[1].split(",")[0].strip()
    file = _scenario(here, **{seats: seats.replace("]", f", {first}]")})
    code, lines = _sim(capsys, file)
    assert code == 2
    assert f"seat '{first}' is listed twice (first at seats[0])" in lines[0]


def test_trust_out_of_range(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = _sim(capsys, _scenario(here, **{"trust: 60": "trust: 1.0e+10"}))
    assert code == 2 and lines[0].endswith("trust: must be at most 100, got 10000000000.0")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 400, 5000])
def test_deep_nesting_is_one_line_not_a_recursion_error(here: Path, capsys: pytest.CaptureFixture[str],
                                                          depth: int) -> None:
    file = here / "deep.yaml"
    file.write_text("id: deep\nseats:\n  - " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    code = main(["validate", str(file)])
    out, err = capsys.readouterr()
    assert code == 2
    assert (out + err).splitlines() == ["deep.yaml:3:54: (yaml): nested more than 50 levels deep"]


def test_deep_block_nesting(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = here / "deep.yaml"
    file.write_text("id: deep\n" + "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "v\n",
                    encoding="utf-8")
    code = main(["validate", str(file)])
    out, err = capsys.readouterr()
    assert code == 2
    lines = (out + err).splitlines()
    assert len(lines) == 1 and lines[0].endswith(": (yaml): nested more than 50 levels deep")


def test_huge_file_is_refused_before_it_is_read(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _scenario(here)
    with file.open("a", encoding="utf-8") as fh:
        fh.write("# " + "x" * MAX_FILE_BYTES + "\n")
    code, lines = _sim(capsys, file)
    assert code == 2
    size = file.stat().st_size
    assert lines[0] == (f"mine.yaml:1:1: (file): file is too large ({size:,} bytes; "
                        f"a content file may have at most {MAX_FILE_BYTES:,})")


def test_the_bundled_content_is_within_the_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok:")

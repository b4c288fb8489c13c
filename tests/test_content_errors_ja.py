"""`sumiwake validate --lang ja`: every golden content error of tests/content_errors is
reported at the same place, worded in Japanese (ids and values quoted as written)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.cli.main import main
from game.content import validate

HERE = Path(__file__).parent / "content_errors"
CASES = sorted(p.stem for p in HERE.glob("*.yaml"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# English wording that must not be left in a Japanese problem (quoted ids and values aside)
ENGLISH = re.compile(r"\b(must|unknown|needs?|field|duplicate|defined|required|missing|expected|"
                     r"mapping|number|did you mean|is not|not found|got)\b")
QUOTED = re.compile(r"'[^']*'|「[^」]*」|\"[^\"]*\"")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(HERE / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _where(line: str) -> str:
    return line.split(": ", 1)[0] if ": " in line else line


@pytest.mark.parametrize("case", CASES)
def test_golden_problems_in_japanese(case: str, tree: Path) -> None:
    source = HERE / f"{case}.yaml"
    target = source.read_text(encoding="utf-8").splitlines()[0].removeprefix("# target: ")
    shutil.copy(source, tree / target)
    problems = validate(root=tree)
    expected = (HERE / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert [p.text("en") for p in problems] == expected  # English as it always read
    for p in problems:
        ja = p.text("ja")
        prefix = f"{p.file}:{p.line}:{p.col}: {p.path}: "
        assert ja.startswith(prefix), ja
        said = ja.removeprefix(prefix)
        assert JAPANESE.search(said), ja
        leftover = ENGLISH.findall(QUOTED.sub("", said))
        assert not leftover, f"English {leftover} in {ja}"


def test_validate_command_in_japanese(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (tree / "scenarios" / "demo.yaml").read_text(encoding="utf-8")
    (tree / "scenarios" / "demo.yaml").write_text(text + "\nroundz: 3\n", encoding="utf-8")
    code = main(["validate", "--lang", "ja", str(tree / "scenarios" / "demo.yaml")])
    out = capsys.readouterr().out
    assert code == 2
    assert "roundz: 不明な項目です" in out and "unknown field" not in out
    code = main(["validate", str(tree / "scenarios" / "demo.yaml")])
    assert code == 2 and "roundz: unknown field (check the spelling)" in capsys.readouterr().out

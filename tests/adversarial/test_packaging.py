"""The installed package carries its content and finds it; user files go where the OS wants them.

The wheel itself is built and played from another folder by .ci/run (building one here would
need the network for the build backend); these tests check the packaging configuration that
decides the wheel's content, and the lookup the installed game makes.
"""

from __future__ import annotations

import fnmatch
import shutil
import tomllib
from pathlib import Path

import pytest

from game.cli.main import main
from game.content import loader, paths

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
DATA_SUFFIXES = (".html", ".j2", ".css", ".json", ".yaml", ".otf")


def _wheel_name(file: Path) -> str | None:
    """Where ``file`` (a path in the source tree) lands in the wheel, or None if it is left out."""
    rel = file.relative_to(REPO).as_posix()
    dirs = SETUPTOOLS["package-dir"]
    best = max((p for p, d in dirs.items() if rel.startswith(d.rstrip("/") + "/")),
               key=lambda p: len(dirs[p]), default=None)
    if best is None:
        return None
    inside = Path(rel[len(dirs[best].rstrip("/")) + 1:])
    pkg = ".".join([best, *inside.parent.parts])
    if file.suffix == ".py":
        return f"{pkg.replace('.', '/')}/{inside.name}" if pkg in SETUPTOOLS["packages"] else None
    data = SETUPTOOLS["package-data"]
    if pkg in SETUPTOOLS["packages"] and any(fnmatch.fnmatch(inside.name, g) for g in data.get(pkg, [])):
        return f"{pkg.replace('.', '/')}/{inside.name}"
    # recursive globs of a package reach files in folders that are not packages (templates/)
    recursive = [g for g in data.get(best, []) if g.startswith("**/")]
    if any(fnmatch.fnmatch(inside.as_posix(), g) or fnmatch.fnmatch(inside.as_posix(), g[3:]) for g in recursive):
        return f"{best.replace('.', '/')}/{inside.as_posix()}"
    return None


@pytest.mark.parametrize("folder", ["rules", "scenarios", "assets"])
def test_wheel_carries_every_content_file(folder: str) -> None:
    files = [f for f in (REPO / folder).rglob("*") if f.is_file()]
    assert files
    missing = [f.relative_to(REPO).as_posix() for f in files if _wheel_name(f) is None]
    assert missing == [], f"left out of the wheel: {missing}"
    assert _wheel_name(REPO / folder / files[0].relative_to(REPO / folder)).startswith(f"game/_data/{folder}/")


def test_wheel_carries_every_python_package_and_template() -> None:
    modules = [f for f in (REPO / "game").rglob("*.py") if "__pycache__" not in f.parts]
    data = [f for f in (REPO / "game").rglob("*") if f.suffix in DATA_SUFFIXES or f.name == "py.typed"]
    missing = [f.relative_to(REPO).as_posix() for f in modules + data if _wheel_name(f) is None]
    assert missing == [], f"left out of the wheel (add the package to pyproject's packages): {missing}"


def test_a_template_under_game_would_be_carried() -> None:
    for name in ("session/templates/report.html.j2", "session/templates/report.css", "x/y.json", "z.otf"):
        assert _wheel_name(REPO / "game" / name) == f"game/{name}"


def test_source_checkout_finds_the_folders_beside_game(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.CONTENT_ENV, raising=False)
    root = paths.content_root()
    assert (root / "rules" / "seats.yaml").is_file()
    assert (root / "scenarios" / "g7-2026.yaml").is_file()
    assert (paths.assets_dir() / "theme.json").is_file()
    assert loader.scenario_ids() == sorted(p.stem for p in (REPO / "scenarios").glob("*.yaml"))


def test_installed_layout_is_found_through_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in an installed wheel: game/_data/{rules,scenarios,assets} inside the package folder."""
    pkg = tmp_path / "site-packages" / "game"
    for folder in ("rules", "scenarios", "assets"):
        shutil.copytree(REPO / folder, pkg / "_data" / folder)
    monkeypatch.setattr(paths, "_package_dir", lambda: pkg)
    monkeypatch.delenv(paths.CONTENT_ENV, raising=False)
    assert paths.bundled_root() == (pkg / "_data").resolve()
    assert paths.assets_dir() == (pkg / "_data" / "assets").resolve()
    assert loader.validate() == []
    assert "tutorial" in loader.scenario_ids()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("layout", ["missing", "empty", "empty-subfolders"])
def test_validate_without_content_fails_in_one_line(layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "content"
    if layout != "missing":
        folder.mkdir()
    if layout == "empty-subfolders":
        (folder / "rules").mkdir()
        (folder / "scenarios").mkdir()
    monkeypatch.setenv(paths.CONTENT_ENV, str(folder))
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "validate")
    lines = (out + err).splitlines()
    assert code == 2
    assert lines == ["content:1:1: (content): no content found: no rules/*.yaml or scenarios/*.yaml here "
                     "(give a folder with rules/ and scenarios/ in $SUMIWAKE_CONTENT)"]


def test_installation_without_content_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "game").mkdir()  # an installed package whose data did not come along
    monkeypatch.setattr(paths, "_package_dir", lambda: tmp_path / "game")
    monkeypatch.delenv(paths.CONTENT_ENV, raising=False)
    code, out, err = _run(capsys, "validate")
    assert code == 2 and len((out + err).splitlines()) == 1
    assert "no content found" in err + out and "reinstall sumiwake" in err + out


def test_content_override_plays_a_designers_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine"
    for folder in ("rules", "scenarios"):
        shutil.copytree(REPO / folder, mine / folder)
    text = (mine / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    (mine / "scenarios" / "tutorial.yaml").unlink()
    (mine / "scenarios" / "lab-only.yaml").write_text(text.replace("id: tutorial", "id: lab-only", 1), encoding="utf-8")
    monkeypatch.setenv(paths.CONTENT_ENV, str(mine))
    assert "lab-only" in loader.scenario_ids() and "tutorial" not in loader.scenario_ids()
    assert _run(capsys, "validate")[0] == 0
    code, out, _ = _run(capsys, "sim", "--scenario", "lab-only", "--games", "1", "--json")
    assert code == 0 and '"lab-only"' in out
    code, _, err = _run(capsys, "sim", "--scenario", "tutorial", "--games", "1")
    assert code == 2 and "unknown scenario 'tutorial'" in err


def test_user_files_follow_sumiwake_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.session.match import autosave_path, saves_dir, user_dir

    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "h"))
    assert user_dir() == tmp_path / "h"
    assert autosave_path() == tmp_path / "h" / "autosave.json"
    assert saves_dir() == tmp_path / "h" / "saves"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="the XDG layout is Linux's")
def test_existing_linux_user_files_stay_where_they_were(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.user_dir() == tmp_path / ".local" / "share" / "sumiwake"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.user_dir() == tmp_path / "xdg" / "sumiwake"

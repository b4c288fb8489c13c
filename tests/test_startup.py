"""Start-up is quiet and honest: no pygame banner, no sound-system noise, and without a display
`play` and `workshop` say so in one line and exit 2 instead of running unseen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "SDL_AUDIODRIVER",
                        "PYGAME_HIDE_SUPPORT_PROMPT", "SUMIWAKE_LANG")}
    env["SUMIWAKE_HOME"] = str(tmp_path / "home")
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=ROOT)


@pytest.mark.parametrize("code", ["import game.ui.app", "import game.ui.workshop_app", "import game.ui.messages"])
def test_no_pygame_banner_whichever_ui_module_comes_first(tmp_path, code):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path),
                         timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "pygame" not in out.stdout + out.stderr


@pytest.mark.parametrize("args", [["--help"], ["play", "--help"], ["workshop", "--help"], ["scenarios"]])
def test_no_pygame_banner_on_commands(tmp_path, args):
    out = _run(args, _env(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "pygame" not in out.stdout + out.stderr
    assert "Hello from the pygame community" not in out.stdout


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="a display always exists there")
@pytest.mark.parametrize(("args", "words"), [
    (["play"], "sumiwake play: no display"),
    (["play", "--lang", "ja"], "ディスプレイがありません"),
    (["workshop"], "sumiwake workshop: no display"),
    (["--lang", "ja", "workshop"], "sumiwake workshop：ウィンドウを開くディスプレイがありません"),
])
def test_no_display_one_line_and_exit_2(tmp_path, args, words):
    try:
        out = _run(args, _env(tmp_path), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("the game ran with no display instead of saying so")
    assert out.returncode == 2
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, out.stderr
    assert words in lines[0]
    assert out.stdout == ""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="a display always exists there")
def test_autoplay_with_screenshots_needs_no_display_and_is_quiet(tmp_path):
    shots = tmp_path / "shots"
    out = _run(["play", "--autoplay", "--rounds", "1", "--screenshots", str(shots)], _env(tmp_path), timeout=300)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in shots.glob("*.png"))[:1] == ["001_title.png"]
    assert "ALSA" not in out.stderr and "XDG_RUNTIME_DIR" not in out.stderr
    assert out.stderr.strip() == ""


def test_the_game_never_opens_the_audio_device(tmp_path):
    """Sound errors (ALSA on a machine without a sound card) come from opening the mixer: the
    window must not need it (the dummy audio driver would open, so the check is real here)."""
    code = ("import os; os.environ['SDL_VIDEODRIVER']='dummy'; os.environ['SDL_AUDIODRIVER']='dummy'\n"
            "import pygame\n"
            "from game.ui.app import App\n"
            "from game.ui.settings import Settings\n"
            "App(Settings())\n"
            "print('mixer', pygame.mixer.get_init())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path),
                         timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "mixer None" in out.stdout

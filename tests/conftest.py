"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The game's user folder (settings, saves, autosave) in a fresh temporary folder."""
    monkeypatch.setenv("SUMIWAKE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"

"""Headless Chromium for the browser tests: Debian's chromium package, never a downloaded build.

Without chromium or Playwright the browser tests skip with the reason, except in CI
(``CI=true``), where they fail: CI installs both (.ci/run)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run the browser tests: .ci/run installs chromium and playwright)")
    pytest.skip(reason)


def chromium_path() -> str:
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not path:
        _missing("Debian's chromium is not installed (apt-get install -y chromium)")
    assert path is not None
    return path


def launch(playwright):  # noqa: ANN001, ANN201 - playwright's own types
    return playwright.chromium.launch(executable_path=chromium_path(), args=ARGS, headless=True)


def sync_playwright():  # noqa: ANN201
    try:
        from playwright.sync_api import sync_playwright as sp
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
        raise
    return sp()

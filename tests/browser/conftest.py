"""Headless Chromium from Debian, driven by Playwright (no browser download).

Under CI=true a missing Chromium or Playwright fails the test loudly; on a developer
machine it skips with the install line. Screenshots go to test-output/ (git-ignored);
docs/ holds the committed copies the README shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

CHROMIUM = Path(os.environ.get("GOVGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
OUTPUT = ROOT / "test-output"
#: generous: two cores shared with a Neo4j server and the app under test
TIMEOUT_MS = 60_000


def _unavailable(message: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def browser() -> Iterator[Any]:
    """A fresh Chromium per test (Playwright's sync API must not outlive the test's event loop)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python playwright is missing: python3 -m pip install playwright (no browser download)")
    if not CHROMIUM.is_file():
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Any:
    report = yield
    if report.when == "call":
        item.failed_call = report.failed
    return report


@pytest.fixture
def page(browser: Any, request: Any) -> Iterator[Any]:
    """A page in a fresh context; when the test fails, test-output/<test>-failure.png shows why."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
        if getattr(request.node, "failed_call", False):
            OUTPUT.mkdir(exist_ok=True)
            page.screenshot(path=str(OUTPUT / f"{request.node.name}-failure.png"))
    finally:
        context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a screenshot as test-output/NAME (copy it to docs/ to update the README's picture)."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000, f"{path} is too small to show anything"
    return path

"""Report test fixtures: a fresh SQLite database, a small world stored in it, Chromium; helpers are in
support.report_world."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.report_world import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, small_world, store_all


@pytest.fixture
def engine(tmp_path: Path) -> Iterator:
    from db.engine import open_engine

    engine = open_engine(f"sqlite:///{tmp_path / 'quotes.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def renderer():
    """A renderer with fixed asset names, so rendered pages compare byte for byte with the golden files."""
    from reports.render import Renderer

    renderer = Renderer("1")
    renderer.assets = {"site.css": "site.0.css", "figure.js": "figure.0.js", "index.js": "index.0.js"}
    return renderer


@pytest.fixture
def world(engine):
    store_all(engine, small_world())
    return engine


@pytest.fixture
def browser():
    """Headless Debian Chromium driven by Playwright; skips where Chromium is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

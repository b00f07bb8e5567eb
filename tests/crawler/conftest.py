"""Crawler test fixtures: the loopback site and a fresh SQLite database; helpers are in support.crawling."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.loopback import LoopbackSite, loopback_site  # noqa: F401 (the fixture)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'quotes.db'}"

"""Crawler test helpers: running ``quotes`` in a subprocess and reading the database it wrote.

Crawls run as subprocesses (``python -m tracker.cli crawl``): Twisted's reactor starts once per
process, and a subprocess is also what a SIGKILL test needs. (A module, not a conftest: test files
import these names, and ``from conftest import`` would find whichever conftest was loaded last.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Test speed: no politeness delays against our own loopback server. The download timeout is short but
# not tight: the crawl extracts pages in a worker thread of its own process, which shares the interpreter
# lock with the downloads, so on a loaded machine a run of large pages can hold other responses past 3 s
# and lose an article to two timeouts (a site-walk flake seen under load). The loopback site's slow page
# stays slower than this timeout.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "RETRY_TIMES": "1",
    "DOWNLOAD_TIMEOUT": "10",
    "LOG_LEVEL": "INFO",
}


def crawl_command(*args: str, settings: dict[str, str] | None = None) -> list[str]:
    merged = {**FAST_SETTINGS, **(settings or {})}
    flags = [part for name, value in merged.items() for part in ("-s", f"{name}={value}")]
    return [sys.executable, "-m", "tracker.cli", "crawl", *args, *flags]


def quotes_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTES_")}
    env.update(extra)
    return env


def run_quotes(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracker.cli", *args], cwd=ROOT, env=env or quotes_env(),
                          capture_output=True, text=True, timeout=timeout)


def run_crawl(*args: str, settings: dict[str, str] | None = None, env: dict[str, str] | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(crawl_command(*args, settings=settings), cwd=ROOT, env=env or quotes_env(),
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode not in (0, 1):
        raise AssertionError(f"crawl failed ({result.returncode}):\n{result.stdout}\n{result.stderr[-4000:]}")
    return result


def articles(url: str) -> list[dict]:
    """Every stored article as a dict (with its number of mentions)."""
    from sqlalchemy import func, select

    from db.engine import open_engine
    from db.models import Article, Mention

    engine = open_engine(url)
    mentions = select(func.count(Mention.id)).where(Mention.article_id == Article.id).scalar_subquery()
    with engine.connect() as conn:
        rows = conn.execute(select(Article.url, Article.title, Article.text, Article.published,
                                   Article.attribution_version, mentions.label("mentions"))).mappings().all()
    engine.dispose()
    return [dict(r) for r in rows]


def table_rows(url: str, model: type) -> list[dict]:
    """Every row of a model's table, in id order, as dicts."""
    from sqlalchemy import select

    from db.engine import open_engine

    engine = open_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(*model.__table__.c).order_by(model.id)).mappings().all()
    engine.dispose()
    return [dict(r) for r in rows]


def listing_state(url: str, listing_url: str):
    """The stored poll state (validators, last status) of a feed, sitemap or front."""
    from db.crawlstate import get_feed_state
    from db.engine import open_engine

    engine = open_engine(url)
    try:
        return get_feed_state(engine, listing_url)
    finally:
        engine.dispose()


def runs(url: str) -> list[dict]:
    from db.models import CrawlRun

    return table_rows(url, CrawlRun)


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path

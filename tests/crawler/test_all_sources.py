"""``quotes crawl --all``: every source of a sources file crawled side by side, each run recorded."""

from __future__ import annotations

import pytest
from support.crawling import articles, path_of, run_crawl, run_quotes, runs
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow


def test_all_sources_crawl_side_by_side(loopback_site: LoopbackSite, db_url: str, tmp_path) -> None:
    site = loopback_site
    first = [p.path for p in site.articles[:3]]
    second = [p.path for p in site.articles[3:6]]
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nname = "one"\noutlet = "One News"\nfeeds = ["{site.set_feed("/one.xml", first)}"]\n'
        f'domains = ["127.0.0.1"]\n\n'
        f'[[source]]\nname = "two"\noutlet = "Two News"\nsitemaps = ["{site.set_news_sitemap("/two.xml", second)}"]\n'
    )
    result = run_crawl("--all", "--sources", str(sources), "--db", db_url, "--no-attribute")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "one: " in result.stdout and "two: " in result.stdout
    assert {path_of(r["url"]) for r in articles(db_url)} == set(first + second)
    by_source = {r["source"]: r for r in runs(db_url)}
    assert by_source["one"]["articles"] == 3 and by_source["two"]["articles"] == 3

    result = run_quotes("status", "--db", db_url, "--per-source", "1")
    assert "one" in result.stdout and "two" in result.stdout


def test_outlet_of_the_source_is_stored(loopback_site: LoopbackSite, db_url: str, tmp_path) -> None:
    from sqlalchemy import select

    from db.engine import open_engine
    from db.models import Article, Outlet

    site = loopback_site
    sources = tmp_path / "sources.toml"
    feed = site.set_feed("/o.xml", [site.articles[0].path])
    sources.write_text(f'[[source]]\nname = "o"\noutlet = "Loopback Times"\nfeeds = ["{feed}"]\n')
    run_crawl("--source", "o", "--sources", str(sources), "--db", db_url, "--no-attribute")
    engine = open_engine(db_url)
    with engine.connect() as conn:
        names = conn.execute(select(Outlet.name).join(Article, Article.outlet_id == Outlet.id)).scalars().all()
    engine.dispose()
    assert names == ["Loopback Times"]


def test_spider_runs_as_scrapyd_runs_it(loopback_site: LoopbackSite, db_url: str) -> None:
    """scrapyd starts `scrapy crawl news -a ARG=... -s SETTING=...` in the project: same result."""
    import subprocess
    import sys

    from support.crawling import FAST_SETTINGS, ROOT, quotes_env

    site = loopback_site
    paths = [p.path for p in site.articles[:3]]
    feed = site.set_feed("/scrapyd.xml", paths)
    settings = {**FAST_SETTINGS, "QUOTES_DATABASE_URL": db_url, "QUOTES_ATTRIBUTE": "False"}
    flags = [part for name, value in settings.items() for part in ("-s", f"{name}={value}")]
    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"feed={feed}", *flags],
                            cwd=ROOT, env=quotes_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert {path_of(r["url"]) for r in articles(db_url)} == set(paths)
    (run,) = runs(db_url)
    assert run["source"] == "feed:127.0.0.1" and run["close_reason"] == "finished"

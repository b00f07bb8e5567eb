"""The default sources, the politeness settings, the Scrapy project (``scrapy list``) and the CLI's
argument checks."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from support.crawling import ROOT, quotes_env, run_quotes

from crawler import settings as defaults
from crawler.run import CrawlOptions, build_settings
from crawler.sources import Source, SourceError, adhoc_source, load_sources


def test_default_sources_are_a_dozen_major_outlets() -> None:
    sources = load_sources()
    assert len(sources) >= 12
    for source in sources.values():
        assert source.outlet and (source.feeds or source.sitemaps), source.name
        for url in (*source.feeds, *source.sitemaps):
            host = urlsplit(url).hostname or ""
            # Where the listing lives is fetchable under the source's allowed domains.
            assert any(host == d or host.endswith("." + d) for d in source.allowed_domains), (source.name, url)


def test_allowed_domains_follow_from_the_source() -> None:
    source = Source(name="x", feeds=("https://feeds.example.co.uk/news/rss.xml",), domains=("example.com",))
    assert source.allowed_domains == ["example.com", "feeds.example.co.uk"]
    assert adhoc_source(site="https://www.example.org/news/").allowed_domains == ["example.org"]
    # A bare feed or URL list may point anywhere.
    assert adhoc_source(feed="https://example.org/feed").allowed_domains is None
    assert adhoc_source(urls=["https://a.example/1"]).name == "url-list"


@pytest.mark.parametrize(("text", "message"), [
    ("[[source]]\nname = 'a'\n", "lists no feeds"),
    ("[[source]]\nfeeds = ['https://a.example/rss']\n", "needs a 'name'"),
    ("[[source]]\nname = 'a'\nfeeds = ['ftp://a.example/rss']\n", r"not an http\(s\) URL"),
    ("[[source]]\nname = 'a'\nfeeds = ['https://a/x']\n[[source]]\nname = 'a'\nfeeds = ['https://a/y']\n",
     "duplicate name"),
    ("not toml = = =", "not valid TOML"),
])
def test_bad_sources_files_are_refused_clearly(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text)
    with pytest.raises(SourceError, match=message):
        load_sources(path)


def test_politeness_defaults() -> None:
    assert defaults.ROBOTSTXT_OBEY is True
    assert defaults.AUTOTHROTTLE_ENABLED is True
    assert defaults.CONCURRENT_REQUESTS_PER_DOMAIN <= 2
    assert defaults.QUOTES_CONTACT_URL in defaults.USER_AGENT
    codes = set(defaults.RETRY_HTTP_CODES)
    assert {408, 429} <= codes and all(c in (408, 429) or 500 <= c < 600 for c in codes)
    assert not codes & {401, 403, 404}
    assert 0 < defaults.DOWNLOAD_MAXSIZE <= 32 * 1024 * 1024 and defaults.DOWNLOAD_TIMEOUT > 0


def test_crawl_options_become_scrapy_settings() -> None:
    options = CrawlOptions(settings={"QUOTES_DATABASE_URL": "sqlite:///x.db", "QUOTES_ATTRIBUTE": False},
                           max_pages=50, timeout=600, extra={"DOWNLOAD_DELAY": "0"})
    settings = build_settings(options, adhoc_source(feed="https://a.example/rss"))
    assert settings["QUOTES_DATABASE_URL"] == "sqlite:///x.db"
    assert settings.getbool("QUOTES_ATTRIBUTE") is False
    assert settings.getint("CLOSESPIDER_PAGECOUNT") == 50
    assert settings.getfloat("CLOSESPIDER_TIMEOUT") == 600
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
    assert settings.getbool("ROBOTSTXT_OBEY") is True  # the defaults stay underneath
    assert "scrapy_redis" not in settings["SCHEDULER"]


def test_redis_url_switches_to_the_shared_frontier() -> None:
    options = CrawlOptions(redis_url="redis://127.0.0.1:6379/3")
    settings = build_settings(options, Source(name="bbc", feeds=("https://feeds.bbci.co.uk/news/rss.xml",)))
    assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"
    assert settings["DUPEFILTER_CLASS"] == "crawler.frontier.ExpiringRedisDupeFilter"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/3"
    assert "bbc" in settings["SCHEDULER_QUEUE_KEY"] and "bbc" in settings["SCHEDULER_DUPEFILTER_KEY"]


def test_scrapy_list_works_from_the_repo_root() -> None:
    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, env=quotes_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["news"]


def test_crawl_needs_exactly_one_target() -> None:
    result = run_quotes("crawl")
    assert result.returncode == 2 and "exactly one" in result.stderr
    result = run_quotes("crawl", "--feed", "https://a.example/rss", "--site", "https://a.example/")
    assert result.returncode == 2


def test_unknown_source_is_a_clear_error() -> None:
    result = run_quotes("crawl", "--source", "no-such-outlet")
    assert result.returncode == 2
    assert "unknown source" in result.stderr and "bbc" in result.stderr


def test_crawl_help_lists_every_target() -> None:
    result = run_quotes("crawl", "--help")
    for option in ("--source", "--all", "--feed", "--sitemap", "--site", "--url-list", "--no-attribute",
                   "--db", "--max-pages", "--timeout"):
        assert option in result.stdout


@pytest.mark.parametrize(("url", "domains", "expected"), [
    ("http://127.0.0.1:8000/news/a.html", ["127.0.0.1"], True),
    ("https://www.bbc.co.uk/news/x", ["bbc.co.uk"], True),
    ("https://notbbc.co.uk/news/x", ["bbc.co.uk"], False),
    ("https://evil.example/?u=bbc.co.uk", ["bbc.co.uk"], False),
    ("https://anything.example/", None, True),
])
def test_site_walk_link_filter(url: str, domains, expected: bool) -> None:
    from crawler.spiders.news import in_domains

    assert in_domains(url, domains) is expected


def test_errors_count_failures_not_refusals() -> None:
    from crawler.extensions import count_errors

    stats = {"quotes/article_errors": 2, "quotes/listing_errors": 1, "quotes/item_errors": 1,
             "spider_exceptions/count": 1, "quotes/ignored": 7, "quotes/blocked/403": 3, "log_count/ERROR": 9}
    assert count_errors(stats) == 5

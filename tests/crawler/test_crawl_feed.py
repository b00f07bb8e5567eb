"""Crawling a feed of the real fixture pages on the loopback site, end to end through ``quotes crawl``.

One crawl with attribution (the slow part, shared by the tests of this module), then a second crawl
of the unchanged feed, then ``quotes status``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest
from support.crawling import articles, path_of, run_crawl, run_quotes, runs
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow


@dataclass
class FeedCrawl:
    site: LoopbackSite
    db_url: str
    first_counts: Counter
    second_counts: Counter
    first_stdout: str
    rows_after_first: list[dict]
    rows_after_second: list[dict]


@pytest.fixture(scope="module")
def feed_crawl(tmp_path_factory: pytest.TempPathFactory):
    db_url = f"sqlite:///{tmp_path_factory.mktemp('feed') / 'quotes.db'}"
    with LoopbackSite(slow_seconds=12) as site:
        feed = site.url("/feed.xml")
        first = run_crawl("--feed", feed, "--db", db_url, settings={"DOWNLOAD_TIMEOUT": "5"})
        first_counts = Counter(site.counts)
        rows_after_first = articles(db_url)
        site.reset_counts()
        run_crawl("--feed", feed, "--db", db_url, settings={"DOWNLOAD_TIMEOUT": "5"})
        yield FeedCrawl(site, db_url, first_counts, Counter(site.counts), first.stdout,
                        rows_after_first, articles(db_url))


def test_every_article_is_fetched_and_stored_once(feed_crawl: FeedCrawl) -> None:
    stored = Counter(path_of(r["url"]) for r in feed_crawl.rows_after_first)
    for page in feed_crawl.site.articles:
        assert stored[page.path] == 1, page.path
        assert feed_crawl.first_counts[page.path] == 1, page.path


def test_stored_articles_have_text_title_date_and_quotations(feed_crawl: FeedCrawl) -> None:
    rows = {path_of(r["url"]): r for r in feed_crawl.rows_after_first}
    for page in feed_crawl.site.articles:
        row = rows[page.path]
        assert len(row["text"]) > 500, page.path
        assert row["title"], page.path
        assert row["published"] is not None, page.path
        assert row["attribution_version"], page.path
    with_quotes = [r for r in rows.values() if r["mentions"] > 0]
    # News articles quote people: nearly all of these real ones have quotations.
    assert len(with_quotes) >= 0.8 * len(feed_crawl.site.articles)


def test_dates_match_the_gold_within_a_day(feed_crawl: FeedCrawl) -> None:
    rows = {path_of(r["url"]): r for r in feed_crawl.rows_after_first}
    dated = [p for p in feed_crawl.site.articles if p.date]
    close = 0
    for page in dated:
        published = rows[page.path]["published"]
        gold = date.fromisoformat(page.date[:10])
        close += abs((published.date() - gold).days) <= 1
    assert close >= 0.9 * len(dated)


def test_non_articles_are_not_stored(feed_crawl: FeedCrawl) -> None:
    stored = {path_of(r["url"]) for r in feed_crawl.rows_after_first}
    for page in feed_crawl.site.non_articles:
        assert feed_crawl.first_counts[page.path] == 1, page.path  # fetched, looked at...
        assert page.path not in stored, page.path  # ...and not kept
    for path in ("/forbidden.html", "/slow.html", "/huge.html", "/loop/a", "/private/secret.html"):
        assert path not in stored


def test_robots_txt_is_obeyed(feed_crawl: FeedCrawl) -> None:
    assert feed_crawl.first_counts["/robots.txt"] == 1
    assert feed_crawl.first_counts["/private/secret.html"] == 0


def test_forbidden_is_recorded_as_blocked_and_not_retried(feed_crawl: FeedCrawl) -> None:
    assert feed_crawl.first_counts["/forbidden.html"] == 1
    first_run = runs(feed_crawl.db_url)[0]
    assert {"url": feed_crawl.site.url("/forbidden.html"), "status": 403} in first_run["blocked"]


def test_bad_pages_end_the_crawl_cleanly(feed_crawl: FeedCrawl) -> None:
    counts = feed_crawl.first_counts
    # The 30 MB page is cut off at DOWNLOAD_MAXSIZE; the slow page times out (retried once);
    # the redirect loop ends at the duplicate filter.
    assert counts["/huge.html"] >= 1
    assert counts["/slow.html"] == 2
    assert counts["/loop/a"] == 1 and counts["/loop/b"] == 1
    # The page of invalid UTF-8 is decoded with replacement characters and stored.
    invalid = [r for r in feed_crawl.rows_after_first if r["url"].endswith("/invalid-utf8.html")]
    assert len(invalid) == 1 and len(invalid[0]["text"]) > 500


def test_run_is_recorded(feed_crawl: FeedCrawl) -> None:
    first, second = runs(feed_crawl.db_url)
    assert first["source"] == second["source"] == "feed:127.0.0.1"
    assert first["finished_at"] is not None and first["close_reason"] == "finished"
    assert first["articles"] == len(feed_crawl.rows_after_first)
    assert first["quotations"] == sum(r["mentions"] for r in feed_crawl.rows_after_first)
    assert first["pages"] >= len(feed_crawl.site.pages)
    assert first["errors"] >= 2  # the slow page and the 30 MB page
    assert second["articles"] == 0


def test_second_crawl_fetches_no_article_again_and_adds_no_row(feed_crawl: FeedCrawl) -> None:
    for page in feed_crawl.site.articles:
        assert feed_crawl.second_counts[page.path] == 0, page.path
    assert feed_crawl.second_counts["/feed.xml"] == 1
    assert len(feed_crawl.rows_after_second) == len(feed_crawl.rows_after_first)


def test_status_shows_runs_and_what_failed(feed_crawl: FeedCrawl) -> None:
    result = run_quotes("status", "--db", feed_crawl.db_url)
    assert result.returncode == 0, result.stderr
    assert "feed:127.0.0.1" in result.stdout
    assert "forbidden.html" in result.stdout
    assert "finished" in result.stdout

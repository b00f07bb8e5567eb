"""Every fetched URL is remembered with its outcome; a rerun fetches none again except failures due for
a retry (exponential backoff, bounded tries). Tried through ``quotes crawl --url-list`` on the loopback site."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from support.crawling import articles, path_of, run_crawl, table_rows
from support.loopback import LoopbackSite

from db.crawlstate import RetryPolicy

pytestmark = pytest.mark.slow

GONE = "/gone.html"  # not served: 404
ABOUT = "/help/contact-the-newsroom-by-email.html"  # a page that is no article and no front
ABOUT_PAGE = (b"<html><head><title>About us</title></head><body><h1>About us</h1>"
              b"<p>We are a small newsroom. Write to us.</p></body></html>")


def _fetches(db_url: str) -> list[dict]:
    from db.models import Fetch

    return table_rows(db_url, Fetch)


def test_a_rerun_fetches_no_remembered_url_and_retries_failures_with_backoff(
        loopback_site: LoopbackSite, db_url: str, tmp_path) -> None:
    site = loopback_site
    site.extra_pages = {ABOUT: ABOUT_PAGE}
    article, front = site.articles[0].path, next(p.path for p in site.non_articles if p.kind == "index")
    paths = [article, ABOUT, "/forbidden.html", GONE, "/huge.html"]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(site.url(p) for p in [*paths, front]) + "\n")
    crawl = ("--url-list", str(listing), "--db", db_url, "--no-attribute")

    first = run_crawl(*crawl)
    assert first.returncode == 1, first.stderr[-3000:]  # the 404 and the 30 MB page failed: partial
    assert all(site.counts[p] >= 1 for p in paths)
    outcomes = {path_of(r["url"]): (r["outcome"], r["http_status"]) for r in _fetches(db_url)}
    assert outcomes == {article: ("article", None), ABOUT: ("not_article", None), front: ("front", None),
                        "/forbidden.html": ("blocked", 403), GONE: ("error", 404), "/huge.html": ("too_large", None)}
    assert all(r["fetched_at"] is not None and r["run_id"] for r in _fetches(db_url))

    # Within the backoff (an hour by default) nothing is fetched again, not even the 404; a section
    # front is, as every run polls fronts (they list the new articles).
    site.reset_counts()
    second = run_crawl(*crawl)
    assert second.returncode == 0, second.stderr[-3000:]
    assert site.fetches_of(paths) == dict.fromkeys(paths, 0)
    assert site.counts[front] == 1

    # Once the backoff has passed, only the failure is tried again, up to QUOTES_FETCH_MAX_TRIES in all.
    retry_now = {"QUOTES_FETCH_RETRY_BACKOFF": "0", "QUOTES_FETCH_MAX_TRIES": "2"}
    for expected in (1, 0):
        site.reset_counts()
        run_crawl(*crawl, settings=retry_now)
        assert site.fetches_of(paths) == {**dict.fromkeys(paths, 0), GONE: expected}
    assert [path_of(r["url"]) for r in articles(db_url)] == [article]


def test_retry_policy_doubles_the_wait_and_gives_up() -> None:
    policy = RetryPolicy(max_tries=3, backoff=timedelta(hours=1))
    failed = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert not policy.due(1, failed, failed + timedelta(minutes=59))
    assert policy.due(1, failed, failed + timedelta(hours=1))
    assert not policy.due(2, failed, failed + timedelta(hours=1, minutes=59))
    assert policy.due(2, failed, failed + timedelta(hours=2))
    assert not policy.due(3, failed, failed + timedelta(days=365))  # three tries: given up

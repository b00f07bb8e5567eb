"""Incremental crawling: conditional GET of feeds, the database deciding what was seen, and the
resume after a crawl is killed with SIGKILL."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest
from support.crawling import (
    ROOT,
    articles,
    crawl_command,
    listing_state,
    path_of,
    quotes_env,
    run_crawl,
    run_quotes,
    runs,
)
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow


def test_feed_is_polled_with_conditional_get(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    first_three = [p.path for p in site.articles[:3]]
    feed = site.set_feed("/small.xml", first_three)

    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")
    assert sorted(path_of(r["url"]) for r in articles(db_url)) == sorted(first_three)
    state = listing_state(db_url, feed)
    assert state.etag == site.listings["/small.xml"].etag
    assert state.last_modified and state.last_status == 200

    # Unchanged feed: answered 304, no article requested, nothing added.
    site.reset_counts()
    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")
    assert site.counts["/small.xml"] == 1
    assert sum(site.counts[p] for p in first_three) == 0
    assert listing_state(db_url, feed).last_status == 304
    assert len(articles(db_url)) == 3

    # A new entry: the feed is read again and only the new article is fetched.
    new = site.articles[3].path
    site.set_feed("/small.xml", [new, *first_three])
    site.reset_counts()
    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")
    assert site.counts[new] == 1
    assert sum(site.counts[p] for p in first_three) == 0
    assert len(articles(db_url)) == 4


def test_redirected_articles_are_not_fetched_again(loopback_site: LoopbackSite, db_url: str) -> None:
    """Stored under the URL the feed gave (not the redirect target), so the next run skips it."""
    site = loopback_site
    target = site.articles[0].path
    site.redirects = {"/r/moved.html": target}
    feed = site.set_feed("/moved.xml", ["/r/moved.html"])
    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")
    assert [path_of(r["url"]) for r in articles(db_url)] == ["/r/moved.html"]
    site.set_feed("/moved.xml", ["/r/moved.html", site.articles[1].path])  # change it: full read
    site.reset_counts()
    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")
    assert site.counts["/r/moved.html"] == 0 and site.counts[target] == 0


def _stored_count(db_url: str) -> int:
    try:
        return len(articles(db_url))
    except Exception:  # the database is still being created by the crawl
        return 0


def test_resume_after_sigkill(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    paths = [p.path for p in site.articles[:24]]
    feed = site.set_feed("/resume.xml", paths)
    # One page at a time, slowly, so the kill lands mid-crawl.
    slow = {"CONCURRENT_REQUESTS_PER_DOMAIN": "1", "DOWNLOAD_DELAY": "0.4"}
    process = subprocess.Popen(crawl_command("--feed", feed, "--db", db_url, "--no-attribute", settings=slow),
                               cwd=ROOT, env=quotes_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _stored_count(db_url) < 5 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        assert process.poll() is None, "the crawl ended before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    before = {path_of(r["url"]): r for r in articles(db_url)}
    assert 5 <= len(before) < len(paths)
    assert all(len(r["text"]) > 200 for r in before.values())  # committed articles are whole
    killed_run = runs(db_url)[-1]
    assert killed_run["finished_at"] is None  # the record shows the run never finished
    # `quotes status` counts what the killed run stored from the database (its fetches and articles);
    # the last article may have been committed a moment before its fetch row when the kill came.
    from db.crawlstate import recent_runs
    from db.engine import open_engine

    engine = open_engine(db_url)
    (shown,) = recent_runs(engine, per_source=1)
    engine.dispose()
    assert shown["id"] == killed_run["id"] and len(before) - 1 <= shown["articles"] <= len(before)
    assert shown["pages"] >= shown["articles"] + 1  # the feed and each stored article
    status = run_quotes("status", "--db", db_url)
    assert "running or killed" in status.stdout and f" {shown['articles']} " in status.stdout
    # Killed runs leave the feed's validators unsaved: the next run reads the feed in full.
    state = listing_state(db_url, feed)
    assert state is None or state.etag is None

    site.reset_counts()
    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")
    after = {path_of(r["url"]) for r in articles(db_url)}
    assert after == set(paths)  # the rest was picked up
    assert all(site.counts[p] == 0 for p in before)  # what was stored is not fetched again
    assert all(site.counts[p] == 1 for p in set(paths) - set(before))
    assert runs(db_url)[-1]["close_reason"] == "finished"

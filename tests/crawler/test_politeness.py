"""Retries only where a later try may succeed (408, 429, 5xx); 401/403 recorded as blocked; the
user agent with its contact URL is what the site sees."""

from __future__ import annotations

import pytest
from support.crawling import articles, path_of, run_crawl, runs
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow


def test_retry_on_503_not_on_4xx(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    feed = site.set_feed("/retry.xml", ["/flaky.html", "/forbidden.html", "/unauthorized.html", "/missing.html"])
    seen_agents: list[str] = []
    site.on_request = lambda handler: seen_agents.append(handler.headers.get("User-Agent", ""))
    run_crawl("--feed", feed, "--db", db_url, "--no-attribute")

    assert site.counts["/flaky.html"] == 2  # 503, retried, 200
    assert [path_of(r["url"]) for r in articles(db_url)] == ["/flaky.html"]
    for path in ("/forbidden.html", "/unauthorized.html", "/missing.html"):
        assert site.counts[path] == 1, path  # not retried
    (run,) = runs(db_url)
    assert sorted((b["status"], path_of(b["url"])) for b in run["blocked"]) == [
        (401, "/unauthorized.html"), (403, "/forbidden.html")]
    assert run["errors"] == 1  # the 404 (blocked URLs are listed apart)

    from crawler.settings import QUOTES_CONTACT_URL

    assert seen_agents and all(QUOTES_CONTACT_URL in agent for agent in seen_agents)

"""``--sitemap`` (an index of a Google News sitemap and a plain one), ``--site`` and ``--url-list``."""

from __future__ import annotations

import pytest
from support.crawling import articles, listing_state, path_of, run_crawl, runs
from support.loopback import LoopbackSite

pytestmark = pytest.mark.slow


def test_sitemap_index_crawl_stores_the_news_sitemap_articles(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    result = run_crawl("--sitemap", site.url("/sitemap.xml"), "--db", db_url, "--no-attribute")
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.counts["/sitemap-news.xml"] == 1 and site.counts["/sitemap-sections.xml"] == 1
    stored = {path_of(r["url"]): r for r in articles(db_url)}
    assert set(stored) == {p.path for p in site.articles}
    assert not any(p.path in stored for p in site.non_articles)
    assert all(r["title"] and r["published"] for r in stored.values())
    assert runs(db_url)[0]["source"] == "sitemap:127.0.0.1"


def test_news_sitemap_hints_fill_what_the_page_lacks(loopback_site: LoopbackSite, db_url: str) -> None:
    """A page without any date of its own gets news:publication_date from the sitemap."""
    site = loopback_site
    page = site.articles[0]
    undated = (b'<html><head><title>Plain</title><meta property="og:type" content="article"></head>'
               b"<body><article>") + b"".join(
        b"<p>Paragraph %d of a plain article that states no date and no author anywhere at all.</p>" % i
        for i in range(30)) + b"</article></body></html>"
    site.extra_pages = {"/news/2025/undated-story.html": undated}
    site.by_path["/news/2025/undated-story.html"] = page.__class__(
        file=page.file, kind="article", original_url=None, title="The sitemap's title", date="2024-03-05",
        gold_text=None)
    sitemap = site.set_news_sitemap("/one.xml", ["/news/2025/undated-story.html"])
    run_crawl("--sitemap", sitemap, "--db", db_url, "--no-attribute")
    (row,) = articles(db_url)
    assert row["published"].date().isoformat() == "2024-03-05"


def test_site_walk_keeps_articles_only(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    run_crawl("--site", site.url("/"), "--db", db_url, "--no-attribute", settings={"DEPTH_LIMIT": "1"})
    stored = {path_of(r["url"]) for r in articles(db_url)}
    assert stored == {p.path for p in site.articles}
    assert site.counts["/"] == 1
    # Second walk: the home page and the section fronts are read again, no stored article is.
    site.reset_counts()
    run_crawl("--site", site.url("/"), "--db", db_url, "--no-attribute", settings={"DEPTH_LIMIT": "1"})
    assert all(site.counts[p.path] == 0 for p in site.articles)
    assert len(articles(db_url)) == len(stored)


def test_a_front_is_polled_with_conditional_get(loopback_site: LoopbackSite, db_url: str) -> None:
    """Like a feed: an unchanged front is answered 304 and lists nothing; a changed one is read."""
    site = loopback_site
    first_three = [p.path for p in site.articles[:3]]
    front = site.set_front("/front.html", first_three)
    walk = ("--site", front, "--db", db_url, "--no-attribute")
    run_crawl(*walk, settings={"DEPTH_LIMIT": "1"})
    assert sorted(path_of(r["url"]) for r in articles(db_url)) == sorted(first_three)
    assert listing_state(db_url, front).etag == site.listings["/front.html"].etag

    site.reset_counts()
    sent = []
    site.on_request = lambda handler: sent.append(handler.headers.get("If-None-Match"))
    result = run_crawl(*walk, settings={"DEPTH_LIMIT": "1"})
    assert result.returncode == 0
    assert site.counts["/front.html"] == 1 and sent[-1] == site.listings["/front.html"].etag
    assert sum(site.counts[p] for p in first_three) == 0
    assert listing_state(db_url, front).last_status == 304

    new = site.articles[3].path
    site.set_front("/front.html", [new, *first_three])
    site.reset_counts()
    run_crawl(*walk, settings={"DEPTH_LIMIT": "1"})
    assert site.counts[new] == 1 and sum(site.counts[p] for p in first_three) == 0
    assert len(articles(db_url)) == 4
    assert listing_state(db_url, front).last_status == 200


def test_url_list_and_max_pages(loopback_site: LoopbackSite, db_url: str, tmp_path) -> None:
    site = loopback_site
    listing = tmp_path / "urls.txt"
    every = len(site.articles)
    listing.write_text("# a comment\n\n" + "\n".join(site.url(p.path) for p in site.articles) + "\n")
    result = run_crawl("--url-list", str(listing), "--db", db_url, "--no-attribute", "--max-pages", "4",
                       settings={"CONCURRENT_REQUESTS": "4"})
    assert "closespider_pagecount" in result.stdout
    # The pages already in flight when the limit is reached still finish; the rest wait.
    assert 0 < len(articles(db_url)) < every
    run_crawl("--url-list", str(listing), "--db", db_url, "--no-attribute")
    assert len(articles(db_url)) == every

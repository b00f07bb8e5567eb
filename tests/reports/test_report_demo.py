"""`quotes demo` end to end: bundled pages served on 127.0.0.1, crawled, attributed, stored, reported."""

from __future__ import annotations

import json
import re

import pytest

from tracker.demo import rss_feed, sample_pages, serve_sample


def test_the_sample_server_serves_pages_robots_and_a_feed():
    import urllib.request

    import feedparser

    pages = sample_pages()
    assert any(p.file.startswith("independent-helsinki") for p in pages)
    with serve_sample() as feed_url:
        feed = feedparser.parse(urllib.request.urlopen(feed_url, timeout=10).read())
        links = [entry.link for entry in feed.entries]
        assert len(links) == len(pages) and all(link.startswith("http://127.0.0.1:") for link in links)
        body = urllib.request.urlopen(links[0], timeout=10).read()
        assert b"<html" in body.lower()
        robots = urllib.request.urlopen(feed_url.replace("/feed.rss", "/robots.txt"), timeout=10).read()
        assert b"Allow: /" in robots
    assert b"&lt;" in rss_feed("http://127.0.0.1:1", [pages[0].__class__("x", "/a<b", "A <b>", None, None)])


@pytest.mark.slow
def test_demo_end_to_end_puts_mccains_helsinki_remark_under_his_name(tmp_path):
    from tracker.demo import run_demo

    result = run_demo(tmp_path / "demo", version="test", echo=lambda line: None)
    assert result.articles == len(sample_pages())
    manifest = json.loads((result.site / "manifest.json").read_text("utf-8"))
    mccain = [r["summary"] for r in manifest["figures"].values() if r["summary"]["name"] == "John McCain"]
    assert len(mccain) == 1 and mccain[0]["href"]
    page = (result.site / mccain[0]["href"]).read_text("utf-8")
    card = page[page.index("abased himself"):]
    card = card[:card.index("</article>")]
    assert re.search(r"<time>2018-07</time>", card)
    assert "July 2018" in page

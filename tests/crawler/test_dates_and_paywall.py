"""A listing's explicit publication date beats a date guessed from the page (its links, htmldate); the
page's own explicit date beats the listing's; microdata ``isAccessibleForFree`` is read as a paywall."""

from __future__ import annotations

from datetime import timezone

import pytest
from support.crawling import articles, path_of, run_crawl
from support.loopback import LoopbackSite

from crawler.extraction import extract_page
from crawler.pipelines import extract_record

PARAGRAPHS = b"".join(b"<p>Paragraph %d of a plain article that says a good deal about the council's budget "
                      b"and the people who argued over it for a week.</p>" % i for i in range(30))


def _page(head: bytes = b"") -> bytes:
    return (b'<html><head><title>A story</title><meta property="og:type" content="article">' + head +
            b"</head><body><article><h1>A story</h1>" + PARAGRAPHS + b"</article></body></html>")


DATED_URL = "https://x.test/news/2021/05/03/a-story-about-the-budget.html"  # htmldate reads 2021-05-03
HINT = "2024-03-05T00:00:00+00:00"  # what the feed or sitemap says


def _published(html: bytes, hint: str | None) -> str:
    _kind, _status, record = extract_record(html, DATED_URL, {}, None, None, False, hint)
    return record.published.astimezone(timezone.utc).date().isoformat()


def test_the_listing_date_beats_a_date_guessed_from_the_link() -> None:
    assert _published(_page(), None) == "2021-05-03"  # the guess, when nothing better is known
    assert _published(_page(), HINT) == "2024-03-05"


@pytest.mark.parametrize("stated", [
    b'<meta property="article:published_time" content="2023-01-01T10:00:00Z">',
    b'<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-01-01"}</script>',
])
def test_a_date_the_page_states_beats_the_listing(stated: bytes) -> None:
    assert _published(_page(stated), HINT) == "2023-01-01"


@pytest.mark.parametrize(("content", "paywalled"), [("False", True), ("false", True), ("true", False)])
def test_microdata_is_accessible_for_free_is_read(content: str, paywalled: bool) -> None:
    html = _page(b'<meta itemprop="isAccessibleForFree" content="%s">' % content.encode())
    assert extract_page(html, "https://x.test/news/2021/05/03/a-story.html").paywalled is paywalled


@pytest.mark.slow
def test_a_sitemap_date_beats_the_date_in_the_link(loopback_site: LoopbackSite, db_url: str) -> None:
    """The page states no date; its URL says 2021-05-03 (htmldate's guess); the sitemap says 2024-03-05."""
    site = loopback_site
    path = "/news/2021/05/03/council-budget-story.html"
    site.extra_pages = {path: _page()}
    template = site.articles[0]
    site.by_path[path] = template.__class__(file=template.file, kind="article", original_url=None,
                                            title="The sitemap's title", date="2024-03-05", gold_text=None)
    run_crawl("--sitemap", site.set_news_sitemap("/dated.xml", [path]), "--db", db_url, "--no-attribute")
    (row,) = articles(db_url)
    assert path_of(row["url"]) == path
    assert row["published"].astimezone(timezone.utc).date().isoformat() == "2024-03-05"

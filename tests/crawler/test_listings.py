"""Feeds and sitemaps as the spider reads them (no network: bodies from fixtures or built here)."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

import pytest

from crawler.listings import parse_feed, parse_sitemap, parse_w3c_datetime

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.com/2025/08/07/helsinki.html</loc>
    <lastmod>2025-08-09T10:00:00Z</lastmod>
    <news:news>
      <news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-08-07T14:30:00+02:00</news:publication_date>
      <news:title>McCain on Helsinki &amp; after</news:title>
    </news:news>
  </url>
  <url><loc>https://news.example.com/about</loc><lastmod>2025-01-01</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemap-news.xml</loc></sitemap>
  <sitemap><loc>https://news.example.com/sitemap-2025.xml.gz</loc><lastmod>2025-08-07</lastmod></sitemap>
</sitemapindex>"""


def test_google_news_sitemap_gives_publication_date_and_title() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP)
    assert sitemap.child_sitemaps == []
    news, about = sitemap.articles
    assert news.url == "https://news.example.com/2025/08/07/helsinki.html"
    assert news.title == "McCain on Helsinki & after"
    assert news.published == datetime(2025, 8, 7, 12, 30, tzinfo=timezone.utc)
    assert news.published_raw == "2025-08-07T14:30:00+02:00"
    # <lastmod> is when the page changed, not when it was published.
    assert about.url.endswith("/about") and about.published is None and about.title is None


def test_sitemap_index_lists_child_sitemaps() -> None:
    sitemap = parse_sitemap(INDEX)
    assert sitemap.child_sitemaps == ["https://news.example.com/sitemap-news.xml",
                                      "https://news.example.com/sitemap-2025.xml.gz"]
    assert sitemap.articles == []


def test_gzipped_sitemap_is_read() -> None:
    assert len(parse_sitemap(gzip.compress(NEWS_SITEMAP)).articles) == 2


def test_sitemap_entities_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            '<url><loc>https://a.example/&x;</loc></url></urlset>').encode()
    urls = [a.url for a in parse_sitemap(body).articles]
    assert not any("TOP-SECRET" in u for u in urls)


@pytest.mark.parametrize("body", [b"<html><body>not a sitemap</body></html>", b"", b"\x00\x01garbage"])
def test_what_is_not_a_sitemap_is_refused(body: bytes) -> None:
    with pytest.raises(ValueError):
        parse_sitemap(body)


def test_real_rss_feed_entries(fixtures_dir) -> None:
    entries = parse_feed((fixtures_dir / "html" / "feeds" / "real-cnn.rss").read_bytes())
    assert len(entries) > 20
    assert all(e.url.startswith("http") for e in entries)
    dated = [e for e in entries if e.published]
    assert dated and all(e.published.tzinfo is not None for e in dated)
    assert all(e.title for e in entries[:10])


def test_second_real_feed(fixtures_dir) -> None:
    entries = parse_feed((fixtures_dir / "html" / "feeds" / "real-korean-times.rss").read_bytes())
    assert entries and len({e.url for e in entries}) == len(entries)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2025-08-07", datetime(2025, 8, 7, tzinfo=timezone.utc)),
    ("2025-08-07T10:00:00Z", datetime(2025, 8, 7, 10, tzinfo=timezone.utc)),
    ("2025-08-07T10:00:00-04:00", datetime(2025, 8, 7, 14, tzinfo=timezone.utc)),
    ("yesterday", None), ("", None), (None, None),
])
def test_w3c_datetimes(raw, expected) -> None:
    assert parse_w3c_datetime(raw) == expected

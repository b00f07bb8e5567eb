"""Parsing what lists articles: RSS/Atom feeds (feedparser) and sitemaps (lxml).

Scrapy's own sitemap parser drops the Google News fields (``news:publication_date``,
``news:title``), so sitemaps are read here. Everything parsed comes from the web: the XML parser
resolves no entities and loads nothing from the network.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from datetime import datetime, timezone

from lxml import etree

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Cap for a gunzipped sitemap (the sitemap protocol's own limit is 50 MB uncompressed).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """An article URL as a feed or sitemap lists it, with the hints the listing gives."""

    url: str
    title: str | None = None
    published: datetime | None = None
    published_raw: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: either an index of further sitemaps or a list of pages."""

    child_sitemaps: list[str]
    articles: list[ListedArticle]


def parse_feed(body: bytes, base_url: str | None = None) -> list[ListedArticle]:
    """The entries of an RSS/Atom feed, with their titles and publication dates."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base_url} if base_url else None)
    articles = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        # Read each field by its own name: feedparser's fallback from published to updated warns.
        fields = dict(entry)
        raw = fields.get("published") or fields.get("updated")
        struct = fields.get("published_parsed") or fields.get("updated_parsed")
        published = datetime(*struct[:6], tzinfo=timezone.utc) if struct else None
        articles.append(ListedArticle(url=link.strip(), title=entry.get("title"), published=published,
                                      published_raw=raw))
    return articles


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
        data = f.read(MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise ValueError("gunzipped sitemap is larger than 50 MB")
    return data


def parse_w3c_datetime(raw: str | None) -> datetime | None:
    """A sitemap date (W3C datetime: ``2024-05-01``, ``2024-05-01T10:00:00+02:00``, ``...Z``),
    timezone-aware (UTC when the string has no offset), or None when it cannot be read."""
    if not raw:
        return None
    text = raw.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, local_name: str, namespace: str | None = None) -> str | None:
    for child in element.iter():
        if _local(child.tag) == local_name and (namespace is None or etree.QName(child.tag).namespace == namespace):
            return (child.text or "").strip() or None
    return None


def parse_sitemap(body: bytes) -> Sitemap:
    """A sitemap index (its child sitemaps) or a urlset (its pages, with Google News hints)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(_maybe_gunzip(body), parser=parser)
    except (etree.XMLSyntaxError, OSError, EOFError) as exc:
        raise ValueError(f"not an XML sitemap: {exc}") from exc
    if root is None:
        raise ValueError("not an XML sitemap")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [_child_text(s, "loc") for s in root if _local(s.tag) == "sitemap"]
        return Sitemap(child_sitemaps=[c for c in children if c], articles=[])
    if kind != "urlset":
        raise ValueError(f"not a sitemap (root element <{kind}>)")
    articles = []
    for url in root:
        if _local(url.tag) != "url":
            continue
        loc = _child_text(url, "loc")
        if not loc:
            continue
        # <lastmod> says when the page last changed, not when it was published: not a date hint.
        raw_date = _child_text(url, "publication_date", NEWS_NS)
        articles.append(ListedArticle(url=loc, title=_child_text(url, "title", NEWS_NS),
                                      published=parse_w3c_datetime(raw_date), published_raw=raw_date))
    return Sitemap(child_sitemaps=[], articles=articles)

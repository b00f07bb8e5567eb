"""URL normalisation for deduplication: one article, one key, however its URL was decorated.

courlan does the heavy lifting (lower-cased host, default port, tracking parameters such as
``utm_*``/``fbclid`` dropped, query sorted); we then fold the variants news sites serve one
page under: ``http``/``https``, ``www.``, a fragment and a trailing slash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

import courlan


def normalize_url(url: str) -> str:
    """The dedup form of ``url``: ``https://www.Site.com/a/?utm_source=x#top`` -> ``https://site.com/a``."""
    raw = url.strip()
    try:
        cleaned = courlan.normalize_url(raw, strict=False)
    except (ValueError, AttributeError):  # courlan rejects some malformed URLs: keep our own folding only
        cleaned = raw
    parts = urlsplit(cleaned)
    scheme = "https" if parts.scheme.lower() in ("http", "https", "") else parts.scheme.lower()
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, parts.query, ""))


def url_hash(url: str) -> str:
    """sha256 hex of the normalised URL: the unique key of ``articles.url_hash``."""
    return hashlib.sha256(normalize_url(url).encode("utf-8", "surrogatepass")).hexdigest()


def urls_by_hash(urls: Iterable[str]) -> dict[str, list[str]]:
    """The given URLs (as given) by their ``url_hash``: the spellings of one URL under one key, so that a
    lookup by hash maps back to each of them."""
    by_hash: dict[str, list[str]] = {}
    for url in urls:
        by_hash.setdefault(url_hash(url), []).append(url)
    return by_hash

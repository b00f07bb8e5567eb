"""Schema.org JSON-LD and OpenGraph, read with extruct: the publisher's own statements about a page."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import extruct
from lxml.html import HtmlElement

log = logging.getLogger(__name__)

#: schema.org types that mean "this page is one news article / post".
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
        "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting",
    }
)
#: schema.org types that mean "a listing of other pages" (section fronts, home pages).
LISTING_TYPES = frozenset({"CollectionPage", "ItemList", "SiteNavigationElement", "SearchResultsPage"})
FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "Question"})


@dataclass(slots=True)
class StructuredData:
    """The few JSON-LD / OpenGraph facts extraction uses; ``article`` is the first article-typed node."""

    article: dict[str, Any] = field(default_factory=dict)
    article_count: int = 0
    types: set[str] = field(default_factory=set)
    og: dict[str, str] = field(default_factory=dict)
    # Microdata isAccessibleForFree (NYT: <meta itemprop="isAccessibleForFree" content="False">).
    microdata_free: bool | None = None

    @property
    def declares_article(self) -> bool:
        """og:type article or an article-typed JSON-LD node: the publisher says "this is an article"."""
        return self.og_type == "article" or bool(self.types & ARTICLE_TYPES)

    @property
    def og_type(self) -> str | None:
        value = self.og.get("og:type") or self.og.get("@type")
        return value.lower() if isinstance(value, str) else None


def _types_of(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    # "http://schema.org/NewsArticle" and "NewsArticle" are the same type.
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _walk(items: Any) -> Iterator[dict[str, Any]]:
    """Every dict node of the JSON-LD items, @graph members and mainEntity included."""
    stack = list(items) if isinstance(items, list) else [items]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack[:0] = node
        elif isinstance(node, dict):
            yield node
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
                child = node.get(key)
                if isinstance(child, (dict, list)):
                    stack.append(child)


def read_structured(tree: HtmlElement, url: str | None) -> StructuredData:
    """JSON-LD and OpenGraph of a parsed page; broken markup yields an empty result, never an error."""
    try:
        data = extruct.extract(
            tree, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True, errors="ignore"
        )
    except Exception as err:  # noqa: BLE001 - third-party parser on untrusted markup
        log.debug("extruct failed on %s: %s", url, err)
        return StructuredData()
    result = StructuredData()
    article_keys: set[str] = set()
    for node in _walk(data.get("json-ld") or []):
        node_types = _types_of(node)
        result.types |= node_types
        if node_types & ARTICLE_TYPES:
            # The same article is often repeated as a WebPage's mainEntity: count it once.
            article_keys.add(str(node.get("@id") or node.get("url") or node.get("headline") or id(node)))
            result.article = result.article or node
    result.article_count = len(article_keys)
    for og in data.get("opengraph") or []:
        result.og.update({k: v for k, v in og.items() if isinstance(v, str)})
    # extruct reads only <meta> directly inside <head>; broken pages (a second <head>, metas
    # pushed into <body> by the parser) still state their og:* facts somewhere.
    for meta in tree.xpath("//meta[starts-with(@property,'og:') and @content]")[:50]:
        result.og.setdefault(meta.get("property"), meta.get("content"))
    result.microdata_free = _microdata_free(tree)
    return result


def _microdata_free(tree: HtmlElement) -> bool | None:
    """Microdata ``isAccessibleForFree`` on the page: False if any says false, None if none says."""
    values = [str(v).strip().lower() for v in tree.xpath("//*[@itemprop='isAccessibleForFree']/@content")[:10]]
    return None if not values else all(v not in {"false", "no", "0"} for v in values)


def names_of(value: Any) -> list[str]:
    """Author names from a JSON-LD ``author`` value (a string, a Person, or a list of either)."""
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        if isinstance(item, dict):
            item = item.get("name")
        # NPR puts several people in one Person: {"name": ["A", "B", "C"]}.
        for name in item if isinstance(item, list) else [item]:
            if isinstance(name, str) and name.strip():
                names.append(html.unescape(name).strip())
    return names


def first_text(value: Any) -> str | None:
    """A JSON-LD scalar that may come as a list or a ``{"@value": ...}`` node."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if value is None or isinstance(value, (dict, list)):
        return None
    # Publishers often HTML-escape inside JSON-LD ("LA&#8217;s"); the text is wanted, not the markup.
    text = html.unescape(str(value)).strip()
    return text or None


def is_accessible_for_free(article: dict[str, Any]) -> bool | None:
    """``isAccessibleForFree`` of the article and its parts: False if any says false, None if none says."""
    verdicts = []
    for node in _walk(article):
        value = node.get("isAccessibleForFree")
        if value is None:
            continue
        if isinstance(value, str):
            verdicts.append(value.strip().lower() not in {"false", "no", "0"})
        else:
            verdicts.append(bool(value))
    if not verdicts:
        return None
    return all(verdicts)

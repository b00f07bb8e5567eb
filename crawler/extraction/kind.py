"""Is this page one article, or a front page, a forum thread, a feed, something else?

Each signal is cheap and weak alone; the publisher's own markup (og:type, JSON-LD @type) decides
when present, the URL and the shape of the text (length, share of text inside links) otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .structured import FORUM_TYPES, LISTING_TYPES, StructuredData

ARTICLE, FRONT, FORUM, FEED, OTHER = "article", "front", "forum", "feed", "other"

_DATE_IN_PATH = re.compile(r"/(19|20)\d{2}/(0?[1-9]|1[0-2])(/|-)|/(19|20)\d{2}-\d{2}-\d{2}|/(19|20)\d{6}/")
_FORUM_PATH = re.compile(r"/(threads?|forums?|topics?|community|discussions?|t|viewtopic\.php|showthread\.php)(/|$|\?)")
#: Paths of listings that often have long slugs ("/tag/supreme-court-nominations/") yet no article.
_LISTING_PATH = re.compile(
    r"/(tags?|topics?|authors?|category|categories|section|sections|search|archives?|page/\d+|people|profiles?)(/|$)"
)
_FORUM_GENERATORS = ("xenforo", "phpbb", "vbulletin", "discourse", "invision", "mybb", "smf", "nodebb")
_FEED_ROOT = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S | re.I)

#: Below this much main text a page is not read as an article on URL evidence alone.
MIN_ARTICLE_CHARS = 1200
#: A page that declares itself an article (og:type, JSON-LD) still needs this much text: short
#: briefs are articles, an empty shell with a video or a gallery is not.
MIN_DECLARED_ARTICLE_CHARS = 300
#: Above this share of visible text inside links an undeclared page is a listing.
LISTING_LINK_DENSITY = 0.5
#: This many article nodes in one page's JSON-LD describe teasers, not the page.
LISTING_ARTICLE_NODES = 3


@dataclass(slots=True)
class KindEvidence:
    """What the classifier looked at; kept so a wrong call can be explained."""

    og_type: str | None
    schema_types: tuple[str, ...]
    url_slug_words: int
    url_has_date: bool
    link_density: float | None
    text_chars: int


def looks_like_feed(markup: str) -> bool:
    """RSS, Atom or RDF documents (served by mistake where a page was expected)."""
    return bool(_FEED_ROOT.match(markup[:2000]))


def slug_words(url: str | None) -> int:
    """Words in the URL's longest path segment: article URLs carry headline slugs, fronts short names."""
    if not url:
        return 0
    path = urlsplit(url).path
    segments = [s for s in path.split("/") if s]
    if not segments:
        return 0
    longest = max(segments, key=lambda s: len(re.findall(r"[a-zA-Z]+", s)))
    return len(re.findall(r"[a-zA-Z]{2,}", re.sub(r"\.(s?html?|php|aspx?)$", "", longest)))


def is_root_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).path.strip("/") in {"", "index.html", "index.htm", "index.php"}


def link_density(tree: HtmlElement) -> float:
    """Share of the body's visible text that sits inside links (navigation, teasers)."""
    body = tree.find("body")
    root = body if body is not None else tree
    visible = "not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"
    total = sum(len(t.strip()) for t in root.xpath(f".//text()[{visible}]"))
    linked = sum(len(t.strip()) for t in root.xpath(f".//a//text()[{visible}]"))
    return linked / total if total else 0.0


def _is_forum(tree: HtmlElement, url: str | None, structured: StructuredData) -> bool:
    if structured.types & FORUM_TYPES:
        return True
    generator = " ".join(tree.xpath("//meta[@name='generator']/@content")).lower()
    if any(name in generator for name in _FORUM_GENERATORS):
        return True
    html_class = " ".join(tree.xpath("/html/@class | /html/@id | //body/@class")).lower()
    if any(name in html_class for name in _FORUM_GENERATORS):
        return True
    return bool(url) and bool(_FORUM_PATH.search(urlsplit(url).path.lower()))


def classify(
    tree: HtmlElement, url: str | None, structured: StructuredData, text: str
) -> tuple[str, KindEvidence]:
    """The page kind and the evidence behind it (link density only measured when the markup is silent)."""
    density = link_density(tree) if not structured.declares_article or len(text) < MIN_DECLARED_ARTICLE_CHARS else None
    path_url = url or ""
    evidence = KindEvidence(
        og_type=structured.og_type,
        schema_types=tuple(sorted(structured.types)),
        url_slug_words=slug_words(path_url),
        url_has_date=bool(_DATE_IN_PATH.search(urlsplit(path_url).path)),
        link_density=None if density is None else round(density, 3),
        text_chars=len(text),
    )
    return _decide(tree, url, structured, evidence), evidence


def _decide(tree: HtmlElement, url: str | None, structured: StructuredData, ev: KindEvidence) -> str:
    if _is_forum(tree, url, structured):
        return FORUM
    if is_root_url(url):
        return FRONT
    # Several article nodes, or a listing type and no article: a front page describing its teasers.
    if structured.article_count >= LISTING_ARTICLE_NODES or (
        structured.types & LISTING_TYPES and not structured.article
    ):
        return FRONT
    if structured.declares_article and ev.text_chars >= MIN_DECLARED_ARTICLE_CHARS:
        return ARTICLE
    if ev.link_density is not None and ev.link_density >= LISTING_LINK_DENSITY:
        return FRONT
    listing_path = bool(url) and bool(_LISTING_PATH.search(urlsplit(url).path.lower()))
    if listing_path:
        return FRONT
    # og:type "website"/"video"/... with no article node: the publisher says it is something else
    # (home pages carry it); only silent pages are judged by their URL.
    if ev.og_type is not None:
        return OTHER
    url_says_article = ev.url_has_date or ev.url_slug_words >= 4
    if url_says_article and ev.text_chars >= MIN_ARTICLE_CHARS:
        return ARTICLE
    return OTHER

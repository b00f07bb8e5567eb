"""Is this page one article, or a front page, a forum thread, a feed, something else?

No single signal decides. Each piece of evidence (the publisher's structured data, the shape of
the canonical and the fetched URL, the amount of main text, the share of text inside links and
inside repeated teaser blocks, headline/byline/date markup) adds or takes away points; a page
scoring ``ARTICLE_THRESHOLD`` or more is an article. The points given for each piece of evidence
are kept in ``KindEvidence.points`` so a wrong call can be read. Only a few platform facts decide
alone: forum software and wiki software, a site's root URL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .structured import ARTICLE_TYPES, FORUM_TYPES, LISTING_TYPES, StructuredData

ARTICLE, FRONT, FORUM, FEED, OTHER = "article", "front", "forum", "feed", "other"

_DATE_IN_PATH = re.compile(
    r"/(19|20)\d{2}/(0?[1-9]|1[0-2]|[a-z]{3})(/|-)"  # /2019/11/..., /2023/dec/...
    r"|/(19|20)\d{2}-\d{2}-\d{2}"  # /2020-11-26...
    r"|/(19|20)\d{2}(0[1-9]|1[0-2])(\d{2})?(/|-)"  # /20200413/, /202204/
    r"|/\d{1,2}/\d{1,2}/(19|20)\d{2}/"
)
#: A number of five or more digits in the last path segments: CMS article ids ("-14847624.php").
_ID_IN_PATH = re.compile(r"(?<![\d.])\d{5,}(?![\d.]*\d{2}\.\d)")
_FORUM_PATH = re.compile(
    r"/(threads?|forums?|topics?|community|discussions?|comments|t|viewtopic\.php|showthread\.php)(/|$|\?)"
    r"|/t\d+-[^/]+$"  # Forumotion/phpBB SEO threads: "/t7-forum-rules"
)
#: Paths of listings that often have long slugs ("/tag/supreme-court-nominations/") yet no article.
_LISTING_PATH = re.compile(
    r"/(tags?|topics?|authors?|category|categories|section|sections|search|archives?|page/\d+|people|profiles?)(/|$)"
)
_FORUM_GENERATORS = ("xenforo", "phpbb", "vbulletin", "discourse", "invision", "mybb", "smf", "nodebb")
#: Wiki software: its pages are encyclopedia entries and revision views, not news articles.
_WIKI_GENERATORS = ("mediawiki", "dokuwiki", "tiddlywiki", "moinmoin")
_FEED_ROOT = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S | re.I)
_VISIBLE = "not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)"

#: Score at or above which a page is an article (the sum of ``KindEvidence.points``).
ARTICLE_THRESHOLD = 2.5
#: Main-text lengths (characters) scored: a short page loses points, a long one gains.
SHORT_TEXT_CHARS, MIN_ARTICLE_CHARS, LONG_TEXT_CHARS = 300, 1200, 3000
#: Words in a URL path segment that read as a headline slug, and as a long one.
SLUG_WORDS, LONG_SLUG_WORDS = 4, 6
#: Above this share of visible text inside links a page reads as a listing.
LISTING_LINK_DENSITY = 0.5
#: Above this share of visible text inside repeated teaser blocks a page reads as a front.
TEASER_SHARE = 0.4
#: This many article nodes in one page's JSON-LD describe teasers, not the page.
LISTING_ARTICLE_NODES = 3
#: A teaser: one of at least this many sibling blocks of the same tag and class...
TEASER_MIN_SIBLINGS = 3
#: ...holding a link with at least this many words (a headline) and at most this much text.
TEASER_HEADLINE_WORDS, TEASER_MAX_CHARS = 4, 600

#: Points per piece of evidence. Set by hand from what each signal means (declared structure is
#: the publisher's word; URL and text shape are conventions), then checked on both page sets.
POINTS = {
    "jsonld_article": 3.0,
    "og_article": 2.0,
    "og_website": -1.0,  # many CMSs say "website" on every page, articles included: weak
    "og_other_type": -3.0,  # "video", "profile", "product", "book": the publisher says what it is
    "jsonld_listing": -3.0,
    "jsonld_teasers": -4.0,
    "url_date": 3.0,  # "/2019/11/19/", "/20200413/": news CMSs date their article paths
    "url_slug": 1.5,  # a path segment of 4 or 5 words
    "url_long_slug": 2.0,  # 6 words or more: a headline
    "url_id": 1.0,
    "url_listing": -3.0,
    "url_section": -3.0,
    "text_short": -3.0,
    "text_medium": 0.5,
    "text_long": 1.0,
    "link_dense": -2.0,
    "teasers": -2.0,
    "published_markup": 1.0,
    "byline_markup": 1.0,
    "headline_markup": 0.5,
}


@dataclass(slots=True)
class KindEvidence:
    """What the classifier looked at and the points each piece gave; kept so a wrong call can be read."""

    og_type: str | None
    schema_types: tuple[str, ...]
    url_slug_words: int
    url_has_date: bool
    link_density: float | None
    text_chars: int
    url_has_id: bool = False
    url_listing: bool = False
    url_section: bool = False
    teaser_share: float = 0.0
    markup: tuple[str, ...] = ()
    points: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    rule: str | None = None


def looks_like_feed(markup: str) -> bool:
    """RSS, Atom or RDF documents (served by mistake where a page was expected)."""
    return bool(_FEED_ROOT.match(markup[:2000]))


def _segments(url: str | None) -> list[str]:
    return [s for s in urlsplit(url or "").path.split("/") if s]


def slug_words(url: str | None) -> int:
    """Words in the URL's longest path segment: article URLs carry headline slugs, fronts short names."""
    segments = _segments(url)
    if not segments:
        return 0
    longest = max(segments, key=lambda s: len(re.findall(r"[a-zA-Z]+", s)))
    return len(re.findall(r"[^\W\d_]{2,}", re.sub(r"\.(s?html?|php|aspx?)$", "", longest)))


def is_root_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).path.strip("/") in {"", "index.html", "index.htm", "index.php"}


def _is_section_url(url: str | None) -> bool:
    """One short path segment, no digits ("/politics", "/es/"): a section or edition front."""
    segments = _segments(url)
    return len(segments) == 1 and slug_words(url) <= 2 and not re.search(r"\d", segments[0])


def _url_shape(url: str | None) -> tuple[bool, int, bool]:
    path = urlsplit(url or "").path
    return bool(_DATE_IN_PATH.search(path.lower())), slug_words(url), bool(_ID_IN_PATH.search(path))


def _text_chars(root: HtmlElement, xpath: str) -> int:
    return sum(len(t.strip()) for t in root.xpath(xpath))


def _visible_chars(tree: HtmlElement) -> int:
    return _text_chars(_body(tree), f".//text()[{_VISIBLE}]")


def link_density(tree: HtmlElement, visible_chars: int | None = None) -> float:
    """Share of the body's visible text that sits inside links (navigation, teasers)."""
    total = _visible_chars(tree) if visible_chars is None else visible_chars
    linked = _text_chars(_body(tree), f".//a//text()[{_VISIBLE}]")
    return linked / total if total else 0.0


def _body(tree: HtmlElement) -> HtmlElement:
    body = tree.find("body")
    return body if body is not None else tree


def _block_chars(block: HtmlElement) -> int:
    return sum(len(t.strip()) for t in block.itertext())


def _is_teaser(block: HtmlElement) -> bool:
    if _block_chars(block) > TEASER_MAX_CHARS:
        return False
    return any(len(a.text_content().split()) >= TEASER_HEADLINE_WORDS for a in block.iter("a"))


def teaser_share(tree: HtmlElement, visible_chars: int | None = None) -> float:
    """Share of the visible text inside repeated teaser blocks: runs of sibling blocks of one tag
    and class, each a headline link with little else (the cards of a front page or a listing)."""
    total = _visible_chars(tree) if visible_chars is None else visible_chars
    if not total:
        return 0.0
    teasers: list[HtmlElement] = []
    for parent in _body(tree).xpath(f"descendant-or-self::*[count(*) >= {TEASER_MIN_SIBLINGS}]"):
        groups: dict[tuple[str, str], list[HtmlElement]] = defaultdict(list)
        for child in parent.iterchildren("*"):
            groups[(child.tag, child.get("class") or "")].append(child)
        for blocks in groups.values():
            found = [b for b in blocks if _is_teaser(b)] if len(blocks) >= TEASER_MIN_SIBLINGS else []
            if len(found) >= TEASER_MIN_SIBLINGS:
                teasers.extend(found)
    chosen = set(teasers)
    outermost = [b for b in teasers if not any(a in chosen for a in b.iterancestors())]
    return min(1.0, sum(_text_chars(b, f".//text()[{_VISIBLE}]") for b in outermost) / total)


_PUBLISHED_MARKUP = (
    "//meta[@property='article:published_time' or @itemprop='datePublished' or @name='date'"
    " or @name='pubdate' or @name='publish-date' or @name='dc.date' or @name='DC.date.issued']"
    " | //*[@itemprop='datePublished']"
)
_BYLINE_MARKUP = (
    "//meta[@name='author' or @property='article:author'] | //*[@rel='author' or @itemprop='author']"
    " | //*[contains(@class,'byline') or contains(@class,'author-name')]"
)


def _markup(tree: HtmlElement, structured: StructuredData) -> tuple[str, ...]:
    """Which of headline, byline and publication-date markup the page carries."""
    found = []
    article = structured.article
    if tree.xpath("//*[@itemprop='headline']") or len(tree.xpath("//body//h1")) == 1:
        found.append("headline")
    if article.get("author") or tree.xpath(_BYLINE_MARKUP):
        found.append("byline")
    if article.get("datePublished") or tree.xpath(_PUBLISHED_MARKUP):
        found.append("published")
    return tuple(found)


def _platform(tree: HtmlElement, urls: list[str], structured: StructuredData) -> str | None:
    """Forum or wiki software: a platform fact that decides alone."""
    if structured.types & FORUM_TYPES:
        return FORUM
    generator = " ".join(tree.xpath("//meta[@name='generator']/@content")).lower()
    html_class = " ".join(tree.xpath("/html/@class | /html/@id | //body/@class")).lower()
    if any(name in generator or name in html_class for name in _FORUM_GENERATORS):
        return FORUM
    if any(name in generator for name in _WIKI_GENERATORS):
        return OTHER
    if any(_FORUM_PATH.search(urlsplit(url).path.lower()) for url in urls):
        return FORUM
    return None


def evidence_of(
    tree: HtmlElement, urls: list[str], structured: StructuredData, text: str
) -> KindEvidence:
    """Every signal, measured: structured data, the URLs' shapes, text, links, teasers, markup."""
    shapes = [_url_shape(u) for u in urls]
    # The canonical URL (first) names the page; the fetched one may be a redirect or a mirror.
    shape_url = urls[0] if urls else None
    visible = _visible_chars(tree)
    return KindEvidence(
        og_type=structured.og_type,
        schema_types=tuple(sorted(structured.types)),
        url_slug_words=max((s[1] for s in shapes), default=0),
        url_has_date=any(s[0] for s in shapes),
        url_has_id=any(s[2] for s in shapes),
        url_listing=bool(shape_url) and bool(_LISTING_PATH.search(urlsplit(shape_url).path.lower())),
        url_section=_is_section_url(shape_url),
        link_density=round(link_density(tree, visible), 3),
        teaser_share=round(teaser_share(tree, visible), 3),
        text_chars=len(text),
        markup=_markup(tree, structured),
    )


def _declared_points(structured: StructuredData) -> dict[str, float]:
    points: dict[str, float] = {}
    if structured.types & ARTICLE_TYPES:
        points["jsonld_article"] = POINTS["jsonld_article"]
    elif structured.og_type == "article":
        points["og_article"] = POINTS["og_article"]
    elif structured.og_type == "website":
        points["og_website"] = POINTS["og_website"]
    elif structured.og_type is not None:
        points["og_other_type"] = POINTS["og_other_type"]
    if structured.types & LISTING_TYPES and not structured.article:
        points["jsonld_listing"] = POINTS["jsonld_listing"]
    if structured.article_count >= LISTING_ARTICLE_NODES:
        points["jsonld_teasers"] = POINTS["jsonld_teasers"]
    return points


def _url_points(ev: KindEvidence) -> dict[str, float]:
    if ev.url_listing:
        return {"url_listing": POINTS["url_listing"]}
    if ev.url_section:
        return {"url_section": POINTS["url_section"]}
    flags = {
        "url_date": ev.url_has_date,
        "url_long_slug": ev.url_slug_words >= LONG_SLUG_WORDS,
        "url_slug": SLUG_WORDS <= ev.url_slug_words < LONG_SLUG_WORDS,
        "url_id": ev.url_has_id,
    }
    return {name: POINTS[name] for name, present in flags.items() if present}


def _shape_points(ev: KindEvidence) -> dict[str, float]:
    points: dict[str, float] = {}
    if ev.text_chars < SHORT_TEXT_CHARS:
        points["text_short"] = POINTS["text_short"]
    elif ev.text_chars >= LONG_TEXT_CHARS:
        points["text_long"] = POINTS["text_long"]
    elif ev.text_chars >= MIN_ARTICLE_CHARS:
        points["text_medium"] = POINTS["text_medium"]
    if ev.link_density is not None and ev.link_density >= LISTING_LINK_DENSITY:
        points["link_dense"] = POINTS["link_dense"]
    if ev.teaser_share >= TEASER_SHARE:
        points["teasers"] = POINTS["teasers"]
    for name in ev.markup:
        points[f"{name}_markup"] = POINTS[f"{name}_markup"]
    return points


def score(ev: KindEvidence, structured: StructuredData) -> KindEvidence:
    """Fill ``ev.points`` and ``ev.score`` from the measured evidence."""
    ev.points = {**_declared_points(structured), **_url_points(ev), **_shape_points(ev)}
    ev.score = round(sum(ev.points.values()), 2)
    return ev


def _not_article_kind(ev: KindEvidence) -> str:
    """A rejected page is a front when it is made of links or teasers, or listed as one; else other."""
    listing = {"jsonld_listing", "jsonld_teasers", "url_listing", "url_section", "link_dense", "teasers"}
    return FRONT if listing & set(ev.points) else OTHER


def classify(
    tree: HtmlElement, url: str | None, structured: StructuredData, text: str, canonical: str | None = None
) -> tuple[str, KindEvidence]:
    """The page kind and the evidence behind it. ``canonical`` is the page's own URL when it names one."""
    urls = [u for u in (canonical, url) if u]
    ev = score(evidence_of(tree, urls, structured, text), structured)
    platform = _platform(tree, urls, structured)
    if platform:
        ev.rule = f"{platform} platform"
        return platform, ev
    # The fetched URL: some sites name their home page as every page's canonical.
    if is_root_url(url or canonical):
        ev.rule = "site root URL"
        return FRONT, ev
    return (ARTICLE if ev.score >= ARTICLE_THRESHOLD else _not_article_kind(ev)), ev


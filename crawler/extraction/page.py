"""``extract_page``: one fetched HTML page in, its main text and metadata out.

trafilatura finds the main text and the HTML metadata; extruct reads the publisher's JSON-LD and
OpenGraph, which win where they are explicit (headline, authors, datePublished, isAccessibleForFree);
htmldate (inside trafilatura's metadata, ``original_date=True``) dates pages that state nothing.
Nothing on the page is executed: the markup is parsed by lxml and only text is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from .boilerplate import strip_boilerplate
from .dates import parse_published, shown_dates
from .decoding import decode_html, header_value
from .kind import ARTICLE, FEED, OTHER, KindEvidence, classify, looks_like_feed
from .structured import StructuredData, first_text, is_accessible_for_free, names_of, read_structured
from .titles import clean_title, header_blocks, headline_element, headline_text, squash

if TYPE_CHECKING:
    from db.records import ArticleRecord

log = logging.getLogger(__name__)

#: Pages larger than this are refused (status "too_large"), not truncated: a cut page would give a
#: wrong text that looks right. 10 MiB is ~20x the largest real article page in the fixtures.
MAX_PAGE_BYTES = 10 * 1024 * 1024
#: Parsed pages with more elements than this are refused too: trafilatura's time grows with the
#: element count (about 1.5 s per 10,000 paragraphs here), and the largest real page in the
#: fixtures has 2,179 elements.
MAX_PAGE_ELEMENTS = 30_000
#: Visible text shorter than this share of the JSON-LD articleBody means the rest is behind a paywall.
PAYWALL_TEXT_RATIO = 0.5
#: ...but only when articleBody is long enough for the ratio to mean something.
PAYWALL_MIN_BODY_CHARS = 400

#: trafilatura's own extractor alone matched its full run (readability and jusText as second
#: opinions) on every fixture article, at half the cost; the second opinions are asked only when
#: it finds less than this much text on a page that declares itself an article, where they can
#: rescue the text (front pages are short by nature; re-reading them would only cost time).
FALLBACK_BELOW_CHARS = 1500
#: ...and below it trafilatura's balanced mode (no favor_precision) is asked too; its text wins
#: when it is this many times longer.
RECALL_GAIN = 1.5

#: Content-Types read as HTML. Servers label HTML as text/plain or octet-stream often enough that
#: those are sniffed rather than refused; a declared image, PDF or JSON is not a page.
HTML_MEDIA_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "application/octet-stream", "text/xml", "application/xml"}
)
FEED_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

STATUS_OK, STATUS_EMPTY, STATUS_TOO_LARGE, STATUS_NOT_HTML = "ok", "empty", "too_large", "not_html"
STATUS_ERROR = "error"


@dataclass(slots=True)
class ExtractedPage:
    """What one page says, as plain data. ``text`` separates paragraphs with blank lines.

    ``status`` is "ok", "empty" (parsed, but no main text), "too_large" (refused, see
    ``MAX_PAGE_BYTES`` and ``MAX_PAGE_ELEMENTS``), "not_html" (a feed, a declared non-HTML type
    or something lxml could not parse as HTML) or "error" (a parser failed; logged, html kept).
    """

    is_article: bool = False
    page_kind: str = OTHER
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_raw: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    text: str = ""
    paywalled: bool = False
    description: str | None = None
    site_name: str | None = None
    jsonld: dict[str, Any] = field(default_factory=dict)
    status: str = STATUS_OK
    evidence: KindEvidence | None = field(default=None, repr=False)
    html: str | bytes | None = field(default=None, repr=False)

    def to_record(
        self,
        url: str,
        outlet: str | None = None,
        fetched_at: datetime | None = None,
        keep_html: bool = True,
    ) -> ArticleRecord:
        """The ``db.records.ArticleRecord`` the store takes; ``html`` is the page as it was given."""
        from db.records import ArticleRecord

        return ArticleRecord(
            url=url,
            text=self.text,
            title=self.title,
            canonical_url=self.canonical_url,
            authors=list(self.authors),
            published=self.published,
            published_raw=self.published_raw,
            fetched_at=fetched_at,
            language=self.language,
            outlet=outlet or self.site_name,
            html=self.html if keep_html else None,
            paywalled=self.paywalled,
            extraction_status=self.status,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready view (dates as ISO strings, no raw HTML) for ``quotes extract`` and logs."""
        data = {k: v for k, v in asdict(self).items() if k not in {"html", "evidence"}}
        data["published"] = self.published.isoformat() if self.published else None
        return data


def extract_page(
    html: str | bytes,
    url: str | None = None,
    *,
    headers: Mapping[Any, Any] | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    max_elements: int = MAX_PAGE_ELEMENTS,
    date_hint: str | None = None,
) -> ExtractedPage:
    """Extract main text and metadata from one page. Never raises on bad input.

    ``html`` may be bytes in any charset (decoded by header, BOM, ``<meta charset>``, then a guess;
    undecodable bytes become U+FFFD) or text. ``headers`` are the response headers (Content-Type
    for the charset, Content-Language). Pages over ``max_bytes`` (before decoding) or with more
    than ``max_elements`` HTML elements (after parsing) are refused, not truncated: the result has
    status "too_large", no text, no html and ``is_article`` False. ``date_hint`` is a publication
    date known from elsewhere (a feed entry's or a sitemap's ``news:publication_date``): it beats
    htmldate's guess, not a date the page states in its structured data.
    """
    size = len(html)
    if size > max_bytes:
        log.warning("page %s refused: %d bytes > %d", url, size, max_bytes)
        return ExtractedPage(status=STATUS_TOO_LARGE)
    media_type = _media_type(headers)
    if media_type and media_type not in HTML_MEDIA_TYPES:
        kind = FEED if media_type in FEED_MEDIA_TYPES else OTHER
        return ExtractedPage(page_kind=kind, status=STATUS_NOT_HTML, html=html)
    markup, _encoding = decode_html(html, headers)
    if looks_like_feed(markup):
        return ExtractedPage(page_kind=FEED, status=STATUS_NOT_HTML, html=html)
    tree = load_html(markup)
    if tree is None:
        return ExtractedPage(status=STATUS_NOT_HTML, html=html)
    if _more_elements_than(tree, max_elements):
        log.warning("page %s refused: more than %d HTML elements", url, max_elements)
        return ExtractedPage(status=STATUS_TOO_LARGE)
    try:
        return _extract_tree(tree, url, headers, html, date_hint)
    except Exception:  # noqa: BLE001 - third-party parsers on untrusted markup: one page, not the crawl
        log.exception("extraction failed on %s", url)
        return ExtractedPage(status=STATUS_ERROR, html=html)


def _media_type(headers: Mapping[Any, Any] | None) -> str | None:
    value = header_value(headers, "Content-Type")
    if not value:
        return None
    return value.split(";")[0].strip().lower() or None


def _more_elements_than(tree: HtmlElement, limit: int) -> bool:
    return any(True for _ in islice(tree.iter(), limit, limit + 1))


def _extract_tree(
    tree: HtmlElement, url: str | None, headers: Mapping[Any, Any] | None, html: str | bytes, date_hint: str | None
) -> ExtractedPage:
    structured = read_structured(tree, url)
    _unname_link_wrappers(tree)
    _paragraphs_written_as_divs(tree)
    document = _main_text(tree, url, fast=True)
    short = len(getattr(document, "text", None) or "") < FALLBACK_BELOW_CHARS
    if short and structured.declares_article:
        document = _main_text(tree, url, fast=False) or document
    metadata = document if document is not None else extract_metadata(tree, default_url=url)
    article = structured.article
    canonical = _canonical(tree, structured, getattr(metadata, "url", None), url)
    site_name = getattr(metadata, "sitename", None) or structured.og.get("og:site_name")
    site_names = [site_name, structured.og.get("og:site_name"), _host_label(url or canonical)]
    meta_title = getattr(metadata, "title", None) or first_text(article.get("headline"))
    headline = headline_element(tree, meta_title, site_names)
    shown_headline = headline_text(headline)
    titles = (shown_headline, meta_title)
    text, paywalled = _article_text(tree, document, article, titles)
    paywalled = paywalled or structured.microdata_free is False
    page_kind, evidence = classify(tree, url, structured, text, canonical)
    if page_kind == ARTICLE and len(getattr(document, "text", None) or "") < FALLBACK_BELOW_CHARS:
        recalled = _recall_text(tree, url, document)
        # The paywall verdict stays the precise text's: balanced mode may read articleBody
        # itself, which would hide the gap between what is shown and what is published.
        if recalled is not document:
            text, _ = _article_text(tree, recalled, article, titles)
    body = first_text(article.get("articleBody")) or ""
    published_raw = page_date(
        published=_published_candidates(tree, article, structured, metadata, date_hint),
        modified=_modified_candidates(tree, article),
        shown=lambda: shown_dates(header_blocks(headline)),
    )
    title = shown_headline or meta_title
    return ExtractedPage(
        is_article=page_kind == ARTICLE,
        page_kind=page_kind,
        title=clean_title(title, site_names) if title else None,
        authors=_authors(article, metadata, structured, tree),
        published=parse_published(published_raw),
        published_raw=published_raw,
        language=_language(tree, article, structured, headers),
        canonical_url=canonical,
        text=text,
        paywalled=paywalled,
        description=first_text(article.get("description")) or getattr(metadata, "description", None),
        site_name=site_name,
        jsonld=_jsonld_summary(article, body),
        status=STATUS_OK if text else STATUS_EMPTY,
        evidence=evidence,
        html=html,
    )


#: Spans inside a paragraph that hold nothing but one link: the link's wrapper, part of the sentence.
_LINK_WRAPPERS = "//p//span[@class or @id][count(*) = 1][a][normalize-space(.) = normalize-space(a)]"
#: Bounded work on huge pages.
MAX_LINK_WRAPPERS = 2000


def _unname_link_wrappers(tree: HtmlElement) -> None:
    """Drop the class and id of spans that only wrap an inline link inside a paragraph.

    Precision mode discards elements by class name (a span called "link" goes whole), which cut
    the link text out of the middle of a sentence ("delivering <span class="link"><a>aid to
    civilians</a></span> and ..." read "delivering and ..."). Inside a paragraph such a wrapper
    is never a section of its own.
    """
    for span in tree.xpath(_LINK_WRAPPERS)[:MAX_LINK_WRAPPERS]:
        span.attrib.pop("class", None)
        span.attrib.pop("id", None)


#: A div holding only text, right between two paragraphs: a subheading or a paragraph of the story
#: written as a div ("<p>..</p><div class='subheadline'>Who pays?</div><p>..</p>").
_DIVS_BETWEEN_PARAGRAPHS = (
    "//div[not(*)][normalize-space(.)][preceding-sibling::*[1][self::p]][following-sibling::*[1][self::p]]"
)


def _paragraphs_written_as_divs(tree: HtmlElement) -> None:
    """Make them paragraphs: trafilatura drops a bare div's text there, so the story lost its subheadings."""
    for div in tree.xpath(_DIVS_BETWEEN_PARAGRAPHS)[:MAX_LINK_WRAPPERS]:
        div.tag = "p"


def _main_text(tree: HtmlElement, url: str | None, *, fast: bool) -> Any:
    """trafilatura's main text and metadata; ``fast`` skips its readability/jusText second opinions."""
    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )


def _article_text(
    tree: HtmlElement, document: Any, article: dict[str, Any], titles: tuple[str | None, ...]
) -> tuple[str, bool]:
    """The main text without boilerplate, and whether the page is paywalled."""
    paragraphs = _paragraphs(getattr(document, "text", None)).split("\n\n")
    visible_text = "\n\n".join(strip_boilerplate(paragraphs, tree, titles))
    body = first_text(article.get("articleBody")) or ""
    # Pages that render their text with JavaScript, or hide it behind a paywall, often still ship
    # the whole article as JSON-LD articleBody: the publisher's own text beats a teaser.
    text = _paragraphs(body) if len(visible_text) < PAYWALL_TEXT_RATIO * len(body) else visible_text
    return text, _paywalled(article, visible_text, body)


def _recall_text(tree: HtmlElement, url: str | None, precise: Any) -> Any:
    """A short precision-mode text on an article: trafilatura's balanced mode, when it finds much more.

    ``favor_precision`` drops the body of some pages whole (paragraphs in unusual containers);
    on an article where it kept little, the balanced run's text wins if it is RECALL_GAIN times
    longer. Asked only once the page is known to be an article, so the kind is decided on the
    precise text (a longer, noisier text must not turn a product page into an article).
    """
    found = len(getattr(precise, "text", None) or "")
    balanced = trafilatura.bare_extraction(
        tree, url=url, fast=True, favor_precision=False, include_comments=False, include_tables=True, with_metadata=True
    )
    if balanced is not None and len(balanced.text or "") > RECALL_GAIN * max(found, 1):
        return balanced
    return precise


def _paragraphs(text: str | None) -> str:
    """trafilatura puts one block per line; a blank line between blocks keeps paragraphs apart."""
    if not text:
        return ""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


_ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation"}
_NOT_A_NAME = re.compile(r"^(no author|staff|admin|editor|unknown|anonymous)$", re.I)


def _authors(
    article: dict[str, Any], metadata: Any, structured: StructuredData, tree: HtmlElement
) -> list[str]:
    """JSON-LD people, else trafilatura's byline (meta tags and byline markup), else byline links.

    Whichever source comes first with a plausible person wins; outlets and roles are dropped.
    """
    outlet_names = {
        squash(n) for n in (structured.og.get("og:site_name"), getattr(metadata, "sitename", None)) if n
    }
    raw = article.get("author")
    people = [
        a for a in (raw if isinstance(raw, list) else [raw])
        if not (isinstance(a, dict) and _ORGANISATION_TYPES & {str(t) for t in _as_list(a.get("@type"))})
    ]
    sources = (
        lambda: names_of(people),
        lambda: (getattr(metadata, "author", None) or "").split(";"),
        lambda: _byline_links(tree),
    )
    for source in sources:
        names = [_clean_name(n) for n in source()]
        names = [n for n in names if _looks_like_person(n, outlet_names)]
        if names:
            return list(dict.fromkeys(names))
    return []


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


_BY_PREFIX = re.compile(r"^\s*(?:(?:analysis|opinion|commentary|review|story|words)\s+)?by\s+", re.I)
_ROLE_WORDS = re.compile(
    r"\b(staff|editor|editors|correspondent|reporter|writer|contributor|press|news|desk|wire|team)\b", re.I
)


_NAME_PARTICLES = {"de", "la", "del", "della", "di", "da", "van", "von", "der", "den", "du", "le", "bin", "al", "el", "y"}


def _clean_name(name: str) -> str:
    return " ".join(_BY_PREFIX.sub("", name).split())


#: Links inside an element whose class or test id says byline/author: where templates put the
#: writer's name when their meta tags only name the outlet.
_BYLINE_LINKS = (
    "//*[contains(@class,'byline') or contains(@data-testid,'byline') or contains(@class,'author')]//a"
    " | //a[@rel='author']"
)


def _byline_links(tree: HtmlElement) -> list[str]:
    names = []
    for link in tree.xpath(_BYLINE_LINKS)[:20]:
        text = " ".join(link.text_content().split())
        words = text.split()
        if 2 <= len(words) <= 5 and all(w[0].isupper() for w in words) and not re.search(r"\d", text):
            names.append(text)
    return names[:6]


def _looks_like_person(name: str, outlet_names: set[str]) -> bool:
    name = name.strip()
    # ", USA TODAY" is a byline whose person part the template left empty.
    if not name or not name[0].isalpha() or _NOT_A_NAME.match(name) or _ROLE_WORDS.search(name):
        return False
    words = name.split()
    if not 2 <= len(words) <= 6 or words[0].lower() == "the":
        return False
    # Names are capitalised word by word, apart from particles ("Alejandro de la Garza").
    if any(not w[0].isupper() and w.lower() not in _NAME_PARTICLES for w in words if w[0].isalpha()):
        return False
    return squash(name) not in outlet_names


def _published_candidates(
    tree: HtmlElement, article: dict[str, Any], structured: StructuredData, metadata: Any, hint: str | None
) -> list[str | None]:
    """The publisher's explicit publication dates first (JSON-LD, microdata, OpenGraph), then the
    caller's hint (a feed's or sitemap's date), then htmldate's original-date guess."""
    return [
        first_text(article.get("datePublished")),
        first_text(article.get("dateCreated")),
        *tree.xpath("//*[@itemprop='datePublished']/@datetime | //*[@itemprop='datePublished']/@content")[:1],
        structured.og.get("article:published_time"),
        hint,
        getattr(metadata, "date", None),
    ]


_MODIFIED_MARKUP = (
    "//*[@itemprop='dateModified']/@datetime | //*[@itemprop='dateModified']/@content"
    " | //meta[@property='article:modified_time' or @property='og:updated_time']/@content"
)


def _modified_candidates(tree: HtmlElement, article: dict[str, Any]) -> list[str | None]:
    return [first_text(article.get("dateModified")), *tree.xpath(_MODIFIED_MARKUP)[:2]]


def page_date(
    published: list[str | None], modified: list[str | None], shown: Callable[[], set[date]]
) -> str | None:
    """The page's own date: the first plausible stated publication date, unless the page also
    states a later modification date *and shows that one* beside its headline ("Updated 17
    December"): then the date the reader is shown, which the text we keep is the version of."""
    stated = next((c for c in published if c and _plausible(parse_published(c))), None)
    first = parse_published(stated)
    later = [
        c for c in modified
        if c and _plausible(parsed := parse_published(c)) and (first is None or parsed.date() > first.date() + timedelta(days=1))
    ]
    if not later:
        return stated
    days = shown()
    return next((c for c in sorted(later, key=parse_published, reverse=True) if parse_published(c).date() in days), stated)


def _plausible(published: datetime | None) -> bool:
    """Template placeholders ("0001-01-01", "2099-...") are not dates: try the next source instead."""
    if published is None:
        return False
    now = datetime.now(timezone.utc)
    return published.year >= 1900 and published <= now + timedelta(days=2)


def _language(
    tree: HtmlElement, article: dict[str, Any], structured: StructuredData, headers: Mapping[Any, Any] | None
) -> str | None:
    for candidate in (
        tree.get("lang"),
        tree.get("xml:lang"),
        first_text(article.get("inLanguage")),
        structured.og.get("og:locale"),
        header_value(headers, "Content-Language"),
    ):
        if candidate:
            primary = re.split(r"[-_,\s]", candidate.strip())[0].lower()
            if re.fullmatch(r"[a-z]{2,3}", primary):
                return primary
    return None


def _host_label(url: str | None) -> str | None:
    """"www.cnn.com" -> "cnn": the name a title suffix usually repeats."""
    host = urlsplit(url or "").hostname or ""
    labels = [label for label in host.split(".") if label not in {"www", "edition", "eu", "amp", "m"}]
    return labels[0] if len(labels) >= 2 else None


def _canonical(tree: HtmlElement, structured: StructuredData, found: str | None, url: str | None) -> str | None:
    """``<link rel=canonical>`` (relative ones resolved against the page URL), else og:url, else trafilatura's."""
    for candidate in (
        *tree.xpath("//head/link[@rel='canonical']/@href")[:1],
        structured.og.get("og:url"),
        found,
    ):
        if not candidate or not candidate.strip():
            continue
        absolute = urljoin(url or "", candidate.strip())
        if urlsplit(absolute).scheme in {"http", "https"}:
            return absolute
    return None


def _paywalled(article: dict[str, Any], text: str, body: str) -> bool:
    if is_accessible_for_free(article) is False:
        return True
    return len(body) >= PAYWALL_MIN_BODY_CHARS and len(text) < PAYWALL_TEXT_RATIO * len(body)


def _jsonld_summary(article: dict[str, Any], body: str) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for key in ("@type", "headline", "datePublished", "dateModified", "inLanguage", "isAccessibleForFree"):
        if article.get(key) is not None:
            summary[key] = article[key]
    if article.get("author") is not None:
        summary["author"] = names_of(article["author"])
    if body:
        summary["articleBody_chars"] = len(body)
    return summary

"""The page's headline: its visible ``<h1>`` when it has one, freed of site labels.

og:title and ``<title>`` are written for search engines and social cards (shortened, with the
site's name around them); the ``<h1>`` in the article is what the reader sees as the headline.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

#: A headline has at least this many words; "POLITICO", "SAT.1 REGIONAL" are logos.
MIN_HEADLINE_WORDS = 3
#: The block around the headline that holds its dateline stays under this many characters.
MAX_HEADER_CHARS = 3000
#: ...and is at most this many levels above the headline.
MAX_HEADER_LEVELS = 3
#: Share of the headline's words that the meta title must share: an ``<h1>`` naming a section
#: or a newsletter box ("Nature Briefing") is not the headline.
MIN_SHARED_WORDS = 0.3

_HEADLINES = "//article//h1 | //main//h1 | //h1[@itemprop='headline'] | //body//h1"
#: " | Site", " - Site", " -- Site", " — Site", " · Site", " » Site", " :: Site" at the end...
_SUFFIX = re.compile(r"\s+(?:\||-{1,2}|–|—|·|•|»|::)\s+(?=[^|–—·•»]+$)")
#: ...and "Site: ", "Site | ", "Site - " at the start.
_PREFIX = re.compile(r"^([^:|–—]{2,40}?)(?::|\s+\||\s+-{1,2}|\s+–|\s+—)\s+")


def squash(text: str) -> str:
    """Casefolded words only: "TODAY.com" -> "today com"."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _words(text: str) -> set[str]:
    return set(squash(text).split())


def _names_site(part: str, site_names: list[str | None]) -> bool:
    """Does this title part name the site (og:site_name, the host label), or the site name it?"""
    words = _words(part)
    names = [_words(n) for n in site_names if n and squash(n)]
    return bool(words) and any(name <= words or words <= name for name in names)


def clean_title(title: str, site_names: list[str | None]) -> str:
    """"Headline | CNN Politics", "CNN: Headline", "Headline -- Site" -> "Headline".

    Only a part that names the site is cut, and never so much that under three words remain:
    "Left | Right: the council budget row" and "Brexit: talks resume" keep their parts.
    """
    title = " ".join(title.split())
    for _ in range(2):  # "Headline - Section | Site" loses at most two tails
        parts = _SUFFIX.split(title)
        if len(parts) != 2 or len(parts[0].split()) < MIN_HEADLINE_WORDS or not _names_site(parts[1], site_names):
            break
        title = parts[0].strip()
    prefix = _PREFIX.match(title)
    rest = title[prefix.end():] if prefix else ""
    if prefix and len(rest.split()) >= MIN_HEADLINE_WORDS and _names_site(prefix.group(1), site_names):
        title = rest.strip()
    return title


def _plausible_headline(element: HtmlElement, meta_title: str | None, site_names: list[str | None]) -> bool:
    text = " ".join(element.text_content().split())
    words = _words(text)
    if len(text.split()) < MIN_HEADLINE_WORDS or _names_site(text, site_names) and len(words) <= 4:
        return False
    if not meta_title:
        return True
    return len(words & _words(meta_title)) >= MIN_SHARED_WORDS * len(words)


def headline_element(
    tree: HtmlElement, meta_title: str | None, site_names: list[str | None]
) -> HtmlElement | None:
    """The article's ``<h1>``: inside ``<article>``/``<main>`` first, then anywhere in the body."""
    for element in tree.xpath(_HEADLINES)[:20]:
        if _plausible_headline(element, meta_title, site_names):
            return element
    return None


def header_blocks(headline: HtmlElement | None) -> list[HtmlElement]:
    """The headline's surroundings (kicker, byline, dateline): a few levels up, kept small, and
    the blocks right after it (where a dateline under the headline sits)."""
    if headline is None:
        return []
    block = headline
    for _ in range(MAX_HEADER_LEVELS):
        parent = block.getparent()
        if parent is None or parent.tag in {"body", "html"} or len(parent.text_content()) > MAX_HEADER_CHARS:
            break
        block = parent
    following = [s for s in block.itersiblings() if isinstance(s.tag, str)][:MAX_HEADER_LEVELS]
    return [block, *(s for s in following if len(s.text_content()) <= MAX_HEADER_CHARS)]


def headline_text(element: HtmlElement | None) -> str | None:
    if element is None:
        return None
    return " ".join(element.text_content().split()) or None

"""What trafilatura keeps that is not the article: related-story links, promo and bio boxes.

Applied to the main text's paragraphs after extraction, so it can only take away, and never
much: a paragraph goes when the page itself marks it as boilerplate —

* it is a headline link ("Read more: <link text>" or the link text alone) pointing elsewhere;
* it sits in an element whose class or id names a box that is not the article (related,
  newsletter, recommended, author bio, comments, captions, promos), and that box holds only a
  small share of the kept text (an article body called "entry-content-read-more" stays);
* it repeats the headline (the title is kept as ``title``);
* it is an author contact line (a short paragraph with an e-mail address) or a copyright line;
* it closes the article with credits or a call to action ("Contributing: ...", "X reported from
  Y.", "Sign up here.", "Listen on Spotify ..."), among the last few short paragraphs;
* it belongs to a trailing notes section ("Footnotes", "References" and the citations after it);
* it is a short label ("Read more:", "More From TIME") left with nothing after it but
  paragraphs removed for the reasons above.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

#: Class/id words of boxes that are not the article. Matched as substrings of the lowercased
#: class and id (``_`` read as ``-``), so "c-related-links" and "newsletterSignup" count.
BOX_WORDS = (
    "related", "newsletter", "signup", "sign-up", "subscribe", "recommend", "more-from", "most-popular",
    "mostpopular", "trending", "read-more", "readmore", "also-read", "outbrain", "taboola", "author-bio",
    "authorbio", "comment", "caption", "promo", "copyright", "boilerplate",
)
#: A box whose paragraphs make up more than this share of the kept text is the article itself.
MAX_BOX_SHARE = 0.3
#: Links with at least this many words are headlines (teasers), not inline references.
HEADLINE_LINK_WORDS = 4
#: A label before a teaser ("Read more:", "Lea también:") has at most this many words.
MAX_LABEL_WORDS = 6
#: Contact lines are short; a long paragraph with an address in it is text.
MAX_CONTACT_CHARS = 300
#: Elements examined, links read: bounded work on huge pages.
MAX_BOXES, MAX_LINKS = 300, 2000

_BOX_NAME = re.compile("|".join(re.escape(word) for word in BOX_WORDS))
_NOT_BOXES = {"article", "main", "body", "html"}
#: Lists whose every item holds a link: roundups of other stories ("More Must-Reads").
_LINK_LISTS = "//body//ul[count(li) >= 3][count(li[.//a]) = count(li)] | //body//ol[count(li) >= 3][count(li[.//a]) = count(li)]"
#: ...when at least this share of their text is link text.
MIN_LIST_LINK_SHARE = 0.3
_SENTENCE_ENDS = (".", "!", "?", '"', "”")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_LABEL = re.compile(r"^([^.!?]{1,60}?):\s*(.+)$")
#: "© 2024 ...", "Copyright 2019 ...", "... All rights reserved." (in under 300 characters).
_COPYRIGHT = re.compile(r"^(?:copyright\s*)?(?:©|\(c\)\s*\d{4})|^copyright\s+\d{4}\b|\ball rights reserved\b", re.I)
#: Credits and calls to action that close an article, looked for in its last paragraphs only.
CLOSING_PARAGRAPHS = 3
_CLOSING = (
    re.compile(r"^(?:contributing|additional reporting)\b", re.I),
    # "Russo reported from New York.", "Jane Roe contributed to this report."
    re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} reported from [A-Z]"),
    re.compile(r"\bcontributed (?:reporting\b|(?:to )?(?:this|the) (?:report|story|article)\b)", re.I),
    re.compile(r"\bthis (?:episode|story|segment|podcast) was (?:produced|reported|edited) by\b", re.I),
    re.compile(r"\b(?:sign up|subscribe) here\b", re.I),
    re.compile(r"^listen\b.{0,80}\b(?:spotify|apple podcasts|google podcasts)\b", re.I),
)
#: The heading of a notes section, alone on its line.
_NOTES_HEADING = re.compile(r"^(?:foot ?notes|end ?notes|notes|references|sources|bibliography|citations)\s*:?$", re.I)
#: Citations are short; a long paragraph after such a heading is text.
MAX_NOTE_CHARS = 600


_LIST_MARK = re.compile(r"^[-•*]\s+")


def _norm(text: str) -> str:
    """Whitespace collapsed, casefolded, without the "- " trafilatura writes before list items."""
    return _LIST_MARK.sub("", " ".join(text.split()).casefold())


def _headline_links(tree: HtmlElement) -> set[str]:
    links = set()
    for link in tree.xpath("//body//a[@href]")[:MAX_LINKS]:
        text = _norm(link.text_content())
        if len(text.split()) >= HEADLINE_LINK_WORDS:
            links.add(text)
    return links


def _is_teaser_link(paragraph: str, links: set[str]) -> bool:
    """The paragraph is a headline link, alone or after a short label ("Read more: ...")."""
    text = _norm(paragraph)
    if text in links:
        return True
    label = _LABEL.match(text)
    return bool(label) and len(label.group(1).split()) <= MAX_LABEL_WORDS and label.group(2).strip() in links


def _link_share(element: HtmlElement) -> float:
    total = sum(len(t.strip()) for t in element.itertext())
    linked = sum(len(t.strip()) for a in element.iter("a") for t in a.itertext())
    return linked / total if total else 0.0


def _beside_an_image(element: HtmlElement) -> bool:
    if element.xpath("ancestor::figure"):
        return True
    parent = element.getparent()
    context = parent.getparent() if parent is not None and parent.getparent() is not None else parent
    return context is not None and bool(context.xpath(".//img | .//picture | .//figure"))


def _boxes(tree: HtmlElement) -> list[HtmlElement]:
    """Boxes named as boilerplate by their class or id, and lists of links to other stories."""
    named = []
    for element in tree.xpath("//body//*[@class or @id]"):
        name = f"{element.get('class', '')} {element.get('id', '')}".lower().replace("_", "-")
        found = _BOX_NAME.search(name)
        if element.tag in _NOT_BOXES or not found or element.xpath(".//h1"):
            continue
        # "caption" names image captions, but some sites call their standfirst "item-caption":
        # a caption is one when an image is beside it.
        if found.group() != "caption" or _beside_an_image(element):
            named.append(element)
            if len(named) >= MAX_BOXES:
                break
    lists = [ul for ul in tree.xpath(_LINK_LISTS)[:MAX_BOXES] if _link_share(ul) >= MIN_LIST_LINK_SHARE]
    return named + lists


def _in_small_boxes(tree: HtmlElement, paragraphs: list[str]) -> set[int]:
    """Indexes of paragraphs inside boilerplate boxes that hold little of the kept text."""
    # Compared without any whitespace: markup splits text at inline tags ("here</a>.") as well
    # as between blocks, so no one way of joining the box's text pieces matches every paragraph.
    normalised = [_norm(p).replace(" ", "") for p in paragraphs]
    total = sum(len(p) for p in normalised) or 1
    dropped: set[int] = set()
    for box in _boxes(tree):
        text = "".join(_norm(" ".join(box.itertext())).split())
        inside = {i for i, p in enumerate(normalised) if p and p in text}
        if inside and sum(len(normalised[i]) for i in inside) <= MAX_BOX_SHARE * total:
            dropped |= inside
    return dropped


def _orphan_labels(paragraphs: list[str], dropped: set[int]) -> set[int]:
    """Short labels ("Read more:", "More From TIME") whose following paragraphs were all removed
    up to the end, or, for a label ending in ":", up to the next kept paragraph."""
    labels = set()
    next_kept = len(paragraphs)  # scanning backwards: the first kept paragraph after i
    for i in range(len(paragraphs) - 1, -1, -1):
        paragraph = paragraphs[i].rstrip()
        is_label = i not in dropped and len(paragraph.split()) <= MAX_LABEL_WORDS and not paragraph.endswith(_SENTENCE_ENDS)
        announced_removed = next_kept > i + 1
        if is_label and announced_removed and (next_kept == len(paragraphs) or paragraph.endswith(":")):
            labels.add(i)
        elif i not in dropped:
            next_kept = i
    return labels


def _repeated_titles(paragraphs: list[str], titles: tuple[str | None, ...]) -> set[int]:
    """The headline as one of the first two paragraphs, at the top or under the lead (a print
    header, a video block's title): it is the title, kept as ``title``. Further down, the same
    words are a subheading of the story's own."""
    wanted = {_norm(t) for t in titles if t}
    return {i for i, paragraph in enumerate(paragraphs[:2]) if _norm(paragraph) in wanted}


def _copyright_lines(paragraphs: list[str]) -> set[int]:
    return {i for i, p in enumerate(paragraphs) if len(p) <= MAX_CONTACT_CHARS and _COPYRIGHT.search(p.strip())}


def _closing_credits(paragraphs: list[str]) -> set[int]:
    """Credits and calls to action among the last few short paragraphs: who reported or produced
    the piece, where to sign up or listen. Elsewhere the same words may be the story's own."""
    start = max(len(paragraphs) - CLOSING_PARAGRAPHS, 1)
    return {
        i for i in range(start, len(paragraphs))
        if len(paragraphs[i]) <= MAX_CONTACT_CHARS and any(r.search(paragraphs[i].strip()) for r in _CLOSING)
    }


def _trailing_notes(paragraphs: list[str]) -> set[int]:
    """A "Footnotes"/"References" heading in the back half with only short (citation-sized)
    paragraphs after it: the notes and their heading, not the article."""
    for i in range(len(paragraphs) // 2, len(paragraphs) - 1):
        rest = paragraphs[i + 1:]
        if _NOTES_HEADING.match(paragraphs[i].strip()) and all(len(p) <= MAX_NOTE_CHARS for p in rest):
            return set(range(i, len(paragraphs)))
    return set()


def strip_boilerplate(paragraphs: list[str], tree: HtmlElement, titles: tuple[str | None, ...] = ()) -> list[str]:
    """The paragraphs minus a repeated headline, teaser links, small boilerplate boxes, contact
    lines and their labels. ``titles`` are the page's headline candidates (h1, og:title)."""
    if len(paragraphs) < 2:
        return paragraphs
    links = _headline_links(tree)
    dropped = _repeated_titles(paragraphs, titles)
    dropped |= {i for i, p in enumerate(paragraphs) if _is_teaser_link(p, links)}
    dropped |= {i for i, p in enumerate(paragraphs) if len(p) <= MAX_CONTACT_CHARS and _EMAIL.search(p)}
    dropped |= _copyright_lines(paragraphs) | _closing_credits(paragraphs) | _trailing_notes(paragraphs)
    dropped |= _in_small_boxes(tree, paragraphs)
    dropped |= _orphan_labels(paragraphs, dropped)
    kept = [p for i, p in enumerate(paragraphs) if i not in dropped]
    # Never leave an article empty: a page made only of "boilerplate" is a misreading.
    return kept or paragraphs

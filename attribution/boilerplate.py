"""Paragraphs that belong to the page, not the story: bylines, photo credits, calls to action.

Extracted article text keeps some of them ("By Jane Doe", "(AP Photo/Evan Vucci)", "Read more: “…”",
"Support now", "Sign up for our newsletter", "Follow Pam Key on Twitter @pamkeyNEN"). They are never
quotations and hold no cue: the linker skips them (attribution/rules.py, rule "boilerplate"). Only short
paragraphs that open with such a formula (or are a credit in parentheses) count, so a sentence of the
story that happens to start "By Monday, ..." stays.
"""

from __future__ import annotations

import re

MAX_WORDS = 30
QUOTE_MARKS = "\"“”'‘’«»`"
_BYLINE = r"(?i:by|written by|reporting by|story by|words by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}" \
          r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*\s*(?:[,|–—-]\s*[\w .'’-]{0,40})?"
_CREDIT = r"\(?\s*(?:photo|photograph|image|picture|video|graphic|illustration|credit|photo credit)s?" \
          r"(?:\s+by\s+|\s*[:/|]\s*|\s+(?:copyright|caption|credit)\s+)\S.{0,80}"
_CALL = r"(?:read more|read also|related:|related (?:coverage|stories|articles|content)|see also|recommended:|" \
        r"more from|support (?:us|now|our)|donate now|sign up|subscribe|click here|share this|watch:|advertisement|" \
        r"follow (?:\S+\s){1,3}on (?:twitter|x|facebook|instagram|threads|tiktok))\b.*"
_PARAGRAPH = re.compile(rf"^\s*(?:{_BYLINE}|{_CREDIT}|{_CALL})\s*$", re.IGNORECASE | re.DOTALL)
# A byline must be capitalised as names are; IGNORECASE above would accept "by the end of the day".
_BYLINE_CASED = re.compile(rf"^\s*{_BYLINE}\s*$", re.DOTALL)
_STARTS_BY = re.compile(r"^\s*(?:by|written by|reporting by|story by|words by)\s", re.IGNORECASE)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.IGNORECASE)
# A credit in parentheses, alone or closing a caption: "… in Washington. (AP Photo/Evan Vucci)".
CREDIT_IN_PARENS = re.compile(r"\((?:[A-Z][\w.]*\s){0,3}(?:Photo|Image|Pictures?|Video)s?\s*(?:/|:|by)[^()]{1,80}\)")


def is_boilerplate(paragraph: str) -> bool:
    """Whether a paragraph (one line of the text) is a byline, a credit or a call to action (the
    quotation marks of a transcript around it aside: ``"Follow Pam Key on Twitter @pamkeyNEN."``)."""
    paragraph = paragraph.strip().strip(QUOTE_MARKS)
    if len(paragraph.split()) > MAX_WORDS:
        return False
    if _STARTS_BY.match(paragraph):
        return bool(_BYLINE_CASED.match(paragraph))
    if _PARAGRAPH.match(paragraph) or CREDIT_IN_PARENS.search(paragraph.rstrip()[-90:]):
        return True
    return bool(_NEWSLETTER.search(paragraph)) and len(paragraph.split()) <= 20

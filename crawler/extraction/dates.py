"""Publication dates: parse what the page states, and always hand back a timezone-aware datetime."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from lxml.html import HtmlElement

_DAY_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_published(raw: str | None) -> datetime | None:
    """An aware datetime from an ISO 8601 or free-form date string; naive values are taken as UTC.

    ISO strings (JSON-LD, ``article:published_time``, htmldate's output) go through
    ``datetime.fromisoformat``; anything else through dateparser. Unparseable input gives None.
    """
    if not raw:
        return None
    text = raw.strip()
    parsed = _from_iso(text)
    if parsed is None:
        parsed = _from_free_text(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None or parsed.tzinfo.utcoffset(parsed) is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _from_iso(text: str) -> datetime | None:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    # "2023-12-20T10:00:00.000+0000": Python 3.10's fromisoformat wants the colon in the offset.
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _from_free_text(text: str, *, strict: bool = False) -> datetime | None:
    if len(text) > 100:  # not a date, a paragraph
        return None
    import dateparser  # slow to import; most pages never need it

    settings = {"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": strict}
    try:
        return dateparser.parse(text, settings=settings)
    except (ValueError, OverflowError):  # "31.02.2020" and the like
        return None


def is_day_only(raw: str | None) -> bool:
    """True when the raw string carries no time of day (so the stored time is midnight UTC by convention)."""
    return bool(raw and _DAY_ONLY.match(raw.strip()))


#: Day-precise dates as pages print them: "19. Oktober 2019", "6 January 2020", "Nov 17, 2023",
#: "2023-12-17", "17.12.2023" (month names in any language; dateparser reads them).
_SHOWN_DATE = re.compile(
    r"\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
)
#: Dates looked for in a header block: enough for a dateline and an "updated" line.
MAX_SHOWN_DATES = 8


def shown_dates(blocks: list[HtmlElement]) -> set[date]:
    """Calendar days the first of these blocks that shows any date shows its reader (the
    dateline nearest the headline): ``<time datetime>`` values and printed dates."""
    for block in blocks:
        days = _days_in(block)
        if days:
            return days
    return set()


def _days_in(block: HtmlElement) -> set[date]:
    days = set()
    for value in block.xpath("descendant-or-self::time/@datetime")[:MAX_SHOWN_DATES]:
        parsed = parse_published(value)
        if parsed:
            days.add(parsed.date())
    # Text nodes joined with spaces: "Caballar</a><span>Nov 12, 2023" must not read "CaballarNov 12".
    text = " ".join(" ".join(block.itertext()).split())
    for match in _SHOWN_DATE.findall(text)[:MAX_SHOWN_DATES]:
        parsed = _from_iso(match) or _from_free_text(match, strict=True)
        if parsed:
            days.add(parsed.date())
    return days

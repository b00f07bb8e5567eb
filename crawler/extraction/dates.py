"""Publication dates: parse what the page states, and always hand back a timezone-aware datetime."""

from __future__ import annotations

import re
from datetime import datetime, timezone

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


def _from_free_text(text: str) -> datetime | None:
    if len(text) > 100:  # not a date, a paragraph
        return None
    import dateparser  # slow to import; most pages never need it

    return dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})


def is_day_only(raw: str | None) -> bool:
    """True when the raw string carries no time of day (so the stored time is midnight UTC by convention)."""
    return bool(raw and _DAY_ONLY.match(raw.strip()))

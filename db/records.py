"""Plain records that cross into ``db`` from the crawler, ingest and the CLI (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class ArticleRecord:
    """One extracted article, ready to store.

    ``published`` is timezone-aware (or None); ``published_raw`` keeps the string it came from.
    ``html`` is the raw page, kept compressed by the store so extraction can be rerun.
    """

    url: str
    text: str
    title: str | None = None
    canonical_url: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_raw: str | None = None
    fetched_at: datetime | None = None
    language: str | None = None
    outlet: str | None = None
    html: str | bytes | None = None
    paywalled: bool = False
    extraction_status: str = "ok"

"""What the spider hands to the item pipeline: one fetched page and what its listing said about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class PageItem:
    """A fetched page. The pipeline extracts it, drops it when it is not an article, attributes and
    stores it. ``hint_*`` come from the feed or sitemap entry that listed the page."""

    url: str
    # As fetched (extraction decodes it by header, BOM and <meta charset>); kept out of log lines.
    html: bytes = field(repr=False)
    source: str
    outlet: str | None = None
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    fetched_at: datetime | None = None
    hint_title: str | None = None
    hint_published: str | None = None  # ISO 8601, timezone-aware
    hint_published_raw: str | None = None
    # Filled in by the pipeline.
    record: object | None = field(default=None, repr=False)
    quotes: list | None = field(default=None, repr=False)

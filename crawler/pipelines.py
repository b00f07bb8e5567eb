"""The item pipeline: extract -> attribute -> store, one small component each.

``ExtractPipeline`` turns the fetched page into an ``ArticleRecord`` and drops pages that are not
articles; ``AttributePipeline`` finds the quotations (unless ``QUOTES_ATTRIBUTE`` is off, in which case
``quotes attribute`` does it later with the same extractor); ``StorePipeline`` stores the article
with its quotations in one transaction (``db.store.store_article``), so a killed crawl leaves each
article either fully stored or absent.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import lru_cache
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.dbconn import engine_for
from crawler.items import PageItem

log = logging.getLogger(__name__)

# Extraction, spaCy and the database writes run on one worker thread, off Twisted's reactor: a
# reactor busy for seconds with spaCy would let download timeouts fire on pages already in flight.
# One thread, because the spaCy pipeline is shared and the work is CPU-bound anyway; the engine's
# scraper backpressure (SCRAPER_SLOT_MAX_ACTIVE_SIZE) pauses downloads while items queue here.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotes-pipeline")


class OffReactorPipeline:
    """A pipeline stage whose ``process`` runs on the pipeline worker thread."""

    async def process_item(self, item: PageItem) -> PageItem:
        return await asyncio.get_running_loop().run_in_executor(_WORKER, self.process, item)

    def process(self, item: PageItem) -> Any:
        raise NotImplementedError


class ExtractPipeline(OffReactorPipeline):
    """Main text and metadata of the page (crawler.extraction); non-articles are dropped here."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.keep_html = crawler.settings.getbool("QUOTES_KEEP_HTML")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def process(self, item: PageItem) -> PageItem:
        from crawler.extraction import extract_page

        page = extract_page(item.html, item.url, headers=item.headers)
        if not page.is_article or not page.text:
            self.stats.inc_value(f"quotes/not_article/{page.page_kind}")
            raise DropItem(f"not an article ({page.page_kind}, {page.status}): {item.url}")
        record = page.to_record(item.url, outlet=item.outlet, fetched_at=item.fetched_at,
                                keep_html=self.keep_html)
        # The listing's own title and date fill what the page does not state.
        if not record.title and item.hint_title:
            record.title = item.hint_title
        if record.published is not None and not _plausible(record.published):
            log.warning("implausible publication date %s on %s: ignored", record.published, item.url)
            record.published = record.published_raw = None
        if record.published is None and item.hint_published:
            record.published = datetime.fromisoformat(item.hint_published)
            record.published_raw = item.hint_published_raw or item.hint_published
        item.record = record
        item.html = b""  # the record keeps what it needs; free the bytes early
        self.stats.inc_value("quotes/extracted")
        return item


def _plausible(published: datetime) -> bool:
    """Dates before 1900 or more than a day ahead are parsing accidents (``0001-01-01``), not dates."""
    from datetime import timedelta, timezone

    return 1900 <= published.year and published <= datetime.now(timezone.utc) + timedelta(days=1)


@lru_cache(maxsize=2)
def load_extractor(model_name: str | None = None):
    """The attribution extractor, built once per process (loading spaCy takes seconds)."""
    from attribution import Extractor

    return Extractor(model_name) if model_name else Extractor()


class AttributePipeline(OffReactorPipeline):
    """Quotations of the article's text, with its publication date for ``said_on``."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.enabled = crawler.settings.getbool("QUOTES_ATTRIBUTE")
        self.model_name = crawler.settings.get("QUOTES_SPACY_MODEL")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AttributePipeline:
        return cls(crawler)

    def process(self, item: PageItem) -> PageItem:
        if not self.enabled:
            item.quotes = None
            return item
        try:
            item.quotes = load_extractor(self.model_name).extract(item.record.text, published=item.record.published)
        except Exception:
            # Store the article unattributed rather than lose it: `quotes attribute` retries it.
            log.exception("attribution failed on %s; stored unattributed", item.url)
            self.stats.inc_value("quotes/attribution_errors")
            item.quotes = None
        return item


class StorePipeline(OffReactorPipeline):
    """The article and its quotations, in one transaction; already stored URLs change nothing."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.attribute = crawler.settings.getbool("QUOTES_ATTRIBUTE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process(self, item: PageItem) -> PageItem:
        from db.store import store_article

        version = None
        if self.attribute:
            from attribution import ATTRIBUTION_VERSION

            version = ATTRIBUTION_VERSION
        result = store_article(engine_for(self.crawler.settings), item.record, item.quotes,
                               attribution_version=version)
        if result.created:
            self.stats.inc_value("quotes/articles_stored")
            self.stats.inc_value("quotes/quotations_stored", result.n_mentions)
        else:
            self.stats.inc_value("quotes/articles_already_stored")
        item.record = None  # nothing downstream needs the text; keeps memory flat on long crawls
        return item

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
import os
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.misc import load_object

from crawler.dbconn import engine_for
from crawler.fetchlog import ARTICLE, DUPLICATE, FRONT, NOT_ARTICLE, TOO_LARGE, report_outcome
from crawler.items import PageItem

log = logging.getLogger(__name__)

# spaCy and the database writes run on one worker thread, off Twisted's reactor (extraction runs in
# worker processes, see ExtractPipeline): a reactor busy for seconds with spaCy would let download
# timeouts fire on pages already in flight. One thread, because the spaCy pipeline is shared; the
# engine's scraper backpressure (SCRAPER_SLOT_MAX_ACTIVE_SIZE) pauses downloads while items queue.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotes-pipeline")


class OffReactorPipeline:
    """A pipeline stage whose ``process`` runs on the pipeline worker thread."""

    async def process_item(self, item: PageItem) -> PageItem:
        return await asyncio.get_running_loop().run_in_executor(_WORKER, self.process, item)

    def process(self, item: PageItem) -> Any:
        raise NotImplementedError


def extract_record(html: bytes, url: str, headers: dict[str, str], outlet: str | None,
                   fetched_at: datetime | None, keep_html: bool,
                   date_hint: str | None = None) -> tuple[str, str, Any]:
    """(page kind, status, ArticleRecord or None when the page is no article). Module-level and
    made of plain values so that it can run in an extraction worker process. ``date_hint``: the
    listing's publication date, which beats a date guessed from the page (htmldate, link URLs) but not
    one the page states."""
    from crawler.extraction import extract_page

    page = extract_page(html, url, headers=headers, date_hint=date_hint)
    if not page.is_article or not page.text:
        return page.page_kind, page.status, None
    return page.page_kind, page.status, page.to_record(url, outlet=outlet, fetched_at=fetched_at,
                                                       keep_html=keep_html)


class ExtractPipeline:
    """Main text and metadata of the page (crawler.extraction); non-articles are dropped here.

    Extraction is the crawl's CPU-heavy step, so with ``QUOTES_EXTRACT_PROCESSES`` > 0 it runs in
    that many worker processes (one page each at a time) beside the reactor and the spaCy thread;
    with 0 it runs on the pipeline worker thread. The pool is the ``QUOTES_WORKER_POOL`` the crawl
    was given (``tracker.services.worker_pool``).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.keep_html = crawler.settings.getbool("QUOTES_KEEP_HTML")
        processes = crawler.settings.get("QUOTES_EXTRACT_PROCESSES")
        self.processes = default_extract_processes() if processes is None else int(processes)
        self.make_pool = load_object(crawler.settings["QUOTES_WORKER_POOL"]) if self.processes > 0 else None
        self.pool: Executor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        if self.make_pool is not None:
            self.pool = _shared_pool(self.processes, self.make_pool)

    def close_spider(self) -> None:
        if self.pool is not None:
            _release_pool()
            self.pool = None

    async def process_item(self, item: PageItem) -> PageItem:
        args = (item.html, item.url, item.headers, item.outlet, item.fetched_at, self.keep_html, item.hint_published)
        executor = self.pool or _WORKER
        kind, status, record = await asyncio.get_running_loop().run_in_executor(executor, extract_record, *args)
        item.html = b""  # the record keeps what it needs; free the bytes early
        if record is None:
            self.stats.inc_value(f"quotes/not_article/{kind}")
            report_outcome(self.crawler, item.url, _outcome_of_non_article(kind, status), detail=f"{kind}, {status}")
            raise DropItem(f"not an article ({kind}, {status}): {item.url}")
        apply_listing_hints(record, item)
        item.record = record
        self.stats.inc_value("quotes/extracted")
        return item


def _outcome_of_non_article(kind: str, status: str) -> str:
    """Fronts (home pages, section fronts) are polled again by later runs; other non-articles are not.
    (crawler.extraction's STATUS_TOO_LARGE and FRONT, spelled out: importing it here would load
    trafilatura into the crawl process, which leaves extraction to its workers.)"""
    if status == "too_large":
        return TOO_LARGE
    return FRONT if kind == "front" else NOT_ARTICLE


# One extraction pool per process, shared by the crawls of `quotes crawl --all` (one per source).
_POOL: Executor | None = None
_POOL_USERS = 0


def _shared_pool(processes: int, make_pool: Callable[[int], Executor]) -> Executor:
    global _POOL, _POOL_USERS
    if _POOL is None:
        # Spawned workers (not forked: forking a process that runs a reactor and threads is unsafe)
        # that exit with the crawl, even when it is killed.
        _POOL = make_pool(processes)
        # Start the workers and their imports now, while the first requests are being fetched.
        for _ in range(processes):
            _POOL.submit(_warm_up)
    _POOL_USERS += 1
    return _POOL


def _release_pool() -> None:
    global _POOL, _POOL_USERS
    _POOL_USERS -= 1
    if _POOL_USERS == 0 and _POOL is not None:
        _POOL.shutdown(wait=True, cancel_futures=True)
        _POOL = None


def _warm_up() -> None:
    import crawler.extraction  # noqa: F401 (trafilatura, extruct, htmldate: seconds to import)


def default_extract_processes() -> int:
    """One extraction process per core, at most 4: what the crawl process itself does per page
    (download, database write) is light beside extraction."""
    return max(1, min(4, os.cpu_count() or 1))


def apply_listing_hints(record: Any, item: PageItem) -> None:
    """The feed's or sitemap's own title and date fill what the page does not state."""
    if not record.title and item.hint_title:
        record.title = item.hint_title
    if record.published is not None and not _plausible(record.published):
        log.warning("implausible publication date %s on %s: ignored", record.published, item.url)
        record.published = record.published_raw = None
    if record.published is None and item.hint_published:
        record.published = datetime.fromisoformat(item.hint_published)
        record.published_raw = item.hint_published_raw or item.hint_published


def _plausible(published: datetime) -> bool:
    """Dates before 1900 or more than a day ahead are parsing accidents (``0001-01-01``), not dates."""
    from datetime import timedelta, timezone

    return 1900 <= published.year and published <= datetime.now(timezone.utc) + timedelta(days=1)


class AttributePipeline(OffReactorPipeline):
    """Quotations of the article's text, with its publication date for ``said_on``, by the extractor
    that ``QUOTES_EXTRACTOR`` (``tracker.services.extractor``) builds once per process."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.enabled = crawler.settings.getbool("QUOTES_ATTRIBUTE")
        self.model_name = crawler.settings.get("QUOTES_SPACY_MODEL")
        self.make_extractor = load_object(crawler.settings["QUOTES_EXTRACTOR"]) if self.enabled else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AttributePipeline:
        return cls(crawler)

    def process(self, item: PageItem) -> PageItem:
        if not self.enabled:
            item.quotes = None
            return item
        try:
            extractor = self.make_extractor(self.model_name)
            item.quotes = extractor.extract(item.record.text, published=item.record.published)
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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process(self, item: PageItem) -> PageItem:
        from db.store import store_article

        result = store_article(engine_for(self.crawler.settings), item.record, item.quotes,
                               attribution_version=self.crawler.settings.get("QUOTES_ATTRIBUTION_VERSION"))
        if result.created:
            self.stats.inc_value("quotes/articles_stored")
            self.stats.inc_value("quotes/quotations_stored", result.n_mentions)
        else:
            self.stats.inc_value("quotes/articles_already_stored")
        report_outcome(self.crawler, item.url, ARTICLE if result.created else DUPLICATE, article_id=result.article_id)
        item.record = None  # nothing downstream needs the text; keeps memory flat on long crawls
        return item

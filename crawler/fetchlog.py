"""Every fetched URL is remembered with its outcome (``db.crawlstate.record_fetch``), as the crawl goes.

The spider and the pipelines say what came of a page by sending the ``page_outcome`` signal
(:func:`report_outcome`); :class:`FetchLog` writes one ``fetches`` row per outcome on a thread of its
own, so a killed run keeps what it recorded and ``quotes status`` counts it. A rerun asks these rows
which URLs to skip (``db.crawlstate.urls_not_due``): see docs/operations.md, "What a crawl does".
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from crawler.dbconn import engine_for

log = logging.getLogger(__name__)

#: Signal: what came of one fetched URL (kwargs url, outcome, http_status, detail, article_id).
page_outcome = object()

ARTICLE, DUPLICATE, NOT_ARTICLE, FRONT = "article", "duplicate", "not_article", "front"
BLOCKED, TOO_LARGE, ERROR, LISTING = "blocked", "too_large", "error", "listing"
FIRST_FAILURE_STAT = "quotes/first_failure"


def report_outcome(crawler: Crawler, url: str, outcome: str, *, http_status: int | None = None,
                   detail: str | None = None, article_id: int | None = None) -> None:
    crawler.signals.send_catch_log(page_outcome, url=url, outcome=outcome, http_status=http_status,
                                   detail=detail, article_id=article_id)


def retry_policy(settings: BaseSettings):
    """The backoff of failed URLs: QUOTES_FETCH_MAX_TRIES and QUOTES_FETCH_RETRY_BACKOFF (seconds)."""
    from db.crawlstate import RetryPolicy

    return RetryPolicy(max_tries=settings.getint("QUOTES_FETCH_MAX_TRIES"),
                       backoff=timedelta(seconds=settings.getfloat("QUOTES_FETCH_RETRY_BACKOFF")))


def classify_failure(failure: Failure) -> tuple[str, int | None, str]:
    """(outcome, HTTP status, one line saying what failed) of a request's failure."""
    from crawler.middlewares import BlockedRequest

    if failure.check(BlockedRequest):
        return BLOCKED, failure.value.status, f"blocked (HTTP {failure.value.status})"
    if failure.check(HttpError):
        status = failure.value.response.status
        return ERROR, status, f"HTTP {status}"
    message = failure.getErrorMessage()
    if failure.check(DownloadCancelledError, CancelledError) and "max size" in message:
        return TOO_LARGE, None, "larger than DOWNLOAD_MAXSIZE"
    return ERROR, None, message or type(failure.value).__name__


def is_deliberate(failure: Failure) -> bool:
    """Requests refused on purpose (robots.txt, offsite), not fetched: nothing to remember."""
    from crawler.middlewares import BlockedRequest

    return bool(failure.check(IgnoreRequest)) and not failure.check(HttpError, BlockedRequest)


class FetchLog:
    """Writes a ``fetches`` row for each ``page_outcome`` (and each item the pipeline failed on)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotes-fetchlog")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchLog:
        extension = cls(crawler)
        crawler.signals.connect(extension.record, signal=page_outcome)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def record(self, url: str, outcome: str, http_status: int | None = None, detail: str | None = None,
               article_id: int | None = None, **_: Any) -> None:
        stats = self.crawler.stats
        stats.inc_value(f"quotes/outcome/{outcome}")
        if outcome == ERROR and not stats.get_value(FIRST_FAILURE_STAT):
            stats.set_value(FIRST_FAILURE_STAT, f"{url}: {detail or 'failed'}")
        row = {"run_id": stats.get_value("quotes/run_id"), "url": url, "outcome": outcome,
               "http_status": http_status, "detail": detail, "article_id": article_id}
        self.writer.submit(self._write, row)

    # Scrapy passes a signal handler only the arguments it names.
    def item_error(self, item: Any, failure: Failure) -> None:
        url = getattr(item, "url", None)
        if url:
            self.record(url, ERROR, detail=f"pipeline: {failure.getErrorMessage()}")

    def _write(self, row: dict[str, Any]) -> None:
        from db.crawlstate import record_fetch

        try:
            record_fetch(engine_for(self.crawler.settings), **row)
        except Exception:  # one lost row must not stop the crawl; the article itself is stored
            log.exception("could not record the fetch of %s", row["url"])

    def spider_closed(self) -> None:
        self.writer.shutdown(wait=True)

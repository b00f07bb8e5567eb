"""Crawl bookkeeping: every run is recorded in the database (db.crawlstate) from start to close; with the
shared frontier, a process stays open a grace period when the shared queue runs dry."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured

from crawler.dbconn import engine_for
from crawler.middlewares import BLOCKED_STAT

log = logging.getLogger(__name__)


class RunRecorder:
    """Opens a run record when the spider opens and completes it when it closes.

    A run killed outright (SIGKILL, power loss) keeps its opening record without an end, which
    ``quotes status`` shows as unfinished; everything it stored before was committed article by
    article and stays.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        return ext

    # Scrapy passes a signal handler only the arguments it names.
    def item_error(self) -> None:
        self.crawler.stats.inc_value("quotes/item_errors")

    def spider_opened(self, spider: Spider) -> None:
        from db.crawlstate import start_run

        self.run_id = start_run(engine_for(self.crawler.settings), self._source_name(spider),
                                host=socket.gethostname())
        self.crawler.stats.set_value("quotes/run_id", self.run_id)

    def spider_closed(self, reason: str) -> None:
        from db.crawlstate import finish_run

        if self.run_id is None:
            return
        stats = self.crawler.stats
        finish_run(
            engine_for(self.crawler.settings),
            self.run_id,
            pages=stats.get_value("response_received_count", 0),
            articles=stats.get_value("quotes/articles_stored", 0),
            quotations=stats.get_value("quotes/quotations_stored", 0),
            errors=count_errors(stats.get_stats()),
            close_reason=reason,
            blocked=stats.get_value(BLOCKED_STAT) or None,
        )

    @staticmethod
    def _source_name(spider: Spider) -> str:
        source = getattr(spider, "source", None)
        return getattr(source, "name", None) or spider.name


ERROR_STATS = ("quotes/article_errors", "quotes/listing_errors", "quotes/item_errors", "quotes/attribution_errors")


def count_errors(stats: dict) -> int:
    """What failed in a run: articles and listings that could not be fetched, items the pipeline
    failed on, and exceptions in the spider's callbacks (blocked URLs are counted apart)."""
    callback_errors = stats.get("spider_exceptions/count", 0)
    return sum(stats.get(name, 0) for name in ERROR_STATS) + callback_errors


class SharedFrontierGrace:
    """With the shared frontier (scrapy-redis), an empty queue may only mean that another process is about
    to fill it: processes started together each queue their start requests in the one shared queue, and
    whichever takes the feed enqueues its articles a moment later. Closing at the first idle moment would
    leave the whole crawl to that process, so a process stays open ``QUOTES_REDIS_IDLE_GRACE`` seconds
    after it last had work, taking requests from the queue at Scrapy's idle heartbeat (every 5 s).
    """

    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.last_active = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedFrontierGrace:
        if "scrapy_redis" not in str(crawler.settings.get("SCHEDULER", "")):
            # Without a message: Scrapy logs a NotConfigured that has one as a warning, and a crawl
            # without the shared frontier is the normal case, not one to warn about.
            raise NotConfigured
        extension = cls(crawler.settings.getfloat("QUOTES_REDIS_IDLE_GRACE"))
        crawler.signals.connect(extension.active, signal=signals.response_received)
        crawler.signals.connect(extension.idle, signal=signals.spider_idle)
        return extension

    def active(self, **_: Any) -> None:
        self.last_active = time.monotonic()

    def idle(self) -> None:
        if time.monotonic() - self.last_active < self.grace:
            raise DontCloseSpider

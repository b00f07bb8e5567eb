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
from crawler.fetchlog import FIRST_FAILURE_STAT
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


# Close reasons of a crawl that ended as planned (finished, or bounded by a timeout or a page count).
CLEAN_CLOSE_REASONS = frozenset({"finished", "closespider_timeout", "closespider_pagecount"})
EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2


def pages_done(stats: dict) -> int:
    """Pages fetched (articles or not) and listings read, fresh or not modified: what a crawl got done."""
    return sum(stats.get(name, 0) for name in ("quotes/pages_fetched", "quotes/listings_read",
                                               "quotes/listings_not_modified"))


def crawl_exit_status(stats: dict) -> tuple[int, str | None]:
    """How one crawl went, as ``quotes crawl`` exits: 0 it did what it was asked; 1 partial (some
    listings or pages failed, or it was stopped otherwise than planned); 2 nothing could be listed or
    fetched. With 2 comes one line saying why (the first failure: its URL and what went wrong)."""
    failures = count_errors(stats)
    if failures and not pages_done(stats):
        return EXIT_NOTHING, stats.get(FIRST_FAILURE_STAT) or "every listing and page failed"
    if failures or stats.get("finish_reason") not in CLEAN_CLOSE_REASONS:
        return EXIT_PARTIAL, None
    return EXIT_OK, None


class CrawlProgress:
    """Pages fetched, articles stored, quotations, errors and rate, every ``QUOTES_PROGRESS_INTERVAL``
    seconds: handed to ``QUOTES_PROGRESS_SINK`` (a function ``(source, line)``: ``quotes crawl`` draws
    it on a terminal, or prints it for scheduled runs), else logged (scrapyd's job log)."""

    def __init__(self, crawler: Crawler, interval: float, sink: Any) -> None:
        self.crawler = crawler
        self.interval = interval
        self.sink = sink
        self.started = time.monotonic()
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        interval = crawler.settings.getfloat("QUOTES_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured  # turned off (no message: Scrapy would log it as a warning)
        extension = cls(crawler, interval, crawler.settings.get("QUOTES_PROGRESS_SINK"))
        crawler.signals.connect(extension.start, signal=signals.spider_opened)
        crawler.signals.connect(extension.stop, signal=signals.spider_closed)
        return extension

    def start(self, spider: Spider) -> None:
        from twisted.internet.task import LoopingCall

        self.source = RunRecorder._source_name(spider)
        self.started = time.monotonic()
        self.task = LoopingCall(self.report)
        self.task.start(self.interval, now=True)

    def stop(self) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.report()

    def report(self) -> None:
        line = progress_line(self.crawler.stats.get_stats(), time.monotonic() - self.started)
        if self.sink is not None:
            self.sink(self.source, line)
        else:
            log.info("%s: %s", self.source, line)


def progress_line(stats: dict, seconds: float) -> str:
    """The progress of a crawl; pages are those fetched (articles or not) and listings read, as
    ``quotes status`` counts them; what failed is counted in errors."""
    pages = pages_done(stats)
    rate = pages / max(seconds, 1e-6) * 60
    return (f"{pages} pages, {stats.get('quotes/articles_stored', 0)} articles, "
            f"{stats.get('quotes/quotations_stored', 0)} quotations, {count_errors(stats)} errors, "
            f"{rate:.1f} pages/min")


class SharedFrontierGrace:
    """With the shared frontier (scrapy-redis), an empty queue may only mean that another process is about
    to fill it: processes started together each queue their start requests in the one shared queue, and
    whichever takes the feed enqueues its articles a moment later. Closing at the first idle moment would
    leave the whole crawl to that process, so a process stays open ``QUOTES_REDIS_IDLE_GRACE`` seconds
    after it last had work.

    A process with room for more requests also looks at the shared queue every
    ``QUOTES_REDIS_POLL_INTERVAL`` seconds: Scrapy looks only after its own responses and at its 5 s
    heartbeat, so the process that filled the queue would take nearly all of it while its siblings wait
    for their heartbeat. Each process then takes requests as fast as its own downloader frees a slot.
    """

    def __init__(self, crawler: Crawler, grace: float, poll_interval: float) -> None:
        self.crawler = crawler
        self.grace = grace
        self.poll_interval = poll_interval
        self.last_active = time.monotonic()
        self.poll: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedFrontierGrace:
        if "scrapy_redis" not in str(crawler.settings.get("SCHEDULER", "")):
            # Without a message: Scrapy logs a NotConfigured that has one as a warning, and a crawl
            # without the shared frontier is the normal case, not one to warn about.
            raise NotConfigured
        extension = cls(crawler, crawler.settings.getfloat("QUOTES_REDIS_IDLE_GRACE"),
                        crawler.settings.getfloat("QUOTES_REDIS_POLL_INTERVAL"))
        crawler.signals.connect(extension.active, signal=signals.response_received)
        crawler.signals.connect(extension.idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.start_polling, signal=signals.spider_opened)
        crawler.signals.connect(extension.stop_polling, signal=signals.spider_closed)
        return extension

    def active(self, **_: Any) -> None:
        self.last_active = time.monotonic()

    def idle(self) -> None:
        if time.monotonic() - self.last_active < self.grace:
            raise DontCloseSpider

    def start_polling(self) -> None:
        from twisted.internet.task import LoopingCall

        if self.poll_interval > 0:
            self.poll = LoopingCall(self.look_at_the_queue)
            self.poll.start(self.poll_interval, now=False)

    def stop_polling(self) -> None:
        if self.poll is not None and self.poll.running:
            self.poll.stop()

    def look_at_the_queue(self) -> None:
        """Ask the engine to take what it has room for now (what its heartbeat does every 5 s). Scrapy
        has no public call for it: ``_slot.nextcall`` is the engine's own "schedule a look" handle."""
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

"""Crawl bookkeeping: every run is recorded in the database (db.crawlstate) from start to close."""

from __future__ import annotations

import logging
import socket

from scrapy import Spider, signals
from scrapy.crawler import Crawler

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

    def item_error(self, item: object, response: object, spider: Spider, failure: object) -> None:
        self.crawler.stats.inc_value("quotes/item_errors")

    def spider_opened(self, spider: Spider) -> None:
        from db.crawlstate import start_run

        self.run_id = start_run(engine_for(self.crawler.settings), self._source_name(spider),
                                host=socket.gethostname())
        self.crawler.stats.set_value("quotes/run_id", self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
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

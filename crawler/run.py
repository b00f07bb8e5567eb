"""Running crawls in-process: the Scrapy settings of a crawl and the CrawlerProcess that runs it.

Settings are layered, lowest first: ``crawler/settings.py`` (Scrapy's settings of every crawl), the
project's ``QUOTES_*`` settings the caller passes in (``quotes crawl`` derives them from the table of
``tracker/settings.py``), then the options of this one crawl.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scrapy.settings import Settings

from crawler.sources import Source


@dataclass(frozen=True)
class CrawlOptions:
    """The options of one ``quotes crawl`` invocation (None: keep the default).

    ``settings``: the project's ``QUOTES_*`` Scrapy settings (database, spaCy model, sources file...);
    ``extra``: Scrapy settings given on the command line, above everything else.
    """

    settings: Mapping[str, Any] | None = None
    max_pages: int | None = None
    timeout: float | None = None
    redis_url: str | None = None
    log_level: str | None = None
    # A function (source, line) shown the crawl's progress every progress_interval seconds.
    progress: Callable[[str, str], None] | None = None
    progress_interval: float | None = None
    extra: Mapping[str, Any] | None = None


def redis_settings(redis_url: str, source_name: str) -> dict[str, Any]:
    """scrapy-redis frontier shared by every crawl process of ``source_name``: one queue and one
    duplicate filter per source, kept in Redis across processes (SCHEDULER_PERSIST) so a process
    that dies leaves its queued requests to the others or to the next run."""
    prefix = f"quotes:{source_name}:%(spider)s"
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "crawler.frontier.ExpiringRedisDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "REDIS_URL": redis_url,
    }


def build_settings(options: CrawlOptions, source: Source | None = None) -> Settings:
    """Scrapy settings for one crawl of ``source``."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(dict(options.settings or {}), priority="project")
    crawl: dict[str, Any] = {}
    if options.max_pages:
        crawl["CLOSESPIDER_PAGECOUNT"] = options.max_pages
    if options.timeout:
        crawl["CLOSESPIDER_TIMEOUT"] = options.timeout
    if options.log_level:
        crawl["LOG_LEVEL"] = options.log_level
    if options.progress is not None:
        crawl["QUOTES_PROGRESS_SINK"] = options.progress
    if options.progress_interval is not None:
        crawl["QUOTES_PROGRESS_INTERVAL"] = options.progress_interval
    if options.redis_url and source is not None:
        crawl.update(redis_settings(options.redis_url, source.name))
    settings.setdict(crawl, priority="cmdline")
    if options.extra:
        settings.setdict(dict(options.extra), priority="cmdline")
    return settings


class _WithoutTraceback(logging.Filter):
    """A site that cannot be reached fails its robots.txt first, and Scrapy logs that with a traceback;
    the crawl reports the failure itself in one line (the request's own errback), so drop the stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = record.exc_text = None
        return True


def run_crawls(sources: Sequence[Source], options: CrawlOptions) -> list[dict[str, Any]]:
    """Crawl ``sources`` side by side in this process (one spider each) and return each run's stats.

    Blocks until every crawl has closed. Twisted's reactor runs once per process: call this once.
    """
    from scrapy.crawler import Crawler, CrawlerProcess

    from crawler.spiders.news import NewsSpider

    # Scrapy's log handler (LOG_LEVEL, LOG_FILE...) replaces whatever the caller installed.
    for handler in list(logging.root.handlers):
        logging.root.removeHandler(handler)
    process = CrawlerProcess(build_settings(options))
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_WithoutTraceback())
    crawlers = []
    for i, source in enumerate(sources):
        # Each source has settings of its own (its own Redis keys when the frontier is shared);
        # the first crawler installs the reactor, as CrawlerProcess.create_crawler would.
        crawler = Crawler(NewsSpider, build_settings(options, source), init_reactor=i == 0)
        crawlers.append(crawler)
        process.crawl(crawler, source=source)
    process.start()
    return [{"source": s.name, **(c.stats.get_stats() if c.stats else {})} for s, c in zip(sources, crawlers, strict=True)]

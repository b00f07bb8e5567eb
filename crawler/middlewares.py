"""Downloader middlewares of the crawler."""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

log = logging.getLogger(__name__)

BLOCKED_STATUSES = (401, 403)
BLOCKED_STAT = "quotes/blocked"


class BlockedRequest(IgnoreRequest):
    """A request the site refused with 401/403: not retried, recorded as blocked."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(f"blocked with HTTP {status}: {url}")
        self.status = status


class BlockedResponseMiddleware:
    """Record 401/403 answers as "blocked" (per source, in the run's record) instead of retrying them.

    The blocked URLs are kept in the crawl stats under ``quotes/blocked`` (a list of dicts) so the
    RunRecorder extension stores them with the run and ``quotes status`` shows them.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockedResponseMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in BLOCKED_STATUSES:
            return response
        stats = self.crawler.stats
        blocked = list(stats.get_value(BLOCKED_STAT, []))
        blocked.append({"url": request.url, "status": response.status})
        stats.set_value(BLOCKED_STAT, blocked)
        stats.inc_value(f"quotes/blocked/{response.status}")
        log.warning("blocked (%s): %s", response.status, request.url)
        raise BlockedRequest(request.url, response.status)

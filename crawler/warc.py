"""Optional WARC archiving of every fetched response (warcio), for ``quotes ingest`` to read back.

On when ``QUOTES_WARC_DIR`` is set (``quotes crawl --warc-dir DIR``): each run writes one gzipped
WARC file, ``<source>-<UTC timestamp>.warc.gz``, of ``response`` records with their HTTP headers.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


class WarcArchiveMiddleware:
    """Writes each downloaded response to the run's WARC file before anything else looks at it."""

    def __init__(self, crawler: Crawler, directory: Path | None) -> None:
        self.crawler = crawler
        self.directory = directory
        self.file: BinaryIO | None = None
        self.writer: WARCWriter | None = None
        self.path: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        directory = crawler.settings.get("QUOTES_WARC_DIR")
        if not directory:
            # Archiving off. Without a message, Scrapy disables the middleware silently (it warns
            # only about a NotConfigured that carries one).
            raise NotConfigured
        mw = cls(crawler, Path(directory))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        assert self.directory is not None
        source = getattr(getattr(spider, "source", None), "name", spider.name)
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", source)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / f"{safe}-{stamp}.warc.gz"
        self.file = self.path.open("wb")
        self.writer = WARCWriter(self.file, gzip=True)

    def spider_closed(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = self.writer = None

    def process_response(self, request: Request, response: Response) -> Response:  # noqa: ARG002 - Scrapy passes both by name
        if self.writer is None:
            return response
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, values in response.headers.items() for v in values]
        status_line = f"{response.status} {_reason(response.status)}"
        http_headers = StatusAndHeaders(status_line, headers, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(response.url, "response", payload=io.BytesIO(response.body),
                                                length=len(response.body), http_headers=http_headers)
        self.writer.write_record(record)
        self.crawler.stats.inc_value("quotes/warc_records")
        return response


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""

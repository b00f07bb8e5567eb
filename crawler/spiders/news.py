"""The news spider: polls a source's feeds and sitemaps, walks its sites or reads a URL list, and
requests every article page the database has not stored yet.

One spider serves every source; which one is chosen by arguments, so it runs the same under
``quotes crawl`` (which passes a :class:`~crawler.sources.Source`) and under scrapyd / ``scrapy crawl``
(string arguments: ``-a source=bbc``, ``-a feed=URL``, ``-a sitemap=URL``, ``-a site=URL``,
``-a url_list=FILE``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from twisted.python.failure import Failure

from crawler.dbconn import engine_for
from crawler.fetchlog import (
    BLOCKED,
    ERROR,
    LISTING,
    NOT_ARTICLE,
    classify_failure,
    is_deliberate,
    report_outcome,
    retry_policy,
)
from crawler.items import PageItem
from crawler.listings import ListedArticle, parse_feed, parse_sitemap
from crawler.sources import Source, adhoc_source, get_source, read_url_list

# How many URLs to ask the database about at once.
SEEN_BATCH = 500


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, source: Source | str | None = None, *, feed: str | None = None,
                 sitemap: str | None = None, site: str | None = None, url_list: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._source_arg = source
        self._adhoc = {"feed": feed, "sitemap": sitemap, "site": site, "url_list": url_list}
        # Listing URL -> (etag, last_modified, HTTP status) of this run, saved when the run ends.
        self.listing_states: dict[str, tuple[str | None, str | None, int | None]] = {}
        # Listings with an article that failed for a reason that may pass (timeout, 5xx): read
        # them in full next run instead of trusting their validators.
        self.incomplete_listings: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = spider._resolve_source()
        spider.allowed_domains = spider.source.allowed_domains
        spider.engine = engine_for(crawler.settings)
        spider.retry_policy = retry_policy(crawler.settings)
        crawler.signals.connect(spider._save_listing_states, signal=signals.spider_closed)
        return spider

    def _resolve_source(self) -> Source:
        if isinstance(self._source_arg, Source):
            return self._source_arg
        if self._source_arg:
            return get_source(self._source_arg, self.settings.get("QUOTES_SOURCES"))
        if self._adhoc["url_list"]:
            return adhoc_source(urls=read_url_list(self._adhoc["url_list"]))
        return adhoc_source(feed=self._adhoc["feed"], sitemap=self._adhoc["sitemap"], site=self._adhoc["site"])

    # --- start ----------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for url in self.source.feeds:
            yield self._listing_request(url, self.parse_feed)
        for url in self.source.sitemaps:
            yield self._listing_request(url, self.parse_sitemap)
        for url in self.source.sites:
            yield self._listing_request(url, self.parse_front, errback=self.article_failed)
        for i in range(0, len(self.source.urls), SEEN_BATCH):
            batch = [ListedArticle(url=u) for u in self.source.urls[i:i + SEEN_BATCH]]
            for request in self._article_requests(batch):
                yield request

    # --- feeds and sitemaps -------------------------------------------------------------------------

    def _listing_request(self, url: str, callback, errback=None) -> Request:
        """A conditional GET of a feed, sitemap or front, with the validators of its last complete
        read. Listings are never filtered as duplicates: every run polls them."""
        from db.crawlstate import get_feed_state

        headers = {}
        state = get_feed_state(self.engine, url)
        if state is not None:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        return Request(url, callback=callback, errback=errback or self.listing_failed, headers=headers,
                       dont_filter=True, priority=10, meta={"handle_httpstatus_list": [304]})

    def _not_modified(self, response: Response) -> bool:
        """A 304: noted as a listing not modified (its stored validators stay as they are)."""
        if response.status != 304:
            return False
        self.listing_states[response.url] = (None, None, 304)
        self.crawler.stats.inc_value("quotes/listings_not_modified")
        report_outcome(self.crawler, response.url, LISTING, http_status=304)
        return True

    def _keep_validators(self, response: Response) -> None:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        self.listing_states[response.url] = (
            etag.decode("latin-1") if etag else None,
            last_modified.decode("latin-1") if last_modified else None,
            response.status,
        )

    def _remember_listing(self, response: Response) -> bool:
        """Note the listing's validators; False when it did not change since the last read."""
        if self._not_modified(response):
            return False
        self._keep_validators(response)
        self.crawler.stats.inc_value("quotes/listings_read")
        report_outcome(self.crawler, response.url, LISTING, http_status=response.status)
        return True

    def parse_feed(self, response: Response) -> Iterator[Request]:
        if not self._remember_listing(response):
            return
        entries = parse_feed(response.body, base_url=response.url)
        self.crawler.stats.inc_value("quotes/listed", len(entries))
        yield from self._article_requests(entries, listing=response.url)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        if not self._remember_listing(response):
            return
        try:
            sitemap = parse_sitemap(response.body)
        except ValueError as exc:
            self.logger.error("unreadable sitemap %s: %s", response.url, exc)
            return
        for child in sitemap.child_sitemaps:
            yield self._listing_request(child, self.parse_sitemap)
        self.crawler.stats.inc_value("quotes/listed", len(sitemap.articles))
        yield from self._article_requests(sitemap.articles, listing=response.url)

    def listing_failed(self, failure: Failure) -> None:
        """A feed or sitemap that could not be read (404, DNS, refused, blocked...): an error of the run."""
        request = failure.request
        _outcome, status, detail = classify_failure(failure)
        self.listing_states[request.url] = (None, None, status)
        self.crawler.stats.inc_value("quotes/listing_errors")
        report_outcome(self.crawler, request.url, ERROR, http_status=status, detail=detail)
        self.logger.error("listing %s failed: %s", request.url, detail)

    def _save_listing_states(self, reason: str) -> None:
        """Store each listing's validators, but only after a run that finished: a run cut short
        (killed, timed out) must read its listings in full next time to pick up what it left."""
        from db.crawlstate import get_feed_state, save_feed_state

        for url, (etag, last_modified, status) in self.listing_states.items():
            if status == 304:  # unchanged: keep the validators, note the poll
                state = get_feed_state(self.engine, url)
                etag, last_modified = (state.etag, state.last_modified) if state else (None, None)
                save_feed_state(self.engine, url, etag=etag, last_modified=last_modified, status=304)
                continue
            complete = reason == "finished" and url not in self.incomplete_listings
            save_feed_state(self.engine, url, etag=etag if complete else None,
                            last_modified=last_modified if complete else None, status=status)

    # --- articles -------------------------------------------------------------------------------

    def _unseen(self, urls: list[str]) -> set[str]:
        """The URLs to fetch: not stored, and not fetched before unless a failure is due for a retry."""
        from db.crawlstate import urls_not_due
        from db.store import seen_urls

        seen = seen_urls(self.engine, urls)
        if seen:
            self.crawler.stats.inc_value("quotes/skipped_seen", len(seen))
        remembered = urls_not_due(self.engine, set(urls) - seen, self.retry_policy)
        if remembered:
            self.crawler.stats.inc_value("quotes/skipped_fetched", len(remembered))
        return set(urls) - seen - remembered

    def _article_requests(self, listed: Iterable[ListedArticle], listing: str | None = None) -> Iterator[Request]:
        """Requests for the listed articles the database has not stored (one query per batch)."""
        by_url = {a.url: a for a in listed}
        unseen = self._unseen(list(by_url))
        for url, article in by_url.items():
            if url not in unseen:
                continue
            hints = {
                "hint_title": article.title,
                "hint_published": article.published.isoformat() if article.published else None,
                "hint_published_raw": article.published_raw,
            }
            yield Request(url, callback=self.parse_article, errback=self.article_failed,
                          meta={"hints": hints, "listing": listing})

    def article_failed(self, failure: Failure) -> None:
        """An article that could not be fetched. Requests refused on purpose (robots.txt, 401/403
        recorded as blocked, offsite) are not errors. Unless the answer was a client error that
        will not change (404, 410...), the article's listing is read in full next run."""
        request = failure.request
        if is_deliberate(failure):
            self.crawler.stats.inc_value("quotes/ignored")
            return
        outcome, status, detail = classify_failure(failure)
        report_outcome(self.crawler, request.url, outcome, http_status=status, detail=detail)
        if outcome == BLOCKED:  # counted apart (BlockedResponseMiddleware), not an error
            return
        permanent = status is not None and 400 <= status < 500 and status not in (408, 429)
        if not permanent and request.meta.get("listing"):
            self.incomplete_listings.add(request.meta["listing"])
        self.crawler.stats.inc_value("quotes/article_errors")
        # WARNING: the retry middleware has already logged an ERROR for what it gave up on.
        self.logger.warning("article %s failed: %s", request.url, detail)

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        item = self._page_item(response)
        if item is not None:
            yield item

    def _page_item(self, response: Response) -> PageItem | None:
        self.crawler.stats.inc_value("quotes/pages_fetched")
        # Store under the URL the listing gave (before redirects): the next run asks about that one.
        url = response.meta.get("redirect_urls", [response.url])[0]
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("quotes/not_html")
            report_outcome(self.crawler, url, NOT_ARTICLE, http_status=response.status, detail="not_html")
            return None
        headers = {k.decode("latin-1"): v[0].decode("latin-1") for k, v in response.headers.items() if v}
        return PageItem(url=url, html=response.body, source=self.source.name,
                        outlet=self.source.outlet, headers=headers, fetched_at=datetime.now(timezone.utc),
                        **response.meta.get("hints", {}))

    # --- sites ----------------------------------------------------------------------------------

    def parse_front(self, response: Response) -> Iterator[PageItem | Request]:
        """A site's front, fetched with a conditional GET like a feed: unchanged (304), it lists
        nothing; read, its validators are kept (it is counted as the page it is, not as a listing)
        and the walk goes on from it."""
        if self._not_modified(response):
            return
        self._keep_validators(response)
        yield from self.parse_page(response)

    def parse_page(self, response: Response) -> Iterator[PageItem | Request]:
        """A page of a site walk: handed to the pipeline (which keeps it only if it is an article),
        and its in-domain links followed unless already stored."""
        item = self._page_item(response)
        if item is None:
            return
        yield item
        links = [link.url for link in LinkExtractor().extract_links(response)
                 if in_domains(link.url, self.allowed_domains)]
        unseen = self._unseen(links) if links else set()
        for url in links:
            if url in unseen:
                yield Request(url, callback=self.parse_page)



def in_domains(url: str, domains: list[str] | None) -> bool:
    """Whether ``url``'s host is one of ``domains`` or below one (any port; None allows all).
    LinkExtractor's own ``allow_domains`` compares host:port, so it misses hosts with a port."""
    if domains is None:
        return True
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)

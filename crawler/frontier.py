"""The shared crawl frontier of several machines (scrapy-redis), used only with QUOTES_REDIS_URL."""

from __future__ import annotations

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter


class ExpiringRedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's duplicate filter whose fingerprints expire (QUOTES_REDIS_DUPEFILTER_TTL).

    The filter must outlive each process (several processes share it and any may finish first),
    but not forever: a request popped by a process that was then killed is in the filter and not
    fetched; once the fingerprints expire, the next run requests it again. What was stored is
    decided by the database (``seen_urls``), not by this filter.
    """

    def __init__(self, server, key: str, debug: bool = False, ttl: int | None = None) -> None:
        super().__init__(server, key, debug)
        self.ttl = ttl  # seconds; a crawl's filter has its QUOTES_REDIS_DUPEFILTER_TTL (from_spider)

    @classmethod
    def from_spider(cls, spider):
        instance = super().from_spider(spider)
        instance.ttl = spider.settings.getint("QUOTES_REDIS_DUPEFILTER_TTL")
        return instance

    def request_seen(self, request: Request) -> bool:
        fingerprint = self.request_fingerprint(request)
        pipe = self.server.pipeline()
        pipe.sadd(self.key, fingerprint)
        pipe.expire(self.key, self.ttl, nx=True)  # the TTL counts from the run that created the set
        added, _ = pipe.execute()
        return added == 0

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: other processes may still be crawling this frontier."""

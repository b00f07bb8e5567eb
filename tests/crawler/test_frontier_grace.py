"""A process of a shared crawl (scrapy-redis) stays open a grace period when the shared queue is empty;
the optional components (that grace, the WARC archive) stay out of a crawl that does not use them, silently."""

from __future__ import annotations

import logging

import pytest
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.test import get_crawler

from crawler.extensions import SharedFrontierGrace


def test_only_the_shared_frontier_waits() -> None:
    with pytest.raises(NotConfigured):
        SharedFrontierGrace.from_crawler(get_crawler(settings_dict={"QUOTES_REDIS_IDLE_GRACE": 10}))


@pytest.mark.parametrize(("manager", "setting", "component"), [
    ("scrapy.extension.ExtensionManager", "EXTENSIONS", "crawler.extensions.SharedFrontierGrace"),
    ("scrapy.core.downloader.middleware.DownloaderMiddlewareManager", "DOWNLOADER_MIDDLEWARES",
     "crawler.warc.WarcArchiveMiddleware"),
])
def test_a_component_a_crawl_does_not_use_is_left_out_without_a_warning(caplog, manager: str, setting: str,
                                                                        component: str) -> None:
    from scrapy.utils.misc import load_object

    crawler = get_crawler(settings_dict={setting: {component: 510}})
    with caplog.at_level(logging.WARNING):
        built = load_object(manager).from_crawler(crawler)
    assert not any(isinstance(mw, load_object(component)) for mw in built.middlewares)
    assert not [r for r in caplog.records if component.rsplit(".", 1)[1] in r.getMessage()]


def test_an_idle_process_stays_open_until_the_grace_after_its_last_response_has_passed(monkeypatch) -> None:
    crawler = get_crawler(settings_dict={"SCHEDULER": "scrapy_redis.scheduler.Scheduler",
                                         "QUOTES_REDIS_IDLE_GRACE": 10})
    extension = SharedFrontierGrace.from_crawler(crawler)
    now = [1000.0]
    monkeypatch.setattr("crawler.extensions.time.monotonic", lambda: now[0])
    extension.active()
    now[0] += 9
    with pytest.raises(DontCloseSpider):  # the queue is empty, but a sibling may be about to fill it
        extension.idle()
    now[0] += 2
    extension.idle()  # 11 s without work: it closes
    extension.active(response=None, request=None, spider=None)  # a response arrived: the wait restarts
    with pytest.raises(DontCloseSpider):
        extension.idle()

"""Several machines: two crawl processes sharing one Redis frontier and one PostgreSQL database."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.crawling import ROOT, articles, crawl_command, path_of, quotes_env, runs
from support.loopback import LoopbackSite

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]


#: Neither process may fetch more than this share of the pages (issue 10).
MAX_SHARE = 0.65


def _opened(logs: list[Path]) -> bool:
    return all(log.exists() and "Spider opened" in log.read_text(errors="replace") for log in logs)


def test_two_processes_share_the_pages_and_fetch_and_store_each_once(
    loopback_site: LoopbackSite, postgres_url: str, redis_url: str, tmp_path: Path
) -> None:
    site = loopback_site
    paths = [p.path for p in site.articles[:24]]
    feed = site.set_feed("/shared.xml", paths)
    logs = [tmp_path / f"crawl-{i}.log" for i in range(2)]

    def hold_the_feed_and_slow_the_pages(handler) -> None:
        """On a loaded machine one process may start seconds after the other: the feed is answered
        only once both have opened, and each page takes a little while, as on a real site."""
        path = urlsplit(handler.path).path
        if path == "/shared.xml":
            deadline = time.monotonic() + 120
            while not _opened(logs) and time.monotonic() < deadline:
                time.sleep(0.1)
        elif path in paths:
            time.sleep(0.2)

    site.on_request = hold_the_feed_and_slow_the_pages
    env = quotes_env(QUOTES_REDIS_URL=redis_url)
    # At most two requests in flight per process; the grace keeps a process open while its sibling
    # still reads the feed.
    settings = {"DOWNLOAD_DELAY": "0.2", "CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
                "QUOTES_REDIS_IDLE_GRACE": "15"}
    command = crawl_command("--feed", feed, "--db", postgres_url, "--no-attribute", "--name", "shared",
                            settings=settings)
    handles = [log.open("w") for log in logs]
    try:
        processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=handle)
                     for handle in handles]
        for process in processes:
            process.wait(timeout=300)
    finally:
        for handle in handles:
            handle.close()
    errs = [log.read_text(errors="replace") for log in logs]
    for process, err in zip(processes, errs, strict=True):
        assert process.returncode == 0, err[-3000:]

    fetched = Counter({p: site.counts[p] for p in paths})
    assert all(n == 1 for n in fetched.values()), fetched  # each page fetched once, by one process
    stored = Counter(path_of(r["url"]) for r in articles(postgres_url))
    assert stored == Counter(paths)  # each article stored once
    both = runs(postgres_url)
    assert len(both) == 2 and all(r["close_reason"] == "finished" for r in both)
    assert sum(r["articles"] for r in both) == len(paths)
    # Both fetched, neither more than 65 % of the pages (the feed counted apart).
    shares = [r["articles"] / len(paths) for r in both]
    assert max(shares) <= MAX_SHARE, shares
    assert "Scheduler" in "".join(errs)  # scrapy-redis was in use


def test_without_redis_nothing_imports_it() -> None:
    code = (
        "import sys\n"
        "from crawler.run import CrawlOptions, build_settings\n"
        "from crawler.sources import adhoc_source\n"
        "import crawler.spiders.news, crawler.pipelines, crawler.extensions\n"
        "s = build_settings(CrawlOptions(), adhoc_source(feed='http://127.0.0.1/feed.xml'))\n"
        "assert 'scrapy_redis' not in s['SCHEDULER'], s['SCHEDULER']\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('redis', 'scrapy_redis')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=quotes_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_dupefilter_fingerprints_expire(redis_url: str) -> None:
    import redis
    from scrapy import Request

    from crawler.frontier import ExpiringRedisDupeFilter

    server = redis.Redis.from_url(redis_url)
    dupefilter = ExpiringRedisDupeFilter(server, key="quotes:test:dupefilter", ttl=120)
    assert dupefilter.request_seen(Request("http://127.0.0.1/a")) is False
    assert dupefilter.request_seen(Request("http://127.0.0.1/a")) is True
    assert 0 < server.ttl("quotes:test:dupefilter") <= 120
    dupefilter.close("finished")  # other processes may still be crawling: kept
    assert server.exists("quotes:test:dupefilter")

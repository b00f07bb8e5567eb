"""Several machines: two crawl processes sharing one Redis frontier and one PostgreSQL database."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from support.crawling import ROOT, articles, crawl_command, path_of, quotes_env, runs
from support.loopback import LoopbackSite

pytestmark = [pytest.mark.slow, pytest.mark.redis, pytest.mark.postgres]


def test_two_processes_fetch_each_page_once_and_store_each_article_once(
    loopback_site: LoopbackSite, postgres_url: str, redis_url: str
) -> None:
    site = loopback_site
    paths = [p.path for p in site.articles[:24]]
    feed = site.set_feed("/shared.xml", paths)
    env = quotes_env(QUOTES_REDIS_URL=redis_url)
    # A little delay per request and at most two requests taken from the shared queue at a time, so that
    # the crawl lasts a few seconds; a process whose start request the other took waits for work (grace).
    settings = {"DOWNLOAD_DELAY": "0.4", "CONCURRENT_REQUESTS": "2", "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
                "QUOTES_REDIS_IDLE_GRACE": "3"}
    command = crawl_command("--feed", feed, "--db", postgres_url, "--no-attribute", "--name", "shared",
                            settings=settings)
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err[-3000:]

    fetched = Counter({p: site.counts[p] for p in paths})
    assert all(n == 1 for n in fetched.values()), fetched  # each page fetched once, by one process
    stored = Counter(path_of(r["url"]) for r in articles(postgres_url))
    assert stored == Counter(paths)  # each article stored once
    both = runs(postgres_url)
    assert len(both) == 2 and all(r["close_reason"] == "finished" for r in both)
    assert sum(r["articles"] for r in both) == len(paths)
    assert all(r["articles"] > 0 for r in both)  # the frontier really was shared
    assert "Scheduler" in "".join(err for _, err in outputs)  # scrapy-redis was in use


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

"""``quotes crawl`` exits 0 (did what it was asked), 1 (partial) or 2 (nothing could be listed or fetched,
with one line saying why), and ``quotes status`` counts a killed run's pages from the database."""

from __future__ import annotations

import socket
import subprocess

import pytest
from support.crawling import ROOT, crawl_command, quotes_env
from support.loopback import LoopbackSite

from crawler.extensions import crawl_exit_status

pytestmark = pytest.mark.slow


def _crawl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(crawl_command(*args, "--no-attribute"), cwd=ROOT, env=quotes_env(),
                          capture_output=True, text=True, timeout=300)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("target, why", [
    ("closed-port", "refused"),
    ("404", "HTTP 404"),
    ("dns", "nonexistent.invalid"),
])
def test_nothing_listed_exits_2_with_one_line_why(loopback_site: LoopbackSite, db_url: str,
                                                  target: str, why: str) -> None:
    feed = {"closed-port": f"http://127.0.0.1:{_closed_port()}/feed.xml",
            "404": loopback_site.url("/no-such-feed.xml"),
            "dns": "http://nonexistent.invalid/feed.xml"}[target]
    result = _crawl("--feed", feed, "--db", db_url)
    assert result.returncode == 2, result.stderr[-3000:]
    (line,) = _error_lines(result.stderr)
    assert "nothing could be listed or fetched" in line and feed in line and why in line.lower() + line, line
    assert "Traceback" not in result.stderr


def test_some_pages_failing_exits_1_and_a_clean_run_0(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    good = [p.path for p in site.articles[:2]]
    partial = _crawl("--feed", site.set_feed("/partial.xml", [*good, "/gone-404.html"]), "--db", db_url)
    assert partial.returncode == 1, partial.stderr[-3000:]
    assert not _error_lines(partial.stderr)
    clean = _crawl("--feed", site.set_feed("/clean.xml", [p.path for p in site.articles[2:4]]), "--db", db_url)
    assert clean.returncode == 0, clean.stderr[-3000:]


def test_exit_status_of_the_stats() -> None:
    listed = {"finish_reason": "finished", "quotes/listings_read": 1, "quotes/pages_fetched": 3}
    assert crawl_exit_status(listed) == (0, None)
    assert crawl_exit_status({**listed, "quotes/article_errors": 1})[0] == 1
    assert crawl_exit_status({**listed, "finish_reason": "shutdown"})[0] == 1
    assert crawl_exit_status({"finish_reason": "closespider_timeout", **listed})[0] == 0
    failed = {"finish_reason": "finished", "quotes/listing_errors": 1, "quotes/first_failure": "http://x/: HTTP 404"}
    assert crawl_exit_status(failed) == (2, "http://x/: HTTP 404")
    assert crawl_exit_status({"finish_reason": "finished"}) == (0, None)  # nothing new to do is fine

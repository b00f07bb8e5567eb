"""Progress of ``quotes crawl`` and ``quotes attribute``: a live line on a terminal, a periodic line in a log."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import time

import pytest
from support.crawling import ROOT, crawl_command, quotes_env
from support.loopback import LoopbackSite

from crawler.extensions import progress_line
from tracker import console

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?P<source>\S+): (?P<pages>\d+) pages, (?P<articles>\d+) articles, "
                  r"(?P<quotations>\d+) quotations, (?P<errors>\d+) errors, [\d.]+ pages/min$", re.M)


def test_the_progress_line_counts_pages_articles_quotations_errors_and_rate() -> None:
    stats = {"quotes/pages_fetched": 9, "quotes/listings_read": 1, "quotes/articles_stored": 4,
             "quotes/quotations_stored": 12, "quotes/article_errors": 2}
    assert progress_line(stats, 30.0) == "10 pages, 4 articles, 12 quotations, 2 errors, 20.0 pages/min"


def test_off_a_terminal_the_line_comes_at_most_once_per_period(monkeypatch, capsys) -> None:
    now = [100.0]
    monkeypatch.setattr(console.time, "monotonic", lambda: now[0])
    line = console.PeriodicLine(every=60)
    for step in range(0, 180, 10):  # three minutes of calls every ten seconds
        now[0] = 100.0 + step
        line.show("attribute", f"at {step}")
    shown = capsys.readouterr().err.splitlines()
    assert [s.split(" ", 2)[2] for s in shown] == ["attribute: at 0", "attribute: at 60", "attribute: at 120"]


def test_attribute_progress_off_a_terminal_prints_the_count_and_the_note(monkeypatch, capsys) -> None:
    monkeypatch.setattr(console, "stderr_is_terminal", lambda: False)
    with console.progress_bar("attribute", total=3) as advance:
        for n in range(3):
            advance(f"{n + 1} quotes, 0 errors")
    shown = capsys.readouterr().err.splitlines()
    assert shown[0].endswith("attribute: 1/3 1 quotes, 0 errors")  # the first at once...
    assert shown[-1].endswith("attribute: 3/3 3 quotes, 0 errors")  # ...and the last at the end


@pytest.mark.slow
def test_a_scheduled_crawl_logs_its_progress_periodically(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    feed = site.set_feed("/progress.xml", [p.path for p in site.articles[:6]] + ["/gone.html"])
    slow = {"DOWNLOAD_DELAY": "0.5", "CONCURRENT_REQUESTS_PER_DOMAIN": "1", "QUOTES_PROGRESS_INTERVAL": "1"}
    result = subprocess.run(crawl_command("--feed", feed, "--db", db_url, "--no-attribute", settings=slow),
                            cwd=ROOT, env=quotes_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr[-3000:]  # the 404
    lines = [m.groupdict() for m in LINE.finditer(result.stderr)]
    assert len(lines) >= 3 and {line["source"] for line in lines} == {"feed:127.0.0.1"}
    pages = [int(line["pages"]) for line in lines]
    assert pages == sorted(pages) and pages[0] < pages[-1]  # it moved while the crawl ran
    # The feed and six articles fetched, the 404 an error: as `quotes status` counts the run.
    assert (lines[-1]["pages"], lines[-1]["articles"], lines[-1]["errors"]) == ("7", "6", "1")
    from db.crawlstate import recent_runs
    from db.engine import open_engine

    (run,) = recent_runs(open_engine(db_url))
    assert (run["pages"], run["articles"], run["errors"]) == (7, 6, 1)


@pytest.mark.slow
def test_on_a_terminal_the_crawl_draws_a_live_line(loopback_site: LoopbackSite, db_url: str) -> None:
    site = loopback_site
    feed = site.set_feed("/live.xml", [p.path for p in site.articles[:4]])
    leader, follower = pty.openpty()
    process = subprocess.Popen(crawl_command("--feed", feed, "--db", db_url, "--no-attribute"), cwd=ROOT,
                               env=quotes_env(TERM="xterm", COLUMNS="160"), stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower)
    os.close(follower)
    screen = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the crawl closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode(errors="replace"))
    assert process.returncode == 0, text[-3000:]
    assert "feed:127.0.0.1" in text and "5 pages, 4 articles, 0 quotations, 0 errors" in text
    assert "\x1b[" in screen.decode(errors="replace")  # drawn in place (rich), not printed line by line

"""quotes attribute: claims with leases, no overlap between workers, a dead worker's batch taken
over, re-attribution keeping aggregates right, filters, and a SIGKILL in the middle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from db_fakes import RegexExtractor
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from db.attribute import AttributeOptions, claim_batch, count_pending, run_worker
from db.engine import open_engine, reader
from db.models import Article, Mention, Quotation
from db.records import ArticleRecord
from db.store import normalize_quote, store_article
from tracker.cli import app
from tracker.workers import run_attribute

ROOT = Path(__file__).resolve().parents[2]
SHARED = "Shared line repeated by every outlet today"


def seed_articles(engine, n: int, outlet: str = "Daily", start: int = 0) -> None:
    for i in range(start, start + n):
        text = f'Story {i}. "{SHARED}," said Jane Smith. "Own words number {i} here," said John Doe.'
        store_article(engine, ArticleRecord(url=f"https://{outlet.lower()}.example/{i}", text=text, outlet=outlet,
                                            published=datetime(2025, 1, 1 + i % 28, tzinfo=timezone.utc)), None)


def totals(engine) -> tuple[int, int, int]:
    with reader(engine) as conn:  # never queues behind the writer under test
        attributed = conn.execute(select(func.count()).select_from(Article)
                                  .where(Article.attribution_version.is_not(None))).scalar()
        mentions = conn.execute(select(func.count()).select_from(Mention)).scalar()
        shared = conn.execute(select(Quotation.n_articles).where(Quotation.text_norm == normalize_quote(SHARED))).scalar() or 0
    return attributed, mentions, shared


def options(**kw) -> AttributeOptions:
    return AttributeOptions(**{"version": "t1", "batch_size": 4, "lease_seconds": 600, **kw})


def test_attribute_stores_mentions_and_is_idempotent(engine) -> None:
    seed_articles(engine, 10)
    report = run_worker(engine, options(), RegexExtractor())
    assert (report.articles, report.mentions) == (10, 20)
    assert totals(engine) == (10, 20, 10)
    assert run_worker(engine, options(), RegexExtractor()).articles == 0  # nothing left at this version
    assert run_worker(engine, AttributeOptions(version="t2", batch_size=16, lease_seconds=600), RegexExtractor()).articles == 10  # newer rules
    assert totals(engine) == (10, 20, 10)


def test_reprocess_and_filters(engine) -> None:
    seed_articles(engine, 6, outlet="Daily")
    seed_articles(engine, 4, outlet="Weekly", start=100)
    assert run_worker(engine, options(outlet="Weekly"), RegexExtractor()).articles == 4
    since = datetime(2025, 1, 3, tzinfo=timezone.utc)
    until = datetime(2025, 1, 5, tzinfo=timezone.utc)
    assert run_worker(engine, options(since=since, until=until, outlet="Daily"), RegexExtractor()).articles == 2
    assert run_worker(engine, options(reprocess=True, outlet="Weekly"), RegexExtractor()).articles == 4
    assert totals(engine) == (6, 12, 6)


def test_two_workers_share_the_work_without_overlap(db_url: str) -> None:
    engine = open_engine(db_url)
    seed_articles(engine, 40)
    seen: dict[str, list[int]] = {"a": [], "b": []}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        own = open_engine(db_url)
        try:
            run_worker(own, options(), RegexExtractor(), worker_id=name,
                       on_article=lambda article_id, n, error: seen[name].append(article_id))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=work, args=(name,)) for name in seen]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    assert not set(seen["a"]) & set(seen["b"])
    assert sorted(seen["a"] + seen["b"]) == list(range(1, 41))
    assert totals(engine) == (40, 80, 40)
    engine.dispose()


def test_a_dead_workers_batch_is_taken_over_after_its_lease(engine) -> None:
    seed_articles(engine, 6)
    dead = claim_batch(engine, options(lease_seconds=1), "dead-worker")  # claims 4, then "dies"
    assert len(dead) == 4
    assert claim_batch(engine, options(), "other") == [5, 6]  # the live lease is respected
    with engine.begin() as conn:
        conn.execute(update(Article).where(Article.id.in_([5, 6])).values(claimed_by=None, claim_expires_at=None))
    started = time.monotonic()
    report = run_worker(engine, options(), RegexExtractor(), worker_id="survivor")
    assert report.articles == 6 and time.monotonic() - started >= 0.5  # it waited for the lease
    assert totals(engine) == (6, 12, 6)


class FailsOnSeven(RegexExtractor):
    def extract_many(self, docs, processes=1, batch_size=16):
        docs = list(docs)
        if any("Story 7." in text for text, _ in docs):
            raise RuntimeError("boom")
        yield from super().extract_many(docs)

    def extract(self, text, published=None):
        if "Story 7." in text:
            raise RuntimeError("boom")
        return super().extract(text, published)


def test_one_failing_article_is_reported_and_the_rest_done(engine) -> None:
    seed_articles(engine, 10)
    report = run_worker(engine, options(), FailsOnSeven())
    assert report.articles == 9 and len(report.errors) == 1 and "boom" in report.errors[0]
    assert totals(engine)[0] == 9
    assert count_pending(engine, options()) == 1  # left for a later run


@pytest.mark.slow
def test_run_attribute_with_two_processes(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    seed_articles(engine, 12)
    engine.dispose()
    report = run_attribute(sqlite_url, options(), processes=2, extractor_factory=_fake_factory)
    assert (report.articles, report.mentions, report.errors) == (12, 24, [])
    engine = open_engine(sqlite_url)
    assert totals(engine) == (12, 24, 12)
    engine.dispose()


@pytest.mark.parametrize("processes", [1, 2])
def test_run_attribute_advances_the_injected_bar_once_per_article(sqlite_url: str, processes: int) -> None:
    from contextlib import contextmanager

    calls: list[tuple[str, int | None]] = []
    notes: list[str] = []

    @contextmanager
    def bar(description: str, total: int | None):
        calls.append((description, total))
        yield notes.append

    engine = open_engine(sqlite_url)
    seed_articles(engine, 5)
    engine.dispose()
    run_attribute(sqlite_url, options(), processes=processes, extractor_factory=_fake_factory, progress=bar)
    assert calls == [("attribute", 5)]
    assert len(notes) == 5 and notes[-1].endswith("art/s, 10 quotes, 0 errors")


def _fake_factory(_options: AttributeOptions) -> RegexExtractor:
    return RegexExtractor()


KILL_SCRIPT = """
import sys, time
from db.attribute import AttributeOptions, run_worker
from db.engine import open_engine, reader
from db_fakes import RegexExtractor

class Slow(RegexExtractor):
    def extract_many(self, docs, processes=1, batch_size=16):
        for text, published in docs:
            time.sleep(0.02)
            yield self.extract(text, published)

engine = open_engine(sys.argv[1])
run_worker(engine, AttributeOptions(version="t1", batch_size=8, lease_seconds=int(sys.argv[2])), Slow())
print("done")
"""


@pytest.mark.slow
def test_killed_attribute_worker_loses_nothing_and_rerun_completes(db_url: str) -> None:
    n = 120
    engine = open_engine(db_url)
    seed_articles(engine, n)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "db")])}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, db_url, "2"], env=env, cwd=ROOT)
    deadline = time.monotonic() + 120
    while totals(engine)[0] < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    attributed, mentions, _ = totals(engine)
    assert 0 < attributed < n
    assert mentions == 2 * attributed  # each article committed with all its mentions
    done = subprocess.run([sys.executable, "-c", KILL_SCRIPT, db_url, "2"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert totals(engine) == (n, 2 * n, n)
    engine.dispose()


@pytest.mark.slow
def test_quotes_attribute_command_with_the_real_extractor(sqlite_url: str, seed_text: str) -> None:
    engine = open_engine(sqlite_url)
    store_article(engine, ArticleRecord(url="https://i.example/seed", text=seed_text,
                                        published=datetime(2025, 8, 7, tzinfo=timezone.utc)), None)
    engine.dispose()
    result = CliRunner().invoke(app, ["attribute", "--db", sqlite_url, "--processes", "2", "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    assert "attributed 1 articles" in result.output
    engine = open_engine(sqlite_url)
    with engine.connect() as conn:
        said = conn.execute(select(Quotation.said_on).where(Quotation.text_norm.contains("abased himself"))).scalar()
    assert said == "2018-07"
    engine.dispose()


class SlowExtractor(RegexExtractor):
    def extract_many(self, docs, processes=1, batch_size=16):
        for text, published in docs:
            time.sleep(1.2)
            yield self.extract(text, published)


@pytest.mark.slow
def test_a_slow_live_worker_renews_its_lease(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    seed_articles(engine, 3)
    seen: dict[str, list[int]] = {"slow": [], "fast": []}
    slow_options = AttributeOptions(version="t1", batch_size=3, lease_seconds=2)

    def slow() -> None:
        own = open_engine(sqlite_url)
        run_worker(own, slow_options, SlowExtractor(), worker_id="slow",
                   on_article=lambda article_id, n, error: seen["slow"].append(article_id))
        own.dispose()

    thread = threading.Thread(target=slow)
    thread.start()
    while count_pending(engine, options()) == 3 and not _claimed(engine):
        time.sleep(0.02)
    run_worker(engine, options(), RegexExtractor(), worker_id="fast",
               on_article=lambda article_id, n, error: seen["fast"].append(article_id))
    thread.join(timeout=60)
    assert seen == {"slow": [1, 2, 3], "fast": []}  # its batch outlived the 2 s lease, yet stayed its own
    engine.dispose()


def _claimed(engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Article).where(Article.claimed_by.is_not(None))).scalar() > 0


@pytest.mark.postgres
def test_postgresql_claims_skip_rows_another_worker_is_claiming(postgres_url: str) -> None:
    """SKIP LOCKED: a claim never waits on (nor takes) rows another transaction is claiming."""
    engine = open_engine(postgres_url)
    seed_articles(engine, 8)
    with engine.connect() as other:
        other.begin()
        other.execute(select(Article.id).where(Article.id <= 4).with_for_update()).all()  # mid-claim
        started = time.monotonic()
        assert claim_batch(engine, options(), "me") == [5, 6, 7, 8]
        assert time.monotonic() - started < 5
        other.rollback()
    assert claim_batch(engine, options(), "me-again") == [1, 2, 3, 4]
    engine.dispose()

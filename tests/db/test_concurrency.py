"""Two writers at once (SQLite: WAL + BEGIN IMMEDIATE + busy timeout; PostgreSQL: ON CONFLICT and
retries) storing articles that share quotations and speakers: no error, no duplicate, right counts."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from attribution.types import Quote
from db.engine import open_engine, reader
from db.models import Article, Mention, Person, Quotation
from db.records import ArticleRecord
from db.store import seen_urls, store_article
from db.urls import url_hash

SHARED = "We have to keep the borders open for trade and for people alike"
N_PER_WRITER = 25


def _record(writer: int, i: int) -> tuple[ArticleRecord, list[Quote]]:
    own = f"Writer {writer} article {i} says something unique number {i * 7 + writer} today"
    text = f'"{SHARED}," said Jane Smith. "{own}," she added.'
    quotes = [
        Quote(text=SHARED, start=1, end=1 + len(SHARED), type="direct", speaker="Jane Smith", said_on="2025-06"),
        Quote(text=own, start=text.index(own), end=text.index(own) + len(own), type="direct", speaker="Jane Smith"),
    ]
    # Every other article is written by both writers (same URL): one of them must win quietly.
    url = f"https://news.example/{i}" if i % 2 else f"https://w{writer}.example/{i}"
    return ArticleRecord(url=url, text=text), quotes


def test_two_writers_at_once(db_url: str) -> None:
    open_engine(db_url).dispose()  # create the schema before the race
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def write(writer: int) -> None:
        engine = open_engine(db_url)
        try:
            barrier.wait()
            for i in range(N_PER_WRITER):
                record, quotes = _record(writer, i)
                store_article(engine, record, quotes)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=write, args=(w,)) for w in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []

    engine = open_engine(db_url)
    with engine.connect() as conn:
        n_articles = conn.execute(select(func.count()).select_from(Article)).scalar()
        shared = conn.execute(select(Quotation).where(Quotation.text == SHARED)).one()
        n_people = conn.execute(select(func.count()).select_from(Person)).scalar()
        n_mentions = conn.execute(select(func.count()).select_from(Mention)).scalar()
    engine.dispose()
    shared_urls = N_PER_WRITER // 2  # odd i: one URL for both writers
    expected_articles = 2 * N_PER_WRITER - shared_urls
    assert n_articles == expected_articles
    assert n_people == 1
    assert (shared.n_articles, shared.n_mentions) == (expected_articles, expected_articles)
    assert n_mentions == 2 * expected_articles


WRITER_SCRIPT = """
import sys
from db.engine import open_engine
from db.store import store_article
from test_concurrency import _record
engine = open_engine(sys.argv[1])
for i in range(int(sys.argv[3])):
    store_article(engine, *_record(int(sys.argv[2]), i))
print("ok")
"""


@pytest.mark.slow
def test_two_writer_processes_at_once(db_url: str) -> None:
    """The same race between two processes (SQLite file locks are per process)."""
    open_engine(db_url).dispose()
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), str(Path(__file__).parent)])}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT, db_url, str(w), str(N_PER_WRITER)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for w in (1, 2)]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "locked" not in err
    engine = open_engine(db_url)
    with engine.connect() as conn:
        shared = conn.execute(select(Quotation).where(Quotation.text == SHARED)).one()
        n_articles = conn.execute(select(func.count()).select_from(Article)).scalar()
    engine.dispose()
    expected = 2 * N_PER_WRITER - N_PER_WRITER // 2
    assert n_articles == expected and shared.n_articles == expected


def test_sqlite_readers_do_not_wait_for_a_writer(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    record, quotes = _record(1, 1)
    with engine.begin() as writer:  # BEGIN IMMEDIATE: holds the write lock until the block ends
        writer.execute(Article.__table__.insert().values(url="https://x.example/w", url_hash=url_hash("https://x.example/w"), text="t",
                                                          authors=[], fetched_at=datetime.now(timezone.utc),
                                                          paywalled=False, extraction_status="ok",
                                                          created_at=datetime.now(timezone.utc)))
        started = time.monotonic()
        assert seen_urls(engine, ["https://x.example/w"]) == set()  # not committed yet, and no wait
        with reader(engine) as conn:
            assert conn.execute(select(func.count()).select_from(Article)).scalar() == 0
        assert time.monotonic() - started < 2
    assert seen_urls(engine, [record.url, "https://x.example/w"]) == {"https://x.example/w"}
    engine.dispose()

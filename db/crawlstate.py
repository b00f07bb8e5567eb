"""Crawl bookkeeping: feed poll state (for conditional GET) and the record of each crawl run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, update

from db.engine import reader
from db.models import CrawlRun, Feed, utcnow
from db.store import _insert, run_transaction


@dataclass(frozen=True, slots=True)
class FeedState:
    etag: str | None
    last_modified: str | None
    last_polled_at: datetime | None
    last_status: int | None


def get_feed_state(engine: Engine, feed_url: str) -> FeedState | None:
    """What we know of ``feed_url`` from its last poll, or None if never polled."""
    with reader(engine) as conn:
        row = conn.execute(
            select(Feed.etag, Feed.last_modified, Feed.last_polled_at, Feed.last_status).where(Feed.url == feed_url)
        ).first()
    return None if row is None else FeedState(row.etag, row.last_modified, row.last_polled_at, row.last_status)


def save_feed_state(engine: Engine, feed_url: str, *, etag: str | None, last_modified: str | None,
                    status: int | None, source: str | None = None) -> None:
    """Record a poll of ``feed_url`` (created on first save)."""
    values = {"etag": etag, "last_modified": (last_modified or None) and last_modified[:100],
              "last_polled_at": utcnow(), "last_status": status}

    def work(conn: Any) -> None:
        conn.execute(_insert(conn, Feed).values(url=feed_url, source=source).on_conflict_do_nothing(index_elements=["url"]))
        conn.execute(update(Feed).where(Feed.url == feed_url).values(**values))

    run_transaction(engine, work)


def start_run(engine: Engine, source: str, host: str | None = None) -> int:
    """Open a crawl run record; returns its id for ``finish_run``."""

    def work(conn: Any) -> int:
        return conn.execute(
            _insert(conn, CrawlRun).values(source=source[:200], host=host, started_at=utcnow(), pages=0,
                                           articles=0, quotations=0, errors=0, blocked=[]).returning(CrawlRun.id)
        ).scalar_one()

    return run_transaction(engine, work)


def finish_run(engine: Engine, run_id: int, *, pages: int, articles: int, quotations: int, errors: int,
               close_reason: str | None, blocked: list[dict[str, Any]] | None = None) -> None:
    """Close a crawl run with its counts and the hosts that blocked it."""

    def work(conn: Any) -> None:
        conn.execute(
            update(CrawlRun).where(CrawlRun.id == run_id).values(
                finished_at=utcnow(), pages=pages, articles=articles, quotations=quotations, errors=errors,
                close_reason=(close_reason or None) and close_reason[:100], blocked=list(blocked or []),
            )
        )

    run_transaction(engine, work)


def recent_runs(engine: Engine, per_source: int = 5) -> list[dict[str, Any]]:
    """The latest ``per_source`` runs of every source, newest first within each source."""
    rank = (
        func.row_number()
        .over(partition_by=CrawlRun.source, order_by=(CrawlRun.started_at.desc(), CrawlRun.id.desc()))
        .label("rank")
    )
    ranked = select(*CrawlRun.__table__.c, rank).subquery()
    columns = [ranked.c[column.name] for column in CrawlRun.__table__.c]
    query = select(*columns).where(ranked.c.rank <= per_source).order_by(ranked.c.source, ranked.c.rank)
    with reader(engine) as conn:
        return [dict(row) for row in conn.execute(query).mappings()]

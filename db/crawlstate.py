"""Crawl bookkeeping: feed poll state (for conditional GET) and the record of each crawl run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, case, func, insert, select, update

from db.engine import reader
from db.models import CrawlRun, Feed, Fetch, Mention, utcnow
from db.store import _insert, run_transaction
from db.urls import url_hash, urls_by_hash

#: Outcomes after which a URL is never fetched again (fronts and errors are; listings are polled).
FINAL_OUTCOMES = ("article", "duplicate", "not_article", "blocked", "too_large")
ERROR = "error"
#: How many URLs one ``urls_not_due`` query asks about.
DUE_CHUNK = 500


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


def record_fetch(engine: Engine, *, run_id: int | None, url: str, outcome: str, http_status: int | None = None,
                 detail: str | None = None, article_id: int | None = None) -> None:
    """Remember one fetched URL and its outcome (see ``db.models.Fetch``), committed at once."""
    values = {"run_id": run_id, "url": url, "url_hash": url_hash(url), "outcome": outcome[:16],
              "http_status": http_status, "detail": (detail or None) and detail[:300],
              "article_id": article_id, "fetched_at": utcnow()}
    run_transaction(engine, lambda conn: conn.execute(insert(Fetch).values(**values)))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Failed URLs are tried again after ``backoff * 2**(failures - 1)``, at most ``max_tries`` times."""

    max_tries: int = 4
    backoff: timedelta = timedelta(hours=1)

    def due(self, failures: int, last_failure: datetime, now: datetime) -> bool:
        if failures >= self.max_tries:
            return False
        return now >= last_failure + self.backoff * (2 ** max(failures - 1, 0))


def urls_not_due(engine: Engine, urls: Iterable[str], policy: RetryPolicy, now: datetime | None = None) -> set[str]:
    """The given URLs (as given) that a crawl must not fetch now: fetched before with a final outcome
    (article, not an article, blocked, too large), or failed and not yet due for a retry."""
    now = now or utcnow()
    by_hash = urls_by_hash(urls)
    hashes = list(by_hash)
    is_error = Fetch.outcome == ERROR
    query = (select(Fetch.url_hash,
                    func.sum(case((Fetch.outcome.in_(FINAL_OUTCOMES), 1), else_=0)).label("final"),
                    func.sum(case((is_error, 1), else_=0)).label("failures"),
                    func.max(case((is_error, Fetch.fetched_at), else_=None)).label("last_failure"))
             .group_by(Fetch.url_hash))
    skipped: set[str] = set()
    with reader(engine) as conn:
        for i in range(0, len(hashes), DUE_CHUNK):
            for row in conn.execute(query.where(Fetch.url_hash.in_(hashes[i:i + DUE_CHUNK]))):
                if row.final or (row.failures and not policy.due(row.failures, _aware(row.last_failure), now)):
                    skipped.update(by_hash[row.url_hash])
    return skipped


def _aware(value: datetime | str) -> datetime:
    """max() over a UTCDateTime column comes back raw on SQLite (an ISO string, no type applied)."""
    from datetime import timezone

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def run_counts(engine: Engine, run_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Pages, articles, quotations and errors of each run, counted from what it stored (``fetches`` and
    the mentions of the articles it stored): right even for a run that was killed. Pages are the
    fetches that got an answer (articles or not, listings); failed ones are the errors."""
    ids = list(run_ids)
    if not ids:
        return {}
    pages = (select(Fetch.run_id, func.sum(case((Fetch.outcome == ERROR, 0), else_=1)).label("pages"),
                    func.sum(case((Fetch.outcome == "article", 1), else_=0)).label("articles"),
                    func.sum(case((Fetch.outcome == ERROR, 1), else_=0)).label("errors"))
             .where(Fetch.run_id.in_(ids)).group_by(Fetch.run_id))
    quotations = (select(Fetch.run_id, func.count(Mention.id).label("quotations"))
                  .join(Mention, Mention.article_id == Fetch.article_id)
                  .where(Fetch.run_id.in_(ids), Fetch.outcome == "article").group_by(Fetch.run_id))
    counts: dict[int, dict[str, int]] = {}
    with reader(engine) as conn:
        for row in conn.execute(pages):
            counts[row.run_id] = {"pages": int(row.pages or 0), "articles": int(row.articles or 0),
                                  "errors": int(row.errors or 0), "quotations": 0}
        for row in conn.execute(quotations):
            counts[row.run_id]["quotations"] = row.quotations
    return counts


def recent_runs(engine: Engine, per_source: int = 5) -> list[dict[str, Any]]:
    """The latest ``per_source`` runs of every source, newest first within each source. Pages, articles
    and quotations are counted from the database where the run recorded its fetches (so a killed run
    shows what it stored); errors are the larger of that count and the run's own."""
    rank = (
        func.row_number()
        .over(partition_by=CrawlRun.source, order_by=(CrawlRun.started_at.desc(), CrawlRun.id.desc()))
        .label("rank")
    )
    ranked = select(*CrawlRun.__table__.c, rank).subquery()
    columns = [ranked.c[column.name] for column in CrawlRun.__table__.c]
    query = select(*columns).where(ranked.c.rank <= per_source).order_by(ranked.c.source, ranked.c.rank)
    with reader(engine) as conn:
        runs = [dict(row) for row in conn.execute(query).mappings()]
    counted = run_counts(engine, [r["id"] for r in runs])
    for run in runs:
        counts = counted.get(run["id"])
        if counts:
            run.update(pages=counts["pages"], articles=counts["articles"], quotations=counts["quotations"],
                       errors=max(counts["errors"], run.get("errors") or 0))
    return runs

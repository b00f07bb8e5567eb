"""Attribution over stored articles, shared by any number of workers through the database.

The database is the coordinator. A worker claims a batch of articles that need attribution (none
yet, an older ``attribution_version``, or with ``--reprocess`` not since this run started) by
setting ``claimed_by`` and a lease (``claim_expires_at``): on PostgreSQL with
``SELECT ... FOR UPDATE SKIP LOCKED`` so workers on several machines never take the same rows, on
SQLite in one ``BEGIN IMMEDIATE`` transaction (a single writer). Each article's mentions are then
replaced in one transaction that also clears the claim. A worker killed mid-batch leaves claims
that expire; the others wait for them and take the batch over.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, or_, select, update
from sqlalchemy.engine import Connection

from db.engine import reader
from db.models import Article, Outlet, utcnow
from db.store import replace_mentions, run_transaction

log = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 1.0  # how often an idle worker looks again while others hold claims


@dataclass(frozen=True, kw_only=True)
class AttributeOptions:
    version: str  # the attribution version stored with each article's quotations
    batch_size: int  # articles claimed at a time
    lease_seconds: int  # how long a claim stays ours without renewal
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    reprocess: bool = False
    spacy_model: str | None = None
    started_at: datetime | None = None  # the run's start: --reprocess redoes what was attributed before it


@dataclass
class AttributeReport:
    articles: int = 0
    mentions: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        text = (f"attributed {self.articles} articles ({self.mentions} quotations) in {self.seconds:.1f}s "
                f"({rate:.1f} articles/s), {len(self.errors)} errors")
        return text + "".join(f"\n  error: {e}" for e in self.errors[:20])


def with_start(options: AttributeOptions) -> AttributeOptions:
    """``options`` with the run's start time (shared by all the run's workers) filled in."""
    return options if options.started_at is not None else replace(options, started_at=utcnow())


def _needs_attribution(options: AttributeOptions) -> Any:
    if options.reprocess:
        return or_(Article.attributed_at.is_(None), Article.attributed_at < options.started_at)
    return or_(Article.attribution_version.is_(None), Article.attribution_version != options.version)


def _selection(options: AttributeOptions) -> list[Any]:
    conditions = [_needs_attribution(options)]
    if options.since is not None:
        conditions.append(Article.published >= options.since)
    if options.until is not None:
        conditions.append(Article.published < options.until)
    if options.outlet is not None:
        conditions.append(Article.outlet_id.in_(select(Outlet.id).where(Outlet.name == options.outlet)))
    return conditions


def _unclaimed(now: datetime) -> Any:
    return or_(Article.claim_expires_at.is_(None), Article.claim_expires_at < now)


def count_pending(engine: Engine, options: AttributeOptions) -> int:
    with reader(engine) as conn:
        return conn.execute(select(func.count()).select_from(Article).where(*_selection(options))).scalar_one()


def _claimed_elsewhere(engine: Engine, options: AttributeOptions) -> bool:
    """Do other workers hold live claims on articles that still need attribution?"""
    now = utcnow()
    with reader(engine) as conn:
        return conn.execute(
            select(Article.id).where(*_selection(options), Article.claim_expires_at >= now).limit(1)
        ).first() is not None


def claim_batch(engine: Engine, options: AttributeOptions, worker_id: str,
                skip: frozenset[int] = frozenset()) -> list[int]:
    """Claim up to ``batch_size`` articles for ``worker_id`` for ``lease_seconds``; their ids."""

    def work(conn: Connection) -> list[int]:
        now = utcnow()
        query = (
            select(Article.id)
            .where(*_selection(options), _unclaimed(now))
            .order_by(Article.id)
            .limit(options.batch_size)
        )
        if skip:
            query = query.where(Article.id.not_in(sorted(skip)))
        if conn.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        ids = list(conn.execute(query).scalars())
        if ids:
            conn.execute(
                update(Article).where(Article.id.in_(ids))
                .values(claimed_by=worker_id[:100], claim_expires_at=now + timedelta(seconds=options.lease_seconds))
            )
        return ids

    return run_transaction(engine, work)


def release_claims(engine: Engine, ids: list[int], worker_id: str) -> None:
    if ids:
        run_transaction(engine, lambda conn: conn.execute(
            update(Article).where(Article.id.in_(ids), Article.claimed_by == worker_id[:100])
            .values(claimed_by=None, claim_expires_at=None)
        ))


def renew_claims(engine: Engine, ids: list[int], worker_id: str, options: AttributeOptions) -> None:
    """Extend our lease on ``ids`` (those still ours)."""
    if ids:
        expires = utcnow() + timedelta(seconds=options.lease_seconds)
        run_transaction(engine, lambda conn: conn.execute(
            update(Article).where(Article.id.in_(ids), Article.claimed_by == worker_id[:100])
            .values(claim_expires_at=expires)
        ))


def _load_articles(engine: Engine, ids: list[int]) -> list[tuple[int, str, str | None]]:
    with reader(engine) as conn:
        rows = conn.execute(select(Article.id, Article.text, Article.published).where(Article.id.in_(ids))
                            .order_by(Article.id)).all()
    return [(row.id, row.text, row.published.date().isoformat() if row.published else None) for row in rows]


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _batches(engine: Engine, options: AttributeOptions, worker_id: str,
             failed: set[int]) -> Iterator[list[int]]:
    """Claimed batches until no work is left (waiting out other workers' live claims)."""
    while True:
        ids = claim_batch(engine, options, worker_id, frozenset(failed))
        if ids:
            yield ids
            continue
        if not _claimed_elsewhere(engine, options):
            return
        time.sleep(IDLE_POLL_SECONDS)  # a live claim may be a dead worker's: its lease will end


def run_worker(engine: Engine, options: AttributeOptions, extractor: Any, *, worker_id: str | None = None,
               on_article: Callable[[int, int, str | None], None] | None = None) -> AttributeReport:
    """Attribute until nothing is left; ``on_article(article_id, n_mentions, error)`` after each one."""
    options = with_start(options)
    worker_id = worker_id or new_worker_id()
    report = AttributeReport()
    started = time.perf_counter()
    heartbeat = _Heartbeat(engine, worker_id, options)
    heartbeat.start()
    try:
        failed: set[int] = set()
        for ids in _batches(engine, options, worker_id, failed):
            heartbeat.current = ids
            _attribute_batch(engine, options, extractor, worker_id, ids, failed, report, on_article)
            heartbeat.current = []
    finally:
        heartbeat.stop()
    report.seconds = time.perf_counter() - started
    return report


def _attribute_batch(engine: Engine, options: AttributeOptions, extractor: Any, worker_id: str, ids: list[int],
                     failed: set[int], report: AttributeReport,
                     on_article: Callable[[int, int, str | None], None] | None) -> None:
    articles = _load_articles(engine, ids)
    try:
        found = list(extractor.extract_many([(text, published) for _, text, published in articles]))
    except Exception:  # noqa: BLE001 - retried one by one to isolate the culprit
        found = [_extract_one(extractor, text, published) for _, text, published in articles]
    for (article_id, _, _), quotes in zip(articles, found, strict=True):
        if isinstance(quotes, Exception):
            error = f"article {article_id}: attribution failed: {quotes}"
            failed.add(article_id)
            release_claims(engine, [article_id], worker_id)
            report.errors.append(error)
            log.error(error)
            n = 0
        else:
            error = None
            n = replace_mentions(engine, article_id, quotes, attribution_version=options.version)
            report.articles += 1
            report.mentions += n
        if on_article is not None:
            on_article(article_id, n, error)


class _Heartbeat(threading.Thread):
    """Renews the lease on the batch in hand every third of a lease while this worker lives: a
    slow batch is never taken over from a live worker, and a dead worker's lease just runs out."""

    def __init__(self, engine: Engine, worker_id: str, options: AttributeOptions) -> None:
        super().__init__(name=f"lease-{worker_id}", daemon=True)
        self.engine, self.worker_id, self.options = engine, worker_id, options
        self.current: list[int] = []
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.options.lease_seconds / 3):
            ids = list(self.current)
            try:
                renew_claims(self.engine, ids, self.worker_id, self.options)
            except Exception:  # noqa: BLE001 - a missed renewal only risks duplicate work
                log.warning("could not renew the lease on %d articles", len(ids), exc_info=True)

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=5)


def _extract_one(extractor: Any, text: str, published: str | None) -> Any:
    try:
        return extractor.extract(text, published=published)
    except Exception as exc:  # noqa: BLE001 - reported for this article only
        return exc

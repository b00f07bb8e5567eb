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
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, or_, select, update
from sqlalchemy.engine import Connection

from db.engine import reader
from db.models import Article, Outlet, utcnow
from db.store import replace_mentions, run_transaction

log = logging.getLogger(__name__)

# A progress bar factory: (description, total) -> context manager yielding advance(note).
ProgressBar = Callable[[str, "int | None"], AbstractContextManager[Callable[[str], None]]]

IDLE_POLL_SECONDS = 1.0  # how often an idle worker looks again while others hold claims


@dataclass(frozen=True)
class AttributeOptions:
    since: datetime | None = None
    until: datetime | None = None
    outlet: str | None = None
    reprocess: bool = False
    batch_size: int = 16
    lease_seconds: int = 600
    spacy_model: str | None = None
    version: str | None = None  # default: attribution.ATTRIBUTION_VERSION
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


def resolve_options(options: AttributeOptions) -> AttributeOptions:
    """Fill in the attribution version and the run's start time (shared by all local workers)."""
    version = options.version
    if version is None:
        from attribution import ATTRIBUTION_VERSION

        version = ATTRIBUTION_VERSION
    return replace(options, version=version, started_at=options.started_at or utcnow())


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
    options = resolve_options(options) if options.version is None or options.started_at is None else options
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
            n = replace_mentions(engine, article_id, quotes, attribution_version=options.version or "")
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


# --- several processes on this machine ---------------------------------------------------------


def _default_extractor(options: AttributeOptions) -> Any:
    from attribution import Extractor

    return Extractor(options.spacy_model)


def _one_thread_per_process() -> None:
    # One BLAS/OpenMP thread per worker: N processes on N cores, no oversubscription. (Only takes
    # effect before numpy is first imported, which the CLI defers until the workers start.)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _worker_main(url: str, options: AttributeOptions, factory: Callable[[AttributeOptions], Any] | None,
                 events: Any) -> None:
    _one_thread_per_process()
    from db.engine import open_engine

    engine = open_engine(url)
    try:
        extractor = (factory or _default_extractor)(options)
        report = run_worker(engine, options, extractor,
                            on_article=lambda _id, n, error: events.put(("article", n, error)))
    except BaseException as exc:
        events.put(("crash", 0, f"worker {os.getpid()} stopped: {exc!r}"))
        raise
    finally:
        engine.dispose()
    events.put(("done", report.articles, None))


def run_attribute(url: str, options: AttributeOptions, *, processes: int = 1,
                  extractor_factory: Callable[[AttributeOptions], Any] | None = None,
                  progress: ProgressBar | None = None) -> AttributeReport:
    """Attribute with ``processes`` local worker processes (1: in this process).

    ``progress(description, total)``, when given, is a context manager yielding ``advance(note)``
    (the CLI passes ``tracker.console.progress_bar``): the db layer counts, the caller draws.
    """
    from db.engine import open_engine

    _one_thread_per_process()
    options = resolve_options(options)
    engine = open_engine(url)
    total = count_pending(engine, options)
    started = time.perf_counter()
    if processes <= 1:
        with _tally(progress, total) as bar:
            report = run_worker(engine, options, (extractor_factory or _default_extractor)(options),
                                on_article=lambda _id, n, error: bar(n, error))
        engine.dispose()
        report.seconds = time.perf_counter() - started
        return report
    engine.dispose()
    report = _run_processes(url, options, processes, extractor_factory, total, progress)
    report.seconds = time.perf_counter() - started
    return report


def _run_processes(url: str, options: AttributeOptions, processes: int,
                   factory: Callable[[AttributeOptions], Any] | None, total: int,
                   progress: ProgressBar | None) -> AttributeReport:
    import multiprocessing
    import queue

    context = multiprocessing.get_context("spawn")  # no inherited connections, threads or locks
    events = context.Queue()
    workers = [context.Process(target=_worker_main, args=(url, options, factory, events), daemon=True)
               for _ in range(processes)]
    for worker in workers:
        worker.start()
    report = AttributeReport()
    finished = 0
    with _tally(progress, total) as bar:
        while finished < len(workers):
            try:
                kind, n, error = events.get(timeout=1.0)
            except queue.Empty:
                if not any(worker.is_alive() for worker in workers):
                    break
                continue
            if kind == "article":
                report.articles += 0 if error else 1
                report.mentions += n
                if error:
                    report.errors.append(error)
                bar(n, error)
            elif kind == "crash":
                report.errors.append(error)
            else:
                finished += 1
    for worker in workers:
        worker.join(timeout=30)
        if worker.exitcode not in (0, None):
            report.errors.append(f"worker pid {worker.pid} exited with code {worker.exitcode}")
    return report


class _Tally:
    """Counts articles, quotations and errors for the bar's note (articles/s, quotations and errors so far)."""

    def __init__(self, advance: Callable[[str], None]) -> None:
        self.advance, self.done, self.mentions, self.errors = advance, 0, 0, 0
        self.started = time.perf_counter()

    def __call__(self, mentions: int, error: str | None) -> None:
        self.done += 1
        self.mentions += mentions
        self.errors += error is not None
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        self.advance(f"{rate:.1f} art/s, {self.mentions} quotes, {self.errors} errors")


@contextmanager
def _tally(progress: ProgressBar | None, total: int) -> Iterator[Callable[[int, str | None], None]]:
    if progress is None:
        yield lambda mentions, error: None
        return
    with progress("attribute", total) as advance:
        yield _Tally(advance)

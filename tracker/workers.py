"""``quotes attribute`` on this machine: its worker processes, their progress and their report.

The work itself is db.attribute's (claims with leases, so workers here and on other machines never take
the same articles); this module only starts the workers (``tracker.services.worker_pool``) and adds up
what they report.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from db.attribute import AttributeOptions, AttributeReport, count_pending, run_worker, with_start
from db.engine import open_engine
from tracker import services
from tracker.settings import one_native_thread

# A progress bar factory: (description, total) -> context manager yielding advance(note).
ProgressBar = Callable[[str, "int | None"], AbstractContextManager[Callable[[str], None]]]
# Builds a worker's extractor from the run's options (tests pass a fake one).
ExtractorFactory = Callable[[AttributeOptions], Any]

_events: Any = None  # in a worker process: the queue its reports go to


def default_extractor(options: AttributeOptions) -> Any:
    return services.extractor(options.spacy_model)


def run_attribute(url: str, options: AttributeOptions, *, processes: int,
                  extractor_factory: ExtractorFactory = default_extractor,
                  progress: ProgressBar | None = None) -> AttributeReport:
    """Attribute with ``processes`` local worker processes (1: in this process).

    ``progress(description, total)``, when given, is a context manager yielding ``advance(note)``
    (the CLI passes ``tracker.console.progress_bar``).
    """
    one_native_thread()
    options = with_start(options)
    engine = open_engine(url)
    total = count_pending(engine, options)
    started = time.perf_counter()
    if processes <= 1:
        with _tally(progress, total) as bar:
            report = run_worker(engine, options, extractor_factory(options),
                                on_article=lambda _id, n, error: bar(n, error))
        engine.dispose()
    else:
        engine.dispose()
        report = _run_processes(url, options, processes, extractor_factory, total, progress)
    report.seconds = time.perf_counter() - started
    return report


def _keep_events(events: Any) -> None:
    global _events
    _events = events


def _worker_main(url: str, options: AttributeOptions, factory: ExtractorFactory) -> None:
    engine = open_engine(url)
    try:
        report = run_worker(engine, options, factory(options),
                            on_article=lambda _id, n, error: _events.put(("article", n, error)))
    except BaseException as exc:
        _events.put(("crash", 0, f"worker {os.getpid()} stopped: {exc!r}"))
        raise
    finally:
        engine.dispose()
    _events.put(("done", report.articles, None))


def _run_processes(url: str, options: AttributeOptions, processes: int, factory: ExtractorFactory, total: int,
                   progress: ProgressBar | None) -> AttributeReport:
    events = multiprocessing.get_context("spawn").Queue()
    report = AttributeReport()
    with services.worker_pool(processes, _keep_events, (events,)) as pool, _tally(progress, total) as bar:
        workers = [pool.submit(_worker_main, url, options, factory) for _ in range(processes)]
        finished = 0
        while finished < processes:
            try:
                kind, n, error = events.get(timeout=1.0)
            except queue.Empty:
                if all(worker.done() for worker in workers):
                    break  # a worker died without a word (killed): the others have said theirs
                continue
            if kind == "article":
                _count(report, n, error)
                bar(n, error)
            elif kind == "crash":
                report.errors.append(error)
            else:
                finished += 1
    # A worker that raised said so ("crash"); one that was killed outright breaks the pool.
    if any(isinstance(worker.exception(), BrokenProcessPool) for worker in workers):
        report.errors.append("a worker process was killed before it finished")
    return report


def _count(report: AttributeReport, mentions: int, error: str | None) -> None:
    if error:
        report.errors.append(error)
    else:
        report.articles += 1
    report.mentions += mentions


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
        yield lambda _mentions, _error: None
        return
    with progress("attribute", total) as advance:
        yield _Tally(advance)

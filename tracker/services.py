"""The services that compose the packages, each made in this one place: the attribution Extractor, the
attribution version stored with its quotations, and pools of worker processes.

The commands call these; the crawl receives them as Scrapy settings (:func:`crawl_services`: the services
by name, Scrapy's way of naming components), so that ``crawler/`` never imports ``tracker``. Two pools stay
where they are: ``reports/`` forks its page writers (tuned for the report build's speed, docs/reports.md),
and ``attribution.parallel`` serves ``Extractor.extract_many(processes=N)`` of the library itself, which
imports nothing of ours; :func:`extract_parallel` is the tracker's way in.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tracker.settings import one_native_thread

if TYPE_CHECKING:
    from attribution import Extractor, Quote


def attribution_version() -> str:
    """The version stored with every attribution: a newer one makes `quotes attribute` redo the older."""
    from attribution import ATTRIBUTION_VERSION

    return ATTRIBUTION_VERSION


def crawl_services() -> dict[str, str]:
    """The Scrapy settings that give a crawl its services (read by crawler/pipelines.py)."""
    return {
        "QUOTES_EXTRACTOR": f"{__name__}.extractor",
        "QUOTES_WORKER_POOL": f"{__name__}.worker_pool",
        "QUOTES_ATTRIBUTION_VERSION": attribution_version(),
    }


@lru_cache(maxsize=2)
def extractor(model_name: str | None = None) -> Extractor:
    """The attribution Extractor on spaCy pipeline ``model_name`` (None: attribution's default), built
    once per process and model: loading spaCy takes seconds."""
    from attribution import Extractor

    return Extractor(model_name)


def extract_parallel(docs: Iterable[tuple[str, Any]], processes: int, batch_size: int,
                     model_name: str | None) -> Iterator[list[Quote] | Exception]:
    """Quotations of each (text, published) pair in input order, from ``processes`` worker processes
    that each build their own pipeline (this process loads none); a document the pipeline fails on
    yields its exception in its place, so it costs only itself."""
    from attribution.parallel import extract_parallel as run

    return run(docs, processes, batch_size, model_name, isolate_failures=True)


def worker_pool(processes: int, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``processes`` fresh worker processes (spawned: no inherited connections, threads or
    locks), each with one native (BLAS/OpenMP) thread, each exiting when this process is gone, then
    running ``initializer(*initargs)``."""
    import multiprocessing

    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))


def _start_worker(parent_pid: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    one_native_thread()  # before the worker's first numpy import
    exit_with_parent(parent_pid)
    if initializer is not None:
        initializer(*initargs)


def exit_with_parent(parent_pid: int) -> None:
    """In a worker: exit when the process that started it is gone. One killed with SIGKILL cannot shut
    its pool down, and an idle worker would otherwise wait for work forever."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()

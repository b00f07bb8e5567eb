"""tracker/services.py is the one place that builds the Extractor, names the attribution version and
makes worker processes; the crawl finds its services by the names it is given."""

from __future__ import annotations

import os
import re
from pathlib import Path

from scrapy.utils.misc import load_object

from tracker import services

ROOT = Path(__file__).resolve().parent.parent
OUR_CODE = ("crawler", "db", "reports", "tracker")


def _files_matching(pattern: str) -> list[str]:
    return sorted(path.relative_to(ROOT).as_posix() for package in OUR_CODE for path in (ROOT / package).rglob("*.py")
                  if re.search(pattern, path.read_text("utf-8")))


def test_only_the_services_build_the_extractor() -> None:
    assert _files_matching(r"\bExtractor\(") == ["tracker/services.py"]


def test_the_attribution_version_is_looked_up_by_the_services_and_the_stores_default_only() -> None:
    assert _files_matching(r"\bATTRIBUTION_VERSION\b") == ["db/store.py", "tracker/services.py"]


def test_the_crawl_services_are_found_by_their_names() -> None:
    given = services.crawl_services()
    assert load_object(given["QUOTES_EXTRACTOR"]) is services.extractor
    assert load_object(given["QUOTES_WORKER_POOL"]) is services.worker_pool
    assert given["QUOTES_ATTRIBUTION_VERSION"] == services.attribution_version()


_MARK: list[str] = []


def _mark(value: str) -> None:
    _MARK.append(value)


def _worker_state() -> tuple[str | None, list[str], int]:
    return os.environ.get("OMP_NUM_THREADS"), _MARK, os.getppid()


def test_worker_pool_processes_have_one_native_thread_and_run_the_initializer() -> None:
    with services.worker_pool(1, initializer=_mark, initargs=("initialised",)) as pool:
        threads, marks, parent = pool.submit(_worker_state).result(timeout=60)
    assert (threads, marks, parent) == ("1", ["initialised"], os.getpid())

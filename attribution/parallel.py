"""extract_many over several processes: each worker loads its own pipeline once.

spaCy's own ``nlp.pipe(n_process=...)`` sends Docs back through msgpack, which cannot carry our Quote
objects on ``Doc._.quotes``; a process pool that returns lists of Quote (picklable) keeps the contract.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from attribution.pieces import CONTEXT_CHARS, PIECE_CHARS
from attribution.types import Quote

if TYPE_CHECKING:
    from attribution.extractor import Published

log = logging.getLogger(__name__)
_worker = None


def _init_worker(model_name: str | None, selective_parse: bool, calibrated: bool, piece_chars: int,
                 learned: bool = True, context_chars: int = CONTEXT_CHARS) -> None:
    global _worker
    from attribution.extractor import Extractor

    _worker = Extractor(model_name, selective_parse=selective_parse, calibrated=calibrated,
                        piece_chars=piece_chars, learned=learned, context_chars=context_chars)


def isolated(extractor: Any, chunk: list[tuple[str, Published]]) -> list[list[Quote] | Exception]:
    """The quotes of each document of ``chunk``; when the batch fails, its documents one by one, so a
    document the pipeline cannot process yields its exception and costs only itself."""
    try:
        return list(extractor.extract_many(chunk, batch_size=len(chunk) or 1))
    except Exception:  # noqa: BLE001 - find the culprit below
        log.warning("a batch failed; extracting its documents one by one")
    results: list[list[Quote] | Exception] = []
    for text, published in chunk:
        try:
            results.append(extractor.extract(text, published))
        except Exception as exc:  # noqa: BLE001 - the caller reports it for this document alone
            results.append(_picklable(exc))
    return results


def _picklable(exc: Exception) -> Exception:
    # A worker's result crosses a pipe: an exception that cannot be pickled would fail the whole pool.
    try:
        pickle.dumps(exc)
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def _run_chunk(chunk: list[tuple[str, Published]]) -> list[list[Quote] | Exception]:
    assert _worker is not None
    return isolated(_worker, chunk)


def _chunks(docs: Iterable[tuple[str, Published]], size: int) -> Iterator[list[tuple[str, Published]]]:
    iterator = iter(docs)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(docs: Iterable[tuple[str, Published]], processes: int, batch_size: int,
                     model_name: str | None = None, selective_parse: bool = True,
                     calibrated: bool = True, piece_chars: int = PIECE_CHARS,
                     learned: bool = True, isolate_failures: bool = False,
                     context_chars: int = CONTEXT_CHARS) -> Iterator[list[Quote] | Exception]:
    """Results in input order. Input is read a window of chunks at a time (Pool.imap would read it all).

    A document the pipeline fails on raises, or with ``isolate_failures`` yields its exception in its
    place while the others go on (a batch tool reports it on that document's own line).

    Needs no pipeline in the calling process: each worker builds ``Extractor(model_name)``.
    """
    context = multiprocessing.get_context("spawn")
    chunks = _chunks(docs, batch_size)
    with context.Pool(processes, initializer=_init_worker, initargs=(model_name, selective_parse, calibrated, piece_chars,
                                                                        learned, context_chars)) as pool:
        while window := list(islice(chunks, processes * 2)):
            for results in pool.imap(_run_chunk, window):
                for result in results:
                    if isinstance(result, Exception) and not isolate_failures:
                        raise result
                    yield result

"""extract_many over several processes: each worker loads its own pipeline once.

spaCy's own ``nlp.pipe(n_process=...)`` sends Docs back through msgpack, which cannot carry our Quote
objects on ``Doc._.quotes``; a process pool that returns lists of Quote (picklable) keeps the contract.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from attribution.pieces import PIECE_CHARS
from attribution.types import Quote

if TYPE_CHECKING:
    from attribution.extractor import Published

_worker = None


def _init_worker(model_name: str | None, selective_parse: bool, calibrated: bool, piece_chars: int,
                 learned: bool = True) -> None:
    global _worker
    from attribution.extractor import Extractor

    _worker = Extractor(model_name, selective_parse=selective_parse, calibrated=calibrated,
                        piece_chars=piece_chars, learned=learned)


def _run_chunk(chunk: list[tuple[str, Published]]) -> list[list[Quote]]:
    assert _worker is not None
    return list(_worker.extract_many(chunk, processes=1, batch_size=len(chunk) or 1))


def _chunks(docs: Iterable[tuple[str, Published]], size: int) -> Iterator[list[tuple[str, Published]]]:
    iterator = iter(docs)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(docs: Iterable[tuple[str, Published]], processes: int, batch_size: int,
                     model_name: str | None = None, selective_parse: bool = True,
                     calibrated: bool = True, piece_chars: int = PIECE_CHARS,
                     learned: bool = True) -> Iterator[list[Quote]]:
    """Results in input order. Input is read a window of chunks at a time (Pool.imap would read it all).

    Needs no pipeline in the calling process: each worker builds ``Extractor(model_name)``.
    """
    context = multiprocessing.get_context("spawn")
    chunks = _chunks(docs, batch_size)
    with context.Pool(processes, initializer=_init_worker, initargs=(model_name, selective_parse, calibrated, piece_chars,
                                                                        learned)) as pool:
        while window := list(islice(chunks, processes * 2)):
            for results in pool.imap(_run_chunk, window):
                yield from results

"""Terminal helpers shared by commands: progress bars only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Callable[[str], None]]:
    """A rich bar on stderr when it is a terminal; yields ``advance(note="")``, one call per item done.

    The note (a rate, a running count) is shown beside the counts. Off a terminal it draws nothing.
    """
    if not sys.stderr.isatty():
        yield lambda _note="": None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[note]}"), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(description, total=total, note="")
        yield lambda note="": bar.update(task, advance=1, note=note)


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, drawing a progress bar on stderr when it is a terminal."""
    with progress_bar(description, total) as advance:
        for item in items:
            yield item
            advance()

"""Terminal helpers shared by commands: live progress on a terminal, a periodic line otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

T = TypeVar("T")

#: Off a terminal (cron, systemd, a pipe), progress is one line on stderr at most this often.
LOG_EVERY_SECONDS = 60.0


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


class PeriodicLine:
    """Progress off a terminal: ``show(label, text)`` prints ``<time> label: text`` on stderr, at most
    once per ``every`` seconds for each label (the first call at once), so a scheduled run's log shows
    where a long job is without a line per item."""

    def __init__(self, every: float = LOG_EVERY_SECONDS) -> None:
        self.every = every
        self.last: dict[str, float] = {}

    def show(self, label: str, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not force and label in self.last and now - self.last[label] < self.every:
            return
        self.last[label] = now
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{stamp} {label}: {text}", file=sys.stderr, flush=True)


@contextmanager
def live_lines() -> Iterator[Callable[[str, str], None]]:
    """Yields ``show(label, text)``: one live line per label on a terminal (rich); off a terminal each
    call prints a line (the caller calls it every ``LOG_EVERY_SECONDS``)."""
    if not stderr_is_terminal():
        line = PeriodicLine()
        yield lambda label, text: line.show(label, text, force=True)
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.fields[note]}"),
               TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        tasks: dict[str, int] = {}

        def show(label: str, text: str) -> None:
            if label not in tasks:
                tasks[label] = progress.add_task(label, total=None, note="")
            progress.update(tasks[label], note=text)

        yield show


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Callable[[str], None]]:
    """A rich bar on stderr when it is a terminal; yields ``advance(note="")``, one call per item done.

    The note (a rate, a running count) is shown beside the counts. Off a terminal the count and the
    note are printed at most once a minute (``PeriodicLine``), and once more at the end.
    """
    if not stderr_is_terminal():
        line, done = PeriodicLine(), [0, ""]
        of = f"/{total}" if total is not None else ""

        def advance(note: str = "") -> None:
            done[0], done[1] = done[0] + 1, note
            line.show(description, f"{done[0]}{of} {note}".rstrip())

        yield advance
        if done[0]:
            line.show(description, f"{done[0]}{of} {done[1]}".rstrip(), force=True)
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

"""``quotes extract``: quotations of one file (.txt or .html), or of a JSON Lines batch (the evaluation contract).

Single file: prints JSON Lines: first ``{"document": {"path", "published", "text"}}`` (the text the offsets
index: for HTML, the main text extracted from the page), then one quotation object per line.

Batch: ``--input docs.jsonl --output preds.jsonl``; input lines ``{"id", "text", "published"}``; output one
line per input line in the same order, ``{"id", "quotes": [...]}``, or ``{"line": n, "error": "..."}`` for a
line that cannot be processed (the rest still is; exit status 2).

Input text is made storable first (lone surrogates and NUL become U+FFFD, one for one, so offsets hold);
a binary file (an executable, an image) is refused with one line rather than read as text.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from tracker.options import BatchSize, Processes, resolve

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
BINARY_SAMPLE_BYTES = 8192  # enough of the file's start to tell text from a binary format
MAX_UNDECODABLE_SHARE = 0.05  # more undecodable bytes than this in the sample: not a text file


class BadLine(ValueError):
    """An input line that is not a processable document."""


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)


def extract(
    file: Annotated[Path | None, typer.Argument(
        help="A .txt file, or an .html page whose main text is extracted first.")] = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date YYYY-MM-DD (to date 'said_on').")] = None,
    input: Annotated[Path | None, typer.Option(
        "--input", help="Batch: JSON Lines of {id, text, published} ('-' = stdin).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", help="Batch: where to write {id, quotes} lines ('-' = stdout, the default).")] = None,
    processes: Processes = None,
    batch_size: BatchSize = None,
) -> None:
    """Find every quotation with its speaker, cue and date; print them as JSON Lines."""
    if (file is None) == (input is None):
        raise typer.BadParameter("give either FILE or --input (not both)")
    if input is not None:
        if str(input) != "-" and not input.is_file():
            raise fail(f"--input {input}: no such file")
        settings = resolve(processes=processes, batch_size=batch_size)
        errors = run_batch(input, output or Path("-"), processes=settings.processes, batch_size=settings.batch_size)
        if errors:
            raise typer.Exit(2)
        return
    assert file is not None
    _extract_file(file, published)


# ---------------------------------------------------------------------------------------------- one file
def _extract_file(path: Path, published: str | None) -> None:
    from attribution.extractor import parse_published

    if not path.is_file():
        raise fail(f"no such file: {path}")
    raw = path.read_bytes()
    if looks_binary(raw[:BINARY_SAMPLE_BYTES]):
        raise fail(f"{path}: not a text or HTML file (binary content); give a .txt or .html file")
    try:
        published_date = parse_published(published)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from exc
    if path.suffix.lower() in HTML_SUFFIXES:
        text, page_date = main_text_of_html(raw)
        published_date = published_date or page_date
    else:
        text = raw.decode("utf-8", errors="replace")
    from attribution.cleaning import storable  # not at import: the CLI's start-up stays light

    text = storable(text)
    extractor = _extractor()
    quotes = extractor.extract(text, published_date)
    out = sys.stdout
    document = {"path": str(path), "published": published_date.isoformat() if published_date else None,
                "text": text}
    out.write(json.dumps({"document": document}, ensure_ascii=False) + "\n")
    for quote in quotes:
        out.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")
    log.info("%d quotations in %s", len(quotes), path)


def looks_binary(sample: bytes) -> bool:
    """A NUL byte, or many bytes that are not UTF-8: an executable, an image, an archive (not text)."""
    if b"\x00" in sample:
        return True
    decoded = sample.decode("utf-8", errors="replace")
    cut = decoded[-3:].count("\ufffd")  # a character cut at the sample's end is not evidence
    return decoded.count("\ufffd") - cut > MAX_UNDECODABLE_SHARE * max(len(decoded), 1)


def fail(message: str) -> typer.Exit:
    """One line on stderr and exit status 2 (bad input), no traceback."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def main_text_of_html(html: bytes) -> tuple[str, dt.date | None]:
    """The page's main text (crawler.extraction, trafilatura underneath) and its publication date."""
    from crawler.extraction import extract_page

    page = extract_page(html, None)
    if not page.text:
        raise typer.BadParameter(f"no main text could be extracted from the page (status {page.status})",
                                 param_hint="FILE")
    published = page.published.date() if page.published else None
    return page.text, published


def _extractor():
    from tracker import services

    return services.extractor(resolve().spacy_model)


# ---------------------------------------------------------------------------------------------- batch
def parse_line(line: str, number: int) -> tuple[str, str, dt.date | None]:
    """(id, text, published) of one input line, or BadLine saying what is wrong with it."""
    from attribution.extractor import parse_published

    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(data, dict):
        raise BadLine("not a JSON object")
    text = data.get("text")
    if not isinstance(text, str):
        raise BadLine("no text" if text is None else "text is not a string")
    doc_id = data.get("id", number)
    try:
        published = parse_published(data.get("published"))
    except ValueError as exc:
        raise BadLine(str(exc)) from exc
    from attribution.cleaning import storable

    return storable(str(doc_id)), storable(text), published


def run_batch(input_path: Path, output_path: Path, *, processes: int, batch_size: int) -> int:
    """Stream ``input_path`` through the Extractor into ``output_path``; returns the number of bad lines."""
    from tracker.console import progress

    pending: deque[dict[str, Any]] = deque()  # output slots in input order: errors, or ids awaiting quotes
    counts = {"documents": 0, "quotes": 0, "errors": 0}

    def documents(stream: IO[str]) -> Iterator[tuple[str, dt.date | None]]:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                doc_id, text, published = parse_line(line, number)
            except BadLine as exc:
                pending.append({"line": number, "error": str(exc)})
                counts["errors"] += 1
                continue
            pending.append({"id": doc_id, "line": number})  # "line" is dropped unless the document fails
            yield text, published

    with _open(input_path, "r") as source, _open(output_path, "w") as sink:
        total = _count_lines(input_path)
        if processes > 1:  # the workers load the pipeline; this process needs none
            from tracker import services

            results = services.extract_parallel(documents(source), processes, batch_size, resolve().spacy_model)
        else:
            results = _isolated(_extractor(), documents(source), batch_size)
        for quotes in progress(results, "extracting", total=total):
            _flush_errors(pending, sink)
            slot = pending.popleft()
            number = slot.pop("line")
            if isinstance(quotes, Exception):  # this document alone failed: its line says why
                slot = {"line": number, "error": f"extraction failed: {type(quotes).__name__}: {quotes}"}
                counts["errors"] += 1
            else:
                slot["quotes"] = [q.to_dict() for q in quotes]
                counts["documents"] += 1
                counts["quotes"] += len(quotes)
            sink.write(json.dumps(slot, ensure_ascii=False) + "\n")
        _flush_errors(pending, sink)
    print(f"extract: {counts['documents']} documents, {counts['quotes']} quotations, "
          f"{counts['errors']} bad lines", file=sys.stderr)
    return counts["errors"]


def _isolated(extractor: Any, docs: Iterator[tuple[str, dt.date | None]], batch_size: int) -> Iterator[Any]:
    """The quotes of each document in order, batch by batch; a document the pipeline cannot process
    yields its exception and costs only itself (the same isolation as the worker processes')."""
    from attribution.parallel import isolated

    while chunk := list(islice(docs, batch_size)):
        yield from isolated(extractor, chunk)


def _flush_errors(pending: deque[dict[str, Any]], sink: IO[str]) -> None:
    while pending and "error" in pending[0]:
        sink.write(json.dumps(pending.popleft(), ensure_ascii=False) + "\n")


def _open(path: Path, mode: str) -> IO[str]:
    if str(path) == "-":
        stream = sys.stdin if mode == "r" else sys.stdout
        return _Unclosed(stream)  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8", errors="replace" if mode == "r" else "strict")


def _count_lines(path: Path) -> int | None:
    """Line count for the progress bar (a cheap streaming pass), only for regular files on a terminal."""
    if str(path) == "-" or not sys.stderr.isatty():
        return None
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


class _Unclosed:
    """stdin/stdout as a context manager that does not close them."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def __enter__(self) -> IO[str]:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        self.stream.flush()

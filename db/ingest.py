"""Ingest without a crawler: JSON Lines and WARC files into the store, attributed on the way.

The readers turn a file into raw items (a JSON object per line, an HTML response per WARC
record); ``ingest_files`` turns each into an ArticleRecord (HTML through the injected
``extract_html``, e.g. ``crawler.extraction.extract_page``, so db imports nothing of the crawler),
skips URLs already stored, attributes the rest in batches with the injected Extractor and stores
each article with its mentions in one transaction. A bad line is reported with its file and line
number and the rest of the file is processed.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import Engine

from attribution.cleaning import storable
from db.records import ArticleRecord
from db.store import EmptyArticleError, seen_urls, store_article, validate_record
from db.urls import url_hash

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 32
HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


class PageExtractor(Protocol):
    """What ``crawler.extraction.extract_page`` returns: an object with ``to_record``."""

    def to_record(self, url: str, outlet: str | None = None, fetched_at: datetime | None = None,
                  keep_html: bool = True) -> ArticleRecord: ...


ExtractHtml = Callable[..., PageExtractor]
Progress = Callable[[Iterable[Any], str, "int | None"], Iterable[Any]]


class BadRecord(ValueError):
    """One input line/record that cannot become an article."""


@dataclass(slots=True)
class RawItem:
    """One article as read from a file, before extraction: where it came from and what it says."""

    source: str  # "file:line" or "file#record", for error messages
    data: dict[str, Any] | None = None  # a JSON Lines object
    html: bytes | None = None  # a WARC response body
    url: str | None = None
    fetched_at: datetime | None = None
    headers: dict[str, str] | None = None
    error: str | None = None  # the reader could not make sense of it


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    already: int = 0
    mentions: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"read {self.read} records: {self.stored} articles stored ({self.mentions} quotations), "
                f"{self.already} already stored, {len(self.errors)} errors")
        return text + "".join(f"\n  error: {e}" for e in self.errors[:20]) + (
            f"\n  ... and {len(self.errors) - 20} more" if len(self.errors) > 20 else "")


# --- readers ------------------------------------------------------------------------------------


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if _is_gzip(path) else path.open("rb")


def _lines(handle: IO[bytes], path: Path) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; (n, None) and stop where the file cannot be read further (a cut-off gzip)."""
    number = 0
    try:
        for number, raw in enumerate(handle, start=1):  # noqa: B007 - number is used after the loop
            yield number, raw
    except (OSError, EOFError) as exc:
        log.error("%s: unreadable after line %d: %s", path.name, number, exc)
        yield number + 1, None


def read_jsonl(path: Path) -> Iterator[RawItem]:
    """One RawItem per non-blank line; undecodable bytes become U+FFFD (with a warning), bad JSON an error."""
    with _open_binary(path) as handle:
        for number, raw in _lines(handle, path):
            source = f"{path.name}:{number}"
            if raw is None:
                yield RawItem(source, error="the file is truncated or corrupt here; the lines before it were read")
                return
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                log.warning("%s: invalid UTF-8 at byte %d, replaced by U+FFFD", source, exc.start)
                line = raw.decode("utf-8", "replace")
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RawItem(source, error=f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(data, dict):
                yield RawItem(source, error=f"expected a JSON object, got {type(data).__name__}")
                continue
            yield RawItem(source, data=_storable_json(data))


def _storable_json(value: Any) -> Any:
    """Every string of a decoded JSON value made storable (a ``"\\ud800"`` escape decodes to a lone
    surrogate that spaCy and the database cannot encode), before anything else sees it."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(k): _storable_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable_json(v) for v in value]
    return value


def read_warc(path: Path) -> Iterator[RawItem]:
    """One RawItem per HTML response record (other records are skipped). A record cut short (a
    truncated file) becomes an error naming its byte offset and is not stored, so a later ingest of
    the complete file stores the page whole; so does a gzip stream that ends early."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    truncated = False
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for item in _warc_items(path, records):
                truncated = truncated or item.error is not None
                yield item
        # warcio raises AttributeError on a record cut inside its WARC headers (no target URI yet)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError) as exc:
            yield RawItem(f"{path.name}@{_offset(records)}",
                          error=f"the WARC file is malformed at byte {_offset(records)}: {exc}")
            return
    cut = None if truncated else _gzip_cut_at(path)
    size = path.stat().st_size
    if cut is None and not truncated and not _is_gzip(path) and records.offset < size:
        # warcio stops silently on a record cut inside its headers: the bytes after the last record remain
        yield RawItem(f"{path.name}@{records.offset}", error=f"the WARC file is truncated: an incomplete record "
                                                             f"at byte {records.offset} of {size}; not stored")
    if cut is not None:
        yield RawItem(f"{path.name}@{cut}", error=f"the WARC file is truncated: its gzip stream ends early "
                                                  f"(byte {cut} of {path.stat().st_size})")


def _offset(records: Any) -> int:
    try:
        return int(records.get_record_offset())
    except (AttributeError, TypeError, ValueError):
        return 0


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as probe:
        return probe.read(2) == b"\x1f\x8b"


def _gzip_cut_at(path: Path) -> int | None:
    """Where a gzipped file's stream ends early (its size), or None when it is whole or not gzipped."""
    if not _is_gzip(path):
        return None
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (OSError, EOFError):
        return path.stat().st_size
    return None


def _warc_items(path: Path, records: Any) -> Iterator[RawItem]:
    for number, record in enumerate(records, start=1):
        item = _html_response(path, number, record)
        record.raw_stream.read()  # drain what was not read, so a cut shows whatever the record's type
        if record.raw_stream.limit > 0:  # the block ends before its Content-Length: the file was cut here
            offset = records.get_record_offset()
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield RawItem(f"{path.name}@{offset}", url=url,
                          error=f"WARC record at byte {offset} ({url}) is truncated: "
                                f"{record.raw_stream.limit} of its {record.length} bytes are missing; not stored")
        elif item is not None:
            yield item


def _html_response(path: Path, number: int, record: Any) -> RawItem | None:
    """The RawItem of a 200 HTML response record, else None (other records are skipped)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not any(kind in content_type for kind in HTML_TYPES):
        return None
    status = record.http_headers.get_statuscode()
    source = f"{path.name}#{number}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    if status != "200":
        log.info("%s: skipping HTTP %s response for %s", source, status, url)
        return None
    return RawItem(source, html=record.content_stream().read(), url=url,
                   fetched_at=_parse_datetime(record.rec_headers.get_header("WARC-Date")),
                   headers=dict(record.http_headers.headers))


def is_warc(path: Path) -> bool:
    """A WARC file by its first bytes (gzipped or not), whatever its name."""
    try:
        with _open_binary(path) as handle:
            return handle.read(5) == b"WARC/"
    except (OSError, EOFError):  # a truncated gzip: let the JSON Lines reader report it per line
        return False


def read_file(path: Path) -> Iterator[RawItem]:
    """The items of a WARC or JSON Lines file (told apart by content; a file named .warc that is no
    WARC is one error, not a JSON Lines file of bad lines)."""
    if is_warc(path):
        return read_warc(path)
    if path.name.lower().endswith(WARC_SUFFIXES):
        return iter([RawItem(f"{path.name}@0", error="not a WARC file (no WARC/ record header at byte 0)")])
    return read_jsonl(path)


# --- records -----------------------------------------------------------------------------------


def _parse_datetime(value: Any) -> datetime | None:
    """ISO date or datetime -> aware datetime (UTC when no zone is given); None stays None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadRecord(f"date must be a string, got {value!r}")
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            import dateparser

            parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})
            if parsed is None:
                raise BadRecord(f"unreadable date {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _authors(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return value
    raise BadRecord(f"authors must be a string or a list of strings, got {value!r}")


def _str_field(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None or isinstance(value, str):
        return value
    raise BadRecord(f"{name!r} must be a string, got {type(value).__name__}")


def record_from_json(item: RawItem, extract_html: ExtractHtml | None, outlet: str | None) -> ArticleRecord:
    """An ArticleRecord from one JSON Lines object: explicit fields win over what extraction finds."""
    data = item.data or {}
    url = _str_field(data, "url")
    if not url or not url.strip():
        raise BadRecord('missing "url"')
    text, html = _str_field(data, "text"), _str_field(data, "html")
    published_raw = data.get("published")
    published = _parse_datetime(published_raw)
    fetched_at = _parse_datetime(data.get("fetched_at"))
    record_outlet = _str_field(data, "outlet") or outlet
    if text is None and html is None:
        raise BadRecord('needs "text" or "html"')
    if text is None:
        if extract_html is None:
            raise BadRecord('"html" given but no HTML extractor is installed (crawler extras)')
        record = extract_html(html, url=url).to_record(url, outlet=record_outlet, fetched_at=fetched_at)
    else:
        record = ArticleRecord(url=url, text=text, html=html, outlet=record_outlet, fetched_at=fetched_at)
    if data.get("title") is not None:
        record.title = _str_field(data, "title")
    if published is not None:
        record.published, record.published_raw = published, str(published_raw)
    if data.get("authors") is not None:
        record.authors = _authors(data.get("authors"))
    for name in ("canonical_url", "language"):
        if data.get(name) is not None:
            setattr(record, name, _str_field(data, name))
    if data.get("paywalled") is not None:
        record.paywalled = bool(data["paywalled"])
    return record


def record_from_item(item: RawItem, extract_html: ExtractHtml | None, outlet: str | None) -> ArticleRecord:
    if item.error:
        raise BadRecord(item.error)
    if item.data is not None:
        record = record_from_json(item, extract_html, outlet)
    else:
        if extract_html is None:
            raise BadRecord("WARC HTML needs an HTML extractor (crawler extras)")
        page = extract_html(item.html or b"", url=item.url, headers=item.headers)
        record = page.to_record(item.url or "", outlet=outlet, fetched_at=item.fetched_at)
    record.text = storable(record.text) if record.text else record.text
    if record.title:
        record.title = storable(record.title)
    validate_record(record)  # no text -> EmptyArticleError, reported for this line only
    return record


# --- the loop ----------------------------------------------------------------------------------


def _batches(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    batch: list[RawItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _published_day(record: ArticleRecord) -> str | None:
    return record.published.date().isoformat() if record.published else None


def ingest_items(engine: Engine, items: Iterable[RawItem], *, extract_html: ExtractHtml | None = None,
                 extractor: Any = None, outlet: str | None = None, attribution_version: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, report: IngestReport | None = None) -> IngestReport:
    """Store ``items`` (attributing them when ``extractor`` is given); errors are collected per item."""
    report = report or IngestReport()
    for batch in _batches(items, batch_size):
        records: list[ArticleRecord] = []
        sources: list[str] = []
        for item in batch:
            report.read += 1
            try:
                records.append(record_from_item(item, extract_html, outlet))
                sources.append(item.source)
            except (BadRecord, EmptyArticleError, ValueError) as exc:
                report.errors.append(f"{item.source}: {exc}")
                log.error("%s: %s", item.source, exc)
        _store_batch(engine, records, sources, extractor, attribution_version, report)
    return report


def _store_batch(engine: Engine, records: list[ArticleRecord], sources: list[str], extractor: Any,
                 version: str | None, report: IngestReport) -> None:
    stored = seen_urls(engine, [r.url for r in records])
    fresh: list[tuple[ArticleRecord, str]] = []
    hashes: set[str] = set()
    for record, source in zip(records, sources, strict=True):
        digest = url_hash(record.url)
        if record.url in stored or digest in hashes:  # stored before, or twice in this batch
            report.already += 1
            continue
        hashes.add(digest)
        fresh.append((record, source))
    found = _attribute(extractor, fresh, report) if extractor is not None else [None] * len(fresh)
    for (record, source), quotes in zip(fresh, found, strict=True):
        if quotes is False:  # attribution failed for this one: reported, not stored, a rerun retries it
            continue
        try:
            result = store_article(engine, record, quotes, attribution_version=version)
        except (EmptyArticleError, ValueError) as exc:
            report.errors.append(f"{source}: {exc}")
            log.error("%s: %s", source, exc)
            continue
        if result.created:
            report.stored += 1
            report.mentions += result.n_mentions
        else:
            report.already += 1


def _attribute(extractor: Any, fresh: list[tuple[ArticleRecord, str]], report: IngestReport) -> list[Any]:
    """Quotes per record, in one batch; if the batch fails, one by one so one bad text costs itself only."""
    inputs = [(record.text, _published_day(record)) for record, _ in fresh]
    try:
        return list(extractor.extract_many(inputs))
    except Exception:  # noqa: BLE001 - isolate the culprit below
        log.warning("batch attribution failed; attributing one by one")
    results: list[Any] = []
    for (text, published), (_, source) in zip(inputs, fresh, strict=True):
        try:
            results.append(extractor.extract(text, published=published))
        except Exception as exc:  # noqa: BLE001 - reported per article
            report.errors.append(f"{source}: attribution failed: {exc}")
            log.error("%s: attribution failed: %s", source, exc)
            results.append(False)
    return results


def ingest_files(engine: Engine, paths: Iterable[Path], *, extract_html: ExtractHtml | None = None,
                 extractor: Any = None, outlet: str | None = None, attribution_version: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None) -> IngestReport:
    """Ingest JSON Lines and WARC files; see ``ingest_items``."""
    report = IngestReport()
    for path in paths:
        items: Iterable[RawItem] = read_file(Path(path))
        if progress is not None:
            items = progress(items, f"ingest {Path(path).name}", None)
        ingest_items(engine, items, extract_html=extract_html, extractor=extractor, outlet=outlet,
                     attribution_version=attribution_version, batch_size=batch_size, report=report)
    return report

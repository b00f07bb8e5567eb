"""Streaming export of quotes, mentions, articles and people as CSV or JSON Lines.

Rows are read with ``yield_per`` (a server-side cursor on PostgreSQL, a stepped cursor on SQLite)
and written as they arrive, so memory stays flat however large the database is. Quotes carry
their mentions nested; they come from one query ordered by quotation, grouped on the fly.

Contract (others rely on it): an ``articles`` object has at least url (as fetched),
canonical_url, title, authors, published, outlet, text, language, paywalled; a ``quotes`` object
has quote_id, text, speaker, first_seen, said_on, n_articles, corrected (a mention was corrected by
hand) and mentions ``[{url, start, end, speaker_mention, cue, type, confidence, correction_id}]``.
Mentions rejected by hand (``quotes mentions reject``) are not in the database's mentions any more:
no export shows them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import groupby
from typing import Any, TextIO

from sqlalchemy import Engine, Select, exists, select
from sqlalchemy.orm import aliased

from db.models import Article, Mention, Outlet, Person, Quotation
from db.search import day_after, day_start

EXPORT_KINDS = ("quotes", "mentions", "articles", "people")
FORMATS = ("jsonl", "csv")
DEFAULT_BATCH = 1000

QUOTE_FIELDS = (
    "quote_id", "text", "speaker", "speaker_qid", "first_seen", "last_seen", "said_on",
    "n_articles", "n_mentions", "speaker_distribution", "corrected", "mentions",
)  # fmt: skip
QUOTE_MENTION_FIELDS = (
    "url", "start", "end", "speaker_mention", "cue", "type", "confidence",
    "speaker", "said_on", "published", "outlet", "correction_id",
)  # fmt: skip
MENTION_FIELDS = (
    "mention_id", "quote_id", "text", "speaker", "speaker_resolved", "speaker_mention", "cue", "type",
    "confidence", "said_on", "start", "end", "sentence", "attribution_version",
    "article_id", "url", "canonical_url", "title", "published", "outlet", "correction_id",
)  # fmt: skip
ARTICLE_FIELDS = (
    "article_id", "url", "canonical_url", "title", "authors", "published", "published_raw", "fetched_at",
    "outlet", "text", "language", "paywalled", "extraction_status", "attribution_version",
)  # fmt: skip
PEOPLE_FIELDS = (
    "person_id", "name", "kind", "wikidata_qid", "description", "merged_into", "aliases",
    "n_quotations",
)  # fmt: skip
FIELDS = {
    "quotes": QUOTE_FIELDS,
    "mentions": MENTION_FIELDS,
    "articles": ARTICLE_FIELDS,
    "people": PEOPLE_FIELDS,
}


class ExportError(ValueError):
    """An export request that cannot be served (unknown kind or format)."""


def _stream(engine: Engine, stmt: Select, batch: int) -> Iterator[Any]:
    with engine.connect() as conn:
        yield from conn.execution_options(yield_per=batch).execute(stmt)


def _between(column: Any, since: date | None, until: date | None) -> list[Any]:
    conditions = []
    if since is not None:
        conditions.append(column >= day_start(since))
    if until is not None:
        conditions.append(column < day_after(until))
    return conditions


# --- quotes -------------------------------------------------------------------------------------


def _quotes(engine: Engine, person_ids: set[int] | None, since: date | None, until: date | None, batch: int):
    speaker = aliased(Person)
    mention_speaker = aliased(Person)
    stmt = (
        select(
            Quotation.id,
            Quotation.text,
            speaker.name,
            speaker.wikidata_qid,
            Quotation.first_seen,
            Quotation.last_seen,
            Quotation.said_on,
            Quotation.n_articles,
            Quotation.n_mentions,
            Quotation.speaker_distribution,
            Mention.id,
            Article.url,
            Mention.start,
            Mention.end,
            Mention.speaker_mention,
            Mention.cue,
            Mention.type,
            Mention.confidence,
            mention_speaker.name,
            Mention.said_on,
            Article.published,
            Outlet.name,
            Mention.correction_id,
        )  # fmt: skip
        .outerjoin(speaker, speaker.id == Quotation.person_id)
        .outerjoin(Mention, Mention.quotation_id == Quotation.id)
        .outerjoin(Article, Article.id == Mention.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(mention_speaker, mention_speaker.id == Mention.person_id)
        .where(*_between(Quotation.first_seen, since, until))
        .order_by(Quotation.id, Mention.id)
    )
    if person_ids is not None:
        stmt = stmt.where(Quotation.person_id.in_(sorted(person_ids)))
    for _, rows in groupby(_stream(engine, stmt, batch), key=lambda row: row[0]):
        rows = list(rows)  # one quotation's mentions: bounded by its own size, not the database's
        head = rows[0]
        mentions = [dict(zip(QUOTE_MENTION_FIELDS, row[11:], strict=True)) for row in rows if row[10] is not None]
        yield {
            "quote_id": head[0],
            "text": head[1],
            "speaker": head[2],
            "speaker_qid": head[3],
            "first_seen": head[4],
            "last_seen": head[5],
            "said_on": head[6],
            "n_articles": head[7],
            "n_mentions": head[8],
            "speaker_distribution": head[9] or {},
            "corrected": any(mention["correction_id"] is not None for mention in mentions),
            "mentions": mentions,
        }


# --- mentions -----------------------------------------------------------------------------------


def _mentions(
    engine: Engine, person_ids: set[int] | None, since: date | None, until: date | None, batch: int
):
    stmt = (
        select(
            Mention.id,
            Mention.quotation_id,
            Mention.text,
            Person.name,
            Mention.speaker,
            Mention.speaker_mention,
            Mention.cue,
            Mention.type,
            Mention.confidence,
            Mention.said_on,
            Mention.start,
            Mention.end,
            Mention.sentence,
            Mention.attribution_version,
            Article.id,
            Article.url,
            Article.canonical_url,
            Article.title,
            Article.published,
            Outlet.name,
            Mention.correction_id,
        )  # fmt: skip
        .join(Article, Article.id == Mention.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(Person, Person.id == Mention.person_id)
        .where(*_between(Article.published, since, until))
        .order_by(Mention.id)
    )
    if person_ids is not None:
        stmt = stmt.where(Mention.person_id.in_(sorted(person_ids)))
    for row in _stream(engine, stmt, batch):
        yield dict(zip(MENTION_FIELDS, row, strict=True))


# --- articles -----------------------------------------------------------------------------------


def _articles(
    engine: Engine, person_ids: set[int] | None, since: date | None, until: date | None, batch: int
):
    stmt = (
        select(
            Article.id,
            Article.url,
            Article.canonical_url,
            Article.title,
            Article.authors,
            Article.published,
            Article.published_raw,
            Article.fetched_at,
            Outlet.name,
            Article.text,
            Article.language,
            Article.paywalled,
            Article.extraction_status,
            Article.attribution_version,
        )  # fmt: skip
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(*_between(Article.published, since, until))
        .order_by(Article.id)
    )
    if person_ids is not None:
        quoted = exists().where(Mention.article_id == Article.id, Mention.person_id.in_(sorted(person_ids)))
        stmt = stmt.where(quoted)
    for row in _stream(engine, stmt, batch):
        record = dict(zip(ARTICLE_FIELDS, row, strict=True))
        record["authors"] = record["authors"] or []
        record["paywalled"] = bool(record["paywalled"])
        yield record


# --- people -------------------------------------------------------------------------------------


def _people(engine: Engine, person_ids: set[int] | None, since: date | None, until: date | None,
            batch: int):  # noqa: ARG001 - the exporters' one signature; people are few, read at once
    from db.people import iter_people

    quoted = _between(Quotation.first_seen, since, until)
    for person in iter_people(engine, include_merged=True, person_ids=person_ids, quoted=quoted):
        yield {
            "person_id": person.id,
            "name": person.name,
            "kind": person.kind,
            "wikidata_qid": person.wikidata_qid,
            "description": person.description,
            "merged_into": person.merged_into,
            "aliases": person.aliases,
            "n_quotations": person.n_quotations,
        }


_EXPORTERS: dict[str, Callable[..., Iterator[dict[str, Any]]]] = {
    "quotes": _quotes,
    "mentions": _mentions,
    "articles": _articles,
    "people": _people,
}


def iter_export(
    engine: Engine,
    kind: str,
    *,
    person_ids: Iterable[int] | None = None,
    since: date | None = None,
    until: date | None = None,
    batch: int = DEFAULT_BATCH,
) -> Iterator[dict[str, Any]]:
    """Stream the ``kind`` records as dicts (datetimes as datetime objects).

    ``person_ids`` (from ``db.people.person_ids_for``) keeps one speaker's records; ``since`` and
    ``until`` (inclusive days) bound quotes by ``first_seen``, mentions/articles by ``published``, and
    people to those with quotations first seen then (``n_quotations`` counts those).
    """
    if kind not in _EXPORTERS:
        raise ExportError(f"unknown export {kind!r}: choose one of {', '.join(EXPORT_KINDS)}")
    ids = set(person_ids) if person_ids is not None else None
    return _EXPORTERS[kind](engine, ids, since, until, batch)


# --- writers ------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    if value is None:
        return ""
    return value


def write_records(records: Iterable[dict[str, Any]], kind: str, fmt: str, out: TextIO) -> int:
    """Write ``records`` to ``out`` as ``jsonl`` or ``csv``; return how many were written.

    CSV has a header even when there are no records; nested values (a quote's mentions, authors,
    aliases) are JSON-encoded in their cell.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, default=_json_default, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=FIELDS[kind], extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({key: _csv_cell(value) for key, value in record.items()})
        count += 1
    return count


def export(
    engine: Engine,
    kind: str,
    fmt: str,
    out: TextIO,
    *,
    person_ids: Iterable[int] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Stream one export to ``out``; return the number of records."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return write_records(
        iter_export(engine, kind, person_ids=person_ids, since=since, until=until), kind, fmt, out
    )

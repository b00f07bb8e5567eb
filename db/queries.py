"""Researcher queries: a person's timeline, their monthly counts, and full-text search.

Every function takes an engine (or connection) and plain values and returns plain records, so a
notebook can use them as well as the CLI and the reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, String, cast, column, func, select, table
from sqlalchemy.engine import Connection

from db.models import Quotation
from db.search import SearchHit, day_after, day_start, search_quotations

__all__ = ["MonthCount", "SearchHit", "TimelineEntry", "monthly_counts", "search_quotations", "timeline"]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    quote_id: int
    text: str
    said_on: str | None
    first_seen: datetime | None
    n_articles: int
    n_mentions: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str  # YYYY-MM: when said if known to the month, else when first published
    n_quotations: int
    n_mentions: int


def _rows(bind: Engine | Connection, stmt):
    if isinstance(bind, Connection):
        return bind.execute(stmt).all()
    with bind.connect() as conn:
        return conn.execute(stmt).all()


def timeline(
    bind: Engine | Connection,
    person_ids: Iterable[int],
    *,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[TimelineEntry]:
    """A person's quotations in time order (the date said when known, else first seen), oldest first.

    ``person_ids`` is the person and everyone merged into them (``db.people.person_ids_for``);
    ``since``/``until`` (inclusive) bound ``first_seen``.
    """
    stmt = (
        select(
            Quotation.id,
            Quotation.text,
            Quotation.said_on,
            Quotation.first_seen,
            Quotation.n_articles,
            Quotation.n_mentions,
        )
        .where(Quotation.person_id.in_(sorted(set(person_ids))))
        .order_by(
            # said_on is text (YYYY[-MM[-DD]]); first_seen as text sorts the same way.
            func.coalesce(Quotation.said_on, cast(Quotation.first_seen, String)),
            Quotation.first_seen,
            Quotation.id,
        )
    )
    if since is not None:
        stmt = stmt.where(Quotation.first_seen >= day_start(since))
    if until is not None:
        stmt = stmt.where(Quotation.first_seen < day_after(until))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [TimelineEntry(*row) for row in _rows(bind, stmt)]


_PER_MONTH = table(
    "quotations_per_person_month",
    column("person_id"),
    column("month"),
    column("n_quotations"),
    column("n_mentions"),
)


def monthly_counts(bind: Engine | Connection, person_ids: Iterable[int]) -> list[MonthCount]:
    """Quotations and mentions per month for a person (from the ``quotations_per_person_month`` view)."""
    view = _PER_MONTH.c
    stmt = (
        select(view.month, func.sum(view.n_quotations), func.sum(view.n_mentions))
        .where(view.person_id.in_(sorted(set(person_ids))))
        .group_by(view.month)
        .order_by(view.month)
    )
    return [MonthCount(month, int(nq), int(nm or 0)) for month, nq, nm in _rows(bind, stmt)]

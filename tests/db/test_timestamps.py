"""Timestamps go in aware and come back aware, in UTC, on both backends; SQLite's stored text is parsed
by a fast path (db.models._sqlite_text_to_utc) that must agree with the general route."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from db.models import Outlet, _sqlite_text_to_utc
from db.records import ArticleRecord
from db.store import store_article

PARIS_SUMMER = timezone(timedelta(hours=2))


def test_an_aware_timestamp_is_read_back_as_the_same_instant_in_utc(engine):
    published = datetime(2018, 7, 17, 15, 45, 12, 250000, tzinfo=PARIS_SUMMER)
    fetched = datetime(2018, 7, 18, 0, 0, tzinfo=timezone.utc)
    store_article(engine, ArticleRecord(url="https://x.test/a", text="Words.", published=published,
                                        fetched_at=fetched, outlet="X"), None)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT id FROM articles")).one()
        from db.models import Article

        back = conn.execute(select(Article.published, Article.fetched_at).where(Article.id == row.id)).one()
        outlet_created = conn.execute(select(Outlet.name)).scalar()
    assert outlet_created == "X"
    assert back.published == published and back.published.utcoffset() == timedelta(0)
    assert back.published.hour == 13 and back.published.microsecond == 250000
    assert back.fetched_at == fetched and back.fetched_at.tzinfo is not None


@pytest.mark.parametrize(("stored", "expected"), [
    ("2018-07-17 13:45:12.000000", datetime(2018, 7, 17, 13, 45, 12, tzinfo=timezone.utc)),  # SQLAlchemy's format
    ("2018-07-17 13:45:12", datetime(2018, 7, 17, 13, 45, 12, tzinfo=timezone.utc)),
    ("2018-07-17T15:45:12+02:00", datetime(2018, 7, 17, 13, 45, 12, tzinfo=timezone.utc)),  # written by a tool
    ("2018-07-17", datetime(2018, 7, 17, tzinfo=timezone.utc)),
    (None, None),
])
def test_sqlite_text_of_any_iso_form_becomes_an_aware_utc_datetime(stored, expected):
    parsed = _sqlite_text_to_utc(stored)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() == timedelta(0)


def test_sqlite_text_that_is_not_a_date_is_an_error():
    with pytest.raises(ValueError):
        _sqlite_text_to_utc("yesterday")

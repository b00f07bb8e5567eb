"""The schema: outlets, articles, people and their aliases, quotations and their mentions, crawl state.

One model for SQLite (the embedded default) and PostgreSQL (the server). Alembic migrations in
db/migrations are generated from these models and must not drift from them.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

class JSONType(TypeDecorator[Any]):
    """JSON documents: JSONB on PostgreSQL, JSON elsewhere.

    A decorator rather than ``JSON().with_variant(JSONB(), "postgresql")`` so that the PostgreSQL dialect
    (and asyncio, which it pulls in) is imported only when PostgreSQL is used: every command imports the
    models, and on SQLite that import was a tenth of the start-up of `quotes report`.
    """

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on both backends: stored in UTC, always read back aware.

    SQLite has no time zone type, so naive values read from it are UTC by construction.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002 - SQLAlchemy's signature
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: timestamps must be timezone-aware")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002 - SQLAlchemy's signature
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        if dialect.name == "sqlite":
            return _sqlite_text_to_utc
        return super().result_processor(dialect, coltype)


_from_iso = datetime.fromisoformat


def _sqlite_text_to_utc(value: str | None) -> datetime | None:
    """SQLite's stored text ('2018-07-17 13:45:12.000000', UTC by construction) straight to an aware
    datetime: one C call, nine times faster than SQLAlchemy's parser plus ``replace`` (a report reads
    hundreds of thousands of timestamps)."""
    if value is None:
        return None
    if value.__class__ is str and len(value) == SQLITE_TEXT_LENGTH and value[10] == " ":
        return _from_iso(value + "+00:00")
    parsed = value if isinstance(value, datetime) else _from_iso(value)  # written by some other tool
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


SQLITE_TEXT_LENGTH = len("2018-07-17 13:45:12.000000")  # how SQLAlchemy writes DateTime to SQLite


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="outlet")


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)  # as fetched
    url_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the normalised URL
    canonical_url: Mapped[str | None] = mapped_column(Text)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSONType, default=list)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    published_raw: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    html_gz: Mapped[bytes | None] = mapped_column(LargeBinary)  # raw page, gzip: extraction can be rerun
    content_fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)  # syndicated copies
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    paywalled: Mapped[bool] = mapped_column(Boolean, default=False)
    extraction_status: Mapped[str] = mapped_column(String(32), default="ok")
    # Attribution state: NULL version = never attributed; claims are leases for shared workers.
    attribution_version: Mapped[str | None] = mapped_column(String(32), index=True)
    attributed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    outlet: Mapped[Outlet | None] = relationship(back_populates="articles")
    mentions: Mapped[list[Mention]] = relationship(back_populates="article", cascade="all, delete-orphan")


class Person(Base):
    """A speaker: a person or an organisation. Merged people keep their row (``merged_into_id``)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="person")  # person | organization
    wikidata_qid: Mapped[str | None] = mapped_column(String(32), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    aliases: Mapped[list[PersonAlias]] = relationship(back_populates="person", cascade="all, delete-orphan")


class PersonAlias(Base):
    __tablename__ = "person_aliases"
    __table_args__ = (UniqueConstraint("alias_norm", name="uq_person_aliases_alias_norm"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_norm: Mapped[str] = mapped_column(String(300))  # casefolded, punctuation-free: the lookup key
    source: Mapped[str] = mapped_column(String(32), default="attribution")  # attribution | import | merge

    person: Mapped[Person] = relationship(back_populates="aliases")


class Quotation(Base):
    """One distinct quotation, however many articles repeat it."""

    __tablename__ = "quotations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The identity key: sha256 of the normalised text and the speaker it was first filed under
    # (one wording said by two people is two quotations). Rows from before 0003: of the text alone.
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # sha256 of the normalised text alone: the exact-repeat lookup, shared by each speaker's quotation.
    wording_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)  # the longest surface form seen
    text_norm: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    speaker_distribution: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    said_on: Mapped[str | None] = mapped_column(String(10), index=True)  # YYYY, YYYY-MM or YYYY-MM-DD
    n_articles: Mapped[int] = mapped_column(Integer, default=0)
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person | None] = relationship()
    mentions: Mapped[list[Mention]] = relationship(back_populates="quotation")


class QuotationKey(Base):
    """Content-defined shingle keys of a quotation's surface forms: the index near-variant folding
    looks candidates up in, so a new quote is compared with a handful of quotations, not all of them.
    """

    __tablename__ = "quotation_keys"

    quotation_id: Mapped[int] = mapped_column(
        ForeignKey("quotations.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)


class Mention(Base):
    """One appearance of a quotation in an article, with the attribution as found there."""

    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end", name="uq_mentions_article_span"),
        Index("ix_mentions_person_said", "person_id", "said_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quotation_id: Mapped[int] = mapped_column(ForeignKey("quotations.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the surface form in this article
    type: Mapped[str] = mapped_column(String(16))  # direct | mixed | indirect
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    speaker: Mapped[str | None] = mapped_column(String(300))  # as resolved in the article
    speaker_kind: Mapped[str | None] = mapped_column(String(16))
    speaker_mention: Mapped[str | None] = mapped_column(String(300))  # as written
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(100))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    said_on: Mapped[str | None] = mapped_column(String(10))
    said_on_evidence: Mapped[str | None] = mapped_column(Text)
    attribution_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, server_default=func.now())
    # The hand correction (corrections.id) now applied to this mention, if any. No foreign key: the
    # column was added in place (SQLite cannot add one without rebuilding the table).
    correction_id: Mapped[int | None] = mapped_column(Integer)

    quotation: Mapped[Quotation] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship(back_populates="mentions")
    person: Mapped[Person | None] = relationship()


class Correction(Base):
    """A hand correction: who made it, when and why, what it changed (to undo it), and for a mention
    the article and span it applies to, so it is applied again after a re-attribution."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # rename | reassign | reject
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))  # renamed, or reassigned to
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    author: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by: Mapped[str | None] = mapped_column(String(100))


class Feed(Base):
    """Poll state of a feed or sitemap, for conditional GET."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    source: Mapped[str | None] = mapped_column(String(200))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[int | None] = mapped_column(Integer)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200), index=True)
    host: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    quotations: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    close_reason: Mapped[str | None] = mapped_column(String(100))
    blocked: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)


class Fetch(Base):
    """One fetched URL and what came of it, written as the crawl goes (a killed run keeps its rows).

    ``outcome``: article (stored by this fetch), duplicate (stored meanwhile by another process),
    not_article, front (a section front or home page: polled again every run), blocked (401/403),
    too_large, error (HTTP 4xx/5xx after retries, DNS, refused, timeout; retried with backoff by
    later runs) or listing (a feed or sitemap read). Which URLs a rerun skips is decided from these
    rows (``db.crawlstate.urls_not_due``).
    """

    __tablename__ = "fetches"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True)
    url: Mapped[str] = mapped_column(Text)
    url_hash: Mapped[str] = mapped_column(String(64), index=True)  # db.urls.url_hash, as articles.url_hash
    outcome: Mapped[str] = mapped_column(String(16))
    http_status: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(String(300))  # the page kind, or what failed
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

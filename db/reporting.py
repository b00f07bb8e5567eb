"""Read-only, streaming queries for the static report (reports/).

Nothing here loads ORM objects: every query is a Core ``select`` whose rows are streamed
(``stream_results`` + ``yield_per``), so a report over millions of mentions holds one figure's rows at a
time. Rows come back as small plain dataclasses/dicts that the report builder renders.

A *figure* is a person or organisation that quotations are attributed to (``quotations.person_id``),
with merged people folded into the person they were merged into.

Change detection for incremental rebuilds is done in SQL with cheap aggregates
(:func:`figure_fingerprints`, :func:`outlet_fingerprints`): a figure's fingerprint changes whenever one of
its quotations gains, loses or changes a mention, so the builder re-reads only those figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from db.engine import reader
from db.models import Article, Mention, Outlet, Person, Quotation

STREAM_BATCH = 2000
# Bound-parameter lists are chunked: SQLite allows 32766 variables, PostgreSQL 65535.
IN_CHUNK = 900
UNATTRIBUTED = 0  # figure id used for quotations without a resolved speaker


@dataclass(slots=True)
class MentionRow:
    """One appearance of a quotation in one article, with the attribution found there."""

    mention_id: int
    text: str
    type: str
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    sentence: str | None
    confidence: float
    said_on: str | None
    said_on_evidence: str | None
    article_id: int
    article_url: str
    article_title: str | None
    published: datetime | None
    fetched_at: datetime | None
    outlet_id: int | None
    outlet: str | None
    correction_id: int | None = None  # the hand correction applied to it (db.corrections), if any
    paywalled: bool = False


@dataclass(slots=True)
class QuotationRow:
    """A distinct quotation of a figure with every mention of it (filtered by outlet when asked)."""

    quotation_id: int
    figure_id: int
    text: str
    said_on: str | None
    first_seen: datetime | None
    n_articles: int
    mentions: list[MentionRow] = field(default_factory=list)

    when: str | None = None  # set by finish(): said_on, else the day it was first seen
    month: str | None = None  # the timeline's month; a year-only date counts in January of that year

    def finish(self) -> QuotationRow:
        """Order the mentions by date and work out ``when`` and ``month`` once (pages read them often)."""
        _sort_mentions(self)
        if self.said_on:
            self.when = self.said_on
        else:
            seen = self.first_seen or next((m.published or m.fetched_at for m in self.mentions
                                            if (m.published or m.fetched_at)), None)
            self.when = seen.date().isoformat() if seen else None
        if self.when:
            self.month = self.when[:7] if len(self.when) >= 7 else f"{self.when[:4]}-01"
        return self

    @property
    def n_carrying(self) -> int:
        """How many distinct articles carry it here (one article may quote it twice)."""
        mentions = self.mentions
        return len(mentions) if len(mentions) < 2 else len({m.article_id for m in mentions})

    @property
    def when_source(self) -> str:
        return "said_on" if self.said_on else "first_seen"

    @property
    def representative(self) -> MentionRow:
        """The mention whose attribution is shown: the one that gave ``said_on``, else the earliest."""
        for mention in self.mentions:
            if self.said_on and mention.said_on == self.said_on:
                return mention
        return self.mentions[0]

    @property
    def corrected(self) -> bool:
        """Was one of its mentions corrected by hand (reassigned to this speaker)?"""
        return any(mention.correction_id is not None for mention in self.mentions)


@dataclass(slots=True)
class FigureInfo:
    figure_id: int
    name: str
    kind: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """What the report covers. Dates are ISO strings compared as prefixes (``said_on`` may be YYYY-MM)."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    min_quotes: int = 1

    def admits(self, when: str | None) -> bool:
        if when is None:
            return self.since is None and self.until is None
        if self.since and when[: len(self.since)] < self.since[: len(when)]:
            return False
        if self.until and when[: len(self.until)] > self.until[: len(when)]:
            return False
        return True


def _figure_id_column():
    """``quotations.person_id`` with merges followed one hop (merges are flattened by db)."""
    merged = aliased(Person)
    return merged, func.coalesce(merged.merged_into_id, Quotation.person_id, literal(UNATTRIBUTED))


def _stream(engine: Engine, statement) -> Iterator:
    # reader(): no write lock on SQLite, so parallel report workers (and the crawler) never queue on it
    with reader(engine) as conn:
        result = conn.execution_options(stream_results=True, yield_per=STREAM_BATCH).execute(statement)
        yield from result


def _chunks(values: list[int], size: int = IN_CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def data_taken_at(engine: Engine) -> datetime | None:
    """When the newest article in the database was fetched: the 'data as of' of the whole report."""
    with reader(engine) as conn:
        return conn.execute(select(func.max(Article.fetched_at))).scalar()


def figures(engine: Engine) -> dict[int, FigureInfo]:
    """Every speaker that is not merged into another one, by id (people are few next to quotations)."""
    statement = select(Person.id, Person.name, Person.kind, Person.description).where(
        Person.merged_into_id.is_(None))
    return {row.id: FigureInfo(row.id, row.name, row.kind or "person", row.description)
            for row in _stream(engine, statement)}


def figure_fingerprints(engine: Engine) -> dict[int, tuple[int, int, int, int]]:
    """Per figure: (mentions, sum of mention ids, max mention id, sum of quotation ids).

    Mentions are only ever inserted or deleted (re-attribution replaces them), so any change to a figure's
    quotations, their articles' mentions or a speaker re-assignment changes one of these numbers.
    Grouped by ``quotations.person_id`` in SQL (an index-only scan) and folded into the figures that
    people were merged into here: joining ``people`` for every mention would cost the query twice as much.
    """
    statement = (
        select(Quotation.person_id, func.count(Mention.id), func.sum(Mention.id), func.max(Mention.id),
               func.sum(Quotation.id))
        .select_from(Quotation)
        .join(Mention, Mention.quotation_id == Quotation.id)
        .group_by(Quotation.person_id)
    )
    with reader(engine) as conn:
        merged_into = dict(conn.execute(select(Person.id, Person.merged_into_id)
                                        .where(Person.merged_into_id.is_not(None))).all())
    folded: dict[int, tuple[int, int, int, int]] = {}
    for person_id, count, total, largest, quotation_total in _stream(engine, statement):
        figure = UNATTRIBUTED if person_id is None else merged_into.get(person_id, person_id)
        row = (int(count), int(total or 0), int(largest or 0), int(quotation_total or 0))
        if figure in folded:
            before = folded[figure]
            row = (before[0] + row[0], before[1] + row[1], max(before[2], row[2]), before[3] + row[3])
        folded[figure] = row
    return folded


def linked_url():
    """The URL a report links an article to: its canonical URL when it has an http(s) one, else the URL
    it was fetched from (tracking parameters, AMP and mobile variants are what canonical URLs undo)."""
    return case((or_(Article.canonical_url.like("http://%"), Article.canonical_url.like("https://%")),
                 Article.canonical_url), else_=Article.url)


def _quotation_statement(outlet: str | None):
    """Rows of (figure, quotation, mention, article, outlet): the grouping reads them by position, so the
    columns from ``mention_id`` on are MentionRow's fields in its order."""
    merged, figure_id = _figure_id_column()
    statement = (
        select(
            figure_id.label("figure_id"), Quotation.id.label("quotation_id"), Quotation.text.label("q_text"),
            Quotation.said_on.label("q_said_on"), Quotation.first_seen, Quotation.n_articles, Mention.id.label("mention_id"), Mention.text, Mention.type, Mention.speaker,
            Mention.speaker_mention, Mention.cue, Mention.sentence, Mention.confidence, Mention.said_on,
            Mention.said_on_evidence, Article.id.label("article_id"), linked_url().label("url"), Article.title,
            Article.published, Article.fetched_at, Outlet.id.label("outlet_id"), Outlet.name.label("outlet"),
            Mention.correction_id,
            Article.paywalled,
        )
        .select_from(Mention)
        .join(Quotation, Quotation.id == Mention.quotation_id)
        # the speaker right after the quotation: a partition's filter on the figure then applies before
        # the article is looked up (SQLite joins in this order), a tenth less work per partition
        .outerjoin(merged, merged.id == Quotation.person_id)
        .join(Article, Article.id == Mention.article_id)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
    )
    if outlet is not None:
        statement = statement.where(Outlet.name == outlet)
    return statement, figure_id


MENTION_COLUMNS = slice(6, None)  # the statement's columns from mention_id on are MentionRow's fields, in order


def _mention(row) -> MentionRow:
    mention = MentionRow(*row[MENTION_COLUMNS])
    if mention.confidence.__class__ is not float:  # NULL, or a Decimal from some drivers
        mention.confidence = float(mention.confidence or 0.0)
    return mention


def _group_quotations(rows: Iterable) -> Iterator[QuotationRow]:
    current: QuotationRow | None = None
    current_id = None
    for row in rows:
        if row[1] != current_id:  # quotation_id
            if current is not None:
                yield current
            current_id = row[1]
            current = QuotationRow(current_id, row[0], row[2], row[3], row[4], row[5] or 0)
        current.mentions.append(_mention(row))  # type: ignore[union-attr]
    if current is not None:
        yield current


def _sort_mentions(quotation: QuotationRow) -> QuotationRow:
    def key(mention: MentionRow) -> tuple[bool, float, int]:
        when = mention.published or mention.fetched_at
        return (when is None, when.timestamp() if when else 0.0, mention.mention_id)

    quotation.mentions.sort(key=key)
    return quotation


def iter_figure_quotations(
    engine: Engine, report: ReportFilter, figure_ids: Iterable[int] | None = None, *,
    partition: tuple[int, int] | None = None,
) -> Iterator[tuple[int, list[QuotationRow]]]:
    """Yield (figure id, its quotations in time order), one figure at a time.

    Rows are streamed ordered by figure, so only the current figure's quotations are in memory. With
    ``figure_ids`` only those figures are read (the incremental rebuild). ``partition=(k, n)`` reads only
    the figures whose id is k modulo n, so n processes can each read a part of the database at once.
    Quotations outside the date range are dropped; with ``report.outlet`` only that outlet's mentions
    (and quotations) are kept.
    """
    statement, figure_id = _quotation_statement(report.outlet)
    if partition is not None:
        part, parts = partition
        statement = statement.where(figure_id % parts == part)
    ordered = statement.order_by(figure_id, Quotation.id, Mention.id)
    if figure_ids is None:
        yield from _figures_from_rows(_stream(engine, ordered), report)
        return
    for chunk in _chunks(sorted(set(figure_ids))):
        selected = ordered.where(figure_id.in_(chunk), _speaker_in(engine, chunk))
        yield from _figures_from_rows(_stream(engine, selected), report)


def _speaker_in(engine: Engine, figure_ids: list[int]):
    """The same selection on ``quotations.person_id`` (the figures and the people merged into them), which
    lets the database use its index instead of scanning every mention (a rerun reads a few figures)."""
    with reader(engine) as conn:
        merged = conn.execute(select(Person.id).where(Person.merged_into_id.in_(figure_ids))).scalars().all()
    people = Quotation.person_id.in_([*figure_ids, *merged])
    return or_(people, Quotation.person_id.is_(None)) if UNATTRIBUTED in figure_ids else people


def _figures_from_rows(rows: Iterable, report: ReportFilter) -> Iterator[tuple[int, list[QuotationRow]]]:
    current_id: int | None = None
    bucket: list[QuotationRow] = []
    for quotation in _group_quotations(rows):
        if quotation.figure_id != current_id:
            if current_id is not None:
                yield current_id, _in_time_order(bucket)
            current_id, bucket = quotation.figure_id, []
        quotation.finish()
        if report.admits(quotation.when):
            bucket.append(quotation)
    if current_id is not None:
        yield current_id, _in_time_order(bucket)


def _in_time_order(quotations: list[QuotationRow]) -> list[QuotationRow]:
    return sorted(quotations, key=lambda q: (q.when or "9999", q.quotation_id))


def outlet_fingerprints(engine: Engine) -> dict[int, tuple]:
    """Per outlet: (name, articles, max article id, mentions, max mention id)."""
    articles = (select(Outlet.id, Outlet.name, func.count(Article.id), func.max(Article.id))
                .outerjoin(Article, Article.outlet_id == Outlet.id).group_by(Outlet.id, Outlet.name))
    mentions = (select(Article.outlet_id, func.count(Mention.id), func.max(Mention.id))
                .join(Mention, Mention.article_id == Article.id)
                .where(Article.outlet_id.is_not(None)).group_by(Article.outlet_id))
    result: dict[int, list] = {}
    for row in _stream(engine, articles):
        result[row[0]] = [row[1], int(row[2]), int(row[3] or 0), 0, 0]
    for row in _stream(engine, mentions):
        if row[0] in result:
            result[row[0]][3:] = [int(row[1]), int(row[2] or 0)]
    return {key: tuple(value) for key, value in result.items()}


@dataclass(slots=True)
class OutletArticle:
    article_id: int
    url: str
    title: str | None
    published: datetime | None
    fetched_at: datetime | None
    n_mentions: int
    paywalled: bool = False


@dataclass(slots=True)
class OutletSummary:
    outlet_id: int
    name: str
    domain: str | None
    n_articles: int = 0
    n_mentions: int = 0
    n_paywalled: int = 0
    first: datetime | None = None
    last: datetime | None = None
    fetched_last: datetime | None = None
    monthly: dict[str, int] = field(default_factory=dict)
    latest: list[OutletArticle] = field(default_factory=list)
    top_figures: list[tuple[int, int]] = field(default_factory=list)  # (figure id, mentions)


TOP_FIGURES = 30  # an outlet's most quoted figures listed on its page


def iter_outlets(engine: Engine, outlet_ids: Iterable[int] | None = None, *, latest: int = 100,
                 top: int = TOP_FIGURES, with_top_figures: bool = True) -> Iterator[OutletSummary]:
    """One summary per outlet: article counts and months, its latest articles, its most quoted figures.

    Articles are streamed ordered by outlet and date; only ``latest`` of them are kept per outlet.
    ``with_top_figures=False`` leaves ``top_figures`` empty, for a caller that counts them itself while
    it reads every quotation anyway (:func:`rank_top_figures`): the count is a scan of every mention.
    """
    ids = None if outlet_ids is None else sorted(set(outlet_ids))
    chunks: Iterable[list[int] | None] = [None] if ids is None else _chunks(ids)
    for chunk in chunks:
        yield from _outlet_chunk(engine, chunk, latest, top, with_top_figures)


def rank_top_figures(summary: OutletSummary, mentions_per_figure: dict[int, int], top: int = TOP_FIGURES) -> None:
    """Set an outlet's most quoted figures from its mentions per figure (unattributed ones not counted)."""
    ranked = sorted(((fid, n) for fid, n in mentions_per_figure.items() if fid != UNATTRIBUTED),
                    key=lambda item: (-item[1], item[0]))
    summary.top_figures = ranked[:top]


def _outlet_chunk(engine: Engine, ids: list[int] | None, latest: int, top: int,
                  with_top_figures: bool = True) -> Iterator[OutletSummary]:
    mention_counts = select(Mention.article_id, func.count(Mention.id).label("n")).group_by(Mention.article_id)
    if ids is not None:  # count only these outlets' mentions (a rerun reads one or two outlets)
        mention_counts = mention_counts.join(Article, Article.id == Mention.article_id).where(
            Article.outlet_id.in_(ids))
    mention_counts = mention_counts.subquery()
    articles = (
        select(Outlet.id.label("outlet_id"), Outlet.name, Outlet.domain, Article.id, linked_url().label("url"),
               Article.title, Article.published, Article.fetched_at,
               func.coalesce(mention_counts.c.n, 0).label("n_mentions"), Article.paywalled)
        .join(Article, Article.outlet_id == Outlet.id)
        .outerjoin(mention_counts, mention_counts.c.article_id == Article.id)
        .order_by(Outlet.id, Article.published.desc(), Article.id.desc())
    )
    merged, figure_id = _figure_id_column()
    figure_counts = (
        select(Article.outlet_id, figure_id.label("figure_id"), func.count(Mention.id).label("n"))
        .select_from(Mention)
        .join(Article, Article.id == Mention.article_id)
        .join(Quotation, Quotation.id == Mention.quotation_id)
        .outerjoin(merged, merged.id == Quotation.person_id)
        .where(and_(Article.outlet_id.is_not(None), Quotation.person_id.is_not(None)))
        .group_by(Article.outlet_id, figure_id)
    )
    if ids is not None:
        articles = articles.where(Outlet.id.in_(ids))
        figure_counts = figure_counts.where(Article.outlet_id.in_(ids))
    tops: dict[int, dict[int, int]] = {}
    for row in _stream(engine, figure_counts) if with_top_figures else ():
        tops.setdefault(row.outlet_id, {})[row.figure_id] = int(row.n)
    summary: OutletSummary | None = None
    for row in _stream(engine, articles):
        if summary is None or summary.outlet_id != row.outlet_id:
            if summary is not None:
                yield _finish_outlet(summary, tops, top)
            summary = OutletSummary(row.outlet_id, row.name, row.domain)
        _add_outlet_article(summary, row, latest)
    if summary is not None:
        yield _finish_outlet(summary, tops, top)


def _add_outlet_article(summary: OutletSummary, row, latest: int) -> None:
    summary.n_articles += 1
    summary.n_mentions += int(row.n_mentions)
    summary.n_paywalled += bool(row.paywalled)
    if row.fetched_at is not None:
        summary.fetched_last = max(summary.fetched_last or row.fetched_at, row.fetched_at)
    when = row.published or row.fetched_at
    if when is not None:
        summary.first = when if summary.first is None else min(summary.first, when)
        summary.last = when if summary.last is None else max(summary.last, when)
        month = when.strftime("%Y-%m")
        summary.monthly[month] = summary.monthly.get(month, 0) + 1
    if len(summary.latest) < latest:
        summary.latest.append(OutletArticle(row.id, row.url, row.title, row.published, row.fetched_at,
                                            int(row.n_mentions), bool(row.paywalled)))


def _finish_outlet(summary: OutletSummary, tops: dict[int, dict[int, int]], top: int) -> OutletSummary:
    rank_top_figures(summary, tops.get(summary.outlet_id, {}), top)
    return summary

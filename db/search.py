"""Full-text search over quotations: SQLite FTS5 or PostgreSQL tsvector, one API and one language.

The index is built by migration 0002 and kept in sync by triggers, so nothing here writes.
Search text typed by a user is never spliced into SQL: it is parsed once (``parse_query``) into terms
of plain word tokens, then written out in each engine's own syntax (``fts5_query`` for SQLite's MATCH,
``tsquery`` for PostgreSQL's ``to_tsquery``) and bound as a parameter. The language (docs/schema.md):

- words: all must match (stemmed: "taxes" finds "tax");
- ``"a phrase"``: these words in this order;
- ``a OR b``: either (OR binds tighter than the implicit AND: ``a OR b c`` is ``(a OR b) AND c``);
- ``-word``, ``-"a phrase"`` or ``NOT word``: exclude;
- ``word*``: any word starting so.

Common words that PostgreSQL's English configuration does not index ("the", "not", "himself": its
stop list, ``STOP_WORDS``) are ignored on both backends outside phrases, so a query means the same
on each; punctuation separates words, as in both indexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Engine, Subquery, column, func, literal_column, select, table
from sqlalchemy.engine import Connection

from db.models import Person, Quotation
from db.store import clean_text

SEARCH_TABLE = "quotations_fts"
DEFAULT_LIMIT = 20
# bm25 column weights (text, speaker): a hit in the quotation outranks one in the speaker's name.
SQLITE_WEIGHTS = (4.0, 1.0)
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')  # an unclosed quote runs to the end of the text
_WORD = re.compile(r"[^\W_]+")  # what both tokenizers (unicode61, PostgreSQL's parser) call a word
# PostgreSQL's English stop list (tsearch_data/english.stop): not in its index, so ignored everywhere.
STOP_WORDS = frozenset("""
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom this that these those am is
are was were be been being have has had having do does did doing a an the and but if or because as until
while of at by for with about against between into through during before after above below to from up
down in out on off over under again further then once here there when where why how all any both each few
more most other some such no nor not only own same so than too very s t can will just don should now
""".split())


class SearchQueryError(ValueError):
    """The search text has nothing to search for (or only exclusions)."""


@dataclass(frozen=True, slots=True)
class Term:
    """Words that must appear in this order (one word, or a phrase); ``prefix``: the last one may go on."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(slots=True)
class ParsedQuery:
    """All ``groups`` must match (each a list of alternatives, OR), none of ``excluded``."""

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


def is_search_object(name: str | None) -> bool:
    """True for the search index's own tables (FTS5 shadow tables, the tsvector table).

    They are created by migration 0002, not by the ORM: the model/migration drift check skips them.
    """
    return bool(name) and str(name).startswith(SEARCH_TABLE)


def _term(text: str, *, phrase: bool) -> Term | None:
    """The term of a word or phrase, or None when nothing of it is searchable (punctuation, a stop word)."""
    prefix = not phrase and text.endswith("*")
    words = tuple(word.casefold() for word in _WORD.findall(text))
    if not phrase and len(words) == 1 and words[0] in STOP_WORDS:
        return None
    if phrase:  # leading and trailing stop words bind nothing; inside, PostgreSQL keeps their place
        while words and words[0] in STOP_WORDS:
            words = words[1:]
        while words and words[-1] in STOP_WORDS:
            words = words[:-1]
    if not phrase and len(words) > 1:  # "can't", "u.s.": the index holds its pieces side by side
        words = tuple(w for w in words if w not in STOP_WORDS)
    return Term(words, prefix) if words else None


def parse_query(text: str) -> ParsedQuery:
    """The one search language, parsed: see the module's docstring. Raises SearchQueryError when
    nothing is left to look for (only exclusions, operators or common words)."""
    parsed = ParsedQuery()
    pending_or = negate_next = False
    for negated, phrase, word in _QUERY_TOKEN.findall(clean_text(text)):
        if word in ("OR", "NOT"):
            pending_or, negate_next = (word == "OR" and bool(parsed.groups)), word == "NOT"
            continue
        excluded = bool(negated) or negate_next or (word.startswith("-") and len(word) > 1)
        term = _term(phrase if not word else word.removeprefix("-") if excluded else word, phrase=not word)
        negate_next = False
        if term is None:
            continue
        if excluded:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    if not parsed.groups:
        raise SearchQueryError(f"nothing to search for in {text!r}: give a word that is not excluded "
                               "(common words such as 'the' or 'not' are not indexed)")
    return parsed


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def fts5_query(text: str) -> str:
    """User search text as an FTS5 query: every term a quoted string of plain words (never FTS syntax).

    ``abased himself`` -> ``"abased"``; ``"prior president" -trump`` -> ``("prior president") NOT "trump"``;
    ``tyr*`` -> ``"tyr"*``; ``a OR b`` -> ``("a" OR "b")``.
    """
    parsed = parse_query(text)
    groups = [" OR ".join(_fts5_term(t) for t in group) for group in parsed.groups]
    query = " ".join(f"({g})" if len(group) > 1 else g for g, group in zip(groups, parsed.groups, strict=True))
    for term in parsed.excluded:
        query = f"({query}) NOT {_fts5_term(term)}"
    return query


def _ts_term(term: Term) -> str:
    words = list(term.words)
    if term.prefix:
        words[-1] += ":*"
    return "(" + " <-> ".join(words) + ")"


def tsquery(text: str) -> str:
    """User search text as a PostgreSQL ``to_tsquery`` string of plain words and its operators only
    (``&``, ``|``, ``!``, ``<->`` and ``:*`` for a prefix); bound as a parameter, never spliced."""
    parsed = parse_query(text)
    parts = ["(" + " | ".join(_ts_term(t) for t in group) + ")" for group in parsed.groups]
    parts += ["!" + _ts_term(term) for term in parsed.excluded]
    return " & ".join(parts)


@dataclass(frozen=True, slots=True)
class SearchHit:
    quote_id: int
    text: str
    speaker: str | None
    said_on: str | None
    first_seen: datetime | None
    n_articles: int
    score: float  # higher is better on both backends

    def to_dict(self) -> dict[str, object]:
        return {
            "quote_id": self.quote_id,
            "text": self.text,
            "speaker": self.speaker,
            "said_on": self.said_on,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "n_articles": self.n_articles,
            "score": self.score,
        }


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def day_after(day: date) -> datetime:
    """The first instant after ``day`` (so ``until`` is inclusive)."""
    return day_start(day) + timedelta(days=1)


def _ranked_ids(
    dialect: str,
    text: str,
    person_ids: Iterable[int] | None,
    since: date | None,
    until: date | None,
    limit: int,
) -> Subquery:
    """The ``limit`` best (quote_id, score) pairs: ranked on the index alone, the rows fetched after.

    Joining the quotations (long texts) before the sort made a frequent word 4x slower.
    """
    if dialect == "sqlite":
        fts_name = literal_column(SEARCH_TABLE)
        matched_id = table(SEARCH_TABLE, column("rowid")).c.rowid
        bm25 = func.bm25(fts_name, *SQLITE_WEIGHTS)  # lower is better: negated so both backends agree
        stmt = select(matched_id.label("quote_id"), (-bm25).label("score")).where(
            fts_name.match(fts5_query(text))
        )
        order = bm25
    elif dialect == "postgresql":
        fts = table(SEARCH_TABLE, column("quotation_id"), column("document"))
        query = func.to_tsquery("english", tsquery(text))
        matched_id = fts.c.quotation_id
        score = func.ts_rank(fts.c.document, query)
        stmt = select(matched_id.label("quote_id"), score.label("score")).where(
            fts.c.document.op("@@")(query)
        )
        order = score.desc()
    else:
        raise NotImplementedError(f"full-text search is not available on {dialect}")
    filters = []
    if person_ids is not None:
        filters.append(Quotation.person_id.in_(sorted(set(person_ids))))
    if since is not None:
        filters.append(Quotation.first_seen >= day_start(since))
    if until is not None:
        filters.append(Quotation.first_seen < day_after(until))
    if filters:
        stmt = stmt.join(Quotation, Quotation.id == matched_id).where(*filters)
    return stmt.order_by(order, matched_id).limit(limit).subquery("ranked")


def search_quotations(
    bind: Engine | Connection,
    text: str,
    *,
    person_ids: Iterable[int] | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[SearchHit]:
    """Quotations matching ``text``, best first.

    ``person_ids`` keeps those attributed to these people (``db.people.person_ids_for`` gives a
    person and everyone merged into them); ``since``/``until`` (inclusive) bound ``first_seen``,
    the publication time of the first article that carried the quotation.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    ranked = _ranked_ids(bind.dialect.name, text, person_ids, since, until, limit)
    stmt = (
        select(
            Quotation.id,
            Quotation.text,
            Person.name,
            Quotation.said_on,
            Quotation.first_seen,
            Quotation.n_articles,
            ranked.c.score,
        )
        .join(ranked, ranked.c.quote_id == Quotation.id)
        .outerjoin(Person, Person.id == Quotation.person_id)
        .order_by(ranked.c.score.desc(), Quotation.id)
    )
    if isinstance(bind, Connection):
        rows = bind.execute(stmt).all()
    else:
        with bind.connect() as conn:
            rows = conn.execute(stmt).all()
    return [
        SearchHit(
            quote_id=row[0],
            text=row[1],
            speaker=row[2],
            said_on=row[3],
            first_seen=row[4],
            n_articles=row[5],
            score=float(row[6]),
        )
        for row in rows
    ]

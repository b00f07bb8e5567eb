"""The views carry the paywall flag: ``quotations_with_speaker.paywalled`` (true when every article
carrying the quotation is paywalled: no free copy to read it in) and ``mentions_with_article.paywalled``
(the article's own flag). Both views are redefined with every column they had before.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OUTLETS_SQLITE = "(SELECT group_concat(DISTINCT o.name)"
_OUTLETS_PG = "(SELECT string_agg(DISTINCT o.name, ',' ORDER BY o.name)"
_OUTLETS_FROM = """
       FROM mentions m JOIN articles a ON a.id = m.article_id JOIN outlets o ON o.id = a.outlet_id
      WHERE m.quotation_id = q.id) AS outlets"""
# Every carrying article paywalled (and at least one article): SQLite stores booleans as 0/1.
_PAYWALLED = {
    "sqlite": """,
       coalesce((SELECT min(a.paywalled) FROM mentions m JOIN articles a ON a.id = m.article_id
                  WHERE m.quotation_id = q.id), 0) AS paywalled""",
    "postgresql": """,
       coalesce((SELECT bool_and(a.paywalled) FROM mentions m JOIN articles a ON a.id = m.article_id
                  WHERE m.quotation_id = q.id), false) AS paywalled""",
}
_ROWID_SQLITE = "q.id AS rowid, "

_QUOTATIONS_WITH_SPEAKER = """
CREATE VIEW quotations_with_speaker AS
SELECT {rowid}q.id AS quote_id,
       q.text AS text,
       p.name AS speaker,
       p.id AS person_id,
       p.wikidata_qid AS speaker_qid,
       q.said_on AS said_on,
       q.first_seen AS first_seen,
       q.last_seen AS last_seen,
       q.n_articles AS n_articles,
       q.n_mentions AS n_mentions,
       {outlets}{outlets_from}{paywalled}
  FROM quotations q LEFT JOIN people p ON p.id = q.person_id
"""

_MENTIONS_WITH_ARTICLE = """
CREATE VIEW mentions_with_article AS
SELECT m.id AS mention_id,
       m.quotation_id AS quote_id,
       m.text AS text,
       p.name AS speaker,
       m.speaker AS speaker_resolved,
       m.speaker_mention AS speaker_mention,
       m.cue AS cue,
       m.type AS type,
       m.confidence AS confidence,
       m.said_on AS said_on,
       m.start AS start,
       m."end" AS "end",
       m.sentence AS sentence,
       a.id AS article_id,
       a.url AS url,
       a.canonical_url AS canonical_url,
       a.title AS title,
       a.published AS published,
       o.name AS outlet{paywalled}
  FROM mentions m
  JOIN articles a ON a.id = m.article_id
  LEFT JOIN outlets o ON o.id = a.outlet_id
  LEFT JOIN people p ON p.id = m.person_id
"""


def _create(dialect: str, with_paywalled: bool) -> None:
    sqlite = dialect == "sqlite"
    op.execute(_QUOTATIONS_WITH_SPEAKER.format(
        rowid=_ROWID_SQLITE if sqlite else "", outlets=_OUTLETS_SQLITE if sqlite else _OUTLETS_PG,
        outlets_from=_OUTLETS_FROM, paywalled=_PAYWALLED["sqlite" if sqlite else "postgresql"] if with_paywalled else ""))
    op.execute(_MENTIONS_WITH_ARTICLE.format(paywalled=",\n       a.paywalled AS paywalled" if with_paywalled else ""))


def _redefine(with_paywalled: bool) -> None:
    # SQLite's FTS5 index names quotations_with_speaker as its content: it reads the view by name at
    # query time, so dropping and creating the view again leaves the index working.
    op.execute("DROP VIEW IF EXISTS mentions_with_article")
    op.execute("DROP VIEW IF EXISTS quotations_with_speaker")
    _create(op.get_bind().dialect.name, with_paywalled)


def upgrade() -> None:
    _redefine(with_paywalled=True)


def downgrade() -> None:
    _redefine(with_paywalled=False)

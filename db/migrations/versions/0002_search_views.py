"""Full-text search over quotations and the researcher views.

- Views (both backends): ``quotations_with_speaker`` (a quotation, its speaker, dates, counts and
  the outlets that carried it), ``quotations_per_person_month`` and ``mentions_with_article``.
- SQLite: an FTS5 table ``quotations_fts`` (text, speaker) whose external content is the view
  ``quotations_with_speaker``, kept in sync by triggers. Declaring ``content="quotations_with_speaker"``
  is what lets Datasette detect it and offer search on that view (which, on SQLite, exposes the
  quotation id as ``rowid`` for Datasette's ``rowid IN (...)`` filter).
- PostgreSQL: a table ``quotations_fts`` (quotation_id, document tsvector) with a GIN index, kept in
  sync by triggers: the document weights the quotation's words (A) above its speaker's name (B).

None of these are ORM objects: the drift check must skip tables named ``quotations_fts*``
(``db.search.is_search_object``); Alembic does not reflect views or triggers.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# --- views -------------------------------------------------------------------------------------

# Distinct outlet names of a quotation's articles, comma-separated (dialect-specific aggregate).
_OUTLETS_SQLITE = "(SELECT group_concat(DISTINCT o.name)"
_OUTLETS_PG = "(SELECT string_agg(DISTINCT o.name, ',' ORDER BY o.name)"
_OUTLETS_FROM = """
       FROM mentions m JOIN articles a ON a.id = m.article_id JOIN outlets o ON o.id = a.outlet_id
      WHERE m.quotation_id = q.id) AS outlets"""

# On SQLite the view also exposes the quotation id as ``rowid``: Datasette filters a searched table
# or view with ``rowid IN (SELECT rowid FROM <fts> ...)``, and a view has no rowid of its own.
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
       {outlets}{outlets_from}
  FROM quotations q LEFT JOIN people p ON p.id = q.person_id
"""

# The month a quotation belongs to: when it was said if known to the month, else when first published.
_MONTH_SQLITE = "substr(CASE WHEN length(q.said_on) >= 7 THEN q.said_on ELSE q.first_seen END, 1, 7)"
_MONTH_PG = (
    "CASE WHEN length(q.said_on) >= 7 THEN substr(q.said_on, 1, 7) "
    "ELSE to_char(q.first_seen AT TIME ZONE 'UTC', 'YYYY-MM') END"
)

_PER_PERSON_MONTH = """
CREATE VIEW quotations_per_person_month AS
SELECT p.id AS person_id,
       p.name AS speaker,
       {month} AS month,
       count(*) AS n_quotations,
       sum(q.n_mentions) AS n_mentions,
       sum(q.n_articles) AS n_article_appearances
  FROM quotations q JOIN people p ON p.id = q.person_id
 GROUP BY p.id, p.name, {month}
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
       o.name AS outlet
  FROM mentions m
  JOIN articles a ON a.id = m.article_id
  LEFT JOIN outlets o ON o.id = a.outlet_id
  LEFT JOIN people p ON p.id = m.person_id
"""

VIEWS = ("quotations_with_speaker", "quotations_per_person_month", "mentions_with_article")

# --- SQLite FTS5 -------------------------------------------------------------------------------

# External content = the view, so the index stores no second copy of the text and Datasette
# (which looks for content="<table>" in sqlite_master) offers search on the view.
_SQLITE_FTS = """
CREATE VIRTUAL TABLE quotations_fts USING fts5(
    text, speaker,
    content="quotations_with_speaker", content_rowid="quote_id",
    tokenize="porter unicode61 remove_diacritics 2"
)
"""

# An external-content index must be told the exact old values to delete them, hence the
# 'delete' commands with the old text and the old speaker's name.
_SQLITE_TRIGGERS = (
    """
CREATE TRIGGER quotations_fts_insert AFTER INSERT ON quotations BEGIN
    INSERT INTO quotations_fts(rowid, text, speaker) VALUES (new.id, new.text, (SELECT name FROM people WHERE id = new.person_id));
END""",
    """
CREATE TRIGGER quotations_fts_delete AFTER DELETE ON quotations BEGIN
    INSERT INTO quotations_fts(quotations_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, (SELECT name FROM people WHERE id = old.person_id));
END""",
    """
CREATE TRIGGER quotations_fts_update AFTER UPDATE OF text, person_id ON quotations BEGIN
    INSERT INTO quotations_fts(quotations_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, (SELECT name FROM people WHERE id = old.person_id));
    INSERT INTO quotations_fts(rowid, text, speaker) VALUES (new.id, new.text, (SELECT name FROM people WHERE id = new.person_id));
END""",
    """
CREATE TRIGGER quotations_fts_person_rename AFTER UPDATE OF name ON people BEGIN
    INSERT INTO quotations_fts(quotations_fts, rowid, text, speaker)
        SELECT 'delete', q.id, q.text, old.name FROM quotations q WHERE q.person_id = old.id;
    INSERT INTO quotations_fts(rowid, text, speaker)
        SELECT q.id, q.text, new.name FROM quotations q WHERE q.person_id = new.id;
END""",
)
_SQLITE_TRIGGER_NAMES = (
    "quotations_fts_insert",
    "quotations_fts_delete",
    "quotations_fts_update",
    "quotations_fts_person_rename",
)

# --- PostgreSQL tsvector -----------------------------------------------------------------------

_PG_UPGRADE = (
    """
CREATE TABLE quotations_fts (
    quotation_id integer PRIMARY KEY REFERENCES quotations (id) ON DELETE CASCADE,
    document tsvector NOT NULL
)""",
    "CREATE INDEX ix_quotations_fts_document ON quotations_fts USING gin (document)",
    """
CREATE FUNCTION quotations_fts_document(quote_text text, speaker_id integer) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(quote_text, '')), 'A')
        || setweight(to_tsvector('english', coalesce((SELECT name FROM people WHERE id = speaker_id), '')), 'B')
$$""",
    """
CREATE FUNCTION quotations_fts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO quotations_fts (quotation_id, document)
    VALUES (NEW.id, quotations_fts_document(NEW.text, NEW.person_id))
    ON CONFLICT (quotation_id) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END
$$""",
    """
CREATE TRIGGER quotations_fts_sync AFTER INSERT OR UPDATE OF text, person_id ON quotations
FOR EACH ROW EXECUTE FUNCTION quotations_fts_sync()""",
    """
CREATE FUNCTION quotations_fts_person_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE quotations_fts f SET document = quotations_fts_document(q.text, q.person_id)
      FROM quotations q WHERE q.id = f.quotation_id AND q.person_id = NEW.id;
    RETURN NULL;
END
$$""",
    """
CREATE TRIGGER quotations_fts_person_rename AFTER UPDATE OF name ON people
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION quotations_fts_person_rename()""",
    """
INSERT INTO quotations_fts (quotation_id, document)
SELECT id, quotations_fts_document(text, person_id) FROM quotations""",
)

_PG_DOWNGRADE = (
    "DROP TRIGGER IF EXISTS quotations_fts_person_rename ON people",
    "DROP TRIGGER IF EXISTS quotations_fts_sync ON quotations",
    "DROP FUNCTION IF EXISTS quotations_fts_person_rename()",
    "DROP FUNCTION IF EXISTS quotations_fts_sync()",
    "DROP TABLE IF EXISTS quotations_fts",
    "DROP FUNCTION IF EXISTS quotations_fts_document(text, integer)",
)


def _create_views(dialect: str) -> None:
    sqlite = dialect == "sqlite"
    op.execute(
        _QUOTATIONS_WITH_SPEAKER.format(
            rowid=_ROWID_SQLITE if sqlite else "",
            outlets=_OUTLETS_SQLITE if sqlite else _OUTLETS_PG,
            outlets_from=_OUTLETS_FROM,
        )
    )
    op.execute(_PER_PERSON_MONTH.format(month=_MONTH_SQLITE if sqlite else _MONTH_PG))
    op.execute(_MENTIONS_WITH_ARTICLE)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _create_views(dialect)
    if dialect == "sqlite":
        op.execute(_SQLITE_FTS)
        for trigger in _SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO quotations_fts(quotations_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        for statement in _PG_UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in _SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS quotations_fts")
    elif dialect == "postgresql":
        for statement in _PG_DOWNGRADE:
            op.execute(statement)
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {view}")

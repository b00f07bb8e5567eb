"""Researcher views on both backends, docs/schema.md's SQL examples run against a fixture database,
Datasette's FTS detection, and the timeline / monthly queries."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from support.quote_fixtures import ECONOMY, MCCAIN, SURRENDER, TRUMP_HELSINKI, URLS, build_quote_db
from typer.testing import CliRunner

from db.people import merge_people, person_ids_for
from db.queries import monthly_counts, timeline
from tracker.cli import app

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.DOTALL)


@pytest.fixture
def quote_db(engine):
    return build_quote_db(engine)


def _rows(engine, sql: str, **params) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(text(sql), params)]


def test_quotations_with_speaker(engine, quote_db) -> None:
    rows = _rows(engine, "SELECT * FROM quotations_with_speaker WHERE text = :t", t=MCCAIN)
    assert len(rows) == 1
    row = rows[0]
    assert row["speaker"] == "John McCain"
    assert row["said_on"] == "2018-07"
    assert (row["n_articles"], row["n_mentions"]) == (2, 2)
    assert sorted(row["outlets"].split(",")) == ["Example News", "The Independent"]
    assert str(row["first_seen"]).startswith("2025-08-07")
    assert str(row["last_seen"]).startswith("2025-08-08")


def test_quotations_per_person_month(engine, quote_db) -> None:
    rows = _rows(
        engine,
        "SELECT speaker, month, n_quotations, n_mentions FROM quotations_per_person_month ORDER BY speaker, month",
    )
    assert [tuple(r.values()) for r in rows] == [
        ("Donald Trump", "2018-07", 1, 1),  # said in July 2018 (though reported in 2025)
        ("Donald Trump", "2024-03", 1, 1),  # no said_on: the month it was first published
        ("John McCain", "2018-07", 1, 2),
        ("McCain", "2019-01", 1, 1),
    ]


def test_mentions_with_article(engine, quote_db) -> None:
    rows = _rows(engine, "SELECT * FROM mentions_with_article ORDER BY mention_id")
    assert len(rows) == 5
    mccain = [r for r in rows if r["text"] == MCCAIN]
    assert [r["url"] for r in mccain] == [URLS["seed"], URLS["repeat"]]
    assert [r["outlet"] for r in mccain] == ["The Independent", "Example News"]
    seed = mccain[0]
    assert (seed["start"], seed["end"]) == (5156, 5229)
    assert quote_db.seed_text[seed["start"] : seed["end"]] == MCCAIN
    assert (seed["speaker"], seed["speaker_mention"], seed["cue"]) == ("John McCain", "McCain", "said")


def test_views_carry_the_paywall_flag(engine, quote_db) -> None:
    """mentions_with_article: the article's flag; quotations_with_speaker: true only when every article
    carrying the quotation is paywalled (no free copy to read it in)."""
    def paywall(url: str) -> None:
        with engine.begin() as conn:
            conn.execute(text("UPDATE articles SET paywalled = :t WHERE url = :u"), {"t": True, "u": url})

    def quotation_paywalled() -> bool:
        (row,) = _rows(engine, "SELECT paywalled FROM quotations_with_speaker WHERE text = :t", t=MCCAIN)
        return bool(row["paywalled"])

    assert quotation_paywalled() is False
    paywall(URLS["repeat"])
    mentions = _rows(engine, "SELECT url, paywalled FROM mentions_with_article WHERE text = :t ORDER BY mention_id",
                     t=MCCAIN)
    assert [(r["url"], bool(r["paywalled"])) for r in mentions] == [(URLS["seed"], False), (URLS["repeat"], True)]
    assert quotation_paywalled() is False  # still free to read in the seed article
    paywall(URLS["seed"])
    assert quotation_paywalled() is True


def test_views_show_the_canonical_person_after_a_merge(engine, quote_db) -> None:
    merge_people(engine, "McCain", "John McCain")
    rows = _rows(engine, "SELECT speaker, speaker_resolved FROM mentions_with_article WHERE text = :t", t=SURRENDER)
    assert rows == [{"speaker": "John McCain", "speaker_resolved": "McCain"}]  # surface form kept
    months = _rows(engine, "SELECT month FROM quotations_per_person_month WHERE speaker = 'John McCain' ORDER BY month")
    assert [r["month"] for r in months] == ["2018-07", "2019-01"]


def _doc_examples() -> list[tuple[int, list[str], str]]:
    examples = []
    for number, match in enumerate(SQL_BLOCK.finditer(SCHEMA_DOC.read_text(encoding="utf-8")), start=1):
        sql = match.group(1)
        header = re.match(r"--\s*backends:\s*(.+)", sql)
        assert header, f"docs/schema.md SQL example {number} must start with '-- backends: ...'"
        backends = [b.strip() for b in header.group(1).split(",")]
        examples.append((number, backends, sql))
    return examples


def test_schema_doc_has_sql_examples_for_both_backends() -> None:
    examples = _doc_examples()
    assert len(examples) >= 8
    assert any("sqlite" in backends for _, backends, _ in examples)
    assert any("postgresql" in backends for _, backends, _ in examples)


def test_schema_doc_sql_examples_run(engine, quote_db) -> None:
    dialect = engine.dialect.name
    ran = 0
    for number, backends, sql in _doc_examples():
        if dialect not in backends:
            continue
        with engine.connect() as conn:
            rows = conn.execute(text(sql.strip().rstrip(";"))).all()
        if "may return no rows" not in sql:
            assert rows, f"docs/schema.md SQL example {number} returned nothing on {dialect}"
        ran += 1
    assert ran >= 7


def test_schema_doc_search_example_finds_mccain(engine, quote_db) -> None:
    for _, backends, sql in _doc_examples():
        if engine.dialect.name in backends and "abased himself" in sql:
            with engine.connect() as conn:
                rows = conn.execute(text(sql.strip().rstrip(";"))).all()
            assert [row.text for row in rows] == [MCCAIN]
            return
    pytest.fail("no search example for this backend in docs/schema.md")


# --- Datasette ----------------------------------------------------------------------------------

# Datasette's own detection (datasette.utils.detect_fts_sql): an FTS virtual table declared with
# content="<table>", or named after it.
DATASETTE_DETECT_FTS = """
    SELECT name FROM sqlite_master
     WHERE rootpage = 0
       AND (sql LIKE '%VIRTUAL TABLE%USING FTS%content="' || :table || '"%'
            OR sql LIKE '%VIRTUAL TABLE%USING FTS%content=[' || :table || ']%'
            OR (tbl_name = :table AND sql LIKE '%VIRTUAL TABLE%USING FTS%'))
"""


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    from db.engine import open_engine

    path = tmp_path / "quotes.db"
    engine = open_engine(f"sqlite:///{path}")
    build_quote_db(engine)
    engine.dispose()
    return path


def test_datasette_detects_full_text_search_on_the_view(sqlite_file: Path) -> None:
    conn = sqlite3.connect(sqlite_file)
    found = conn.execute(DATASETTE_DETECT_FTS, {"table": "quotations_with_speaker"}).fetchall()
    assert found == [("quotations_fts",)]
    # Datasette then filters the view with `rowid IN (SELECT rowid FROM <fts> WHERE <fts> MATCH ?)`.
    rows = conn.execute(
        "SELECT quote_id, speaker FROM quotations_with_speaker"
        " WHERE rowid IN (SELECT rowid FROM quotations_fts WHERE quotations_fts MATCH ?)",
        ("abased himself",),
    ).fetchall()
    conn.close()
    assert [speaker for _, speaker in rows] == ["John McCain"]


def test_datasette_serves_search_if_installed(sqlite_file: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app", reason="datasette is a researcher tool, not a dependency")
    import asyncio

    async def search() -> list[dict]:
        ds = datasette_app.Datasette([str(sqlite_file)])
        await ds.invoke_startup()
        response = await ds.client.get("/quotes/quotations_with_speaker.json?_search=abased+himself&_shape=array")
        return response.json()

    assert [row["speaker"] for row in asyncio.run(search())] == ["John McCain"]


# --- timeline and monthly counts ----------------------------------------------------------------


def test_timeline_is_in_time_order_and_follows_merges(engine, quote_db) -> None:
    trump = person_ids_for(engine, "Donald Trump")
    assert [e.text for e in timeline(engine, trump)] == [TRUMP_HELSINKI, ECONOMY]  # 2018-07, then 2024-03
    merge_people(engine, "McCain", "John McCain")
    mccain = person_ids_for(engine, "McCain")  # the alias leads to the canonical person
    entries = timeline(engine, mccain)
    assert [e.text for e in entries] == [MCCAIN, SURRENDER]
    assert [e.n_articles for e in entries] == [2, 1]
    assert [m.month for m in monthly_counts(engine, mccain)] == ["2018-07", "2019-01"]


def test_people_timeline_command(engine, quote_db) -> None:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["people", "timeline", "Donald Trump", "--db", url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2018-07") and "Putin" in lines[0]
    assert "economy" in lines[1]

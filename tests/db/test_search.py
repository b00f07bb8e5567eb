"""Full-text search: SQLite FTS5 and PostgreSQL tsvector, kept in sync by triggers; `quotes search`."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text, update
from support.quote_fixtures import ECONOMY, MCCAIN, SURRENDER, TRUMP_HELSINKI, build_quote_db
from typer.testing import CliRunner

from db.models import Person
from db.people import merge_people, person_ids_for
from db.search import SearchQueryError, fts5_query, is_search_object, search_quotations
from db.store import replace_mentions
from tracker.cli import app


@pytest.fixture
def quote_db(engine):
    return build_quote_db(engine)


def _texts(hits) -> list[str]:
    return [hit.text for hit in hits]


def test_abased_himself_finds_mccain_carried_by_two_articles(engine, quote_db) -> None:
    hits = search_quotations(engine, "abased himself")
    assert len(hits) == 1
    assert hits[0].text == MCCAIN
    assert hits[0].speaker == "John McCain"
    assert hits[0].said_on == "2018-07"
    assert hits[0].n_articles == 2


def test_words_are_stemmed_and_all_required(engine, quote_db) -> None:
    assert _texts(search_quotations(engine, "abasing tyrants")) == [MCCAIN]  # stems: abase, tyrant
    assert search_quotations(engine, "abased economy") == []  # both words must match


def test_phrase_or_and_exclusion(engine, quote_db) -> None:
    assert _texts(search_quotations(engine, '"abased himself"')) == [MCCAIN]
    assert _texts(search_quotations(engine, '"prior president"')) == [MCCAIN]
    assert search_quotations(engine, '"president prior"') == []
    assert set(_texts(search_quotations(engine, "tyrant OR economy"))) == {MCCAIN, ECONOMY}
    assert _texts(search_quotations(engine, "ever -economy")) == [MCCAIN]


def test_speaker_name_is_searchable(engine, quote_db) -> None:
    assert _texts(search_quotations(engine, "McCain surrender")) == [SURRENDER]
    assert set(_texts(search_quotations(engine, "trump"))) == {TRUMP_HELSINKI, ECONOMY}


def test_best_match_first(engine, quote_db) -> None:
    hits = search_quotations(engine, "tyrant OR ever")
    assert hits[0].score >= hits[-1].score
    assert hits[0].text == MCCAIN  # "tyrant" and "ever" both match it


def test_speaker_and_date_filters(engine, quote_db) -> None:
    trump = person_ids_for(engine, "Donald Trump")
    assert _texts(search_quotations(engine, "ever", person_ids=trump)) == [ECONOMY]
    recent = search_quotations(engine, "ever OR russia", since=date(2025, 1, 1))
    assert set(_texts(recent)) == {TRUMP_HELSINKI, MCCAIN}
    assert _texts(search_quotations(engine, "ever", until=date(2024, 3, 1))) == [ECONOMY]  # inclusive
    assert search_quotations(engine, "ever", until=date(2024, 2, 29)) == []


def test_limit(engine, quote_db) -> None:
    assert len(search_quotations(engine, "ever OR russia OR surrender", limit=2)) == 2
    with pytest.raises(ValueError):
        search_quotations(engine, "ever", limit=0)


def test_triggers_follow_renames_merges_and_deletions(engine, quote_db) -> None:
    with engine.begin() as conn:
        conn.execute(update(Person).where(Person.name == "John McCain").values(name="Senator John McCain"))
    assert _texts(search_quotations(engine, "senator tyrant")) == [MCCAIN]
    assert search_quotations(engine, "john tyrant", person_ids=person_ids_for(engine, "McCain")) == []

    merge_people(engine, "McCain", "Senator John McCain")
    assert _texts(search_quotations(engine, "senator surrender")) == [SURRENDER]

    # The last mention of a quotation goes: the quotation row goes, and so does its index entry.
    replace_mentions(engine, quote_db.article_ids["economy"], [], attribution_version="fixture-2")
    assert search_quotations(engine, "economy") == []


def test_sqlite_index_passes_fts5_integrity_check(sqlite_url) -> None:
    from db.engine import open_engine

    engine = open_engine(sqlite_url)
    build_quote_db(engine)
    merge_people(engine, "McCain", "John McCain")
    with engine.begin() as conn:
        conn.execute(update(Person).where(Person.name == "Donald Trump").values(name="President Trump"))
        # With rank=1 FTS5 also checks the index against the content (the view).
        conn.execute(text("INSERT INTO quotations_fts(quotations_fts, rank) VALUES ('integrity-check', 1)"))
    engine.dispose()


def test_user_text_is_never_fts_syntax() -> None:
    assert fts5_query("abased himself") == '"abased"'  # "himself": a common word, not indexed
    assert fts5_query('"prior president" -trump') == '("prior president") NOT "trump"'
    assert fts5_query("tyr*") == '"tyr"*'
    assert fts5_query('say "hi') == '"say" "hi"'
    assert fts5_query("NEAR(a b) OR") == '"near" "b"'
    assert fts5_query("tyrant OR economy") == '("tyrant" OR "economy")'
    for empty in ("", "   ", "-only", "OR", "the not", "can't"):
        with pytest.raises(SearchQueryError):
            fts5_query(empty)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_gives_a_valid_fts5_query_or_a_clear_error(user_text: str) -> None:
    try:
        query = fts5_query(user_text)
    except SearchQueryError:
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('no prior president has ever abased himself')")
    conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,)).fetchall()  # must not raise
    conn.close()


def test_is_search_object() -> None:
    assert is_search_object("quotations_fts_docsize")
    assert is_search_object("quotations_fts")
    assert not is_search_object("quotations")
    assert not is_search_object(None)


def test_quotes_search_command(engine, quote_db) -> None:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["search", "abased himself", "--db", url])
    assert result.exit_code == 0, result.output
    assert "abased himself" in result.stdout and "John McCain" in result.stdout
    assert "2 article(s)" in result.stdout

    result = CliRunner().invoke(app, ["search", "ever", "--speaker", "Donald Trump", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == [ECONOMY]

    result = CliRunner().invoke(app, ["search", "ever", "--since", "2025", "--until", "2025-08", "--db", url])
    assert result.exit_code == 0 and MCCAIN in result.stdout and ECONOMY not in result.stdout


def test_quotes_search_errors_are_clear(engine, quote_db, tmp_path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["search", "ever", "--speaker", "Nobody At All", "--db", url])
    assert result.exit_code == 1 and "no person named 'Nobody At All'" in result.output
    result = CliRunner().invoke(app, ["search", "--db", url, "--", "-only"])
    assert result.exit_code == 2 and "nothing to search for" in result.output
    result = CliRunner().invoke(app, ["search", "ever", "--since", "July", "--db", url])
    assert result.exit_code == 2 and "not a date" in result.output
    missing = f"sqlite:///{tmp_path / 'nothing-here.db'}"
    result = CliRunner().invoke(app, ["search", "ever", "--db", missing])
    assert result.exit_code == 2 and "no such database file" in result.output
    assert not (tmp_path / "nothing-here.db").exists()  # a search does not create an empty database


@pytest.mark.slow
def test_ingested_articles_are_searchable_end_to_end(db_url: str, tmp_path) -> None:
    """The issue's done-when through the real pipeline: `quotes ingest` (spaCy attribution) of the seed
    article and a second one repeating McCain, then `quotes search "abased himself"`."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "research"
    articles = [
        {"url": "https://www.independent.co.uk/voices/trump-putin-summit-helsinki.html", "published": "2025-08-07",
         "title": "Trump and Putin", "outlet": "The Independent",
         "text": (fixtures / "helsinki-2025-08-07.txt").read_text(encoding="utf-8")},
        {"url": "https://news.example.com/2018/07/17/republicans-rebuke-trump", "published": "2018-07-17",
         "title": "Republicans break with Trump", "outlet": "Example News",
         "text": (fixtures / "mccain-reaction-2018-07-17.txt").read_text(encoding="utf-8")},
    ]  # fmt: skip
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    runner = CliRunner()
    for _ in range(2):  # ingesting again changes nothing
        assert runner.invoke(app, ["ingest", str(path), "--db", db_url]).exit_code == 0
    result = runner.invoke(app, ["search", "abased himself", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 1
    assert (hits[0]["speaker"], hits[0]["said_on"], hits[0]["n_articles"]) == ("John McCain", "2018-07", 2)

"""One search language: every query gives the same quotations on SQLite (FTS5) and PostgreSQL
(to_tsquery), on one shared corpus; hostile text gives a clear error or a sane result, never a traceback."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from support.quote_fixtures import build_quote_db, quote_in
from typer.testing import CliRunner

from db.engine import open_engine
from db.records import ArticleRecord
from db.search import SearchQueryError, search_quotations, tsquery
from db.store import store_article
from tracker.cli import app

EXTRA = [  # (speaker, the article's text, the quotation)
    ("Jane Holloway", "“We will not raise taxes on working families this year,” Jane Holloway said.",
     "We will not raise taxes on working families this year,"),
    ("Tom Reyes", "“We will raise taxes on working families this year,” Tom Reyes said.",
     "We will raise taxes on working families this year,"),
    ("Ana Ruiz", "“The river drowned the lower town and the president was a tyrant to ignore it,” Ana Ruiz said.",
     "The river drowned the lower town and the president was a tyrant to ignore it,"),
    ("Lee Park", "“Tyranny is drowsy before it wakes, and the U.S. can't sleep,” Lee Park said.",
     "Tyranny is drowsy before it wakes, and the U.S. can't sleep,"),
]

QUERIES = [
    "abased himself", "tyr*", "abas*", "drow*", "taxes -not", "tyrant NOT president", "taxes", "tax*",
    '"raise taxes"', '"not raise taxes"', '"will raise"', "tyrant OR economy", "drowned OR abased -river",
    '-"working families" tyrant', "president", "McCain", "holloway taxes", "can't", "Tyranny drowsy",
    'say "hi', "NEAR(a b) OR", "tyrant OR", "OR tyrant", "-tyrant taxes", "taxes*", "río", "TAXES",
]
HOSTILE = ["", "   ", "-only", "OR", "NOT", "AND", '"', '""', "*", "-", "()", "'", "the", "not -the",
           "'; DROP TABLE quotations; --", "x' OR '1'='1", "a & b | !c", "tax:*", "\\", "\ud800", "<->"]


def _corpus(url: str) -> None:
    engine = open_engine(url)
    build_quote_db(engine)
    for i, (speaker, text, quoted) in enumerate(EXTRA):
        record = ArticleRecord(url=f"https://parity.example/{i}", text=text, outlet="Parity",
                               published=datetime(2024, 5, i + 1, tzinfo=timezone.utc))
        store_article(engine, record, [quote_in(text, quoted, speaker=speaker, mention=speaker)],
                      attribution_version="parity")
    engine.dispose()


@pytest.fixture
def both(sqlite_url: str, postgres_url: str) -> dict[str, str]:
    for url in (sqlite_url, postgres_url):
        _corpus(url)
    return {"sqlite": sqlite_url, "postgresql": postgres_url}


def _results(url: str, query: str) -> set[str] | str:
    engine = open_engine(url)
    try:
        return {hit.text for hit in search_quotations(engine, query, limit=100)}
    except SearchQueryError as exc:
        return f"error: {exc}"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_every_query_finds_the_same_quotations_on_both_backends(both: dict[str, str]) -> None:
    for query in QUERIES + HOSTILE:
        on_sqlite, on_postgres = _results(both["sqlite"], query), _results(both["postgresql"], query)
        assert on_sqlite == on_postgres, query
    found = {query: _results(both["sqlite"], query) for query in QUERIES}
    # What the issue saw differ: prefixes find on PostgreSQL too, exclusion means the same everywhere.
    assert len(found["tyr*"]) == 3 and any("abased" in t for t in found["abas*"])
    assert len(found["drow*"]) == 2  # drowned, drowsy
    assert found["tyrant NOT president"] == set()  # both "tyrant" quotations say "president"
    assert found["taxes -not"] == found["taxes"]  # "not" is a common word: never indexed, ignored
    assert found['"not raise taxes"'] == found['"raise taxes"'] and len(found['"raise taxes"']) == 2
    assert len(found['"will raise"']) == 2


@pytest.mark.postgres
def test_hostile_queries_are_a_clear_line_or_a_sane_result_on_both(both: dict[str, str]) -> None:
    runner = CliRunner()
    for url in both.values():
        for query in HOSTILE:
            result = runner.invoke(app, ["search", "--db", url, "--", query])
            assert result.exception is None or isinstance(result.exception, SystemExit), (query, result.output)
            assert result.exit_code in (0, 2), (query, result.output)
            if result.exit_code == 2:
                assert result.stderr.strip().count("\n") == 0 and "nothing to search for" in result.stderr


def test_the_postgresql_query_is_plain_words_and_operators() -> None:
    assert tsquery("abased himself") == "((abased))"
    assert tsquery('"prior president" -trump tyr*') == "((prior <-> president)) & ((tyr:*)) & !(trump)"
    assert tsquery("tyrant OR economy") == "((tyrant) | (economy))"
    assert tsquery("'; DROP TABLE x; --") == "((drop)) & ((table)) & ((x))"
    with pytest.raises(SearchQueryError):
        tsquery("not the")

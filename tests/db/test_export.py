"""Streaming export (quotes, mentions, articles, people; CSV and JSON Lines) and `quotes export`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import event
from support.quote_fixtures import ECONOMY, MCCAIN, SURRENDER, TRUMP_HELSINKI, URLS, build_quote_db
from typer.testing import CliRunner

from db.export import ExportError, export, iter_export
from db.people import person_ids_for
from tracker.cli import app

QUOTE_KEYS = {"quote_id", "text", "speaker", "first_seen", "said_on", "n_articles", "mentions"}
QUOTE_MENTION_KEYS = {"url", "start", "end", "speaker_mention", "cue", "type", "confidence"}
ARTICLE_KEYS = {
    "url",
    "canonical_url",
    "title",
    "authors",
    "published",
    "outlet",
    "text",
    "language",
    "paywalled",
}


@pytest.fixture
def quote_db(engine):
    return build_quote_db(engine)


def _jsonl(engine, kind: str, **filters) -> list[dict]:
    out = io.StringIO()
    count = export(engine, kind, "jsonl", out, **filters)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records)
    return records


def test_quotes_carry_the_contract_and_their_mentions(engine, quote_db) -> None:
    quotes = _jsonl(engine, "quotes")
    assert [q["text"] for q in quotes] == [TRUMP_HELSINKI, MCCAIN, SURRENDER, ECONOMY]
    for quote in quotes:
        assert QUOTE_KEYS <= quote.keys()
        for mention in quote["mentions"]:
            assert QUOTE_MENTION_KEYS <= mention.keys()
    mccain = quotes[1]
    assert mccain["speaker"] == "John McCain"
    assert mccain["said_on"] == "2018-07"
    assert mccain["first_seen"] == "2025-08-07T09:00:00+00:00"
    assert mccain["n_articles"] == 2
    assert [m["url"] for m in mccain["mentions"]] == [URLS["seed"], URLS["repeat"]]
    seed = mccain["mentions"][0]
    assert quote_db.seed_text[seed["start"] : seed["end"]] == MCCAIN
    assert (seed["speaker_mention"], seed["cue"], seed["type"]) == ("McCain", "said", "direct")
    assert seed["confidence"] == pytest.approx(0.9)


def test_articles_carry_the_contract(engine, quote_db) -> None:
    articles = _jsonl(engine, "articles")
    assert len(articles) == 4
    for article in articles:
        assert ARTICLE_KEYS <= article.keys()
    seed = next(a for a in articles if a["url"] == URLS["seed"])
    assert seed["text"] == quote_db.seed_text
    assert seed["outlet"] == "The Independent"
    assert seed["published"] == "2025-08-07T09:00:00+00:00"
    assert seed["authors"] == ["A. Reporter"]
    assert seed["language"] == "en"
    assert seed["paywalled"] is False
    assert "html_gz" not in seed


def test_mentions_and_people(engine, quote_db) -> None:
    mentions = _jsonl(engine, "mentions")
    assert len(mentions) == 5
    assert {m["outlet"] for m in mentions} == {"The Independent", "Example News", "Daily Example"}
    people = {p["name"]: p for p in _jsonl(engine, "people")}
    assert people["John McCain"]["n_quotations"] == 1
    assert people["Donald Trump"]["n_quotations"] == 2
    assert "John McCain" in people["John McCain"]["aliases"]


def test_speaker_and_date_filters(engine, quote_db) -> None:
    trump = person_ids_for(engine, "Donald Trump")
    assert [q["text"] for q in _jsonl(engine, "quotes", person_ids=trump)] == [TRUMP_HELSINKI, ECONOMY]
    assert {a["url"] for a in _jsonl(engine, "articles", person_ids=trump)} == {URLS["seed"], URLS["economy"]}
    assert len(_jsonl(engine, "mentions", person_ids=trump)) == 2
    assert [p["name"] for p in _jsonl(engine, "people", person_ids=trump)] == ["Donald Trump"]
    recent = _jsonl(engine, "quotes", since=date(2025, 1, 1))
    assert [q["text"] for q in recent] == [TRUMP_HELSINKI, MCCAIN]
    early = _jsonl(engine, "articles", until=date(2019, 1, 10))  # inclusive
    assert [a["url"] for a in early] == [URLS["surrender"]]


def test_people_filtered_by_when_their_quotations_were_first_seen(engine, quote_db) -> None:
    everyone = {p["name"]: p["n_quotations"] for p in _jsonl(engine, "people")}
    recent = {p["name"]: p["n_quotations"] for p in _jsonl(engine, "people", since=date(2025, 1, 1))}
    early = {p["name"]: p["n_quotations"] for p in _jsonl(engine, "people", until=date(2024, 12, 31))}
    assert recent == {"Donald Trump": 1, "John McCain": 1}  # Helsinki and McCain's, not the economy
    assert early["Donald Trump"] == 1 and everyone["Donald Trump"] == 2
    assert sum(early.values()) + sum(recent.values()) == sum(everyone.values())
    assert _jsonl(engine, "people", since=date(2030, 1, 1)) == []
    assert _jsonl(engine, "mentions", since=date(2026, 1, 1)) == []


def test_csv_round_trips_with_nested_values_as_json(engine, quote_db) -> None:
    out = io.StringIO()
    assert export(engine, "quotes", "csv", out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    mccain = next(r for r in rows if r["text"] == MCCAIN)
    assert mccain["speaker"] == "John McCain"
    assert mccain["n_articles"] == "2"
    assert [m["url"] for m in json.loads(mccain["mentions"])] == [URLS["seed"], URLS["repeat"]]

    out = io.StringIO()
    export(engine, "articles", "csv", out)
    articles = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert ARTICLE_KEYS <= set(articles[0])
    assert json.loads(articles[0]["authors"]) == ["A. Reporter"]


def test_empty_csv_still_has_its_header(engine) -> None:
    out = io.StringIO()
    assert export(engine, "articles", "csv", out) == 0
    assert ARTICLE_KEYS <= set(out.getvalue().strip().split(","))


def test_rows_are_streamed_not_loaded(engine, quote_db) -> None:
    """The export asks the driver for batches (server-side cursor on PostgreSQL) and is lazy."""
    seen: list[dict] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        seen.append(dict(context.execution_options))

    records = iter_export(engine, "mentions", batch=2)
    assert seen == []  # nothing ran yet: a generator
    first = next(records)
    assert first["mention_id"] == 1
    assert any(options.get("yield_per") == 2 and options.get("stream_results") for options in seen)
    assert len(list(records)) == 4
    event.remove(engine, "before_cursor_execute", record)


def test_bad_kind_or_format(engine) -> None:
    with pytest.raises(ExportError):
        list(iter_export(engine, "tweets"))
    with pytest.raises(ExportError):
        export(engine, "quotes", "xml", io.StringIO())


def test_quotes_export_command(engine, quote_db, tmp_path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    result = runner.invoke(
        app, ["export", "quotes", "--format", "jsonl", "--speaker", "John McCain", "--db", url]
    )
    assert result.exit_code == 0, result.output
    quotes = [json.loads(line) for line in result.stdout.splitlines()]
    assert [q["text"] for q in quotes] == [MCCAIN]
    assert quotes[0]["n_articles"] == 2

    target = tmp_path / "articles.csv"
    result = runner.invoke(
        app, ["export", "articles", "-f", "csv", "--since", "2025", "-o", str(target), "--db", url]
    )
    assert result.exit_code == 0, result.output
    assert "exported 2 articles" in result.output
    assert {row["url"] for row in csv.DictReader(target.open(encoding="utf-8"))} == {
        URLS["seed"],
        URLS["repeat"],
    }
    assert not (tmp_path / "articles.csv.part").exists()

    result = runner.invoke(app, ["export", "tweets", "--db", url])
    assert result.exit_code == 2 and "choose one of quotes, mentions, articles, people" in result.output
    result = runner.invoke(app, ["export", "quotes", "--format", "xml", "--db", url])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", "quotes", "--speaker", "Nobody", "--db", url])
    assert result.exit_code == 1 and "no person named 'Nobody'" in result.output

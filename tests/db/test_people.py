"""Curating people: list, aliases files (TOML, CSV), merge and split (a merge can be undone)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, update
from support.quote_fixtures import MCCAIN, SURRENDER, build_quote_db, quote_in
from typer.testing import CliRunner

from db.models import Mention, Person, Quotation
from db.people import PeopleError, import_aliases, iter_people, merge_people, person_ids_for, split_person
from db.records import ArticleRecord
from db.store import store_article
from tracker.cli import app

ALIASES_TOML = """
[[person]]
name = "John McCain"
qid = "Q10390"
description = "US senator from Arizona"
aliases = ["McCain", "Senator John McCain"]

[[person]]
name = "Donald Trump"
qid = "Q22686"
aliases = ["Trump", "President Trump"]
"""

ALIASES_CSV = "name,qid,aliases\nJohn McCain,Q10390,McCain|Senator John McCain\nDonald Trump,Q22686,Trump\n"


@pytest.fixture
def quote_db(engine):
    return build_quote_db(engine)


def _state(engine) -> tuple[dict, dict]:
    """Who each mention and each quotation belongs to, by name."""
    with engine.connect() as conn:
        names = dict(conn.execute(select(Person.id, Person.name)).all())
        mentions = {mid: names.get(pid) for mid, pid in conn.execute(select(Mention.id, Mention.person_id))}
        quotes = {
            text: (names.get(pid), dist)
            for text, pid, dist in conn.execute(
                select(Quotation.text, Quotation.person_id, Quotation.speaker_distribution)
            )
        }
    return mentions, quotes


def _speaker_of(engine, quote_text: str) -> str | None:
    return _state(engine)[1][quote_text][0]


def test_list_people_by_quotations(engine, quote_db) -> None:
    people = list(iter_people(engine))
    assert [(p.name, p.n_quotations, p.n_mentions) for p in people] == [
        ("Donald Trump", 2, 2),
        ("John McCain", 1, 2),
        ("McCain", 1, 1),
    ]


def test_merge_moves_mentions_and_quotations_and_keeps_the_row(engine, quote_db) -> None:
    result = merge_people(engine, "McCain", "John McCain")
    assert (result.mentions_moved, result.quotations_touched) == (1, 1)
    assert _speaker_of(engine, SURRENDER) == "John McCain"
    assert [p.name for p in iter_people(engine)] == ["Donald Trump", "John McCain"]
    merged = {p.name: p for p in iter_people(engine, include_merged=True)}
    assert merged["McCain"].merged_into == "John McCain"
    assert person_ids_for(engine, "McCain") == person_ids_for(engine, "John McCain")
    assert len(person_ids_for(engine, "John McCain")) == 2
    with engine.connect() as conn:  # the article's own words are untouched
        speaker, written = conn.execute(
            select(Mention.speaker, Mention.speaker_mention).where(Mention.text == SURRENDER)
        ).one()
    assert (speaker, written) == ("McCain", "McCain")


def test_a_merge_gives_the_target_the_sources_qid_when_it_has_none(engine, quote_db) -> None:
    with engine.begin() as conn:
        conn.execute(update(Person).where(Person.name == "McCain").values(wikidata_qid="Q10390"))
    merge_people(engine, "McCain", "John McCain")
    assert {p.name: p.wikidata_qid for p in iter_people(engine)}["John McCain"] == "Q10390"


def test_split_undoes_a_merge_exactly(engine, quote_db) -> None:
    before = _state(engine)
    merge_people(engine, "McCain", "John McCain")
    assert _state(engine) != before
    result = split_person(engine, "John McCain", "McCain")
    assert result.mentions_moved == 1
    assert _state(engine) == before
    assert {p.name: p.merged_into for p in iter_people(engine, include_merged=True)}["McCain"] is None


def test_new_mentions_follow_a_merge(engine, quote_db) -> None:
    merge_people(engine, "McCain", "John McCain")
    text = f"“{MCCAIN}” McCain said, again."
    record = ArticleRecord(
        url="https://third.example.net/a",
        text=text,
        published=datetime(2025, 9, 1, tzinfo=timezone.utc),
        outlet="Third",
    )
    store_article(
        engine, record, [quote_in(text, MCCAIN, speaker="McCain", mention="McCain")], attribution_version="t"
    )
    assert _speaker_of(engine, MCCAIN) == "John McCain"


def test_split_off_a_new_person_by_alias(engine, quote_db) -> None:
    merge_people(engine, "McCain", "John McCain")
    result = split_person(engine, "John McCain", "Cindy McCain", aliases=["McCain"])
    assert result.person == "Cindy McCain"
    assert _speaker_of(engine, SURRENDER) == "Cindy McCain"  # its mention was resolved to "McCain"
    assert _speaker_of(engine, MCCAIN) == "John McCain"  # resolved to "John McCain" in both articles


def test_merge_and_split_errors(engine, quote_db) -> None:
    with pytest.raises(PeopleError, match="no person named"):
        merge_people(engine, "Nobody", "John McCain")
    with pytest.raises(PeopleError, match="already the same person"):
        merge_people(engine, "John McCain", "John McCain")
    with pytest.raises(PeopleError, match="not part of"):
        split_person(engine, "John McCain", "Donald Trump")


@pytest.mark.parametrize(("name", "content"), [("aliases.toml", ALIASES_TOML), ("aliases.csv", ALIASES_CSV)])
def test_import_aliases_file(engine, quote_db, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = import_aliases(engine, path)
    assert (result.people_created, result.people_updated, result.people_merged) == (0, 2, 1)
    people = {p.name: p for p in iter_people(engine)}
    assert people["John McCain"].wikidata_qid == "Q10390"
    assert people["Donald Trump"].wikidata_qid == "Q22686"
    assert "Senator John McCain" in people["John McCain"].aliases
    assert _speaker_of(engine, SURRENDER) == "John McCain"  # "McCain" was merged in
    assert person_ids_for(engine, "Q10390") == person_ids_for(engine, "senator john mccain")
    # Importing again changes nothing more.
    again = import_aliases(engine, path)
    assert (again.people_created, again.people_merged, again.aliases_added) == (0, 0, 0)
    # And the merge it made can be undone.
    split_person(engine, "John McCain", "McCain")
    assert _speaker_of(engine, SURRENDER) == "McCain"


def test_import_creates_people_it_does_not_know(engine, tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    path.write_text('[[person]]\nname = "Volodymyr Zelensky"\nqid = "Q3881727"\naliases = ["Zelensky"]\n')
    assert import_aliases(engine, path).people_created == 1
    assert person_ids_for(engine, "Zelensky") == person_ids_for(engine, "Q3881727")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.csv", "name,qid,aliases\nJohn McCain,Q10390,McCain\n,Q1,Nobody\n", "line 3: a canonical name"),
        ("bad.csv", "name,qid\nJohn McCain,10390\n", "not a Wikidata QID"),
        ("bad.csv", "qid,aliases\nQ1,x\n", "'name' column"),
        ("bad.toml", '[[person]]\nname = "John McCain"\n[[person]]\nqid = "Q1"\n', "person #2"),
        ("bad.toml", "[[person]\nname = 1", "invalid TOML"),
        ("bad.toml", '[[person]]\nname = "X"\nkind = "robot"\n', "kind must be"),
        ("bad.json", "{}", "unknown aliases file type"),
    ],
)
def test_a_bad_aliases_file_changes_nothing(engine, quote_db, tmp_path: Path, name, content, message) -> None:
    before = list(iter_people(engine, include_merged=True))
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PeopleError, match=message):
        import_aliases(engine, path)
    assert list(iter_people(engine, include_merged=True)) == before


def test_invalid_utf8_aliases_file(engine, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,qid\nJos\xe9,Q1\n".encode("latin-1"))
    with pytest.raises(PeopleError, match="not UTF-8"):
        import_aliases(engine, path)


def test_people_commands(engine, quote_db, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    result = runner.invoke(app, ["people", "list", "--db", url])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Donald Trump: 2 quotations"

    result = runner.invoke(app, ["people", "merge", "McCain", "John McCain", "--db", url])
    assert result.exit_code == 0, result.output
    assert "merged 'McCain' into 'John McCain': 1 mentions" in result.stdout
    listed = runner.invoke(app, ["people", "list", "--merged", "--json", "--db", url]).stdout
    merged = {p["name"]: p for p in map(json.loads, listed.splitlines())}
    assert merged["McCain"]["merged_into"] == "John McCain"

    result = runner.invoke(app, ["people", "split", "John McCain", "McCain", "--db", url])
    assert result.exit_code == 0, result.output
    assert "split 'McCain' off 'John McCain': 1 mentions" in result.stdout

    aliases = tmp_path / "aliases.toml"
    aliases.write_text(ALIASES_TOML, encoding="utf-8")
    result = runner.invoke(app, ["people", "import", str(aliases), "--db", url])
    assert result.exit_code == 0, result.output
    assert "0 people created, 2 updated" in result.stdout
    listing = runner.invoke(app, ["people", "list", "--db", url]).stdout
    assert "John McCain (Q10390): 2 quotations" in listing

    result = runner.invoke(app, ["people", "merge", "Nobody", "John McCain", "--db", url])
    assert result.exit_code == 1 and "no person named 'Nobody'" in result.output
    result = runner.invoke(app, ["people", "import", str(tmp_path / "missing.toml"), "--db", url])
    assert result.exit_code == 1 and "no such file" in result.output

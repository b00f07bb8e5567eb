"""Across articles, a speaker known only by a surname is filed under the one person of that surname."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Engine, func, select

from attribution.types import Quote
from db.models import Mention, Person, Quotation
from db.people import split_person
from db.records import ArticleRecord
from db.store import store_article


def _store(engine: Engine, n: int, speaker: str, words: str) -> None:
    text = f"The speech went on. “{words}” {speaker.split()[-1]} said."
    start = text.index(words)
    quote = Quote(text=words, start=start, end=start + len(words), type="direct", speaker=speaker,
                  speaker_kind="person", speaker_mention=speaker.split()[-1], cue="said", confidence=0.9)
    record = ArticleRecord(url=f"https://news.example.org/{n}", text=text, outlet="Example News",
                           published=datetime(2025, 1, n, tzinfo=timezone.utc))
    store_article(engine, record, [quote], attribution_version="t")


def _speaker_of(engine: Engine, words: str) -> str | None:
    with engine.connect() as conn:
        person_id = conn.execute(select(Quotation.person_id).where(Quotation.text == words)).scalar_one()
        while True:  # follow merges to the canonical person
            row = conn.execute(select(Person.name, Person.merged_into_id).where(Person.id == person_id)).one()
            if row.merged_into_id is None:
                return row.name
            person_id = row.merged_into_id


def test_a_bare_surname_joins_the_one_full_name_known(engine: Engine) -> None:
    _store(engine, 1, "Donald Trump", "We will build it.")
    _store(engine, 2, "Trump", "It will be great.")
    assert _speaker_of(engine, "It will be great.") == "Donald Trump"


def test_a_full_name_takes_over_the_surname_stored_before_it(engine: Engine) -> None:
    _store(engine, 1, "Trump", "It will be great.")
    _store(engine, 2, "Donald Trump", "We will build it.")
    assert _speaker_of(engine, "It will be great.") == "Donald Trump"
    with engine.connect() as conn:
        persons = conn.execute(select(func.count()).select_from(Mention).where(Mention.person_id.is_not(None))).scalar()
    assert persons == 2
    # The fold is a merge like any other: split gives "Trump" back its own quotation.
    split_person(engine, "Donald Trump", "Trump")
    assert _speaker_of(engine, "It will be great.") == "Trump"
    assert _speaker_of(engine, "We will build it.") == "Donald Trump"


def test_two_people_of_one_surname_leave_the_bare_surname_alone(engine: Engine) -> None:
    _store(engine, 1, "Hillary Clinton", "I am running.")
    _store(engine, 2, "Bill Clinton", "She is ready.")
    _store(engine, 3, "Clinton", "We are ready.")
    assert _speaker_of(engine, "We are ready.") == "Clinton"

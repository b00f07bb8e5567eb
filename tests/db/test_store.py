"""store_article: URL dedup, syndicated copies, quotation identity and folding, people, aggregates,
re-attribution, and the fault cases (no text, invalid UTF-8, a 50 MB page)."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from attribution.types import Quote
from db.models import Article, Mention, Person, PersonAlias, Quotation
from db.records import ArticleRecord
from db.store import (
    EmptyArticleError,
    is_variant,
    normalize_quote,
    quotation_keys,
    replace_mentions,
    seen_urls,
    store_article,
)

MCCAIN = "No prior president has ever abased himself more abjectly before a tyrant,"


def day(d: int, month: int = 8) -> datetime:
    return datetime(2025, month, d, tzinfo=timezone.utc)


def quote_in(text: str, quoted: str, speaker: str | None = "John McCain", said_on: str | None = "2018-07",
             **extra) -> Quote:
    start = text.index(quoted)
    return Quote(text=quoted, start=start, end=start + len(quoted), type="direct", speaker=speaker,
                 speaker_kind="person" if speaker else None, speaker_mention=speaker and speaker.split()[-1],
                 cue="said", said_on=said_on, confidence=0.9, **extra)


def article(url: str, text: str, published: datetime | None = None, **extra) -> ArticleRecord:
    return ArticleRecord(url=url, text=text, published=published, **extra)


def count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def quotations(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(Quotation).order_by(Quotation.id)).all()


def test_normalised_text_is_the_quotation_identity() -> None:
    assert normalize_quote("“No prior president,” ") == normalize_quote("no  PRIOR president")
    assert normalize_quote("I don’t know.") == normalize_quote("I dont know")


def test_near_variants_fold_and_different_quotes_do_not() -> None:
    full = normalize_quote("No prior president has ever abased himself more abjectly before a tyrant")
    trimmed = normalize_quote("abased himself more abjectly before a tyrant")
    edited = normalize_quote("No prior president has ever abased himself so abjectly before a tyrant")
    ellipsis = normalize_quote("No prior president has ever abased himself ... before a tyrant")
    other = normalize_quote("No prior president has ever done more for the farmers of this country")
    assert is_variant(trimmed, full) > 0
    assert is_variant(edited, full) > 0
    assert is_variant(ellipsis, full) > 0
    assert is_variant(other, full) == 0
    assert is_variant(normalize_quote("I don't know"), full) == 0
    # Keys are content-defined: a trimmed piece's sampled keys are found among the full quote's.
    assert quotation_keys(trimmed) - {min(quotation_keys(trimmed))} <= quotation_keys(full)


def test_store_and_url_dedup(engine, seed_text) -> None:
    first = store_article(engine, article("https://www.independent.co.uk/a/?utm_source=tw#c", seed_text, day(7),
                                          outlet="The Independent"), [quote_in(seed_text, MCCAIN)])
    assert first.created and first.n_mentions == 1
    again = store_article(engine, article("http://independent.co.uk/a", seed_text + " changed"), [])
    assert again == type(first)(first.article_id, False, 0)
    assert count(engine, Article) == 1 and count(engine, Mention) == 1
    assert seen_urls(engine, ["https://independent.co.uk/a/", "https://independent.co.uk/b"]) == {
        "https://independent.co.uk/a/"}


def test_same_url_twice_in_one_batch_is_one_row(engine, seed_text) -> None:
    batch = [article("https://example.com/story", seed_text), article("https://example.com/story/", seed_text)]
    results = [store_article(engine, record, [quote_in(seed_text, MCCAIN)]) for record in batch]
    assert [r.created for r in results] == [True, False]
    assert count(engine, Article) == 1
    assert quotations(engine)[0].n_mentions == 1


def test_article_with_no_text_is_refused_and_nothing_stored(engine) -> None:
    with pytest.raises(EmptyArticleError, match="no text"):
        store_article(engine, article("https://example.com/empty", "  \n "), [])
    with pytest.raises(EmptyArticleError):
        store_article(engine, article("", "text"), None)
    assert count(engine, Article) == 0


def test_unattributed_and_attributed_with_none(engine) -> None:
    store_article(engine, article("https://example.com/1", "Later."), None)
    store_article(engine, article("https://example.com/2", "Nothing quoted."), [], attribution_version="t1")
    with engine.connect() as conn:
        versions = dict(conn.execute(select(Article.url, Article.attribution_version)).all())
    assert versions == {"https://example.com/1": None, "https://example.com/2": "t1"}


def test_repeated_quotation_is_one_row_with_aggregates(engine, seed_text) -> None:
    second = (f'Senator John McCain did not hold back. "{MCCAIN[:-1]}." McCain said after the summit in '
              "Helsinki in July 2018.")
    store_article(engine, article("https://a.example/seed", seed_text, day(7), outlet="A"), [quote_in(seed_text, MCCAIN)])
    store_article(engine, article("https://b.example/two", second, day(9), outlet="B"),
                  [quote_in(second, MCCAIN[:-1], said_on=None)])
    [row] = quotations(engine)
    assert (row.n_articles, row.n_mentions, row.said_on) == (2, 2, "2018-07")
    assert row.text == MCCAIN  # the longest surface form
    assert (row.first_seen, row.last_seen) == (day(7), day(9))
    with engine.connect() as conn:
        assert conn.execute(select(Person.name).where(Person.id == row.person_id)).scalar() == "John McCain"
    assert row.speaker_distribution == {"John McCain": 2}


def test_trimmed_and_edited_repetitions_fold_into_one_quotation(engine) -> None:
    texts = {
        "https://a.example/1": f'"{MCCAIN}" McCain said.',
        "https://b.example/2": '"abased himself more abjectly before a tyrant" as one senator put it.',
        "https://c.example/3": '"No prior president has ever abased himself so abjectly before a tyrant," he said.',
    }
    quotes = {"https://a.example/1": MCCAIN, "https://b.example/2": "abased himself more abjectly before a tyrant",
              "https://c.example/3": "No prior president has ever abased himself so abjectly before a tyrant,"}
    speakers = {"https://a.example/1": "John McCain", "https://b.example/2": None, "https://c.example/3": "John McCain"}
    for url, text in texts.items():
        store_article(engine, article(url, text), [quote_in(text, quotes[url], speaker=speakers[url])])
    [row] = quotations(engine)
    assert row.n_articles == 3 and row.n_mentions == 3


def test_distinct_quotes_of_one_speaker_stay_apart(engine) -> None:
    text = '"We will win this election," Smith said. "The economy is the first thing on my list," Smith added.'
    quotes = [quote_in(text, "We will win this election,", "Jane Smith"),
              quote_in(text, "The economy is the first thing on my list,", "Jane Smith")]
    store_article(engine, article("https://x.example/1", text), quotes)
    assert len(quotations(engine)) == 2
    assert count(engine, Person) == 1


def test_same_words_from_two_speakers_are_two_quotations(engine) -> None:
    line = "This is the quote that three outlets carried with different speakers"
    for i, speaker in enumerate(["Jane Smith", "Jane Smith", "John Doe", None]):
        text = f'"{line}," a source said.'
        store_article(engine, article(f"https://o{i}.example/a", text), [quote_in(text, line, speaker)])
    with engine.connect() as conn:
        rows = conn.execute(select(Person.name, Quotation.n_mentions, Quotation.speaker_distribution)
                            .join(Person, Person.id == Quotation.person_id).order_by(Person.name)).all()
        unattached = conn.execute(select(func.count()).select_from(Quotation)
                                  .where(Quotation.person_id.is_(None))).scalar_one()
    # The unknown speaker's printing cannot tell whose words they are: a quotation of its own.
    assert [tuple(row) for row in rows] == [("Jane Smith", 2, {"Jane Smith": 2}), ("John Doe", 1, {"John Doe": 1})]
    assert unattached == 1


def test_unknown_speaker_joins_the_one_speaker_who_said_it(engine) -> None:
    line = "Nobody in this building saw the crisis coming, nobody at all"
    for i, speaker in enumerate(["Jane Smith", None]):
        text = f'"{line}," a source said.'
        store_article(engine, article(f"https://u{i}.example/a", text), [quote_in(text, line, speaker)])
    [row] = quotations(engine)
    assert row.n_mentions == 2 and row.speaker_distribution == {"Jane Smith": 1}


def test_thank_you_from_two_people_in_one_article_is_two_quotations(engine) -> None:
    text = '"Thank you," said Holloway. Then Reyes stood up. "Thank you," said Reyes.'
    second = text.index('"Thank you," said Reyes') + 1
    quotes = [quote_in(text, "Thank you,", "Jane Holloway"),
              Quote(text="Thank you,", start=second, end=second + len("Thank you,"), type="direct",
                    speaker="Tom Reyes", speaker_kind="person", speaker_mention="Reyes", confidence=0.9)]
    store_article(engine, article("https://thanks.example/1", text), quotes)
    with engine.connect() as conn:
        speakers = conn.execute(select(Person.name).join(Quotation, Quotation.person_id == Person.id)
                                .order_by(Person.name)).scalars().all()
    assert speakers == ["Jane Holloway", "Tom Reyes"]


@pytest.mark.parametrize(("first", "second"), [
    ("We will not raise taxes on working families this year,", "We will raise taxes on working families this year,"),
    ("The economy will grow by 5 percent next year,", "The economy will grow by 15 percent next year,"),
    ("I never met Viktor Sorensen in my life,", "I never met Anders Sorensen in my life,"),
])
def test_different_statements_of_one_speaker_stay_apart(engine, first: str, second: str) -> None:
    for i, line in enumerate([first, second]):
        text = f'"{line}" she said.'
        store_article(engine, article(f"https://d{i}.example/a", text), [quote_in(text, line, "Jane Holloway")])
    assert sorted(row.text for row in quotations(engine)) == sorted([first, second])


def test_people_are_found_by_alias(engine) -> None:
    text = '"One thing," said McCain. "Another thing entirely," said john  mccain.'
    store_article(engine, article("https://x.example/p", text), [
        quote_in(text, "One thing,", "John McCain"), quote_in(text, "Another thing entirely,", "john  McCain.")])
    assert count(engine, Person) == 1
    with engine.connect() as conn:
        assert conn.execute(select(PersonAlias.alias_norm)).scalars().all() == ["john mccain"]


def test_syndicated_copy_points_at_the_original_and_counts(engine, seed_text) -> None:
    first = store_article(engine, article("https://origin.example/s", seed_text, day(7)), [quote_in(seed_text, MCCAIN)])
    copy_text = seed_text.replace("\n\n", "\n")  # reformatted, same words
    copy = store_article(engine, article("https://syndicator.example/s", copy_text, day(8)),
                         [quote_in(copy_text, MCCAIN)])
    with engine.connect() as conn:
        assert conn.execute(select(Article.duplicate_of_id).where(Article.id == copy.article_id)).scalar() \
            == first.article_id
    assert quotations(engine)[0].n_articles == 2


def test_invalid_utf8_and_nul_are_stored_without_moving_offsets(engine) -> None:
    raw = b'<html><body><p>Caf\xe9 \xff\xfe "Bad bytes here," she said.</p></body></html>'
    text = raw.decode("utf-8", "surrogateescape").replace("<html><body><p>", "").replace("</p></body></html>", "")
    text = text.replace("Caf", "C\x00f")
    quoted = "Bad bytes here,"
    quote = quote_in(text, quoted, "Ann Lee")
    result = store_article(engine, article("https://bytes.example/1", text, html=raw), [quote])
    with engine.connect() as conn:
        stored, html_gz = conn.execute(select(Article.text, Article.html_gz).where(Article.id == result.article_id)).one()
        mention = conn.execute(select(Mention.start, Mention.end)).one()
    assert len(stored) == len(text) and "\ufffd" in stored and "\x00" not in stored
    assert stored[mention.start:mention.end] == quoted
    assert gzip.decompress(html_gz) == raw  # the raw page kept byte for byte


@pytest.mark.slow
def test_a_50_mb_page_is_stored_compressed(engine) -> None:
    paragraph = "<p>" + "Words of a very long page that goes on and on. " * 20 + "</p>\n"
    html = "<html><body>" + paragraph * (50 * 1024 * 1024 // len(paragraph) + 1) + "</body></html>"
    text = "A huge page. " * 800_000  # ~10 MB of text
    result = store_article(engine, article("https://huge.example/1", text, html=html), [])
    with engine.connect() as conn:
        size = conn.execute(select(func.length(Article.html_gz)).where(Article.id == result.article_id)).scalar()
        stored_len = conn.execute(select(func.length(Article.text))).scalar()
    assert len(html) >= 50 * 1024 * 1024 and size < len(html) // 10
    assert stored_len == len(text)


def test_reattribution_replaces_mentions_and_keeps_aggregates(engine, seed_text) -> None:
    a = store_article(engine, article("https://a.example/1", seed_text, day(7)), [quote_in(seed_text, MCCAIN)])
    store_article(engine, article("https://b.example/2", seed_text + " ", day(9)), [quote_in(seed_text, MCCAIN)])
    trump = "President Putin says it’s not Russia. I don’t see any reason why it would be,"
    n = replace_mentions(engine, a.article_id, [quote_in(seed_text, trump, "Donald Trump")], attribution_version="v2")
    assert n == 1
    rows = {row.text: row for row in quotations(engine)}
    assert rows[MCCAIN].n_articles == 1 and rows[MCCAIN].first_seen == day(9)
    assert rows[trump].n_articles == 1
    # Replacing again with nothing removes the quotation no article carries any more.
    replace_mentions(engine, a.article_id, [], attribution_version="v3")
    assert [row.text for row in quotations(engine)] == [MCCAIN]
    with engine.connect() as conn:
        assert conn.execute(select(Article.attribution_version).where(Article.id == a.article_id)).scalar() == "v3"


def test_each_speakers_words_are_found_under_their_name(engine) -> None:
    """The issue's report: Reyes's words had vanished into Holloway's quotation."""
    import io
    import json

    from db.export import export
    from db.people import person_ids_for
    from db.search import search_quotations

    lines = {"Jane Holloway": "We will not raise taxes on working families this year,",
             "Tom Reyes": "We will raise taxes on working families this year,"}
    for i, (speaker, line) in enumerate(lines.items()):
        text = f'"{line}" said {speaker}.'
        store_article(engine, article(f"https://t{i}.example/a", text), [quote_in(text, line, speaker)])
    for speaker, line in lines.items():
        hits = search_quotations(engine, "taxes", person_ids=person_ids_for(engine, speaker))
        assert [hit.text for hit in hits] == [line]
    out = io.StringIO()
    export(engine, "quotes", "jsonl", out)
    assert {(r["speaker"], r["text"]) for r in map(json.loads, out.getvalue().splitlines())} == \
        {(speaker, line) for speaker, line in lines.items()}

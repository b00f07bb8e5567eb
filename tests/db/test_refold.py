"""``quotes db refold`` on a database folded the old way: wrongly merged statements are split,
true repetitions stay one quotation, and no mention is lost (both backends)."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlalchemy import func, select, update
from typer.testing import CliRunner

import db.store as store
from attribution.types import Quote
from db.models import Mention, Person, Quotation
from db.records import ArticleRecord
from db.refold import refold
from db.store import store_article
from tracker.cli import app

TAXES_NOT = "We will not raise taxes on working families this year,"
TAXES = "We will raise taxes on working families this year,"
GROW_5 = "The economy will grow by 5 percent next year,"
GROW_15 = "The economy will grow by 15 percent next year,"
TYRANT = "No prior president has ever abased himself more abjectly before a tyrant,"
TYRANT_TRIMMED = "abased himself more abjectly before a tyrant"


def old_is_variant(norm_a: str, norm_b: str) -> float:
    """The folding rule before revision 0003: character similarity alone."""
    shorter, longer = sorted((norm_a, norm_b), key=len)
    ratio = fuzz.ratio(shorter, longer)
    if ratio >= 90:
        return ratio
    if len(shorter.split()) >= 6 and fuzz.partial_ratio(shorter, longer) >= 95:
        return 94.0
    return 0.0


def quote(text: str, quoted: str, speaker: str | None, occurrence: int = 0) -> Quote:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quoted, start + 1)
    return Quote(text=quoted, start=start, end=start + len(quoted), type="direct", speaker=speaker,
                 speaker_kind="person" if speaker else None, speaker_mention=speaker, confidence=0.9)


ARTICLES = [
    ("https://a.example/1", f'"{TAXES_NOT}" said Jane Holloway.', [(TAXES_NOT, "Jane Holloway", 0)]),
    ("https://b.example/2", f'"{TAXES}" said Tom Reyes.', [(TAXES, "Tom Reyes", 0)]),
    ("https://c.example/3", f'"{GROW_5}" said Tom Reyes.', [(GROW_5, "Tom Reyes", 0)]),
    ("https://d.example/4", f'"{GROW_15}" Reyes said again.', [(GROW_15, "Tom Reyes", 0)]),
    ("https://e.example/5", '"Thank you," said Holloway. "Thank you," said Reyes.',
     [("Thank you,", "Jane Holloway", 0), ("Thank you,", "Tom Reyes", 1)]),
    ("https://f.example/6", f'"{TYRANT}" said John McCain.', [(TYRANT, "John McCain", 0)]),
    ("https://g.example/7", f'"{TYRANT_TRIMMED}" as one senator put it.', [(TYRANT_TRIMMED, None, 0)]),
]


def store_the_old_way(engine, monkeypatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(store, "variant_score", old_is_variant)
        patch.setattr(store, "speakers_compatible", lambda a, b: True)
        for url, text, quotes in ARTICLES:
            store_article(engine, ArticleRecord(url=url, text=text),
                          [quote(text, quoted, speaker, n) for quoted, speaker, n in quotes])


def mentions_by_quotation(engine) -> dict[int, set[str]]:
    """Quotation id -> 'text|speaker' of its mentions."""
    with engine.connect() as conn:
        rows = conn.execute(select(Mention.quotation_id, Mention.text, Person.name)
                            .outerjoin(Person, Person.id == Mention.person_id)).all()
    grouped: dict[int, set[str]] = {}
    for quotation_id, text, speaker in rows:
        grouped.setdefault(quotation_id, set()).add(f"{text}|{speaker}")
    return grouped


def test_refold_splits_wrong_folds_and_loses_no_mention(engine, monkeypatch) -> None:
    store_the_old_way(engine, monkeypatch)
    before = mentions_by_quotation(engine)
    assert {f"{TAXES_NOT}|Jane Holloway", f"{TAXES}|Tom Reyes"} in before.values()  # the old fold
    assert len(before) == 4
    with engine.connect() as conn:
        mention_ids = set(conn.execute(select(Mention.id)).scalars())

    report = refold(engine)

    after = mentions_by_quotation(engine)
    assert sorted(map(sorted, after.values())) == sorted(map(sorted, [
        [f"{TAXES_NOT}|Jane Holloway"], [f"{TAXES}|Tom Reyes"],
        [f"{GROW_5}|Tom Reyes"], [f"{GROW_15}|Tom Reyes"],
        ["Thank you,|Jane Holloway"], ["Thank you,|Tom Reyes"],
        [f"{TYRANT_TRIMMED}|None", f"{TYRANT}|John McCain"],  # a true repetition stays folded
    ]))
    assert report.mentions_before == report.mentions_after == len(mention_ids) == 8
    assert (report.split, report.mentions_moved) == (3, 3)
    with engine.connect() as conn:
        assert set(conn.execute(select(Mention.id)).scalars()) == mention_ids
        rows = conn.execute(select(Quotation.text, Person.name, Quotation.n_mentions, Quotation.speaker_distribution)
                            .outerjoin(Person, Person.id == Quotation.person_id)).all()
        assert conn.execute(select(func.sum(Quotation.n_mentions))).scalar() == 8
    by_text = {(text, name): (n, dist) for text, name, n, dist in rows}
    assert by_text[(TAXES, "Tom Reyes")] == (1, {"Tom Reyes": 1})
    assert by_text[(TAXES_NOT, "Jane Holloway")] == (1, {"Jane Holloway": 1})
    assert by_text[(TYRANT, "John McCain")] == (2, {"John McCain": 1})

    again = refold(engine)
    assert again.split == 0 and mentions_by_quotation(engine) == after


def test_after_refold_new_printings_find_their_own_speakers_quotation(engine, monkeypatch) -> None:
    store_the_old_way(engine, monkeypatch)
    refold(engine)
    text = f'"{TAXES}" Reyes repeated.'
    store_article(engine, ArticleRecord(url="https://h.example/8", text=text), [quote(text, TAXES, "Tom Reyes")])
    with engine.connect() as conn:
        counts = dict(conn.execute(select(Quotation.text, Quotation.n_mentions)
                                   .join(Person, Person.id == Quotation.person_id)
                                   .where(Person.name == "Tom Reyes")).all())
    assert counts[TAXES] == 2


def test_db_refold_command(sqlite_url: str, monkeypatch) -> None:
    from db.engine import open_engine

    engine = open_engine(sqlite_url)
    store_the_old_way(engine, monkeypatch)
    engine.dispose()
    result = CliRunner().invoke(app, ["db", "refold", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "split 3 (into 3 more)" in result.output and "mentions before 8, after 8" in result.output


def test_refold_of_a_clean_database_changes_nothing(engine) -> None:
    text = f'"{TAXES_NOT}" said Jane Holloway. "{TAXES_NOT}" she repeated.'
    store_article(engine, ArticleRecord(url="https://clean.example/1", text=text),
                  [quote(text, TAXES_NOT, "Jane Holloway"), quote(text, TAXES_NOT, None, 1)])
    before = mentions_by_quotation(engine)
    assert refold(engine).split == 0
    assert mentions_by_quotation(engine) == before


def _two_people_said_it(engine) -> None:
    for i, speaker in enumerate(["Tom Reyes", "Thomas Reyes"]):
        text = f'"{TAXES}" said {speaker}.'
        store_article(engine, ArticleRecord(url=f"https://m{i}.example/a", text=text), [quote(text, TAXES, speaker)])


def test_refold_joins_one_speakers_duplicates(engine) -> None:
    _two_people_said_it(engine)
    assert len(mentions_by_quotation(engine)) == 2  # two people, two quotations
    with engine.begin() as conn:  # as a merge from before merges joined quotations left them
        conn.execute(update(Mention).values(person_id=select(Person.id).where(Person.name == "Thomas Reyes")
                                            .scalar_subquery()))
        for quotation_id in conn.execute(select(Quotation.id)).scalars().all():
            store.refresh_quotation(conn, quotation_id)
    report = refold(engine)
    assert (report.joined, report.mentions_before, report.mentions_after) == (1, 2, 2)
    [(quotation_id, mentions)] = mentions_by_quotation(engine).items()
    assert mentions == {f"{TAXES}|Thomas Reyes"}
    with engine.connect() as conn:
        assert conn.execute(select(Quotation.n_mentions).where(Quotation.id == quotation_id)).scalar() == 2


def test_merging_two_people_joins_their_quotation_and_splitting_parts_it_again(engine) -> None:
    from db.people import merge_people, split_person

    _two_people_said_it(engine)
    merge_people(engine, "Tom Reyes", "Thomas Reyes")
    assert list(mentions_by_quotation(engine).values()) == [{f"{TAXES}|Thomas Reyes"}]
    split_person(engine, "Thomas Reyes", "Tom Reyes")
    assert sorted(map(sorted, mentions_by_quotation(engine).values())) == [
        [f"{TAXES}|Thomas Reyes"], [f"{TAXES}|Tom Reyes"]]
    with engine.connect() as conn:
        assert conn.execute(select(func.sum(Quotation.n_mentions))).scalar() == 2

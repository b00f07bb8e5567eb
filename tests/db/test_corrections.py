"""Hand corrections (db.corrections, `quotes people rename`, `quotes mentions reassign|reject`,
`quotes corrections list|undo`): recorded with who/when/why, undoable, visible in exports, and
applied again when a new attribution version re-attributes the article (both backends)."""

from __future__ import annotations

import io
import json

import pytest
from db_fakes import RegexExtractor
from sqlalchemy import select, text
from typer.testing import CliRunner

import attribution
from db.attribute import AttributeOptions, run_worker
from db.corrections import (
    CorrectionError,
    iter_corrections,
    reassign_mention,
    reject_mention,
    rename_person,
    undo_correction,
)
from db.export import export
from db.models import Correction, Mention, Person, Quotation
from db.records import ArticleRecord
from db.store import store_article
from tracker import services
from tracker.cli import app

TAXES = "We will not raise taxes on working families this year"
GROWTH = "The economy will grow by five percent next year"
ARTICLE = f'"{TAXES}" said Tom Reyes. Later came more. "{GROWTH}" said Tom Reyes.'


@pytest.fixture
def stored(engine) -> int:
    """One article attributed (wrongly, as the researcher will say) by the regex fake at version v1."""
    quotes = RegexExtractor().extract(ARTICLE)
    return store_article(engine, ArticleRecord(url="https://news.example/taxes", text=ARTICLE), quotes,
                         attribution_version="v1").article_id


def mention_of(engine, quoted: str):
    with engine.connect() as conn:
        return conn.execute(
            select(Mention.id, Mention.correction_id, Person.name, Quotation.person_id, Quotation.n_mentions)
            .join(Quotation, Quotation.id == Mention.quotation_id)
            .outerjoin(Person, Person.id == Mention.person_id)
            .where(Mention.text == quoted)
        ).first()


def quotation_speaker(engine, quoted: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(Person.name).join(Quotation, Quotation.person_id == Person.id)
                            .where(Quotation.text == quoted)).scalar()


def reattribute_with_a_new_version(engine, monkeypatch, version: str = "v2") -> None:
    monkeypatch.setattr(attribution, "ATTRIBUTION_VERSION", version)  # new attribution rules
    options = AttributeOptions(version=services.attribution_version(), batch_size=16, lease_seconds=600)
    report = run_worker(engine, options, RegexExtractor())
    assert report.articles == 1 and not report.errors
    with engine.connect() as conn:
        assert conn.execute(text("SELECT attribution_version FROM articles")).scalar() == version


def test_reassign_is_recorded_and_holds_through_reattribution(engine, stored, monkeypatch) -> None:
    mention = mention_of(engine, TAXES)
    correction = reassign_mention(engine, mention.id, "Jane Holloway", author="ana", reason="video shows Holloway",
                                  create=True)
    after = mention_of(engine, TAXES)
    assert after.name == "Jane Holloway" and after.correction_id == correction
    assert quotation_speaker(engine, TAXES) == "Jane Holloway"
    assert quotation_speaker(engine, GROWTH) == "Tom Reyes"  # the other mention is untouched
    [record] = iter_corrections(engine)
    assert (record.kind, record.author, record.reason) == ("reassign", "ana", "video shows Holloway")
    assert "Tom Reyes -> Jane Holloway" in record.summary and record.created_at is not None

    reattribute_with_a_new_version(engine, monkeypatch)

    held = mention_of(engine, TAXES)
    with engine.connect() as conn:  # a new mention row (SQLite may reuse the id), found by its span
        assert conn.execute(select(Mention.attribution_version).where(Mention.id == held.id)).scalar() == "v2"
    assert held.name == "Jane Holloway" and held.correction_id == correction
    assert quotation_speaker(engine, TAXES) == "Jane Holloway"
    assert held.n_mentions == 1
    with engine.connect() as conn:  # the attribution's own (wrong) quotation does not linger
        assert conn.execute(select(Quotation.id).where(Quotation.n_mentions == 0)).first() is None


def test_reject_hides_the_mention_everywhere_and_holds_through_reattribution(engine, stored, monkeypatch) -> None:
    mention = mention_of(engine, GROWTH)
    correction = reject_mention(engine, mention.id, author="ana", reason="a paraphrase, not a quotation")
    assert mention_of(engine, GROWTH) is None
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mentions_with_article")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM quotations_with_speaker")).scalar() == 1
        kept = conn.execute(select(Correction.details).where(Correction.id == correction)).scalar()
    assert kept["mention"]["text"] == GROWTH  # still recorded
    out = io.StringIO()
    export(engine, "mentions", "jsonl", out)
    assert GROWTH not in out.getvalue()

    reattribute_with_a_new_version(engine, monkeypatch)
    assert mention_of(engine, GROWTH) is None
    assert mention_of(engine, TAXES) is not None

    undo_correction(engine, correction, author="ben")
    restored = mention_of(engine, GROWTH)
    assert restored is not None and restored.name == "Tom Reyes" and restored.correction_id is None
    [record] = iter_corrections(engine, include_undone=True)
    assert record.undone_by == "ben" and record.undone_at is not None
    assert list(iter_corrections(engine)) == []


def test_undo_a_reassignment_after_reattribution_gives_the_mention_back(engine, stored, monkeypatch) -> None:
    correction = reassign_mention(engine, mention_of(engine, TAXES).id, "Jane Holloway", author="ana", create=True)
    reattribute_with_a_new_version(engine, monkeypatch)
    undo_correction(engine, correction, author="ana")
    back = mention_of(engine, TAXES)
    assert back.name == "Tom Reyes" and back.correction_id is None
    reattribute_with_a_new_version(engine, monkeypatch, "v3")  # an undone correction is not reapplied
    assert mention_of(engine, TAXES).name == "Tom Reyes"


def test_exports_show_the_corrected_mentions(engine, stored) -> None:
    correction = reassign_mention(engine, mention_of(engine, TAXES).id, "Jane Holloway", author="ana", create=True)
    out = io.StringIO()
    export(engine, "quotes", "jsonl", out)
    quotes = {record["text"]: record for record in map(json.loads, out.getvalue().splitlines())}
    assert quotes[TAXES]["corrected"] is True and quotes[GROWTH]["corrected"] is False
    assert [m["correction_id"] for m in quotes[TAXES]["mentions"]] == [correction]
    out = io.StringIO()
    export(engine, "mentions", "csv", out)
    header, *rows = out.getvalue().splitlines()
    assert "correction_id" in header.split(",")
    assert sum(1 for row in rows if row.split(",")[header.split(",").index("correction_id")] == str(correction)) == 1


def test_the_report_reads_which_quotations_were_corrected(engine, stored) -> None:
    from db.reporting import ReportFilter, iter_figure_quotations

    reassign_mention(engine, mention_of(engine, TAXES).id, "Jane Holloway", author="ana", create=True)
    corrected = {q.text: q.corrected for _, figure in iter_figure_quotations(engine, ReportFilter()) for q in figure}
    assert corrected == {TAXES: True, GROWTH: False}


def test_rename_keeps_the_old_name_as_an_alias_and_undoes(engine, stored, monkeypatch) -> None:
    correction = rename_person(engine, "Tom Reyes", "Thomas Reyes", author="ana", reason="full name")
    assert quotation_speaker(engine, GROWTH) == "Thomas Reyes"
    reattribute_with_a_new_version(engine, monkeypatch)  # the article still says "Tom Reyes"
    assert quotation_speaker(engine, GROWTH) == "Thomas Reyes"
    other = '"Nothing to add" said Jane Holloway.'
    store_article(engine, ArticleRecord(url="https://news.example/other", text=other),
                  RegexExtractor().extract(other), attribution_version="v2")
    with pytest.raises(CorrectionError, match="already another person"):
        rename_person(engine, "Thomas Reyes", "Jane Holloway", author="ana")
    undo_correction(engine, correction, author="ana")
    assert quotation_speaker(engine, GROWTH) == "Tom Reyes"
    with engine.connect() as conn:
        assert conn.execute(select(Person.id).where(Person.name == "Thomas Reyes")).first() is None


def test_a_later_correction_of_the_same_mention_is_undone_first(engine, stored) -> None:
    first = reassign_mention(engine, mention_of(engine, TAXES).id, "Jane Holloway", author="ana", create=True)
    second = reject_mention(engine, mention_of(engine, TAXES).id, author="ana")
    with pytest.raises(CorrectionError, match=f"correction {second}"):
        undo_correction(engine, first, author="ana")
    undo_correction(engine, second, author="ana")
    undo_correction(engine, first, author="ana")
    assert mention_of(engine, TAXES).name == "Tom Reyes"


def test_curation_commands_round_trip(sqlite_url: str) -> None:
    from db.engine import open_engine

    engine = open_engine(sqlite_url)
    store_article(engine, ArticleRecord(url="https://news.example/taxes", text=ARTICLE),
                  RegexExtractor().extract(ARTICLE), attribution_version="v1")
    mention = mention_of(engine, TAXES).id
    engine.dispose()
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--db", sqlite_url])
        assert result.exit_code == 0, result.output
        return result.output

    assert "correction 1" in run("mentions", "reassign", str(mention), "--to", "Jane Holloway", "--new",
                                 "--by", "ana", "--reason", "the video")
    assert "correction 2" in run("people", "rename", "Tom Reyes", "Thomas Reyes", "--by", "ana")
    listed = run("corrections", "list")
    assert "#1 reassign" in listed and "ana" in listed and "the video" in listed and "#2 rename" in listed
    assert "undid correction 2" in run("corrections", "undo", "2")
    assert "#2" not in run("corrections", "list") and "#2" in run("corrections", "list", "--all")

    missing = runner.invoke(app, ["mentions", "reject", "999", "--db", sqlite_url])
    assert missing.exit_code == 1 and missing.output.strip() == "error: no mention 999 (mention ids: `quotes export mentions`)"
    unknown = runner.invoke(app, ["mentions", "reassign", str(mention), "--to", "Nobody Known", "--db", sqlite_url])
    assert unknown.exit_code == 1 and "add --new" in unknown.output


def test_a_split_leaves_a_mention_filed_by_hand_where_it_was_put(engine, stored) -> None:
    from db.people import merge_people, split_person

    reassign_mention(engine, mention_of(engine, TAXES).id, "Jane Holloway", author="ana", create=True)
    merge_people(engine, "Tom Reyes", "Jane Holloway")
    split_person(engine, "Jane Holloway", "Tom Reyes")  # the article says "Tom Reyes" for both
    assert mention_of(engine, GROWTH).name == "Tom Reyes"
    assert mention_of(engine, TAXES).name == "Jane Holloway"


def test_renaming_to_the_name_of_a_merged_person_is_one_clear_error(engine, stored) -> None:
    from db.people import merge_people

    other = '"Nothing to add" said Jane Holloway.'
    store_article(engine, ArticleRecord(url="https://news.example/other", text=other),
                  RegexExtractor().extract(other), attribution_version="v1")
    merge_people(engine, "Jane Holloway", "Tom Reyes")
    with pytest.raises(CorrectionError, match="merged into 'Tom Reyes'"):
        rename_person(engine, "Tom Reyes", "Jane Holloway", author="ana")


"""said_on: when the text says the words were said, on the seed article and PolNeAR dev excerpts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from attribution.dating import date_quotes, normalise_date
from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_quotes
from attribution.types import Quote

FIXTURES = Path(__file__).parents[1] / "fixtures" / "resolution"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
SEED_TEXT = (FIXTURES / "helsinki-2025-08-07.txt").read_text(encoding="utf-8")
SEED_PUBLISHED = dt.date(2025, 8, 7)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def cued(text: str, source: str, mention: str, cue: str) -> Quote:
    start = source.index(text)
    m_start = source.index(f"{mention} {cue}", start + len(text))
    c_start = m_start + len(mention) + 1
    return Quote(text=text, start=start, end=start + len(text), type="direct", speaker_mention=mention,
                 speaker_start=m_start, speaker_end=m_start + len(mention), cue=cue, cue_start=c_start,
                 cue_end=c_start + len(cue))


def dated(nlp, text: str, quotes: list[Quote], published: dt.date | None):
    doc = nlp(text)
    context = ResolutionContext(doc, quotes)
    resolve_quotes(doc, quotes, context)
    return date_quotes(doc, quotes, published, context.table)


def dated_case(nlp, name: str) -> list[Quote]:
    case = CASES[name]
    quotes = [Quote.from_dict(q) for q in case["quotes"]]
    dated(nlp, case["text"], quotes, dt.date.fromisoformat(case["published"]))
    return quotes


@pytest.fixture(scope="module")
def seed(nlp) -> dict[str, Quote]:
    he_said = SEED_TEXT.index("he said “no”")
    quotes = {
        "west": Quote(text="the West", start=SEED_TEXT.index("the West"),
                      end=SEED_TEXT.index("the West") + 8, type="direct"),
        "no": Quote(text="no", start=4929, end=4931, type="direct", speaker_mention="he", speaker_start=he_said,
                    speaker_end=he_said + 2, cue="said", cue_start=he_said + 3, cue_end=he_said + 7),
        "trump": cued("President Putin says it’s not Russia. I don’t see any reason why it would be,", SEED_TEXT,
                      "he", "insisted"),
        "mccain": cued("No prior president has ever abased himself more abjectly before a tyrant,", SEED_TEXT,
                       "McCain", "said"),
    }
    quotes["rules"] = dated(nlp, SEED_TEXT, list(quotes.values()), SEED_PUBLISHED)
    return quotes


# ----- normalising date words ------------------------------------------------------------------------

@pytest.mark.parametrize("words, published, expected", [
    ("July 2018", SEED_PUBLISHED, "2018-07"),
    ("in July 2018", None, "2018-07"),
    ("2018", SEED_PUBLISHED, "2018"),
    ("March 3, 2016", None, "2016-03-03"),
    ("Tuesday", SEED_PUBLISHED, "2025-08-05"),  # the Tuesday before Thursday 7 August 2025
    ("Monday night", SEED_PUBLISHED, "2025-08-04"),
    ("yesterday", SEED_PUBLISHED, "2025-08-06"),
    ("this month", SEED_PUBLISHED, "2025-08"),
    ("last year", SEED_PUBLISHED, "2024"),
    ("in July", SEED_PUBLISHED, "2025-07"),
])
def test_normalise_date(words, published, expected):
    assert normalise_date(words, published)[0] == expected


@pytest.mark.parametrize("words, published", [
    ("more than two hours", SEED_PUBLISHED),  # a duration, not a moment
    ("six decades", SEED_PUBLISHED),
    ("the 1990s", SEED_PUBLISHED),
    ("recent weeks", SEED_PUBLISHED),
    ("Tuesday", None),  # relative, and no publication date to resolve it against
    ("this month", None),
    ("in July", None),
])
def test_normalise_date_refuses_what_names_no_moment(words, published):
    assert normalise_date(words, published) is None


# ----- the seed: both must-find quotations were said in July 2018 ------------------------------------

def test_seed_mccain_dated_by_the_summit_named_earlier(seed):
    assert seed["mccain"].said_on == "2018-07"
    assert seed["mccain"].said_on_evidence == "in July 2018"


def test_seed_trump_dated_by_the_narrative_it_continues(seed):
    assert seed["trump"].said_on == "2018-07"
    assert seed["trump"].said_on_evidence == "in July 2018"


def test_seed_scare_quote_gets_no_date(seed):
    assert seed["west"].said_on is None
    assert seed["west"].said_on_evidence is None


def test_seed_rules_used(seed):
    rules = [d.rule for d in seed["rules"]]
    assert rules[0] is None
    assert set(rules[2:]) == {"narrative", "event"}


# ----- the attribution's own sentence ----------------------------------------------------------------

def test_weekday_next_to_the_cue_resolves_against_publication(nlp):
    # "... White House press secretary Josh Earnest said at a briefing Monday" (published 2016-10-04)
    quotes = dated_case(nlp, "title_before_name")
    assert {q.said_on for q in quotes} == {"2016-10-03"}
    assert {q.said_on_evidence for q in quotes} == {"Monday"}


def test_month_relative_to_publication(nlp):
    # "Mr. Stenger announced in a statement this month that ..." (published 2016-09-12)
    quotes = dated_case(nlp, "honorific")
    stenger = next(q for q in quotes if q.speaker_mention == "Mr. Stenger")
    assert stenger.said_on == "2016-09"
    assert stenger.said_on_evidence == "this month"


def test_date_inside_the_quotation_is_not_when_it_was_said(nlp):
    # “Who would have believed that when we started this journey on June 16th of last year ...” Trump said
    quotes = dated_case(nlp, "date_inside_quote")
    trump = next(q for q in quotes if q.text.startswith("Who would have believed"))
    assert "June 16th of last year" in trump.text
    assert trump.said_on is None


def test_date_of_what_someone_else_did_does_not_carry_over(nlp):
    # "... he urged North Korea to resume denuclearization talks it abandoned in 2009. “We remain open
    # ...,” he said": 2009 is when North Korea left the talks, not when Kerry spoke.
    quotes = dated_case(nlp, "date_of_another_actor")
    kerry = next(q for q in quotes if q.text.startswith("We remain open"))
    assert kerry.speaker == "John F. Kerry"
    assert kerry.said_on is None


def test_date_in_a_relative_clause_about_the_speaker_does_not_carry_over(nlp):
    # "Ed Rendell, who served as general chairman of the DNC during the 2000 election, agreed ..."
    quotes = dated_case(nlp, "date_in_relative_clause")
    rendell = next(q for q in quotes if q.text.startswith("There is absolutely no chance"))
    assert rendell.speaker == "Ed Rendell"
    assert rendell.said_on is None
    assert {q.said_on for q in quotes} == {None}


def test_no_date_without_publication_date_for_relative_words(nlp):
    case = CASES["title_before_name"]
    quotes = [Quote.from_dict(q) for q in case["quotes"]]
    dated(nlp, case["text"], quotes, None)
    assert {q.said_on for q in quotes} == {None}


def test_date_describing_the_speaker_is_not_when_they_spoke(nlp):
    # A real dev sentence: the year belongs to the appositive ("a close aide in 2012"), not to "said".
    text = ("“The question is who do you trust to make decisions on your behalf?” said David Plouffe, the "
            "architect of Obama’s 2008 campaign and a close aide in 2012.")
    words = "The question is who do you trust to make decisions on your behalf?"
    speaker, cue = text.index("David Plouffe"), text.index("said")
    quote = Quote(text=words, start=1, end=1 + len(words), type="direct", speaker_mention="David Plouffe",
                  speaker_start=speaker, speaker_end=speaker + len("David Plouffe"), cue="said", cue_start=cue,
                  cue_end=cue + 4)
    assert text[quote.start:quote.end] == words
    dated(nlp, text, [quote], dt.date(2016, 9, 27))
    assert quote.speaker == "David Plouffe"
    assert quote.said_on is None


# ----- the spaCy component ---------------------------------------------------------------------------

@Language.component("test_seed_quotes_for_dating")
def _seed_quotes(doc: Doc) -> Doc:
    doc._.quotes = [cued("No prior president has ever abased himself more abjectly before a tyrant,", SEED_TEXT,
                         "McCain", "said")]
    return doc


def test_quote_dater_component_reads_published_from_the_doc(nlp):
    import spacy

    import attribution.dating  # noqa: F401  (registers the factory)
    import attribution.resolution  # noqa: F401

    if not nlp.path:
        pytest.skip("model has no path to reload")
    pipeline = spacy.load(nlp.path)
    pipeline.add_pipe("test_seed_quotes_for_dating")
    pipeline.add_pipe("speaker_resolver")
    pipeline.add_pipe("quote_dater")
    doc = pipeline.make_doc(SEED_TEXT)
    doc._.published = SEED_PUBLISHED
    doc = pipeline(doc)
    assert doc._.quotes[0].said_on == "2018-07"
    assert doc._.quotes[0].said_on_evidence == "in July 2018"


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_placeholder_publication_date_never_breaks_extraction(extractor, published) -> None:
    # Some pages state 0001-01-01 (a template placeholder); relative dates must not overflow on it.
    text = 'He spoke on Tuesday. "We will win," Trump said last week. It was in July 2018.'
    quotes = extractor.extract(text, published)
    assert [q.text for q in quotes] == ["We will win,"]


# ----- relative and partial dates (published Thursday 7 August 2025) ----------------------------------

@pytest.mark.parametrize("words, expected", [
    ("Monday", "2025-08-04"),             # "told CNN on Monday": the Monday before publication
    ("on Monday", "2025-08-04"),
    ("Thursday", "2025-08-07"),           # the publication's own weekday is that day, not a week before
    ("earlier Thursday", "2025-08-07"),
    ("last Thursday", "2025-07-31"),
    ("yesterday", "2025-08-06"),
    ("today", "2025-08-07"),
    ("this morning", "2025-08-07"),
    ("earlier this week", "2025-08"),     # Monday 4 to Thursday 7 August
    ("last week", "2025"),                # 28 July - 3 August: no single month, so only the year
    ("over the weekend", "2025-08"),      # Saturday 2 and Sunday 3 August
    ("two weeks ago", "2025-07"),         # 24 July, give or take three days
    ("earlier this month", "2025-08"),
    ("last month", "2025-07"),
    ("Jan. 5", "2025-01-05"),             # no year: the most recent 5 January not after publication
    ("on Aug. 10", "2024-08-10"),         # 10 August 2025 is after publication: the year before
    ("mid-July", "2025-07"),
    ("2015", "2015"),
])
def test_relative_and_partial_dates_anchor_to_publication(words, expected):
    assert normalise_date(words, SEED_PUBLISHED)[0] == expected


def test_last_week_within_one_month_gives_the_month():
    assert normalise_date("last week", dt.date(2025, 8, 21))[0] == "2025-08"  # 11-17 August


@pytest.mark.parametrize("words, published", [
    ("last week", dt.date(2025, 1, 6)),    # 30 December 2024 - 5 January 2025: not even one year
    ("the next day", SEED_PUBLISHED),      # needs a date the story named, not the publication
    ("last summer", SEED_PUBLISHED),       # a season: left undated
    ("earlier this week", None),
    ("last week", dt.date(1, 1, 1)),       # a placeholder publication date: no week before it
])
def test_relative_dates_that_name_no_single_year_stay_undated(words, published):
    assert normalise_date(words, published) is None


def test_a_week_that_crosses_a_year_gives_nothing():
    from attribution.relative_dates import span_label

    assert span_label(dt.date(2024, 12, 30), dt.date(2025, 1, 5)) is None
    assert span_label(dt.date(2025, 8, 4), dt.date(2025, 8, 10), dt.date(2025, 8, 7)) == "2025-08"
    assert span_label(dt.date(2025, 8, 8), dt.date(2025, 8, 10), dt.date(2025, 8, 7)) is None  # after publication


@pytest.mark.parametrize("words, anchor, expected", [
    ("The next day", "2016-03-03", "2016-03-04"),
    ("the day before", "2016-03-01", "2016-02-29"),
    ("that night", "2016-03-03", "2016-03-03"),
    ("two days later", "2016-03-03", "2016-03-05"),
    ("Later that month", "2016-03-03", "2016-03"),
    ("the following month", "2016-12", "2017-01"),
    ("that year", "2016-03", "2016"),
    ("the next day", "2016-03", None),     # a day cannot be counted from a month
])
def test_dates_counted_from_the_narrated_moment(words, anchor, expected):
    from attribution.relative_dates import relative_to_anchor

    assert relative_to_anchor(words, anchor) == expected


@pytest.mark.parametrize("text, said_on, evidence", [
    ("“The deal is off,” Trump told CNN on Monday.", "2025-08-04", "on Monday"),
    ("In a 2015 interview, Clinton said: “We will not give up.”", "2015", "2015"),
    ("“We are done,” Trump said last week.", "2025", "last week"),
    ("Earlier this month, the senator said: “I will retire.”", "2025-08", "Earlier this month"),
    ("“We won,” Smith said yesterday.", "2025-08-06", "yesterday"),
    ("“Enough,” Smith said last month.", "2025-07", "last month"),
    ("On Jan. 5, Smith said: “No.”", "2025-01-05", "On Jan. 5"),
    ("“Fine,” Smith said Thursday.", "2025-08-07", "Thursday"),
    ("“Taxes will rise,” she said this morning.", "2025-08-07", "this morning"),
    ("The mayor spoke at a rally on March 3, 2016. The next day, he said: “I regret it.”", "2016-03-04",
     "The next day"),
])
def test_said_on_in_the_attribution_sentence(extractor, text, said_on, evidence):
    (quote,) = extractor.extract(text, "2025-08-07")
    assert (quote.said_on, quote.said_on_evidence) == (said_on, evidence)


def test_a_moment_counted_from_nothing_named_stays_undated(extractor):
    (quote,) = extractor.extract("Later that month, he said: “Again.”", "2025-08-07")
    assert quote.said_on is None

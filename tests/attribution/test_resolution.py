"""Speaker resolution, one rule at a time, on real text: the seed article and excerpts of PolNeAR dev
(tests/fixtures/resolution/cases.json, built by build_cases.py there). Quotations are handed over as the
core extractor would (offsets, speaker mention span, cue), so these tests do not depend on extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_mention, resolve_quotes
from attribution.resolution.entities import EntityTable
from attribution.resolution.names import clean_name, first_name_gender, name_tokens
from attribution.types import Quote

FIXTURES = Path(__file__).parents[1] / "fixtures" / "resolution"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
SEED_TEXT = (FIXTURES / "helsinki-2025-08-07.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def case_quotes(case: dict) -> list[Quote]:
    return [Quote.from_dict(q) for q in case["quotes"]]


def resolved(nlp: Language, name: str) -> tuple[dict, list[Quote], list]:
    case = CASES[name]
    doc = nlp(case["text"])
    quotes = case_quotes(case)
    return case, quotes, resolve_quotes(doc, quotes)


def expectations(case: dict, quotes: list[Quote]):
    for gold, quote in zip(case["quotes"], quotes, strict=True):
        if "expected" in gold:
            yield gold["expected"], quote


def same_speaker(predicted: str | None, expected: str | None) -> bool:
    """Exact, or the expected (silver) name is a bare surname of the predicted one ("Trump")."""
    if predicted is None or expected is None:
        return predicted == expected
    return predicted == expected or (" " not in expected and predicted.split()[-1] == expected)


def span_of(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def seed_quote(text: str, mention: str, cue: str, *, mention_before: bool = False) -> Quote:
    start, end = span_of(SEED_TEXT, text)
    if mention_before:
        m_start, m_end = span_of(SEED_TEXT, f"{mention} {cue}", start - 60)
        m_end = m_start + len(mention)
        c_start = m_end + 1
    else:
        m_start, m_end = span_of(SEED_TEXT, f"{mention} {cue}", end)
        m_end = m_start + len(mention)
        c_start = m_end + 1
    return Quote(text=text, start=start, end=end, type="direct", speaker_mention=mention, speaker_start=m_start,
                 speaker_end=m_end, cue=cue, cue_start=c_start, cue_end=c_start + len(cue), confidence=0.9)


def uncued(text: str) -> Quote:
    start, end = span_of(SEED_TEXT, text)
    return Quote(text=text, start=start, end=end, type="direct", confidence=0.5)


@pytest.fixture(scope="module")
def seed(nlp) -> tuple[Doc, dict[str, Quote]]:
    quotes = {
        "friends": uncued("friends with all, enemies of none"),
        "west": uncued("the West"),
        "no": Quote(text="no", start=4929, end=4931, type="direct", speaker_mention="he",
                    speaker_start=SEED_TEXT.index("he said “no”"), speaker_end=SEED_TEXT.index("he said “no”") + 2,
                    cue="said", cue_start=SEED_TEXT.index("he said “no”") + 3,
                    cue_end=SEED_TEXT.index("he said “no”") + 7, confidence=0.9),
        "trump": seed_quote("President Putin says it’s not Russia. I don’t see any reason why it would be,", "he",
                            "insisted"),
        "mccain": seed_quote("No prior president has ever abased himself more abjectly before a tyrant,", "McCain",
                             "said"),
        "tertiary": uncued("tertiary"),
    }
    doc = nlp(SEED_TEXT)
    resolve_quotes(doc, list(quotes.values()))
    return doc, quotes


# ----- the seed's must-find cases and scare quotes ---------------------------------------------------

def test_seed_pronoun_he_insisted_resolves_to_donald_trump(seed):
    _, quotes = seed
    assert quotes["trump"].speaker == "Donald Trump"
    assert quotes["trump"].speaker_kind == "person"


def test_seed_surname_mccain_resolves_to_the_full_name_of_the_sentence_before(seed):
    _, quotes = seed
    assert quotes["mccain"].speaker == "John McCain"
    assert quotes["mccain"].speaker_kind == "person"


def test_seed_scare_quotes_have_no_speaker(seed):
    _, quotes = seed
    for key in ("west", "tertiary", "friends"):
        assert quotes[key].speaker is None, key
        assert quotes[key].speaker_kind is None


def test_quotation_offsets_in_fixture_are_real():
    for case in CASES.values():
        for q in case["quotes"]:
            assert case["text"][q["start"]:q["end"]] == q["text"]
            if q.get("speaker_start") is not None:
                assert case["text"][q["speaker_start"]:q["speaker_end"]] == q["speaker_mention"]


# ----- one rule per test, on PolNeAR dev excerpts ----------------------------------------------------

@pytest.mark.parametrize("name", sorted(CASES))
def test_case_expectations(nlp, name):
    case, quotes, _ = resolved(nlp, name)
    checked = list(expectations(case, quotes))
    assert checked, "a case must check something"
    for expected, quote in checked:
        assert same_speaker(quote.speaker, expected), (quote.speaker_mention, quote.text[:60], quote.speaker)


def test_surname_takes_the_fullest_name_the_article_gives(nlp):
    _, quotes, results = resolved(nlp, "surname")
    graham = next(q for q in quotes if q.speaker_mention == "Graham")
    assert graham.speaker == "Lindsey Graham"


def test_title_and_office_before_a_name_resolve_to_the_person_not_the_office(nlp):
    # "White House press secretary Josh Earnest": the White House is in the mention, Earnest heads it.
    _, quotes, results = resolved(nlp, "title_before_name")
    assert {q.speaker for q in quotes} == {"Josh Earnest"}
    assert {r.mention_kind for r in results} == {"name"}


def test_name_in_apposition_after_a_role(nlp):
    _, quotes, _ = resolved(nlp, "apposition")
    lovas = next(q for q in quotes if q.speaker_mention.startswith("The state’s campaign chairman"))
    assert lovas.speaker == "Phil Lovas"


def test_honorific_and_surname_resolve_to_the_full_name(nlp):
    _, quotes, _ = resolved(nlp, "honorific")
    stenger = next(q for q in quotes if q.speaker_mention == "Mr. Stenger")
    assert stenger.speaker == "William Stenger"


def test_unnamed_groups_of_officials_get_no_speaker(nlp):
    # "Federal and state officials said": a proper adjective does not make a name.
    _, quotes, _ = resolved(nlp, "honorific")
    officials = next(q for q in quotes if q.speaker_mention == "Federal and state officials")
    assert officials.speaker is None


def test_short_newspaper_name_resolves_to_the_full_one_as_organization(nlp):
    _, quotes, results = resolved(nlp, "organization")
    post = next(q for q in quotes if q.speaker_mention == "The Post")
    assert post.speaker == "New York Post"
    assert post.speaker_kind == "organization"


def test_unnamed_sources_stay_none(nlp):
    _, quotes, results = resolved(nlp, "organization")
    for mention in ("sources", "a source", "another source", "the source"):
        quote = next(q for q in quotes if q.speaker_mention == mention)
        assert quote.speaker is None, mention
        assert quote.speaker_kind is None


def test_nominal_role_resolves_to_the_person_the_article_gave_that_role(nlp):
    # "Vermont Sen. Bernie Sanders" ... "The senator said"
    _, quotes, results = resolved(nlp, "nominal_role")
    index = next(i for i, q in enumerate(quotes) if q.speaker_mention == "The senator")
    assert quotes[index].speaker == "Bernie Sanders"
    assert results[index].mention_kind == "nominal"


def test_it_resolves_to_the_organisation_of_the_sentence_before(nlp):
    # "The White House is saying that ... But it is steering clear of criticizing Trump ..."
    _, quotes, results = resolved(nlp, "organization_pronoun")
    index = next(i for i, q in enumerate(quotes) if q.speaker_mention == "it")
    assert quotes[index].speaker == "White House"
    assert quotes[index].speaker_kind == "organization"
    assert results[index].mention_kind == "pronoun"


def test_campaign_speaks_for_its_candidate_at_lower_confidence(nlp):
    # "The Clinton campaign says the ad will air on national cable stations."
    _, quotes, results = resolved(nlp, "proxy")
    index = next(i for i, q in enumerate(quotes) if q.speaker_mention == "The Clinton campaign")
    assert quotes[index].speaker == "Hillary Clinton"
    assert results[index].mention_kind == "proxy"
    named = next(i for i, r in enumerate(results) if r.mention_kind == "name" and quotes[i].cue)
    assert quotes[index].confidence < quotes[named].confidence


def test_relative_pronoun_takes_the_name_before_it(nlp):
    _, quotes, results = resolved(nlp, "proxy")
    index = next(i for i, q in enumerate(quotes) if q.speaker_mention == "who")
    assert "Kaine" in quotes[index].speaker


def test_unnamed_narrator_and_ad_stay_none(nlp):
    _, quotes, _ = resolved(nlp, "proxy")
    for mention in ("the ad’s narrator", "The ad", "The clip", "a narrator in the Clinton ad"):
        quote = next(q for q in quotes if q.speaker_mention == mention)
        assert quote.speaker is None, mention


def test_nominal_role_without_a_tie_stays_none(nlp):
    text = "The bill passed on Monday. “We will fight on,” the senator said."
    doc = nlp(text)
    start, end = span_of(text, "the senator")
    assert resolve_mention(doc, start, end).speaker is None


def test_pronoun_gender_rules_out_the_nearest_name(nlp):
    case, quotes, results = resolved(nlp, "pronoun_gender")
    text = case["text"]
    index = next(i for i, q in enumerate(quotes) if q.speaker_mention == "she")
    she_at = quotes[index].speaker_start
    # The premise: the names nearest before "she" are a man's (Donald, Trump); Hillary Clinton comes earlier.
    doc = nlp(text)
    names_before = [e.text for e in doc.ents if e.end_char <= she_at and e.label_ in ("PERSON", "ORG")]
    assert names_before[-1] == "Donald"
    assert names_before.index("Hillary Clinton") < max(i for i, n in enumerate(names_before) if "Trump" in n)
    assert quotes[index].speaker == "Hillary Clinton"
    assert results[index].mention_kind == "pronoun"


def test_continuation_paragraph_gets_the_previous_speaker_with_lower_confidence(nlp):
    case, quotes, results = resolved(nlp, "continuation")
    first = next(i for i, q in enumerate(quotes) if q.text.startswith("No one is writing"))
    follow = next(i for i, q in enumerate(quotes) if q.text.startswith("Right now"))
    assert quotes[first].speaker == quotes[follow].speaker == "Henry Crespo"
    assert results[follow].mention_kind == "continuation"
    assert quotes[follow].confidence < quotes[first].confidence


def test_uncued_quotation_far_from_any_quotation_is_not_continued(seed):
    _, quotes = seed
    assert quotes["tertiary"].speaker is None  # paragraphs away from McCain's quotation


def test_confidence_ranks_named_above_pronoun_above_continuation(nlp):
    _, quotes, results = resolved(nlp, "continuation")
    by_kind = {r.mention_kind: q.confidence for q, r in zip(quotes, results, strict=True)}
    assert by_kind["name"] > by_kind["pronoun"] > by_kind["continuation"] > 0


def test_confidence_scales_the_base_confidence(seed):
    _, quotes = seed
    assert 0 < quotes["mccain"].confidence <= 0.9
    assert quotes["trump"].confidence < quotes["mccain"].confidence


# ----- the entity table and names -------------------------------------------------------------------

def test_entity_table_merges_a_surname_tagged_as_organization_into_the_person(seed):
    doc, _ = seed
    table = EntityTable(doc)
    trumps = [e for e in table.entities if "trump" in e.surnames]
    assert [e.name for e in trumps] == ["Donald Trump"]
    assert trumps[0].gender == "male"
    mccain = next(e for e in table.entities if e.name == "John McCain")
    assert "senator" in mccain.roles


def test_resolve_mention_is_a_pure_function_of_the_doc(seed):
    doc, _ = seed
    start, end = span_of(SEED_TEXT, "McCain said")
    end = start + len("McCain")
    result = resolve_mention(doc, start, end)
    assert (result.speaker, result.kind, result.mention_kind) == ("John McCain", "person", "name")
    assert resolve_mention(doc, start, end, ResolutionContext(doc)).speaker == "John McCain"


@pytest.mark.parametrize("raw, expected", [
    ("Sen. John McCain's", ["John", "McCain"]),
    ("Gov. Terry McAuliffe (D)", ["Terry", "McAuliffe"]),
    ("Mr. King", ["King"]),
    ("Obama Says African-American Museum", ["Obama"]),
    ("Martin Luther King Jr.", ["Martin", "Luther", "King"]),
    ("Mr.", []),
])
def test_name_tokens(raw, expected):
    assert name_tokens(raw) == expected


def test_clean_name_and_first_name_gender():
    assert clean_name("White House press secretary Josh Earnest") == "Josh Earnest"
    assert first_name_gender("Hillary") == "female"
    assert first_name_gender("Donald") == "male"
    assert first_name_gender("Xqzt") is None


# ----- the spaCy component ---------------------------------------------------------------------------

@Language.component("test_gold_quotes")
def _gold_quotes(doc: Doc) -> Doc:
    """Stands in for the core's extractor: hands over the seed's two must-find quotations."""
    doc._.quotes = [seed_quote("No prior president has ever abased himself more abjectly before a tyrant,",
                               "McCain", "said")]
    return doc


def test_speaker_resolver_component_fills_doc_quotes():
    import spacy

    import attribution.resolution  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_gold_quotes")
    nlp.add_pipe("speaker_resolver")
    doc = nlp(SEED_TEXT)
    # No tagger or NER in a blank pipeline: a lone capitalised word is not known to be a name, so no
    # speaker rather than a guess; a full name with a title still reads as one.
    assert doc._.quotes[0].speaker is None
    assert doc._.entity_table is not None
    start, end = span_of(SEED_TEXT, "Senator John McCain")
    assert resolve_mention(doc, start, end).speaker == "John McCain"


def test_speaker_resolver_in_the_model_pipeline(nlp):
    import spacy

    import attribution.resolution  # noqa: F401

    pipeline = spacy.load(nlp.path) if nlp.path else None
    if pipeline is None:
        pytest.skip("model has no path to reload")
    pipeline.add_pipe("test_gold_quotes")
    pipeline.add_pipe("speaker_resolver")
    doc = pipeline(SEED_TEXT)
    assert doc._.quotes[0].speaker == "John McCain"
    assert doc._.quotes[0].speaker_kind == "person"


def test_every_knob_is_in_the_factory_config_and_takes_effect():
    import spacy

    from attribution.resolution.config import DEFAULT_CONFIG

    config = spacy.blank("en").get_factory_meta("speaker_resolver").default_config
    assert config == DEFAULT_CONFIG.to_config()
    assert {"confidence_factors", "no_cue_factor", "previous_speaker_bonus", "salience"} <= set(config)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_gold_quotes")
    nlp.add_pipe("speaker_resolver", config={"confidence_factors": {"none": 0.25}})
    quote = nlp(SEED_TEXT)._.quotes[0]
    assert quote.speaker is None  # blank pipeline: unresolved, so the "none" factor applies
    assert quote.confidence == pytest.approx(0.9 * 0.25)

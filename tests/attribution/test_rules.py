"""One test per attribution rule, on real paragraphs from PolNeAR dev and the seed article.

The paragraphs and what each must yield are in tests/fixtures/attribution/dev_cases.json.
"""

from __future__ import annotations

import json

import pytest
from support.paths import ATTRIBUTION_FIXTURES as FIXTURES

CASES = json.loads((FIXTURES / "dev_cases.json").read_text(encoding="utf-8"))


def _matches(quote, expected: dict) -> bool:
    if "text" in expected and quote.text != expected["text"]:
        return False
    if "text_startswith" in expected and not quote.text.startswith(expected["text_startswith"]):
        return False
    if quote.type != expected["type"] or quote.cue != expected["cue"]:
        return False
    if "speaker_mention" in expected and quote.speaker_mention != expected["speaker_mention"]:
        return False
    if "speaker_mention_contains" in expected and expected["speaker_mention_contains"] not in (quote.speaker_mention or ""):
        return False
    return True


@pytest.mark.parametrize("case", [c for c in CASES if "expect" in c], ids=lambda c: c["rule"])
def test_rule_yields_expected_quotes(extractor, case):
    quotes = extractor.extract(case["text"])
    for expected in case["expect"]:
        assert any(_matches(q, expected) for q in quotes), (expected, [q.to_dict() for q in quotes])
    for quote in quotes:
        assert case["text"][quote.start:quote.end] == quote.text


@pytest.mark.parametrize("case", [c for c in CASES if "not_direct" in c], ids=lambda c: c["rule"])
def test_titles_nicknames_and_scare_quotes_are_not_direct_quotes(extractor, case):
    direct = {q.text for q in extractor.extract(case["text"]) if q.type == "direct"}
    assert not direct & set(case["not_direct"])


def test_split_quote_pieces_share_one_speaker_mention_and_cue(extractor):
    case = next(c for c in CASES if c["rule"] == "split_quote")
    first, second = [q for q in extractor.extract(case["text"]) if q.type == "direct"]
    assert (first.cue_start, first.speaker_start) == (second.cue_start, second.speaker_start)
    assert case["text"][first.cue_start:first.cue_end] == "said"


def test_multi_paragraph_quotation_gets_the_cue_of_its_last_paragraph(extractor):
    text = ("“We will rebuild the roads and the bridges of this state, every one of them.\n\n"
            "“And we will pay for it without raising a single tax,” the governor said on Monday.")
    quotes = [q for q in extractor.extract(text) if q.type == "direct"]
    assert len(quotes) == 2
    assert {q.cue for q in quotes} == {"said"}
    assert {q.speaker_mention for q in quotes} == {"the governor"}


def test_seed_must_find_quotes_have_cue_mention_and_speaker(seed_doc, seed):
    for item in seed["must_find"]:
        (quote,) = [q for q in seed_doc._.quotes if q.start == item["start"] and q.end == item["end"]]
        assert quote.type == "direct"
        assert quote.cue == item["cue"]
        assert quote.speaker_mention == item["speaker_mention"]
        # Filled by the resolver's components, which the Extractor adds after ours.
        assert quote.speaker == item["speaker"]
        assert (quote.said_on or "").startswith(item["said_on"])


def test_seed_scare_quotes_get_no_speaker(seed_doc, seed):
    for item in seed["must_not_attribute"]:
        overlapping = [q for q in seed_doc._.quotes if q.start < item["end"] and item["start"] < q.end]
        assert all(q.speaker is None for q in overlapping), [q.to_dict() for q in overlapping]
        assert not any(q.type == "direct" and q.text == item["text"] for q in overlapping)


def test_named_speaker_ranks_above_pronoun(seed_doc, seed):
    by_mention = {q.speaker_mention: q for q in seed_doc._.quotes if q.type == "direct"}
    assert by_mention["McCain"].confidence > by_mention["he"].confidence


def test_quotes_are_in_text_order_with_valid_offsets(seed_doc, seed):
    quotes = seed_doc._.quotes
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert seed["text"][q.start:q.end] == q.text
        assert 0.0 <= q.confidence <= 1.0
        if q.cue is not None:
            assert seed["text"][q.cue_start:q.cue_end] == q.cue
        if q.speaker_mention is not None:
            assert seed["text"][q.speaker_start:q.speaker_end] == q.speaker_mention


@pytest.mark.parametrize("case", [c for c in CASES if "no_quotes_over" in c], ids=lambda c: c["rule"])
def test_titles_after_non_speech_verbs_yield_nothing(extractor, case):
    quotes = extractor.extract(case["text"])
    for phrase in case["no_quotes_over"]:
        start = case["text"].index(phrase)
        assert not [q for q in quotes if q.start < start + len(phrase) and start < q.end]


def test_cue_lexicon_is_derived_from_train_and_sane():
    from attribution.lexicon import CUES_FILE, cue_verbs, indirect_cue_verbs, speech_verbs

    data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    assert data["source"] == "PolNeAR train split" and data["documents"] > 800
    assert {"say", "tell", "insist", "warn"} <= cue_verbs()
    assert {"say", "tell", "write"} <= speech_verbs() <= cue_verbs()
    assert "be" not in cue_verbs() and "think" not in indirect_cue_verbs()

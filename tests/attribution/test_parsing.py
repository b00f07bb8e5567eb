"""What the selective parser guarantees on the Doc (attribution.parsing)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def doc(seed_doc):
    return seed_doc


def test_entities_and_tags_cover_the_whole_text(doc):
    # This sentence holds neither a quotation, a cue (of the rules' triggers or the learned tagger's) nor
    # a date: not parsed, but tagged and NER'd.
    sentence = next(s for s in doc.sents if s.text.strip().startswith("Trump cut weapons supplies"))
    assert all(t.dep_ == "unparsed" for t in sentence if not t.is_space)
    assert {"Trump", "Kyiv"} <= {e.text for e in doc.ents if sentence.start <= e.start < sentence.end}
    assert all(t.pos_ for t in doc if not t.is_space)


def test_quotation_sentences_with_a_cue_are_parsed(doc):
    said = next(t for t in doc if t.text == "said" and doc[t.i - 1].text == "McCain")
    assert said.dep_ == "ROOT"
    assert any(c.dep_ == "nsubj" and c.text == "McCain" for c in said.children)
    assert any(s <= said.idx < e for s, e in doc._.parsed_sents)


def test_sentences_exist_everywhere(doc):
    sentences = list(doc.sents)
    assert len(sentences) > 40
    assert sum(len(s) for s in sentences) == len(doc)


def test_selective_parse_skips_a_share_of_the_text(doc):
    parsed = sum(e - s for s, e in doc._.parsed_sents)
    assert 0 < parsed < 0.8 * len(doc.text)


def test_full_parse_mode_keeps_the_model_parser(seed):
    from attribution import Extractor

    full = Extractor(selective_parse=False)
    assert "parser" in full.nlp.pipe_names and "attribution_parser" not in full.nlp.pipe_names
    quotes = full.extract(seed["text"], seed["published"])
    assert any(q.speaker_mention == "McCain" and q.cue == "said" for q in quotes)

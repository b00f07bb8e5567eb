"""The dependency helpers the rules, the linker and the resolver share (``attribution.syntax``), on
sentences written for this test and parsed by hand (word, head, label, part of speech), so that no model's
guess decides what is tested."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from attribution.syntax import is_passive, possessor


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def parsed(vocab, rows: list[tuple[str, int, str, str]]) -> Doc:
    words, heads, deps, pos = zip(*rows, strict=True)
    return Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos))


def test_the_possessor_is_the_nouns_poss_child_of_the_word_classes_asked(vocab):
    doc = parsed(vocab, [("Greenberg", 2, "poss", "PROPN"), ("'s", 0, "case", "PART"),
                         ("research", 3, "nsubj", "NOUN"), ("showed", 3, "ROOT", "VERB")])
    assert possessor(doc[2]) == doc[0]
    assert possessor(doc[2], ("PROPN", "NOUN")) == doc[0]
    assert possessor(doc[2], ("PRON",)) is None
    assert possessor(doc[3]) is None  # the verb owns nothing


def test_a_determiner_is_no_possessor_and_a_passive_has_its_marks(vocab):
    doc = parsed(vocab, [("The", 1, "det", "DET"), ("claim", 3, "nsubjpass", "NOUN"),
                         ("was", 3, "auxpass", "AUX"), ("denied", 3, "ROOT", "VERB")])
    assert possessor(doc[1]) is None
    assert is_passive(doc[3]) and not is_passive(doc[1])

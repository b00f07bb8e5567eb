"""The dependency helpers the rules, the linker and the resolver share (``attribution.syntax``), on
sentences written for this test and parsed by hand (word, head, label, part of speech), so that no model's
guess decides what is tested."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from attribution.syntax import is_passive, possessor, subject_closing_report


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


def test_the_subject_touching_a_closing_reporting_verb_is_its_own_not_the_reported_words(vocab):
    # "... for people with odd, if harmless, hobbies to meet, she said.": the parse hung the reported
    # words' marker, subject and clause on "said"; "she", after the comma, is the one who said it.
    doc = parsed(vocab, [("It", 1, "nsubj", "PRON"), ("helps", 1, "ROOT", "VERB"), ("for", 11, "mark", "SCONJ"),
                         ("people", 11, "nsubj", "NOUN"), ("with", 3, "prep", "ADP"), ("hobbies", 4, "pobj", "NOUN"),
                         (",", 11, "punct", "PUNCT"), ("if", 8, "mark", "SCONJ"), ("odd", 11, "advcl", "ADJ"),
                         (",", 11, "punct", "PUNCT"), ("she", 11, "nsubj", "PRON"), ("said", 1, "advcl", "VERB"),
                         (".", 1, "punct", "PUNCT")])
    assert subject_closing_report(doc[11], doc[3]) == doc[10]


def test_a_lists_last_names_and_a_plain_subject_are_no_closing_reporters_subject(vocab):
    # "Voters in Ohio, Iowa and Utah said": one subject, the places a list inside it.
    doc = parsed(vocab, [("Voters", 7, "nsubj", "NOUN"), ("in", 0, "prep", "ADP"), ("Ohio", 1, "pobj", "PROPN"),
                         (",", 2, "punct", "PUNCT"), ("Iowa", 7, "nsubj", "PROPN"), ("and", 4, "cc", "CCONJ"),
                         ("Utah", 4, "conj", "PROPN"), ("said", 7, "ROOT", "VERB")])
    assert subject_closing_report(doc[7], doc[0]) is None
    # "The plan, she said": no clause of the reported words hangs on the verb.
    doc = parsed(vocab, [("The", 1, "det", "DET"), ("plan", 4, "nsubj", "NOUN"), (",", 4, "punct", "PUNCT"),
                         ("she", 4, "nsubj", "PRON"), ("said", 4, "ROOT", "VERB")])
    assert subject_closing_report(doc[4], doc[1]) is None

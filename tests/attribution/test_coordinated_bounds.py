"""Where a reported clause ends when the parse hangs part of it on the cue verb, or makes the clause after
its colon the cue's head (issue: bounds). On hand-built parses, so the rules, not the model, are under
test; each parse is one the model gives in news text."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from attribution.clause_bounds import disagree, finite_times
from attribution.extensions import register_extensions
from attribution.linker import link_quotes
from attribution.marks import find_quoted_spans


def _parsed(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    """A Doc from (word, tag, pos, lemma, head, dep) rows; a word is followed by a space unless the next
    is punctuation."""
    register_extensions()
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][2] != "PUNCT" for i in range(len(rows))]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, tags=[r[1] for r in rows],
              pos=[r[2] for r in rows], lemmas=[r[3] for r in rows], heads=[r[4] for r in rows],
              deps=[r[5] for r in rows])
    doc._.quoted_spans = find_quoted_spans(doc.text)
    return doc


def _complements(doc: Doc) -> list[str]:
    return [q.text for q in link_quotes(doc) if q.rule == "complement"]


COLE_SAID_RENTS_ROSE = [("Ms.", "NNP", "PROPN", "Ms.", 1, "compound"), ("Cole", "NNP", "PROPN", "Cole", 2, "nsubj"),
                        ("said", "VBD", "VERB", "say", 2, "ROOT"), ("rents", "NNS", "NOUN", "rent", 4, "nsubj"),
                        ("rose", "VBD", "VERB", "rise", 2, "ccomp"), ("sharply", "RB", "ADV", "sharply", 4, "advmod")]


def _but_wants(tag: str, form: str) -> Doc:
    # Ms. Cole said rents rose sharply but wants lower taxes: the parse hangs "wants" on "said".
    return _parsed(COLE_SAID_RENTS_ROSE + [
        ("but", "CC", "CCONJ", "but", 2, "cc"), (form, tag, "VERB", "want", 2, "conj"),
        ("lower", "JJR", "ADJ", "low", 9, "amod"), ("taxes", "NNS", "NOUN", "tax", 7, "dobj"),
        (".", ".", "PUNCT", ".", 2, "punct")])


def test_a_conjunct_hung_on_the_cue_whose_time_is_not_the_cues_is_the_clauses():
    assert _complements(_but_wants("VBZ", "wants")) == ["rents rose sharply but wants lower taxes"]


def test_a_conjunct_in_the_cues_time_stays_the_speakers_next_act():
    assert _complements(_but_wants("VBD", "wanted")) == ["rents rose sharply"]


def test_a_clause_ending_in_a_conjunction_goes_on_through_the_conjunct_hung_on_the_cue():
    # Ms. Cole said rents rose sharply with inflation and in most cities would rise again.
    doc = _parsed(COLE_SAID_RENTS_ROSE + [
        ("with", "IN", "ADP", "with", 4, "prep"), ("inflation", "NN", "NOUN", "inflation", 6, "pobj"),
        ("and", "CC", "CCONJ", "and", 6, "cc"), ("in", "IN", "ADP", "in", 13, "prep"),
        ("most", "JJS", "ADJ", "most", 11, "amod"), ("cities", "NNS", "NOUN", "city", 9, "pobj"),
        ("would", "MD", "AUX", "would", 13, "aux"), ("rise", "VB", "VERB", "rise", 2, "conj"),
        ("again", "RB", "ADV", "again", 13, "advmod"), (".", ".", "PUNCT", ".", 2, "punct")])
    assert _complements(doc) == ["rents rose sharply with inflation and in most cities would rise again"]


def test_a_second_clause_opened_by_that_is_reported_whatever_its_subject():
    # Ms. Cole said rents rose sharply, but that wages rose faster.
    doc = _parsed(COLE_SAID_RENTS_ROSE + [
        (",", ",", "PUNCT", ",", 2, "punct"), ("but", "CC", "CCONJ", "but", 2, "cc"),
        ("that", "IN", "SCONJ", "that", 10, "mark"), ("wages", "NNS", "NOUN", "wage", 10, "nsubj"),
        ("rose", "VBD", "VERB", "rise", 2, "conj"), ("faster", "RBR", "ADV", "fast", 10, "advmod"),
        (".", ".", "PUNCT", ".", 2, "punct")])
    assert _complements(doc) == ["rents rose sharply, but that wages rose faster"]


def test_a_clause_of_its_own_after_the_report_stays_out():
    # Ms. Cole said rents rose sharply, and the council voted: "said A, and B" is as often the writer's B.
    doc = _parsed(COLE_SAID_RENTS_ROSE + [
        (",", ",", "PUNCT", ",", 2, "punct"), ("and", "CC", "CCONJ", "and", 2, "cc"),
        ("the", "DT", "DET", "the", 9, "det"), ("council", "NN", "NOUN", "council", 10, "nsubj"),
        ("voted", "VBD", "VERB", "vote", 2, "conj"), (".", ".", "PUNCT", ".", 2, "punct")])
    assert _complements(doc) == ["rents rose sharply"]


def _colon_then(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    # Ms. Cole said rents rose for one reason: ... , the parse rooting the sentence after the colon.
    root = 11  # the verb of the rows after the colon
    return _parsed([("Ms.", "NNP", "PROPN", "Ms.", 1, "compound"), ("Cole", "NNP", "PROPN", "Cole", 2, "nsubj"),
                    ("said", "VBD", "VERB", "say", root, "ccomp"), ("rents", "NNS", "NOUN", "rent", 4, "nsubj"),
                    ("rose", "VBD", "VERB", "rise", 2, "ccomp"), ("for", "IN", "ADP", "for", 4, "prep"),
                    ("one", "CD", "NUM", "one", 7, "nummod"), ("reason", "NN", "NOUN", "reason", 5, "pobj"),
                    (":", ":", "PUNCT", ":", root, "punct")] + rows)


def test_the_clause_after_a_colon_closing_the_report_spells_it_out():
    doc = _colon_then([("The", "DT", "DET", "the", 10, "det"), ("city", "NN", "NOUN", "city", 11, "nsubj"),
                       ("built", "VBD", "VERB", "build", 11, "ROOT"), ("nothing", "NN", "PRON", "nothing", 11, "dobj"),
                       (".", ".", "PUNCT", ".", 11, "punct")])
    assert _complements(doc) == ["rents rose for one reason: The city built nothing"]


def test_a_report_after_the_colon_is_its_own():
    doc = _colon_then([("The", "DT", "DET", "the", 10, "det"), ("mayor", "NN", "NOUN", "mayor", 11, "nsubj"),
                       ("said", "VBD", "VERB", "say", 11, "ROOT"), ("nothing", "NN", "PRON", "nothing", 11, "dobj"),
                       (".", ".", "PUNCT", ".", 11, "punct")])
    assert _complements(doc)[0] == "rents rose for one reason"


def test_finite_times_read_the_first_auxiliary():
    doc = _parsed([("He", "PRP", "PRON", "he", 2, "nsubj"), ("has", "VBZ", "AUX", "have", 2, "aux"),
                   ("said", "VBN", "VERB", "say", 2, "ROOT"), ("it", "PRP", "PRON", "it", 4, "nsubj"),
                   ("was", "VBD", "AUX", "be", 2, "ccomp"), ("and", "CC", "CCONJ", "and", 2, "cc"),
                   ("will", "MD", "AUX", "will", 7, "aux"), ("be", "VB", "AUX", "be", 2, "conj"),
                   (".", ".", "PUNCT", ".", 2, "punct")])
    said, was, be = doc[2], doc[4], doc[7]
    assert finite_times(said) == {"present", "past"} and finite_times(was) == {"past"}
    assert finite_times(be) == {"present"} and finite_times(doc[3]) == frozenset()
    assert not disagree(said, was) and disagree(was, be)

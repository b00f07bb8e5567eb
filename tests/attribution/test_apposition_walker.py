"""The one walk of the resolver's apposition scans (``entities.apposition_after``): the phrase a comma sets
off after a name, its window, its stop rules and the criteria the three scans ask of its words.

Sentences written for this test (not taken from a corpus), tagged by hand (word/POS) so that no model's
guess decides what is tested: each criterion (a role; any noun of a person by its ending; a person's noun
without the "-er"/"-or" nouns of firms), the window (with and without word hyphens counted), and each stop
rule (punctuation but a word hyphen; any punctuation or a verb).
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from attribution.resolution.entities import (
    _agent_noun,
    _person_noun,
    _role_noun,
    apposition_after,
    ends_apposition,
    ends_apposition_at_verb,
)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def name_and_doc(vocab, tagged: str, name_words: int = 2) -> Span:
    """The first ``name_words`` tokens of a "word/POS ..." sentence, as a span; a "-" between two words is
    a hyphen inside a word ("78-year-old"), written without spaces, and "--" a dash set off by spaces."""
    words, pos = zip(*(item.rsplit("/", 1) for item in tagged.split()), strict=True)
    words = ["–" if w == "--" else w for w in words]
    spaces = [not (w == "-" or i + 1 < len(words) and words[i + 1] == "-") for i, w in enumerate(words)]
    doc = Doc(vocab, words=list(words), spaces=spaces, pos=list(pos))
    return doc[:name_words]


def texts(tokens) -> list[str]:
    return [t.text for t in tokens]


def test_the_phrase_runs_from_the_comma_to_the_punctuation_that_ends_it(vocab):
    ent = name_and_doc(vocab, "Ann/PROPN Cole/PROPN ,/PUNCT a/DET senior/ADJ official/NOUN ,/PUNCT said/VERB so/ADV")
    assert texts(apposition_after(ent, 6)) == ["a", "senior", "official"]
    # No comma right after the name, no phrase; nor a comma that ends the text.
    assert apposition_after(name_and_doc(vocab, "Ann/PROPN Cole/PROPN said/VERB ,/PUNCT a/DET official/NOUN"), 6) == []
    assert apposition_after(name_and_doc(vocab, "Ann/PROPN Cole/PROPN ,/PUNCT"), 6) == []


def test_the_window_counts_tokens_and_with_hyphens_free_not_a_hyphen_inside_a_word(vocab):
    ent = name_and_doc(vocab, "Jay/PROPN Dole/PROPN ,/PUNCT the/DET club/NOUN 's/PART 78/NUM -/PUNCT year/NOUN "
                              "-/PUNCT old/ADJ president/NOUN ,/PUNCT spoke/VERB")
    # "president" is the ninth token after the comma: past a window of seven, inside it when the two
    # hyphens of "78-year-old" are not counted.
    assert "president" not in texts(apposition_after(ent, 7))
    assert texts(apposition_after(ent, 7, hyphens_free=True))[-1] == "president"
    assert texts(apposition_after(ent, 2)) == ["the", "club"]


def test_a_word_hyphen_ends_no_phrase_but_a_dash_does(vocab):
    hyphen = name_and_doc(vocab, "Jay/PROPN Dole/PROPN ,/PUNCT a/DET well/ADV -/PUNCT known/ADJ senator/NOUN")
    dash = name_and_doc(vocab, "Jay/PROPN Dole/PROPN ,/PUNCT a/DET friend/NOUN --/PUNCT the/DET senator/NOUN")
    assert texts(apposition_after(hyphen, 6, criterion=_role_noun)) == ["senator"]
    assert texts(apposition_after(dash, 6)) == ["a", "friend"]


def test_the_verb_stop_rule_ends_the_phrase_at_a_verb_and_at_any_punctuation(vocab):
    verb = name_and_doc(vocab, "Palo/PROPN Alto/PROPN ,/PUNCT Sanders/PROPN met/VERB a/DET physicist/NOUN there/ADV")
    assert apposition_after(verb, 6, criterion=_person_noun) != []  # the default stop runs past the verb
    assert apposition_after(verb, 6, stop=ends_apposition_at_verb, criterion=_person_noun) == []
    hyphen = name_and_doc(vocab, "Chetan/PROPN Nayak/PROPN ,/PUNCT a/DET well/ADV -/PUNCT known/ADJ physicist/NOUN")
    assert texts(apposition_after(hyphen, 6, stop=ends_apposition_at_verb)) == ["a", "well"]
    assert ends_apposition(hyphen.doc[5]) is False and ends_apposition_at_verb(hyphen.doc[5]) is True


@pytest.mark.parametrize(("noun", "role", "agent", "person"), [
    ("spokesman", True, True, True),     # a role: every scan's
    ("lender", False, True, False),      # "-er": a person or a bank
    ("developer", False, True, False),   # "-er": a person or a firm ("Carbon Engineering, a developer")
    ("physicist", False, True, True),    # "-ist": only a person
    ("mother", False, True, True),       # kin
    ("agency", False, False, False),     # an organisation's head noun
])
def test_each_criterion_takes_its_nouns(vocab, noun, role, agent, person):
    ent = name_and_doc(vocab, f"Ann/PROPN Cole/PROPN ,/PUNCT a/DET {noun}/NOUN in/ADP Ohio/PROPN")
    found = {name: texts(apposition_after(ent, 6, criterion=criterion)) == [noun]
             for name, criterion in (("role", _role_noun), ("agent", _agent_noun), ("person", _person_noun))}
    assert found == {"role": role, "agent": agent, "person": person}


def test_a_criterion_takes_only_common_nouns(vocab):
    ent = name_and_doc(vocab, "Ann/PROPN Cole/PROPN ,/PUNCT President/PROPN of/ADP Ohio/PROPN")
    assert apposition_after(ent, 6, criterion=_role_noun) == []

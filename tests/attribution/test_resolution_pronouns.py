"""Who a he/she speaker is: the error classes of pronoun resolution read on PolNeAR train, one written
sentence of each shape (not taken from a corpus). Where the outcome depends on the tagger, the test sets
the entity labels by hand so that it checks the resolver, not the model."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_mention, resolve_quotes
from attribution.resolution.entities import EntityTable
from attribution.types import Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def said(text: str, words: str, mention: str, kind: str = "direct", after: int = 0) -> Quote:
    """A quotation of ``words`` whose speaker mention is the first ``mention`` after them (before them when
    none follows)."""
    start = text.index(words, after)
    m_start = text.find(mention, start + len(words))
    if m_start < 0:
        m_start = text.rindex(mention, 0, start)
    return Quote(text=words, start=start, end=start + len(words), type=kind, speaker_mention=mention,
                 speaker_start=m_start, speaker_end=m_start + len(mention), cue="said", confidence=0.9)


def relabel(doc: Doc, words: str, label: str) -> Doc:
    """Give the words (first occurrence) the entity label, as the tagger sometimes does."""
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words), label=label)
    doc.set_ents([span], default="unmodified")
    return doc


def speakers(doc: Doc, quotes: list[Quote]) -> list[str | None]:
    resolve_quotes(doc, quotes, ResolutionContext(doc, quotes))
    return [q.speaker for q in quotes]


# ----- a person's full name the tagger labelled an organisation ----------------------------------------

def test_a_full_name_tagged_as_an_organisation_is_a_person_when_an_appositive_role_follows(nlp):
    text = ("Nadia Clement, a Lebanese photographer visiting Lyon on holiday, told the Observer that the crowd "
            "ran.\n\n“Everyone was screaming,” she said.")
    doc = relabel(nlp(text), "Nadia Clement", "ORG")
    quote = said(text, "Everyone was screaming,", "she")
    assert speakers(doc, [quote]) == ["Nadia Clement"]


def test_a_full_name_tagged_as_an_organisation_is_a_person_when_her_pronoun_follows(nlp):
    text = ("Laura Sandoval gave her support to Mark Ruiz at a rally in Reno on Monday.\n\n"
            "“He is the one,” she said.")
    doc = relabel(nlp(text), "Laura Sandoval", "ORG")
    quote = said(text, "He is the one,", "she")
    assert speakers(doc, [quote]) == ["Laura Sandoval"]


def test_an_institution_opening_with_a_first_name_stays_an_organisation(nlp):
    # "Virginia" is a woman's first name, but nothing here makes "Virginia Tech" a person: no "her" follows
    # and no appositive role.
    text = "Virginia Tech said on Monday that its campus would reopen. The school gave no date."
    doc = relabel(nlp(text), "Virginia Tech", "ORG")
    table = EntityTable(doc)
    entity = next(e for e in table.entities if e.name == "Virginia Tech")
    assert entity.kind == "organization"


def test_a_name_tagged_as_an_organisation_with_an_institution_word_stays_one(nlp):
    text = "Grace Foundation, a charity, said she would not comment."
    doc = relabel(nlp(text), "Grace Foundation", "ORG")
    assert all(e.kind == "organization" for e in EntityTable(doc).entities if "Foundation" in e.name)



def test_a_list_of_surnames_tagged_as_one_organisation_names_each_person(nlp):
    # A headline lists surnames; the tagger makes one organisation of them. Each is the person the article
    # names in full, never a "Ruiz Dalton" who would share Ann Dalton's surname and leave "Dalton" nobody.
    text = ("Ruiz, Dalton hold town halls in Iowa.\n\nMark Ruiz and Ann Dalton both spoke in Des Moines on "
            "Monday. Dalton's campaign said she would return in March.")
    doc = relabel(nlp(text), "Ruiz, Dalton", "ORG")
    assert "Ruiz Dalton" not in {e.name for e in EntityTable(doc).entities}
    quote = said(text, "she would return in March", "Dalton's campaign", kind="indirect")
    assert speakers(doc, [quote]) == ["Ann Dalton"]


# ----- gender from first names and surnames ----------------------------------------------------------

def test_a_famous_surname_does_not_make_a_relative_with_an_unlisted_first_name_a_man(nlp):
    # "Obama" is a man's surname in most articles, but "Malia Obama" is his daughter: her unlisted first
    # name leaves her gender open, so "she" can still find her.
    text = ("Malia Obama spoke at her old school in Chicago on Friday.\n\n"
            "“I learned everything here,” she said.")
    quote = said(text, "I learned everything here,", "she")
    assert speakers(nlp(text), [quote]) == ["Malia Obama"]


def test_common_first_names_tell_the_gender(nlp):
    # Jay and Lawrence were missing from the first-name list: the man named last, the subject, is "he", not
    # the man named in passing before him.
    text = ("The plan came from the governor's office under Mark Hill. Jay Warren, a former aide to Mr. Hill, "
            "now runs the fund. He declined to comment.")
    quote = said(text, "declined to comment", "He", kind="indirect")
    assert speakers(nlp(text), [quote]) == ["Jay Warren"]


def test_a_lawsuit_the_tagger_calls_a_person_is_nobody(nlp):
    # "Hale v. Hale" (a divorce case) tagged PERSON must not become a second Hale whom the "her" of the
    # next clause makes the woman a bare "Hale" means.
    text = ("Tom Hale sued his former partner in 2010. The papers of Hale v. Hale stayed sealed.\n\n"
            "Hale attacked the witness at a rally, calling her a liar.")
    doc = nlp(text)
    start = text.index("Hale v. Hale")
    doc.set_ents([doc.char_span(start, start + len("Hale v. Hale"), label="PERSON")], default="unmodified")
    assert "Hale v. Hale" not in {e.name for e in EntityTable(doc).entities}
    mention = text.rindex("Hale attacked")
    assert resolve_mention(doc, mention, mention + 4).speaker == "Tom Hale"

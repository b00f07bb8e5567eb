"""A relative, friend, foe or look-alike of a named person is someone else, and a first name the tagger left
out of a surname's entity is still part of the name. Written sentences of each shape (not taken from a
corpus); where the outcome depends on the tagger, the entity labels are set by hand so that the test checks
the resolver."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from support.resolution import resolve_last

from attribution.model import load_nlp
from attribution.resolution import resolve_mention
from attribution.resolution.entities import EntityTable


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def with_ents(doc: Doc, spans: list[tuple[str, str, int]]) -> Doc:
    """The doc with only these entities: (words, label, which occurrence)."""
    ents, text = [], doc.text
    for words, label, nth in spans:
        start = -1
        for _ in range(nth + 1):
            start = text.index(words, start + 1)
        ents.append(doc.char_span(start, start + len(words), label=label))
    doc.set_ents(ents, default="outside")
    return doc


def resolve_in(doc: Doc, mention: str):
    start = doc.text.rindex(mention)
    return resolve_mention(doc, start, start + len(mention))


@pytest.mark.parametrize("text, mention", [
    ("Mayor Tom Reyes opened the bridge on Monday. The daughter of Mrs. Reyes said the crowd was small.",
     "The daughter of Mrs. Reyes"),
    ("Mayor Tom Reyes opened the bridge on Monday. A longtime friend of Mr. Reyes said he was tired.",
     "A longtime friend of Mr. Reyes"),
    ("Mayor Tom Reyes opened the bridge on Monday. A Reyes look-alike said the mayor was late.",
     "A Reyes look-alike"),
    ("Mayor Tom Reyes opened the bridge on Monday. The brother-in-law of Reyes said the bridge was late.",
     "The brother-in-law of Reyes"),
    ("Mayor Tom Reyes opened the bridge on Monday. The son of a Reyes donor said the bridge was late.",
     "The son of a Reyes donor"),
])
def test_a_relation_noun_tied_to_a_named_person_is_never_that_person(nlp, text, mention):
    # A wrong name is worse than none: whoever the mayor's relative or double is, it is not the mayor.
    assert resolve_last(nlp, text, mention).speaker is None


@pytest.mark.parametrize("text, mention, expected", [
    ("Mayor Tom Reyes opened the bridge on Monday. Reyes's brother Luis Reyes said the crowd was small.",
     "Reyes's brother Luis Reyes", "Luis Reyes"),
    ("Mayor Tom Reyes opened the bridge on Monday. A friend of Mr. Reyes, Carla Mendes, said he was tired.",
     "A friend of Mr. Reyes, Carla Mendes,", "Carla Mendes"),
    # The name right after the relation noun is the relative, however the mention goes on (an age, "at
    # the Daily Ledger"), and also when set off after a comma; the tie ("his", "my") names nobody else.
    ("One of the men, Jesse Ellis, 70, said he was tired. The other man, his cousin Jim Yorke, 40, cited the "
     "mayor's record as a danger.", "The other man, his cousin Jim Yorke, 40,", "Jim Yorke"),
    ("That is what my friend Andy Castro at the Daily Ledger wrote recently.",
     "my friend Andy Castro at the Daily Ledger", "Andy Castro"),
])
def test_the_relative_named_in_apposition_is_the_speaker(nlp, text, mention, expected):
    assert resolve_last(nlp, text, mention).speaker == expected


def test_a_relative_with_the_same_surname_is_not_the_person_of_the_tie(nlp):
    # "Reyes" tagged an organisation twice, once with the untagged first name "Ana" before it.
    text = "Mayor Tom Reyes opened the bridge on Monday. Reyes's sister, Ana Reyes, said the crowd was small."
    doc = with_ents(nlp(text), [("Tom Reyes", "PERSON", 0), ("Reyes", "ORG", 1), ("Reyes", "ORG", 2)])
    assert resolve_in(doc, "Reyes's sister, Ana Reyes,").speaker == "Ana Reyes"


def test_an_untagged_first_name_before_a_surname_is_part_of_the_name(nlp):
    # Only "Reyes" of "Ana Reyes" tagged: the bare surname would take the mayor for the speaker.
    text = "Mayor Tom Reyes opened the bridge on Monday. Ana Reyes said the crowd was small."
    doc = with_ents(nlp(text), [("Tom Reyes", "PERSON", 0), ("Reyes", "PERSON", 1)])
    assert resolve_in(doc, "Ana Reyes").speaker == "Ana Reyes"


def test_an_untagged_first_name_before_an_untagged_surname_is_part_of_the_name(nlp):
    text = "Mayor Tom Reyes opened the bridge on Monday. Ana Reyes, his sister, said the crowd was small."
    doc = with_ents(nlp(text), [("Tom Reyes", "PERSON", 0)])
    assert resolve_in(doc, "Ana Reyes, his sister,").speaker == "Ana Reyes"


def test_a_place_word_before_an_organisation_stays_the_organisation(nlp):
    # "Virginia" is a first name too, but "Tech" is no surname of anyone the article names.
    text = "Ana Reyes studied engineering there. Virginia Tech said the lab would reopen."
    doc = with_ents(nlp(text), [("Ana Reyes", "PERSON", 0), ("Tech", "ORG", 0)])
    assert not any(e.kind == "person" and "Tech" in e.tokens for e in EntityTable(doc).entities)


def test_a_thing_named_after_a_person_takes_no_role_beside_it(nlp):
    # The tagger labels the resort an organisation; "the candidate" after it opens the next clause, and the
    # resort, named after the candidate, is no person who could hold that role.
    text = ("Donald J. Trump bought the Doral resort in 2012. On Oct. 23, during a campaign appearance at the "
            "resort, now called Trump National Doral, the candidate boasted of his negotiating skills.")
    doc = with_ents(nlp(text), [("Donald J. Trump", "PERSON", 0), ("Trump National Doral", "ORG", 0)])
    assert resolve_in(doc, "the candidate").speaker == "Donald J. Trump"


@pytest.mark.parametrize("text, mention", [
    ("The League of Women Voters hosted the debate for younger voters. Voters said the debate was dull.", "Voters"),
    ("The Union of Concerned Scientists asked scientists to sign. Scientists said the plan was weak.", "Scientists"),
])
def test_a_plural_common_noun_opening_a_sentence_is_no_short_form_of_an_organisation(nlp, text, mention):
    assert resolve_last(nlp, text, mention).speaker is None



@pytest.mark.parametrize("text, mention", [
    ("RealClearPolitics averaged the polls on Monday. RealClearPolitics said Smith led.", "RealClearPolitics"),
    ("According to FiveThirtyEight, Smith leads the race.", "FiveThirtyEight"),
])
def test_a_word_with_capitals_inside_is_a_name_whatever_the_tagger_says(nlp, text, mention):
    assert resolve_last(nlp, text, mention).speaker == mention


@pytest.mark.parametrize("text, mention", [
    ("Police said the raid was over. Authorities in North Rhine-Westphalia, the German state next to Belgium, "
     "said the men were held.", "Authorities in North Rhine-Westphalia, the German state next to Belgium,"),
    ("Ryan met voters. Groups such as women, Hispanics, and others said the plan was unfair.",
     "women, Hispanics, and others"),
])
def test_a_common_noun_or_a_list_item_after_a_comma_names_no_speaker(nlp, text, mention):
    # "the German state next to Belgium" describes the state, and Belgium only ends it; "Hispanics" is one
    # item of a list, not a name set off beside "women".
    assert resolve_last(nlp, text, mention).speaker is None


@pytest.mark.parametrize("text, mention, expected", [
    ("The firm, Carbon Engineering, said the plant works.", "The firm, Carbon Engineering,", "Carbon Engineering"),
    ("The Taoiseach, Leo Varadkar, said the plan was bad.", "The Taoiseach, Leo Varadkar,", "Leo Varadkar"),
])
def test_a_name_set_off_after_a_comma_is_still_the_speaker(nlp, text, mention, expected):
    assert resolve_last(nlp, text, mention).speaker == expected


def test_the_other_man_is_not_the_one_just_quoted(nlp):
    text = 'One of the men, Jesse Ellis, 70, said: "I am tired." The other man said the mayor was a danger.'
    assert resolve_last(nlp, text, "The other man").speaker is None

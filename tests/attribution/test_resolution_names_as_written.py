"""Names the entity table would take for someone else's or miss: a son named after his father, a leader's
name running on into the office, a transcript's speaker label in capitals, and the owner of a memoir that
names another person. Sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from support.resolution import resolve_last

from attribution.model import load_nlp
from attribution.resolution import resolve_mention


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_a_junior_is_not_his_father_of_the_same_name(nlp):
    text = ("Donald Trump won the primary in New York. His son Donald Jr. told the delegates that the state "
            "had delivered the votes.")
    assert resolve_last(nlp, text, "His son Donald Jr.").speaker == "Donald Jr."


def test_a_junior_takes_the_full_suffixed_name_the_article_gives(nlp):
    text = ("Donald Trump won the primary in New York. His son Donald Jr. told the delegates that the state "
            "had delivered the votes. Donald Trump Jr. later spoke on the floor.")
    start = text.index("His son Donald Jr.")
    result = resolve_mention(nlp(text), start, start + len("His son Donald Jr."))
    assert result.speaker == "Donald Trump Jr."


def test_the_suffix_of_the_only_person_of_that_name_keeps_him(nlp):
    text = "Martin Luther King Jr. spoke in Washington. King said the dream lived. King Jr. said more."
    assert resolve_last(nlp, text, "King Jr.").speaker == "Martin Luther King"


def test_a_name_running_on_into_the_white_house_is_no_persons_name(nlp):
    text = "The Obama White House has stayed neutral. Obama said he would not endorse anyone."
    assert resolve_last(nlp, text, "Obama").speaker == "Obama"


def test_a_transcript_label_in_capitals_is_the_person_named_before(nlp):
    text = ("Gov. Mary Fallin spoke to the network on Sunday.\n\nHOST: How will he heal the nation?\n\n"
            "FALLIN: Well, I think the nation needs to work together.")
    assert resolve_last(nlp, text, "FALLIN").speaker == "Mary Fallin"


def test_a_memoir_is_its_authors_not_a_name_in_its_title(nlp):
    text = ("Nancy Reagan ran the White House. Dan Regan's scathing memoir of his Reagan years said she "
            "consulted an astrologer.")
    result = resolve_last(nlp, text, "Dan Regan's scathing memoir of his Reagan years")
    assert (result.speaker, result.mention_kind) == ("Dan Regan", "proxy")


# ----- a name that only modifies the head of the mention is not the speaker -------------------------

def test_the_object_of_a_participle_is_not_the_speaker(nlp):
    text = ("Bernie Sanders campaigned in Ohio. Several superdelegates supporting Sanders said they would "
            "stay.")
    assert resolve_last(nlp, text, "Several superdelegates supporting Sanders").speaker is None


def test_a_quantifier_with_a_name_after_its_preposition_is_nobody_named(nlp):
    text = "Hillary Clinton spoke in Los Angeles. Not everyone at Clinton's Southern California rally agreed."
    assert resolve_last(nlp, text, "Not everyone at Clinton's Southern California rally").speaker is None
    text = "Donald Trump spoke in Ohio. Many in Trump's audience said they agreed."
    assert resolve_last(nlp, text, "Many in Trump's audience").speaker is None


def test_his_campaign_is_not_an_organisation_named_campaign(nlp):
    text = ("The Campaign Legal Center filed a complaint on Monday. Senator Marco Rubio denied it, and his "
            "campaign said the complaint was baseless.")
    assert resolve_last(nlp, text, "his campaign").speaker != "Campaign Legal Center"


def test_a_transcript_label_of_two_words_in_capitals_is_the_whole_name(nlp):
    text = ("Partial transcript as follows:\n\nJAKE TAPPER: Donald Trump released a video on Friday.\n\n"
            "FALLIN: I think so.")
    assert resolve_last(nlp, text, "JAKE TAPPER").speaker == "JAKE TAPPER"


def test_an_office_named_with_a_possessive_is_that_organisation(nlp):
    text = "The Manhattan District Attorney's Office said it would review the case."
    result = resolve_last(nlp, text, "The Manhattan District Attorney's Office")
    assert (result.speaker, result.kind) == ("Manhattan District Attorney's Office", "organization")
    text = "The inquiry continues, the Attorney General's Office said on Monday."
    assert resolve_last(nlp, text, "the Attorney General's Office").speaker == "Attorney General's Office"


def test_a_platform_between_a_possessor_and_a_post_is_the_possessors_message(nlp):
    text = "Jeb Bush endorsed Ted Cruz on Wednesday. From Bush's Facebook post: \"We must move on.\""
    start = text.index("Facebook")
    result = resolve_mention(nlp(text), start, start + len("Facebook"))
    assert (result.speaker, result.mention_kind) == ("Jeb Bush", "proxy")
    text = "Twitter said on Monday it would suspend the accounts."
    assert resolve_last(nlp, text, "Twitter").speaker == "Twitter"

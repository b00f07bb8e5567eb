"""A role noun resolves to the person the article names in that role, and a he/she after it follows.

Sentences written for this test (not taken from a corpus), one of each shape: the role set off by commas
after or before the name, two holders of one role, a former holder, a rank or party qualifier the person
at hand does not fit, a possessor standing for the company, and the pronoun after a role found for nobody.
"""

from __future__ import annotations

import pytest

from attribution.model import load_nlp
from attribution.resolution.entities import EntityTable


def speakers(extractor, text: str) -> list[tuple[str, str | None]]:
    """(mention, speaker) of every quotation found, in order."""
    return [(q.speaker_mention, q.speaker) for q in extractor.extract(text)]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_a_role_set_off_after_the_name_is_that_persons(extractor):
    text = ("Theresa May, the prime minister, met EU leaders in Brussels on Monday. Later Michel Barnier spoke to "
            "reporters about the talks.\n\n“We will deliver Brexit,” the prime minister said. “There is no other "
            "way,” she added.")
    assert speakers(extractor, text) == [("the prime minister", "Theresa May"), ("she", "Theresa May")]


def test_a_role_set_off_before_the_name_is_that_persons(extractor):
    text = ("Ireland's taoiseach, Leo Varadkar, met unions in Dublin. Later Micheal Martin spoke to the press.\n\n"
            "“We will act,” the taoiseach said. “There is no delay,” he added.")
    assert speakers(extractor, text) == [("the taoiseach", "Leo Varadkar"), ("he", "Leo Varadkar")]


def test_a_role_before_a_comma_is_registered_with_its_qualifiers(nlp):
    table = EntityTable(nlp("Australia's foreign minister, Julie Bishop, said on Monday that the talks had failed."))
    bishop = next(e for e in table.entities if e.name == "Julie Bishop")
    # The surname is no title: Julie Bishop is a minister, not a bishop.
    assert bishop.roles == {"minister"} and {"foreign", "australia"} <= bishop.title_words


def test_two_holders_of_the_role_alike_are_nobody(extractor):
    text = ("Health Minister Greg Hunt and Finance Minister Mathias Cormann met on Monday.\n\n"
            "“We have agreed a plan,” the minister said.")
    assert speakers(extractor, text) == [("the minister", None)]


def test_the_former_holder_is_the_former_minister_and_the_other_the_minister(extractor):
    text = ("Former Health Minister Nicola Roxon criticised the plan on Monday. Health Minister Greg Hunt defended "
            "it.\n\n“This is reckless,” the former minister said.\n\n“It is a good plan,” the minister said.")
    assert speakers(extractor, text) == [("the former minister", "Nicola Roxon"), ("the minister", "Greg Hunt")]


def test_a_former_president_is_not_the_president(extractor):
    text = ("Former President Barack Obama spoke in Chicago on Monday. Donald Trump held a rally in Ohio.\n\n"
            "“We will win,” the president said.")
    assert speakers(extractor, text) != [("the president", "Barack Obama")]


def test_the_president_is_the_one_named_without_a_country(extractor):
    text = ("President Donald Trump met French President Emmanuel Macron in Paris on Monday.\n\n"
            "“We disagree on climate,” the president said.")
    assert speakers(extractor, text) == [("the president", "Donald Trump")]


def test_a_rank_qualifier_is_no_epithet_of_the_person_at_hand(extractor):
    text = ("Donald Trump picked Mike Pence as his running mate on Friday. Gov. John Kasich of Ohio did not attend "
            "the event.\n\n“We will win in November,” the Republican vice-presidential nominee said.")
    assert speakers(extractor, text) == [("the Republican vice-presidential nominee", None)]


def test_a_party_qualifier_must_fit_the_persons_party(extractor):
    text = ("Democrat Hillary Clinton spoke in Ohio on Monday. Her rival stayed in New York.\n\n"
            "“We will win,” the Republican nominee said.")
    assert speakers(extractor, text) == [("the Republican nominee", None)]


def test_the_companys_chief_executive_is_the_named_chief_executive(extractor):
    text = ("Apple reported strong sales on Tuesday. Tim Cook, Apple's chief executive, spoke to analysts. Luca "
            "Maestri also joined the call.\n\n“Demand is strong,” the company's chief executive said.")
    assert speakers(extractor, text) == [("the company's chief executive", "Tim Cook")]


def test_a_he_after_a_role_found_for_nobody_is_no_one_outside_that_role(extractor):
    # The article named a chancellor; the one the qualifier "German" asks for is not found, and "he" is that
    # chancellor still, not Emmanuel Macron, the last man named.
    text = ("Chancellor Angela Merkel visited Paris on Monday. Later Emmanuel Macron spoke to reporters.\n\n“We are "
            "united,” the German chancellor said. “Europe must act,” he added.")
    assert speakers(extractor, text) == [("the German chancellor", None), ("he", None)]


def test_a_he_after_a_role_the_article_gave_nobody_is_left_to_salience(extractor):
    text = ("Tom Hale spoke to reporters on Monday.\n\n“We are ready,” the coach said. “The team trained hard,” "
            "he added.")
    assert speakers(extractor, text) == [("the coach", None), ("he", "Tom Hale")]


def test_an_untagged_first_name_before_an_organisation_surname(extractor):
    text = ("Reince Priebus, the chairman of the Republican National Committee, spoke on Sunday. “We are united,” "
            "Priebus said.")
    assert speakers(extractor, text) == [("Priebus", "Reince Priebus")]


def test_a_role_before_a_name_the_tagger_took_for_an_organisation_makes_it_a_person(extractor):
    text = ("Hours later a memorial sprouted up outside the university.\n\nThe Czech president, Petr Pavel, expressed "
            "gratitude for the condolences.\n\n“My thoughts are still with families of the victims,” he wrote on "
            "social media.")
    assert speakers(extractor, text)[-1] == ("he", "Petr Pavel")


def test_an_appositive_role_runs_past_a_hyphenated_word_but_not_past_a_preposition(nlp):
    table = EntityTable(nlp("At the club, Jay Dole, the club's 78-year-old president and general manager, spoke. Later "
                            "Jane Roe, the wife of the mayor, spoke too."))
    roles = {e.name: e.roles for e in table.entities if e.kind == "person"}
    assert roles["Jay Dole"] == {"president"} and roles["Jane Roe"] == set()


def test_a_role_once_resolved_to_the_person_at_hand_stays_that_persons(extractor):
    # A British story never writes "Prime Minister Rishi Sunak": the first "the prime minister" is the person
    # at hand, and the later one, after other people were named, is still him, and so is the "he" after it.
    text = ("Rishi Sunak is under fire from his own MPs after rowing back on plans to lift the salary threshold.\n\n"
            "The prime minister said the government was \"increasing the threshold significantly\".\n\n"
            "Robert Jenrick, who quit as immigration minister, criticised the delay. David Jones said it was a sign "
            "of weakness.\n\nSpeaking to reporters in Lincolnshire on Friday, the prime minister insisted the "
            "government was doing \"exactly as we said\".\n\nHe confirmed that the threshold would increase in the "
            "spring.")
    found = speakers(extractor, text)
    assert ("the prime minister", "Rishi Sunak") in found and found[-1] == ("He", "Rishi Sunak")



def _mixed(text: str, words: str, mention: str):
    from attribution.types import Quote

    start, at = text.index(words), text.index(mention)
    return Quote(text=words, start=start, end=start + len(words), type="mixed", speaker_mention=mention,
                 speaker_start=at, speaker_end=at + len(mention), cue="wrote", confidence=0.9)


def test_a_she_after_a_frontrunner_nobody_was_called_is_left_to_salience(nlp):
    # "The Republican frontrunner" is a role noun (no description of someone unnamed): nobody was called
    # frontrunner, so it names nobody, and the "she" after it is the woman the story is about.
    from attribution.resolution import ResolutionContext, resolve_quotes

    text = ("Dana Kirk backs a new rail line for Ohio.\n\n"
            "The Republican frontrunner wrote in the Dayton Herald that the state “cannot wait any longer”. "
            "She promised to “build it in four years” if elected.")
    quotes = [_mixed(text, "that the state “cannot wait any longer”", "The Republican frontrunner"),
              _mixed(text, "to “build it in four years” if elected", "She")]
    doc = nlp(text)
    resolve_quotes(doc, quotes, ResolutionContext(doc, quotes))
    assert [q.speaker for q in quotes] == [None, "Dana Kirk"]


@pytest.mark.parametrize("role", ["frontrunner", "front-runner"])
def test_the_frontrunner_is_the_person_the_article_called_so(nlp, role):
    # The tokenizer splits "front-runner" into three words: the role is still read whole.
    from attribution.resolution import resolve_mention

    text = (f"Dana Kirk, the Republican {role}, backs a new rail line. Tom Reyes opposes it. "
            f"The {role} told the Dayton Herald that the state cannot wait.")
    start = text.index(f"The {role}")
    assert resolve_mention(nlp(text), start, start + len(f"The {role}")).speaker == "Dana Kirk"


def test_the_front_runner_is_no_epithet_of_the_person_the_story_is_about(nlp):
    # The story is about Kirk, the front-runner is her rival: nobody, not Kirk.
    from attribution.resolution import resolve_mention

    text = ("Dana Kirk said on Friday that she will not run again. “I have no intention of running,” Kirk said.\n\n"
            "If Tom Reyes is right, Kirk's days in office are over. The front-runner predicted in March that she "
            "would lose.")
    start = text.index("The front-runner")
    assert resolve_mention(nlp(text), start, start + len("The front-runner")).speaker is None

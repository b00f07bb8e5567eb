"""Wrong names the resolver filed (round 2, names2): a surname's compound is no namesake, a place set in a
description of someone is no speaker, an age of a role phrase names only the person given that age. Written
sentences of each shape (not taken from a corpus)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from support.resolution import resolve_last

from attribution.model import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_a_camp_named_by_a_surname_is_no_namesake_of_the_person(nlp):
    # "Team Trump" tagged PERSON beside "Donald Trump": a bare "Trump" was nobody's, or the camp's.
    text = ("Ivanka Trump spoke to donors on Friday. Donald Trump and Team Trump flew to Ohio on Monday. "
            "Trump said the crowd was huge.")
    assert resolve_last(nlp, text, "Trump").speaker == "Donald Trump"


def test_a_building_named_by_a_surname_is_no_namesake_of_the_person(nlp):
    text = ("Ivanka Trump spoke to donors on Friday. Donald Trump toured Trump Tower on Monday. "
            "Trump said the building was huge.")
    assert resolve_last(nlp, text, "Trump").speaker == "Donald Trump"


def test_a_place_after_from_in_a_description_of_someone_is_no_speaker(nlp):
    text = ("Thousands of children were adopted abroad. One woman adopted from Iran in the early 1970s said "
            "she learned she was not a citizen.")
    assert resolve_last(nlp, text, "One woman adopted from Iran in the early 1970s").speaker is None


def test_an_age_and_a_role_the_person_at_hand_was_not_given_is_nobody(nlp):
    text = ("Susan Sarandon spoke at the rally on Sunday. The 68-year-old former secretary of state said she "
            "would win.")
    assert resolve_last(nlp, text, "The 68-year-old former secretary of state").speaker is None


def test_a_role_without_an_age_still_names_the_person_at_hand(nlp):
    # The epithet rule stays for a role alone ("The former Maryland governor" of Martin O'Malley).
    text = ("Martin O'Malley is shifting staff to Iowa. The former Maryland governor said he would win.")
    assert resolve_last(nlp, text, "The former Maryland governor").speaker == "Martin O'Malley"

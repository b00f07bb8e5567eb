"""The shipped first-name and surname gender lists and the rules that derive them from training text."""

from __future__ import annotations

from attribution.resolution.build_first_names import surname_votes, votes_from_article
from attribution.resolution.names import first_name_gender, surname_gender

# Real-style news prose (the form of PolNeAR train articles): full name, then honorific + surname.
ARTICLE = ("Hillary Clinton spoke in Ohio on Monday. Mrs. Clinton said the plan would work. "
           "Donald Trump disagreed. Mr. Trump's campaign called it a hoax. "
           "Lindsey Graham told reporters he was unsure. He said he would wait.")


def test_honorific_of_the_surname_votes_for_the_first_name():
    votes = votes_from_article(ARTICLE)
    assert votes[("hillary", "female")] == 1
    assert votes[("donald", "male")] == 1
    assert ("hillary", "male") not in votes


def test_sentence_opening_pronoun_after_a_full_name_votes():
    votes = votes_from_article("Lindsey Graham told reporters he was unsure. He said he would wait.")
    assert votes[("lindsey", "male")] == 1


def test_surname_votes_once_per_article_without_possessive():
    assert surname_votes(ARTICLE) == {("clinton", "female"), ("trump", "male")}


def test_shipped_lists():
    assert first_name_gender("Vladimir") == "male"
    assert first_name_gender("Kamala") == "female"
    assert surname_gender("Obama") == "male"
    # Mr. and Mrs. Clinton both appear in the news: no gender for the bare surname.
    assert surname_gender("Clinton") is None


def test_common_first_names_of_one_gender_are_listed_and_unisex_ones_are_not():
    # Common first names the list lacked, whose bearer a he/she then could not agree with ("said Gene Hart,
    # an adviser to Mrs. Kirk ... Her plan": Hart, of unknown gender and the previous speaker, took "Her").
    assert [first_name_gender(n) for n in ("Gene", "Thad", "Wendell", "Ezra")] == ["male"] * 4
    assert [first_name_gender(n) for n in ("Myra", "Gretchen", "Cecile", "Rebekah")] == ["female"] * 4
    # Given to men and women alike: no guess.
    assert [first_name_gender(n) for n in ("Marty", "Jan", "Leslie", "Shannon")] == [None] * 4


def test_name_tokens_gives_a_fresh_list_each_call():
    from attribution.resolution.names import name_tokens

    first = name_tokens("Sen. John McCain's")
    first.append("changed")  # a caller's change to its list never reaches the next caller
    assert name_tokens("Sen. John McCain's") == ["John", "McCain"]


def test_a_generational_suffix_goes_before_a_title_like_surname():
    from attribution.resolution.names import name_tokens

    assert name_tokens("King Jr.") == ["King"]  # "King" looks like a title, yet is the surname
    assert name_tokens("Mr. King Jr.") == ["King"]
    assert name_tokens("Jr.") == []  # a suffix alone names no one

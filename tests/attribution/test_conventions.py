"""Other papers' and countries' conventions: ranks and titles set without the stop, long titles before an
inverted name, an age standing for the speaker. Sentences written for the tests, in the shapes British and
Commonwealth papers print."""

from __future__ import annotations

import pytest

from attribution.resolution.names import clean_name


def _speakers(extractor, text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_mention) for q in extractor.extract(text)]


@pytest.mark.parametrize(("written", "name"), [
    ("Det Supt Ian Kerr", "Ian Kerr"),
    ("Cllr Mary Evans", "Mary Evans"),
    ("Insp Jane Moss", "Jane Moss"),
    ("Lt Col Ann Price", "Ann Price"),
    ("DCI Ruth Bell", "Ruth Bell"),
    ("Ch Supt Alan Reid", "Alan Reid"),
    ("Brig Tom Hart", "Tom Hart"),
])
def test_british_ranks_and_council_titles_are_no_part_of_the_name(written, name):
    assert clean_name(written) == name


@pytest.mark.parametrize(("text", "speaker"), [
    # A surname with the police or council title is the person named in full before, not a third one.
    ("Mary Evans leads the council. 'This budget protects the most vulnerable,' said Cllr Evans.", "Mary Evans"),
    ("Jane Moss leads the inquiry. 'It was a difficult night,' said Insp Moss.", "Jane Moss"),
    ("Ian Kerr leads the inquiry. 'Our inquiries are continuing,' Det Supt Kerr said.", "Ian Kerr"),
    ("Det Supt Ian Kerr said: 'Our inquiries are continuing.'", "Ian Kerr"),
])
def test_a_rank_before_the_name_files_the_quotation_under_the_person(extractor, text, speaker):
    assert [s for s, _ in _speakers(extractor, text)] == [speaker]


@pytest.mark.parametrize("text", [
    "'The government has failed working people,' said the Labour MP for Leeds East, Richard Burgon.",
    '"The government has failed working people," said the Labour MP for Leeds East, Richard Burgon.',
])
def test_a_proper_noun_role_with_the_name_in_apposition_is_that_person(extractor, text):
    # The tagger makes "MP" a proper noun; the name set off after its phrase is the MP.
    assert _speakers(extractor, text) == [("Richard Burgon", "Richard Burgon")]


def test_a_role_in_apposition_to_a_place_is_not_taken_for_a_name(extractor):
    # No person in apposition: the role stays the mention and names nobody.
    text = "'We will fight on,' said the Labour MP for Leeds East, a seat the party has held since 1955."
    assert [s for s, _ in _speakers(extractor, text)] == [None]


def test_an_age_standing_for_the_speaker_is_the_whole_mention(extractor):
    text = "Tom Baker, 45, was arrested on Monday. 'I was just walking home,' the 45-year-old said."
    assert _speakers(extractor, text) == [("Tom Baker", "the 45-year-old")]


def test_a_quotation_dash_opens_a_direct_quotation(extractor):
    # European papers open a quoted line with a dash and no marks.
    text = ("The minister spoke briefly.\n\n– We will not raise taxes this year, said Anna Berg.\n\n"
            "— You cannot trust the opposition on this, she added.")
    assert [(q.type, q.text, q.speaker) for q in extractor.extract(text)] == [
        ("direct", "We will not raise taxes this year", "Anna Berg"),
        ("direct", "You cannot trust the opposition on this", "Anna Berg")]


def test_a_dashed_item_of_a_round_up_stays_a_report(extractor):
    text = "In other news:\n\n— Prices rose 3 percent in March, the ministry said."
    assert [q.type for q in extractor.extract(text)] == ["indirect"]

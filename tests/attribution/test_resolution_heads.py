"""What heads a speaker mention, one written sentence of each shape (not taken from a corpus).

An institution's name holding a role word, a pronoun inside a clause describing the speaker, roles in
coordination after a possessive or a title, what a person says or writes, a counsel, a name closing a
description, a surname the tagger takes for a pronoun.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from support.resolution import resolve_last

from attribution.model import load_nlp
from attribution.resolution import resolve_mention


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        (
            "After a long inquiry, the Department of Justice found that the county jail had broken the law.",
            "the Department of Justice",
            "Department of Justice",
        ),
        (
            "The Marshall Center for Justice noted that spending on the race had doubled since 2012.",
            "The Marshall Center for Justice",
            "Marshall Center for Justice",
        ),
    ],
)
def test_a_role_word_after_a_preposition_is_part_of_an_institution_s_name(nlp, text, mention, expected):
    result = resolve_last(nlp, text, mention)
    assert (result.speaker, result.kind) == (expected, "organization")


def test_a_pronoun_inside_a_clause_describing_the_speaker_is_not_the_speaker(nlp):
    # The parse makes "running" the root of the mention, so the rightmost person in it was "him".
    text = (
        "President Tom Walsh wants the base closed. He will leave office in January.\n\n"
        "Congress and the Democrats running to replace him have said the plan is a mistake."
    )
    result = resolve_last(nlp, text, "the Democrats running to replace him")
    assert result.speaker != "Tom Walsh"


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        (
            "Senator Maria Lopez campaigned in Reno. Lopez's chief pollster and strategist Daniel Frey said the "
            "numbers were moving.",
            "Lopez's chief pollster and strategist Daniel Frey",
            "Daniel Frey",
        ),
        (
            "ABC News Senior Vice President and Political Director Laura Kemp said the debate would go ahead.",
            "ABC News Senior Vice President and Political Director Laura Kemp",
            "Laura Kemp",
        ),
    ],
)
def test_roles_coordinated_after_a_possessive_or_a_title_are_one_person(nlp, text, mention, expected):
    assert resolve_last(nlp, text, mention).speaker == expected


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        (
            "The pollster Stanley Greenbaum surveyed voters in May. Greenbaum's research found that turnout "
            "would fall.",
            "Greenbaum's research",
            "Stanley Greenbaum",
        ),
        (
            "Senator Ellen Marsh toured the plant. Marsh's press release said the jobs would stay.",
            "Marsh's press release",
            "Ellen Marsh",
        ),
        (
            "Judge Anthony Calder wrote the opinion. Calder's remarks from the bench suggested doubt.",
            "Calder's remarks from the bench",
            "Anthony Calder",
        ),
        (
            "Daniel Morgan pleaded guilty on Friday. Morgan's defense counsel said he would appeal.",
            "Morgan's defense counsel",
            "Daniel Morgan",
        ),
    ],
)
def test_what_a_person_says_or_writes_and_their_counsel_speak_for_that_person(nlp, text, mention, expected):
    assert resolve_last(nlp, text, mention).speaker == expected


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("An experienced, respected member of the party, Mary Collins,", "Mary Collins"),
        ("A seasoned, respected member of the party, Senator Helen Carver,", "Helen Carver"),
    ],
)
def test_a_name_closing_a_description_after_a_comma_is_the_speaker(nlp, mention, expected):
    text = f"Voters in Iowa met on Monday. {mention} said the caucus would be close."
    assert resolve_last(nlp, text, mention).speaker == expected


def test_a_name_closing_a_list_is_not_the_speaker(nlp):
    text = "Aides, donors and volunteers, Mary Collins, said the caucus would be close."
    assert resolve_last(nlp, text, "Aides, donors and volunteers, Mary Collins,").speaker is None


def test_a_surname_the_tagger_takes_for_a_pronoun_is_still_the_name(nlp):
    # The small model sometimes tags "O’Malley" a pronoun (it reads "O’" as one): set that tag by hand.
    text = "Former Maryland Gov. Martin O’Malley campaigned in Iowa on Monday.\n\nO’Malley said the plan would fail."
    doc = nlp(text)
    start = text.rindex("O’Malley")
    surname = doc.char_span(start, start + len("O’Malley"))[0]
    surname.pos_, surname.tag_ = "PRON", "PRP"
    assert resolve_mention(doc, start, start + len("O’Malley")).speaker == "Martin O’Malley"


@pytest.mark.parametrize(
    "mention",
    [
        "A Walsh campaign official",
        "Walsh officials",
        "Senior Walsh strategists",
        "Mr. Walsh's campaign operatives",
    ],
)
def test_staff_named_for_a_person_speak_for_that_person(nlp, mention):
    text = f"Senator Tom Walsh spoke in Dayton on Monday.\n\n{mention} said the budget would have to be cut."
    result = resolve_last(nlp, text, mention)
    assert (result.speaker, result.mention_kind) == ("Tom Walsh", "proxy")


@pytest.mark.parametrize(
    "mention",
    [
        "Federal officials familiar with the server taken from Mr. Walsh's house",
        "A Republican strategist",
        "White House officials",
        "Mr. Walsh's associates",  # business partners and friends do not speak for him
        "One Walsh confidant",
    ],
)
def test_staff_of_nobody_named_before_them_speak_for_nobody(nlp, mention):
    text = f"Senator Tom Walsh spoke in Dayton on Monday.\n\n{mention} said the budget would have to be cut."
    assert resolve_last(nlp, text, mention).speaker is None


@pytest.mark.parametrize(
    "text, mention, expected",
    [
        (
            "Former Secretary of State Helen Carver spoke in Denver on Monday.\n\n"
            "The former secretary of state said the treaty would hold.",
            "The former secretary of state",
            "Helen Carver",
        ),
        (
            "Vermont Sen. Tom Walsh spoke in Burlington on Monday.\n\nThe senator from Vermont said the bill would pass.",
            "The senator from Vermont",
            "Tom Walsh",
        ),
    ],
)
def test_a_role_with_its_of_or_from_phrase_is_the_person_given_that_role(nlp, text, mention, expected):
    assert resolve_last(nlp, text, mention).speaker == expected


def test_someone_of_a_role_holder_is_not_the_role_holder(nlp):
    text = "President Tom Walsh spoke in Dayton on Monday.\n\nThe wife of the president said the plan would fail."
    assert resolve_last(nlp, text, "The wife of the president").speaker is None

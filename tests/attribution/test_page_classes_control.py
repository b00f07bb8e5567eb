"""Real pages, 2026-12-04 evening (helper `pages`): a learned quotation on a relative clause the parse hung
on the cue, and job titles swept into a name. Sentences written for these tests in the shapes read on the
pages."""

from __future__ import annotations

import pytest

from attribution.learned.grouping import Attribution, Run, _relative_clause_content
from attribution.resolution.names import clean_name


def _attribution(doc, cue_word: str, content_word: str) -> tuple[Attribution, int]:
    cue = next(t.i for t in doc if t.text == cue_word)
    start = next(t.i for t in doc if t.text == content_word and t.i > cue)
    end = len(doc) - 1  # up to the final stop
    attribution = Attribution([Run("CNT", start, end)], Run("CUE", cue, cue + 1), None, bounds=(start, end))
    return attribution, start


# ------------------------------------------------------ a relative clause on the writer's noun is no content
def test_a_relative_clause_the_parse_hung_on_the_cue_is_no_content(extractor):
    doc = extractor.process("Council leader Tom Baines spoke before residents defending the parking plan adopted "
                            "in June that cut fees by a fifth in each of the next four years.")
    that = next(t for t in doc if t.text == "that")
    if that.tag_ != "WDT":
        pytest.skip("the parse reads this 'that' otherwise")
    attribution, start = _attribution(doc, "spoke", "that")
    assert _relative_clause_content(doc, attribution, start)


@pytest.mark.parametrize(("text", "cue", "first"), [
    ("The mayor said that the plan would cut fees by a fifth next year.", "said", "that"),
    ("Reporters asked which was cheaper for the city in the long run.", "asked", "which"),
])
def test_a_complement_or_a_question_is_still_content(extractor, text, cue, first):
    doc = extractor.process(text)
    attribution, start = _attribution(doc, cue, first)
    assert not _relative_clause_content(doc, attribution, start)


# ---------------------------------------------------------------- a job title swept into a name is no name
@pytest.mark.parametrize(("mention", "name"), [
    ("Patrol Chief James Hall", "James Hall"),
    ("House Intelligence Committee Chair Adam Schiff", "Adam Schiff"),
    ("Republican state schools Superintendent Jennifer McCormick", "Jennifer McCormick"),
    ("Sen. John McCain", "John McCain"),
    ("John Major", "John Major"),  # a surname that is a title word stays
    ("Chief Justice Roberts", "Roberts"),
])
def test_a_job_title_before_a_name_is_left_out(mention, name):
    assert clean_name(mention) == name


def test_the_speaker_of_a_titled_name_is_the_name(extractor):
    text = "Republican state schools Superintendent Laura Benson told reporters that the budget was not enough."
    (quote,) = [q for q in extractor.extract(text) if q.cue == "told"]
    assert quote.speaker == "Laura Benson"


# ------------------------------------------- a role phrase closed by a name and a parenthesis is that person
@pytest.mark.parametrize(("text", "name"), [
    ("Senate Minority Leader Chuck Schumer (D-N.Y.) said the budget deal would not pass before the recess.",
     "Chuck Schumer"),
    ("Senate Minority Leader Chuck Schumer (D-N.Y.) said the new figures that the agency released on Friday "
     "\"show the program has failed the families it was meant to help.\"", "Chuck Schumer"),
])
def test_a_role_before_a_name_with_its_party_in_parentheses_is_the_person(extractor, text, name):
    (quote,) = [q for q in extractor.extract(text) if q.cue == "said"]
    assert quote.speaker_mention == name and quote.speaker == name

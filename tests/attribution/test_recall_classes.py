"""Reported clauses the indirect rules once missed (issue 9, indirect recall): one written sentence per
class, run through the real pipeline."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def rules_extractor():
    """The rules alone: the learned grouping may find some of these clauses on its own, which would hide
    what the rules do."""
    from attribution import Extractor

    return Extractor(learned=False)


def _made_by(extractor, text, rule):
    """The quotations of ``text`` that the linking rule ``rule`` made."""
    return [q for q in extractor.extract(text) if q.rule == rule]


# ------------------------------------------------------------------ a share of respondents as speaker
@pytest.mark.parametrize(
    "text, content, mention",
    [
        (
            "In the new survey, 62 percent of parents said the school day should start later.",
            "the school day should start later",
            "62 percent",
        ),
        (
            "Only 41% of residents said the city spends too much on roads.",
            "the city spends too much on roads",
            "41%",
        ),
    ],
)
def test_a_share_of_respondents_reports_what_they_answered(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content and mention in quote.speaker_mention


def test_a_date_or_sum_as_subject_is_still_no_speaker(extractor):
    text = "Tuesday said the markets would calm down by the weekend, traders hoped."
    assert not any(q.speaker_mention == "Tuesday" for q in extractor.extract(text))


def test_the_writers_comparison_after_an_answer_is_not_part_of_it(rules_extractor):
    text = "This week, 55 percent said the governor deserves a second term, compared with 48 percent in May."
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == "the governor deserves a second term"


# ------------------------------------------------------------------ a reporting clause the parse hung on the report
@pytest.mark.parametrize(
    "text, content, mention",
    [
        (
            "The new plant will open in the spring, well ahead of schedule, the company reported on Monday.",
            "The new plant will open in the spring, well ahead of schedule",
            "the company",
        ),
        (
            "As the newspaper reported on Sunday, the mayor had quietly sold the land to a developer.",
            "the mayor had quietly sold the land to a developer",
            "the newspaper",
        ),
        (
            "As she told reporters on Friday, the company will not raise its prices this year.",
            "the company will not raise its prices this year",
            "she",
        ),
    ],
)
def test_a_reporting_clause_set_off_by_a_comma_reports_the_rest_of_the_sentence(
    rules_extractor, text, content, mention
):
    quotes = [q for q in rules_extractor.extract(text) if q.type == "indirect"]
    assert [(q.text, q.speaker_mention) for q in quotes] == [(content, mention)]


def test_as_telling_the_time_of_the_sentence_is_no_report(extractor):
    text = "As the two candidates argued over taxes, protesters gathered outside the hall."
    assert not _made_by(extractor, text, "reporting_clause")


def test_as_comparing_with_what_was_said_is_no_report_of_the_sentence(extractor):
    text = "The council approved the budget in March, just as the mayor said it would."
    assert not _made_by(extractor, text, "reporting_clause")


# ------------------------------------------------------------------ verbs of evidence
@pytest.mark.parametrize(
    "text, content",
    [
        (
            "A study released on Monday found that most commuters would pay more for faster trains.",
            "that most commuters would pay more for faster trains",
        ),
        (
            "The audit shows that the agency lost track of nearly 300 laptops last year.",
            "that the agency lost track of nearly 300 laptops last year",
        ),
    ],
)
def test_what_a_study_found_or_shows_is_reported(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "evidence")
    assert quote.text == content and quote.cue in ("found", "shows")


@pytest.mark.parametrize(
    "text",
    [
        "Rescuers found the hikers near the summit on Sunday.",
        "The records show he had sold most of his shares by then.",
        "The episode shows how quickly the mood in the party can turn.",
        "The latest poll showed the senator leading her rival by six points.",
        "Organizers could not find anyone to chair the meeting.",
        "The mayor soon found himself caught up in the scandal.",
    ],
)
def test_a_verb_of_evidence_without_a_stated_clause_reports_nothing(extractor, text):
    # (Next to a quotation, where "found" and "shows" are cue words, their sentences are parsed.)
    text = f'{text} "We will see," she said.'
    assert not _made_by(extractor, text, "evidence")


def test_outside_quotations_a_verb_of_evidence_gets_its_sentence_parsed_only_before_that(rules_extractor):
    text = "The panel found that the dam was safe.\n\nThe team found the keys under a rock."
    first, second = (t for t in rules_extractor.process(text) if t.lower_ == "found")
    assert first.dep_ != "unparsed" and second.dep_ == "unparsed"


# ------------------------------------------------------------------ a report inside another report's content
def test_a_report_in_a_relative_clause_is_part_of_the_outer_report(rules_extractor):
    text = ("The miners' families, who asked the company to release the footage, watched it on Monday,"
            " lawyers for the families said.")
    quotes = rules_extractor.extract(text)
    assert [(q.text, q.cue, q.speaker_mention) for q in quotes] == [
        (text[:text.index(", lawyers")], "said", "lawyers for the families")]



def test_an_inner_report_that_is_the_outer_contents_own_verb_stays_its_own(rules_extractor):
    # The narrated event is the inner report itself: its reported clause is what was said.
    text = "The mayor told reporters the bridge plan was dead, the newspaper reported on Friday."
    quotes = rules_extractor.extract(text)
    assert [(q.text, q.cue) for q in quotes] == [("the bridge plan was dead", "told")]


# ------------------------------------------------------------------ a report inserted after a dash or semicolon
@pytest.mark.parametrize("text, content", [
    ("The council approved the budget in March - and the cuts, the mayor said, would fall hardest on schools.",
     "the cuts, the mayor said, would fall hardest on schools"),
    ("The judge kept him in jail after hearing the tapes - proof, prosecutors argued, of his role in the plot.",
     "proof, prosecutors argued, of his role in the plot"),
    ("The council approved the budget in March; the cuts, the mayor said, would fall hardest on schools.",
     "the cuts, the mayor said, would fall hardest on schools"),
    # A hyphen inside a compound opens nothing, nor does a dash closing a pair: the sentence is reported.
    ("To hit its long-term target, the panel concluded, the tax must rise again in 2018.",
     "To hit its long-term target, the panel concluded, the tax must rise again in 2018"),
    ("Mr. Hale - the longtime mayor - and his aides, the report said, had approved the cuts.",
     "Mr. Hale - the longtime mayor - and his aides, the report said, had approved the cuts"),
])
def test_a_report_inserted_after_a_dash_reports_the_clause_it_interrupts(rules_extractor, text, content):
    assert [q.text for q in _made_by(rules_extractor, text, "parenthetical")] == [content]

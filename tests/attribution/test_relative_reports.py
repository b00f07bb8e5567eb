"""A report inside a relative clause that the parse takes from the relative word ("..., which the mayor
said was long overdue"): the reported words start after the cue, without the relative word's speaker and
cue (rules._after_own_cue). Sentences written for these tests, in the shapes news text uses."""

from __future__ import annotations

import pytest


def _made_by(extractor, text, rule):
    return [q for q in extractor.extract(text) if q.rule == rule]


@pytest.mark.parametrize(("text", "expected"), [
    ("The council approved the new budget, which the mayor said was long overdue.", "was long overdue"),
    ("The board hired two auditors, who the chairman said would report by June.", "would report by June"),
])
def test_a_relative_clause_reports_the_words_after_its_cue(extractor, text, expected):
    quotes = _made_by(extractor, text, "complement")
    assert [q.text for q in quotes] == [expected]
    assert quotes[0].speaker_mention in ("the mayor", "the chairman")


@pytest.mark.parametrize(("text", "expected"), [
    ('The governor defended the pension deal, which his rival had called a "giveaway to insiders."',
     'a "giveaway to insiders."'),
    ("Officials paused the stadium project, which the mayor called ''a waste of public money,'' last spring.",
     "''a waste of public money,''"),
])
def test_a_relative_clause_names_the_thing_in_the_words_after_its_cue(extractor, text, expected):
    quotes = _made_by(extractor, text, "naming")
    assert [q.text for q in quotes] == [expected]
    assert quotes[0].type == "mixed"


def test_a_free_relative_keeps_its_word(extractor):
    # "what" is the writer's noun phrase itself, not a word for a noun before it: the clause stays whole.
    text = "Voters are tired of what the senator called ''a rigged system.''"
    assert [q.text for q in _made_by(extractor, text, "naming")] == ["what the senator called ''a rigged system.''"]


def test_the_knob_keeps_the_whole_relative_clause():
    from attribution import Extractor

    extractor = Extractor()
    extractor.nlp.get_pipe("attribution_linker").config["rules"]["complement"]["after_own_cue"] = False
    text = "The council approved the new budget, which the mayor said was long overdue."
    assert [q.text for q in _made_by(extractor, text, "complement")] == ["which the mayor said was long overdue"]

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


@pytest.mark.parametrize("text, content", [
    ("Microsoft Corp said on Thursday it aims to remove more carbon from the atmosphere than it emits.",
     "it aims to remove more carbon from the atmosphere than it emits"),
    ("Police said on Friday the gunman killed himself on the balcony.", "the gunman killed himself on the balcony"),
])
def test_the_date_of_the_report_right_after_the_cue_is_not_what_was_said(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content


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


# ------------------------------------------------------------------ reported speech after a verb of saying
@pytest.mark.parametrize(
    "text, content, mention",
    [
        (
            "The ferry had been running late all week, a port official told The Boston Globe.",
            "The ferry had been running late all week",
            "a port official",
        ),
        (
            "Her son was safe and would be home by Sunday, the consul told her.",
            "Her son was safe and would be home by Sunday",
            "the consul",
        ),
    ],
)
def test_a_clause_before_a_verb_of_telling_is_what_was_told(rules_extractor, text, content, mention):
    # The one told, the verb's object, is no content of its own that would make the clause the writer's.
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert (quote.text, quote.speaker_mention) == (content, mention)


def test_a_clause_before_a_verb_of_telling_a_story_is_not_what_was_told(rules_extractor):
    text = "The bridge had been closed for a week, the mayor told a story about it."
    assert not _made_by(rules_extractor, text, "complement")


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "Donations, according to the campaign, have tripled since the debate.",
            "Donations, according to the campaign, have tripled since the debate",
        ),
        (
            "Now, according to the latest survey, most farmers are planting corn.",
            "Now, according to the latest survey, most farmers are planting corn",
        ),
        (  # not a clause of its own coordinated after it
            "But, according to the survey, most farmers remain cautious, so prices could fall again.",
            "according to the survey, most farmers remain cautious",
        ),
    ],
)
def test_according_to_set_off_inside_a_sentence_reports_the_clause_around_it(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "according_to")
    assert quote.text == content


def test_according_to_after_a_clause_of_its_own_reports_that_clause(rules_extractor):
    text = "The mill closed in 2015, according to the owners, and the town never recovered."
    (quote,) = _made_by(rules_extractor, text, "according_to")
    assert quote.text == "The mill closed in 2015"


@pytest.mark.parametrize("text, content", [
    ("Almost a million injections are given every year in the UK - but according to experts, many of those "
     "having them keep them secret.", "many of those having them keep them secret"),
    ("The council spent the money on roads, and according to the auditor, most of it was wasted.",
     "most of it was wasted"),
])
def test_according_to_after_a_conjunction_reports_the_clause_it_opens(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "according_to")
    assert quote.text == content


@pytest.mark.parametrize("mark", ["''", '"'])
def test_the_next_quotations_opening_mark_left_on_a_sentence_is_not_its_clause(rules_extractor, mark):
    # The sentence splitter can leave the opening mark of the quotation after a sentence on that sentence;
    # the clause ended at its stop, and the quotation is another one.
    close = mark
    text = f"Money, Ms. Reyes added, was never the problem. {mark}We had the votes,{close} she said."
    quotes = {(q.text, q.type) for q in rules_extractor.extract(text)}
    assert ("Money, Ms. Reyes added, was never the problem", "indirect") in quotes


@pytest.mark.parametrize(
    "text, content, mention",
    [
        ("Nearly half said they would vote for a third-party candidate.",
         "they would vote for a third-party candidate", "half"),
        ("A third said the economy was getting worse.", "the economy was getting worse", "A third"),
    ],
)
def test_a_fraction_of_those_asked_reports_what_they_answered(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert (quote.text, quote.speaker_mention) == (content, mention)


def test_a_share_after_with_speaks_the_participle_it_takes(rules_extractor):
    text = "Most voters trust the governor on schools, with 61 percent saying she has improved them."
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert (quote.text, quote.speaker_mention) == ("she has improved them", "61 percent")


@pytest.mark.parametrize(
    "text, content, mention",
    [
        ("Many of the striking workers said they would return on Monday.", "they would return on Monday", "Many"),
        ("Most said the new schedule was too hard on families.", "the new schedule was too hard on families",
         "Most"),
    ],
)
def test_a_quantifier_the_tagger_calls_an_adjective_is_a_group_of_speakers(rules_extractor, text, content,
                                                                           mention):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert (quote.text, quote.speaker_mention) == (content, mention)


def test_a_that_clause_the_parse_hung_on_the_adjunct_is_what_the_cue_reports(rules_extractor):
    text = "The minister said in one of a series of Twitter messages that the ferry was carrying refugees."
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == "that the ferry was carrying refugees"


def test_an_inverted_reporting_clause_the_parse_made_a_conjunct_reports_the_sentence(rules_extractor):
    text = "Turnout was high in the north, but it fell in the south, said a spokesman for the commission."
    (quote,) = _made_by(rules_extractor, text, "reporting_clause")
    assert (quote.text, quote.speaker_mention) == ("Turnout was high in the north, but it fell in the south",
                                                   "a spokesman for the commission")


def test_a_participle_after_while_is_the_speakers_next_report_not_the_clause(rules_extractor):
    text = "The striking workers have already said they would accept the offer, while emphasizing it is not a victory."
    quotes = {(q.text, q.speaker_mention) for q in _made_by(rules_extractor, text, "complement")}
    assert quotes == {("they would accept the offer", "The striking workers"),
                      ("it is not a victory", "The striking workers")}


@pytest.mark.parametrize(
    "text, content, mention",
    [
        ("Then Ms. Ortiz asked the students if they were always so serious.", "if they were always so serious",
         "Ms. Ortiz"),
        ("He shook hands, posed for photos and asked workers if they planned to vote.",
         "if they planned to vote", "He"),
    ],
)
def test_the_question_a_verb_of_asking_puts_is_reported(rules_extractor, text, content, mention):
    # The parse takes "if ..." for a condition on the verb; after the one asked it is the question.
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert (quote.text, quote.speaker_mention) == (content, mention)


def test_a_condition_after_asking_for_something_is_no_question(rules_extractor):
    assert not _made_by(rules_extractor, "She asked for help if the storm got worse.", "complement")


def test_a_that_clause_hung_on_an_adjunct_that_names_no_message_is_left_alone(rules_extractor):
    text = "The mayor told the crowd at her fundraiser for nurses that she and the union had talked on Friday."
    assert not any(q.text.startswith("that she and the union") for q in _made_by(rules_extractor, text, "complement"))


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


# ------------------------------------------------------------------ what a source believes, expects or fears
@pytest.mark.parametrize(
    "text, content, mention",
    [
        (
            "Party leaders believe the pressure from donors will become too great to resist.",
            "the pressure from donors will become too great to resist",
            "Party leaders",
        ),
        (
            "Health officials fear that the closures could set off protests in the northern provinces.",
            "that the closures could set off protests in the northern provinces",
            "Health officials",
        ),
        (
            "Her campaign advisers think she has the discipline to stay out of the fight.",
            "she has the discipline to stay out of the fight",
            "Her campaign advisers",
        ),
        (
            "Most analysts expect that the central bank will raise rates again in June.",
            "that the central bank will raise rates again in June",
            "Most analysts",
        ),
    ],
)
def test_the_clause_a_source_believes_or_fears_is_reported(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "belief")
    assert (quote.type, quote.text, quote.speaker_mention) == ("indirect", content, mention)


@pytest.mark.parametrize(
    "text",
    [
        # A passive holds nobody's belief; an infinitive is an intention or a forecast of an act.
        "The senator is expected to win the primary by a wide margin.",
        "Mr. Hale expects to win the primary by a wide margin.",
        "The board expected him to resign before the end of the year.",
        # A question is no claim.
        "The mayor thought about how the city could pay for the new bridge.",
        # The object pronoun a causative makes think is not the holder of the belief.
        "The ads make them think every candidate takes money from lobbyists.",
        # The writer's own opinion or an appeal to the reader is no source's stance.
        "I think the council should have voted against the stadium deal.",
        "You would think the city had learned its lesson by now.",
        # A share of respondents' belief is a survey figure; a belief asked about is nobody's claim.
        "In the new poll, 70 percent believe their children will be better off than they are.",
        "She would not say whether she thought the governor had misled the voters.",
        "The breach shows how deeply the agency believes foreign hackers have penetrated its networks.",
        # A belief in a clause describing its holders or giving a reason is the writer's account of them.
        "The tax falls hardest on voters who think the economy favors the wealthy.",
        "The mayor stopped campaigning early because he thought the worst was over.",
        # The writer's sentence before the verb is not what the source believes.
        "The real question is not whether he leaves the race before the convention, they believe.",
    ],
)
def test_no_belief_without_a_holder_and_a_stated_clause_after_the_verb(rules_extractor, text):
    assert _made_by(rules_extractor, text, "belief") == []


def test_outside_quotations_a_verb_of_belief_gets_its_sentence_parsed(rules_extractor):
    # "think" is no cue word: without the belief trigger this sentence was never parsed.
    text = "The council met on a rainy afternoon.\n\nSome members think the budget is far too small."
    (think,) = (t for t in rules_extractor.process(text) if t.lower_ == "think")
    assert think.dep_ != "unparsed"
    assert [q.text for q in _made_by(rules_extractor, text, "belief")] == ["the budget is far too small"]



# ------------------------------------------------------------------ the question put by a passive "asked"
@pytest.fixture(scope="module")
def question_extractor(rules_extractor):
    """The rules with ``question_put`` switched on (off by default: see docs/attribution.md)."""
    rules = rules_extractor.nlp.get_pipe("attribution_linker").config["rules"]
    rules["question_put"]["enabled"] = True
    yield rules_extractor
    rules["question_put"]["enabled"] = False


@pytest.mark.parametrize("text, content", [
    ("When asked whether the council would raise rates, the mayor said it was too early to tell.",
     "whether the council would raise rates"),
    ("Asked if the bridge would reopen in May, a spokeswoman for the ministry declined to comment.",
     "if the bridge would reopen in May"),
    ("Asked on BBC Radio 4 who would lead the party, she said nothing.", "who would lead the party"),
    ("The minister was asked why the report had been delayed.", "why the report had been delayed"),
    ("Asked how the scheme would be funded, Mr Hale pointed to the surplus.", "how the scheme would be funded"),
])
def test_the_question_a_passive_verb_of_asking_puts_is_reported_without_a_speaker(question_extractor, text, content):
    (quote,) = _made_by(question_extractor, text, "question_put")
    assert quote.text == content and quote.cue.lower() == "asked"
    assert quote.speaker_mention is None  # the one asked answers; the asker is not named


@pytest.mark.parametrize("text", [
    "When asked why, she shrugged.",  # no clause: nothing reported
    "She asked for help if the storm got worse.",  # a condition, and an active asker
    "The police asked residents whether they had seen the van.",  # an asker of its own: the complement rule's
    "The minister was asked by reporters why the report had been delayed.",  # a named asker: likewise
])
def test_no_speakerless_question_where_there_is_none_or_the_asker_is_named(question_extractor, text):
    assert _made_by(question_extractor, text, "question_put") == []


# ------------------------------------------------------------------ "called on X to ..."
@pytest.mark.parametrize("text, content, mention", [
    ("The union called on the government to scrap the tax.", "the government to scrap the tax", "The union"),
    ("Labour has called upon ministers to publish the report before the summer.",
     "ministers to publish the report before the summer", "Labour"),
    ("Critics called on the minister not to sign the deal.", "the minister not to sign the deal", "Critics"),
    ("Campaigners are calling on Ms Reeves to drop the cap.", "Ms Reeves to drop the cap", "Campaigners"),
])
def test_the_one_called_on_and_what_they_are_to_do_is_reported(rules_extractor, text, content, mention):
    # No quotation marks anywhere: "call" is a weak cue, parsed here only for "call on".
    (quote,) = _made_by(rules_extractor, text, "call_on")
    assert quote.text == content and quote.speaker_mention == mention


@pytest.mark.parametrize("text, content, mention", [
    ("The union called for the minister to resign.", "the minister to resign", "The union"),
    ("Critics are calling for the files to be made public before the vote.",
     "the files to be made public before the vote", "Critics"),
    ("Mayor Ruiz has repeatedly called for the state to pay for the new bridge.",
     "the state to pay for the new bridge", "Mayor Ruiz"),
])
def test_the_one_called_for_to_act_and_what_they_are_to_do_is_reported(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "call_on")
    assert quote.text == content and quote.speaker_mention == mention


@pytest.mark.parametrize("text", [
    "The union called for a vote to settle the strike.",  # a thing called for, an infinitive on the noun
    "The mayor called for calm after the storm.",  # no clause at all
    "She called for a taxi to the airport.",
])
def test_no_call_for_report_without_a_clause(rules_extractor, text):
    assert _made_by(rules_extractor, text, "call_on") == []


@pytest.mark.parametrize("text", [
    "The vote was called on Tuesday to settle the matter.",  # a passive, and "on" a date
    "He was called on to resign.",  # the one called on is the subject
    "She called the meeting to order on Monday.",  # no "on" right after the verb
    'He called on the council to end "this shameful neglect" of the estate.',  # quoted words: not this rule's
])
def test_no_call_on_report_without_its_shape(rules_extractor, text):
    assert _made_by(rules_extractor, text, "call_on") == []


# ------------------------------------------------------------------ "described X as Y" without quotation marks
@pytest.mark.parametrize("text, content, mention", [
    ("The minister described the plan as a short-term fix that voters would reject.",
     "the plan as a short-term fix that voters would reject", "The minister"),
    ("Critics have described the scheme as unworkable.", "the scheme as unworkable", "Critics"),
    ("She describes herself as a moderate.", "herself as a moderate", "She"),
])
def test_a_characterization_without_quotation_marks_is_reported(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "describe_as")
    assert quote.text == content and quote.speaker_mention == mention


@pytest.mark.parametrize("text", [
    "The report described how the fire spread.",  # an account, no characterization
    "He was described as a loner by neighbours.",  # a passive
])
def test_no_characterization_without_an_object_and_its_as_phrase(rules_extractor, text):
    assert _made_by(rules_extractor, text, "describe_as") == []


# ------------------------------------------------------------------ accusations, "made clear", statement nouns
@pytest.mark.parametrize("text, content, mention", [
    ("Ms. Ortiz has accused the council of hiding the true cost of the stadium.",
     "the council of hiding the true cost of the stadium", "Ms. Ortiz"),
    ("Lawmakers accused each other of playing politics with the budget while doctors warned of an outbreak.",
     "each other of playing politics with the budget", "Lawmakers"),
])
def test_an_accusation_reports_the_one_accused_and_the_charge(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content and quote.speaker_mention == mention


def test_a_passive_accusation_names_no_accuser(rules_extractor):
    assert not _made_by(rules_extractor, "Ms. Ortiz was accused of hiding the true cost of the stadium.", "complement")


@pytest.mark.parametrize("text, content, mention", [
    ("The mayor made clear that she would not resign before the vote.",
     "that she would not resign before the vote", "The mayor"),
    ("The governor made it clear to reporters on Monday that the budget would not pass.",
     "that the budget would not pass", "The governor"),
])
def test_what_a_speaker_made_clear_is_reported(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "made_clear")
    assert quote.text == content and quote.speaker_mention == mention


def test_make_without_clear_and_a_clause_reports_nothing(rules_extractor):
    text = "The team made it to the final after the coach made clear progress with the defence."
    assert not _made_by(rules_extractor, text, "made_clear")


@pytest.mark.parametrize("text, content, mention", [
    ("Critics seized on the senator's assertion that the tax cuts would pay for themselves.",
     "that the tax cuts would pay for themselves", "the senator"),
    ("Her claim that the election had been stolen drew wide criticism.",
     "that the election had been stolen", "Her"),
])
def test_a_statement_noun_with_a_possessor_reports_its_that_clause(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "statement_noun")
    assert quote.text == content and quote.speaker_mention == mention


def test_a_statement_nouns_clause_ends_before_the_writers_relative_clause(rules_extractor):
    # Bounded as a reported clause is (knob trim_relative): the relative clause closing it is the writer's.
    text = "Critics attacked the governor's claim that the plan would cut costs by half, which economists doubted."
    (quote,) = _made_by(rules_extractor, text, "statement_noun")
    assert quote.text == "that the plan would cut costs by half"


@pytest.mark.parametrize("text", [
    "The claim that the election had been stolen drew wide criticism.",  # no one named
    "She repeated the claim that she made in May.",  # a relative clause, no content
    # inside another source's report: the outer report takes the sentence
    "Trump cited his recent claim that crime had doubled in the city, according to the newspaper.",
    "Aides said his insistence that the polls were wrong had cost him the race.",
])
def test_a_statement_noun_without_its_speaker_or_content_reports_nothing(rules_extractor, text):
    assert not _made_by(rules_extractor, text, "statement_noun")


# ------------------------------------------------------------------ a statement noun whose phrase or verb names the speaker
@pytest.mark.parametrize("text, content, mention", [
    ("The ministry pushed back against claims by the inspectors that the reactor had been shut down early.",
     "that the reactor had been shut down early", "the inspectors"),
    ("The council answered a complaint from the Harbour Trust that the new pier blocks the channel.",
     "that the new pier blocks the channel", "the Harbour Trust"),
    ("The ruling supports the contention of Governor Ana Ruiz that the tax was never lawful.",
     "that the tax was never lawful", "Governor Ana Ruiz"),
    ("On Friday the mayor made the case to local business owners that the tram would bring them trade.",
     "that the tram would bring them trade", "the mayor"),
    ("Both ministers gave firm assurances that the border would stay open.",
     "that the border would stay open", "Both ministers"),
    ("The central bank expressed doubt that inflation would fall this year.",
     "that inflation would fall this year", "The central bank"),
    ("Critics seized on Councillor Hale's assertion on Tuesday that the budget was balanced.",
     "that the budget was balanced", "Councillor Hale"),
])
def test_a_statement_noun_reports_its_clause_for_the_one_its_phrase_or_verb_names(rules_extractor, text, content,
                                                                                  mention):
    (quote,) = _made_by(rules_extractor, text, "statement_made")
    assert quote.text == content and quote.speaker_mention == mention


@pytest.mark.parametrize("text", [
    "The flood raised fears that the dam would fail.",  # a thing raised them: nobody voiced them
    "The new treatment offers hope that patients will walk again.",
    "Critics rejected the claim that the bridge would pay for itself.",  # the claim is not theirs
    "Her hope that the strike would end soon was dashed.",  # a stance held, not voiced
    "The claim of victory that the party made on Sunday was premature.",  # "of" and no name; a relative clause
    "Residents repeated the claim that they had heard at the meeting.",  # a relative clause, no content
])
def test_a_statement_noun_with_no_one_voicing_it_or_no_clause_reports_nothing(rules_extractor, text):
    assert not _made_by(rules_extractor, text, "statement_made")


# ------------------------------------------------------------------ a statement noun a copula equates with its clause
@pytest.mark.parametrize("text, content, mention", [
    ("The mayor's explanation was that the bridge had to close for repairs.",
     "that the bridge had to close for repairs", "The mayor"),
    ("Her message has long been that the region needs more trains, not more roads.",
     "that the region needs more trains, not more roads", "Her"),
    ("Councillor Hale's position remains that the budget cannot carry a new stadium.",
     "that the budget cannot carry a new stadium", "Councillor Hale"),
    ("One of the union's main talking points is that nurses are leaving for better pay abroad.",
     "that nurses are leaving for better pay abroad", "the union"),
    # (the parse may hang the clause's last phrase on the copula: its whole right side is the clause)
    ("The minister's answer was that the ferry is, in truth, running at a loss this winter.",
     "that the ferry is, in truth, running at a loss this winter", "The minister"),
])
def test_a_possessed_statement_a_copula_equates_with_a_that_clause_is_reported(rules_extractor, text, content,
                                                                             mention):
    (quote,) = _made_by(rules_extractor, text, "statement_is")
    assert quote.text == content and quote.speaker_mention == mention and quote.type == "indirect"


@pytest.mark.parametrize("text", [
    "The answer is that nobody knows how much the tunnel will cost.",  # no one's: the writer's own
    "The problem is that the depot floods every spring.",  # not a statement noun
    "Her hope is that the strike ends before the holidays.",  # a stance held, not stated
    "My view is that the council should wait.",  # the writer's
    "The board's position was supported on Friday by two of the unions.",  # no clause
    "Aides said the governor's position was that the tax would stay.",  # inside another source's report
])
def test_a_copular_statement_noun_without_its_speaker_or_clause_reports_nothing(rules_extractor, text):
    assert not _made_by(rules_extractor, text, "statement_is")


# ------------------------------------------------------------------ a report made, told by an adjective
@pytest.mark.parametrize("text, content, mention", [
    ("Critics were quick to point out that the tunnel opened two years late.",
     "that the tunnel opened two years late", "Critics"),
    ("The harbour master was careful to note that no ship had been damaged.",
     "that no ship had been damaged", "The harbour master"),
    ("In the survey, younger voters were more likely to say rents had risen too fast.",
     "rents had risen too fast", "younger voters"),
])
def test_an_adjective_of_a_report_made_gives_the_infinitive_cue_the_copulas_subject(rules_extractor, text, content,
                                                                                    mention):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content and quote.speaker_mention == mention


@pytest.mark.parametrize("text", [
    "The governor is likely to argue that the budget is balanced.",  # a forecast, not a report
    "He would be glad to say the bridge is safe if the engineers agreed.",  # not done
    "It is right to say that the port has lost trade.",  # the writer's hedge
    "The senator was reluctant to say that the deal had failed.",  # a report withheld
])
def test_an_adjective_of_a_report_not_made_gives_no_speaker(rules_extractor, text):
    assert not _made_by(rules_extractor, text, "complement")


def test_a_share_counted_in_tens_is_a_group_of_respondents(rules_extractor):
    text = "In the latest survey, six in 10 said the city should build more housing."
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == "the city should build more housing" and quote.speaker_mention == "six in 10"


# ------------------------------------------------------------------ a headline's "Name: claim"
def test_a_line_a_persons_name_and_a_colon_open_is_that_persons_claim(rules_extractor):
    text = ("Okafor: The Harbour Tunnel Will Never Pay For Itself.\n\n"
            "Councillor Grace Okafor told the transport committee on Tuesday that the tolls were too low.\n")
    (quote,) = _made_by(rules_extractor, text, "transcript_label")
    assert (quote.type, quote.speaker_mention, quote.cue) == ("indirect", "Okafor", ":")
    assert quote.text == "The Harbour Tunnel Will Never Pay For Itself."
    assert quote.speaker == "Grace Okafor"
    assert text[quote.start:quote.end] == quote.text


def test_a_labelled_line_in_the_body_is_its_speakers_turn(rules_extractor):
    text = ("The panel on the housing bill ran for an hour.\n\n"
            "Tom Hale: I think the bill is a good start, but it leaves renters out.\n\n"
            "Nina Ortiz: Renters will get their own bill next spring.\n")
    quotes = _made_by(rules_extractor, text, "transcript_label")
    assert [(q.speaker_mention, q.text) for q in quotes] == [
        ("Tom Hale", "I think the bill is a good start, but it leaves renters out."),
        ("Nina Ortiz", "Renters will get their own bill next spring.")]


@pytest.mark.parametrize("text, claim", [
    ("Tom Hale: ‘Of Course’ Grace Okafor Is Qualified To Be Mayor.\n\n"
     "Sen. Tom Hale (D-Ore.) visited a school in Salem on Tuesday.\n",
     "‘Of Course’ Grace Okafor Is Qualified To Be Mayor."),
    ("Tom Hale: ‘No Idea’ If I Would Have Told Grace The Plan Was a Bad Idea.\n\n"
     "Former Senior Adviser Tom Hale spoke on Sunday.\n",
     "‘No Idea’ If I Would Have Told Grace The Plan Was a Bad Idea."),
])
def test_a_quoted_phrase_of_a_labelled_claim_gives_way_to_the_claim(extractor, text, claim):
    # (the full pipeline: a direct rule takes the quoted phrase there)
    quotes = [q for q in extractor.extract(text) if q.start < len(claim) + 10]
    assert [(q.rule, q.type, q.speaker_mention, q.text) for q in quotes] == [
        ("transcript_label", "mixed", "Tom Hale", claim)]


def test_a_labelled_line_that_is_a_whole_quotation_keeps_it(rules_extractor):
    text = 'The panel met on Monday.\n\nTom Hale: "I support the bill," he said.\n\nTom Hale spoke first.\n'
    assert [(q.rule, q.text) for q in rules_extractor.extract(text)] == [("cue_after", "I support the bill,")]


@pytest.mark.parametrize("text", [
    "Poll: Okafor Leads The Race For Mayor By Ten Points.\n\nThe councillor Grace Okafor is ahead.\n",
    "Correction: An earlier version of this story gave the wrong date.\n\nGrace Okafor spoke on Monday.\n",
    "Delegates so far.\n\nGrace Okafor: 1,769.\n\nTom Hale: 1,501.\n",
    "The field.\n\nGrace Okafor: Okafor has raised more money than any other candidate.\n",
    "Harbour Tunnel: A Bridge Too Far For The City.\n\nThe tunnel opened in May.\n",
])
def test_a_section_word_a_figure_or_a_description_after_a_colon_is_no_claim(rules_extractor, text):
    assert _made_by(rules_extractor, text, "transcript_label") == []


# ------------------------------------------------------------------ "CLAUSE, but CLAUSE, the mayor said."
def test_two_clauses_before_the_cue_are_both_its_report(rules_extractor):
    text = "The bridge will close for a year, but the ferry will run every hour, the mayor said."
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == "The bridge will close for a year, but the ferry will run every hour"
    assert quote.speaker_mention == "the mayor"


# ------------------------------------------------------------------ a verb in the present under a past cue
@pytest.mark.parametrize("text, content", [
    ('Mr. Ortiz said he is proud of his campaign and expects to leave the state with a "solid share" of the '
     'delegates.', 'he is proud of his campaign and expects to leave the state with a "solid share" of the delegates'),
    ('The senator said he has read the memos and disagrees with the decision to classify them. "It was wrong," '
     'he said.', "he has read the memos and disagrees with the decision to classify them"),
])
def test_a_verb_in_the_present_under_a_past_cue_goes_on_its_report(rules_extractor, text, content):
    quote = next(q for q in _made_by(rules_extractor, text, "complement"))
    assert quote.text == content


def test_a_coordinated_cue_in_the_past_is_still_the_speakers_next_act(rules_extractor):
    text = 'Mr. Hale announced that he was in therapy and vowed to "come back stronger."'
    assert [(q.rule, q.text) for q in rules_extractor.extract(text)] == [
        ("complement", "that he was in therapy"), ("quoted_object", 'to "come back stronger."')]


# ------------------------------------------------------------------ "CLAUSE, officials insist, because ..."
@pytest.mark.parametrize("text, content", [
    ("The plan will fail, the mayor said on Tuesday, because the state has cut its funding.",
     "The plan will fail, the mayor said on Tuesday, because the state has cut its funding"),
    ("There is no chance of a repeat, officials in both cities insist, because the police have changed.",
     "There is no chance of a repeat, officials in both cities insist, because the police have changed"),
])
def test_a_reason_after_the_reporting_clause_goes_on_the_claim_before_it(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content


def test_a_reason_in_the_next_sentence_is_not_the_claims(rules_extractor):
    text = "The plan will fail, the mayor said. Because the state has cut its funding, the city must pay."
    assert [q.text for q in _made_by(rules_extractor, text, "complement")] == ["The plan will fail"]


# ------------------------------------------------------------------ "As reported by X, ...", "In Ohio, as X reported, ..."
@pytest.mark.parametrize("text, content, mention", [
    ("As reported by the Tribune, the plant will close three lines next year.",
     "the plant will close three lines next year", "the Tribune"),
    ("As first reported by Reuters, the company will cut 400 jobs.", "the company will cut 400 jobs", "Reuters"),
    ("Just a few weeks ago, as the Tribune reported, the two men were discussing a merger.",
     "Just a few weeks ago, as the Tribune reported, the two men were discussing a merger", "the Tribune"),
])
def test_an_as_reporting_clause_reports_the_sentence_around_it(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "reporting_clause")
    assert (quote.text, quote.speaker_mention) == (content, mention)


@pytest.mark.parametrize("text", [
    "As expected by most analysts, the bank raised its rates.",  # no verb of saying
    "When the storm hit, as the mayor said, the city was not ready.",  # a clause of its own before it
])
def test_no_as_reporting_clause_without_its_shape(rules_extractor, text):
    assert _made_by(rules_extractor, text, "reporting_clause") == []


# ------------------------------------------------------------------ "..., which they say left a vacuum"
@pytest.mark.parametrize("text, content, mention", [
    ("Critics point to the drawdown of troops, which they say left a vacuum for the militias to fill.",
     "left a vacuum for the militias to fill", "they"),
    ("The council delayed the vote -- a decision they say allowed the shortage to grow.",
     "allowed the shortage to grow", "they"),
])
def test_a_relative_clause_reports_what_its_speaker_says_of_the_noun(rules_extractor, text, content, mention):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert (quote.text, quote.speaker_mention) == (content, mention)


def test_an_infinitive_in_a_relative_clause_is_no_report(rules_extractor):
    assert _made_by(rules_extractor, "The senators passed the plan they hope to sign next week.", "complement") == []


# ------------------------------------------------------------------ a reporting clause set off by commas
@pytest.mark.parametrize("text, content, mention", [
    # The parse made the inserted clause the sentence's root and the verb after it its conjunct.
    ("That sort of fundraising, the Times claimed, breaks the rules.",
     "That sort of fundraising, the Times claimed, breaks the rules", "the Times"),
    ("This sort of campaigning, the Post claimed, violates the law.",
     "This sort of campaigning, the Post claimed, violates the law", "the Post"),
])
def test_a_reporting_clause_the_parse_made_the_root_reports_the_sentence_around_it(rules_extractor, text, content,
                                                                                   mention):
    quotes = _made_by(rules_extractor, text, "parenthetical")
    assert [(q.text, q.speaker_mention) for q in quotes] == [(content, mention)]


def test_a_reporting_clause_inside_the_next_sentence_does_not_report_the_quotation_before(rules_extractor):
    text = ('"We are only trying to show some kindness to the bully." Ohio, she said, was "where we have a real'
            ' chance to win this thing."')
    quotes = rules_extractor.extract(text)
    assert [(q.rule, q.text) for q in quotes if q.cue == "said"] == [
        ("parenthetical", 'Ohio, she said, was "where we have a real chance to win this thing."')]


@pytest.mark.parametrize("text, rule, content, mention", [
    # The parse made the list's last name a subject of the cue, or a noun adverbial hung on it.
    ("Her support has moved from Warren to Harris to, now, Biden, Smith said during a speech to the delegates.",
     "complement", "Her support has moved from Warren to Harris to, now, Biden", "Smith"),
    ("His vote has gone from Walsh to Ortiz to, finally, Kemp, Landry said at the meeting.",
     "complement", "His vote has gone from Walsh to Ortiz to, finally, Kemp", "Landry"),
    ("Her choice moved from Harris to Booker to, at last, Warren, Perez said in the interview.",
     "reporting_clause", "Her choice moved from Harris to Booker to, at last, Warren", "Perez"),
])
def test_the_last_name_of_a_list_before_the_speaker_stays_in_the_reported_words(rules_extractor, text, rule, content,
                                                                                 mention):
    quotes = _made_by(rules_extractor, text, rule)
    assert [(q.text, q.speaker_mention) for q in quotes] == [(content, mention)]


# ------------------------------------------------------------------ a reported clause the parse cut at a closing mark
@pytest.mark.parametrize("text, content", [
    # A conjunct opened by a quotation mark: the speaker's words go on.
    ('Asked by a reporter about his pension, Mr. Hale said that his parents "left the farm not only penniless, but'
     ' in debt," and "struggled to find the money for rent, for school, for food."',
     'that his parents "left the farm not only penniless, but in debt," and "struggled to find the money for rent,'
     ' for school, for food."'),
    ('Pressed on the delay, the mayor said the city "ran out of money in the spring, and out of time," and "had to'
     ' borrow from the schools."',
     'the city "ran out of money in the spring, and out of time," and "had to borrow from the schools."'),
    # The claim's reason or condition after the closing mark, which the parse hung on the cue.
    ('In a court filing, her lawyer, Jane Roe, wrote that such a motion was "pointless," because if there were more'
     ' documents in the file, the agency, not Ms. Lane, now holds them.',
     'that such a motion was "pointless," because if there were more documents in the file, the agency, not Ms.'
     ' Lane, now holds them'),
    ('Mr. Hale told the crowd that Ms. Ortiz was "made of the right stuff," even if she could not always show it.',
     'that Ms. Ortiz was "made of the right stuff," even if she could not always show it'),
    # The writer's participle after the closing mark stays out.
    ('Mr. Hale said the vote was "a farce," adding that he would appeal.', 'the vote was "a farce,"'),
])
def test_a_reported_clause_goes_on_past_the_closing_mark_the_parse_cut_it_at(rules_extractor, text, content):
    assert [q.text for q in _made_by(rules_extractor, text, "complement")][:1] == [content]


# ------------------------------------------------------------------ a verb of naming the parse took for a participle
@pytest.mark.parametrize("text, content, mention", [
    ("Reyes, a Baker ally, called Ohio’s rules “weak.”", "Ohio’s rules “weak.”", "Reyes"),
    # The subject is the name a relative clause describes, not the last noun of that clause.
    ('Jane Roe, who served as Bill Lee’s chief of staff during the 2018 campaign, called Lee’s remarks on Monday'
     ' "childish."', 'Lee’s remarks on Monday "childish."', "Jane Roe"),
])
def test_a_verb_of_naming_parsed_as_a_participle_names_with_its_subject(rules_extractor, text, content, mention):
    quotes = _made_by(rules_extractor, text, "naming")
    assert [(q.text, q.speaker_mention) for q in quotes] == [(content, mention)]


def test_a_participle_of_naming_that_names_a_thing_is_no_quotation(rules_extractor):
    text = "Carson shared a syllabus for a 2002 psychology class called “Perception” on his Facebook page."
    assert _made_by(rules_extractor, text, "naming") == []


def test_a_participle_after_the_quotation_closing_a_reported_clause_is_the_speakers_next_report(rules_extractor):
    text = 'The senator said that the plan was "a good first step," suggesting that the vote could come in the spring.'
    quotes = _made_by(rules_extractor, text, "complement")
    assert [(q.text, q.speaker_mention) for q in quotes] == [
        ('that the plan was "a good first step,"', "The senator"),
        ("that the vote could come in the spring", "The senator")]


# ------------------------------------------------------------------ the reporter's next act after a subjunctive
@pytest.mark.parametrize(
    "text, content",
    [
        ("The senator proposed that more troops be sent to the border, and pushed to fund a new wall.",
         "that more troops be sent to the border"),
        ("The governor urged that the director be replaced and praised the agency for its work.",
         "that the director be replaced"),
    ],
)
def test_a_finite_verb_coordinated_with_a_subjunctive_is_the_reporters_next_act(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content


def test_a_verb_that_may_share_the_reported_clauses_time_stays_in_it(rules_extractor):
    (quote,) = _made_by(rules_extractor, "He said she was tired and wanted to leave the race early.", "complement")
    assert quote.text == "she was tired and wanted to leave the race early"



# ------------------------------------------------------------------ a wire dateline is no reported word
@pytest.mark.parametrize(
    "text, content",
    [
        ("LONDON, May 4 (UPI) — The band's next record is almost finished, its singer recently revealed in an "
         "interview.", "The band's next record is almost finished"),
        ("DENVER, June 3 (AP) — The new stadium will open next spring, the city's mayor said.",
         "The new stadium will open next spring"),
    ],
)
def test_a_wire_dateline_the_parse_took_into_the_clause_is_left_out(rules_extractor, text, content):
    (quote,) = _made_by(rules_extractor, text, "complement")
    assert quote.text == content


# ------------------------------------------------------------------ British spellings of the lexicon's cues
@pytest.mark.parametrize(
    "british, american",
    [
        ("The minister emphasised that the tax would not rise before the election.",
         "The minister emphasized that the tax would not rise before the election."),
        ("Ms Patel emphasised that the border would stay open through the winter.",
         "Ms Patel emphasized that the border would stay open through the winter."),
    ],
)
def test_a_british_spelling_of_a_cue_reports_its_clause(rules_extractor, british, american):
    """The lexicon is counted on American news ("emphasized"); the British "emphasised" is the same cue."""
    (quote,) = _made_by(rules_extractor, british, "complement")
    (expected,) = _made_by(rules_extractor, american, "complement")
    assert (quote.text, quote.start, quote.speaker) == (expected.text, expected.start, expected.speaker)
    assert quote.text.endswith("before the election") or quote.text.endswith("through the winter")


def test_each_american_spelled_cue_has_its_british_twin():
    from attribution import lexicon

    verbs = lexicon.cue_verbs()
    american = {v for v in verbs if v.endswith("ize")}
    assert american, "the lexicon holds -ize cues"
    assert {v[:-3] + "ise" for v in american} <= verbs

"""The error classes seen in the demo report (issue 9), decided at linking time: one sentence each, written
in the shape of the failure, run through the real pipeline."""

from __future__ import annotations

import pytest

from attribution.cleaning import INVISIBLE, clean_text, restore_offsets
from attribution.types import Quote


def _direct(quotes):
    return [q for q in quotes if q.type == "direct"]


def _made_by(extractor, text, rule):
    """The quotations of ``text`` that the linking rule ``rule`` made."""
    return [q for q in extractor.extract(text) if q.rule == rule]


def _offsets_hold(text, quotes):
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.cue is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
        if q.speaker_mention is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_mention


# ------------------------------------------------------------------ a question put to someone
def test_a_question_put_to_someone_is_not_their_statement(extractor):
    text = 'When asked if he agreed with the decision, the senator said "no."'
    quotes = extractor.extract(text)
    assert [(q.text, q.speaker_mention) for q in quotes] == [("no.", "the senator")]


def test_a_question_asked_is_filed_under_the_asker(extractor):
    text = "Ms Nandy asked whether the minister would resign over the report."
    (quote,) = extractor.extract(text)
    assert quote.cue == "asked" and quote.speaker_mention == "Ms Nandy"
    assert quote.text == "whether the minister would resign over the report"


def test_the_one_told_is_not_the_teller(extractor):
    quotes = extractor.extract("The governor was told that the bridge would not reopen this year.")
    assert not [q for q in quotes if q.speaker_mention == "The governor"]


# ------------------------------------------------------------------ the subject of the cue
def test_a_name_in_a_relative_clause_is_not_the_speaker(extractor):
    text = '"We must protect the poor," Cardinal Peter Turkson, who was appointed by Pope Benedict XVI, said.'
    (quote,) = extractor.extract(text)
    assert quote.type == "direct" and quote.text == "We must protect the poor,"
    assert quote.speaker_mention == "Cardinal Peter Turkson" and quote.cue == "said"


@pytest.mark.parametrize("text, cue, mention", [
    # An active verb coordinated with a passive one shares its subject.
    ("By the end of the day, Mr. Lane was forced into damage control and said that his words had been "
     "''misconstrued.''", "said", "Mr. Lane"),
    # A gerund after a preposition has the subject of the verb the preposition hangs on.
    ("Ms. Cole landed in hot water last week by saying that the judge was ''biased'' against her.",
     "saying", "Ms. Cole"),
])
def test_the_speaker_of_a_cue_is_the_subject_it_shares(extractor, text, cue, mention):
    quotes = [q for q in extractor.extract(text) if q.cue == cue]
    assert [(q.type, q.speaker_mention) for q in quotes] == [("mixed", mention)]


def test_an_active_participle_describing_a_noun_has_it_for_speaker(extractor):
    text = "The governor, calling Florida’s standards “strong,” said little else."
    quotes = [q for q in extractor.extract(text) if q.cue == "calling"]
    assert [(q.type, q.text, q.speaker_mention) for q in quotes] == [
        ("mixed", "Florida’s standards “strong,”", "The governor")]


def test_a_passive_conjunct_keeps_its_subject_the_hearer(extractor):
    quotes = extractor.extract("The mayor was asked about the bridge and was told that the work was over.")
    assert not [q for q in quotes if q.speaker_mention == "The mayor"]


def test_a_name_in_a_participle_clause_before_the_cue_is_not_the_speaker(extractor):
    text = 'Cardinal Peter Turkson, appointed by Pope Benedict XVI, said: "We must protect the poor."'
    (quote,) = extractor.extract(text)
    assert quote.speaker_mention == "Cardinal Peter Turkson"


def test_the_object_of_the_quoted_words_is_not_the_speaker(extractor):
    text = "It would be dangerous to pigeonhole Pyongyang, they argue."
    (quote,) = extractor.extract(text)
    assert quote.cue == "argue" and quote.speaker_mention == "they"
    assert quote.text == "It would be dangerous to pigeonhole Pyongyang"


def test_the_object_of_a_quotation_is_not_its_speaker(extractor):
    text = '"It would be dangerous to pigeonhole Pyongyang," they argue.'
    (quote,) = extractor.extract(text)
    assert quote.speaker_mention == "they"


def test_a_relative_pronoun_subject_is_the_noun_it_stands_for(extractor):
    text = '"It was complicated," said Mr. Kamin, who emphasized that her proposals would simplify returns.'
    quotes = extractor.extract(text)
    assert {q.speaker_mention for q in quotes} == {"Mr. Kamin"}
    assert any(q.type == "indirect" and q.cue == "emphasized" for q in quotes)


def test_the_subject_of_quoted_words_is_not_the_speaker_of_a_participle_after_them(extractor):
    text = ('In a statement, Peabody said: "Patriot Coal was highly successful," adding that its market '
            'capitalization quadrupled in less than a year.')
    quotes = extractor.extract(text)
    assert {q.speaker_mention for q in quotes} == {"Peabody"}
    assert {q.cue for q in quotes} == {"said", "adding"}


def test_a_reporting_clause_ending_in_a_colon_introduces_the_next_quotation(extractor):
    text = ("Having fled Kabul in March, the couple worried about the attacks.\n\n"
            "“We are refugees,” Ms. Alawee said. “We are not terrorists.” Mr. Zahed said: “The attack that "
            "happened today is the work of terrorists.”")
    quotes = _direct(extractor.extract(text))
    assert [q.speaker_mention for q in quotes] == ["Ms. Alawee", "Ms. Alawee", "Mr. Zahed"]


@pytest.mark.parametrize("text, mention", [
    ("Trump Says He Is Unlikely To Like Cameron.\n\nLONDON (Reuters) - Donald Trump said he was unlikely to "
     "get on with David Cameron because the prime minister called him “divisive, stupid and wrong.”", "Donald Trump"),
    ("Trump tells 3,000 in Reno the NFL has gone soft.\n\nRENO, Nev. (AP) — Republican presidential hopeful "
     "Donald Trump says he doesn’t watch football much anymore because the NFL has gone “soft” like the "
     "country.", "Republican presidential hopeful Donald Trump"),
    # A dateline in title case, told by the wire agency in parentheses before its dash.
    ("Paris (AFP) – Republican Donald Trump has taken aim at the new trade deal, saying that its terms "
     "are a “disaster” for workers.", "Republican Donald Trump"),
    ("Mar 3 (Reuters) - Republican presidential candidate Donald Trump on Monday said that the trade deal "
     "was a “disaster” for workers.", "Republican presidential candidate Donald Trump"),
])
def test_the_dateline_of_a_wire_story_is_not_the_speaker(extractor, text, mention):
    quotes = [q for q in extractor.extract(text) if q.type == "mixed"]
    assert [(q.speaker_mention, q.speaker) for q in quotes] == [(mention, "Donald Trump")]


def test_an_inverted_subject_is_its_head_not_the_name_qualifying_it(extractor):
    text = "“Debate recap,” tweeted Rubio spokesman Alex Conant. “Marco is about the future.”"
    quotes = extractor.extract(text)
    assert [q.speaker for q in quotes] == ["Alex Conant", "Alex Conant"]


def test_the_one_shown_saying_it_in_footage_is_the_speaker(extractor):
    text = ("A new ad from the Trump campaign is seizing on recent comments.\n\n"
            "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”")
    (quote,) = _direct(extractor.extract(text))
    assert (quote.speaker_mention, quote.speaker) == ("Hillary Clinton", "Hillary Clinton")


@pytest.mark.parametrize("text, speaker", [
    ("On July 6, 2015, Sanders made the following comment:\n\n“For young people who have graduated high "
     "school, the rate is 51 percent.”", "Sanders"),
    ("In response to the attack, Republican nominee Donald Trump issued the following statement:\n\n"
     "“Our prayers are with all those affected by the horrible attacks in Munich.”", "Donald Trump"),
])
def test_a_statement_issued_before_a_colon_is_the_quotation_after_it(extractor, text, speaker):
    (quote,) = _direct(extractor.extract(text))
    assert quote.rule == "colon_paragraph" and quote.speaker == speaker


def test_a_role_set_off_after_a_name_describes_that_person(extractor):
    # The parse makes "strategist" the subject and leaves "Shrum" out of it: the set-off role is the name's.
    text = ("''Universal dismissal of the outsiders. Consensus that a face-off was pretty much inevitable. "
            "Underestimation of Cruz,'' Robert Shrum, a veteran Democratic strategist, said, naming a few.")
    (quote,) = _direct(extractor.extract(text))
    assert (quote.speaker_mention, quote.speaker) == ("Robert Shrum", "Robert Shrum")


def test_the_quoted_words_are_never_part_of_the_speaker_mention(extractor):
    text = ("“It is not the position that everything is hunky-dory,” Gene Sperling, a top outside Clinton adviser, "
            "said at a recent event on the economy in Iowa.")
    (quote,) = _direct(extractor.extract(text))
    assert (quote.speaker_mention, quote.speaker) == ("Gene Sperling", "Gene Sperling")


def test_a_dash_and_a_name_on_the_line_under_a_quotation_name_its_speaker(extractor):
    text = ("We checked the claims Bernie Sanders made in the debate.\n\n"
            "\"Boeing and GE and other multinationals . . . pay zero taxes.\"\n\n- Sanders.\n\n"
            "This is a complex issue, subject to fierce debate.")
    (quote,) = _direct(extractor.extract(text))
    assert (quote.rule, quote.speaker_mention, quote.speaker) == ("dash_byline", "Sanders", "Bernie Sanders")


def test_a_dash_the_tagger_made_a_noun_is_never_the_speaker(extractor):
    text = ("When Clinton noted that Trump has occasionally not paid anything in federal income taxes ― as was "
            "true for the few years his tax returns were made public ― Trump boasted, “That makes me smart.”")
    (quote,) = _direct(extractor.extract(text))
    assert (quote.speaker_mention, quote.speaker) == ("Trump", "Trump")


def test_a_name_inside_a_participle_clause_is_not_the_speaker(extractor):
    text = ("Obama Says Museum Will Tell of 'Suffering and Delight.'\n\nWASHINGTON -- President Obama, dedicating "
            "the National Museum of African American History and Culture on Saturday, said it would tell an "
            "American story, one of ''suffering and delight, one of fear, but also of hope.''")
    quotes = [q for q in extractor.extract(text) if q.cue == "said"]
    assert [(q.speaker_mention, q.speaker) for q in quotes] == [("President Obama", "Obama")]


# ------------------------------------------------------------------ places, platforms and things
def test_a_platform_is_not_the_speaker(extractor):
    text = 'He wrote on Twitter: "The deal is dead."'
    (quote,) = extractor.extract(text)
    assert quote.speaker_mention == "He" and quote.cue == "wrote"


def test_a_date_or_place_in_the_frame_is_not_the_speaker(extractor):
    text = '"The deal is dead," on Monday in New York.'
    assert not [q for q in extractor.extract(text) if q.speaker_mention in ("Monday", "New York")]


# ------------------------------------------------------------------ a role before a name
@pytest.mark.parametrize("text", [
    '"We will not accept this," U.S. Ambassador to the U.N. Linda Thomas-Greenfield said.',
    'U.S. Ambassador to the U.N. Linda Thomas-Greenfield said, "We will not accept this."',
])
def test_a_role_before_a_name_is_that_person(extractor, text):
    (quote,) = _direct(extractor.extract(text))
    assert quote.speaker_mention == "Linda Thomas-Greenfield"
    assert quote.speaker == "Linda Thomas-Greenfield" and quote.speaker_kind == "person"


def test_a_name_after_a_preposition_is_not_the_role(extractor):
    text = '"We will not accept this," a spokesman for Senator John Doe said.'
    (quote,) = _direct(extractor.extract(text))
    assert "spokesman" in quote.speaker_mention


# ------------------------------------------------------------------ boilerplate
def test_bylines_credits_and_calls_to_action_are_never_quotations(extractor):
    text = ('By JANE DOE and JOHN ROE, Associated Press\n\n'
            'The senator spoke in Phoenix on Monday. (AP Photo/Ross D. Franklin)\n\n'
            '"We will win this state," the senator said.\n\n'
            'Read more: "Why the vote in Arizona matters to everyone"\n\n'
            'Sign up for "The Morning", our newsletter, said to be the best.\n\n'
            'Follow Jane Doe on Twitter, where she says "hello" daily.\n\n'
            'Support now\n\n'
            '"Follow Pam Key on Twitter @pamkeyNEN."')
    quotes = extractor.extract(text)
    assert [(q.text, q.speaker_mention) for q in quotes] == [("We will win this state,", "the senator")]


# ------------------------------------------------------------------ titles and terms
@pytest.mark.parametrize("text", [
    'His favorite book is "One Hundred Years of Solitude."',
    'She has read "One Hundred Years of Solitude" three times.',
    'The film, "One Hundred Years of Solitude," opened on Friday.',
    'He listed "One Hundred Years of Solitude" as his favorite book.',
    'She mentioned "One Hundred Years of Solitude" twice in the interview.',
])
def test_a_title_after_a_non_speech_verb_is_not_the_subjects_words(extractor, text):
    assert _direct(extractor.extract(text)) == []


def test_a_title_inside_a_reporting_sentence_is_not_a_mixed_quotation(extractor):
    text = 'On this weekend\'s broadcast of "Fox News Sunday," Pence said the campaign would not comment.'
    quotes = extractor.extract(text)
    assert not [q for q in quotes if "Fox News Sunday" in q.text]
    assert [(q.type, q.text, q.speaker_mention) for q in quotes] == [
        ("indirect", "the campaign would not comment", "Pence")]


def test_a_slogan_after_a_verb_of_saying_stays_a_quotation(extractor):
    (quote,) = extractor.extract('The crowd chanted "Lock Her Up" as he spoke.')
    assert (quote.text, quote.cue) == ("Lock Her Up", "chanted")


# ------------------------------------------------------------------ inside quotations; split quotations
def test_i_think_inside_a_quotation_is_not_its_attribution(extractor):
    text = '"We will win, I guess, because I think we have to," Smith said.'
    quotes = extractor.extract(text)
    assert [(q.text, q.cue, q.speaker_mention) for q in quotes] == [
        ("We will win, I guess, because I think we have to,", "said", "Smith")]


def test_a_cue_inside_a_standalone_quotation_is_not_its_attribution(extractor):
    text = ('The senator left the room.\n\n'
            '"I think we will win the state by ten points, and I said so to the governor on Monday."')
    quotes = extractor.extract(text)
    assert [(q.type, q.cue, q.speaker_mention) for q in quotes] == [("direct", None, None)]


@pytest.mark.parametrize("text", [
    '"We will win," she said, "and then we will govern."',
    "“We will win,” she said, “and then we will govern.”",
    '"We will win", she said, "and then we will govern".',
])
def test_a_split_quotation_yields_its_two_pieces_and_no_third(extractor, text):
    quotes = extractor.extract(text)
    assert [q.text.strip(",.") for q in quotes] == ["We will win", "and then we will govern"]
    assert {(q.cue, q.speaker_mention) for q in quotes} == {("said", "she")}


def test_a_quotation_after_narration_with_a_scare_quote_does_not_take_the_earlier_cue(extractor):
    text = "“We will win,” she said. Then the “West” was blamed for everything. “We will govern this country.”"
    assert [q.text for q in extractor.extract(text) if q.cue == "said"] == ["We will win,"]


# ------------------------------------------------------------------ invisible characters and markup
@pytest.mark.parametrize("text", [
    '"We will win," Jane\u200b Doe said.',
    '"We will win," Jane Do\u00adherty said.',
    '"We will win," Jane\u00a0Doherty\u00a0said.',
    '"We will win," Jane Doh\ufefferty sa\u200bid.',
    # bidirectional controls, which pages pasted from right-to-left or mixed text carry (invisible too)
    '"We will win," Jane\u200e Doe sa\u202aid\u202c.',
    '\u2066"We will win,"\u2069 Jane Doe\u200f said.',
])
def test_invisible_characters_never_split_a_name_or_hide_a_cue(extractor, text):
    (quote,) = extractor.extract(text)
    assert quote.text.strip(INVISIBLE) == "We will win,"
    assert "".join(ch for ch in quote.cue if ch not in INVISIBLE) == "said"
    assert quote.speaker in ("Jane Doe", "Jane Doherty")
    _offsets_hold(text, [quote])


def test_offsets_index_the_original_text_through_extract_many(extractor):
    text = 'Intro\u200b text.\n\n"We will\u00ad win," Jane Doe said.'
    (single,) = extractor.extract(text)
    ((batched,),) = list(extractor.extract_many([(text, None)]))
    assert single.to_dict() == batched.to_dict()
    assert single.text == "We will\u00ad win," and text[single.start:single.end] == single.text
    _offsets_hold(text, [single])


def test_markup_left_in_the_text_is_not_part_of_a_quotation(extractor):
    text = ('<p>“We will win this state,” the senator said.</p>\n'
            '<p>“And then we will govern <em>the whole</em> country.</p>”</p>')
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == ["We will win this state,", "And then we will govern <em>the whole</em> country."]
    assert all("</p>" not in q.text for q in quotes)
    _offsets_hold(text, quotes)


def test_clean_text_maps_every_offset_back():
    original = "a\u200bb\u00adc <b>d</b>\u00a0e"
    clean = clean_text(original)
    assert clean.text == "abc    d     e"
    quote = Quote(text="", start=0, end=3, type="direct", speaker_start=7, speaker_end=14,
                  speaker_mention="d     e")
    (restored,) = restore_offsets([quote], clean, original)
    assert restored.text == "a\u200bb\u00adc" and (restored.start, restored.end) == (0, 5)
    assert restored.speaker_mention == original[restored.speaker_start:restored.speaker_end] == "d</b>\u00a0e"


def test_a_title_right_before_a_name_keeps_the_name(extractor):
    (quote,) = _direct(extractor.extract('"We will not accept this," Ambassador Linda Thomas-Greenfield said.'))
    assert quote.speaker == "Linda Thomas-Greenfield"


def test_a_dash_written_against_the_closing_mark_still_names_the_reader(extractor):
    text = ('Intro.\n\n“During the debate Trump said Hispanics live in hell. He is ignorant of our culture.”'
            '― Pamela Padilla\u00a0\n“Trump must stop portraying Latinos as dangerous gangsters.”― Carla Sanchez.')
    quotes = extractor.extract(text)
    assert [(q.speaker_mention, q.rule) for q in quotes] == [("Pamela Padilla", "dash_byline"),
                                                           ("Carla Sanchez", "dash_byline")]
    assert not [q for q in quotes if q.cue == "said"]  # "Trump said" inside the quotation is no attribution


# ------------------------------------------------------------------ quotation marks in a reported clause
@pytest.mark.parametrize("text, expected", [
    ('Maria Lopez said the plan would "change everything for families."',
     'the plan would "change everything for families."'),
    ("Maria Lopez said the plan would “change everything for families.”",
     "the plan would “change everything for families.”"),
    ('His favorite book is "One Hundred Years of Solitude", Mr. Brown said in an interview.',
     'His favorite book is "One Hundred Years of Solitude"'),
])
def test_a_reported_clause_keeps_its_quotation_marks_paired(extractor, text, expected):
    # The parse hangs the closing mark (and the period before it) on the verb, outside the clause.
    (quote,) = extractor.extract(text)
    assert quote.text == expected and quote.type == "mixed"
    _offsets_hold(text, [quote])


# ------------------------------------------------------------------ mixed: quoted words inside a reported clause
@pytest.mark.parametrize("text, expected", [
    # The parse ends the clause at the opening mark; the quoted words go on the clause.
    ("After the vote, Ms. Berger stated that the party “must be careful not to overreach. We have the seats.”",
     "that the party “must be careful not to overreach. We have the seats.”"),
    # The quotation starts right after the words the parse gave the clause.
    ('The mayor said the new tax "is a question of when, not if."',
     'the new tax "is a question of when, not if."'),
    # The quotation opens the clause and the clause goes on after it: one mixed quotation, not a direct "local forces".
    ('On Monday, Governor Price said "local forces" must lead the recovery.',
     '"local forces" must lead the recovery'),
])
def test_a_quotation_inside_a_reported_clause_makes_the_clause_one_mixed_quotation(extractor, text, expected):
    quotes = extractor.extract(text)
    assert [(q.type, q.text) for q in quotes] == [("mixed", expected)]
    _offsets_hold(text, quotes)


def test_a_quotation_after_words_of_a_reported_clause_is_part_of_that_clause(extractor):
    # Not a direct quotation continuing the previous sentence's cue: the "that" clause goes on into it.
    text = ("''We will hold on,'' Mrs. Lane said. She said in an interview that in her economically depressed "
            "state, ''there is a huge degree of pessimism.''")
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.cue) for q in quotes] == [
        ("direct", "We will hold on,", "said"),
        ("mixed", "that in her economically depressed state, ''there is a huge degree of pessimism.''", "said")]
    assert quotes[1].cue_start > quotes[0].cue_start


def test_a_quotation_of_a_nearer_cue_inside_a_reported_clause_stays_direct(extractor):
    quotes = extractor.extract('Smith said that when he met her, she told him: "Go away."')
    assert [(q.type, q.text, q.cue) for q in quotes if q.type == "direct"] == [("direct", "Go away.", "told")]


def test_a_reporting_clause_inside_the_quoted_sentence_gives_the_sentence(extractor):
    text = 'The new stadium, the mayor said, "is a waste of public money."'
    (quote,) = extractor.extract(text)
    assert (quote.type, quote.text, quote.speaker_mention) == ("mixed", text, "the mayor")


def test_a_verb_coordinated_after_a_quotation_is_not_its_reporting_clause(extractor):
    text = ("Ms. Ortiz thanked her supporters in Miami, declaring it “another great night for our campaign” "
            "and said the race was far from over.")
    quotes = extractor.extract(text)
    assert [q for q in quotes if q.rule == "cue_after"] == []
    assert ("the race was far from over", "said", "Ms. Ortiz") in [(q.text, q.cue, q.speaker_mention) for q in quotes]


def test_a_new_sentence_whose_cue_has_its_own_clause_does_not_report_the_quotation_before_it(extractor):
    text = ("Her aides rejected the charge. “We did nothing wrong.” Her campaign manager, Tom Reyes, suggested "
            "that what the other side did “may have been illegal.”")
    assert _made_by(extractor, text, "cue_after") == []


def test_quoted_words_finishing_a_subject_set_off_by_commas_make_the_sentence_mixed(extractor):
    text = ('The party, typically attended by hundreds of delegates every four years, "allows us to get our '
            'message out," Ms. Cole said.')
    (quote,) = extractor.extract(text)
    assert (quote.type, quote.cue, quote.speaker_mention) == ("mixed", "said", "Ms. Cole")
    assert quote.text.startswith("The party, typically attended")


def test_quoted_words_with_their_own_subject_after_a_fronted_phrase_stay_direct(extractor):
    text = 'Whatever his impact on the race, "his chances of winning are very slim," Mr. Dunn said.'
    (quote,) = extractor.extract(text)
    assert (quote.type, quote.text) == ("direct", "his chances of winning are very slim,")


def test_a_fronted_clause_before_the_reporting_clause_is_not_part_of_the_quotation(extractor):
    text = 'When asked about the budget, she said, "No comment."'
    (quote,) = extractor.extract(text)
    assert (quote.type, quote.text) == ("direct", "No comment.")


# ------------------------------------------------------------------ where a reported clause ends
def test_a_reported_clause_stops_before_the_speakers_next_report(extractor):
    text = 'Mr. Hale argued that the levy would hurt small farms, saying it was "simply unfair."'
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.cue, q.speaker_mention) for q in quotes] == [
        ("indirect", "that the levy would hurt small farms", "argued", "Mr. Hale"),
        ("mixed", 'it was "simply unfair."', "saying", "Mr. Hale")]


def test_a_reported_clause_stops_before_a_coordinated_report_outside_a_quoting_paragraph(extractor):
    # No quotation mark in the paragraph: only the strong cues fire there, and "warned" is one.
    text = ("The governor said on Monday that she would order a full review of the state's water supply and "
            "warned against further delays.")
    quotes = extractor.extract(text)
    assert [(q.text, q.cue) for q in quotes] == [
        ("that she would order a full review of the state's water supply", "said")]


def test_a_reported_clause_stops_before_a_coordinated_participle_report(extractor):
    text = "The senator argued that the mayor had tapped into real anger but warning that his style would backfire."
    quotes = extractor.extract(text)
    assert [(q.text, q.cue, q.speaker_mention) for q in quotes] == [
        ("that the mayor had tapped into real anger", "argued", "The senator"),
        ("that his style would backfire", "warning", "The senator")]


@pytest.mark.parametrize("text, expected", [
    # Another speaker's report closing the clause is its own attribution.
    ("Some voters said the former president had made a good case for his wife, while other voters said they "
     "had not heard anything new.",
     [("the former president had made a good case for his wife", "said", "Some voters"),
      ("they had not heard anything new", "said", "other voters")]),
    ("Analysts said the company could sell off its assets if the bill passes, even though many observers "
     "doubt that it would take such a step.",
     [("the company could sell off its assets if the bill passes", "said", "Analysts"),
      ("that it would take such a step", "doubt", "many observers")]),
    # "when she said": the speaker's framing of what she said, one report.
    ("The general said Ms. Park was right when she said that the army needed more money.",
     [("Ms. Park was right when she said that the army needed more money", "said", "The general")]),
])
def test_a_reported_clause_stops_before_another_report_closing_it(extractor, text, expected):
    quotes = extractor.extract(text)
    assert [(q.text, q.cue, q.speaker_mention) for q in quotes] == expected


def test_a_reported_clause_stops_before_a_participle_report_after_a_dash(extractor):
    text = 'Mr. Hale argued that the levy would hurt small farms — saying it was "simply unfair."'
    quotes = extractor.extract(text)
    assert [(q.text, q.cue, q.speaker_mention) for q in quotes] == [
        ("that the levy would hurt small farms", "argued", "Mr. Hale"),
        ('it was "simply unfair."', "saying", "Mr. Hale")]


@pytest.mark.parametrize("text, expected", [
    # A non-restrictive relative clause closing the reported clause is the writer's description.
    ("Dr. Smith said he expects the senator to fully recover from her bout with pneumonia, which forced her "
     "to leave a ceremony early.", "he expects the senator to fully recover from her bout with pneumonia"),
    ("The report said the agency had secured the cooperation of Bryan Pagliano, who worked on the "
     "campaign in 2008.", "the agency had secured the cooperation of Bryan Pagliano"),
    # Inside the clause (the subject's relative clause) it stays.
    ("The official said that Sanders, who won Rhode Island on Tuesday, would focus on policy.",
     "that Sanders, who won Rhode Island on Tuesday, would focus on policy"),
    # A relative clause holding quoted words keeps them.
    ('Mr. Lee said the city would build a new bridge, which would be "long overdue."',
     'the city would build a new bridge, which would be "long overdue."'),
    # So is one opened by a preposition and "whom" or "which".
    ("Mr. Berg said he is partial to the governor and to Senator Ruiz, for whom he is hosting a dinner in "
     "Newark on Thursday night.", "he is partial to the governor and to Senator Ruiz"),
    ("The minister said the failures were not confined to the harbour fire, in which four workers died.",
     "the failures were not confined to the harbour fire"),
])
def test_a_reported_clause_stops_before_a_relative_clause_closing_it(extractor, text, expected):
    (quote,) = extractor.extract(text)
    assert quote.text == expected


@pytest.mark.parametrize("text, expected", [
    # An indefinite noun phrase after a comma or dash closing the clause is the writer's label for it.
    ("The mayor said that the vote had been rigged against him, a charge that party leaders strongly denied.",
     "that the vote had been rigged against him"),
    ("Jones said the plan would cost a billion dollars, a figure that critics dispute.",
     "the plan would cost a billion dollars"),
    ("The coach urged his players not to celebrate on the field — a message that few of them heeded.",
     "his players not to celebrate on the field"),
    # A name's appositive, or a bare noun without a phrase of its own, stays.
    ("Brown said he had voted for Ms. Ortiz, a lawyer from the coast.", "he had voted for Ms. Ortiz, a lawyer from the coast"),
    ("Brown said he had voted for the incumbent, a Democrat.", "he had voted for the incumbent, a Democrat"),
    # The verb's own object after an apposition is no aside.
    ("Lee said the board denied Ms. Park, the chief engineer, a hearing on the matter.",
     "the board denied Ms. Park, the chief engineer, a hearing on the matter"),
])
def test_a_reported_clause_stops_before_the_writers_label_for_it(extractor, text, expected):
    [quote] = _made_by(extractor, text, "complement")
    assert quote.text == expected


@pytest.mark.parametrize("text", [
    "The bill passed easily, and it is safe to say that the governor will sign it.",
    "Turnout fell, though it's fair to say the weather kept many voters at home.",
    "By most measures one could say the program has worked.",
])
def test_the_writers_own_hedge_reports_nobody(extractor, text):
    assert _made_by(extractor, text, "complement") == []


@pytest.mark.parametrize("text, expected", [
    ("It is not unreasonable for Smith to argue that the law is unfair.", "that the law is unfair"),
    ("Officials said it is safe to say that the bridge will open.", "it is safe to say that the bridge will open"),
])
def test_a_hedge_with_a_speaker_is_still_a_report(extractor, text, expected):
    assert [q.text for q in _made_by(extractor, text, "complement")] == [expected]


def test_a_reported_clause_stops_before_according_to(extractor):
    text = "Most voters said that the economy was their main worry, according to exit polls released on Tuesday."
    (quote,) = extractor.extract(text)
    assert (quote.text, quote.cue) == ("that the economy was their main worry", "said")


def test_a_clause_before_the_cue_is_not_reported_when_the_cue_has_its_own_complement(extractor):
    text = ("In a statement released after the senator left the race, Ms. Ortiz said she was sure he would "
            "continue his work.")
    (quote,) = extractor.extract(text)
    assert (quote.text, quote.cue) == ("she was sure he would continue his work", "said")


# ------------------------------------------------------------------ titles
@pytest.mark.parametrize("text", [
    '"We have to act now," the governor told "Morning Edition" after the vote.',
    "The war changed his plans, Mr. Ruiz wrote in his 2012 memoir, ''A Long Way Home.''",
    "The party has called a referendum — “No to Free Lawyers” — for June against the plan.",
])
def test_a_quoted_title_is_not_a_quotation(extractor, text):
    assert not [q for q in extractor.extract(text) if q.type == "direct" and q.text.strip(".,") in {
        "Morning Edition", "A Long Way Home", "No to Free Lawyers"}]


# ------------------------------------------------------------------ naming in the speaker's words
@pytest.mark.parametrize("text, expected", [
    ("The senator called the council's decision “arbitrary and unfair.”",
     "the council's decision “arbitrary and unfair.”"),
    ("The mayor on Monday called the ruling ''shameful,'' a rebuke that surprised her allies.",
     "the ruling ''shameful,''"),
])
def test_what_a_speaker_calls_something_in_quotation_marks_is_a_mixed_quotation(extractor, text, expected):
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.cue) for q in quotes] == [("mixed", expected, "called")]


@pytest.mark.parametrize("text, expected, cue", [
    # What is named goes on past an adjunct the parse hangs between object and "as".
    ('Ms. Lane described the agency during an interview as "a relic of another era."',
     'the agency during an interview as "a relic of another era."', "described"),
    # "referred to": the preposition is the cue's.
    ("A neighbor referred to him as “the kindest man on the street.”",
     "him as “the kindest man on the street.”", "referred"),
    # "cited X as “...”" names X in the speaker's words.
    ("Ms. Lane cited the long delays as “a failure of leadership.”",
     "the long delays as “a failure of leadership.”", "cited"),
    # A short object is enough when its name is quoted.
    ('Ms. Cole attacked the plan on Friday, calling it "absurd."', 'it "absurd."', "calling"),
    # In a relative clause, the thing named is the pronoun heading it or the noun it describes.
    ("In 2009, under what Mr. Hedge called ''the old model,'' the club lost money.",
     "what Mr. Hedge called ''the old model,''", "called"),
    ('The court reviewed a clip that Judge Moss called "distasteful," and adjourned.',
     'a clip that Judge Moss called "distasteful,"', "called"),
])
def test_what_is_named_in_quotation_marks_starts_at_the_thing_named(extractor, text, expected, cue):
    quotes = _made_by(extractor, text, "naming")
    assert [(q.type, q.text, q.cue) for q in quotes] == [("mixed", expected, cue)]
    _offsets_hold(text, quotes)


@pytest.mark.parametrize("text", [
    "She called her mother on Sunday to tell her the news.",
    "The party has called a referendum, “No to Free Lawyers,” for June.",
])
def test_a_call_without_quoted_words_or_with_a_quoted_name_is_no_mixed_quotation(extractor, text):
    assert _made_by(extractor, text, "naming") == []


def test_quoted_words_in_the_object_of_a_verb_of_saying_make_a_mixed_quotation(extractor):
    text = "Ms. Reyes accused the board of a “shameful breach of trust.”"
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.cue, q.speaker_mention) for q in quotes] == [
        ("mixed", "the board of a “shameful breach of trust.”", "accused", "Ms. Reyes")]


@pytest.mark.parametrize("text, expected", [
    # A verb of promising whose infinitive runs into the quoted words.
    ("Mr. Diaz pledged to oppose the new tax on small farms “today, tomorrow, forever.”",
     "to oppose the new tax on small farms “today, tomorrow, forever.”"),
    # An object with quoted words and words of its own.
    ("Ms. Lopez promises to “end” the testing regime.", "to “end” the testing regime"),
    # A prepositional phrase before the object is an adjunct of the cue.
    ("Mr. Ruiz pledged at a rally in Ohio to fight for “every last vote.”", "to fight for “every last vote.”"),
    # The preposition opening the object is the cue's ("warned against").
    ("The governor warned against the “fevered dreams” of a brokered convention.",
     "the “fevered dreams” of a brokered convention"),
    # An aside set off by a dash after the quoted words is the writer's.
    ("The senator dismissed the report as “a work of fiction” — a phrase that angered its authors.",
     "the report as “a work of fiction”"),
    # A time after the quoted words is the clause's adjunct, wherever the parse hangs it.
    ("The mayor blasted the council as a “disgrace” Wednesday on a local radio show.",
     "the council as a “disgrace”"),
])
def test_quoted_words_closing_the_object_of_a_cue_verb_make_a_mixed_quotation(extractor, text, expected):
    quotes = _made_by(extractor, text, "quoted_object")
    assert [(q.type, q.text) for q in quotes] == [("mixed", expected)]
    _offsets_hold(text, quotes)


def test_quoted_words_of_a_report_inside_the_object_are_not_the_subjects(extractor):
    text = "The governor released a letter from his doctor that says he is in “excellent health.”"
    assert _made_by(extractor, text, "quoted_object") == []


def test_an_object_without_quoted_words_is_no_mixed_quotation(extractor):
    assert _made_by(extractor, "Ms. Reyes accused the board of negligence.", "quoted_object") == []


@pytest.mark.parametrize("text", [
    "On Tuesday, Governor Brown endorsed her, and the campaign welcomed the news.",
    "Before the vote, Senator Cruz refused to comment, and the session ended.",
])
def test_a_main_clause_before_a_comma_is_not_a_parenthetical_report(extractor, text):
    assert _made_by(extractor, text, "parenthetical") == []


def test_a_parenthetical_report_keeps_its_sentence(extractor):
    text = "Many of the closures, officials said Tuesday, have involved public courses."
    (quote,) = extractor.extract(text)
    assert (quote.rule, quote.text, quote.speaker_mention) == ("parenthetical", text[:-1], "officials")


def test_a_name_before_a_colon_introduces_its_quotation(extractor):
    text = 'Ms. Alvarez: "We will fund the schools first." Mr. Chen: "Roads cannot wait."'
    quotes = extractor.extract(text)
    assert [(q.rule, q.text, q.speaker_mention) for q in quotes] == [
        ("name_colon", "We will fund the schools first.", "Ms. Alvarez"),
        ("name_colon", "Roads cannot wait.", "Mr. Chen")]


@pytest.mark.parametrize("text", ['The message was clear: "Dump the plan."', 'WASHINGTON: "Budget talks resume."'])
def test_a_colon_after_words_or_a_place_names_no_speaker(extractor, text):
    assert _made_by(extractor, text, "name_colon") == []


def test_a_reporting_clause_ending_its_paragraph_in_a_colon_cues_the_next_one(extractor):
    text = ("The minister spoke in Ottawa on Tuesday.\n\nMs Freeland continued:\n\n"
            "“We will not be moved on this. The tariffs stay until the talks resume.”\n\nTalks resume next week.")
    (quote,) = extractor.extract(text)
    assert (quote.rule, quote.speaker_mention, quote.cue) == ("colon_paragraph", "Ms Freeland", "continued")


def test_a_colon_paragraph_without_a_cue_names_no_speaker(extractor):
    text = "The list of demands includes:\n\n“A fair wage for every worker in the country, now and later.”\n"
    assert [q.speaker_mention for q in extractor.extract(text)] == [None]


# ------------------------------------------------------------------ precision: shapes that are no report
@pytest.mark.parametrize("text", [
    "On June 4, Senator Lane, who had not endorsed during the primaries, decided to back the governor in the race.",
    "On Monday, even as shares of the bank were tumbling, Ms. Ortiz wrote to investors, telling them the stock was"
    " cheap.",
])
def test_a_cue_between_commas_that_is_no_inserted_clause_makes_no_parenthetical(extractor, text):
    # A relative clause about the subject, or the sentence's own main verb: not "X, he said, Y".
    assert _made_by(extractor, text, "parenthetical") == []


def test_the_next_sentences_cue_does_not_report_quoted_words_ending_a_sentence(extractor):
    text = ("Aides said he was unaware of the report because he was “taking a day off.” He pointed to the governor's"
            " new statement on the budget.")
    assert _made_by(extractor, text, "cue_after") == []


def test_quoted_words_before_their_reporting_clause_stay_a_mixed_quotation(extractor):
    text = "The plan is “a disaster for the city,” Newton said on Tuesday."
    quotes = [q for q in extractor.extract(text) if q.type == "mixed"]
    assert [q.speaker_mention for q in quotes] == ["Newton"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hillary Clinton is telling customers at a popular breakfast spot in Manchester that “I need you tomorrow.”",
     "that “I need you tomorrow.”"),
    ("The governor told reporters during a visit to Ohio on Friday that he thinks the vote is “a great thing.”",
     "that he thinks the vote is “a great thing.”"),
])
def test_the_one_told_is_not_part_of_the_mixed_quotation(extractor, text, expected):
    quotes = [q for q in extractor.extract(text) if q.type == "mixed"]
    assert [q.text for q in quotes] == [expected]
    _offsets_hold(text, quotes)


@pytest.mark.parametrize("text", [
    "In the meantime, the president and the media pushed the “gun violence” narrative.",
    "She shares with Trump a strategy that banks on presenting herself as “anti-system.”",
])
def test_the_object_of_a_verb_that_reports_only_a_clause_is_no_quotation(extractor, text):
    assert _made_by(extractor, text, "quoted_object") == []


@pytest.mark.parametrize("text", [
    "The candidate repeated his campaign slogan, “Make America Great Again.”",
    "He defended his book, “The Art of the Deal.”",
])
def test_a_title_with_its_period_inside_the_marks_is_no_mixed_quotation(extractor, text):
    assert _made_by(extractor, text, "quoted_object") == []


def test_quoted_words_with_their_period_inside_the_marks_stay_a_mixed_quotation(extractor):
    text = "The mayor repeated her promise of “safer streets for every family.”"
    quotes = _made_by(extractor, text, "quoted_object")
    assert [q.text for q in quotes] == ["her promise of “safer streets for every family.”"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The park is near the football stadium, which, Tompkins said, is usually full of activities on game days.",
     "which, Tompkins said, is usually full of activities on game days"),
    ("She compared her employees to the entrepreneurs of New Delhi - all of whom, she explained, needed a boost to"
     " reach their potential.", "all of whom, she explained, needed a boost to reach their potential"),
])
def test_a_report_interrupting_a_relative_clause_reports_that_clause(extractor, text, expected):
    quotes = _made_by(extractor, text, "parenthetical")
    assert [q.text for q in quotes] == [expected]


def test_quoted_words_another_speaker_reports_inside_the_object_are_not_named_by_the_cue(extractor):
    text = ('Rep. Adam Schiff called on President Obama to retaliate against Russia for interference in the election'
            ' -- meddling the California congressman said is designed to "sow discord" in American politics.')
    assert _made_by(extractor, text, "naming") == []


def test_a_report_interrupting_a_relative_clause_at_the_sentence_start_keeps_its_quantifier(extractor):
    text = "All of which, he said, would help ensure confidence in the process."
    quotes = _made_by(extractor, text, "parenthetical")
    assert [q.text for q in quotes] == [text[:-1]]


# ------------------------------------------------------------------ a message speaks for its author
@pytest.mark.parametrize("text, mention", [
    # The message is the object of the verb that made it: its maker's subject is the speaker.
    ("Hours later, Governor Ann Petty fired back a response saying she would veto the budget.",
     "Governor Ann Petty"),
    ("Mayor Tom Hale wrote a letter to the council asking it to delay the vote until March.", "Mayor Tom Hale"),
    # The message names its author.
    ("A statement from the Obama administration said the talks would resume next week.",
     "the Obama administration"),
    ("The deficit has doubled since 2010, according to a new report from the Congressional Budget Office.",
     "the Congressional Budget Office"),
    # Figures, data and tallies name their author too.
    ("Turnout rose to 61 percent, according to a tally by the Associated Press.", "the Associated Press"),
    ("Exports fell for a third month, according to data from the Commerce Department.",
     "the Commerce Department"),
    # The message is made in a relative clause; a participle after it describes it, not an earlier message.
    ("Her remarks came in response to a letter the Hale campaign sent the board on Monday alleging that the "
     "count was flawed.", "the Hale campaign"),
    # An interview, a speech or testimony is its giver's.
    ("Cole was on the flight, according to an interview his brother Peter Cole gave to the BBC.", "Peter Cole"),
    ("The ship was sinking by then, according to testimony from the harbour master.", "the harbour master"),
])
def test_a_message_that_says_something_speaks_for_its_author(extractor, text, mention):
    (quote,) = [q for q in extractor.extract(text) if q.type != "direct"]
    assert quote.speaker_mention == mention
    _offsets_hold(text, [quote])


def test_a_profile_or_website_is_its_owner_s(extractor):
    text = ("Tom Ruiz flew the plane for ten years. He had been with the airline since 2004, according to his "
            "Facebook profile.")
    (quote,) = [q for q in extractor.extract(text) if q.cue == "according to"]
    assert (quote.speaker_mention, quote.speaker) == ("his", "Tom Ruiz")


def test_a_message_received_is_not_the_receivers(extractor):
    text = "The senator received a letter saying the program would be cut next year."
    assert [q.speaker_mention for q in extractor.extract(text)] == ["a letter"]


@pytest.mark.parametrize("text, mention, speaker", [
    ("A spokesman for Governor Ann Petty said the budget would be signed on Friday.",
     "A spokesman for Governor Ann Petty", "Ann Petty"),
    ("Lawyers for Mr. Hale said the charges had no merit and would be dropped.", "Lawyers for Mr. Hale", "Hale"),
])
def test_a_spokesperson_speaks_for_the_one_named_after_them(extractor, text, mention, speaker):
    (quote,) = extractor.extract(text)
    assert (quote.speaker_mention, quote.speaker) == (mention, speaker)


def test_a_spokesperson_head_the_tagger_took_for_a_name_still_takes_the_one_named_after_it(extractor):
    # Capitalised at the start of the sentence, "Attorneys" is tagged a proper noun.
    text = "Attorneys for Tom Hale appeared to oppose the motion, saying that his records were private."
    (quote,) = extractor.extract(text)
    assert quote.speaker_mention == "Attorneys for Tom Hale"


@pytest.mark.parametrize("text, mention", [
    # The parse hangs the name on the noun nearest it ("Institute"), not on the subject it describes.
    ("The director of the Baltic Institute, Maria Lindqvist, said the report had been withheld.",
     "Maria Lindqvist"),
    # The parse makes the name a second subject of the cue after the dash.
    ("A former Democratic presidential candidate -- Michael Dukakis, who lost the 1988 election -- said the "
     "plan would fail.", "Michael Dukakis"),
])
def test_a_name_set_off_after_a_common_noun_subject_is_the_speaker(extractor, text, mention):
    (quote,) = extractor.extract(text)
    assert quote.speaker_mention == mention


# ------------------------------------------------------------------ the one asked or told after a quotation
@pytest.mark.parametrize("text, cue, mention", [
    ('Ms. Ortiz spoke for an hour.\n\n“Why are you still defending him?” Ms. Ortiz asked the senators. “What does '
     'that say about you?”', "asked", "Ms. Ortiz"),
    ("''Was I going to stay quiet for ever?'' he asked me. ''Or was I going to do something?''", "asked", "he"),
])
def test_the_one_asked_after_a_quotation_does_not_make_a_sentence_of_its_own(extractor, text, cue, mention):
    quotes = _direct(extractor.extract(text))
    assert [(q.rule, q.cue, q.speaker_mention) for q in quotes] == [("cue_after", cue, mention),
                                                                   ("continuation", cue, mention)]


def test_a_thing_asked_after_a_quotation_still_makes_a_sentence_of_its_own(extractor):
    text = "“Lyin’ Ted.” Ms. Ortiz called the senator a liar."
    assert _made_by(extractor, text, "cue_after") == []


def test_a_name_the_parse_took_for_a_verb_after_the_one_told_is_no_object_clause(extractor):
    text = ('"There\'s no question I\'m getting special scrutiny," the candidate told CBS\' Face the Nation on '
            'Sunday.')
    (quote,) = _direct(extractor.extract(text))
    assert (quote.rule, quote.cue, quote.speaker_mention) == ("cue_after", "told", "the candidate")


# ------------------------------------------------------------------ verbs of a manner of speaking
@pytest.mark.parametrize("text, cue, mention", [
    ("“Go back to your seat,” Mr. Hale barked as a guard escorted the reporter out.", "barked", "Mr. Hale"),
    ('"Oh, my God," a young woman exclaimed upon seeing him.', "exclaimed", "a young woman"),
    ('"Jeb wants to be a tough guy tonight," Cruz shot back.', "shot", "Cruz"),
    ('Mr. Hale spoke for an hour.\n\n"We ought to start it again this morning," he went on.', "went", "he"),
    ("“It makes everything a bit loose,” laughs Dr Ann Rossi.", "laughs", "Dr Ann Rossi"),
    ("“Take a glass of water before bed,” advises Moore.", "advises", "Moore"),
    ('"We did not see that coming," she sighed.', "sighed", "she"),
])
def test_a_verb_of_a_manner_of_speaking_reports_the_quotation_next_to_it(extractor, text, cue, mention):
    (quote,) = _direct(extractor.extract(text))
    assert (quote.cue, quote.speaker_mention) == (cue, mention)


@pytest.mark.parametrize("text, cue", [
    ("Mr. Hale barked that the meeting was over and walked out of the room.", "barked"),
    ("The bank advised that rates would rise again in the spring.", "advised"),
])
def test_a_verb_of_a_manner_of_speaking_reports_no_unquoted_clause(extractor, text, cue):
    quotes = extractor.extract(text)
    assert [q for q in quotes if q.cue == cue] == []


def test_a_phrasal_verb_without_its_particle_is_no_cue(extractor):
    text = '"We ought to start it again this morning," he went to the stage.'
    assert [q for q in extractor.extract(text) if q.cue == "went"] == []


def test_a_phrasal_verb_whose_particle_has_an_object_is_no_cue(extractor):
    text = "Senator Ruiz said that once the House goes on recess, “I will visit every county in the state.”"
    quotes = extractor.extract(text)
    assert [q for q in quotes if q.cue == "goes"] == []
    assert [q.speaker_mention for q in quotes] == ["Senator Ruiz"]


def test_an_inverted_subject_the_parse_made_an_object_is_the_speaker(extractor):
    text = "The last question came from a young child.\n\n“How big is that wall?” asked the boy, who wore a red hat."
    (quote,) = _direct(extractor.extract(text))
    assert (quote.rule, quote.cue, quote.speaker_mention) == ("cue_after", "asked", "the boy")


@pytest.mark.parametrize("text, cue, mention", [
    ("As Professor Foner put it: ''The United States does a better job at accepting immigrants.''", "put",
     "Professor Foner"),
    ('As The Post\'s Dana Milbank puts it, "Senate Republicans are unmoved."', "puts", "The Post's Dana Milbank"),
    ('"If you ask one more mean question, I may have to leave the stage," Cruz quipped.', "quipped", "Cruz"),
])
def test_as_someone_put_it_introduces_their_words(extractor, text, cue, mention):
    (quote,) = _direct(extractor.extract(text))
    assert (quote.cue, quote.speaker_mention) == (cue, mention)


@pytest.mark.parametrize("text, cue, mention", [
    ("Byrne also wrote the agents knew to brace for the eruptions, saying, “They did not happen every day.”",
     "saying", "Byrne"),
    ('Ms. Ortiz said it was too early to congratulate the winners but added, "I think you all know the results."',
     "added", "Ms. Ortiz"),
])
def test_a_report_the_parse_hung_inside_the_clause_reported_before_it_is_the_same_speakers(extractor, text, cue,
                                                                                           mention):
    (quote,) = _direct(extractor.extract(text))
    assert (quote.cue, quote.speaker_mention) == (cue, mention)


def test_a_participle_of_a_manner_of_speaking_inside_a_reported_clause_depicts_its_subject(extractor):
    (quote,) = _direct(extractor.extract("The mayor said the protester walked into the room, shouting, “Shame on you!”"))
    assert (quote.cue, quote.speaker_mention) == ("shouting", "the protester")


def test_the_writers_i_quote_is_not_the_speaker(extractor):
    (quote,) = _direct(extractor.extract('No wonder Mr. Hale said, and I quote, "We love the poorly educated."'))
    assert (quote.cue, quote.speaker_mention) == ("said", "Mr. Hale")


@pytest.mark.parametrize(("text", "expected"), [
    ("Senator Alvarez vowed to block the governor's budget.", "to block the governor's budget"),
    ("The mayor threatened to cut funding for the transit agency.", "to cut funding for the transit agency"),
    # A time the parse hangs on the infinitive is the writer's framing of the promise.
    ("Mr. Ortiz promised to lower property taxes on Tuesday at a rally in Dayton.", "to lower property taxes"),
    # A finite verb coordinated inside the infinitive is the speaker's next act.
    ("Ms. Grant has vowed to keep the clinic open and praised the ruling Monday.", "to keep the clinic open"),
])
def test_the_infinitive_of_a_verb_of_promising_is_what_was_promised(extractor, text, expected):
    quotes = _made_by(extractor, text, "commitment")
    assert [(q.type, q.text) for q in quotes] == [("indirect", expected)]
    _offsets_hold(text, quotes)


@pytest.mark.parametrize("text", [
    # The object moved before the cue is the writer's: nothing reported after the cue.
    "The court will rule on the claims, which Beijing has vowed to ignore.",
    # Agreeing and declining report acts as often as words: no quotation.
    "The company declined to discuss the terms of the settlement.",
    "Allergan agreed to be acquired by another pharmaceutical company.",
    # Intention and effort are not speech acts.
    "The council plans to widen the bridge across the river.",
    "The senator tried to delay the vote on the bill.",
])
def test_no_commitment_without_a_verb_of_promising_and_its_infinitive_after_it(extractor, text):
    assert _made_by(extractor, text, "commitment") == []


def test_a_name_the_tagger_took_for_a_noun_before_its_cue_does_not_start_a_new_sentence(extractor):
    text = ('He faced the press on Monday.\n\n"You think I\'m going to change?" Trump asked reporters rhetorically '
            'during a news conference. "I\'m not changing."')
    quotes = _direct(extractor.extract(text))
    assert [(q.rule, q.cue, q.speaker_mention) for q in quotes] == [("cue_after", "asked", "Trump"),
                                                                   ("continuation", "asked", "Trump")]


def test_a_new_sentence_with_a_clause_of_its_own_still_does_not_report_the_quotation(extractor):
    assert _direct(extractor.extract("“We did nothing wrong.” Officials said the plan would go ahead.")) == []


def test_warning_someone_not_to_act_reports_the_one_warned_and_the_infinitive(extractor):
    text = "The governor would warn voters not to vote for the new tax but did not name any rival."
    quotes = _made_by(extractor, text, "complement")
    assert [(q.type, q.text, q.speaker_mention) for q in quotes] == [
        ("indirect", "voters not to vote for the new tax", "The governor")]


# ------------------------------------------------------------------ British single quotation marks
def test_a_single_mark_quotation_after_a_colon_is_direct(extractor):
    text = (
        "Tom Baker runs the bakery in Hove.\n\n"
        "He told reporters: 'The ovens were cold all week. We lost every order.'\n\n"
        "'It was awful,' said Mr Baker. 'Nobody came.'"
    )
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.speaker) for q in quotes][0] == (
        "direct", "The ovens were cold all week. We lost every order.", "Tom Baker")
    assert all(q.type == "direct" and q.speaker == "Tom Baker" for q in quotes)
    _offsets_hold(text, quotes)


def test_one_straight_single_mark_quotation_is_direct_with_its_speaker(extractor):
    text = "'We are deeply disappointed,' a spokesman for the trust said on Friday."
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.speaker_mention) for q in quotes] == [
        ("direct", "We are deeply disappointed,", "a spokesman for the trust")]


def test_a_quotation_nested_in_the_same_marks_stays_in_the_running_quotation(extractor):
    text = (
        "Sarah Cole spoke outside the court.\n\n"
        "She said: 'My brother was everything to us.\n\n"
        "'Mum told him 'come home safe' and he promised. He always kept promises.\n\n"
        "'We will never forget him.'"
    )
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.speaker) for q in quotes] == [
        ("direct", "My brother was everything to us.", "Sarah Cole"),
        ("direct", "Mum told him 'come home safe' and he promised. He always kept promises.", "Sarah Cole"),
        ("direct", "We will never forget him.", "Sarah Cole"),
    ]


def test_double_marks_nested_in_double_marks_are_one_quotation(extractor):
    quotes = extractor.extract('"He told me "never again" and walked out," Ms Cole said.')
    assert [(q.type, q.text, q.speaker) for q in quotes] == [
        ("direct", 'He told me "never again" and walked out,', "Cole")]


# ------------------------------------------------------------------ the one told is not the teller
@pytest.mark.parametrize(
    "text, mention",
    [
        # An age the tagger reads as a date, on the adjective it calls the subject's head.
        (
            "Farmers gathered outside the council offices.\n\n"
            "“We were never asked about the new road,” the 52-year-old told the Herald. “Nobody listened.”",
            "the 52-year-old",
        ),
        ("“We lost everything in the flood,” the eldest told the BBC.", "the eldest"),
    ],
)
def test_the_newspaper_told_after_a_quotation_is_not_its_speaker(extractor, text, mention):
    quotes = _direct(extractor.extract(text))
    assert quotes and all(q.speaker_mention == mention for q in quotes)


# ------------------------------------------------------------------ an acronym spelled like a relative pronoun
@pytest.mark.parametrize(
    "text, kind",
    [
        ('Untreated cholera is "often fatal", says WHO.', "mixed"),
        ('"The outbreak is under control," the WHO said on Monday.', "direct"),
    ],
)
def test_who_in_capitals_is_the_health_organisation_speaking(extractor, text, kind):
    (quote,) = extractor.extract(text)
    assert quote.type == kind and quote.speaker_mention in ("WHO", "the WHO")


# ------------------------------------------------------------------ a title qualifying the speaker's role
def test_a_title_before_the_speakers_role_is_not_their_words(extractor):
    text = "“Harvest” director Ana Ruiz said backstage that the award was a surprise."
    quotes = extractor.extract(text)
    assert [q.text for q in quotes if q.type == "direct"] == []
    assert [(q.text, q.speaker_mention) for q in quotes] == [("that the award was a surprise", "Ana Ruiz")]


def test_words_closed_by_a_comma_before_a_role_are_still_reported(extractor):
    (quote,) = _direct(extractor.extract("“We Won,” director Ana Ruiz said."))
    assert quote.text == "We Won," and quote.rule == "cue_after"


# ------------------------------------------------------------------ a headline set in quotation marks
HEADLINE_TEXT = (
    "The company refunded two buyers last week after a long dispute over the software.\n\n"
    "‘They sold me a feature that never arrived’\n\n"
    "Mr Patel bought his car three years ago and is still waiting for the update.\n\n"
    "“I paid for it in full and nothing has changed since. I just want my money back.”"
)


def test_a_short_quoted_line_without_a_final_stop_is_a_subheading(extractor):
    texts = [q.text for q in _direct(extractor.extract(HEADLINE_TEXT))]
    assert "They sold me a feature that never arrived" not in texts
    assert any(t.startswith("I paid for it in full") for t in texts)


def test_a_quoted_line_ending_in_a_stop_is_still_a_quotation(extractor):
    text = HEADLINE_TEXT.replace("never arrived’", "never arrived.’")
    texts = [q.text for q in _direct(extractor.extract(text))]
    assert "They sold me a feature that never arrived." in texts


# ------------------------------------------------------------------ a quotation after a closing reporting clause
def test_a_quotation_after_a_sentence_closed_by_a_report_is_that_speakers(extractor):
    text = ('The pool will stay shut until the spring, Councillor Dana Moyo said on Friday. '
            '"We cannot open it safely before the roof is repaired."')
    quotes = extractor.extract(text)
    (direct,) = _direct(quotes)
    assert direct.rule == "closing_report_before"
    assert direct.speaker_mention == "Councillor Dana Moyo" and direct.cue == "said"
    paraphrase = [q for q in quotes if q.type == "indirect"]
    assert [q.text for q in paraphrase] == ["The pool will stay shut until the spring"]
    _offsets_hold(text, quotes)


def test_a_quotation_after_a_narrated_sentence_gets_no_cue_from_it(extractor):
    text = ('Councillor Dana Moyo said the pool had been closed since May. She visited the site on Friday. '
            '"We cannot open it safely before the roof is repaired."')
    assert not [q for q in _direct(extractor.extract(text)) if q.rule == "closing_report_before"]


def test_a_quotation_after_a_sentence_opened_by_a_report_is_that_speakers(extractor):
    text = ('Councillor Dana Moyo said the pool would stay shut until the spring. '
            '"We cannot open it safely before the roof is repaired."')
    (direct,) = _direct(extractor.extract(text))
    assert (direct.rule, direct.cue, direct.speaker_mention) == ("closing_report_before", "said", "Councillor Dana Moyo")


def test_a_quotation_after_a_report_holding_quoted_words_is_that_speakers(extractor):
    text = ('Doctors need to "ask about every hobby" of their patients, Dr. Lena Ortiz said. '
            '"That way they may find what makes people ill."')
    direct = [q for q in _direct(extractor.extract(text)) if q.text.startswith("That way")]
    assert [(q.rule, q.cue, q.speaker_mention) for q in direct] == [("closing_report_before", "said", "Dr. Lena Ortiz")]


# ------------------------------------------------------------------ words after a line of narration
GUARDIAN_SHAPE = ('Mara Lind, a student, said she hid under a desk. "I heard the shots and I froze," she said.\n'
                  'Both of them stayed still, unsure what to do. "Then the police came and there was more shouting."\n'
                  'Joe Hart, 43, lives across the square. "I heard it all from my kitchen."')


def test_words_closing_a_paragraph_after_narration_are_a_quotation_of_the_one_spoken_of(extractor):
    quotes = [q for q in _direct(extractor.extract(GUARDIAN_SHAPE)) if q.rule == "uncued_after_narration"]
    assert [q.text for q in quotes] == ["Then the police came and there was more shouting.",
                                        "I heard it all from my kitchen."]
    assert all(q.cue is None and q.speaker_mention is None for q in quotes)
    # The previous speaker goes on, unless the narration names someone else as its subject, whose words
    # those are (attribution.resolution.resolver._person_introduced_before).
    assert [q.speaker for q in quotes] == ["Mara Lind", "Joe Hart"]
    _offsets_hold(GUARDIAN_SHAPE, quotes)


@pytest.mark.parametrize("text", [
    # a quoted phrase inside the writer's sentence
    'Tom Hale said he would stay. He enjoys a "very small" glass of wine with friends.',
    # a sentence that reports someone's words itself: those words are that report's
    'Tom Hale said he would stay.\nAnne Berg wrote to the mayor in a letter on Friday. "This cannot go on like this."',
    # no reported speech near: a line of a sign, a motto
    'The hall was quiet by noon. "Nothing ever happens here on a Sunday."',
])
def test_quoted_words_after_narration_away_from_reported_speech_are_not_taken(extractor, text):
    assert not _made_by(extractor, text, "uncued_after_narration")


def test_a_person_named_as_an_object_in_the_narration_does_not_stop_the_previous_speaker(extractor):
    text = ('"We came for the music," said Sara Walk, a nurse from Leeds.\nAn immigrant from Ghana, she plans to '
            'vote for Hillary Clinton next month. "It is not fair what they did to her."')
    (quote,) = [q for q in extractor.extract(text) if q.rule == "uncued_after_narration"]
    assert quote.speaker == "Sara Walk"


# ------------------------------------------------------------------ transcript labels
def test_a_label_inside_the_marks_names_the_speaker_of_its_turn(extractor):
    text = ('Partial transcript as follows:\n\n"MORALES: Senator, on the night of the vote you wrote to your staff '
            'that the bill was dead.\n\n"HARGROVE: I feel a great deal of sympathy for the workers, but she is '
            'wrong. She is absolutely wrong."\n')
    quotes = extractor.extract(text)
    assert [(q.rule, q.speaker_mention, q.cue) for q in quotes] == [
        ("transcript_label", "MORALES", ":"), ("transcript_label", "HARGROVE", ":")]
    _offsets_hold(text, quotes)


@pytest.mark.parametrize("text", [
    '"VIDEO: They all told me it was dead when they knew it was not dead."',
    '"Star Wars: The Force Awakens is the film of the year for everyone."',
])
def test_a_section_word_or_a_title_before_a_colon_is_no_speaker_label(extractor, text):
    assert _made_by(extractor, text, "transcript_label") == []


def test_the_turns_of_a_transcript_without_marks_are_their_labels_quotations(extractor):
    text = ("On Sunday Senator Ray Oswald was asked about the floods.\n\nDANA PERKINS: Do you think the governor has done enough on the "
            "flooding?\n\nOSWALD: I think he is trying very hard. The state will rebuild every road.\n\n"
            "And the money is there for it, all of it.\n\n(END VIDEO CLIP)\n\nPERKINS: Thank you, Senator.\n")
    turns = _made_by(extractor, text, "transcript_label")
    assert [(q.type, q.speaker_mention, q.text) for q in turns] == [
        ("indirect", "DANA PERKINS", "Do you think the governor has done enough on the flooding?"),
        ("indirect", "OSWALD", "I think he is trying very hard. The state will rebuild every road.\n\n"
                               "And the money is there for it, all of it."),
        ("indirect", "PERKINS", "Thank you, Senator.")]
    _offsets_hold(text, turns)


def test_one_capitalised_line_is_no_transcript(extractor):
    text = "BREAKING: The governor has resigned after a week of protests in the capital.\n\nMore follows."
    assert _made_by(extractor, text, "transcript_label") == []


def test_section_labels_in_capitals_are_no_transcript(extractor):
    text = ("TOP STORY: The council voted to close the bridge for a year of repairs.\n\n"
            "ALSO TODAY: The mayor will open the new library on Main Street.\n")
    assert _made_by(extractor, text, "transcript_label") == []


def test_a_label_does_not_reach_back_into_the_previous_turn(extractor):
    text = ('Partial transcript as follows:\n\n"And then you told the families something else, Senator, and they '
            'believed you.\n\n"HARGROVE: I feel a great deal of sympathy for the workers, but she is wrong.\n\n'
            '"She is absolutely wrong, and I said so at the time."\n')
    quotes = extractor.extract(text)
    assert [(q.rule, q.speaker_mention) for q in quotes] == [
        ("uncued_paragraph", None), ("transcript_label", "HARGROVE"), ("continuation", "HARGROVE")]


def test_a_labelled_headline_in_marks_is_no_turn(extractor):
    assert extractor.extract('The panel met on Monday.\n\n"HARGROVE: Thank you all"\n') == []


def test_a_turn_goes_on_only_into_a_paragraph_of_words(extractor):
    text = ('Partial transcript as follows:\n\n"HARGROVE: I feel a great deal of sympathy for the workers, but she is '
            'wrong.\n\n"Thank you."\n')
    assert [(q.rule, q.speaker_mention) for q in extractor.extract(text)] == [("transcript_label", "HARGROVE")]


# ------------------------------------------------------------------ bare_report_before: only a reporting sentence
def test_a_cue_inside_a_clause_of_a_narrated_sentence_reports_nothing(extractor):
    text = ("Paula, a mother of two, started the treatment last year. After her first treatment, she was nervous "
            "her husband would notice, but he didn't. \"I panic every time.\"")
    assert not any(q.cue == "notice" for q in extractor.extract(text))


def test_a_bare_reporting_sentence_still_introduces_the_quotation(extractor):
    text = "The mayor spoke about the plan. Reyes said of the bridge. \"It will open in May.\""
    (quote,) = [q for q in extractor.extract(text) if q.type == "direct"]
    assert quote.cue == "said" and quote.speaker == "Reyes"


# ------------------------------------------------------------------ scare quotes after a verb of liking or seeing
@pytest.mark.parametrize("text", [
    "He is no prohibitionist, and he enjoys a “very small” malt whisky with friends.",
    "She relishes her “quiet” weekends in the country.",
    "The chef prefers the “rustic” style of cooking.",
    "Residents witnessed the “chaos” at the station.",
])
def test_quoted_words_in_the_object_of_a_verb_of_liking_or_seeing_are_no_quotation(extractor, text):
    assert extractor.extract(text) == []


def test_quoted_words_in_the_object_of_a_verb_of_saying_stay_a_mixed_quotation(extractor):
    text = "The minister dismissed the plan as “a fantasy” on Tuesday."
    assert [q.rule for q in extractor.extract(text)] == ["quoted_object"]


# ------------------------------------------------------------------ British papers read in the double-mark convention
BRITISH_PAGE = (
    "Tom Baker runs the bakery in Hove.\n\n"
    "'We were never told,' said Mr Baker. 'Nobody came,' he added. 'It is over.'\n\n"
)


def test_a_phrase_quoted_in_straight_single_marks_is_one_mixed_quotation_with_its_clause(extractor):
    text = BRITISH_PAGE + "The council leader is already talking about 'a fresh start' to get the town moving."
    (quote,) = [q for q in extractor.extract(text) if q.type == "mixed"]
    assert quote.text == "'a fresh start' to get the town moving"
    _offsets_hold(text, [quote])


def test_a_single_mark_quotation_after_an_opening_clause_stays_direct(extractor):
    text = BRITISH_PAGE + ("Whatever the council decides, 'the bakery will not reopen,' says Ann Cole, a neighbour. "
                           "'The ovens are gone.'")
    quotes = [q for q in extractor.extract(text) if q.start > len(BRITISH_PAGE)]
    assert [(q.type, q.text, q.speaker) for q in quotes] == [
        ("direct", "the bakery will not reopen,", "Ann Cole"), ("direct", "The ovens are gone.", "Ann Cole")]


def test_british_quotations_keep_their_marks_in_the_output(extractor):
    text = "‘We’re not going,’ said Mr Smith. ‘It’s the Tories’ fault.’"
    quotes = extractor.extract(text)
    assert [(q.type, q.text, q.speaker_mention) for q in quotes] == [
        ("direct", "We’re not going,", "Mr Smith"), ("direct", "It’s the Tories’ fault.", "Mr Smith")]
    assert all("‘" in q.sentence and "“" not in q.sentence for q in quotes)
    _offsets_hold(text, quotes)


def test_a_question_asked_files_nothing_as_the_askers_answer(extractor):
    text = ("Lisa Nandy spoke in the Commons on Tuesday. Ms Nandy asked whether the minister would resign. "
            "‘No,’ said Mr Gove. ‘I have done nothing wrong.’")
    quotes = extractor.extract(text)
    assert [(q.text, q.speaker_mention) for q in quotes if q.type == "direct"] == [
        ("No,", "Mr Gove"), ("I have done nothing wrong.", "Mr Gove")]
    assert not any(q.speaker == "Lisa Nandy" and q.type == "direct" for q in quotes)


@pytest.mark.parametrize("outlet", ["the BBC", "Sky News", "reporters", "the Guardian"])
def test_the_speaker_told_an_outlet_not_the_outlet(extractor, outlet):
    text = f"Keir Starmer visited Leeds on Monday. Mr Starmer told {outlet}: ‘We will fix the hospitals.’"
    (quote,) = extractor.extract(text)
    assert (quote.type, quote.speaker_mention, quote.speaker) == ("direct", "Mr Starmer", "Keir Starmer")

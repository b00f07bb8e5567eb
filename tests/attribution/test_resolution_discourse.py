"""Speaker resolution by discourse: which namesake a bare surname means, whose words a mixed quotation's
paraphrase is, and who a pronoun cannot be. Sentences written for these tests (not from a corpus)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_mention, resolve_quotes
from attribution.types import Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def make_quote(text: str, words: str, mention: str, kind: str = "direct", after: int = 0) -> Quote:
    """A quotation of ``words`` whose speaker mention is the first ``mention`` after them (or before them
    when none follows), with no cue (the resolver does not read it for these)."""
    start = text.index(words, after)
    m_start = text.find(mention, start + len(words))
    if m_start < 0:
        m_start = text.rindex(mention, 0, start)
    return Quote(text=words, start=start, end=start + len(words), type=kind, speaker_mention=mention,
                 speaker_start=m_start, speaker_end=m_start + len(mention), confidence=0.9)


def speakers(nlp: Language, text: str, quotes: list[Quote]) -> list[str | None]:
    doc = nlp(text)
    resolve_quotes(doc, quotes, ResolutionContext(doc, quotes))
    return [q.speaker for q in quotes]


def test_a_name_in_a_mixed_quotation_s_paraphrase_is_the_narrator_s(nlp):
    # "Carl Ward" stands in the paraphrase of a mixed quotation: the narrator names him there, so the later
    # bare "Ward" (his brother Peter named long before) is him.
    text = ("Peter Ward and Carl Ward run the family farm near Burns. The land has been theirs since 1950.\n\n"
            "The dispute began in January. The county wants the road back. The brothers refuse. Lawyers "
            "have written letters. Nobody has answered them. The sheriff has stayed away. The road is "
            "still closed.\n\n"
            "A neighbour said she had seen Carl Ward marching with a sign about taking “a hard stand” at "
            "the county office. “Let everybody know,” Ward said to the crowd.")
    mixed = make_quote(text, "she had seen Carl Ward marching with a sign about taking “a hard stand” at the "
                             "county office", "A neighbour", "mixed")
    direct = make_quote(text, "Let everybody know,", "Ward")
    assert speakers(nlp, text, [mixed, direct])[1] == "Carl Ward"


def test_a_bare_surname_means_the_clearly_more_salient_namesake(nlp):
    text = ("Liz Cheney won the primary on Tuesday. Her father, Dick Cheney, was at the party.\n\n"
            "Dick Cheney served two terms as vice president. He still lives in Wyoming.\n\n"
            "Liz Cheney will face a Democrat in November. She is the favorite. She has raised more money. "
            "She thanked her voters.\n\n"
            "“Now it is time to look forward,” Cheney said in a statement.")
    quote = make_quote(text, "Now it is time to look forward,", "Cheney")
    assert speakers(nlp, text, [quote]) == ["Liz Cheney"]


def test_a_bare_surname_after_both_namesakes_goes_on_with_the_last_sentence_s_subject(nlp):
    # Both named in the sentence before; the subject of its main verb (not of the clause it reports) is the
    # topic the bare surname takes up.
    text = ("On Tuesday in Ohio, former president Bill Clinton said his wife Hillary Clinton was uniquely "
            "qualified to be president.\n\n"
            "Clinton said, “She is better qualified than I was when I ran.”")
    quote = make_quote(text, "She is better qualified than I was when I ran.", "Clinton", after=60)
    assert speakers(nlp, text, [quote]) == ["Bill Clinton"]


def test_a_surname_named_in_full_later_in_its_sentence_is_the_other_namesake(nlp):
    text = ("Bill Clinton spoke in Concord on Monday. Hillary Clinton was in Iowa.\n\n"
            "“Nobody was ever better qualified for this job,” Clinton declared of Hillary Clinton, his words "
            "drowned by applause.")
    quote = make_quote(text, "Nobody was ever better qualified for this job,", "Clinton")
    assert speakers(nlp, text, [quote]) == ["Bill Clinton"]


def test_a_pronoun_speaker_is_nobody_named_in_its_own_reported_words(nlp):
    # "that Bloomberg is perceived as a liberal ... he says": he c-commands the clause naming Bloomberg,
    # so he is not Bloomberg; he is Schoen, the subject of the sentence before.
    text = ("Michael Bloomberg is thinking about a run for president. Douglas Schoen, his pollster, says his man "
            "has the money and the time.\n\n"
            "The conventional wisdom that Bloomberg is perceived as a nanny-state liberal is not going to last, "
            "he says.")
    words = "The conventional wisdom that Bloomberg is perceived as a nanny-state liberal is not going to last"
    quote = make_quote(text, words, "he", "indirect")
    assert speakers(nlp, text, [quote]) == ["Douglas Schoen"]


def test_reported_words_may_introduce_their_own_pronoun_speaker(nlp):
    # Nobody else is at hand (Trump is only an object): the words that open the paragraph name the speaker.
    text = ("Some Republicans are so opposed to electing Donald Trump that they are endorsing his rival.\n\n"
            "Former Rep. Chris Shays was for John Kasich while the Ohio governor was in the race, he said on "
            "Wednesday.")
    words = "Former Rep. Chris Shays was for John Kasich while the Ohio governor was in the race"
    quote = make_quote(text, words, "he", "indirect")
    assert speakers(nlp, text, [quote]) == ["Chris Shays"]


def test_a_name_after_the_pronoun_in_its_reported_words_rules_nobody_out(nlp):
    text = ("Khizr Khan spoke at the convention on Thursday. Since then Mr. Khan has asked voters to reject "
            "Donald Trump.\n\n"
            "He has held up the ban as typical of a campaign Mr. Khan has called bigoted.")
    words = "the ban as typical of a campaign Mr. Khan has called bigoted"
    quote = make_quote(text, words, "He", "indirect")
    assert speakers(nlp, text, [quote]) == ["Khizr Khan"]


@pytest.mark.parametrize("text, mention, expected", [
    # a person is never a place or medium, whatever preposition the parse hangs the name on
    ("Chris Murphy spoke on Tuesday. It dawned on Murphy that Heslin had no reason to go home.", "Murphy",
     "Chris Murphy"),
    # the name set off after a spokesman or lawyer is the speaker, not the one they speak for
    ("Peter Santilli was arrested in January. Santilli's attorney, Thomas Coan, said the charges were weak.",
     "Santilli's attorney, Thomas Coan,", "Thomas Coan"),
    ("A Twitter spokesman, Christopher Abboud, said the account was suspended.",
     "A Twitter spokesman, Christopher Abboud,", "Christopher Abboud"),
    # a capital "The" makes a publication of what the tagger calls a product or a place
    ("The committee disagrees, a spokesman said in a statement according to The Blaze.", "The Blaze", "Blaze"),
    ("As The Atlantic recently noted, trust in government is collapsing.", "The Atlantic", "Atlantic"),
    # one proper noun nobody tagged, never written in lower case: a name
    ("After the rally, Clinton was asked about her speeches. Politico reported that she tried to calm the "
     "bankers.", "Politico", "Politico"),
    # the paper a report is in is no place: it carried the report
    ("The campaign is broke, according to a report in The Wall Street Journal this week.",
     "The Wall Street Journal", "Wall Street Journal"),
])
def test_names_of_persons_and_publications_the_rules_missed(nlp, text, mention, expected):
    doc = nlp(text)
    start = text.rindex(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker == expected


@pytest.mark.parametrize("text, mention", [
    ("Officials in New York said the plan was dead.", "New York"),
    ("The video went viral on Monday. Video shows the man shouting.", "Video"),
])
def test_places_and_common_words_stay_nobody(nlp, text, mention):
    doc = nlp(text)
    start = text.rindex(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker is None


@pytest.mark.parametrize("text, mention, expected", [
    ("Maricopa County (Ariz.) Sheriff Joe Arpaio, one of the most polarizing figures, said he backs Trump.",
     "Maricopa County (Ariz.) Sheriff Joe Arpaio, one of the most polarizing figures,", "Joe Arpaio"),
    ("Melissa Cronin of Gawker reported the story first.", "Melissa Cronin of Gawker", "Melissa Cronin"),
    ("Sen. Ted Cruz (R-Texas) said he would vote no.", "Sen. Ted Cruz (R-Texas)", "Ted Cruz"),
])
def test_the_head_of_a_name_phrase_is_before_its_prepositions_and_across_a_parenthesis(nlp, text, mention,
                                                                                      expected):
    doc = nlp(text)
    start = text.rindex(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker == expected


def test_unparsed_the_name_before_the_first_preposition_heads_the_mention(nlp):
    from attribution.parsing import UNPARSED
    text = "Sheriff Joe Arpaio of Maricopa County told the crowd that he backs Trump."
    doc = nlp(text)
    for token in doc:  # as the selective parser leaves a sentence it did not parse
        token.dep_ = UNPARSED
        token.head = doc[0]
    mention = "Sheriff Joe Arpaio of Maricopa County"
    assert resolve_mention(doc, 0, len(mention)).speaker == "Joe Arpaio"


def test_a_preposition_ends_a_name_but_a_particle_does_not():
    from attribution.resolution.names import name_tokens
    assert name_tokens("Melissa Cronin of Gawker") == ["Melissa", "Cronin"]
    assert name_tokens("Charles de Gaulle") == ["Charles", "de", "Gaulle"]


def test_a_surname_written_in_lower_case_is_a_common_word(nlp):
    # "rules" of "the rules committee" is not the "Rules" of "Robert's Rules of Order" named later.
    text = ("The head of the powerful rules committee said he would fight the change.\n\n"
            "The convention may adopt Robert’s Rules of Order instead.")
    words = "would fight the change"
    quote = make_quote(text, words, "he", "indirect")
    assert speakers(nlp, text, [quote]) == [None]


def test_a_namesake_named_once_in_passing_does_not_take_the_surname(nlp):
    text = ("Jeb Bush left the race on Saturday. Mr. Bush had been rejected by the voters.\n\n"
            "His donors were stunned. The party had backed him for a year. The money was gone.\n\n"
            "Steve Schmidt, a strategist on the campaign of George W. Bush in 2004, called it a collapse. "
            "The race moved on. The voters had spoken. The polls had been clear for weeks.\n\n"
            "“I have put forth a vision for America that includes all,” Mr. Bush said.")
    quote = make_quote(text, "I have put forth a vision for America that includes all,", "Mr. Bush")
    assert speakers(nlp, text, [quote]) in (["Jeb Bush"], [None])


def test_names_a_comma_separates_are_two_persons(nlp):
    text = ("Prosecutor Maya D. Song filed the papers on Monday. Marcel Lazar was sentenced to four years.\n\n"
            "Guccifer 2.0 was branded in homage to Lazar, Song wrote.")
    quote = make_quote(text, "Guccifer 2.0 was branded in homage to Lazar", "Song", "indirect")
    assert speakers(nlp, text, [quote]) == ["Maya D. Song"]


@pytest.mark.parametrize("text, mention, expected", [
    # a name after "to both" hangs on "ties": the speakers are the Democrats
    ("Several senior Democrats with longtime ties to both Clintons said the debate would be hard.",
     "Several senior Democrats with longtime ties to both Clintons", "Democrats"),
    # an apposition may open with a participle modifying its noun
    ("Dennis Prager spoke on Monday. But one prominent conservative, syndicated radio host Dennis Prager, said "
     "he would vote for Trump.", "one prominent conservative, syndicated radio host Dennis Prager,", "Dennis Prager"),
    # not with a participle clause: the senator only angered them
    ("Officials, angered by Senator John Doe's remarks, said the plan was dead.",
     "Officials, angered by Senator John Doe's remarks,", None),
    ("U.S. Ambassador to the U.N. Linda Thomas-Greenfield said the vote was a disgrace.",
     "U.S. Ambassador to the U.N. Linda Thomas-Greenfield", "Linda Thomas-Greenfield"),
])
def test_which_name_a_phrase_with_a_preposition_or_an_apposition_gives(nlp, text, mention, expected):
    doc = nlp(text)
    start = text.rindex(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker == expected


@pytest.mark.parametrize("text, mention, expected", [
    # a platform modifying a common noun names a user, not the company: the user its handle names
    ("Another Twitter user @JaneDoe wrote: “This is a disgrace.”", "Another Twitter user @JaneDoe", "@JaneDoe"),
    ("Another Twitter user wrote: “This is a disgrace.”", "Another Twitter user", None),
    ("Twitter said it would suspend the account.", "Twitter", "Twitter"),
    # a lone first name coordinated with a full name shares its surname
    ("David Eisenhower spoke first. Henry Clay's biographers, David and Jeanne Heidler, wrote that he was torn.",
     "Henry Clay's biographers, David and Jeanne Heidler,", "David Heidler"),
])
def test_platform_users_and_coordinated_first_names(nlp, text, mention, expected):
    doc = nlp(text)
    start = text.rindex(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker == expected

"""A possessor never heads its phrase, a place completing a place describes nobody, and a document's author
may be named only in apposition. Written sentences of each shape (not taken from a corpus); where the
outcome depends on the tagger, the entity labels are set by hand so that the test checks the resolver."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_mention, resolve_quotes
from attribution.resolution.entities import EntityTable
from attribution.types import Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def relabel(doc: Doc, words: str, label: str) -> Doc:
    start = doc.text.index(words)
    doc.set_ents([doc.char_span(start, start + len(words), label=label)], default="unmodified")
    return doc


def mention_of(doc: Doc, mention: str):
    start = doc.text.index(mention)
    return resolve_mention(doc, start, start + len(mention))


# ----- "Fox News’ Bret Baier": the name after the possessive heads the phrase ---------------------------

def test_the_name_after_an_organisation_s_possessive_is_the_speaker(nlp):
    text = "Sky News’ Dermot Walsh noticed that no channel cut away. He said the pictures held viewers."
    doc = relabel(nlp(text), "Sky News’ Dermot Walsh", "ORG")
    result = mention_of(doc, "Sky News’ Dermot Walsh")
    assert (result.speaker, result.kind) == ("Dermot Walsh", "person")


def test_a_parse_making_both_names_subjects_still_gives_the_person(nlp):
    text = "Sky News’ Dermot Walsh noticed that no channel cut away."
    doc = relabel(nlp(text), "Sky News’ Dermot Walsh", "ORG")
    # The small parser may hang both "News" and "Walsh" on the verb as subjects.
    news, walsh = doc[1], doc[4]
    assert (news.text, walsh.text) == ("News", "Walsh")
    verb = doc[5]
    news.head, news.dep_, walsh.head, walsh.dep_ = verb, "nsubj", verb, "nsubj"
    result = mention_of(doc, "Sky News’ Dermot Walsh")
    assert result.speaker == "Dermot Walsh"


def test_an_organisation_named_alone_stays_the_organisation(nlp):
    text = "Sky News said on Monday that no channel cut away."
    doc = relabel(nlp(text), "Sky News", "ORG")
    result = mention_of(doc, "Sky News")
    assert (result.speaker, result.kind) == ("Sky News", "organization")


# ----- "in Santa Rosa, California the Republican candidate": a place, not a person ------------------------

def test_a_place_completed_by_its_state_is_no_person_with_the_role_after_it(nlp):
    text = ("Greg Abbott spoke in Austin on Friday. After his rally in Santa Rosa, California the Republican "
            "candidate went further. “They broke the windows,” he said.")
    doc = relabel(nlp(text), "Santa Rosa", "GPE")
    doc = relabel(doc, "California", "GPE")
    table = EntityTable(doc)
    assert not any(e.kind == "person" and e.name == "Santa Rosa" for e in table.entities)
    start = text.index("They broke")
    quote = Quote(text="They broke the windows,", start=start, end=start + 23, type="direct",
                  speaker_mention="he", speaker_start=text.index("he said"), speaker_end=text.index("he said") + 2,
                  cue="said", confidence=0.9)
    resolve_quotes(doc, [quote], ResolutionContext(doc, [quote]))
    assert quote.speaker == "Greg Abbott"


def test_a_place_s_possessive_after_the_comma_still_gives_a_role(nlp):
    # "Ivana Novak, Croatia's president,": the comma opens a role, the place only qualifies it.
    text = "Ivana Novak, Croatia’s president, said the border would stay open."
    doc = relabel(nlp(text), "Ivana Novak", "ORG")
    doc = relabel(doc, "Croatia", "GPE")
    table = EntityTable(doc)
    assert any(e.kind == "person" and e.name == "Ivana Novak" for e in table.entities)


# ----- "a study by an influential Russian sociologist, Mikhail E. Dmitriyev," ----------------------------

def test_a_document_whose_author_is_named_in_apposition_is_that_author_s(nlp):
    text = ("Voters now admire the mayor as a protector, a survey by a prominent Danish economist, Karina "
            "L. Holmgaard, concluded this year.")
    doc = nlp(text)
    doc = relabel(doc, "Karina L. Holmgaard", "PERSON")
    doc = relabel(doc, "Danish", "NORP")
    result = mention_of(doc, "a survey by a prominent Danish economist, Karina L. Holmgaard,")
    assert result.speaker == "Karina L. Holmgaard"


def test_a_document_by_a_nationality_alone_names_nobody(nlp):
    text = "Voters now admire the mayor as a protector, a survey by a prominent Danish economist concluded."
    doc = relabel(nlp(text), "Danish", "NORP")
    result = mention_of(doc, "a survey by a prominent Danish economist")
    assert result.speaker is None


# ----- "... anchor Ilia Calderón reacted. The Afro-Colombian journalist expressed ...": an occupation ------

def said_by(text: str, words: str, mention: str) -> Quote:
    start = text.index(words)
    m_start = text.find(mention, start + len(words))
    if m_start < 0:
        m_start = text.rindex(mention, 0, start)
    return Quote(text=words, start=start, end=start + len(words), type="direct", speaker_mention=mention,
                 speaker_start=m_start, speaker_end=m_start + len(mention), cue="said", confidence=0.9)


def speakers(doc: Doc, quotes: list[Quote]) -> list[str | None]:
    resolve_quotes(doc, quotes, ResolutionContext(doc, quotes))
    return [q.speaker for q in quotes]


def test_a_definite_occupation_takes_up_the_person_the_sentence_before_was_about(nlp):
    text = ("Pedro Alvarez arrived at the market before dawn on Tuesday. The farmer said the frost had ruined "
            "half of his crop. “We lost everything in one night,” he said.")
    doc = relabel(nlp(text), "Pedro Alvarez", "PERSON")
    first = Quote(text="the frost had ruined half of his crop", start=text.index("the frost"),
                  end=text.index("the frost") + len("the frost had ruined half of his crop"), type="indirect",
                  speaker_mention="The farmer", speaker_start=text.index("The farmer"),
                  speaker_end=text.index("The farmer") + len("The farmer"), cue="said", confidence=0.9)
    second = said_by(text, "We lost everything in one night,", "he")
    assert speakers(doc, [first, second]) == ["Pedro Alvarez", "Pedro Alvarez"]


def test_a_definite_occupation_after_an_unnamed_one_was_brought_in_names_nobody(nlp):
    text = ("Pedro Alvarez spoke to a farmer at the market on Tuesday. Pedro Alvarez left early. The farmer "
            "said the frost had ruined half of the crop.")
    doc = nlp(text)
    start = text.index("The farmer")
    assert resolve_mention(doc, start, start + len("The farmer")).speaker is None


def test_a_definite_occupation_after_another_person_was_named_names_nobody(nlp):
    text = ("Pedro Alvarez arrived at the market before dawn. He met Luis Ortega there. The farmer said the "
            "frost had ruined half of the crop.")
    doc = nlp(text)
    start = text.index("The farmer")
    assert resolve_mention(doc, start, start + len("The farmer")).speaker is None


def test_a_definite_noun_of_the_other_gender_is_not_the_person_before(nlp):
    text = "Pedro Alvarez arrived at the market before dawn on Tuesday. The woman said the frost had ruined it."
    doc = relabel(nlp(text), "Pedro Alvarez", "PERSON")
    start = text.index("The woman")
    assert resolve_mention(doc, start, start + len("The woman")).speaker is None


# ----- "Twitter user @JaneDoe": the account's handle ------------------------------------------------------

def test_a_user_introduced_with_a_handle_is_that_handle(nlp):
    text = "The slogan, which Twitter user @RiverCityMom created on Tuesday, spread fast."
    doc = nlp(text)
    result = mention_of(doc, "Twitter user @RiverCityMom")
    assert (result.speaker, result.kind) == ("@RiverCityMom", None)


def test_a_user_set_off_with_a_handle_after_a_comma_is_that_handle(nlp):
    text = "Another user, @river_city_mom, wrote that the slogan was sad."
    doc = nlp(text)
    result = mention_of(doc, "Another user, @river_city_mom,")
    assert result.speaker == "@river_city_mom"


def test_a_user_without_a_handle_is_still_nobody(nlp):
    text = "Another Twitter user wrote that the slogan was sad."
    doc = nlp(text)
    assert mention_of(doc, "Another Twitter user").speaker is None


# ----- "Deborah Jordan Reynolds - Santilli's girlfriend": a spaced dash ends the name ----------------------

def test_a_spaced_dash_ends_a_name_the_tagger_ran_on(nlp):
    text = ("Peter Santilli hosts a radio show. Maria Ellen Fowler - Santilli's girlfriend and co-host - said "
            "the show would go on. Fowler says it is activism. “He protests every day,” she says.")
    doc = relabel(nlp(text), "Maria Ellen Fowler - Santilli's", "PERSON")
    table = EntityTable(doc)
    names = {e.name for e in table.entities if e.kind == "person"}
    assert "Maria Ellen Fowler" in names and "Peter Santilli" in names
    assert not any("Santilli" in e.name and "Fowler" in e.name for e in table.entities)
    start = text.index("Fowler says")
    assert resolve_mention(doc, start, start + len("Fowler")).speaker == "Maria Ellen Fowler"


def test_a_hyphen_inside_a_name_does_not_end_it(nlp):
    text = "Douglas Holtz-Eakin said the deficit would grow. Holtz-Eakin added that it was certain."
    doc = relabel(nlp(text), "Douglas Holtz-Eakin", "PERSON")
    start = text.index("Holtz-Eakin added")
    assert resolve_mention(doc, start, start + len("Holtz-Eakin")).speaker == "Douglas Holtz-Eakin"


# ----- "-President Obama, tweeting after the speech": a dash glued to the title ---------------------------

def test_a_title_with_a_dash_glued_to_it_still_opens_a_person_s_name(nlp):
    text = "Reid spoke first. “Great speech.”\n\n-President Obama, tweeting after the speech."
    doc = nlp(text)
    for token in doc:
        token.ent_type_ = ""  # the tagger misses the name behind "-President"
    start = text.index("President Obama")
    result = resolve_mention(doc, start, start + len("President Obama"))
    assert (result.speaker, result.kind) == ("Obama", "person")


def test_a_headline_in_capitals_after_a_title_word_is_no_person(nlp):
    text = "TWO MORE LEAVE THE NEXT GOP DEBATE STAGE\n\nThe field shrank on Monday."
    doc = nlp(text)
    start = text.index("GOP DEBATE STAGE")
    result = resolve_mention(doc, start, start + len("GOP DEBATE STAGE"))
    assert result.kind != "person"


# ----- "Das Sarma said": a surname of two words is the person named in full -----------------------------

@pytest.mark.parametrize("text, mention, expected", [
    ("Physicist Sankar Das Sarma leads the lab. Das Sarma said the result was solid.", "Das Sarma",
     "Sankar Das Sarma"),
    ("Mayor Bill de Blasio met the police chief. De Blasio said the city was safe.", "De Blasio",
     "Bill de Blasio"),
    # a first name and a surname are no surname of two words: not the "Billionaire Donald Trump" of a lead
    ("Billionaire Donald Trump spoke on Monday. Donald Trump said he would win.", "Donald Trump", "Donald Trump"),
])
def test_a_surname_of_two_words_is_the_person_the_article_named_in_full(nlp, text, mention, expected):
    doc = nlp(text)
    start = text.index(mention, text.index(".") + 1)
    assert resolve_mention(doc, start, start + len(mention)).speaker == expected


# ----- "Pressure rises on Trump after criticism of ...": a person after "on" is still a person ------------

def test_a_person_of_the_table_after_a_locative_preposition_is_no_place(nlp):
    text = ("Pressure mounts on Walsh after criticism of nurses.\n\nGovernor Dan Walsh was criticised on Sunday "
            "for his remarks. Walsh said he stood by them.")
    doc = relabel(nlp(text), "Walsh", "ORG")  # the headline's surname, which the tagger took for a firm
    start = text.index("Walsh")
    assert resolve_mention(doc, start, start + len("Walsh")).speaker == "Dan Walsh"


def test_a_place_after_a_locative_preposition_is_still_nobody(nlp):
    text = "Governor Dan Walsh spoke in Boston on Sunday. Officials in Boston said the plan was dead."
    doc = nlp(text)
    start = text.rindex("Boston")
    assert resolve_mention(doc, start, start + len("Boston")).speaker is None


def test_a_building_named_for_a_person_after_a_preposition_is_no_person(nlp):
    text = "Dan Walsh spoke on Sunday. Guests at Walsh Tower said the party ran late."
    doc = relabel(nlp(text), "Walsh Tower", "FAC")
    start = text.index("Walsh Tower")
    assert resolve_mention(doc, start, start + len("Walsh Tower")).speaker is None


# ----- "Donald Trump's anti-Muslim rhetoric": what a person says stands for them -------------------------

@pytest.mark.parametrize("mention", ["Dan Walsh’s angry rhetoric", "Dan Walsh’s claim", "Dan Walsh’s announcement"])
def test_a_person_s_rhetoric_claim_or_announcement_is_that_person_s(nlp, mention):
    text = f"Governor Dan Walsh spoke on Sunday. {mention} drew criticism from both parties."
    doc = relabel(nlp(text), "Dan Walsh", "PERSON")
    start = text.index(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker == "Dan Walsh"


def test_a_he_or_she_after_a_locative_preposition_is_a_person(nlp):
    text = ("Senator Ann Cole spoke in Des Moines. The ruling will increase the pressure on her to say whether she "
            "agrees with it.")
    doc = relabel(nlp(text), "Ann Cole", "PERSON")
    start = text.index("on her") + 3
    assert resolve_mention(doc, start, start + len("her")).speaker == "Ann Cole"


def test_a_person_s_tweet_after_a_locative_preposition_is_the_person_s(nlp):
    text = ("Governor Dan Walsh spoke on Sunday. The bureau cited in Walsh’s tweet does not exist, the agency "
            "said.")
    doc = relabel(nlp(text), "Dan Walsh", "PERSON")
    surname = text.index("Walsh’s")
    doc.set_ents([doc.char_span(surname, surname + len("Walsh"), label="PERSON")], default="unmodified")
    mention = "Walsh’s tweet"
    start = text.index(mention)
    assert resolve_mention(doc, start, start + len(mention)).speaker == "Dan Walsh"

"""Who a he/she speaker is: the error classes of pronoun resolution read on PolNeAR train, one written
sentence of each shape (not taken from a corpus). Where the outcome depends on the tagger, the test sets
the entity labels by hand so that it checks the resolver, not the model."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from support.resolution import resolve_last

from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_mention, resolve_quotes
from attribution.resolution.entities import EntityTable
from attribution.types import Quote


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def said(text: str, words: str, mention: str, kind: str = "direct", after: int = 0) -> Quote:
    """A quotation of ``words`` whose speaker mention is the first ``mention`` after them (before them when
    none follows)."""
    start = text.index(words, after)
    m_start = text.find(mention, start + len(words))
    if m_start < 0:
        m_start = text.rindex(mention, 0, start)
    return Quote(text=words, start=start, end=start + len(words), type=kind, speaker_mention=mention,
                 speaker_start=m_start, speaker_end=m_start + len(mention), cue="said", confidence=0.9)


def relabel(doc: Doc, words: str, label: str) -> Doc:
    """Give the words (first occurrence) the entity label, as the tagger sometimes does."""
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words), label=label)
    doc.set_ents([span], default="unmodified")
    return doc


def speakers(doc: Doc, quotes: list[Quote]) -> list[str | None]:
    resolve_quotes(doc, quotes, ResolutionContext(doc, quotes))
    return [q.speaker for q in quotes]


# ----- a person's full name the tagger labelled an organisation ----------------------------------------

def test_a_full_name_tagged_as_an_organisation_is_a_person_when_an_appositive_role_follows(nlp):
    text = ("Nadia Clement, a Lebanese photographer visiting Lyon on holiday, told the Observer that the crowd "
            "ran.\n\n“Everyone was screaming,” she said.")
    doc = relabel(nlp(text), "Nadia Clement", "ORG")
    quote = said(text, "Everyone was screaming,", "she")
    assert speakers(doc, [quote]) == ["Nadia Clement"]


def test_a_full_name_tagged_as_an_organisation_is_a_person_when_her_pronoun_follows(nlp):
    text = ("Laura Sandoval gave her support to Mark Ruiz at a rally in Reno on Monday.\n\n"
            "“He is the one,” she said.")
    doc = relabel(nlp(text), "Laura Sandoval", "ORG")
    quote = said(text, "He is the one,", "she")
    assert speakers(doc, [quote]) == ["Laura Sandoval"]


def test_an_institution_opening_with_a_first_name_stays_an_organisation(nlp):
    # "Virginia" is a woman's first name, but nothing here makes "Virginia Tech" a person: no "her" follows
    # and no appositive role.
    text = "Virginia Tech said on Monday that its campus would reopen. The school gave no date."
    doc = relabel(nlp(text), "Virginia Tech", "ORG")
    table = EntityTable(doc)
    entity = next(e for e in table.entities if e.name == "Virginia Tech")
    assert entity.kind == "organization"


def test_a_name_tagged_as_an_organisation_with_an_institution_word_stays_one(nlp):
    text = "Grace Foundation, a charity, said she would not comment."
    doc = relabel(nlp(text), "Grace Foundation", "ORG")
    assert all(e.kind == "organization" for e in EntityTable(doc).entities if "Foundation" in e.name)



def test_a_list_of_surnames_tagged_as_one_organisation_names_each_person(nlp):
    # A headline lists surnames; the tagger makes one organisation of them. Each is the person the article
    # names in full, never a "Ruiz Dalton" who would share Ann Dalton's surname and leave "Dalton" nobody.
    text = ("Ruiz, Dalton hold town halls in Iowa.\n\nMark Ruiz and Ann Dalton both spoke in Des Moines on "
            "Monday. Dalton's campaign said she would return in March.")
    doc = relabel(nlp(text), "Ruiz, Dalton", "ORG")
    assert "Ruiz Dalton" not in {e.name for e in EntityTable(doc).entities}
    quote = said(text, "she would return in March", "Dalton's campaign", kind="indirect")
    assert speakers(doc, [quote]) == ["Ann Dalton"]


# ----- gender from first names and surnames ----------------------------------------------------------

def test_a_famous_surname_does_not_make_a_relative_with_an_unlisted_first_name_a_man(nlp):
    # "Obama" is a man's surname in most articles, but "Malia Obama" is his daughter: her unlisted first
    # name leaves her gender open, so "she" can still find her.
    text = ("Malia Obama spoke at her old school in Chicago on Friday.\n\n"
            "“I learned everything here,” she said.")
    quote = said(text, "I learned everything here,", "she")
    assert speakers(nlp(text), [quote]) == ["Malia Obama"]


def test_common_first_names_tell_the_gender(nlp):
    # Jay and Lawrence were missing from the first-name list: the man named last, the subject, is "he", not
    # the man named in passing before him.
    text = ("The plan came from the governor's office under Mark Hill. Jay Warren, a former aide to Mr. Hill, "
            "now runs the fund. He declined to comment.")
    quote = said(text, "declined to comment", "He", kind="indirect")
    assert speakers(nlp(text), [quote]) == ["Jay Warren"]


def test_a_lawsuit_the_tagger_calls_a_person_is_nobody(nlp):
    # "Hale v. Hale" (a divorce case) tagged PERSON must not become a second Hale whom the "her" of the
    # next clause makes the woman a bare "Hale" means.
    text = ("Tom Hale sued his former partner in 2010. The papers of Hale v. Hale stayed sealed.\n\n"
            "Hale attacked the witness at a rally, calling her a liar.")
    doc = nlp(text)
    start = text.index("Hale v. Hale")
    doc.set_ents([doc.char_span(start, start + len("Hale v. Hale"), label="PERSON")], default="unmodified")
    assert "Hale v. Hale" not in {e.name for e in EntityTable(doc).entities}
    mention = text.rindex("Hale attacked")
    assert resolve_mention(doc, mention, mention + 4).speaker == "Tom Hale"


# ----- a role noun for the person a story is about -----------------------------------------------------

def test_a_role_nobody_was_given_is_the_person_at_hand(nlp):
    # Nobody is called "Senator" here, but the story is about Hale, the subject of the sentence before.
    text = ("Tom Hale won the Iowa caucuses on Monday by a wide margin.\n\n"
            "The Iowa senator told reporters that the result was only a beginning.")
    assert resolve_last(nlp, text, "The Iowa senator").speaker == "Tom Hale"


def test_a_role_an_unnamed_holder_was_brought_in_for_stays_nobody(nlp):
    text = ("Tom Hale met a Republican senator in Des Moines on Monday. Hale spoke for an hour.\n\n"
            "The senator told reporters that they had agreed on little.")
    assert resolve_last(nlp, text, "The senator").speaker is None


def test_the_candidate_is_not_the_campaign_manager_the_last_sentences_were_about(nlp):
    text = ("Mark Ruiz opened his campaign in Reno. Mark Ruiz spoke for an hour, and Ruiz took questions.\n\n"
            "Dan Cole runs the campaign. Cole booked the hall in May.\n\n"
            "The candidate told the crowd that Nevada would decide the race.")
    assert resolve_last(nlp, text, "The candidate").speaker != "Dan Cole"


def test_the_role_noun_s_own_pronoun_tells_its_gender(nlp):
    # "her record": the senator is a woman, so not the man who was the subject last.
    text = ("Dana Kirk is seeking a second term in the Senate race. She faces Mark Ruiz, who called her weak on "
            "Monday, and he repeated it on Tuesday.\n\nThe senator said her record would speak for itself.")
    assert resolve_last(nlp, text, "The senator").speaker == "Dana Kirk"


def test_who_answers_the_interviewer_is_not_the_interviewer(nlp):
    text = ("Anna Bell interviewed Tom Hale on Sunday.\n\n"
            "“Would you run again?” Bell asked.\n\n“I would, yes,” the senator said.")
    first = said(text, "Would you run again?", "Bell")
    first.cue = "asked"
    answer = said(text, "I would, yes,", "the senator")
    assert speakers(nlp(text), [first, answer])[1] != "Anna Bell"


def test_as_for_a_person_the_pronoun_after_the_comma_is_that_person(nlp):
    # Hale spoke the quotation before and Ruiz was no subject since, but "As for Ruiz," shifts the topic.
    text = ("“We will win this,” Tom Hale said of the race against Mark Ruiz.\n\n"
            "As for Ruiz, he said he would wait for the results.")
    first = said(text, "We will win this,", "Tom Hale")
    second = said(text, "he would wait for the results", "he", kind="indirect")
    assert speakers(nlp(text), [first, second]) == ["Tom Hale", "Mark Ruiz"]


# ----- a "they" after a group named by a plural, and a he/she after a person the article does not name ----

def test_they_after_a_group_named_by_a_plural_names_nobody(nlp):
    # "Hispanics" are many people, not one that speaks: their "they" is no speaker's name.
    text = ("Senator Tom Hale dropped the bill after a backlash in Texas. Many Hispanics were angered by the move. "
            "They also criticized Hale for his silence on the border.")
    doc = relabel(nlp(text), "Hispanics", "NORP")
    start = text.index("They also")
    assert resolve_mention(doc, start, start + 4).speaker is None


def test_he_after_a_man_the_article_does_not_name_is_nobody(nlp):
    # The man the paragraph brings in is the one who posted, not the person named a paragraph before.
    text = ("Mark Ruiz, the mayor, condemned the attacks on Monday.\n\n"
            "In May, the flat of a 31-year-old Lyon man was searched by police after he had posted threats "
            "online. Along with a photo, he had written: “We are not sorry.”")
    quote = said(text, "We are not sorry.", "he", after=text.index("Along"))
    assert speakers(nlp(text), [quote]) == [None]


def test_she_after_a_woman_the_article_does_not_name_is_nobody(nlp):
    text = ("Dana Kirk, the minister, warned against hatred in her speech.\n\n"
            "A 40-year-old Reno woman, meanwhile, was fined in July for a post about refugees. "
            "“Out with them!” she wrote.")
    quote = said(text, "Out with them!", "she")
    assert speakers(nlp(text), [quote]) == [None]


def test_she_after_an_unnamed_man_is_still_the_woman_named(nlp):
    # An unnamed man does not stand between a "she" and the woman named: the genders differ.
    text = ("Dana Kirk visited the plant on Monday. A 40-year-old worker, a man from Reno, showed her the line.\n\n"
            "“This is what we fight for,” she said.")
    quote = said(text, "This is what we fight for,", "she")
    assert speakers(nlp(text), [quote]) == ["Dana Kirk"]


def test_he_after_a_man_in_general_is_still_the_man_named(nlp):
    # "a man who is so reckless" describes Ruiz, brings in nobody: no subject, no age.
    text = ("Mark Ruiz was fined again on Monday.\n\n"
            "Some pity is due to a man who is so reckless. “I will pay,” he said.")
    quote = said(text, "I will pay,", "he")
    assert speakers(nlp(text), [quote]) == ["Mark Ruiz"]


def test_a_full_name_after_an_organisation_s_possessive_in_one_entity_is_a_person(nlp):
    # The tagger took "Fox News’ Bret Baier" for one organisation: the man after the possessive is a person.
    text = ("CNN went back to its panel. Fox News’ Bret Baier noticed that no network cut away. "
            "He said that his network “held on” for the speech.")
    doc = relabel(nlp(text), "Fox News’ Bret Baier", "ORG")
    start = text.index("He said")
    assert resolve_mention(doc, start, start + 2).speaker == "Bret Baier"


def test_they_after_a_capitalised_common_noun_tagged_as_an_organisation_names_nobody(nlp):
    # "Groups" opening the sentence is no organisation's name, whatever the tagger says.
    text = ("Groups like the Open Ballot Fund have worked for years to change the rules. "
            "They want the platform to name both views.")
    doc = relabel(nlp(text), "Groups", "ORG")
    start = text.index("They want")
    assert resolve_mention(doc, start, start + 4).speaker is None


def test_they_after_a_party_s_members_names_the_party(nlp):
    # A party's members by its plural speak as the party: not "many people" as "Hispanics" are.
    text = ("Democrats blocked the bill in the Senate on Tuesday. "
            "They said the plan would cut care for millions.")
    doc = relabel(nlp(text), "Democrats", "NORP")
    start = text.index("They said")
    assert resolve_mention(doc, start, start + 4).speaker == "Democrats"


def test_they_after_an_organisation_with_a_group_named_since_names_nobody(nlp):
    # The hashtag's account is an organisation subject close by, but the Canadians named after it are the
    # ones the "they" is about: no name rather than the account's.
    text = ("The slogan, which the account @CoolRiverNews started last week, has spread fast. "
            "Plenty of Canadians do not love the plan, so they are quietly backing it anyway.")
    doc = relabel(relabel(nlp(text), "@CoolRiverNews", "ORG"), "Canadians", "NORP")
    start = text.index("they are")
    assert resolve_mention(doc, start, start + 4).speaker is None


def test_they_after_an_organisation_with_a_plural_subject_since_names_nobody(nlp):
    # "the nurses" are a plural subject after the hospital: the "they" may be them as well as the hospital.
    text = ("Greenfield Hospital cut its night shifts in March. "
            "Since then the nurses have worked longer hours, and they said the cuts must end.")
    doc = relabel(nlp(text), "Greenfield Hospital", "ORG")
    start = text.index("they said")
    assert resolve_mention(doc, start, start + 4).speaker is None


def test_they_after_an_organisation_with_no_plural_between_is_still_the_organisation(nlp):
    text = ("Greenfield Hospital cut its night shifts in March. Last week they said the cuts must end.")
    doc = relabel(nlp(text), "Greenfield Hospital", "ORG")
    start = text.index("they said")
    assert resolve_mention(doc, start, start + 4).speaker == "Greenfield Hospital"


def test_a_role_noun_subject_nobody_holds_is_the_person_at_hand_for_the_next_he(nlp):
    # "The former Ohio governor" is Hale, the story's subject: the man named after it as an object is not.
    text = ("Martin Hale is moving his staff to Iowa as his campaign struggles to raise money.\n\n"
            "The former Ohio governor has been trailing Dana Kirk and Tom Reyes in the polls. "
            "He has sharpened his attacks on both of them.")
    start = text.index("He has")
    assert resolve_mention(nlp(text), start, start + 2).speaker == "Martin Hale"


# ----- a name inside a participle clause the pronoun controls is not that pronoun -------------------------

def test_the_agent_of_a_passive_participle_clause_is_not_its_he(nlp):
    text = ("Bishop Tomas Keller led the Easter mass at the cathedral on Sunday.\n\n"
            "Appointed by Pope Gregory Marsh in 2011, he said the parish would stay open for years.")
    quote = said(text, "the parish would stay open for years", "he", kind="indirect")
    assert speakers(nlp(text), [quote]) == ["Tomas Keller"]


def test_the_object_of_an_asked_about_clause_is_not_its_she(nlp):
    text = ("Maria Lopez met voters in Tampa on Friday.\n\n"
            "Asked about Ellen Park, she said, “I will decide then.”")
    quote = said(text, "I will decide then.", "she")
    assert speakers(nlp(text), [quote]) == ["Maria Lopez"]


def test_a_participle_clause_the_parser_hangs_on_the_quoted_verb_is_still_the_pronouns(nlp):
    text = ("Governor Ann Dale toured the flooded towns on Monday.\n\n"
            "Speaking to Linda Cho after the visit, she said, “We will rebuild every road.”")
    quote = said(text, "We will rebuild every road.", "she")
    assert speakers(nlp(text), [quote]) == ["Ann Dale"]


def test_a_name_in_the_sentence_before_a_participle_clause_may_still_be_its_pronoun(nlp):
    text = ("Ellen Park campaigned in Tampa on Friday.\n\n"
            "Asked about the vote, she said, “I will decide then.”")
    quote = said(text, "I will decide then.", "she")
    assert speakers(nlp(text), [quote]) == ["Ellen Park"]


def test_a_name_in_a_clause_with_its_own_subject_may_still_be_the_pronoun(nlp):
    text = ("Maria Lopez met voters in Tampa on Friday.\n\n"
            "When Ellen Park arrived at the hall, she said, “I will decide then.”")
    quote = said(text, "I will decide then.", "she")
    assert speakers(nlp(text), [quote]) == ["Ellen Park"]


def test_he_after_a_judge_the_article_does_not_name_is_nobody(nlp):
    # "The judge" holds a role nobody named was given: a person of its own, whom the "he" after it takes up,
    # not the lawyer the paragraph was about.
    text = ("Mark Ruiz finally sat down after an hour. He had made his case.\n\n"
            "The judge rubbed his eyes and looked at the clock. He then told the court that “this will take a "
            "while.”")
    quote = said(text, "this will take a while.", "He", kind="mixed", after=text.index("The judge"))
    assert speakers(nlp(text), [quote]) == [None]


def test_he_after_a_judge_the_article_named_is_that_judge(nlp):
    # A judge named as such before: "the judge" is that person, and so is the "he" after it.
    text = ("Judge Alan Voss heard the case on Monday. Mark Ruiz, the defence lawyer, spoke for an hour.\n\n"
            "The judge rubbed his eyes and looked at the clock. He then told the court that “this will take a "
            "while.”")
    quote = said(text, "this will take a while.", "He", kind="mixed", after=text.index("The judge"))
    assert speakers(nlp(text), [quote]) == ["Alan Voss"]


def test_she_after_a_spokeswoman_the_article_does_not_name_is_nobody(nlp):
    # The spokeswoman is a woman the article does not name; the "she" is hers, not the minister's.
    text = ("Dana Kirk, the minister, defended the plan on Monday.\n\n"
            "The spokeswoman declined to give figures. “We will publish them in May,” she said.")
    quote = said(text, "We will publish them in May,", "she")
    assert speakers(nlp(text), [quote]) == [None]


def test_she_after_a_man_of_a_newly_listed_first_name_is_the_woman_named(nlp):
    # Gene is a man's name: the previous speaker, Gene Hart, cannot be the "she"; the woman named is.
    text = ("Dana Kirk wants to raise wages.\n\n"
            "“Few policies come close,” said Gene Hart, an adviser who has counselled Mrs. Kirk in her campaigns. "
            "“Jobs matter most.”\n\nTrue enough. She says the plan “will pay for itself.”")
    first = said(text, "Few policies come close,", "Gene Hart")
    second = said(text, "will pay for itself.", "She", kind="mixed")
    assert speakers(nlp(text), [first, second]) == ["Gene Hart", "Dana Kirk"]

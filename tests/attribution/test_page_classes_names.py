"""Error classes read on the design pages of docs/attribution-pages.md (section of 2026-12-03, helper
"pages"): a name or title where there is none. One passage each, written for these tests in the shape of
the failure, through the whole pipeline."""

from __future__ import annotations

import pytest


def _direct(quotes):
    return [q for q in quotes if q.type == "direct"]


# ------------------------------------------------------- a name inside a common noun phrase is nobody
@pytest.mark.parametrize(("text", "nobody"), [
    # "the fractional quantum Hall effect": an eponym modifying a noun (tagged PERSON here).
    ("Ann Porter leads a lab. Her group revives the fractional quantum Hall effect, in which electrons split. "
     "“It really feels like we have an avenue to attack this,” he says.", "Hall"),
    # "Graphene, an atom-thick sheet ...": a common noun opening a sentence, written in lower case later.
    ("Maria Lopez runs the lab. Graphene, an atom-thick sheet of carbon, was discovered in 2004. Her team "
     "stacks graphene in sandwiches. “We will be able to make a qubit,” he says.", "Graphene"),
])
def test_a_word_the_tagger_takes_for_a_name_takes_no_pronoun(extractor, text, nobody):
    (quote,) = _direct(extractor.extract(text))
    assert quote.speaker != nobody


def test_a_surname_that_is_also_a_word_still_takes_the_pronoun(extractor):
    text = ("“We have a long way to go,” says Anna Young, a physicist. The lab needs money, says Tom Price, its "
            "director. Young said the grant would help young researchers. “We will get there,” she says.")
    quotes = _direct(extractor.extract(text))
    assert [q.speaker for q in quotes] == ["Anna Young", "Anna Young"]


# ------------------------------------------ a surname the tagger reads as a word, before a reporting verb
def test_a_surname_read_as_an_adverb_is_still_the_speaker_at_hand(extractor):
    text = ("“Streaming extends our reach,” says Chris Early, a vice president at the studio. The catalogue is "
            "thin, says Lewis Ward, an analyst. Early says the studio believes in streaming. “Our objective is "
            "to make the best game,” he says.")
    quotes = _direct(extractor.extract(text))
    assert quotes[-1].text.startswith("Our objective") and quotes[-1].speaker == "Chris Early"


# ------------------------------------------------------------------- a letter's salutation is no label
@pytest.mark.parametrize("text", [
    "Dear Abby: My son, who is in college, is invited to a wedding in his girlfriend’s family.",
    "Dear Carolyn: My neighbour keeps parking his van across our drive every weekend.",
])
def test_a_salutation_names_no_speaker(extractor, text):
    assert [q for q in extractor.extract(text) if q.rule == "transcript_label"] == []


def test_a_speaker_label_still_opens_a_line(extractor):
    text = "Dear Abby: My son is invited to a wedding.\n\nTom Hale: I think the plan will fail in the end.\n\n" \
        "Tom Hale, a farmer, spoke in Leeds."
    (quote,) = [q for q in extractor.extract(text) if q.rule == "transcript_label"]
    assert quote.speaker == "Tom Hale"


# ------------------------------------------------- a quoted title that is its sentence's subject
@pytest.mark.parametrize("text", [
    "“The Iron Lady” tells the story of a grocer’s daughter who became prime minister.",
    "“The Iron Lady,” Ruiz says, had been in development since 2009. Over the years, there were several versions.",
    "“The Bronx Bomber” is an all-time great, but it is fair to wonder if he is slowing down.",
])
def test_a_title_that_is_the_subject_is_no_direct_quotation(extractor, text):
    assert _direct(extractor.extract(text)) == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("“Happy New Year,” Ruiz said, smiling at the crowd.", "Ruiz"),
    ("“We Will Win,” Smith said.", "Smith"),
])
def test_title_case_words_said_are_still_quotations(extractor, text, speaker):
    (quote,) = _direct(extractor.extract(text))
    assert quote.speaker == speaker


# ------------------------------------------------------------------------ a pet's name is nobody
@pytest.mark.parametrize("text", [
    "In Peru, they adopted a scruffy, long-eared dog called Bruno. The airline said Bruno was too big to fly, "
    "even after they offered to buy him a seat. “We love him but he’s made things pretty hard,” he said.",
    "Biscuit the grey cat was found near the station. The airline said Biscuit had travelled 900 miles. "
    "“We love him to bits,” he said.",
])
def test_a_pet_named_by_the_article_takes_no_pronoun(extractor, text):
    (quote,) = _direct(extractor.extract(text))
    assert quote.speaker not in ("Bruno", "Biscuit")


def test_a_person_named_after_a_lower_case_noun_and_called_is_still_a_person(extractor):
    text = ("The team hired a coach called Tom Hale in May. Hale said the season would be hard. "
            "“We have a lot of work to do,” he said.")
    quotes = _direct(extractor.extract(text))
    assert [q.speaker for q in quotes] == ["Tom Hale"]

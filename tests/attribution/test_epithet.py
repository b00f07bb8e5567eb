"""A role noun nobody was given stands for the story's person at hand by one rule
(``EntityTable.epithet_candidate``), whether it is a speaker ("..., the senator said") or a subject of the
narration ("The senator has been ..."): the clearly most salient person, unless a rank qualifier makes it
another role, the article brought in an unnamed holder, or two persons are at hand alike.

Sentences written for this test (not taken from a corpus).
"""

from __future__ import annotations

import pytest

from attribution.model import load_nlp
from attribution.resolution.entities import EntityTable

AT_HAND = "Maria Lopez is touring the state this week. "
NARRATION = "The senator has been raising money in Denver."


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def candidate(nlp, before: str, qualifiers: set[str] = frozenset()) -> tuple[EntityTable, str | None]:
    text = before + NARRATION
    table = EntityTable(nlp(text))
    found = table.epithet_candidate(text.index(NARRATION), "senator", "senator", None, set(qualifiers))
    return table, found.name if found else None


def role_mentions(table: EntityTable, name: str) -> int:
    return sum(m.via == "role" for e in table.entities if e.name == name for m in e.mentions)


def test_the_person_at_hand_is_the_senator_and_the_narration_mentions_her(nlp):
    table, found = candidate(nlp, AT_HAND)
    assert found == "Maria Lopez" and role_mentions(table, "Maria Lopez") == 1


def test_an_unnamed_holder_brought_in_before_is_the_senator(nlp):
    table, found = candidate(nlp, AT_HAND + "A senator from Utah joined her. ")
    assert found is None and role_mentions(table, "Maria Lopez") == 0


def test_a_rank_qualifier_makes_it_a_role_nobody_at_hand_holds(nlp):
    assert candidate(nlp, AT_HAND, {"deputy"})[1] is None


def test_two_persons_at_hand_alike_are_nobody(nlp):
    table, found = candidate(nlp, "Maria Lopez and Carl Diaz toured the state this week. ")
    assert found is None and role_mentions(table, "Maria Lopez") == role_mentions(table, "Carl Diaz") == 0


def test_a_speaker_role_noun_follows_the_same_rule(extractor):
    said = "“We will win in November,” the senator said."
    assert [q.speaker for q in extractor.extract(AT_HAND + said)] == ["Maria Lopez"]
    assert [q.speaker for q in extractor.extract(AT_HAND + "A senator from Utah joined her. " + said)] == [None]


def test_a_subject_is_at_hand_for_the_next_sentence_only(nlp):
    text = "Maria Lopez spoke in Denver. Rain fell all day. Roads closed early. Schools shut too."
    table = EntityTable(nlp(text))
    lopez = next(e for e in table.entities if e.name == "Maria Lopez")
    assert table.subject_within(lopez, text.index("Rain"), 1)
    assert not table.subject_within(lopez, text.index("Roads"), 1)
    assert table.subject_within(lopez, text.index("Schools"), 3)

"""The in-article entity table: who the article names, under which names, roles and pronouns.

Built once per Doc from its named entities (PERSON, and the ORG/GPE/NORP names that can speak), the
titles and appositives around them ("Senator John McCain", "Phil Smith, a spokesman for ..."), and the
article's he/she pronouns, each resolved as it comes by salience (Lappin & Leass 1994, reduced: recent
mentions and subjects weigh more, weight halves every sentence) with gender agreement. The resolver asks
it which entity a speaker mention means.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy
from spacy.attrs import IS_ALPHA, IS_LOWER, ORTH
from spacy.symbols import ADJ, ADV, NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token

from attribution.extensions import doc_text
from attribution.parsing import UNPARSED
from attribution.resolution.config import Salience
from attribution.resolution.layout import Layout
from attribution.resolution.names import (
    ORG_HEAD_NOUNS,
    PLATFORMS,
    ROLE_SYNONYMS,
    TITLES,
    Gender,
    first_name_gender,
    fold,
    honorific_gender,
    name_tokens,
    org_tokens,
    surname_gender,
)
from attribution.syntax import SUBJECT_DEPS

Kind = Literal["person", "organization"]

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
# Roles a news story gives the person it is about without having written the role before the name ("Bernie
# Sanders won New Hampshire ... The Vermont senator aimed to ...", "Carson shared a syllabus ... The
# candidate also ..."): offices and candidacies. Not the roles of people a story often leaves unnamed ("a
# judge kept him in jail ... As the judge read his decision", the spokesman, the official, the lawyer).
EPITHET_ROLES = frozenset({"candidate", "senator", "governor", "president", "secretary", "representative",
                           "minister", "mayor", "businessman", "speaker"})
# Roles a writer does not use as an epithet of the person at hand: "the judge", "the spokesman", "the
# official", when nobody named holds them, are someone new (others, "the coach said" after "Tom Hale spoke",
# may well be the person the story is about).
NEW_PERSON_ROLES = frozenset({"judge", "spokesperson", "official"})
# Roles held beside any office: a governor is "the candidate" too.
ROLES_BESIDE_OFFICE = frozenset({"candidate", "businessman"})


# Qualifiers that make a role another one ("the vice-presidential nominee", "the deputy minister"): no
# epithet of the person at hand, who may hold the role itself.
RANK_QUALIFIERS = frozenset("vice deputy assistant associate acting interim lieutenant junior shadow under".split())

# Nouns of a man or a woman, and the determiners that bring one in without a name ("a 26-year-old Lyon man",
# "one woman", "another father").
MALE_NOUNS = frozenset("man boy father dad husband son brother grandfather uncle gentleman".split())
FEMALE_NOUNS = frozenset("woman girl mother mum mom wife daughter sister grandmother aunt lady".split())
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "another"})
AGE_APPOSITION = re.compile(r",\s*(\d{1,3})\s*,")
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Short names that would wrongly merge with a longer organisation ("the House" is not "the White House").
AMBIGUOUS_ORG_SHORT = frozenset({"house", "department", "state", "states", "party", "union", "court", "city"})
ORG_STOPWORDS = frozenset({"of", "the", "and", "for", "&"})



@dataclass(slots=True)
class EntityMention:
    """Where the article mentions an entity (by name or by a pronoun resolved to it)."""

    start: int
    end: int
    sentence: int
    paragraph: int
    subject: bool
    via: str  # "name", "pronoun"


@dataclass
class Entity:
    id: int
    kind: Kind
    tokens: list[str]
    gender: Gender | None = None
    roles: set[str] = field(default_factory=set)
    title_words: set[str] = field(default_factory=set)  # folded words of every title and appositive seen
    # Common nouns the article describes the person by where it names them ("actor Pierce Brosnan",
    # "Sean Durkin, the director,"): noun -> (where that description ends, the folded words of its phrase).
    descriptions: dict[str, tuple[int, frozenset[str]]] = field(default_factory=dict)
    group: bool = False  # a group of people named by a plural ("Democrats"): no other name contains it
    gender_since: int | None = None  # where a pronoun first told the gender (None: a name or title told it)
    surnames: set[str] = field(default_factory=set)
    first_names: set[str] = field(default_factory=set)
    mentions: list[EntityMention] = field(default_factory=list)

    def gender_at(self, pos: int) -> Gender | None:
        """The gender as known at ``pos``: one told by a later pronoun does not count before it."""
        return self.gender if self.gender_since is None or self.gender_since < pos else None

    @property
    def name(self) -> str:
        return " ".join(self.tokens)

    def add_name(self, tokens: list[str]) -> None:
        """Remember another form of the name; the canonical one is the fullest seen."""
        if len(tokens) > len(self.tokens):
            self.tokens = tokens
        if self.kind == "person":
            self.surnames.add(fold(tokens[-1]))
            if len(tokens) > 1:
                self.first_names.add(fold(tokens[0]))


def is_parsed(token: Token) -> bool:
    """Whether the token has a real dependency parse (the selective parser labels the rest "unparsed")."""
    return token.has_dep() and token.dep_ != UNPARSED


def is_subject(token: Token) -> bool:
    """Whether a mention's head token is a clause subject; a word-order guess where the parse is missing:
    no verb before it in its clause, and a verb within three words after it or nothing but the name's own
    words before it in the sentence ("Dan Smith at the Review agreed with him": the subject opens it)."""
    if is_parsed(token):
        # A name set off in apposition to the subject is the subject too ("The Czech president, Petr Pavel,
        # thanked ...").
        # A surname the parser read as the word it also is ("Early says": an adverb of the verb) is the
        # reporting verb's subject.
        return token.dep_ in SUBJECT_DEPS or (token.dep_ == "appos" and token.head.dep_ in SUBJECT_DEPS) or (
            token.dep_ == "advmod" and token.head.i > token.i and token.head.lower_ in _REPORTING_FORMS)
    sentence_start = token.sent.start if token.doc.has_annotation("SENT_START") else 0
    for prev in reversed(token.doc[max(sentence_start, token.i - 8):token.i]):
        if prev.pos_ in ("VERB", "AUX"):
            return False
        if prev.is_punct or prev.pos_ in ("SCONJ", "CCONJ"):
            break
    doc = token.doc
    following = doc[token.i + 1:token.i + 4]
    if any(t.pos_ in ("VERB", "AUX") for t in following):
        return True
    opens_sentence = all(t.pos_ == "PROPN" or t.is_space for t in doc[sentence_start:token.i])
    return opens_sentence and not (token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS")


# A capitalised name word or a middle initial; and a possessive ending, to be dropped.
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*|[A-Z]\.")
_POSSESSIVE_END = re.compile(r"['’]s?$")
# Words of institutions' and places' names that no person's name holds ("Virginia Tech", "Scott County",
# "Charlotte Observer"), beyond the head nouns of organisations.
INSTITUTION_WORDS = frozenset("""county township parish valley beach hills park island lake river mountain street
    avenue square hall church hospital school academy tech corporation inc llc ltd co group ministries trust
    capital partners associates media news press times post journal tribune herald observer review magazine
    radio tv studios records books publishing airlines motors systems labs energy""".split())

# Nouns that make a name of a person's camp or property with a surname ("Team Trump", "Trump Tower").
COMPOUND_OPENERS = frozenset({"team", "camp"})
COMPOUND_ENDINGS = frozenset({"tower", "towers", "hotel", "casino", "plaza", "organization", "campaign", "camp",
                              "team", "family", "foundation", "administration", "doctrine", "era"})

CASE_NAME_WORDS = frozenset({"v.", "vs.", "v", "vs"})

# Endings of nouns of people ("journalist", "photographer", "executive" does not: a role word then).
PERSON_NOUN_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee")

# Words that date a role rather than qualify it ("the former senator" is still the senator named).
TIME_QUALIFIERS = frozenset({"former", "then", "current", "new", "outgoing", "incoming", "longtime", "late"})
# Of those, the words of a role no longer held: "the former minister" is not the one in office.
PAST_QUALIFIERS = frozenset({"former", "ex", "late"})


def hyphen_compound_start(noun: Token) -> int:
    """The index of the first word of a hyphenated compound the tokenizer split and the noun ends
    ("front-runner": front, -, runner), else the noun's own."""
    doc, i = noun.doc, noun.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ and (
            doc[i - 2].is_alpha):
        return i - 2
    return i


def role_word(noun: Token) -> str:
    """The folded word a role noun is looked up by in ROLE_SYNONYMS: its lemma, or a hyphenated compound
    as written whole ("the front-runner", split by the tokenizer, is the "frontrunner" of another
    outlet's style)."""
    start = hyphen_compound_start(noun)
    if start < noun.i:
        return fold("".join(t.text for t in noun.doc[start:noun.i + 1] if t.text != "-"))
    return fold(noun.lemma_ or noun.text)


def role_phrase(noun: Token) -> Span | None:
    """ "the senator", "the foreign secretary": a definite singular role noun heading its own phrase (not
    a title before a name, "the president Barack Obama", nor a modifier, "the senator's office")."""
    if noun.tag_ != "NN" or role_word(noun) not in ROLE_SYNONYMS:
        return None
    doc = noun.doc
    following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if following is not None and (following.pos_ == "PROPN" or following.tag_ == "POS" or following.pos_ == "NOUN"):
        return None
    start = hyphen_compound_start(noun)
    while start > 0 and noun.i - start < 3 and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN"):
        start -= 1
    if start == 0 or fold(doc[start - 1].text) != "the":
        return None
    return doc[start - 1:noun.i + 1]


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of character spans, as sorted disjoint spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def acronym(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if fold(t) not in ORG_STOPWORDS and t[:1].isupper()).casefold()


class EntityTable:
    """The persons and organisations an article names, with every mention found for them."""

    def __init__(self, doc: Doc, layout: Layout | None = None, quote_spans: Iterable[tuple[int, int]] = (),
                 salience: Salience | None = None):
        self.doc = doc
        self.weights = salience or Salience()
        self.layout = layout or Layout.of(doc)
        self.quote_spans = sorted(quote_spans)
        self._quote_union = merge_spans(self.quote_spans)
        self._quote_starts = [s for s, _ in self._quote_union]
        self.entities: list[Entity] = []
        self.by_span: dict[tuple[int, int], Entity] = {}
        # Persons the narration brings in without a name ("a 26-year-old Lyon man", "The judge rubbed his
        # chin"): the head noun's start, its sentence, the gender (None when the noun tells none).
        self.unnamed: list[tuple[int, int, Gender | None]] = []
        self._pronoun_spans: set[tuple[int, int]] = set()  # the spans of by_span that are he/she
        self._words: set[str] | None = None
        self._lower_words: set[str] | None = None  # the words the article writes in lower case
        self._spans: list[Span] | None = None
        self._place_words: set[str] | None = None
        self._nation_words: set[str] | None = None
        self._pet_names: set[str] | None = None
        self._full_name_surnames: dict[str, bool] | None = None
        # Doc.ents builds every entity's Span anew on each access: read once (the table never changes them).
        self.ents: tuple[Span, ...] = doc.ents
        self._build()

    # ----- queries -----------------------------------------------------------------------------

    def inside_quote(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside a quotation (bisect over the quotations' union)."""
        k = bisect_right(self._quote_starts, start) - 1
        return k >= 0 and end <= self._quote_union[k][1]

    def entity_at(self, start: int, end: int, root: int | None = None) -> Entity | None:
        """The entity a phrase names, among the registered names inside [start, end): the one holding the
        phrase's syntactic root (character ``root``) when given; else the rightmost person (the head of
        "White House press secretary Josh Earnest"); else the first organisation ("China and Russia"). A
        he/she inside the phrase names nothing it is about ("the Democrats running to replace him"); only one
        opening it does ("his book")."""
        hits = sorted((s, e) for (s, e) in self.by_span if s < end and start < e and (
            s <= start or (s, e) not in self._pronoun_spans))
        if not hits:
            return None
        if root is not None:
            holding = [h for h in hits if h[0] <= root < h[1]]
            if holding:
                return self.by_span[holding[0]]
        persons = [h for h in hits if self.by_span[h].kind == "person"]
        return self.by_span[persons[-1] if persons else hits[0]]

    def person_named_at(self, pos: int) -> Entity | None:
        """The person whose name (not a he/she) the table registered over character ``pos``, if any."""
        return next((entity for (s, e), entity in self.by_span.items() if s <= pos < e and entity.kind == "person"
                     and (s, e) not in self._pronoun_spans), None)

    def knows_word(self, word: str) -> bool:
        """Whether a word is part of a name in the table (a surname, a first name, an organisation word)."""
        if self._words is None:
            self._words = set()
            for e in self.entities:
                self._words |= e.surnames | e.first_names
                if e.kind == "organization":
                    self._words.update(map(fold, e.tokens))
        return fold(word) in self._words

    def person_named(self, tokens: list[str], before: int | None = None, gender: Gender | None = None
                     ) -> Entity | None:
        """The person a name form refers to: same surname (and first name when both give one).

        A bare surname two persons of the article share ("Meadows" after "Debbie Meadows" and "Mark
        Meadows") is nobody unless the context settles it: a gendered title ("Mr. Meadows"), or only one of
        them named in this sentence or the one before."""
        if not tokens:
            return None
        last, first = fold(tokens[-1]), fold(tokens[0]) if len(tokens) > 1 else None
        persons = [e for e in self.entities if e.kind == "person"]
        same_surname = [e for e in persons if last in e.surnames]
        if not first and len(same_surname) > 1:
            return self._settle_namesakes(same_surname, before, gender)
        if first:
            exact = [e for e in same_surname if first in e.first_names]
            loose = [e for e in same_surname if not e.first_names or any(
                f[:1] == first[:1] and (len(f) <= 2 or len(first) <= 2) for f in e.first_names)]
            # A surname of two words ("Das Sarma" of Sankar Das Sarma, "García Márquez"): the last words of
            # a longer name the article gave, not a new person.
            key = [fold(t) for t in tokens]
            ending = [e for e in same_surname if len(e.tokens) > len(key) and first not in e.first_names
                      and [fold(t) for t in e.tokens[-len(key):]] == key] if first_name_gender(tokens[0]) is None else []
            return self._most_recent(exact or loose or ending, before)
        by_first = [e for e in persons if last in e.first_names and not e.surnames - {last}]
        return self._most_recent(same_surname, before) or self._most_recent(
            [e for e in persons if last in e.first_names], before) or self._most_recent(by_first, before)

    def organization_named(self, tokens: list[str], group: bool = False) -> Entity | None:
        """The organisation a name form refers to: the same name, its acronym, or a short form ending the
        long one ("The Post" -> "New York Post"). A group named by a plural ("Democrats") only ever matches
        itself: "Liberal Democrats" are not "Democrats"."""
        key = [fold(t) for t in tokens]
        if not key:
            return None
        for entity in self.entities:
            if entity.kind != "organization":
                continue
            known = [fold(t) for t in entity.tokens]
            if known == key or (len(tokens) == 1 and key[0] == acronym(entity.tokens) and len(key[0]) > 1):
                return entity
            if group or entity.group:
                continue
            if len(known) > 1 and len(key) > 1 and known[-len(key):] == key:
                return entity
            if len(known) > len(key) and known[-len(key):] == key and key[0] not in AMBIGUOUS_ORG_SHORT:
                return entity
            if len(key) > len(known) and key[-len(known):] == known and known[0] not in AMBIGUOUS_ORG_SHORT:
                return entity
        return None

    def _settle_namesakes(self, namesakes: list[Entity], before: int | None, gender: Gender | None
                          ) -> Entity | None:
        """Which of several persons sharing a surname a bare surname means, if the context settles it: a
        gendered title or the he/she of its clause; else the one the article is about (named at least three
        times as often so far); else the only one named in this sentence or the one before; else the one
        named at least twice as often. Otherwise nobody."""
        if gender:
            namesakes = [e for e in namesakes if e.gender in (None, gender)]
        # A name holding another's every word ("Rip Donald Trump" of a headline, "John Sidney McCain") is
        # a variant of it, not a rival.
        words = {e.id: {fold(t) for t in e.tokens} for e in namesakes}
        namesakes = [e for e in namesakes if not any(
            o is not e and words[o.id] < words[e.id] for o in namesakes)]
        if len(namesakes) > 1 and before is not None and (told := self.next_pronoun_gender(before)):
            namesakes = [e for e in namesakes if e.gender in (None, told)] or namesakes
        if before is not None:
            namesakes = self._introduced_before(self._not_named_later_in_sentence(namesakes, before), before)
        namesakes = _one_per_nickname(self._without_common_first_words(namesakes))
        if len(namesakes) <= 1 or before is None:
            return namesakes[0] if len(namesakes) == 1 else None
        sentence = self.layout.sentence_at(before)
        named = {e.id: [m for m in e.mentions if m.via == "name" and m.start < before] for e in namesakes}
        if not any(named.values()):
            # A surname in the lead before any full name ("Trump vowed ..." above "Donald Trump" and "Ivanka
            # Trump"): the person the whole article names most.
            named = {e.id: [m for m in e.mentions if m.via == "name"] for e in namesakes}
        ranked = sorted(namesakes, key=lambda e: len(named[e.id]), reverse=True)
        top, second = len(named[ranked[0].id]), len(named[ranked[1].id])
        if top >= 3 * max(second, 1):
            return ranked[0]  # the person the article is about: the others keep their first names
        recent = [e for e in namesakes if any(sentence - m.sentence <= 1 for m in named[e.id])]
        if len(recent) == 1:
            return recent[0]
        # Both named just before: the subject of the sentence before goes on as the topic ("Bill Clinton said
        # his wife Hillary Clinton was qualified. Clinton said, ..."), as a pronoun would take it up.
        topic = [e for e in recent if any(m.subject and m.sentence == sentence - 1 and self.main_subject(m)
                                          for m in named[e.id])]
        if len(topic) == 1:
            return topic[0]
        if (salient := self._clearly_most_salient(namesakes, before)) is not None:
            return salient
        return ranked[0] if top >= 2 and top >= 2 * second else None

    def main_subject(self, mention: EntityMention) -> bool:
        """Whether a mention is the subject of its sentence's main verb, alone, not of a clause inside it
        ("his wife Hillary Clinton was qualified" reported by "Bill Clinton said")."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not is_parsed(span.root):
            return False
        root = span.root.head if span.root.dep_ == "appos" else span.root
        # Not one of coordinated subjects ("Debbie Meadows and Mark Meadows spoke"): both are the topic.
        return root.dep_ in SUBJECT_DEPS and root.head.dep_ == "ROOT" and not any(
            c.dep_ == "conj" for c in root.children)

    def _clearly_most_salient(self, namesakes: list[Entity], before: int) -> Entity | None:
        """The namesake the reader has in mind at ``before``, when one clearly is: salience (pronouns and
        role nouns count, subjects more) at least ``namesake_salience_ratio`` times every other's ("Liz
        Cheney ... she is the favorite ... Cheney said", her father named further back)."""
        ids = {e.id for e in namesakes}
        top = self._clear_leader(self.salience_scores(before, lambda e: float(e.id in ids)))
        # Only one the story is about lately, a subject within the window: a namesake named once in passing
        # ("a strategist on George W. Bush's campaign in 2004") is no new centre of an article on Jeb Bush.
        return top if top is not None and self.subject_within(top, before, self.weights.window) else None

    def _clear_leader(self, scores: dict[int, float]) -> Entity | None:
        """The entity of the highest score when it clearly leads: ``namesake_salience_ratio`` times the
        next (of equal scores, the first in table order); None without scores."""
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] < self.weights.namesake_salience_ratio * ranked[1][1]):
            return None
        return self.entities[ranked[0][0]]

    def subject_within(self, entity: Entity, pos: int, sentences: int) -> bool:
        """Whether the entity was a subject before ``pos``, in its sentence or the ``sentences`` before."""
        sentence = self.layout.sentence_at(pos)
        return any(m.subject and m.start < pos and sentence - m.sentence <= sentences for m in entity.mentions)

    def _not_named_later_in_sentence(self, namesakes: list[Entity], before: int) -> list[Entity]:
        """Namesakes left when those whose full name comes later in the bare surname's own sentence are
        dropped: a writer does not name someone by surname and then in full in one sentence ("Clinton
        declared of Hillary Clinton": the former president). All of them dropped, none is."""
        sentence = self.layout.sentence_at(before)
        start, end = self.layout.sentence_bounds[sentence] if self.layout.sentence_bounds else (0, 0)
        later = [name_tokens(ent.text) for ent in _ents_within(self.ents, start, end)
                 if ent.label_ == "PERSON" and ent.start_char > before]
        full = [(fold(t[0]), fold(t[-1])) for t in later if len(t) > 1]
        kept = [e for e in namesakes if not any(f in e.first_names and s in e.surnames for f, s in full)]
        return kept or namesakes

    @staticmethod
    def _introduced_before(namesakes: list[Entity], before: int) -> list[Entity]:
        """The namesakes the article named before ``before``, when any: a bare surname means someone the
        reader has met ("Sandra Paradis ... Paradis said", though a Sandy Paradis comes later)."""
        introduced = [e for e in namesakes if any(m.via == "name" and m.start < before for m in e.mentions)]
        return introduced or namesakes

    def _without_common_first_words(self, namesakes: list[Entity]) -> list[Entity]:
        """Namesakes left when those whose "first name" is a common word are dropped: a headline's title
        case or a sentence start glues a word to the surname ("Top Clinton Adviser ...", "Neither Cruz nor
        ...", "Said Comey, ..."). A word counts as common when it is no known first name and the article
        itself writes it in lower case."""
        if len(namesakes) < 2:
            return namesakes
        kept = [e for e in namesakes if not (len(e.tokens) > 1 and first_name_gender(e.tokens[0]) is None
                                             and self.written_in_lower_case(e.tokens[0]))]
        return kept or namesakes

    def written_in_lower_case(self, word: str) -> bool:
        """Whether the article writes the word in lower case somewhere (a common word, not a name)."""
        if self._lower_words is None:
            # From the arrays, not a Token object per token: the texts of the lower-case alphabetic tokens.
            rows = self.doc.to_array([ORTH, IS_LOWER, IS_ALPHA]) if len(self.doc) else numpy.zeros((0, 3), "uint64")
            strings = self.doc.vocab.strings
            self._lower_words = {strings[orth] for orth in set(rows[(rows[:, 1] != 0) & (rows[:, 2] != 0), 0].tolist())}
        return word.lower() in self._lower_words

    def next_pronoun_gender(self, pos: int, own: bool = False) -> Gender | None:
        """The gender of the first he/she/his/her after ``pos`` in its sentence, when no other name comes
        first ("Clinton allowed her doctor ..."): the pronoun of the clause the surname opens. ``own``: only
        a he/she, or his/her as a possessive, the phrase at ``pos`` may own ("The senator is betting that
        voters will see her choice ..."); an object ("told him", "asked her") is someone else, passed over."""
        token = self.layout.token_at(pos)
        sentence = self.layout.sentence_of_token[token] if self.layout.sentence_of_token else 0
        for t in self.doc[token + 1:self.layout.sentence_bounds[sentence][1]] if self.layout.sentence_bounds else ():
            if t.ent_type_ == "PERSON" or self.inside_quote(t.idx, t.idx + 1):
                return None
            word = fold(t.text)
            if own and not (word in ("he", "she") or (word in ("his", "her") and t.tag_ == "PRP$")):
                continue
            if (gender := PRONOUN_GENDER.get(word)) is not None:
                return gender
        return None

    def salient(self, pos: int, accept, bonus: dict[int, float] | None = None,
                window: int | None = None) -> Entity | None:
        """The most salient entity mentioned before ``pos`` that ``accept(entity)`` allows.

        ``accept`` returns a weight factor (0 rules the entity out); ``bonus`` adds salience to some
        entities by id (the previous quotation's speaker).
        """
        scores = self.salience_scores(pos, accept, bonus, window)
        best = max(scores.items(), key=lambda kv: kv[1], default=None)
        return self.entities[best[0]] if best and best[1] > 0 else None

    def salience_scores(self, pos: int, accept, bonus: dict[int, float] | None = None,
                        window: int | None = None) -> dict[int, float]:
        """Salience before ``pos`` of every entity ``accept`` allows (by id, in table order; > 0 only)."""
        sentence = self.layout.sentence_at(pos)
        paragraph = self.layout.paragraph_at(pos)
        w = self.weights
        window = w.window if window is None else window
        scores: dict[int, float] = {}
        for entity in self.entities:
            factor = accept(entity)
            if not factor:
                continue
            # Per sentence, the entity's strongest mention counts (a long pronoun chain earlier must not
            # outweigh the subject of the previous sentence); weight halves every sentence and again
            # across a paragraph break. Of the sentences, the strongest counts, the others only by
            # older_sentences_factor: many passing mentions do not add up to one subject.
            per_sentence: dict[int, float] = {}
            for m in entity.mentions:
                distance = sentence - m.sentence
                if m.start >= pos or distance > window:
                    continue
                weight = (w.recency_weight + w.subject_weight * m.subject) * 0.5 ** distance
                if m.paragraph < paragraph:
                    weight *= w.paragraph_factor
                per_sentence[m.sentence] = max(per_sentence.get(m.sentence, 0.0), weight)
            strongest = max(per_sentence.values(), default=0.0)
            score = strongest + w.older_sentences_factor * (sum(per_sentence.values()) - strongest)
            if score:
                score = (score + (bonus or {}).get(entity.id, 0.0)) * factor
                scores[entity.id] = score
        return scores

    def role_holder(self, pos: int, role: str, qualifiers: set[str] = frozenset(), gender: Gender | None = None,
                    former: bool = False) -> Entity | None:
        """The person before ``pos`` the article gave ``role`` with all the ``qualifiers`` ("the foreign
        secretary": role secretary, qualifier foreign), within the role window: the most salient, when it
        clearly is (``namesake_salience_ratio`` times any other holder); two holders alike ("Health Minister
        Greg Hunt and Finance Minister Mathias Cormann ... the minister said") are nobody. ``former`` ("the
        former minister"): a holder the article called former, when there is one; else one it did not."""
        scores = self.salience_scores(pos, lambda e: float(
            self._holds_role(e, role, qualifiers, former) and (gender is None or e.gender in (None, gender))),
            window=self.weights.role_window)
        if former:
            scores = {i: s for i, s in scores.items() if _former(self.entities[i])} or scores
        if len(scores) > 1 and not qualifiers & self._nationality_words():
            # "President Donald Trump met French President Emmanuel Macron ... the president said": the writer
            # names the foreign holder by the country; the holder named without one is "the president".
            scores = {i: s for i, s in scores.items()
                      if not self.entities[i].title_words & self._nationality_words()} or scores
        return self._clear_leader(scores)

    def role_given(self, pos: int, role: str, qualifiers: set[str] = frozenset(), former: bool = False) -> bool:
        """Whether the article named anyone before ``pos`` in ``role`` with the ``qualifiers``, however far
        back: then the role is that person's, not an epithet of someone else at hand."""
        return any(self._holds_role(e, role, qualifiers, former) and any(m.start < pos for m in e.mentions)
                   for e in self.entities)

    def epithet_candidate(self, pos: int, role: str, noun: str, gender: Gender | None, qualifiers: set[str],
                          excluded: Entity | None = None, bonus: dict[int, float] | None = None) -> Entity | None:
        """The person at hand a role noun (``noun``, written so) nobody was given may stand for, before the
        callers' own checks of office and recency: the clearly most salient person of the noun's gender
        (else of the next he/she's), ``namesake_salience_ratio`` times any other. None when the role is no
        epithet (EPITHET_ROLES), a rank qualifier makes it a role nobody at hand is known to hold ("the
        vice-presidential nominee"), or the article brought in an unnamed holder ("a judge ... the judge").
        ``excluded``: a person it cannot be; ``bonus``: as for ``salience_scores``."""
        if role not in EPITHET_ROLES or qualifiers & RANK_QUALIFIERS or unnamed_holder_before(
                doc_text(self.doc), pos, noun):
            return None
        gender = gender or self.next_pronoun_gender(pos, own=True)
        leader = self._clear_leader(self.salience_scores(pos, lambda e: float(
            e.kind == "person" and e is not excluded and (gender is None or e.gender_at(pos) in (None, gender))), bonus))
        age = _age_of(qualifiers)
        # "The 68-year-old former secretary of state": an age describes one person; the person at hand is
        # that one only if the article gave them that age, else the phrase brings in someone else.
        return leader if leader is None or age is None or self.given_age(leader, age, pos) else None

    def given_age(self, entity: Entity, age: int, before: int) -> bool:
        """Whether the article gave the person ``age`` after one of their names before ``before`` (", 68,")."""
        text = doc_text(self.doc)
        return any(m.via == "name" and m.start < before and (found := AGE_APPOSITION.match(text, m.end)) is not None
                   and int(found.group(1)) == age for m in entity.mentions)

    def give_role(self, entity: Entity, role: str, words: set[str], phrase: Span) -> None:
        """Record that the article calls the person ``role`` in ``phrase`` ("Rishi Sunak is under fire ...
        The prime minister said", resolved as the person at hand): a later "the prime minister" is that
        holder, and the phrase is a mention of the person, for the salience of a "he" after it."""
        entity.roles.add(role)
        entity.title_words |= words
        if (phrase.start_char, phrase.end_char) not in self.by_span:
            self._mention(entity, phrase, "role")

    @staticmethod
    def _holds_role(entity: Entity, role: str, qualifiers: set[str], former: bool) -> bool:
        """Whether the article gave the person ``role`` with the ``qualifiers``; one it called former
        ("former President Obama") holds only a former role ("the former president"), not "the president"."""
        return (entity.kind == "person" and role in entity.roles and qualifiers <= entity.title_words
                and (former or not _former(entity)))

    def pronoun_antecedent(self, pos: int, gender: Gender, bonus: dict[int, float] | None = None,
                           excluded: set[int] = frozenset(), lone_fallback: bool = True) -> Entity | None:
        """The most salient person before ``pos`` whose gender agrees (none of ``excluded``, by id); with
        ``lone_fallback``, when nobody is within reach, the one person of that gender named before."""
        def accept(entity: Entity) -> float:
            if entity.kind != "person" or entity.id in excluded:
                return 0.0
            known = entity.gender_at(pos)
            if known is None:
                return self.weights.unknown_gender_factor
            return 1.0 if known == gender else 0.0
        found = self.salient(pos, accept, bonus)
        if found is None and lone_fallback:
            # Nobody within reach: in a story about one woman, "she" is her however far back she was named.
            earlier = [e for e in self.entities if e.kind == "person" and e.gender == gender
                       and e.id not in excluded and any(m.start < pos for m in e.mentions)]
            found = earlier[0] if len(earlier) == 1 else None
        if found is not None and self.unnamed_since(found, pos, gender):
            return None
        return found

    def bound_out(self, pos: int) -> set[int]:
        """The persons a he/she subject at ``pos`` cannot be: those named (not as a possessor or a noun's
        modifier) in a participle clause of its own clause set before it, which has no subject of its own
        and so is the pronoun's ("Asked whether she would back Clinton, she replied": she is not Clinton;
        "Appointed by Pope Benedict in 2010, he said": he is not Benedict; "When Clinton spoke, she" may be
        Clinton, whose clause has its own subject). By id."""
        doc = self.doc
        token = doc[self.layout.token_at(pos)]
        if not is_parsed(token) or token.dep_ not in ("nsubj", "nsubjpass") or token.head is token:
            return set()
        adjuncts = [child for child in token.head.children if child.i < token.i and _controlled(child)]
        if token.head.dep_ == "parataxis" and token.head.head.i > token.i:
            # "Speaking to X after the visit, she said, “We will ...”": the parser hangs the participle on
            # the quoted verb; it is the pronoun's when only punctuation comes between them.
            adjuncts += [child for child in token.head.head.children if child.i < token.i and _controlled(child)
                         and all(t.is_punct or t.is_space for t in doc[child.right_edge.i + 1:token.i])]
        if not adjuncts:
            return set()
        start = min(child.left_edge.idx for child in adjuncts)
        text = doc_text(doc)
        return {e.id for e in self.entities if e.kind == "person" and any(
            m.via == "name" and start <= m.start < pos and not _possessor_at(text, m.end)
            and _inside_controlled(doc, m, adjuncts) for m in e.mentions)}

    def unnamed_since(self, entity: Entity, pos: int, gender: Gender) -> bool:
        """Whether a man or woman of the pronoun's gender (or someone of a role that tells none: "The judge
        rubbed his chin") the article does not name was brought in after the person's last mention, in the
        pronoun's paragraph or sentence before ("Merkel warned against hate. A 29-year-old Berlin woman
        received probation after she had posted ..."): the he/she is that one,
        nobody the table holds (a wrong name is worse than none)."""
        if not self.unnamed:
            return False
        sentence, paragraph = self.layout.sentence_at(pos), self.layout.paragraph_at(pos)
        last = max((m.start for m in entity.mentions if m.start < pos), default=-1)
        return any(last < start < pos and g in (None, gender) and (
            sentence - s <= 1 or self.layout.paragraph_at(start) == paragraph) for start, s, g in self.unnamed)

    # ----- building ----------------------------------------------------------------------------

    def _most_recent(self, candidates: list[Entity], before: int | None) -> Entity | None:
        def last_mention(entity: Entity) -> int:
            starts = [m.start for m in entity.mentions if before is None or m.start < before]
            return max(starts, default=-1)
        return max(candidates, key=last_mention, default=None)

    def _new(self, kind: Kind, tokens: list[str]) -> Entity:
        entity = Entity(len(self.entities), kind, tokens)
        entity.add_name(tokens)
        self.entities.append(entity)
        return entity

    def _mention(self, entity: Entity, span: Span, via: str) -> None:
        head = span.root if span.doc.has_annotation("DEP") and is_parsed(span.root) else span[-1]
        mention = EntityMention(span.start_char, span.end_char, self.layout.sentence_of_token[span.start],
                          self.layout.paragraph_at(span.start_char), is_subject(head), via)
        entity.mentions.append(mention)
        self.by_span[(span.start_char, span.end_char)] = entity
        if via == "pronoun":
            self._pronoun_spans.add((span.start_char, span.end_char))

    def _title_words(self, ent: Span) -> list[str]:
        """Title-like words right before a name, in its sentence ("the then US House speaker")."""
        words: list[str] = []
        doc = ent.doc
        for token in reversed(doc[max(ent.start - 5, 0):ent.start]):
            if "\n" in token.text or token.is_punct and token.text != ".":
                break
            if fold(token.text).rstrip(".") in TITLES or fold(token.text) in ROLE_SYNONYMS or token.pos_ == "PROPN" or (
                    token.ent_type_ in ORG_LABELS):  # "Labour leader Keir Starmer": Labour tagged an adjective
                words.append(token.text)
            elif fold(token.text) == "of" and words and token.i > 0 and fold(doc[token.i - 1].text) in ROLE_SYNONYMS:
                words.append(token.text)  # "Secretary of State John Kerry": the title runs through "of"
            else:
                break
        words.reverse()
        # The name's last word is its surname, whatever else it means ("Julie Bishop" is no bishop).
        return words + [t.text for t in ent[:-1] if fold(t.text).rstrip(".") in TITLES]

    def _appositive_roles(self, ent: Span) -> tuple[set[str], set[str]]:
        """Roles and words in "NAME, a spokesman for X," or "NAME, the senator from Arizona"."""
        if ent.end + 2 >= len(ent.doc):
            return set(), set()  # one word at the text's end is no phrase here (the other scans take it)
        roles, words = set(), set()
        after_preposition = False
        # Seven words, a hyphen inside a word not counted ("the club's 78-year-old president").
        for token in apposition_after(ent, 7, hyphens_free=True):
            words.add(fold(token.text))
            whole = hyphen_compound_start(token) < token.i  # "Hillary Clinton, the front-runner,"
            role = ROLE_SYNONYMS.get(role_word(token) if whole else fold(token.text))
            # Only a noun is a role: "Xinhua, the official news agency," is no official; and only the
            # phrase's own, before a preposition: "the wife of the president" is no president.
            if role and token.pos_ in ("NOUN", "PROPN") and not after_preposition:
                roles.add(role)
            after_preposition = after_preposition or token.pos_ == "ADP"
        return roles, words if roles else set()

    def _descriptions(self, ent: Span) -> dict[str, tuple[int, frozenset[str]]]:
        """The nouns of a person a name is given where it is written: the noun right before it and the nouns
        coordinated with that one ("construction company owner Will Brown", "Director and writer Sean
        Durkin"), and the head nouns of an appositive after a comma, before any preposition ("Ann Cole, a
        retired teacher and novelist, said"; not "the wife of the president"). Each with where it ends and
        the words of its phrase, which a later description's nouns must be among. By the words, not the
        tags: outside the parsed sentences the tagger takes "actor Pierce Brosnan" for a verb."""
        found: dict[str, tuple[int, frozenset[str]]] = {}
        doc = ent.doc
        phrase = []
        for token in reversed(doc[max(ent.sent.start, ent.start - 6):ent.start]):
            if not _description_word(token):
                break
            phrase.append(token)
        words = frozenset(fold(t.text) for t in phrase)
        for i, token in enumerate(phrase):
            if _describing_noun(token) and (i == 0 or fold(phrase[i - 1].text) in ("and", "&")):
                found[_singular(fold(token.text))] = (ent.start_char, words)
        after = apposition_after(ent, 7, hyphens_free=True)
        if after and fold(after[0].text) in ("a", "an", "the"):
            appositive = []
            for token in after[1:]:
                if not _description_word(token):
                    break
                appositive.append(token)
            words = frozenset(fold(t.text) for t in appositive)
            for i, token in enumerate(appositive):
                following = appositive[i + 1] if i + 1 < len(appositive) else None
                if _describing_noun(token) and (following is None or fold(following.text) in ("and", "&")):
                    found.setdefault(_singular(fold(token.text)), (token.idx + len(token.text), words))
        return found

    def _role_before_comma(self, ent: Span) -> tuple[set[str], set[str]]:
        """The role and its words in "Britain's prime minister, Theresa May," or "The foreign minister, Ann
        Linde, said": a singular role noun right before the comma, the name in apposition to it (the parse
        says so, when there is one); its qualifiers run back to the determiner or the possessor."""
        doc = ent.doc
        if ent.start < 2 or doc[ent.start - 1].text != ",":
            return set(), set()
        noun = doc[ent.start - 2]
        role = ROLE_SYNONYMS.get(fold(noun.lemma_ or noun.text))
        if role is None or noun.tag_ != "NN" or (is_parsed(ent.root) and not (
                ent.root.dep_ == "appos" and ent.root.head.i == noun.i)):
            return set(), set()
        words = {fold(noun.text)}
        for token in reversed(doc[max(noun.sent.start, noun.i - 4):noun.i]):
            if token.pos_ not in ("ADJ", "NOUN", "PROPN", "PART") or token.is_punct:
                break
            words.add(fold(token.text))
        return {role}, words

    def _shared_surname(self, word: str) -> bool:
        key = fold(word)
        return sum(key in e.surnames for e in self.entities if e.kind == "person") > 1

    def _person_tokens(self, ent: Span) -> list[str]:
        return name_tokens(ent.text)

    def _first_name_gender(self, tokens: list[str]) -> Gender | None:
        """Gender of a full name's first name, or of a lone first name ("Hillary") no one has as surname."""
        if len(tokens) > 1:
            # The surname's usual bearer tells only behind an initial ("H. Ross Perot"): a first name
            # the list lacks is another member of the family ("Ivanka Trump" is no man).
            initial = len(tokens[0].rstrip(".")) == 1
            return first_name_gender(tokens[0]) or (surname_gender(tokens[-1]) if initial else None)
        key = fold(tokens[0])
        if any(key in e.surnames for e in self.entities if e.kind == "person" and len(e.tokens) > 1):
            return None
        return first_name_gender(tokens[0]) or surname_gender(tokens[0])

    def add_person(self, span: Span, tokens: list[str]) -> Entity | None:
        """Register a person named by ``span`` that the tagger missed (or return the one it names); None
        for a bare surname two persons of the article share, when nothing settles which."""
        known = self.by_span.get((span.start_char, span.end_char))
        if known is not None:
            return known
        self._words = None
        return self._add_person(span, tokens)

    def _add_person(self, ent: Span, tokens: list[str]) -> Entity | None:
        tokens = self._with_partner_surname(ent, tokens)
        titles = self._title_words(ent)
        title_gender = honorific_gender(titles)
        entity = self.person_named(tokens, before=ent.start_char, gender=title_gender)
        if entity is None:
            if len(tokens) == 1 and self._shared_surname(tokens[0]):
                return None  # "Meadows" with two Meadowses about: neither, rather than a guess
            entity = self._new("person", tokens)
        else:
            entity.add_name(tokens)
        folded = {fold(t).rstrip(".") for t in titles}
        appositive_roles, appositive_words = self._appositive_roles(ent)
        preceding_roles, preceding_words = self._role_before_comma(ent)
        entity.roles |= {ROLE_SYNONYMS[w] for w in folded if w in ROLE_SYNONYMS} | appositive_roles | preceding_roles
        entity.title_words |= folded | appositive_words | preceding_words
        for noun, described in self._descriptions(ent).items():
            entity.descriptions.setdefault(noun, described)
        gender = title_gender or self._first_name_gender(tokens)
        if title_gender and entity.gender != title_gender:
            entity.gender, entity.gender_since = title_gender, None  # "Ms. Kim": the title beats a first-name guess
        elif gender and entity.gender is None:
            entity.gender = gender
        self._mention(entity, ent, "name")
        return entity

    def _with_partner_surname(self, ent: Span, tokens: list[str]) -> list[str]:
        """A lone first name coordinated with a full name shares its surname: "David and Jeanne Heidler"
        are David Heidler and Jeanne Heidler (not a David Eisenhower the article names elsewhere)."""
        doc = self.doc
        if len(tokens) != 1 or first_name_gender(tokens[0]) is None or ent.end + 1 >= len(doc) or (
                fold(doc[ent.end].text) not in ("and", "&")):
            return tokens
        partner = next((e for e in self.ents if e.start == ent.end + 1 and e.label_ == "PERSON"), None)
        partner_words = name_tokens(partner.text) if partner is not None else []
        return [tokens[0], partner_words[-1]] if len(partner_words) > 1 else tokens

    def _add_organization(self, ent: Span) -> None:
        tagged, ent = ent, _with_missed_name_words(ent)
        tokens = org_tokens(ent.text)
        if not tokens or ent.label_ == "NORP" and not tokens[-1].endswith("s"):
            return  # "Russian" names no one; "Democrats" may speak
        if len(tokens) == 1 and (word := fold(tokens[0])) != _singular(word) and _singular(word) in ORG_HEAD_NOUNS:
            return  # "Groups like the American Unity Fund ...", a sentence's capital: a plural noun, no name
        group = ent.label_ == "NORP"
        entity = self.organization_named(tokens, group=group)
        if entity is None:
            entity = self._new("organization", tokens)
            entity.group = group
        else:
            entity.add_name(tokens)
        self._mention(entity, ent, "name")
        self.by_span.setdefault((tagged.start_char, tagged.end_char), entity)

    def _build(self) -> None:
        # Once per entity: _entity_events asks the same of every span.
        persons = {(e.start, e.end) for e in self._named_spans() if self._names_a_person(e)}
        person_ents = [e for e in self._named_spans() if (e.start, e.end) in persons and name_tokens(e.text)]
        self._register_full_names(person_ents)
        known_surnames = {fold(name_tokens(e.text)[-1]) for e in person_ents}
        known_firsts = {fold(name_tokens(e.text)[0]) for e in person_ents if len(name_tokens(e.text)) > 1}
        events = self._entity_events(known_surnames, known_firsts, persons) + self._token_events(known_surnames)
        events.sort(key=lambda ev: ev[0])
        for start, what, item in events:
            if self.inside_quote(start, start + 1):
                continue  # names and pronouns inside a quotation are the speaker's, not the narrator's
            if what == "person":
                if tokens := name_tokens(item.text):
                    self._add_person(item, tokens)
            elif what == "org":
                self._add_organization(item)
            elif what == "role":
                self._add_role_mention(item)
            elif what == "unnamed":
                self.unnamed.append((start, self.layout.sentence_at(start), item))
            else:
                self._add_pronoun(item)
        for entity in self.entities:
            entity.mentions.sort(key=lambda m: m.start)

    def _names_a_person(self, ent: Span) -> bool:
        """A PERSON entity, or a person's full name the tagger labelled otherwise ("Carly Fiorina",
        "Maryam Violet" tagged ORG): two or three capitalised words (a middle initial allowed) opening with a
        first name of known gender, none of them a word the article writes in lower case, an institution's or
        a place's name word ("Virginia Tech", "Scott County") or a place the article names alone, and a person
        by how the article goes on: a he/she of that gender next in its sentence ("... threw her support"), an
        appositive role ("..., an Iranian journalist,") or the surname on its own elsewhere ("Fiorina said")."""
        if any(t.text in CASE_NAME_WORDS for t in ent):  # lower case: "Vladimir V. Putin" is a person
            return False  # "Roe v. Wade", "Trump v. Trump": a lawsuit, whatever the tagger says
        if fold(ent.text) in self._animal_names():
            return False  # "a dog called Capo": "Capo was too big to fly ... “We love him,” he said" is no Capo
        if ent.label_ == "PERSON":
            return not (_modifies_a_fame_noun(ent) or _inside_a_common_noun_phrase(ent)
                        or self._common_word_opening_a_sentence(ent)
                        or self._organisation_and_noun(ent) or _names_an_office(ent)
                        or self._compound_of_a_surname(ent))
        if ent.label_ not in ORG_LABELS | {"LOC"} or fold(ent[0].text) in ("the", "a", "an"):
            return False
        if ent.label_ != "LOC" and len(ent) <= 3 and first_name_gender(ent[0].text) is not None \
                and self._age_follows(ent):
            return True  # "Anna, 40, is open about it" (Anna tagged GPE): a place or firm has no age
        words = [_POSSESSIVE_END.sub("", w) for w in ent.text.split()]
        if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
            return False
        if fold(ent.text) in PLATFORMS or any(
                self.written_in_lower_case(w) or fold(w) in ORG_HEAD_NOUNS | INSTITUTION_WORDS
                or fold(w) in self._places() for w in words):
            return False
        if self._named_after_a_person(words):
            return False  # "the resort, now called Trump National Doral, the candidate boasted": a place
        if ent.label_ != "LOC" and self._age_follows(ent):
            return True  # "Naoya Inoue, 30, WBC champion" (tagged ORG, a first name the list lacks): no firm is 30
        if self._person_role_beside(ent):
            # Names of other countries, which the small model often tags ORG or LOC, with a first name
            # the shipped list may not know ("The Czech president, Petr Pavel,", "Chetan Nayak, a physicist").
            return True
        gender = first_name_gender(words[0])
        if gender is None or ent.label_ == "LOC":
            return False
        return (self.next_pronoun_gender(ent.start_char) == gender or self._role_appositive(ent)
                or self._surname_alone(words[-1], words[0]))

    def _compound_of_a_surname(self, ent: Span) -> bool:
        """A PERSON span of two words pairing the surname of a person the article names in full with a
        group or place noun ("Team Trump", "Camp Clinton", "Trump Tower"): the person's camp or a building,
        never a namesake, which would make every bare "Trump" of the article nobody's or another's."""
        words = name_tokens(ent.text)
        if len(words) != 2 or first_name_gender(words[0]) is not None:
            return False
        first, last = fold(words[0]), fold(words[1])
        with_first_name = self._surnames_named_in_full()
        return (first in COMPOUND_OPENERS and with_first_name.get(last, False)) or (
            with_first_name.get(first, False) and last in ORG_HEAD_NOUNS | INSTITUTION_WORDS | COMPOUND_ENDINGS)

    def _named_after_a_person(self, words: list[str]) -> bool:
        """Whether a name the tagger gave no person's label opens with the surname of a person the article
        names in full, no first name of the shipped list ("Trump National Doral", "Clinton Global
        Initiative"): a thing named after that person, not another person, whatever noun stands beside it."""
        return first_name_gender(words[0]) is None and fold(words[0]) in self._surnames_named_in_full()

    def _surnames_named_in_full(self) -> dict[str, bool]:
        """The folded surnames of the article's PERSON entities of two or more name words, each with whether
        one of those names opens with a first name of the shipped list ("Donald Trump": trump -> True).
        Built once per table: the two checks above ask it for every entity."""
        if self._full_name_surnames is None:
            found: dict[str, bool] = {}
            for e in self.ents:
                if e.label_ == "PERSON" and len(words := name_tokens(e.text)) > 1:
                    surname = fold(words[-1])
                    found[surname] = found.get(surname, False) or first_name_gender(words[0]) is not None
            self._full_name_surnames = found
        return self._full_name_surnames

    def _common_word_opening_a_sentence(self, ent: Span) -> bool:
        """One capitalised word opening a sentence or line that the article writes in lower case elsewhere
        ("Graphene, an atom-thick sheet of carbon, is ..." beside "their graphene"): the capital is the
        sentence's, the word a common noun the tagger took for a name. A surname that is also a word
        ("Young says", "young people") still counts when the article names the person in full (the
        known-surname route of `_entity_events`)."""
        if len(ent) != 1 or not self.written_in_lower_case(ent.text):
            return False
        if ent.start == 0 or ent[0].is_sent_start:
            return True
        before = ent.doc[ent.start - 1]
        return before.text in (".", "!", "?", ":") or "\n" in before.text + before.whitespace_

    def _animal_names(self) -> set[str]:
        """The names (folded) the article gives an animal: right after an animal noun and "called" or
        "named" ("a floppy-eared dog called Capo"), or before "the", up to two modifiers and an animal noun
        ("Sasha the black cat"). A pet's name is nobody who speaks, and no he/she of the narration is it."""
        if self._pet_names is None:
            self._pet_names = set()
            doc = self.doc
            for ent in self.ents:
                if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "LOC") or len(ent) > 2:
                    continue
                before = doc[max(ent.start - 2, 0):ent.start]
                after = list(doc[ent.end:ent.end + 4])
                called = len(before) == 2 and before[1].lower_ in ("called", "named") and before[0].is_lower \
                    and fold(before[0].lemma_ or before[0].text) in ANIMAL_NOUNS
                the_animal = bool(after) and after[0].lower_ == "the" and any(
                    fold(t.lemma_ or t.text) in ANIMAL_NOUNS and t.is_lower for t in after[1:4])
                if called or the_animal:
                    self._pet_names.add(fold(ent.text))
        return self._pet_names

    def _organisation_and_noun(self, ent: Span) -> bool:
        """ "Hillary Clinton Says EgyptAir Crash Seems Like ...": a headline's title case makes a PERSON of
        an organisation's name and the common noun after it. Its first word is no first name but a name
        the tagger calls an organisation on its own elsewhere, its last a word the article writes in lower
        case ("the crash")."""
        words = name_tokens(ent.text)
        if len(words) < 2 or first_name_gender(words[0]) is not None or not self.written_in_lower_case(words[-1]):
            return False
        first = fold(words[0])
        return any(e.label_ == "ORG" and len(e) == 1 and fold(e.text) == first for e in self.ents)

    def _age_follows(self, ent: Span) -> bool:
        """An age set off by commas right after the name (", 40,")."""
        # doc_text: ``doc.text`` joins the whole text again on every call.
        found = AGE_APPOSITION.match(doc_text(self.doc), ent.end_char)
        return found is not None and 0 < int(found.group(1)) < 120

    def _surname_alone(self, surname: str, first: str) -> bool:
        """Whether the article writes the surname without the first name before it ("Fiorina said")."""
        return any(t.text == surname and (t.i == 0 or self.doc[t.i - 1].text != first) for t in self.doc)

    def _role_appositive(self, ent: Span, roles_only: bool = False) -> bool:
        """Whether a comma and a short phrase ending in a role noun follow the name ("Ann Cole, a senior
        official at the ministry,", "Fiorina, the former chief executive"); ``roles_only``: a role word, not
        any noun of a person ("the lender" may be a bank)."""
        return bool(apposition_after(ent, 6, criterion=_role_noun if roles_only else _agent_noun))

    def _nationality_words(self) -> set[str]:
        """The words of the places and nationalities the tagger labels (folded: "french", "britain")."""
        if self._nation_words is None:
            self._nation_words = {fold(t.text) for e in self.ents if e.label_ in ("GPE", "NORP")
                                  for t in e if not t.is_stop and not t.is_punct}
        return self._nation_words

    def _person_role_beside(self, ent: Span) -> bool:
        """A noun only a person can be set right beside the name: in apposition after it ("Chetan Nayak, a
        Microsoft physicist since 2005,", up to a verb: "in Palo Alto, Sanders met activists" is none) or
        before it, as a title ("Czech president Petr Pavel") or a closed apposition of one person ("The
        Czech president, Petr Pavel, said"; not a list, "met activists, Palo Alto residents and ...").
        Stricter than ``_role_appositive``: "-er" and "-or" nouns also name firms ("Carbon Engineering, a
        developer of ...", "Royal Mail, the postal operator"), so only roles, "-ist" and "-ian" nouns
        (physicist, historian) and nouns of kin or trade count."""
        doc = self.doc
        if not _place_completes(ent) and apposition_after(ent, 6, stop=ends_apposition_at_verb,
                                                          criterion=_person_noun):
            return True
        before = ent.start - 1
        if before < 1:
            return before == 0 and _person_noun(doc[0])
        if doc[before].text != ",":
            return _person_noun(doc[before])
        role = doc[before - 1]
        closed = ent.end < len(doc) and doc[ent.end].text == ","
        return closed and role.tag_ == "NN" and _person_noun(role)

    def _places(self) -> set[str]:
        """The words the tagger labels a place on their own ("Virginia", "Jordan")."""
        if self._place_words is None:
            self._place_words = {fold(e.text) for e in self.ents if e.label_ in ("GPE", "LOC") and len(e) == 1}
        return self._place_words

    def _named_spans(self) -> list[Span]:
        """The named entities, a person's cut at its commas: "Lazar, Song wrote" and "Crane, Kibbe and
        others" name two persons each, never one "Lazar Song"; so is a list of bare names the tagger took
        for one organisation ("Carson, Huckabee, Fiorina earned ...": each part one or two proper nouns)."""
        if self._spans is None:
            self._spans = []
            for ent in [*self.ents, *self._untagged_names()]:
                ent = _without_role_complement(_with_hyphenated_first_name(self._with_untagged_first_name(ent)))
                if (parts := self._possessor_and_name(ent)) is not None:
                    self._spans.extend(parts)
                    continue
                if ent.label_ == "PERSON" and any(_spaced_dash(t) for t in ent):
                    # "Deborah Jordan Reynolds - Santilli's girlfriend": a dash set off by spaces ends the
                    # name; what follows describes her, it is no part of it (nor is Santilli her surname).
                    ent = Span(self.doc, ent.start, next(t.i for t in ent if _spaced_dash(t)), label=ent.label_)
                    if not any(t.is_alpha for t in ent):
                        continue
                if not any(t.text == "," for t in ent) or not (ent.label_ == "PERSON" or _list_of_names(ent)):
                    self._spans.append(ent)
                    continue
                start = ent.start
                for token in [*(t for t in ent if t.text == ","), None]:
                    end = token.i if token is not None else ent.end
                    if any(t.is_alpha for t in self.doc[start:end]):
                        self._spans.append(Span(self.doc, start, end, label=ent.label_))
                    start = end + 1
        return self._spans

    def _possessor_and_name(self, ent: Span) -> list[Span] | None:
        """ "Fox News’ Bret Baier", "CNN's Jake Tapper" tagged as one organisation: the organisation and,
        after its possessive mark, a person's name (two or three capitalised words, a middle initial
        allowed, none a word the article writes in lower case or an institution's), as two entities; None
        for any other entity ("Fox News’ Special Report" has words the article writes in lower case)."""
        if ent.label_ not in ORG_LABELS:
            return None
        doc = ent.doc
        mark = next((t for t in ent[1:-2] if t.text in POSSESSIVE_MARKS and not doc[t.i - 1].whitespace_
                     and (t.text[-1:] == "s" or doc[t.i - 1].text.endswith("s"))), None)
        if mark is None:
            return None
        name = doc[mark.i + 1:ent.end]
        if not 2 <= len(name) <= 3 or not all(
                t.text[:1].isupper() and (t.is_alpha or (len(t.text) == 2 and t.text[1] == ".")) for t in name):
            return None
        if any(self.written_in_lower_case(t.text) or fold(t.text) in ORG_HEAD_NOUNS | INSTITUTION_WORDS
               or fold(t.text) in self._places() for t in name):
            return None
        return [Span(doc, ent.start, mark.i, label=ent.label_), Span(doc, mark.i + 1, ent.end, label="PERSON")]

    def _untagged_names(self) -> list[Span]:
        """Full names the tagger missed that a role or an age set off by commas describes ("Theresa May, the
        prime minister,", "Britain's prime minister, Theresa May,", "Ivana Novak, 34,"): two or three
        capitalised proper nouns no entity covers, the first a first name of known gender, none a title or a
        word the article writes in lower case."""
        doc = self.doc
        found = []
        # The commas by their text's hash: a Python pass over every Token costs a third of the resolver.
        orth = doc.to_array("ORTH")
        for comma in (doc[i] for i in (orth == doc.vocab.strings[","]).nonzero()[0].tolist() if i >= 2):
            if doc[comma.i - 1].ent_type_:
                continue
            start = comma.i
            while start > 0 and comma.i - start < 3 and _untagged_name_word(doc[start - 1]) and not (
                    self.written_in_lower_case(doc[start - 1].text)):
                start -= 1
            if comma.i - start < 2 or first_name_gender(doc[start].text) is None or (
                    start > 0 and _untagged_name_word(doc[start - 1])):
                continue
            span = Span(doc, start, comma.i, label="PERSON")
            if self._role_appositive(span, roles_only=True) or self._role_before_comma(span)[0] or (
                    self._age_follows(span)):
                found.append(span)
        return found

    def _with_untagged_first_name(self, ent: Span) -> Span:
        """ "Reince Priebus, the chairman of ...": a one-word organisation's entity (the surname, "Priebus"
        tagged ORG) after a capitalised proper noun no entity covers, its compound ("Reince", a first name
        the list lacks), is a person's name when a role set off by commas describes it."""
        doc = self.doc
        if len(ent) != 1 or ent.start == 0:
            return ent
        first = doc[ent.start - 1]
        if self._first_name_left_out(ent, first):
            return Span(doc, first.i, ent.end, label="PERSON")
        if ent.label_ not in ORG_LABELS:
            return ent
        if not _untagged_name_word(first) or self.written_in_lower_case(first.text) or (
                is_parsed(first) and first.head.i != ent.start) or not self._role_appositive(ent, roles_only=True):
            return ent
        return Span(doc, first.i, ent.end, label="PERSON")

    def _first_name_left_out(self, ent: Span, first: Token) -> bool:
        """ "Ivanka Trump" with only "Trump" tagged, "Reyes's sister, Ana Reyes," with "Reyes" tagged ORG: a
        first name of the shipped list, untagged and compound to the surname's entity, begins that person's
        name; else the bare surname takes another of the family ("Donald Trump") for the speaker. An
        organisation's word joins only as a surname some person of the article has ("Virginia Tech" no); an
        untagged surname (label "") always."""
        if not _untagged_name_word(first) or first_name_gender(first.text) is None or self.written_in_lower_case(
                first.text) or (is_parsed(first) and first.head.i != ent.start):
            return False
        if ent.label_ in ("PERSON", ""):
            return True
        surname = fold(ent.text)
        return ent.label_ in ORG_LABELS and any(e.label_ == "PERSON" and len(e) > 1 and fold(e[-1].text) == surname
                                                for e in self.ents)

    def _register_full_names(self, person_ents: list[Span]) -> None:
        """Full names first, so that "Trump" finds "Donald Trump" even when it comes earlier."""
        for ent in sorted(person_ents, key=lambda e: -len(name_tokens(e.text))):
            tokens = name_tokens(ent.text)
            if len(tokens) > 1 and self.person_named(tokens) is None:
                # The first name's gender holds from the start: a "her" after a bare "Ebeling" must not make
                # Tom Ebeling (not yet reached) a woman and take his wife Betsy's words.
                self._new("person", tokens).gender = self._first_name_gender(tokens)

    def _entity_events(self, known_surnames: set[str], known_firsts: set[str],
                       persons: set[tuple[int, int]]) -> list[tuple[int, str, object]]:
        """The named entities that name a person or a speaking organisation, by position (``persons``: the
        token bounds of those `_names_a_person` found)."""
        events: list[tuple[int, str, object]] = []
        for ent in self._named_spans():
            tokens = name_tokens(ent.text) if ent.label_ == "PERSON" else org_tokens(ent.text)
            if not tokens:
                continue
            last = fold(tokens[-1])
            # A surname the tagger labels ORG ("Trump said") is still the person.
            if fold(" ".join(tokens)) in PLATFORMS:
                events.append((ent.start_char, "org", ent))  # a platform is a company, never a person
                continue
            looks_person = (ent.start, ent.end) in persons or (
                len(tokens) <= 2 and (last in known_surnames or (len(tokens) == 1 and last in known_firsts))
                and not (ent.label_ == "PERSON" and self._compound_of_a_surname(ent)))
            if looks_person:
                events.append((ent.start_char, "person", ent))
            elif ent.label_ in ORG_LABELS:
                events.append((ent.start_char, "org", ent))
        return events

    def _token_events(self, known_surnames: set[str]) -> list[tuple[int, str, object]]:
        """Surnames the tagger missed ("McCain said" untagged) and he/she pronouns, by position.

        Only proper nouns and pronouns matter: they are picked from the POS array, not every token."""
        doc = self.doc
        covered = {i for ent in self.ents for i in range(ent.start, ent.end)}
        pos = doc.to_array("POS") if len(doc) else numpy.zeros(0, dtype="uint64")
        tags = pos.tolist()  # plain ints: comparing numpy scalars one by one is slow
        events: list[tuple[int, str, object]] = []
        for i in numpy.flatnonzero(numpy.isin(pos, (PROPN, PRON, NOUN, ADV, ADJ))).tolist():
            token = doc[i]
            if i not in covered and token.text[:1].isupper() and fold(token.text) in known_surnames and (
                    tags[i] == PROPN or _reports_next(token)):
                # "Ivanka Trump, the daughter of ..." untagged: the first name before the surname is hers.
                start = i - 1 if i - 1 not in covered and i and self._first_name_left_out(doc[i:i + 1], doc[i - 1]) else i
                events.append((doc[start].idx, "person", doc[start:i + 1]))
            elif tags[i] == PRON and fold(token.text) in PRONOUN_GENDER:
                events.append((token.idx, "pronoun", token))
            elif tags[i] == NOUN and (phrase := role_phrase(token)) is not None:
                events.append((phrase.start_char, "role", phrase))
            elif tags[i] == NOUN and (gender := _unnamed_gender(token)) is not None:
                events.append((token.idx, "unnamed", gender))
        return events

    def _add_role_mention(self, phrase: Span) -> None:
        """ "the senator", "the foreign secretary" in the narration: a mention of the person the article
        gave that role, so that salience knows "the president appeared cowed" was about him."""
        noun = phrase[-1]
        words = {fold(t.text).rstrip(".") for t in phrase.doc[phrase.start + 1:hyphen_compound_start(noun)]}
        role = ROLE_SYNONYMS[role_word(noun)]
        entity = self.role_holder(phrase.start_char, role, words - TIME_QUALIFIERS, honorific_gender([noun.text]),
                                  former=bool(words & PAST_QUALIFIERS))
        if entity is None and noun.dep_ in SUBJECT_DEPS:
            entity = self._epithet_subject(phrase, role, words)
        if entity is not None:
            self._mention(entity, phrase, "role")
        elif noun.dep_ in SUBJECT_DEPS and role in NEW_PERSON_ROLES:
            # "The judge rubbed his chin ... He made the observation": a role the article gave nobody, and no
            # epithet, brings in a person of its own; the he/she after it is that one, not the last man
            # named (a wrong name is worse than none).
            self.unnamed.append((phrase.start_char, self.layout.sentence_at(phrase.start_char),
                                 honorific_gender([noun.text])))

    def _epithet_subject(self, phrase: Span, role: str, words: set[str]) -> Entity | None:
        """The person a role-noun subject of the narration stands for when the article gave nobody that role
        ("Martin O’Malley is shifting staff ... The former Maryland governor has been mired in single digits.
        He's been ..."): the story's person at hand by the rule of a role-noun speaker (``epithet_candidate``,
        as `resolver._epithet_of` calls it), holding no other office, a subject in this sentence or the one
        before."""
        pos, noun = phrase.start_char, phrase[-1]
        if self.role_given(pos, role):
            return None
        entity = self.epithet_candidate(pos, role, noun.text, honorific_gender([noun.text]), words)
        if entity is None or entity.roles and role not in entity.roles and not (
                role in ROLES_BESIDE_OFFICE or entity.roles <= ROLES_BESIDE_OFFICE):
            return None
        return entity if self.subject_within(entity, pos, 1) else None

    def _add_pronoun(self, token: Token) -> None:
        gender = PRONOUN_GENDER[fold(token.text)]
        entity = self.pronoun_antecedent(token.idx, gender, excluded=self.bound_out(token.idx))
        if entity is None:
            return
        if entity.gender is None:
            entity.gender, entity.gender_since = gender, token.idx
        self._mention(entity, token.doc[token.i:token.i + 1], "pronoun")


def unnamed_holder_before(text: str, pos: int, noun: str) -> bool:
    """Whether the text before ``pos`` brings in an unnamed holder of the role: "a judge", "another senator",
    "a Republican senator"."""
    return re.search(rf"\b(?:a|an|another|one)\s+(?:[\w’'-]+\s+){{0,2}}{re.escape(noun)}\b", text[:pos],
                     re.IGNORECASE) is not None


def _controlled(child: Token) -> bool:
    """Whether a dependent set before a clause's subject is a phrase that subject controls: a participle
    clause with no subject of its own ("Asked about X,", "Speaking to X,", "Appointed by X,")."""
    if not is_parsed(child):
        return False
    return child.dep_ == "advcl" and child.tag_ in ("VBN", "VBG") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in child.children)


def _inside_controlled(doc: Doc, mention: EntityMention, adjuncts: list[Token]) -> bool:
    """Whether a name lies in one of the controlled ``adjuncts`` and not in a clause of its own there, a
    relative or adverbial clause ("In West Miami, where Mr. Rubio began his career, he showed ...": he may
    be Rubio); a noun's complement clause is no such clause ("Asked about her vote in the event that
    Clinton faces Trump, she replied": not Clinton)."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    if token.dep_ in ("compound", "poss"):
        return False  # "Asked about the Clinton campaign, she said": a name modifying a noun names no one here
    for _ in range(40):
        if token in adjuncts:
            return True
        if token.dep_ in ("relcl", "advcl", "acl") and not _complement_clause(token) or token.head is token:
            return False
        token = token.head
    return False


def _complement_clause(verb: Token) -> bool:
    """A clause opened by the conjunction "that" with no gap, a noun's complement ("in the event that
    Clinton faces Trump"), which the parser may label a relative clause."""
    return verb.dep_ != "advcl" and any(c.dep_ == "mark" and fold(c.text) == "that" for c in verb.children)


def _possessor_at(text: str, end: int) -> bool:
    """Whether a possessive mark follows the name ending at ``end`` ("Clinton's view")."""
    return text[end:end + 2] in ("'s", "’s") or text[end:end + 1] in ("'", "’")


def _with_missed_name_words(ent: Span) -> Span:
    """An organisation's name with the capitalised words before it that the tagger left out but the parse
    makes part of it ("The Liberal Democrats said", tagged "Democrats"): "Liberal Democrats" are not
    "Democrats". Only for a group's name (NORP), only proper nouns no entity holds, which modify the name
    (up to two), and none opening a sentence or line, where a capital says nothing ("Wary Democrats said")."""
    doc, start = ent.doc, ent.start
    while ent.label_ == "NORP" and start > 0 and ent.start - start < 2:
        token = doc[start - 1]
        if token.tag_ != "NNP" or not token.is_title or token.ent_type_ or token.is_sent_start or (
                token.i > 0 and "\n" in doc[token.i - 1].whitespace_ + doc[token.i - 1].text) or (
                token.dep_ not in ("compound", "amod") or not ent.start <= token.head.i < ent.end):
            break
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label_)


def _singular(word: str) -> str:
    """A plural noun's singular, roughly ("groups" -> "group", "agencies" -> "agency")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def _unnamed_gender(token: Token) -> Gender | None:
    """The gender of an indefinite singular man or woman noun that brings someone in: a clause subject ("a
    man claiming allegiance to ISIS gunned down ...") or one given an age ("the home of a 26-year-old Lyon
    man"); None otherwise. Not an apposition or predicate describing someone named ("Ruiz, a man of few
    words"), nor a man in general ("sympathy is needed for a man who is so self-destructive")."""
    word = fold(token.lemma_ or token.text)
    gender: Gender | None = "male" if word in MALE_NOUNS else "female" if word in FEMALE_NOUNS else None
    if gender is None or token.tag_ != "NN" or token.ent_type_ or token.dep_ in ("appos", "attr"):
        return None
    if not any(c.dep_ in ("det", "nummod") and fold(c.text) in INDEFINITE_DETERMINERS for c in token.children):
        return None
    if token.dep_ not in SUBJECT_DEPS and not any(fold(c.text) == "old" for c in token.lefts):
        return None
    return gender


def _ents_within(ents: tuple[Span, ...], start: int, end: int) -> list[Span]:
    """``Span.ents`` of the tokens [start, end) over the Doc's entities already read (as spaCy does it)."""
    within = []
    for ent in ents:
        if ent.start >= start:
            if ent.end <= end:
                within.append(ent)
            else:
                break
    return within


def _word_hyphen(token: Token) -> bool:
    """A hyphen inside a word ("78-year-old"), which ends no appositive phrase, unlike a dash."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _place_completes(ent: Span) -> bool:
    """Whether the comma after a name opens the place it lies in ("his rally in San Jose, California the
    GOP candidate went further"): what follows describes no one set off after the name, whatever person's
    noun comes next. Not a place's possessive ("Ivana Novak, Croatia's president,"): that is a role."""
    doc = ent.doc
    after = ent.end + 1
    if after >= len(doc) or doc[ent.end].text != "," or doc[after].ent_iob_ != "B" or doc[after].ent_type_ not in (
            "GPE", "LOC"):
        return False
    end = after + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return not (end < len(doc) and (doc[end].tag_ == "POS" or doc[end].text in ("'", "’")))


def _spaced_dash(token: Token) -> bool:
    """A dash with a space on each side ("Reynolds - Santilli's"), not a hyphen inside a name ("Holtz-Eakin")."""
    return token.text in ("-", "–", "—", "--") and bool(token.whitespace_) and token.i > 0 and bool(
        token.doc[token.i - 1].whitespace_)


def ends_apposition(token: Token) -> bool:
    """Punctuation ends the phrase set off after a name; a hyphen inside a word ("78-year-old") does not."""
    return token.is_punct and not _word_hyphen(token)


def ends_apposition_at_verb(token: Token) -> bool:
    """Any punctuation or a verb ends it: in "in Palo Alto, Sanders met activists" nothing is set off
    after "Palo Alto" that could describe it."""
    return token.is_punct or token.pos_ in ("VERB", "AUX")


def apposition_after(ent: Span, window: int, stop: Callable[[Token], bool] = ends_apposition,
                     criterion: Callable[[Token], bool] | None = None, hyphens_free: bool = False) -> list[Token]:
    """The words of the phrase a comma sets off right after ``ent`` ("Ann Cole, a senior official at the
    ministry, said") that meet ``criterion`` (all of them without one), in order: the tokens after the
    comma, at most ``window`` of them (``hyphens_free``: a hyphen inside a word not counted, among the
    window and four tokens more), up to the first that ``stop`` says ends the phrase; none without the
    comma. The one walk of the resolver's apposition scans, which differ only in these parameters."""
    doc = ent.doc
    start = ent.end + 1
    if start >= len(doc) or doc[ent.end].text != ",":
        return []
    end = start + window
    if hyphens_free:
        end += sum(_word_hyphen(t) for t in doc[start:end + 4])
    found = []
    for token in doc[start:end]:
        if stop(token):
            break
        if criterion is None or criterion(token):
            found.append(token)
    return found


# Titles and role words, which open a role, not a name (one set, built once: the check runs per token).
_NOT_NAME_WORDS = frozenset(TITLES | ROLE_SYNONYMS.keys())


def _with_hyphenated_first_name(ent: Span) -> Span:
    """ "Cardinal Jean-Claude Hollerich", "Eun-Ah Kim": a person's entity the tagger began after the hyphen
    of a first name written with one (only "Claude Hollerich" tagged) takes in the part before the hyphen,
    a capitalised word joined to it without spaces."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.start < 2 or doc[ent.start - 1].text not in ("-", "‐") \
            or doc[ent.start - 1].whitespace_ or doc[ent.start - 2].whitespace_:
        return ent
    first = doc[ent.start - 2]
    if not (first.is_alpha and first.text[:1].isupper() and not first.text.isupper()) or first.ent_type_ \
            or first.lower_ in HYPHEN_PREFIXES:
        return ent
    return Span(doc, first.i, ent.end, label="PERSON")


# Words a hyphen joins to a name that are no first name ("Pro-Trump rallies", "Anti-Clinton ads", "Ex-Senator").
HYPHEN_PREFIXES = frozenset("pro anti ex non post pre neo mid pan co vice then self all un super ultra mega "
                            "never counter".split())


def _without_role_complement(ent: Span) -> Span:
    """ "special envoy to Ukraine Kurt Volker", "Secretary of State Mike Pompeo": a person's entity the
    tagger began at the place or office that completes the role before the name ("Ukraine Kurt Volker",
    tagged PERSON or ORG) is the person named after it: the entity follows "to", "for" or "of", its
    first word is no first name, and the two or three capitalised words after it open with one."""
    doc = ent.doc
    if ent.label_ not in ORG_LABELS | {"PERSON"} or len(ent) not in (3, 4) or ent.start == 0 \
            or doc[ent.start - 1].lower_ not in ("to", "for", "of") or not ent[0].text[:1].isupper() \
            or first_name_gender(ent[0].text) is not None or first_name_gender(ent[1].text) is None \
            or not all(t.is_alpha and t.text[:1].isupper() for t in ent[1:]):
        return ent
    return Span(doc, ent.start + 1, ent.end, label="PERSON")


# Forms of a reporting verb that show the capitalised word before them is its subject, a speaker's surname
# even where the tagger reads it as the word it also is ("Early says", "Young said": an adverb, an adjective).
_REPORTING_FORMS = frozenset("says said tells told adds added writes wrote explains explained notes noted".split())


def _reports_next(token: Token) -> bool:
    """A reporting verb right after ``token``, or after one adverb ("Early still says")."""
    doc = token.doc
    following = [t for t in doc[token.i + 1:token.i + 3] if not t.is_space]
    if following and following[0].pos_ == "ADV" and following[0].is_lower:
        following = following[1:]
    return bool(following) and following[0].lower_ in _REPORTING_FORMS


def _untagged_name_word(token: Token) -> bool:
    """A capitalised proper noun no entity covers and no title: a word of a name the tagger missed."""
    return (token.pos_ == "PROPN" and not token.ent_type_ and token.is_alpha and token.text[:1].isupper()
            and not token.text.isupper() and fold(token.text) not in _NOT_NAME_WORDS)


def _former(entity: Entity) -> bool:
    """Whether the article called the person a former holder of a role ("former Sen. Jim Webb")."""
    return bool(PAST_QUALIFIERS & entity.title_words)

# Nouns of a person beyond the roles of names.ROLE_SYNONYMS: kin, and people by what they do or where they live.
PERSON_ROLE_NOUNS = frozenset("""man woman boy girl father mother husband wife son daughter brother sister
    grandfather grandmother uncle aunt student pupil teacher lecturer researcher doctor nurse surgeon
    physician resident survivor witness victim writer author poet novelist artist actor actress singer
    founder farmer priest nun monk""".split())
PERSON_ROLE_SUFFIXES = ("ist", "ian")
# More nouns a person is described by beside the name that have no telling ending ("star", "chef", "coach").
PERSON_NOUNS_DESCRIBED = frozenset("star chef coach pilot nurse agent analyst expert scholar".split())


def _common_noun_of_person(token: Token, nouns: frozenset[str] = frozenset(), suffixes: tuple[str, ...] = ()) -> bool:
    """A common noun (by its lemma), no organisation's head noun, that is a role of names.ROLE_SYNONYMS, one
    of ``nouns`` or a word with one of ``suffixes``."""
    word = fold(token.lemma_ or token.text)
    return token.pos_ == "NOUN" and word not in ORG_HEAD_NOUNS and (
        word in ROLE_SYNONYMS or word in nouns or word.endswith(suffixes))


def _description_word(token: Token) -> bool:
    """A word of a description beside a name ("the award-winning", "construction company owner", "Director
    and writer"): a word, a hyphen or "and"; not another determiner, preposition or pronoun (the stop words
    but "and"), nor a name's or a number's."""
    word = fold(token.text)
    if word in ("and", "&", "-"):
        return True
    return token.is_alpha and not token.is_stop and token.ent_type_ not in ("PERSON", "GPE", "DATE", "CARDINAL")


def _describing_noun(token: Token) -> bool:
    """A noun that describes a person ("actor", "owner", "director", "physicist"), by the word (singular),
    in lower case unless it opens its sentence or stands in a title ("Director and writer"): not an
    organisation's head noun ("company") nor a name's word."""
    word = _singular(fold(token.text))
    if not token.is_alpha or token.ent_type_ in ("PERSON", "ORG", "NORP") or word in ORG_HEAD_NOUNS:
        return False
    return word in ROLE_SYNONYMS or word in PERSON_ROLE_NOUNS | PERSON_NOUNS_DESCRIBED or word.endswith(
        PERSON_NOUN_SUFFIXES + PERSON_ROLE_SUFFIXES)


def _role_noun(token: Token) -> bool:
    """A role noun ("spokesman", "president"), not an organisation's head noun."""
    return _common_noun_of_person(token)


def _agent_noun(token: Token) -> bool:
    """A role or a noun of a person by its ending ("lender", "official", "employee"; may be a firm too)."""
    return _common_noun_of_person(token, suffixes=PERSON_NOUN_SUFFIXES)


def _person_noun(token: Token) -> bool:
    """A common noun that names a person ("president", "physicist", "historian", "mother"), not a firm."""
    return _common_noun_of_person(token, PERSON_ROLE_NOUNS, PERSON_ROLE_SUFFIXES)


def _list_of_names(ent: Span) -> bool:
    """An organisation's entity that is a comma list of one- or two-word proper nouns ("Carson, Huckabee")."""
    if ent.label_ != "ORG":
        return False
    parts: list[list[Token]] = [[]]
    for token in ent:
        if token.text == ",":
            parts.append([])
        elif not token.is_space:
            parts[-1].append(token)
    return len(parts) > 1 and all(1 <= len(p) <= 2 and all(t.pos_ == "PROPN" for t in p) for p in parts)


# Animals that news stories name ("a dog called Capo", "Sasha the black cat"): pets, farm and zoo animals.
ANIMAL_NOUNS = frozenset("""dog puppy pup cat kitten horse pony donkey bird parrot rabbit hamster pig goat cow
    sheep lamb bull calf tortoise turtle snake lizard ferret mouse rat owl eagle dolphin whale penguin
    elephant lion tiger bear panda gorilla monkey chimpanzee giraffe cheetah fox deer""".split())


# Nouns a famous name qualifies without being that person: "the James Bond star", "a Harry Potter fan".
FAME_NOUNS = frozenset("star stars actor actress singer character fan fans hero villain legend icon lookalike "
                       "impersonator".split())


# What follows a leader's name to make the name an institution's: "the Obama White House", "the Bush
# Administration", "the Sanders Campaign".
OFFICE_ENDINGS = (("white", "house"), ("administration",), ("campaign",))


def _age_of(words: set[str]) -> int | None:
    """The age a role phrase's words give ("68", "year", "old" of "the 68-year-old senator"), if any."""
    if not {"year", "old"} <= words:
        return None
    return next((int(w) for w in words if w.isdigit() and len(w) <= 3), None)


def _names_an_office(ent: Span) -> bool:
    """A PERSON entity that runs on into the institution the person heads ("the Obama White House said"):
    an office speaking, not a person, and not the person's full name (nobody is called Obama White House)."""
    words = tuple(fold(t.text) for t in ent if not t.is_punct)
    return any(len(words) > len(end) and words[-len(end):] == end for end in OFFICE_ENDINGS)


def _modifies_a_fame_noun(ent: Span) -> bool:
    """A name between a determiner and a lower-case noun of fame or fandom ("The James Bond star has
    always spoken ...") names the role, not someone in the article: the star is Pierce Brosnan."""
    doc = ent.doc
    if ent.start == 0 or ent.end >= len(doc) or fold(doc[ent.start - 1].text) not in ("the", "a", "an"):
        return False
    after = doc[ent.end]
    return after.is_lower and fold(after.text) in FAME_NOUNS


# Parts of speech of a lower-case word that qualifies the noun after a name ("quantum", "future"); a
# determiner, a verb or a preposition before the name leaves it heading its own phrase ("told Smith ...").
_NOUN_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN"})


def _inside_a_common_noun_phrase(ent: Span) -> bool:
    """A name between a lower-case modifier and the lower-case noun it qualifies ("the fractional quantum
    Hall effect", "future Ubisoft games"): an eponym or a brand used as a modifier, not someone in the
    article, so no he/she later may resolve to it. A role noun before it makes it a person's name
    ("economist Ann Cole estimates", the verb tagged a noun), and a determiner alone ("the Obama
    administration") leaves the person as likely as the office."""
    doc = ent.doc
    if ent.start == 0 or ent.end >= len(doc):
        return False
    before, after = doc[ent.start - 1], doc[ent.end]
    return (before.is_lower and before.is_alpha and before.pos_ in _NOUN_MODIFIER_POS and not _person_noun(before)
            and after.is_lower and after.pos_ == "NOUN")


def describe(table: EntityTable) -> list[str]:
    """One line per entity, for debugging and the docs."""
    return [f"{e.kind} {e.name!r} gender={e.gender} roles={sorted(e.roles)} mentions={len(e.mentions)}"
            for e in table.entities]


def _one_per_nickname(namesakes: list[Entity]) -> list[Entity]:
    """Namesakes with the first names of one person counted once: "Ken Starr" and "Kenneth Starr",
    "Sandy Paradis" and "Sandra Paradis" (a short form, or a pet form in -y/-ie, begins the full one), of
    no different genders. The most often named form stands for them."""
    kept: list[Entity] = []
    for entity in sorted(namesakes, key=lambda e: -len(e.mentions)):
        if not any(_same_first_name(entity, other) for other in kept):
            kept.append(entity)
    return kept if len(kept) < len(namesakes) else namesakes


def _same_first_name(a: Entity, b: Entity) -> bool:
    if not a.first_names or not b.first_names or (a.gender and b.gender and a.gender != b.gender):
        return False
    return any(_pet_form_of(x, y) or _pet_form_of(y, x) for x in a.first_names for y in b.first_names)


def _pet_form_of(short: str, full: str) -> bool:
    """ "ken" of "kenneth", "sandy" of "sandra", "chris" of "christopher": the short form, without a pet
    ending, begins the full one (three letters at least: "al" is no form of "alan" and "albert" both)."""
    stem = short[:-2] if short.endswith("ie") else short[:-1] if short.endswith("y") else short
    return len(stem) >= 3 and short != full and full.startswith(stem)


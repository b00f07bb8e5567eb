"""From a speaker mention to a canonical speaker, and the spaCy component that does it for Doc._.quotes.

Rules, in the order they are tried for a mention (the words an attribution rests on):

* name ("McCain", "Sen. McCain", "Mr. Trump's", "Phil Smith, a spokesman for ..."): the fullest name the
  article gives that person (entity table: same surname, same first name when both have one);
* organisation ("the White House", "The Post"): the fullest name the article gives it ("New York Post");
* pronoun ("he", "she"): the most salient person before it whose gender agrees, the previous quotation's
  speaker getting extra weight ("As for X, he ...": X); "it"/"they": the most salient organisation, close by only;
* relative pronoun ("X, who said"): the entity named just before it in the sentence;
* nominal ("the senator", "the spokeswoman", "the fund"): the most salient person the article gave that
  role ("Senator John McCain") or organisation whose name holds the word; an office or candidacy nobody
  was given ("the Vermont senator", "the candidate") is the person the story has at hand, when clearly so;
  else nothing;
* proxy ("the Clinton campaign", "a spokeswoman for Hillary Clinton", "Obama's aides"): the person
  they speak for, at a lower confidence;
* everything else ("sources", "officials", "a spokesman"): no speaker. A wrong name is worse than none.

An uncued quotation opening a paragraph right after another quotation continues its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from attribution.extensions import doc_text
from attribution.lexicon import ALWAYS
from attribution.marks import find_quoted_spans
from attribution.resolution.config import DEFAULT_CONFIG, ResolverConfig
from attribution.resolution.entities import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    PAST_QUALIFIERS,
    PERSON_NOUN_SUFFIXES,
    POSSESSIVE_MARKS,
    PRONOUN_GENDER,
    ROLES_BESIDE_OFFICE,
    TIME_QUALIFIERS,
    Entity,
    EntityMention,
    EntityTable,
    hyphen_compound_start,
    is_parsed,
    role_word,
    unnamed_holder_before,
)
from attribution.resolution.layout import Layout
from attribution.resolution.names import (
    DOCUMENT_HEADS,
    LOCATIVE_PREPOSITIONS,
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
)
from attribution.resolution.ranker import PronounRanker, candidates, shipped_ranker
from attribution.syntax import person_subject, possessor
from attribution.types import Quote

MentionKind = Literal["name", "organization", "pronoun", "nominal", "proxy", "continuation", "none"]
# Heads of phrases that speak for the person named in them ("the Clinton campaign", "Obama's aides").
PROXY_HEADS = frozenset("""campaign administration team camp aide advisers adviser advisor advisors spokesman
    spokeswoman spokesperson spokespeople lawyer lawyers attorney attorneys counsel office staff representative
    representatives""".split())
# Staff who speak for the person whose name stands before them ("Clinton campaign officials", "Top Sanders
# strategists", "Former Obama operatives"), as the campaign does. Not "associates" or "confidants": a
# person's business associates or friends do not speak for the person, and a wrong name is worse than none.
STAFF_HEADS = frozenset("official officials strategist strategists operative operatives".split())

PLURAL_OR_NEUTER = frozenset({"they", "them", "it", "its", "their"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# A party's members by the plural of its name: the one group named by a plural that speaks as one.
PARTY_PLURALS = frozenset({"democrats", "republicans", "libertarians", "tories", "greens"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
UNNAMED_DETERMINERS = frozenset({"a", "an", "some", "another", "many", "several", "other", "others", "one",
                                 "two", "three", "most", "few", "all", "both", "any", "each", "no"})
DEFINITE = frozenset({"the", "this", "that", "his", "her", "its", "their"})


@dataclass(slots=True)
class Resolution:
    """How a mention was resolved. ``how`` names the way (a key of the config's confidence factors)."""

    speaker: str | None
    kind: Literal["person", "organization"] | None
    mention_kind: MentionKind
    how: str
    entity: Entity | None = None

    @classmethod
    def unknown(cls) -> Resolution:
        return cls(None, None, "none", "none")


def _of(entity: Entity, mention_kind: MentionKind, how: str | None = None) -> Resolution:
    return Resolution(entity.name, entity.kind, mention_kind, how or mention_kind, entity)


class ResolutionContext:
    """Per-Doc state: the entity table, the layout, and the speaker of the previous quotation."""

    def __init__(self, doc: Doc, quotes: list[Quote] | None = None, config: ResolverConfig = DEFAULT_CONFIG,
                 ranker: PronounRanker | None = None):
        quotes = quotes or []
        self.doc = doc
        self.config = config
        # The pronoun ranker: the one given, else the shipped one when the config enables it.
        self.ranker = ranker or (shipped_ranker() if config.pronoun_model else None)
        self.layout = Layout.of(doc)
        self.table = EntityTable(doc, self.layout, quoted_words(doc, quotes), config.salience)
        # The PERSON entities with their character bounds, read once: Doc.ents builds every Span anew.
        self.persons = [(e.start_char, e.end_char, e) for e in doc.ents if e.label_ == "PERSON"]
        self.previous: tuple[Quote, Entity | None] | None = None
        self.current: Quote | None = None  # the quotation being resolved
        self.previous_result: Resolution | None = None  # how the previous quotation was resolved
        self.speakers: dict[int, int] = {}  # entity id -> quotations resolved to it so far
        # Surname -> full name, of the names the resolver took as a person's that no tagger did ("Roman
        # Smbatyan" tagged a nationality): a later bare surname is that person.
        self.untagged_names: dict[str, str] = {}

    def named_in_current_words(self, mention_start: int) -> set[int]:
        """Persons named (not in a possessive) in the reported words of the quotation being resolved,
        before its pronoun speaker: none of them is that speaker ("That Bloomberg is a nanny-state liberal
        is not going to last, he says": he c-commands the clause, so he is not Bloomberg). A direct
        quotation's words are out of the table already; this is for the paraphrase of mixed and indirect
        ones."""
        quote = self.current
        if quote is None or quote.type == "direct":
            return set()
        text = doc_text(self.doc)
        return {e.id for e in self.table.entities if e.kind == "person" and any(
            m.via == "name" and quote.start <= m.start and m.end <= min(quote.end, mention_start)
            and not _possessive(text, m.end) and not self._reports_the_sentence(m) for m in e.mentions)}

    def _reports_the_sentence(self, mention: EntityMention) -> bool:
        """Whether a name is the subject of its sentence's main verb, a verb of saying: "Feinstein said “I
        don't know him,” she said" names its speaker twice (the paraphrase holds the first report, not
        words about someone else)."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not mention.subject:
            return False
        verb = span.root.head
        if span.root.dep_ != "nsubj" or fold(verb.lemma_) not in ALWAYS:
            return False
        # The parse often hangs the first report on the second, the pronoun's ("..., she said").
        return verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.i == self._cue_index())

    def _cue_index(self) -> int | None:
        """The token index of the current quotation's cue, if it has one."""
        quote = self.current
        if quote is None or quote.cue_start is None or quote.cue_end is None:
            return None
        cue = self.doc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
        return cue.root.i if cue is not None else None

    def at_hand(self, entity: Entity, quote: Quote) -> bool:
        """Whether a person is there for a pronoun without the quotation's own words: the previous
        quotation's speaker, or a subject in the sentence of the quotation's start or the one before."""
        if self.previous is not None and self.previous[1] is entity:
            return True
        return self.table.subject_within(entity, quote.start, 1) or any(
            m.subject and quote.start <= m.start < quote.end and self._reports_the_sentence(m) for m in entity.mentions)

    def remember(self, quote: Quote, entity: Entity | None) -> None:
        self.previous = (quote, entity)
        if entity is not None:
            self.speakers[entity.id] = self.speakers.get(entity.id, 0) + 1

    def previous_bonus(self, pos: int, gender: Gender | None = None) -> dict[int, float]:
        """Extra salience for the previous quotation's speaker while it is at most a paragraph back, and
        no other person of the pronoun's gender became a subject since ("X said ... Y told reporters ...
        he added": the bonus no longer holds)."""
        if not self.previous or self.previous[1] is None:
            return {}
        quote, entity = self.previous
        if not self._previous_within_a_paragraph(pos):
            return {}
        since = max(quote.end, quote.speaker_end or 0)
        if gender and any(other is not entity and other.kind == "person" and other.gender_at(pos) in (gender, None)
                          and any(m.via == "name" and m.subject and since <= m.start < pos for m in other.mentions)
                          for other in self.table.entities):
            return {}  # a person of unknown gender named since may be the one meant as well as the speaker
        return {entity.id: self.config.previous_speaker_bonus}

    def previous_unnamed_speaker(self, pos: int, gender: Gender) -> bool:
        """Whether the previous quotation, at most a paragraph back, was someone the article does not name
        ("someone wrote ...", "One woman pointed out ...") and nobody was named since: a he/she then goes on
        with that unnamed speaker, not with a person named earlier (a wrong name is worse than none)."""
        if (found := self._previous_unresolved_mention(pos)) is None:
            return False
        quote, mention = found
        if fold(quote.cue or "").startswith("ask"):
            return False  # "a reporter asked if he was reversing his pledge. “...,” he said": the one asked answers
        if not _unnamed_person(_head_part(mention), gender):
            return False
        # Nobody named since outside the reported words: "A reporter asked Sanders how he felt. He replied"
        # is Sanders. Names in the mention's own relative clause do not count: "A woman who has sued Senator
        # Dunn said ... She also recounted" is still the woman, Dunn is only what she is described by.
        since = max(quote.speaker_end, _described_until(mention))
        return not any(other.kind == "person" and any(
            m.via == "name" and since <= m.start < pos and not quote.start <= m.start < quote.end
            for m in other.mentions) for other in self.table.entities)

    def previous_unresolved_description(self, pos: int, gender: Gender) -> bool:
        """Whether the previous quotation, at most a paragraph back, was said by a definite description of
        a person that names no role the table knows and that the resolver found nobody for ("The
        construction company owner said ...", "the driver said ...") and nobody was named since: the next
        he/she goes on with that speaker, whom the article may have named but the resolver did not find;
        the most salient man or woman named before is as likely someone else (a wrong name is worse than
        none). Roles ("the prime minister") are `_not_the_role_holder`'s."""
        if (found := self._previous_unresolved_mention(pos)) is None:
            return False
        quote, mention = found
        if fold(quote.cue or "").startswith("ask"):
            return False
        if not _definite_description(_head_part(mention), gender):
            return False
        # Nobody named since the description's sentence began: "Morrison was the third witness testifying
        # ... He said" is Morrison.
        since = mention.sent.start_char
        return not any(other.kind == "person" and any(
            m.via == "name" and since <= m.start < pos and not quote.start <= m.start < quote.end
            for m in other.mentions) for other in self.table.entities)

    def previous_unresolved_role(self, pos: int, gender: Gender) -> str | None:
        """The role of the previous quotation's speaker mention, at most a paragraph back, when it is a
        definite role noun ("the prime minister said") the resolver found nobody for; None otherwise."""
        found = self._previous_unresolved_mention(pos)
        return _definite_role(_head_part(found[1]), gender) if found is not None else None

    def _previous_unresolved_mention(self, pos: int) -> tuple[Quote, Span] | None:
        """The previous quotation, at most a paragraph back, and its speaker mention, when it has one and
        the resolver found nobody for it (the two checks above, which differ in what they ask of it)."""
        if not self.previous or not self._previous_within_a_paragraph(pos):
            return None
        quote = self.previous[0]
        if quote.speaker_start is None or quote.speaker_end is None:
            return None
        mention = self.doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
        if mention is None:
            return None
        # A spokesperson given the organisation spoken for ("A spokeswoman for YouTube said") is still a
        # person nobody named: the he/she after is that spokesperson, not the last woman named.
        if quote.speaker is not None and not (quote.speaker_kind == "organization" and _spokesperson_mention(mention)):
            return None
        return quote, mention

    def previous_speaker_not_a_person(self, pos: int) -> bool:
        """Whether the previous quotation, at most a paragraph back, went to a speaker that is no person of
        the table: a name nobody tagged as one, or one tagged as an organisation ("The Czech president, Petr
        Pavel, expressed ..."). Its he/she may well be that speaker: the article is not about the one person
        of that gender it named before."""
        if not self.previous or self.previous[0].speaker is None or (
                self.previous[1] is not None and self.previous[1].kind == "person"):
            return False
        return self._previous_within_a_paragraph(pos)

    def _previous_within_a_paragraph(self, pos: int) -> bool:
        """Whether the previous quotation ends in the paragraph of ``pos`` or the one before it."""
        return self.layout.paragraph_at(pos) - self.layout.paragraph_at(self.previous[0].end) <= 1


# Someone the article does not name: "someone", "one woman", "another", "a neighbour", "the 25-year-old".
UNNAMED_PRONOUNS = frozenset("someone somebody anyone anybody another".split())  # not "one that favors workers"
# Nouns of people beyond roles and kin: "one delegate", "a witness", "another neighbour".
PERSON_NOUNS = frozenset("person delegate witness neighbour neighbor resident friend relative member candidate "
                         "colleague commuter tourist pupil victim survivor fan".split())


def _unnamed_person(head: Span, gender: Gender) -> bool:
    """Whether a speaker mention nobody resolved brings in one person without a name, of a gender a
    he/she may take up: an indefinite pronoun ("someone"), or an indefinite singular common noun ("one
    woman", "a neighbour"). Not a definite one: "the candidate", "the actress" take up someone named before,
    whom the role did not find."""
    root = _root(head)
    word = fold(root.lemma_ or root.text)
    if root.pos_ == "PROPN" or root.ent_type_ or root.tag_ in ("NNS", "NNPS") or not root.text.islower():
        return False
    if (word in MALE_NOUNS and gender == "female") or (word in FEMALE_NOUNS and gender == "male"):
        return False
    if fold(root.text) in UNNAMED_PRONOUNS:
        return True
    # A noun of a person, not "a glimpse at the campaign".
    person = word in MALE_NOUNS | FEMALE_NOUNS | PERSON_NOUNS or word in ROLE_SYNONYMS or word.endswith(PERSON_NOUN_SUFFIXES)
    return root.pos_ == "NOUN" and person and word not in ORG_HEAD_NOUNS | DOCUMENT_HEADS and fold(
        head[0].text) in UNNAMED_DETERMINERS


def _described_until(mention: Span) -> int:
    """Where the phrase of a mention's head noun ends, its relative clause or apposition with it ("A woman
    who has sued Senator Dunn" however much of it the mention spans): the character after the head's
    subtree, or the mention's start unparsed."""
    root = _root(_head_part(mention))
    if not is_parsed(root):
        return mention.start_char
    return root.right_edge.idx + len(root.right_edge.text)


def _definite_description(head: Span, gender: Gender) -> bool:
    """ "The construction company owner", "the driver", "the woman": "the" and a singular common noun of a
    person that is no role of names.ROLE_SYNONYMS (nor an organisation or a document), of no other gender
    than the he/she's."""
    root = _root(head)
    word = fold(root.lemma_ or root.text)
    if fold(head[0].text) != "the" or root.pos_ != "NOUN" or root.tag_ != "NN" or root.ent_type_:
        return False
    if role_word(root) in ROLE_SYNONYMS or word in ORG_HEAD_NOUNS | DOCUMENT_HEADS:
        return False
    if any(fold(t.text) == "other" for t in head if t.i < root.i):
        return False  # "the other man": by its words someone else than the one just described
    if (word in MALE_NOUNS and gender == "female") or (word in FEMALE_NOUNS and gender == "male"):
        return False
    return word in MALE_NOUNS | FEMALE_NOUNS | PERSON_NOUNS or word.endswith(PERSON_NOUN_SUFFIXES)


def _definite_role(head: Span, gender: Gender) -> str | None:
    """The role of "the prime minister", "the Republican nominee": a definite singular role noun, of no
    other gender than the he/she's."""
    root = _root(head)
    if fold(head[0].text) != "the" or root.tag_ != "NN" or honorific_gender([root.text]) not in (None, gender):
        return None
    return ROLE_SYNONYMS.get(role_word(root))


def quoted_words(doc: Doc, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Where the words are a quoted speaker's, not the narrator's: a direct quotation whole; of a mixed one
    only the parts inside quotation marks. The paraphrase around them is the narrator's ("Santilli is seen
    marching with Ammon Bundy about taking a 'hard stand'": Ammon Bundy is named by the narrator, and a
    later "Bundy says" means him)."""
    spans = [(q.start, q.end) for q in quotes if q.type == "direct"]
    mixed = [(q.start, q.end) for q in quotes if q.type == "mixed"]
    if mixed:
        marks = doc._.quoted_spans if Doc.has_extension("quoted_spans") and doc._.quoted_spans is not None \
            else find_quoted_spans(doc_text(doc))
        spans += [(max(m.start, start), min(m.end, end)) for start, end in mixed for m in marks
                  if m.start < end and start < m.end]
    return spans


def _possessive(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is a possessive ("Obama's plan")."""
    return text[end:end + 2] in ("'s", "’s") or text[end - 2:end] in ("'s", "’s") or text[end - 1:end + 1] in ("s'", "s’")


def _names_a_place_or_medium(head: Span, table: EntityTable) -> bool:
    """ "Officials in New York said", "announced on Twitter": a mention governed by a locative
    preposition says where or through what something was said, not who said it."""
    root = _root(head)
    if root.dep_ != "pobj" or fold(root.head.text) not in LOCATIVE_PREPOSITIONS or (
            root.ent_type_ == "PERSON" and fold(root.text) not in PLATFORMS):
        return False  # a person is no place nor medium ("into the U.S. / Chris Christie added": a parse slip)
    if fold(root.text) not in PLATFORMS and table.person_named_at(root.idx) is not None:
        return False  # "Pressure rises on Trump" in a headline: a name of the table's persons heads it
    if fold(root.text) in PRONOUN_GENDER:
        return False  # "the pressure on her to say whether she agrees": a he/she is a person, no place
    if fold(root.lemma_) in DOCUMENT_HEADS and (owner := possessor(root)) is not None and (
            table.person_named_at(owner.idx) is not None):
        return False  # "cited in Trump's tweet": the words a person's tweet carried are the person's
    # "a report in The Wall Street Journal", "an article in Politico": the publication that carried it.
    return not (fold(root.head.head.lemma_) in DOCUMENT_HEADS and root.ent_type_ not in ("GPE", "LOC"))


# Words that make a mention a share of a group: "75 percent of Democrats", "Half of Vermont Democrats",
# "Both of his GOP senators", "A handful of skywriters", "More than half of Clinton's address".
QUANTITIES = frozenset("""percent per cent % half quarter third thirds fifth majority majorities most all some many
    few handful number share plurality minority bulk none each both either neither one two three four five six
    seven eight nine ten dozen dozens hundreds thousands millions""".split())
HEDGES = frozenset("a an the only about nearly almost roughly around more less than just over under full large "
                   "small slim narrow overwhelming vast at least".split())


def _portion(head: Span) -> bool:
    """A share of a group or of a thing, as a poll reports it: nobody the article names ("75 percent of
    Democrats" is not the party; "Half of Vermont Democrats" is not Vermont)."""
    words = [fold(t.text) for t in head if not t.is_space]
    if "of" not in words:
        return False
    before = words[:words.index("of")]

    def number(word: str) -> bool:
        return word.replace(".", "").replace(",", "").isdigit()
    return any(w in QUANTITIES or number(w) for w in before) and all(
        w in QUANTITIES or w in HEDGES or number(w) for w in before)


def _trailing_person(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """A role before a name is that person: "Tulsa police Chief Chuck Jordan", "U.S. Ambassador to the U.N.
    Linda Thomas-Greenfield", "the Democratic candidate Hillary Clinton" (the name ends the phrase, so it
    heads it). After "by" the phrase is something the person wrote ("a study by professor Justin Levitt")."""
    tokens = [t for t in head if not (t.is_punct or t.is_space)]
    if len(tokens) < 2:
        return None
    end = tokens[-1].idx + len(tokens[-1])
    ent = next((e for start, stop, e in ctx.persons if stop == end and start > head.start_char), None)
    if ent is None:
        return None
    before = [fold(t.text) for t in head.doc[head.start:ent.start]]
    if not (words := name_tokens(ent.text)) or _coordinates_names(head.doc[head.start:ent.start]):
        return None  # "Mr. King and Mr. Schultz": a coordination is not headed by its last name
    if _object_of_preposition(head.doc, ent) and "by" not in before[-3:]:
        return None  # "Melissa Cronin of Gawker", "ties to both Clintons": the name hangs on the head
    if _object_of_a_participle(head, ent):
        return None  # "Several delegates supporting Sanders": the delegates speak, not the one they back
    return _person_of(ctx, ent, words, "proxy" if "by" in before else "name")


def _object_of_a_participle(head: Span, ent: Span) -> bool:
    """Whether a name ending a mention is the object of a verb inside it ("voters backing Trump", "lawyers
    representing the Clintons"): the verb's clause modifies the mention's head noun, which the name is not."""
    root = ent.root
    return is_parsed(root) and root.dep_ == "dobj" and root.head.pos_ == "VERB" and head.start <= root.head.i < ent.start


def _object_of_preposition(doc: Doc, ent: Span) -> bool:
    """Whether a name comes right after a preposition, past determiners and adjectives ("of Gawker", "to
    both Clintons", "from the late John Smith"; not "to the U.N. Linda Thomas-Greenfield", which the parse
    may hang on "to" all the same)."""
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ in ("DET", "ADJ", "NUM"):
        i -= 1
    return i >= 0 and doc[i].pos_ == "ADP"


def _coordinates_names(before: Span) -> bool:
    """Whether the words before a name hold a coordination of names ("Mr. King and Mr. Schultz"), not of
    roles ("English comedian and actor Peter Serafinowicz": one person with two roles)."""
    coordinator = next((t.i for t in before if fold(t.text) in {"and", "or", "&"}), None)
    if coordinator is None:
        return False
    # A possessive says whose roles they are, not a second person ("Clinton's pollster and strategist Joel
    # Benenson" is Benenson), and a title before the coordinator coordinates roles ("Fox News Vice President
    # and Washington Managing Editor Bill Sammon").
    if coordinator > before.start and fold(before.doc[coordinator - 1].text).rstrip(".") in TITLES | ROLE_SYNONYMS.keys():
        return False
    return any((t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and not _possessed(t)
               for t in before.doc[before.start:coordinator])


def _possessed(token: Token) -> bool:
    """Whether a name word is (the end of) a possessive: "Clinton's", "Sanders'"."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.tag_ == "POS" or (following is not None and following.tag_ == "POS") or (
        _possessive(doc_text(token.doc), token.idx + len(token.text)))


def _person_of(ctx: ResolutionContext, ent: Span, words: list[str], how: MentionKind) -> Resolution:
    """The article's person named by ``ent`` (registered now if the table missed it)."""
    entity = ctx.table.entity_at(ent.start_char, ent.end_char)
    if entity is None or entity.kind != "person":
        entity = ctx.table.add_person(ent, words)
    if entity is None:
        return Resolution.unknown()
    return _same_generation(ent, _of(entity, how))


def _named_appositive(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """ "conservative commentator Jonah Goldberg of the National Review": a common noun whose appositive
    (in the parse, no comma) is a person's name is that person, whatever follows the name. Only an
    appositive: "a spokesman for Senator John Doe" (an object) stays the spokesman."""
    root = _root(head)
    if root.pos_ != "NOUN" or not is_parsed(root):
        return None
    heads = [root, *(c for c in root.children if c.dep_ == "conj")]  # "mogul and ... star Donald Trump"
    appositive = next((c for h in heads for c in h.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                       and head.start <= c.i < head.end), None)
    if appositive is None or any(t.text == "," for t in head.doc[root.i:appositive.i]):
        return None  # "the senator, Mr. X's rival": a set-off apposition is _resolve_apposition's
    ent = next(e for _, _, e in ctx.persons if e.start <= appositive.i < e.end)  # a PERSON token's entity
    if ent.start < head.start or not (words := name_tokens(ent.text)) or _coordinates_names(head.doc[head.start:ent.start]):
        return None
    return _person_of(ctx, ent, words, "name")


def _head_part(span: Span) -> Span:
    """The mention up to its first comma, parenthesis or relative clause ("Phil Smith, a spokesman ..."); a
    parenthesis inside a title runs on ("Maricopa County (Ariz.) Sheriff Joe Arpaio")."""
    for token in span:
        if token.i > span.start and (token.text in {",", "—", "--", "–"} or fold(token.text) in RELATIVE or (
                token.text == "(" and not _parenthesis_inside_name(span, token))):
            return span.doc[span.start:token.i]
    return span


def _parenthesis_inside_name(span: Span, opening: Token) -> bool:
    """Whether a short parenthesis is followed, in the mention, by more of the name: a capitalised word."""
    closing = next((t for t in span.doc[opening.i + 1:min(opening.i + 6, span.end)] if t.text == ")"), None)
    following = span.doc[closing.i + 1] if closing is not None and closing.i + 1 < span.end else None
    return following is not None and following.pos_ == "PROPN" and following.text[:1].isupper()


NOT_NAME_POS = frozenset({"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART"})


def _proper_runs(span: Span, table: EntityTable) -> list[list[Token]]:
    """Runs of name words in a mention: proper nouns, capitalised words inside a named entity or known to
    the article's entity table (a sentence-initial "Trump" the tagger calls a verb)."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    tagged = span.doc.has_annotation("TAG") or span.doc.has_annotation("POS")
    for token in span:
        capitalised = token.text[:1].isupper() or (
            not run and token.pos_ == "PROPN" and _glued_to_capital(token.text))
        if run and token.is_space:
            continue  # a no-break space inside "Angela Merkel" does not end the name
        if (run and _capitals_go_on(run, token)) or (token.pos_ == "PROPN" and capitalised) or (capitalised and not tagged and fold(token.text) not in DEFINITE) or (run and token.text in {".", "-"}) or (
                capitalised and token.pos_ not in NOT_NAME_POS and (token.ent_type_ or table.knows_word(token.text))) or (
                capitalised and _name_taken_for_pronoun(token, table)) or _name_taken_for_number(token, table):
            run.append(token)
        elif run:
            runs.append(run)
            run = []
    return runs + [run] if run else runs


def _run_ending_at(span: Span, table: EntityTable, i: int) -> list[Token] | None:
    """The run of name words of ``span`` whose last word is token ``i`` (the owner before a possessive mark)."""
    return next((r for r in _proper_runs(span, table) if r[-1].i == i), None)


def _capitals_go_on(run: list[Token], token: Token) -> bool:
    """ "JAKE TAPPER: ...": a noun in capitals after a run of name words in capitals (a transcript's label)
    goes on with the name, whatever the tagger read it as."""
    return token.pos_ in ("NOUN", "PROPN") and token.is_upper and token.is_alpha and len(token.text) > 1 and all(
        t.is_upper and t.is_alpha for t in run)


def _glued_to_capital(text: str) -> bool:
    """ "-Megan Clarke writes ...", "-Michelle Marks, Leeds." opening a list item or signing a letter: a dash
    the tokenizer left on a name's first word; the name starts after it."""
    rest = text.lstrip("-–—")
    return len(rest) < len(text) and rest[:1].isupper() and rest.isalpha()


def _name_taken_for_pronoun(token: Token, table: EntityTable) -> bool:
    """ "O’Malley said": a surname of the article's the tagger calls a pronoun (it reads "O’" as one) is
    still the name; a real pronoun ("It", "His") is no name the table knows."""
    return token.pos_ == "PRON" and len(token.text) > 3 and table.knows_word(token.text)


def _name_taken_for_number(token: Token, table: EntityTable) -> bool:
    """ "FALLIN: Well, I think ...": a surname of the article in capitals (a transcript's speaker label) the
    tagger calls a number is still the name; a number written in words is no name the table knows."""
    return token.pos_ == "NUM" and token.is_alpha and token.text[:1].isupper() and table.knows_word(token.text)


def _proper_run(span: Span, table: EntityTable, first: bool = False) -> list[Token] | None:
    """The run of name words that heads the mention ("Latvian journalist Dainis Ivans" -> Dainis Ivans):
    the one holding the syntactic root, else the last one (the first one with ``first``)."""
    runs = _proper_runs(span, table)
    if not runs:
        return None
    root = span.root if is_parsed(span.root) else None
    if root is not None:
        return next((r for r in runs if root in r), runs[0] if first else runs[-1])
    return runs[0] if first else _before_first_preposition(span, runs)


def _before_first_preposition(span: Span, runs: list[list[Token]]) -> list[Token]:
    """Without a parse, the run heading the mention: the last before its first preposition, since a noun
    phrase's head comes before the phrases hanging on it ("Melissa Cronin of Gawker", "Sheriff Joe Arpaio of
    Maricopa County"); the last run when no run precedes one ("a spokesman for Senator John Doe")."""
    preposition = next((t.i for t in span if t.pos_ == "ADP" and t.i > runs[0][-1].i), None)
    before = [r for r in runs if preposition is not None and r[-1].i < preposition]
    return before[-1] if before else runs[-1]


def _root(span: Span) -> Token:
    return span.root if is_parsed(span.root) else span[-1]


def _quantifier(token: Token) -> bool:
    """A quantifier adjective ("Many in Trump's audience") or an indefinite pronoun ("Not everyone at
    Clinton's rally"; not "We")."""
    return token.pos_ == "ADJ" or (token.pos_ == "PRON" and token.tag_ == "NN")


def _headed_by_common_noun(span: Span, table: EntityTable) -> bool:
    """ "Federal and state officials", "a complaint filed by Vermont", "Developers and supporters in
    Congress", "one of Mr. Obama's advisers": names only modify a common noun (capitalised or not at the
    start of a sentence) or a number."""
    root = _root(span)
    if root.pos_ == "NUM":
        return not _name_taken_for_number(root, table)
    if _quantifier(root) and is_parsed(root) and not root.ent_type_ and not table.knows_word(root.text) and (
            root.text.islower() or root.i == span.start) and any(t.tag_ == "POS" for t in span if t.i > root.i):
        # "Not everyone at Clinton's rally", "Many in Trump's audience": the name owns what they are in (not
        # "many in the GOP", members of the party speaking for it)
        return True
    if root.pos_ != "NOUN" or root.ent_type_ or (root.text[:1].isupper() and table.knows_word(root.text)):
        return False  # a sentence-initial "Sanders" the tagger calls a noun is still a name
    return root.text.islower() or root.i == span.start or root.is_sent_start


# Prepositions that set a place inside a description of someone ("a woman adopted from Iran", "a man born in Peru").
PLACE_PREPOSITIONS = frozenset({"from", "in"})


def _place_of_a_person_noun(head: Span, run: list[Token]) -> bool:
    """ "One woman adopted from Iran in the early 1970s": a place after "from"/"in" in a description headed
    by a common noun is where the person comes from, not the speaker (the parse may make the participle the
    mention's root, so the noun does not head it)."""
    first = run[0]
    if first.i <= head.start or fold(head.doc[first.i - 1].text) not in PLACE_PREPOSITIONS:
        return False
    if first.ent_type_ not in ("GPE", "LOC"):
        return False
    before = head.doc[head.start:first.i - 1]
    # Not "his famous demand in Berlin": a possessed noun is the owner's words, the name beside it may be theirs.
    return not any(t.tag_ == "PRP$" for t in before) and any(t.pos_ == "NOUN" and t.text.islower() for t in before)


def _resolve_run(ctx: ResolutionContext, head: Span, run: list[Token]) -> Resolution:
    """The speaker a mention's run of name words names: a person's office, the name itself, or nobody for
    the place a description of someone sets (`_place_of_a_person_noun`)."""
    if _place_of_a_person_noun(head, run):
        return Resolution.unknown()
    return _possessive_office(ctx, head, run) or _resolve_named(ctx, head, run)


def _unnamed_member(head: Span) -> bool:
    """ "One Republican", "At least one Democrat": someone of a group, not the group ("many Democrats"
    are still Democrats speaking)."""
    root = _root(head)
    return root.ent_type_ == "NORP" and not root.text.endswith("s") and any(fold(t.text) in UNNAMED_DETERMINERS for t in head[:3] if t.i < root.i)


def _possessor(table: EntityTable, head: Span) -> Span | None:
    """The name that owns the proxy or document noun heading the mention, as a span of its own ("Dan
    Regan's memoir of his Reagan years" is Regan's, whatever names the phrase after the noun holds)."""
    root = _root(head)
    if not is_parsed(root):
        return None
    owner = possessor(root)  # None when there is none, and None is in no run
    run = next((r for r in _proper_runs(head, table) if owner in r), None)
    return head.doc[run[0].i:run[-1].i + 1] if run else None


def _resolve_proxy(ctx: ResolutionContext, head: Span, run: list[str]) -> Resolution:
    """ "The Clinton campaign", "a spokeswoman for Hillary Clinton": words said on a person's behalf are
    attributed to that person (as news style and PolNeAR do), at a lower confidence."""
    owner = _possessor(ctx.table, head)
    name = owner if owner is not None else head.doc[run[0].i:run[-1].i + 1]
    if _modifies_an_organisation_noun(name, head):
        return Resolution.unknown()
    result = _resolve_named(ctx, owner, list(owner)) if owner is not None else _resolve_named(ctx, head, run)
    document = fold(_root(head).lemma_) in DOCUMENT_HEADS
    if result.kind == "organization" and _spokesperson_of(name, head):
        # "A spokeswoman for YouTube", "an Intel spokesman": a spokesperson's words are the organisation's.
        return Resolution(result.speaker, result.kind, "proxy", "proxy", result.entity)
    if result.kind != "person" and not (document and result.kind == "organization" and _authors(result, head)):
        return Resolution.unknown()  # "the Clinton campaign" speaks for a person; "a Politico report" for its author
    return Resolution(result.speaker, result.kind, "proxy", "proxy", result.entity)


def _modifies_an_organisation_noun(name: Span, head: Span) -> bool:
    """ "a Eugene police press release", "a Chicago police spokesman", "an Ohio health department report": a
    name standing before a common noun of an organisation (police, department, company) names where or
    whose that organisation is, and the release or spokesman speaks for the organisation, not for the place
    or person named (Eugene is a first name too); an organisation written in common nouns is no speaker of
    the table, so nobody. Not a person's own staff ("a Clinton campaign spokesman", "a Trump administration
    official": PROXY_HEADS speak for the person), nor a capitalised name ("a Texas Department of Health
    report" is the department's)."""
    root = _root(head)
    if not name.end <= root.i:
        return False
    between = head.doc[name.end:root.i]
    return any(t.text.islower() and t.pos_ == "NOUN" and fold(t.lemma_ or t.text) in ORG_HEAD_NOUNS
               and fold(t.text) not in PROXY_HEADS for t in between)


AUTHOR_PREPOSITIONS = frozenset({"by", "from", "in", "at", "on"})
# Nouns of one who speaks for an organisation by office: its words are the organisation's.
SPOKESPERSON_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _spokesperson_of(name: Span, head: Span) -> bool:
    """Whether a mention headed by a spokesperson noun speaks for the organisation ``name`` in it names: the
    name modifies the noun or is the object of "for" or "at" governed by it ("A spokeswoman for YouTube", "an
    Intel spokesman"; not "a spokesman at a rally in Ohio", "a spokesman who praised NATO"). Unparsed, no."""
    noun = _root(head)
    if fold(noun.lemma_ or noun.text) not in SPOKESPERSON_HEADS or noun.tag_ != "NN":
        return False
    return _governed_by(name, noun, frozenset({"for", "at"}), unparsed=False)


def _spokesperson_mention(mention: Span) -> bool:
    """Whether a speaker mention is headed by a spokesperson noun ("A spokeswoman for YouTube")."""
    noun = _root(_head_part(mention))
    return fold(noun.lemma_ or noun.text) in SPOKESPERSON_HEADS


def _governed_by(name: Span | None, noun: Token, prepositions: frozenset[str], unparsed: bool = True) -> bool:
    """Whether a name modifies ``noun`` or is the object of one of the ``prepositions`` governed by it;
    ``unparsed`` when the parse or the name is missing."""
    if name is None or not (is_parsed(noun) and is_parsed(name.root)):
        return unparsed
    governor = name.root.head
    for _ in range(3):  # through the rest of a compound name: "a Reuters/Ipsos poll", "a CNN/ORC poll"
        if governor == noun or governor.pos_ not in ("PROPN", "PUNCT", "SYM") or governor.head == governor:
            break
        governor = governor.head
    return governor == noun or (
        fold(governor.text) in prepositions and governor.dep_ == "prep" and governor.head == noun)


def _authors(result: Resolution, head: Span) -> bool:
    """Whether the organisation named in a document mention made it: its name modifies the document noun
    ("a Quinnipiac University poll") or is the object of by/from/in governed by it ("a letter from the
    American Legion", "an article in Politico"); not the sample or the subject ("a poll of Indiana voters",
    "a report in a New Hampshire paper": the paper, unnamed, wrote it). Without a parse, or when the name
    is not found in the mention, it is taken, as before."""
    mention = next((m for m in result.entity.mentions if head.start_char <= m.start and m.end <= head.end_char),
                   None) if result.entity is not None else None
    name = head.doc.char_span(mention.start, mention.end) if mention else None
    return _governed_by(name, _root(head), AUTHOR_PREPOSITIONS)


def _resolve_pronoun(ctx: ResolutionContext, word: str, start: int) -> Resolution:
    gender = PRONOUN_GENDER.get(word)
    table = ctx.table
    if gender:
        if ctx.previous_unnamed_speaker(start, gender) or ctx.previous_unresolved_description(start, gender):
            return Resolution.unknown()
        entity = _coordinated_subject(ctx, start, gender) or _pronoun_antecedent(ctx, start, gender)
        if entity is None or _not_the_role_holder(ctx, start, gender, entity):
            return Resolution.unknown()
        last = max((m for m in entity.mentions if m.start < start and m.via == "name"), default=None,
                   key=lambda m: m.start)
        far = last is None or ctx.layout.paragraph_at(last.start) < ctx.layout.paragraph_at(start) - 1
        return _of(entity, "pronoun", "pronoun_far" if far else "pronoun")
    if word in PLURAL_OR_NEUTER:
        # "it"/"they" speak for an organisation only when it was a subject close by (or the previous
        # speaker): "... assigned its own plan" after a list of companies names none of them. A group named
        # by a plural ("Hispanics", "Catholic Republicans") is many people, not one that speaks: its "they"
        # names nobody, as "voters" or "critics" would not; a party's members ("Democrats") may speak as
        # the party.
        previous = ctx.previous[1] if ctx.previous else None
        entity = table.salient(start, lambda e: float(e.kind == "organization" and (
            not e.group or fold(e.name) in PARTY_PLURALS) and (e is previous or table.subject_within(e, start, 1))),
            ctx.previous_bonus(start), window=1)
        if entity is None or (word == "it" and _previous_subject_is_another_thing(ctx, start, entity)):
            return Resolution.unknown()
        if word in PLURAL_PRONOUNS and _many_named_since(ctx, start, entity):
            return Resolution.unknown()
        return _of(entity, "pronoun")
    return Resolution.unknown()


def _many_named_since(ctx: ResolutionContext, start: int, entity: Entity) -> bool:
    """Whether a "they" has people in the plural nearer than the organisation chosen for it: a group the
    article names by a plural ("Americans", "Hispanics") or a plural noun subject ("voters", "the workers")
    after the organisation's last mention, in the pronoun's sentence or the one before ("The hashtag, which
    user @Foo created, ... There are a lot of Americans who ..., so they're voting ...": the Americans, not
    @Foo). They are as likely the ones meant, and a wrong name is worse than none."""
    doc, layout = ctx.doc, ctx.layout
    last = max((m.end for m in entity.mentions if m.start < start), default=-1)
    first = layout.sentence_tokens(doc, max(layout.sentence_at(start) - ctx.table.weights.plural_reach, 0)).start_char
    since = max(last, first)
    if any(other is not entity and other.group and any(since <= m.start < start for m in other.mentions)
           for other in ctx.table.entities):
        return True
    pronoun = layout.token_at(start)
    return any(t.tag_ in ("NNS", "NNPS") and t.dep_ in ("nsubj", "nsubjpass") and is_parsed(t)
               and not ctx.table.inside_quote(t.idx, t.idx + 1)
               for t in doc[layout.token_at(since):pronoun] if t.idx >= since)


def _previous_subject_is_another_thing(ctx: ResolutionContext, start: int, entity: Entity) -> bool:
    """Whether an "it" opening a sentence follows one, in its paragraph, whose subject is a singular noun
    that names no one the article names: "The appeals court rejected Amazon's stance. It noted
    that ...": "it" is the court (the previous subject), not the possessor named in passing. A wrong name is
    worse than none: no name then."""
    doc, layout = ctx.doc, ctx.layout
    pronoun = doc[layout.token_at(start)]
    index = layout.sentence_of_token[pronoun.i]
    if not is_parsed(pronoun) or pronoun.dep_ != "nsubj" or index == 0 or pronoun.i != layout.sentence_bounds[index][0]:
        return False
    sentence = layout.sentence_tokens(doc, index - 1)
    if not len(sentence) or layout.paragraph_at(sentence[0].idx) != layout.paragraph_at(start):
        return False
    root = sentence.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not is_parsed(subject) or subject.tag_ not in ("NN", "NNP") or subject.ent_type_ == "PERSON":
        return False
    # A subject the table names no one by ("the appeals court", "Amazon's stance": its head noun); or
    # another organisation, when the sentence names the one chosen only as a possessor ("The Appellate
    # Court rejected Amazon's stance"). A named subject with the chosen one named otherwise is salience's
    # to weigh ("X did ..., according to Y. It said ...": Y, rightly).
    named = ctx.table.entity_at(subject.idx, subject.idx + len(subject.text), subject.idx)
    if named is None:
        return True
    if named is entity or named.kind != "organization":
        return False
    first, end = sentence[0].idx, sentence[-1].idx + len(sentence[-1].text)
    inside = [m for m in entity.mentions if first <= m.start < end]
    return bool(inside) and all(_possessive_at(doc, layout, m.end) for m in inside)


def _possessive_at(doc: Doc, layout: Layout, char: int) -> bool:
    token = layout.token_at(char)
    return token < len(doc) and doc[token].idx == char and doc[token].tag_ == "POS"


def _coordinated_subject(ctx: ResolutionContext, start: int, gender: Gender) -> Entity | None:
    """ "Trump denied that he meant it, and he pointed to his poll numbers": a he/she subject of a verb
    coordinated with the verb before it in the same sentence is that verb's subject when a person of the
    table of no other gender is named there (a previous speaker does not come between them)."""
    doc = ctx.doc
    pronoun = doc[ctx.layout.token_at(start)]
    verb = pronoun.head
    if not is_parsed(pronoun) or pronoun.dep_ != "nsubj" or verb.dep_ != "conj" or verb.head.i >= verb.i:
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.i >= pronoun.i:
        return None
    entity = ctx.table.entity_at(subject.left_edge.idx, subject.idx + len(subject.text), subject.idx)
    if entity is None or entity.kind != "person" or entity.gender_at(start) not in (None, gender):
        return None
    return entity


def _not_the_role_holder(ctx: ResolutionContext, start: int, gender: Gender, entity: Entity) -> bool:
    """Whether the he/she right after a role nobody was found for ("the prime minister said ... he added")
    would go to someone else than the article's holders of that role: the article named a prime minister,
    so "he" is that one still, not the last man named (a wrong name is worse than none). A person who
    holds the role, or a role the article gave nobody, leaves the pronoun to salience."""
    role = ctx.previous_unresolved_role(start, gender)
    return role is not None and role not in entity.roles and ctx.table.role_given(start, role)


def _pronoun_antecedent(ctx: ResolutionContext, start: int, gender: Gender) -> Entity | None:
    """The learned ranker's best candidate when it ships and is enabled (None below its probability
    threshold), else the rules' most salient agreeing person; either way, with no candidate in reach, the
    one person of that gender the article named before, if there is only one."""
    ranker = ctx.ranker
    bound = ctx.table.bound_out(start)  # never lifted: the grammar rules them out
    excluded = ctx.named_in_current_words(start) | bound
    if (topic := _as_for_topic(ctx, start, gender)) is not None:
        return topic
    if ranker is None:
        bonus = ctx.previous_bonus(start, gender)
        lone = not ctx.previous_speaker_not_a_person(start)
        entity = ctx.table.pronoun_antecedent(start, gender, bonus, excluded, lone)
        if excluded and (entity is None or not ctx.at_hand(entity, ctx.current)):
            # No one else at hand: the words introduce their own speaker ("Former Rep. Chris Shays was
            # for Kasich while he ran, he said", the paragraph's first words).
            entity = ctx.table.pronoun_antecedent(start, gender, bonus, bound, lone_fallback=lone)
        return entity
    found = [c for c in candidates(ctx, start, gender) if c.entity.id not in excluded]
    if not found:
        return ctx.table.pronoun_antecedent(start, gender, {}, excluded)
    entity, probability = ranker.best(found)
    return entity if probability >= ctx.config.pronoun_min_probability else None


def _as_for_topic(ctx: ResolutionContext, start: int, gender: Gender) -> Entity | None:
    """ "As for Trump, he said ...": a sentence opening on "As for" and a person, the pronoun right after
    the comma, shifts the topic to that person, whoever spoke the quotation before."""
    doc, layout = ctx.doc, ctx.layout
    token = layout.token_at(start)
    sentence_start = layout.sentence_tokens(doc, layout.sentence_at(start)).start
    words = [t for t in doc[sentence_start:token] if not t.is_space]
    if len(words) < 4 or [fold(t.text) for t in words[:2]] != ["as", "for"] or words[-1].text != ",":
        return None
    name = doc[words[2].i:words[-1].i]
    entity = ctx.table.entity_at(name.start_char, name.end_char)
    if entity is None or entity.kind != "person" or entity.gender_at(start) not in (None, gender):
        return None
    return entity


def _described(token: Token) -> Token:
    """Who a predicate noun or an apposition describes: "Kaine is a former lawyer who ..." -> Kaine."""
    for _ in range(3):
        if token.dep_ == "appos":
            token = token.head
        elif token.dep_ == "attr":
            subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                break
            token = subject
        else:
            break
    return token


def _resolve_relative(ctx: ResolutionContext, start: int) -> Resolution:
    """ "X, who said": the noun the relative clause hangs on when parsed (an entity's name, else nobody:
    "officials who said"); unparsed, the entity mentioned closest before it in its sentence."""
    pronoun = ctx.doc[ctx.layout.token_at(start)]
    if is_parsed(pronoun) and pronoun.head.dep_ == "relcl":
        antecedent = _described(pronoun.head.head)
        entity = next((e for (s, end), e in ctx.table.by_span.items() if s <= antecedent.idx < end), None)
        if entity is not None:
            return _of(entity, "name" if entity.kind == "person" else "organization")
        if antecedent.pos_ != "PROPN":
            return Resolution.unknown()
    sentence = ctx.layout.sentence_at(start)
    best = None
    for (s, e), entity in ctx.table.by_span.items():
        if e <= start and start - e <= 40 and ctx.layout.sentence_at(s) == sentence:
            if best is None or s > best[0]:
                best = (s, entity)
    return _of(best[1], "name" if best[1].kind == "person" else "organization") if best else Resolution.unknown()


def _resolve_named(ctx: ResolutionContext, head: Span, run: list[Token]) -> Resolution:
    return _same_generation(head.doc[run[0].i:run[-1].i + 1], _resolve_named_run(ctx, head, run))


GENERATIONS = frozenset({"jr", "sr"})


def _same_generation(name: Span, result: Resolution) -> Resolution:
    """The result, unless the name ends in "Jr." or "Sr." and the person found is one the article also
    names in full without that suffix ("Donald Trump won ... His son Donald Jr. announced"): the table took
    father and son for one person, and the suffix says which. Then the suffixed full name the article
    gives ("Donald Trump Jr."), else the name as written. A bare "King" beside "Martin Luther King Jr." is
    no second person."""
    doc = name.doc
    last = doc[name.end] if name.end < len(doc) and fold(doc[name.end].text).rstrip(".") in GENERATIONS else name[-1]
    suffix = fold(last.text).rstrip(".")
    if result.entity is None or result.kind != "person" or suffix not in GENERATIONS:
        return result
    text = doc_text(doc)
    plain, suffixed = False, None
    for m in result.entity.mentions:
        if m.via != "name" or name.start_char <= m.start <= last.idx:
            continue
        words = name_tokens(text[m.start:m.end])
        if len(words) < 2:
            continue
        if suffix in {fold(w).rstrip(".,") for w in text[m.start:m.end + 5].split()}:
            suffixed = suffixed or words
        else:
            plain = True
    if not plain:
        return result
    if suffixed:
        return Resolution(" ".join([*suffixed, suffix.capitalize() + "."]), None, "name", "untagged_name")
    words = [w for w in doc[name.start:last.i + 1].text.split() if fold(w).rstrip(".") not in TITLES]
    return Resolution(" ".join(words), None, "name", "untagged_name")


def _resolve_named_run(ctx: ResolutionContext, head: Span, run: list[Token]) -> Resolution:
    table = ctx.table
    platform = org_tokens(head.doc[run[0].i:run[-1].i + 1].text)
    if fold(" ".join(platform)) in PLATFORMS:  # "Twitter said it would ...": the company, whatever the tagger says
        if _modifies_a_common_noun(head, run):
            return Resolution.unknown()  # "Another Twitter user @JaneDoe": a user, not the company
        if (owner := _platform_owner(ctx, head, run)) is not None:
            return owner
        return Resolution(" ".join(platform), "organization", "organization", "organization")
    # Unparsed, the name's last word heads it ("Nell Carden Grey" is not the "Nell" the tagger made an ORG).
    root = _past_possessor(head, head.root if is_parsed(head.root) else run[-1])
    entity = table.entity_at(head.start_char, head.end_char, root.idx)
    if entity is not None and (root.pos_ != "PROPN" or _holds(entity, root)):
        return _of(entity, "name" if entity.kind == "person" else "organization")
    run_span = head.doc[run[0].i:run[-1].i + 1]
    words = run_span.text.split()  # the text, not the tokens: "Holtz-Eakin" is one word
    labels = {ent.label_ for ent in run_span.ents} | {t.ent_type_ for t in run if t.ent_type_}
    person_words = name_tokens(" ".join(words))
    gender = honorific_gender([t.text for t in head])
    if len(person_words) == 1 and table.person_named(person_words, head.start_char, gender) is None and (
            sum(fold(person_words[0]) in e.surnames for e in table.entities if e.kind == "person") > 1):
        return Resolution.unknown()  # a surname two persons share, nothing settling which: nobody
    # A surname the tagger calls an organisation ("Schiff said") is still the person the article named.
    if ("ORG" not in labels or len(person_words) == 1) and (
            entity := table.person_named(person_words, before=head.start_char, gender=gender)):
        return _of(entity, "name")
    if not _plural_common_noun(table, run, labels) and (
            entity := table.organization_named(org_tokens(" ".join(words)), group=labels == {"NORP"})):
        return _of(entity, "organization")
    if len(person_words) == 1 and (full := ctx.untagged_names.get(fold(person_words[0]))):
        # "Roman Smbatyan stated ... Smbatyan added": the surname of a full name no tagger called a person's,
        # which an earlier quotation's speaker was.
        return Resolution(full, None, "name", "untagged_name")
    result = _resolve_unregistered(table, head, run, labels, words, person_words)
    if result.how == "untagged_name" and len(person_words) > 1:
        ctx.untagged_names.setdefault(fold(person_words[-1]), result.speaker)
    return result


def _plural_common_noun(table: EntityTable, run: list[Token], labels: set[str]) -> bool:
    """ "Voters will also decide ...", "Scientists said": one capitalised plural the tagger calls a common
    noun and no name, a sentence's capital, that the article also writes in lower case ("younger voters");
    no short form of the organisation whose name it ends ("League of Women Voters", "Union of Concerned
    Scientists"), which a writer shortens to a name, not to its noun ("Forbes", never in lower case, is)."""
    if len(run) != 1 or labels or run[0].pos_ != "NOUN" or run[0].tag_ != "NNS":
        return False
    return table.written_in_lower_case(run[0].text) or table.written_in_lower_case(run[0].lemma_)


def _past_possessor(head: Span, root: Token) -> Token:
    """ "Fox News’ Bret Baier noticed": a possessor never heads its phrase, whatever the parse says (it may
    make both names subjects of the verb): the name after the possessive mark does, its last word."""
    doc = head.doc
    mark = root.i + 1
    if mark >= head.end - 1 or doc[mark].text not in POSSESSIVE_MARKS or root.pos_ != "PROPN":
        return root
    last = mark
    while last + 1 < head.end and doc[last + 1].pos_ == "PROPN":
        last += 1
    return doc[last] if last > mark else root


def _platform_owner(ctx: ResolutionContext, head: Span, run: list[Token]) -> Resolution | None:
    """ "From Bush's Facebook post: ...", a mention that stops at the platform: a person's name and its
    possessive right before, a document or account noun right after, is that person's message (a proxy),
    not the company's words."""
    doc, first = head.doc, run[0].i
    after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
    if after is None or not after.text.islower() or fold(after.lemma_ or after.text) not in DOCUMENT_HEADS | ACCOUNT_NOUNS:
        return None
    if first < 2 or doc[first - 1].text not in POSSESSIVE_MARKS:
        return None
    start = first - 2
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    if doc[first - 2].pos_ != "PROPN":
        return None
    owner = doc[start:first - 1]
    result = _resolve_named_run(ctx, owner, list(owner))
    if result.kind != "person":
        return None
    return Resolution(result.speaker, result.kind, "proxy", "proxy", result.entity)


HANDLE = re.compile(r"@\w{1,30}")


def _account_handle(span: Span) -> Resolution | None:
    """ "Twitter user @JaneDoe", "another user, @jane_doe,": the account a noun of a user introduces is the
    speaker, by its handle (it names whoever writes there, person or group); a handle alone is left to the
    names it may stand for."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(words) < 2 or not HANDLE.fullmatch(words[-1].text):
        return None
    noun = words[-2]
    if noun.pos_ != "NOUN" or not noun.text.islower() or HANDLE.fullmatch(noun.text):
        return None
    return Resolution(words[-1].text, None, "name", "untagged_name")


ACCOUNT_NOUNS = frozenset({"page", "account", "feed", "profile", "channel", "video", "message"})


def _modifies_a_common_noun(head: Span, run: list[Token]) -> bool:
    """Whether the name words only modify the common noun right after them in the mention ("Twitter
    user", "a Facebook post")."""
    following = run[-1].i + 1
    return following < head.end and head.doc[following].pos_ == "NOUN" and head.doc[following].text.islower()


def _resolve_unregistered(table: EntityTable, head: Span, run: list[Token], labels: set[str], words: list[str],
                          person_words: list[str]) -> Resolution:
    """A name the entity table does not hold: an organisation, a person the tagger missed, or nobody.
    ``words``: the run's words as written; ``person_words``: their ``name_tokens``."""
    if _ends_in_role_acronym(words):
        return Resolution.unknown()  # "said a Labour MP", "the Tory MEP": a role nobody named here
    if labels == {"NORP"} and _name_shaped(run):
        labels = set()  # "Roman Smbatyan", "Rosette Pambakian": a name the tagger took for a nationality
    looks_person = "PERSON" in labels or honorific_gender(words) or (
        len(person_words) > 1 and first_name_gender(person_words[0]) is not None) or (
        not labels and len(person_words) > 1 and _described_as_someone(head)) or (
        not labels and _opens_with_title(words, person_words))
    titled = not looks_person and _titled(head, run, capital_only=bool(labels))
    if labels == {"NORP"} and not words[-1].endswith("s") and not titled:
        return Resolution.unknown()  # "American", "European": an adjective names no one
    if (labels & {"ORG", "NORP", "GPE", "FAC"} and not looks_person) or (titled and not labels - TITLED_LABELS):
        # "The Blaze reported", "according to The Federalist": a person's name takes no article; a name
        # that does is a publication's or an institution's.
        org_words = org_tokens(" ".join(words))
        if _bare_title(org_words):
            return Resolution.unknown()  # "The Archbishop" tagged ORG: a role nobody named, no organisation
        return Resolution(" ".join(org_words), "organization", "organization", "organization")
    if person_words and looks_person:
        # A person the tagger missed: into the table, so that later pronouns can find them.
        entity = table.add_person(head.doc[run[0].i:run[-1].i + 1], person_words)
        return _of(entity, "name") if entity else Resolution.unknown()
    if person_words and (_looks_like_a_name(person_words) or (not labels - {"PRODUCT"} and _proper_word(table, head, run))):
        return Resolution(" ".join(person_words), None, "name", "untagged_name")
    return Resolution.unknown()


# What the tagger calls a publication's name after a capital "The" ("The Blaze" a product, "The Atlantic" a
# place): as a speaker, it is the publication.
TITLED_LABELS = frozenset({"NORP", "PRODUCT", "WORK_OF_ART", "LOC"})


def _ends_in_role_acronym(words: list[str]) -> bool:
    """Capitalised words ending in a role written as capitals ("Labour MP", "SNP MSP", "Tory MEP"): the
    tagger may call the party a person, but the run names a role, neither a person nor an organisation."""
    last = words[-1].replace(".", "")
    return len(words) > 1 and len(last) > 1 and last.isupper() and fold(last) in ROLE_SYNONYMS


def _name_shaped(run: list[Token]) -> bool:
    """Two or more proper nouns, none a plural or an adjective: a person's name, whatever entity label the
    tagger gave it (a nationality is an adjective, "Armenian", or a plural, "Iraqi Kurds")."""
    words = [t for t in run if t.is_alpha]
    return len(words) > 1 and all(t.tag_ == "NNP" for t in words) and not words[-1].text.endswith("s")


def _described_as_someone(head: Span) -> bool:
    """ "Rosette Pambakian, a Tinder spokeswoman,": a name set off by an appositive "a/an ..." phrase ending
    in a role noun is a person's."""
    doc = head.doc
    if head.end + 2 >= len(doc) or doc[head.end].text != "," or fold(doc[head.end + 1].text) not in ("a", "an"):
        return False
    for token in doc[head.end + 2:head.end + 8]:
        if token.is_punct:
            return False
        if fold(token.lemma_ or token.text) in ROLE_SYNONYMS or fold(token.text) in ROLE_SYNONYMS:
            return True
    return False


def _titled(head: Span, run: list[Token], capital_only: bool = False) -> bool:
    """A definite article right before the name and nothing else ("The Blaze", "the Hill"), no title or
    role word in it: a person's name takes none ("the Rev. Al Sharpton" has a title). With
    ``capital_only``, only a capital "The" inside a sentence counts, as part of the name ("according to The
    Federalist", not "the American")."""
    before = [t for t in head if t.i < run[0].i and not t.is_space]
    if len(before) != 1 or fold(before[0].text) != "the" or any(
            fold(t.text).rstrip(".") in TITLES or fold(t.text) in ROLE_SYNONYMS for t in run):
        return False
    return not capital_only or (before[0].text == "The" and not before[0].is_sent_start)


def _opens_with_title(words: list[str], person_words: list[str]) -> bool:
    """ "-President Obama, tweeting after the speech" (a dash the tokenizer left on the title hides the name
    from the tagger), "Sen. Warren": a title, then capitalised name words, is a person's name."""
    return len(words) > len(person_words) >= 1 and fold(words[0].lstrip("-–—")).rstrip(".") in TITLES and all(
        w[:1].isupper() and not w.isupper() for w in person_words)  # not a headline in capitals


def _bare_title(words: list[str]) -> bool:
    """A lone title or role word ("Archbishop", "Minister"): it names neither an organisation nor a person."""
    return len(words) == 1 and (fold(words[0]).rstrip(".") in TITLES or fold(words[0]) in ROLE_SYNONYMS)


def _looks_like_a_name(words: list[str]) -> bool:
    """Capitalised words nobody tagged: a name only when several ("Beck Pimentel") or an acronym ("MSNBC");
    a lone "Judge", "Lawmaker" or "September" is not (a wrong name is worse than none)."""
    if len(words) > 1:
        return True
    word = words[0].replace(".", "")
    return len(word) > 1 and word.isupper() and fold(word) not in TITLES and fold(word) not in ROLE_SYNONYMS


def _proper_word(table: EntityTable, head: Span, run: list[Token]) -> bool:
    """The mention is one word the tagger calls a proper noun, no title or role, that the article never
    writes in lower case: a name nobody tagged ("Politico reported", "According to AZCentral"), not "Video"
    or "Poll", nor a word of a longer phrase ("Tuesday's Morning Email")."""
    words = [t for t in head if not (t.is_punct or t.is_space)]
    if len(run) != 1 or words != run or run[0].tag_ != "NNP" or not run[0].is_alpha or len(run[0].text) < 3:
        return False
    word = fold(run[0].text)
    return word not in TITLES and word not in ROLE_SYNONYMS and not table.written_in_lower_case(run[0].text)


CAMEL_CASE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")  # "RealClearPolitics", "FiveThirtyEight", "GoFundMe"


def _camel_case_name(table: EntityTable, head: Span) -> Resolution | None:
    """ "RealClearPolitics said", "According to FiveThirtyEight": one word with capitals inside it is a name
    (a site's, a firm's), never a common noun, though the tagger calls it one and no rule of names sees it;
    as for an untagged proper word, the name as written (speaker_kind null), unless the article writes it in
    lower case too."""
    words = [t for t in head if not (t.is_punct or t.is_space)]
    if len(words) != 1 or not CAMEL_CASE.fullmatch(words[0].text) or table.written_in_lower_case(words[0].text):
        return None
    if _proper_runs(head, table):
        return None  # "McCain", "YouTube" tagged as names: the name rules' (the article's person, the platform)
    return Resolution(words[0].text, None, "name", "untagged_name")


def _holds(entity: Entity, token: Token) -> bool:
    """Whether one of the entity's registered mentions covers the token."""
    return any(m.start <= token.idx < m.end for m in entity.mentions)


def _resolve_nominal(ctx: ResolutionContext, head: Span) -> Resolution:
    words = [fold(t.text) for t in head if not t.is_punct]
    if not words or words[0] in UNNAMED_DETERMINERS or words[0] not in DEFINITE:
        return Resolution.unknown()
    if len(words) == 4 and words[1].isdigit() and words[2:] == ["year", "old"]:
        return _resolve_age(ctx, head, int(words[1]))
    preposition = next((t for t in head[1:] if t.pos_ == "ADP"), None)
    if preposition is not None:
        return _resolve_role_of(ctx, head, preposition)
    last = head[-1]
    if last.tag_ in ("NNS", "NNPS"):
        return Resolution.unknown()  # "the officials": a group, not someone the article names
    noun = role_word(last)
    role = ROLE_SYNONYMS.get(noun)
    # The words qualifying the noun must be the article's too: "the foreign secretary" is the one named
    # "Foreign Secretary David Lammy", not the home secretary; "the appeals court" is not the Supreme Court.
    # A hyphenated role's own parts ("front-runner") qualify nothing.
    qualifiers = _role_qualifiers([fold(t.text) for t in head[1:hyphen_compound_start(last) - head.start]
                                   if not t.is_punct])
    table = ctx.table
    if role:
        gender = honorific_gender([last.text])
        former = bool(PAST_QUALIFIERS & set(words[1:-1]))
        entity = table.role_holder(head.start_char, role, qualifiers, gender, former)
        if entity is None and not table.role_given(head.start_char, role, qualifiers, former):
            entity = _epithet_of(ctx, head.start_char, role, last.text, gender, qualifiers)
        if entity is None:
            return Resolution.unknown()
        table.give_role(entity, role, qualifiers | {noun} | (PAST_QUALIFIERS & set(words)), head)
        return _of(entity, "nominal")
    if words[0] in ("his", "her") and noun in PERSONS_OWN:
        return Resolution.unknown()  # "Rubio said his campaign would respond": not the Campaign Legal Center
    if noun not in ORG_HEAD_NOUNS:
        return Resolution.unknown()  # "the economy", "the plan": no organisation however many names hold it
    entity = table.salient(head.start_char, lambda e: float(
        e.kind == "organization" and len(e.tokens) > 1 and {noun} | qualifiers <= {fold(t) for t in e.tokens}),
        window=table.weights.role_window)
    return _of(entity, "nominal") if entity else Resolution.unknown()


# What a person has, not an organisation with the word in its name: "his campaign", "her administration".
PERSONS_OWN = frozenset({"campaign", "administration", "camp"})


# Possessors that stand for an organisation or country the article named ("the company's chief executive" is
# "Tim Cook, Apple's chief executive"): they qualify nothing the person's titles must hold.
GENERIC_POSSESSORS = ORG_HEAD_NOUNS | frozenset("country nation state team club party province region".split())


def _role_qualifiers(words: list[str]) -> set[str]:
    """The words before a role noun its holder's titles must hold (folded): not the dating ones (former,
    new), a possessive mark, nor a generic possessor ("the company's", "the country's")."""
    kept = set()
    for i, word in enumerate(words):
        possessor = i + 1 < len(words) and words[i + 1] in POSSESSIVE_MARKS and word in GENERIC_POSSESSORS
        if word not in POSSESSIVE_MARKS and not possessor:
            kept.add(word.rstrip("."))
    return kept - TIME_QUALIFIERS


AGE_NOUN_BEFORE = re.compile(r"\b(?:the|this)\s+\d{1,3}\s*-\s*year\s*-\s*$", re.IGNORECASE)


def _with_age_noun(span: Span) -> Span:
    """The parse may give a cue only the last word of "the 25-year-old" for its subject ("old"): the
    mention is the whole noun."""
    if fold(span.text) != "old":
        return span
    found = AGE_NOUN_BEFORE.search(doc_text(span.doc), max(0, span.start_char - 20), span.start_char)
    expanded = span.doc.char_span(found.start(), span.end_char) if found else None
    return expanded if expanded is not None else span


MAX_AGE_PARAGRAPHS = 2  # how far back the previous speaker may be for "the 25-year-old"
AGE_AFTER_NAME = re.compile(r"\s*,\s*(\d{1,3})\b")


def _resolve_age(ctx: ResolutionContext, head: Span, age: int) -> Resolution:
    """ "the 25-year-old told the Guardian": the person the article gave that age ("Ivo Havranek, 43,"),
    else the one the passage is about: the previous quotation's speaker, at most a paragraph back. No
    other person is guessed at (a wrong name is worse than none)."""
    text = doc_text(ctx.doc)
    aged = [(m.start, e) for e in ctx.table.entities if e.kind == "person" for m in e.mentions
            if m.via == "name" and m.start < head.start_char
            and (found := AGE_AFTER_NAME.match(text, m.end)) is not None and int(found.group(1)) == age]
    if aged:
        return _of(max(aged, key=lambda pair: pair[0])[1], "nominal")
    if ctx.previous is None or ctx.previous[1] is None or ctx.previous[1].kind != "person":
        return Resolution.unknown()
    quote, entity = ctx.previous
    near = ctx.layout.paragraph_at(head.start_char) - ctx.layout.paragraph_at(quote.end) <= MAX_AGE_PARAGRAPHS
    named_since = any(other is not entity and other.kind == "person" and any(
        m.via == "name" and quote.end <= m.start < head.start_char for m in other.mentions)
        for other in ctx.table.entities)
    return _of(entity, "nominal") if near and not named_since else Resolution.unknown()


def _resolve_role_of(ctx: ResolutionContext, head: Span, preposition: Token) -> Resolution:
    """ "the former secretary of state", "The senator from Vermont": the noun before the preposition heads
    the phrase; a role noun is the person the article gave that role with the words after it too ("Former
    Secretary of State Hillary Clinton", "Vermont Sen. Bernie Sanders"). Any other noun is nobody ("the wife
    of the president" is not the president, "the head of the agency" not the agency)."""
    noun = head.doc[preposition.i - 1]
    role = ROLE_SYNONYMS.get(fold(noun.lemma_ or noun.text))
    if role is None or fold(preposition.text) not in ("of", "from") or noun.tag_ not in ("NN", "NNP"):
        return Resolution.unknown()
    before = {fold(t.text).rstrip(".") for t in head[1:preposition.i - head.start - 1] if not t.is_punct}
    after = {fold(t.text) for t in head.doc[preposition.i + 1:head.end] if t.is_alpha and not t.is_stop}
    qualifiers = (before | after) - TIME_QUALIFIERS
    gender = honorific_gender([noun.text])
    former = bool(PAST_QUALIFIERS & before)
    entity = ctx.table.role_holder(head.start_char, role, qualifiers, gender, former)
    if entity is None and fold(preposition.text) == "of" and not ctx.table.role_given(
            head.start_char, role, qualifiers, former):
        # "the former secretary of state" may be the story's person at hand; "the senator from Vermont"
        # names where the role is held, which only the person given that role can tell.
        entity = _epithet_of(ctx, head.start_char, role, noun.text, gender, qualifiers)
    if entity is None:
        return Resolution.unknown()
    ctx.table.give_role(entity, role, qualifiers | {fold(noun.text)} | (PAST_QUALIFIERS & before), head)
    return _of(entity, "nominal")


PARTY_WORDS = frozenset("""republican republicans gop democratic democrat democrats labour tory conservative
    liberal green greens independent socialist""".split())
PARTY_SPELLINGS = {"democratic": "democrat", "gop": "republican", "tory": "conservative"}


def _epithet_of(ctx: ResolutionContext, pos: int, role: str, noun: str, gender: Gender | None,
                qualifiers: set[str] = frozenset()) -> Entity | None:
    """The person a role noun names when nobody was given that role: the story's person at hand
    (``EntityTable.epithet_candidate``, the previous quotation's speaker weighing as for a pronoun), holding
    no other office, a subject in this sentence or the one before (or the previous quotation's speaker),
    and of the party a party qualifier names when the article gave the person one ("the Republican
    nominee" is no "Democrat")."""
    table = ctx.table
    # The previous quotation's speaker counts as for a pronoun, unless it asked: the one who answers is the
    # other ("“That would be you?” Borger asked. “...,” the senator said").
    asked = ctx.previous is not None and fold(ctx.previous[0].cue or "").startswith("ask")
    entity = table.epithet_candidate(pos, role, noun, gender, qualifiers, excluded=ctx.previous[1] if asked else None,
                                     bonus={} if asked else ctx.previous_bonus(pos))
    if entity is None:
        return None
    if role in ROLES_BESIDE_OFFICE:
        # "the candidate" of a campaign story is the one it is about, named at least as often as anyone so
        # far, not the campaign manager the last sentences were about.
        named = {e.id: sum(m.via == "name" and m.start < pos for m in e.mentions)
                 for e in table.entities if e.kind == "person"}
        if named.get(entity.id, 0) < max(named.values(), default=0):
            return None
    elif entity.roles and role not in entity.roles:
        return None  # "the senator" is not the one the article made a secretary of state
    parties = _parties(entity.title_words)
    if parties and _parties(qualifiers) and not parties & _parties(qualifiers):
        return None
    near = not asked and ctx.previous is not None and ctx.previous[1] is entity and ctx._previous_within_a_paragraph(pos)
    return entity if near or table.subject_within(entity, pos, 1) else None


def _parties(words: set[str]) -> set[str]:
    """The parties the words name, by one spelling each ("Democrat" and "Democratic" are one party)."""
    return {PARTY_SPELLINGS.get(w, w.removesuffix("s")) for w in words & PARTY_WORDS}


def resolve_mention(doc: Doc, start_char: int, end_char: int,
                    context: ResolutionContext | None = None) -> Resolution:
    """Resolve the speaker mention doc.text[start_char:end_char] to a speaker of the article."""
    ctx = context or ResolutionContext(doc)
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return Resolution.unknown()
    span = _with_age_noun(span)
    head = _head_part(span)
    if _names_a_place_or_medium(head, ctx.table) or _portion(head):
        return Resolution.unknown()
    if (early := _pronoun_or_relative(ctx, head) or _account_handle(span) or _camel_case_name(ctx.table, head)) is not None:
        return early
    if _role_head(head):
        # "the PM", "The Taoiseach, Leo Varadkar,": a role, however capitalised; a name may follow it.
        result = _resolve_apposition(ctx, span, head) or _following_apposition(ctx, span) or _resolve_nominal(ctx, head)
        if result.speaker is None and len(head) == 2:
            return _description_given_a_name(ctx, head) or result  # "the director": no qualifier to miss
        return result
    if (relative := _relative_of_named(ctx, span, head)) is not None:
        return relative
    if (person := _trailing_person(ctx, head) or _named_appositive(ctx, head)) is not None:
        return person
    if _unnamed_member(head):
        return Resolution.unknown()
    run = _proper_run(head, ctx.table)
    if run and not _headed_by_common_noun(head, ctx.table):
        return _resolve_run(ctx, head, run)
    if run and fold(_root(head).lemma_) in PROXY_HEADS | DOCUMENT_HEADS:
        return _proxy_or_closing_name(ctx, span, head, run)
    if run and fold(_root(head).text) in STAFF_HEADS and (staff := _staff_of(ctx, head)) is not None:
        return staff
    return _resolve_apposition(ctx, span, head) or _following_apposition(ctx, span) or _closing_apposition(
        ctx, span) or _description_of_subject(ctx, head) or _description_given_a_name(
        ctx, head) or _description_of_previous_speaker(ctx, head) or _resolve_nominal(ctx, head)


# Nouns of someone known by a tie to a person ("Trump's wife", "the daughter of Mrs. Clinton", "a Reyes
# look-alike", "Clinton foe"): kin, friends, foes and likenesses. Whoever speaks, it is not that person.
RELATION_HEADS = frozenset("""wife husband son daughter mother father brother sister sibling parent family
    widow widower cousin uncle aunt nephew niece grandson granddaughter grandmother grandfather grandchild
    stepson stepdaughter stepfather stepmother fiance fiancee fiancé fiancée girlfriend boyfriend
    brother-in-law sister-in-law son-in-law daughter-in-law father-in-law mother-in-law
    friend neighbor neighbour classmate roommate foe rival critic detractor enemy
    look-alike lookalike impersonator impostor imposter doppelganger doppelgänger""".split())


def _hyphenated_word(token: Token) -> tuple[int, int]:
    """The token bounds of the hyphenated word holding ``token`` ("look-alike", "brother-in-law"), split
    by the tokenizer into words and hyphens with no space between."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    return start, end


def _relation_word(head: Span) -> tuple[int, int] | None:
    """The bounds of the relation noun heading the mention ("wife", "look-alike"), if it is one."""
    root = _root(head)
    if root.pos_ == "PROPN" or root.ent_type_ == "PERSON":
        return None
    start, end = _hyphenated_word(root)
    if start < head.start or end > head.end:
        return None
    word = fold(head.doc[start:end].text.replace(" ", "")) if end - start > 1 else fold(root.lemma_ or root.text)
    return (start, end) if word in RELATION_HEADS or word.removesuffix("s") in RELATION_HEADS else None


def _named_relative(ctx: ResolutionContext, head: Span, bounds: tuple[int, int]) -> Span | None:
    """The person named in apposition to the relation noun: right after it ("his cousin James York, 40,",
    "my friend Andy McCarthy at the National Review", whatever follows the name), or closing the mention
    ("Clinton's brother, the lawyer Roger Clinton"), with no preposition, possessive or comma between."""
    doc = head.doc
    for _, _, e in ctx.persons:  # in the text's order, as Doc.ents are
        if e.start < bounds[1] or e.end > head.end:
            continue
        if e.start == bounds[1] or (e.end == head.end and not any(
                t.pos_ == "ADP" or t.tag_ == "POS" or t.text == "," for t in doc[bounds[1]:e.start])):
            return e
    return None


def _relative_of_named(ctx: ResolutionContext, span: Span, head: Span) -> Resolution | None:
    """ "Donald Trump's wife", "The daughter of Mrs. Clinton", "A Reyes look-alike", "The son of a Reyes
    donor": a relation noun tied to a named person is someone else (a wrong name is worse than none): the
    person named in apposition to it ("Clinton's brother Roger Clinton", "Reyes's sister, Ana Reyes,"),
    never the one it is tied to, else nobody. None when the mention names nobody but in apposition."""
    bounds = _relation_word(head)
    if bounds is None:
        return None
    doc, table = head.doc, ctx.table
    appositive = _named_relative(ctx, head, bounds)
    tie = doc[head.start:appositive.start if appositive is not None else head.end]
    if not any(t.text[:1].isupper() and (t.pos_ == "PROPN" or t.ent_type_) and not bounds[0] <= t.i < bounds[1]
               for t in tie):
        return None  # "the mother of three", "his wife": left to the descriptions' rules
    tied = {id(e) for (s, e_end), e in table.by_span.items() if tie.start_char <= s and e_end <= tie.end_char}
    if appositive is not None and (words := name_tokens(appositive.text)):
        result = _person_of(ctx, appositive, words, "name")
    else:
        result = _resolve_apposition(ctx, span, head) or _following_apposition(ctx, span) or Resolution.unknown()
    if result.entity is not None and id(result.entity) in tied:
        return Resolution.unknown()  # the table took the relative for the person it names by the tie
    return result


def _other_subject_since(ctx: ResolutionContext, entity: Entity, head: Span) -> bool:
    """Whether another person was named as a subject of the narration after the entity's last mention and
    before the sentence of ``head`` (in its own sentence a subject may come between: "But Trump has one
    thing in common with them, the columnist suggested")."""
    pos = head.start_char
    last = max((m.end for m in entity.mentions if m.start < pos), default=0)
    sentence_start = head.doc[ctx.layout.sentence_bounds[ctx.layout.sentence_at(pos)][0]].idx
    return any(other is not entity and other.kind == "person" and any(
        m.via != "pronoun" and m.subject and last <= m.start < sentence_start
        and not ctx.table.inside_quote(m.start, m.end) for m in other.mentions) for other in ctx.table.entities)


def _description_of_previous_speaker(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """ "Will Snr added: '…' ¶ 'I honestly think …' ¶ The construction company owner said …": a definite
    description of a person that is no role, opening its sentence, takes up the previous quotation's
    speaker, a named person, when it comes at most a paragraph after those words and nobody else is named
    in between (outside quoted words): the writer goes on about the one just quoted. Not when the article
    brought in an unnamed holder ("a driver ... the driver"), described someone else by that noun
    ("restaurant owner Jim Hale"), nor for a noun of the other gender."""
    if not _definite_description(head, None) or ctx.previous is None or ctx.previous[1] is None:
        return None
    quote, entity = ctx.previous
    pos = head.start_char
    root = _root(head)
    noun = fold(root.lemma_ or root.text)
    # The description opens its sentence: "Cruz said as the heckler yelled" is someone else in the scene.
    bounds = ctx.layout.sentence_bounds[ctx.layout.sentence_at(pos)]
    if entity.kind != "person" or bounds[0] != head[0].i or not ctx._previous_within_a_paragraph(pos) or (
            unnamed_holder_before(doc_text(head.doc), pos, root.text)):
        return None
    if any(other is not entity and noun in other.descriptions for other in ctx.table.entities):
        return None
    since = max(quote.end, quote.speaker_end or 0)
    if any(other is not entity and other.kind == "person" and any(
            m.via == "name" and since <= m.start < pos and not ctx.table.inside_quote(m.start, m.end)
            for m in other.mentions) for other in ctx.table.entities):
        return None
    gender = "male" if noun in MALE_NOUNS else "female" if noun in FEMALE_NOUNS else None
    if gender is not None and entity.gender_at(pos) not in (None, gender):
        return None
    return _of(entity, "nominal")


def _in_hyphenated_word(token: Token) -> bool:
    """A part of a hyphenated modifier ("award-winning", "Oscar-winning"): it describes, qualifies no role."""
    doc = token.doc
    return (token.i + 1 < len(doc) and doc[token.i + 1].text == "-") or (token.i > 0 and doc[token.i - 1].text == "-")


def _description_given_a_name(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """ "Smith is married to actor Pierce Brosnan ... The award-winning actor has also referred to Smith as
    his “best friend”": a definite description of a person ("the" and a singular noun) takes up the one
    person the article described by that noun where it named them (``Entity.descriptions``: "actor Pierce
    Brosnan", "Sean Durkin, the director,"), the nouns qualifying it among that description's words ("the
    construction company owner" is no "restaurant owner"). Nobody when two persons were so described, when
    the article brought in an unnamed one since ("a director"), nor for a person of another gender than
    the noun's ("the actress")."""
    words = [t for t in head if not (t.is_punct or t.is_space)]
    if not words:
        return None  # (a mention of punctuation or space only: nothing to describe anyone)
    root = words[-1]
    noun = fold(root.text)
    # By the words (the tags are the weak ones outside parsed sentences): a lower-case singular noun.
    if fold(words[0].text) != "the" or len(words) < 2 or root.ent_type_ or not root.text.isalpha() or (
            not root.text.islower()) or (noun.endswith("s") and not noun.endswith("ss")):
        return None
    qualifiers = {fold(t.text) for t in words[1:-1] if t.is_alpha and not t.is_stop and t.pos_ != "ADJ"
                  and not _in_hyphenated_word(t)}
    text = doc_text(head.doc)
    holders = [(e, described) for e in ctx.table.entities if e.kind == "person"
               and (described := e.descriptions.get(noun)) is not None and described[0] < head.start_char]
    if len(holders) != 1:
        return None
    entity, (end, described_words) = holders[0]
    if not qualifiers <= described_words or unnamed_holder_before(text[end:head.start_char], head.start_char - end, root.text):
        return None
    if _other_subject_since(ctx, entity, head):
        return None  # "... star Selenis Leyva opened up ... The actress explained": the one just written about
    gender = "male" if noun in MALE_NOUNS else "female" if noun in FEMALE_NOUNS or noun.endswith("ess") else None
    if gender is not None and entity.gender_at(head.start_char) not in (None, gender):
        return None
    return _of(entity, "nominal")


def _description_of_subject(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """ "... news anchor Ilia Calderón reacted with a letter. The Afro-Colombian journalist expressed concern":
    a definite description of a person that is no role ("the journalist", "the farmer", "the owner") takes
    up the person the sentence before was about: a named person, the subject of its main verb, in the same
    paragraph, the last one the narration named (no one named since, in that sentence or this one). Not
    when the article brought in an unnamed one ("a farmer ... the farmer"), nor a person of another gender
    than the noun's ("the woman" after a man)."""
    if not _definite_description(head, None):
        return None
    doc, table, layout = head.doc, ctx.table, ctx.layout
    root = _root(head)
    if unnamed_holder_before(doc_text(doc), head.start_char, root.text):
        return None
    before = [(m, e) for e in table.entities for m in e.mentions if m.end <= head.start_char and m.via != "pronoun"]
    if not before:
        return None
    last, entity = max(before, key=lambda pair: pair[0].start)
    if entity.kind != "person" or last.via != "name" or not last.subject or (
            last.sentence != layout.sentence_at(head.start_char) - 1) or last.paragraph < layout.paragraph_at(
            head.start_char) - 1 or not table.main_subject(last):
        return None
    noun = fold(root.lemma_ or root.text)
    gender = "male" if noun in MALE_NOUNS else "female" if noun in FEMALE_NOUNS else None
    if gender is not None and entity.gender_at(head.start_char) not in (None, gender):
        return None
    return _of(entity, "nominal")


def _proxy_or_closing_name(ctx: ResolutionContext, span: Span, head: Span, run: list[Token]) -> Resolution:
    """A proxy or document mention's speaker; when the name in it gives none ("a study by an influential
    Russian sociologist, Mikhail E. Dmitriyev,": the nationality names no author), the person's name closing
    the phrase."""
    result = _named_spokesperson(ctx, span, head) or _resolve_proxy(ctx, head, run)
    return result if result.speaker is not None else _closing_apposition(ctx, span) or result


def _pronoun_or_relative(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """A mention of one pronoun ("he", "they") or relative ("who") word; None for any other."""
    if len(head) != 1:
        return None
    word = fold(head[0].text)
    if word in PRONOUN_GENDER or word in PLURAL_OR_NEUTER:
        return _resolve_pronoun(ctx, word, head.start_char)
    if word in RELATIVE:
        return _resolve_relative(ctx, head.start_char)
    return None


def _possessive_office(ctx: ResolutionContext, head: Span, run: list[Token]) -> Resolution | None:
    """ "The Manhattan District Attorney's Office said": an institution whose name holds a possessive (a
    capitalised office noun after a title's or place's "'s") is the organisation of that whole name, not
    nobody nor a "General Office"; a person's "Office" ("Senator Smith's Office") is left to the proxy rules."""
    doc = head.doc
    first = run[0].i
    if len(run) != 1 or fold(run[0].text) not in ORG_HEAD_NOUNS or not run[0].text[:1].isupper():
        return None
    if first - 2 < head.start or doc[first - 1].text not in POSSESSIVE_MARKS:
        return None
    owner = _run_ending_at(head, ctx.table, first - 2)
    if owner is None or any(t.ent_type_ == "PERSON" for t in owner) or ctx.table.person_named(
            name_tokens(" ".join(t.text for t in owner)), before=head.start_char) is not None:
        return None
    name = doc[owner[0].i:run[0].i + 1].text
    entity = ctx.table.organization_named(org_tokens(name))
    if entity is not None and len(entity.tokens) >= len(org_tokens(name)):
        return _of(entity, "organization")
    return Resolution(name, "organization", "organization", "organization")  # fuller than a tagger's "General Office"


def _staff_of(ctx: ResolutionContext, head: Span) -> Resolution | None:
    """ "A Clinton campaign official", "Mrs. Clinton's campaign strategists": the person named right before
    the staff noun (past a possessive mark and words such as campaign or administration); not a name after
    it ("officials familiar with Mrs. Clinton's server"), nor a run of title words ("White House officials")."""
    doc, root = head.doc, _root(head)
    i = root.i - 1
    while i >= head.start and (doc[i].tag_ == "POS" or fold(doc[i].text) in PROXY_HEADS):
        i -= 1
    before = doc[head.start:root.i + 1]
    run = _run_ending_at(before, ctx.table, i)
    if run is None or all(fold(t.text).rstrip(".") in TITLES for t in run if t.is_alpha):
        return None
    result = _resolve_proxy(ctx, before, run)
    return result if result.speaker is not None else None


def _closing_apposition(ctx: ResolutionContext, span: Span) -> Resolution | None:
    """ "an accomplished, experienced member of the establishment, Hillary Clinton,", "a study by an
    influential Russian sociologist, Mikhail E. Dmitriyev,": a common-noun phrase whose last part, set off by
    a comma, is a person's whole name is that person (or what that person wrote); not a list ("aides,
    donors and Jane Doe")."""
    doc = span.doc
    end = span.end - 1 if doc[span.end - 1].text in {",", "—", "--", "–"} else span.end
    ent = next((e for _, _, e in ctx.persons if e.end == end and e.start > span.start), None)
    if ent is None or len(words := name_tokens(ent.text)) < 2:
        return None
    comma = ent.start - 1
    while comma > span.start and fold(doc[comma].text).rstrip(".") in TITLES:
        comma -= 1  # "..., Senator Helen Carver,"
    if doc[comma].text != ",":
        return None
    before = doc[span.start:comma]
    if any(fold(t.text) in {"and", "or", "&", "like", "including"} or fold(t.text) in RELATIVE for t in before):
        return None
    return _person_of(ctx, ent, words, "proxy" if fold(_root(before).lemma_) in DOCUMENT_HEADS else "name")


def _named_spokesperson(ctx: ResolutionContext, span: Span, head: Span) -> Resolution | None:
    """ "Santilli's attorney, Thomas Coan,", "A Twitter spokesman, Christopher Abboud,": a person's name set
    off after a spokesman or lawyer is the speaker (not the one spoken for); not for a document ("a report
    from WKOW, the ABC affiliate": the apposition describes the station)."""
    if fold(_root(head).lemma_) not in PROXY_HEADS:
        return None
    result = _resolve_apposition(ctx, span, head) or _following_apposition(ctx, span)
    return result if result is not None and result.kind == "person" else None


def _following_apposition(ctx: ResolutionContext, span: Span) -> Resolution | None:
    """ "The Taoiseach, Leo Varadkar, said", "A spokesman, John Smith, said": the mention may stop before
    the name set off in apposition after it; a person's whole name between two commas is that person."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "," or len(span) < 2:
        return None
    ent = next((e for e in doc.ents if e.start == span.end + 1), None)
    if ent is None or ent.label_ != "PERSON" or ent.end >= len(doc) or doc[ent.end].text != ",":
        return None
    words = name_tokens(ent.text)
    return _person_of(ctx, ent, words, "name") if len(words) > 1 else None


def _role_head(head: Span) -> bool:
    """ "the senator", "The Labour leader", "the PM": a definite phrase ending in a role word, which heads
    it; not a role word after a preposition, part of an institution's name ("the Department of Justice",
    "The Center for Justice")."""
    tokens = [t for t in head if not (t.is_punct or t.is_space)]
    words = [fold(t.text).rstrip(".") for t in tokens]
    return len(words) > 1 and words[0] in DEFINITE and words[-1] in ROLE_SYNONYMS and not any(
        t.pos_ == "ADP" for t in tokens[1:-1]) and not _title_with_capital_article(tokens)


NAME_PREPOSITIONS = frozenset({"by", "to", "from", "in", "of", "at", "with", "for"})


def _title_with_capital_article(tokens: list[Token]) -> bool:
    """ "A study by The Economist found", "according to The Economist": a capital "The" after a preposition,
    before a capitalised noun, is part of a name (a publication's, a firm's), not a role ("the economist
    Joseph Stiglitz"); "said The Taoiseach" is still the role."""
    first, last = tokens[0], tokens[-1]
    if first.text != "The" or not last.text[:1].isupper() or first.i == 0:
        return False
    return fold(first.doc[first.i - 1].text) in NAME_PREPOSITIONS


def _resolve_apposition(ctx: ResolutionContext, span: Span, head: Span) -> Resolution | None:
    """ "The state's campaign chairman, Phil Lovas,": the name comes in apposition."""
    rest = span[len(head):]
    if len(rest) > 1 and _opens_apposition(rest[1]) and (apposition := _head_part(rest[1:])) and (
            run := _proper_run(apposition, ctx.table, True)) and not _is_place(run) and not (
            _described_by_common_noun(apposition, run, ctx.table) or _in_a_list(apposition, span)):
        return _resolve_named(ctx, apposition, run)
    return None


def _described_by_common_noun(apposition: Span, run: list[Token], table: EntityTable) -> bool:
    """ "Authorities in X, the German state next to Belgium,": a phrase set off after a comma that opens
    with a determiner and is headed by a common noun describes what comes before it; a name only hangs on
    that noun (not "The company, Ford Motor Company,", headed by the name)."""
    return fold(apposition[0].text) in DEFINITE | UNNAMED_DETERMINERS and _headed_by_common_noun(
        apposition, table) and not _named_after_its_noun(apposition, run)


def _named_after_its_noun(part: Span, run: list[Token]) -> bool:
    """ "The other man, his cousin James York, 40,": the set-off phrase's noun introduces the person named
    (``run``, the phrase's name words) right after it ("his cousin", "the lawyer"), unlike a name that only
    ends a description ("the German state next to Belgium")."""
    return bool(run) and run[0].i == _root(part).i + 1 and all(t.ent_type_ in ("PERSON", "") for t in run)


def _in_a_list(part: Span, span: Span) -> bool:
    """ "women, Hispanics, and others": the part after the comma is one item of a list ("and", "or" after
    the next comma), no apposition naming the speaker."""
    doc = span.doc
    after = part.end
    return after + 1 < span.end and doc[after].text == "," and fold(doc[after + 1].text) in ("and", "or")


def _is_place(run: list[Token]) -> bool:
    """ "a woman in Worcester, Massachusetts,": a place after a comma completes the place before it; it is
    not a name in apposition to the speaker."""
    return all(t.ent_type_ in ("GPE", "LOC") for t in run)


def _opens_apposition(token: Token) -> bool:
    """ "The state's campaign chairman, Phil Lovas,": an apposition starts with a name or a noun phrase,
    not with "who", "like", "including" or a preposition ("Critics of it, like Senator X,": not X), nor
    with a verb, unless a participle modifies the noun after it ("one prominent conservative, syndicated
    radio host Dennis Prager,"; not "Officials, angered by Senator X's remarks,")."""
    if fold(token.text) in RELATIVE | {"like", "including", "such", "especially"}:
        return False
    if token.pos_ == "VERB" and token.tag_ in ("VBN", "VBG"):
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return following is not None and following.pos_ in ("NOUN", "PROPN")
    return token.pos_ not in ("ADP", "SCONJ", "VERB", "AUX")


def _continues_previous(ctx: ResolutionContext, quote: Quote) -> bool:
    """An uncued quotation in the paragraph after (or holding) the previous quotation's end, opening its
    paragraph or after narration that names no other person ("He was bracing himself. “…”"; not "Jane
    Doe, 43, lives next door. “…”", whose words those are)."""
    if ctx.previous is None or ctx.previous[0].speaker is None:
        return False
    previous = ctx.previous[0]
    paragraph_start = ctx.layout.paragraph_start(quote.start)
    gap = ctx.layout.paragraph_at(quote.start) - ctx.layout.paragraph_at(previous.end)
    return gap in (0, 1) and not _other_person_before(ctx, previous, max(paragraph_start, previous.end),
                                                     quote.start)


def _person_introduced_before(ctx: ResolutionContext, quote: Quote) -> Span | None:
    """ "Professor David Nutt has invented a zero-alcohol spirit. “Alcohol works on …”", "Her lawyer, Jane
    Roe, had a shorter statement. “It is …”": the one person named as the subject of the writer's sentence
    that the uncued quotation follows in its paragraph (`attribution.syntax.person_subject`), whose words
    those are. Two people named there, or none, name nobody."""
    doc = ctx.doc
    paragraph_start = ctx.layout.paragraph_start(quote.start)
    opening = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if opening is None or not doc_text(doc)[paragraph_start:quote.start].strip(" \t\u00a0\"“‘'«"):
        return None  # a quotation opening its paragraph: `_continues_previous`'s case
    lead = next((t for t in reversed(doc[max(0, opening.start - 3):opening.start])
                 if not (t.is_space or t.is_quote)), None)
    if lead is None or lead.text not in (".", "!", "?") or lead.idx < paragraph_start:
        return None
    start = max(lead.sent.start_char, paragraph_start)
    subjects = [ent for ent in doc.ents if ent.start_char >= start and ent.end_char <= lead.idx
                and person_subject(ent, start)]
    if len({fold(ent[-1].text) for ent in subjects}) != 1:
        return None
    return subjects[0]


def _other_person_before(ctx: ResolutionContext, previous: Quote, start: int, end: int) -> bool:
    """A person other than the previous speaker is named in doc.text[start:end] before any verb of their
    sentence, where a subject stands ("Joe Hart, 43, lives next door."; not "she will vote for Hillary
    Clinton", nobody the passage turns to)."""
    last = fold(previous.speaker.split()[-1]) if previous.speaker else ""
    for ent in ctx.doc.ents:
        if ent.start_char >= start and ent.end_char <= end and ent.label_ == "PERSON" \
                and fold(ent[-1].text) != last \
                and not any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[ent.sent.start:ent.start]):
            return True
    return False


def resolve_quotes(doc: Doc, quotes: list[Quote], context: ResolutionContext | None = None) -> list[Resolution]:
    """Fill speaker, speaker_kind and scale confidence of every quotation (taken in text order).

    Returns how each was resolved, in the order of ``quotes``. The knobs are the context's config.
    """
    ctx = context or ResolutionContext(doc, quotes)
    results: dict[int, Resolution] = {}
    for index, quote in sorted(enumerate(quotes), key=lambda iq: iq[1].start):
        results[index] = resolve_next(ctx, quote)
    return [results[i] for i in range(len(quotes))]


def resolve_next(ctx: ResolutionContext, quote: Quote) -> Resolution:
    """Resolve one quotation, the next in text order: fills it and remembers it as the previous one."""
    ctx.current = quote
    if ctx.previous_result is not None and _same_mention(ctx.previous[0], quote):
        result = ctx.previous_result  # "“...,” he wrote. “...”": one mention, one speaker for both
    elif quote.speaker_start is not None and quote.speaker_end is not None:
        result = resolve_mention(ctx.doc, quote.speaker_start, quote.speaker_end, ctx)
    elif quote.cue is None and _continues_previous(ctx, quote):
        previous_quote, entity = ctx.previous
        result = Resolution(previous_quote.speaker, previous_quote.speaker_kind, "continuation",
                            "continuation", entity)
    elif quote.cue is None and (subject := _person_introduced_before(ctx, quote)) is not None:
        result = resolve_mention(ctx.doc, subject.start_char, subject.end_char, ctx)
    else:
        result = Resolution.unknown()
    ctx.current = None
    quote.speaker, quote.speaker_kind = result.speaker, result.kind
    base = quote.confidence or 1.0
    factor = ctx.config.factor(result.how) * (1.0 if quote.cue else ctx.config.no_cue_factor)
    quote.confidence = round(base * factor, 4)
    ctx.remember(quote, result.entity)
    ctx.previous_result = result
    return result


def _same_mention(previous: Quote, quote: Quote) -> bool:
    return quote.speaker_start is not None and (previous.speaker_start, previous.speaker_end) == (
        quote.speaker_start, quote.speaker_end)


@Language.factory("speaker_resolver", default_config=DEFAULT_CONFIG.to_config())
def make_speaker_resolver(nlp: Language, name: str, confidence_factors: dict[str, float], no_cue_factor: float,
                          previous_speaker_bonus: float, pronoun_model: bool,
                          pronoun_min_probability: float, salience: dict) -> SpeakerResolver:
    del nlp  # the resolver needs no pipeline state: it reads the Doc
    config = ResolverConfig.from_config({
        "confidence_factors": confidence_factors, "no_cue_factor": no_cue_factor,
        "previous_speaker_bonus": previous_speaker_bonus,
        "pronoun_model": pronoun_model, "pronoun_min_probability": pronoun_min_probability, "salience": salience})
    return SpeakerResolver(name, config)


class SpeakerResolver:
    """spaCy component: resolves Doc._.quotes' speaker mentions to speakers of the article."""

    def __init__(self, name: str = "speaker_resolver", config: ResolverConfig = DEFAULT_CONFIG):
        self.name = name
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes
        if quotes:
            context = ResolutionContext(doc, quotes, self.config)
            resolve_quotes(doc, quotes, context)
            doc._.entity_table = context.table
        return doc

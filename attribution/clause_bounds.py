"""Where a reported clause ends: the writer's own additions the parse hangs inside it.

Shared by the linking rules (attribution/rules.py) and the learned grouping (attribution/learned/
grouping.py), which both take a cue's clausal complement from the parse. Works on token ranges of a
parsed Doc and reads nothing but the parse and ``Doc._.quoted_spans``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from attribution.syntax import SUBJECT_DEPS

# Words opening a non-restrictive relative clause after a comma ("..., which forced her to leave").
RELATIVE_OPENERS = frozenset({"which", "who", "whom", "whose", "where"})


def without_trailing_relative(doc: Doc, start: int, end: int) -> int:
    """The end (token index, exclusive) of the clause ``doc[start:end]`` without a non-restrictive
    relative clause closing it ("he expects Clinton to recover from her bout with pneumonia[, which
    forced her to leave ...]", "the FBI had secured the cooperation of Bryan Pagliano[, who worked on
    ...]"): set off by a comma, it describes a noun of the clause in the writer's words, not the
    speaker's (PolNeAR train, the complement rule's clauses: of 93 such cuts, 26 made a match and 9 lost
    one; the gold ended at the cut in 42). Only a relative clause that runs to the clause's end ("Sanders, who won Rhode
    Island, would ..." is the clause's subject) and holds no quoted words; ``end`` when there is none."""
    last = last_word(doc, start, end)
    for comma in range(start + 1, last):
        opener = doc[comma + 1]
        if doc[comma].text != "," or _quoted(doc, comma, end):
            continue
        relative = _relative_word(doc, comma + 1, last)
        if relative is None:
            continue
        clause = _relative_clause(relative)
        if clause is None or clause.left_edge.i != opener.i or clause.right_edge.i < last \
                or not start <= clause.head.i < comma:
            continue
        return cut_end(doc, start, comma)
    return end


def _relative_word(doc: Doc, i: int, last: int) -> Token | None:
    """The relative word opening a clause at token ``i``: one of ``RELATIVE_OPENERS``, or "which" or
    "whom" after a preposition ("..., for whom he was to host a fundraiser", "..., in which four people
    died"). Not "when" on a time ("since January, when the group launched ..."): train quarters 0 and 1,
    the gold clause went on through it 3 times in 5."""
    opener = doc[i]
    if opener.lower_ in RELATIVE_OPENERS:
        return opener
    if opener.pos_ == "ADP" and i + 1 < last and doc[i + 1].lower_ in ("which", "whom"):
        return doc[i + 1]
    return None


# Words opening the writer's label for a whole reported claim after a comma or dash ("..., a charge
# that party leaders denied", "— a message that has not been heeded", "..., part of a lashing ..."):
# an indefinite noun phrase, never a name's appositive ("Clinton, the former secretary").
SUMMARY_OPENERS = frozenset({"a", "an", "another", "one", "part"})
# Dependents by which such a noun phrase says something of its own (a relative or participle clause,
# a preposition): a bare "a Democrat" after a comma may be the speaker's own words.
SUMMARY_MODIFIERS = frozenset({"relcl", "acl", "prep"})
SETTING_OFF = frozenset({",", "—", "–", "--", "-"})
# A noun phrase in one of these roles is the verb's own argument ("denied Garland, Obama's nominee, a
# hearing"), not an aside.
OBJECTS = frozenset({"dobj", "dative", "nsubj", "nsubjpass", "pobj", "attr", "oprd"})


def without_summary_appositive(doc: Doc, start: int, end: int) -> int:
    """The end of ``doc[start:end]`` without an indefinite noun phrase closing it after a comma or dash
    that labels the claim ("the contest had been rigged against him[, a charge that party leaders
    denied]", "them not to stage protests[ — a message that has not been heeded]"): the writer's
    comment on what was said, not the speaker's words. Only a phrase that runs to the clause's end,
    holds no quoted words and describes its noun further; ``end`` when there is none."""
    last = last_word(doc, start, end)
    for mark in range(start + 2, last):
        opener = doc[mark + 1]
        if doc[mark].text not in SETTING_OFF or opener.lower_ not in SUMMARY_OPENERS or _quoted(doc, mark, end):
            continue
        noun = _summary_noun(opener)
        if noun is not None and noun.left_edge.i == opener.i and noun.right_edge.i >= last \
                and start <= noun.head.i < mark and noun.dep_ not in OBJECTS and noun.head.pos_ != "PROPN" \
                and noun.head.dep_ != "appos":  # (a second apposition is the parse's guess at an object)
            return cut_end(doc, start, mark)
    return end


def _summary_noun(opener: Token) -> Token | None:
    """The noun an opener of a summary phrase introduces, when it has a modifier of its own ("a charge
    that ...", "part of a lashing", "one that will ..."); None for anything else."""
    noun = opener.head if opener.dep_ == "det" else opener
    if noun.pos_ not in ("NOUN", "PRON", "NUM") or not any(c.dep_ in SUMMARY_MODIFIERS for c in noun.children):
        return None
    return noun


# Tags of a finite verb: one coordinated inside an infinitive clause cannot belong to it ("vowed to keep
# abortion legal and celebrated the ruling": the speaker's next act, which the parse hung on "keep").
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def without_closing_adjunct(doc: Doc, verb: Token, start: int, end: int) -> int:
    """The end of ``doc[start:end]``, the clause of the infinitive ``verb``, before the writer's
    additions the parse hangs on the verb after its complement: a time ("threatened to run away from the
    field Thursday night in the final debate") or a finite verb coordinated with it (the speaker's next
    act, not part of what was promised). ``end`` when there is none."""
    for child in verb.rights:
        if not start < child.i < end or child.i <= verb.i + 1:
            continue
        if _is_time(child) or (child.dep_ == "conj" and child.tag_ in FINITE_TAGS):
            first = child.left_edge.i
            while first > start + 1 and (doc[first - 1].dep_ == "cc" or doc[first - 1].is_punct):
                first -= 1  # "... and celebrated": the conjunction goes with the cut
            return cut_end(doc, start, first)
    return end


# The times a finite verb can speak of, by its first auxiliary or else its own tag: two verbs coordinated
# under one subject agree ("Nance said she would like him to explain ... but supports his candidacy":
# "supports" cannot be the saying's, so it is hers, in the clause). A perfect goes with the past as well
# ("has urged voters ... but did not name any"), and a modal with the tense of its form (reported speech
# shifts "can" to "could").
FINITE_TIMES = {"VBD": frozenset({"past"}), "VBZ": frozenset({"present"}), "VBP": frozenset({"present"})}
PAST_MODALS = frozenset({"would", "could", "might", "should", "'d", "’d"})
# A clause has a subject of its own with an expletive too ("there was ..."), which no speaker ever is.
CLAUSE_SUBJECT_DEPS = SUBJECT_DEPS | {"expl"}


def finite_times(verb: Token) -> frozenset[str]:
    """The times (``past``, ``present``) a finite verb can agree with ("said": past; "has said": both;
    "would face": past; "will face": present); empty for anything else (an infinitive, a participle)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    lead = auxiliaries[0] if auxiliaries else verb
    if lead.tag_ == "MD":
        return frozenset({"past"}) if lead.lower_ in PAST_MODALS else frozenset({"present"})
    if lead.lemma_ == "have" and lead.tag_ in ("VBZ", "VBP") and verb.tag_ == "VBN":
        return frozenset({"present", "past"})
    return FINITE_TIMES.get(lead.tag_, frozenset())


def disagree(first: Token, second: Token) -> bool:
    """Whether two finite verbs cannot share a subject for their times (both known, none in common)."""
    times, others = finite_times(first), finite_times(second)
    return bool(times) and bool(others) and not times & others


def present_under_past(reporter: Token, verb: Token) -> bool:
    """Whether ``verb`` is in the present while the cue ``reporter`` that reports it is in the past: "said
    he is proud of the campaign and expects to win" (the speaker's present, kept in the reported words as
    news writing keeps it), never the reporter's next act, which the narration sets in its own past
    ("said he was proud and vowed to fight on")."""
    return finite_times(reporter) == {"past"} and finite_times(verb) == {"present"}


def without_reporter_conjunct(doc: Doc, cue: Token, start: int, end: int) -> int:
    """The end of ``doc[start:end]``, the clause the cue reports, before a finite predicate without a
    subject of its own that the parse coordinated with the clause's subjunctive verb, in a time the cue's
    can be: the reporter's next act ("proposed that more troops be left in Iraq, and pushed to arm the
    rebels": a finite verb cannot share a subjunctive's subject). ``end`` when there is none. Not after a
    finite verb, even in another time ("claimed that Obama was born abroad and is a Muslim": reported
    speech keeps the speaker's own times, so that is as often the speaker's words; on train quarter 0 such
    cuts lost 3 matches for 1 gained)."""
    verb = doc[start:end].root
    for child in verb.rights:
        if child.dep_ != "conj" or not start < child.i < end or child.pos_ not in ("VERB", "AUX") \
                or has_subject(child) or not finite_times(child) or disagree(child, cue):
            continue
        if _subjunctive(verb):
            first = child.left_edge.i
            while first > start + 1 and (doc[first - 1].dep_ == "cc" or doc[first - 1].is_punct):
                first -= 1  # "..., and pushed": the conjunction goes with the cut
            return cut_end(doc, start, first)
    return end


def _subjunctive(verb: Token) -> bool:
    """A verb in its base form with no modal nor "to" ("that more troops be left", "that he resign")."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    lead = auxiliaries[0] if auxiliaries else verb
    return lead.tag_ == "VB" and not any(c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in verb.children)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in CLAUSE_SUBJECT_DEPS for c in verb.children)


def _is_time(token: Token) -> bool:
    """A date or time adjunct ("Thursday night", "on Monday", "last month")."""
    if token.dep_ in ("npadvmod", "tmod") and token.ent_type_ in ("DATE", "TIME"):
        return True
    return token.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children)


def without_opening_time(doc: Doc, cue: Token, start: int, end: int) -> int:
    """The start of a reported clause without the time of the report that opens it: "Microsoft said on
    Thursday it aims to ...", "Police said on Friday the gunman ...". Without "that" the parse hangs the
    date on the reported verb, but right after the cue it dates the saying; the clause starts at its
    subject. Only a date or time phrase right after the cue and before the clause's own subject."""
    first = doc[start]
    if start != cue.i + 1 or not _is_time(first) or not start <= first.head.i < end:
        return start
    after = max(t.i for t in first.subtree) + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    subject = [c for c in first.head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if after >= end or not subject or subject[0].left_edge.i != after:
        return start
    return after


def cut_end(doc: Doc, start: int, end: int) -> int:
    """The end of ``doc[start:end]`` without the punctuation and spaces left before ``end`` when a clause
    is cut there (a closing mark stays: it pairs an opening one)."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) \
            and doc[end - 1].text not in {'"', "”", "''", "’"}:
        end -= 1
    return end


def last_word(doc: Doc, start: int, end: int) -> int:
    """The index of the last token of ``doc[start:end]`` that is neither punctuation nor space (``start``
    at the least)."""
    last = end - 1
    while last > start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return last


def _relative_clause(opener: Token) -> Token | None:
    """The ``relcl`` verb the relative word belongs to (its head, or a head a few steps up)."""
    token = opener
    for _ in range(4):
        if token.dep_ == "relcl":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _quoted(doc: Doc, comma: int, end: int) -> bool:
    """Whether quoted words lie after the comma or a quotation runs across it: never cut them."""
    cut, stop = doc[comma].idx, doc[end - 1].idx + len(doc[end - 1].text)
    for span in doc._.quoted_spans or []:
        opened = span.start - len(span.open_mark)
        if opened < stop and span.end > cut:
            return True
    return False

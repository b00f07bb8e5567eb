"""Dependency labels the attribution rules and the resolver read the same way (spaCy's English labels)."""

from __future__ import annotations

from spacy.tokens import Span, Token

# A clause's subject: nominal, passive nominal, or a clause itself ("What he said matters"). Speaker
# searches also require a nominal part of speech, so a clausal subject never becomes a speaker mention.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})

# What marks a verb as passive: a passive subject or a passive auxiliary ("was accused", "it was made clear").
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})


def is_passive(verb: Token) -> bool:
    """Whether the verb is passive: a child with a passive subject's or auxiliary's label."""
    return any(c.dep_ in PASSIVE_DEPS for c in verb.children)


def possessor(noun: Token, word_classes: frozenset[str] | tuple[str, ...] = ()) -> Token | None:
    """The noun's possessor ("Greenberg's research", "her claim"): its first child the parse labels
    ``poss`` (of ``word_classes``, parts of speech, when given)."""
    return next((c for c in noun.children if c.dep_ == "poss" and (not word_classes or c.pos_ in word_classes)), None)


_ARTICLES = ("the", "a", "an")
_POSSESSIVE = ("'s", "’s")


def person_subject(ent: Span, start_char: int) -> bool:
    """Whether the PERSON entity ``ent`` is the subject of its sentence, which opens at or after
    ``start_char``: no verb nor preposition before it in the sentence ("Of Carson, Levine said" names
    Levine, not Carson), not a possessor ("Bolger's lawyer, Jane Roe,": Roe), no article on it ("the Holy
    Spirit" is no person); where the sentence is parsed, a subject or its apposition."""
    doc, sent = ent.doc, ent.sent
    if ent.label_ != "PERSON" or sent.start_char < start_char:
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    if ent[-1].lower_ in _POSSESSIVE or (after is not None and after.lower_ in _POSSESSIVE) \
            or any(t.lower_ in _ARTICLES for t in doc[max(ent.start - 1, sent.start):ent.start + 1]):
        return False
    if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ") for t in doc[sent.start:ent.start]):
        return False
    root = ent.root
    if root.dep_ == "unparsed":
        return True
    return root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)


def name_next_to_cue(verb: Token, subject: Token) -> Token | None:
    """ "The team worked with Lopez, Cruz, Wilkin said": the last name of a list that ends the reported
    words, which the parse made a second subject of the cue, is not its speaker; the name right before the
    cue, after a comma, is (the parse may also make it a conjunct of the first: a list without "and" is
    no pair of speakers). Only two names, the later one touching the cue with no comma of its own
    (an apposition, "Smith, a spokesman, said", is one speaker set off by a pair of commas)."""
    doc = verb.doc
    comma = next((t.i for t in subject.rights if t.text == ","), subject.right_edge.i + 1)
    if subject.pos_ != "PROPN" or subject.i > verb.i or comma >= verb.i or doc[comma].text != ",":
        return None
    joined = [c for c in subject.children if c.dep_ == "conj"] \
        if not any(c.dep_ == "cc" for c in subject.children) else []  # (the parse's list "Cruz, Wilkin")
    return next((c for c in [*verb.children, *joined] if c.dep_ in ("nsubj", "conj") and c.pos_ == "PROPN"
                 and c.i > subject.i and c.left_edge.i == comma + 1 and c.right_edge.i + 1 == verb.i), None)


# Parts of speech a reporting clause's own subject has ("…, she said", "…, officials said", "…, Reyes said").
_REPORTER_POS = frozenset({"PRON", "PROPN", "NOUN"})


def subject_closing_report(verb: Token, subject: Token) -> Token | None:
    """ "It made it possible for people to organize, she said": the parse hung the reported words before
    the comma on the verb closing the sentence, their subject ("people") made its first subject; the
    verb's own subject is the later one, right after that comma and touching the verb ("she"). Only a
    subject that touches the verb with nothing of its own between (an apposition, "Smith, a spokesman,
    said", is one speaker set off by a pair of commas), and only when the first subject's words end
    before that comma."""
    doc = verb.doc
    if subject.i > verb.i:
        return None
    later = next((c for c in verb.lefts if c.dep_ == "nsubj" and c.i > subject.right_edge.i
                  and c.pos_ in _REPORTER_POS and c.right_edge.i + 1 == verb.i), None)
    if later is None or later.left_edge.i < 1 or doc[later.left_edge.i - 1].text != "," \
            or subject.right_edge.i >= later.left_edge.i - 1 or any(c.dep_ in ("conj", "cc") for c in later.children):
        return None  # (not a list's last names: "voters in Alabama, Georgia and Virginia said")
    comma = later.left_edge.i - 1
    # The reported words' own clause parts hung on the verb before the comma ("for", "harmless" in "for
    # people with odd, if harmless, hobbies to meet, she said") show the first subject is theirs.
    if not any(c.dep_ in _CLAUSE_PARTS and c.i < comma for c in verb.lefts):
        return None
    return later


# Parts of a clause of its own (a marker, an adverbial or complement clause, an auxiliary) that the parse may
# hang on the verb of a reporting clause closing the sentence.
_CLAUSE_PARTS = frozenset({"mark", "advcl", "ccomp", "xcomp", "aux", "auxpass", "neg"})

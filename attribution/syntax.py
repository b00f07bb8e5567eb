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

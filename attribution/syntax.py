"""Dependency labels the attribution rules and the resolver read the same way (spaCy's English labels)."""

from __future__ import annotations

from spacy.tokens import Token

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

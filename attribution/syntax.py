"""Dependency labels the attribution rules and the resolver read the same way (spaCy's English labels)."""

from __future__ import annotations

# A clause's subject: nominal, passive nominal, or a clause itself ("What he said matters"). Speaker
# searches also require a nominal part of speech, so a clausal subject never becomes a speaker mention.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})

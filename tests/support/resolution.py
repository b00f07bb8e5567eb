"""Resolving one mention of a written sentence, for the resolver's tests.

    from support.resolution import resolve_last
    result = resolve_last(nlp, "... A Walsh campaign official said ...", "A Walsh campaign official")
"""

from __future__ import annotations

from spacy.language import Language

from attribution.resolution import Resolution, resolve_mention


def resolve_last(nlp: Language, text: str, mention: str) -> Resolution:
    """Resolve the last occurrence of ``mention`` in ``text`` as a speaker mention."""
    doc = nlp(text)
    start = text.rindex(mention)
    return resolve_mention(doc, start, start + len(mention))

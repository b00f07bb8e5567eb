"""spaCy pipeline components of the attribution engine, registered with ``@Language.factory``.

Added after the model's own components, in this order: "quote_finder" (quotation marks -> candidate
spans on ``Doc._.quoted_spans``), then "attribution_linker" (cue verbs and speaker mentions through the
dependency parse -> ``Doc._.quotes``). The resolver's "speaker_resolver" and "quote_dater" follow.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from attribution.extensions import register_extensions
from attribution.linker import link_quotes
from attribution.marks import find_quoted_spans


class QuoteFinder:
    """Every top-level quotation-mark pair of the text (scare quotes included: the linker filters)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quoted_spans = find_quoted_spans(doc.text)
        return doc


class AttributionLinker:
    """Direct, mixed and indirect quotations with their cue and speaker mention."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.quoted_spans is None:
            doc._.quoted_spans = find_quoted_spans(doc.text)
        doc._.quotes = link_quotes(doc)
        return doc


@Language.factory("quote_finder")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    register_extensions()
    return QuoteFinder()


@Language.factory("attribution_linker", requires=["token.dep", "token.pos", "token.lemma"],
                  assigns=["doc._.quotes"])
def make_attribution_linker(nlp: Language, name: str) -> AttributionLinker:
    register_extensions()
    return AttributionLinker()

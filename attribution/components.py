"""spaCy pipeline components of the attribution engine, registered with ``@Language.factory``.

Added after the model's own components, in this order: "quote_finder" (quotation marks -> candidate
spans on ``Doc._.quoted_spans``), then "attribution_linker" (the registered rules of attribution/rules.py
over cue verbs and speaker mentions -> ``Doc._.quotes``). The resolver's "speaker_resolver" and
"quote_dater" follow.

spaCy calls a factory with ``nlp`` and ``name`` by keyword, so the factories accept both even when they
do not use them.
"""

from __future__ import annotations

import copy
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from attribution.extensions import doc_text, register_extensions
from attribution.linker import LINKER_DEFAULTS, link_quotes
from attribution.marks import find_quoted_spans


class QuoteFinder:
    """Every top-level quotation-mark pair of the text (scare quotes included: the linker filters)."""

    def __call__(self, doc: Doc) -> Doc:
        split_entities_at_breaks(doc)
        if doc._.quoted_spans is None:  # the learned tagger and the selective parser find them first
            doc._.quoted_spans = find_quoted_spans(doc_text(doc))
        return doc


def split_entities_at_breaks(doc: Doc) -> None:
    """Cut every named entity the tagger ran across a line break into the parts on either line: no
    name goes on over a paragraph's end ("... the miniseries adaptation. Kathryn Krawczyk" [a byline]
    "\n\nMarianne Williamson reportedly ..." is two people, not one "Kathryn Krawczyk Marianne")."""
    ents = doc.ents
    if not any("\n" in doc[i].text for ent in ents for i in range(ent.start + 1, ent.end - 1)):
        return
    parts: list[Span] = []
    for ent in ents:
        start = ent.start
        for i in [*(i for i in range(ent.start, ent.end) if "\n" in doc[i].text), ent.end]:
            if i > start and not doc[start:i].text.isspace():
                parts.append(Span(doc, start, i, label=ent.label_))
            start = i + 1
    doc.ents = parts


class AttributionLinker:
    """Direct, mixed and indirect quotations with their cue and speaker mention."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    def __call__(self, doc: Doc) -> Doc:
        if doc._.quoted_spans is None:
            doc._.quoted_spans = find_quoted_spans(doc_text(doc))
        doc._.quotes = link_quotes(doc, self.config)
        return doc


@Language.factory("quote_finder")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:  # noqa: ARG001
    register_extensions()
    return QuoteFinder()


@Language.factory("attribution_linker", requires=["token.dep", "token.pos", "token.lemma"],
                  assigns=["doc._.quotes"], default_config=copy.deepcopy(LINKER_DEFAULTS))
def make_attribution_linker(nlp: Language, name: str, rules: dict[str, dict[str, Any]],  # noqa: ARG001
                            pronoun_factor: float, common_noun_factor: float,
                            min_indirect_words: int, min_mixed_words: int,
                            message_authors: bool, outer_report_wins: bool,
                            quoted_clause_is_direct: bool, dash_quotations: bool,
                            saying_adjectives: tuple[str, ...],
                            compared_saying_adjectives: tuple[str, ...]) -> AttributionLinker:
    """Every knob of the linker is in this config: each rule's ``enabled``/``order``/``confidence`` and
    own settings (attribution/rules.py), and the mention factors applied to a rule's base confidence."""
    register_extensions()
    return AttributionLinker({"rules": {name: dict(cfg) for name, cfg in rules.items()},
                              "pronoun_factor": pronoun_factor, "common_noun_factor": common_noun_factor,
                              "min_indirect_words": min_indirect_words, "min_mixed_words": min_mixed_words,
                              "message_authors": message_authors, "outer_report_wins": outer_report_wins,
                              "quoted_clause_is_direct": quoted_clause_is_direct,
                              "dash_quotations": dash_quotations,
                              "saying_adjectives": tuple(saying_adjectives),
                              "compared_saying_adjectives": tuple(compared_saying_adjectives)})

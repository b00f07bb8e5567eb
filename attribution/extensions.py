"""The Doc/Token extension attributes the attribution pipeline reads and writes.

Contract (see docs/attribution.md):
- ``Doc._.published``: ``datetime.date`` or None, set by the Extractor before the pipeline runs.
- ``Doc._.quoted_spans``: list[attribution.marks.QuotedSpan], every top-level quotation-mark pair
  (set by "quote_finder"; candidates, scare quotes included).
- ``Doc._.quotes``: list[attribution.types.Quote] in text order (set by "attribution_linker", then refined
  in place by the resolver's "speaker_resolver" and "quote_dater" components).
- ``Doc._.parsed_sents``: character (start, end) of the regions that carry a real dependency parse
  (set by "attribution_parser"; None when the model's own parser ran over everything).

Also the Doc-level reads several components share: ``doc_text`` (the text, kept once per Doc) and
``line_break_tokens`` (where its paragraphs end).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

_DOC_EXTENSIONS = ("published", "quoted_spans", "quotes", "parsed_sents")
# ``Doc.text`` joins every token's text anew on each access (one Token object per token); our components
# read it several times per Doc, so it is kept in ``Doc.user_data`` (a Doc's text never changes), under a
# Doc-level extension's key (``Doc.from_docs`` drops those with warning W101, which attribution.pieces expects).
_TEXT_KEY = ("._.", "attribution_text", None, None)


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and in worker processes."""
    for name in _DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc. The length check guards against a value copied to another
    Doc with ``user_data`` (``Doc.from_docs``, ``Doc.copy``)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None or len(text) != _char_length(doc):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Keep ``text``, which ``doc`` was tokenized from, as its ``doc_text``: the tokenizer keeps every
    character, so the two are equal, and joining the tokens again (a Token object each) is spared."""
    doc.user_data[_TEXT_KEY] = text


def line_break_tokens(doc: Doc) -> list[int]:
    """Indices of the whitespace tokens holding a line break, in order. Only the whitespace tokens become
    Token objects (found on the IS_SPACE array): a token's own trailing whitespace is one space at most
    (``Token.whitespace_``), so every line break is such a token."""
    if not len(doc):
        return []
    return [i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist() if "\n" in doc[i].text]


def _char_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


register_extensions()

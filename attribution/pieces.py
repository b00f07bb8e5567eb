"""Long texts in bounded pieces: the model's own components see at most about ``piece_chars`` characters at
a time, so peak memory stays bounded whatever the length of the text.

The neural components (tok2vec, tagger, NER, the selective parser) hold arrays over the whole Doc: on a
1 MB text they peak at over 3 GB. They run piece by piece; the pieces are joined into one Doc
(``Doc.from_docs``, character offsets unchanged) and every component that reads across the article (quote
finding, linking, the resolver's entity table, dating, calibration) runs once on the joined Doc, so what
they see is the same as without pieces.

Pieces are cut at the start of a paragraph (a line), never inside a quotation nor between the paragraphs of
a quotation that runs on, preferring cuts with no quotation in the paragraphs on either side.
"""

from __future__ import annotations

import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from attribution.extensions import remember_text
from attribution.marks import QuotedSpan, find_quoted_spans, paragraphs

PIECE_CHARS = 100_000  # ~20,000 tokens: en_core_web_sm peaks at a few hundred MB on such a piece
# The first component that reads the article as a whole: it and everything after run on the joined Doc.
FIRST_WHOLE_DOC_COMPONENT = "quote_finder"
TOKEN_ROW_EXTENSIONS = ("attribution_tags", "attribution_probs")

Component = tuple[str, Callable[[Doc], Doc]]


def piece_bounds(text: str, piece_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """A partition of ``text`` into (start, end) pieces, each at most ``piece_chars`` long unless one
    paragraph alone is longer (a cut is only ever made at a paragraph start)."""
    if len(text) <= piece_chars:
        return [(0, len(text))]
    cuts, quiet = _allowed_cuts(text)
    bounds, start = [], 0
    while len(text) - start > piece_chars:
        cut = _choose_cut(cuts, quiet, start, piece_chars)
        if cut is None:
            break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _allowed_cuts(text: str) -> tuple[list[int], set[int]]:
    """Paragraph starts (first non-space character) where a cut is allowed, and the quiet ones among them
    (no quotation in the paragraph before nor in the one after)."""
    spans = find_quoted_spans(text)
    starts = [s.start for s in spans]
    paras = paragraphs(text)
    cuts, quiet = [], set()
    for k in range(1, len(paras)):
        start, end = paras[k]
        cut = start + len(text[start:end]) - len(text[start:end].lstrip())
        if _inside_quotation(spans, starts, cut):
            continue
        cuts.append(cut)
        if not (_holds_quotation(spans, starts, *paras[k - 1]) or _holds_quotation(spans, starts, start, end)):
            quiet.add(cut)
    return cuts, quiet


def _inside_quotation(spans: list[QuotedSpan], starts: list[int], cut: int) -> bool:
    """Whether ``cut`` falls inside a quotation, or starts a paragraph that continues the one before."""
    k = bisect_right(starts, cut) - 1
    if k >= 0 and (spans[k].end > cut or spans[k].continues):
        return True
    return k + 1 < len(spans) and spans[k + 1].continued and spans[k + 1].start - cut <= 2


def _holds_quotation(spans: list[QuotedSpan], starts: list[int], start: int, end: int) -> bool:
    k = bisect_left(starts, start)
    return k < len(spans) and spans[k].start < end


def _choose_cut(cuts: list[int], quiet: set[int], start: int, piece_chars: int) -> int | None:
    """The last allowed cut within ``piece_chars`` of ``start`` (a quiet one if there is one in the second
    half of the piece); else the first allowed cut after it (a paragraph longer than a piece)."""
    limit = start + piece_chars
    first, last = bisect_right(cuts, start), bisect_right(cuts, limit)
    window = cuts[first:last]
    if window:
        half = start + piece_chars // 2
        return next((c for c in reversed(window) if c >= half and c in quiet), window[-1])
    return cuts[first] if first < len(cuts) else None


def split_pipeline(nlp: Language) -> tuple[list[Component], list[Component]]:
    """(components that may run piece by piece, components that must see the whole Doc)."""
    names = nlp.pipe_names
    at = names.index(FIRST_WHOLE_DOC_COMPONENT) if FIRST_WHOLE_DOC_COMPONENT in names else len(names)
    return list(nlp.pipeline[:at]), list(nlp.pipeline[at:])


def run_components(components: list[Component], docs: list[Doc]) -> list[Doc]:
    """The components over a list of Docs, batched as ``nlp.pipe`` would."""
    for _, proc in components:
        pipe = getattr(proc, "pipe", None)
        docs = list(pipe(docs, batch_size=max(len(docs), 1))) if pipe else [proc(doc) for doc in docs]
    return docs


def join_pieces(pieces: list[Doc], offsets: list[int], user: dict[str, Any]) -> Doc:
    """One Doc of the pieces (their texts concatenate to the original), with the Doc extensions set by
    the piecewise components merged (``parsed_sents`` shifted by each piece's offset) and ``user`` set."""
    # Token- and span-level extension values are carried over (offsets shifted); Doc-level ones cannot be
    # concatenated (spaCy drops them with warning W101): they are set here. The tensor is not needed
    # past the neural components.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W101\]")
        doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])
    doc._.parsed_sents = _merged_regions(pieces, offsets)
    _join_token_rows(doc, pieces)
    for name, value in user.items():
        setattr(doc._, name, value)
    return doc


def _join_token_rows(doc: Doc, pieces: list[Doc]) -> None:
    """Doc extensions holding one row per token (the learned tagger's, attribution.learned) concatenated."""
    for name in TOKEN_ROW_EXTENSIONS:
        if Doc.has_extension(name) and all(getattr(piece._, name) is not None for piece in pieces):
            setattr(doc._, name, numpy.concatenate([getattr(piece._, name) for piece in pieces]))


def _merged_regions(pieces: list[Doc], offsets: list[int]) -> list[tuple[int, int]] | None:
    if all(piece._.parsed_sents is None for piece in pieces):
        return None
    return [(s + offset, e + offset) for piece, offset in zip(pieces, offsets, strict=True)
            for s, e in piece._.parsed_sents or ()]


def process_in_pieces(nlp: Language, docs: Iterable[tuple[str, dict[str, Any]]], piece_chars: int,
                      batch_size: int) -> Iterator[Doc]:
    """Process (text, Doc extension values) pairs, yielding the Docs in input order: texts up to
    ``piece_chars`` through ``nlp.pipe`` in batches of ``batch_size`` (exactly as without pieces), a longer
    text alone: the piecewise components over its pieces (batches of about ``piece_chars`` characters),
    then the whole-Doc components on the joined Doc."""
    for group in _groups(docs, piece_chars, batch_size):
        text, user, bounds = group[0]
        if len(bounds) == 1:
            yield from nlp.pipe((_make(nlp, text, user) for text, user, _ in group), batch_size=batch_size)
            continue
        head, tail = split_pipeline(nlp)
        pieces = _run_bounded(head, [nlp.make_doc(text[s:e]) for s, e in bounds], piece_chars, batch_size)
        joined = join_pieces(pieces, [s for s, _ in bounds], user)
        yield from run_components(tail, [joined])


def _make(nlp: Language, text: str, user: dict[str, Any]) -> Doc:
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    for name, value in user.items():
        setattr(doc._, name, value)
    return doc


def _groups(docs: Iterable[tuple[str, dict[str, Any]]], piece_chars: int, batch_size: int
            ) -> Iterator[list[tuple[str, dict[str, Any], list[tuple[int, int]]]]]:
    """Texts in groups of at most ``batch_size`` (a long text alone), each with its piece bounds."""
    group: list[tuple[str, dict[str, Any], list[tuple[int, int]]]] = []
    for text, user in docs:
        bounds = piece_bounds(text, piece_chars)
        if group and (len(group) >= batch_size or len(bounds) > 1):
            yield group
            group = []
        group.append((text, user, bounds))
        if len(bounds) > 1:
            yield group
            group = []
    if group:
        yield group


def _run_bounded(components: list[Component], docs: list[Doc], piece_chars: int, batch_size: int) -> list[Doc]:
    """Batches of at most ``batch_size`` Docs and, past the first Doc, ``piece_chars`` characters."""
    out: list[Doc] = []
    batch: list[Doc] = []
    chars = 0
    for doc in docs:
        if batch and (len(batch) >= batch_size or chars + len(doc.text) > piece_chars):
            out += run_components(components, batch)
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
    if batch:
        out += run_components(components, batch)
    return out

"""Long texts in bounded pieces: the model's own components see at most about ``piece_chars`` characters at
a time (plus a little context), so peak memory stays bounded whatever the length of the text.

The neural components (tok2vec, tagger, NER, the selective parser) hold arrays over the whole Doc: on a
1 MB text they peak at over 3 GB. They run piece by piece; the pieces' tokens are joined into one Doc
(``Doc.from_array``, as ``Doc.from_docs`` does; character offsets unchanged) and every component that
reads across the article (quote finding, linking, the resolver's entity table, dating, calibration) runs
once on the joined Doc, so what they see is the same as without pieces.

Pieces are cut at the start of a paragraph (a line), never inside a quotation nor between the paragraphs of
a quotation that runs on, preferring cuts with no quotation in the paragraphs on either side.

Each piece is processed in a window of context: the paragraphs on either side of it within
``context_chars`` characters (at least the part of the next one within them, cut at a space), so that
the words next to a cut are tagged, labelled and encoded as in the whole text (the model's tok2vec sees
four tokens either side; NER and the learned tagger's bidirectional LSTM read on across the cut), with the
quotation marks of the whole text. Only the piece's own tokens are kept: every token of the text is in the
joined Doc exactly once, tokenised as in the whole text, and a head in the context (a sentence running on
over a line break) still points to the same token of the whole text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy
from spacy.attrs import (
    DEP,
    ENT_ID,
    ENT_IOB,
    ENT_KB_ID,
    ENT_TYPE,
    HEAD,
    IDX,
    LEMMA,
    LENGTH,
    MORPH,
    NORM,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from attribution.extensions import doc_text, remember_text
from attribution.marks import QuotedSpan, find_quoted_spans, paragraphs

PIECE_CHARS = 100_000  # ~20,000 tokens: en_core_web_sm peaks at a few hundred MB on such a piece
# A piece's context on either side: the paragraphs within this many characters of it (``context_windows``).
CONTEXT_CHARS = 1_000
# The first component that reads the article as a whole: it and everything after run on the joined Doc.
FIRST_WHOLE_DOC_COMPONENT = "quote_finder"
TOKEN_ROW_EXTENSIONS = ("attribution_tags", "attribution_probs")
# The token annotations carried from a piece's window to the joined Doc (those ``Doc.from_docs`` carries).
ARRAY_ATTRS = (TAG, POS, MORPH, LEMMA, NORM, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID, SENT_START)
IOB_INSIDE, IOB_BEGIN = Token.iob_strings().index("I"), Token.iob_strings().index("B")

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


def context_windows(text: str, bounds: list[tuple[int, int]], context_chars: int = CONTEXT_CHARS
                    ) -> list[tuple[int, int]]:
    """The (start, end) each piece is processed over: the piece with the paragraphs on either side of it
    that lie within ``context_chars`` characters of it (none before the first piece, none after the
    last); where the paragraph next to the piece is longer, the part of it within ``context_chars``, cut
    at a space (whole words: the piece's words are tokenised as in the whole text). Never further than the
    piece next to it. ``context_chars`` 0: the pieces themselves."""
    windows = []
    for k, (start, end) in enumerate(bounds):
        if context_chars <= 0:
            windows.append((start, end))
            continue
        before = _context_before(text, start, max(bounds[k - 1][0], start - context_chars)) if k else start
        after = _context_after(text, end, min(bounds[k + 1][1], end + context_chars)) if k + 1 < len(bounds) else end
        windows.append((before, after))
    return windows


def _context_before(text: str, start: int, floor: int) -> int:
    """The first paragraph start at or after ``floor`` before ``start`` (the first non-space character
    after a line break); else, when the paragraph before ``start`` begins before ``floor``, the first
    whole word from ``floor`` on."""
    if floor == 0 or text[floor - 1] == "\n":
        begin = floor
    else:
        line = text.find("\n", floor, start)
        begin = line + 1 if line >= 0 else start
    begin = _skip_spaces(text, begin, start)
    if begin < start:
        return begin
    if not text[floor - 1].isspace():
        floor = next((i for i in range(floor, start) if text[i].isspace()), start)
    return _skip_spaces(text, floor, start)


def _skip_spaces(text: str, begin: int, end: int) -> int:
    while begin < end and text[begin].isspace():
        begin += 1
    return begin


def _context_after(text: str, end: int, ceiling: int) -> int:
    """The end of the last paragraph after ``end`` that ends before ``ceiling``; else the end of the last
    whole word before ``ceiling``."""
    if ceiling < len(text) and text[ceiling] != "\n":
        line = text.rfind("\n", end, ceiling)
        if line >= 0:
            ceiling = line
        elif not text[ceiling].isspace():
            ceiling = next((i for i in range(ceiling - 1, end - 1, -1) if text[i].isspace()), end)
    while ceiling > end and text[ceiling - 1].isspace():
        ceiling -= 1
    return ceiling


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


@dataclass(slots=True)
class OwnTokens:
    """What the piecewise components gave a piece's own tokens, cut from its window (``own_tokens``):
    their words and trailing spaces, their attribute rows (``Doc.to_array`` of ``ARRAY_ATTRS``; heads
    relative, so a head in the context still points to the same token of the whole text), the parsed
    regions (character offsets from the piece's start) and the Doc extensions holding one row per token."""

    words: list[str]
    spaces: list[bool]
    array: numpy.ndarray
    parsed_sents: list[tuple[int, int]] | None
    token_rows: dict[str, numpy.ndarray]


def own_tokens(doc: Doc, start: int, end: int) -> OwnTokens:
    """The tokens of ``doc`` (a piece's window) from character ``start`` to ``end`` (the piece; token
    bounds), with the annotations and the Doc extensions the piecewise components set."""
    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH, SPACY]).astype("int64") if len(doc) else numpy.zeros((0, 3), dtype="int64")
    first, last = (int(i) for i in numpy.searchsorted(rows[:, 0], [start, end]))
    if (first < len(doc) and rows[first, 0] != start) or (last < len(doc) and rows[last, 0] != end):
        raise ValueError(f"characters {start}:{end} of a piece's window are not token bounds")
    offsets, lengths, spaces = rows[first:last].T.tolist()
    parsed = doc._.parsed_sents
    return OwnTokens(
        words=[text[i:i + n] for i, n in zip(offsets, lengths, strict=True)],
        spaces=[bool(space) for space in spaces],
        array=doc.to_array(ARRAY_ATTRS)[first:last].copy(),
        parsed_sents=None if parsed is None else [(s - start, e - start) for s, e in parsed if start <= s and e <= end],
        token_rows={name: getattr(doc._, name)[first:last] for name in TOKEN_ROW_EXTENSIONS
                    if Doc.has_extension(name) and getattr(doc._, name) is not None})


def join_pieces(vocab: Vocab, pieces: list[OwnTokens], offsets: list[int], user: dict[str, Any]) -> Doc:
    """One Doc of the pieces' tokens (their words concatenate to the original text), their annotations
    (``Doc.from_array``, as ``Doc.from_docs`` would; no tensor: it is not needed past the neural
    components), the Doc extensions set by the piecewise components merged (``parsed_sents`` shifted by
    each piece's offset, the token rows concatenated) and ``user`` set."""
    doc = Doc(vocab, words=[w for piece in pieces for w in piece.words],
              spaces=[s for piece in pieces for s in piece.spaces])
    array = numpy.concatenate([piece.array for piece in pieces])
    _mend_entity_starts(array, [len(piece.words) for piece in pieces])
    doc.from_array(ARRAY_ATTRS, array)
    if any(piece.parsed_sents is not None for piece in pieces):
        doc._.parsed_sents = [(s + offset, e + offset) for piece, offset in zip(pieces, offsets, strict=True)
                              for s, e in piece.parsed_sents or ()]
    for name in TOKEN_ROW_EXTENSIONS:
        if Doc.has_extension(name) and all(name in piece.token_rows for piece in pieces):
            setattr(doc._, name, numpy.concatenate([piece.token_rows[name] for piece in pieces]))
    for name, value in user.items():
        setattr(doc._, name, value)
    return doc


def _mend_entity_starts(array: numpy.ndarray, lengths: list[int]) -> None:
    """A piece opening inside an entity (``I``: it began in the piece's context) that the token before
    does not carry (no entity, or another label) starts it there (``B``), as ``Span.as_doc`` does."""
    iob, label = ARRAY_ATTRS.index(ENT_IOB), ARRAY_ATTRS.index(ENT_TYPE)
    for at in numpy.cumsum([0, *lengths[:-1]]).tolist():
        if at < len(array) and array[at, iob] == IOB_INSIDE and (
                at == 0 or array[at - 1, iob] not in (IOB_INSIDE, IOB_BEGIN) or array[at - 1, label] != array[at, label]):
            array[at, iob] = IOB_BEGIN


def process_in_pieces(nlp: Language, docs: Iterable[tuple[str, dict[str, Any]]], piece_chars: int,
                      batch_size: int, context_chars: int = CONTEXT_CHARS) -> Iterator[Doc]:
    """Process (text, Doc extension values) pairs, yielding the Docs in input order: texts up to
    ``piece_chars`` through ``nlp.pipe`` in batches of ``batch_size`` (exactly as without pieces), a longer
    text alone: the piecewise components over its pieces, each in its window of context
    (``context_windows``; batches of about ``piece_chars`` characters), then the whole-Doc components on
    the joined Doc of the pieces' own tokens."""
    for group in _groups(docs, piece_chars, batch_size):
        text, user, bounds = group[0]
        if len(bounds) == 1:
            yield from nlp.pipe((_make(nlp, text, user) for text, user, _ in group), batch_size=batch_size)
            continue
        head, tail = split_pipeline(nlp)
        windows = context_windows(text, bounds, context_chars)
        spans = find_quoted_spans(text)
        docs = [_make(nlp, text[a:b], {"quoted_spans": _spans_within(spans, a, b)}) for a, b in windows]
        pieces = _run_bounded(head, docs, piece_chars, batch_size,
                              [(s - a, e - a) for (a, _), (s, e) in zip(windows, bounds, strict=True)])
        joined = join_pieces(nlp.vocab, pieces, [s for s, _ in bounds], user)
        remember_text(joined, text)
        yield from run_components(tail, [joined])


def _spans_within(spans: list[QuotedSpan], start: int, end: int) -> list[QuotedSpan]:
    """The quotations of the whole text that lie, marks included, within ``start``:``end``, with offsets
    into that window: a window's words are read inside or outside quotation marks as in the whole text,
    even where its context begins inside a quotation."""
    return [replace(span, start=span.start - start, end=span.end - start) for span in spans
            if span.start - len(span.open_mark) >= start and span.end + len(span.close_mark or "") <= end]


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


def _run_bounded(components: list[Component], docs: list[Doc], piece_chars: int, batch_size: int,
                 own: list[tuple[int, int]]) -> list[OwnTokens]:
    """Batches of at most ``batch_size`` Docs and, past the first Doc, ``piece_chars`` characters; of each
    Doc, the tokens of its ``own`` character range (``own_tokens``: the piece without its context), taken
    batch by batch so that one batch's contexts at most are held."""
    out: list[OwnTokens] = []
    batch: list[Doc] = []
    chars = 0

    def run() -> None:
        done = run_components(components, batch)
        out.extend(own_tokens(doc, *bounds) for doc, bounds in zip(done, own[len(out):], strict=False))

    for doc in docs:
        if batch and (len(batch) >= batch_size or chars + len(doc_text(doc)) > piece_chars):
            run()
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc_text(doc))
    if batch:
        run()
    return out

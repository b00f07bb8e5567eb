"""Selective dependency parsing: parse only the text that can hold an attribution.

The parser is the second most expensive component of en_core_web_sm, and most sentences of a news article
hold neither a quotation mark nor a speech verb. "attribution_parser" takes the place of the model's
parser: it runs the model's own parser (on the tok2vec output already computed for the whole document) over

- in a paragraph that holds a quotation, every sentence with a cue word (weak cues count here) that is
  not wholly inside the quoted words, and
- every other sentence that contains a precise speech cue ("said", "told", "according to", ...) or a
  date with a month or year (for the dater, "quote_dater");

that is, every sentence in which a trigger of attribution/triggers.py fires (the rules act only on
those triggers, so none of them meets an unparsed sentence);

every other sentence gets its boundaries from spaCy's rule-based Sentencizer and a flat placeholder tree
(each token attached to the sentence's first token, every token labelled ``"unparsed"``). So on the Doc:

- ``Doc.ents``, POS tags, lemmas: over the whole text (NER and tagger are untouched);
- ``Doc.sents``: everywhere (parser boundaries in parsed regions, Sentencizer boundaries elsewhere);
- dependency labels and heads: real wherever ``token.dep_ != "unparsed"``; ``Doc._.parsed_sents`` lists the
  character spans of the parsed regions.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from attribution.extensions import doc_text, line_break_tokens, register_extensions
from attribution.marks import QuotedSpan, find_quoted_spans, introduces_quotation
from attribution.triggers import QUOTED, UNQUOTED, sentence_triggered

UNPARSED = "unparsed"  # the dependency label of every token the parser did not see
LEARNED_CUE_TAGS = (3, 4)  # B-CUE, I-CUE in attribution.learned.data.LABELS
_EDGE = " \t\n\u00a0\"“”«»'‘’`"  # what may surround a sentence wholly inside a quotation


class AttributionParser:
    """Runs ``parser`` only where an attribution can be; see the module docstring for the guarantees."""

    def __init__(self, parser, vocab) -> None:
        self.parser = parser
        self.vocab = vocab
        self.sentencizer = Sentencizer()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    # ------------------------------------------------------------------ internals
    def _process(self, docs: list[Doc]) -> list[Doc]:
        regions_per_doc = []
        subdocs: list[Doc] = []
        for doc in docs:
            self.sentencizer(doc)
            _join_false_breaks(doc)
            regions = self._regions(doc)
            regions_per_doc.append(regions)
            if regions:
                rows = doc.to_array([IDX, LENGTH, SPACY])  # once per Doc, sliced per region
                subdocs.extend(self._subdoc(doc, start, end, rows) for start, end in regions)
        parsed = iter(list(self.parser.pipe(subdocs, batch_size=max(len(subdocs), 1))) if subdocs else [])
        for doc, regions in zip(docs, regions_per_doc, strict=True):
            self._write_back(doc, regions, parsed)
        return docs

    def _regions(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges to parse: the sentences a trigger fires in (in a paragraph holding a quotation,
        not the sentences wholly inside the quoted words, which hold no attribution)."""
        regions: list[tuple[int, int]] = []
        text = doc_text(doc)
        if doc._.quoted_spans is None:
            doc._.quoted_spans = find_quoted_spans(text)
        quoted = sorted(doc._.quoted_spans, key=lambda q: q.start)
        ends = [q.end for q in quoted]
        cues = _learned_cues(doc)
        for para_start, para_end in _paragraph_token_ranges(doc):
            para = doc[para_start:para_end]
            quoted_para = _overlaps(quoted, ends, para.start_char, para.end_char) \
                or introduces_quotation(text, para.end_char, quoted, ends)
            run_start = None
            for sent in para.sents:
                s, e = max(sent.start, para_start), min(sent.end, para_end)
                if s >= e:
                    continue
                # The sentence's text (as Span.text) cut from the kept text, not joined from its tokens.
                start_char, last = doc[s].idx, doc[e - 1]
                sent_text = text[start_char:last.idx + len(last)]
                if quoted_para:
                    wanted = sentence_triggered(sent_text, QUOTED) \
                        and not _inside_quotation(quoted, ends, start_char, sent_text)
                else:
                    wanted = sentence_triggered(sent_text, UNQUOTED)
                # A cue the learned tagger found (attribution.learned) is anchored on the parse too.
                wanted = wanted or (cues is not None and cues[e] > cues[s])
                if wanted and run_start is None:
                    run_start = s
                elif not wanted and run_start is not None:
                    regions.append((run_start, s))
                    run_start = None
            if run_start is not None:
                regions.append((run_start, para_end))
        return regions

    def _subdoc(self, doc: Doc, start: int, end: int, rows: numpy.ndarray | None = None) -> Doc:
        # Words cut from the kept text at the tokens' offsets (no Token objects): what Token.text gives.
        # ``rows``: the Doc's IDX, LENGTH, SPACY array, when the caller has it (one per Doc, not per region).
        text = doc_text(doc)
        if rows is None:
            rows = doc.to_array([IDX, LENGTH, SPACY])
        offsets, lengths, spaces = rows[start:end].T.tolist()
        words = [text[i:i + n] for i, n in zip(offsets, lengths, strict=True)]
        sub = Doc(self.vocab, words=words, spaces=[bool(space) for space in spaces])
        if doc.tensor is not None and doc.tensor.size:
            sub.tensor = doc.tensor[start:end]
        return sub

    def _write_back(self, doc: Doc, regions: list[tuple[int, int]], parsed) -> None:
        heads = numpy.zeros(len(doc), dtype="int64")
        deps = numpy.full(len(doc), self.vocab.strings.add(UNPARSED), dtype="uint64")
        covered = numpy.zeros(len(doc), dtype=bool)
        for start, end in regions:
            covered[start:end] = True
        # Placeholder outside the regions: each Sentencizer sentence (cut at region edges) a flat tree on
        # its first token, every token labelled UNPARSED (spaCy ignores the head of a token with no label).
        _flat_trees(doc, covered, heads)
        spans = []
        for start, end in regions:
            sub = next(parsed)
            # HEAD from to_array is the head's offset (as uint64); the bits are kept, as before
            rows = sub.to_array([HEAD, DEP])
            heads[start:end] = rows[:, 0].view("int64")
            deps[start:end] = rows[:, 1]
            spans.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)))
        array = numpy.stack([heads.astype("uint64"), deps], axis=1)
        doc.from_array([HEAD, DEP], array)
        doc._.parsed_sents = spans


# What may stand between a period and the sentence start the Sentencizer put after it.
_CLOSERS = frozenset(")]\"”’'")
# Abbreviations of "number" the tokenizer splits from their period ("the No. 2 Republican").
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})
# Abbreviated titles, which stand before a name and never end a sentence ("retired Army Lt. Gen. Mick Doe").
_TITLE_ABBREVIATIONS = frozenset("""lt gen col maj sgt capt cmdr adm cpl pvt rev sen sens rep reps gov govs dr mr
    mrs ms prof hon atty pres supt amb ft mt""".split())


def _join_false_breaks(doc: Doc) -> None:
    """Undo the Sentencizer's breaks after a period that ends no sentence: the tokenizer splits the period
    off an abbreviation before a parenthesis or a number ("Sen. Bernie Sanders (I-Vt.) said", "the No. 2
    Republican said"), and the Sentencizer then starts a sentence at "said", leaving the cue without its
    subject. A sentence never starts with a lower-case word, nor a number right after "No.", nor a name right
    after an abbreviated title ("Lt. Gen. Mick Doe", "a Ft. Worth member")."""
    # The sentence starts found on the array (read before any is undone, as the loop over every token was).
    for i in numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() if len(doc) else ():
        if i == 0:
            continue
        k = i
        while k + 1 < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1  # a double space after the parenthesis
        first = doc[k]
        j = i - 1
        while j > 0 and doc[j].text in _CLOSERS:
            j -= 1
        if doc[j].text != "." or j == 0:
            continue
        before = doc[j - 1]
        if first.text[:1].islower() or (first.like_num and before.lower_ in _NUMBER_ABBREVIATIONS) \
                or (first.text[:1].isupper() and before.text.istitle() and before.lower_ in _TITLE_ABBREVIATIONS):
            doc[i].is_sent_start = False


def _flat_trees(doc: Doc, covered: numpy.ndarray, heads: numpy.ndarray) -> None:
    """Placeholder outside the regions: each Sentencizer sentence (cut at region edges) a flat tree on its
    first token (spaCy ignores the head of a token with no label). On whole arrays, not token by token: a
    sentence start or a parsed token opens a new tree, whose root is its first token outside the regions
    that is no whitespace token (the first token of the text is a root even when it is one); a whitespace
    token outside the regions points to the token before it (line breaks end the sentence before them, as
    the parser does)."""
    if not len(doc):
        return
    rows = doc.to_array([SENT_START, IS_SPACE])
    index = numpy.arange(len(doc))
    spaces = (rows[:, 1] != 0) & ~covered & (index > 0)
    eligible = ~covered & ~spaces
    opens = (rows[:, 0] == 1) | covered
    opens[0] = True
    tree = numpy.cumsum(opens)  # which tree each token belongs to
    members = numpy.flatnonzero(eligible)
    first = numpy.ones(len(members), dtype=bool)
    first[1:] = tree[members[1:]] != tree[members[:-1]]
    roots = numpy.maximum.accumulate(numpy.where(first, members, 0))
    heads[members] = roots - members
    heads[spaces] = -1


def _learned_cues(doc: Doc) -> list[int] | None:
    """How many tokens before each token index the learned tagger tagged as a cue (None without its
    tags): a sentence holds one when the count grows across it."""
    tags = doc._.attribution_tags if Doc.has_extension("attribution_tags") else None
    if tags is None:
        return None
    return [0, *numpy.cumsum(numpy.isin(tags, LEARNED_CUE_TAGS)).tolist()]


def _overlaps(spans: list[QuotedSpan], ends: list[int], start: int, end: int) -> bool:
    index = bisect.bisect_left(ends, start)
    return index < len(spans) and spans[index].start <= end


def _inside_quotation(spans: list[QuotedSpan], ends: list[int], start_char: int, text: str) -> bool:
    """The sentence ``text`` (from ``start_char``) lies within one quotation's words (its marks and edge
    spaces aside)."""
    start = start_char + (len(text) - len(text.lstrip(_EDGE)))
    end = start_char + len(text.rstrip(_EDGE))
    index = bisect.bisect_left(ends, end)
    return index < len(spans) and spans[index].start <= start and end <= spans[index].end + 1


def _paragraph_token_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between line breaks (a line break is a whitespace token containing "\\n")."""
    ranges = []
    start = 0
    for i in line_break_tokens(doc):
        if i > start:
            ranges.append((start, i))
        start = i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


@Language.factory("attribution_parser", requires=["doc.tensor"], assigns=["token.dep", "token.head",
                                                                          "token.is_sent_start"])
def make_attribution_parser(nlp: Language, name: str,  # noqa: ARG001 (spaCy passes the name)
                            parser_name: str = "parser") -> AttributionParser:
    """Wraps the pipeline's own (disabled) ``parser_name`` component."""
    register_extensions()
    return AttributionParser(nlp.get_pipe(parser_name), nlp.vocab)

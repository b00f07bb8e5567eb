"""Sentences and paragraphs of a Doc, robust to a partial parse.

The core pipeline may skip the parser on sentences that cannot hold an attribution, so sentence starts
may come from a rule-based sentencizer or be missing. Where missing, a light rule (end punctuation, then
a capitalised word or an opening quotation mark) takes over; a line break always ends a sentence
(captions and headlines carry no final period). Paragraphs are runs of text between line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc, Token

from attribution.extensions import doc_text

_END = frozenset(".!?")
_OPENERS = frozenset("\"“‘'«(")
_CLOSERS = "\"”’'»)"


def _looks_like_sentence_start(token: Token, prev: Token, prev2: Token | None) -> bool:
    prev_text = prev.text.rstrip(_CLOSERS)
    ends_sentence = (bool(prev_text) and prev_text[-1] in _END) or (
        prev.text in _CLOSERS and prev2 is not None and prev2.text[-1:] in _END)
    return ends_sentence and (token.text[:1].isupper() or token.text[:1] in _OPENERS)


def _line_break_before(text: str, token_starts: list[int]) -> list[bool]:
    """Per token, whether a line break lies between the previous token's start and its own (the first
    token: False). Counted on the text's line breaks (a few per paragraph), not by slicing the text
    between every two tokens."""
    if not token_starts:
        return []
    breaks = numpy.array([m.start() for m in re.finditer("\n", text)], dtype="int64")
    before = numpy.searchsorted(breaks, numpy.array(token_starts, dtype="int64"))  # line breaks before each start
    return [False, *(before[1:] > before[:-1]).tolist()]


@dataclass(slots=True)
class Layout:
    """Sentence and paragraph index of every token, and paragraph boundaries by character."""

    token_starts: list[int]
    sentence_of_token: list[int]
    sentence_bounds: list[tuple[int, int]]  # token [start, end) of each sentence
    paragraph_starts: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        text = doc_text(doc)
        token_starts = doc.to_array("IDX").tolist() if len(doc) else []
        sent_starts = doc.to_array("SENT_START").tolist() if len(doc) else []
        after_break = _line_break_before(text, token_starts)
        sentence_of_token: list[int] = []
        starts: list[int] = []
        sentence = 0
        for i in range(len(token_starts)):
            if i == 0:
                starts.append(0)
            else:
                if after_break[i]:
                    begins = True  # a line break always ends a sentence (captions, headlines)
                elif sent_starts[i] != 0:
                    begins = sent_starts[i] == 1
                else:
                    begins = _looks_like_sentence_start(doc[i], doc[i - 1], doc[i - 2] if i > 1 else None)
                if begins:
                    sentence += 1
                    starts.append(i)
            sentence_of_token.append(sentence)
        bounds = list(zip(starts, starts[1:] + [len(doc)], strict=True)) if starts else []
        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
        return cls(token_starts, sentence_of_token, bounds, paragraph_starts)

    def token_at(self, char: int) -> int:
        """Index of the token covering (or last starting before) character ``char``."""
        return max(bisect_right(self.token_starts, char) - 1, 0)

    def sentence_at(self, char: int) -> int:
        if not self.sentence_of_token:
            return 0
        return self.sentence_of_token[self.token_at(char)]

    def sentence_tokens(self, doc: Doc, index: int):
        """The tokens of sentence ``index`` (a Span; empty past the end)."""
        if not 0 <= index < len(self.sentence_bounds):
            return doc[0:0]
        start, end = self.sentence_bounds[index]
        return doc[start:end]

    def paragraph_at(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def paragraph_start(self, char: int) -> int:
        return self.paragraph_starts[self.paragraph_at(char)]

"""Sentences and paragraphs of a Doc, robust to a partial parse.

The core pipeline may skip the parser on sentences that cannot hold an attribution, so sentence starts
may be missing. Where they are, a light rule (end punctuation, then a capitalised word or an opening
quotation mark; or a line break) takes over. Paragraphs are runs of text between line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

_END = frozenset(".!?")
_OPENERS = frozenset("\"“‘'«(")


def _looks_like_sentence_start(token: Token) -> bool:
    prev = token.doc[token.i - 1]
    if "\n" in prev.text or "\n" in prev.whitespace_:
        return True
    prev_text = prev.text.rstrip("\"”’'»)")
    ends_sentence = bool(prev_text) and prev_text[-1] in _END or (prev.text in "\"”’'»" and token.i >= 2
                                                                    and token.doc[token.i - 2].text[-1:] in _END)
    return ends_sentence and (token.text[:1].isupper() or token.text[:1] in _OPENERS)


@dataclass(slots=True)
class Layout:
    """Sentence and paragraph index of every token, and paragraph boundaries by character."""

    token_starts: list[int]
    sentence_of_token: list[int]
    paragraph_starts: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        has_sents = doc.has_annotation("SENT_START")
        sentence_of_token: list[int] = []
        sentence = 0
        for token in doc:
            if token.i > 0:
                prev = doc[token.i - 1]
                if "\n" in prev.text or "\n" in prev.whitespace_:
                    starts = True  # a line break always ends a sentence (captions, headlines)
                elif has_sents and token.is_sent_start is not None:
                    starts = token.is_sent_start
                else:
                    starts = _looks_like_sentence_start(token)
                sentence += bool(starts)
            sentence_of_token.append(sentence)
        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", doc.text)]
        return cls([t.idx for t in doc], sentence_of_token, paragraph_starts)

    def token_at(self, char: int) -> int:
        """Index of the token covering (or last starting before) character ``char``."""
        return max(bisect_right(self.token_starts, char) - 1, 0)

    def sentence_at(self, char: int) -> int:
        if not self.sentence_of_token:
            return 0
        return self.sentence_of_token[self.token_at(char)]

    def paragraph_at(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def paragraph_start(self, char: int) -> int:
        return self.paragraph_starts[self.paragraph_at(char)]

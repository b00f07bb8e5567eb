"""The text the pipeline reads: invisible characters and leftover markup neutralised, offsets kept.

Web text carries characters a reader never sees but the tokenizer does: a zero-width space or soft hyphen
inside "Thomas\u00adGreenfield" splits the name, one inside "sa\u200bid" hides the cue; a no-break space
glues "Jane\u00a0Doe\u00a0said" into tokens the tagger has not seen. Extraction also leaves tags behind
("…</p>", "<tweet …>") that would end up inside quotations.

:func:`clean_text` returns the text to process and a map back to the input, so every Quote offset still
indexes the ORIGINAL text (``Quote.text == input[start:end]``):

- invisible format characters (zero-width space/joiners, word joiner, BOM, soft hyphen) are removed;
- no-break and other fixed-width spaces become plain spaces (same length);
- an HTML/XML tag becomes spaces of its length, so it never joins the words on its two sides and never
  counts as quoted words;
- a text quoting with single marks (British and Commonwealth papers: ‘We’re not going,’ said Mr Smith)
  is read with double ones (attribution.marks.double_mark_reading, same length): the parser and every
  rule meet the convention they were built on. Quote texts, cues, mentions and sentences are taken back
  from the input, so they keep the marks the paper set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from attribution.marks import double_mark_reading
from attribution.types import Quote

# Zero-width characters, the soft hyphen and the bidirectional controls (marks, embeddings, isolates) that
# text pasted from right-to-left or mixed-direction pages carries: none is seen, each would split a word.
INVISIBLE = ("\u200b\u200c\u200d\u2060\ufeff\u00ad"
             "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_SPACE_TABLE = str.maketrans(SPACES, " " * len(SPACES))
# A tag: "<p>", "</p>", "<br/>", "<a href='…'>", "<tweet tweet-id=…>" (not "a < b > c": a name must follow "<").
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str  # what the pipeline processes
    origin: tuple[int, ...] | None  # origin[i]: the input position of text[i] (None: same positions)
    length: int  # of the input
    marks_swapped: bool = False  # single-mark quotations read as double-mark ones (double_mark_reading)

    def start(self, pos: int) -> int:
        """The input position of a span starting at ``pos`` of the clean text."""
        if self.origin is None:
            return pos
        return self.origin[pos] if pos < len(self.origin) else self.length

    def end(self, pos: int) -> int:
        """The input position just after a span ending at ``pos`` (exclusive) of the clean text."""
        if self.origin is None or pos == 0:
            return pos
        return self.origin[pos - 1] + 1


def storable(text: str) -> str:
    """``text`` with what cannot be encoded or stored replaced by U+FFFD, one character for one (offsets
    kept): lone surrogates (a JSON ``"\\ud800"``, undecodable bytes read with surrogateescape) that UTF-8
    cannot encode, and NUL, which PostgreSQL refuses. Input is cleaned so before anything else sees it."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text


def clean_text(original: str) -> CleanText:
    text = TAG_RE.sub(lambda m: " " * len(m.group()), original.translate(_SPACE_TABLE))
    origin = None
    if _INVISIBLE_RE.search(text):
        origin = tuple(i for i, ch in enumerate(text) if ch not in INVISIBLE)
        text = _INVISIBLE_RE.sub("", text)
    read = double_mark_reading(text)
    return CleanText(read, origin, len(original), read != text)


def restore_offsets(quotes: list[Quote], clean: CleanText, original: str) -> list[Quote]:
    """Point every offset of ``quotes`` (found in ``clean.text``) back into ``original``."""
    if clean.text == original:
        return quotes
    for q in quotes:
        start, end = q.start, q.end
        while start < end and clean.text[start].isspace():  # a tag at the quotation's edge
            start += 1
        while end > start and clean.text[end - 1].isspace():
            end -= 1
        q.start, q.end = clean.start(start), clean.end(end)
        q.text = original[q.start:q.end]
        if q.cue_start is not None and q.cue_end is not None:
            q.cue_start, q.cue_end = clean.start(q.cue_start), clean.end(q.cue_end)
            q.cue = original[q.cue_start:q.cue_end]
        if q.speaker_start is not None and q.speaker_end is not None:
            q.speaker_start, q.speaker_end = clean.start(q.speaker_start), clean.end(q.speaker_end)
            q.speaker_mention = original[q.speaker_start:q.speaker_end]
        if clean.marks_swapped and q.sentence:
            q.sentence = _sentence_as_written(q.sentence, start, clean, original)
    return quotes


def _sentence_as_written(sentence: str, start: int, clean: CleanText, original: str) -> str:
    """The quotation's sentence (a slice of ``clean.text`` around the quotation starting at ``start``)
    as the input writes it, with the paper's own quotation marks."""
    at = clean.text.rfind(sentence, max(0, start - len(sentence)), start + len(sentence))
    if at < 0:
        return sentence
    return original[clean.start(at):clean.end(at + len(sentence))]

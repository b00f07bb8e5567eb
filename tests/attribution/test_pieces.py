"""Long texts in bounded pieces: where texts are cut, and that the quotations are those of the whole text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Token

from attribution.cleaning import clean_text
from attribution.marks import find_quoted_spans
from attribution.pieces import (
    ARRAY_ATTRS,
    IOB_BEGIN,
    IOB_INSIDE,
    _mend_entity_starts,
    context_windows,
    piece_bounds,
)

FIXTURES = Path(__file__).parents[1] / "fixtures"


def real_paragraphs_text() -> str:
    """Real news paragraphs: the seed article, then the resolution and dev cases (PolNeAR dev excerpts)."""
    parts = [(FIXTURES / "attribution" / "helsinki-2025-08-07.txt").read_text(encoding="utf-8")]
    cases = json.loads((FIXTURES / "resolution" / "cases.json").read_text(encoding="utf-8"))
    parts += [case["text"] for case in cases.values()]
    parts += [case["text"] for case in json.loads((FIXTURES / "attribution" / "dev_cases.json").read_text("utf-8"))]
    return "\n\n".join(part.strip() for part in parts)


def test_a_short_text_is_one_piece():
    assert piece_bounds("Hello.\n\nWorld.", 100) == [(0, 14)]


def test_pieces_partition_the_text_at_paragraph_starts_within_the_size():
    text = real_paragraphs_text()
    bounds = piece_bounds(text, 2000)
    assert len(bounds) > 5
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(end == next_start for (_, end), (next_start, _) in zip(bounds, bounds[1:], strict=False))
    for start, _ in bounds[1:]:
        assert text[start - 1].isspace() and "\n" in text[max(0, start - 5):start] and not text[start].isspace()
    longest_paragraph = max(len(p) for p in text.split("\n"))
    assert all(end - start <= max(2000, longest_paragraph + 2) for start, end in bounds)


def test_no_cut_inside_a_quotation_or_between_paragraphs_of_one_quotation():
    text = real_paragraphs_text()
    spans = find_quoted_spans(text)
    for start, _ in piece_bounds(text, 800)[1:]:
        assert not any(s.start < start < s.end for s in spans)
        before = [s for s in spans if s.end <= start]
        assert not (before and before[-1].continues)


def test_a_quotation_running_over_paragraphs_is_kept_in_one_piece():
    # Each paragraph reopens the quotation; only the last closes it.
    para = "word " * 30
    text = f"Intro line.\n\n“{para}\n\n“{para}\n\n“{para}”\n\nShe said so.\n\nEnd."
    bounds = piece_bounds(text, 60)
    starts = [s for s, _ in bounds]
    first_mark = text.index("“")
    last_close = text.index("”")
    assert not any(first_mark < s <= last_close for s in starts)


def test_prefers_a_cut_with_no_quotation_on_either_side():
    quiet = "Plain narration here. " * 3  # 66 characters
    quoted = "“Quoted words here,” he said. " * 2  # 60
    text = "\n".join([quoted, quiet, quiet, quoted, quoted, quiet])
    between_quiet = text.index(quiet, len(quoted) + len(quiet))
    after_quiet = text.index(quoted, between_quiet)
    assert between_quiet == 128 and after_quiet == 195
    # Both cuts fit in 250 characters; the one between narration paragraphs is taken.
    assert piece_bounds(text, 250)[1][0] == between_quiet


@pytest.fixture
def small_pieces(extractor, monkeypatch):
    monkeypatch.setattr(extractor, "piece_chars", 1500)
    return extractor


def test_a_long_text_in_pieces_gives_the_quotations_of_the_whole(extractor, small_pieces):
    text = real_paragraphs_text()
    assert len(piece_bounds(text, 1500)) > 8
    pieces_quotes = [q.to_dict() for q in small_pieces.extract(text, "2016-10-04")]
    small_pieces.piece_chars = 10 ** 9
    whole_quotes = [q.to_dict() for q in extractor.extract(text, "2016-10-04")]
    assert len(whole_quotes) > 20
    # Each piece is processed with the paragraphs around it as context, so everything is equal, speakers
    # included, but the learned tagger's confidences, which may move a very little: its LSTM reads on
    # beyond the context.
    assert [{**q, "confidence": None} for q in pieces_quotes] == [{**q, "confidence": None} for q in whole_quotes]
    for piece_quote, whole_quote in zip(pieces_quotes, whole_quotes, strict=True):
        if piece_quote["rule"] == "learned":
            assert piece_quote["confidence"] == pytest.approx(whole_quote["confidence"], abs=0.01)
        else:
            assert piece_quote["confidence"] == whole_quote["confidence"]


def token_annotations(doc) -> list[tuple]:
    return [(t.idx, t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.ent_iob_, t.ent_type_,
             t.dep_, t.head.i, t.is_sent_start) for t in doc]


@pytest.mark.parametrize("piece_chars", [700, 1500])
def test_pieces_doc_has_the_annotations_of_the_whole(extractor, small_pieces, piece_chars):
    # Tags, entities, parse and sentences of every token as over the whole text; the learned tagger's
    # probabilities within a small distance.
    text = real_paragraphs_text()
    small_pieces.piece_chars = piece_chars
    pieces_doc = small_pieces.process(text, "2016-10-04")
    small_pieces.piece_chars = 10 ** 9
    whole_doc = extractor.process(text, "2016-10-04")
    assert token_annotations(pieces_doc) == token_annotations(whole_doc)
    assert pieces_doc._.parsed_sents == whole_doc._.parsed_sents
    assert (pieces_doc._.attribution_tags == whole_doc._.attribution_tags).all()
    assert abs(pieces_doc._.attribution_probs - whole_doc._.attribution_probs).max() < 0.02


def test_a_sentence_running_on_over_a_cut_keeps_its_head(extractor, small_pieces):
    # A heading with no full stop runs on, for the Sentencizer, into the next paragraph: "Mayor Ann Roe"
    # is no sentence start in the whole text, nor when a piece starts there (its head, in the context,
    # points to the same token).
    paragraphs = []
    for k in range(12):
        paragraphs += [f"Budget talks in Riverton, day {k + 1}",
                       "Mayor Ann Roe and the council met again on Friday to go over the figures line by line.",
                       "The vote had been delayed twice since the spring, when two members fell ill."]
    text = "\n\n".join(paragraphs)
    small_pieces.piece_chars = 250
    cuts = [start for start, _ in piece_bounds(text, 250)[1:]]
    assert sum(text.startswith("Mayor", cut) for cut in cuts) > 5
    pieces_doc = small_pieces.process(text)
    small_pieces.piece_chars = 10 ** 9
    whole_doc = extractor.process(text)
    assert token_annotations(pieces_doc) == token_annotations(whole_doc)
    mayors = [t for t in whole_doc if t.text == "Mayor" and t.idx in cuts]
    assert mayors and not any(t.is_sent_start for t in mayors)


def test_context_windows_take_whole_paragraphs_within_the_bound():
    text = "Aaa bbb ccc.\n\nDd ee.\n\nFff ggg hhh iii.\n\nJj kk.\n\nLll mmm nnn ooo ppp."
    bounds = [(0, 22), (22, len(text))]  # the second piece starts at "Fff"
    assert context_windows(text, bounds, 0) == bounds
    # 8 characters: the paragraph before ("Dd ee."); after the first piece, the next one cut at a space.
    assert context_windows(text, bounds, 8) == [(0, text.index(" hhh")), (text.index("Dd"), len(text))]
    # Too short for the paragraph before: the whole words within the bound, here none.
    assert context_windows(text, bounds, 3) == [(0, text.index(" ggg")), (22, len(text))]
    # Every paragraph within the bound, never past the neighbouring piece.
    assert context_windows(text, bounds, 30) == [(0, text.index("\n\nLll")), (0, len(text))]
    # A middle piece ("Dd ee."): whole words on either side, the paragraphs next to it being longer.
    three = [(0, 14), (14, 22), (22, len(text))]
    assert context_windows(text, three, 12)[1] == (text.index("bbb"), text.index(" iii"))
    assert context_windows(text, three, 100)[1] == (0, len(text))


def test_a_window_starting_in_a_long_paragraph_starts_at_a_whole_word():
    text = "Intro.\n\n" + "word " * 40 + "end.\n\nPiece starts here."
    start = text.index("Piece")
    (_, _), (begin, _) = context_windows(text, [(0, start), (start, len(text))], 52)
    assert start - 52 <= begin < start and text[begin - 1] == " " and text[begin:begin + 4] in ("word", "end.")
def test_pieces_doc_keeps_offsets_and_parse_regions(small_pieces):
    text = real_paragraphs_text()
    doc = small_pieces.process(text, "2016-10-04")
    assert doc.text == clean_text(text).text  # no-break spaces as spaces (attribution.cleaning)
    assert doc._.parsed_sents and all(0 <= s < e <= len(text) for s, e in doc._.parsed_sents)
    for quote in doc._.quotes:
        assert text[quote.start:quote.end] == quote.text
    assert str(doc._.published) == "2016-10-04"


def test_extract_many_mixes_long_and_short_texts_in_order(small_pieces):
    text = real_paragraphs_text()
    short = '“We will win,” said Senator Jane Doe.'
    results = list(small_pieces.extract_many([(short, None), (text, "2016-10-04"), (short, None)], batch_size=4))
    assert [len(r) for r in results][0] == [len(r) for r in results][2] == 1
    assert len(results[1]) > 20


def test_a_piece_opening_inside_an_entity_the_token_before_lacks_starts_it():
    iob, label = ARRAY_ATTRS.index(ENT_IOB), ARRAY_ATTRS.index(ENT_TYPE)
    outside, person, place = Token.iob_strings().index("O"), 1, 2
    rows = [(IOB_BEGIN, person), (IOB_INSIDE, person),  # piece 1
            (IOB_INSIDE, person), (outside, 0),  # piece 2 goes on with the same entity: kept
            (IOB_INSIDE, place), (IOB_INSIDE, place),  # piece 3 opens inside an entity the token before lacks
            (IOB_INSIDE, person)]  # piece 4: another label than the token before
    array = numpy.zeros((len(rows), len(ARRAY_ATTRS)), dtype="uint64")
    array[:, iob], array[:, label] = zip(*rows, strict=True)
    _mend_entity_starts(array, [2, 2, 2, 1])
    assert array[:, iob].tolist() == [IOB_BEGIN, IOB_INSIDE, IOB_INSIDE, outside, IOB_BEGIN, IOB_INSIDE, IOB_BEGIN]

"""Long texts in bounded pieces: where texts are cut, and that the quotations are those of the whole text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution.cleaning import clean_text
from attribution.marks import find_quoted_spans
from attribution.pieces import piece_bounds

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
    # Everything equal but the learned tagger's confidences, which may move a little: its tok2vec sees a
    # few tokens across a cut, so a sentence starting a piece gets slightly different probabilities. So do
    # the entity labels there (a name opening a piece may lose its label: "Trump cut weapons supplies to
    # Kyiv." ¶ "He publicly insulted ..."), and with them the name a pronoun in the piece's first paragraph
    # resolves to: in that paragraph only the resolved name may differ.
    first_paragraphs = [(start, text.find("\n", start) % (len(text) + 1)) for start, _ in piece_bounds(text, 1500)[1:]]

    def comparable(quote):
        opening = any(start <= quote["start"] < end for start, end in first_paragraphs)
        return {**quote, "confidence": None, **({"speaker": None, "speaker_kind": None} if opening else {})}

    assert [comparable(q) for q in pieces_quotes] == [comparable(q) for q in whole_quotes]
    for piece_quote, whole_quote in zip(pieces_quotes, whole_quotes, strict=True):
        assert piece_quote["confidence"] == pytest.approx(whole_quote["confidence"], abs=0.02)
        if piece_quote["rule"] != "learned":
            assert piece_quote["confidence"] == whole_quote["confidence"]


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

"""Quotation marks -> quoted spans (attribution.marks): pure text, no spaCy."""

from __future__ import annotations

from attribution.marks import find_quoted_spans


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quoted_spans(text)]


def test_straight_and_curly_double_quotes():
    assert quoted('"Yes," he said. “No,” she said.') == ["Yes,", "No,"]


def test_nyt_style_double_apostrophes():
    text = "''There's a lot of new complexity,'' said Mr. Burman. ''It's anti-reform.''"
    assert quoted(text) == ["There's a lot of new complexity,", "It's anti-reform."]


def test_backtick_pairs():
    assert quoted("``Hopefully,'' the president said.") == ["Hopefully,"]


def test_single_quotes_inside_double_belong_to_the_outer_quotation():
    text = "“Does anybody think that if Trump uses the phrase ‘Islamic terrorism’ it matters?” said Obama."
    assert quoted(text) == ["Does anybody think that if Trump uses the phrase ‘Islamic terrorism’ it matters?"]


def test_guillemets():
    assert quoted("Il a dit: «Nous gagnerons.»") == ["Nous gagnerons."]


def test_top_level_curly_single_quotes_but_not_apostrophes():
    text = "He said ‘we will win’ and didn’t explain the ’90s."
    assert quoted(text) == ["we will win"]


def test_multi_paragraph_quotation_reopens_each_paragraph():
    text = "“The first paragraph goes on\n\n“and the second one too,” he said.\n\nAfter."
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["The first paragraph goes on", "and the second one too,"]
    assert spans[0].continues and spans[1].continued


def test_unbalanced_mark_does_not_swallow_the_rest():
    text = "He said “this never closes.\n\nNext paragraph. “A real quote,” she said.\n\nLast “one” here."
    assert quoted(text)[-2:] == ["A real quote,", "one"]
    first = find_quoted_spans(text)[0]
    assert first.close_mark is None and not first.balanced


def test_mistyped_closing_mark_opening_a_paragraph():
    text = "”Mr. Trump embodies the legacy.” ― Sonya Herridge"
    assert quoted(text) == ["Mr. Trump embodies the legacy."]


def test_offsets_exclude_the_marks():
    text = 'She said: "exactly this."'
    (span,) = find_quoted_spans(text)
    assert text[span.start - 1] == '"' and text[span.end] == '"'

"""The resolver and the dater never raise, whatever quotations they are handed (offsets out of range,
empty spans, mentions without cues), and never change a quotation's offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.dating import date_quotes
from attribution.model import load_nlp
from attribution.resolution import ResolutionContext, resolve_quotes
from attribution.types import Quote

TEXT = ("Senator John McCain said on Tuesday that “the summit was a disgrace.” He added: “No prior president "
        "has ever abased himself.”\n\n“It was tragic,” she said. The White House did not answer. "
        "\"Sources\" said it, and it said so in July 2018.")


@pytest.fixture(scope="module")
def doc():
    return load_nlp()(TEXT)


offset = st.integers(min_value=-5, max_value=len(TEXT) + 5)


@st.composite
def quotes(draw):
    start, end = sorted((draw(offset), draw(offset)))
    quote = Quote(text=TEXT[max(start, 0):max(end, 0)], start=start, end=end,
                  type=draw(st.sampled_from(["direct", "mixed", "indirect"])),
                  confidence=draw(st.floats(min_value=0, max_value=1)))
    if draw(st.booleans()):
        quote.speaker_start, quote.speaker_end = sorted((draw(offset), draw(offset)))
    if draw(st.booleans()):
        quote.cue_start, quote.cue_end = sorted((draw(offset), draw(offset)))
        quote.cue = "said"
    return quote


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(quotes(), max_size=6), st.one_of(st.none(), st.dates()))
def test_never_raises_and_keeps_offsets(doc, batch, published):
    before = [(q.start, q.end, q.speaker_start, q.speaker_end) for q in batch]
    context = ResolutionContext(doc, batch)
    results = resolve_quotes(doc, batch, context)
    datings = date_quotes(doc, batch, published, context.table)
    assert len(results) == len(datings) == len(batch)
    assert [(q.start, q.end, q.speaker_start, q.speaker_end) for q in batch] == before
    for quote in batch:
        assert 0 <= quote.confidence <= 1
        assert quote.speaker_kind in (None, "person", "organization")
        if quote.said_on is not None:
            assert quote.said_on_evidence
            assert re.fullmatch(r"\d{4}(-\d\d){0,2}", quote.said_on)


def test_empty_text_and_no_quotations():
    doc = load_nlp()("")
    assert resolve_quotes(doc, []) == []
    assert date_quotes(doc, [], None) == []

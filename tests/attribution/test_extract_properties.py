"""Property: extract never raises on arbitrary Unicode, and every offset indexes the input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Text made to stress the quotation-mark scanner: marks of every kind, line breaks, words, cue verbs.
PIECES = st.sampled_from(['"', "“", "”", "‘", "’", "''", "``", "«", "»", "„", "'", "\n", "\n\n", " ", ", ", ". ",
                          "said", " he said", " according to", "Obama", "She", " told reporters: ", "—", "―",
                          "(", ")", "that", "é", "\u00a0", "\u200b", "🙂"])
QUOTY_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check_offsets(text: str, quotes) -> None:
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        for start, end, value in ((q.cue_start, q.cue_end, q.cue), (q.speaker_start, q.speaker_end, q.speaker_mention)):
            if value is not None and value != "":
                assert text[start:end] == value or value == text[start:end].strip()
        assert 0.0 <= q.confidence <= 1.0


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_unicode(extractor, text):
    _check_offsets(text, extractor.extract(text))


@SETTINGS
@given(text=QUOTY_TEXT)
def test_quotation_heavy_text(extractor, text):
    _check_offsets(text, extractor.extract(text, "2020-02-29"))

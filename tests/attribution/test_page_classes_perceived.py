"""Real pages, 2026-12-04 late evening (helper `pages2`): a reader or hearer taking in a clause ("He'd read
that there were fires ...") is no source of it. Sentences written for these tests in the shape read on a
page."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "He'd read that there were floods in the valley, but didn't think he'd be affected.",
    "She read that the bridge was closed.",
    "Maria read online that the vaccine was unsafe.",
    "They had heard that the plant would close.",
])
def test_a_reader_or_hearer_of_a_clause_is_no_source(extractor, text):
    assert not [q for q in extractor.extract(text) if q.cue and ("read" in q.cue or "heard" in q.cue
                                                                  or q.cue == "had")]


@pytest.mark.parametrize(("text", "speaker_mention"), [
    ("The sign read that the road was closed.", "The sign"),  # a document reads what it says
    ("\u201cWe will not give up,\u201d read the statement.", "the statement"),
    ("The judge read the verdict aloud: \u201cGuilty on all counts.\u201d", "The judge"),  # reading out words
])
def test_what_a_document_reads_or_someone_reads_out_stays(extractor, text, speaker_mention):
    (quote,) = [q for q in extractor.extract(text) if q.cue == "read"]
    assert quote.speaker_mention == speaker_mention

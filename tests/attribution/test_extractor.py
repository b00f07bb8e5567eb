"""The public API: Extractor.extract / extract_many, published dates, the version string."""

from __future__ import annotations

import datetime as dt

import pytest

import attribution
from attribution.extractor import parse_published

TEXT = '"We will win this state," Senator Jane Doe said on Tuesday. "And then we will win the country."'


def test_version_is_a_string():
    assert isinstance(attribution.ATTRIBUTION_VERSION, str) and attribution.ATTRIBUTION_VERSION


def test_extract_returns_quotes_with_offsets(extractor):
    quotes = extractor.extract(TEXT)
    assert [q.text for q in quotes] == ["We will win this state,", "And then we will win the country."]
    assert all(TEXT[q.start:q.end] == q.text for q in quotes)
    assert {q.cue for q in quotes} == {"said"}


@pytest.mark.parametrize("published", ["2024-03-05", dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 12, 0)])
def test_published_forms_reach_the_doc(extractor, published):
    doc = extractor.process(TEXT, published)
    assert doc._.published == dt.date(2024, 3, 5)


def test_bad_published_is_a_clear_error(extractor):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        extractor.extract(TEXT, "last Tuesday")
    assert parse_published(None) is None and parse_published("") is None


def test_non_text_input_is_a_clear_error(extractor):
    with pytest.raises(TypeError):
        extractor.extract(b"bytes are not text")  # type: ignore[arg-type]


def test_extract_many_streams_in_input_order(extractor):
    consumed = []

    def docs():
        for i, text in enumerate(["No quotation here.", TEXT, "", '"Fine," she said.']):
            consumed.append(i)
            yield text, None

    results = extractor.extract_many(docs(), batch_size=2)
    first = next(results)  # streaming: the first result arrives before the whole input is read
    assert first == [] and len(consumed) < 4
    rest = list(results)
    assert [len(r) for r in rest] == [2, 0, 1]


def test_empty_and_whitespace_texts(extractor):
    assert extractor.extract("") == []
    assert extractor.extract("   \n\n  ") == []


def test_extractor_accepts_a_loaded_language():
    from attribution import Extractor
    from attribution.model import load_nlp

    nlp = load_nlp.__wrapped__(None)
    ex = Extractor(nlp)
    assert ex.nlp is nlp and "attribution_linker" in nlp.pipe_names
    assert ex.extract(TEXT)


@pytest.mark.slow
def test_extract_many_with_processes_matches_one_process(extractor):
    texts = [(TEXT, None), ("Nothing quoted.", None), ('"Yes," he said.', "2020-01-01")] * 3
    single = [[q.to_dict() for q in qs] for qs in extractor.extract_many(texts)]
    multi = [[q.to_dict() for q in qs] for qs in extractor.extract_many(texts, processes=2, batch_size=2)]
    assert multi == single


BRITISH_TITLES = [
    'Joan Webb, a former candidate for governor in Ohio who now runs Blue Harbor Partners, labeled Mr Stone '
    '"unfit to be mayor."',
    'Paul Grant, a one-time rival in Kent who now runs Gold Line Logistics, branded Mrs Hale "a danger to the party."',
    'Ms Webb said that Mr Stone had "no idea" what he was doing, and Dr Patel agreed.',
]


@pytest.mark.parametrize("british", BRITISH_TITLES)
def test_titles_without_a_stop_parse_as_the_abbreviated_ones(extractor, british):
    # British papers write "Mr Stone"; the model learned "Mr. Stone" from American news.
    american = british
    for title in ("Mr", "Mrs", "Ms", "Dr"):
        american = american.replace(f"{title} ", f"{title}. ")

    def parse(text: str) -> list[tuple[str, int, str, str]]:
        return [(t.dep_, t.head.i, t.tag_, t.ent_type_) for t in extractor.process(text)]

    assert parse(british) == parse(american)

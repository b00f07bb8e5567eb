"""Per-token work read off a Doc's attribute arrays gives what the Token-by-Token reading gave (the
array paths exist for speed only: benchmarks/attribution_speed.py)."""

import numpy
import pytest

from attribution.learned.data import LABELS
from attribution.learned.grouping import role_runs
from attribution.learned.tagger import SENTENCE_END, WORD_FEATURES, cue_form_statistics, word_feature_rows
from attribution.linker import LINKER_DEFAULTS, Linker
from attribution.model import load_nlp
from attribution.triggers import TRIGGERS

TEXTS = [
    "Prices rose.\n\nThe mayor said the bridge would open. It did.",
    "It rose. “We lost,” he said.  Then came more.\n \nAccording to Smith, it is over!",
    "\n\n  \n",
    "",
]


def token_word_feature_rows(doc) -> numpy.ndarray:
    """The features as first written, one Token at a time."""
    forms = cue_form_statistics()
    features = numpy.zeros((len(doc), len(WORD_FEATURES)), dtype="float32")
    line_start = sentence_start = True
    for token in doc:
        if token.is_space:
            line_start = sentence_start = line_start or "\n" in token.text
            continue
        features[token.i, :2] = forms.get(token.lower_, (0.0, 0.0))
        features[token.i, 2:5] = line_start, sentence_start, token.is_title
        line_start = False
        sentence_start = token.text in SENTENCE_END or (sentence_start and token.is_punct)
    return features


@pytest.mark.parametrize("text", TEXTS)
def test_word_features_from_arrays_equal_the_token_reading(text):
    doc = load_nlp().make_doc(text)
    assert numpy.array_equal(word_feature_rows(doc), token_word_feature_rows(doc))


def test_role_runs_break_at_a_line_and_begin_at_a_b_tag():
    doc = load_nlp().make_doc("Smith said\nhe would go and she would stay")
    probs = numpy.full((len(doc), len(LABELS)), 0.01, dtype="float32")
    tags = ["B-SRC", "B-CUE", "I-CNT", "B-CNT", "I-CNT", "I-CNT", "I-CNT", "B-CNT", "I-CNT", "I-CNT"]
    for i, tag in enumerate(tags):
        probs[i, LABELS.index(tag)] = 0.9
    runs = [(r.role, r.start, r.end) for r in role_runs(doc, probs, max_gap=-1)]  # (no bridging)
    # The line break (token 2), though tagged content, ends the cue's run and starts none of its own.
    assert runs == [("SRC", 0, 1), ("CUE", 1, 2), ("CNT", 3, 7), ("CNT", 7, 10)]


def token_role_runs(doc, probs: numpy.ndarray) -> list[tuple[str, int, int]]:
    """The runs (before bridging) as first found, one Token at a time."""
    best = probs.argmax(axis=1)
    runs, current = [], None
    for token in doc:
        kind = LABELS[best[token.i]].split("-")[-1] if not (token.is_space and "\n" in token.text) else "BREAK"
        begins = kind in ("SRC", "CUE", "CNT") and LABELS[best[token.i]].startswith("B-")
        if current is not None and (kind != current[0] or begins):
            runs.append(tuple(current))
            current = None
        if kind in ("SRC", "CUE", "CNT") and current is None:
            current = [kind, token.i, token.i + 1]
        elif current is not None:
            current[2] = token.i + 1
    return runs + ([tuple(current)] if current else [])


@pytest.mark.parametrize("text", TEXTS[:3])
def test_role_runs_from_arrays_equal_the_token_reading(text):
    doc = load_nlp().make_doc(text)
    # One label clearly ahead per token (so that B+I sums and the label argmax agree on the role).
    rng = numpy.random.default_rng(7)
    probs = numpy.full((len(doc), len(LABELS)), 0.01, dtype="float32")
    probs[numpy.arange(len(doc)), rng.integers(0, len(LABELS), len(doc))] = 0.9
    assert [(r.role, r.start, r.end) for r in role_runs(doc, probs, max_gap=-1)] == token_role_runs(doc, probs)


def test_the_indirect_rules_are_asked_only_of_trigger_words():
    doc = load_nlp().make_doc("The mayor said on Tuesday that, according to aides, the bridge opens.")
    linker = Linker(doc, LINKER_DEFAULTS)
    forms = frozenset().union(*(t.forms for t in TRIGGERS.values()))
    assert [t.text for t in linker._trigger_words()] == [t.text for t in doc if t.lower_ in forms]
    assert "said" in [t.text for t in linker._trigger_words()]
    assert "bridge" not in [t.text for t in linker._trigger_words()]


def test_the_parser_subdoc_has_the_regions_words_and_spaces():
    from attribution.parsing import AttributionParser

    nlp = load_nlp()
    doc = nlp.make_doc("Intro.\n\nHé said 😀 “we’ll  win,” she noted — twice. End")
    sub = AttributionParser(None, nlp.vocab)._subdoc(doc, 2, len(doc) - 1)
    assert [t.text for t in sub] == [t.text for t in doc[2:len(doc) - 1]]
    assert [t.whitespace_ for t in sub] == [t.whitespace_ for t in doc[2:len(doc) - 1]]


def test_the_mean_of_a_run_is_numpys_mean():
    from attribution.learned.grouping import _mean32

    rng = numpy.random.default_rng(3)
    roles = rng.random((500, 4), dtype="float32")
    for start, length, column in zip(rng.integers(0, 400, 300), rng.integers(1, 100, 300),
                                     rng.integers(0, 4, 300), strict=True):
        values = roles[start:start + length, column]
        assert _mean32(values) == float(values.mean())


@pytest.mark.parametrize("text", TEXTS)
def test_line_breaks_found_by_bisection_equal_the_token_scan(text):
    from attribution.extensions import line_break_tokens
    from attribution.learned.grouping import _break_within

    doc = load_nlp().make_doc(text)
    breaks = line_break_tokens(doc)
    for lo in range(len(doc) + 1):
        for hi in range(lo, len(doc) + 1):
            assert _break_within(breaks, lo, hi) == any("\n" in t.text for t in doc[lo:hi])


def test_the_cues_near_a_content_run_hold_every_cue_it_can_take():
    from attribution.learned.grouping import Run, _cues_near

    # Disjoint cue runs in text order around a content run at tokens 40-50.
    cues = [Run("CUE", start, start + 2) for start in range(0, 100, 5) if not 38 <= start < 50]
    content = Run("CNT", 40, 50)
    for sentence_start, sentence_end, max_distance in [(35, 60, 3), (0, 100, 0), (40, 50, 30), (45, 46, 7)]:
        near = _cues_near(cues, content, sentence_start, sentence_end, max_distance)
        wanted = [c for c in cues if sentence_start <= c.start < sentence_end
                  or (c.end <= content.start and content.start - c.end <= max_distance)
                  or (c.start >= content.end and c.start - content.end <= max_distance)]
        assert all(c in near for c in wanted)
        assert near == cues[cues.index(near[0]):cues.index(near[-1]) + 1]  # a run of the cues, in order


@pytest.mark.parametrize("text", TEXTS)
def test_layout_line_breaks_from_positions_equal_the_text_slices(text):
    from attribution.resolution.layout import _line_break_before

    doc = load_nlp().make_doc(text)
    starts = [t.idx for t in doc]
    assert _line_break_before(text, starts) == [i > 0 and "\n" in text[starts[i - 1]:starts[i]]
                                                for i in range(len(starts))]


def test_the_daters_event_nouns_from_the_lemma_array_equal_the_token_reading(extractor):
    from attribution.dating import EVENT_NOUNS, _Dater

    doc = extractor.process("After the Summit in Helsinki, Smith said at a rally and two meetings that it was over.")
    dater = _Dater(doc, list(doc._.quotes or []), None, None)
    assert dater._event_token_indices() == [t.i for t in doc if t.lemma_.lower() in EVENT_NOUNS]
    assert len(dater._event_token_indices()) >= 2


def test_the_tagger_batches_grow_up_to_the_token_budget(monkeypatch):
    import attribution.learned.tagger as tagger_module

    monkeypatch.setattr(tagger_module, "BATCH_TOKENS", 10)
    docs = [[0] * n for n in (3, 3, 3, 3, 20, 1, 1)]  # stand-ins: only their lengths count
    batches = [[len(d) for d in batch] for batch in tagger_module._token_batches(iter(docs), 2)]
    # Two Docs at least (the batch size), more while within 10 tokens; a long Doc still joins a short batch.
    assert batches == [[3, 3, 3], [3, 20], [1, 1]]


def test_the_learned_tags_do_not_depend_on_the_docs_batched_with_them(extractor):
    from spacy.pipeline import TrainablePipe

    nlp = extractor.nlp
    texts = ["The mayor said the bridge would open.", "“We lost,” he said. Then came more.",
             "According to Smith, prices rose sharply last year and will rise again."]
    tagger = nlp.get_pipe("attribution_tagger")

    def tagged(batch_size, pipe):
        docs = list(nlp.get_pipe("tok2vec").pipe((nlp.make_doc(t) for t in texts), batch_size=3))
        return [d._.attribution_probs.copy() for d in pipe(iter(docs), batch_size=batch_size)]

    alone = tagged(1, lambda docs, batch_size: TrainablePipe.pipe(tagger, docs, batch_size=batch_size))
    together = tagged(1, tagger.pipe)  # one batch of all three (within the token budget)
    assert all(numpy.array_equal(a, b) for a, b in zip(alone, together, strict=True))

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

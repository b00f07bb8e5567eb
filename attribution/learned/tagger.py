""""attribution_tagger": a trainable spaCy component tagging every token as source, cue, content or none.

It reads the pipeline's own ``tok2vec`` output (``Doc.tensor``, computed once for the tagger and parser
anyway) and adds a small CNN of its own on top, so at run time it costs a few matrix products per token.
The tags it writes (``Doc._.attribution_tags``, label ids into ``LABELS``, and
``Doc._.attribution_probs``, one row of label probabilities per token) are read by the selective parser
(sentences with a learned cue are parsed) and by "learned_attributions", which turns them into quotes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, IS_TITLE, LOWER, ORTH
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.training import Example, validate_get_examples
from spacy.util import registry
from thinc.api import (
    LSTM,
    Config,
    Maxout,
    Model,
    SequenceCategoricalCrossentropy,
    Softmax,
    chain,
    clone,
    expand_window,
    residual,
    with_array,
    with_padded,
)
from thinc.types import Floats2d

import attribution.extensions  # noqa: F401  (Doc._.quoted_spans, Doc._.quotes)
from attribution.extensions import doc_text, line_break_tokens
from attribution.learned.data import LABELS
from attribution.lexicon import MIN_COUNT, cue_entries, inflections
from attribution.marks import find_quoted_spans

WEIGHTS_FILE = "attribution_tagger.bin"
PACKAGED = "packaged"  # the ``weights`` setting naming the weights shipped in attribution/learned/weights


class LearnedModelMissing(RuntimeError):
    """The learned component's weights are not where the configuration says."""


def register_doc_extensions() -> None:
    for name in ("attribution_tags", "attribution_probs"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def packaged_weights() -> Path:
    return Path(str(resources.files("attribution.learned") / "weights" / WEIGHTS_FILE))


N_MARK_FEATURES = 2  # inside quotation marks; is a quotation mark
# What the word-feature tagger adds per token to the marks: its form's precision and frequency as a cue
# in train (the tensor's 4-token window hardly tells "said" from "made"), paragraph start, sentence
# start (after . ! ? or a line break), title case. The tagger runs before the model's parser and NER, so
# only what the tokens themselves say is available.
WORD_FEATURES = ("cue_precision", "cue_frequency", "paragraph_start", "sentence_start", "title_case")
SENTENCE_END = frozenset({".", "!", "?"})
_SENTENCE_END_IDS = numpy.array([get_string_id(mark) for mark in sorted(SENTENCE_END)], dtype="uint64")


def n_features(word_features: bool) -> int:
    return N_MARK_FEATURES + (len(WORD_FEATURES) if word_features else 0)


@registry.layers("attribution.doc_tensors.v1")
def doc_tensors(width: int, word_features: bool = False) -> Model[list[Doc], list[Floats2d]]:
    """The tok2vec output already on each Doc (``Doc.tensor``), two quotation-mark features per token
    (inside a quotation, is a mark: the marks say where direct content is) and, with ``word_features``,
    the ``WORD_FEATURES``; nothing to learn."""
    return Model("doc_tensors", _tensors_forward, attrs={"width": width, "word_features": word_features},
                 dims={"nO": width + n_features(word_features)})


def _tensors_forward(model: Model, docs: list[Doc], is_train: bool):  # noqa: ARG001 (thinc's signature)
    width, word_features = model.attrs["width"], model.attrs["word_features"]
    out = []
    for doc in docs:
        tensor = doc.tensor
        if len(doc) and (tensor is None or tensor.ndim != 2 or tensor.shape != (len(doc), width)):
            raise ValueError(f"attribution_tagger needs the pipeline's tok2vec output (Doc.tensor of width {width}) "
                             f"and found shape {getattr(tensor, 'shape', None)}: put it after tok2vec")
        features = numpy.zeros((len(doc), width + n_features(word_features)), dtype="float32")
        if len(doc):
            features[:, :width] = tensor
            features[:, width:width + N_MARK_FEATURES] = mark_features(doc)
            if word_features:
                features[:, width + N_MARK_FEATURES:] = word_feature_rows(doc)
        out.append(model.ops.asarray2f(features))
    return out, _no_gradient


def _no_gradient(d_out: list[Floats2d]) -> list:  # noqa: ARG001 (the tensor is the model's, not ours)
    return []


def mark_features(doc: Doc) -> numpy.ndarray:
    """Per token: 1 inside a quotation's words, 1 for the marks themselves."""
    if doc._.quoted_spans is None:
        doc._.quoted_spans = find_quoted_spans(doc_text(doc))
    starts = doc.to_array("IDX").astype("int64")
    features = numpy.zeros((len(doc), N_MARK_FEATURES), dtype="float32")
    for quoted in doc._.quoted_spans:
        first, last = numpy.searchsorted(starts, [quoted.start, quoted.end])
        features[first:last, 0] = 1.0
        opener = numpy.searchsorted(starts, quoted.start - len(quoted.open_mark))
        features[min(opener, len(doc) - 1), 1] = 1.0
        if quoted.close_mark and last < len(doc):
            features[last, 1] = 1.0
    return features


def word_feature_rows(doc: Doc) -> numpy.ndarray:
    """Per token, the ``WORD_FEATURES`` (see there). Read off the Doc's attribute arrays (no Token
    objects): only the whitespace tokens' texts are looked at, for line breaks. A token's own trailing
    whitespace is one space at most (``Token.whitespace_``), so a line break is always a token."""
    features = numpy.zeros((len(doc), len(WORD_FEATURES)), dtype="float32")
    if not len(doc):
        return features
    lower, orth, space, punct, title = doc.to_array([LOWER, ORTH, IS_SPACE, IS_PUNCT, IS_TITLE]).T
    words = numpy.flatnonzero(space == 0)
    forms = _cue_form_statistics_by_id()
    # Looked up once per distinct form, not per token.
    distinct, which = numpy.unique(lower[words], return_inverse=True)
    statistics = numpy.array([forms.get(form, (0.0, 0.0)) for form in distinct.tolist()],
                             dtype="float32").reshape(-1, 2)
    features[words, :2] = statistics[which.reshape(-1)]
    features[words, 4] = title[words]
    features[:, 2:4] = _paragraph_and_sentence_starts(doc, space != 0, punct != 0, numpy.isin(orth, _SENTENCE_END_IDS))
    return features


def _paragraph_and_sentence_starts(doc: Doc, space: numpy.ndarray, punct: numpy.ndarray, ends: numpy.ndarray
                                   ) -> numpy.ndarray:
    """Per token, whether it is a word that starts a paragraph (the text's first word, or the first after a
    line break) and one that starts a sentence (the first word after a run of whitespace tokens counts
    when it starts a paragraph; right after another word, when that word ends a sentence, or is
    punctuation right after a sentence start, ". \" Yes"). On whole arrays: the state a token-by-token
    pass would carry is read from the last token that sets it."""
    n = len(space)
    starts = numpy.zeros((n, 2), dtype="bool")
    if not n:
        return starts
    index = numpy.arange(n)
    word = ~space
    line_break = numpy.zeros(n, dtype="bool")
    line_break[line_break_tokens(doc)] = True
    # The last word before each token (-1: none), and the line breaks before each token.
    previous_word = numpy.concatenate([[-1], numpy.maximum.accumulate(numpy.where(word, index, -1))[:-1]])
    breaks_before = numpy.concatenate([[0], numpy.cumsum(line_break)[:-1]])
    breaks_through = numpy.cumsum(line_break)
    paragraph = (previous_word == -1) | (breaks_before - breaks_through[numpy.maximum(previous_word, 0)] > 0)
    # A word after whitespace (or the first token) opens a chain of words: its sentence start is its
    # paragraph start; in the chain, a word ending a sentence sets the next one's, a word that is no
    # punctuation unsets it, punctuation passes it on.
    opens = word & ((index == 0) | (previous_word != index - 1))
    has_event = numpy.zeros(n + 1, dtype="bool")
    value = numpy.zeros(n + 1, dtype="bool")
    setters = numpy.flatnonzero(word & (ends | ~punct))
    has_event[setters + 1] = True
    value[setters + 1] = ends[setters]
    has_event[:n][opens] = True
    value[:n][opens] = paragraph[opens]
    last_event = numpy.maximum.accumulate(numpy.where(has_event, numpy.arange(n + 1), -1))[:n]
    starts[:, 0] = word & paragraph
    starts[:, 1] = word & value[numpy.maximum(last_event, 0)]
    return starts


@lru_cache(maxsize=1)
def _cue_form_statistics_by_id() -> dict[int, tuple[float, float]]:
    """``cue_form_statistics`` keyed by the forms' string ids, as ``Doc.to_array(LOWER)`` gives them."""
    return {get_string_id(form): value for form, value in cue_form_statistics().items()}


@lru_cache(maxsize=1)
def cue_form_statistics() -> dict[str, tuple[float, float]]:
    """Lower-case word form -> (precision as a cue in train, log count as a cue scaled to [0, 1]) for the
    lexicon's entries frequent enough to trust (a form of two lemmas takes the more precise)."""
    entries = [e for e in cue_entries() if e["cue"] >= MIN_COUNT and e["lemma"].isalpha()]
    if not entries:
        return {}
    top = math.log1p(max(e["cue"] for e in entries))
    out: dict[str, tuple[float, float]] = {}
    for entry in entries:
        value = (float(entry["precision"]), math.log1p(entry["cue"]) / top)
        for form in inflections(entry["lemma"]):
            if out.get(form, (-1.0, 0.0))[0] < value[0]:
                out[form] = value
    return out


def _projection(tensor_width: int, width: int, maxout_pieces: int, dropout: float,
                word_features: bool = False) -> Model:
    return Maxout(width, tensor_width + n_features(word_features), nP=maxout_pieces, normalize=True,
                  dropout=dropout)


@registry.architectures("attribution.TensorTagger.v1")
def build_tensor_tagger(tensor_width: int, width: int, depth: int, window_size: int, maxout_pieces: int,
                        dropout: float, n_labels: int) -> Model[list[Doc], list[Floats2d]]:
    """Doc.tensor -> Maxout projection -> ``depth`` residual window CNN layers -> label softmax."""
    layer = residual(chain(expand_window(window_size),
                           Maxout(width, width * (2 * window_size + 1), nP=maxout_pieces, normalize=True,
                                  dropout=dropout)))
    encoder = chain(_projection(tensor_width, width, maxout_pieces, dropout), clone(layer, depth))
    return chain(doc_tensors(tensor_width), with_array(chain(encoder, Softmax(n_labels, width))))


@registry.architectures("attribution.TensorBiLSTMTagger.v1")
def build_bilstm_tagger(tensor_width: int, width: int, depth: int, maxout_pieces: int, dropout: float,
                        n_labels: int) -> Model[list[Doc], list[Floats2d]]:
    """Doc.tensor -> Maxout projection -> bidirectional LSTM over the whole text -> label softmax.

    The model's tok2vec sees four tokens either side; content clauses run much longer, and the LSTM
    measured cheaper than a CNN deep enough to see them (about 8% of en_core_web_sm's time)."""
    return _bilstm_tagger(tensor_width, width, depth, maxout_pieces, dropout, n_labels, word_features=False)


@registry.architectures("attribution.TensorBiLSTMTagger.v2")
def build_bilstm_word_tagger(tensor_width: int, width: int, depth: int, maxout_pieces: int, dropout: float,
                             n_labels: int) -> Model[list[Doc], list[Floats2d]]:
    """As v1, with the ``WORD_FEATURES`` beside the tensor and the marks."""
    return _bilstm_tagger(tensor_width, width, depth, maxout_pieces, dropout, n_labels, word_features=True)


def _bilstm_tagger(tensor_width: int, width: int, depth: int, maxout_pieces: int, dropout: float, n_labels: int,
                   word_features: bool) -> Model[list[Doc], list[Floats2d]]:
    return chain(doc_tensors(tensor_width, word_features=word_features),
                 with_array(_projection(tensor_width, width, maxout_pieces, dropout, word_features=word_features)),
                 with_padded(LSTM(width, width, bi=True, depth=depth, dropout=dropout)),
                 with_array(Softmax(n_labels, width)))


class AttributionTagger(TrainablePipe):
    """Tags each token with one of ``LABELS`` (BIO of source, cue and content)."""

    def __init__(self, vocab, model: Model, name: str = "attribution_tagger") -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg: dict = {"labels": list(LABELS)}
        self._loss = SequenceCategoricalCrossentropy(names=LABELS, normalize=False)

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """As ``TrainablePipe.pipe``, with batches of ``batch_size`` Docs grown up to ``BATCH_TOKENS`` tokens
        (``_token_batches``): the LSTM takes one step per token of a batch's longest Doc whatever the Docs
        beside it, so fuller batches take fewer steps for the same work. A Doc's tags do not depend on the
        Docs batched with it."""
        error_handler = self.get_error_handler()
        for docs in _token_batches(stream, batch_size):
            try:
                self.set_annotations(docs, self.predict(docs))
                yield from docs
            except Exception as e:  # noqa: BLE001 (spaCy's error handler decides, as in TrainablePipe.pipe)
                error_handler(self.name, self, docs, e)

    def predict(self, docs: Iterable[Doc]) -> list[Floats2d]:
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(len(doc), len(LABELS)) for doc in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], scores: list[Floats2d]) -> None:
        for doc, doc_scores in zip(docs, scores, strict=True):
            probs = numpy.asarray(self.model.ops.to_numpy(doc_scores), dtype="float32")
            doc._.attribution_probs = probs
            doc._.attribution_tags = probs.argmax(axis=1) if len(probs) else numpy.zeros(0, dtype="int64")

    def get_loss(self, examples: Iterable[Example], scores: list[Floats2d]):
        truths = [eg.get_aligned("TAG", as_string=True) for eg in examples]
        d_scores, loss = self._loss(scores, truths)
        return float(loss), d_scores

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *,
                   nlp: Language | None = None) -> None:  # noqa: ARG002 (spaCy's signature)
        validate_get_examples(get_examples, "AttributionTagger.initialize")
        docs = [eg.predicted for eg, _ in zip(get_examples(), range(10), strict=False)]
        self.model.initialize(X=docs)

    def load_weights(self, path: Path) -> None:
        if not path.is_file():
            raise LearnedModelMissing(f"the learned attribution weights are missing ({path}); "
                                      "retrain them with `python -m attribution.train`")
        self.model.from_bytes(path.read_bytes())

    def save_weights(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.model.to_bytes())


# A batch's size in tokens: its LSTM arrays take about 2 KB per token (some 60 MB here), and past this
# size longer batches measured no faster.
BATCH_TOKENS = 32_000


def _token_batches(stream: Iterable[Doc], batch_size: int) -> Iterator[list[Doc]]:
    """The Docs of ``stream`` in order, in batches of ``batch_size`` Docs (as ``TrainablePipe.pipe``
    makes them), each grown by the next Docs while it stays within ``BATCH_TOKENS`` tokens."""
    batch: list[Doc] = []
    tokens = 0
    for doc in stream:
        if len(batch) >= batch_size and tokens + len(doc) > BATCH_TOKENS:
            yield batch
            batch, tokens = [], 0
        batch.append(doc)
        tokens += len(doc)
    if batch:
        yield batch


DEFAULT_MODEL = Config().from_str("""
[model]
@architectures = "attribution.TensorBiLSTMTagger.v2"
tensor_width = 96
width = 64
depth = 1
maxout_pieces = 3
dropout = 0.1
n_labels = 7
""")["model"]


@Language.factory("attribution_tagger", default_config={"model": DEFAULT_MODEL, "weights": PACKAGED},
                  requires=["doc.tensor"], assigns=["doc._.attribution_tags", "doc._.attribution_probs"])
def make_attribution_tagger(nlp: Language, name: str, model: Model, weights: str | None) -> AttributionTagger:
    """``weights``: "packaged" (the trained weights shipped with the package), a file path, or None
    (untrained: ``python -m attribution.train`` initialises and trains it)."""
    register_doc_extensions()
    tagger = AttributionTagger(nlp.vocab, model, name)
    if weights is not None:
        tagger.load_weights(packaged_weights() if weights == PACKAGED else Path(weights))
    return tagger


register_doc_extensions()

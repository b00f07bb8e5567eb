""""attribution_tagger": a trainable spaCy component tagging every token as source, cue, content or none.

It reads the pipeline's own ``tok2vec`` output (``Doc.tensor``, computed once for the tagger and parser
anyway) and adds a small CNN of its own on top, so at run time it costs a few matrix products per token.
The tags it writes (``Doc._.attribution_tags``, label ids into ``LABELS``, and
``Doc._.attribution_probs``, one row of label probabilities per token) are read by the selective parser
(sentences with a learned cue are parsed) and by "learned_attributions", which turns them into quotes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
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
from attribution.extensions import doc_text
from attribution.learned.data import LABELS
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


@registry.layers("attribution.doc_tensors.v1")
def doc_tensors(width: int) -> Model[list[Doc], list[Floats2d]]:
    """The tok2vec output already on each Doc (``Doc.tensor``) and two quotation-mark features per token
    (inside a quotation, is a mark: the marks say where direct content is); nothing to learn."""
    return Model("doc_tensors", _tensors_forward, attrs={"width": width}, dims={"nO": width + N_MARK_FEATURES})


def _tensors_forward(model: Model, docs: list[Doc], is_train: bool):  # noqa: ARG001 (thinc's signature)
    width = model.attrs["width"]
    out = []
    for doc in docs:
        tensor = doc.tensor
        if len(doc) and (tensor is None or tensor.ndim != 2 or tensor.shape != (len(doc), width)):
            raise ValueError(f"attribution_tagger needs the pipeline's tok2vec output (Doc.tensor of width {width}) "
                             f"and found shape {getattr(tensor, 'shape', None)}: put it after tok2vec")
        features = numpy.zeros((len(doc), width + N_MARK_FEATURES), dtype="float32")
        if len(doc):
            features[:, :width] = tensor
            features[:, width:] = mark_features(doc)
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


def _projection(tensor_width: int, width: int, maxout_pieces: int, dropout: float) -> Model:
    return Maxout(width, tensor_width + N_MARK_FEATURES, nP=maxout_pieces, normalize=True, dropout=dropout)


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
    return chain(doc_tensors(tensor_width),
                 with_array(_projection(tensor_width, width, maxout_pieces, dropout)),
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


DEFAULT_MODEL = Config().from_str("""
[model]
@architectures = "attribution.TensorBiLSTMTagger.v1"
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

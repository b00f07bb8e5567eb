"""How likely a grouped attribution is right: a logistic model over its structure.

The tagger's own probabilities say little about whether a whole attribution holds (its content runs past
the clause, its cue is a verb of doing). So each candidate is described by a few structural features
(how sure the tagger is of cue, content and source, whether the parse gives the cue a complement with the
same bounds, what the cue word is in the cue lexicon, what kind of word the source is, ...) and scored by
a logistic regression fitted by ``python -m attribution.train`` on train articles the tagger did not
learn from. Its output is the learned quotation's raw ``confidence``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy

SCORER_FILE = "grouping_scorer.json"
FEATURES = (
    "score", "content_prob", "cue_prob", "source_prob", "has_source", "source_from_parse", "source_propn",
    "source_pron", "source_entity", "log_words", "sentences", "snapped", "complement_iou", "has_quotation",
    "cue_before", "log_distance", "cue_verb", "cue_noun", "cue_precision", "cue_known", "cue_speech",
    "starts_that_to", "mean_margin", "cue_parsed", "in_cue_subtree", "cue_attached",
)


@dataclass(slots=True)
class LogisticScorer:
    """p = sigmoid(w . standardised(x) + b)."""

    weights: numpy.ndarray
    bias: float
    mean: numpy.ndarray
    scale: numpy.ndarray
    threshold: float = 0.5  # the probability a learned quotation needs (chosen by training on held-out data)

    def probability(self, x: numpy.ndarray) -> float:
        z = float(numpy.dot(self.weights, (x - self.mean) / self.scale) + self.bias)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "weights": [round(float(w), 6) for w in self.weights],
                           "bias": round(self.bias, 6), "mean": [round(float(m), 6) for m in self.mean],
                           "scale": [round(float(s), 6) for s in self.scale], "threshold": self.threshold},
                          indent=1)

    @classmethod
    def from_json(cls, text: str) -> LogisticScorer:
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the grouping scorer was fitted on other features: retrain with python -m attribution.train")
        return cls(numpy.array(data["weights"]), float(data["bias"]), numpy.array(data["mean"]),
                   numpy.array(data["scale"]), float(data.get("threshold", 0.5)))


def fit(x: numpy.ndarray, y: numpy.ndarray, l2: float = 1.0, iterations: int = 2000,
        learn_rate: float = 0.5) -> LogisticScorer:
    """Deterministic full-batch gradient descent on the L2-regularised log loss."""
    x = numpy.asarray(x, dtype="float64").reshape(len(y), len(FEATURES))
    if len(y) < 2 or len(set(y.tolist())) < 2:  # nothing to learn from: the base rate
        rate = min(max(float(y.mean()) if len(y) else 0.5, 0.01), 0.99)
        return LogisticScorer(numpy.zeros(len(FEATURES)), math.log(rate / (1 - rate)),
                              numpy.zeros(len(FEATURES)), numpy.ones(len(FEATURES)))
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    w = numpy.zeros(z.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(iterations):
        p = 1.0 / (1.0 + numpy.exp(-(z @ w + b)))
        w -= learn_rate * ((z.T @ (p - y)) / n + l2 * w / n)
        b -= learn_rate * float((p - y).mean())
    return LogisticScorer(w, b, mean, scale)


def packaged_scorer_path() -> Path:
    return Path(str(resources.files("attribution.learned") / "weights" / SCORER_FILE))


@lru_cache(maxsize=4)
def load_scorer(path: str) -> LogisticScorer:
    from attribution.learned.tagger import LearnedModelMissing

    file = Path(path)
    if not file.is_file():
        raise LearnedModelMissing(f"the learned grouping scorer is missing ({file}); "
                                  "retrain it with `python -m attribution.train`")
    return LogisticScorer.from_json(file.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def cue_precisions() -> dict[str, float]:
    """Per lemma, the share of its train occurrences that head a gold cue (the cue lexicon's figure).
    (Known: a lemma's noun entry overwrites its verb entry; the shipped scorer was fitted so, and keying
    on (lemma, pos) with a refit measured no better: docs/attribution.md, Training.)"""
    from attribution.lexicon import CUES_FILE

    data = json.loads(Path(CUES_FILE).read_text(encoding="utf-8"))
    return {c["lemma"]: float(c.get("precision", 0.0)) for c in data.get("cues", [])}

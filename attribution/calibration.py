"""Calibrated confidence: the spaCy component "confidence_calibrator" turns each quotation's raw confidence
(the linker's base confidence scaled by the resolver's factors) into a probability that the attribution is
right: of the quotations given 0.8, about 80 % have the right words AND the right speaker (the scorer's
end-to-end notion, ../shared/eval/score.py).

The mapping is a table fitted on PolNeAR TRAIN by ``python -m attribution.calibrate`` and shipped as
``attribution/data/calibration.json``: for every group of quotations sharing their features (type, whether
the speaker resolved, whether a cue was found) an isotonic (monotone, pool-adjacent-violators) function of
the raw confidence. Coarser groups (type and resolution; resolution only; all) are fitted too, and a
quotation uses the finest group with at least ``min_count`` training quotations, so a rare combination
borrows from its neighbours rather than from a handful of cases.

This module only applies the table (numpy, no scorer); fitting lives in ``attribution.calibrate``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from attribution.extensions import register_extensions
from attribution.types import Quote

DEFAULT_TABLE = Path(__file__).with_name("data") / "calibration.json"
MIN_COUNT = 40
LEARNED_RULE = "learned"  # Quote.rule of the learned tagger's quotations (attribution.learned)
MIN_COVERAGE = 0.5
RELIABILITY_BINS = 10


PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "him", "her", "them", "you"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their"})


def mention_kind(quote: Quote) -> str:
    """How the speaker was named: "name", "pronoun", "nominal" ("the senator"), "inherited" (a
    continuation or uncued quotation given the previous speaker) or "unresolved" (no speaker)."""
    if not quote.speaker:
        return "unresolved"
    if not quote.speaker_mention:
        return "inherited"
    if quote.speaker_mention.lower() in PRONOUNS:
        return "pronoun"
    words = quote.speaker_mention.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return "name" if any(word[:1].isupper() for word in words) else "nominal"


def source(quote: Quote) -> str:
    """ "learned" for the trained tagger's quotations (their raw confidence is its own probability, on
    another scale than the rules' scores), else "rules"."""
    return "learned" if quote.rule == LEARNED_RULE else "rules"


def feature_keys(quote: Quote) -> list[str]:
    """The groups a quotation belongs to, finest first ("*": any value): source (rules or learned), type,
    how the speaker was named, whether a cue was found; then coarser, ending with resolved-or-not and
    everything."""
    kind = mention_kind(quote)
    cued = "cue" if quote.cue else "nocue"
    resolved = "unresolved" if kind == "unresolved" else "resolved"
    src = source(quote)
    return [f"{src}|{quote.type}|{kind}|{cued}", f"{src}|{quote.type}|{kind}|*", f"{src}|*|{kind}|*",
            f"{src}|*|{resolved}|*", f"*|*|{resolved}|*", "*|*|*|*"]


@dataclass(frozen=True, slots=True)
class Curve:
    """A monotone step function sampled at block edges: ``numpy.interp(x, xs, ys)``, flat past the ends."""

    n: int  # training quotations the curve is fitted on
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    support: int = 0  # quotations of the group, labelled or not (0: all labelled)

    def __call__(self, x: float) -> float:
        return float(numpy.interp(x, self.xs, self.ys))

    def trusted(self, min_count: int, min_coverage: float) -> bool:
        """Enough labelled quotations, and labelled ones not a small, unrepresentative share of the group."""
        return self.n >= min_count and (not self.support or self.n / self.support >= min_coverage)

    def to_dict(self) -> dict:
        return {"n": self.n, "support": self.support, "x": list(self.xs), "y": list(self.ys)}


def fit_isotonic(x: Sequence[float], y: Sequence[float]) -> Curve:
    """Pool adjacent violators on (x, y): the non-decreasing step function closest to y in squared error.

    Ties in x are pooled first, so the result depends only on the data (deterministic). Each block is
    recorded by its lowest and highest x; between blocks ``Curve`` interpolates linearly."""
    order = numpy.argsort(numpy.asarray(x, dtype=float), kind="stable")
    xs = numpy.asarray(x, dtype=float)[order]
    ys = numpy.asarray(y, dtype=float)[order]
    values, starts, counts = numpy.unique(xs, return_index=True, return_counts=True)
    sums = numpy.add.reduceat(ys, starts) if len(xs) else numpy.array([])
    blocks: list[list[float]] = []  # [sum, weight, x_low, x_high]
    for value, total, count in zip(values, sums, counts, strict=True):
        blocks.append([float(total), float(count), float(value), float(value)])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            last = blocks.pop()
            blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2], last[3]]
    edges_x: list[float] = []
    edges_y: list[float] = []
    for total, weight, low, high in blocks:
        mean = round(total / weight, 4)
        edges_x += [low] if low == high else [low, high]
        edges_y += [mean] if low == high else [mean, mean]
    return Curve(len(xs), tuple(edges_x), tuple(edges_y))


Curves = dict[str, Curve]


def _curve_for(curves: Curves, keys: list[str], min_count: int, min_coverage: float) -> Curve | None:
    """The finest group's curve (``keys``: a quotation's ``feature_keys``) fitted on at least ``min_count``
    training quotations that are at least ``min_coverage`` of the group's quotations."""
    for key in keys:
        curve = curves.get(key)
        if curve is not None and curve.trusted(min_count, min_coverage):
            return curve
    return None


@dataclass(frozen=True, slots=True)
class CalibrationTable:
    """P(right) = P(the words match a real quotation) x P(the speaker is right | they match).

    Two factors, because the training annotation names a speaker only where a name stands in the source
    span: quotations attributed through "he"/"she" rarely have a gold name in train, so their speaker
    accuracy is learnt from a coarser group (a group whose labelled quotations are under ``min_coverage``
    of it is not trusted), while their extraction accuracy is learnt from all of them."""

    extraction: Curves
    speaker: Curves
    meta: dict

    @classmethod
    def load(cls, path: str | Path) -> CalibrationTable:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(*(_curves(data[part]) for part in ("extraction", "speaker")), data.get("meta", {}))

    def save(self, path: str | Path) -> None:
        data = {"meta": self.meta,
                **{part: {key: curves[key].to_dict() for key in sorted(curves)}
                   for part, curves in (("extraction", self.extraction), ("speaker", self.speaker))}}
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def probability(self, quote: Quote, min_count: int = MIN_COUNT,
                    min_coverage: float = MIN_COVERAGE) -> float | None:
        """The calibrated confidence of ``quote`` (None when a factor has no group with enough data)."""
        if not quote.speaker:
            return 0.0  # an attribution without a speaker is never right (the scorer's rule, and ours)
        keys = feature_keys(quote)  # once for both factors
        extraction = _curve_for(self.extraction, keys, min_count, min_coverage)
        speaker = _curve_for(self.speaker, keys, min_count, min_coverage)
        if extraction is None or speaker is None:
            return None
        return round(extraction(quote.confidence) * speaker(quote.confidence), 4)


def _curves(data: dict) -> Curves:
    return {key: Curve(c["n"], tuple(c["x"]), tuple(c["y"]), c.get("support", 0)) for key, c in data.items()}


def _fit_groups(quotes: Iterable[Quote], labels: Iterable[bool | None]) -> Curves:
    """One isotonic curve per feature group (every level of ``feature_keys``); None labels left out."""
    points: dict[str, tuple[list[float], list[float]]] = {}
    support: Counter[str] = Counter()
    for quote, label in zip(quotes, labels, strict=True):
        keys = feature_keys(quote)
        support.update(keys)
        if label is None:
            continue
        for key in keys:
            xs, ys = points.setdefault(key, ([], []))
            xs.append(quote.confidence)
            ys.append(1.0 if label else 0.0)
    return {key: replace(fit_isotonic(xs, ys), support=support[key]) for key, (xs, ys) in points.items()}


def fit_table(quotes: Sequence[Quote], matched: Sequence[bool], speaker_right: Sequence[bool | None],
              meta: dict | None = None) -> CalibrationTable:
    """``matched``: per quotation, whether its words match a gold quotation; ``speaker_right``: whether its
    speaker matches the gold one (None when unmatched or the gold quotation names no speaker). The
    speaker curves' support counts the matched quotations of their group."""
    judged = [q for q, m in zip(quotes, matched, strict=True) if m]
    labels = [r for r, m in zip(speaker_right, matched, strict=True) if m]
    return CalibrationTable(_fit_groups(quotes, matched), _fit_groups(judged, labels), meta or {})


@lru_cache(maxsize=8)
def _load_table(path: str) -> CalibrationTable | None:
    return CalibrationTable.load(path) if Path(path).is_file() else None


def reliability(confidences: Sequence[float], correct: Sequence[bool],
                bins: int = RELIABILITY_BINS) -> tuple[list[dict], float]:
    """Equal-width bins over [0, 1]: per bin its count, mean confidence and accuracy; and the expected
    calibration error (the count-weighted mean of |accuracy - mean confidence|)."""
    conf = numpy.asarray(confidences, dtype=float)
    ok = numpy.asarray(correct, dtype=float)
    index = numpy.minimum((conf * bins).astype(int), bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        mask = index == b
        count = int(mask.sum())
        mean_conf = float(conf[mask].mean()) if count else None
        accuracy = float(ok[mask].mean()) if count else None
        if count:
            ece += count / len(conf) * abs(accuracy - mean_conf)
        rows.append({"low": b / bins, "high": (b + 1) / bins, "count": count, "confidence": mean_conf,
                     "accuracy": accuracy})
    return rows, ece


class ConfidenceCalibrator:
    """Replaces every Doc._.quotes[i].confidence by its calibrated probability (unchanged without a table)."""

    def __init__(self, table: CalibrationTable | None, min_count: int = MIN_COUNT,
                 min_coverage: float = MIN_COVERAGE) -> None:
        self.table = table
        self.min_count = min_count
        self.min_coverage = min_coverage

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            return doc
        for quote in doc._.quotes or ():
            probability = self.table.probability(quote, self.min_count, self.min_coverage)
            if probability is not None:
                quote.confidence = probability
        return doc


@Language.factory("confidence_calibrator",
                  default_config={"table": "", "min_count": MIN_COUNT, "min_coverage": MIN_COVERAGE},
                  assigns=["doc._.quotes"])
def make_confidence_calibrator(nlp: Language, name: str, table: str, min_count: int,  # noqa: ARG001
                               min_coverage: float) -> ConfidenceCalibrator:
    """``table``: path of a fitted calibration JSON ("" = the one shipped in the package); ``min_count``,
    ``min_coverage``: when a feature group's curve is trusted over its coarser parent's."""
    register_extensions()
    return ConfidenceCalibrator(_load_table(str(table or DEFAULT_TABLE)), min_count, min_coverage)

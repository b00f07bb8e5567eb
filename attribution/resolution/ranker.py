"""A learned ranker of antecedents for he/she speaker mentions (conditional logit over hand features).

For a pronoun, the candidates are the persons of the entity table mentioned within the salience window
before it whose gender agrees (or is unknown). Each candidate gets the features below; the model's
softmax over the candidates gives each a probability, and the resolver takes the best one if its
probability reaches ``pronoun_min_probability`` (else leaves the mention unresolved: a wrong name is
worse than none). The weights are trained by ``python -m attribution.resolution.train`` on PolNeAR train
(silver speaker names) and ship as ``pronoun_ranker.json`` beside this module.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from attribution.resolution.entities import Entity
from attribution.resolution.names import Gender

if TYPE_CHECKING:
    from attribution.resolution.resolver import ResolutionContext

WEIGHTS_FILE = "pronoun_ranker.json"

FEATURES = (
    "salience_log", "salience_top", "salience_share",
    "last_same_sentence", "last_previous_sentence", "last_two_back", "last_three_or_more_back",
    "last_earlier_paragraph", "last_two_paragraphs_back", "last_subject", "last_via_pronoun",
    "last_name_far", "previous_speaker", "previous_speaker_near", "previous_speaker_displaced",
    "earlier_speaker", "gender_known", "mentions_log", "subject_in_sentence", "first_person_named",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    entity: Entity
    features: tuple[float, ...]


def _last_before(entity: Entity, pos: int, via: str | None = None):
    return max((m for m in entity.mentions if m.start < pos and (via is None or m.via == via)),
               key=lambda m: m.start, default=None)


def candidates(ctx: ResolutionContext, pos: int, gender: Gender) -> list[Candidate]:
    """Every person a he/she at ``pos`` may mean, with its features (FEATURES order)."""
    table, layout = ctx.table, ctx.layout
    sentence, paragraph = layout.sentence_at(pos), layout.paragraph_at(pos)
    def agrees(entity: Entity) -> float:
        return float(entity.kind == "person" and entity.gender_at(pos) in (None, gender))

    plain = table.salience_scores(pos, agrees)
    bonus = ctx.previous_bonus(pos, gender)
    boosted = table.salience_scores(pos, agrees, bonus)
    if not boosted:
        return []
    top = max(boosted, key=boosted.get)
    total = sum(boosted.values())
    previous = ctx.previous[1] if ctx.previous else None
    # The earliest-mentioned person (the first in table order on a tie): one pass, not a sort per pronoun.
    first_person = min((e for e in table.entities if e.kind == "person"),
                       key=lambda e: min((m.start for m in e.mentions), default=1 << 30), default=None)
    out = []
    for entity_id, score in boosted.items():
        entity = table.entities[entity_id]
        last = _last_before(entity, pos)
        last_name = _last_before(entity, pos, "name")
        distance = sentence - last.sentence
        paragraphs = paragraph - last.paragraph
        is_previous = previous is entity
        features = (
            math.log1p(score) / 6.0, float(entity_id == top), score / total,
            float(distance == 0), float(distance == 1), float(distance == 2), float(distance >= 3),
            float(paragraphs >= 1), float(paragraphs >= 2), float(last.subject), float(last.via == "pronoun"),
            float(last_name is None or sentence - last_name.sentence > table.weights.window),
            float(is_previous), float(is_previous and entity_id in bonus),
            float(is_previous and entity_id not in bonus and entity_id in plain),
            float(ctx.speakers.get(entity_id, 0) > 0), float(entity.gender_at(pos) is not None),
            math.log1p(sum(m.start < pos for m in entity.mentions)) / 3.0,
            float(any(m.subject and m.sentence == sentence and m.start < pos for m in entity.mentions)),
            float(entity is first_person),
        )
        out.append(Candidate(entity, features))
    return out


@dataclass(frozen=True, slots=True)
class PronounRanker:
    weights: tuple[float, ...]

    def probabilities(self, found: list[Candidate]) -> list[float]:
        scores = [sum(w * f for w, f in zip(self.weights, c.features, strict=True)) for c in found]
        peak = max(scores)
        exps = [math.exp(s - peak) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, found: list[Candidate]) -> tuple[Entity, float] | None:
        if not found:
            return None
        probs = self.probabilities(found)
        k = max(range(len(found)), key=probs.__getitem__)
        return found[k].entity, probs[k]

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": list(self.weights)}

    @classmethod
    def from_json(cls, data: dict) -> PronounRanker:
        if data.get("features") != list(FEATURES):
            raise ValueError("pronoun ranker weights were trained on other features: retrain them")
        return cls(tuple(float(w) for w in data["weights"]))


@lru_cache(maxsize=1)
def shipped_ranker() -> PronounRanker | None:
    """The ranker trained into the package, or None when no weights ship."""
    path = resources.files("attribution.resolution").joinpath(WEIGHTS_FILE)
    if not path.is_file():
        return None
    return PronounRanker.from_json(json.loads(path.read_text("utf-8")))

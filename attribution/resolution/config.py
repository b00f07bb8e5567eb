"""Every knob of speaker resolution in one place: the "speaker_resolver" factory's default_config is built
from these defaults, and the pure functions (resolve_quotes, EntityTable) take the same objects."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class Salience:
    """Salience of an entity before a position (Lappin & Leass 1994, reduced)."""

    recency_weight: float = 100.0  # every mention counts for recency
    subject_weight: float = 80.0  # a clause subject counts more
    unknown_gender_factor: float = 0.5  # a person of unknown gender as antecedent of he/she
    paragraph_factor: float = 0.5  # a mention in an earlier paragraph weighs less
    # What an entity's mentions in sentences other than its strongest one add (1 sums them all): a person
    # named in passing in sentence after sentence must not outweigh the subject of the last one, yet how
    # often a person is named still breaks near ties (0 lost those on train: "Christie's been making the
    # case that Rubio isn't ready. '...,' he said"). 0.5: dev direct end-to-end 0.874 -> 0.881.
    older_sentences_factor: float = 0.5
    window: int = 6  # sentences back; older mentions no longer make an antecedent
    # A bare surname two persons share means the more salient when it is at least this many times the
    # other's (a reader has that one in mind); below it, the other namesake rules decide or nobody.
    namesake_salience_ratio: float = 2.0
    role_window: int = 40  # sentences back a role noun ("the senator") may reach for the person given it
    # Sentences back (besides the pronoun's own) a group or plural subject named after an organisation
    # takes a "they" from it (left unresolved): "..., so they're voting" after "a lot of Americans".
    plural_reach: int = 1


# How much each way of finding the speaker keeps of the quotation's base confidence.
DEFAULT_CONFIDENCE_FACTORS: dict[str, float] = {
    "name": 1.0,
    "untagged_name": 0.8,  # capitalised words no tagger called a name, taken as one ("Beck Pimentel")
    "organization": 0.95,
    "pronoun": 0.85,
    "pronoun_far": 0.7,  # antecedent named in an earlier paragraph
    "nominal": 0.75,
    "proxy": 0.6,  # "the Clinton campaign": on the person's behalf
    "continuation": 0.55,
    "none": 0.5,
}


@dataclass(frozen=True, slots=True)
class ResolverConfig:
    confidence_factors: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_CONFIDENCE_FACTORS))
    no_cue_factor: float = 0.85  # a quotation without a cue keeps less of its confidence
    previous_speaker_bonus: float = 150.0  # salience the previous quotation's speaker gets for a pronoun
    # Rank he/she antecedents with the learned ranker (attribution/resolution/ranker.py) instead of the
    # rules. Off: trained as it can be on PolNeAR it measured below the rules (docs/attribution-resolution.md).
    pronoun_model: bool = False
    pronoun_min_probability: float = 0.0  # below it the ranker's best candidate is left unresolved
    salience: Salience = field(default_factory=Salience)

    def factor(self, key: str) -> float:
        return self.confidence_factors.get(key, DEFAULT_CONFIDENCE_FACTORS[key])

    def to_config(self) -> dict:
        """The factory's config form (plain JSON values)."""
        return asdict(self)

    @classmethod
    def from_config(cls, values: dict) -> ResolverConfig:
        values = dict(values)
        salience = Salience(**values.pop("salience", {}))
        factors = {**DEFAULT_CONFIDENCE_FACTORS, **values.pop("confidence_factors", {})}
        return cls(confidence_factors=factors, salience=salience, **values)


DEFAULT_CONFIG = ResolverConfig()

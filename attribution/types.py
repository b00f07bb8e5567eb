"""The Quote record: the one contract between attribution and everything downstream."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

QuoteType = Literal["direct", "mixed", "indirect"]
SpeakerKind = Literal["person", "organization"]


@dataclass(slots=True)
class Quote:
    """One attributed quotation (or quotation piece) found in a text.

    Offsets are Python ``str`` positions in the input text: ``text == input[start:end]``.
    ``text`` excludes the enclosing quotation marks.
    """

    text: str
    start: int
    end: int
    type: QuoteType
    speaker: str | None = None
    speaker_kind: SpeakerKind | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    sentence: str | None = None
    said_on: str | None = None
    said_on_evidence: str | None = None
    confidence: float = 0.0
    rule: str | None = None  # the linking rule that made it (attribution/rules.py), for calibration

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

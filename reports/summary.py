"""A figure's summary: what its pages, the index row, the search entries and the manifest need."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class FigureSummary:
    id: int
    name: str
    kind: str
    n: int  # quotations
    first: str | None  # dates of saying, as QuotationRow.when
    last: str | None
    n_outlets: int
    spark: str  # the index's sparkline points
    taken: str | None  # the latest fetch of its articles ("YYYY-MM-DD HH:MM UTC")
    href: str | None  # its page, or None (unattributed, or under the report's min_quotes)
    # quotations per month: draws the figure's own timeline, so not kept in the manifest
    monthly: dict[str, int] = field(default_factory=dict)

    def to_manifest(self) -> dict[str, Any]:
        record = asdict(self)
        del record["monthly"]
        return record

    @classmethod
    def from_manifest(cls, record: dict[str, Any]) -> FigureSummary:
        return cls(**record)

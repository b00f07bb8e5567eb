"""A stand-in for attribution.Extractor where a test is about the store, not attribution quality:
every "double-quoted" span is a direct quote by the name that follows ``said``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from attribution.types import Quote

QUOTE = re.compile(r'"([^"]+)"(?:,? said ([A-Z][a-z]+ [A-Z][a-z]+))?')


class RegexExtractor:
    def extract(self, text: str, published: str | None = None) -> list[Quote]:
        quotes = []
        for match in QUOTE.finditer(text):
            quotes.append(Quote(text=match.group(1), start=match.start(1), end=match.end(1), type="direct",
                                speaker=match.group(2), speaker_kind="person" if match.group(2) else None,
                                cue="said" if match.group(2) else None, said_on=published and published[:7],
                                confidence=0.5))
        return quotes

    def extract_many(self, docs: Iterable[tuple[str, str | None]], processes: int = 1,
                     batch_size: int = 16) -> Iterator[list[Quote]]:
        for text, published in docs:
            yield self.extract(text, published)

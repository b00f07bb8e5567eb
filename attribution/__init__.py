"""Text in, quotations out: find every quotation in a text and attribute it to its speaker.

A pure library: it imports nothing else of this project, no database and no Scrapy.

    from attribution import Extractor
    quotes = Extractor().extract(text, published="2025-08-07")
"""

from attribution.types import Quote
from attribution.version import attribution_version

# A digest of the rules, the lexicon and the learned weights (attribution.version): stored quotations of
# another version are reprocessed.
ATTRIBUTION_VERSION = attribution_version()

__all__ = ["ATTRIBUTION_VERSION", "Extractor", "Quote"]


def __getattr__(name: str):
    # Lazy: importing attribution.types must not pull in spaCy.
    if name == "Extractor":
        from attribution.extractor import Extractor

        return Extractor
    raise AttributeError(name)

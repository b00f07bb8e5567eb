"""Text in, quotations out: find every quotation in a text and attribute it to its speaker.

A pure library: it imports nothing else of this project, no database and no Scrapy.
"""

from attribution.types import Quote

__all__ = ["Quote"]
